"""Tests for arabic_news.keywords.evaluation: title-word recall, bootstrap CIs, agreement, the evaluation loop."""

from __future__ import annotations

import math

import pytest

from arabic_news.keywords.background import Background
from arabic_news.keywords.evaluation import (
    EvalDoc,
    agreement,
    body_article,
    bootstrap_ci,
    evaluate,
    paired_ratio_ci,
    summarise,
    title_recall,
)


@pytest.mark.parametrize(
    "title, phrases, k, expected",
    [
        ("العراق يعزز التعاون مع الناتو", ["التعاون الأمني", "الناتو"], None, 0.5),  # 2 of 4 content words
        ("العراق يعزز التعاون مع الناتو", ["التعاون الأمني", "الناتو"], 1, 0.25),  # k counts phrases
        ("المنظمات الدولية", ["منظمة دولية"], None, 1.0),  # stem-matched
        ("في عام 2015", ["العام"], None, 1.0),  # stopwords and numbers are not headline words
    ],
)
def test_title_recall(title, phrases, k, expected):
    """Share of the headline's content words among the top-k phrases' words, stem-matched."""
    assert title_recall(title, phrases, k=k) == pytest.approx(expected)


def test_title_recall_nan_without_content_words():
    """A headline with only stopwords has no recall (nan), not 0."""
    assert math.isnan(title_recall("في من على", ["التعاون"]))


def test_body_article_has_no_headline():
    """The evaluation reads bodies: no line is taken as the headline."""
    a = body_article("الفقرة الأولى من الخبر\nالفقرة الثانية من الخبر")
    assert a.title is None and len(a.paragraph_spans) == 2


def test_bootstrap_ci_deterministic_and_ordered():
    """Same seed, same interval; lo <= mean <= hi; nan values are ignored."""
    v = [0.0, 0.2, 0.5, 0.7, 1.0, float("nan")]
    a, b = bootstrap_ci(v, seed=3), bootstrap_ci(v, seed=3)
    assert a == b
    assert a[1] <= a[0] <= a[2]
    assert a[0] == pytest.approx(0.48)


def test_agreement_identical_and_disjoint():
    """Identical lists agree fully; disjoint lists have zero overlap."""
    rows = agreement({"a": ["x", "y", "z"], "b": ["x", "y", "z"], "c": ["p", "q", "r"]}, k=3)
    ab = next(r for r in rows if (r["method a"], r["method b"]) == ("a", "b"))
    ac = next(r for r in rows if (r["method a"], r["method b"]) == ("a", "c"))
    assert ab["overlap@3"] == 1.0 and ab["kendall tau"] == pytest.approx(1.0)
    assert ac["overlap@3"] == 0.0


def test_evaluate_and_summarise_with_injected_background():
    """The evaluation loop runs every method, leaves the article out when it is in the background, and summarises."""
    bodies = [
        "عقد مجلس الأمن الدولي جلسة طارئة لبحث الأزمة. ودعا مجلس الأمن الدولي إلى وقف القتال في المنطقة.",
        "أطلقت وزارة الصحة حملة للتطعيم ضد الإنفلونزا. وقالت الوزارة إن حملة التطعيم تشمل المدارس.",
    ]
    docs = [EvalDoc("d0", "مجلس الأمن يدعو لوقف القتال", bodies[0]), EvalDoc("d1", "حملة تطعيم في المدارس", bodies[1])]
    bg = Background.from_texts(bodies + ["نص آخر عن الاقتصاد والأسواق"], ids=["d0", "d1", "x"])
    rows = evaluate(docs, ("default", "tfidf", "yake", "textrank"), background=bg)
    assert len(rows) == 8
    assert all(0 <= r["recall@10"] <= 1 and r["recall@5"] <= r["recall@10"] for r in rows)
    summary = summarise(rows)
    assert {r["method"] for r in summary} == {"default", "tfidf", "yake", "textrank"}
    yake = next(r for r in summary if r["method"] == "yake")
    assert yake["speed / yake"] == pytest.approx(1.0)
    ratio, lo, hi = paired_ratio_ci(rows, "default", "default")
    assert ratio == pytest.approx(1.0) and lo == pytest.approx(1.0) and hi == pytest.approx(1.0)


# --- issue 13: headline phrases, F1, generic-term rate, v2 loop ----------------------------
from arabic_news.keywords.evaluation import (  # noqa: E402
    evaluate_v2,
    generic_rate,
    headline_phrases,
    match_f1,
    misses,
    per_outlet,
    summarise_v2,
)
from arabic_news.keywords.genre import GenreStats, half_of  # noqa: E402


