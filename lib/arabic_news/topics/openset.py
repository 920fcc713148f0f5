"""Open-set honesty: flag an article whose topic is none of the seven classes instead of forcing a label.

The default model's rule (:class:`LengthAwareRule`) looks at the model's
*evidence* for its best class -- the strongest logit of the calibrating
logistic regression (:func:`~arabic_news.topics.stacking.max_logit`) -- and
compares it with in-class articles **of similar length**: the article is
*outside the labels* when its evidence is below the ``alpha`` (5 %) quantile of
the out-of-fold evidence of in-class training articles with about as many
n-gram features.  Length matters because every confidence score falls with
length: a fixed threshold tuned on short hand-written out-of-class examples
mostly learns "short", and flags a third of the in-class articles under 60
n-grams (``bench/topics.py`` prints this).

What chose what:

* in-class side: the out-of-fold evidence and lengths of the model's own
  training rows (SANAD pool in group-aware folds, each weak-labelled outlet
  scored by a level-0 model that never saw it; ``oof_evidence_``,
  ``oof_lengths_``).  They alone set the thresholds
  (:func:`choose_length_thresholds`): at most ``alpha`` of in-class articles
  of any length are flagged.
* out-of-class side: the ``tune`` half of the hand-written examples in
  ``data/topics/outside_examples.tsv`` chose the *score* (the strongest logit
  detected more of them at the same in-class budget than the top probability,
  the margin, the strongest level-0 SVC score or the cosine to the nearest
  class centroid, which loses almost everything once length is matched) and
  are used to report the tuning detection rate.
* The ``test`` half, SaudiNewsNet's out-of-class sections (obituaries, wedding
  and social announcements; :func:`~arabic_news.topics.weak_labels.load_outside_sections`),
  SANAD's held-out split and the left-out weak outlets only *measure* the rule.

:class:`OpenSetRule` (top probability and margin thresholds) is kept for
models without the out-of-fold evidence (e.g. a CLI-trained calibrated SVC)
and as the fallback when a caller passes probabilities only.  Use
:func:`assess` to get probabilities, evidence and the verdict in one pass.

>>> rule = OpenSetRule(min_top=0.6, min_margin=0.3)
>>> rule.judge({"Politics": 0.5, "Finance": 0.3, "Sports": 0.2})
(True, ['top probability 0.50 < 0.60 (Politics)', 'margin 0.20 < 0.30 over Finance'])
>>> rule.judge({"Sports": 0.95, "Culture": 0.03})
(False, [])
>>> la = LengthAwareRule(lengths=(10.0, 100.0), thresholds=(1.0, 3.0))
>>> la.judge({"Politics": 0.8, "Finance": 0.2}, evidence=1.5, length=100)
(True, ['evidence for Politics (logit 1.50) below 3.00: weaker than for 95% of in-class articles of similar length (about 100 n-grams)'])
>>> la.judge({"Politics": 0.8, "Finance": 0.2}, evidence=1.5, length=10)
(False, [])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "OpenSetRule",
    "LengthAwareRule",
    "DEFAULT_RULE",
    "MAX_FALSE_FLAG",
    "NEIGHBOURS",
    "LENGTH_GRID",
    "confidence",
    "outside_examples",
    "choose_thresholds",
    "choose_length_thresholds",
    "assess",
    "model_evidence",
    "rule_of",
    "openset_report",
]

#: share of in-class articles the rule may flag (the ``alpha`` of :class:`LengthAwareRule`)
MAX_FALSE_FLAG = 0.05
#: in-class rows nearest in log length behind each length threshold
NEIGHBOURS = 300
#: lengths (n-gram features per article) at which the thresholds are tabulated; interpolated in log length between
LENGTH_GRID = tuple(float(x) for x in np.unique(np.round(np.geomspace(5, 3000, 40))))


@dataclass(frozen=True)
class OpenSetRule:
    """Flag when ``top probability < min_top`` or ``top - runner-up < min_margin``."""

    min_top: float = 0.5
    min_margin: float = 0.2

    def judge(
        self, probabilities: Mapping[str, float], *, evidence: float | None = None, length: float | None = None
    ) -> tuple[bool, list[str]]:
        """``(outside, reasons)`` for one article's ``{class: probability}``; reasons are short English phrases.

        ``evidence`` and ``length`` are accepted (and ignored) so that every rule is called the same way.
        """
        if not probabilities:
            raise ValueError("no probabilities to judge")
        pairs = sorted(probabilities.items(), key=lambda kv: -kv[1])
        (top, p1), (ru, p2) = pairs[0], (pairs[1] if len(pairs) > 1 else ("-", 0.0))
        reasons = []
        if p1 < self.min_top:
            reasons.append(f"top probability {p1:.2f} < {self.min_top:.2f} ({top})")
        if p1 - p2 < self.min_margin:
            reasons.append(f"margin {p1 - p2:.2f} < {self.min_margin:.2f} over {ru}")
        return bool(reasons), reasons

    def flags(self, confidence: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`judge` on ``(n, 2)`` rows of ``(top probability, margin)``."""
        c = np.asarray(confidence)
        return (c[:, 0] < self.min_top) | (c[:, 1] < self.min_margin)


