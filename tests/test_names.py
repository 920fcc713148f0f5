"""Tests of arabic_news.names: rule-based multiword names (people, organisations, places)."""

from __future__ import annotations

import pytest

from arabic_news.names import (
    KINDS,
    NameSpan,
    find_names,
    is_given_name,
    is_org_head,
    is_place,
    is_title,
    name_key,
    nisba_place,
)


def _names(text, **kw):
    return [(n.text, n.kind) for n in find_names(text, **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("استقبل وزير الداخلية العراقي عبد الأمير الشمري الوفد", ("وزير الداخلية العراقي عبد الأمير الشمري", "person")),
        ("قال الأمين العام للأمم المتحدة إن", ("الأمين العام للأمم المتحدة", "title")),
        ("اجتمع مجلس الأمن الدولي أمس", ("مجلس الأمن الدولي", "organisation")),
        ("وفد من حلف شمال الأطلسي في المدينة", ("حلف شمال الأطلسي", "organisation")),
        ("أعلنت وزارة الداخلية العراقية أن", ("وزارة الداخلية العراقية", "organisation")),
        ("وصل إلى العاصمة البلجيكية بروكسل", ("العاصمة البلجيكية بروكسل", "place")),
        ("عاد إلى الشرق الأوسط بعد", ("الشرق الأوسط", "place")),
        ("التقى محمد بن سلمان بالوفد", ("محمد بن سلمان", "person")),
    ],
)
def test_rule_finds_whole_multiword_name(text, expected):
    """Each rule finds the whole multiword name, not a fragment of it."""
    assert expected in _names(text)


def test_latin_gloss_marks_the_arabic_words_before_it():
    """A Latin gloss in parentheses makes the Arabic words just before it a name."""
    got = find_names("انضمت إلى منظمة شنغهاي للتعاون (SCO) العام الماضي")
    assert any(n.text.endswith("شنغهاي") or "شنغهاي" in n.text for n in got)
    got = find_names("تحدث عن الطاقة الذرية الدولية (IAEA) أمس")
    assert ("الطاقة الذرية الدولية", "entity") in [(n.text, n.kind) for n in got]


def test_latin_word_is_an_entity():
    """A Latin-script word in Arabic text is an entity."""
    assert ("Reuters", "entity") in _names("وقالت وكالة Reuters إن الاجتماع انتهى")


def test_a_preposition_does_not_glue_to_a_name():
    """A preposition-prefixed word after an organisation ends it (حلف الناتو بالتقدم)."""
    assert ("حلف الناتو", "organisation") in _names("أشاد حلف الناتو بالتقدم الذي أحرزه")


def test_stopword_ala_is_not_the_given_name_ali():
    """على (on) is not the given name علي even though retrieval normalisation merges them."""
    assert all(n.kind != "person" for n in find_names("على هامش مشاركته في الاجتماع"))


def test_no_names_in_plain_prose():
    """A sentence without any name cue gives no names."""
    assert find_names("أكد أهمية التعاون في المجالات الاقتصادية والثقافية") == []


def test_spans_index_the_article_text_and_do_not_overlap():
    """Every span's offsets index Article.text and no two spans overlap."""
    text = "العنوان\nاستقبل الرئيس المصري الوفد في القاهرة، وقال وزير الخارجية إن مجلس الأمن سيجتمع."
    got = find_names(text)
    assert got and all(isinstance(n, NameSpan) and text[n.start : n.end] == n.text for n in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))
    assert all(n.kind in KINDS for n in got)


def test_kinds_filter_and_unknown_kind():
    """``kinds`` keeps only the kinds asked for; an unknown kind is a ValueError naming it."""
    text = "اجتمع مجلس الأمن الدولي في نيويورك"
    assert [n.kind for n in find_names(text, kinds=("place",))] == ["place"]
    with pytest.raises(ValueError, match="company"):
        find_names(text, kinds=("company",))


def test_word_predicates():
    """Titles, given names, organisation heads, places and nisbas are recognised through clitics."""
    assert is_title("والرئيس") and not is_title("التعاون")
    assert is_given_name("محمد") and not is_given_name("وزارة")
    assert is_org_head("ووزارة") and is_org_head("للمجلس") and not is_org_head("الأمن")
    assert is_place("بالعراق") and is_place("الشرق الأوسط") and not is_place("الأمن")
    assert nisba_place("العراقيون") == "العراق" and nisba_place("الأمنية") is None
    assert name_key("والمجلس") == "مجلس"


class _Stats:
    """Toy corpus statistics: df of light-stem keys."""

    def __init__(self, df, n):
        self._df, self._n = df, n

    def df(self, keys):
        import numpy as np

        return np.array([self._df.get(k, 0) for k in keys])

    def size(self):
        return self._n


def test_recurring_cohesive_sequence_is_a_name_with_corpus_statistics():
    """A recurring sequence that the corpus statistics call cohesive is an entity; without stats it is not."""
    from arabic_news.stem import light_stem

    a, b = light_stem("كوفيد"), light_stem("تسعة")
    text = "انتشر كوفيد تسعة في البلاد. وقال الأطباء إن كوفيد تسعة خطير."
    stats = _Stats({a: 50, b: 60, f"{a} {b}": 45}, 10_000)
    assert ("كوفيد تسعة", "entity") in _names(text, stats=stats)
    assert ("كوفيد تسعة", "entity") not in _names(text)
    loose = _Stats({a: 5000, b: 5000, f"{a} {b}": 3}, 10_000)
    assert ("كوفيد تسعة", "entity") not in _names(text, stats=loose)


