"""The rerank's features and how eval/run.py and eval/fit_rerank.py fit them.

`picture` is not fitted: no picture model with real weights exists where the set is
evaluated, so its weight is tied to `meaning`'s (both are on one 0..1.5 strength scale).

Hints boost by design: a hint's weight is at least HINT_FLOOR. Few labelled queries
carry a given hint, so a free fit can leave a hint with no effect at all (quoted phrases
did); where it would, the weight is held at the floor and the rest refitted around it.
`title_coverage` is computed but not weighed: bm25 already weighs titles, and with both
the fit gave title matches a negative weight that no explanation could justify.
"""

import zlib

import logistic

FOLDS = 5

MODELS = {
    "full": ["bm25", "coverage", "phrase", "meaning", "fusion", "kind", "date", "camera", "quoted", "colour"],
    "words": ["bm25", "coverage", "phrase", "fusion", "kind", "date", "camera", "quoted", "colour"],
    # `mlib rerank`: documents brought by the caller have no recall ranks, no bm25 over
    # a library and no title field, so they are judged by what their own text and
    # pictures say. Fitted on the hybrid runs' candidates.
    "documents": ["coverage", "phrase", "meaning", "quoted"],
}


def vector(features, names):
    return [float(features.get(name, 0.0)) for name in names]


def folds(query_id):
    """A query's fold, fixed by its id (so every run splits the same way)."""
    return zlib.crc32(query_id.encode()) % FOLDS


HINTS = ["kind", "date", "camera", "quoted"]
HINT_FLOOR = 1.0


def fit_model(candidates, names):
    """[intercept, weight per name] fitted on candidates (dicts with features, label)."""
    labels = [c["label"] for c in candidates]
    held = {}
    while True:
        free = [n for n in names if n not in held]
        offsets = [sum(w * c["features"].get(n, 0.0) for n, w in held.items()) for c in candidates]
        beta = logistic.fit([vector(c["features"], free) for c in candidates], labels, offsets=offsets)
        fitted = dict(zip(free, beta[1:]))
        low = [n for n in free if n in HINTS and fitted[n] < HINT_FLOOR]
        if not low:
            weights = {**fitted, **held}
            return [beta[0]] + [weights[n] for n in names]
        held.update({n: HINT_FLOOR for n in low})
