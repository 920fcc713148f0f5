"""Persuasion classifiers, their references and the cached default models.

size: about 450 lines -- the two heads, the model card their training measures, and the skops
cache with its list of trusted types belong together (the cache must list exactly what the models hold).

One feature extractor (:func:`~arabic_news.persuasion.features.make_features`:
word + char n-gram TF-IDF, the rhetoric features and sentence-encoder
embeddings) feeds two heads:

binary (ArAIEval 2023 task 1A, "contains persuasion")
    :class:`ThresholdedLR`: class-balanced logistic regression trained on the
    **news paragraphs** of the pool (the tweets' register lowered the scores on
    paragraphs in grouped CV), with a decision threshold tuned by an inner CV
    grouped by article to maximise macro-F1 averaged over the data re-weighted
    to 60 % and 80 % "true" (:data:`~arabic_news.persuasion.metrics.SHARES`).
techniques (ArMPro coarse classes)
    one-vs-rest ``LogisticRegression(class_weight="balanced")`` over the six
    classes of :data:`~arabic_news.persuasion.data.COARSE_CLASSES`, trained on
    every item of the pool.

References (:func:`make_reference_svm`, :func:`make_majority`) and the
evaluation live in :mod:`arabic_news.persuasion.evaluation`.

The default models are trained on the whole pool (:func:`~arabic_news.persuasion.data.load_pool`:
ArAIEval 2023 train ∪ ArMPro V2 dev, de-duplicated, the ArAIEval 2023 dev news
paragraphs held out) and cached with skops (explicitly trusted types, never
pickle), keyed on the code, the data and the seed; ``quick=True`` trains on a
stratified subsample under a separate key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from ..folds import StratifiedGroupKFold
from ..stem import ArabicAnalyzer
from .data import ARAIEVAL_DIR, ARMPRO_DIR, COARSE_CLASSES, Item, load_pool
from .features import make_features, warm_persuasion_embeddings
from .metrics import SHARES, best_threshold, precision_of_true

__all__ = [
    "PUBLISHED_1A_WINNER_MICRO_F1",
    "QUICK_TRAIN_SIZE",
    "make_binary_head",
    "make_technique_head",
    "make_binary_model",
    "make_technique_model",
    "make_reference_svm",
    "make_majority",
    "label_matrix",
    "quick_subsample",
    "TrainedModels",
    "train_models",
    "default_models",
    "evaluation",
    "ThresholdedLR",
]

#: Published figure (not measured here): ArAIEval 2023 task 1A winner, micro-F1 on the
#: official *test* set (Hasanain et al. 2023), which has a different class balance.
PUBLISHED_1A_WINNER_MICRO_F1 = 0.763
#: Training items kept in quick mode (stratified subsample).
QUICK_TRAIN_SIZE = 600
#: Weight of the dense rhetoric block beside the TF-IDF blocks (chosen by CV on train).
RHETORIC_WEIGHT = 0.05
#: Weight of the embedding block (512 unit-vector dimensions) beside the TF-IDF blocks.
EMBED_WEIGHT = 1.0
POS = "true"


def _features(*, quick: bool, markers: bool = True, embeddings: bool = True):
    f = make_features(markers=markers, quick=quick, embeddings=embeddings)
    weights = {"word": 1.0, "char": 1.0, "rhetoric": RHETORIC_WEIGHT, "embed": EMBED_WEIGHT}
    f.transformer_weights = {name: weights[name] for name, _ in f.transformer_list}
    return f


def _lr(seed: int) -> LogisticRegression:
    # dual liblinear: same solution, ~10x faster when features outnumber texts
    return LogisticRegression(C=1.0, class_weight="balanced", solver="liblinear", dual=True, random_state=seed)


class ThresholdedLR(ClassifierMixin, BaseEstimator):
    """Balanced logistic regression whose threshold is tuned for a shifted share of "true".

    The threshold maximises macro-F1 averaged over the training data
    re-weighted to each share in ``shares``
    (:func:`~arabic_news.persuasion.metrics.shifted_macro_f1`), computed on
    out-of-fold probabilities of an inner cross-validation; the inner folds are
    grouped by article when ``fit`` receives ``groups``.

    ``heldout_`` keeps the precision of "true" of those out-of-fold predictions
    at the tuned threshold (with a CI by group): how reliable a flag is on
    articles the model did not see (:func:`~arabic_news.persuasion.metrics.precision_of_true`).

    Parameters
    ----------
    C : float
        Inverse regularisation strength.
    shares : tuple of float
        Shares of "true" the threshold is tuned for.
    n_splits : int
        Inner folds.
    random_state : int
        Seed of the inner folds and the solver.
    """

    def __init__(self, C: float = 1.0, shares: tuple[float, ...] = SHARES, n_splits: int = 5, random_state: int = 0):
        self.C = C
        self.shares = shares
        self.n_splits = n_splits
        self.random_state = random_state

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C, class_weight="balanced", solver="liblinear", dual=True, random_state=self.random_state
        )

    def fit(self, X, y, groups=None):
        """Inner CV for the threshold, then the final fit on all of ``X``."""
        y = np.asarray(y).astype(str)
        if set(y) != {"true", "false"}:
            raise ValueError("training labels must be 'true' and 'false', both present")
        pos = y == POS
        if groups is None:
            cv = StratifiedKFold(self.n_splits, shuffle=True, random_state=self.random_state).split(X, y)
        else:
            cv = StratifiedGroupKFold(self.n_splits, shuffle=True, random_state=self.random_state).split(X, y, groups)
        oof = np.zeros(len(y))
        for tr, te in cv:
            oof[te] = self._lr().fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
        self.threshold_ = best_threshold(pos, oof, self.shares)
        g = np.arange(len(y)).astype(str) if groups is None else np.asarray(groups).astype(str)
        self.heldout_ = precision_of_true(pos, oof >= self.threshold_, g, seed=self.random_state)
        self.estimator_ = self._lr().fit(X, y)
        self.classes_ = self.estimator_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Columns ``["false", "true"]``."""
        return self.estimator_.predict_proba(X)

    def decision_function(self, X) -> np.ndarray:
        """Log-odds of "true" (before the threshold)."""
        return self.estimator_.decision_function(X)

    def predict(self, X) -> np.ndarray:
        """``"true"`` where P(true) reaches the tuned threshold."""
        return np.where(self.predict_proba(X)[:, 1] >= self.threshold_, POS, "false")


