"""Open-set honesty: flag an article whose topic is none of the seven classes instead of forcing a label.

The rule (:class:`OpenSetRule`) looks at the calibrated probabilities of the
default model: the article is *outside the labels* when the top probability is
below ``min_top`` **or** the margin over the runner-up is below
``min_margin``.  The thresholds are chosen by :func:`choose_thresholds`:

* in-class side: the out-of-fold probabilities of the model's own training
  rows (SANAD pool in group-aware folds, each weak-labelled outlet scored by a
  model that never saw it), so at most ``max_false_flag`` of ordinary
  in-class articles are flagged;
* out-of-class side: the ``tune`` half of the hand-written examples in
  ``data/topics/outside_examples.tsv`` (crime, weather, obituaries,
  accidents, weddings...), which are never trained on.

The ``test`` half, SaudiNewsNet's out-of-class sections (obituaries, wedding
and social announcements; :func:`~arabic_news.topics.weak_labels.load_outside_sections`)
and SANAD's held-out split are only used to *measure* the rule
(:func:`openset_report`).

>>> rule = OpenSetRule(min_top=0.6, min_margin=0.3)
>>> rule.judge({"Politics": 0.5, "Finance": 0.3, "Sports": 0.2})
(True, ['top probability 0.50 < 0.60 (Politics)', 'margin 0.20 < 0.30 over Finance'])
>>> rule.judge({"Sports": 0.95, "Culture": 0.03})
(False, [])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "OpenSetRule",
    "DEFAULT_RULE",
    "confidence",
    "outside_examples",
    "choose_thresholds",
    "rule_of",
    "openset_report",
]

MAX_FALSE_FLAG = 0.05


@dataclass(frozen=True)
class OpenSetRule:
    """Flag when ``top probability < min_top`` or ``top - runner-up < min_margin``."""

    min_top: float = 0.5
    min_margin: float = 0.2

    def judge(self, probabilities: Mapping[str, float]) -> tuple[bool, list[str]]:
        """``(outside, reasons)`` for one article's ``{class: probability}``; reasons are short English phrases."""
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


def outside_examples(split: str | None = None) -> list[dict[str, str]]:
    """The hand-written out-of-class examples: dicts ``id, kind, split, gloss, text`` (``split``: tune/test/None=all)."""
    from ..datafiles import load_table

    rows = load_table("outside_examples", folder="topics", suffix=".tsv", inline_comments=False)
    out = [dict(zip(("id", "kind", "split", "gloss", "text"), r)) for r in rows]
    for r in out:
        if r["split"] not in ("tune", "test") or not r.get("text"):
            raise ValueError(f"outside_examples.tsv: bad row {r.get('id')!r}")
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
    the rule flagging fewer in-class rows, then to lower thresholds.

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


def rule_of(model) -> OpenSetRule:
    """The open-set rule stored with a model (``training_info_["openset"]``), else :data:`DEFAULT_RULE`."""
    info = getattr(model, "training_info_", None) or {}
    o = info.get("openset") if isinstance(info, dict) else None
    if o:
        return OpenSetRule(float(o["min_top"]), float(o["min_margin"]))
    return DEFAULT_RULE


def openset_report(
    model, *, in_texts: Sequence[str], out_sets: Mapping[str, Sequence[str]], rule: OpenSetRule | None = None
) -> list[dict[str, Any]]:
    """Share flagged "outside the labels" per set: the in-class set (false flags) and each out-of-class set (detections)."""
    rule = rule_of(model) if rule is None else rule
    rows = []
    for name, texts in [("in-class (SANAD held-out)", in_texts), *out_sets.items()]:
        if not len(texts):
            continue
        f = rule.flags(confidence(model.predict_proba(list(texts))))
        rows.append({"set": name, "n": len(texts), "flagged": round(float(f.mean()), 4)})
    return rows
