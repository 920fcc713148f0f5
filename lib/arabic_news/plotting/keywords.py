"""Figures of notebooks 20 and 21 (keyphrases and their evaluation), one call each.

>>> from arabic_news.keywords import Keyword
>>> fig = keyphrase_bar([Keyword("الناتو", 3.0, "ناتو", (0,)), Keyword("العراق", 2.0, "عراق", (5,))])
>>> len(fig.axes[0].patches)
2
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from . import ar, bar_chart, setup_matplotlib, word_cloud

__all__ = ["keyphrase_bar", "keyphrase_cloud", "recall_comparison", "outlet_f1", "shorten"]


def shorten(label: str, max_chars: int = 40) -> str:
    """Cut a long label at a word boundary, with an ellipsis (never mid-word).

    >>> shorten("وزير الداخلية العراقي عبد الأمير الشمري", 25)
    'وزير الداخلية العراقي…'
    """
    if len(label) <= max_chars:
        return label
    cut = label[:max_chars].rsplit(" ", 1)[0] if " " in label[:max_chars] else label[:max_chars]
    return cut + "…"


def keyphrase_bar(keywords: Sequence, *, title: str = "Top keyphrases", max_chars: int = 40) -> Figure:
    """Horizontal bars of the keyphrases' scores, best at the top (names marked with their kind)."""
    kws = list(keywords)
    if not kws:
        raise ValueError("no keyphrases to plot")
    labels = [shorten(k.text, max_chars) for k in kws]
    fig = bar_chart(
        labels, [k.score for k in kws], title=title, xlabel="score (higher is better)", value_format="{:.1f}"
    )
    ax = fig.axes[0]
    for patch, k in zip(ax.patches, kws):
        if getattr(k, "kind", None):
            patch.set_color("#c0504d")
    if any(getattr(k, "kind", None) for k in kws):
        from matplotlib.patches import Patch

        ax.legend(
            handles=[Patch(color="#c0504d", label="name"), Patch(color="#3b6ea5", label="other")], loc="lower right"
        )
    return fig


def keyphrase_cloud(keywords: Sequence, *, seed: int = 0) -> Figure:
    """A word cloud of keyphrases sized by score (their variants are not repeated)."""
    kws = [k for k in keywords if k.score > 0]
    if not kws:
        raise ValueError("no keyphrases with a positive score to draw")
    return word_cloud({k.text: k.score for k in kws}, seed=seed)


def recall_comparison(
    summary: Sequence[Mapping], *, metrics: Sequence[str] = ("recall@5", "recall@10"), title: str = ""
) -> Figure:
    """Grouped bars of each method's metrics with their 95% bootstrap CIs (rows of ``summarise_v2``)."""
    rows = list(summary)
    if not rows:
        raise ValueError("no evaluation rows to plot")
    setup_matplotlib()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(rows) + 2), 3.4))
    w = 0.8 / len(metrics)
    for i, m in enumerate(metrics):
        y = [r[m] for r in rows]
        err = [[r[m] - r[f"{m} lo"] for r in rows], [r[f"{m} hi"] - r[m] for r in rows]]
        ax.bar([j + w * i for j in range(len(rows))], y, width=w * 0.95, yerr=err, capsize=3, label=m)
    ax.set_xticks([j + w * (len(metrics) - 1) / 2 for j in range(len(rows))], [r["method"] for r in rows], rotation=20)
    ax.set_ylabel("share (95% CI)")
    if title:
        ax.set_title(ar(title))
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


def outlet_f1(rows: Sequence[Mapping], *, metrics: Sequence[str] = ("recall@10", "partial F1", "exact F1")) -> Figure:
    """Per-outlet figures of one method (rows of ``evaluation.per_outlet``), outlets sorted by recall."""
    rows = sorted(rows, key=lambda r: -r["recall@10"])
    if not rows:
        raise ValueError("no outlet rows to plot")
    return recall_comparison([dict(r, method=str(r["outlet"])) for r in rows], metrics=metrics, title="per outlet")
