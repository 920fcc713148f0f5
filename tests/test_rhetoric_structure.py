"""Formulae (keyness) and discourse structure (inverted pyramid, openings, connectives, cohesion)."""

from __future__ import annotations

from collections import Counter

import pytest

from arabic_news import Article, read_article
from arabic_news.rhetoric.formulae import count_ngrams, formula_function, keyness, log_likelihood, ngrams
from arabic_news.rhetoric.structure import (
    cohesion,
    connectives,
    headline_overlap,
    sentence_lengths,
    sentence_openings,
    structure_summary,
)

SEED = "seeds/iraq-nato-security-cooperation.txt"


def test_ngrams_do_not_cross_punctuation():
    """N-grams stop at ، . : « » and the offsets point at their first word."""
    text = "قال الوزير، إن التعاون مهم."
    grams = dict(ngrams(text, n_max=2))
    assert "الوزير إن" not in grams and "إن التعاون" in grams
    assert text[grams["إن التعاون"] :].startswith("إن التعاون")


def test_count_ngrams_matches_ngrams():
    """The fast corpus counter gives the same n-grams as ngrams()."""
    text = "على هامش المؤتمر، قال الوزير إن التعاون مهم. قال الوزير"
    fast, totals = count_ngrams([text], n_max=3)
    slow = Counter(g for g, _ in ngrams(text, n_max=3))
    assert fast == slow and sum(totals) == sum(slow.values())


def test_log_likelihood_sign_and_zero():
    """G2 is positive for over-use, negative for under-use, 0 for equal rates."""
    assert log_likelihood(10, 100, 10, 10000) > 0
    assert log_likelihood(1, 1000, 100, 1000) < 0
    assert log_likelihood(5, 100, 50, 1000) == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ValueError):
        log_likelihood(1, 0, 1, 10)


def test_keyness_ranks_article_phrases_and_labels_formulae():
    """Over-used phrases come first; listed formulae are labelled even when seen once."""
    counts = {
        "all": {"من جهته": 50, "التعاون الأمني": 1},
        "politics": {"من جهته": 40},
        "totals_all": [0, 100000, 90000],
        "totals_politics": [0, 20000, 18000],
    }
    text = "التعاون الأمني مهم. التعاون الأمني ضروري. من جهته، قال الوزير."
    rows = keyness(text, counts, top=50)
    assert rows[0]["ngram"] == "التعاون الأمني"
    fj = next(r for r in rows if r["ngram"] == "من جهته")
    assert fj["formula"] == "turn-taking" and fj["genre_ll"] > 0
    assert formula_function("على هامش") == "setting" and formula_function("قال الوزير") == ""


def test_headline_overlap_inverted_pyramid():
    """The lead repeats more of the headline than a background paragraph."""
    a = Article.from_text(
        "العراق يعزز التعاون مع الناتو\nالعراق يعزز التعاون الأمني مع الناتو.\nويذكر أن الطقس كان حارا."
    )
    rows = headline_overlap(a)
    assert rows[0]["overlap"] > rows[1]["overlap"]
    assert headline_overlap("سطر واحد بلا عنوان") == []


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("وأكد الوزير أن الاتفاق قريب.", "verbal"),
        ("ناقش الجانبان التعاون.", "verbal"),
        ("الوزير أكد أن الاتفاق قريب.", "nominal"),
        ("وفي المقابل، رفضت المعارضة الخطة.", "prepositional"),
        ("وبحسب البيان، فإن الوفد غادر.", "prepositional"),
        ("كما ناقش الجانبان الملفات.", "particle"),
    ],
)
def test_sentence_openings(sentence, kind):
    """Verbal (VSO), nominal, prepositional and particle openings are told apart."""
    a = Article.from_text("عنوان الخبر\n" + sentence)
    assert sentence_openings(a)[0]["opening"] == kind


