"""Shared helpers for the rhetoric package: its data files and a keyed token stream.

Tokens are the lab's one :class:`arabic_news.tokenise.Token` with two keys kept beside
the text (:class:`KeyedToken`); for an :class:`~arabic_news.Article` they come from
``Article.tokens`` (computed once per article).

Data files live in ``arabic_news/data/rhetoric/<name>.txt``: UTF-8, one entry per line,
``#`` starts a comment, tab-separated columns where a file has more than one.
Every file cites its source in its header.

Matching is done on *keys* (normalised tokens) while offsets stay those of the
original text, so every span indexes the string that was analysed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..article import Article
from ..normalise import normalise
from ..tokenise import Token as _BaseToken
from ..tokenise import word_spans

__all__ = [
    "load_table",
    "load_list",
    "KeyedToken",
    "Token",
    "tokens",
    "rkey",
    "mkey",
    "strip_prefixes",
    "adjective_bases",
]


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows (tuples of tab-separated columns) of ``data/rhetoric/<name>.txt``.

    >>> load_table("cue_verbs")[0][:3]
    ('قال', 'يقول', 'neutral')
    """
    from ..lexicon import load_table as _load

    return _load(name, folder="rhetoric")


def load_list(name: str) -> tuple[str, ...]:
    """First column of ``data/rhetoric/<name>.txt``."""
    return tuple(r[0] for r in load_table(name))


@lru_cache(maxsize=100_000)
def rkey(word: str) -> str:
    """Retrieval key: diacritics/tatweel stripped, alef, hamza seats, ى and ة folded.

    >>> rkey("مؤكدًا"), rkey("أكّدت")
    ('موكدا', 'اكدت')
    """
    return normalise(word, profile="retrieval")


@lru_cache(maxsize=100_000)
def mkey(word: str) -> str:
    """Matching key: diacritics/tatweel stripped, letters (hamza seats) kept.

    >>> mkey("إنَّ")
    'إن'
    """
    return normalise(word, profile="matching")


@dataclass(frozen=True)
class KeyedToken(_BaseToken):
    """The lab's token (:class:`arabic_news.tokenise.Token`) with its matching keys beside it."""

    key: str = ""  # retrieval key
    mkey: str = ""  # matching key (hamza kept)


#: the name the stance modules import (one token concept: a subclass of tokenise.Token)
Token = KeyedToken


def tokens(text: str | Article) -> list[KeyedToken]:
    """Word tokens of a text or an Article (``Article.tokens``, with sentence indices) with keys.

    >>> [t.key for t in tokens("وأكّد الوزيرُ")]
    ['واكد', 'الوزير']
    """
    if isinstance(text, Article):
        return [
            KeyedToken(t.start, t.end, t.text, t.sentence, t.paragraph, rkey(t.text), mkey(t.text)) for t in text.tokens
        ]
    return [KeyedToken(s, e, w, key=rkey(w), mkey=mkey(w)) for s, e, w in word_spans(text)]


_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def strip_prefixes(key: str, *, min_len: int = 2) -> list[str]:
    """The key and its readings without conjunction/preposition/article clitics.

    >>> sorted(strip_prefixes("والوزير"))
    ['الوزير', 'والوزير', 'وزير']
    """
    out = [key]
    for p in _PROCLITICS:
        if key.startswith(p) and len(key) - len(p) >= min_len:
            rest = key[len(p) :]
            if rest not in out:
                out.append(rest)
            if p in ("و", "ف") and rest.startswith("ال") and len(rest) - 2 >= min_len and rest[2:] not in out:
                out.append(rest[2:])
    return out


_ADJ_SUFFIXES = ("تين", "تان", "ين", "ون", "ات", "ان", "ه", "ا")


def adjective_bases(key: str) -> list[str]:
    """Candidate masculine-singular bases of an (inflected, cliticised) adjective key.

    >>> "واسع" in adjective_bases("الواسعه")
    True
    """
    out: list[str] = []
    for k in strip_prefixes(key):
        if k not in out:
            out.append(k)
        for suf in _ADJ_SUFFIXES:
            if k.endswith(suf) and len(k) - len(suf) >= 3:
                b = k[: -len(suf)]
                if b not in out:
                    out.append(b)
    return out
