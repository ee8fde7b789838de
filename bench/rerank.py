#!/usr/bin/env python3
"""Helpers for bench/rerank.sh (issue 10: the cost of the rerank).

    bench/rerank.py time MLIB LIBRARY PREFIX --runs N [--baseline MLIB] --out FILE
                                        whole `mlib search` processes, interleaved
    bench/rerank.py profile PERF_DATA --out FILE
                                        inclusive share of the rerank's parts
    bench/rerank.py report FOLDER MLIB --mode MODE --out FILE
                                        the Markdown block
    bench/rerank.py api MLIB LIBRARY EXAMPLES --requests N --out FILE
                                        `mlib rerank --jsonl`: ms a request, warm

The library, vectors and queries come from bench/engine.py (vectors --clusters,
query-vectors, queries). Percentiles are nearest-rank.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import engine  # noqa: E402


def time_processes(args):
    """Hybrid `mlib search` processes with the rerank (the default) and without
    (`--no-rerank`), on queries whose vectors the library holds, beside a new query
    (the model embeds it) and keyword mode; with a baseline build, its hybrid search
    with and without the rerank too. Kinds interleaved, the order rotating."""
    def lines(name):
        with open(f"{args.prefix}-{name}.txt", encoding="utf-8") as f:
            return [line for line in f.read().splitlines() if line][:args.runs]

    new, repeated = lines("new"), lines("repeated")
    search = [args.mlib, "--library", args.library, "search"]
    kinds = {
        "rerank": lambda i: search + [repeated[i]],
        "no_rerank": lambda i: search + [repeated[i], "--no-rerank"],
        "new_rerank": lambda i: search + [new[i]],
        "keyword": lambda i: search + [repeated[i], "--mode", "keyword"],
    }
    if args.baseline:
        baseline = [args.baseline, "--library", args.library, "search"]
        kinds["baseline_rerank"] = lambda i: baseline + [repeated[i]]
        kinds["baseline_no_rerank"] = lambda i: baseline + [repeated[i], "--no-rerank"]
    names = list(kinds)
    timings = {name: [] for name in names}
    for i in range(min(args.runs, len(new), len(repeated))):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            command = kinds[name](i)
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode != 0:
                raise SystemExit(f"rerank: {' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
            if done.stderr.strip():
                print(f"rerank: {name}: {done.stderr.decode().strip()[:200]}", file=sys.stderr)
            timings[name].append(elapsed)
    result = {
        name: {"runs": len(values), "p50_ms": round(engine.percentile(values, 0.5), 1),
               "p95_ms": round(engine.percentile(values, 0.95), 1), "mean_ms": round(sum(values) / len(values), 1)}
        for name, values in timings.items()
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


# Functions whose inclusive share of the profile says where the rerank's time goes:
# (label, pattern over the demangled symbol).
PARTS = [
    ("the rerank (`Reranker.rerank`)", r"Reranker\.rerank\("),
    ("  segment text read (`LibraryReader.evidenceText`)", r"LibraryReader\.evidenceText\("),
    ("  item rows (`LibraryReader.summaries`)", r"LibraryReader\.summaries\("),
    ("  vector rows scored (`PassageScores.init`)", r"PassageScores\.init\("),
    ("  word coverage and phrase (`LexicalMatch.coverage`)", r"LexicalMatch\.coverage\("),
    ("  hint agreement (`HintAgreement.of`)", r"HintAgreement\.of\("),
    ("  the model and its explanation (`RerankModel`)", r"RerankModel\.(probability|components)\("),
    ("recall (`SearchEngine.candidates`)", r"SearchEngine\.candidates\("),
]


def profile(args):
    """Inclusive (children included) sample shares of PARTS from `perf report`,
    Swift symbols demangled."""
    report = subprocess.run(
        ["perf", "report", "-i", args.data, "--children", "--sort", "symbol", "--stdio", "-g", "none", "--percent-limit", "0.3"],
        capture_output=True, text=True, check=True).stdout
    demangled = subprocess.run(["swift", "demangle", "--simplified"], input=report, capture_output=True, text=True).stdout
    shares = {}
    for line in demangled.splitlines():
        fields = line.split()
        if len(fields) < 4 or not fields[0].endswith("%"):
            continue
        symbol = " ".join(fields[3:])  # children %, self %, [.], symbol
        for label, pattern in PARTS:
            if label not in shares and re.search(pattern, symbol):
                shares[label] = float(fields[0].rstrip("%"))
    with open(args.out, "w") as f:
        json.dump({"parts": [[label, shares.get(label)] for label, _ in PARTS]}, f, indent=1)
    print(json.dumps(shares))


def report(args):
    d = args.folder
    vectors, timing, bench = engine.load(d, "vectors"), engine.load(d, "timing"), engine.load(d, "rerank-inproc")
    on, off = engine.load(d, "inproc-rerank"), engine.load(d, "inproc-no-rerank")
    store, perf = engine.load(d, "store"), engine.load(d, "profile")
    facts = engine.machine_facts(args.mlib)
    t = timing
    b = bench
    ratio50 = t["rerank"]["p50_ms"] / t["no_rerank"]["p50_ms"]
    ratio95 = t["rerank"]["p95_ms"] / t["no_rerank"]["p95_ms"]
    lines = [
        f"### Results, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC",
        "",
        f"- Machine: {facts['cpu']}, {facts['nproc']} cores (`nproc`), {facts['ram']} GiB RAM; kernel {facts['kernel']}",
        f"- mlib: {facts['version']}, commit {facts['commit']}, release build; mode: {args.mode}",
        f"- Library: {b['store_rows']:,} text segments of generated notes (`bench/generate.py --seed 3`), indexed "
        f"`--no-embed`, all-MiniLM-L6-v2 registered, a synthetic vector per segment near one of "
        f"{vectors['clusters']:,} cluster centres (by item), and for each timed query a vector near one centre",
        f"- Load average (1, 5, 15 min) at the start: {store.get('load', '?')}; at the end: {facts['load']} "
        "(the machine is shared; other builds and tests ran meanwhile)",
        "",
        "| measurement | result | target |",
        "| --- | --- | --- |",
        f"| `Reranker.rerank` alone, in-process (`mlib-bench rerank`), {b['queries']} queries, median of {b['rounds']} rounds each | "
        f"p50 **{b['rerank_p50_ms']:.2f} ms**, p95 **{b['rerank_p95_ms']:.2f} ms**, mean {b['rerank_mean_ms']:.2f} ms | |",
        f"| candidates per query (recall + fusion, limit 20) | p50 {b['candidates_p50']}, {b['candidates_min']}–{b['candidates_max']}, "
        f"mean {b['candidates_mean']}; {b['vector_rows_mean']} vector rows and {b['text_kb_mean']} KB of text a query | ~200 |",
        f"| recall + fusion before it (`SearchEngine.candidates`) | p50 {b['recall_p50_ms']:.2f} ms, p95 {b['recall_p95_ms']:.2f} ms | |",
        f"| `mlib search` process, hybrid, rerank on (default), {t['rerank']['runs']} runs | "
        f"p50 {t['rerank']['p50_ms']} ms, **p95 {t['rerank']['p95_ms']} ms**, mean {t['rerank']['mean_ms']} ms | "
        f"p95 ≤ 150 ms: {engine.verdict(t['rerank']['p95_ms'], 150)} |",
        f"| same queries, `--no-rerank` | p50 {t['no_rerank']['p50_ms']} ms, p95 {t['no_rerank']['p95_ms']} ms, "
        f"mean {t['no_rerank']['mean_ms']} ms | |",
        f"| rerank on / off | p50 **{ratio50:.2f}×**, p95 **{ratio95:.2f}×** | |",
        f"| `mlib search` process, new query (model loaded, query embedded), rerank on | p50 {t['new_rerank']['p50_ms']} ms, "
        f"p95 {t['new_rerank']['p95_ms']} ms | p95 ≤ 150 ms: {engine.verdict(t['new_rerank']['p95_ms'], 150)} |",
        f"| `mlib search --mode keyword` (rerank on), same queries | p50 {t['keyword']['p50_ms']} ms, p95 {t['keyword']['p95_ms']} ms | |",
        f"| in-process hybrid search (`_bench-search`), rerank on / off | p50 {on['p50_ms']:.2f} / {off['p50_ms']:.2f} ms, "
        f"p95 {on['p95_ms']:.2f} / {off['p95_ms']:.2f} ms | |",
    ]
    before = engine.load(d, "rerank-inproc-baseline")
    if before:
        lines.append(f"| baseline build: `Reranker.rerank` alone, same queries | p50 {before['rerank_p50_ms']:.2f} ms, "
                     f"p95 {before['rerank_p95_ms']:.2f} ms, mean {before['rerank_mean_ms']:.2f} ms | |")
    if "baseline_rerank" in t:
        base_on, base_off = t["baseline_rerank"], t["baseline_no_rerank"]
        lines.append(f"| baseline build: `mlib search` process, rerank on / `--no-rerank`, same runs | p50 {base_on['p50_ms']} / "
                     f"{base_off['p50_ms']} ms, p95 **{base_on['p95_ms']}** / {base_off['p95_ms']} ms | |")
    lines += [
        "",
        "Where the rerank's time goes, in-process (p50 over queries; each part timed alone in the same read "
        "transaction, right after the rerank):",
        "",
        "| part | ms (p50) | ms (p95) |",
        "| --- | ---: | ---: |",
        f"| item rows (`summaries`) | {b['summaries_p50_ms']:.2f} | {b['summaries_p95_ms']:.2f} |",
        f"| every segment's text (`evidenceText`) | {b['texts_p50_ms']:.2f} | {b['texts_p95_ms']:.2f} |",
        f"| timed segments of videos (`timedSegments`) | {b['timed_p50_ms']:.2f} | {b['timed_p95_ms']:.2f} |",
        f"| every vector row of the candidates scored (`VectorStore.itemScores`) | {b['vectors_p50_ms']:.2f} | {b['vectors_p95_ms']:.2f} |",
        f"| the rest: coverage and phrase, hint agreement, the model, explanations, sort | "
        f"{b['per_candidate_p50_ms']:.2f} | {b['per_candidate_p95_ms']:.2f} |",
        f"| the whole rerank | {b['rerank_p50_ms']:.2f} | {b['rerank_p95_ms']:.2f} |",
    ]
    if perf:
        shares = dict(perf["parts"])
        whole = shares[PARTS[0][0]]
        lines += ["", f"`perf record` of `mlib-bench rerank --no-parts` ({b['queries']} queries, 6 passes): each function's "
                  "samples, callees included, as a share of the rerank's, and that share of its p50:", "",
                  "| function | share of the rerank | ms of the p50 |", "| --- | ---: | ---: |"]
        for label, _ in PARTS[1:-1]:
            share = shares.get(label)
            if share is None or not whole:
                lines.append(f"| {label.strip()} | under 0.3 % of all samples, or inlined | – |")
            else:
                lines.append(f"| {label.strip()} | {100 * share / whole:.1f} % | {b['rerank_p50_ms'] * share / whole:.2f} |")
    lines += ["", "Process timings: Python's `time.perf_counter` around `subprocess.run`, the kinds interleaved "
              "(order rotating each round); percentiles nearest-rank. Reproduce with `bench/rerank.sh` "
              "(`--quick`: a tenth of the size); files in `bench-data/rerank/`."]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    sys.stdout.write(text)


# ---------------------------------------------------------------- mlib rerank (the API)

API_QUERIES = [
    "boats in the harbour at sunset", "a red dress by the cafe window", "lemons at the market",
    "waves on the beach at dawn", "tomatoes in the garden", "the planning meeting in March",
    "a risotto recipe", "rooftops of the old town", "surfers and the lighthouse", "train to the coast",
]


def api_documents(examples):
    """Ten documents of every kind from examples/library: five texts (the notes),
    three images, a caption with an image, and an 8-second video."""
    def note(name):
        with open(os.path.join(examples, "notes", name), encoding="utf-8") as f:
            return f.read()[:1500]
    return [
        {"text": note("2024-07-biarritz-diary.md")},
        {"text": note("garden-log.md")},
        {"text": note("recipes/lemon-risotto.md")},
        {"text": note("work/2024-03-12-planning-meeting.md")},
        {"text": note("carnet-de-voyage-lyon.md")},
        {"image": os.path.join(examples, "photos", "harbour-sunset.jpg")},
        {"image": os.path.join(examples, "photos", "market-lemons.jpg")},
        {"image": os.path.join(examples, "pictures", "IMG_2207.jpg")},
        {"text": "Evening on the quay", "image": os.path.join(examples, "photos", "beach-morning.jpg")},
        {"video": os.path.join(examples, "videos", "VID_20240716_181500.mp4")},
    ]


def api(args):
    """One `mlib rerank --jsonl` process answering requests one at a time, always the
    same ten documents. The first --warm requests (model loaded, files read, OCR,
    frames; each query of API_QUERIES embedded once) are timed apart; then --requests
    with those queries in turn (every cache warm), then --requests with a query never
    asked before (embedded each time). Then --cold whole processes of one request each."""
    documents = api_documents(os.path.abspath(args.examples))
    def request(query):
        return json.dumps({"query": {"text": query}, "documents": documents, "fps": 1.0})

    command = [args.mlib, "--library", args.library, "rerank", "--jsonl"]
    phases = {"warm_up": [], "known_query": [], "new_query": []}
    with open(args.out + ".stderr", "w") as errors:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True, bufsize=1)
        plan = [("warm_up", API_QUERIES[i % len(API_QUERIES)]) for i in range(args.warm)]
        plan += [("known_query", API_QUERIES[i % len(API_QUERIES)]) for i in range(args.requests)]
        plan += [("new_query", f"{API_QUERIES[i % len(API_QUERIES)]} {i + 1}") for i in range(args.requests)]
        for phase, query in plan:
            start = time.perf_counter()
            process.stdin.write(request(query) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline() or "{}")
            phases[phase].append((time.perf_counter() - start) * 1000)
            if len(answer.get("scores", [])) != len(documents):
                raise SystemExit(f"rerank: {query!r} was answered {json.dumps(answer)[:300]}")
        process.stdin.close()
        if process.wait() != 0:
            raise SystemExit(f"rerank: {' '.join(command)} exited {process.returncode}; see {args.out}.stderr")
    problems = [r.get("problem") for r in answer.get("results", []) if r.get("problem")]
    cold = []
    for i in range(args.cold):
        start = time.perf_counter()
        done = subprocess.run(command[:-1], input=request(API_QUERIES[i]), capture_output=True, text=True)
        cold.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"rerank: a one-request process exited {done.returncode}: {done.stderr[-300:]}")

    def stats(values):
        return {"requests": len(values), "p50_ms": round(engine.percentile(values, 0.5), 2),
                "p95_ms": round(engine.percentile(values, 0.95), 2), "mean_ms": round(sum(values) / len(values), 2),
                "requests_per_s": round(1000 * len(values) / sum(values), 1)}
    result = {
        "documents": len(documents), "warm_up_ms": [round(t, 1) for t in phases["warm_up"]],
        "known_query": stats(phases["known_query"]), "new_query": stats(phases["new_query"]),
        "cold_process_p50_ms": round(engine.percentile(cold, 0.5), 1), "cold_runs": len(cold),
        "problems": problems, "warnings": open(args.out + ".stderr").read().strip().splitlines()[:3],
        "machine": engine.machine_facts(args.mlib),
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("time")
    p.add_argument("mlib")
    p.add_argument("library")
    p.add_argument("prefix")
    p.add_argument("--runs", type=int, default=150)
    p.add_argument("--baseline", default="", help="another build's mlib, timed beside")
    p.add_argument("--out", required=True)
    p.set_defaults(run=time_processes)
    p = commands.add_parser("profile")
    p.add_argument("data")
    p.add_argument("--out", required=True)
    p.set_defaults(run=profile)
    p = commands.add_parser("report")
    p.add_argument("folder")
    p.add_argument("mlib")
    p.add_argument("--mode", default="full")
    p.add_argument("--out", required=True)
    p.set_defaults(run=report)
    p = commands.add_parser("api")
    p.add_argument("mlib")
    p.add_argument("library")
    p.add_argument("examples", help="examples/library")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--warm", type=int, default=10)
    p.add_argument("--cold", type=int, default=5)
    p.add_argument("--out", required=True)
    p.set_defaults(run=api)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
