"""Word lists: stopwords (from the ``arabic-stopwords`` package) and the lab's own lists.

The lab's lists live in ``arabic_news/data/lexicons/`` as plain text files, one
entry per line, ``#`` for comments, each file citing its source in its header.

>>> is_stopword("في"), is_stopword("والذي"), is_stopword("الناتو")
(True, True, False)
"""

from __future__ import annotations

from functools import cache

from .datafiles import load_table, load_wordlist
from .normalise import normalise

__all__ = ["stopwords", "is_stopword", "load_wordlist", "load_table"]


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