def test_attribution_section_is_last():
    """names.py ends with the attribution-side rules section, reserved for the attribution engineer."""
    import inspect

    import arabic_news.names as names

    assert "# --- attribution-side rules ---" in inspect.getsource(names)


@pytest.mark.parametrize(
    "text",
    ["ويربط الخط وسط المدينة بالأحياء الشمالية", "افتتح في المدينة للمرة الأولى", "زار الوفد العاصمة كالعادة"],
)
def test_place_cue_does_not_take_a_word_governed_by_a_preposition(text):
    """After a place cue (مدينة، العاصمة …) a word with a preposition and the article is not a place name."""
    assert [n for n in find_names(text) if n.kind == "place"] == []


def test_place_cue_still_takes_its_complement():
    """The construct complement of a place cue is still a place (مدينة البصرة، محافظة بابل)."""
    got = [(n.text, n.kind) for n in find_names("وصل الوفد إلى مدينة البصرة ثم محافظة بابل")]
    assert ("مدينة البصرة", "place") in got or ("البصرة", "place") in got
    assert ("محافظة بابل", "place") in got or ("بابل", "place") in got


@pytest.mark.parametrize("text", ["قال إن المملكة ماضية في تنفيذ خططها", "وشهدت المدينة حركة نشطة أمس"])
def test_a_definite_place_cue_does_not_take_a_following_word_in_ta_marbuta(text):
    """After a definite cue the place is an apposition; a word in ة there is a predicate or the next noun."""
    assert [n.text for n in find_names(text) if n.kind == "place"] == []


@pytest.mark.parametrize(
    "text, place",
    [("وصل الوفد إلى العاصمة بغداد أمس", "بغداد"), ("وصل إلى العاصمة الدوحة", "الدوحة"), ("افتتح في مدينة جدة", "جدة")],
)
def test_a_place_cue_keeps_its_apposition_and_known_places_in_ta_marbuta(text, place):
    """An apposition after a definite cue, a known place in ة (الدوحة) and any word after an indefinite cue stay."""
    assert place in [n.text for n in find_names(text) if n.kind == "place"]


def test_a_given_name_with_the_article_is_not_a_person_unless_it_takes_the_article():
    """نصر is a given name, but النصر (a club, "victory") followed by a verb or a score is no person;
    given names written with the article (الحسن، الوليد) still start a name."""
    text = "أكد المدرب أن الفوز على النصر أعاد الثقة، وخسر النصر بهدفين مقابل هدف"
    assert not [n for n in find_names(text) if n.kind == "person" and "النصر" in n.text]
    got = [(n.text, n.kind) for n in find_names("وصل الوليد بن طلال إلى الرياض")]
    assert ("الوليد بن طلال", "person") in got


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("أقيمت المباراة على ملعب الملك فهد الدولي في الرياض.", "ملعب الملك فهد الدولي", "place"),
        ("وصل الوفد إلى مطار الملك خالد الدولي.", "مطار الملك خالد الدولي", "place"),
        ("سار الموكب في شارع الملك عبد العزيز.", "شارع الملك عبد العزيز", "place"),
        ("وقال مدير جامعة الملك سعود إن الدراسة تبدأ غدا.", "جامعة الملك سعود", "organisation"),
    ],
)
def test_a_place_or_body_named_after_a_person_is_one_name(text, name, kind):
    """ملعب الملك فهد الدولي is a stadium, not the person "الملك فهد الدولي" (found in a sports article of my own)."""
    got = [(n.text, n.kind) for n in find_names(text)]
    assert (name, kind) in got
    assert not any(k == "person" for _, k in got)


@pytest.mark.parametrize(
    "text, place, nisba",
    [
        ("وصل الوفد إلى العاصمة الأفغانية كابول أمس", "العاصمة الأفغانية كابول", "أفغانستان"),
        ("وصل الوفد إلى العاصمة الباكستانية كراتشي", "العاصمة الباكستانية كراتشي", "باكستان"),
    ],
)
def test_the_nisba_of_an_istan_country_drops_stan(text, place, nisba):
    """الأفغانية is the nisba of أفغانستان: the place cue skips it and the place is the next word."""
    got = [(n.text, n.kind) for n in find_names(text)]
    assert (place, "place") in got
    assert nisba_place(place.split()[1]) == nisba
    assert nisba_place("الإنسانية") is None  # a word in -انية is not a nisba of an -istan country by itself


def test_an_unknown_given_name_after_an_honorific_is_a_person():
    """ "العقيد فواز الميمان": فواز is in no list, but a colonel is followed by a name; the pair (a bare given
    name and a definite family name) is one person (before, only the title phrase before it was found)."""
    assert ("العقيد فواز الميمان", "person") in _names("وقال المتحدث الإعلامي العقيد فواز الميمان إن البلاغات وصلت.")
    assert ("الدكتور سامي الحربي", "person") in _names("وأوضح الدكتور سامي الحربي أن الحالة مستقرة.")


@pytest.mark.parametrize(
    "text",
    [
        "وصل العقيد إلى الموقع مساء أمس.",  # no name after the title
        "وقال العقيد خلال المؤتمر إن الحادث فردي.",  # a stopword after it
        "وفاز الفريق بالمباراة النهائية.",  # الفريق "the team" is no honorific here
    ],
)
def test_an_honorific_without_a_name_makes_no_person(text):
    assert not any(kind == "person" for _, kind in _names(text))
