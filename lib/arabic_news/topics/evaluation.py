"""Honest evaluation of topic models: group-aware CV, held-out, cross-outlet, learning curve.

Every function works on :class:`~arabic_news.topics.features.TopicData` (cached
counts), fits TF-IDF on the training rows only, keeps duplicate clusters on one
side of every split, and caches its result table (JSON) keyed on code, data,
seed and parameters.  Results are lists of plain dicts (``pandas.DataFrame``
ready).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from .features import TopicData, tfidf_apply, tfidf_fit
from .models import DEFAULT_KIND, WEAK_WEIGHT, heldout_split, make_classifier, sample_weights, training_rows

__all__ = [
    "classification_report_dict",
    "cross_validate",
    "summarise_cv",
    "cross_outlet",
    "learning_curve",
    "heldout_report",
]


def classification_report_dict(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """``{"accuracy", "macro_f1", "per_class": {label: {precision, recall, f1, support}}, "confusion": {labels, matrix}}``.

    >>> r = classification_report_dict(["a", "b", "b"], ["a", "b", "a"])
    >>> r["accuracy"], r["confusion"]["matrix"]
    (0.6667, [[1, 0], [1, 1]])
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    y_true = [str(y) for y in y_true]
    y_pred = [str(y) for y in y_pred]
    labels = sorted(set(y_true) | set(y_pred)) if labels is None else [str(x) for x in labels]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    present = [lab for lab in labels if lab in set(y_true)]
    return {
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)), 4),
        "per_class": {
            lab: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, lab in enumerate(labels)
        },
        "confusion": {"labels": labels, "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist()},
    }


def _fit_score(
    counts,
    labels: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    kind: str,
    seed: int,
    folds=None,
    weights: np.ndarray | None = None,
) -> dict[str, Any]:
    t0 = time.perf_counter()
    state = tfidf_fit(counts, train)
    Xtr = tfidf_apply(counts, train, state)
    clf = make_classifier(kind, seed=seed)
    if folds is not None:  # the stacked model: calibrate on outlet-aware out-of-fold scores
        clf.fit(Xtr, labels[train], groups=folds, sample_weight=weights)
    else:
        clf.fit(Xtr, labels[train])
    fit_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    pred = clf.predict(tfidf_apply(counts, test, state))
    pred_s = time.perf_counter() - t1
    return _score(labels[test], pred, fit_s, pred_s, len(train))


def _score_default_model(data: TopicData, train: np.ndarray, test: np.ndarray, seed: int) -> dict[str, Any] | None:
    """:func:`_fit_score` of the default recipe on ``train``, read off the cached default model.

    The default model (:func:`~arabic_news.topics.models.default_model`) is trained on exactly
    the rows ``training_rows(data, held, sanad=pool)`` with the same TF-IDF state, classifier,
    folds and weights as :func:`_fit_score` would use, so its classifier predicts the held-out
    split as a refit would -- without a second fit (about 15 CPU-seconds of a cold build).
    ``None`` when ``data`` is not the corpus a default model is trained on, or the rows differ.
    """
    from .features import features_key
    from .models import default_model

    for quick in (False, True):
        if data.key != features_key(seed=seed, quick=quick):
            continue
        model = default_model(seed=seed, quick=quick)
        info = getattr(model, "training_info_", {}) or {}
        state = tfidf_fit(data.counts, train)
        vec = model.named_steps["tfidf"]
        if info.get("rows") != len(train) or not np.array_equal(vec.idf_, np.asarray(state.idf, dtype=np.float64)):
            return None  # not the rows (or the TF-IDF state) the default model was trained on
        t1 = time.perf_counter()
        pred = model.named_steps["clf"].predict(tfidf_apply(data.counts, test, state))
        pred_s = time.perf_counter() - t1
        return _score(data.labels[test], pred, info.get("fit_seconds_from_counts"), pred_s, len(train))
    return None


def _score(y: np.ndarray, pred: np.ndarray, fit_s, pred_s: float, n_train: int) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    present = sorted(set(y.tolist()))  # macro over the classes the test set has (an outlet may lack some)
    return {
        "macro_f1": float(f1_score(y, pred, labels=present, average="macro")),
        "accuracy": float(accuracy_score(y, pred)),
        "fit_seconds": None if fit_s is None else round(fit_s, 2),
        "predict_seconds": round(pred_s, 3),
        "n_train": int(n_train),
        "n_test": int(len(y)),
        "pred": pred.tolist(),
    }


def _cached_table(name: str, data: TopicData, params: dict, build):
    from ..cache import cached, code_fingerprint, fingerprint

    key = fingerprint(
        name,
        data.key,
        code_fingerprint("arabic_news.topics.evaluation", "arabic_news.topics.models", "arabic_news.topics.stacking"),
        params,
    )
    return cached(f"topic-eval-{name}", key, build)


