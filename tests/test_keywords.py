"""Tests for arabic_news.keywords: candidate rules, methods, background, errors, CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from arabic_news import Article, ArticleError
from arabic_news.keywords import METHODS, Keyword, extract, kwic
from arabic_news.keywords.background import Background
from arabic_news.keywords.candidates import analyse, content_keys, doc_lemmas
from arabic_news.lexicon import stopwords
from arabic_news.normalise import normalise
from arabic_news.stem import light_stem

FIX = Path(__file__).parent / "fixtures" / "keywords"
ARTICLE = FIX / "health-council.txt"


def _bg_texts() -> list[str]:
    lines = (FIX / "background.txt").read_text("utf-8").splitlines()
    return [l for l in lines if l.strip() and not l.startswith("#")]


@pytest.fixture(scope="module")
def bg() -> Background:
    return Background.from_texts(_bg_texts(), ids=[f"bg/{i}" for i in range(len(_bg_texts()))])


@pytest.fixture(scope="module")
def article() -> Article:
    from arabic_news import read_article

    return read_article(ARTICLE)


def _lemmas(text: str, **kw) -> set[str]:
    return set(analyse(text, **kw).candidates)


# --- phrase boundaries --------------------------------------------------------
@pytest.mark.parametrize("punct", ["،", "؛", "؟", ".", ":", "(", ")", "«", "»", '"', "!", " - ", "/"])
def test_phrase_never_crosses_punctuation(punct):
    """No candidate joins the words on both sides of Arabic or ASCII punctuation."""
    text = f"ناقش المجلس الأمن القومي{punct} الاقتصاد الوطني اليوم"
    lemmas = _lemmas(text)
    assert "قوم" in lemmas and "اقتصاد وطن" in lemmas
    assert not any("قوم" in l.split() and "اقتصاد" in l.split() for l in lemmas)


def test_phrase_never_crosses_a_line_break():
    """Headline and body, or two paragraphs, never join into one phrase."""
    lemmas = _lemmas("الأمن القومي\nالاقتصاد الوطني")
    assert not any("قوم" in l.split() and "اقتصاد" in l.split() for l in lemmas)


def test_phrases_never_start_or_end_with_a_stopword(article):
    """Every candidate's first and last word is a content word (stopwords and particles excluded)."""
    sw = stopwords()
    doc = analyse(article)
    toks = doc.tokens
    for c in doc.candidates.values():
        for i in c.token_index:
            first, last = toks[i], toks[i + c.n_words - 1]
            assert normalise(first.surface, profile="matching") not in sw
            assert normalise(last.surface, profile="matching") not in sw


def test_stopword_inside_span_splits_phrase():
    """``التعاون بين العراق`` yields no phrase through the preposition ``بين``."""
    lemmas = _lemmas("يتواصل التعاون بين العراق والناتو")
    assert "تعاون" in lemmas and "عراق" in lemmas
    assert not any(l.startswith("تعاون ") and "عراق" in l for l in lemmas)


@pytest.mark.parametrize(
    "text, date_words",
    [
        ("أكد الوزير اليوم الأربعاء دعم التعاون", {"اربعاء"}),
        ("وصل الوفد يوم الخميس الماضي إلى العاصمة", {"خميس"}),
        ("ارتفع النمو العام الماضي في المملكة", {"ماض"}),
        ("تبدأ الحملة في شهر يناير المقبل", {"يناير"}),
        ("زار الرئيس المدينة صباح اليوم", {"صباح"}),
        ("يحل شهر رمضان المبارك قريبا", {"رمضان"}),
    ],
)
def test_date_expressions_are_not_candidates(text, date_words):
    """Weekdays, months and relative dates never appear in a phrase unless include_dates=True."""
    lemmas = _lemmas(text)
    assert not any(set(l.split()) & {light_stem(w) for w in date_words} | set(l.split()) & date_words for l in lemmas)
    with_dates = _lemmas(text, include_dates=True)
    assert with_dates > lemmas


def test_time_word_may_qualify_a_content_word():
    """``الأمين العام`` (Secretary-General) stays a candidate although ``العام`` is a time word."""
    assert "امين عام" in _lemmas("التقى الأمين العام بالوفد")
    assert "عام" not in _lemmas("التقى الأمين العام بالوفد")


