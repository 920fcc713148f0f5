"""Figures of the topic notebooks (10, 11, 12), one call each.

Every function takes the result a :mod:`arabic_news.topics` function returned,
draws one matplotlib figure with Arabic class names shaped by
:func:`arabic_news.plotting.ar`, saves it as ``<figures>/<name>.png`` when
``figures`` is set (the notebooks' ``FIGURES`` parameter), and returns it.

>>> fig = article_probabilities({"label": "Sports", "probabilities": {"Sports": 0.9, "Culture": 0.1},
...                              "outside": False})
>>> len(fig.axes)
1
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from . import ar, bar_chart, save_figure, setup_matplotlib

__all__ = [
    "lengths",
    "cv_models",
    "confusion",
    "cross_outlet",
    "outlet_accuracy",
    "article_probabilities",
    "learning_curve",
    "topic_mixture",
]

_BLUE, _GREY = "#3b6ea5", "#bbbbbb"


def _names() -> dict[str, str]:
    from ..topics.weak_labels import class_names

    return class_names()


def _done(fig, name: str, figures: str | os.PathLike | None):
    fig.tight_layout()
    save_figure(fig, name, figures)
    return fig


def lengths(data: Any, article_words: int | None = None, *, figures: str | os.PathLike | None = None, clip: int = 1500):
    """Notebook 10: SANAD article lengths (words) per class, with the article's length as a dashed line.

    ``data`` is :func:`~arabic_news.topics.features.topic_data`'s result.
    """
    import numpy as np

    setup_matplotlib()
    import matplotlib.pyplot as plt

    names = _names()
    fig, ax = plt.subplots(figsize=(7.5, 4))
    words = np.array([len(d.text.split()) for d in data.corpus.documents])
    for lab in sorted(set(data.labels[data.is_sanad].tolist())):
        m = data.is_sanad & (data.labels == lab)
        ax.hist(np.clip(words[m], 0, clip), bins=40, histtype="step", label=f"{lab} / {ar(names.get(lab, lab))}")
    if article_words is not None:
        ax.axvline(min(article_words, clip), color="black", linestyle="--", label="the article")
    ax.set_xlabel(f"words per article (clipped at {clip:,})")
    ax.set_ylabel("articles")
    ax.set_title("SANAD article lengths by class")
    ax.legend(fontsize=8)
    return _done(fig, "10-lengths", figures)


def cv_models(summary: Sequence[Mapping[str, Any]], *, figures: str | os.PathLike | None = None):
    """Notebook 11: macro-F1 (mean ± std over folds) per classifier, from :func:`~arabic_news.topics.evaluation.summarise_cv`."""
    setup_matplotlib()
    import matplotlib.pyplot as plt

    if not summary:
        raise ValueError("cv_models needs at least one summary row")
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(summary) + 1.5))
    models = [r["model"] for r in summary]
    means = [r["macro_f1_mean"] for r in summary]
    ax.barh(models, means, xerr=[r["macro_f1_std"] for r in summary], color=_BLUE)
    ax.set_xlim(max(0.0, min(means) - 0.05), 1.0)
    ax.set_xlabel("macro-F1, 5-fold group-aware CV (mean ± std)")
    ax.set_title("Classifiers on the same cached features")
    return _done(fig, "11-cv-models", figures)


def confusion(report: Mapping[str, Any], *, figures: str | os.PathLike | None = None, title: str | None = None):
    """Notebook 11: the confusion matrix of a :func:`~arabic_news.topics.evaluation.heldout_report` (rows: true class)."""
    import numpy as np

    setup_matplotlib()
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    names = _names()
    labels = report["confusion"]["labels"]
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    ConfusionMatrixDisplay(
        np.array(report["confusion"]["matrix"]), display_labels=[f"{c}\n{ar(names.get(c, c))}" for c in labels]
    ).plot(ax=ax, colorbar=False, cmap="Blues")
    ax.set_title(title or "Default model on held-out SANAD (rows: true class)")
    plt.setp(ax.get_xticklabels(), rotation=45, ha="right")
    return _done(fig, "11-confusion", figures)


def cross_outlet(rows: Sequence[Mapping[str, Any]], *, figures: str | os.PathLike | None = None):
    """Notebook 11: accuracy per test outlet of the two recipes of :func:`~arabic_news.topics.evaluation.cross_outlet`."""
    setup_matplotlib()
    import matplotlib.pyplot as plt

    outlets = list(dict.fromkeys(r["test_outlet"] for r in rows))
    recipes = ["SANAD only", "SANAD + other outlets"]
    acc = {(r["recipe"], r["test_outlet"]): r["accuracy"] for r in rows}
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(outlets) + 1.8))
    h = 0.4
    for k, (rec, col) in enumerate(zip(recipes, (_GREY, _BLUE))):
        ys = [i + (k - 0.5) * h for i in range(len(outlets))]
        ax.barh(ys, [acc.get((rec, o), 0.0) or 0.0 for o in outlets], height=h, color=col, label=rec)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.invert_yaxis()
    ax.set_xlabel("accuracy")
    ax.set_xlim(0.5, 1.0)
    ax.set_title("In-outlet (alkhaleej) vs cross-outlet accuracy")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    return _done(fig, "11-cross-outlet", figures)


def outlet_accuracy(summary: Mapping[str, Any], *, figures: str | os.PathLike | None = None):
    """Notebook 11: leave-one-outlet-out accuracy with 95% bootstrap CIs, from :func:`~arabic_news.topics.robustness.outlet_summary`."""
    setup_matplotlib()
    import matplotlib.pyplot as plt

    rows = list(summary["outlets"])
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(rows) + 1.6))
    pts = [r["accuracy"][0] for r in rows]
    err = [[p - r["accuracy"][1] for p, r in zip(pts, rows)], [r["accuracy"][2] - p for p, r in zip(pts, rows)]]
    ax.barh([f"{r['test_outlet']} (n={r['n']})" for r in rows], pts, xerr=err, color=_BLUE)
    ax.invert_yaxis()
    ax.set_xlim(max(0.0, min(r["accuracy"][1] for r in rows) - 0.05), 1.0)
    ax.set_xlabel("accuracy (95% bootstrap CI); other outlets left out of training")
    ax.set_title(f"Recipe {summary['recipe']}: in-outlet and leave-one-outlet-out")
    return _done(fig, "11-outlet-accuracy", figures)


def article_probabilities(pred: Mapping[str, Any], *, figures: str | os.PathLike | None = None):
    """Notebook 11: the article's calibrated class probabilities (:func:`~arabic_news.topics.predict_article`)."""
    names = _names()
    probs = pred["probabilities"]
    title = "Topic probabilities for the article (calibrated)"
    if pred.get("outside"):
        title += " - flagged outside the seven labels"
    fig = bar_chart(
        [f"{names.get(c, c)} {c}" for c in probs],
        list(probs.values()),
        title=title,
        xlabel="probability",
        value_format="{:.3f}",
    )
    return _done(fig, "11-article-probabilities", figures)


def learning_curve(rows: Sequence[Mapping[str, Any]], *, figures: str | os.PathLike | None = None):
    """Notebook 11: held-out macro-F1 against training size (:func:`~arabic_news.topics.evaluation.learning_curve`)."""
    setup_matplotlib()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([r["n_train"] for r in rows], [r["macro_f1"] for r in rows], marker="o")
    ax.set_xlabel("training articles (SANAD)")
    ax.set_ylabel("held-out macro-F1")
    ax.set_title("Learning curve (LinearSVC)")
    return _done(fig, "11-learning-curve", figures)


def topic_mixture(
    mixture: Sequence[float], top_terms: Sequence[Sequence[str]], *, figures: str | os.PathLike | None = None
):
    """Notebook 12: the article's NMF topic mixture (``Landscape.mixture``), each topic named by its top 3 stems."""
    labels = [f"{k}: {' '.join(t[:3])}" for k, t in enumerate(top_terms)]
    fig = bar_chart(
        labels,
        [float(v) for v in mixture],
        title="The article's NMF topic mixture",
        xlabel="share",
        value_format="{:.2f}",
    )
    return _done(fig, "12-topic-mixture", figures)
