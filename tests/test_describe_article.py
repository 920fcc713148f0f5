"""Tests for the article-profile sentences (notebook 00) and their figures."""

from __future__ import annotations

import matplotlib.pyplot as plt

from arabic_news import words
from arabic_news.concordance import kwic, lemma_frequencies, text_profile
from arabic_news.describe_article import (
    article_html,
    describe_concordance,
    describe_corpus_length,
    describe_lemmas,
    describe_sentences,
    describe_size,
    sentence_word_counts,
)
from arabic_news.plotting import article as article_plots

ONE_LINE = "ارتفع المؤشر العام 1.2% إلى 5400 نقطة"
LATIN = "أعلنت Apple و Microsoft و Alphabet عن نتائج Q3 2024 بقيمة 94.9 USD"


def test_headline_less_article_says_it_has_no_headline_and_escapes_text():
    """A one-line article is shown with '(no headline)' and its text escaped."""
    page = article_html("خبر <b>قصير</b>")
    assert "(no headline)" in page and "&lt;b&gt;" in page and "<b>" not in page


def test_short_text_is_flagged_and_latin_share_reported():
    """Under 100 tokens the type/token ratio is called uninformative; mostly non-Arabic tokens are reported."""
    assert "too short" in describe_size(text_profile(ONE_LINE))
    assert "Arabic words" in describe_size(text_profile(LATIN))
    assert "Only" in describe_size(text_profile(LATIN))


def test_single_sentence_reads_naturally():
    """One sentence is described as a single sentence, and the longest one is quoted escaped."""
    out = describe_sentences(sentence_word_counts("قال <الوزير> إن الاتفاق قريب"))
    assert out.startswith("The text is a single sentence of 5 words") and "&lt;الوزير&gt;" in out


def test_no_lemmas_and_no_concordance_are_sentences():
    """An article without Arabic content words gets sentences, not an empty table or an IndexError."""
    lemmas = lemma_frequencies(words("في من على"))
    assert lemmas == []
    assert describe_lemmas(lemmas).startswith("No Arabic content word")
    assert describe_concordance([], None).startswith("With no content word")


def test_lemma_sentence_names_the_article_words_only():
    """The lemma sentence quotes the article's own most frequent form, escaped for Markdown."""
    lemmas = lemma_frequencies(words("المكتبة مكتبة المكتبات *نجمة*"))
    out = describe_lemmas(lemmas)
    assert "«المكتبة»" in out and "3 times" in out
    lines = kwic("المكتبة مكتبة", lemmas[0].surface)
    assert describe_concordance(lines, lemmas[0].surface).startswith("One occurrence of the lemma of «المكتبة»")


def test_corpus_length_percentile_and_extremes():
    """The share of shorter corpus articles is computed, and an article shorter than all of them is flagged."""
    assert "longer than 50%" in describe_corpus_length("كلمة واحدة اثنتان", [1, 2, 5, 9])
    assert "noisy" in describe_corpus_length("كلمة", [5] * 200)


def test_figures_say_nothing_to_draw_instead_of_failing():
    """Empty inputs give a figure with a sentence; a long label is shortened at a word boundary."""
    for fig in (article_plots.lemma_bars([]), article_plots.lemma_cloud([]), article_plots.sentence_lengths([])):
        assert fig.texts and fig.texts[0].get_text().lower().startswith(("no ", "the text has no"))
    long = lemma_frequencies(words("الاستراتيجيات الاستراتيجيات"))
    fig = article_plots.lemma_bars(long)
    assert len(fig.axes[0].patches) == 1
    fig = article_plots.length_in_corpus([10, 200, 300], 5)
    assert fig.axes[0].get_xscale() == "log"
    plt.close("all")
