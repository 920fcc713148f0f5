"""Word lists: stopwords (from the ``arabic-stopwords`` package) and the lab's own lists.

The lab's lists live in ``arabic_news/data/lexicons/`` as plain text files, one
entry per line, ``#`` for comments, each file citing its source in its header.

>>> is_stopword("في"), is_stopword("والذي"), is_stopword("الناتو")
(True, True, False)
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .normalise import normalise

__all__ = ["stopwords", "is_stopword", "load_wordlist", "load_table"]


@cache
def load_table(name: str, *, folder: str = "lexicons") -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<folder>/<name>.txt``: tab-separated columns, ``#`` starts a comment.

    Every lab word list, lexicon and map is read through here.

    >>> load_table("light_stem_prefixes")[0]
    ('وال',)
    """
    path = resources.files("arabic_news").joinpath("data", folder, f"{name}.txt")
    if not path.is_file():
        raise ValueError(f"unknown {folder} data file {name!r} (no file data/{folder}/{name}.txt)")
    rows = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


def load_wordlist(name: str, *, folder: str = "lexicons") -> tuple[str, ...]:
    """First column of ``data/<folder>/<name>.txt`` (one entry per line, ``#`` comments).

    Entries are returned as written (NFC, no other normalisation).
    """
    return tuple(r[0] for r in load_table(name, folder=folder))


@cache
def stopwords(*, profile: str = "matching") -> frozenset[str]:
    """All stopword forms (with attached clitics, e.g. ``والذي``), normalised with ``profile``.

    Sources: the ``arabic-stopwords`` package (Taha Zerrouki, 13k inflected forms)
    plus ``data/lexicons/stopwords_extra.txt`` (news function words it lacks).
    """
    from arabicstopwords.arabicstopwords import stopwords_list

    forms = set(stopwords_list()) | set(load_wordlist("stopwords_extra"))
    return frozenset(normalise(w, profile=profile) for w in forms)


def is_stopword(word: str) -> bool:
    """True if ``word`` (any diacritics, hamza spelling) is a stopword form."""
    w = normalise(word, profile="matching")
    return w in stopwords() or normalise(w, profile="retrieval") in stopwords(profile="retrieval")