def cross_validate(
    data: TopicData,
    *,
    kinds: Sequence[str] = ("svc", "logreg", "cnb"),
    seed: int = 0,
    n_splits: int = 5,
    n_jobs: int = 2,
) -> list[dict[str, Any]]:
    """Stratified, group-aware K-fold CV of each classifier on the SANAD pool (held-out split excluded).

    Returns one row per (model, fold): ``model, fold, macro_f1, accuracy, fit_seconds, n_train, n_test``.
    """
    from joblib import Parallel, delayed

    from ..folds import StratifiedGroupKFold

    def build():
        pool, _ = heldout_split(data, seed=seed)
        sgkf = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        folds = [(pool[a], pool[b]) for a, b in sgkf.split(pool, data.labels[pool], data.groups[pool])]
        tasks = [(k, i, tr, te) for k in kinds for i, (tr, te) in enumerate(folds)]
        res = Parallel(n_jobs=n_jobs)(
            delayed(_fit_score)(data.counts, data.labels, tr, te, k, seed) for k, i, tr, te in tasks
        )
        rows = []
        for (k, i, _, _), r in zip(tasks, res):
            r.pop("pred")
            rows.append({"model": k, "fold": i, **r})
        return rows

    return _cached_table("cv", data, {"kinds": list(kinds), "seed": seed, "n_splits": n_splits}, build)


