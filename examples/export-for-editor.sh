#!/usr/bin/env bash
# A scripted export, as an editor's assistant would run it before a cut:
# find every clip about the beach, hand the editor a playlist, and list the
# best moment of each hit from the JSON export.
#
# Usage:
#   examples/export-for-editor.sh [--library FILE] [QUERY] [OUTPUT_DIR]
#
#   QUERY       what to look for (default: beach)
#   OUTPUT_DIR  where beach.m3u and beach.json go (default: current directory)
#
# Environment:
#   MLIB          the mlib binary to run (default: mlib on PATH)
#   MLIB_LIBRARY  the library file, as for mlib itself; --library wins over it
#
# Example, against the demo library that `make demo` builds:
#   MLIB=.build/release/mlib MLIB_LIBRARY=/tmp/demo.sqlite examples/export-for-editor.sh
set -euo pipefail

mlib="${MLIB:-mlib}"

# mlib reads MLIB_LIBRARY itself; --library is passed on explicitly so this
# script accepts the same option as mlib.
library_args=()
if [[ "${1:-}" == "--library" ]]; then
    [[ $# -ge 2 ]] || { echo "export-for-editor: --library needs a file" >&2; exit 1; }
    library_args=(--library "$2")
    shift 2
elif [[ "${1:-}" == --library=* ]]; then
    library_args=(--library "${1#--library=}")
    shift
fi

query="${1:-beach}"
out_dir="${2:-.}"
mkdir -p "$out_dir"
# A file name from the query: "red dress" -> red-dress.m3u
name="$(printf '%s' "$query" | tr -cs '[:alnum:]' '-' | sed 's/^-*//; s/-*$//')"
name="${name:-results}"

# 1. A playlist of the matching videos. M3U carries absolute paths and each
#    clip's duration and title, so VLC, mpv or an NLE's import reads it as is.
#    Images are left out unless --include-images is given.
"$mlib" "${library_args[@]}" search "$query" --kind video --format m3u \
    --output "$out_dir/$name.m3u"
echo "playlist: $out_dir/$name.m3u"

# 2. The same search over every kind, as one JSON document, kept next to the
#    playlist for the record.
"$mlib" "${library_args[@]}" search "$query" --limit 50 --format json \
    --output "$out_dir/$name.json"
echo "json:     $out_dir/$name.json"

# 3. Read the JSON back: one line per hit with its kind, path and, for videos,
#    the moments (start-end seconds) where the query matched, e.g. a subtitle
#    cue. An editor can jump straight to those timecodes.
python3 - "$out_dir/$name.json" <<'PY'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)

results = document.get("results", [])
print(f"{len(results)} hit(s) for {document.get('query')!r}")
for hit in results:
    print(f"{hit.get('rank', '?'):>3}  {hit.get('kind', '?'):<5}  {hit.get('path')}")
    for moment in hit.get("moments") or []:
        text = moment.get("text")
        cue = f"  {text!r}" if text else ""
        print(f"       {moment['start']:7.2f}s - {moment['end']:7.2f}s{cue}")
PY
