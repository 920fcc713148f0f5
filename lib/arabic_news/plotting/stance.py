"""Figures for stance markers, formulae and discourse structure (notebooks 31 and 32).

Each function takes the result of an :mod:`arabic_news.rhetoric` function and
returns a matplotlib Figure, whatever the article's shape: when there is
nothing to draw (no headline, no key phrase, one sentence) the figure says so
in words instead of failing.  Long Arabic labels are shortened at a word
boundary with an ellipsis (:func:`short_label`); the full text is in the table
beside the figure.

>>> short_label("وزير الداخلية العراقي عبد الأمير الشمري", 24)
'وزير الداخلية العراقي…'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import ar, bar_chart, setup_matplotlib

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..rhetoric.markers import DensityComparison

__all__ = ["short_label", "marker_densities", "inverted_pyramid", "openings_and_connectives", "key_phrases", "message"]

_KIND_TITLES = {
    "emphasis": "emphasis particles",
    "hedge": "hedges",
    "booster": "boosters",
    "evaluative": "evaluative adjectives",
}
_RED = "#c0392b"
_BLUE = "#3b6ea5"


def short_label(text: str, max_chars: int = 28) -> str:
    """``text`` cut at the last word boundary within ``max_chars``, with an ellipsis (never mid-word).

    >>> short_label("قصير")
    'قصير'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a label as str, got {type(text).__name__}")
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip("،, ") + "…"


def message(text: str, *, title: str = "", figsize: tuple[float, float] = (7.5, 1.6)) -> Figure:
    """A small figure that states in words why there is nothing to draw.

    >>> fig = message("No headline: the inverted pyramid cannot be drawn.")
    >>> fig.texts[0].get_text()
    'No headline: the inverted pyramid cannot be drawn.'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    setup_matplotlib()
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize)
    fig.text(0.5, 0.5, ar(text), ha="center", va="center", fontsize=12, wrap=True)
    if title:
        fig.suptitle(ar(title))
    return fig


def marker_densities(comparison: DensityComparison) -> Figure:
    """Four histograms: the reference class's densities per kind, the article's density as a red line.

    The title names the reference (``SANAD Politics``, ``all of SANAD``) and flags a short article.
    """
    setup_matplotlib()
    import matplotlib.pyplot as plt

    c = comparison
    if c.n_reference == 0:
        return message(f"The reference {c.reference_label} is empty: nothing to compare with.")
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.2))
    for ax, kind in zip(axes, _KIND_TITLES):
        vals = [float(v) for v in c.distribution[kind]]
        ax.hist(vals, bins=25, color=_BLUE, edgecolor="white")
        ax.axvline(c.densities[kind], color=_RED, lw=2)
        ax.set_title(f"{_KIND_TITLES[kind]} ({c.counts[kind]})")
        ax.set_xlabel("per 100 words")
    axes[0].set_ylabel("articles")
    note = f" — short article ({c.words} words): noisy" if c.noisy else ""
    fig.suptitle(
        f"Marker densities: {c.reference_label} ({c.n_reference:,} articles, bars) and this article (red){note}"
    )
    fig.tight_layout()
    return fig


def inverted_pyramid(overlap: Sequence[Mapping[str, Any]]) -> Figure:
    """Share of the headline's content words repeated in each paragraph (lead first)."""
    if not overlap:
        return message("No headline: the inverted pyramid cannot be drawn.")
    labels = ["lead" if r["paragraph"] == 1 else f"paragraph {r['paragraph']}" for r in overlap]
    return bar_chart(
        labels,
        [round(float(r["overlap"]), 2) for r in overlap],
        title="Share of the headline's content words repeated in each paragraph",
        xlabel="overlap",
    )


def openings_and_connectives(openings: Sequence[Mapping[str, Any]], connectives: Sequence[Mapping[str, Any]]) -> Figure:
    """Two bar charts: how body sentences open, and the roles of their connectives."""
    if not openings:
        return message("The body has no sentences to classify.")
    setup_matplotlib()
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.2))
    oc = Counter(o["opening"] for o in openings).most_common()
    bar_chart([k for k, _ in oc], [v for _, v in oc], title="sentence openings", xlabel="sentences", ax=a1)
    if connectives:
        rc = Counter(x["role"] for x in connectives).most_common()
        bar_chart([k for k, _ in rc], [v for _, v in rc], title="connective roles", xlabel="sentences", ax=a2)
    else:
        a2.set_axis_off()
        a2.text(0.5, 0.5, "no sentence opens with a connective", ha="center", va="center", transform=a2.transAxes)
    fig.tight_layout()
    return fig


def key_phrases(rows: Sequence[Mapping[str, Any]], *, reference_label: str = "", top: int = 15) -> Figure:
    """The article's key phrases (G² against the reference); listed formulae in red."""
    rows = [r for r in rows if r.get("ll", 0) > 0][:top]
    if not rows:
        return message("No phrase occurs often enough to be ranked.")
    fig = bar_chart(
        [short_label(r["ngram"]) for r in rows],
        [round(float(r["ll"]), 1) for r in rows],
        title="Key phrases" + (f" against {reference_label}" if reference_label else ""),
        xlabel="log-likelihood G²",
    )
    ax = fig.axes[0]
    for patch, r in zip(ax.patches, rows):
        if r.get("formula"):
            patch.set_color(_RED)
    return fig
