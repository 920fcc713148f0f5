"""Persuasion classifiers, their references, evaluation and the cached default models.

Two heads share one feature extractor (:func:`~arabic_news.persuasion.features.make_features`:
word + char n-gram TF-IDF and the rhetoric features):

binary (ArAIEval 2023 task 1A, "contains persuasion")
    ``LogisticRegression(class_weight="balanced")`` whose decision threshold is
    tuned by stratified CV on the training data only
    (``TunedThresholdClassifierCV``).  The tuning objective is the mean of
    micro- and macro-F1 (:func:`mean_micro_macro_f1`): about 80 % of the items
    are "true", so micro-F1 alone rewards saying "true" to everything and
    macro-F1 alone sacrifices too much accuracy.
techniques (ArMPro coarse classes)
    one-vs-rest ``LogisticRegression(class_weight="balanced")`` over the six
    coarse classes in :data:`~arabic_news.persuasion.data.COARSE_CLASSES`,
    trained on the task 1B techniques mapped to coarse classes.

References computed in the same run (:func:`evaluate`): the majority class
(``DummyClassifier``) and a plain TF-IDF (word uni+bigrams via
:class:`~arabic_news.stem.ArabicAnalyzer`) ``LinearSVC``.

The default models are trained on the whole (de-duplicated) training file and
cached with skops (explicitly trusted types, never pickle), keyed on the code,
the data and the seed; ``quick=True`` trains on a stratified subsample under a
separate key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, make_scorer
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from ..stem import ArabicAnalyzer
from .data import ARAIEVAL_DIR, ARMPRO_DIR, COARSE_CLASSES, Item, PersuasionData, load_persuasion
from .features import make_features

__all__ = [
    "PUBLISHED_1A_WINNER_MICRO_F1",
    "QUICK_TRAIN_SIZE",
    "mean_micro_macro_f1",
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
    "evaluate",
    "evaluation",
]

#: Published figure (not measured here): ArAIEval 2023 task 1A winner, micro-F1 on the
#: official *test* set (Hasanain et al. 2023), which has a different class balance.
PUBLISHED_1A_WINNER_MICRO_F1 = 0.763
#: Training items kept in quick mode (stratified subsample).
QUICK_TRAIN_SIZE = 600
#: Weight of the dense rhetoric block beside the TF-IDF blocks (chosen by CV on train).
RHETORIC_WEIGHT = 0.05
POS = "true"


def mean_micro_macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Mean of micro- and macro-F1: the threshold-tuning objective of the binary model.

    >>> round(mean_micro_macro_f1(["true", "true", "false"], ["true", "true", "true"]), 3)
    0.533
    """
    return 0.5 * (f1_score(y_true, y_pred, average="micro") + f1_score(y_true, y_pred, average="macro"))


def _features(*, quick: bool, markers: bool = True):
    f = make_features(markers=markers, quick=quick)
    f.transformer_weights = {"word": 1.0, "char": 1.0, "rhetoric": RHETORIC_WEIGHT}
    return f


def _lr(seed: int) -> LogisticRegression:
    # dual liblinear: same solution, ~10x faster when features outnumber texts
    return LogisticRegression(C=1.0, class_weight="balanced", solver="liblinear", dual=True, random_state=seed)


def make_binary_head(*, seed: int = 0, quick: bool = False) -> TunedThresholdClassifierCV:
    """Balanced logistic regression with its threshold tuned by stratified CV (on the data it is fit on)."""
    return TunedThresholdClassifierCV(
        _lr(seed),
        scoring=make_scorer(mean_micro_macro_f1),
        response_method="predict_proba",
        cv=StratifiedKFold(3 if quick else 5, shuffle=True, random_state=seed),
        random_state=seed,
    )


def make_technique_head(*, seed: int = 0) -> OneVsRestClassifier:
    """One-vs-rest balanced logistic regression over the coarse classes."""
    return OneVsRestClassifier(_lr(seed))


def make_binary_model(*, seed: int = 0, quick: bool = False, markers: bool = True) -> Pipeline:
    """The lab's binary model as one (unfitted) pipeline: features -> tuned-threshold LR."""
    return Pipeline(
        [("features", _features(quick=quick, markers=markers)), ("clf", make_binary_head(seed=seed, quick=quick))]
    )


def make_technique_model(*, seed: int = 0, quick: bool = False, markers: bool = True) -> Pipeline:
    """The lab's technique model as one (unfitted) pipeline: features -> one-vs-rest LR."""
    return Pipeline([("features", _features(quick=quick, markers=markers)), ("clf", make_technique_head(seed=seed))])


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


