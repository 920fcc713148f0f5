"""Sentences for notebook 33, computed from the numbers in front of the reader (Markdown strings).

Each function states one section's result: the evaluation (:func:`evaluation_summary`,
:func:`technique_summary`), the article's flagged paragraphs with how reliable a flag
is (:func:`flagged_paragraphs`, which says so when no paragraph was flagged), and
the spread of the article's scores (:func:`paragraph_scores`).  They read an
evaluation result (:func:`arabic_news.persuasion.evaluation.evaluation`) -- or, for the
article sections, the default model's :func:`arabic_news.persuasion.model_card` -- and the
records of :func:`arabic_news.persuasion.analyse_paragraphs`; counts read
naturally for zero, one and many; text from the article or the data is escaped
for Markdown and HTML (:func:`escape_md`).

>>> escape_md("قال: <b>*مهم*</b>")
'قال: &lt;b&gt;\\\\*مهم\\\\*&lt;/b&gt;'
>>> count(0, "paragraph"), count(1, "paragraph"), count(3, "paragraph")
('no paragraph', 'one paragraph', '3 paragraphs')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..prose import md_escape

__all__ = ["escape_md", "count", "evaluation_summary", "technique_summary", "flagged_paragraphs", "paragraph_scores"]

_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


#: the lab's one Markdown+HTML escape (:func:`arabic_news.prose.md_escape`)
escape_md = md_escape


def count(n: int, noun: str, plural: str | None = None, *, zero: str = "no") -> str:
    """``no paragraph`` / ``one paragraph`` / ``3 paragraphs``."""
    if n == 0:
        return f"{zero} {noun}"
    if n == 1:
        return f"one {noun}"
    return f"{n} {plural or noun + 's'}"


def _ci(v: float, lo: float, hi: float) -> str:
    return f"{v:.2f} (95 % CI {lo:.2f}–{hi:.2f})"


def _pct(v: float) -> str:
    return f"{100 * v:.0f} %"


def _rows(res: dict[str, Any], ev: str, share: str = "pool") -> dict[str, dict[str, Any]]:
    """Rows of one evaluation set by model; ``ev="cv"`` matches the cross-validation's name."""
    match = (lambda e: e.startswith("cv")) if ev == "cv" else (lambda e: e == ev)
    return {r["model"]: r for r in res["binary"] if match(r["eval"]) and r["share"] == share}


_METRIC_NAMES = {"micro_f1": "micro-F1", "macro_f1": "macro-F1", "recall_false": 'recall of "false"'}


def _join(parts: Sequence[str]) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def evaluation_summary(res: dict[str, Any] | None) -> str:
    """What the grouped cross-validation and the held-out dev paragraphs say about the binary model.

    ``res`` is :func:`~arabic_news.persuasion.evaluation.evaluation`; None (not run yet) gives a sentence saying so.

    >>> from arabic_news.persuasion.describe import _demo_result
    >>> "all three bars are met" in evaluation_summary(_demo_result())
    True
    """
    if res is None:
        return (
            "The full evaluation (repeated cross-validation grouped by story) has not been run on this machine; "
            "`python bench/persuasion.py` runs and caches it. The reliability figures beside each flag come "
            "from the model's own held-out predictions."
        )
    cfg, c = res["config"], res["counts"]
    cv = _rows(res, "cv")
    lab, svm = cv["lab"], cv["tfidf_svm"]
    out = [
        f"Cross-validation grouped by story ({cfg['n_splits']} folds × {count(cfg['n_repeats'], 'repeat')}; "
        f"the paragraphs of one story, hence of one article, are never split across folds) scores "
        f"{c['cv_paragraphs']:,} news paragraphs from {c['cv_stories']:,} stories out of fold. "
        f"The lab model reaches micro-F1 {_ci(lab['micro_f1'], lab['micro_f1_lo'], lab['micro_f1_hi'])} and "
        f"macro-F1 {_ci(lab['macro_f1'], lab['macro_f1_lo'], lab['macro_f1_hi'])}, against "
        f"{svm['micro_f1']:.2f} and {svm['macro_f1']:.2f} for the TF-IDF SVM in the same folds; it recognises "
        f"{_pct(lab['recall_false'])} of the plain paragraphs as plain (the SVM {_pct(svm['recall_false'])})."
    ]
    missed = [t for t in res["targets"] if not t["passed"]]
    n_bars = _NUMBERS.get(len(res["targets"]), str(len(res["targets"])))
    if not missed:
        out.append(f"So all {n_bars} bars are met.")
    else:
        what = _join(
            f"{_METRIC_NAMES.get(t['bar'].split()[0], escape_md(t['bar']))} (measured {t['value']:.3f}, "
            f"needed {t['required']:.3f})"
            for t in missed
        )
        out.append(
            f"{'One' if len(missed) == 1 else _NUMBERS.get(len(missed), str(len(missed))).capitalize()} of the "
            f"{n_bars} bars {'is' if len(missed) == 1 else 'are'} missed: {what}."
        )
    shifted = [(s, _rows(res, "cv", s)) for s in sorted({r["share"] for r in res["binary"]} - {"pool"})]
    if shifted:
        out.append(
            "Re-weighted to "
            + _join(
                f"{s} its macro-F1 is {r['lab']['macro_f1']:.2f} (SVM {r['tfidf_svm']['macro_f1']:.2f})"
                for s, r in shifted
            )
            + "."
        )
    dev, disj = _rows(res, "dev_paragraphs"), _rows(res, "dev_paragraphs_story_disjoint")
    if dev:
        d = dev["lab"]
        out.append(
            f"On the {count(d['n'], 'held-out ArAIEval 2023 dev news paragraph')} (never trained on) the default model "
            f"scores micro-F1 {_ci(d['micro_f1'], d['micro_f1_lo'], d['micro_f1_hi'])} and macro-F1 "
            f"{d['macro_f1']:.2f} (SVM {dev['tfidf_svm']['micro_f1']:.2f} and {dev['tfidf_svm']['macro_f1']:.2f})"
            + (
                f"; trained without any paragraph of their stories, {disj['lab']['micro_f1']:.2f} and "
                f"{disj['lab']['macro_f1']:.2f}."
                if disj
                else "."
            )
        )
    pub = res.get("published", {}).get("araieval23_1A_winner_test_micro_f1")
    if pub is not None:
        out.append(
            f"For orientation only, the published winner of ArAIEval 2023 task 1A reached micro-F1 {pub} on the "
            "official test set (tweets and paragraphs, another class balance): not measured here."
        )
    return " ".join(out)


