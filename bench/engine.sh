#!/usr/bin/env bash
# Issue 8's benchmark: one engine, vectors in SQLite plus a scan-ready store file,
# at the 100,000-note library with a vector for every text segment.
#
# Usage: bench/engine.sh [--quick]
#   --quick   a tenth of the size (10,000 notes, 30 runs of each kind); smoke test only
#
# Environment: MLIB (default .build/release/mlib), BENCH_DATA (default bench-data/).
# Reuses bench-data/big.sqlite from bench/run.sh when it holds the right number of
# notes; else generates and indexes them (`--no-embed`) into engine-base-N.sqlite.
#
# Steps (helpers in bench/engine.py; files in bench-data/engine/):
#   1. copy the library, `mlib models use all-MiniLM-L6-v2`, a synthetic unit vector
#      per text segment; the first search builds the store file (timed)
#   2-4. whole `mlib search` processes, interleaved: hybrid with a new query, hybrid
#      with a query searched before, keyword with that query, `mlib --version`, and
#      keyword on an empty library (for where the time goes)
#   5. bytes per vector (dbstat) and library size per 1,000 notes, file and cache
#   6. peak RSS and in-process p50/p95 of a long-lived `mlib _bench-search`
#      (hybrid, then semantic alone and keyword alone for where the time goes)
#   7. `perf stat` of single commands (CPU time, page faults), when perf works
# The Markdown block is printed and written to bench-data/engine-results.md.
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
DATA="${BENCH_DATA:-$root/bench-data}"
[[ "$MLIB" != /* ]] && MLIB="$root/$MLIB"
[[ "$DATA" != /* ]] && DATA="$root/$DATA"
MODEL=all-MiniLM-L6-v2
log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$MLIB" ]] || die "no mlib binary at $MLIB; run 'make build' or set MLIB"
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install -q numpy

if (( quick )); then big_count=10000 runs=30 mode="quick (1/10 size, smoke test only)"
else big_count=100000 runs=150 mode=full; fi
out="$DATA/engine"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$out"
mkdir -p "$out" "$DATA/logs"

source bench/base-library.sh
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- 1. the library

base_library "$big_count"
notes_dir=$base_notes base=$base_path
log "library from ${base#"$root"/}"

library="$DATA/engine.sqlite"
copy_library "$base" "$library"
python3 bench/engine.py sizes "$library" --out "$out/base-sizes.json" >/dev/null
"$MLIB" --library "$library" models use "$MODEL" >"$DATA/logs/engine-models-use.log" 2>&1 ||
    die "mlib models use $MODEL failed (run 'make model'?); see $DATA/logs/engine-models-use.log"
warm_query="engine benchmark store build"
log "inserting a synthetic vector per text segment"
python3 bench/engine.py vectors "$library" --query "$warm_query" >"$out/vectors.json"

# The first search after the vectors changed builds the store file. Its query's vector
# is already in the library, so the model is not loaded and the time is the build's.
start=$(now_ms)
"$MLIB" --library "$library" search "$warm_query" >/dev/null 2>"$DATA/logs/engine-first-search.log" ||
    die "first search failed; see $DATA/logs/engine-first-search.log"
end=$(now_ms)
store_file=$(ls "$library-cache/vectors/"*.vst 2>/dev/null | head -n 1)
[[ -n "$store_file" ]] || die "the first search left no store file in $library-cache/vectors/"
store_count=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["segments"])' "$out/vectors.json")
echo "{\"seconds\": $(awk "BEGIN { print ($end - $start) / 1000 }"), \"bytes\": $(stat -c %s "$store_file"), \"count\": $store_count, \"load\": \"$load_start\"}" >"$out/store.json"
log "store built: $(cat "$out/store.json")"

# ---------------------------------------------------------------- 5. sizes

python3 bench/engine.py sizes "$library" --out "$out/sizes.json" >/dev/null

# ---------------------------------------------------------------- 6. long-lived engine

# Queries the library has never seen: "new" ones are searched once each below;
# "repeated" ones go through one _bench-search first (which loads the model, embeds
# and remembers them: that process is the long-lived engine measured here).
python3 bench/engine.py queries "$library" "$notes_dir" "$out/queries" --count "$runs"

# resident MODE: `_bench-search --mode MODE` under GNU time, in inproc-MODE.json.
resident() {
    python3 bench/engine.py resident "$out/inproc-$1.json" /usr/bin/time -v \
        "$MLIB" --library "$library" _bench-search "$out/queries-repeated.txt" --mode "$1" ||
        die "_bench-search --mode $1 failed"
}
log "long-lived engine: _bench-search, hybrid (embeds the repeated queries), semantic, keyword"
resident hybrid
resident semantic
resident keyword

# ---------------------------------------------------------------- 2-4. processes

empty="$DATA/engine-empty.sqlite"
rm -rf "$empty" "$empty-wal" "$empty-shm" "$empty-cache" "$out/empty-folder"
mkdir -p "$out/empty-folder"
"$MLIB" --library "$empty" index "$out/empty-folder" --quiet --no-embed >/dev/null 2>&1 || die "cannot make an empty library"
log "timing $runs runs of each kind of process, interleaved"
python3 bench/engine.py time "$MLIB" "$library" "$empty" "$out/queries" --runs "$runs" --out "$out/timing.json" >/dev/null

# ---------------------------------------------------------------- 7. perf stat

# perf_row NAME COMMAND...: one untimed run, then 20 under perf stat (bench/engine.py perf).
perf_row() {
    "${@:2}" >/dev/null 2>&1 || true
    python3 bench/engine.py perf "$out/perf.json" "$@" || log "perf stat of '$1' failed"
}
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
    log "perf stat"
    repeated_query=$(head -n 1 "$out/queries-repeated.txt")
    perf_row '`mlib --version`' "$MLIB" --version
    perf_row '`mlib search --mode keyword`' "$MLIB" --library "$library" search "$repeated_query" --mode keyword
    perf_row '`mlib search`, repeated query' "$MLIB" --library "$library" search "$repeated_query"
else
    log "perf not usable here: no perf stat figures"
fi

# ---------------------------------------------------------------- report

python3 bench/engine.py report "$out" "$MLIB" --mode "$mode" --out "$DATA/engine-results.md"
log "written to ${DATA#"$root"/}/engine-results.md"