def test_name_link_inside_a_phrase_only():
    """``بن`` may join a name (``محمد بن سلمان``) but never starts or ends a phrase."""
    lemmas = _lemmas("استقبل محمد بن سلمان الوفد")
    assert "محمد بن سلمان" in lemmas
    assert not any(l.split()[0] == "بن" or l.split()[-1] == "بن" for l in lemmas)


def test_compass_word_kept_in_named_unit():
    """``حلف شمال الأطلسي`` is one candidate though ``شمال`` is in the stopword list."""
    assert "حلف شمال اطلس" in _lemmas("اجتمع حلف شمال الأطلسي في بروكسل")


def test_boilerplate_does_not_start_a_phrase():
    """Reporting verbs (``وأكد``) never start a keyphrase."""
    lemmas = _lemmas("وأكد الوزير أهمية الخطة")
    assert not any(l.split()[0] == light_stem("أكد") for l in lemmas)


def test_scraped_page_residue_is_never_a_candidate():
    """HTML entity names, URL parts and pagination links (data/keywords/web_residue.txt) are no keyphrase,
    alone, inside a phrase or as a capitalised "name"; a real Latin name (STC) stays."""
    text = (
        "قالت شركة STC إن العرض &quot;الجديد&quot; متاح على www.stc.com للعملاء.\n"
        "وقالت الشركة إن العرض يبدأ الشهر المقبل. Next Previous"
    )
    cands = analyse(text).candidates
    words = {w for lemma in cands for w in lemma.split()}
    assert not words & {"quot", "www", "com", "next", "previous"}
    assert "stc" in words


def test_phrases_have_one_to_three_words(article):
    """Candidates are 1-3 words."""
    assert {c.n_words for c in analyse(article).candidates.values()} == {1, 2, 3}


# --- grouping and display -----------------------------------------------------
def test_variants_grouped_and_shown_by_most_frequent_form():
    """Inflected variants share a lemma; the display is the most frequent surface form."""
    doc = analyse("المنظمات الدولية تعمل. والمنظمات الدولية تساعد. منظمة دولية واحدة")
    c = doc.candidates["منظم دول"]
    assert c.count == 3
    assert c.text == "المنظمات الدولية"


def test_display_prefers_form_without_conjunction():
    """A form without a leading و is shown even if the clitic form is as frequent."""
    doc = analyse("والاقتصاد مهم. الاقتصاد قوي")
    assert doc.candidates["اقتصاد"].text == "الاقتصاد"


def test_display_drops_a_preposition_written_on_the_word():
    """بعصابة beside العصابة is a clitic-led form (split_clitics leaves an indefinite word whole); a word seen
    only with ل/ب/و before its article is shown with the article alone."""
    doc = analyse("أطاحت الشرطة بعصابة. واعترف أفراد العصابة. ودعت السكان للمطالعة الدائمة")
    assert doc.candidates[doc.tokens[2].key].text == "العصابة"
    assert any(c.text.startswith("المطالعة") for c in doc.candidates.values())
    assert not any(c.text.startswith(("للمطالعة", "بعصابة")) for c in doc.candidates.values())
    # a word that merely begins with one of those letters keeps it
    shown = {c.text for c in analyse("زار الوزير بريطانيا وبيروت. وتحدث عن ريطانيا").candidates.values()}
    assert {"بريطانيا", "بيروت"} <= shown


def test_positions_index_article_text(article, bg):
    """Every position is the offset in Article.text of a word with the keyword's first stem."""
    for m in METHODS:
        for k in extract(article, method=m, background=bg, top=10):
            assert k.positions, m
            for p in k.positions:
                word = article.text[p:].split()[0]
                assert light_stem(word.strip("،.؛:()«»")) == k.lemma.split()[0], (m, k)


def test_positions_for_string_input_index_the_same_string(bg):
    """For a str input, offsets index the same string (Article.from_text keeps it)."""
    text = ARTICLE.read_text("utf-8")
    for k in extract(text, background=bg, top=5):
        assert all(0 <= p < len(text) for p in k.positions)
        assert light_stem(text[k.positions[0] :].split()[0].strip("،.")) == k.lemma.split()[0]