#: used for models that carry no thresholds of their own (e.g. trained with the CLI)
DEFAULT_RULE = OpenSetRule()


@dataclass(frozen=True)
class LengthAwareRule:
    """Flag when the evidence (strongest class logit) is below the in-class ``alpha`` quantile at the article's length.

    ``lengths``/``thresholds`` tabulate that quantile (:func:`choose_length_thresholds`); between grid points it is
    interpolated in log length, beyond the ends it stays at the end values.  ``fallback`` judges callers that
    pass probabilities only.
    """

    lengths: tuple[float, ...]
    thresholds: tuple[float, ...]
    alpha: float = MAX_FALSE_FLAG
    fallback: OpenSetRule = field(default=DEFAULT_RULE)

    def __post_init__(self):
        if len(self.lengths) != len(self.thresholds) or not len(self.lengths):
            raise ValueError("lengths and thresholds must be non-empty and of equal size")
        if any(b <= a for a, b in zip(self.lengths, self.lengths[1:])) or self.lengths[0] <= 0:
            raise ValueError("lengths must be positive and increasing")

    def threshold(self, length) -> np.ndarray:
        """The evidence threshold at ``length`` n-gram features (array in, array out)."""
        x = np.log(np.maximum(np.asarray(length, dtype=np.float64), 1.0))
        return np.interp(x, np.log(self.lengths), self.thresholds)

    def flags(self, evidence, lengths) -> np.ndarray:
        """Vectorised verdicts for arrays of evidence and lengths."""
        return np.asarray(evidence, dtype=np.float64) < self.threshold(lengths)

    def judge(
        self, probabilities: Mapping[str, float], *, evidence: float | None = None, length: float | None = None
    ) -> tuple[bool, list[str]]:
        """``(outside, reasons)``; without ``evidence`` and ``length`` the :attr:`fallback` probability rule judges."""
        if not probabilities:
            raise ValueError("no probabilities to judge")
        if evidence is None or length is None:
            return self.fallback.judge(probabilities)
        top = max(probabilities.items(), key=lambda kv: kv[1])[0]
        t = float(self.threshold(length))
        if evidence < t:
            return True, [
                f"evidence for {top} (logit {evidence:.2f}) below {t:.2f}: weaker than for "
                f"{100 * (1 - self.alpha):.0f}% of in-class articles of similar length (about {int(length)} n-grams)"
            ]
        return False, []