def technique_summary(res: dict[str, Any] | None) -> str:
    """How the technique model compares with predicting the three most frequent classes, and which classes may be named."""
    if res is None:
        return "The technique evaluation has not been run on this machine (`python bench/persuasion.py`)."
    from .evaluation import MIN_TECHNIQUE_F1, MIN_TECHNIQUE_SUPPORT, displayable_techniques

    rows = {r["model"]: r for r in res["techniques"] if r["eval"].startswith("cv")}
    lab, top3 = rows["lab"], rows["top3_labels"]
    verdict = "above" if lab["micro_f1_lo"] > top3["micro_f1_hi"] else "not clearly above"
    shown = displayable_techniques(res)
    cls = {r["class"]: r for r in res["technique_classes"]}
    out = [
        f"Over the coarse technique classes the model's micro-F1 is "
        f"{_ci(lab['micro_f1'], lab['micro_f1_lo'], lab['micro_f1_hi'])}, {verdict} always predicting the three most "
        f"frequent classes ({top3['micro_f1']:.2f})."
    ]
    if not shown:
        out.append(
            f"No class reaches held-out F1 {MIN_TECHNIQUE_F1} with at least {MIN_TECHNIQUE_SUPPORT} examples, "
            "so reports name no technique class."
        )
    else:
        out.append(
            f"{count(len(shown), 'class', 'classes').capitalize()} reach{'es' if len(shown) == 1 else ''} held-out "
            f"F1 {MIN_TECHNIQUE_F1} with at least {MIN_TECHNIQUE_SUPPORT} examples and may be named in reports: "
            + _join(f"`{c}` (F1 {cls[c]['f1']:.2f}, {cls[c]['support']} examples)" for c in shown)
            + "."
        )
        rest = [c for c in cls if c not in shown]
        if rest:
            out.append(f"The other {count(len(rest), 'class', 'classes', zero='')} stay unnamed.".replace("  ", " "))
    return " ".join(out)


def _opening(text: str, n_words: int = 10) -> str:
    words = text.split()
    return escape_md(" ".join(words[:n_words]) + (" …" if len(words) > n_words else ""))


