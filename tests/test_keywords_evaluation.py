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
