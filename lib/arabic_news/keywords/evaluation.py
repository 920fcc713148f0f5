"""Evaluating keyword methods without a gold set: title-word recall, speed, agreement.

Title-word recall@k
    The share of a headline's content words (normalised, stopword-free,
    light-stemmed) found among the words of the top-k keyphrases extracted from
    the article's *body alone* (k counts phrases).  A proxy users understand:
    the headline is the editor's own summary of the article.

>>> title_recall("العراق يعزز التعاون مع الناتو", ["التعاون الأمني", "الناتو"])
0.5
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
    """One evaluation article: its id, headline and body."""

    id: str
    title: str
    body: str


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
            picked.append(EvalDoc(docs[i].id, docs[i].title, docs[i].text))
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
            phrases = [doc.candidates[l].text for l, _ in ranked]
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
