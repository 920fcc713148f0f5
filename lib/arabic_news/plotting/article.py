"""Figures of the article profile (notebook 00), each one call, whatever the article's shape.

When there is nothing to draw (no content word, one sentence only) the figure says so in
words instead of failing; long Arabic labels are shortened at a word boundary with an
ellipsis (the full forms are in the table beside the figure).

>>> from arabic_news.concordance import lemma_frequencies
>>> from arabic_news import words
>>> fig = lemma_bars(lemma_frequencies(words("الأمن والأمن الأمني مهم")))
>>> len(fig.axes[0].patches)
2
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import bar_chart, histogram, setup_matplotlib, word_cloud
from .stance import message, short_label

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..concordance import LemmaCount

__all__ = ["sentence_lengths", "lemma_bars", "lemma_cloud", "length_in_corpus"]

_RED = "#c0392b"


def sentence_lengths(counts: Sequence[tuple[str, int]]) -> Figure:
    """Histogram of words per sentence (from :func:`arabic_news.describe_article.sentence_word_counts`)."""
    lengths = [n for _, n in counts]
    if not lengths:
        return message("The text has no sentences: no lengths to draw.")
    return histogram(
        lengths,
        bins=min(12, max(3, len(lengths))),
        title="Sentence length" + (" (one sentence)" if len(lengths) == 1 else ""),
        xlabel="words per sentence",
        ylabel="sentences",
    )


def lemma_bars(lemmas: Sequence[LemmaCount], *, top: int = 15) -> Figure:
    """The ``top`` most frequent lemmas, each labelled by its most frequent surface form."""
    rows = list(lemmas)[:top]
    if not rows:
        return message("No Arabic content word: no lemma frequencies to draw.")
    return bar_chart(
        [short_label(lc.surface, 24) for lc in rows],
        [lc.count for lc in rows],
        title="Most frequent lemmas",
        xlabel="occurrences (all forms)",
    )


def lemma_cloud(lemmas: Sequence[LemmaCount], *, seed: int = 0, top: int = 60) -> Figure:
    """A word cloud of the lemma counts (surface forms, layout fixed by ``seed``)."""
    freqs = {lc.surface: lc.count for lc in list(lemmas)[:top]}
    if not freqs:
        return message("No Arabic content word: no word cloud to draw.")
    return word_cloud(freqs, seed=seed)


def length_in_corpus(lengths: Sequence[int], words: int, *, corpus: str = "SANAD") -> Figure:
    """Histogram of the corpus articles' lengths (log-spaced bins) with the article's length in red."""
    if not lengths:
        return message(f"The corpus {corpus} is empty: nothing to compare with.")
    setup_matplotlib()
    import numpy as np

    hi = max(max(lengths), words, 2)
    bins = np.unique(np.geomspace(1, hi + 1, 40).astype(int))
    fig = histogram(
        lengths, bins=list(bins), title=f"Article length among {corpus} articles", xlabel="words", ylabel="articles"
    )
    ax = fig.axes[0]
    ax.set_xscale("log")
    ax.axvline(max(words, 1), color=_RED, lw=2, label=f"this article ({words:,} words)")
    ax.legend(loc="upper right", fontsize=9)
    return fig
