"""Topics across outlets: recipes, leave-one-outlet-out with bootstrap CIs, calibration error, error tables.

Recipes (:data:`RECIPES`), all built from the cached counts
(:func:`~arabic_news.topics.features.topic_data`) and, for the encoder ones,
the cached corpus embeddings (:func:`topic_embeddings`):

``"today"``
    The previous default: calibrated LinearSVC (``CalibratedClassifierCV``,
    sigmoid, 3-fold, in-outlet) on stemmed 1-2-gram TF-IDF.
``"ngram"``
    The same LinearSVC, calibrated across outlets by
    :class:`~arabic_news.topics.stacking.StackedTopicClassifier` (the default model).
``"stack+encoder"`` / ``"concat+encoder"``
    The n-gram SVC with the sentence-encoder features stacked (a logistic
    regression on the embeddings, combined by the calibrator) or concatenated.

:func:`outlet_predictions` scores every recipe on the same splits: the SANAD
held-out split (trained on the SANAD pool + all weak outlets) and each
weak-labelled outlet group left out of training in turn.  Duplicate clusters
never straddle a split.  :func:`outlet_summary` turns the predictions into
accuracy with bootstrap CIs, per-class recall, macro-F1 (only where an outlet
has at least two classes) and expected calibration error in and out of outlet.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from .features import TopicData, tfidf_apply, tfidf_fit
from .models import heldout_split, make_classifier, sample_weights, training_rows
from .stacking import ENCODER_MAX_CHARS, StackedTopicClassifier, fold_labels

__all__ = [
    "RECIPES",
    "DEFAULT_RECIPE",
    "topic_embeddings",
    "texts_key",
    "fit_recipe",
    "outlet_predictions",
    "outlet_summary",
    "bootstrap_ci",
    "expected_calibration_error",
]

RECIPES = ("today", "ngram", "stack+encoder", "concat+encoder")
DEFAULT_RECIPE = "ngram"
N_BOOT = 1000


def texts_key(texts: Sequence[str]) -> str:
    """A fingerprint of the texts themselves, in order (so a cache keyed on it survives code changes elsewhere).

    >>> texts_key(["أ", "ب"]) == texts_key(["أ", "ب"]) != texts_key(["ب", "أ"])
    True
    """
    import hashlib

    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def topic_embeddings(data: TopicData, *, max_chars: int = ENCODER_MAX_CHARS, show_progress: bool = True) -> np.ndarray:
    """Sentence embeddings of every document of ``data`` (cleaned text, first ``max_chars``), computed once and cached.

    The cache key is the cleaned texts' content (:func:`texts_key`), not the
    count matrix's key: a change to the n-gram code does not re-embed the corpus.
    """
    from ..embed import embed_corpus
    from .clean import clean_text

    texts = [clean_text(d.text) for d in data.corpus.documents]
    key = f"topics-cleaned-texts-{texts_key(texts)}"
    return embed_corpus(texts, name="topics", data_key=key, max_chars=max_chars, show_progress=show_progress)


def _stacked(recipe: str, seed: int, **kw) -> StackedTopicClassifier:
    if recipe == "ngram":
        return StackedTopicClassifier(seed=seed, **kw)
    if recipe == "stack+encoder":
        return StackedTopicClassifier(mode="stack", n_dense=512, seed=seed, **kw)
    if recipe == "concat+encoder":
        return StackedTopicClassifier(mode="concat", n_dense=512, seed=seed, **kw)
    raise ValueError(f"unknown recipe {recipe!r}; choose one of: {', '.join(RECIPES)}")


def fit_recipe(
    data: TopicData,
    rows: np.ndarray,
    recipe: str = DEFAULT_RECIPE,
    *,
    emb: np.ndarray | None = None,
    seed: int = 0,
    params: dict | None = None,
):
    """Fit ``recipe`` on ``rows`` from the cached counts: returns ``(state, classifier)``.

    ``params`` go to :class:`~arabic_news.topics.stacking.StackedTopicClassifier`,
    except ``weak_weight`` (the level-0 weight of weak-labelled rows, :func:`~arabic_news.topics.models.sample_weights`).

    ``state`` is the TF-IDF state (vocabulary columns and idf of ``rows``);
    score new rows with :func:`_features` ``(data, rows, state, emb)``.
    """
    from scipy import sparse

    if recipe not in RECIPES:
        raise ValueError(f"unknown recipe {recipe!r}; choose one of: {', '.join(RECIPES)}")
    if recipe.endswith("encoder") and emb is None:
        raise ValueError(f"recipe {recipe!r} needs the corpus embeddings (emb=topic_embeddings(data))")
    params = dict(params or {})
    weak_weight = float(params.pop("weak_weight", 1.0))
    state = tfidf_fit(data.counts, rows)
    X = tfidf_apply(data.counts, rows, state)
    y = data.labels[rows]
    if recipe == "today":
        return state, make_classifier("calibrated-svc", seed=seed).fit(X, y)
    if recipe.endswith("encoder"):
        X = sparse.hstack([X, sparse.csr_matrix(emb[rows])]).tocsr()
    folds = fold_labels(y, data.groups[rows], data.outlet_group[rows], seed=seed)
    w = sample_weights(data, rows, weak_weight)
    return state, _stacked(recipe, seed, **params).fit(X, y, groups=folds, sample_weight=w)


def evaluation_code_key() -> str:
    """Fingerprint of the code behind cached evaluations: this module, the classifier, and the model helpers used.

    Only the source of the :mod:`.models` functions that shape the splits and
    the fits is hashed, so changing the default model's constants (e.g.
    :data:`~arabic_news.topics.models.WEAK_WEIGHT`) does not invalidate
    evaluations of explicitly configured recipes.
    """
    import inspect

    from ..cache import code_fingerprint, fingerprint
    from . import models

    helpers = (models.heldout_split, models.training_rows, models.make_classifier, models.sample_weights)
    return fingerprint(
        code_fingerprint("arabic_news.topics.robustness", "arabic_news.topics.stacking"),
        *[inspect.getsource(f) for f in helpers],
        models.HELDOUT_FOLDS,
    )


def _features(data: TopicData, rows: np.ndarray, state, emb: np.ndarray | None, recipe: str):
    from scipy import sparse

    X = tfidf_apply(data.counts, rows, state)
    if recipe.endswith("encoder"):
        X = sparse.hstack([X, sparse.csr_matrix(emb[rows])]).tocsr()
    return X


def _splits(data: TopicData, seed: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    pool, held = heldout_split(data, seed=seed)
    out = [("alkhaleej (held-out)", training_rows(data, held, sanad=pool), held)]
    for o in sorted(set(data.outlet_group[~data.is_sanad])):
        te = np.flatnonzero(data.outlet_group == o)
        out.append((o, training_rows(data, np.concatenate([held, te]), sanad=pool, exclude_outlets=(o,)), te))
    return out


def outlet_predictions(
    data: TopicData,
    *,
    recipes: Sequence[str] = ("today", "ngram"),
    emb: np.ndarray | None = None,
    seed: int = 0,
    params: dict | None = None,
    name: str | None = None,
    show_progress: bool = True,
) -> list[dict[str, Any]]:
    """Per-article predictions of each recipe on SANAD held-out and on each outlet left out (cached).

    Rows: ``recipe, test_outlet, row (index into data), label, pred, proba
    (list, in :data:`~arabic_news.topics.weak_labels.CLASSES` order)``, plus
    one ``{"recipe", "fit_seconds", "fit_cpu_seconds"}`` timing row per (recipe, split) (wall and this
    process's CPU seconds of the fit from the cached counts and embeddings).
    ``params`` (see :func:`fit_recipe`) apply to every recipe; ``name``
    replaces the recipe name in the rows (one recipe only), e.g. a candidate
    of :data:`~arabic_news.topics.selection.CANDIDATES`.
    """
    from ..cache import cached, fingerprint
    from ..corpus import progress
    from .weak_labels import CLASSES

    if name is not None and len(recipes) != 1:
        raise ValueError("name= needs exactly one recipe")

    def build(recipe):
        out = []
        splits = _splits(data, seed)
        for name, tr, te in progress(
            splits, desc=f"leave-one-outlet-out: {recipe}", disable=None if show_progress else True
        ):
            t0, c0 = time.perf_counter(), time.process_time()
            state, clf = fit_recipe(data, tr, recipe, emb=emb, seed=seed, params=params)
            fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
            P = clf.predict_proba(_features(data, te, state, emb, recipe))
            P = P[:, [list(clf.classes_).index(c) for c in CLASSES]]
            out.append(
                {
                    "recipe": recipe,
                    "test_outlet": name,
                    "fit_seconds": round(fit_s, 2),
                    "fit_cpu_seconds": round(fit_cpu, 2),
                }
            )
            for i, r in enumerate(te):
                out.append(
                    {
                        "recipe": recipe,
                        "test_outlet": name,
                        "row": int(r),
                        "label": str(data.labels[r]),
                        "pred": CLASSES[int(np.argmax(P[i]))],
                        "proba": [round(float(p), 5) for p in P[i]],
                    }
                )
        return out

    code = evaluation_code_key()
    out = []
    for recipe in recipes:  # one cache entry per recipe: a bench run reuses what an earlier run computed
        key = fingerprint(
            "outlet-predictions-v3",
            data.key,
            code,
            recipe,
            seed,
            params or {},
            embedding_key(recipe, emb),
        )
        rows = cached("topic-eval-outlets", key, lambda r=recipe: build(r))
        out += rows if name is None else [{**r, "recipe": name} for r in rows]
    return out


def embedding_key(recipe: str, emb: Any) -> str | None:
    """The part of a cache key that identifies the corpus embeddings an ``*encoder`` recipe uses (else None).

    >>> embedding_key("ngram", None) is None
    True
    """
    from ..cache import fingerprint

    if not recipe.endswith("encoder"):
        return None
    if emb is None:
        raise ValueError(f"recipe {recipe!r} needs the corpus embeddings (emb=topic_embeddings(data))")
    return fingerprint(emb.shape, float(emb[:50].sum()))


def bootstrap_ci(
    y_true: Sequence[str], y_pred: Sequence[str], *, metric: str = "accuracy", n_boot: int = N_BOOT, seed: int = 0
) -> tuple[float, float, float]:
    """``(point, low, high)``: the metric and its 95% percentile bootstrap interval (rows resampled).

    >>> bootstrap_ci(["a"] * 9 + ["b"], ["a"] * 10)[0]
    0.9
    """
    from sklearn.metrics import f1_score

    yt, yp = np.asarray(y_true, dtype=str), np.asarray(y_pred, dtype=str)
    if len(yt) == 0:
        raise ValueError("bootstrap_ci needs at least one row")
    labels = sorted(set(yt.tolist()))

    def score(idx):
        if metric == "accuracy":
            return float(np.mean(yt[idx] == yp[idx]))
        if metric == "macro_f1":
            return float(f1_score(yt[idx], yp[idx], labels=labels, average="macro", zero_division=0))
        raise ValueError(f"unknown metric {metric!r}; choose accuracy or macro_f1")

    rng = np.random.default_rng(seed)
    n = len(yt)
    boots = [score(rng.integers(0, n, n)) for _ in range(n_boot)]
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return round(score(np.arange(n)), 4), round(float(lo), 4), round(float(hi), 4)


def expected_calibration_error(proba: np.ndarray, correct: np.ndarray, *, bins: int = 15) -> float:
    """Expected calibration error of the top-class probability (equal-width bins, weighted by size).

    >>> expected_calibration_error(np.array([[0.9, 0.1]] * 10), np.array([1] * 9 + [0]))
    0.0
    """
    conf = np.asarray(proba).max(axis=1)
    correct = np.asarray(correct, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        m = which == b
        if m.any():
            ece += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return round(float(ece), 4)


def outlet_summary(preds: list[dict[str, Any]], recipe: str, *, seed: int = 0) -> dict[str, Any]:
    """Accuracy with CIs, per-class recall, macro-F1 and calibration of one recipe's :func:`outlet_predictions`.

    Returns ``{"outlets": [rows], "pooled_loo": {...}, "heldout": {...}, "ece_in", "ece_out", "fit_seconds",
    "fit_cpu_seconds"}`` (the fit times are those of the SANAD held-out split's model; CPU None in old cache rows);
    each outlet row has ``test_outlet, n, classes, accuracy (point, low, high), macro_f1 (or None with fewer than
    two classes), recall {class: (recall, n)}, mean_confidence``.
    """
    rows = [r for r in preds if r["recipe"] == recipe and "row" in r]
    if not rows:
        raise ValueError(f"no predictions for recipe {recipe!r}")
    timing = [r for r in preds if r["recipe"] == recipe and "row" not in r]
    fit_s = {r["test_outlet"]: r["fit_seconds"] for r in timing}
    fit_cpu = {r["test_outlet"]: r.get("fit_cpu_seconds") for r in timing}
    out = []
    for name in dict.fromkeys(r["test_outlet"] for r in rows):
        rs = [r for r in rows if r["test_outlet"] == name]
        y = [r["label"] for r in rs]
        p = [r["pred"] for r in rs]
        classes = sorted(set(y))
        rec = {c: (round(float(np.mean([b == c for a, b in zip(y, p) if a == c])), 4), y.count(c)) for c in classes}
        out.append(
            {
                "test_outlet": name,
                "n": len(rs),
                "classes": len(classes),
                "accuracy": bootstrap_ci(y, p, seed=seed),
                "macro_f1": bootstrap_ci(y, p, metric="macro_f1", seed=seed) if len(classes) >= 2 else None,
                "recall": rec,
                "mean_confidence": round(float(np.mean([max(r["proba"]) for r in rs])), 4),
                "fit_seconds": fit_s.get(name),
            }
        )
    loo = [r for r in rows if not r["test_outlet"].startswith("alkhaleej")]
    inn = [r for r in rows if r["test_outlet"].startswith("alkhaleej")]

    def ece(rs):
        return expected_calibration_error(
            np.array([r["proba"] for r in rs]), np.array([r["label"] == r["pred"] for r in rs])
        )

    return {
        "recipe": recipe,
        "outlets": out,
        "pooled_loo": {
            "n": len(loo),
            "accuracy": bootstrap_ci([r["label"] for r in loo], [r["pred"] for r in loo], seed=seed),
            "mean_confidence": round(float(np.mean([max(r["proba"]) for r in loo])), 4),
        },
        "heldout": next(o for o in out if o["test_outlet"].startswith("alkhaleej")),
        "ece_in": ece(inn),
        "ece_out": ece(loo),
        "fit_seconds": fit_s.get("alkhaleej (held-out)"),
        "fit_cpu_seconds": fit_cpu.get("alkhaleej (held-out)"),
    }