def summarise_cv(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mean and standard deviation of macro-F1, accuracy and fit time per model."""
    out = []
    for m in dict.fromkeys(r["model"] for r in rows):
        rs = [r for r in rows if r["model"] == m]
        f = np.array([r["macro_f1"] for r in rs])
        a = np.array([r["accuracy"] for r in rs])
        t = np.array([r["fit_seconds"] for r in rs])
        out.append(
            {
                "model": m,
                "folds": len(rs),
                "macro_f1_mean": round(float(f.mean()), 4),
                "macro_f1_std": round(float(f.std(ddof=1)) if len(f) > 1 else 0.0, 4),
                "accuracy_mean": round(float(a.mean()), 4),
                "fit_seconds_mean": round(float(t.mean()), 2),
            }
        )
    return out


def cross_outlet(data: TopicData, *, seed: int = 0, kind: str = DEFAULT_KIND, n_jobs: int = 2) -> list[dict[str, Any]]:
    """In-outlet and cross-outlet scores of two recipes.

    ``"SANAD only"``: one model trained on the SANAD pool (minus anything sharing a
    duplicate cluster with any of its test rows), tested on the SANAD held-out
    split (in-outlet) and on every weak-labelled outlet group.
    ``"SANAD + other outlets"`` (the default model's recipe, with its
    weak-outlet weight :data:`~arabic_news.topics.models.WEAK_WEIGHT`): tested on the
    SANAD held-out split with all weak outlets in training, and on each outlet
    group *left out* of training (leave-one-outlet-out), so no outlet is ever
    tested on a model that saw it.  Duplicate clusters never straddle a split.

    Rows: ``recipe, test_outlet, kind ("in-outlet"/"cross-outlet"), accuracy, macro_f1, n_test``.
    """
    from joblib import Parallel, delayed

    def build():
        pool, held = heldout_split(data, seed=seed)
        outlets = sorted(set(data.outlet_group[~data.is_sanad]))
        weak_rows = {o: np.flatnonzero(data.outlet_group == o) for o in outlets}
        all_weak = np.flatnonzero(~data.is_sanad)
        # one SANAD-only model for both its test sets: the pool minus every article sharing a duplicate
        # cluster with the held-out split or with any weak-labelled outlet (one fit instead of two)
        sanad_only_test = np.concatenate([held, all_weak])
        sanad_only_rows = training_rows(data, sanad_only_test, sanad=pool, weak=False)
        jobs = [
            ("SANAD only", "held-out and other outlets", sanad_only_rows, sanad_only_test),
            ("SANAD + other outlets", "alkhaleej (held-out)", training_rows(data, held, sanad=pool), held),
        ]
        for o in outlets:
            jobs.append(
                (
                    "SANAD + other outlets",
                    o,
                    training_rows(data, np.concatenate([held, weak_rows[o]]), sanad=pool, exclude_outlets=(o,)),
                    weak_rows[o],
                )
            )
        from .stacking import fold_labels

        def folds(tr):
            if kind != "stacked":
                return None
            return fold_labels(data.labels[tr], data.groups[tr], data.outlet_group[tr], seed=seed)

        def weights(recipe, tr):  # the default recipe up-weights the weak-labelled outlets (models.WEAK_WEIGHT)
            if kind != "stacked" or recipe != "SANAD + other outlets":
                return None
            return sample_weights(data, tr, WEAK_WEIGHT)

        # the default recipe on the SANAD held-out split is the default model itself: read it off the cache
        reused = {}
        if kind == DEFAULT_KIND:
            i = next(i for i, j in enumerate(jobs) if j[0] == "SANAD + other outlets" and j[1].startswith("alkhaleej"))
            r = _score_default_model(data, jobs[i][2], jobs[i][3], seed)
            if r is not None:
                reused[i] = r
        todo = [i for i in range(len(jobs)) if i not in reused]
        fitted = Parallel(n_jobs=n_jobs)(
            delayed(_fit_score)(data.counts, data.labels, tr, te, kind, seed, folds(tr), weights(recipe, tr))
            for recipe, _, tr, te in (jobs[i] for i in todo)
        )
        res = [reused[i] if i in reused else fitted[todo.index(i)] for i in range(len(jobs))]
        rows = []
        for (recipe, outlet, _tr, te), r in zip(jobs, res):
            pred = np.array(r.pop("pred"))
            if outlet == "held-out and other outlets":  # split the SANAD-only model's predictions per test set
                y, p = data.labels[held], pred[: len(held)]
                rep = classification_report_dict(y, p)
                rows.append(
                    {
                        "recipe": recipe,
                        "test_outlet": "alkhaleej (held-out)",
                        "kind": "in-outlet",
                        "accuracy": rep["accuracy"],
                        "macro_f1": rep["macro_f1"],
                        "n_test": len(held),
                        "fit_seconds": r["fit_seconds"],
                    }
                )
                te, pred = all_weak, pred[len(held) :]
                r = {**r, **classification_report_dict(data.labels[te], pred), "n_test": len(te)}
                for o in outlets:
                    m = data.outlet_group[te] == o
                    y = data.labels[te][m]
                    rep = classification_report_dict(y, pred[m])
                    rows.append(
                        {
                            "recipe": recipe,
                            "test_outlet": o,
                            "kind": "cross-outlet",
                            "accuracy": rep["accuracy"],
                            "macro_f1": rep["macro_f1"],
                            "n_test": int(m.sum()),
                            "fit_seconds": r["fit_seconds"],
                        }
                    )
                outlet, kind_ = "all other outlets (pooled)", "cross-outlet"
            else:
                kind_ = "in-outlet" if outlet.startswith("alkhaleej") else "cross-outlet"
            rows.append(
                {
                    "recipe": recipe,
                    "test_outlet": outlet,
                    "kind": kind_,
                    "accuracy": round(r["accuracy"], 4),
                    "macro_f1": round(r["macro_f1"], 4),
                    "n_test": r["n_test"],
                    "fit_seconds": r["fit_seconds"],
                }
            )
        # pooled leave-one-outlet-out accuracy of the default recipe, weighted by outlet size
        loo = [r for r in rows if r["recipe"] == "SANAD + other outlets" and r["kind"] == "cross-outlet"]
        n = sum(r["n_test"] for r in loo)
        rows.append(
            {
                "recipe": "SANAD + other outlets",
                "test_outlet": "all other outlets (pooled)",
                "kind": "cross-outlet",
                "accuracy": round(sum(r["accuracy"] * r["n_test"] for r in loo) / n, 4),
                "macro_f1": None,
                "n_test": n,
                "fit_seconds": None,
            }
        )
        return rows

    return _cached_table("cross-outlet", data, {"seed": seed, "kind": kind}, build)


def learning_curve(
    data: TopicData,
    *,
    seed: int = 0,
    fractions: Sequence[float] = (0.1, 0.25, 0.5, 1.0),
    kind: str = "svc",
    n_jobs: int = 2,
) -> list[dict[str, Any]]:
    """Held-out macro-F1 when training on growing stratified fractions of the SANAD pool."""
    from joblib import Parallel, delayed

    def build():
        pool, held = heldout_split(data, seed=seed)
        rng = np.random.default_rng(seed)
        subsets = []
        for f in fractions:
            take = []
            for lab in sorted(set(data.labels[pool])):
                idx = pool[data.labels[pool] == lab]
                k = max(2, int(round(f * len(idx))))
                take.extend(rng.choice(idx, size=min(k, len(idx)), replace=False).tolist())
            subsets.append(np.array(sorted(take)))
        res = Parallel(n_jobs=n_jobs)(
            delayed(_fit_score)(data.counts, data.labels, tr, held, kind, seed) for tr in subsets
        )
        return [
            {
                "fraction": f,
                "n_train": r["n_train"],
                "macro_f1": round(r["macro_f1"], 4),
                "fit_seconds": r["fit_seconds"],
            }
            for f, r in zip(fractions, res)
        ]

    return _cached_table("learning-curve", data, {"seed": seed, "fractions": list(fractions), "kind": kind}, build)


def heldout_report(model, data: TopicData, *, seed: int = 0) -> dict[str, Any]:
    """Score a fitted pipeline on the SANAD held-out split, from the raw texts (the real prediction path).

    Adds ``predict_seconds`` and ``articles_per_second``.
    """
    _, held = heldout_split(data, seed=seed)
    texts = [data.corpus.documents[i].text for i in held]
    t0 = time.perf_counter()
    pred = model.predict(texts)
    dt = time.perf_counter() - t0
    rep = classification_report_dict(data.labels[held], pred, labels=[str(c) for c in model.classes_])
    rep["n_test"] = int(len(held))
    rep["predict_seconds"] = round(dt, 2)
    rep["articles_per_second"] = round(len(held) / dt, 1)
    return rep