def test_headline_phrases_are_content_ngrams_within_runs():
    """Headline phrases are 1-3-grams of content stems that never bridge a stopword or punctuation."""
    ph = headline_phrases("التعاون الأمني مع الناتو، في بغداد")
    assert ("تعاون", "امن") in ph and ("ناتو",) in ph and ("بغداد",) in ph
    assert not any("امن" in p and "ناتو" in p for p in ph)
    assert not any("ناتو" in p and "بغداد" in p for p in ph)


@pytest.mark.parametrize(
    "phrases, exact_p, partial_p",
    [
        (["التعاون الأمني"], 1.0, 1.0),  # equals a headline bigram
        (["التعاون الاقتصادي"], 0.0, 1.0),  # shares a stem only
        (["الاقتصاد"], 0.0, 0.0),  # shares nothing
        (["التعاون الأمني", "الاقتصاد"], 0.5, 0.5),
    ],
)
def test_match_f1_exact_and_partial(phrases, exact_p, partial_p):
    """Exact = a keyphrase equals a headline phrase; partial = it shares a content stem with one."""
    m = match_f1("تعزيز التعاون الأمني", phrases)
    assert m["exact P"] == pytest.approx(exact_p) and m["partial P"] == pytest.approx(partial_p)
    assert 0 <= m["exact F1"] <= m["partial F1"] <= 1


def test_match_f1_recall_counts_headline_phrases():
    """Recall counts the headline's phrases that a keyphrase matches."""
    m = match_f1("الناتو", ["الناتو"])
    assert m["exact R"] == 1.0 and m["exact F1"] == 1.0
    assert math.isnan(match_f1("في من", ["الناتو"])["exact F1"])


def test_generic_rate_counts_items_made_only_of_generic_words():
    """An item is generic only when all its content words are in the generic list."""
    gen = frozenset({"تعزيز", "تعاون", "اهم"})
    assert generic_rate(["تعزيز التعاون", "التعاون الأمني", "أهمية", "الناتو"], gen) == pytest.approx(0.5)
    assert math.isnan(generic_rate([], gen))


def test_half_of_is_stable_and_balanced():
    """SaudiNewsNet halves come from a stable hash of the id and split ids roughly in two."""
    ids = [f"saudinewsnet/2015-07-{d:02d}/{i}" for d in range(1, 29) for i in range(20)]
    h = [half_of(i) for i in ids]
    assert h == [half_of(i) for i in ids]
    assert 0.4 < sum(h) / len(h) < 0.6


def test_evaluate_v2_records_and_summaries():
    """The v2 loop scores every method with recall, F1 and generic rate, per outlet and with misses."""
    bodies = [
        "عقد مجلس الأمن الدولي جلسة طارئة لبحث الأزمة. ودعا مجلس الأمن الدولي إلى وقف القتال في المنطقة.",
        "أطلقت وزارة الصحة حملة للتطعيم ضد الإنفلونزا. وقالت الوزارة إن حملة التطعيم تشمل المدارس.",
    ]
    docs = [
        EvalDoc("d0", "مجلس الأمن يدعو لوقف القتال", bodies[0], "a"),
        EvalDoc("d1", "حملة تطعيم في المدارس", bodies[1], "b"),
    ]
    bg = Background.from_texts(bodies + ["نص آخر عن الاقتصاد والأسواق"], ids=["d0", "d1", "x"])
    genre = GenreStats({}, ({"مجلس": 9, "حمل": 9}, {"مجلس": 9, "حمل": 9}), {}, {})
    rows = evaluate_v2(docs, ("default", "lexical", "yake", "yake-n6"), background=bg, genre=genre)
    assert len(rows) == 8
    for r in rows:
        assert 0 <= r["recall@10"] <= 1 and 0 <= r["exact F1"] <= r["partial F1"] <= 1
        assert 0 <= r["generic@10"] <= 1
    summary = summarise_v2(rows)
    assert {r["method"] for r in summary} == {"default", "lexical", "yake", "yake-n6"}
    assert next(r for r in summary if r["method"] == "yake")["recall@10 / yake"] == pytest.approx(1.0)
    assert [r["outlet"] for r in per_outlet(rows, "default", min_articles=1)] == ["a", "b"]
    m = misses(rows, "default", n=5)
    assert len(m) == 2 and all(set(r) >= {"headline", "missed", "top 5"} for r in m)
