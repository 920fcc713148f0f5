"""Formulaic language: key n-grams of an article against its reference class (Dunning log-likelihood).

An article's word n-grams (2 or 3 words, never across punctuation) are compared
with their frequency in a reference -- the SANAD class the topic model predicts
for the article, or all of SANAD (see :mod:`arabic_news.rhetoric.reference`) --
by Dunning's (1993) log-likelihood ratio G2.  A second score says whether each
phrase is *typical of that kind of news*: its log-likelihood in the reference
class against the other classes (``genre_ll``; not defined when the reference is
all of SANAD).  Phrases listed in ``data/rhetoric/formulae.txt`` (set phrases of
news reporting, each attested in at least 5 SANAD articles: على هامش، في إطار،
من جهته ...) are labelled with their function; :func:`find_formulae` lists
where they occur (a leading و/ف on the first word is allowed: وفي هذا السياق).

Every function accepts an article of any shape and returns well-formed, possibly
empty, results; :func:`keyness_table` and :func:`formulae_table` give DataFrames
with fixed columns.

size: about 440 lines, half of them docstrings: n-grams, the formula list and keyness share one
tokenisation into punctuation-free stretches and are read together; the corpus side (per-class
counts) already lives in :mod:`arabic_news.rhetoric.reference`.

>>> round(log_likelihood(10, 1000, 10, 100000), 1)
64.8
>>> [g for g, _ in ngrams("على هامش المؤتمر، قال", n_max=2)]
['على', 'هامش', 'المؤتمر', 'على هامش', 'هامش المؤتمر', 'قال']
>>> [(f["formula"], f["function"]) for f in find_formulae("وعلى هامش المؤتمر، قال الوزير")]
[('على هامش', 'setting')]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..article import Article
from ..lexicon import stopwords
from ..normalise import normalise
from ..tokenise import word_spans
from ._lexicon import load_table
from .reference import ALL, NgramCounts, check_reference, ngram_counts

__all__ = [
    "ngrams",
    "count_ngrams",
    "log_likelihood",
    "corpus_counts",
    "keyness",
    "keyness_table",
    "KEYNESS_COLUMNS",
    "formula_function",
    "formula_list",
    "find_formulae",
    "formulae_found",
    "formulae_table",
    "FORMULA_COLUMNS",
]

_BREAK = re.compile(r"[،,.:;؛!?؟«»\"“”()\[\]\n\-–—]")

#: columns of :func:`keyness_table`, in order
KEYNESS_COLUMNS = (
    "ngram",
    "n",
    "count",
    "first",
    "corpus_per_million",
    "reference_articles",
    "ll",
    "genre_ll",
    "formula",
)
#: columns of :func:`formulae_table`, in order
FORMULA_COLUMNS = ("formula", "function", "count", "text", "start", "end", "reference_share", "genre_ll")


def _key(word: str) -> str:
    return normalise(word, profile="matching")


def _text(article: Article | str) -> str:
    if isinstance(article, Article):
        return article.text
    if isinstance(article, str):
        return article
    raise TypeError(f"expected an Article or str, got {type(article).__name__}")


def _stretches(text: str) -> list[list[tuple[int, int, str]]]:
    """Word spans grouped into punctuation-free stretches."""
    out: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    for s, e, w in word_spans(text):
        if run and _BREAK.search(text, run[-1][1], s):
            out.append(run)
            run = []
        run.append((s, e, w))
    if run:
        out.append(run)
    return out


def _stretch_keys(text: str) -> list[list[str]]:
    """Matching keys of the words of each punctuation-free stretch (fast: one normalisation per text)."""
    out = []
    for stretch in _BREAK.split(normalise(text, profile="matching")):
        ws = [w for _, _, w in word_spans(stretch)]
        if ws:
            out.append(ws)
    return out


def ngrams(text: str, *, n_max: int = 3) -> list[tuple[str, int]]:
    """``(ngram, start offset)`` for all 1..n_max word n-grams within punctuation-free stretches.

    Words are ``matching``-normalised (diacritics stripped, letters kept).
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    if n_max < 1:
        raise ValueError(f"n_max must be >= 1, got {n_max}")
    out: list[tuple[str, int]] = []
    for run in _stretches(text):
        keys = [_key(w) for _, _, w in run]
        for n in range(1, n_max + 1):
            for k in range(len(run) - n + 1):
                out.append((" ".join(keys[k : k + n]), run[k][0]))
    return out


