"""Formulaic language: key n-grams of an article against a news corpus (Dunning log-likelihood).

An article's word n-grams (1 to 3 words, never across punctuation) are compared
with their frequency in a reference corpus (SANAD, all sections) by Dunning's
(1993) log-likelihood ratio G2.  A second score says whether each phrase is
*typical of the genre*: its log-likelihood in SANAD Politics against the other
sections.  Phrases listed in ``data/rhetoric/formulae.txt`` (diplomatic and
official formulae: على هامش، سبل تعزيز، من جهته ...) are labelled with their function.

Corpus counts are computed once and cached (``.cache/ngram-counts``).

>>> round(log_likelihood(10, 1000, 10, 100000), 1)
64.8
>>> [g for g, _ in ngrams("على هامش المؤتمر، قال", n_max=2)]
['على', 'هامش', 'المؤتمر', 'على هامش', 'هامش المؤتمر', 'قال']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import stopwords
from ..normalise import normalise
from ..tokenise import word_spans
from ._lexicon import load_table

__all__ = ["ngrams", "count_ngrams", "log_likelihood", "corpus_counts", "keyness", "formula_function"]

_BREAK = re.compile(r"[،,.:;؛!?؟«»\"“”()\[\]\n\-–—]")


def _key(word: str) -> str:
    return normalise(word, profile="matching")


def ngrams(text: str, *, n_max: int = 3) -> list[tuple[str, int]]:
    """``(ngram, start offset)`` for all 1..n_max word n-grams within punctuation-free stretches.

    Words are ``matching``-normalised (diacritics stripped, letters kept).
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    if n_max < 1:
        raise ValueError(f"n_max must be >= 1, got {n_max}")
    spans = word_spans(text)
    out: list[tuple[str, int]] = []
    run: list[tuple[int, int, str]] = []

    def flush():
        for n in range(1, n_max + 1):
            for k in range(len(run) - n + 1):
                out.append((" ".join(_key(w) for _, _, w in run[k : k + n]), run[k][0]))

    for s, e, w in spans:
        if run and _BREAK.search(text, run[-1][1], s):
            flush()
            run = []
        run.append((s, e, w))
    if run:
        flush()
    # stable order: by stretch, then n, then position (as produced)
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
        for stretch in _BREAK.split(normalise(t, profile="matching")):
            ws = [w for _, _, w in word_spans(stretch)]
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


def corpus_counts(*, quick: bool = False, seed: int = 0, n_max: int = 3, min_count: int = 3, root=None) -> dict:
    """Bigram and trigram counts of SANAD (a reference sample) and of its Politics section (cached).

    The reference is every Politics article plus 400 seeded random articles from each
    other section (quick: 100 Politics + 40 per other section), so that the build stays
    under a minute on two cores; Politics is over-represented in the reference, which
    makes political formulae look *less* key against it (a conservative choice).

    Parameters
    ----------
    quick : bool
        Use the small sample (tests, quick notebooks).
    seed : int
        Seed of the quick sample.
    n_max : int
        Longest n-gram.
    min_count : int
        N-grams seen fewer times in the whole corpus are dropped (their count is
        then taken as 0, which only makes an article's rare phrases look *more* key).

    Returns
    -------
    dict
        ``{"all": {ngram: count}, "politics": {ngram: count}, "totals_all": [...],
        "totals_politics": [...], "n_docs": int}``.
    """
    import numpy as np

    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path

    root = root or data_path("corpora", "sanad_khaleej")
    key = fingerprint(
        code_fingerprint("arabic_news.rhetoric.formulae", "arabic_news.tokenise", "arabic_news.normalise"),
        data_fingerprint(root),
        quick=quick,
        seed=seed,
        n_max=n_max,
        min_count=min_count,
    )

    def build() -> dict:
        from ..corpus import load_sanad, progress

        corpus = load_sanad(root, show_progress=False)
        rng = np.random.default_rng(seed)
        by: dict[str, list[int]] = {}
        for i, d in enumerate(corpus.documents):
            by.setdefault(d.label, []).append(i)
        if "Politics" not in by:
            raise ValueError("SANAD has no Politics section")
        size = {
            lab: (100 if quick else len(v)) if lab == "Politics" else (40 if quick else 400) for lab, v in by.items()
        }
        idx = sorted(
            int(i) for lab in sorted(by) for i in rng.choice(by[lab], size=min(size[lab], len(by[lab])), replace=False)
        )
        c_all: Counter = Counter()
        c_pol: Counter = Counter()
        t_all = [0] * n_max
        t_pol = [0] * n_max
        for i in progress(idx, desc="n-gram counts"):
            d = corpus.documents[i]
            c, t = count_ngrams([d.text], n_max=n_max, n_min=2)
            c_all.update(c)
            t_all = [x + y for x, y in zip(t_all, t)]
            if d.label == "Politics":
                c_pol.update(c)
                t_pol = [x + y for x, y in zip(t_pol, t)]
        keep = {g for g, v in c_all.items() if v >= min_count}
        return {
            "all": {g: c_all[g] for g in keep},
            "politics": {g: c_pol[g] for g in keep if c_pol[g]},
            "totals_all": t_all,
            "totals_politics": t_pol,
            "n_docs": len(idx),
        }

    return cached("ngram-counts", key, build)


