"""Vectorised ``words()``: the word regex's exact result, computed with numpy (speed only).

:func:`arabic_news.tokenise.words` is one regex ``findall``; on long texts the regex
engine's per-match cost dominates.  This module computes the same token list with a
handful of numpy passes over the UTF-32 code units and one ``str.split``:

1. every code point gets a class (Arabic letter, mark, digit, Latin letter, number joiner,
   Latin joiner, other) from a lookup table built once from the tokeniser's own
   character classes;
2. a number joiner (``. , ، ٫ ٬``) stays only between two digits; every other non-word
   character becomes a space, and a space is inserted where Arabic letters meet digits;
3. *chunks* (runs of characters that are not "other") containing a Latin letter are
   tokenised by the regex itself and spliced back in place, since Latin words may
   swallow digits and joiners (``COVID-19``, ``A1``);
4. the rare case the vectorised rules do not cover (a run starting with a combining mark)
   returns ``None`` and the caller uses the regex.

``fast_words(text) == _WORD_RE.findall(text)`` for every text (property-tested in
``tests/test_tokenise.py``).

>>> fast_words("بلغ النمو 3.5 بالمئة عام 2024م")
['بلغ', 'النمو', '3.5', 'بالمئة', 'عام', '2024', 'م']
"""

from __future__ import annotations

import codecs
from functools import cache
from typing import Any

__all__ = ["fast_words"]

_OTHER, _LETTER, _MARK, _DIGIT, _LATIN, _NUM_JOIN, _LATIN_JOIN = range(7)
_UNICODE = 0x110000
_SPACE = 0x20


def _ranges(cls: str) -> list[tuple[int, int]]:
    """Code-point ranges of a regex character-class body made of characters and ``a-b`` ranges."""
    out, i = [], 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out.append((ord(cls[i]), ord(cls[i + 2])))
            i += 3
        else:
            out.append((ord(cls[i]), ord(cls[i])))
            i += 1
    return out


@cache
def _class_table() -> Any:
    """Class of every code point (later classes win; the tokeniser's sets are disjoint)."""
    import numpy as np

    from . import tokenise as t

    lut = np.zeros(_UNICODE, dtype=np.uint16)
    for cls, body in ((_LETTER, t.ARABIC_LETTERS), (_MARK, t.ARABIC_MARKS), (_DIGIT, t._DIGITS), (_LATIN, t._LATIN)):
        for lo, hi in _ranges(body):
            lut[lo : hi + 1] = cls
    for ch in t._NUM_JOINERS:
        lut[ord(ch)] = _NUM_JOIN
    for ch in t._LATIN_JOINERS:
        lut[ord(ch)] = _LATIN_JOIN
    return lut


_SPACE_OUT, _KEEP, _KEEP_CUT, _JOIN_CHECK, _LATIN_HERE, _REGEX = range(6)


@cache
def _space_map() -> Any:
    """Every code point to itself, except those that are never part of a word -> space.

    Joiners map to a space too: number joiners between two digits are put back, and
    Latin joiners only join inside Latin chunks, which the regex tokenises.
    """
    import numpy as np

    table = np.arange(_UNICODE, dtype=np.uint32)
    cls = _class_table()
    table[(cls == _OTHER) | (cls == _NUM_JOIN) | (cls == _LATIN_JOIN)] = _SPACE
    return table


@cache
def _action_table() -> Any:
    """What a character needs given (previous, own) class: a 64-entry table.

    ``_KEEP`` word character (or not a word character: the space map handles it);
    ``_KEEP_CUT`` word character that starts a new token although its neighbour is kept
    (Arabic after a digit or a digit after Arabic: ``2024م``); ``_JOIN_CHECK`` a number
    joiner after a digit (kept if a digit follows); ``_LATIN_HERE`` a Latin letter (its
    chunk goes to the regex); ``_REGEX`` a combining mark opening a run (the whole text
    goes to the regex).  The largest value present decides which fix-ups run.
    """
    import numpy as np

    arabic = (_LETTER, _MARK)
    table = np.zeros(64, dtype=np.uint8)
    for prev in range(8):
        for own in range(8):
            if own == _MARK and prev not in arabic:
                act = _REGEX
            elif own in arabic:
                act = _KEEP_CUT if prev == _DIGIT else _KEEP
            elif own == _DIGIT:
                act = _KEEP_CUT if prev in arabic else _KEEP
            elif own == _NUM_JOIN and prev == _DIGIT:  # 3.5, 2،714: stays if a digit follows
                act = _JOIN_CHECK
            elif own == _LATIN:
                act = _LATIN_HERE
            else:
                act = _SPACE_OUT
            table[prev * 8 + own] = act
    return table