# --- methods: scores, order, determinism -----------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_scores_higher_is_better_and_sorted(method, article, bg):
    """Each method returns Keyword records with finite scores in decreasing order."""
    kws = extract(article, method=method, background=bg, top=10)
    assert 3 <= len(kws) <= 10
    assert all(isinstance(k, Keyword) and math.isfinite(k.score) for k in kws)
    assert [k.score for k in kws] == sorted((k.score for k in kws), reverse=True)
    assert len({k.lemma for k in kws}) == len(kws)


@pytest.mark.parametrize("method", METHODS)
def test_deterministic(method, article, bg):
    """The same input gives the same keywords and scores."""
    a = extract(article, method=method, background=bg)
    b = extract(article, method=method, background=bg)
    assert a == b


@pytest.mark.parametrize("method", METHODS)
def test_top_is_respected(method, article, bg):
    """``top`` bounds the number of results, and a shorter list is a prefix-compatible ranking."""
    assert len(extract(article, method=method, background=bg, top=3)) == 3


def test_yake_score_direction(article):
    """YAKE's lower-is-better h is turned into 1/(1+h): scores in (0, 1], best first."""
    kws = extract(article, method="yake", top=10)
    assert all(0 < k.score <= 1 for k in kws)
    assert kws[0].score >= kws[-1].score


def test_yake_respects_arabic_comma():
    """YAKE never returns a phrase across ``،`` (mapped to ASCII punctuation)."""
    text = "الاقتصاد الوطني، الأمن القومي. الاقتصاد الوطني، الأمن القومي. الاقتصاد الوطني، الأمن القومي."
    for k in extract(text, method="yake", top=10):
        assert not ({"وطن", "امن"} <= set(k.lemma.split()))


def test_tfidf_prefers_rare_words(bg):
    """With equal counts, a word rare in the background outranks a common one."""
    kws = extract("الدول الأعضاء والفيروسات الجديدة", method="tfidf", background=bg, top=10)
    scores = {k.lemma: k.score for k in kws}
    assert scores["فيروس"] > scores["دول"]


def test_default_surfaces_named_units(article, bg):
    """Cohesive named units (``مجلس الأمن الدولي``, ``منظمة الصحة العالمية``) come out as phrases."""
    lemmas = [k.lemma for k in extract(article, background=bg, top=10)]
    assert "مجلس امن دول" in lemmas
    assert "منظم صحه عالم" in lemmas


def test_default_does_not_repeat_covered_words(article, bg):
    """The default list does not hold a phrase and its own sub-phrase."""
    lemmas = [k.lemma for k in extract(article, background=bg, top=10)]
    for a in lemmas:
        for b in lemmas:
            if a != b:
                assert f" {a} " not in f" {b} "


def test_background_as_list_of_texts(article):
    """A list of texts builds a background on the fly."""
    kws = extract(article, method="tfidf", background=_bg_texts(), top=5)
    assert len(kws) == 5


# --- errors -----------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["", "   \n ", "hello world, this is English", "قال", "12345 678"])
def test_bad_input_raises_article_error(bad):
    """Empty, whitespace, non-Arabic and very short input raise a clear ArticleError."""
    with pytest.raises(ArticleError):
        extract(bad, method="textrank")


def test_only_stopwords_raises_article_error():
    """An Arabic text without any candidate word raises ArticleError naming the problem."""
    with pytest.raises(ArticleError, match="no candidate"):
        extract("في من على إلى عن", method="textrank")


def test_unknown_method_lists_methods():
    """An unknown method is a ValueError that lists the available ones."""
    with pytest.raises(ValueError, match="default, tfidf, yake, textrank"):
        extract("الاقتصاد الوطني ينمو بسرعة", method="bert")


@pytest.mark.parametrize("top", [0, -1, 2.5, True])
def test_bad_top(top):
    """``top`` must be a positive integer."""
    with pytest.raises(ValueError, match="top"):
        extract("الاقتصاد الوطني ينمو بسرعة", method="textrank", top=top)


def test_wrong_type():
    """A non-text input is a TypeError."""
    with pytest.raises(TypeError):
        extract(123, method="textrank")


