#!/usr/bin/env python3
"""Helpers for bench/engine.sh (issue 8: one engine, vectors in SQLite + a store file).

    bench/engine.py vectors LIBRARY [--clusters K]  a synthetic vector per text segment
    bench/engine.py query-vectors LIBRARY FILE --clusters K
                                                    a vector near one cluster per query
    bench/engine.py queries LIBRARY NOTES_DIR PREFIX --count N
                                                    PREFIX-new.txt, PREFIX-repeated.txt
    bench/engine.py time MLIB LIBRARY EMPTY PREFIX --runs N --out FILE
                                                    whole processes, interleaved
    bench/engine.py sizes LIBRARY --out FILE        bytes per table, file and cache
    bench/engine.py resident FILE.json COMMAND...   peak RSS (and its kinds) of one process
    bench/engine.py perf FILE.json NAME COMMAND...  perf stat -r 20 of one command
    bench/engine.py report FOLDER MLIB --out FILE   the Markdown block

Every command prints or writes JSON; bench/engine.sh turns it into Markdown.
Percentiles are nearest-rank.
"""

import argparse
import hashlib
import json
import math
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queries as query_maker  # noqa: E402

DIMENSION = 384
BATCH = 20000
# The segments an embedding pass embeds (EmbeddingTarget's query).
EMBEDDABLE = """
    SELECT id, text, item_id FROM segments
    WHERE modality = 'text' AND field IN ('title', 'body', 'keywords', 'subtitle') AND text <> ''
    ORDER BY id
"""


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p * len(ordered))) - 1]


def text_model(db, required=True):
    row = db.execute("SELECT model_id FROM model_roles WHERE role = 'text'").fetchone()
    if row is None and not required:
        return None
    if row is None:
        raise SystemExit("engine: the library has no text model; run `mlib models use` first")
    return row[0]


# ---------------------------------------------------------------- vectors


def insert_vectors(args):
    """One random unit vector per distinct segment text, keyed by the text's SHA-256
    as an embedding pass keys it, and one segment_vectors row (window 0) per segment.

    With --clusters K, an item's vectors lie near one of K random centres (item id
    modulo K; cosine to it uniform in 0.3-0.9), so a query vector near a centre
    (query-vectors) finds that cluster's items above the channel's floor, as a real
    query finds the items its meaning is close to. Without, vectors are independent."""
    import numpy as np

    db = sqlite3.connect(args.library)
    model = text_model(db)
    rng = np.random.default_rng(args.seed)
    centres = cluster_centres(args.clusters, args.seed) if args.clusters else None
    segments = db.execute(EMBEDDABLE).fetchall()
    start = time.perf_counter()
    with db:
        for first in range(0, len(segments), BATCH):
            batch = segments[first:first + BATCH]
            matrix = rng.standard_normal((len(batch), DIMENSION)).astype(np.float32)
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            if centres is not None:
                near = rng.uniform(0.3, 0.9, (len(batch), 1)).astype(np.float32)
                own = centres[[item % args.clusters for _, _, item in batch]]
                matrix = near * own + np.sqrt(1 - near * near) * matrix
                matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            hashes = [hashlib.sha256(text.encode("utf-8")).digest() for _, text, _ in batch]
            db.executemany(
                "INSERT OR IGNORE INTO vectors (model_id, content_hash, vector) VALUES (?, ?, ?)",
                ((model, digest, row.astype("<f4").tobytes()) for digest, row in zip(hashes, matrix)))
            lookup = "SELECT id FROM vectors WHERE model_id = ? AND content_hash = ?"
            ids = [db.execute(lookup, (model, digest)).fetchone()[0] for digest in hashes]
            db.executemany(
                "INSERT INTO segment_vectors (segment_id, model_id, window, vector_id) VALUES (?, ?, 0, ?)",
                ((segment, model, vector) for (segment, _, _), vector in zip(batch, ids)))
        for query in args.query:
            # A query's vector without a segment (as `mlib search` remembers one): the
            # first search with it then only has the store to build.
            vector = rng.standard_normal(DIMENSION).astype(np.float32)
            db.execute(
                "INSERT OR IGNORE INTO vectors (model_id, content_hash, vector) VALUES (?, ?, ?)",
                (model, hashlib.sha256(query.encode("utf-8")).digest(), (vector / np.linalg.norm(vector)).astype("<f4").tobytes()))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vectors = db.execute("SELECT count(*) FROM vectors WHERE model_id = ?", (model,)).fetchone()[0]
    print(json.dumps({"segments": len(segments), "vectors": vectors, "clusters": args.clusters,
                      "seconds": round(time.perf_counter() - start, 1)}))