def count_ngrams(texts: Iterable[str], *, n_max: int = 3, n_min: int = 1) -> tuple[Counter, list[int]]:
    """N-gram counts over texts, and the total number of n-grams of each order (index n-1).

    Same n-grams as :func:`ngrams` (normalised once per text, no offsets: fast).

    >>> count_ngrams(["قال الوزير، قال الوزير"], n_max=2)[0]["قال الوزير"]
    2
    """
    c: Counter = Counter()
    totals = [0] * n_max
    for t in texts:
        for ws in _stretch_keys(t):
            for n in range(n_min, n_max + 1):
                m = len(ws) - n + 1
                if m > 0:
                    totals[n - 1] += m
                    c.update(" ".join(ws[k : k + n]) for k in range(m))
    return c, totals


def log_likelihood(a: float, c: float, b: float, d: float) -> float:
    """Dunning's G2 for a count ``a`` of ``c`` in the study text vs ``b`` of ``d`` in the reference.

    Positive when the item is over-used in the study text, negative when under-used.
    """
    if c <= 0 or d <= 0:
        raise ValueError("totals must be positive")
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / e1)
    if b > 0:
        g2 += b * math.log(b / e2)
    g2 *= 2
    return g2 if a / c >= b / d else -g2


def corpus_counts(*, quick: bool = False, seed: int = 0, n_max: int = 3, min_count: int = 3, root=None) -> NgramCounts:
    """Bigram/trigram counts per SANAD class (600 seeded articles per class; quick: 40), cached.

    See :func:`arabic_news.rhetoric.reference.ngram_counts`.
    """
    return ngram_counts(quick=quick, seed=seed, n_max=n_max, min_count=min_count, root=root)


# -- the formula list ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def formula_list() -> tuple[tuple[str, str], ...]:
    """``(phrase as listed, function)`` for every entry of ``data/rhetoric/formulae.txt``.

    >>> ("على هامش", "setting") in formula_list()
    True
    """
    return tuple((row[0], row[1]) for row in load_table("formulae"))


@lru_cache(maxsize=1)
def _formula_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """first key -> [(keys, phrase as listed)], longest first."""
    idx: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, _ in formula_list():
        ks = tuple(_key(w) for w in phrase.split())
        idx.setdefault(ks[0], []).append((ks, phrase))
    for v in idx.values():
        v.sort(key=lambda r: -len(r[0]))
    return idx


@lru_cache(maxsize=1)
def _functions() -> dict[str, str]:
    return {" ".join(_key(w) for w in p.split()): f for p, f in formula_list()} | dict(formula_list())


def _firsts(key: str) -> list[str]:
    return [key, key[1:]] if key[:1] in ("و", "ف") and len(key) > 2 else [key]


def _match_at(keys: list[str], k: int) -> tuple[str, int] | None:
    """The longest listed formula starting at word ``k`` of a stretch: (phrase, length)."""
    idx = _formula_index()
    for f in _firsts(keys[k]):
        for ks, phrase in idx.get(f, ()):
            if k + len(ks) <= len(keys) and all(keys[k + q] == ks[q] for q in range(1, len(ks))):
                return phrase, len(ks)
    return None


def formulae_in_keys(stretches: list[list[str]]) -> set[str]:
    """The listed formulae (as listed) occurring in keyed stretches (:func:`_stretch_keys`)."""
    found = set()
    for keys in stretches:
        for k in range(len(keys)):
            m = _match_at(keys, k)
            if m:
                found.add(m[0])
    return found


