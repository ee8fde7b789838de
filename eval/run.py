#!/usr/bin/env python3
"""Measures mlib's search quality and the rerank's calibration on the labelled set.

Indexes eval/notes/ (Markdown notes) and eval/media/ (images and videos: OCR text,
colours, captions, subtitles, burnt-in text) into a fresh library, runs every query
of eval/queries.tsv through the mlib binary, and scores the ranked files against
eval/qrels.tsv (grade 2 = the answer, 1 = partly relevant; a query with no judged file
has no answer). Queries are grouped by eval/query-kinds.tsv: text, image, video,
mixed, none.

Ranking is measured for four pipelines:
- keyword: `--mode keyword --no-rerank` (bm25 recall);
- fusion: `--mode hybrid --no-rerank` (words and meaning, reciprocal rank fusion);
- rerank: `--mode hybrid` with the committed model (its weights were fitted on this
  same set by eval/fit_rerank.py, so this row is in-sample);
- rerank (held-out): the same features, each query ranked by a model fitted on the
  other folds (5-fold cross-validation by query): what the rerank does on queries it
  never saw.

Reported: nDCG@10, Recall@10, MRR, and the expected calibration error (ECE) of the
scores of the first 10 hits of every query (queries with no answer included: their
hits are all irrelevant). A reliability table shows, for held-out scores, the share of
relevant hits per score bin; and the top score of each no-answer query.

    make eval                           # builds, then runs this
    MLIB=.build/release/mlib python3 eval/run.py [--check] [--features FILE]

--features writes every candidate's features (hybrid and keyword runs) for
eval/fit_rerank.py. --check fails (exit 1) unless the rerank beats fusion on nDCG@10
(held-out), the held-out ECE is below 0.1, and hit rates rise from each fifth of the
score range to the next.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import logistic  # noqa: E402
import metrics  # noqa: E402
from rerank_features import FOLDS, MODELS, fit_model, folds, vector  # noqa: E402

EVAL_DIR = Path(__file__).resolve().parent
PROJECT = EVAL_DIR.parent
LIMIT = 10
POOL = 100
KINDS = ["text", "image", "video", "mixed", "none"]


class EvalError(Exception):
    """The evaluation cannot run or cannot be trusted."""


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
        if not any((EVAL_DIR / folder / name).is_file() for folder in ("notes", "media")):
            raise EvalError(f"qrels.tsv names {name}, which is in neither eval/notes nor eval/media")
        qrels.setdefault(qid, {})[name] = int(grade)
    kinds_file = EVAL_DIR / "query-kinds.tsv"
    kinds = dict(read_tsv(kinds_file, 2)) if kinds_file.exists() else {}
    for qid, _ in queries:
        kinds.setdefault(qid, "text" if qrels.get(qid) else "none")
    return queries, qrels, kinds


def run(command, env):
    return subprocess.run(command, capture_output=True, text=True, env=env)


def search(mlib, library, query, options, env):
    command = [mlib, "--library", library, "search", query, "--format", "json", *options]
    result = run(command, env)
    if result.returncode != 0:
        raise EvalError(f"mlib search {query!r} {' '.join(options)} failed ({result.returncode}): {(result.stderr or result.stdout).strip()}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise EvalError(f"mlib search {query!r}: unreadable JSON ({error})") from None


def run_all(mlib, library, queries, options, env, jobs):
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        documents = list(pool.map(lambda q: search(mlib, library, q[1], options, env), queries))
    elapsed = time.monotonic() - started
    return {qid: doc for (qid, _), doc in zip(queries, documents)}, 1000 * elapsed * jobs / max(len(queries), 1)


def names(document):
    return [Path(hit["path"]).name for hit in document["results"]]


def scored_top(document, k=LIMIT):
    return [(Path(hit["path"]).name, hit["score"]) for hit in document["results"][:k]]


def candidates(documents, qrels, model):
    """Every hit with its features and label, by query."""
    rows = {}
    for qid, document in documents.items():
        relevant = qrels.get(qid, {})
        rows[qid] = [
            {"name": Path(hit["path"]).name, "label": 1 if relevant.get(Path(hit["path"]).name, 0) > 0 else 0,
             "features": hit["rerank"]["features"], "model": hit["rerank"]["model"], "kind": hit["kind"],
             "recall_rank": hit["rerank"]["recall_rank"], "channels": hit["channels"]}
            for hit in document["results"] if "rerank" in hit
        ]
    return rows


def held_out(rows, model_name):
    """Each query's candidates scored by a model fitted on the other folds."""
    features = MODELS[model_name]
    predictions = {}
    query_ids = sorted(rows)
    for fold in range(FOLDS):
        train = [c for q in query_ids if folds(q) != fold for c in rows[q]]
        if not train:
            continue
        beta = fit_model(train, features)
        for q in query_ids:
            if folds(q) == fold:
                scored = [(c["name"], logistic.predict(beta, vector(c["features"], features))) for c in rows[q]]
                predictions[q] = sorted(scored, key=lambda pair: -pair[1])
    return predictions


