#!/usr/bin/env python3
"""Time the benchmark queries as plain SQLite FTS5, the reference for mlib's search.

    bench/reference.py LIBRARY QUERIES [--limit 20]

Runs every line of QUERIES against the `item_fts` table of the mlib library file
LIBRARY through Python's sqlite3, with the ranking mlib uses:

    SELECT rowid FROM item_fts WHERE item_fts MATCH '"w1" "w2"'
    ORDER BY bm25(item_fts, 10.0, 1.0, 4.0, 2.0, 3.0, 1.5), rowid LIMIT 20

Each word is quoted (so it is a term, never FTS syntax) and the words are AND-ed,
as mlib does; rows are fetched. One untimed warm-up pass, then one timed pass.
Prints the same JSON as `mlib _bench-search`:

    {"queries": 200, "p50_ms": 0.71, "p95_ms": 7.9, "mean_ms": 1.8, "hits": 3950}

Percentiles are nearest-rank: the smallest time that at least p% of the queries
did not exceed. `hits` (rows returned, summed) is a sanity check only.
"""

import argparse
import json
import math
import sqlite3
import sys
import time

WEIGHTS = "10.0, 1.0, 4.0, 2.0, 3.0, 1.5"


def fts_query(line):
    """The FTS5 MATCH text for one line: each word a quoted term, AND-ed."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in line.split())


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summary(times_ms, hits):
    ordered = sorted(times_ms)
    return {
        "queries": len(ordered),
        "p50_ms": round(percentile(ordered, 50), 3),
        "p95_ms": round(percentile(ordered, 95), 3),
        "mean_ms": round(sum(ordered) / len(ordered), 3),
        "hits": hits,
    }


def run(library, queries, limit):
    connection = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    try:
        sql = (
            "SELECT rowid FROM item_fts WHERE item_fts MATCH ? "
            f"ORDER BY bm25(item_fts, {WEIGHTS}), rowid LIMIT ?"
        )
        matches = [fts_query(line) for line in queries]
        for match in matches:  # warm-up: pages into the cache, statement prepared
            connection.execute(sql, (match, limit)).fetchall()
        times, hits = [], 0
        for match in matches:
            start = time.perf_counter()
            rows = connection.execute(sql, (match, limit)).fetchall()
            times.append((time.perf_counter() - start) * 1000)
            hits += len(rows)
        return summary(times, hits)
    finally:
        connection.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library", help="an mlib library file (SQLite)")
    parser.add_argument("queries", help="a file with one query per line")
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)

    with open(args.queries, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip()]
    if not queries:
        raise SystemExit(f"reference: no queries in {args.queries}")
    try:
        result = run(args.library, queries, args.limit)
    except sqlite3.Error as error:
        raise SystemExit(f"reference: {args.library}: {error}")
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