@lru_cache(maxsize=1)
def _formulae() -> dict[str, str]:
    return {" ".join(_key(w) for w in row[0].split()): row[1] for row in load_table("formulae")}


def formula_function(ngram: str) -> str:
    """The function of a listed diplomatic/official formula ('' if not listed).

    >>> formula_function("على هامش")
    'setting'
    """
    return _formulae().get(" ".join(_key(w) for w in ngram.split()), "")


def keyness(
    text: str,
    counts: dict,
    *,
    n_min: int = 2,
    n_max: int = 3,
    min_freq: int = 2,
    top: int = 25,
) -> list[dict]:
    """Key n-grams of ``text`` against the reference counts, most over-used first.

    Parameters
    ----------
    text : str
        The article.
    counts : dict
        :func:`corpus_counts` output.
    n_min, n_max : int
        N-gram lengths to rank.
    min_freq : int
        Minimum count in the article (a listed formula needs only 1).
    top : int
        Rows returned.

    Returns
    -------
    list of dict
        ``ngram``, ``n``, ``count`` (in the article), ``first`` (offset of its first
        occurrence), ``corpus_per_million``, ``ll`` (article vs corpus), ``genre_ll``
        (SANAD Politics vs the other sections; > 0 = typical of political news),
        ``formula`` (function if listed).  N-grams made only of stopwords are skipped.
    """
    sw = stopwords()
    grams = ngrams(text, n_max=n_max)
    art = Counter(g for g, _ in grams)
    first: dict[str, int] = {}
    for g, s in grams:
        first.setdefault(g, s)
    art_tot = [0] * n_max
    for g, v in art.items():
        art_tot[g.count(" ")] += v
    c_all, c_pol = counts["all"], counts["politics"]
    t_all, t_pol = counts["totals_all"], counts["totals_politics"]
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
        b = c_all.get(g, 0)
        ll = log_likelihood(a, max(art_tot[n - 1], 1), b, max(t_all[n - 1], 1))
        p = c_pol.get(g, 0)
        rest_b, rest_t = b - p, t_all[n - 1] - t_pol[n - 1]
        genre = log_likelihood(p, max(t_pol[n - 1], 1), rest_b, max(rest_t, 1)) if (p or rest_b) else 0.0
        rows.append(
            {
                "ngram": g,
                "n": n,
                "count": a,
                "first": first[g],
                "corpus_per_million": 1e6 * b / max(t_all[n - 1], 1),
                "ll": ll,
                "genre_ll": genre,
                "formula": f,
            }
        )
    rows.sort(key=lambda r: -r["ll"])
    return rows[:top]