def fast_words(text: str) -> list[str] | None:
    """Return ``_WORD_RE.findall(text)``, or ``None`` when the text needs the regex.

    >>> fast_words("وقع 12 قتيلا و3،5 جريحا في COVID-19.")
    ['وقع', '12', 'قتيلا', 'و', '3،5', 'جريحا', 'في', 'COVID-19']
    """
    import numpy as np

    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates
        return None
    n = codes.size
    if n == 0:
        return []
    # class of every character, with one "other" in front and behind (take() is several
    # times faster than fancy indexing here); act[i] looks at characters i-1 and i
    cls = np.zeros(n + 2, dtype=np.uint8)
    _class_table().take(codes, out=cls[1:-1])
    act = _action_table().take(cls[:-2] * 8 + cls[1:-1])
    top = int(act.max())
    if top == _REGEX:
        return None
    out = _space_map().take(codes)
    if top >= _JOIN_CHECK:  # a number joiner after a digit stays if a digit follows
        at = np.flatnonzero(act == _JOIN_CHECK)
        at = at[cls.take(at + 2) == _DIGIT]
        out[at] = codes.take(at)
    latin_chunks: list[tuple[int, int]] = []
    if top == _LATIN_HERE:
        latin_chunks, in_latin = _latin_chunks(cls[1:-1], act)
        out[in_latin] = _SPACE
    cut_at = np.flatnonzero(act == _KEEP_CUT) if top >= _KEEP_CUT else np.empty(0, dtype=np.intp)
    if latin_chunks and cut_at.size:
        cut_at = cut_at[~in_latin.take(cut_at)]
    kept = out != _SPACE if latin_chunks else None
    if cut_at.size:  # a space before each cut (faster than np.insert)
        spaced = np.ones(n + cut_at.size, dtype=bool)
        spaced[cut_at + np.arange(cut_at.size)] = False
        wide = np.full(spaced.size, _SPACE, dtype=np.uint32)
        wide[spaced] = out
        out = wide
    toks: list[str] = codecs.utf_32_le_decode(out.tobytes())[0].split()
    if latin_chunks and kept is not None:
        starts_token = kept.copy()
        starts_token[1:] &= ~kept[:-1]
        starts_token[cut_at] = True
        before = np.cumsum(starts_token)  # tokens started up to each position
        regex = _word_re()
        for s, e in reversed(latin_chunks):
            at_tok = int(before[s - 1]) if s else 0
            toks[at_tok:at_tok] = regex.findall(text, s, e)
    return toks


def _latin_chunks(cls: Any, act: Any) -> tuple[list[tuple[int, int]], Any]:
    """The spans of the chunks holding a Latin letter, and a mask of their characters.

    A chunk is a maximal run of word or joiner characters; no token crosses its edges, so
    the regex can tokenise a chunk on its own.
    """
    import numpy as np

    inword = cls != _OTHER
    opens = inword.copy()
    opens[1:] &= ~inword[:-1]
    closes = inword.copy()
    closes[:-1] &= ~inword[1:]
    starts, ends = np.flatnonzero(opens), np.flatnonzero(closes) + 1
    chunk_of = np.cumsum(opens) - 1
    ids = np.unique(chunk_of.take(np.flatnonzero(act == _LATIN_HERE)))
    in_latin = np.zeros(starts.size, dtype=bool)
    in_latin[ids] = True
    return [(int(starts[i]), int(ends[i])) for i in ids], in_latin.take(chunk_of)


@cache
def _word_re() -> Any:
    from .tokenise import _WORD_RE

    return _WORD_RE