def _strata(items: Sequence[Item], n_splits: int) -> np.ndarray:
    """Stratum per item: type + rarest coarse class (or 'none'); rare strata fall back to type + label."""
    counts: dict[str, int] = {}
    for it in items:
        for c in it.techniques:
            counts[c] = counts.get(c, 0) + 1
    keys = []
    for it in items:
        rarest = min(it.techniques, key=lambda c: counts[c]) if it.techniques else "none"
        keys.append(f"{it.type}|{rarest}")
    keys_arr = np.array(keys, dtype=object)
    for k in set(keys):
        if (keys_arr == k).sum() < n_splits:
            idx = keys_arr == k
            keys_arr[idx] = [f"{it.type}|{it.label}" for it, m in zip(items, idx) if m]
    return keys_arr.astype(str)


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
    """The two fitted pipelines (sharing one fitted feature extractor)."""

    binary: Pipeline
    techniques: Pipeline


def train_models(items: Sequence[Item], *, seed: int = 0, quick: bool = False, markers: bool = True) -> TrainedModels:
    """Fit the feature extractor once and both heads on ``items``.

    Equivalent to fitting :func:`make_binary_model` and :func:`make_technique_model`
    separately (the features are unsupervised), at half the cost.
    """
    if not items:
        raise ValueError("no training items")
    texts = [it.text for it in items]
    feats = _features(quick=quick, markers=markers).fit(texts)
    for _, step in feats.transformer_list:
        if hasattr(step, "stop_words_"):
            del step.stop_words_  # terms cut by min_df/max_features: large and not needed to predict
    Z = feats.transform(texts)
    y = np.array([it.label for it in items])
    if len(set(y)) < 2:
        raise ValueError("training items need both labels 'true' and 'false'")
    b = make_binary_head(seed=seed, quick=quick).fit(Z, y)
    t = make_technique_head(seed=seed).fit(Z, label_matrix(items))
    return TrainedModels(Pipeline([("features", feats), ("clf", b)]), Pipeline([("features", feats), ("clf", t)]))


# ---------------------------------------------------------------- caching (skops)

