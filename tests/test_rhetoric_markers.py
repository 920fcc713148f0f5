"""Stance markers: boosters, hedges, emphasis particles, evaluative adjectives; densities; HTML."""

from __future__ import annotations

import numpy as np
import pytest

from arabic_news.rhetoric.markers import (
    KINDS,
    Marker,
    density_percentiles,
    find_markers,
    highlight_html,
    is_imperfect_verb,
    marker_densities,
)


def kinds(text):
    return [(m.kind, m.text) for m in find_markers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("تحسن الوضع بشكل كبير", [("booster", "بشكل كبير")]),
        ("بمشاركة دولية واسعة", [("booster", "واسعة")]),
        ("قضية بالغة الحساسية", [("booster", "بالغة")]),
        ("ربما تتأجل الجلسة", [("hedge", "ربما")]),
        ("يبدو أن الاتفاق قريب", [("hedge", "يبدو أن")]),
        ("من المحتمل أن تنتهي المحادثات", [("hedge", "من المحتمل")]),
        ("إنّ الموقف واضحٌ", [("emphasis", "إنّ"), ("evaluative", "واضحٌ")]),
        ("لقد انتهى الاجتماع", [("emphasis", "لقد")]),
        ("موقف إيجابي ومهم", [("evaluative", "إيجابي"), ("evaluative", "ومهم")]),
    ],
)
def test_marker_lexicon(text, expected):
    """Each kind is found from its cited word list, inflected and cliticised forms included."""
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("قد يكون الاتفاق قريبا", "hedge"),  # qad + imperfect = possibility
        ("وقد تؤدي الأزمة إلى التصعيد", "hedge"),
        ("وقد أكد الوزير موقفه", "emphasis"),  # qad + perfect = emphasis
        ("فقد تناول اللقاء الملفات", "emphasis"),  # form VI perfect starting with ت
        ("وقد تمت الموافقة", "emphasis"),
    ],
)
def test_qad_perfect_vs_imperfect(text, kind):
    """قد + imperfect is a hedge, قد + perfect an emphasis."""
    assert find_markers(text)[0].kind == kind


def test_conditional_in_is_not_emphasis():
    """Conditional إن (إن لم / وإن كان) is not the emphatic particle; أنّ is not إنّ."""
    assert kinds("إن لم يتم الاتفاق ستنهار الهدنة") == []
    assert kinds("وإن كان الوفد قد غادر") == [("emphasis", "قد غادر")]
    assert kinds("أعلن أن الوفد غادر") == []


def test_noun_lookalikes_are_excluded():
    """مهمة 'mission' is not the adjective مهم 'important'."""
    assert kinds("أنهى الوفد مهمة صعبة في بغداد") == []


def test_longest_span_wins_and_offsets_hold():
    """Overlaps resolve to the longest span; text[start:end] == marker.text."""
    text = "ارتفعت الأسعار بشكل كبير جدا، وربما تستمر."
    ms = find_markers(text)
    assert [m.text for m in ms] == ["بشكل كبير", "جدا", "وربما"]
    for m in ms:
        assert text[m.start : m.end] == m.text and m.kind in KINDS


def test_marker_api_shape():
    """Marker(kind, text, start, end) and to_dict keep the API the persuasion features use."""
    m = find_markers("ربما")[0]
    assert m == Marker("hedge", "ربما", 0, 4)
    assert m.to_dict() == {"kind": "hedge", "text": "ربما", "start": 0, "end": 4}


def test_densities_per_100_words():
    """Densities are markers per 100 words; all four kinds are present even when zero."""
    d = marker_densities("ربما " + "كلمة " * 9)
    assert d["hedge"] == pytest.approx(10.0) and d["booster"] == 0.0 and d["words"] == 10
    assert marker_densities("")["hedge"] == 0.0


def test_density_percentiles():
    """Percentile: share of corpus values below, plus half the ties."""
    dist = {"hedge": np.array([0.0, 0.0, 1.0, 2.0])}
    assert density_percentiles({"hedge": 0.0}, dist) == {"hedge": 25.0}
    assert density_percentiles({"hedge": 5.0}, dist) == {"hedge": 100.0}


def test_highlight_html_escapes_text():
    """Highlighted HTML escapes the article text and the spans."""
    text = "<script>ربما</script>"
    out = highlight_html(text, find_markers(text))
    assert "<script>" not in out and '<mark class="hedge"' in out


def test_imperfect_heuristic():
    """ي- is imperfect; تفاعل / تم / -ت perfects are not."""
    assert is_imperfect_verb("يكون") and is_imperfect_verb("تشهد")
    assert not is_imperfect_verb("تناول") and not is_imperfect_verb("تم") and not is_imperfect_verb("اكدت")


def test_bad_input():
    """Non-string input raises TypeError."""
    with pytest.raises(TypeError):
        find_markers(None)


def test_inna_after_qala_is_not_emphasis():
    """The إنّ required after قال (reported speech) is not counted; a free-standing إنّ is."""
    assert kinds("وقال الوزير إن الاتفاق قريب") == []
    assert kinds("إن الاتفاق قريب") == [("emphasis", "إن")]


def test_bada_began_is_not_a_hedge():
    """بدأ 'began' (hamza folded to بدا) is not the hedge بدا 'seemed'."""
    assert kinds("بدأ الوزير زيارة رسمية") == []


# -- references that follow the article, articles of any shape -------------------------------------

from pathlib import Path  # noqa: E402

from arabic_news import Article, read_article  # noqa: E402
from arabic_news.rhetoric.markers import (  # noqa: E402
    MARKER_COLUMNS,
    NOISY_BELOW_WORDS,
    DensityComparison,
    compare_densities,
    corpus_densities,
    evaluative_polarity,
    markers_table,
)

