"""Findings in words for notebooks 31 and 32: from the article in front of the reader, natural for 0/1/many, escaped."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from arabic_news import Article, read_article
from arabic_news.rhetoric.describe_stance import (
    describe_cohesion,
    describe_densities,
    describe_formulae,
    describe_genre_phrases,
    describe_keyness,
    describe_markers,
    describe_openings,
    describe_profile,
    describe_pyramid,
    md_escape,
)
from arabic_news.rhetoric.formulae import formulae_found, keyness
from arabic_news.rhetoric.markers import KINDS, DensityComparison, Marker, compare_densities, find_markers
from arabic_news.rhetoric.reference import ngram_counts
from arabic_news.rhetoric.structure import cohesion, connectives, headline_overlap, sentence_lengths, sentence_openings

STANCE = Path(__file__).parent / "fixtures" / "stance"
FAKE_SANAD = STANCE / "sanad"
SHAPES = sorted(p.name for p in STANCE.glob("*.txt"))
FORBIDDEN = re.compile(r"seed|featured|Iraq|NATO|الناتو|العراق", re.IGNORECASE)


def comparison(text: str, *, words: int | None = None, reference: str = "Politics") -> DensityComparison:
    """A comparison against a small synthetic reference distribution (no corpus needed)."""
    ms = find_markers(text)
    n = len(text.split()) if words is None else words
    counts = {k: sum(m.kind == k for m in ms) for k in KINDS}
    dist = {k: np.array([0.0, 0.0, 0.5, 1.0, 2.0]) for k in KINDS}
    dens = {k: 100 * counts[k] / n if n else 0.0 for k in KINDS}
    return DensityComparison(
        reference=reference,
        reference_label="all of SANAD" if reference == "all" else f"SANAD {reference}",
        n_reference=5,
        words=n,
        noisy=n < 150,
        counts=counts,
        densities=dens,
        percentiles={k: float(100 * ((dist[k] < dens[k]).sum() + 0.5 * (dist[k] == dens[k]).sum()) / 5) for k in KINDS},
        medians={k: 0.5 for k in KINDS},
        p90={k: 1.6 for k in KINDS},
        distribution=dist,
    )


@pytest.fixture
def counts(tmp_path, monkeypatch):
    """Per-class n-gram counts of the hand-written stand-in for SANAD."""
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path / "cache"))
    return ngram_counts(root=FAKE_SANAD, min_count=1)


def test_md_escape_for_markdown_and_html():
    """Article text cannot inject HTML or Markdown: tags become entities, emphasis/link syntax is escaped."""
    out = md_escape("<script>alert(1)</script> *نص* [رابط](x) `كود` & #عنوان")
    assert "<" not in out and ">" not in out and "&amp;" in out
    for raw in ("*نص*", "[رابط]", "`كود`", " #"):
        assert raw not in out
    assert md_escape("- بند") == "\\- بند" and md_escape("12. بند") == "12\\. بند"
    assert md_escape("سطر\nآخر") == "سطر آخر"


def test_describe_markers_zero_one_many():
    """No markers, one marker and many markers each read naturally."""
    assert describe_markers([]).startswith("No stance markers were found")
    one = describe_markers(find_markers("ربما ينجح الاتفاق"))
    assert "one stance marker: one hedge («ربما»)" in one and "no boosters" in one
    many = describe_markers(find_markers(read_article(STANCE / "opinion-hedges.txt")))
    assert "10 stance markers" in many and "4 hedges" in many and "2 emphasis particles" in many


def test_describe_markers_escapes_marker_text():
    """Marker text is escaped and quoted."""
    out = describe_markers([Marker("hedge", "ربما<b>", 0, 7)])
    assert "<b>" not in out and "«ربما&lt;b&gt;»" in out


def test_describe_densities_names_reference_and_flags_noise():
    """The reference is named; kinds without markers say how common that is; short articles are flagged."""
    out = describe_densities(comparison("ربما ينجح الاتفاق"))
    assert "Reference: SANAD Politics (5 articles). SANAD Politics is the class the topic model assigns" in out
    assert "**boosters**: none, as in 40% of SANAD Politics articles" in out
    assert "short (3 words, under 150)" in out and "33.33 per 100 words" in out
    long = describe_densities(comparison("ربما ينجح الاتفاق", words=400, reference="all"))
    assert "fits none of its seven classes" in long and "short" not in long


def test_describe_densities_no_words():
    """An article without countable words says so instead of dividing by zero."""
    assert "no words to count" in describe_densities(comparison("", words=0))


def test_describe_profile():
    """The profile says which kinds stand out, the evaluation's polarity, hedging and the reporting verbs."""
    text = "إن الموقف خطير ومؤسف، والوضع سيئ جدا وخطير للغاية."
    out = describe_profile(find_markers(text), comparison(text, words=400), {"assertive": 1, "neutral": 3})
    assert "evaluation is negative" in out and "does not hedge" in out
    assert "Of 4 reported statements, 3 are introduced with neutral verbs." in out
    one = describe_profile(find_markers(text), comparison(text, words=400), {"assertive": 1})
    assert "The one reported statement is introduced with an assertive verb: the reporter's choice" in one
    assert describe_profile([], comparison("نص بلا علامات", words=400)).startswith("With no stance markers")


