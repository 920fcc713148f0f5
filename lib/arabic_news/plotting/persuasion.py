"""Figures for notebook 33 (persuasion), each one line in the notebook.

* :func:`technique_f1` -- held-out F1 per coarse technique class, with its support,
  classes that reports may name in a darker colour;
* :func:`confusion` -- out-of-fold confusion matrix of the binary model on news paragraphs;
* :func:`paragraph_scores` -- the article's P(persuasion) per paragraph with the decision threshold.

They read an evaluation result (:func:`arabic_news.persuasion.evaluation.evaluation`)
and the records of :func:`arabic_news.persuasion.analyse_paragraphs`.

>>> fig = paragraph_scores([{"paragraph": 1, "score": 0.7}, {"paragraph": 2, "score": 0.2}], threshold=0.5)
>>> len(fig.axes[0].patches)
2
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import bar_chart, setup_matplotlib

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["technique_f1", "confusion", "paragraph_scores"]

SHOWN = "#1f4e79"
HIDDEN = "#a9bcd0"


def technique_f1(res: dict[str, Any], *, title: str = "Coarse techniques: held-out F1 (CV grouped by story)") -> Figure:
    """Bar per coarse class: F1 out of fold, labelled with its support; classes reports may name are darker."""
    rows = res["technique_classes"]
    if not rows:
        raise ValueError("the evaluation result has no technique classes")
    fig = bar_chart(
        [f"{r['class']} (n={r['support']})" for r in rows],
        [r["f1"] for r in rows],
        title=title,
        xlabel="F1",
        value_format="{:.2f}",
    )
    ax = fig.axes[0]
    for patch, r in zip(ax.patches, rows):
        patch.set_color(SHOWN if r.get("shown") else HIDDEN)
    from ..persuasion.evaluation import MIN_TECHNIQUE_F1

    ax.axvline(MIN_TECHNIQUE_F1, color="#b03a2e", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1.05)
    return fig


def confusion(res: dict[str, Any], *, title: str = "Out-of-fold predictions, news paragraphs") -> Figure:
    """Confusion matrix (rows: annotators' labels, columns: the model's) of the first CV repeat."""
    setup_matplotlib()
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    oof = res["oof"]
    if not oof["y"]:
        raise ValueError("the evaluation result has no out-of-fold predictions")
    fig, ax = plt.subplots(figsize=(4.2, 3.6))
    ConfusionMatrixDisplay.from_predictions(oof["y"], oof["pred"], labels=["true", "false"], ax=ax, colorbar=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def paragraph_scores(
    records: Sequence[dict[str, Any]], *, threshold: float, title: str = "P(contains persuasion) per paragraph"
) -> Figure:
    """One bar per paragraph (``¶n``), flagged paragraphs darker, the threshold as a dashed line."""
    if not records:
        raise ValueError("no paragraphs to plot")
    fig = bar_chart(
        [f"¶{r['paragraph']}" for r in records],
        [r["score"] for r in records],
        title=title,
        xlabel="model score",
        value_format="{:.2f}",
    )
    ax = fig.axes[0]
    for patch, r in zip(ax.patches, records):
        patch.set_color(SHOWN if r["score"] >= threshold else HIDDEN)
    ax.axvline(threshold, color="#b03a2e", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1.05)
    return fig
