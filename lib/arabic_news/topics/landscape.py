"""The unsupervised view: NMF topics over the corpus, an article's topic mixture, its nearest neighbours.

The corpus is the topic classifier's training corpora (SANAD plus the
weak-labelled SaudiNewsNet articles).  Documents are represented by sublinear
TF-IDF over stemmed *unigrams* (the :data:`~arabic_news.topics.features.ANALYZER`
stems, ``df >= 5``, the 20,000 most frequent; function words are dropped with
the lab's stopword list), factorised by NMF (``init="nndsvda"``, seeded).  The
factorisation is cached (``numpy.savez``, no pickles) keyed on code, data,
seed and the number of topics.

Nearest neighbours are by cosine similarity of the same TF-IDF vectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .features import TfidfState, TopicData, tfidf_apply, topic_data

__all__ = ["Landscape", "topic_landscape"]

MAX_TERMS = 20_000
MIN_DF = 5


@dataclass
class Landscape:
    """A fitted NMF topic model over the corpus (see module docstring)."""

    data: TopicData
    state: TfidfState  # unigram columns of data.counts and their idf
    W: np.ndarray  # documents x topics
    H: np.ndarray  # topics x terms
    X: Any  # documents x terms TF-IDF (CSR)

    @property
    def terms(self) -> list[str]:
        return [self.data.vocabulary[c] for c in self.state.columns]

    def top_terms(self, n: int = 10) -> list[list[str]]:
        """The ``n`` heaviest terms (stems) of every topic."""
        terms = self.terms
        return [[terms[j] for j in np.argsort(-h)[:n]] for h in self.H]

    def topic_labels(self) -> list[dict[str, Any]]:
        """Per topic: its share of the corpus and how its documents split across the SANAD classes."""
        dom = self.W.argmax(1)
        out = []
        for k in range(self.H.shape[0]):
            labs = self.data.labels[dom == k]
            vals, cnt = np.unique(labs, return_counts=True)
            order = np.argsort(-cnt)
            out.append(
                {
                    "topic": k,
                    "documents": int((dom == k).sum()),
                    "main_class": str(vals[order[0]]) if len(vals) else None,
                    "main_class_share": round(float(cnt[order[0]] / cnt.sum()), 3) if len(vals) else 0.0,
                }
            )
        return out

    def vectorise(self, text: str):
        """TF-IDF row of one text over the landscape's terms (same cleaning and stems)."""
        from scipy import sparse
        from sklearn.preprocessing import normalize

        from .clean import clean_text
        from .features import ANALYZER

        index = {t: i for i, t in enumerate(self.terms)}
        ids = [index[t] for t in ANALYZER.tokens(clean_text(text)) if t in index]
        row = sparse.csr_matrix((np.ones(len(ids)), (np.zeros(len(ids), dtype=int), ids)), shape=(1, len(index)))
        row.sum_duplicates()
        row.data = 1.0 + np.log(row.data)
        return normalize(row.multiply(self.state.idf[None, :]).tocsr())

    def mixture(self, text: str) -> np.ndarray:
        """The text's topic mixture (NMF weights normalised to sum to 1)."""
        from scipy.optimize import nnls

        x = np.asarray(self.vectorise(text).todense()).ravel()
        # the NMF 'transform' step: non-negative least squares of x on the fixed topic-term matrix H
        w, _ = nnls(self.H.T.astype(np.float64), x)
        s = w.sum()
        return w / s if s > 0 else w

    def neighbours(self, text: str, *, k: int = 5, exclude_same_text: bool = True) -> list[dict[str, Any]]:
        """The ``k`` corpus documents most similar to ``text`` (cosine), with their first line."""
        x = self.vectorise(text)
        sims = np.asarray((self.X @ x.T).todense()).ravel()
        order = np.argsort(-sims)
        out = []
        for i in order:
            d = self.data.corpus.documents[i]
            if exclude_same_text and sims[i] > 0.999:
                continue
            first = (d.title or d.text.split("\n", 1)[0])[:140]
            out.append(
                {
                    "id": d.id,
                    "label": d.label,
                    "outlet": d.outlet,
                    "similarity": round(float(sims[i]), 3),
                    "first_line": first,
                }
            )
            if len(out) == k:
                break
        return out


def _key(data: TopicData, *, seed: int, n_topics: int) -> str:
    from ..cache import code_fingerprint, fingerprint

    return fingerprint(
        "topic-landscape-v1",
        data.key,
        code_fingerprint("arabic_news.topics.landscape"),
        seed=seed,
        n_topics=n_topics,
        max_terms=MAX_TERMS,
        min_df=MIN_DF,
    )


def topic_landscape(*, seed: int = 0, quick: bool = False, n_topics: int = 10) -> Landscape:
    """Fit (or load from the cache) NMF topics over the training corpora.

    Parameters
    ----------
    seed : int
        Seeds the NMF (and the QUICK subsample).
    quick : bool
        Use the QUICK subsample of :func:`~arabic_news.topics.features.topic_data`.
    n_topics : int
        Number of NMF components.
    """
    from sklearn.decomposition import NMF

    from ..cache import cached
    from ..lexicon import stopwords
    from ..stem import get_stemmer

    if n_topics < 2:
        raise ValueError(f"n_topics must be >= 2, got {n_topics}")
    data = topic_data(seed=seed, quick=quick)
    rows = np.arange(data.counts.shape[0])

    def build():
        stem = get_stemmer("light")
        stop = {stem(w) for w in stopwords()} | set(stopwords())
        df = np.bincount(data.counts.indices, minlength=data.counts.shape[1])
        uni = np.array([" " not in t and t not in stop and not t.isdigit() and len(t) > 1 for t in data.vocabulary])
        cand = np.flatnonzero(uni & (df >= min(MIN_DF, max(2, len(rows) // 200))))
        cols = np.sort(cand[np.argsort(-df[cand], kind="stable")[:MAX_TERMS]])
        n = len(rows)
        idf = np.log((1.0 + n) / (1.0 + df[cols])) + 1.0
        X = tfidf_apply(data.counts, rows, TfidfState(cols, idf))
        nmf = NMF(n_components=n_topics, init="nndsvda", random_state=seed, max_iter=300, tol=1e-3)
        W = nmf.fit_transform(X)
        return {"columns": cols, "idf": idf, "W": W.astype(np.float32), "H": nmf.components_.astype(np.float32)}

    def save(v, p: Path) -> None:
        with open(p, "wb") as fh:
            np.savez(fh, **v)

    def load(p: Path):
        with np.load(p, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}

    v = cached("topic-landscape", _key(data, seed=seed, n_topics=n_topics), build, save=save, load=load, suffix=".npz")
    state = TfidfState(v["columns"], v["idf"])
    return Landscape(data, state, v["W"], v["H"], tfidf_apply(data.counts, rows, state))