# --- background -------------------------------------------------------------------
def test_background_counts_documents_once():
    """Document frequency counts each document once, however often a lemma occurs in it."""
    b = Background.from_texts(["الأمن الأمن الأمن", "الأمن القومي"])
    assert b.df(["امن", "قوم", "امن قوم"]).tolist() == [2, 1, 1]


def test_background_leave_one_out():
    """leave_out removes the scored document's own count and one document."""
    b = Background.from_texts(["الأمن القومي", "الأمن الغذائي"])
    assert b.df(["امن", "قوم"], leave_out=True).tolist() == [1, 0]
    assert b.size(leave_out=True) == 1


def test_background_save_load_round_trip(tmp_path, bg):
    """The npz format (no pickles) round-trips counts and ids."""
    p = tmp_path / "bg.npz"
    bg.save(p)
    b2 = Background.load(p)
    assert b2.n_docs == bg.n_docs and b2.doc_ids == bg.doc_ids
    q = ["امن", "مجلس امن دول", "غير موجود"]
    assert b2.df(q).tolist() == bg.df(q).tolist()


def test_doc_lemmas_match_analyse():
    """The corpus counter sees the same candidates as the article analyser."""
    text = "عقد مجلس الأمن الدولي، اليوم، جلسة طارئة لبحث خطة منظمة الصحة العالمية"
    assert doc_lemmas(text) == _lemmas(text)


def test_quick_real_background_on_the_seed_article():
    """With the lab's (quick) cached background the default method finds the article's topic."""
    from arabic_news import read_article
    from arabic_news.keywords.background import default_background

    art = read_article("seeds/iraq-nato-security-cooperation.txt")
    bg = default_background(quick=True)
    lemmas = [k.lemma for k in extract(art, background=bg, top=10)]
    assert "ناتو" in lemmas or any("ناتو" in l.split() for l in lemmas)
    assert any("عراق" in l.split() for l in lemmas)


# --- helpers --------------------------------------------------------------------------
def test_content_keys_drop_stopwords_and_numbers():
    """Headline content words exclude stopwords and numbers."""
    assert content_keys("في عام 2015 قال الوزير") == {"عام", "قال", "وزير"}


def test_kwic_lines(article, bg):
    """KWIC lines show the keyword with context from its own line."""
    k = extract(article, background=bg, top=1)[0]
    lines = kwic(article.text, k.positions, width=30, n_words=len(k.lemma.split()))
    assert len(lines) == len(k.positions)
    assert all("\n" not in l + r for l, _, r in lines)
    assert all(light_stem(hit.split()[0]) == k.lemma.split()[0] for _, hit, _ in lines)


# --- CLI ------------------------------------------------------------------------------
def test_cli_json_round_trip(capsys, tmp_path):
    """``keywords FILE... --json`` prints one record per file, errors as records, exit 1 if any failed."""
    from arabic_news.cli import main

    bad = tmp_path / "english.txt"
    bad.write_text("just English here\nand more", "utf-8")
    rc = main(["keywords", str(ARTICLE), str(bad), "--method", "textrank", "--top", "4", "--json"])
    out = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    assert rc == 1
    assert out[0]["file"] == str(ARTICLE) and out[0]["method"] == "textrank"
    assert len(out[0]["keywords"]) == 4 and set(out[0]["keywords"][0]) == {"text", "score", "lemma"}
    assert "not Arabic" in out[1]["error"]
    direct = extract(ARTICLE.read_text("utf-8"), method="textrank", top=4)
    assert [k["lemma"] for k in out[0]["keywords"]] == [k.lemma for k in direct]


def test_cli_table_and_bad_usage(capsys):
    """Without --json a table is printed; a bad --top is a usage error (exit 2)."""
    from arabic_news.cli import main

    assert main(["keywords", str(ARTICLE), "--method", "yake", "--top", "2"]) == 0
    assert "keyphrase" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["keywords", str(ARTICLE), "--top", "0"])
    assert e.value.code == 2


# --- issue 13: the new default ranking, describe, plotting ------------------------------------
from arabic_news.keywords.genre import GenreStats, is_finite_verb_form, is_future_verb_form  # noqa: E402
from arabic_news.keywords.ranking import _variants_dedup, rank  # noqa: E402

