#!/usr/bin/env python3
"""Measures mlib's search quality on the labelled set in eval/.

Indexes eval/notes/ into a fresh temporary library, runs every query of
eval/queries.tsv in keyword, semantic and hybrid mode through the mlib binary
(`search QUERY --mode MODE --format json --limit 10`), and scores the ranked notes
against eval/qrels.tsv:

- Recall@5 and Recall@10: the share of a query's relevant notes (any grade) found in
  the first 5 or 10 results, averaged over queries;
- nDCG@10 with graded gains (2^grade - 1: 3 for grade 2, 1 for grade 1), against the
  ideal order of the judged notes.

Prints a Markdown table (all queries, then paraphrase queries `p…` and keyword
queries `k…` apart) and writes it, with per-query Recall@10, to
.build/eval-results.md. A mode the binary refuses (`--mode` unknown or the value
rejected) is reported as n/a and the run carries on. Before the binary had `--mode`,
its only search was keyword search, so keyword mode then runs without the option.

    MLIB=.build/release/mlib python3 eval/run.py
    python3 eval/run.py --check    # also assert hybrid's margin (used by tests)

--check asserts, over all queries, that hybrid's Recall@10 is at least 0.15 above
keyword's and at most 0.02 below semantic's; it exits 1 when either fails or a mode
is n/a. Other non-zero exits mean a real error (no binary, indexing failed, bad JSON).
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MODES = ["keyword", "semantic", "hybrid"]
LIMIT = 10
MIN_GAIN_OVER_KEYWORD = 0.15
MAX_LOSS_TO_SEMANTIC = 0.02

EVAL_DIR = Path(__file__).resolve().parent
PROJECT = EVAL_DIR.parent


class EvalError(Exception):
    """A real error: the evaluation cannot be trusted or cannot run."""


class ModeUnavailable(Exception):
    """The binary refuses this mode; the mode is reported as n/a."""


def read_tsv(path, columns):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise EvalError(f"{path}:{number}: expected {columns} tab-separated fields, found {len(fields)}")
        rows.append(fields)
    return rows


def load_set():
    queries = read_tsv(EVAL_DIR / "queries.tsv", 2)
    qrels = {}
    for qid, name, grade in read_tsv(EVAL_DIR / "qrels.tsv", 3):
        if not (EVAL_DIR / "notes" / name).is_file():
            raise EvalError(f"qrels.tsv names {name}, which is not in eval/notes (run eval/make_notes.py)")
        qrels.setdefault(qid, {})[name] = int(grade)
    missing = [qid for qid, _ in queries if qid not in qrels]
    if missing:
        raise EvalError(f"queries without judgments: {', '.join(missing)}")
    return queries, qrels


def run(command, env):
    return subprocess.run(command, capture_output=True, text=True, env=env)


def search(mlib, library, query, mode, with_mode_option, env):
    """The note file names mlib ranks for `query`, best first."""
    command = [mlib, "--library", library, "search", query, "--format", "json", "--limit", str(LIMIT)]
    if with_mode_option:
        command += ["--mode", mode]
    result = run(command, env)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        # Exit code 1 is mlib's usage error: `--mode` unknown, or this value refused.
        if result.returncode == 1 and re.search(r"\bmode\b", message, re.IGNORECASE):
            raise ModeUnavailable(message.splitlines()[0])
        raise EvalError(f"mlib search {query!r} --mode {mode} failed ({result.returncode}): {message}")
    try:
        document = json.loads(result.stdout)
        return [Path(hit["path"]).name for hit in document["results"]], document.get("mode")
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise EvalError(f"mlib search {query!r} --mode {mode}: unreadable JSON ({error})") from None


def supports_mode_option(mlib, library, env):
    """Whether the binary knows `--mode` at all (older builds search by keyword only)."""
    result = run([mlib, "--library", library, "search", "probe", "--mode", "keyword", "--limit", "1"], env)
    unknown = "Unknown option '--mode'" in (result.stderr + result.stdout)
    return not unknown


def recall(ranked, relevant, k):
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def ndcg(ranked, relevant, k):
    def gain(grade):
        return 2**grade - 1

    dcg = sum(gain(relevant.get(name, 0)) / math.log2(rank + 2) for rank, name in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(gain(grade) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / idcg


def score(rankings, queries, qrels, prefix=""):
    chosen = [qid for qid, _ in queries if qid.startswith(prefix)]
    if not chosen:
        return None
    n = len(chosen)
    return {
        "queries": n,
        "R@5": sum(recall(rankings[q], qrels[q], 5) for q in chosen) / n,
        "R@10": sum(recall(rankings[q], qrels[q], 10) for q in chosen) / n,
        "nDCG@10": sum(ndcg(rankings[q], qrels[q], 10) for q in chosen) / n,
    }


def table(results, queries, qrels, prefix, heading):
    lines = [f"### {heading}", "", "| mode | Recall@5 | Recall@10 | nDCG@10 | ms/query |", "| --- | ---: | ---: | ---: | ---: |"]
    count = None
    for mode in MODES:
        outcome = results[mode]
        if outcome["rankings"] is None:
            lines.append(f"| {mode} | n/a | n/a | n/a | n/a |")
            continue
        s = score(outcome["rankings"], queries, qrels, prefix)
        count = s["queries"]
        lines.append(
            f"| {mode}{outcome['note']} | {s['R@5']:.3f} | {s['R@10']:.3f} | {s['nDCG@10']:.3f} | {outcome['ms']:.0f} |"
        )
    if count is not None:
        lines[0] += f" ({count} queries)"
    return "\n".join(lines)


def per_query(results, queries, qrels):
    available = [m for m in MODES if results[m]["rankings"] is not None]
    lines = [
        "| id | query | relevant | " + " | ".join(f"{m} R@10" for m in available) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in available) + " |",
    ]
    for qid, query in queries:
        cells = [f"{recall(results[m]['rankings'][qid], qrels[qid], 10):.2f}" for m in available]
        lines.append(f"| {qid} | {query} | {len(qrels[qid])} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mlib", default=os.environ.get("MLIB", str(PROJECT / ".build/release/mlib")),
                        help="the mlib binary (default: $MLIB, else .build/release/mlib)")
    parser.add_argument("--output", default=str(PROJECT / ".build/eval-results.md"),
                        help="where to write the Markdown results (default: .build/eval-results.md)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="searches run at once")
    parser.add_argument("--check", action="store_true",
                        help="fail unless hybrid beats keyword by 0.15 Recall@10 and is within 0.02 of semantic")
    args = parser.parse_args()

    mlib = args.mlib
    if not os.access(mlib, os.X_OK):
        raise EvalError(f"no mlib binary at {mlib}: run `make build` or set MLIB")
    queries, qrels = load_set()
    env = dict(os.environ)
    env.pop("MLIB_LIBRARY", None)

    with tempfile.TemporaryDirectory(prefix="mlib-eval-") as scratch:
        library = str(Path(scratch) / "library.sqlite")
        started = time.monotonic()
        result = run([mlib, "--library", library, "index", str(EVAL_DIR / "notes"), "--quiet"], env)
        if result.returncode != 0:
            raise EvalError(f"mlib index eval/notes failed ({result.returncode}): {(result.stderr or result.stdout).strip()}")
        index_seconds = time.monotonic() - started
        print(f"indexed {len(list((EVAL_DIR / 'notes').glob('*.md')))} notes in {index_seconds:.1f} s", file=sys.stderr)

        has_mode = supports_mode_option(mlib, library, env)
        results = {}
        for mode in MODES:
            note = ""
            with_option = has_mode
            if not has_mode:
                if mode != "keyword":
                    print(f"{mode}: n/a (this mlib has no --mode option)", file=sys.stderr)
                    results[mode] = {"rankings": None, "note": "", "ms": 0}
                    continue
                note = " (no --mode: default search)"
            started = time.monotonic()
            try:
                with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                    answers = list(pool.map(lambda q: search(mlib, library, q[1], mode, with_option, env), queries))
            except ModeUnavailable as refusal:
                print(f"{mode}: n/a ({refusal})", file=sys.stderr)
                results[mode] = {"rankings": None, "note": "", "ms": 0}
                continue
            elapsed = time.monotonic() - started
            ranked = [names for names, _ in answers]
            # Hybrid falls back to words when no model is found; say so rather than score it as hybrid.
            reported = sorted({str(ran) for _, ran in answers if ran and ran != mode})
            if with_option and reported:
                note = f" (ran as {', '.join(reported)})"
                print(f"{mode}: mlib reported mode {', '.join(reported)}: is the model installed?", file=sys.stderr)
            results[mode] = {
                "rankings": {qid: names for (qid, _), names in zip(queries, ranked)},
                "note": note,
                # Wall time per query, process start and model load included.
                "ms": 1000 * elapsed * max(1, args.jobs) / len(queries),
            }

    sections = [
        table(results, queries, qrels, "", "All queries"),
        table(results, queries, qrels, "p", "Paraphrase queries (no shared content word with grade-2 notes)"),
        table(results, queries, qrels, "k", "Keyword queries"),
    ]
    summary = "\n\n".join(sections)
    print(summary)

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# mlib evaluation\n\n{len(list((EVAL_DIR / 'notes').glob('*.md')))} notes, {len(queries)} queries "
        f"(eval/queries.tsv), judgments in eval/qrels.tsv; nDCG gains 2^grade - 1; "
        f"ms/query is wall time per `mlib search` process (start-up and model load included).\n\n"
    )
    if any(results[m]["rankings"] is not None for m in MODES):
        body = summary + "\n\n### Recall@10 per query\n\n" + per_query(results, queries, qrels) + "\n"
    else:
        body = summary + "\n"
    output.write_text(header + body, encoding="utf-8")
    print(f"\nwritten to {output}", file=sys.stderr)

    if args.check:
        missing = [m for m in MODES if results[m]["rankings"] is None or results[m]["note"]]
        if missing:
            print(f"check failed: no `--mode` results for {', '.join(missing)}", file=sys.stderr)
            return 1
        r10 = {m: score(results[m]["rankings"], queries, qrels)["R@10"] for m in MODES}
        failures = []
        if r10["hybrid"] < r10["keyword"] + MIN_GAIN_OVER_KEYWORD:
            failures.append(f"hybrid Recall@10 {r10['hybrid']:.3f} is not {MIN_GAIN_OVER_KEYWORD} above keyword {r10['keyword']:.3f}")
        if r10["hybrid"] < r10["semantic"] - MAX_LOSS_TO_SEMANTIC:
            failures.append(f"hybrid Recall@10 {r10['hybrid']:.3f} loses more than {MAX_LOSS_TO_SEMANTIC} to semantic {r10['semantic']:.3f}")
        if failures:
            print("check failed: " + "; ".join(failures), file=sys.stderr)
            return 1
        print(f"check passed: Recall@10 hybrid {r10['hybrid']:.3f}, keyword {r10['keyword']:.3f}, semantic {r10['semantic']:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except EvalError as error:
        print(f"eval: {error}", file=sys.stderr)
        sys.exit(2)
