"""The rerank's features as eval/run.py and eval/fit_rerank.py fit them.

`picture` is not fitted: no picture model with real weights exists where the set is
evaluated, so its weight is tied to `meaning`'s (both are on one 0..1.5 strength scale).
"""

import zlib

FOLDS = 5

MODELS = {
    "full": ["bm25", "coverage", "title_coverage", "phrase", "meaning", "fusion", "kind", "date", "camera", "quoted"],
    "words": ["bm25", "coverage", "title_coverage", "phrase", "fusion", "kind", "date", "camera", "quoted"],
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