def outside_examples(split: str | None = None) -> list[dict[str, str]]:
    """The hand-written out-of-class examples: dicts ``id, kind, split, gloss, text`` (``split``: tune/test/None=all)."""
    from ..datafiles import load_table

    rows = load_table("outside_examples", folder="topics", suffix=".tsv", inline_comments=False)
    out = [dict(zip(("id", "kind", "split", "gloss", "text"), r)) for r in rows]
    for r in out:
        if r["split"] not in ("tune", "test") or not r.get("text"):
            raise ValueError(f"outside_examples.tsv: bad row {r.get('id')!r}")
    if len({r["id"] for r in out}) != len(out):
        raise ValueError("outside_examples.tsv: duplicate ids")
    return [r for r in out if split is None or r["split"] == split]


def confidence(proba: np.ndarray) -> np.ndarray:
    """``(n, 2)`` rows of (top probability, margin over the runner-up) from ``(n, k)`` probabilities."""
    P = np.sort(np.asarray(proba), axis=1)
    return np.column_stack([P[:, -1], P[:, -1] - P[:, -2]])


def choose_thresholds(
    in_confidence: np.ndarray, out_confidence: np.ndarray, *, max_false_flag: float = MAX_FALSE_FLAG
) -> dict[str, float]:
    """The ``(min_top, min_margin)`` that flags most out-of-class rows while flagging at most ``max_false_flag`` in-class.

    Both inputs are ``(n, 2)`` arrays of (top probability, margin).  Ties go to
    the rule flagging fewer in-class rows, then to lower thresholds.  (The
    probability rule: the fallback of :class:`LengthAwareRule`.)

    >>> inn = np.array([[0.9, 0.8]] * 95 + [[0.5, 0.1]] * 5)
    >>> out = np.array([[0.45, 0.1], [0.6, 0.3], [0.95, 0.9]])
    >>> r = choose_thresholds(inn, out)
    >>> r["min_top"], r["min_margin"], r["detected"], r["false_flag"]
    (0.3, 0.31, 0.6667, 0.05)
    """
    inn, out = np.asarray(in_confidence), np.asarray(out_confidence)
    if not len(inn) or not len(out):
        raise ValueError("choose_thresholds needs in-class and out-of-class rows")
    best = None
    for t in np.round(np.arange(0.30, 0.96, 0.01), 2):
        for m in np.round(np.arange(0.0, 0.91, 0.01), 2):
            rule = OpenSetRule(float(t), float(m))
            ff = float(rule.flags(inn).mean())
            if ff > max_false_flag:
                break  # larger margins only flag more
            det = float(rule.flags(out).mean())
            key = (det, -ff, -t, -m)
            if best is None or key > best[0]:
                best = (key, rule, det, ff)
    if best is None:
        return {"min_top": 0.3, "min_margin": 0.0, "detected": 0.0, "false_flag": 0.0}
    _, rule, det, ff = best
    return {
        "min_top": rule.min_top,
        "min_margin": rule.min_margin,
        "detected": round(det, 4),
        "false_flag": round(ff, 4),
    }


def choose_length_thresholds(
    in_evidence: np.ndarray,
    in_lengths: np.ndarray,
    *,
    alpha: float = MAX_FALSE_FLAG,
    neighbours: int = NEIGHBOURS,
    grid: Sequence[float] = LENGTH_GRID,
) -> dict[str, Any]:
    """The ``alpha`` quantile of in-class evidence at each grid length (the ``neighbours`` rows nearest in log length).

    Returns ``{"lengths", "thresholds", "alpha", "neighbours"}`` (plain lists and floats, storable with a model).
    Only in-class rows are used: no out-of-class example sets a threshold.

    >>> rng = np.random.default_rng(0)
    >>> L = rng.integers(10, 1000, 5000)
    >>> ev = np.log(L) + rng.normal(0, 1, 5000)  # evidence grows with length
    >>> t = choose_length_thresholds(ev, L, grid=(20.0, 500.0))
    >>> t["thresholds"][0] < t["thresholds"][1]
    True
    """
    ev = np.asarray(in_evidence, dtype=np.float64)
    ln = np.log(np.maximum(np.asarray(in_lengths, dtype=np.float64), 1.0))
    if len(ev) != len(ln) or not len(ev):
        raise ValueError("choose_length_thresholds needs one length per evidence value")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    k = min(int(neighbours), len(ev))
    thresholds = []
    for g in grid:
        near = np.argpartition(np.abs(ln - np.log(g)), k - 1)[:k]
        thresholds.append(round(float(np.quantile(ev[near], alpha)), 4))
    return {"lengths": [float(g) for g in grid], "thresholds": thresholds, "alpha": float(alpha), "neighbours": k}