def cluster_centres(count, seed):
    import numpy as np

    centres = np.random.default_rng(seed + 1).standard_normal((count, DIMENSION)).astype(np.float32)
    return centres / np.linalg.norm(centres, axis=1, keepdims=True)


def insert_query_vectors(args):
    """A vector for each query in FILE, remembered as `mlib search` remembers one
    (keyed by the query's SHA-256), at cosine 0.8 to the centre of the cluster the
    query's hash picks: its search then finds that cluster's items by meaning (cosine
    about 0.24-0.72) besides the items holding its words."""
    import numpy as np

    db = sqlite3.connect(args.library)
    model = text_model(db)
    centres = cluster_centres(args.clusters, args.seed)
    rng = np.random.default_rng(args.seed + 2)
    with open(args.file, encoding="utf-8") as f:
        queries = [line for line in f.read().splitlines() if line]
    with db:
        for query in queries:
            digest = hashlib.sha256(query.encode("utf-8")).digest()
            noise = rng.standard_normal(DIMENSION).astype(np.float32)
            vector = 0.8 * centres[int.from_bytes(digest[:8], "little") % args.clusters] + 0.6 * noise / np.linalg.norm(noise)
            db.execute(
                "INSERT OR IGNORE INTO vectors (model_id, content_hash, vector) VALUES (?, ?, ?)",
                (model, digest, (vector / np.linalg.norm(vector)).astype("<f4").tobytes()))
    print(json.dumps({"queries": len(queries)}))


# ---------------------------------------------------------------- queries


def write_queries(args):
    """Two disjoint sets of distinct queries the library has no vector for yet:
    PREFIX-new.txt (each searched once, timed) and PREFIX-repeated.txt (searched
    once untimed, so the library remembers their vectors, then timed)."""
    db = sqlite3.connect(args.library)
    model = text_model(db)
    paths = query_maker.note_paths(args.notes_dir)
    candidates = query_maker.make_queries(paths, args.count * 3, args.seed)
    chosen, seen = [], set()
    for query in candidates:
        digest = hashlib.sha256(query.encode("utf-8")).digest()
        known = db.execute(
            "SELECT 1 FROM vectors WHERE model_id = ? AND content_hash = ?", (model, digest)).fetchone()
        if query not in seen and not known:
            seen.add(query)
            chosen.append(query)
    if len(chosen) < args.count * 2:
        raise SystemExit(f"engine: only {len(chosen)} distinct new queries, {args.count * 2} needed")
    for index, name in enumerate(["new", "repeated"]):
        with open(f"{args.prefix}-{name}.txt", "w", encoding="utf-8") as f:
            f.write("\n".join(chosen[index * args.count:(index + 1) * args.count]) + "\n")


# ---------------------------------------------------------------- process timings