STANCE = Path(__file__).parent / "fixtures" / "stance"
FAKE_SANAD = STANCE / "sanad"
SHAPES = sorted(p.name for p in STANCE.glob("*.txt"))


def long_article(words: int = 20_000) -> Article:
    """A hand-written article of about ``words`` words (varied sentences, several paragraphs)."""
    sents = [
        "وقال المتحدث إن الاجتماع ناقش ملفات التعاون الاقتصادي بشكل كبير.",
        "ربما تستمر المحادثات أسبوعا آخر بحسب مصادر مطلعة.",
        "وأضاف أن الجانبين اتفقا على تشكيل لجنة مشتركة لمتابعة التنفيذ.",
        "ومن جهته، أكد الوزير أن النتائج إيجابية ومهمة للبلدين.",
    ]
    paras, n = [], 0
    while n < words:
        p = " ".join(sents[(len(paras) + i) % 4] for i in range(6))
        paras.append(p)
        n += len(p.split())
    return Article.from_text("عنوان طويل للتقرير\n" + "\n".join(paras))


@pytest.fixture
def fake_cache(tmp_path, monkeypatch):
    """Cache entries of the fake corpus go to a temporary folder."""
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path / "cache"))
    return tmp_path


@pytest.mark.parametrize("name", SHAPES)
def test_markers_on_any_shape(name):
    """Markers, densities and the markers table are well-formed for every article shape."""
    a = read_article(STANCE / name)
    ms = find_markers(a)
    assert all(a.text[m.start : m.end] == m.text for m in ms)
    d = marker_densities(a, ms)
    assert set(d) == {*KINDS, "words"} and d["words"] > 0
    t = markers_table(ms)
    assert tuple(t.columns) == MARKER_COLUMNS and len(t) == len(ms)


def test_markers_table_empty_is_well_formed():
    """An article without stance markers gives an empty table that still has its columns (no KeyError)."""
    t = markers_table(find_markers(read_article(STANCE / "plain-no-markers.txt")))
    assert len(t) == 0 and list(t[["kind", "text"]].columns) == ["kind", "text"]


def test_long_article_markers():
    """A 20,000-word article is handled, with densities of the right order."""
    a = long_article()
    d = marker_densities(a)
    assert d["words"] >= 20_000 and 0 < d["hedge"] < 5 and d["booster"] > 0


def test_find_markers_accepts_article_offsets_into_text():
    """An Article is analysed on its whole text: offsets index Article.text."""
    a = Article.from_text("عنوان\nربما ينجح الاتفاق")
    (m,) = find_markers(a)
    assert a.text[m.start : m.end] == "ربما"


def test_evaluative_polarity():
    """Polarity comes from the evaluative list's second column, through inflection and clitics."""
    assert evaluative_polarity("الإيجابية") == "+" and evaluative_polarity("خطيرا") == "-"
    assert evaluative_polarity("الوزير") == ""


def test_corpus_densities_per_class_and_all(fake_cache):
    """A class is a slice of the one cached all-class table; 'all' is every class."""
    pol = corpus_densities(label="Politics", root=FAKE_SANAD)
    allc = corpus_densities(label="all", root=FAKE_SANAD)
    assert pol["n"] == 3 and allc["n"] == 9 and set(KINDS) <= set(pol)
    assert list((fake_cache / "cache").iterdir())[0].name == "marker-densities-by-class"


def test_unknown_reference_is_a_clear_error(fake_cache):
    """An unknown class name is a ValueError that lists the classes and 'all'."""
    with pytest.raises(ValueError, match=r"unknown reference class 'Sport'.*Politics.*'all'"):
        corpus_densities(label="Sport", root=FAKE_SANAD)
    with pytest.raises(ValueError, match="unknown reference class"):
        marker_densities("ربما", reference="politics", root=FAKE_SANAD)
    with pytest.raises(TypeError):
        compare_densities("ربما", reference=None, root=FAKE_SANAD)


def test_compare_densities_names_reference_and_flags_short(fake_cache):
    """The comparison names its reference and flags articles under NOISY_BELOW_WORDS words."""
    a = read_article(STANCE / "opinion-hedges.txt")
    c = compare_densities(a, reference="Sports", root=FAKE_SANAD)
    assert isinstance(c, DensityComparison)
    assert c.reference_label == "SANAD Sports" and c.n_reference == 3
    assert c.noisy and c.words < NOISY_BELOW_WORDS and c.counts["hedge"] == 4
    f = c.to_frame()
    assert list(f.index) == list(KINDS) and "percentile" in f.columns
    assert "distribution" not in c.to_dict()
    allc = compare_densities(long_article(2_000), reference="all", root=FAKE_SANAD)
    assert allc.reference_label == "all of SANAD" and allc.n_reference == 9 and not allc.noisy


def test_marker_densities_with_reference_delegates(fake_cache):
    """marker_densities(article, reference=...) returns the comparison; without it, the plain dict."""
    got = marker_densities("ربما ينجح الاتفاق", reference="Finance", root=FAKE_SANAD)
    assert isinstance(got, DensityComparison) and got.reference == "Finance"
    assert isinstance(marker_densities("ربما ينجح الاتفاق"), dict)


def test_highlight_block_is_rtl_escaped_and_keeps_lines():
    """The highlighted block is right-to-left, escapes the text and keeps line breaks."""
    from arabic_news.rhetoric.markers import highlight_block

    out = highlight_block("عنوان <i>\nربما ينجح")
    assert 'dir="rtl"' in out and "&lt;i&gt;" in out and "<br>" in out and '<mark class="hedge"' in out
