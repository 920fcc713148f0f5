"""Findings as Markdown for the topic notebooks (10, 11, 12), computed from the results in front of the reader.

One function per result-stating section.  Each takes what the package returned
for *this* article or evaluation and returns a short Markdown paragraph that
reads naturally for zero, one or many items.  Every piece of text taken from
data (class names, terms, titles, outlet names) is escaped for both Markdown
and HTML by :func:`md_escape`.

>>> prediction({"label": "Sports", "label_ar": "رياضة", "probabilities": {"Sports": 0.97, "Culture": 0.02},
...             "runner_up": "Culture", "runner_up_ar": "ثقافة", "margin": 0.95, "outside": False})
'The model reads the article as **Sports** (رياضة) with probability 0.97; the runner-up is Culture (ثقافة), 0.95 behind.'
>>> count(0, "speaker"), count(1, "article"), count(3, "class", "classes")
('no speaker', 'one article', '3 classes')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..prose import md_escape

__all__ = [
    "md_escape",
    "count",
    "corpus_overview",
    "article_length",
    "weak_labels",
    "duplicates",
    "cv_summary",
    "heldout",
    "cross_outlet",
    "outlets",
    "prediction",
    "explanation",
    "mixture",
    "neighbours",
]

# Markdown's inline markup (emphasis, code, links, tables, strike-through); HTML is escaped first, so < > & are entities.


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``"no article"``, ``"one article"``, ``"2 articles"`` (``plural`` defaults to singular + s)."""
    if n == 0:
        return f"no {singular}"
    if n == 1:
        return f"one {singular}"
    return f"{n:,} {plural or singular + 's'}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _cls(label: str, names: Mapping[str, str] | None = None) -> str:
    from .weak_labels import class_names

    names = class_names() if names is None else names
    ar = names.get(label)
    return f"{md_escape(label)} ({md_escape(ar)})" if ar else md_escape(label)


# --- notebook 10 -------------------------------------------------------------------
def corpus_overview(data: Any) -> str:
    """How many labelled articles, from which corpora and outlet groups."""
    import numpy as np

    n_s = int(np.sum(data.is_sanad))
    weak = data.outlet_group[~data.is_sanad]
    groups = sorted(set(weak.tolist()))
    classes = sorted(set(data.labels.tolist()))
    s = f"The labelled data holds {count(n_s, 'SANAD article')} in {count(len(classes), 'class', 'classes')}"
    if not groups:
        return s + " and no weak-labelled article from another outlet."
    parts = [f"{md_escape(g)} ({int(np.sum(weak == g)):,})" for g in groups]
    return s + (
        f", plus {count(len(weak), 'weak-labelled SaudiNewsNet article')} from "
        f"{count(len(groups), 'outlet group')}: {_join(parts)}."
    )


def article_length(data: Any, article: Any) -> str:
    """The article's length beside SANAD's, and the class whose median length is closest."""
    import numpy as np

    words = len(article.text.split())
    lens = np.array([len(d.text.split()) for d, s in zip(data.corpus.documents, data.is_sanad) if s])
    if not len(lens):
        return f"The article has {count(words, 'word')}; there is no SANAD article to compare it with."
    share = float((lens < words).mean())
    med = {c: float(np.median(lens[data.labels[data.is_sanad] == c])) for c in sorted(set(data.labels[data.is_sanad]))}
    near = min(med, key=lambda c: abs(med[c] - words))
    note = (
        " Length alone says little about topic."
        if words >= 30
        else " It is very short, so every figure below is noisy."
    )
    return (
        f"The article has {count(words, 'word')}, longer than {share:.0%} of SANAD articles; the class whose median "
        f"length is closest is {_cls(near)} ({med[near]:.0f} words).{note}"
    )


def weak_labels(data: Any) -> str:
    """Weak-labelled articles per outlet group and the classes each gives."""

    w = ~data.is_sanad
    groups = sorted(set(data.outlet_group[w].tolist()))
    if not groups:
        return "No SaudiNewsNet article received a weak label."
    parts = []
    for g in groups:
        m = w & (data.outlet_group == g)
        cls = sorted(set(data.labels[m].tolist()))
        parts.append(
            f"{md_escape(g)}: {int(m.sum()):,} in {count(len(cls), 'class', 'classes')} ({', '.join(map(md_escape, cls))})"
        )
    one = [g for g in groups if len(set(data.labels[w & (data.outlet_group == g)].tolist())) == 1]
    s = "Weak labels per outlet group: " + "; ".join(parts) + "."
    if one:
        s += f" {_join([md_escape(g) for g in one])} give{'s' if len(one) == 1 else ''} a single class, so only accuracy and recall (not macro-F1) can be measured there."
    return s