@pytest.mark.parametrize(
    "sentence, connective, role",
    [
        ("من جهته، قال الوزير إن الاتفاق قريب.", "من جهته", "perspective"),
        ("وفي المقابل، رفضت المعارضة الخطة.", "في المقابل", "contrast"),
        ("فضلًا عن ذلك، وقع الجانبان اتفاقية.", "فضلا عن", "addition"),
        ("وأكد الوزير أن الاتفاق قريب.", "و", "addition"),
        ("وصل الوفد إلى بغداد.", None, None),  # وصل starts with و but has no conjunction
    ],
)
def test_connectives(sentence, connective, role):
    """Sentence-initial connectives and their roles; a verb beginning with و is not و + verb."""
    got = connectives(Article.from_text("عنوان الخبر\n" + sentence))
    if connective is None:
        assert got == []
    else:
        assert (got[0]["connective"], got[0]["role"]) == (connective, role)


def test_cohesion_and_lengths_on_seed():
    """Seed: 11 body sentences; 'security' (أمن) is the most widespread stem."""
    a = read_article(SEED)
    assert len(sentence_lengths(a)) == 11
    coh = cohesion(a)
    assert coh["repeated"][0][0] == "امن" and len(coh["adjacent"]) == len(a.paragraphs) - 1
    s = structure_summary(a)
    assert s["lead_overlap"] > s["later_overlap"] and s["openings"]["verbal"] >= 6


def test_structure_rejects_bad_input():
    """Non-text input is a TypeError naming the type."""
    with pytest.raises(TypeError, match="Article or str"):
        sentence_openings(3.5)


# -- articles of any shape -----------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from arabic_news.rhetoric.structure import TABLE_COLUMNS, structure_tables  # noqa: E402

STANCE = Path(__file__).parent / "fixtures" / "stance"
SHAPES = sorted(p.name for p in STANCE.glob("*.txt"))


@pytest.mark.parametrize("name", SHAPES)
def test_structure_on_any_shape(name):
    """Every structure function returns well-formed (possibly empty) results for every article shape."""
    a = read_article(STANCE / name)
    tables = structure_tables(a)
    assert set(tables) == set(TABLE_COLUMNS)
    for k, t in tables.items():
        assert tuple(t.columns) == TABLE_COLUMNS[k]
    s = structure_summary(a)
    assert s["paragraphs"] == len(a.paragraphs) and s["sentences"] == len(tables["lengths"])


def test_headline_less_bulletin():
    """A one-line bulletin: no headline, no overlap rows, no adjacent pairs, one sentence."""
    a = read_article(STANCE / "one-line-bulletin.txt")
    assert a.title is None and headline_overlap(a) == []
    s = structure_summary(a)
    assert s["lead_overlap"] is None and s["later_overlap"] is None and s["mean_adjacent_jaccard"] is None
    assert s["sentences"] == 1 and cohesion(a) == {"adjacent": [], "repeated": []}


def test_two_line_notice_structure():
    """Headline + one sentence: one overlap row (the lead), no later paragraphs, no connectives."""
    a = read_article(STANCE / "two-line-notice.txt")
    rows = headline_overlap(a)
    assert len(rows) == 1 and 0 < rows[0]["overlap"] <= 1
    assert structure_summary(a)["later_overlap"] is None and connectives(a) == []


def test_long_article_structure():
    """A 20,000-word article of many paragraphs is measured in full."""
    para = "وقال المتحدث إن الاجتماع ناقش ملفات التعاون الاقتصادي. ومن جهته، أكد الوزير أن النتائج إيجابية. "
    a = Article.from_text("عنوان طويل\n" + "\n".join([para * 15] * 90))
    s = structure_summary(a)
    assert s["paragraphs"] == 90 and s["sentences"] == 90 * 30
    assert s["connective_roles"]["perspective"] == 90 * 15
    assert len(cohesion(a)["adjacent"]) == 89


def test_tables_join_shared_stems_and_pairs():
    """Table cells are strings a reader can read: pairs as 'i–j', shared stems joined with ،."""
    a = Article.from_text("العراق والناتو\nالعراق يعزز التعاون مع الناتو.\nالناتو يرحب بالتعاون مع العراق.")
    t = structure_tables(a)
    assert t["adjacent"].iloc[0]["pair"] == "1–2" and "، " in t["adjacent"].iloc[0]["shared"]
