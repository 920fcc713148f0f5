"""Tokenisation: words, clitics, sentences, paragraphs, offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_news import paragraphs, sentences, words
from arabic_news.tokenise import paragraph_spans, sentence_spans, split_clitics, word_spans

WORD_CASES = [
    ("كَتَبَ الوَلَدُ الدَّرْسَ", ["كَتَبَ", "الوَلَدُ", "الدَّرْسَ"], "diacritised words stay whole"),
    ("قال الوزير، اليوم؛ لماذا؟", ["قال", "الوزير", "اليوم", "لماذا"], "، ؛ ؟ never stick to words"),
    ("«نحن مستعدون»", ["نحن", "مستعدون"], "guillemets are not part of words"),
    ('"بيان" (واع)', ["بيان", "واع"], "Latin quotes and brackets are not part of words"),
    ("الســـلام", ["الســـلام"], "tatweel stays inside the word"),
    (
        "بلغ النمو 3.5 بالمئة و2،714 نقطة",
        ["بلغ", "النمو", "3.5", "بالمئة", "و", "2،714", "نقطة"],
        "decimals with . and Arabic comma are one number",
    ),
    ("عام ٢٠٢٤", ["عام", "٢٠٢٤"], "Arabic-Indic numbers are kept"),
    ("حلف NATO و COVID-19", ["حلف", "NATO", "و", "COVID-19"], "Latin words and hyphenated codes kept"),
    ("القدس.وقال", ["القدس", "وقال"], "a glued full stop separates words"),
    ("", [], "empty text has no words"),
]


@pytest.mark.parametrize("text,expected,rule", WORD_CASES, ids=[c[2] for c in WORD_CASES])
def test_words(text, expected, rule):
    """Arabic-aware word tokenisation."""
    assert words(text) == expected


def test_sklearn_pattern_would_shred():
    """The reason we never use scikit-learn's default token pattern."""
    import re

    assert re.findall(r"(?u)\b\w\w+\b", "كَتَبَ الوَلَدُ") != words("كَتَبَ الوَلَدُ")


CLITIC_CASES = [
    ("والعراق", ("و+", "ال+", "عراق"), "conjunction + article"),
    ("بالاستفادة", ("ب+", "ال+", "استفادة"), "preposition + article"),
    ("للتعاون", ("ل+", "ال+", "تعاون"), "lam + article written لل"),
    ("وبالتالي", ("و+", "ب+", "ال+", "تالي"), "conjunction + preposition + article"),
    ("بلاده", ("بلاد", "+ه"), "attached pronoun"),
    ("قدراتها", ("قدرات", "+ها"), "attached pronoun ها"),
    ("والي", ("والي",), "والي (governor) is not و + الي"),
    ("بلاد", ("بلاد",), "بلاد (country) is not ب + لاد"),
    ("وزير", ("وزير",), "وزير is not و + زير"),
    ("الأسهم", ("ال+", "أسهم"), "هم of الأسهم is not a pronoun"),
    ("مياه", ("مياه",), "ه after alef is part of the word"),
    ("بالغ", ("بالغ",), "بالغ (extreme) is not ب + ال + غ"),
    ("NATO", ("NATO",), "Latin words untouched"),
]


@pytest.mark.parametrize("word,expected,rule", CLITIC_CASES, ids=[c[2] for c in CLITIC_CASES])
def test_split_clitics(word, expected, rule):
    """Conservative clitic splitting."""
    assert split_clitics(word) == expected


def test_words_split_clitics_flag():
    assert words("والعراق بلاده", split_clitics=True) == ["و+", "ال+", "عراق", "بلاد", "+ه"]


SENT_CASES = [
    ("قال الوزير. ثم غادر.", ["قال الوزير.", "ثم غادر."], "full stop"),
    ("هل حضر؟ نعم! حضر؛ وغادر", ["هل حضر؟", "نعم!", "حضر؛", "وغادر"], "؟ ! ؛"),
    ("السطر الأول\nالسطر الثاني", ["السطر الأول", "السطر الثاني"], "line breaks"),
    ("وصل الوفد .واعتبر المسؤول", ["وصل الوفد .", "واعتبر المسؤول"], "SANAD ' .word' joins"),
    ("وصل الوفد.واعتبر المسؤول", ["وصل الوفد.", "واعتبر المسؤول"], "SANAD '.word' joins"),
    ("بلغ النمو 3.5 بالمئة.", ["بلغ النمو 3.5 بالمئة."], "decimal numbers"),
    ("التقى د. أحمد زويل بالطلاب.", ["التقى د. أحمد زويل بالطلاب."], "Arabic abbreviation د."),
    ("Dr. Smith met the U.S. envoy.", ["Dr. Smith met the U.S. envoy."], "Latin abbreviations"),
    ("انتهى...ثم بدأ", ["انتهى...", "ثم بدأ"], "ellipsis ends a sentence"),
    ("... ؟", [], "punctuation-only fragments are not sentences"),
]


@pytest.mark.parametrize("text,expected,rule", SENT_CASES, ids=[c[2] for c in SENT_CASES])
def test_sentences(text, expected, rule):
    """Sentence splitting on Arabic and Latin terminators."""
    assert sentences(text) == expected


def test_paragraphs():
    """Paragraphs are the non-empty lines, trimmed."""
    assert paragraphs("  أ \n\n\tب\n") == ["أ", "ب"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابت ثج.،؟\n«»0١") + ["\u064e"]), max_size=80))
def test_offsets_index_the_text(text):
    """Every span's offsets slice the original text to the span's string."""
    for fn in (word_spans, sentence_spans, paragraph_spans):
        for s, e, t in fn(text):
            assert text[s:e] == t


def test_type_errors():
    with pytest.raises(TypeError):
        words(None)
    with pytest.raises(TypeError):
        sentences(b"x")


# --- the vectorised fast path of words() gives the regex's tokens exactly ---------------
_FAST_ALPHABET = st.one_of(
    st.sampled_from(list("ابتثجلمنوي  \n.,،٫٬'’-؟«»()0123١٢٣۴abcXYZéß×") + ["\u064e", "\u0651", "\u0640", "\ufefb"]),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x0020, max_codepoint=0x024F),
    st.sampled_from(["\U0001f600", "\ud800", "\ufdfd"]),
)


@settings(max_examples=300, deadline=None)
@given(st.text(_FAST_ALPHABET, max_size=400))
def test_fast_words_equal_regex(text):
    """The numpy tokeniser returns the word regex's findall() for any text (or declines)."""
    from arabic_news._fastwords import fast_words
    from arabic_news.tokenise import _WORD_RE

    fast = fast_words(text)
    assert fast is None or fast == _WORD_RE.findall(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("وقع 12 قتيلا و3،5 جريحا عام 2024م", ["وقع", "12", "قتيلا", "و", "3،5", "جريحا", "عام", "2024", "م"]),
        ("فيروس COVID-19 وA1.5 و5G", ["فيروس", "COVID-19", "و", "A1", "5", "و", "5", "G"]),
        ("1..2 و1.2.3", ["1", "2", "و", "1.2.3"]),
    ],
)
def test_fast_words_cases(text, expected):
    """Numbers with joiners, digit/Arabic boundaries and Latin chunks come out as the regex splits them."""
    from arabic_news._fastwords import fast_words
    from arabic_news.tokenise import _WORD_RE

    assert _WORD_RE.findall(text) == expected
    assert fast_words(text) == expected
    assert words(" ".join([text] * 40)) == expected * 40  # long enough for the fast path inside words()