NEWS = (
    "وزير الداخلية يلتقي الناتو\n"
    "التقى وزير الداخلية العراقي عبد الأمير الشمري نائب الأمين العام لحلف شمال الأطلسي في بروكسل. "
    "وبحث الجانبان تعزيز التعاون في مكافحة الإرهاب، وأكد الوزير أهمية تعزيز التعاون مع حلف شمال الأطلسي. "
    "وأشاد مسؤول الحلف بجهود العراق في مكافحة الإرهاب."
)


def test_names_are_whole_candidates():
    """Names of arabic_news.names are candidates in their full multiword form, marked with their kind."""
    doc = analyse(NEWS)
    kinds = {c.text: c.name_kind for c in doc.candidates.values() if c.name_kind}
    assert kinds.get("وزير الداخلية العراقي عبد الأمير الشمري") == "person"
    assert kinds.get("بروكسل") == "place"
    assert "وزير الداخلية العراقي عبد الأمير الشمري" not in {
        c.text for c in analyse(NEWS, names=False).candidates.values()
    }


def test_default_ranks_names_first_and_keeps_officialese_out(bg):
    """With genre statistics, officialese (تعزيز التعاون) stays out of the top 10 and names lead."""
    doc = analyse(NEWS)
    generic = {light_stem(w): 0.3 for w in ("تعزيز", "التعاون", "أهمية", "الجانبان", "جهود", "مسؤول", "الوزير")}
    genre = GenreStats(generic, ({}, {}), {}, {})
    top = [doc.candidates[l].text for l, _, _ in rank(doc, background=bg, genre=genre, top=10)]
    assert not any(t in ("تعزيز التعاون", "أهمية", "تعزيز") for t in top[:10])
    assert doc.candidates[rank(doc, background=bg, genre=genre, top=10)[0][0]].name_kind is not None


def test_finite_verb_cue():
    """A verb-shaped form never seen with ال is a finite verb; a noun that takes ال is not."""
    assert is_finite_verb_form("يؤكد", 0.0) and is_finite_verb_form("وبحث", 0.0)
    assert not is_finite_verb_form("تعاون", 0.3) and not is_finite_verb_form("تعاون", None)


def test_a_future_verb_and_a_construct_hundred_stay_out_of_the_top_ten(bg):
    """ "ستخفف" (will ease) is a finite verb behind the future prefix, and "مئتي" (two hundred, in
    construct) a number word: neither is a keyphrase, while the topic's phrases stay (before: both were
    in the top ten of an article of this shape)."""
    from arabic_news.keywords.genre import GenreStats

    text = (
        "افتتاح محطة لتحلية المياه\n"
        "افتتح وزير المياه محطة لتحلية مياه البحر بطاقة مئتي ألف متر مكعب يوميا، في خطوة قال إنها ستخفف "
        "الضغط على شبكة المياه. وقال مدير المحطة إن المحطة ستخفف استهلاك الطاقة، مؤكدا أن تحلية المياه "
        "تعتمد على التناضح العكسي."
    )
    doc = analyse(text)
    genre = GenreStats({}, ({}, {}), {"تخفف": 29}, {"تخفف": 1})
    top = [doc.candidates[l].text for l, _, _ in rank(doc, background=bg, genre=genre, top=10)]
    assert "ستخفف" not in top and not any("مئتي" in t for t in top)
    assert any("تحلية" in t for t in top)
    assert is_future_verb_form("ستخفف", genre.bare, genre.definite)


def test_variants_group_contained_phrases():
    """A sub-phrase becomes a variant of the longer unit that replaces it; similar phrases fold by ``fold``."""
    got = _variants_dedup(["مجلس امن", "مجلس امن دول", "عراق", "منظم دول"], set(), 10, {"منظم دول": "مجلس امن"})
    assert got == [("مجلس امن دول", ["مجلس امن", "منظم دول"]), ("عراق", [])]


def test_keyword_records_carry_variants_and_kind(bg):
    """Default keywords carry their variants and name kind; other methods leave them empty."""
    kws = extract(NEWS, background=bg, top=10)
    assert any(k.kind for k in kws)
    assert all(isinstance(k.variants, tuple) for k in kws)
    assert all(k.variants == () and k.kind is None for k in extract(NEWS, method="tfidf", background=bg))


