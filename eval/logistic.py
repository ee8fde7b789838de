"""L2-regularised logistic regression by Newton's method, in plain Python (no numpy,
so `make eval` needs nothing beyond python3). Small problems only: a dozen features,
a few thousand rows."""

import math


def sigmoid(x):
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def solve(matrix, vector):
    """Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            a[col][col] = 1e-12
        for r in range(n):
            if r != col:
                f = a[r][col] / a[col][col]
                if f:
                    for c in range(col, n + 1):
                        a[r][c] -= f * a[col][c]
    return [a[i][n] / a[i][i] for i in range(n)]


def fit(rows, labels, weights=None, l2=1.0, iterations=50, offsets=None):
    """rows: lists of feature values; labels: 0/1; weights: per-row weights (default 1);
    offsets: per-row log-odds added before the fitted part (fixed terms).
    Returns [intercept, w1, w2, ...]. The intercept is not penalised."""
    n_features = len(rows[0]) if rows else 0
    weights = weights or [1.0] * len(rows)
    offsets = offsets or [0.0] * len(rows)
    beta = [0.0] * (n_features + 1)
    for _ in range(iterations):
        gradient = [0.0] * (n_features + 1)
        hessian = [[0.0] * (n_features + 1) for _ in range(n_features + 1)]
        for x, y, w, o in zip(rows, labels, weights, offsets):
            z = o + beta[0] + sum(b * v for b, v in zip(beta[1:], x))
            p = sigmoid(z)
            xs = [1.0] + list(x)
            g = w * (p - y)
            h = w * p * (1 - p)
            for i in range(n_features + 1):
                gradient[i] += g * xs[i]
                hi = h * xs[i]
                row = hessian[i]
                for j in range(i, n_features + 1):
                    row[j] += hi * xs[j]
        for i in range(n_features + 1):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        for i in range(1, n_features + 1):
            gradient[i] += l2 * beta[i]
            hessian[i][i] += l2
        step = solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def predict(beta, x):
    return sigmoid(beta[0] + sum(b * v for b, v in zip(beta[1:], x)))
