"""arabic_news.analyse: one Analysis object, parts computed once, rich HTML, and the dossier built from it."""

from __future__ import annotations

import pytest

import arabic_news as an
from arabic_news.analysis import MIN_WORDS_FOR_DENSITIES, Analysis

SHORT = "عنوان قصير\nقال الوزير إن المحادثات كانت <b>مثمرة</b> جدا، وأكد أن الاتفاق سيوقع قريبا."


def test_analyse_text_and_article_and_path(featured_path, featured_article):
    """A path, Arabic text and an Article all give an Analysis of that article."""
    a = an.analyse(SHORT)
    assert isinstance(a, Analysis) and a.article.title == "عنوان قصير"
    assert an.analyse(a.article).article is a.article
    b = an.analyse(featured_path)
    assert b.article.text == featured_article.text and b.article.encoding == "utf-8"


def test_analyse_rejects_bad_input():
    """Neither path nor text: a one-line TypeError naming the type."""
    with pytest.raises(TypeError, match="got int"):
        an.analyse(3)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        an.analyse("seeds/no-such-article.txt")


def test_parts_are_computed_once_and_kept():
    """Each part is computed on first access and the same object is returned afterwards."""
    a = an.analyse(SHORT)
    assert "attributions" not in a.__dict__
    first = a.attributions
    assert a.attributions is first and "attributions" in a.__dict__
    assert "computed: attributions" in repr(a)


def test_attributions_part_frame_and_html():
    """Attributions: a DataFrame row per statement; HTML right-to-left with escaped text and marked cues."""
    part = an.analyse(SHORT).attributions
    df = part.to_frame()
    assert len(df) == len(part.records) >= 1 and {"cue", "speaker_id", "content"} <= set(df.columns)
    html = part._repr_html_()
    assert 'dir="rtl"' in html and '<mark class="cue"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_markers_short_article_not_ranked():
    """A short article's densities are kept but not ranked against the corpus, and the reason is given."""
    a = an.analyse(SHORT)
    m = a.markers
    assert m.percentiles == {} and m.reference is None and "too short" in (m.note or "")
    assert str(MIN_WORDS_FOR_DENSITIES) in m.note
    assert list(m.to_frame().columns) == ["kind", "text", "start", "end"]
    assert [n["part"] for n in a.not_assessed] == ["markers"]
    assert "&lt;b&gt;" in m._repr_html_()


def test_no_headline_is_reported():
    """A one-line article has no headline, and the analysis says so."""
    a = an.analyse("أعلنت الشركة اليوم عن ارتفاع أرباحها في الربع الثالث من العام.")
    assert a.article.title is None
    assert "structure" in [n["part"] for n in a.not_assessed]


def test_nothing_found_reads_as_a_sentence():
    """Without reported speech the summary is a sentence, not an empty table."""
    a = an.analyse("ارتفع مؤشر البورصة اليوم بنسبة طفيفة في ختام التعاملات.")
    assert str(a.attributions) == "no reported speech was found"
    assert "no reported speech" in a.attributions._repr_html_()


@pytest.mark.slow
def test_featured_analysis_and_dossier_share_objects(featured_article):
    """QUICK models: topic, keywords, persuasion work, and build_dossier reuses the Analysis's parts."""
    from arabic_news.dossier import SCHEMA, build_dossier

    a = an.analyse(featured_article, quick=True)
    assert a.topic.label == "Politics" and "Politics" in str(a.topic)
    assert a.topic.to_frame()["probability"].iloc[0] == pytest.approx(a.topic.probability, abs=1e-6)
    kw = a.keywords
    d = build_dossier(a)
    assert a.keywords is kw
    assert [k["text"] for k in d["keywords"]] == [k.text for k in kw.keywords]
    assert d["schema"] == SCHEMA and d["not_assessed"] == a.not_assessed
    assert d["rhetoric"]["reference_percentiles"]  # long enough to be ranked
    assert len(d["persuasion"]) == len(featured_article.paragraphs)
    # only technique classes a report may name, and a flag carries its held-out precision (issue 12)
    from arabic_news.persuasion import model_card
    from arabic_news.persuasion.evaluation import displayable_techniques

    card = model_card(quick=True)
    reportable = set(displayable_techniques(card))
    for p in d["persuasion"]:
        assert set(p["techniques"]) <= reportable
        if p["label"] == "true":
            assert p["flag_precision"] == pytest.approx(card["reliability"]["precision"], abs=1e-3)
        else:
            assert p["flag_precision"] is None
    html = a._repr_html_()
    for part in ("topic", "keywords", "attributions", "markers", "persuasion"):
        assert f">{part}<" in html


# --- the hand-written fixture articles (tests/fixtures/articles, see its README) ---------
EXPECTED_FIXTURES = {
    "match-report.txt",
    "market-bulletin.txt",
    "two-line-notice.txt",
    "interview-many-speakers.txt",
    "opinion-hedges-questions.txt",
    "long-feature.txt",
    "mixed-latin-numbers.txt",
    "legacy-cp1256.txt",
}


def test_fixture_articles_are_all_there(fixture_article_paths):
    """Every fixture shape listed in the README exists (and nothing unlisted)."""
    assert {p.name for p in fixture_article_paths} == EXPECTED_FIXTURES


def test_fixture_articles_read_with_auto_encoding(fixture_article_paths):
    """Every fixture reads with encoding='auto'; the legacy one is detected as CP-1256."""
    for p in fixture_article_paths:
        art = an.read_article(p, encoding="auto")
        assert art.encoding == ("cp1256" if p.name == "legacy-cp1256.txt" else "utf-8"), p.name
        assert len(art.tokens) >= 10


def test_fixture_shapes():
    """The fixtures have the shapes they stand for: headline-less bulletin, two-line notice, 3,000-word feature."""
    from conftest import ARTICLES

    read = lambda name: an.read_article(ARTICLES / name, encoding="auto")
    assert read("market-bulletin.txt").title is None and len(read("market-bulletin.txt").paragraphs) == 1
    notice = read("two-line-notice.txt")
    assert notice.title and len(notice.paragraphs) == 1 and "«" not in notice.text and '"' not in notice.text
    assert len(read("long-feature.txt").tokens) >= 3000


def test_analyse_fast_parts_on_every_fixture(fixture_article_paths):
    """analyse() runs attributions, markers and the not-assessed list on each fixture, with readable HTML."""
    for p in fixture_article_paths:
        a = an.analyse(p)
        assert isinstance(str(a.attributions), str) and isinstance(str(a.markers), str)
        assert 'dir="rtl"' in a.markers._repr_html_() or not a.markers.markers
        assert a.attributions.to_frame() is not None
        short = len(a.article.tokens) < MIN_WORDS_FOR_DENSITIES
        assert ("markers" in [n["part"] for n in a.not_assessed]) == short, p.name


def test_fixture_speakers_and_silence(fixture_article_paths):
    """The interview has several speakers; the notice reports the ministry's announcement; the bulletin nobody."""
    from conftest import ARTICLES

    interview = an.analyse(ARTICLES / "interview-many-speakers.txt")
    assert len(interview.attributions.speakers) >= 3
    notice = an.analyse(ARTICLES / "two-line-notice.txt").attributions
    assert notice.records and notice.records[0].cue == "أعلنت" and "وزارة" in notice.records[0].speaker
    assert str(an.analyse(ARTICLES / "market-bulletin.txt").attributions) == "no reported speech was found"