def test_semantic_option_is_default_only_and_boolean(bg):
    """``semantic`` must be a bool and only applies to the default method."""
    with pytest.raises(ValueError, match="default"):
        extract(NEWS, method="tfidf", background=bg, semantic=True)
    with pytest.raises(TypeError, match="semantic"):
        extract(NEWS, background=bg, semantic="yes")


@pytest.mark.slow
def test_semantic_rerank_runs_with_the_encoder(bg):
    """With the sentence encoder the default still returns sorted, distinct keyphrases."""
    kws = extract(NEWS, background=bg, top=5, semantic=True)
    assert 3 <= len(kws) <= 5 and len({k.lemma for k in kws}) == len(kws)
    assert [k.score for k in kws] == sorted((k.score for k in kws), reverse=True)


def test_describe_keyphrases_zero_one_many(bg):
    """The keyphrase finding reads naturally for none, and names the top keyphrase escaped."""
    from arabic_news.keywords.describe import describe_keyphrases, md

    assert describe_keyphrases([]) == "No keyphrase could be extracted from this article."
    kws = extract(NEWS, background=bg, top=10)
    text = describe_keyphrases(kws)
    assert md(kws[0].text) in text and "name" in text
    one = [Keyword("<x>", 1.0, "x", (0,))]
    t1 = describe_keyphrases(one)
    assert "&lt;x&gt;" in t1 and "<x>" not in t1 and "once" in t1 and "one keyphrase" in t1


def test_describe_evaluation_and_speed_from_summary():
    """Evaluation and speed findings are computed from the summary rows given."""
    from arabic_news.keywords.describe import describe_evaluation, describe_generic, describe_outlets, describe_speed

    row = {"articles": 2, "recall@10 lo": 0.4, "recall@10 hi": 0.6, "exact F1": 0.1, "partial F1": 0.3}
    summary = [
        dict(row, method="default", **{"recall@10": 0.5, "articles/s": 100.0, "generic@10": 0.05}),
        dict(row, method="default+embed", **{"recall@10": 0.55, "articles/s": 20.0, "generic@10": 0.04}),
        dict(row, method="yake", **{"recall@10": 0.25, "articles/s": 30.0, "generic@10": 0.2}),
        dict(row, method="lexical", **{"recall@10": 0.45, "articles/s": 50.0, "generic@10": 0.3}),
    ]
    t = describe_evaluation(summary)
    assert "2.00 times yake" in t and "50.0%" in t and "default+embed" in t
    s = describe_speed(summary)
    assert "2.00 times lexical" in s and "40 ms" in s
    assert "lexical" in describe_generic(summary)
    assert describe_outlets([]).startswith("No outlet")


def test_describe_methods_and_variants():
    """Method comparison and variant findings handle shared, none and escaped phrases."""
    from arabic_news.keywords.describe import describe_methods, describe_variants

    a = [Keyword("العراق", 2.0, "عراق", (0,)), Keyword("الناتو", 1.0, "ناتو", (5,))]
    b = [Keyword("العراق", 2.0, "عراق", (0,))]
    assert "All 2 methods list **العراق**" in describe_methods({"x": a, "y": b})
    assert "share no keyphrase" in describe_methods({"x": a[1:], "y": b})
    assert describe_variants(b).startswith("No keyphrase has variants")
    v = [Keyword("مجلس الأمن الدولي", 2.0, "مجلس امن دول", (0,), ("مجلس الأمن",))]
    assert "مجلس الأمن" in describe_variants(v) and "One keyphrase groups" not in describe_variants(v)


