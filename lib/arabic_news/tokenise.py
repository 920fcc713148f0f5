"""Arabic-aware tokenisation: words, sentences and paragraphs, with character offsets.

Every ``*_spans`` function returns ``(start, end, text)`` triples whose offsets
index the string it was given (for an :class:`~arabic_news.Article`, its
``text``), so results can always be traced back to the article.

Never use scikit-learn's default ``token_pattern`` on Arabic: it splits
diacritised words apart.  :func:`words` keeps diacritics, tatweel and
presentation forms inside the word, keeps numbers (``2،714`` with an Arabic
decimal comma, ``3.5``) and Latin words, and never attaches ``، ؛ ؟`` or other
punctuation to a word.

Examples
--------
>>> words("قالَ الوزيرُ، اليوم: «نحن مستعدون»؟")
['قالَ', 'الوزيرُ', 'اليوم', 'نحن', 'مستعدون']
>>> sentences("وصل الوفد .واعتبر المسؤول أن النمو 3.5 بالمئة. انتهى")
['وصل الوفد .', 'واعتبر المسؤول أن النمو 3.5 بالمئة.', 'انتهى']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._fastwords import fast_words
from .errors import check_text

__all__ = [
    "ARABIC_LETTERS",
    "Token",
    "tokens",
    "words",
    "word_spans",
    "sentences",
    "sentence_spans",
    "paragraphs",
    "paragraph_spans",
    "is_arabic_word",
    "split_clitics",
]

#: Arabic letters (base block, extended letters and presentation forms)
ARABIC_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06fa-\u06fc\u06ff\ufb50-\ufdff\ufe70-\ufefc"
)
#: combining marks and tatweel that may sit inside an Arabic word
ARABIC_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_LATIN = "A-Za-z\u00c0-\u024f"
#: separators allowed inside a number (2،714 / 3.5 / 1,000) and inside a Latin word (COVID-19)
_NUM_JOINERS = ".,\u060c\u066b\u066c"
_LATIN_JOINERS = "'\u2019-"

# The lookahead lets the regex engine skip non-word characters without trying each branch.
_WORD_RE = re.compile(
    rf"(?=[{ARABIC_LETTERS}{ARABIC_MARKS}{_DIGITS}{_LATIN}])(?:"
    rf"[{ARABIC_MARKS}]*[{ARABIC_LETTERS}][{ARABIC_LETTERS}{ARABIC_MARKS}]*"  # Arabic word
    rf"|[{_DIGITS}]+(?:[{re.escape(_NUM_JOINERS)}][{_DIGITS}]+)*"  # number
    rf"|[{_LATIN}{_DIGITS}]*[{_LATIN}][{_LATIN}{_DIGITS}]*(?:[{re.escape(_LATIN_JOINERS)}][{_LATIN}{_DIGITS}]+)*"  # Latin
    ")"
)
_ARABIC_WORD_RE = re.compile(rf"[{ARABIC_MARKS}]*[{ARABIC_LETTERS}][{ARABIC_LETTERS}{ARABIC_MARKS}]*")
_STRIP_MARKS = re.compile(f"[{ARABIC_MARKS}]")
_FAST_MIN_LEN = 256  # below this the regex is faster than the vectorised path


@dataclass(frozen=True)
class Token:
    """A word of a text with its place: ``text[start:end] == token.text``.

    The lab's one token type.  ``sentence`` and ``paragraph`` index
    :attr:`Article.sentence_spans` / :attr:`Article.paragraph_spans`
    (``-1`` for the headline, or when unknown).  Capabilities that need more
    per token (a normalised key, a part-of-speech guess) keep it beside the
    token or subclass it, rather than define another token.
    """

    start: int
    end: int
    text: str
    sentence: int = -1
    paragraph: int = -1


def tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` (see :func:`word_spans`), without sentence/paragraph indices.

    >>> [(t.start, t.text) for t in tokens("قال: نعم")]
    [(0, 'قال'), (5, 'نعم')]
    """
    return [Token(s, e, w) for s, e, w in word_spans(text)]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, word)`` for every word of ``text``.

    >>> word_spans("قال: نعم")
    [(0, 3, 'قال'), (5, 8, 'نعم')]
    """
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(check_text(text))]


def is_arabic_word(token: str) -> bool:
    """True if ``token`` is an Arabic word (letters, optionally with diacritics).

    >>> is_arabic_word("الوَزير"), is_arabic_word("NATO"), is_arabic_word("2024")
    (True, False, False)
    """
    return _ARABIC_WORD_RE.fullmatch(token) is not None


# --- clitics -----------------------------------------------------------------
# Conservative on purpose: a split is made only where the remainder is
# unambiguous, so that words like والي (governor), بلاد (country), وزير
# (minister) or الأسهم (the shares) are never broken.
_CONJ = "وف"
_PREP = "بلك"
_ENCLITICS = ("هما", "هم", "هن", "ها", "ه")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from .lexicon import stopwords

    return frozenset(w for w in stopwords() if 2 <= len(w) <= 6)


def _split_article(word: str) -> list[str]:
    """Split ال from a bare word when at least two letters follow it."""
    if word.startswith("ال") and len(word) >= 4:
        return ["ال+", word[2:]]
    return [word]


@lru_cache(maxsize=200_000)
def split_clitics(word: str) -> tuple[str, ...]:
    """Split a word into proclitics, stem and enclitics (conservatively).

    Proclitics are returned with a trailing ``+`` and enclitics with a leading
    ``+`` (the Penn Arabic Treebank convention), so the split is reversible.

    Rules: ``و``/``ف`` split only before ``ال``, before ``ب/ل/ك + ال`` or
    before a function word; ``ب``/``ك``/``ل`` only before ``ال`` (``لل`` is
    ``ل + ال``); the article only when two or more letters follow it; the
    pronouns ``ه ها هم هما هن`` only after a stem of three or more letters
    that has no article and does not end in ``ا``/``و``/``ي``.

    >>> split_clitics("والعراق")
    ('و+', 'ال+', 'عراق')
    >>> split_clitics("للتعاون")
    ('ل+', 'ال+', 'تعاون')
    >>> split_clitics("بلاده")
    ('بلاد', '+ه')
    >>> split_clitics("والي"), split_clitics("بلاد"), split_clitics("الأسهم")
    (('والي',), ('بلاد',), ('ال+', 'أسهم'))
    """
    bare = _STRIP_MARKS.sub("", word)
    if bare != word or not is_arabic_word(word):
        # diacritised or non-Arabic words are left whole: offsets stay simple
        return (word,)
    pre: list[str] = []
    rest = word
    if len(rest) >= 4 and rest[0] in _CONJ:
        tail = rest[1:]
        if (
            (tail.startswith("ال") and len(tail) >= 4)
            or (len(tail) >= 5 and tail[0] in _PREP and tail[1:3] == "ال")
            or (tail.startswith("لل") and len(tail) >= 4)
            or tail in _function_words()
        ):
            pre.append(rest[0] + "+")
            rest = tail
    if len(rest) >= 4 and rest[0] in _PREP:
        if rest[0] == "ل" and rest.startswith("لل"):
            pre.extend(["ل+", "ال+"])
            return tuple(pre + [rest[2:]])
        if rest[1:3] == "ال" and len(rest) >= 5:
            pre.append(rest[0] + "+")
            rest = rest[1:]
    parts = _split_article(rest)
    if len(parts) == 2:
        return tuple(pre + parts)
    for enc in _ENCLITICS:
        stem = rest[: -len(enc)]
        if rest.endswith(enc) and len(stem) >= 3 and not stem.startswith("ال") and stem[-1] not in "اوي":
            return tuple(pre + [stem, "+" + enc])
    return tuple(pre + [rest])


def words(text: str, *, split_clitics: bool = False) -> list[str]:
    """Tokenise Arabic text into words.

    Parameters
    ----------
    text : str
        Arabic (or mixed) text.
    split_clitics : bool, default False
        Also split conjunctions, prepositions, the article and attached
        pronouns (see :func:`arabic_news.tokenise.split_clitics`).

    Examples
    --------
    >>> words("وأكد الوزيرُ، أن COVID-19 انتهى؟")
    ['وأكد', 'الوزيرُ', 'أن', 'COVID-19', 'انتهى']
    >>> words("والعراق بلاده", split_clitics=True)
    ['و+', 'ال+', 'عراق', 'بلاد', '+ه']
    """
    text = check_text(text)
    toks = fast_words(text) if len(text) >= _FAST_MIN_LEN else None
    if toks is None:
        toks = _WORD_RE.findall(text)
    if not split_clitics:
        return toks
    out: list[str] = []
    for t in toks:
        out.extend(globals()["split_clitics"](t))
    return out


# --- sentences ---------------------------------------------------------------
_ABBREVIATIONS = frozenset(
    {
        # Arabic single-letter abbreviations: د. (doctor), أ. (professor/Mr), م. (AD / engineer),
        # هـ. (hijri), ص. (page), ج. (part), ق. (century/BC), ت. (tel.)
        "د",
        "أ",
        "م",
        "هـ",
        "ه",
        "ص",
        "ج",
        "ق",
        "ت",
        "ش",
        "ب",
        "ع",
        # Latin
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "Jr",
        "Sr",
        "vs",
        "etc",
        "No",
        "Inc",
        "Ltd",
        "Co",
    }
)
_TERMINATORS = ".!?\u061f\u061b\u2026"  # . ! ? ؟ ؛ …
_SENT_END = re.compile(rf"[{_TERMINATORS}]+|\n")
_LAST_TOKEN = re.compile(rf"([{ARABIC_LETTERS}{ARABIC_MARKS}A-Za-z]+)\s*$")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct = m.group()
    if punct == "\n":
        return True
    start, end = m.start(), m.end()
    if punct == ".":
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before.isdigit() and after.isdigit():
            return False  # decimal number 3.5
        tok = _LAST_TOKEN.search(text, max(0, start - 12), start)
        if (
            tok
            and tok.end() == start
            and (tok.group(1) in _ABBREVIATIONS or (len(tok.group(1)) == 1 and tok.group(1).isupper()))
        ):
            prev = text[tok.start() - 1] if tok.start() else " "
            if not prev.isalpha():
                return False  # د. / Dr. / U.S.
        if after.isalpha() and after.isascii() and before.isascii() and before.isalpha():
            return False  # U.S.A / e.g
    return True


def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, sentence)`` for each sentence, terminator included.

    Handles SANAD's lost paragraph breaks, where a sentence ends in ``" ."``
    or ``"."`` glued to the next word.

    >>> sentence_spans("قال .ثم غادر")
    [(0, 5, 'قال .'), (5, 12, 'ثم غادر')]
    """
    text = check_text(text)
    spans: list[tuple[int, int, str]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if not _is_boundary(text, m):
            continue
        end = m.end() if m.group() != "\n" else m.start()
        _emit(text, start, end, spans)
        start = m.end()
    _emit(text, start, len(text), spans)
    return spans


def _emit(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _WORD_RE.search(text, start, end):
        spans.append((start, end, text[start:end]))


def sentences(text: str) -> list[str]:
    """Split text into sentences on ``. ! ? ؟ ؛ …`` and line breaks.

    Decimal numbers (``3.5``), abbreviations (``د.``) and punctuation-only
    fragments do not make sentences.

    >>> sentences("د. أحمد قال: نعم! وماذا بعد؟ لا شيء؛ انتهى")
    ['د. أحمد قال: نعم!', 'وماذا بعد؟', 'لا شيء؛', 'انتهى']
    """
    return [s for _, _, s in sentence_spans(text)]


def paragraph_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, paragraph)`` for each non-empty line (whitespace trimmed).

    >>> paragraph_spans("أ\\n\\n ب ")
    [(0, 1, 'أ'), (4, 5, 'ب')]
    """
    text = check_text(text)
    spans = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e, text[s:e]))
        pos += len(line) + 1
    return spans


def paragraphs(text: str) -> list[str]:
    """Return the non-empty lines of ``text``, whitespace trimmed.

    >>> paragraphs("العنوان\\n\\nالفقرة الأولى\\n")
    ['العنوان', 'الفقرة الأولى']
    """
    return [p for _, _, p in paragraph_spans(text)]
