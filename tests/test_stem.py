"""Tests for the lab's light stemmer (arabic_news.stem.light_stem): grouping and non-collision tables."""

from __future__ import annotations

import pytest

from arabic_news.stem import get_stemmer, light_stem

# Each row: inflected variants that must share one key (rule exercised in the comment).
GROUPS = [
    (["الاقتصادية", "الاقتصادي", "اقتصادية", "الاقتصاديين", "اقتصاديون", "والاقتصاد"], "nisba ي/ية and plurals"),
    (["الأمنية", "الأمن", "أمن", "الأمني", "وللأمن"], "nisba and article groups"),
    (["المنظمات", "منظمة", "المنظمة", "منظمات"], "feminine plural ات and ة"),
    (["الوزارة", "وزارة", "ووزارة", "بالوزارة"], "root-initial و kept (attested after ال)"),
    (["فلسطين", "الفلسطينية", "فلسطيني", "الفلسطينيين"], "nisba stem keeps its ين"),
    (["التعاون", "تعاون", "للتعاون", "تعاونًا"], "tanween alef and لل"),
    (["الشركات", "شركة", "الشركة"], "ات after three letters"),
    (["مكافحة", "لمكافحة", "بمكافحة", "المكافحة"], "lone ب/ل split before a listed stem"),
    (["رغبته", "رغبة", "الرغبة"], "ta marbuta before a pronoun"),
    (["بريطانيا", "البريطانية", "بريطاني"], "country name and its nisba"),
    (["دوليا", "دولي", "الدولية"], "undiacritised accusative -يا"),
    (["قدراتها", "القدرات", "قدرات"], "pronoun then plural"),
    (["وقال", "قال"], "conjunction و before a verb"),
]


@pytest.mark.parametrize("forms, rule", GROUPS, ids=[g[1] for g in GROUPS])
def test_variants_share_a_key(forms, rule):
    """Inflected variants of one news word get one light-stem key."""
    keys = {light_stem(f) for f in forms}
    assert len(keys) == 1, dict(zip(forms, map(light_stem, forms)))


# Pairs of unrelated words that must NOT collide.
DISTINCT = [
    ("وزير", "زير"),  # minister vs. pot: و is a root letter
    ("وزارة", "زيارة"),  # ministry vs. visit
    ("بلاد", "لاد"),  # country: ب is a root letter
    ("لبنان", "بنان"),  # Lebanon vs. fingertips
    ("بغداد", "غداد"),
    ("المنظمات", "المنظومات"),  # organisations vs. systems
    ("الأمن", "الأمين"),  # security vs. secretary
    ("فريق", "ريق"),  # team: ف is a root letter
    ("الملك", "المملكة"),  # king vs. kingdom
    ("تعاون", "تعاو"),
    ("قانون", "قان"),  # law keeps its ون (قانونية)
]


@pytest.mark.parametrize("a, b", DISTINCT)
def test_unrelated_words_do_not_collide(a, b):
    """Words that only look alike after stripping keep different keys."""
    assert light_stem(a) != light_stem(b)


@pytest.mark.parametrize(
    "word, key",
    [
        ("الاقتصادية", "اقتصاد"),
        ("وأكد", "اكد"),
        ("وزير", "وزير"),
        ("NATO", "nato"),
        ("2024", "2024"),
        ("مَسْؤُولٌ", "مسوول"),
    ],
)
def test_known_keys(word, key):
    """Keys are retrieval-normalised; Latin words lower-cased; numbers unchanged; diacritics ignored."""
    assert light_stem(word) == key


def test_short_words_are_left_whole():
    """Stripping never leaves fewer than three letters (``أمة`` stays, ``وفد`` stays)."""
    for w in ["أمة", "وفد", "بيت", "قع"]:
        assert len(light_stem(w)) >= min(3, len(w))


def test_idempotent_on_keys():
    """Stemming a key again does not shorten common stems further."""
    for w in ["اقتصاد", "منظم", "تعاون", "فلسطين", "وزير"]:
        assert light_stem(w) == w


def test_get_stemmer_light_is_light_stem():
    """``get_stemmer("light")`` is the lab's light stemmer (API unchanged for other modules)."""
    assert get_stemmer("light")("المنظمات") == light_stem("المنظمات")


def test_unknown_stemmer():
    """An unknown stemmer name is a clear ValueError."""
    with pytest.raises(ValueError, match="unknown stemmer"):
        get_stemmer("porter")


def test_analyzer_memo_is_invisible():
    """Short texts are analysed once per configuration (the persuasion CV's 15 folds x 4 vectorisers):
    equal analyzers share entries, a copy of the list comes back, and long texts bypass the memo."""
    from arabic_news.stem import MEMO_MAX_CHARS, ArabicAnalyzer, _memo_analyse

    a, b = ArabicAnalyzer("word", (1, 2)), ArabicAnalyzer("word", (1, 2))
    text = "أكد الوزير دعم التعاون الأمني"
    first = a(text)
    first.append("mutated by a caller")
    hits = _memo_analyse.cache_info().hits
    assert b(text) == a._analyse(text) and "mutated by a caller" not in b(text)
    assert _memo_analyse.cache_info().hits > hits
    assert ArabicAnalyzer("char", (2, 3))(text) != a(text)  # configurations do not share entries
    long_text = "كلمة " * (MEMO_MAX_CHARS // 4)
    size = _memo_analyse.cache_info().currsize
    assert a(long_text) == a._analyse(long_text) and _memo_analyse.cache_info().currsize == size