def flagged_paragraphs(records: Sequence[dict[str, Any]], res: dict[str, Any]) -> str:
    """The article's flagged paragraphs, each with the flag's held-out reliability; or that none was flagged.

    ``records`` are :func:`~arabic_news.persuasion.analyse_paragraphs` results; ``res`` is
    :func:`~arabic_news.persuasion.model_card` (cheap, what reports use) or an evaluation
    result (keys ``threshold``, ``reliability``, ``technique_classes``).

    >>> from arabic_news.persuasion.describe import _demo_result
    >>> flagged_paragraphs([{"paragraph": 1, "text": "نص", "label": "false", "score": 0.2, "techniques": {}}],
    ...                    _demo_result()).startswith("No paragraph was flagged")
    True
    """
    from .evaluation import displayable_techniques

    rel = res["reliability"]
    thr = res["threshold"]
    if not records:
        return "The article has no body paragraph to classify."
    flagged = [r for r in records if r["label"] == "true"]
    how = (
        f"a flag was right {_pct(rel['precision'])} of the time on held-out news paragraphs (precision of "
        f'"true" out of fold, articles kept whole, 95 % CI {_pct(rel["lo"])}–{_pct(rel["hi"])}; '
        + _join(f"{_pct(v['precision'])} where {k}" for k, v in rel["by_share"].items())
        + ")"
    )
    if not flagged:
        top = max(records, key=lambda r: r["score"])
        return (
            f"No paragraph was flagged: none of the {count(len(records), 'paragraph')} reaches the decision "
            f"threshold {thr:.2f} (the highest score is {top['score']:.2f}, ¶{top['paragraph']}). "
            "This says the wording resembles the paragraphs annotators left unmarked, not that the article is "
            "free of persuasion."
        )
    shown = set(displayable_techniques(res))
    lines = [
        f"{count(len(flagged), 'paragraph').capitalize()} of {len(records)} "
        f"{'is' if len(flagged) == 1 else 'are'} flagged as containing persuasion (score ≥ {thr:.2f}); {how}.",
        "",
    ]
    for r in flagged:
        techs = [c for c, p in r.get("techniques", {}).items() if p >= 0.5 and c in shown]
        tail = f"; likely {_join(f'`{c}`' for c in techs)}" if techs else ""
        lines.append(
            f"* ¶{r['paragraph']} (score {r['score']:.2f}, flag right about {_pct(rel['precision'])} of the time"
            f"{tail}): {_opening(r['text'])}"
        )
    return "\n".join(lines)


def paragraph_scores(records: Sequence[dict[str, Any]], res: dict[str, Any], *, margin: float = 0.1) -> str:
    """How the article's paragraph scores spread around the decision threshold."""
    if not records:
        return "The article has no body paragraph to score."
    thr = res["threshold"]
    scores = [r["score"] for r in records]
    near = sum(abs(s - thr) < margin for s in scores)
    hi = max(records, key=lambda r: r["score"])
    lo = min(records, key=lambda r: r["score"])
    out = [f"Scores run from {lo['score']:.2f} (¶{lo['paragraph']}) to {hi['score']:.2f} (¶{hi['paragraph']})."]
    if len(records) == 1:
        out = [f"The article's one paragraph scores {hi['score']:.2f}."]
    out.append(
        f"{count(near, 'paragraph').capitalize()} {'lies' if near <= 1 else 'lie'} within {margin:.1f} of the "
        f"threshold {thr:.2f}, where a small change of wording could flip the label."
    )
    return " ".join(out)


def _demo_result() -> dict[str, Any]:
    """A small made-up evaluation result for the doctests and tests."""

    def row(ev, share, model, micro, macro, rf, pt, n=100):
        vals = {"micro_f1": micro, "macro_f1": macro, "recall_false": rf, "precision_true": pt, "recall_true": 0.8}
        out = {"eval": ev, "share": share, "model": model, "n": n}
        for k, v in vals.items():
            out.update({k: v, f"{k}_lo": v - 0.05, f"{k}_hi": v + 0.05})
        return out

    binary = []
    for share in ("pool", "60% true", "80% true"):
        binary += [
            row("cv5x3_grouped", share, "lab", 0.78, 0.72, 0.6, 0.84),
            row("cv5x3_grouped", share, "tfidf_svm", 0.74, 0.52, 0.1, 0.75),
            row("cv5x3_grouped", share, "majority", 0.72, 0.42, 0.0, 0.72),
        ]
    return {
        "config": {"n_splits": 5, "n_repeats": 3},
        "counts": {"cv_paragraphs": 100, "cv_stories": 40},
        "binary": binary,
        "targets": [
            {"bar": "micro_f1 >= tfidf_svm + 0.03", "value": 0.78, "required": 0.77, "passed": True},
            {"bar": "macro_f1 >= tfidf_svm + 0.10", "value": 0.72, "required": 0.62, "passed": True},
            {"bar": "recall_false >= 0.50", "value": 0.6, "required": 0.5, "passed": True},
        ],
        "techniques": [
            {"eval": "cv5x3_grouped", "model": "lab", "micro_f1": 0.66, "micro_f1_lo": 0.62, "micro_f1_hi": 0.7},
            {
                "eval": "cv5x3_grouped",
                "model": "top3_labels",
                "micro_f1": 0.5,
                "micro_f1_lo": 0.46,
                "micro_f1_hi": 0.54,
            },
        ],
        "technique_classes": [
            {"class": "Manipulative_Wording", "f1": 0.8, "support": 300},
            {"class": "Call", "f1": 0.1, "support": 14},
        ],
        "threshold": 0.6,
        "reliability": {
            "precision": 0.84,
            "lo": 0.8,
            "hi": 0.88,
            "by_share": {"60% true": {"precision": 0.75}, "80% true": {"precision": 0.89}},
        },
        "published": {"araieval23_1A_winner_test_micro_f1": 0.763},
    }