def test_plotting_keyword_figures():
    """Figure functions draw one bar per keyphrase, a cloud, and CI bars; empty input is a ValueError."""
    import matplotlib.pyplot as plt

    from arabic_news.plotting.keywords import keyphrase_bar, keyphrase_cloud, recall_comparison, shorten

    kws = [Keyword("الناتو", 3.0, "ناتو", (0,), kind="organisation"), Keyword("العراق", 2.0, "عراق", (5,))]
    fig = keyphrase_bar(kws)
    assert len(fig.axes[0].patches) == 2
    plt.close(fig)
    plt.close(keyphrase_cloud(kws))
    row = {
        "recall@5": 0.3,
        "recall@5 lo": 0.2,
        "recall@5 hi": 0.4,
        "recall@10": 0.5,
        "recall@10 lo": 0.4,
        "recall@10 hi": 0.6,
    }
    fig = recall_comparison([dict(row, method="default"), dict(row, method="yake")])
    assert len(fig.axes[0].patches) == 4
    plt.close(fig)
    with pytest.raises(ValueError):
        keyphrase_bar([])
    assert shorten("كلمة " * 20, 12).endswith("…") and " …" not in shorten("كلمة " * 20, 12)


def test_presentation_form_ligatures_do_not_break_the_ranking():
    """A word ending in an isolated shadda ligature (U+FC60) or the honorific ligature (U+FDFA) is ranked without error.

    Both expand to whitespace under normalisation; ``make corpus`` lost three SaudiNewsNet articles to a
    ``KeyError`` in the default ranking before a candidate key could hold a space.
    """
    from arabic_news.keywords import extract
    from arabic_news.keywords.candidates import analyse

    text = (
        "الشيخ يتحدث عن الجار\n"
        "قال الشيخ في خطبته إن النبي \ufdfa أوصى بالجار، ومن أمثال العرب ماحك\ufc60 جلدك مثل ظفرك. "
        "وأضاف الشيخ أن الجار له حقوق كثيرة."
    )
    cands = analyse(text).candidates
    assert all(c.n_words == len(c.words) and "" not in c.words for c in cands.values())
    assert "ماحك" in cands
    kws = extract(text, top=10)
    assert kws and all("صلى" not in k.lemma for k in kws)


def test_number_words_never_enter_a_keyphrase():
    """Number words are treated like digits: ``ألف`` "thousand" or ``بعشرات`` never make or join a keyphrase,
    while words that merely start like one (``الألفية``) and fraction words that name rounds stay."""
    from arabic_news.keywords.candidates import NUMBER, _classify, analyse

    for w in ("ألف", "بألف", "والملايين", "للمليون", "بعشرات", "سبعة", "مليار", "اثنتي", "واثنا", "ثمان"):
        assert _classify(w)[0] == NUMBER, w
    for w in ("الألفية", "نصف", "النهائي", "الأمين"):
        assert _classify(w)[0] != NUMBER, w
    a = analyse("افتتح حاكم الشارقة معرض الكتاب بمشاركة ألف دار نشر وملايين الزوار وعشرات الفعاليات")
    texts = {c.text for c in a.candidates.values()}
    assert "معرض الكتاب" in texts and "الزوار" in texts and "الفعاليات" in texts
    assert not any(set(t.split()) & {"ألف", "وملايين", "وعشرات"} for t in texts), texts


def test_clitic_forms_of_a_short_word_are_one_keyphrase():
    """لخط، للخط and الخط (a two-letter stem the light stemmer leaves whole) are one candidate shown as الخط,
    while a word that merely starts like a clitic (لبنان) is not regrouped without its bare form in the text."""
    from arabic_news.keywords.candidates import analyse

    a = analyse("افتتاح لخط جديد للقطار\nبدأ تشغيل الخط الجديد، ويربط الخط المدينة. وقال مسؤول إن للخط محطات في لبنان")
    lines = [c for c in a.candidates.values() if c.n_words == 1 and c.lemma == "الخط"]
    assert len(lines) == 1 and lines[0].count == 4 and lines[0].text == "الخط"
    assert not any(c.lemma in ("لخط", "للخط") for c in a.candidates.values())
    assert any(c.lemma == "لبنان" for c in a.candidates.values())


