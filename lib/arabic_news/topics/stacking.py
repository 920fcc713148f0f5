"""The topic classifier: n-gram LinearSVC (+ optional sentence-encoder features), calibrated across outlets.

:class:`StackedTopicClassifier` takes a feature matrix whose first columns are
the n-gram TF-IDF and whose last ``n_dense`` columns (optional) are sentence
embeddings (:class:`SentenceEncoderFeatures`, appended by a ``FeatureUnion``).

Level 0
    ``mode="stack"``: a LinearSVC on the n-gram columns and, if ``n_dense``,
    a second LinearSVC on the embeddings; ``mode="concat"``: one LinearSVC
    on the n-gram columns side by side with ``dense_weight`` x the embeddings.
Level 1 (calibration)
    A multinomial logistic regression on the level-0 scores, fitted on
    *out-of-fold* scores.  The folds are given by ``groups`` (fold labels): the
    lab passes group-aware SANAD folds plus **one fold per weak-labelled
    outlet**, so the weak articles are scored by models that never saw their
    outlet.  The calibrator therefore learns how far the scores can be trusted
    on an unfamiliar newspaper, and confidence drops there.

For the n-gram path the class logits are linear in the TF-IDF vector:
:attr:`coef_` (``meta coefficients @ SVC weights``) gives the exact per-n-gram
contributions used by :mod:`~arabic_news.topics.explain`.

>>> import numpy as np
>>> from scipy import sparse
>>> X = sparse.csr_matrix(np.eye(6)[[0, 1, 2, 3, 4, 5] * 3] + 0.1)
>>> y = np.array(["a", "a", "b", "b", "c", "c"] * 3)
>>> clf = StackedTopicClassifier(cv=3, seed=0).fit(X, y)
>>> clf.predict(X[:2]).tolist(), clf.predict_proba(X[:1]).shape
(['a', 'a'], (1, 3))
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

__all__ = ["StackedTopicClassifier", "SentenceEncoderFeatures", "fold_labels", "max_logit", "ENCODER_MAX_CHARS"]

#: characters of each article given to the sentence encoder (the lead; see bench/topics.py for the measured cost)
ENCODER_MAX_CHARS = 300


class SentenceEncoderFeatures(TransformerMixin, BaseEstimator):
    """Texts -> ``(n, 512)`` sentence embeddings of each text's first ``max_chars`` characters.

    Stateless (``fit`` learns nothing); vectors are cached per text by :mod:`arabic_news.embed`.
    """

    def __init__(self, max_chars: int = ENCODER_MAX_CHARS):
        self.max_chars = max_chars

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        from ..embed import embed

        return embed(list(X), max_chars=self.max_chars)


def max_logit(decision: np.ndarray) -> np.ndarray:
    """The strongest class logit per row of a calibrator's ``decision_function`` (two classes: ``|d| / 2``).

    >>> max_logit(np.array([[1.0, -2.0, 0.5]])).tolist(), max_logit(np.array([3.0, -1.0])).tolist()
    ([1.0], [1.5, 0.5])
    """
    d = np.asarray(decision, dtype=np.float64)
    return np.abs(d) / 2 if d.ndim == 1 else d.max(axis=1)


def fold_labels(labels: np.ndarray, dup_groups: np.ndarray, outlets: np.ndarray, *, n_splits: int = 5, seed: int = 0):
    """Fold label per training row: SANAD (``outlets == "alkhaleej"``) in group-aware stratified folds, else its outlet.

    >>> fold_labels(np.array(list("aabbab")), np.arange(6), np.array(["alkhaleej"] * 4 + ["x", "y"]), n_splits=2).tolist()
    ['1', '0', '0', '1', 'x', 'y']
    """
    from ..folds import StratifiedGroupKFold

    out = np.array([str(o) for o in outlets], dtype=object)
    s = np.flatnonzero(outlets == "alkhaleej")
    if len(s):
        sgkf = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        for k, (_, te) in enumerate(sgkf.split(s, labels[s], dup_groups[s])):
            out[s[te]] = str(k)
    return out.astype(str)


class StackedTopicClassifier(ClassifierMixin, BaseEstimator):
    """LinearSVC on n-grams (+ embeddings), calibrated by a logistic regression on out-of-fold scores.

    Parameters
    ----------
    mode : {"stack", "concat"}
        How the embedding columns are combined (ignored when ``n_dense == 0``).
    n_dense : int
        Number of trailing dense (embedding) columns of ``X``.
    C : float
        LinearSVC regularisation.
    dense_C : float
        Regularisation of the LinearSVC on the embeddings (``"stack"``).
    dense_weight : float
        Scale of the embeddings beside the TF-IDF columns (``"concat"``).
    meta_C : float
        Regularisation of the calibrating logistic regression.
    cv : int
        Folds when ``fit`` gets no ``groups``.
    class_weight : None or "balanced"
        Passed to the level-0 models.
    seed : int
    """

    def __init__(
        self,
        *,
        mode: str = "stack",
        n_dense: int = 0,
        C: float = 1.0,
        dense_C: float = 1.0,
        dense_weight: float = 1.0,
        meta_C: float = 1.0,
        cv: int = 5,
        class_weight: str | None = None,
        seed: int = 0,
    ):
        self.mode = mode
        self.n_dense = n_dense
        self.C = C
        self.dense_C = dense_C
        self.dense_weight = dense_weight
        self.meta_C = meta_C
        self.cv = cv
        self.class_weight = class_weight
        self.seed = seed

    # level 0 -----------------------------------------------------------------
    def _split(self, X):
        from scipy import sparse

        X = sparse.csr_matrix(X) if not sparse.issparse(X) else X.tocsr()
        if not self.n_dense:
            return X, None
        nd = X.shape[1] - self.n_dense
        return X[:, :nd], np.asarray(X[:, nd:].toarray(), dtype=np.float64)

    def _fit_level0(self, Xs, E, y, w=None):
        from scipy import sparse
        from sklearn.svm import LinearSVC

        svc = LinearSVC(C=self.C, class_weight=self.class_weight, random_state=self.seed)
        if E is not None and self.mode == "concat":
            svc.fit(sparse.hstack([Xs, sparse.csr_matrix(E * self.dense_weight)]).tocsr(), y, sample_weight=w)
            return svc, None
        svc.fit(Xs, y, sample_weight=w)
        lr = None
        if E is not None:
            lr = LinearSVC(C=self.dense_C, class_weight=self.class_weight, random_state=self.seed)
            lr.fit(E, y, sample_weight=w)
        return svc, lr

    def _scores(self, models, Xs, E):
        from scipy import sparse

        svc, lr = models
        if E is not None and self.mode == "concat":
            s = svc.decision_function(sparse.hstack([Xs, sparse.csr_matrix(E * self.dense_weight)]).tocsr())
        else:
            s = svc.decision_function(Xs)
        s = s.reshape(len(s), -1)  # two classes: one score column
        if lr is not None and self.mode == "stack":
            d = lr.decision_function(E)
            s = np.hstack([s, d.reshape(len(d), -1)])
        return s

    # estimator API -----------------------------------------------------------
    def fit(self, X, y, groups=None, sample_weight=None):
        """Fit level 0 on all rows and the calibrator on out-of-fold level-0 scores.

        ``groups``: fold label per row (see :func:`fold_labels`); rows of one
        label are scored by a level-0 model fitted on all other rows.
        ``sample_weight``: row weights of the level-0 models (e.g. weak-labelled
        outlets up-weighted, :data:`arabic_news.topics.models.WEAK_WEIGHT`); the
        calibrator is fitted unweighted, so probabilities stay calibrated.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        if self.mode not in ("stack", "concat"):
            raise ValueError(f"mode must be 'stack' or 'concat', got {self.mode!r}")
        y = np.asarray(y).astype(str)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError("need at least two classes to train")
        Xs, E = self._split(X)
        w = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if w is not None and (w.shape != y.shape or not np.all(np.isfinite(w)) or (w < 0).any()):
            raise ValueError("sample_weight must be one finite, non-negative weight per row")
        if groups is None:
            folds = np.zeros(len(y), dtype=int)
            smallest = int(min(np.unique(y, return_counts=True)[1]))
            if smallest < 2:
                raise ValueError("every class needs at least two training articles to calibrate")
            skf = StratifiedKFold(n_splits=min(self.cv, smallest), shuffle=True, random_state=self.seed)
            for k, (_, te) in enumerate(skf.split(np.zeros(len(y)), y)):
                folds[te] = k
        else:
            folds = np.asarray(groups)
        oof = None
        for f in np.unique(folds):
            te = folds == f
            tr = ~te
            if len(np.unique(y[tr])) < len(self.classes_):
                raise ValueError(f"fold {str(f)!r}: the other folds lack some class; cannot calibrate")
            m = self._fit_level0(Xs[tr], None if E is None else E[tr], y[tr], None if w is None else w[tr])
            s = self._scores(m, Xs[te], None if E is None else E[te])
            if oof is None:
                oof = np.zeros((len(y), s.shape[1]))
            oof[te] = s
        self.svc_, self.dense_ = self._fit_level0(Xs, E, y, w)
        self.meta_ = LogisticRegression(C=self.meta_C, max_iter=1000).fit(oof, y)
        P = np.sort(self.meta_.predict_proba(oof), axis=1)
        # out-of-fold (top probability, margin) of the training rows: what the open-set rule is tuned against
        self.oof_confidence_ = np.column_stack([P[:, -1], P[:, -1] - P[:, -2]]).astype(np.float32)
        # and the out-of-fold evidence (strongest class logit) with each row's length in n-gram features: the
        # length-aware open-set rule (:mod:`~arabic_news.topics.openset`) is tuned against these
        self.oof_evidence_ = max_logit(self.meta_.decision_function(oof)).astype(np.float32)
        self.oof_lengths_ = np.diff(Xs.indptr).astype(np.int32)
        return self

    def decision_function(self, X):
        Xs, E = self._split(X)
        return self.meta_.decision_function(self._scores((self.svc_, self.dense_), Xs, E))

    def predict_proba(self, X):
        Xs, E = self._split(X)
        return self.meta_.predict_proba(self._scores((self.svc_, self.dense_), Xs, E))

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def proba_evidence(self, X):
        """``(probabilities, evidence, lengths)`` from one pass: :meth:`predict_proba`, the strongest class logit
        (:func:`max_logit`, what the open-set rule judges) and each row's number of n-gram features."""
        Xs, E = self._split(X)
        scores = self._scores((self.svc_, self.dense_), Xs, E)
        return self.meta_.predict_proba(scores), max_logit(self.meta_.decision_function(scores)), np.diff(Xs.indptr)

    @property
    def coef_(self) -> np.ndarray:
        """Class-logit weights of the n-gram columns (``meta`` weights on the SVC scores @ SVC weights)."""
        W = np.asarray(self.svc_.coef_)
        M = np.asarray(self.meta_.coef_)[:, : W.shape[0]]
        nd = W.shape[1] - (self.n_dense if self.mode == "concat" and self.n_dense else 0)
        out = M @ W[:, :nd]
        if out.shape[0] == 1:  # two classes: logistic regression keeps one row (for classes_[1])
            out = np.vstack([-out[0] / 2, out[0] / 2])
        return out
