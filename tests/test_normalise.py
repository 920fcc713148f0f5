"""Normalisation: each step, each profile, idempotence, fused == composed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_news import normalise
from arabic_news import normalise as _n  # noqa: F401
from arabic_news.normalise import (
    PROFILES,
    STEPS,
    load_charmap,
    make_normaliser,
    normalise_alef,
    normalise_alef_maqsura,
    normalise_digits,
    normalise_hamza_carriers,
    normalise_presentation_forms,
    normalise_spaces,
    normalise_teh_marbuta,
    strip_controls,
    strip_diacritics,
    strip_tatweel,
)

STEP_CASES = [
    # (function, input, expected, rule)
    (strip_diacritics, "كَتَبَ الوَلَدُ", "كتب الولد", "harakat removed"),
    (strip_diacritics, "مؤكدًا", "مؤكدا", "tanween fath removed, alef seat kept"),
    (strip_diacritics, "الرَّحْمٰن", "الرحمن", "shadda, sukun and superscript alef removed"),
    (strip_diacritics, "مسؤول", "مسؤول", "hamza on waw is a letter, not a diacritic"),
    (strip_tatweel, "الســـلام", "السلام", "tatweel removed"),
    (normalise_alef, "أإآٱا", "ااااا", "all alef seats fold to bare alef"),
    (normalise_alef, "مسؤول", "مسؤول", "alef step leaves hamza on waw alone"),
    (normalise_alef_maqsura, "على مستشفى", "علي مستشفي", "alef maqsura to yeh"),
    (normalise_teh_marbuta, "وزارة الداخلية", "وزاره الداخليه", "teh marbuta to heh"),
    (normalise_hamza_carriers, "مسؤول رئيس", "مسوول رييس", "hamza carriers folded"),
    (normalise_hamza_carriers, "سماء", "سماء", "bare hamza kept"),
    (normalise_digits, "٠١٢٣٤٥٦٧٨٩", "0123456789", "Arabic-Indic digits"),
    (normalise_digits, "۰۱۲۳۴۵۶۷۸۹", "0123456789", "Persian digits"),
    (normalise_digits, "٣٫٥", "3.5", "Arabic decimal separator"),
    (normalise_presentation_forms, "\ufefb", "لا", "lam-alef ligature"),
    (normalise_presentation_forms, "\ufe8d\ufedf\ufecc\ufeae\ufe8e\ufed6", "العراق", "contextual glyph forms"),
    (normalise_presentation_forms, "\ufdf2", "الله", "Allah ligature"),
    (normalise_presentation_forms, "\ufdfd", "بسم الله الرحمن الرحيم", "basmala ligature survives NFKC; spelled out"),
    (strip_controls, "\u200fبغداد\u200e", "بغداد", "bidi marks removed"),
    (strip_controls, "لا\u200cيزال", "لايزال", "ZWNJ removed"),
    (strip_controls, "\ufeffنص", "نص", "BOM removed"),
    (normalise_spaces, "بيان\u00a0رسمي", "بيان رسمي", "no-break space to space"),
]


@pytest.mark.parametrize("func,text,expected,rule", STEP_CASES, ids=[c[3] for c in STEP_CASES])
def test_step(func, text, expected, rule):
    """Each normalisation step does exactly its one job."""
    assert func(text) == expected


PROFILE_CASES = [
    ("display", "الوَزِيـرُ", "الوَزِيرُ", "display keeps diacritics, drops tatweel"),
    ("matching", "الوَزِيـرُ", "الوزير", "matching drops diacritics"),
    ("matching", "مسؤولية إقليمية", "مسؤولية إقليمية", "matching keeps hamza seats and teh marbuta"),
    ("retrieval", "مسؤولية إقليمية", "مسووليه اقليميه", "retrieval folds letters"),
    ("classification", "مستشفى", "مستشفي", "classification is retrieval"),
    ("matching", "عام ٢٠٢٤", "عام 2024", "digits to ASCII"),
    ("display", "عام ٢٠٢٤", "عام ٢٠٢٤", "display keeps Arabic-Indic digits"),
]


@pytest.mark.parametrize("profile,text,expected,rule", PROFILE_CASES, ids=[c[3] for c in PROFILE_CASES])
def test_profiles(profile, text, expected, rule):
    """Profiles compose the documented steps."""
    assert normalise(text, profile=profile) == expected


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("punct", ["،", "؛", "؟", "«", "»", "٪"])
def test_arabic_punctuation_kept(profile, punct):
    """Arabic punctuation stays recognisable under every profile."""
    assert punct in normalise(f"نعم{punct} لا", profile=profile)


def test_unknown_profile_is_clear():
    """An unknown profile names itself and the choices."""
    with pytest.raises(ValueError, match="unknown normalisation profile 'aggressive'.*retrieval"):
        normalise("نص", profile="aggressive")


def test_non_string_input():
    """Bytes are rejected with a TypeError, not silently decoded."""
    with pytest.raises(TypeError, match="str"):
        normalise(b"abc")


def test_unknown_step():
    with pytest.raises(ValueError, match="unknown normalisation step 'hamza'"):
        make_normaliser(["hamza"])


def test_charmaps_are_data_files():
    """Every step's map is loaded from its data file and is non-empty."""
    for step in STEPS:
        assert load_charmap(step), step


@pytest.mark.parametrize("profile", list(PROFILES))
def test_fused_equals_sequential(profile):
    """The fused one-pass table equals applying the steps one after another."""
    text = "\ufefbإِنَّ الأمـــمَ المتحدة\u200f مسؤولة عن ٣٫٥٪ \ufdf2 مستشفى ئ ؤ\u00a0"
    out = text
    for step in PROFILES[profile]:
        out = make_normaliser([step])(out)
    assert normalise(text, profile=profile) == out


ARABICISH = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة")
        + [
            "\u064b",
            "\u064e",
            "\u0651",
            "\u0640",
            "\u0670",
            "\ufefb",
            "\ufe8d",
            "\u200f",
            "\u200c",
            "٣",
            "۴",
            " ",
            "،",
            "؟",
            "a",
            "1",
            "\u00a0",
            "\ufdfd",
            "\ufe70",
        ]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ARABICISH, st.sampled_from(list(PROFILES)))
def test_idempotent(text, profile):
    """normalise(normalise(t)) == normalise(t) for every profile."""
    once = normalise(text, profile=profile)
    assert normalise(once, profile=profile) == once


@settings(max_examples=200, deadline=None)
@given(ARABICISH)
def test_retrieval_subsumes_matching(text):
    """Retrieval applied after matching equals retrieval alone."""
    assert normalise(normalise(text, profile="matching"), profile="retrieval") == normalise(text, profile="retrieval")
