"""Tests for arabic_news.concordance: text profile, lemma frequencies, keyword in context."""

from __future__ import annotations

import pytest

from arabic_news import words
from arabic_news.concordance import KwicLine, kwic, kwic_html, lemma_frequencies, text_profile
from arabic_news.stem import get_stemmer

TEXT = "وصل الوفدُ إلى بغداد.\nقال الوزير إن الأمن مستقر، وإن الأمنية تحسنت.\nوأكد أن الوضع الأمني أولوية."


def test_profile_counts_paragraphs_sentences_and_types():
    """Paragraphs are lines, types ignore diacritics (الوفدُ = الوفد)."""
    p = text_profile(TEXT)
    assert p["paragraphs"] == 3 and p["sentences"] == 3
    assert p["tokens"] == len(words(TEXT))
    assert p["types"] <= p["tokens"] and 0 < p["type_token_ratio"] <= 1


def test_profile_rejects_non_text():
    """A non-string input is a TypeError naming the type."""
    with pytest.raises(TypeError, match="bytes"):
        text_profile(b"x")


def test_lemma_frequencies_group_forms_and_drop_stopwords():
    """الأمن / الأمنية / أمن group under one lemma; إلى, إن, أن are stopwords."""
    lf = lemma_frequencies(words(TEXT), stemmer="light")
    top = lf[0]
    assert top.lemma == "امن" and top.count == 3
    assert {f for f, _ in top.forms} == {"الأمن", "الأمنية", "الأمني"}
    assert not {"إلى", "إن", "أن"} & {lc.surface for lc in lf}


def test_lemma_frequencies_most_frequent_surface_wins():
    """The surface form shown is the most frequent one, ties broken by first occurrence."""
    lf = lemma_frequencies(["الأمنية", "الأمن", "الأمن"], stemmer="light", remove_stopwords=False)
    assert lf[0].surface == "الأمن"


def test_lemma_frequencies_accepts_callable_and_rejects_other():
    """A key callable may replace the stemmer name; anything else is a TypeError."""
    lf = lemma_frequencies(["كتاب", "كتاب"], stemmer=lambda w: w, remove_stopwords=False)
    assert lf[0].count == 2
    with pytest.raises(TypeError):
        lemma_frequencies(["كتاب"], stemmer=3)


@pytest.mark.parametrize(
    "term, key, expected",
    [
        ("الامن", None, ["الأمن"]),  # hamza seat folded by retrieval normalisation
        ("الأمنُ", None, ["الأمن"]),  # diacritics ignored
        ("الأمن", get_stemmer("light"), ["الأمن", "الأمنية", "الأمني"]),  # by lemma
        ("غائب", None, []),
    ],
)
def test_kwic_matching(term, key, expected):
    """KWIC matches by normalised form, or by lemma with a stemmer key."""
    assert [line.match for line in kwic(TEXT, term, key=key)] == expected


def test_kwic_offsets_and_context_stay_in_paragraph():
    """Offsets index the text and the context never crosses a line break."""
    for line in kwic(TEXT, "الأمن", key=get_stemmer("light"), width=60):
        assert TEXT[line.start : line.end] == line.match
        assert "\n" not in line.left + line.right
    first = kwic(TEXT, "بغداد", width=60)[0]
    assert first.left == "وصل الوفدُ إلى" and first.right == "."


@pytest.mark.parametrize("term", ["", "كلمتان اثنتان", "  "])
def test_kwic_needs_one_word(term):
    """The term must be exactly one word."""
    with pytest.raises(ValueError, match="one word"):
        kwic(TEXT, term)


def test_kwic_html_escapes_and_is_rtl():
    """Context text is escaped and the table is laid out right to left."""
    out = kwic_html([KwicLine(0, 1, "<script>x</script>", "&", "بعد")])
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert 'dir="rtl"' in out
