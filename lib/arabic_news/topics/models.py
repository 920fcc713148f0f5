"""Topic classifiers: pipelines, the group-aware held-out split, and the lab's default model.

Pipelines (:func:`make_pipeline`) are scikit-learn ``Pipeline`` objects::

    clean (BoilerplateCleaner) -> tfidf (TfidfVectorizer on ArabicAnalyzer stems) -> clf

with ``clf`` one of :data:`CLASSIFIERS`.  They take raw article texts, so
``clone``, ``fit`` and ``predict`` work on any list of strings.

The *default model* (:func:`default_model`) is a LinearSVC on stemmed n-grams
calibrated across outlets (:class:`~arabic_news.topics.stacking.StackedTopicClassifier`:
a logistic regression on out-of-fold scores where each weak-labelled outlet is
scored by a model that never saw it), trained on the SANAD articles outside the
held-out split plus the weak-labelled SaudiNewsNet articles
(:mod:`~arabic_news.topics.weak_labels`).  It is built from the cached counts
(:mod:`~arabic_news.topics.features`), carries its open-set thresholds
(:mod:`~arabic_news.topics.openset`) and is cached as a skops file keyed on
code, data and seed.  Sentence-encoder variants are measured in
``bench/topics.py`` (:mod:`~arabic_news.topics.robustness`) and chosen between
by inner validation (:mod:`~arabic_news.topics.selection`); the default does
not use the encoder (see :data:`USES_ENCODER`).  Up-weighting the weak-labelled
outlets is an option (``pipeline_from_counts(..., weak_weight=3)``, recipe
parameter ``weak_weight``), not the default (:data:`WEAK_WEIGHT`).
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import TopicData, make_vectorizer, tfidf_apply, tfidf_fit, topic_data

__all__ = [
    "CLASSIFIERS",
    "make_classifier",
    "make_pipeline",
    "encoder_pipeline",
    "reference_pipeline",
    "heldout_split",
    "training_rows",
    "pipeline_from_counts",
    "default_model",
    "default_model_path",
    "DEFAULT_KIND",
    "WEAK_WEIGHT",
    "sample_weights",
]

CLASSIFIERS = ("stacked", "svc", "calibrated-svc", "logreg", "cnb")
DEFAULT_KIND = "stacked"
#: whether the default model uses sentence-encoder features (decided from bench/topics.py's numbers: see README)
USES_ENCODER = False
#: level-0 weight of the weak-labelled SaudiNewsNet rows in the default model.  3.0 gained about half a point of
#: inner-validation accuracy with plain LinearSVCs (:mod:`~arabic_news.topics.selection`), but the weighted fits took
#: several times longer than the 2x training-time budget allows, so the default stays unweighted.
WEAK_WEIGHT = 1.0
HELDOUT_FOLDS = 5  # held-out = one fold of five (20% of SANAD), group- and class-stratified


def make_classifier(kind: str = DEFAULT_KIND, *, seed: int = 0, C: float | None = None):
    """An unfitted classifier by name.

    ``"stacked"``: LinearSVC calibrated by a logistic regression on
    out-of-fold scores (:class:`~arabic_news.topics.stacking.StackedTopicClassifier`;
    pass fold labels as ``fit(..., groups=)`` / ``clf__groups``); ``"svc"``: ``LinearSVC(C=1)``; ``"calibrated-svc"``: the same wrapped in
    ``CalibratedClassifierCV(method="sigmoid", cv=3, ensemble=False)`` (one SVC
    on all data, Platt scaling fitted on 3-fold out-of-fold scores);
    ``"logreg"``: one-vs-rest ``LogisticRegression(C=30)`` solved in the dual by liblinear (converged; about
    1.2 CPU-s per SANAD CV fold, where the multinomial saga solver capped at 50 epochs took 4.6 s for 0.3 points
    less macro-F1 on the first two tuning folds); ``"cnb"``:
    ``ComplementNB(alpha=0.3)``.

    >>> make_classifier("svc", seed=1)
    LinearSVC(random_state=1)
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    if kind == "stacked":
        from .stacking import StackedTopicClassifier

        return StackedTopicClassifier(C=1.0 if C is None else C, seed=seed)
    if kind == "svc":
        return LinearSVC(C=1.0 if C is None else C, random_state=seed)
    if kind == "calibrated-svc":
        return CalibratedClassifierCV(
            LinearSVC(C=1.0 if C is None else C, random_state=seed), method="sigmoid", cv=3, ensemble=False
        )
    if kind == "logreg":
        from sklearn.multiclass import OneVsRestClassifier

        return OneVsRestClassifier(
            LogisticRegression(C=30.0 if C is None else C, solver="liblinear", dual=True, random_state=seed)
        )
    if kind == "cnb":
        return ComplementNB(alpha=0.3 if C is None else C)
    raise ValueError(f"unknown classifier {kind!r}; choose one of: {', '.join(CLASSIFIERS)}")