def time_processes(args):
    """Whole processes, one kind after another in each round, the order rotating by
    round so no kind always runs first."""
    def lines(name):
        with open(f"{args.prefix}-{name}.txt", encoding="utf-8") as f:
            return [line for line in f.read().splitlines() if line][:args.runs]

    new, repeated = lines("new"), lines("repeated")
    search = [args.mlib, "--library", args.library, "search"]
    kinds = {
        "new_hybrid": lambda i: search + [new[i]],
        "repeated_hybrid": lambda i: search + [repeated[i]],
        "repeated_keyword": lambda i: search + [repeated[i], "--mode", "keyword"],
        "version": lambda i: [args.mlib, "--version"],
        "empty_keyword": lambda i: [args.mlib, "--library", args.empty, "search", repeated[i], "--mode", "keyword"],
    }
    names = list(kinds)
    timings = {name: [] for name in names}
    runs = min(args.runs, len(new), len(repeated))
    for i in range(runs):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            command = kinds[name](i)
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode != 0:
                raise SystemExit(f"engine: {' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
            if done.stderr.strip():
                print(f"engine: {name}: {done.stderr.decode().strip()[:200]}", file=sys.stderr)
            timings[name].append(elapsed)
    result = {
        name: {"runs": len(values), "p50_ms": round(percentile(values, 0.5), 1),
               "p95_ms": round(percentile(values, 0.95), 1), "mean_ms": round(sum(values) / len(values), 1)}
        for name, values in timings.items()
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


# ---------------------------------------------------------------- sizes


def sizes(args):
    """Bytes of the vector tables (with their indexes, from dbstat), of the library
    file and its -wal after a checkpoint, and of the cache folder beside it."""
    db = sqlite3.connect(args.library)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    model = text_model(db, required=False)
    pages = dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    owners = dict(db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"))

    def table_bytes(table):
        return sum(size for name, size in pages.items() if owners.get(name) == table)

    def folder_bytes(folder):
        return sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(folder) for n in names)

    library = sum(os.path.getsize(p) for p in (args.library, args.library + "-wal") if os.path.exists(p))
    store = f"{args.library}-cache/vectors/model-{model}.vst"
    result = {
        "items": db.execute("SELECT count(*) FROM items").fetchone()[0],
        "vectors": db.execute("SELECT count(*) FROM vectors WHERE model_id = ?", (model,)).fetchone()[0],
        "segment_vectors": db.execute("SELECT count(*) FROM segment_vectors WHERE model_id = ?", (model,)).fetchone()[0],
        "vectors_bytes": table_bytes("vectors"),
        "segment_vectors_bytes": table_bytes("segment_vectors"),
        "library_bytes": library,
        "cache_bytes": folder_bytes(args.library + "-cache"),
        "store_bytes": os.path.getsize(store) if os.path.exists(store) else 0,
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


# ---------------------------------------------------------------- long-lived process


def resident(args):
    """Runs COMMAND (`/usr/bin/time -v mlib _bench-search ...`) and samples its child's
    /proc status every 20 ms: the most anonymous and file-backed resident memory seen,
    since a mapped store counts in RSS while being page cache. Prints the command's
    JSON line plus rss_kb (GNU time's peak), anon_kb and file_kb."""
    process = subprocess.Popen(args.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = {"RssAnon": 0, "RssFile": 0}
    while process.poll() is None:
        try:
            with open(f"/proc/{process.pid}/task/{process.pid}/children") as f:
                children = f.read().split()
            for child in children[:1]:
                with open(f"/proc/{child}/status") as f:
                    for line in f:
                        key, _, value = line.partition(":")
                        if key in peaks:
                            peaks[key] = max(peaks[key], int(value.split()[0]))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    output, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"engine: {' '.join(args.command)} exited {process.returncode}: {errors[-500:]}")
    result = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    result["rss_kb"] = int(next(line.split(":")[-1] for line in errors.splitlines() if "Maximum resident set size" in line))
    result["anon_kb"], result["file_kb"] = peaks["RssAnon"], peaks["RssFile"]
    with open(args.out, "w") as f:
        json.dump(result, f)


# ---------------------------------------------------------------- perf stat


def perf(args):
    """CPU time (all threads), CPUs used and page faults of a command, averaged by
    `perf stat -r 20`; added to the JSON file under NAME."""
    csv = args.out + ".csv"
    subprocess.run(["perf", "stat", "-x,", "-r", "20", "-e", "task-clock,page-faults", "-o", csv] + args.command,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    events = {}
    for line in open(csv):
        fields = line.strip().split(",")
        if len(fields) > 6 and not line.startswith("#"):
            # value, unit, event, variance, run time, percentage, metric, metric unit
            events[fields[2]] = fields
    task_ms, cpus = float(events["task-clock"][0]), float(events["task-clock"][6])
    result = load(os.path.dirname(args.out), os.path.basename(args.out)[:-5]) or {}
    result[args.name] = {"task_ms": task_ms, "cpus": cpus, "faults": float(events["page-faults"][0]),
                         "wall_ms": task_ms / cpus if cpus else 0.0}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


# ---------------------------------------------------------------- report


def load(folder, name):
    path = os.path.join(folder, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def machine_facts(mlib):
    def run(*command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown CPU")
    ram = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")) / 1048576
    commit = run("git", "rev-parse", "--short", "HEAD") or "unknown"
    if run("git", "status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {"cpu": cpu, "nproc": os.cpu_count(), "ram": f"{ram:.1f}", "kernel": os.uname().release,
            "commit": commit, "version": run(mlib, "--version").splitlines()[0] if run(mlib, "--version") else "?",
            "load": " ".join(open("/proc/loadavg").read().split()[:3])}


def verdict(value, target):
    return "met" if value <= target else f"**missed** by {value - target:.1f} ms ({value / target:.2f}× the target)"


def report(args):
    d = args.folder
    vectors, base, sizes, timing = load(d, "vectors"), load(d, "base-sizes"), load(d, "sizes"), load(d, "timing")
    store, hybrid, keyword, perf = load(d, "store"), load(d, "inproc-hybrid"), load(d, "inproc-keyword"), load(d, "perf")
    semantic = load(d, "inproc-semantic")
    facts = machine_facts(args.mlib)
    t = timing
    new, rep, kw = t["new_hybrid"], t["repeated_hybrid"], t["repeated_keyword"]
    ratio = rep["p95_ms"] / kw["p95_ms"]
    ratio_new = new["p95_ms"] / kw["p95_ms"]
    per_vector_sql = (sizes["vectors_bytes"] + sizes["segment_vectors_bytes"]) / sizes["segment_vectors"]
    thousand = sizes["items"] / 1000
    mb = 1048576
    lines = [
        f"### Results, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC",
        "",
        f"- Machine: {facts['cpu']}, {facts['nproc']} cores (`nproc`), {facts['ram']} GiB RAM; kernel {facts['kernel']}",
        f"- mlib: {facts['version']}, commit {facts['commit']}, release build; mode: {args.mode}",
        f"- Library: {sizes['items']:,} generated notes (`bench/generate.py --seed 3`), indexed `--no-embed`, "
        f"then all-MiniLM-L6-v2 registered (`mlib models use`) and a synthetic unit vector inserted for each of "
        f"its {vectors['segments']:,} text segments ({vectors['vectors']:,} distinct texts) in {vectors['seconds']} s",
        f"- Load average (1, 5, 15 min) at the start: {store.get('load', '?')}; at the end: {facts['load']} "
        "(the machine is shared; other builds and tests may run meanwhile)",
        "",
        "| measurement | result | target |",
        "| --- | --- | --- |",
        f"| first search after the vectors were added: store built from SQLite | **{store['seconds']:.2f} s** "
        f"({store['count']:,} vectors, {store['bytes'] / mb:.1f} MB file) | |",
        f"| `mlib search` process, hybrid, new query (model loaded, query embedded), {new['runs']} runs | "
        f"p50 {new['p50_ms']} ms, **p95 {new['p95_ms']} ms**, mean {new['mean_ms']} ms | p95 ≤ 100 ms: {verdict(new['p95_ms'], 100)} |",
        f"| same, repeated query (vector from the library, no model), {rep['runs']} runs | "
        f"p50 {rep['p50_ms']} ms, **p95 {rep['p95_ms']} ms**, mean {rep['mean_ms']} ms | p95 ≤ 60 ms: {verdict(rep['p95_ms'], 60)} |",
        f"| same queries, `--mode keyword`, {kw['runs']} runs | p50 {kw['p50_ms']} ms, p95 {kw['p95_ms']} ms, mean {kw['mean_ms']} ms | |",
        f"| hybrid / keyword at p95 | repeated query **{ratio:.2f}×**, new query {ratio_new:.2f}× | ≤ 2.5×: "
        f"{'met' if ratio <= 2.5 else '**missed**'} (repeated), {'met' if ratio_new <= 2.5 else '**missed**'} (new) |",
        f"| SQLite bytes per vector (`dbstat`, tables with their indexes) | `vectors` {sizes['vectors_bytes'] / sizes['vectors']:.0f} B "
        f"per distinct text + `segment_vectors` {sizes['segment_vectors_bytes'] / sizes['segment_vectors']:.0f} B per segment row "
        f"= **{per_vector_sql:.0f} B per segment vector** (384 × 4 = 1,536 B of floats) | |",
        f"| store file bytes per vector | **{store['bytes'] / store['count']:.0f} B** (int8 row + float32 row + ids) | |",
        f"| library per 1,000 notes, file + -wal after checkpoint | **{sizes['library_bytes'] / thousand / mb:.2f} MB** with vectors "
        f"({base['library_bytes'] / thousand / mb:.2f} MB without; {sizes['library_bytes'] / mb:.0f} MB in all) | |",
        f"| cache folder per 1,000 notes (`LIBRARY-cache/`) | **{sizes['cache_bytes'] / thousand / mb:.2f} MB** ({sizes['cache_bytes'] / mb:.0f} MB in all) | |",
        f"| long-lived engine (`mlib _bench-search`, {hybrid['queries']} queries), hybrid: peak RSS | **{hybrid['rss_kb'] / 1024:.0f} MB** "
        f"(model and store loaded): {hybrid['anon_kb'] / 1024:.0f} MB anonymous, {hybrid['file_kb'] / 1024:.0f} MB mapped files "
        "(store, library, model; page cache) | |",
        f"| same, in-process hybrid search (query vector from the library) | p50 **{hybrid['p50_ms']:.2f} ms**, p95 **{hybrid['p95_ms']:.2f} ms**, mean {hybrid['mean_ms']:.2f} ms | |",
        f"| same, `--mode semantic` (the vector scan alone) | p50 {semantic['p50_ms']:.2f} ms, p95 {semantic['p95_ms']:.2f} ms; "
        f"peak RSS {semantic['rss_kb'] / 1024:.0f} MB ({semantic['anon_kb'] / 1024:.0f} MB anonymous) | |",
        f"| same, `--mode keyword` | p50 {keyword['p50_ms']:.2f} ms, p95 {keyword['p95_ms']:.2f} ms; "
        f"peak RSS {keyword['rss_kb'] / 1024:.0f} MB ({keyword['anon_kb'] / 1024:.0f} MB anonymous) | |",
        "",
        "Where the time of one `mlib search` process goes (p50 of whole processes, same interleaved runs):",
        "",
        "| step | how measured | ms (p50) |",
        "| --- | --- | ---: |",
        f"| process start-up (dynamic loading, Swift runtime) | `mlib --version` | {t['version']['p50_ms']} |",
        f"| + open a library, keyword search with no hits | `mlib search --mode keyword` on an empty library, minus the line above | "
        f"{t['empty_keyword']['p50_ms'] - t['version']['p50_ms']:.1f} |",
        f"| + words at {sizes['items']:,} notes, hit rows and snippets | repeated-query keyword minus empty library | "
        f"{kw['p50_ms'] - t['empty_keyword']['p50_ms']:.1f} |",
        f"| + the vector channel: query vector from SQLite, store mapped, scan, fusion | repeated-query hybrid minus keyword | "
        f"{rep['p50_ms'] - kw['p50_ms']:.1f} |",
        f"| + model load, query embedding, vector remembered | new-query hybrid minus repeated-query hybrid | "
        f"{new['p50_ms'] - rep['p50_ms']:.1f} |",
        f"| (for comparison) in a warm process: hybrid, semantic alone, keyword alone | `_bench-search` p50 | "
        f"{hybrid['p50_ms']:.1f}, {semantic['p50_ms']:.1f}, {keyword['p50_ms']:.1f} |",
    ]
    if perf:
        lines += ["", "`perf stat` over 20 runs of the same command (CPU time over all threads; page faults):", "",
                  "| command | task-clock ms | CPUs used | page faults | wall ms |", "| --- | ---: | ---: | ---: | ---: |"]
        for name, row in perf.items():
            lines.append(f"| {name} | {row['task_ms']:.1f} | {row['cpus']:.2f} | {row['faults']:,.0f} | {row['wall_ms']:.1f} |")
    lines += ["", "Process timings: Python's `time.perf_counter` around `subprocess.run`, the kinds interleaved "
              "(order rotating each round); percentiles nearest-rank. Reproduce with `bench/engine.sh` "
              "(`--quick`: a tenth of the size); files in `bench-data/engine/`."]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    sys.stdout.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("vectors")
    p.add_argument("library")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--query", action="append", default=[], help="also remember a vector for this query")
    p.add_argument("--clusters", type=int, default=0, help="vectors near K centres, by item (0: independent)")
    p.set_defaults(run=insert_vectors)
    p = commands.add_parser("query-vectors")
    p.add_argument("library")
    p.add_argument("file")
    p.add_argument("--clusters", type=int, required=True)
    p.add_argument("--seed", type=int, default=8)
    p.set_defaults(run=insert_query_vectors)
    p = commands.add_parser("queries")
    p.add_argument("library")
    p.add_argument("notes_dir")
    p.add_argument("prefix")
    p.add_argument("--count", type=int, default=150)
    p.add_argument("--seed", type=int, default=8)
    p.set_defaults(run=write_queries)
    p = commands.add_parser("time")
    p.add_argument("mlib")
    p.add_argument("library")
    p.add_argument("empty")
    p.add_argument("prefix")
    p.add_argument("--runs", type=int, default=150)
    p.add_argument("--out", required=True)
    p.set_defaults(run=time_processes)
    p = commands.add_parser("sizes")
    p.add_argument("library")
    p.add_argument("--out", required=True)
    p.set_defaults(run=sizes)
    p = commands.add_parser("resident")
    p.add_argument("out")
    p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(run=resident)
    p = commands.add_parser("perf")
    p.add_argument("out")
    p.add_argument("name")
    p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(run=perf)
    p = commands.add_parser("report")
    p.add_argument("folder")
    p.add_argument("mlib")
    p.add_argument("--mode", default="full")
    p.add_argument("--out", required=True)
    p.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