def _stacked_of(model):
    from .stacking import StackedTopicClassifier

    steps = getattr(model, "steps", None)
    clf = steps[-1][1] if steps else None
    return clf if isinstance(clf, StackedTopicClassifier) and hasattr(clf, "meta_") else None


def model_evidence(model, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """``(probabilities, evidence, lengths)`` of ``texts``; evidence and lengths are ``None`` unless the
    pipeline ends in a :class:`~arabic_news.topics.stacking.StackedTopicClassifier`."""
    texts = list(texts)
    clf = _stacked_of(model)
    if clf is not None:
        return clf.proba_evidence(model[:-1].transform(texts))
    return np.asarray(model.predict_proba(texts)), None, None


def assess(model, texts: Sequence[str], *, rule=None) -> dict[str, Any]:
    """Probabilities, evidence, lengths and the open-set verdict for ``texts`` in one pass.

    Returns ``{"proba": (n, k), "evidence": (n,) or None, "lengths": (n,) or None,
    "outside": list of bool, "reasons": list of lists}``.  Evidence and lengths
    exist for pipelines ending in a
    :class:`~arabic_news.topics.stacking.StackedTopicClassifier`; for other
    models the probability rule judges.  ``rule`` defaults to :func:`rule_of`.
    """
    rule = rule_of(model) if rule is None else rule
    proba, evidence, lengths = model_evidence(model, texts)
    classes = [str(c) for c in model.classes_]
    verdicts = [
        rule.judge(
            dict(zip(classes, row.tolist())),
            evidence=None if evidence is None else float(evidence[i]),
            length=None if lengths is None else int(lengths[i]),
        )
        for i, row in enumerate(proba)
    ]
    return {
        "proba": proba,
        "evidence": evidence,
        "lengths": lengths,
        "outside": [v[0] for v in verdicts],
        "reasons": [v[1] for v in verdicts],
    }


def rule_of(model):
    """The open-set rule stored with a model (``training_info_["openset"]``), else :data:`DEFAULT_RULE`.

    A stored length table gives a :class:`LengthAwareRule` (with the stored probability thresholds as its
    fallback); stored probability thresholds alone give an :class:`OpenSetRule`.
    """
    info = getattr(model, "training_info_", None) or {}
    o = info.get("openset") if isinstance(info, dict) else None
    if not o:
        return DEFAULT_RULE
    prob = OpenSetRule(float(o["min_top"]), float(o["min_margin"])) if "min_top" in o else DEFAULT_RULE
    if o.get("thresholds"):
        return LengthAwareRule(
            tuple(float(x) for x in o["lengths"]),
            tuple(float(x) for x in o["thresholds"]),
            float(o.get("alpha", MAX_FALSE_FLAG)),
            fallback=prob,
        )
    return prob


def openset_report(
    model, *, in_texts: Sequence[str], out_sets: Mapping[str, Sequence[str]], rule=None
) -> list[dict[str, Any]]:
    """Share flagged "outside the labels" per set: the in-class set (false flags) and each out-of-class set (detections)."""
    rows = []
    for name, texts in [("in-class (SANAD held-out)", in_texts), *out_sets.items()]:
        if not len(texts):
            continue
        f = assess(model, texts, rule=rule)["outside"]
        rows.append({"set": name, "n": len(texts), "flagged": round(float(np.mean(f)), 4)})
    return rows
