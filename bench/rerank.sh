#!/usr/bin/env bash
# Issue 10's benchmark: what the rerank costs, at the 100,000-note library of
# bench/engine.sh, with a vector for every text segment and no picture model.
#
# Usage: bench/rerank.sh [--quick]
#   --quick   a tenth of the size (10,000 notes, 30 runs of each kind); smoke test only
#
# Environment: MLIB (default .build/release/mlib), MLIB_BENCH (default
# .build/release/mlib-bench), BENCH_DATA (default bench-data/). To compare with another
# build (before and after a change), set MLIB_BASELINE and MLIB_BENCH_BASELINE to its
# binaries: steps 3 and 5 then time both, the processes interleaved.
#
# Steps (helpers in bench/rerank.py and bench/engine.py; files in bench-data/rerank/):
#   1. the library engine.sh starts from (bench/base-library.sh), copied; the model
#      registered; a synthetic vector per text segment near one of N/100 cluster
#      centres by item, so a query's vector (near one centre) finds ~100 items by
#      meaning beside ~100 by words: the ~200 candidates a real query gives the rerank
#   2. queries (bench/engine.py queries); the repeated ones get vectors near a centre
#   3. `mlib-bench rerank`: Reranker.rerank alone, in-process, and its parts
#   4. `mlib _bench-search`, hybrid, with the rerank and with --no-rerank
#   5. whole `mlib search` processes, interleaved: rerank on, --no-rerank, a new query
#      (model loaded) and keyword mode
#   6. `perf record` of step 3, when perf works: where the rerank's time goes
# The Markdown block is printed and written to bench-data/rerank-results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
for argument in "$@"; do
    case "$argument" in
        --quick) quick=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$argument' (see --help)" >&2; exit 1 ;;
    esac
done

MLIB="${MLIB:-$root/.build/release/mlib}"
MLIB_BENCH="${MLIB_BENCH:-$root/.build/release/mlib-bench}"
DATA="${BENCH_DATA:-$root/bench-data}"
[[ "$MLIB" != /* ]] && MLIB="$root/$MLIB"
[[ "$MLIB_BENCH" != /* ]] && MLIB_BENCH="$root/$MLIB_BENCH"
[[ "$DATA" != /* ]] && DATA="$root/$DATA"
MODEL=all-MiniLM-L6-v2
log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$MLIB" ]] || die "no mlib binary at $MLIB; run 'make build' or set MLIB"
BASELINE="${MLIB_BASELINE:-}" BENCH_BASELINE="${MLIB_BENCH_BASELINE:-}"
[[ -z "$BASELINE" || -x "$BASELINE" ]] || die "MLIB_BASELINE=$BASELINE is not an executable"
[[ -z "$BENCH_BASELINE" || -x "$BENCH_BASELINE" ]] || die "MLIB_BENCH_BASELINE=$BENCH_BASELINE is not an executable"
[[ -x "$MLIB_BENCH" ]] || die "no mlib-bench binary at $MLIB_BENCH; run 'swift build -c release --product mlib-bench' or set MLIB_BENCH"
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install -q numpy

if (( quick )); then big_count=10000 runs=30 mode="quick (1/10 size, smoke test only)"
else big_count=100000 runs=150 mode=full; fi
clusters=$((big_count / 100))
in_process_queries=100
out="$DATA/rerank"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$out"
mkdir -p "$out" "$DATA/logs"
source bench/base-library.sh

# ---------------------------------------------------------------- 1. the library

base_library "$big_count"
log "library from ${base_path#"$root"/}"
library="$DATA/rerank.sqlite"
copy_library "$base_path" "$library"
"$MLIB" --library "$library" models use "$MODEL" >"$DATA/logs/rerank-models-use.log" 2>&1 ||
    die "mlib models use $MODEL failed (run 'make model'?); see $DATA/logs/rerank-models-use.log"
warm_query="rerank benchmark store build"
log "inserting a synthetic vector per text segment, $clusters clusters"
python3 bench/engine.py vectors "$library" --clusters "$clusters" --query "$warm_query" >"$out/vectors.json"
"$MLIB" --library "$library" search "$warm_query" >/dev/null 2>"$DATA/logs/rerank-first-search.log" ||
    die "first search failed; see $DATA/logs/rerank-first-search.log"
echo "{\"load\": \"$load_start\"}" >"$out/store.json"

# ---------------------------------------------------------------- 2. queries

python3 bench/engine.py queries "$library" "$base_notes" "$out/queries" --count "$runs"
python3 bench/engine.py query-vectors "$library" "$out/queries-repeated.txt" --clusters "$clusters" >/dev/null
head -n "$in_process_queries" "$out/queries-repeated.txt" >"$out/queries-in-process.txt"

# ---------------------------------------------------------------- 3-4. in-process

log "the rerank alone: mlib-bench rerank"
if [[ -n "$BENCH_BASELINE" ]]; then
    "$BENCH_BASELINE" rerank --library "$library" --queries "$out/queries-in-process.txt" --rounds 3 \
        >"$out/rerank-inproc-baseline.json" || die "the baseline's mlib-bench rerank failed"
fi
"$MLIB_BENCH" rerank --library "$library" --queries "$out/queries-in-process.txt" --rounds 3 >"$out/rerank-inproc.json" ||
    die "mlib-bench rerank failed"
log "hybrid search in a long-lived process: _bench-search, rerank on and off"
"$MLIB" --library "$library" _bench-search "$out/queries-in-process.txt" --mode hybrid >"$out/inproc-rerank.json" ||
    die "_bench-search failed"
"$MLIB" --library "$library" _bench-search "$out/queries-in-process.txt" --mode hybrid --no-rerank >"$out/inproc-no-rerank.json" ||
    die "_bench-search --no-rerank failed"

# ---------------------------------------------------------------- 5. processes

log "timing $runs runs of each kind of process, interleaved"
python3 bench/rerank.py time "$MLIB" "$library" "$out/queries" --runs "$runs" --baseline "$BASELINE" \
    --out "$out/timing.json" >/dev/null

# ---------------------------------------------------------------- 6. perf record

if perf record -o /dev/null -- true >/dev/null 2>&1; then
    log "perf record of mlib-bench rerank"
    perf record -F 1999 -g -o "$out/perf.data" -- "$MLIB_BENCH" rerank --library "$library" \
        --queries "$out/queries-in-process.txt" --rounds 5 --no-parts >/dev/null 2>"$DATA/logs/rerank-perf.log" &&
        python3 bench/rerank.py profile "$out/perf.data" --out "$out/profile.json" >/dev/null ||
        log "perf record failed; see $DATA/logs/rerank-perf.log"
else
    log "perf not usable here: no profile"
fi

# ---------------------------------------------------------------- report

python3 bench/rerank.py report "$out" "$MLIB" --mode "$mode" --out "$DATA/rerank-results.md"
log "written to ${DATA#"$root"/}/rerank-results.md"
