#!/usr/bin/env python3
"""Fits the rerank's logistic models on the labelled set and writes their weights into
Sources/MLibSearch/Rerank/RerankModel+Fitted.swift.

    MLIB=.build/release/mlib python3 eval/run.py --features .build/eval-features.json
    python3 eval/fit_rerank.py .build/eval-features.json
    (or simply: make fit)

Two models: `full` for searches where a meaning channel ran, `words` for searches by
words alone, each fitted on the candidates of its own runs (every query's first 100).
A candidate is relevant when the query's judgments give it any grade. L2 strength 1.
Weights tied, held or left out rather than fitted are said in rerank_features.py.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rerank_features import MODELS, fit_model  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "Sources/MLibSearch/Rerank/RerankModel+Fitted.swift"
SWIFT_NAMES = {"title_coverage": "titleCoverage"}


def fit(rows, names):
    flat = [c for query in rows.values() for c in query]
    beta = fit_model(flat, names)
    return beta, len(flat), sum(c["label"] for c in flat), len(rows)


def swift_model(name, beta, names, tied):
    weights = {n: w for n, w in zip(names, beta[1:])}
    weights.update({target: weights[source] for target, source in tied.items()})
    entries = "".join(f"            .{SWIFT_NAMES.get(n, n)}: {w:.4f},\n" for n, w in weights.items())
    return (f'    public static let {name} = RerankModel(\n        name: "{name}", intercept: {beta[0]:.4f},\n'
            f"        weights: [\n{entries}        ])\n")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    parts = []
    for name, tied, doc in [
        ("full", {"picture": "meaning"}, "The model for searches where a meaning channel ran; `picture` borrows `meaning`'s weight."),
        ("words", {}, "The model for searches by words alone."),
        ("documents", {"picture": "meaning"},
         "The model for `mlib rerank`: documents judged by their own text and pictures, with no recall to lean on."),
    ]:
        beta, count, positives, queries = fit(data["words" if name == "words" else "full"], MODELS[name])
        print(f"{name}: {queries} queries, {count} candidates, {positives} relevant; intercept {beta[0]:.3f}", file=sys.stderr)
        for n, w in zip(MODELS[name], beta[1:]):
            print(f"  {n:15s} {w:+.3f}", file=sys.stderr)
        parts.append(f"    /// {doc}\n    /// Fitted on {queries} queries, {count} candidates ({positives} relevant).\n"
                     + swift_model(name, beta, MODELS[name], tied))
    text = ("// Written by eval/fit_rerank.py from the labelled set in eval/ — do not edit by hand;\n"
            "// `make fit` refits. Held-out calibration: `make eval` and BENCHMARKS.md.\n\n"
            "extension RerankModel {\n" + "\n".join(parts) + "}\n")
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"written to {OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
