#!/usr/bin/env bash
# Before a cut: find the clips about something and hand them to the editor as a
# playlist, a timeline, an edit list and a shot list, each clip trimmed to the
# moment where the query matched (a subtitle cue, a chapter, a caption burnt into
# the picture).
#
# Usage:
#   examples/export-for-editor.sh [--library FILE] [--index FOLDER] [QUERY] [OUTPUT_DIR]
#
#   --library FILE   the library to search (default: $MLIB_LIBRARY, else the demo
#                    library .build/demo/library.sqlite that `make demo` builds)
#   --index FOLDER   index (or bring up to date) this folder first
#   QUERY            what to look for (default: harbour)
#   OUTPUT_DIR       where clips.m3u8, clips.otio, clips.edl and clips.csv go
#                    (default: the current directory)
#
# Environment:
#   MLIB   the mlib binary (default: .build/release/mlib of this checkout, else mlib on PATH)
#
# Against the demo library, after `make demo`:
#   examples/export-for-editor.sh harbour /tmp/cut
# Against your own footage:
#   examples/export-for-editor.sh --library ~/cut.sqlite --index ~/Footage "ferry at dawn" ~/Edit
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
mlib="${MLIB:-}"
if [[ -z "$mlib" ]]; then
    if [[ -x "$root/.build/release/mlib" ]]; then mlib="$root/.build/release/mlib"; else mlib=mlib; fi
fi
library="${MLIB_LIBRARY:-$root/.build/demo/library.sqlite}"
index_folder=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --library) [[ $# -ge 2 ]] || { echo "export-for-editor: --library needs a file" >&2; exit 2; }
            library="$2"; shift 2 ;;
        --library=*) library="${1#--library=}"; shift ;;
        --index) [[ $# -ge 2 ]] || { echo "export-for-editor: --index needs a folder" >&2; exit 2; }
            index_folder="$2"; shift 2 ;;
        --index=*) index_folder="${1#--index=}"; shift ;;
        *) break ;;
    esac
done
query="${1:-harbour}"
out_dir="${2:-.}"
mkdir -p "$out_dir"

# 1. Index. mlib reads titles, subtitles, chapters and the text in frames, and
#    only looks again at files that changed, so running this every time is cheap.
if [[ -n "$index_folder" ]]; then
    "$mlib" --library "$library" index "$index_folder"
elif [[ ! -f "$library" ]]; then
    echo "export-for-editor: no library at $library; run \`make demo\`, or pass --index FOLDER" >&2
    exit 1
fi

# 2. Search and export. Timelines and playlists hold videos, so those searches
#    ask for videos only and the limit is not spent on photos or notes. Every
#    clip starts and stops at its best moment; mlib says on stderr when it left
#    hits out (a video of unknown length with no moment cannot be cut).
search() { "$mlib" --library "$library" search "$query" "$@"; }
search --kind video --format m3u --output "$out_dir/clips.m3u8"
search --kind video --format otio --output "$out_dir/clips.otio"
search --kind video --format edl --output "$out_dir/clips.edl"
# The shot list keeps every kind of hit: photos and notes are research too.
search --limit 50 --format csv --output "$out_dir/clips.csv"

# 3. A shot list on the terminal, read back from the CSV (RFC 4180: quoted
#    fields may hold commas and line breaks, so read it with a CSV reader).
python3 - "$out_dir/clips.csv" <<'PY'
import csv
import os
import sys

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
print(f"{len(rows)} hit(s):")
for row in rows:
    span = f"{float(row['start']):7.2f}s-{float(row['end']):7.2f}s" if row["start"] else " " * 17
    name = row["title"] or os.path.basename(row["path"])
    cue = " ".join(row["moment"].split())
    print(f"{row['rank']:>3}  {row['kind']:<5}  {span}  {name}" + (f"  ({cue})" if cue else ""))
PY

# 4. Open them.
cat <<EOF

Written to $out_dir:
  clips.m3u8  vlc clips.m3u8 plays just the moments, one after another;
              mpv --playlist=clips.m3u8 plays whole files (mpv ignores VLC's start/stop times)
  clips.otio  DaVinci Resolve: File > Import > Timeline; or view it with otioview clips.otio
              (pip install opentimelineio PySide6)
  clips.edl   Premiere Pro: File > Import; Resolve: File > Import > Timeline. Set the
              timeline's frame rate to the list's first clip; clips relink by name (reel AX)
  clips.csv   a shot list for a spreadsheet
EOF