#: Types (beyond skops' defaults) that the cached model files may contain; anything
#: else found in a file is refused.
TRUSTED_TYPES = (
    "arabic_news.stem.ArabicAnalyzer",
    "arabic_news.persuasion.features.RhetoricFeatures",
    "arabic_news.persuasion.models.mean_micro_macro_f1",
    "sklearn.metrics._scorer._Scorer",
    "sklearn.metrics._scorer._CurveScorer",
    "sklearn.utils._metadata_requests.MetadataRequest",
    "sklearn.utils._metadata_requests.MethodMetadataRequest",
    "sklearn.model_selection._classification_threshold.TunedThresholdClassifierCV",
    "sklearn.model_selection._split.StratifiedKFold",
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
    sio.dump({"features": feats, "vocabularies": vocab, "binary": b, "techniques": t}, path)


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
        ),
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

    Cold: about 20 s (full) or a few seconds (``quick=True``, a
    :data:`QUICK_TRAIN_SIZE`-item subsample).
    """
    from ..cache import cached

    key = _model_key(seed, quick)
    memo = (key, seed, quick)
    if memo not in _MEMO:

        def build() -> TrainedModels:
            data = load_persuasion()
            train = quick_subsample(data.train, seed=seed) if quick else data.train
            return train_models(train, seed=seed, quick=quick)

        _MEMO[memo] = cached("persuasion-models", key, build, save=_save, load=_load, suffix=".skops")
    return _MEMO[memo]


# ---------------------------------------------------------------- evaluation


def _f1(y_true, y_pred) -> dict[str, float]:
    return {
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


def evaluate(
    data: PersuasionData | None = None, *, seed: int = 0, quick: bool = False, n_splits: int | None = None
) -> dict[str, Any]:
    """Cross-validate on train and check on the held-out sets: the lab's models and both references.

    The binary task is scored on news paragraphs (``type == "paragraph"``):
    in the CV folds (training on tweets and paragraphs), on the ArAIEval dev
    paragraphs, and on the de-duplicated ArMPro dev paragraphs; scores on all
    items (tweets too) are given as ``*_all``.  The technique task is scored on
    the same folds (paragraphs) and on ArMPro dev (its home data set).

    Returns
    -------
    dict
        ``{"rows": [{"task", "model", "eval", "n", "micro_f1", "macro_f1"}, ...],
        "counts": {...}, "oof": {"y", "pred", "score", "type"}, "published": {...}}``
        where ``oof`` holds the binary model's out-of-fold predictions.
    """
    data = data or load_persuasion()
    train = quick_subsample(data.train, seed=seed) if quick else list(data.train)
    n_splits = n_splits or (3 if quick else 5)
    texts = np.array([it.text for it in train], dtype=object)
    y = np.array([it.label for it in train])
    Y = label_matrix(train)
    para = np.array([it.type == "paragraph" for it in train])
    folds = list(StratifiedKFold(n_splits, shuffle=True, random_state=seed).split(texts, _strata(train, n_splits)))

    names = ("lab", "tfidf_svm", "majority")
    pred_b = {m: np.empty(len(train), dtype=object) for m in names}
    pred_t = {m: np.zeros_like(Y) for m in names}
    score = np.zeros(len(train))
    for tr, te in folds:
        trained = train_models([train[i] for i in tr], seed=seed, quick=quick)
        pred_b["lab"][te] = trained.binary.predict(list(texts[te]))
        score[te] = trained.binary.predict_proba(list(texts[te]))[:, 1]
        pred_t["lab"][te] = trained.techniques.predict(list(texts[te]))
        pred_b["tfidf_svm"][te] = make_reference_svm(seed=seed).fit(list(texts[tr]), y[tr]).predict(list(texts[te]))
        pred_t["tfidf_svm"][te] = (
            make_reference_svm(seed=seed, multilabel=True).fit(list(texts[tr]), Y[tr]).predict(list(texts[te]))
        )
        pred_b["majority"][te] = make_majority().fit(texts[tr], y[tr]).predict(texts[te])
        pred_t["majority"][te] = make_majority().fit(texts[tr], Y[tr]).predict(texts[te])

    rows: list[dict[str, Any]] = []

    def add(task, model, ev, yt, yp):
        rows.append({"task": task, "model": model, "eval": ev, "n": int(len(yt)), **_f1(yt, yp)})

    for m in names:
        add("binary", m, f"cv{n_splits}_paragraphs", y[para], pred_b[m][para])
        add("binary", m, f"cv{n_splits}_all", y, pred_b[m])
        add("techniques", m, f"cv{n_splits}_paragraphs", Y[para], pred_t[m][para])

    # held-out: models fit on the whole training set
    full = default_models(seed=seed, quick=quick)
    tr_texts = list(texts)
    refs_b = {"tfidf_svm": make_reference_svm(seed=seed).fit(tr_texts, y), "majority": make_majority().fit(texts, y)}
    refs_t = {
        "tfidf_svm": make_reference_svm(seed=seed, multilabel=True).fit(tr_texts, Y),
        "majority": make_majority().fit(texts, Y),
    }
    dev_para = [it for it in data.dev if it.type == "paragraph"]
    armpro_b = [it for it in data.armpro if it.label is not None]
    for ev, items in (("dev_paragraphs", dev_para), ("dev_all", data.dev), ("armpro_dev", armpro_b)):
        xt = [it.text for it in items]
        yt = np.array([it.label for it in items])
        add("binary", "lab", ev, yt, full.binary.predict(xt))
        for m, est in refs_b.items():
            add("binary", m, ev, yt, est.predict(np.array(xt, dtype=object)))
    for ev, items in (("dev_paragraphs", dev_para), ("armpro_dev", data.armpro)):
        xt = [it.text for it in items]
        Yt = label_matrix(items)
        add("techniques", "lab", ev, Yt, full.techniques.predict(xt))
        for m, est in refs_t.items():
            add("techniques", m, ev, Yt, est.predict(np.array(xt, dtype=object)))

    return {
        "rows": rows,
        "counts": {
            **data.counts,
            "train_used": len(train),
            "train_paragraphs_used": int(para.sum()),
            "dev_paragraphs": len(dev_para),
            "n_splits": n_splits,
        },
        "oof": {
            "y": y.tolist(),
            "pred": [str(p) for p in pred_b["lab"]],
            "score": score.tolist(),
            "type": [it.type for it in train],
        },
        "per_class_cv": {
            c: float(f1_score(Y[para][:, j], pred_t["lab"][para][:, j], zero_division=0))
            for j, c in enumerate(COARSE_CLASSES)
        },
        "threshold": float(full.binary.named_steps["clf"].best_threshold_),
        "published": {"araieval23_1A_winner_test_micro_f1": PUBLISHED_1A_WINNER_MICRO_F1},
    }


def evaluation(*, seed: int = 0, quick: bool = False) -> dict[str, Any]:
    """:func:`evaluate` on the shared data, cached (JSON) under the same code+data+seed key as the models.

    Cold: about a minute (full) or ~15 s (``quick=True``); then instant.
    """
    from ..cache import cached, fingerprint

    key = fingerprint("persuasion-evaluation", _model_key(seed, quick))
    return cached("persuasion-evaluation", key, lambda: evaluate(seed=seed, quick=quick))