def make_binary_head(*, seed: int = 0, quick: bool = False) -> ThresholdedLR:
    """Balanced logistic regression with its threshold tuned for 60-80 % "true" by an inner CV."""
    return ThresholdedLR(n_splits=3 if quick else 5, random_state=seed)


def make_technique_head(*, seed: int = 0) -> OneVsRestClassifier:
    """One-vs-rest balanced logistic regression over the coarse classes."""
    return OneVsRestClassifier(_lr(seed))


def make_binary_model(*, seed: int = 0, quick: bool = False, markers: bool = True, embeddings: bool = True) -> Pipeline:
    """The lab's binary model as one (unfitted) pipeline: features -> tuned-threshold LR.

    Fit it with ``clf__groups=`` (one article id per text) to group the inner folds.
    """
    feats = _features(quick=quick, markers=markers, embeddings=embeddings)
    return Pipeline([("features", feats), ("clf", make_binary_head(seed=seed, quick=quick))])


def make_technique_model(
    *, seed: int = 0, quick: bool = False, markers: bool = True, embeddings: bool = True
) -> Pipeline:
    """The lab's technique model as one (unfitted) pipeline: features -> one-vs-rest LR."""
    feats = _features(quick=quick, markers=markers, embeddings=embeddings)
    return Pipeline([("features", feats), ("clf", make_technique_head(seed=seed))])


def make_reference_svm(*, seed: int = 0, multilabel: bool = False) -> Pipeline:
    """Reference: plain TF-IDF of word uni+bigrams (ArabicAnalyzer) and a LinearSVC (one-vs-rest if multilabel)."""
    svc = LinearSVC(random_state=seed)
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer=ArabicAnalyzer("word", (1, 2)))),
            ("clf", OneVsRestClassifier(svc) if multilabel else svc),
        ]
    )


def make_majority() -> DummyClassifier:
    """Reference: always the most frequent class (per column for multilabel targets)."""
    return DummyClassifier(strategy="most_frequent")


def label_matrix(items: Sequence[Item]) -> np.ndarray:
    """Indicator matrix ``(n_items, 6)`` of the coarse classes, columns in :data:`COARSE_CLASSES` order."""
    return np.array([[c in it.techniques for c in COARSE_CLASSES] for it in items], dtype=int).reshape(
        len(items), len(COARSE_CLASSES)
    )


def quick_subsample(items: Sequence[Item], *, n: int = QUICK_TRAIN_SIZE, seed: int = 0) -> list[Item]:
    """A stratified (type + label) subsample of ``n`` items, in original order."""
    if n >= len(items):
        return list(items)
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(items))
    strat = [f"{it.type}|{it.label}" for it in items]
    keep, _ = train_test_split(idx, train_size=n, stratify=strat, random_state=seed)
    return [items[i] for i in sorted(keep)]