def duplicates(data: Any, *, seed: int = 0) -> str:
    """Exact and near duplicates, and whether any cluster straddles the held-out split."""
    from .models import heldout_split

    d = data.duplicates or {}
    pool, held = heldout_split(data, seed=seed)
    straddle = len(set(data.groups[pool].tolist()) & set(data.groups[held].tolist()))
    s = (
        f"The duplicate check found {count(int(d.get('exact', 0)), 'exact pair')} and "
        f"{count(int(d.get('near', 0)), 'near-duplicate pair')}, forming {count(int(d.get('groups', 0)), 'cluster')} "
        f"of {count(int(d.get('documents', 0)), 'article')}."
    )
    if straddle:
        return (
            s + f" **Warning:** {count(straddle, 'cluster')} straddle{'s' if straddle == 1 else ''} the held-out split."
        )
    return s + " No cluster straddles the held-out split."


# --- notebook 11 -------------------------------------------------------------------
def cv_summary(summary: Sequence[Mapping[str, Any]]) -> str:
    """Which classifier won the group-aware CV and by how much (from ``summarise_cv``)."""
    if not summary:
        return "No cross-validation result to report."
    rows = sorted(summary, key=lambda r: -r["macro_f1_mean"])
    best = rows[0]
    s = (
        f"Best in {best['folds']}-fold group-aware cross-validation: **{md_escape(best['model'])}**, macro-F1 "
        f"{best['macro_f1_mean']:.4f} ± {best['macro_f1_std']:.4f}"
    )
    if len(rows) == 1:
        return s + "."
    gap = best["macro_f1_mean"] - rows[1]["macro_f1_mean"]
    close = " (within one standard deviation: a tie)" if gap <= max(best["macro_f1_std"], 1e-9) else ""
    return s + f", {gap:.4f} ahead of {md_escape(rows[1]['model'])}{close}."


def heldout(report: Mapping[str, Any]) -> str:
    """Held-out accuracy and macro-F1, and the most frequent confusions."""
    labels = report["confusion"]["labels"]
    M = report["confusion"]["matrix"]
    pairs = sorted(
        ((M[i][j], labels[i], labels[j]) for i in range(len(labels)) for j in range(len(labels)) if i != j and M[i][j]),
        reverse=True,
    )
    n = report.get("n_test", sum(map(sum, M)))
    s = f"On {count(n, 'held-out SANAD article')} the model reaches accuracy {report['accuracy']:.4f} and macro-F1 {report['macro_f1']:.4f}."
    if not pairs:
        return s + " It makes no error."
    top = [f"{_cls(a)} read as {_cls(b)} ({c})" for c, a, b in pairs[:3]]
    return s + f" The most frequent confusion{'s are' if len(top) > 1 else ' is'}: {'; '.join(top)}."


def cross_outlet(rows: Sequence[Mapping[str, Any]]) -> str:
    """SANAD-only vs SANAD + other outlets, pooled over the outlets left out (rows of ``evaluation.cross_outlet``)."""
    pooled = {r["recipe"]: r["accuracy"] for r in rows if r["test_outlet"] == "all other outlets (pooled)"}
    inn = {r["recipe"]: r["accuracy"] for r in rows if str(r["test_outlet"]).startswith("alkhaleej")}
    if len(pooled) < 2:
        return "Cross-outlet accuracy could not be compared (a recipe is missing)."
    a, b = pooled.get("SANAD only"), pooled.get("SANAD + other outlets")
    verb = "raises" if b > a else "does not raise"
    return (
        f"Trained on SANAD only, the classifier scores {inn.get('SANAD only', float('nan')):.3f} in-outlet but {a:.3f} on other "
        f"outlets. Adding the weak-labelled outlets {verb} the leave-one-outlet-out accuracy ({a:.3f} → {b:.3f})."
    )


def outlets(summary: Mapping[str, Any]) -> str:
    """Leave-one-outlet-out accuracy with CIs, the weakest outlet and class, and calibration in/out of outlet."""
    loo = summary["pooled_loo"]
    p, lo, hi = loo["accuracy"]
    rows = [r for r in summary["outlets"] if not r["test_outlet"].startswith("alkhaleej")]
    s = (
        f"Left out of training one at a time, the {count(len(rows), 'weak-labelled outlet group')} "
        f"({count(loo['n'], 'article')}) are classified with accuracy {p:.3f} (95% CI {lo:.3f}–{hi:.3f})."
    )
    if rows:
        worst = min(rows, key=lambda r: r["accuracy"][0])
        rec = [(c, v) for r in rows for c, v in r["recall"].items()]
        cls, (rv, n) = min(((c, v) for c, v in rec if v[1] >= 10), key=lambda cv: cv[1][0], default=(None, (0, 0)))
        s += f" The hardest outlet is {md_escape(worst['test_outlet'])} ({worst['accuracy'][0]:.3f})"
        s += f"; the lowest class recall is {_cls(cls)} at {rv:.2f} ({n} articles)." if cls else "."
    s += (
        f" Expected calibration error is {summary['ece_in']:.3f} in-outlet and {summary['ece_out']:.3f} on unfamiliar "
        f"outlets; mean confidence drops from {summary['heldout']['mean_confidence']:.2f} to {loo['mean_confidence']:.2f}."
    )
    return s


