"""Evaluating keyword methods without a gold set: title-word recall, speed, agreement.

Title-word recall@k
    The share of a headline's content words (normalised, stopword-free,
    light-stemmed) found among the words of the top-k keyphrases extracted from
    the article's *body alone* (k counts phrases).  A proxy users understand:
    the headline is the editor's own summary of the article.

size: about 490 lines: the keyword benches' whole evaluation (samples and the
fresh split, title recall, headline-phrase F1, generic-term rate, per-outlet
figures, misses, bootstrap CIs, agreement) kept in the one module the brief names.

>>> title_recall("العراق يعزز التعاون مع الناتو", ["التعاون الأمني", "الناتو"])
0.5
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..article import Article
from ..tokenise import paragraph_spans
from .candidates import content_keys

__all__ = [
    "title_recall",
    "body_article",
    "EvalDoc",
    "evaluation_sample",
    "evaluate",
    "bootstrap_ci",
    "summarise",
    "agreement",
]


def title_recall(title: str, phrases: Sequence[str], *, k: int | None = None) -> float:
    """Share of the headline's content words among the words of ``phrases[:k]``.

    Both sides are compared by :func:`~arabic_news.stem.light_stem` keys of
    their content words (:func:`~arabic_news.keywords.candidates.content_keys`).
    Returns ``nan`` when the headline has no content word.
    """
    want = content_keys(title)
    if not want:
        return float("nan")
    got: set[str] = set()
    for p in list(phrases)[: k if k is not None else len(phrases)]:
        got |= content_keys(p)
    return len(want & got) / len(want)


def body_article(text: str, *, doc_id: str | None = None) -> Article:
    """An :class:`Article` of body text only: no line is taken as the headline."""
    a = Article.from_text(text, source=doc_id)  # validation
    spans = paragraph_spans(a.text)
    return Article(
        text=a.text,
        title=None,
        paragraphs=tuple(p for _, _, p in spans),
        path=None,
        title_span=None,
        paragraph_spans=tuple((s, e) for s, e, _ in spans),
    )


@dataclass(frozen=True)
class EvalDoc:
    """One evaluation article: its id, headline, body and outlet."""

    id: str
    title: str
    body: str
    outlet: str | None = None


def fresh_split(split: str) -> list[EvalDoc]:
    """The fresh evaluation split of issue 13 (``data/keywords/eval_split.txt``).

    500 ``tune`` and 500 ``heldout`` SaudiNewsNet articles (headline and >= 80
    body words), drawn with seed 20261130 before any tuning, disjoint from the
    old seed-0 samples of :func:`evaluation_sample` and free of duplicated
    bodies or headlines across all of them.  ``heldout`` is only ever scored
    (``bench/keywords.py``), never inspected while tuning.
    """
    from ..corpus import load_saudinewsnet
    from ..datafiles import load_table

    if split not in ("tune", "heldout"):
        raise ValueError(f"split must be 'tune' or 'heldout', got {split!r}")
    ids = [r[0] for r in load_table("eval_split", folder="keywords") if r[1] == split]
    by_id = {d.id: d for d in load_saudinewsnet(show_progress=False).documents}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ValueError(f"{len(missing)} ids of the {split} split are not in SaudiNewsNet (first: {missing[0]})")
    return [EvalDoc(i, by_id[i].title, by_id[i].text, by_id[i].outlet) for i in ids]


def evaluation_sample(n: int = 500, *, seed: int = 0, split: str = "test", min_words: int = 80) -> list[EvalDoc]:
    """A seeded sample of SaudiNewsNet articles with a headline and a body of >= ``min_words`` words.

    (Words counted as whitespace-separated tokens.)

    The eligible articles are shuffled with ``seed``; ``split="tune"`` takes the
    first ``n`` and ``split="test"`` the next ``n``, so tuning and reporting
    never share an article.
    """
    from ..corpus import load_saudinewsnet

    if split not in ("tune", "test"):
        raise ValueError(f"split must be 'tune' or 'test', got {split!r}")
    docs = [d for d in load_saudinewsnet(show_progress=False).documents if d.title and len(d.text.split()) >= min_words]
    order = np.random.default_rng(seed).permutation(len(docs))
    picked: list[EvalDoc] = []
    for i in order:  # headlines without a content word (rare) are skipped
        if content_keys(docs[i].title):
            picked.append(EvalDoc(docs[i].id, docs[i].title, docs[i].text, docs[i].outlet))
            if len(picked) == 2 * n:
                break
    return picked[:n] if split == "tune" else picked[n : 2 * n]


def evaluate(
    docs: Iterable[EvalDoc],
    methods: Sequence[str] = ("default", "tfidf", "yake", "textrank"),
    *,
    ks: Sequence[int] = (5, 10),
    background=None,
    params: dict | None = None,
) -> list[dict]:
    """Title-word recall@k and extraction time of each method on each article.

    Keyphrases are extracted from the body only; when the article belongs to
    the background corpus its own counts are left out.  Each method's time
    includes tokenising and candidate analysis; the per-word-type caches are
    warmed by one untimed analysis per article first, so that the method
    running first does not pay for them.  Returns one record per
    (article, method): ``{"id", "method", "recall@5", "recall@10", "seconds", "top"}``.
    """
    from . import _resolve_background
    from .candidates import analyse
    from .methods import METHODS

    bg = _resolve_background(background, True)
    docs = list(docs)
    kmax = max(ks)
    rows = []
    for d in docs:
        art = body_article(d.body, doc_id=d.id)
        loo = d.id in bg.doc_ids
        analyse(art)  # untimed: warms the per-word-type caches, so method order does not bias timings
        for m in methods:
            t0 = time.perf_counter()
            doc = analyse(art)
            extra = {"params": params} if (params and m == "default") else {}
            ranked = METHODS[m](doc, background=bg, leave_out=loo, top=kmax, **extra)[:kmax]
            phrases = [doc.candidates[r[0]].text for r in ranked]
            dt = time.perf_counter() - t0
            rec = {"id": d.id, "method": m, "seconds": dt, "top": phrases}
            for k in ks:
                rec[f"recall@{k}"] = title_recall(d.title, phrases, k=k)
            rows.append(rec)
    return rows


def bootstrap_ci(
    values: Sequence[float], *, n_boot: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """Mean and percentile bootstrap confidence interval (resampling articles).

    >>> m, lo, hi = bootstrap_ci([0.0, 0.5, 1.0, 0.5], seed=0)
    >>> round(m, 2), lo <= m <= hi
    (0.5, True)
    """
    v = np.asarray([x for x in values if x == x], dtype=float)
    if v.size == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, v.size, size=(n_boot, v.size))].mean(axis=1)
    a = (1 - level) / 2
    return float(v.mean()), float(np.quantile(means, a)), float(np.quantile(means, 1 - a))


def summarise(rows: list[dict], *, ks: Sequence[int] = (5, 10), seed: int = 0, reference: str = "yake") -> list[dict]:
    """Per method: recall@k with 95% bootstrap CIs, articles per second, ratios to ``reference``."""
    methods = list(dict.fromkeys(r["method"] for r in rows))
    out = []
    for m in methods:
        rs = [r for r in rows if r["method"] == m]
        rec = {"method": m, "articles": len(rs)}
        for k in ks:
            mean, lo, hi = bootstrap_ci([r[f"recall@{k}"] for r in rs], seed=seed)
            rec[f"recall@{k}"], rec[f"recall@{k} lo"], rec[f"recall@{k} hi"] = mean, lo, hi
        rec["articles/s"] = len(rs) / max(sum(r["seconds"] for r in rs), 1e-9)
        out.append(rec)
    ref = next((r for r in out if r["method"] == reference), None)
    if ref:
        for r in out:
            r[f"recall@{max(ks)} / {reference}"] = r[f"recall@{max(ks)}"] / ref[f"recall@{max(ks)}"]
            r[f"speed / {reference}"] = r["articles/s"] / ref["articles/s"]
    return out


def paired_ratio_ci(rows: list[dict], method: str, reference: str, *, k: int = 10, n_boot: int = 2000, seed: int = 0):
    """Ratio of mean recall@k of ``method`` to ``reference`` with a paired bootstrap CI."""
    a = {r["id"]: r[f"recall@{k}"] for r in rows if r["method"] == method}
    b = {r["id"]: r[f"recall@{k}"] for r in rows if r["method"] == reference}
    ids = [i for i in a if i in b and a[i] == a[i] and b[i] == b[i]]
    x = np.array([a[i] for i in ids])
    y = np.array([b[i] for i in ids])
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(ids), size=(n_boot, len(ids)))
    ratios = x[idx].mean(axis=1) / np.maximum(y[idx].mean(axis=1), 1e-12)
    return float(x.mean() / y.mean()), float(np.quantile(ratios, 0.025)), float(np.quantile(ratios, 0.975))


def agreement(results: dict[str, Sequence], *, k: int = 10) -> list[dict]:
    """Pairwise agreement of methods on one article.

    Parameters
    ----------
    results : dict
        Method name -> list of :class:`~arabic_news.keywords.Keyword` (or lemma strings), best first.

    Returns
    -------
    list of dict
        Per pair: ``overlap@k`` (Jaccard of the top-k lemma keys), and Kendall's
        tau and Spearman's rho of the two rankings over the union of their top-k
        (a lemma missing from a list is ranked just after its last item).

    >>> rows = agreement({"a": ["x", "y", "z"], "b": ["x", "z", "w"]}, k=3)
    >>> rows[0]["overlap@3"]
    0.5
    """
    from itertools import combinations

    from scipy.stats import kendalltau, spearmanr

    lem = {m: [getattr(x, "lemma", x) for x in v][:k] for m, v in results.items()}
    out = []
    for a, b in combinations(lem, 2):
        la, lb = lem[a], lem[b]
        sa, sb = set(la), set(lb)
        union = sorted(sa | sb)
        jac = len(sa & sb) / len(union) if union else float("nan")
        ra = [la.index(x) if x in sa else len(la) for x in union]
        rb = [lb.index(x) if x in sb else len(lb) for x in union]
        if len(union) > 1 and len(set(ra)) > 1 and len(set(rb)) > 1:
            tau = float(kendalltau(ra, rb).statistic)
            rho = float(spearmanr(ra, rb).statistic)
        else:
            tau = rho = float("nan")
        out.append({"method a": a, "method b": b, f"overlap@{k}": jac, "kendall tau": tau, "spearman rho": rho})
    return out


def timeit(fn: Callable[[], object], repeat: int = 1) -> float:
    """Seconds per call of ``fn`` (best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


# --- headline phrases: exact and partial F1@k ------------------------------------------
def _content_runs(text: str) -> list[list[str]]:
    """Runs of consecutive content-word stem keys, split at stopwords, numbers and punctuation."""
    from ..tokenise import word_spans
    from .candidates import AUX, BOILER, CONTENT, DATE, _classify

    runs: list[list[str]] = [[]]
    prev = None
    for a, b, w in word_spans(text):
        if prev is not None and text[prev:a].strip():
            runs.append([])
        kind, _, key = _classify(w)
        if kind in (CONTENT, AUX, DATE, BOILER):
            runs[-1].append(key)
        else:
            runs.append([])
        prev = b
    return [r for r in runs if r]


def headline_phrases(title: str, *, max_words: int = 3) -> set[tuple[str, ...]]:
    """The headline's phrases: content-word 1-3-grams (stem keys) within runs of content words.

    >>> sorted(headline_phrases("العراق يعزز التعاون الأمني"))[:3]
    [('امن',), ('تعاون',), ('تعاون', 'امن')]
    """
    out = set()
    for run in _content_runs(title):
        for i in range(len(run)):
            for n in range(1, max_words + 1):
                if i + n <= len(run):
                    out.add(tuple(run[i : i + n]))
    return out


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A keyphrase's content-word stem keys, in order."""
    return tuple(k for run in _content_runs(phrase) for k in run)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def match_f1(title: str, phrases: Sequence[str], *, k: int = 10) -> dict[str, float]:
    """Exact and partial precision, recall and F1 of ``phrases[:k]`` against the headline's phrases.

    Exact: a keyphrase equals a headline phrase.  Partial: it shares a content
    stem with one.  Precision counts keyphrases, recall headline phrases.

    >>> m = match_f1("العراق يعزز التعاون الأمني", ["التعاون الأمني", "الناتو"])
    >>> m["exact P"], m["partial P"]
    (0.5, 0.5)
    """
    want = headline_phrases(title)
    got = [phrase_key(p) for p in list(phrases)[:k]]
    got = [g for g in got if g]
    nan = float("nan")
    if not want:
        return {f"{t} {m}": nan for t in ("exact", "partial") for m in ("P", "R", "F1")}
    gs = set(got)
    stems_got = {w for g in got for w in g}
    ex_p = sum(g in want for g in got) / len(got) if got else 0.0
    ex_r = sum(w in gs for w in want) / len(want)
    pa_p = sum(any(set(g) & set(w) for w in want) for g in got) / len(got) if got else 0.0
    pa_r = sum(bool(set(w) & stems_got) for w in want) / len(want)
    return {
        "exact P": ex_p,
        "exact R": ex_r,
        "exact F1": _f1(ex_p, ex_r),
        "partial P": pa_p,
        "partial R": pa_r,
        "partial F1": _f1(pa_p, pa_r),
    }


def generic_rate(phrases: Sequence[str], generic_words: frozenset[str], *, k: int = 10) -> float:
    """Share of ``phrases[:k]`` all of whose content words are in ``generic_words``.

    ``generic_words`` is the 200 most document-frequent content words of the
    *other* half of SaudiNewsNet (:meth:`GenreStats.top200`).

    >>> generic_rate(["تعزيز التعاون", "الناتو"], frozenset({"تعزيز", "تعاون"}))
    0.5
    """
    items = [phrase_key(p) for p in list(phrases)[:k]]
    items = [i for i in items if i]
    if not items:
        return float("nan")
    return sum(all(w in generic_words for w in i) for i in items) / len(items)


# --- evaluation v2: recall, F1, generic rate, outlets, misses --------------------------
#: pseudo-methods of :func:`evaluate_v2` besides :data:`arabic_news.keywords.METHODS`
EXTRA_METHODS = ("default+embed", "yake-n6")


def evaluate_v2(
    docs: Iterable[EvalDoc],
    methods: Sequence[str] = ("default", "default+embed", "lexical", "yake", "yake-n6", "tfidf", "textrank"),
    *,
    k: int = 10,
    background=None,
    genre=None,
    params: dict | None = None,
    show_progress: bool = False,
) -> list[dict]:
    """Score every method on every article from its body alone.

    One record per (article, method): ``id``, ``outlet``, ``title``, ``method``,
    ``recall@5``, ``recall@10``, exact/partial P/R/F1@k, ``generic@k``,
    ``seconds`` and ``top`` (the phrases).  ``default+embed`` is the default
    with ``semantic=True``; ``yake-n6`` is YAKE with phrases up to 6 words, the
    longest name the default keeps whole.
    """
    from ..corpus import progress
    from . import _resolve_background
    from .candidates import analyse
    from .genre import genre_for, half_of
    from .methods import METHODS, yake_method

    bg = _resolve_background(background, True)
    genre = genre if genre is not None else genre_for(bg)
    tops = {h: genre.top200(1 - h) for h in (0, 1)}
    rows = []
    docs = list(docs)
    for d in progress(docs, desc="keyword evaluation", total=len(docs), disable=not show_progress):
        art = body_article(d.body, doc_id=d.id)
        loo = d.id in bg.doc_ids
        analyse(art)  # untimed warm-up of per-word-type caches
        # the two analyses the methods start from, each timed once and counted in every method that uses it
        analysed = {}
        for names in (False, True):
            t0 = time.perf_counter()
            analysed[names] = (analyse(art, names=names), time.perf_counter() - t0)
        for m in methods:
            doc, dt = analysed[m.startswith("default") or m == "supervised"]
            doc = replace(doc, candidates=dict(doc.candidates))  # YAKE adds its long phrases
            t0 = time.perf_counter()
            if m == "yake-n6":
                ranked = yake_method(doc, top=k, n=6)
            elif m.startswith("default"):
                extra = {"semantic": True} if m == "default+embed" else {}
                if params:
                    extra["params"] = params
                ranked = METHODS["default"](doc, background=bg, leave_out=loo, top=k, genre=genre, **extra)
            else:
                ranked = METHODS[m](doc, background=bg, leave_out=loo, top=k)
            phrases = [doc.candidates[r[0]].text for r in ranked[:k]]
            dt += time.perf_counter() - t0
            rec = {"id": d.id, "outlet": d.outlet, "title": d.title, "method": m, "seconds": dt, "top": phrases}
            for kk in (5, 10):
                rec[f"recall@{kk}"] = title_recall(d.title, phrases, k=kk)
            rec.update(match_f1(d.title, phrases, k=k))
            rec[f"generic@{k}"] = generic_rate(phrases, tops[half_of(d.id)], k=k)
            rows.append(rec)
    return rows


_V2_METRICS = ("recall@5", "recall@10", "exact F1", "partial F1", "generic@10")


def summarise_v2(rows: list[dict], *, seed: int = 0, reference: str = "yake") -> list[dict]:
    """Per method: each metric's mean with a 95% bootstrap CI, articles/s, ratios to ``reference``."""
    out = []
    for m in dict.fromkeys(r["method"] for r in rows):
        rs = [r for r in rows if r["method"] == m]
        rec = {"method": m, "articles": len(rs)}
        for met in _V2_METRICS:
            rec[met], rec[f"{met} lo"], rec[f"{met} hi"] = bootstrap_ci([r[met] for r in rs], seed=seed)
        rec["articles/s"] = len(rs) / max(sum(r["seconds"] for r in rs), 1e-9)
        out.append(rec)
    ref = next((r for r in out if r["method"] == reference), None)
    for r in out:
        r[f"recall@10 / {reference}"] = r["recall@10"] / ref["recall@10"] if ref else float("nan")
    return out


def per_outlet(rows: list[dict], method: str, *, seed: int = 0, min_articles: int = 5) -> list[dict]:
    """Exact and partial F1@10 and recall@10 of ``method`` per outlet (outlets with >= ``min_articles``)."""
    out = []
    outlets = sorted({r["outlet"] for r in rows if r["method"] == method}, key=str)
    for o in outlets:
        rs = [r for r in rows if r["method"] == method and r["outlet"] == o]
        if len(rs) < min_articles:
            continue
        rec = {"outlet": o, "articles": len(rs)}
        for met in ("recall@10", "exact F1", "partial F1"):
            rec[met], rec[f"{met} lo"], rec[f"{met} hi"] = bootstrap_ci([r[met] for r in rs], seed=seed)
        out.append(rec)
    return out


def misses(rows: list[dict], method: str, *, n: int = 15) -> list[dict]:
    """The worst articles of ``method``: headline, headline words its top 10 missed, its top 5.

    Sorted by recall@10 (lowest first), then id; one row per article.
    """
    from ..tokenise import word_spans
    from .candidates import _classify, content_keys

    rs = sorted(
        (r for r in rows if r["method"] == method and r["recall@10"] == r["recall@10"]),
        key=lambda r: (r["recall@10"], r["id"]),
    )
    out = []
    for r in rs[:n]:
        got = set()
        for p in r["top"]:
            got |= content_keys(p)
        want = content_keys(r["title"]) - got
        missed = [w for _, _, w in word_spans(r["title"]) if _classify(w)[2] in want]
        missed = list(dict.fromkeys(missed))
        out.append(
            {
                "id": r["id"],
                "outlet": r["outlet"],
                "recall@10": r["recall@10"],
                "headline": r["title"],
                "missed": "، ".join(missed),
                "top 5": "، ".join(r["top"][:5]),
            }
        )
    return out


#: methods of the held-out comparison in lab report 21 (QUICK runs leave out the encoder)
LAB_METHODS = ("default", "default+embed", "lexical", "yake", "yake-n6", "tfidf", "textrank")
#: Held-out articles scored in lab report 21 (the README's ``bench/keywords.py --n 250`` run).
LAB_N = 250


def heldout_rows(*, seed: int = 0, quick: bool = False) -> list[dict]:
    """Lab report 21's held-out comparison: :func:`evaluate_v2` rows, computed once per code + data + mode.

    Every method on the first :data:`LAB_N` articles of the fresh held-out split (40 in QUICK mode,
    without ``default+embed``): the same articles as ``bench/keywords.py --n 250``, whose figures the
    README quotes, so the lab report reproduces them.  An untimed warm-up on two tuning articles comes
    first; the rows keep the seconds measured when they were computed (in the warm-up step of
    ``make report`` or the first caller).
    """
    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path
    from .background import default_background

    methods = tuple(m for m in LAB_METHODS if not (quick and m == "default+embed"))
    n = 40 if quick else LAB_N
    key = fingerprint(code_fingerprint(), data_fingerprint(data_path()), methods, n=n, seed=seed, quick=quick)

    def build() -> list[dict]:
        background = default_background(quick=quick, seed=seed)
        evaluate_v2(fresh_split("tune")[:2], methods, background=background)  # imports and caches: not timed
        return evaluate_v2(fresh_split("heldout")[:n], methods, background=background)

    return cached("keyword-evaluation", key, build)