def make_pipeline(kind: str = DEFAULT_KIND, *, seed: int = 0, C: float | None = None, clean: bool = True):
    """The lab's topic pipeline (unfitted): boilerplate cleaning, stemmed 1-2-gram TF-IDF, classifier.

    >>> [name for name, _ in make_pipeline("cnb").steps]
    ['clean', 'tfidf', 'clf']
    """
    from sklearn.pipeline import Pipeline

    from .clean import BoilerplateCleaner

    return Pipeline(
        [
            ("clean", BoilerplateCleaner(enabled=clean)),
            ("tfidf", make_vectorizer()),
            ("clf", make_classifier(kind, seed=seed, C=C)),
        ]
    )


def encoder_pipeline(mode: str = "stack", *, seed: int = 0):
    """The n-gram pipeline with sentence-encoder features beside the TF-IDF (unfitted): the encoder recipes from text.

    ``clean -> features (FeatureUnion: tfidf, encoder) -> clf``; ``clf`` is a
    :class:`~arabic_news.topics.stacking.StackedTopicClassifier` with the 512
    encoder columns stacked (``mode="stack"``) or concatenated (``"concat"``),
    as the recipes ``"stack+encoder"`` / ``"concat+encoder"`` of
    :mod:`~arabic_news.topics.robustness` (which fit the same model from the
    cached counts and corpus embeddings).  Pass fold labels as ``clf__groups``.

    >>> [name for name, _ in encoder_pipeline("concat").steps]
    ['clean', 'features', 'clf']
    """
    from sklearn.pipeline import FeatureUnion, Pipeline

    from ..embed import DIM
    from .clean import BoilerplateCleaner
    from .stacking import SentenceEncoderFeatures, StackedTopicClassifier

    if mode not in ("stack", "concat"):
        raise ValueError(f"mode must be 'stack' or 'concat', got {mode!r}")
    return Pipeline(
        [
            ("clean", BoilerplateCleaner()),
            ("features", FeatureUnion([("tfidf", make_vectorizer()), ("encoder", SentenceEncoderFeatures())])),
            ("clf", StackedTopicClassifier(mode=mode, n_dense=DIM, seed=seed)),
        ]
    )


def reference_pipeline(*, seed: int = 0):
    """The plain reference: word 1-2-gram TF-IDF + LinearSVC, scikit-learn defaults, no cleaning/stemming.

    Only the tokeniser is the lab's (:func:`arabic_news.tokenise.words`):
    scikit-learn's default ``token_pattern`` shreds Arabic.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    from ..tokenise import words

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, ngram_range=(1, 2))),
            ("clf", LinearSVC(random_state=seed)),
        ]
    )


def heldout_split(data: TopicData, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Row indices ``(train_pool, heldout)`` of SANAD: one fold of a 5-fold ``StratifiedGroupKFold``.

    Groups are the duplicate clusters, so no exact or near-duplicate straddles
    the split.  Weak-labelled rows are never held out.
    """
    from ..folds import StratifiedGroupKFold

    s = np.flatnonzero(data.is_sanad)
    sgkf = StratifiedGroupKFold(n_splits=HELDOUT_FOLDS, shuffle=True, random_state=seed)
    tr, te = next(sgkf.split(s, data.labels[s], data.groups[s]))
    return s[tr], s[te]