def formula_function(ngram: str) -> str:
    """The function of a listed formula ('' if not listed); a leading و/ف on the first word is allowed.

    >>> formula_function("على هامش"), formula_function("وفي إطار"), formula_function("قال الوزير")
    ('setting', 'framing', '')
    """
    ws = [_key(w) for w in ngram.split()]
    if not ws:
        return ""
    funcs = _functions()
    for f in _firsts(ws[0]):
        got = funcs.get(" ".join([f] + ws[1:]))
        if got:
            return got
    return ""


def find_formulae(article: Article | str) -> list[dict[str, Any]]:
    """Every occurrence of a listed formula: ``formula`` (as listed), ``function``, ``text``, ``start``, ``end``.

    Non-overlapping (the longest formula at a position wins), in text order; ``[]`` when none.
    """
    text = _text(article)
    funcs = dict(formula_list())
    out = []
    for run in _stretches(text):
        keys = [_key(w) for _, _, w in run]
        k = 0
        while k < len(keys):
            m = _match_at(keys, k)
            if m is None:
                k += 1
                continue
            phrase, n = m
            s, e = run[k][0], run[k + n - 1][1]
            out.append({"formula": phrase, "function": funcs[phrase], "text": text[s:e], "start": s, "end": e})
            k += n
    return out


def _counts(counts: NgramCounts | dict | None, *, quick: bool, seed: int) -> NgramCounts:
    if counts is None:
        return ngram_counts(quick=quick, seed=seed)
    if isinstance(counts, NgramCounts):
        return counts
    if isinstance(counts, dict) and "all" in counts:
        return NgramCounts.from_legacy(counts)
    raise TypeError(f"counts must be NgramCounts (from corpus_counts()), got {type(counts).__name__}")


def _genre_ll(counts: NgramCounts, gram: str, n: int, reference: str) -> float | None:
    """G2 of the reference class against the other classes (None for 'all')."""
    if reference == ALL:
        return None
    p = counts.count(gram, reference)
    rest_b = counts.count(gram, ALL) - p
    t_ref = counts.total(n, reference)
    t_rest = counts.total(n, ALL) - t_ref
    if not (p or rest_b) or t_ref <= 0 or t_rest <= 0:
        return 0.0
    return log_likelihood(p, t_ref, rest_b, t_rest)


def _checked(counts: NgramCounts | dict | None, reference: str, *, quick: bool, seed: int) -> NgramCounts:
    """The counts to use, with ``reference`` checked against their classes (or the corpus folder)."""
    if counts is None:
        check_reference(reference)
    c = _counts(counts, quick=quick, seed=seed)
    if not isinstance(reference, str):
        raise TypeError(f"reference must be a SANAD class name or 'all', got {type(reference).__name__}")
    if reference != ALL and reference not in c.labels:
        raise ValueError(f"unknown reference class {reference!r}: expected one of {', '.join(c.labels)}, or 'all'")
    return c


