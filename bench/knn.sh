#!/usr/bin/env bash
# k-NN query latency: mlib's VectorIndex (float32, float16, int8 scans) against numpy
# brute force on the same vectors, at 100,000 and 1,000,000 x 384. Prints a Markdown
# table. Usage: bench/knn.sh [--quick]   (--quick: 10,000 and 100,000, fewer queries)
#   MLIB_BENCH=path/to/mlib-bench  (default: build it in release)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(100000 1000000)
queries=200
if [[ "${1:-}" == "--quick" ]]; then
    sizes=(10000 100000)
    queries=50
fi
dimension=384
seed=42

if [[ -z "${MLIB_BENCH:-}" ]]; then
    swift build -c release --product mlib-bench >&2
    MLIB_BENCH="$(swift build -c release --show-bin-path)/mlib-bench"
fi

field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

echo "| vectors | engine | scan | p50 ms | p95 ms | recall@50 | p50 vs numpy |"
echo "| ---: | --- | --- | ---: | ---: | ---: | ---: |"
for count in "${sizes[@]}"; do
    reference=$(python3 bench/knn.py --count "$count" --dimension "$dimension" --queries "$queries" --seed "$seed")
    numpy_p50=$(field "$reference" p50_ms)
    numpy_top1=$(field "$reference" top1_id_sum)
    echo "| $count | numpy | float32 | $numpy_p50 | $(field "$reference" p95_ms) | 1.0000 | 1.00× |"
    for precision in float32 float16 int8; do
        line=$("$MLIB_BENCH" knn --count "$count" --dimension "$dimension" --queries "$queries" \
            --precision "$precision" --seed "$seed")
        p50=$(field "$line" p50_ms)
        # Same vectors on both sides: their best hits must agree.
        if [[ "$(field "$line" top1_id_sum)" != "$numpy_top1" ]]; then
            echo "warning: mlib ($precision) and numpy disagree on the best hits at $count" >&2
        fi
        ratio=$(python3 -c "print(f'{$numpy_p50 / $p50:.2f}×')")
        echo "| $count | mlib | $precision | $p50 | $(field "$line" p95_ms) | $(python3 -c "print(f'{$(field "$line" recall_at_50):.4f}')") | $ratio |"
    done
done
echo
echo "p50 vs numpy: numpy's p50 / mlib's p50 (above 1 = mlib faster). $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
