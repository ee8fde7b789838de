#!/usr/bin/env bash
# Issue 10's benchmark of `mlib rerank` (the rerank as an API): requests per second
# for ten mixed documents (five notes, three pictures, a caption with a picture, an
# 8-second video, from examples/library) with warm caches.
#
# Usage: bench/rerank-api.sh [--requests N]   (default 200)
#
# One `mlib rerank --jsonl` process answers the requests one at a time (the same
# documents), against an empty library of its own; the first ten are warm-up (model
# load, OCR, frames), timed apart; then N requests with queries asked before and N
# with a new query each. Then five processes of one request each give the cold cost.
# Prints a Markdown block. Helpers in bench/rerank.py (api).
# Environment: MLIB (default .build/release/mlib), BENCH_DATA (default bench-data/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

requests=200
while (( $# )); do
    case "$1" in
        --requests) requests=${2:?--requests needs a number}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 1 ;;
    esac
done

MLIB="${MLIB:-$root/.build/release/mlib}"
DATA="${BENCH_DATA:-$root/bench-data}"
[[ "$MLIB" != /* ]] && MLIB="$root/$MLIB"
[[ "$DATA" != /* ]] && DATA="$root/$DATA"
die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$MLIB" ]] || die "no mlib binary at $MLIB; run 'make build' or set MLIB"
[[ -d examples/library ]] || die "no examples/library; run 'make examples'"

out="$DATA/rerank-api"
rm -rf "$out"
mkdir -p "$out/empty-folder"
library="$out/library.sqlite"
"$MLIB" --library "$library" index "$out/empty-folder" --quiet --no-embed >/dev/null 2>&1 || die "cannot make an empty library"
python3 bench/rerank.py api "$MLIB" "$library" examples/library --requests "$requests" --out "$out/api.json" >/dev/null
python3 - "$out/api.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["machine"]
print(f"- Machine: {m['cpu']}, {m['nproc']} cores, {m['ram']} GiB RAM; mlib {m['version']}, commit {m['commit']}; "
      f"load average at the end {m['load']}")
print(f"- {r['documents']} documents: 5 notes (up to 1,500 characters), 3 pictures, a caption with a picture, "
      "an 8-second video (1 frame/s); no picture model, so pictures and frames are judged by their text (OCR)")
print("")
print("| requests in one `mlib rerank --jsonl` process | ms a request | requests/s |")
print("| --- | --- | ---: |")
print(f"| first {len(r['warm_up_ms'])} (model load, OCR, frames, each query embedded) | "
      f"first {r['warm_up_ms'][0]}, then {min(r['warm_up_ms'][1:])}–{max(r['warm_up_ms'][1:])} | |")
for name, label in [("known_query", "queries asked before (every cache warm)"), ("new_query", "a new query each time (embedded)")]:
    s = r[name]
    print(f"| {s['requests']}, {label} | p50 **{s['p50_ms']}**, p95 {s['p95_ms']}, mean {s['mean_ms']} | **{s['requests_per_s']}** |")
print(f"| one request in a fresh process ({r['cold_runs']} runs) | p50 {r['cold_process_p50_ms']} | |")
if r["warnings"] or r["problems"]:
    print(f"\nWarnings: {r['warnings']}; problems: {r['problems']}")
PY