def training_rows(
    data: TopicData,
    test_rows: np.ndarray,
    *,
    sanad: np.ndarray | None = None,
    weak: bool = True,
    exclude_outlets: tuple[str, ...] = (),
) -> np.ndarray:
    """Rows to train on: SANAD ``sanad`` rows (+ weak rows), minus anything sharing a duplicate group with a test row."""
    rows = [np.flatnonzero(data.is_sanad) if sanad is None else np.asarray(sanad)]
    if weak:
        w = ~data.is_sanad & ~np.isin(data.outlet_group, list(exclude_outlets))
        rows.append(np.flatnonzero(w))
    rows_a = np.unique(np.concatenate(rows))
    bad = np.isin(data.groups[rows_a], data.groups[np.asarray(test_rows)])
    rows_a = rows_a[~bad]
    return np.setdiff1d(rows_a, test_rows)


def sample_weights(data: TopicData, rows: np.ndarray, weak_weight: float = 1.0) -> np.ndarray | None:
    """Level-0 row weights: 1 for SANAD rows, ``weak_weight`` for weak-labelled rows (None when all are 1).

    >>> from types import SimpleNamespace
    >>> sample_weights(SimpleNamespace(is_sanad=np.array([True, False])), np.array([0, 1]), 3.0).tolist()
    [1.0, 3.0]
    """
    if weak_weight == 1.0:
        return None
    if not weak_weight > 0:
        raise ValueError(f"weak_weight must be positive, got {weak_weight}")
    return np.where(data.is_sanad[rows], 1.0, float(weak_weight))


def pipeline_from_counts(
    data: TopicData,
    rows: np.ndarray,
    *,
    kind: str = DEFAULT_KIND,
    seed: int = 0,
    C: float | None = None,
    weak_weight: float | None = None,
):
    """Fit a :func:`make_pipeline`-equivalent pipeline on ``rows`` from the cached counts.

    The vectoriser gets the vocabulary and idf a ``TfidfVectorizer`` fitted on
    those rows' texts would learn (same analyzer, ``min_df``, sublinear tf),
    without re-tokenising the corpus.  ``weak_weight`` (default
    :data:`WEAK_WEIGHT`, stacked classifier only) weights the weak-labelled rows.
    """
    from sklearn.pipeline import Pipeline

    from .clean import BoilerplateCleaner

    state = tfidf_fit(data.counts, rows)
    X = tfidf_apply(data.counts, rows, state)
    clf = make_classifier(kind, seed=seed, C=C)
    if kind == "stacked":
        from .stacking import fold_labels

        y = data.labels[rows]
        w = sample_weights(data, rows, WEAK_WEIGHT if weak_weight is None else weak_weight)
        clf.fit(X, y, groups=fold_labels(y, data.groups[rows], data.outlet_group[rows], seed=seed), sample_weight=w)
    else:
        clf.fit(X, data.labels[rows])
    vec = make_vectorizer().set_vocabulary([data.vocabulary[c] for c in state.columns], state.idf)
    return Pipeline([("clean", BoilerplateCleaner()), ("tfidf", vec), ("clf", clf)])


def _model_key(*, seed: int, quick: bool, data_key: str) -> str:
    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from .features import _package_data_dir

    return fingerprint(
        "topic-default-v2",
        data_key,
        data_fingerprint(_package_data_dir() / "topics" / "outside_examples.tsv"),  # open-set thresholds
        code_fingerprint("arabic_news.topics.models", "arabic_news.topics.stacking", "arabic_news.topics.openset"),
        seed=seed,
        quick=quick,
        kind=DEFAULT_KIND,
        weak_weight=WEAK_WEIGHT,
    )


