"""Figures of notebooks 31 and 32: one call each, any article shape, long labels cut at word boundaries."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from arabic_news import read_article
from arabic_news.plotting import (
    ar,
    stance,
)
from arabic_news.rhetoric.markers import KINDS, DensityComparison
from arabic_news.rhetoric.structure import connectives, headline_overlap, sentence_openings

STANCE = Path(__file__).parent / "fixtures" / "stance"
SHAPES = sorted(p.name for p in STANCE.glob("*.txt"))


def _comparison(words: int, n_ref: int = 5) -> DensityComparison:
    dist = {k: np.linspace(0, 2, n_ref) for k in KINDS}
    return DensityComparison(
        reference="Sports",
        reference_label="SANAD Sports",
        n_reference=n_ref,
        words=words,
        noisy=words < 150,
        counts=dict.fromkeys(KINDS, 1),
        densities=dict.fromkeys(KINDS, 0.5),
        percentiles=dict.fromkeys(KINDS, 50.0),
        medians=dict.fromkeys(KINDS, 1.0),
        p90=dict.fromkeys(KINDS, 1.8),
        distribution=dist,
    )


def test_short_label_cuts_at_word_boundary():
    """Long labels end at a whole word with an ellipsis; short ones are unchanged."""
    name = "وزير الداخلية العراقي عبد الأمير الشمري"
    cut = stance.short_label(name, 24)
    assert cut.endswith("…") and name.startswith(cut[:-1]) and name[len(cut) - 1] == " "
    assert stance.short_label("قصير") == "قصير"
    with pytest.raises(TypeError):
        stance.short_label(3)


def test_marker_densities_figure_names_reference_and_noise():
    """Four panels; the title names the reference and flags a short article; an empty reference is a message."""
    fig = stance.marker_densities(_comparison(40))
    assert len(fig.axes) == 4 and "SANAD Sports" in fig._suptitle.get_text() and "noisy" in fig._suptitle.get_text()
    plt.close(fig)
    fig = stance.marker_densities(_comparison(400, n_ref=0))
    assert "empty" in fig.texts[0].get_text()
    plt.close(fig)


@pytest.mark.parametrize("name", SHAPES)
def test_structure_figures_on_any_shape(name):
    """Pyramid and openings figures are drawn (or say why not) for every article shape."""
    a = read_article(STANCE / name)
    for fig in (
        stance.inverted_pyramid(headline_overlap(a)),
        stance.openings_and_connectives(sentence_openings(a), connectives(a)),
    ):
        assert fig.axes or fig.texts
        plt.close(fig)


def test_inverted_pyramid_without_headline_is_a_message():
    """No headline: the figure states it in words."""
    fig = stance.inverted_pyramid([])
    assert not fig.axes and "No headline" in fig.texts[0].get_text()
    plt.close(fig)


def test_key_phrases_figure():
    """Key phrases: shortened labels, formulae in red, 'nothing to rank' as a message."""
    rows = [
        {"ngram": "في إطار", "ll": 12.0, "formula": "framing"},
        {"ngram": "وزير الداخلية العراقي عبد الأمير الشمري في بروكسل", "ll": 10.0, "formula": ""},
    ]
    fig = stance.key_phrases(rows, reference_label="SANAD Politics")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == ar("في إطار") and labels[1].endswith("…")
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()
    assert "SANAD Politics" in ax.get_title()
    plt.close(fig)
    fig = stance.key_phrases([])
    assert "No phrase" in fig.texts[0].get_text()
    plt.close(fig)