def test_describe_keyness_and_genre(counts):
    """Key phrases are quoted with their counts; no phrase and the 'all' reference read naturally."""
    a = read_article(STANCE / "diplomatic-formulae.txt")
    rows = keyness(a, counts, reference="Politics", min_freq=1, top=10_000)
    out = describe_keyness(rows, "Politics")
    assert out.startswith("Against SANAD Politics, the most over-used phrases are «")
    assert describe_keyness([], "Sports").startswith("No phrase of two or three words occurs often enough")
    genre = describe_genre_phrases(rows, "Politics")
    assert "typical of SANAD Politics" in genre and "«في بيان»" in genre
    assert "compared with all of SANAD" in describe_genre_phrases(rows, "all")
    assert describe_genre_phrases([], "Sports").startswith("None of the article's phrases")


def test_describe_formulae(counts):
    """Formulae are grouped by function with their typicality; none found is a sentence."""
    a = read_article(STANCE / "diplomatic-formulae.txt")
    out = describe_formulae(formulae_found(a, counts, reference="Politics"), "Politics")
    assert out.startswith("The article uses 14 listed formulae (14 occurrences): setting («وعلى هامش»)")
    assert "turn-taking («من جهته»)" in out and "typical of SANAD Politics" in out
    assert describe_formulae([], "Politics").startswith("No listed formula was found")
    one = describe_formulae(formulae_found("قال في بيان إن الوفد وصل", counts, reference="all"), "all")
    assert one.startswith("The article uses one listed formula (1 occurrence): sourcing («في بيان»)")
    assert "typical" not in one


def test_describe_structure_shapes():
    """Pyramid, openings and cohesion read naturally with no headline, one paragraph and many."""
    bulletin = read_article(STANCE / "one-line-bulletin.txt")
    assert "no headline" in describe_pyramid(headline_overlap(bulletin))
    notice = read_article(STANCE / "two-line-notice.txt")
    assert describe_pyramid(headline_overlap(notice)).startswith("The body is a single paragraph")
    assert describe_openings(sentence_openings(notice), connectives(notice)).startswith("The one body sentence has a")
    coh = describe_cohesion(sentence_lengths(notice), cohesion(notice))
    assert coh.startswith("The body is one sentence of 10 words.") and "single paragraph" in coh
    assert describe_cohesion([], {"adjacent": [], "repeated": []}).startswith("The body has no sentences")
    art = read_article(STANCE / "diplomatic-formulae.txt")
    op = describe_openings(sentence_openings(art), connectives(art))
    assert "perspective" in op and "None marks contrast" in op
    assert "inverted pyramid" in describe_pyramid(headline_overlap(art))
    assert describe_openings([], []) == "The body has no sentences to classify."


@pytest.mark.parametrize("name", SHAPES)
def test_prose_speaks_only_of_its_article(name, counts):
    """For every article shape, each description is produced, and none names a 'seed'/'featured' article or another article's words."""
    a = read_article(STANCE / name)
    ms = find_markers(a)
    comp = compare_densities(a, reference="Politics", root=FAKE_SANAD)
    rows = keyness(a, counts, reference="Politics", min_freq=1, top=100)
    texts = [
        describe_markers(ms),
        describe_densities(comp),
        describe_profile(ms, comp),
        describe_keyness(rows, "Politics"),
        describe_genre_phrases(rows, "Politics"),
        describe_formulae(formulae_found(a, counts, reference="Politics"), "Politics"),
        describe_pyramid(headline_overlap(a)),
        describe_openings(sentence_openings(a), connectives(a)),
        describe_cohesion(sentence_lengths(a), cohesion(a)),
    ]
    for t in texts:
        assert t and isinstance(t, str) and not FORBIDDEN.search(t), t
        for quoted in re.findall(r"«([^»]+)»", t):
            plain = quoted.replace("\\", "")
            assert plain.replace("…", "") in a.text or _stem_in(plain, a), (quoted, t)


def _stem_in(stem: str, a: Article) -> bool:
    from arabic_news.rhetoric.structure import _content_keys

    return stem in _content_keys(a.text) or stem in " ".join(_content_keys(a.text))


def test_describe_accepts_tables(counts):
    """The describe functions read the notebook's DataFrames as well as lists of dicts."""
    from arabic_news.rhetoric.formulae import formulae_table, keyness_table
    from arabic_news.rhetoric.structure import structure_tables

    a = read_article(STANCE / "diplomatic-formulae.txt")
    rows = keyness(a, counts, reference="Politics", min_freq=1, top=10_000)
    table = keyness_table(a, counts, reference="Politics", min_freq=1, top=10_000)
    assert describe_keyness(table, "Politics") == describe_keyness(rows, "Politics")
    assert describe_genre_phrases(table, "Politics") == describe_genre_phrases(rows, "Politics")
    found = formulae_found(a, counts, reference="all")
    assert describe_formulae(formulae_table(a, counts, reference="all"), "all") == describe_formulae(found, "all")
    t = structure_tables(a)
    assert describe_pyramid(t["headline_overlap"]) == describe_pyramid(headline_overlap(a))
    assert describe_openings(t["openings"], t["connectives"]) == describe_openings(sentence_openings(a), connectives(a))