@dataclass
class TrainedModels:
    """The two fitted pipelines (sharing one fitted feature extractor) and what their inner CV measured.

    ``card`` (see :func:`model_card`): ``threshold``, ``reliability`` (held-out
    precision of "true" on news paragraphs) and ``technique_classes``
    (held-out F1 and support per coarse class, and whether reports may name it).
    """

    binary: Pipeline
    techniques: Pipeline
    card: dict[str, Any] = field(default_factory=dict)


def train_models(
    items: Sequence[Item],
    *,
    seed: int = 0,
    quick: bool = False,
    markers: bool = True,
    embeddings: bool = True,
    technique_card: bool = True,
) -> TrainedModels:
    """Fit the feature extractor once on ``items``, the binary head on their news paragraphs, the technique head on all.

    The binary head's inner threshold CV is grouped by article (:attr:`Item.article`).
    When ``items`` hold no news paragraph (a tweet-only sample), the binary head uses every item.
    ``technique_card=False`` skips the per-class out-of-fold F1 of the card (three more technique
    fits; ``card["technique_classes"]`` is then ``None``): the evaluation's fold models predict
    and are thrown away, so nothing reads their card.
    """
    if not items:
        raise ValueError("no training items")
    texts = [it.text for it in items]
    feats = _features(quick=quick, markers=markers, embeddings=embeddings)
    Z = feats.fit_transform(texts)  # one n-gram count of the training texts (fit, then transform, counts twice)
    for _, step in feats.transformer_list:
        if hasattr(step, "stop_words_"):
            del step.stop_words_  # terms cut by min_df/max_features: large and not needed to predict
    y = np.array([it.label for it in items])
    if len(set(y)) < 2:
        raise ValueError("training items need both labels 'true' and 'false'")
    rows = np.array([it.type == "paragraph" for it in items])
    if len(set(y[rows])) < 2:
        rows[:] = True
    groups = np.array([it.article for it in items])
    b = make_binary_head(seed=seed, quick=quick).fit(Z[rows], y[rows], groups=groups[rows])
    Y = label_matrix(items)
    t = make_technique_head(seed=seed).fit(Z, Y)
    card = {
        "threshold": float(b.threshold_),
        "reliability": {**b.heldout_, "eval": "inner CV of the trained model, grouped by article"},
        "technique_classes": _technique_card(Z, Y, groups, rows, seed=seed) if technique_card else None,
    }
    return TrainedModels(Pipeline([("features", feats), ("clf", b)]), Pipeline([("features", feats), ("clf", t)]), card)


#: A technique class may be named in reports when its held-out F1 and support reach these.
MIN_TECHNIQUE_F1 = 0.5
MIN_TECHNIQUE_SUPPORT = 20


def _technique_card(Z, Y: np.ndarray, groups: np.ndarray, rows: np.ndarray, *, seed: int) -> list[dict[str, Any]]:
    """Per coarse class: out-of-fold F1 (3 folds grouped by article) on the news paragraphs, support, shown."""
    from sklearn.model_selection import GroupKFold

    n_splits = min(3, len(set(groups)))
    P = np.zeros_like(Y)
    if n_splits >= 2:
        for tr, te in GroupKFold(n_splits).split(Z, groups=groups):
            P[te] = make_technique_head(seed=seed).fit(Z[tr], Y[tr]).predict(Z[te])
    out = []
    for j, c in enumerate(COARSE_CLASSES):
        y, p = Y[rows, j].astype(bool), P[rows, j].astype(bool)
        tp, sy, sp = int((y & p).sum()), int(y.sum()), int(p.sum())
        f1 = 2 * tp / (sy + sp) if sy + sp else 0.0
        out.append(
            {"class": c, "f1": f1, "support": sy, "shown": f1 >= MIN_TECHNIQUE_F1 and sy >= MIN_TECHNIQUE_SUPPORT}
        )
    return out


# ---------------------------------------------------------------- caching (skops)

#: Types (beyond skops' defaults) that the cached model files may contain; anything
#: else found in a file is refused.
TRUSTED_TYPES = (
    "arabic_news.stem.ArabicAnalyzer",
    "arabic_news.persuasion.features.RhetoricFeatures",
    "arabic_news.persuasion.features.EmbeddingFeatures",
    "arabic_news.persuasion.models.ThresholdedLR",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.multiclass._ConstantPredictor",  # a class absent from a (quick) training sample
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.preprocessing._label.LabelBinarizer",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "numpy.dtype",
    "builtins.slice",
    "collections.defaultdict",
)