def test_partitioned_background_build_equals_the_plain_count():
    """The corpus build (parts counted apart, merged as hash arrays) gives the same frequencies as one pass."""
    from types import SimpleNamespace

    from arabic_news.keywords.background import _build

    texts = _bg_texts() * 3 + ["الأمن القومي", "التعاون الأمني مع الناتو"]
    docs = [SimpleNamespace(text=t, id=f"d{i}") for i, t in enumerate(texts)]
    plain = Background.from_texts(texts, ids=[d.id for d in docs], min_df=2)
    built, genre = _build(docs, min_df=2, name="parts", processes=1)
    assert genre is None
    assert built.n_docs == plain.n_docs and built.doc_ids == plain.doc_ids
    np.testing.assert_array_equal(built.hashes, plain.hashes)
    np.testing.assert_array_equal(built.counts, plain.counts)
    assert built.counts.dtype == plain.counts.dtype and len(built) > 0


def test_a_latin_gloss_in_parentheses_is_not_a_keyphrase_of_its_own(bg):
    """نظام التجارة الإلكترونية (E-commerce Law): the gloss words are rare in the Arabic background and
    used to outrank the article's subject; a Latin word outside such a gloss (CMA) stays a candidate."""
    text = (
        "مجلس الوزراء يقر نظام التجارة الإلكترونية\n"
        "وافق مجلس الوزراء على نظام التجارة الإلكترونية (E-commerce Law) وعلى تعيين أعضاء في هيئة السوق المالية CMA، "
        "وأوضح وزير الإعلام أن نظام التجارة الإلكترونية يدعم الاقتصاد.\n"
    )
    got = [k.text for k in extract(text, background=bg, top=20)]
    assert not {"Law", "E-commerce", "E-commerce Law"} & set(got)
    assert "CMA" in got


def test_latin_function_words_never_start_or_end_a_keyphrase(bg):
    """A quoted English passage gives its content words, not runs such as "prices rose on"."""
    text = "أسعار النفط ترتفع\nنقلت الوكالة عن المحللين: Oil prices rose on Monday after the producers agreed to extend cuts. وقال وزير الطاقة إن السوق متوازنة.\n"
    for k in extract(text, background=bg, top=20):
        words = k.text.casefold().split()
        assert words[0] not in {"on", "the", "to", "after"} and words[-1] not in {"on", "the", "to", "after"}, k.text


def test_genre_statistics_counted_in_the_background_pass_equal_their_own_pass():
    """The keyword background's pass also counts the genre corpora (SANAD Politics, SaudiNewsNet) when the
    genre statistics are cold: the same statistics as the genre pass of its own, and the same background."""
    from types import SimpleNamespace

    from arabic_news.keywords import genre as G
    from arabic_news.keywords.background import _build

    base = _bg_texts() * 6 + ["يؤكد الوزير أهمية تعزيز التعاون", "التعاون الأمني مع الناتو"] * 3
    sanad = [
        SimpleNamespace(text=t, id=f"sanad/{i}", label="Politics" if i % 3 else "Finance") for i, t in enumerate(base)
    ]
    snn = [SimpleNamespace(text=t, id=f"saudinewsnet/x/{i}", label=None) for i, t in enumerate(reversed(base))]
    flags = [(d.id, False) if d.label == "Politics" else None for d in sanad] + [(d.id, True) for d in snn]
    bg, stats = _build(sanad + snn, min_df=2, name="x", processes=1, genre=flags)
    alone = G._build(processes=1, docs=G.genre_docs(sanad, snn))
    assert stats == alone and stats.genericness and stats.bare and (stats.halves[0] or stats.halves[1])
    plain, _ = _build(sanad + snn, min_df=2, name="x", processes=1)
    np.testing.assert_array_equal(bg.hashes, plain.hashes)
    np.testing.assert_array_equal(bg.counts, plain.counts)


def test_a_rare_verb_form_with_a_clitic_is_judged_by_its_bare_form():
    """ "فيتحملون" and "لاتستغرب" are too rare to judge themselves; without ف / the glued لا they are verbs the
    corpus never makes definite (before, such forms reached an opinion column's top ten)."""
    from arabic_news.keywords.genre import GenreStats, is_finite_verb

    genre = GenreStats({}, ({}, {}), {"يتحملون": 19, "تستغرب": 16, "مسرعين": 2, "تعاون": 40}, {"تعاون": 30})
    assert is_finite_verb("فيتحملون", genre) and is_finite_verb("لاتستغرب", genre)
    assert not is_finite_verb("مسرعين", genre) and not is_finite_verb("وتعاون", genre)
