"""Attribution figures: the speaker–verb network, labels cut at word boundaries, statement counts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from arabic_news import read_article
from arabic_news.plotting import ar
from arabic_news.plotting.attribution import short_label, speaker_names, speaker_verb_network, statements_by
from arabic_news.rhetoric import attributions
from arabic_news.rhetoric.views import shorten

SEED = "seeds/iraq-nato-security-cooperation.txt"


@pytest.mark.parametrize("n", [5, 12, 20, 27, 33])
def test_shorten_never_cuts_a_word(n):
    """Shortened labels end at a word boundary, with an ellipsis, and are made of whole words."""
    name = "نائب الأمين العام للعمليات في حلف الناتو"
    out = shorten(name, n)
    if out != name:
        assert out.endswith(" …")
        kept = out[:-2].split(" ")
        assert kept == name.split(" ")[: len(kept)]
        assert len(out) <= max(n, len(kept[0]) + 2)


def test_network_draws_every_speaker_and_cue():
    """The seed's network has one label per speaker (short label) and per cue lemma, one line per edge."""
    recs = attributions(read_article(SEED))
    fig = speaker_verb_network(recs)
    texts = [t.get_text() for t in fig.axes[0].texts]
    rows = speaker_names(recs)
    assert len(rows) == len({r.speaker_id for r in recs})
    for row in rows:
        assert ar(row["label"]) in texts
        assert row["label"] == short_label(row["id"], row["speaker"])
    assert len(fig.axes[0].lines) == len({(r.speaker_id, r.lemma) for r in recs})
    assert sum(r["statements"] for r in rows) == len(recs)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    assert (pixels < 200).any(), "something is drawn"
    plt.close(fig)


def test_full_names_are_in_the_table_when_labels_are_cut():
    """A long speaker name is shortened (with …) in the figure but complete in speaker_names."""
    recs = attributions(read_article(SEED))
    fig = speaker_verb_network(recs, max_label=20)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    long = [r for r in speaker_names(recs) if len(r["speaker"]) > 20]
    assert long
    for r in long:
        label = short_label(r["id"], r["speaker"], 20)
        assert "…" in label and ar(label) in texts
        assert r["speaker"] in {a.entity for a in recs}


def test_empty_figures_say_no_speech():
    """No records: both figures say that no reported speech was found instead of drawing nothing."""
    for fig in (speaker_verb_network([]), statements_by([])):
        assert any("No reported speech" in t.get_text() for t in fig.axes[0].texts)
        plt.close(fig)


def test_statements_by_counts_and_rejects_bad_fields():
    """statements_by draws one bar per value; an unknown field is a ValueError naming it."""
    recs = attributions(read_article(SEED))
    fig = statements_by(recs, "strength")
    assert len(fig.axes[0].patches) == len({r.strength for r in recs})
    plt.close(fig)
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        statements_by(recs, "colour")
