"""Ranking and calibration measures for eval/run.py and eval/fit_rerank.py.

Rankings are lists of file names, best first; judgments map file names to grades
(2 = the answer, 1 = partly relevant). A query with no judged file has no answer:
ranking measures skip it, calibration counts its hits as irrelevant.
"""

import math


def recall_at(ranked, relevant, k):
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def ndcg_at(ranked, relevant, k):
    def gain(grade):
        return 2**grade - 1

    dcg = sum(gain(relevant.get(name, 0)) / math.log2(rank + 2) for rank, name in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(gain(grade) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / idcg


def reciprocal_rank(ranked, relevant, k=10):
    for rank, name in enumerate(ranked[:k]):
        if name in relevant:
            return 1 / (rank + 1)
    return 0.0


def ranking_scores(rankings, qrels, query_ids, k=10):
    """Mean nDCG@k, Recall@k and MRR over the queries that have an answer."""
    answered = [q for q in query_ids if qrels.get(q)]
    if not answered:
        return None
    n = len(answered)
    return {
        "queries": n,
        "nDCG@10": sum(ndcg_at(rankings[q], qrels[q], k) for q in answered) / n,
        "R@10": sum(recall_at(rankings[q], qrels[q], k) for q in answered) / n,
        "MRR": sum(reciprocal_rank(rankings[q], qrels[q], k) for q in answered) / n,
    }


def reliability(pairs, bins=10):
    """(probability, relevant) pairs → rows per equal-width bin and the expected
    calibration error: the share-weighted gap between mean score and hit rate."""
    rows = []
    total = len(pairs)
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if (low <= p < high) or (b == bins - 1 and p == 1.0)]
        if not inside:
            rows.append({"bin": f"{low:.1f}–{high:.1f}", "count": 0, "mean": None, "rate": None})
            continue
        mean = sum(p for p, _ in inside) / len(inside)
        rate = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / total * abs(mean - rate)
        rows.append({"bin": f"{low:.1f}–{high:.1f}", "count": len(inside), "mean": mean, "rate": rate})
    return rows, (ece if total else None)


def rising(rows):
    """Whether the hit rate rises with the bins (among bins with at least 5 hits)."""
    rates = [row["rate"] for row in rows if row["count"] >= 5]
    return all(later >= earlier - 1e-9 for earlier, later in zip(rates, rates[1:]))