def _split(models: TrainedModels) -> tuple[Any, Any, Any]:
    feats = models.binary.named_steps["features"]
    if models.techniques.named_steps["features"] is not feats:
        raise ValueError("the two pipelines must share one fitted feature extractor")
    return feats, models.binary.named_steps["clf"], models.techniques.named_steps["clf"]


def _save(models: TrainedModels, path) -> None:
    """skops file holding the shared features once; vocabularies as string arrays (fast to load)."""
    import copy

    import skops.io as sio

    feats, b, t = _split(models)
    feats = copy.deepcopy(feats)
    vocab = {}
    for name, step in feats.transformer_list:
        if hasattr(step, "vocabulary_"):
            terms = sorted(step.vocabulary_, key=step.vocabulary_.__getitem__)
            vocab[name] = np.array(terms, dtype=str)
            del step.vocabulary_
    card = json.dumps(models.card)
    sio.dump({"features": feats, "vocabularies": vocab, "binary": b, "techniques": t, "card": card}, path)


def _load(path) -> TrainedModels:
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise ValueError(f"model file {path} contains types that are not trusted: {', '.join(refused)}")
    obj = sio.load(path, trusted=list(untrusted))
    feats = obj["features"]
    for name, step in feats.transformer_list:
        if name in obj["vocabularies"]:
            step.vocabulary_ = {str(t): i for i, t in enumerate(obj["vocabularies"][name])}
    return TrainedModels(
        Pipeline([("features", feats), ("clf", obj["binary"])]),
        Pipeline([("features", feats), ("clf", obj["techniques"])]),
        json.loads(obj.get("card", "{}")),
    )


#: The rhetoric data files the marker features read (the rest of data/rhetoric/ serves attribution).
_MARKER_FILES = ("boosters", "hedges", "emphasis", "evaluative", "marker_exclusions")


def _wordlist_fingerprint() -> str:
    """Content hash of the word lists the features read (persuasion cues, stemmer tables, marker lexicons)."""
    from importlib import resources

    from ..cache import fingerprint

    data = resources.files("arabic_news").joinpath("data")
    parts = []
    for sub in ("persuasion", "lexicons"):
        parts += [
            (sub, p.name, p.read_text("utf-8"))
            for p in sorted(data.joinpath(sub).iterdir(), key=lambda p: p.name)
            if p.name.endswith(".txt")
        ]
    for name in _MARKER_FILES:
        f = data.joinpath("rhetoric", f"{name}.txt")
        if f.is_file():
            parts.append(("rhetoric", name, f.read_text("utf-8")))
    return fingerprint(*parts)


def _model_key(seed: int, quick: bool) -> str:
    import sklearn

    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..embed import encoder_version
    from ..paths import data_path

    return fingerprint(
        "persuasion-models",
        code_fingerprint(
            "arabic_news.persuasion.data",
            "arabic_news.persuasion.features",
            "arabic_news.persuasion.models",
            "arabic_news.stem",
            "arabic_news.normalise",
            "arabic_news.tokenise",
            "arabic_news.lexicon",
            "arabic_news.rhetoric.markers",
            "arabic_news.rhetoric._lexicon",
            "arabic_news.persuasion.metrics",
            "arabic_news.embed",
        ),
        encoder_version(),
        _wordlist_fingerprint(),
        data_fingerprint(data_path(ARAIEVAL_DIR)),
        data_fingerprint(data_path(ARMPRO_DIR)),
        sklearn.__version__,
        seed=seed,
        quick=quick,
    )


_MEMO: dict[tuple[str, int, bool], TrainedModels] = {}


def default_models(*, seed: int = 0, quick: bool = False) -> TrainedModels:
    """The default models trained on the shared data (cached on disk and in memory).

    Cold: see ``bench/persuasion.py`` (it times the embeddings and the training) or a few seconds (``quick=True``, a
    :data:`QUICK_TRAIN_SIZE`-item subsample).
    """
    from ..cache import cached

    key = _model_key(seed, quick)
    memo = (key, seed, quick)
    if memo not in _MEMO:

        def build() -> TrainedModels:
            train = load_pool().train
            if quick:
                train = quick_subsample(train, seed=seed)
            else:
                warm_persuasion_embeddings()
            return train_models(train, seed=seed, quick=quick)

        _MEMO[memo] = cached("persuasion-models", key, build, save=_save, load=_load, suffix=".skops")
    return _MEMO[memo]


def evaluation(*, seed: int = 0, quick: bool = False) -> dict[str, Any]:
    """The cached evaluation (kept here for existing callers; see :func:`arabic_news.persuasion.evaluation.evaluation`)."""
    from .evaluation import evaluation as _evaluation

    return _evaluation(seed=seed, quick=quick)