def prediction(pred: Mapping[str, Any]) -> str:
    """The article's topic, how sure, and whether it is flagged outside the seven labels (``predict_article``)."""
    label, p = pred["label"], pred["probabilities"][pred["label"]]
    ar = f" ({md_escape(pred['label_ar'])})" if pred.get("label_ar") else ""
    if pred.get("outside"):
        reasons = "; ".join(md_escape(r) for r in pred.get("outside_reasons", []))
        return (
            f"The article looks **outside the seven labels**: its best guess, {md_escape(label)}{ar} at "
            f"{p:.2f}, is too unsure ({reasons}). Treat the topic as unknown rather than as {md_escape(label)}."
        )
    s = f"The model reads the article as **{md_escape(label)}**{ar} with probability {p:.2f}"
    if pred.get("runner_up"):
        ru_ar = f" ({md_escape(pred['runner_up_ar'])})" if pred.get("runner_up_ar") else ""
        s += f"; the runner-up is {md_escape(pred['runner_up'])}{ru_ar}, {pred['margin']:.2f} behind."
    else:
        s += "."
    return s


def explanation(rows: Sequence[Mapping[str, Any]], pred: Mapping[str, Any]) -> str:
    """The n-grams that pushed toward the predicted class and toward the runner-up (``explain_article``)."""
    toward = [r for r in rows if r["direction"] == pred["label"]]
    against = [r for r in rows if r["direction"] != pred["label"]]
    if not rows:
        return "No n-gram of the article is in the model's vocabulary, so nothing explains the choice."
    s = (
        f"{count(len(toward), 'n-gram')} pushed toward {md_escape(pred['label'])}"
        + (f", strongest {_join([md_escape(r['term']) for r in toward[:3]])}" if toward else "")
        + "; "
    )
    if against:
        s += f"{count(len(against), 'n-gram')} pulled toward {md_escape(against[0]['direction'])}, strongest {_join([md_escape(r['term']) for r in against[:3]])}."
    else:
        s += "nothing pulled toward another class."
    return s + " Terms are stems, as the model sees them."


# --- notebook 12 -------------------------------------------------------------------
def mixture(weights: Sequence[float], top_terms: Sequence[Sequence[str]]) -> str:
    """The article's NMF mixture: one dominant topic, a mix, or nothing matched."""
    w = [float(x) for x in weights]
    if not w or sum(w) <= 0:
        return "None of the article's stems is in the topic model's vocabulary, so it has no topic mixture."
    order = sorted(range(len(w)), key=lambda k: -w[k])
    main = [k for k in order if w[k] >= 0.15][:3] or order[:1]

    def name(k):
        return f"topic {k} ({md_escape(' '.join(top_terms[k][:3]))}, {w[k]:.0%})"

    if len(main) == 1:
        return f"One topic dominates: {name(main[0])}."
    return f"The article mixes {count(len(main), 'topic')}: {_join([name(k) for k in main])}."


def neighbours(rows: Sequence[Mapping[str, Any]]) -> str:
    """The nearest corpus articles: how similar, which classes and outlets."""
    if not rows:
        return "No corpus article shares vocabulary with the article."
    from collections import Counter

    cls = Counter(r.get("label") or "unlabelled" for r in rows)
    outs = Counter(r.get("outlet") or "alkhaleej" for r in rows)
    top = rows[0]["similarity"]
    s = f"The {count(len(rows), 'nearest article')} have cosine similarity {rows[-1]['similarity']:.2f}–{top:.2f}"
    if top < 0.3:
        s += " (low: nothing in the corpus is really close)"
    main, k = cls.most_common(1)[0]
    s += f"; {k} of them {'is' if k == 1 else 'are'} labelled {_cls(main) if main != 'unlabelled' else 'nothing'}"
    s += f", from {count(len(outs), 'outlet')} ({_join([md_escape(o) for o in sorted(outs)])})."
    return s