def ranking_table(pipelines, qrels, kinds, queries):
    lines = ["| pipeline | kind | queries | nDCG@10 | Recall@10 | MRR | ECE (top 10) | ms/query |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, outcome in pipelines.items():
        for kind in ["all"] + KINDS[:-1]:
            chosen = [q for q, _ in queries if kind == "all" or kinds[q] == kind]
            scores = metrics.ranking_scores(outcome["rankings"], qrels, chosen)
            if scores is None:
                continue
            ece_queries = [q for q, _ in queries if kind == "all" or kinds[q] in (kind,)]
            if kind == "all":
                ece_queries = [q for q, _ in queries]
            pairs = [(score, 1 if qrels.get(q, {}).get(item, 0) > 0 else 0)
                     for q in ece_queries for item, score in outcome["scored"][q]]
            _, ece = metrics.reliability(pairs) if outcome["probabilities"] else (None, None)
            lines.append(
                f"| {name} | {kind} | {scores['queries']} | {scores['nDCG@10']:.3f} | {scores['R@10']:.3f} | {scores['MRR']:.3f} | "
                + (f"{ece:.3f}" if ece is not None else "n/a (not a probability)")
                + (f" | {outcome['ms']:.0f} |" if outcome["ms"] else " | – |"))
    return "\n".join(lines)


def reliability_table(rows):
    lines = ["| score bin | hits | mean score | share relevant |", "| --- | ---: | ---: | ---: |"]
    for row in rows:
        if row["count"]:
            lines.append(f"| {row['bin']} | {row['count']} | {row['mean']:.3f} | {row['rate']:.3f} |")
        else:
            lines.append(f"| {row['bin']} | 0 | – | – |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mlib", default=os.environ.get("MLIB", str(PROJECT / ".build/release/mlib")))
    parser.add_argument("--output", default=str(PROJECT / ".build/eval-results.md"))
    parser.add_argument("--features", help="write every candidate's features here (JSON) for eval/fit_rerank.py")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not os.access(args.mlib, os.X_OK):
        raise EvalError(f"no mlib binary at {args.mlib}: run `make build` or set MLIB")
    queries, qrels, kinds = load_set()
    env = dict(os.environ)
    env.pop("MLIB_LIBRARY", None)
    jobs = max(1, args.jobs)

    with tempfile.TemporaryDirectory(prefix="mlib-eval-") as scratch:
        library = str(Path(scratch) / "library.sqlite")
        folders = [str(EVAL_DIR / f) for f in ("notes", "media") if (EVAL_DIR / f).is_dir()]
        started = time.monotonic()
        result = run([args.mlib, "--library", library, "index", *folders, "--quiet"], env)
        if result.returncode != 0:
            raise EvalError(f"mlib index failed ({result.returncode}): {(result.stderr or result.stdout).strip()}")
        print(f"indexed {', '.join(Path(f).name for f in folders)} in {time.monotonic() - started:.1f} s", file=sys.stderr)

        keyword, keyword_ms = run_all(args.mlib, library, queries, ["--mode", "keyword", "--no-rerank", "--limit", str(LIMIT)], env, jobs)
        fusion, fusion_ms = run_all(args.mlib, library, queries, ["--mode", "hybrid", "--no-rerank", "--limit", str(LIMIT)], env, jobs)
        rerank, rerank_ms = run_all(args.mlib, library, queries, ["--mode", "hybrid", "--limit", str(LIMIT), "--min-score", "0"], env, jobs)
        pool, _ = run_all(args.mlib, library, queries, ["--mode", "hybrid", "--limit", str(POOL), "--min-score", "0"], env, jobs)
        words_pool, _ = run_all(args.mlib, library, queries, ["--mode", "keyword", "--limit", str(POOL), "--min-score", "0"], env, jobs)

    for qid, document in rerank.items():
        if document.get("ranking") != "rerank":
            raise EvalError(f"{qid}: the search did not rerank (ranking {document.get('ranking')!r}); is the model installed?")
    full_rows = candidates(pool, qrels, "full")
    words_rows = candidates(words_pool, qrels, "words")
    if args.features:
        Path(args.features).write_text(json.dumps({"full": full_rows, "words": words_rows}), encoding="utf-8")
        print(f"features written to {args.features}", file=sys.stderr)

    cv = held_out(full_rows, "full")
    pipelines = {
        "keyword": {"rankings": {q: names(d) for q, d in keyword.items()}, "scored": {q: scored_top(d) for q, d in keyword.items()},
                    "probabilities": False, "ms": keyword_ms},
        "fusion": {"rankings": {q: names(d) for q, d in fusion.items()}, "scored": {q: scored_top(d) for q, d in fusion.items()},
                   "probabilities": False, "ms": fusion_ms},
        "rerank (fitted on all)": {"rankings": {q: names(d) for q, d in rerank.items()},
                                   "scored": {q: scored_top(d) for q, d in rerank.items()}, "probabilities": True, "ms": rerank_ms},
        "rerank (held-out)": {"rankings": {q: [n for n, _ in cv[q][:LIMIT]] for q in cv},
                              "scored": {q: cv[q][:LIMIT] for q in cv}, "probabilities": True, "ms": 0},
    }
    held_pairs = [(s, 1 if qrels.get(q, {}).get(n, 0) > 0 else 0) for q in cv for n, s in cv[q][:LIMIT]]
    held_rows, held_ece = metrics.reliability(held_pairs)
    held_coarse, _ = metrics.reliability(held_pairs, bins=5)
    fitted_pairs = [(s, 1 if qrels.get(q, {}).get(n, 0) > 0 else 0) for q, d in rerank.items() for n, s in scored_top(d)]
    fitted_rows, fitted_ece = metrics.reliability(fitted_pairs)
    none_queries = [q for q, _ in queries if kinds[q] == "none"]
    tops = {q: (rerank[q]["results"][0]["score"] if rerank[q]["results"] else 0.0) for q in none_queries}
    held_tops = {q: (cv[q][0][1] if cv.get(q) else 0.0) for q in none_queries}
    answered_tops = [rerank[q]["results"][0]["score"] for q, _ in queries if kinds[q] != "none" and rerank[q]["results"]]

    sections = [
        "### Ranking and calibration", "", ranking_table(pipelines, qrels, kinds, queries), "",
        f"### Reliability of held-out scores (top 10 of every query, {len(held_pairs)} hits; ECE {held_ece:.3f})", "",
        reliability_table(held_rows), "", "The same in fifths:", "", reliability_table(held_coarse), "",
        f"### Reliability of the committed model's scores (in-sample; ECE {fitted_ece:.3f})", "",
        reliability_table(fitted_rows), "",
        f"### Queries with no answer ({len(none_queries)})", "",
        "| id | query | top score (committed) | top score (held-out) |", "| --- | --- | ---: | ---: |",
        *[f"| {q} | {dict(queries)[q]} | {tops[q]:.3f} | {held_tops[q]:.3f} |" for q in none_queries],
        "",
        (f"Top score of no-answer queries: mean {sum(tops.values()) / len(tops):.3f}, max {max(tops.values()):.3f}; "
         f"of answered queries: mean {sum(answered_tops) / max(len(answered_tops), 1):.3f}." if tops else "No no-answer queries."),
    ]
    summary = "\n".join(sections)
    print(summary)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    counts = {k: sum(1 for q, _ in queries if kinds[q] == k) for k in KINDS}
    header = (f"# mlib evaluation\n\n{len(queries)} queries ({', '.join(f'{v} {k}' for k, v in counts.items())}); "
              "ms/query is wall time per `mlib search` process, start-up and model load included.\n\n")
    output.write_text(header + summary + "\n", encoding="utf-8")
    print(f"\nwritten to {output}", file=sys.stderr)

    if args.check:
        answered = [q for q, _ in queries]
        fused = metrics.ranking_scores(pipelines["fusion"]["rankings"], qrels, answered)["nDCG@10"]
        held = metrics.ranking_scores(pipelines["rerank (held-out)"]["rankings"], qrels, answered)["nDCG@10"]
        failures = []
        if held <= fused:
            failures.append(f"held-out rerank nDCG@10 {held:.3f} does not beat fusion {fused:.3f}")
        if held_ece is None or held_ece >= 0.1:
            failures.append(f"held-out ECE {held_ece} is not below 0.1")
        if not metrics.rising(held_coarse):
            failures.append("held-out hit rates do not rise with the score fifths")
        if failures:
            print("check failed: " + "; ".join(failures), file=sys.stderr)
            return 1
        print(f"check passed: nDCG@10 held-out rerank {held:.3f} > fusion {fused:.3f}; ECE {held_ece:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except EvalError as error:
        print(f"eval: {error}", file=sys.stderr)
        sys.exit(2)
