"""A compact TF-IDF transformer for persisted models: vocabulary stored as one UTF-8 byte array.

scikit-learn's ``TfidfVectorizer`` keeps its vocabulary as a Python dict; skops
writes such a dict entry by entry (a 450k-term vocabulary became a 580 MB file
taking 40 s to load).  :class:`NgramTfidf` computes the same features
(analyzer n-grams, ``min_df``, smoothed idf, sublinear tf, L2 norm) but stores
its terms as one ``uint8`` array of ``"\\n"``-joined UTF-8 (a few MB, loaded in
milliseconds) and rebuilds the term index on first use.

>>> from arabic_news.stem import ArabicAnalyzer
>>> v = NgramTfidf(analyzer=ArabicAnalyzer(), min_df=1).fit(["فاز الفريق", "خسر الفريق"])
>>> v.get_feature_names_out().tolist()
['خسر', 'فاز', 'فريق']
>>> v.transform(["الفريق فاز"]).shape
(1, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["NgramTfidf"]


class NgramTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF over the n-grams of a callable ``analyzer`` (equivalent to ``TfidfVectorizer(analyzer=...)``).

    Parameters
    ----------
    analyzer : callable
        ``str -> list[str]``, e.g. :class:`arabic_news.stem.ArabicAnalyzer`.
    min_df : int
        Keep terms in at least this many training documents.
    sublinear_tf : bool
        Use ``1 + log(tf)``.
    """

    def __init__(self, analyzer: Callable[[str], list[str]] | None = None, min_df: int = 2, sublinear_tf: bool = True):
        self.analyzer = analyzer
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf

    # -- fitted state ---------------------------------------------------------
    def set_vocabulary(self, terms: list[str], idf: np.ndarray) -> NgramTfidf:
        """Install a fitted vocabulary (``terms`` in column order) and its idf; returns self."""
        if len(terms) != len(idf):
            raise ValueError(f"{len(terms)} terms but {len(idf)} idf values")
        if any("\n" in t for t in terms):
            raise ValueError("terms may not contain newlines")
        self.terms_utf8_ = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8).copy()
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self.n_terms_ = len(terms)
        self._index = None
        return self

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        if not hasattr(self, "terms_utf8_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("NgramTfidf is not fitted yet")
        if self.n_terms_ == 0:
            return np.array([], dtype=object)
        return np.array(self.terms_utf8_.tobytes().decode("utf-8").split("\n"), dtype=object)

    def _term_index(self) -> dict[str, int]:
        if getattr(self, "_index", None) is None:
            self._index = {t: i for i, t in enumerate(self.get_feature_names_out())}
        return self._index

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_index", None)
        return state

    # -- estimator API --------------------------------------------------------
    def _analyzer(self) -> Callable[[str], list[str]]:
        if self.analyzer is None:
            from arabic_news.stem import ArabicAnalyzer

            return ArabicAnalyzer()
        if not callable(self.analyzer):
            raise TypeError(f"analyzer must be callable, got {type(self.analyzer).__name__}")
        return self.analyzer

    def fit(self, X: Iterable[str], y=None) -> NgramTfidf:
        from sklearn.feature_extraction.text import CountVectorizer

        X = list(X)
        if not X:
            raise ValueError("NgramTfidf.fit needs at least one document")
        cv = CountVectorizer(analyzer=self._analyzer(), min_df=self.min_df if len(X) >= self.min_df else 1)
        C = cv.fit_transform(X).tocsr()
        df = np.bincount(C.indices, minlength=C.shape[1])
        idf = np.log((1.0 + len(X)) / (1.0 + df)) + 1.0
        return self.set_vocabulary(cv.get_feature_names_out().tolist(), idf)

    def counts(self, X: Iterable[str]):
        """Raw term counts (documents x terms, CSR) of ``X`` over the fitted vocabulary."""
        from scipy import sparse

        index = self._term_index()
        analyze = self._analyzer()
        indptr, indices = [0], []
        for doc in X:
            if not isinstance(doc, str):
                raise TypeError(f"expected documents as str, got {type(doc).__name__}")
            ids = [index[t] for t in analyze(doc) if t in index]
            indices.extend(ids)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        C = sparse.csr_matrix(
            (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)), shape=(len(indptr) - 1, self.n_terms_)
        )
        C.sum_duplicates()
        return C

    def transform(self, X: Iterable[str]):
        from sklearn.preprocessing import normalize

        C = self.counts(X)
        if self.sublinear_tf:
            C.data = 1.0 + np.log(C.data)
        return normalize(C.multiply(self.idf_[None, :]).tocsr()).astype(np.float32)