def default_model_path(*, seed: int = 0, quick: bool = False) -> Path:
    """Where the cached default model for ``(seed, quick)`` lives (it may not exist yet)."""
    from ..paths import cache_dir
    from .features import features_key

    # the key needs only fingerprints, not the corpora: a cached model loads without reading SANAD
    return (
        cache_dir("topic-default")
        / f"{_model_key(seed=seed, quick=quick, data_key=features_key(seed=seed, quick=quick))}.skops"
    )


def _choose_openset(model, *, seed: int) -> dict:
    """Open-set rule of a fitted stacked pipeline: length thresholds from its in-class out-of-fold rows only.

    Also the probability thresholds of the fallback rule (in-class out-of-fold rows + the ``tune`` hand-written
    examples) and, for the record, both rules' detection rate on the ``tune`` examples and their in-class flag rate.
    """
    from .openset import (
        LengthAwareRule,
        choose_length_thresholds,
        choose_thresholds,
        confidence,
        model_evidence,
        outside_examples,
    )

    clf = model.steps[-1][1]
    texts = [r["text"] for r in outside_examples("tune")]
    table = choose_length_thresholds(clf.oof_evidence_, clf.oof_lengths_)
    proba, evidence, lengths = model_evidence(model, texts)
    fallback = choose_thresholds(clf.oof_confidence_, confidence(proba))
    rule = LengthAwareRule(tuple(table["lengths"]), tuple(table["thresholds"]), table["alpha"])
    return {
        **table,
        "detected": round(float(rule.flags(evidence, lengths).mean()), 4),
        "false_flag": round(float(rule.flags(clf.oof_evidence_, clf.oof_lengths_).mean()), 4),
        "min_top": fallback["min_top"],
        "min_margin": fallback["min_margin"],
        "fallback_detected": fallback["detected"],
        "fallback_false_flag": fallback["false_flag"],
    }


@lru_cache(maxsize=4)
def default_model(*, seed: int = 0, quick: bool = False):
    """The lab's default topic model (fitted ``Pipeline``), built once and cached.

    Trained on SANAD minus its held-out split (see :func:`heldout_split`) plus
    the weak-labelled SaudiNewsNet articles; LinearSVC on stemmed word
    1-2-gram TF-IDF of boilerplate-cleaned text, calibrated across outlets,
    with its open-set rule in ``training_info_["openset"]`` (length thresholds and the
    fallback probability thresholds; :func:`~arabic_news.topics.openset.rule_of`).  ``quick=True`` uses the
    subsample of :func:`~arabic_news.topics.features.topic_data` (separate
    cache entry).  The model's ``training_info_`` dict records rows used and
    training time.

    Parameters
    ----------
    seed : int
        Seed of the held-out split and of the classifier.
    quick : bool
        Train on a small subsample (notebooks' QUICK mode).
    """
    from .persistence import load_model, save_model

    path = default_model_path(seed=seed, quick=quick)
    if path.exists():
        try:
            return load_model(path)
        except Exception:  # noqa: BLE001 -- stale or corrupt cache entry: rebuild
            path.unlink(missing_ok=True)
    data = topic_data(seed=seed, quick=quick)
    pool, held = heldout_split(data, seed=seed)
    rows = training_rows(data, held, sanad=pool, weak=True)
    t0 = time.perf_counter()
    model = pipeline_from_counts(data, rows, seed=seed)
    seconds = time.perf_counter() - t0
    openset = _choose_openset(model, seed=seed)
    info = {
        "rows": int(len(rows)),
        "sanad_rows": int(data.is_sanad[rows].sum()),
        "weak_rows": int((~data.is_sanad[rows]).sum()),
        "heldout_rows": int(len(held)),
        "seed": seed,
        "quick": quick,
        "fit_seconds_from_counts": round(seconds, 2),
        "openset": openset,
    }
    save_model(model, path, info=info)
    return load_model(path)