def formulae_found(
    article: Article | str,
    counts: NgramCounts | dict | None = None,
    *,
    reference: str = "Politics",
    quick: bool = False,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """The listed formulae of the article, one row per formula, with their typicality in the reference.

    Returns
    -------
    list of dict
        ``formula``, ``function``, ``count`` (in the article), ``text`` / ``start`` / ``end``
        (first occurrence), ``reference_share`` (share of reference articles containing
        it, 0..1) and ``genre_ll`` (reference class vs the other classes; None for
        ``"all"``), in order of first occurrence.  ``[]`` when none is found.
    """
    occ = find_formulae(article)
    if not occ:
        if counts is None:
            check_reference(reference)  # cheap: the corpus folder's class names
        else:
            _checked(counts, reference, quick=quick, seed=seed)
        return []
    c = _checked(counts, reference, quick=quick, seed=seed)
    rows: dict[str, dict[str, Any]] = {}
    for o in occ:
        if o["formula"] in rows:
            rows[o["formula"]]["count"] += 1
            continue
        f = o["formula"]
        n_ref = c.articles(reference)
        share = c.formula_articles(f, reference) / n_ref if n_ref else 0.0
        genre = None
        if reference != ALL:
            own = c.formula_articles(f, reference)
            rest = c.formula_articles(f, ALL) - own
            d_ref, d_rest = n_ref, c.articles(ALL) - n_ref
            genre = log_likelihood(own, d_ref, rest, d_rest) if (own or rest) and d_ref and d_rest else 0.0
        rows[f] = {**o, "count": 1, "reference_share": share, "genre_ll": genre}
    return [{k: r[k] for k in FORMULA_COLUMNS} for r in rows.values()]


def keyness(
    text: Article | str,
    counts: NgramCounts | dict | None = None,
    *,
    reference: str = "Politics",
    quick: bool = False,
    seed: int = 0,
    n_min: int = 2,
    n_max: int = 3,
    min_freq: int = 2,
    top: int = 25,
) -> list[dict[str, Any]]:
    """Key n-grams of an article against its reference class, most over-used first.

    Parameters
    ----------
    text : Article or str
        The article.
    counts : NgramCounts, optional
        :func:`corpus_counts` output (loaded with ``quick``/``seed`` when omitted).
    reference : str
        A SANAD class (the topic model's label for the article) or ``"all"``.
    n_min, n_max : int
        N-gram lengths to rank.
    min_freq : int
        Minimum count in the article (a listed formula needs only 1).
    top : int
        Rows returned.

    Returns
    -------
    list of dict
        Rows with :data:`KEYNESS_COLUMNS`: ``ngram``, ``n``, ``count`` (in the article),
        ``first`` (offset of its first occurrence), ``corpus_per_million`` (in the
        reference), ``reference_articles`` (reference articles containing it), ``ll``
        (article vs reference), ``genre_ll`` (reference class vs the other classes;
        > 0 = typical of that kind of news; None for ``"all"``), ``formula`` (function if
        listed).  N-grams made only of stopwords are skipped; ``[]`` for an article
        with no phrase that qualifies.
    """
    c = _checked(counts, reference, quick=quick, seed=seed)
    body = _text(text)
    sw = stopwords()
    grams = ngrams(body, n_max=n_max)
    art = Counter(g for g, _ in grams)
    first: dict[str, int] = {}
    for g, s in grams:
        first.setdefault(g, s)
    art_tot = [0] * n_max
    for g, v in art.items():
        art_tot[g.count(" ")] += v
    rows = []
    for g, a in art.items():
        n = g.count(" ") + 1
        if not (n_min <= n <= n_max):
            continue
        ws = g.split()
        f = formula_function(g)
        if not f and (all(w in sw for w in ws) or any(len(w) < 2 for w in ws)):
            continue
        if a < min_freq and not f:
            continue
        b = c.count(g, reference)
        t_ref = max(c.total(n, reference), 1)
        rows.append(
            {
                "ngram": g,
                "n": n,
                "count": a,
                "first": first[g],
                "corpus_per_million": 1e6 * b / t_ref,
                "reference_articles": c.docs(g, reference),
                "ll": log_likelihood(a, max(art_tot[n - 1], 1), b, t_ref),
                "genre_ll": _genre_ll(c, g, n, reference),
                "formula": f,
            }
        )
    rows.sort(key=lambda r: (-r["ll"], r["first"]))
    return rows[:top]


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]):
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def keyness_table(text: Article | str, counts: NgramCounts | dict | None = None, **kwargs: Any):
    """:func:`keyness` as a DataFrame with :data:`KEYNESS_COLUMNS` (empty but well-formed when nothing qualifies)."""
    return _frame(keyness(text, counts, **kwargs), KEYNESS_COLUMNS)


def formulae_table(article: Article | str, counts: NgramCounts | dict | None = None, **kwargs: Any):
    """:func:`formulae_found` as a DataFrame with :data:`FORMULA_COLUMNS` (empty but well-formed when none)."""
    return _frame(formulae_found(article, counts, **kwargs), FORMULA_COLUMNS)
