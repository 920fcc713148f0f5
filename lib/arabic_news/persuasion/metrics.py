"""Scores of the binary persuasion task, under a shifted share of "true", and bootstrap CIs by group.

Plain numpy (a leaf module: the models and the evaluation both use it).

*Share of "true".*  The training pool is about 72 % "true" on news paragraphs;
the articles a researcher brings may hold far fewer persuasive paragraphs.
:func:`prevalence_weights` re-weights an evaluation set so that "true" makes up
a chosen share: the weighted scores are the expected scores of an evaluation
set resampled to that share (every "true" item drawn with probability
proportional to ``share / π``, every "false" one to ``(1 - share) / (1 - π)``).

>>> y = np.array([True, True, True, False])
>>> w = prevalence_weights(y, 0.5)
>>> float(w[y].sum()), float(w[~y].sum())
(2.0, 2.0)
>>> s = binary_scores(y, np.array([True, True, False, False]))
>>> round(s["micro_f1"], 2), round(s["recall_false"], 2)
(0.75, 1.0)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "SHARES",
    "prevalence_weights",
    "binary_scores",
    "shifted_macro_f1",
    "best_threshold",
    "group_bootstrap",
    "precision_of_true",
]

#: Shares of "true" the decision threshold is tuned for (macro-F1 averaged over both).
SHARES = (0.6, 0.8)


def prevalence_weights(y: np.ndarray, share: float) -> np.ndarray:
    """Item weights that make "true" (``y``) a ``share`` of the total weight; total weight = ``len(y)``."""
    y = np.asarray(y, dtype=bool)
    if not 0.0 < share < 1.0:
        raise ValueError(f"share must be strictly between 0 and 1, got {share}")
    n, pos = len(y), int(y.sum())
    if pos == 0 or pos == n:
        raise ValueError("re-weighting needs both classes in the evaluation set")
    return np.where(y, share * n / pos, (1.0 - share) * n / (n - pos))


def _counts(y: np.ndarray, pred: np.ndarray, w: np.ndarray | None) -> tuple[float, float, float, float]:
    w = np.ones(len(y)) if w is None else w
    tp = float(w[y & pred].sum())
    fp = float(w[~y & pred].sum())
    fn = float(w[y & ~pred].sum())
    tn = float(w[~y & ~pred].sum())
    return tp, fp, fn, tn


def _div(a: float, b: float) -> float:
    return a / b if b > 0 else 0.0


def binary_scores(y: np.ndarray, pred: np.ndarray, weights: np.ndarray | None = None) -> dict[str, float]:
    """Micro-F1 (= accuracy), macro-F1, precision/recall of each class; ``y``/``pred`` are booleans ("true")."""
    y = np.asarray(y, dtype=bool)
    pred = np.asarray(pred, dtype=bool)
    tp, fp, fn, tn = _counts(y, pred, weights)
    f1_t = _div(2 * tp, 2 * tp + fp + fn)
    f1_f = _div(2 * tn, 2 * tn + fn + fp)
    return {
        "micro_f1": _div(tp + tn, tp + fp + fn + tn),
        "macro_f1": (f1_t + f1_f) / 2,
        "precision_true": _div(tp, tp + fp),
        "recall_true": _div(tp, tp + fn),
        "precision_false": _div(tn, tn + fn),
        "recall_false": _div(tn, tn + fp),
    }


def shifted_macro_f1(y: np.ndarray, score: np.ndarray, threshold: float, shares: Sequence[float] = SHARES) -> float:
    """Macro-F1 of ``score >= threshold``, averaged over the evaluation set re-weighted to each share of "true"."""
    y = np.asarray(y, dtype=bool)
    pred = np.asarray(score) >= threshold
    return float(np.mean([binary_scores(y, pred, prevalence_weights(y, s))["macro_f1"] for s in shares]))


def best_threshold(y: np.ndarray, score: np.ndarray, shares: Sequence[float] = SHARES, *, grid: int = 199) -> float:
    """The threshold on ``score`` maximising :func:`shifted_macro_f1` (ties: the middle of the best run).

    >>> t = best_threshold(np.array([True, True, False, False]), np.array([0.9, 0.8, 0.3, 0.1]))
    >>> 0.3 < t <= 0.8
    True
    """
    y = np.asarray(y, dtype=bool)
    score = np.asarray(score, dtype=float)
    cands = np.linspace(0.005, 0.995, grid)
    vals = np.array([shifted_macro_f1(y, score, t, shares) for t in cands])
    best = np.flatnonzero(vals >= vals.max() - 1e-12)
    return float(round(cands[best[len(best) // 2]], 4))


def group_bootstrap(
    groups: Sequence[str],
    stat: Callable[[np.ndarray], float | np.ndarray],
    *,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile CI of ``stat(indices)`` with whole groups (articles) resampled with replacement.

    ``stat`` receives an index array into the items (a group drawn twice
    contributes its items twice) and returns a number or an array.
    Returns ``(low, high)`` arrays.
    """
    groups = np.asarray(groups)
    uniq, inv = np.unique(groups, return_inverse=True)
    members = [np.flatnonzero(inv == g) for g in range(len(uniq))]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(uniq), len(uniq))
        draws.append(np.atleast_1d(stat(np.concatenate([members[g] for g in pick]))))
    arr = np.asarray(draws, dtype=float)
    a = (1.0 - level) / 2
    return np.quantile(arr, a, axis=0), np.quantile(arr, 1 - a, axis=0)


def precision_of_true(
    y: np.ndarray, pred: np.ndarray, groups: Sequence[str], *, n_boot: int = 300, seed: int = 0
) -> dict[str, object]:
    """How reliable a "true" flag is: precision of "true" with a CI by group, as is and at each of :data:`SHARES`.

    Returns ``{"precision", "lo", "hi", "n", "n_flagged", "by_share": {"60% true": {"precision", "lo", "hi"}, ...}}``.
    """
    y = np.asarray(y, dtype=bool)
    pred = np.asarray(pred, dtype=bool)

    def stat(idx: np.ndarray) -> np.ndarray:
        yt, pt = y[idx], pred[idx]
        vals = [binary_scores(yt, pt)["precision_true"]]
        if yt.all() or not yt.any():
            return np.array(vals + [vals[0]] * len(SHARES))
        return np.array(vals + [binary_scores(yt, pt, prevalence_weights(yt, s))["precision_true"] for s in SHARES])

    point = stat(np.arange(len(y)))
    lo, hi = group_bootstrap(groups, stat, n_boot=n_boot, seed=seed)
    return {
        "precision": float(point[0]),
        "lo": float(lo[0]),
        "hi": float(hi[0]),
        "n": int(len(y)),
        "n_flagged": int(pred.sum()),
        "by_share": {
            f"{s:.0%} true": {"precision": float(point[i]), "lo": float(lo[i]), "hi": float(hi[i])}
            for i, s in enumerate(SHARES, 1)
        },
    }
