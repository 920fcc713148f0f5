"""Formulae: the corpus-grounded list, where formulae occur, keyness against the article's reference class."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic_news import Article, read_article
from arabic_news.rhetoric.formulae import (
    FORMULA_COLUMNS,
    KEYNESS_COLUMNS,
    corpus_counts,
    find_formulae,
    formula_function,
    formula_list,
    formulae_found,
    formulae_table,
    keyness,
    keyness_table,
)
from arabic_news.rhetoric.reference import NgramCounts, attestation, check_reference, ngram_counts

STANCE = Path(__file__).parent / "fixtures" / "stance"
FAKE_SANAD = STANCE / "sanad"
SHAPES = sorted(p.name for p in STANCE.glob("*.txt"))
FUNCTIONS = {
    "setting",
    "framing",
    "diplomatic agenda",
    "stance",
    "turn-taking",
    "transition",
    "sourcing",
    "reporting",
    "background",
    "honorific",
    "match report",
    "market report",
}


@pytest.fixture
def counts(tmp_path, monkeypatch) -> NgramCounts:
    """Per-class n-gram counts of the hand-written stand-in for SANAD (cached in a temporary folder)."""
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path / "cache"))
    return ngram_counts(root=FAKE_SANAD, min_count=1)


def test_formula_list_has_functions():
    """Every listed formula carries one of the documented functions and has 1-4 words, no duplicates."""
    rows = formula_list()
    assert len(rows) >= 30
    assert {f for _, f in rows} <= FUNCTIONS
    assert all(1 <= len(p.split()) <= 4 for p, _ in rows)
    assert len({p for p, _ in rows}) == len(rows)


def test_fragments_are_gone():
    """Fragments of one article (ويأتي لقاء، ذات الاهتمام المتبادل) are not in the list."""
    phrases = {p for p, _ in formula_list()}
    assert "ويأتي لقاء" not in phrases and "ذات الاهتمام المتبادل" not in phrases
    assert formula_function("ويأتي لقاء") == ""


def test_find_formulae_offsets_conjunction_and_longest():
    """Formulae are found with a leading و/ف, offsets index the text, the longest listed phrase wins."""
    text = "وفي هذا السياق، قال الوزير في مؤتمر صحفي إن اللقاء جاء على هامش القمة."
    got = find_formulae(text)
    assert [g["formula"] for g in got] == ["في هذا السياق", "في مؤتمر صحفي", "على هامش"]
    for g in got:
        assert text[g["start"] : g["end"]] == g["text"]
    assert got[0]["text"] == "وفي هذا السياق" and got[0]["function"] == "framing"


def test_formulae_do_not_cross_punctuation():
    """A formula split by punctuation is not a formula (على، هامش)."""
    assert find_formulae("وقف على، هامش الطريق") == []


def test_attestation_counts_articles_not_occurrences():
    """attestation() counts the texts containing each formula (once per text)."""
    c = attestation(["من جهته قال، ومن جهته أضاف", "من جهته", "لا شيء هنا"])
    assert c["من جهته"] == 2


@pytest.mark.parametrize("name", SHAPES)
def test_keyness_and_formulae_on_any_shape(name, counts):
    """Keyness and formula tables are well-formed DataFrames for every article shape (no KeyError)."""
    a = read_article(STANCE / name)
    for ref in ("Politics", "all"):
        k = keyness_table(a, counts, reference=ref, top=20)
        assert tuple(k.columns) == KEYNESS_COLUMNS
        k[["ngram", "count", "corpus_per_million", "ll", "genre_ll", "formula"]]  # the notebook's selection
        f = formulae_table(a, counts, reference=ref)
        assert tuple(f.columns) == FORMULA_COLUMNS


def test_two_line_notice_gives_empty_tables(counts):
    """The two-line notice that broke notebook 32 has no key phrase: empty, but with every column."""
    a = read_article(STANCE / "two-line-notice.txt")
    assert keyness(a, counts, reference="Politics") == []
    every = keyness_table(a, counts, reference="Politics", min_freq=1, top=100_000)
    genre = every[(every.genre_ll > 3.84) | (every.formula != "")]
    assert list(genre.columns) == list(KEYNESS_COLUMNS)


def test_keyness_follows_the_reference(counts):
    """Genre G2 compares the reference class with the others; it is undefined (None) against all of SANAD."""
    a = read_article(STANCE / "diplomatic-formulae.txt")
    pol = {r["ngram"]: r for r in keyness(a, counts, reference="Politics", min_freq=1, top=10_000)}
    spo = {r["ngram"]: r for r in keyness(a, counts, reference="Sports", min_freq=1, top=10_000)}
    alls = keyness(a, counts, reference="all", min_freq=1, top=10_000)
    assert pol["في بيان"]["genre_ll"] > 0 > spo["في بيان"]["genre_ll"]
    assert pol["في بيان"]["reference_articles"] == 3 and spo["في بيان"]["reference_articles"] == 0
    assert all(r["genre_ll"] is None for r in alls)


def test_formulae_found_typicality(counts):
    """Each formula found once per row, with its share of reference articles and its genre G2."""
    a = read_article(STANCE / "diplomatic-formulae.txt")
    rows = {r["formula"]: r for r in formulae_found(a, counts, reference="Politics")}
    assert rows["من جهته"]["reference_share"] == pytest.approx(1.0)
    assert rows["من جهته"]["genre_ll"] > 0
    assert rows["تبادل وجهات النظر"]["reference_share"] == 0.0
    assert all(r["genre_ll"] is None for r in formulae_found(a, counts, reference="all"))


def test_unknown_reference_in_keyness(counts):
    """keyness and formulae_found reject a class the counts do not hold, naming the classes."""
    with pytest.raises(ValueError, match="unknown reference class 'Religion'.*Finance, Politics, Sports"):
        keyness("قال الوزير قال الوزير", counts, reference="Religion")
    with pytest.raises(ValueError, match="unknown reference class"):
        formulae_found("خبر بلا صيغ", counts, reference="Politic")
    with pytest.raises(ValueError, match="unknown reference class"):
        check_reference("Sport", FAKE_SANAD)


def test_counts_totals_and_articles(counts):
    """Per-class totals add up to the whole, and article counts per class are those of the corpus."""
    assert counts.labels == ("Finance", "Politics", "Sports")
    assert counts.articles("all") == 9 and counts.articles("Politics") == 3
    assert counts.total(2, "all") == sum(counts.total(2, c) for c in counts.labels)
    assert counts.formula_articles("من جهته", "Politics") == 3 and counts.formula_articles("من جهته", "Sports") == 0


def test_long_article_keyness(counts):
    """A 20,000-word article is ranked without trouble."""
    sent = "وقال المتحدث في بيان إن الاجتماع ناقش سبل تعزيز التعاون. "
    a = Article.from_text("عنوان\n" + (sent * 2000))
    rows = keyness(a, counts, reference="Politics", top=5)
    assert len(rows) == 5 and rows[0]["count"] == 2000


@pytest.mark.slow
def test_every_formula_is_attested_in_sanad():
    """Every listed formula occurs in at least 5 SANAD articles after the matching normalisation."""
    from arabic_news.corpus import load_sanad

    corpus = load_sanad(show_progress=False)
    seen = attestation([d.text for d in corpus.documents])
    rare = {p: seen[p] for p, _ in formula_list() if seen[p] < 5}
    assert not rare, f"formulae attested in fewer than 5 SANAD articles: {rare}"


@pytest.mark.slow
def test_default_counts_hold_every_class():
    """The default per-class counts (quick sample) hold the seven SANAD classes."""
    c = corpus_counts(quick=True)
    assert len(c.labels) == 7 and "Politics" in c.labels and c.articles("Politics") == 40
