#!/usr/bin/env bash
# Issue 3's benchmarks: encoder speed against a numpy reference, k-NN latency
# against numpy brute force, hybrid search latency at 100,000 items, and indexing
# with embeddings (rate and peak RSS).
#
# Usage: bench/semantic.sh [--quick]
# Environment: MLIB (default .build/release/mlib), MLIB_BENCH (default
# .build/release/mlib-bench), BENCH_DATA (default bench-data/; bench/run.sh must
# have built bench-data/big.sqlite for the hybrid step, else that step is skipped).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
MLIB="${MLIB:-$root/.build/release/mlib}"
MLIB_BENCH="${MLIB_BENCH:-$root/.build/release/mlib-bench}"
DATA="${BENCH_DATA:-$root/bench-data}"
MODEL="$root/models/all-MiniLM-L6-v2"
mkdir -p "$DATA/logs"
log() { echo "bench: $*" >&2; }
json() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])[sys.argv[1]])' "$1"; }
python3 -c 'import numpy, safetensors' 2>/dev/null || python3 -m pip install -q numpy safetensors

# 1. Encoder speed, batch 32: the numpy reference runs with OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset (they slow a current numpy), as the machine notes advise.
declare -A swift_rate numpy_rate
for tokens in 16 128; do
    log "encoder, $tokens tokens"
    swift_rate[$tokens]=$("$MLIB_BENCH" embed "$MODEL" --tokens "$tokens" | json sentences_per_s)
    numpy_rate[$tokens]=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/embed_reference.py "$MODEL" --tokens "$tokens" | json sentences_per_s)
done

# 2. k-NN latency against numpy brute force.
log "k-NN (bench/knn.sh)"
knn_args=()
(( quick )) && knn_args+=(--quick)
knn_table=$(MLIB_BENCH="$MLIB_BENCH" bash bench/knn.sh "${knn_args[@]}" 2>"$DATA/logs/knn.log")

# 3. Hybrid search at 100,000 items: the notes library of bench/run.sh with a
# synthetic vector per embedded segment (the scan costs the same whatever the
# vectors say), queries embedded by the real model.
hybrid_line="not run: bench-data/big.sqlite missing (run bench/run.sh first)"
if [[ -f "$DATA/big.sqlite" && -f "$DATA/queries.txt" ]]; then
    log "hybrid search at the 100,000-note library"
    cp "$DATA/big.sqlite" "$DATA/big-vectors.sqlite"
    rm -rf "$DATA/big-vectors.sqlite-wal" "$DATA/big-vectors.sqlite-shm" "$DATA/big-vectors.sqlite-cache"
    [[ -f "$DATA/big.sqlite-wal" ]] && cp "$DATA/big.sqlite-wal" "$DATA/big-vectors.sqlite-wal"
    # Register the model (nothing is embedded), then a vector per text segment in the
    # schema-3 tables (`vectors` once per text, `segment_vectors` per segment).
    "$MLIB" --library "$DATA/big-vectors.sqlite" models use all-MiniLM-L6-v2 >/dev/null
    python3 bench/engine.py vectors "$DATA/big-vectors.sqlite" >&2
    hybrid=$("$MLIB" --library "$DATA/big-vectors.sqlite" _bench-search "$DATA/queries.txt" --mode hybrid | tail -n 1)
    semantic=$("$MLIB" --library "$DATA/big-vectors.sqlite" _bench-search "$DATA/queries.txt" --mode semantic | tail -n 1)
    vectors=$(sqlite3 "$DATA/big-vectors.sqlite" "SELECT count(*) FROM segment_vectors")
    hybrid_line="hybrid p50 $(echo "$hybrid" | json p50_ms) ms, p95 $(echo "$hybrid" | json p95_ms) ms; semantic p50 $(echo "$semantic" | json p50_ms) ms, p95 $(echo "$semantic" | json p95_ms) ms ($vectors vectors; the warm-up pass remembered the queries' vectors, so the timed pass embeds nothing)"
fi

# 4. Indexing with embeddings: notes from the generator, empty library.
count=2000
(( quick )) && count=200
notes="$DATA/embed-notes-$count"
[[ -d "$notes" ]] || python3 bench/generate.py --notes "$count" --out "$notes" --seed 11 >/dev/null
rm -f "$DATA/embed.sqlite"*
log "indexing $count notes with embeddings"
/usr/bin/time -f "%e %M" -o "$DATA/logs/embed-time.txt" "$MLIB" --library "$DATA/embed.sqlite" index "$notes" >"$DATA/logs/embed-index.log" 2>&1 || true
read -r seconds rss_kb <"$DATA/logs/embed-time.txt"
passages=$(sqlite3 "$DATA/embed.sqlite" "SELECT count(*) FROM segment_vectors")

cat <<MD
### Semantic search, $(date -u +"%Y-%m-%d %H:%M") UTC

- Machine: $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM

| measurement | mlib | numpy reference | ratio | target |
| --- | --- | --- | --- | --- |
| encoder, batch 32, 16 tokens | ${swift_rate[16]} sentences/s | ${numpy_rate[16]} sentences/s | $(python3 -c "print(f'{${swift_rate[16]}/${numpy_rate[16]}:.1f}×')") | ≥ 2× |
| encoder, batch 32, 128 tokens | ${swift_rate[128]} sentences/s | ${numpy_rate[128]} sentences/s | $(python3 -c "print(f'{${swift_rate[128]}/${numpy_rate[128]}:.1f}×')") | ≥ 2× |
| indexing $count notes with embeddings | ${seconds} s, $passages vectors, peak RSS $((rss_kb / 1024)) MB | | | |
| search at 100,000 notes | $hybrid_line | | | |

k-NN, 384 dimensions, 200 queries, k = 50 (\`bench/knn.sh\`):

$knn_table
MD
