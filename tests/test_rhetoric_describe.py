"""Markdown descriptions of an article's attributions (notebook 30's result sentences)."""

from __future__ import annotations

import pytest

from arabic_news import read_article
from arabic_news.rhetoric import attributions
from arabic_news.rhetoric.describe import (
    describe_quality,
    describe_sources,
    describe_speakers,
    describe_verbs,
    md_escape,
)

SEED = "seeds/iraq-nato-security-cooperation.txt"
NONE = "ناقش الوزير خطة التعاون مع نظيره."
ONE = "قال الوزير أحمد سالم إن الاتفاق قريب."
MANY = "قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب. وقالت مصادر مطلعة إن الجولة تستمر."


@pytest.mark.parametrize("describe", [describe_speakers, describe_verbs, describe_sources])
def test_zero_statements_are_said_plainly(describe):
    """With no reported speech every description says so in one sentence, without numbers."""
    text = describe(attributions(NONE))
    assert text.startswith("No ") and text.count(".") == 1 and not any(c.isdigit() for c in text)


def test_one_speaker_in_the_singular():
    """One statement by one speaker reads in the singular and names the speaker."""
    text = describe_speakers(attributions(ONE))
    assert text.startswith("One statement, by one speaker: الوزير أحمد سالم")
    assert "statements" not in text and "speakers" not in text


def test_many_speakers_name_the_most_quoted():
    """Several speakers: counts in words, the most quoted first with its source type."""
    text = describe_speakers(attributions(MANY))
    assert text.startswith("Three statements from two speakers.")
    assert "most quoted is الوزير أحمد سالم (named person, two statements)" in text


def test_verbs_and_strengths():
    """The verb sentence lists lemmas with counts and says whether a distancing verb occurs."""
    assert "no distancing verb" in describe_verbs(attributions(MANY))
    assert "doubt (زعم)" in describe_verbs(attributions("وزعم متحدث عسكري أن القوات تقدمت."))


def test_sources_singular_and_plural():
    """How sources are introduced: 'Both statements', 'The statement', kinds of cue in words."""
    both = describe_sources(attributions("وقال الوزير أحمد سالم إن الاتفاق مهم، مضيفًا أن التنفيذ قريب."))
    assert both.startswith("Both statements come from named people.")
    assert "one circumstantial participle" in both and "inferred from the context" in both
    one = describe_sources(attributions("أكدت مصادر مطلعة أن الاتفاق قريب."))
    assert one.startswith("The statement comes from an anonymous or collective source.")


def test_descriptions_of_the_seed_are_computed_from_it():
    """On the featured article the sentences state its own counts (13 statements, six speakers)."""
    recs = attributions(read_article(SEED))
    assert describe_speakers(recs).startswith(f"{len(recs)} statements from six speakers.")
    assert "الشمري" in describe_speakers(recs)


def test_article_text_is_escaped_for_markdown_and_html():
    """A speaker containing markup or Markdown syntax is escaped (no raw tag, no emphasis)."""
    assert md_escape("<b>*x*</b> [a](b)") == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\]\\(b\\)"
    recs = attributions("قال الوزير أحمد سالم إن الاتفاق قريب.")
    recs[0].entity = "<script>*سالم*</script>"
    text = describe_speakers(recs)
    assert "<script>" not in text and "\\*سالم\\*" in text


def test_quality_sentence_without_and_with_rows():
    """describe_quality says when no held-out figure exists, else quotes P and R with intervals."""
    assert describe_quality([]) == "No held-out evaluation is available in this run."
    rows = [
        {"split": "held-out", "system": "lab rules", "precision": 0.9, "recall": 0.8, "f1": 0.85,
         "precision_ci": (0.85, 0.95), "recall_ci": (0.7, 0.9), "articles": 20},
        {"split": "held-out", "system": "baseline: verb + next 2 words", "precision": 0.3, "recall": 0.2, "f1": 0.24},
    ]  # fmt: skip
    text = describe_quality(rows)
    assert "20 held-out articles" in text and "0.90 [0.85, 0.95]" in text and "0.24" in text


def test_impersonal_reports_are_counted_apart():
    """Impersonal (passive) reports are not speakers; the sentences say so."""
    recs = attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأُعلن عن موعد القمة.")
    text = describe_speakers(recs)
    assert text.startswith("One statement, by one speaker") and "One impersonal report names no speaker." in text
    assert "impersonal" in describe_sources(recs)
    only = describe_speakers(attributions("وأُعلن عن موعد القمة."))
    assert only == "One statement: an impersonal (passive) report with no speaker."


def test_every_cue_kind_is_described_in_words():
    """Each cue kind the analyser produces (a report noun too) gets English words, and an unknown kind still reads."""
    from dataclasses import replace

    recs = attributions("وأصدر الوزير أحمد سالم تعليمات بأن تبدأ الحملة غدا. وأكد سالم أن التوقيع قريب.")
    text = describe_sources(recs)
    assert "report noun" in text and "reporting verb" in text
    odd = [replace(recs[0], cue_kind="something_new")]
    assert "something_new cue" in describe_sources(odd)


def test_fixture_articles_with_every_kind_of_cue_are_described():
    """The long feature (headline colon, report nouns, participles, verbs) is described without error."""
    recs = attributions(read_article("tests/fixtures/articles/long-feature.txt"))
    assert {"nominal", "verb"} <= {r.cue_kind for r in recs}
    assert "report noun" in describe_sources(recs)
