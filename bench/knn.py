#!/usr/bin/env python3
"""numpy brute-force k-NN over the vectors `mlib-bench knn` uses, as its reference.

    python3 bench/knn.py --count N --dimension D --queries Q [--seed S] [--k K]

Regenerates mlib-bench's vectors bit for bit: SplitMix64 output n (from 1) is
mix(seed + n * 0x9E3779B97F4A7C15); each element is (z >> 40) * 2^-23 - 1 in float32;
each vector is L2-normalised in float64, then stored as float32. The matrix comes
first (count x dimension values), then the queries. Each query is timed alone:
scores = matrix @ query (OpenBLAS sgemv), argpartition for the top k, then a sort by
(-score, id). Prints one JSON line like mlib-bench's.
"""
import argparse
import json
import time

import numpy as np

GAMMA = np.uint64(0x9E3779B97F4A7C15)


def splitmix(seed, start, count):
    """Outputs start+1 ... start+count of the SplitMix64 stream from `seed`."""
    n = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + n * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def vectors(seed, first, rows, dimension):
    """`rows` normalised vectors starting at vector number `first` of the stream."""
    out = np.empty((rows, dimension), dtype=np.float32)
    chunk = max(1, 4_000_000 // dimension)
    for begin in range(0, rows, chunk):
        size = min(chunk, rows - begin)
        z = splitmix(seed, (first + begin) * dimension, size * dimension)
        raw = ((z >> np.uint64(40)).astype(np.float32) * np.float32(2.0**-23) - np.float32(1)).reshape(size, dimension)
        wide = raw.astype(np.float64)
        # Sequential sum like the Swift side, so the norms round the same way.
        norms = np.sqrt(np.cumsum(wide * wide, axis=1)[:, -1])
        out[begin:begin + size] = (wide / norms[:, None]).astype(np.float32)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--dimension", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--k", type=int, default=50)
    args = parser.parse_args()

    matrix = vectors(args.seed, 0, args.count, args.dimension)
    queries = vectors(args.seed, args.count, args.queries, args.dimension)
    ids = np.arange(args.count, dtype=np.int64)
    k = min(args.k, args.count)

    def search(query):
        scores = matrix @ query
        top = np.argpartition(-scores, k - 1)[:k] if k < args.count else ids
        order = np.lexsort((top, -scores[top]))
        return top[order]

    for query in queries[:3]:
        search(query)
    latencies = []
    top1 = 0
    for query in queries:
        start = time.perf_counter()
        found = search(query)
        latencies.append((time.perf_counter() - start) * 1e3)
        top1 += int(found[0])
    latencies.sort()

    def percentile(fraction):
        rank = int(np.ceil(fraction * len(latencies)))
        return latencies[min(max(rank, 1), len(latencies)) - 1]

    print(json.dumps({
        "engine": "numpy",
        "precision": "float32",
        "count": args.count,
        "dimension": args.dimension,
        "queries": args.queries,
        "k": k,
        "p50_ms": round(percentile(0.50), 3),
        "p95_ms": round(percentile(0.95), 3),
        "mean_ms": round(sum(latencies) / len(latencies), 3),
        "recall_at_50": 1.0,
        "top1_id_sum": top1,
        "numpy": np.__version__,
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
