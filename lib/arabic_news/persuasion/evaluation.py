"""Evaluation of the persuasion models: repeated CV grouped by story, the held-out dev paragraphs, bars, tables.

size: about 490 lines -- one evaluation (folds, scoring, bootstrap, bars) and the tables that read its result;
splitting the tables off would separate them from the keys they read.

*Grouping.*  A news paragraph's id carries its article and the story (claim) the
article was collected for (:attr:`~arabic_news.persuasion.data.Item.article`,
``MIS_1062-eurl_04_008`` -> article ``MIS_1062-eurl_04``, story ``MIS_1062``).
Several outlets' articles on one story share names and wording, so the folds
are grouped by **story**, which also keeps every article's paragraphs in one
fold; a tweet is its own group.

*Scoring.*  Binary scores are out-of-fold, on the pool's news paragraphs, averaged
over the repeats, at the pool's own share of "true" and re-weighted to 60 % and
80 % "true" (:func:`~arabic_news.persuasion.metrics.prevalence_weights`); 95 %
CIs resample whole stories.  The lab model and the references (TF-IDF SVM,
majority class) are trained on the same rows of the same folds.  The ArAIEval
2023 dev news paragraphs are never trained on and are scored twice: by the
default model, and by a model trained without any paragraph of their stories
(article-disjoint).

*Bars* (:data:`TARGETS`): micro-F1 >= SVM + 0.03, macro-F1 >= SVM + 0.10 and
recall of "false" >= 0.5, on the grouped CV at the pool's share.

>>> displayable_techniques([{"class": "Reputation", "f1": 0.55, "support": 40},
...                         {"class": "Call", "f1": 0.7, "support": 12}])
['Reputation']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .data import COARSE_CLASSES, Item, PersuasionPool, load_pool
from .metrics import SHARES, binary_scores, group_bootstrap, prevalence_weights
from .models import (
    MIN_TECHNIQUE_F1,
    MIN_TECHNIQUE_SUPPORT,
    PUBLISHED_1A_WINNER_MICRO_F1,
    label_matrix,
    make_majority,
    make_reference_svm,
    quick_subsample,
    train_models,
)

__all__ = [
    "N_SPLITS",
    "N_REPEATS",
    "TARGETS",
    "MIN_TECHNIQUE_F1",
    "MIN_TECHNIQUE_SUPPORT",
    "PUBLISHED_1A_WINNER_MICRO_F1",
    "grouped_folds",
    "top_k_labels",
    "evaluate",
    "evaluation",
    "binary_table",
    "targets_table",
    "technique_table",
    "technique_class_table",
    "displayable_techniques",
    "flag_reliability",
]

N_SPLITS = 5
N_REPEATS = 3
N_BOOT = 1000
#: The bars: (metric, reference model or None for an absolute bar, margin or minimum).
TARGETS = (("micro_f1", "tfidf_svm", 0.03), ("macro_f1", "tfidf_svm", 0.10), ("recall_false", None, 0.5))
MODELS = ("lab", "tfidf_svm", "majority")
METRICS = ("micro_f1", "macro_f1", "recall_false", "precision_true", "recall_true")
SETTINGS: tuple[str | float, ...] = ("pool", *SHARES)


def grouped_folds(
    items: Sequence[Item], *, n_splits: int = N_SPLITS, n_repeats: int = N_REPEATS, seed: int = 0
) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """``(repeat, train_idx, test_idx)`` of a repeated stratified CV grouped by story (seed + repeat per repeat)."""
    from ..folds import StratifiedGroupKFold

    y = [it.label for it in items]
    groups = [it.story for it in items]
    out = []
    for r in range(n_repeats):
        cv = StratifiedGroupKFold(n_splits, shuffle=True, random_state=seed + r)
        out += [(r, tr, te) for tr, te in cv.split(np.zeros(len(items)), y, groups)]
    return out


def top_k_labels(Y_train: np.ndarray, n: int, k: int = 3) -> np.ndarray:
    """Reference for techniques: the ``k`` most frequent classes of ``Y_train``, predicted for all ``n`` items."""
    cols = np.argsort(-Y_train.sum(axis=0), kind="stable")[:k]
    out = np.zeros((n, Y_train.shape[1]), dtype=int)
    out[:, cols] = 1
    return out


def _micro_f1_multilabel(Y: np.ndarray, P: np.ndarray) -> float:
    tp = float((Y & P).sum())
    return 2 * tp / (Y.sum() + P.sum()) if (Y.sum() + P.sum()) else 0.0


def _class_scores(Y: np.ndarray, P: np.ndarray) -> list[dict[str, float]]:
    out = []
    for j in range(Y.shape[1]):
        tp = float((Y[:, j] & P[:, j]).sum())
        sy, sp = float(Y[:, j].sum()), float(P[:, j].sum())
        out.append(
            {
                "f1": 2 * tp / (sy + sp) if sy + sp else 0.0,
                "precision": tp / sp if sp else 0.0,
                "recall": tp / sy if sy else 0.0,
            }
        )
    return out


def _binary_rows(
    y: np.ndarray, preds: dict[str, list[np.ndarray]], groups: np.ndarray, ev: str, *, n_boot: int, seed: int
) -> tuple[list[dict], list[dict]]:
    """Scores per model and setting (mean over repeats) with story-bootstrap CIs, and lab - SVM differences."""

    def vector(idx: np.ndarray) -> np.ndarray:
        yt = y[idx]
        vals = []
        for s in SETTINGS:
            w = None if s == "pool" else prevalence_weights(yt, float(s))
            for m in MODELS:
                per_rep = [binary_scores(yt, p[idx], w) for p in preds[m]]
                vals += [np.mean([r[k] for r in per_rep]) for k in METRICS]
        return np.asarray(vals)

    def diffs(v: np.ndarray) -> np.ndarray:
        v = v.reshape(len(SETTINGS), len(MODELS), len(METRICS))
        return (v[:, 0, :2] - v[:, 1, :2]).ravel()

    every = np.arange(len(y))
    point = vector(every)
    lo, hi = group_bootstrap(groups, lambda i: np.concatenate([vector(i), diffs(vector(i))]), n_boot=n_boot, seed=seed)
    full = np.concatenate([point, diffs(point)])
    rows, diff_rows, k = [], [], 0
    for s in SETTINGS:
        for m in MODELS:
            row: dict[str, Any] = {"eval": ev, "share": s if s == "pool" else f"{float(s):.0%} true", "model": m}
            row["n"] = int(len(y))
            for metric in METRICS:
                row[metric], row[f"{metric}_lo"], row[f"{metric}_hi"] = float(full[k]), float(lo[k]), float(hi[k])
                k += 1
            rows.append(row)
    for s in SETTINGS:
        for metric in ("micro_f1", "macro_f1"):
            diff_rows.append(
                {
                    "eval": ev,
                    "share": s if s == "pool" else f"{float(s):.0%} true",
                    "metric": metric,
                    "lab_minus_svm": float(full[k]),
                    "lo": float(lo[k]),
                    "hi": float(hi[k]),
                }
            )
            k += 1
    return rows, diff_rows


def _fit_predict(
    train: list[Item], test: list[Item], *, seed: int, quick: bool, embeddings: bool = True
) -> dict[str, np.ndarray]:
    """Lab model and references trained on ``train`` (binary: its paragraphs), predictions on ``test``."""
    x_te = [it.text for it in test]
    lab = train_models(train, seed=seed, quick=quick, embeddings=embeddings, technique_card=False)
    rows = [it for it in train if it.type == "paragraph"] or list(train)
    x_b = [it.text for it in rows]
    y_b = np.array([it.label for it in rows])
    x_all = [it.text for it in train]
    Y_all = label_matrix(train)
    Y_para = label_matrix(rows)
    svm_t = make_reference_svm(seed=seed, multilabel=True).fit(x_all, Y_all).predict(x_te)
    z_te = lab.binary.named_steps["features"].transform(x_te)  # the two heads share one feature extractor
    binary, techniques = lab.binary.named_steps["clf"], lab.techniques.named_steps["clf"]
    return {
        "score": binary.predict_proba(z_te)[:, 1],
        "lab": binary.predict(z_te) == "true",
        "tfidf_svm": make_reference_svm(seed=seed).fit(x_b, y_b).predict(x_te) == "true",
        "majority": make_majority().fit(x_b, y_b).predict(x_te) == "true",
        "threshold": np.array(binary.threshold_),
        "t_lab": techniques.predict(z_te).astype(int),
        "t_svm": np.asarray(svm_t).astype(int),
        "t_top3": top_k_labels(Y_para, len(test)),
    }


def evaluate(
    pool: PersuasionPool | None = None,
    *,
    seed: int = 0,
    quick: bool = False,
    n_splits: int | None = None,
    n_repeats: int | None = None,
    n_boot: int | None = None,
    embeddings: bool = True,
    progress: bool = True,
) -> dict[str, Any]:
    """Grouped repeated CV on the pool and the check on the held-out dev paragraphs (see module docstring).

    ``quick=True``: a :data:`~arabic_news.persuasion.models.QUICK_TRAIN_SIZE`-item
    subsample, 3 folds, one repeat, 200 bootstrap draws.  ``embeddings=False``
    drops the sentence-encoder block from the lab model in the CV (an ablation; the
    dev rows still use the default model).  Returns a JSON-ready dict (read it
    with the ``*_table`` functions).
    """
    from ..corpus import progress as bar
    from .features import warm_persuasion_embeddings

    pool = pool or load_pool()
    items = quick_subsample(pool.train, seed=seed) if quick else list(pool.train)
    if not quick:
        warm_persuasion_embeddings()
    n_splits = n_splits or (3 if quick else N_SPLITS)
    n_repeats = n_repeats or (1 if quick else N_REPEATS)
    n_boot = n_boot or (200 if quick else N_BOOT)
    folds = grouped_folds(items, n_splits=n_splits, n_repeats=n_repeats, seed=seed)
    n = len(items)
    keys = ("score", "lab", "tfidf_svm", "majority")
    oof = {k: [np.zeros(n) for _ in range(n_repeats)] for k in keys}
    toof = {
        k: [np.zeros((n, len(COARSE_CLASSES)), dtype=int) for _ in range(n_repeats)] for k in ("lab", "svm", "top3")
    }
    thresholds = []
    for r, tr, te in bar(folds, desc="persuasion CV", disable=None if progress else True):
        out = _fit_predict(
            [items[i] for i in tr], [items[i] for i in te], seed=seed, quick=quick, embeddings=embeddings
        )
        for k in keys:
            oof[k][r][te] = out[k]
        for k in ("lab", "svm", "top3"):
            toof[k][r][te] = out[f"t_{k}"]
        thresholds.append(float(out["threshold"]))

    para = np.array([it.type == "paragraph" for it in items])
    y = np.array([it.label == "true" for it in items])[para]
    groups = np.array([it.story for it in items])[para]
    preds = {m: [p[para].astype(bool) for p in oof[m]] for m in MODELS}
    rows, diff_rows = _binary_rows(y, preds, groups, f"cv{n_splits}x{n_repeats}_grouped", n_boot=n_boot, seed=seed)

    # held-out dev paragraphs: the default model, then a model that never saw their stories
    from .models import default_models

    dev = pool.dev
    y_dev = np.array([it.label == "true" for it in dev])
    g_dev = np.array([it.story for it in dev])
    default = default_models(seed=seed, quick=quick)
    x_dev = [it.text for it in dev]
    ref_rows = [it for it in items if it.type == "paragraph"]
    x_b, y_b = [it.text for it in ref_rows], np.array([it.label for it in ref_rows])
    dev_preds = {
        "lab": [default.binary.predict(x_dev) == "true"],
        "tfidf_svm": [make_reference_svm(seed=seed).fit(x_b, y_b).predict(x_dev) == "true"],
        "majority": [make_majority().fit(x_b, y_b).predict(x_dev) == "true"],
    }
    r2, d2 = _binary_rows(y_dev, dev_preds, g_dev, "dev_paragraphs", n_boot=n_boot, seed=seed)
    dev_stories = set(g_dev)
    disjoint = [it for it in items if it.story not in dev_stories]
    out = _fit_predict(disjoint, dev, seed=seed, quick=quick)
    r3, d3 = _binary_rows(
        y_dev, {m: [out[m]] for m in MODELS}, g_dev, "dev_paragraphs_story_disjoint", n_boot=n_boot, seed=seed
    )
    rows += r2 + r3
    diff_rows += d2 + d3

    # techniques, on the CV paragraphs and the dev paragraphs
    Y = label_matrix(items)[para].astype(bool)
    Y_dev = label_matrix(dev).astype(bool)
    tech_rows, per_class = [], []
    for m in ("lab", "svm", "top3"):
        P = [t[para].astype(bool) for t in toof[m]]
        micro = [_micro_f1_multilabel(Y, p) for p in P]
        macro = [np.mean([c["f1"] for c in _class_scores(Y, p)]) for p in P]
        lo, hi = group_bootstrap(
            groups, lambda i, P=P: np.mean([_micro_f1_multilabel(Y[i], p[i]) for p in P]), n_boot=n_boot, seed=seed
        )
        name = {"lab": "lab", "svm": "tfidf_svm", "top3": "top3_labels"}[m]
        tech_rows.append(
            {
                "eval": f"cv{n_splits}x{n_repeats}_grouped",
                "model": name,
                "n": int(len(Y)),
                "micro_f1": float(np.mean(micro)),
                "micro_f1_lo": float(lo[0]),
                "micro_f1_hi": float(hi[0]),
                "macro_f1": float(np.mean(macro)),
            }
        )
    dev_t = {
        "lab": default.techniques.predict(x_dev).astype(bool),
        "top3_labels": top_k_labels(Y, len(dev)).astype(bool),
    }
    for name, P in dev_t.items():
        tech_rows.append(
            {
                "eval": "dev_paragraphs",
                "model": name,
                "n": int(len(dev)),
                "micro_f1": _micro_f1_multilabel(Y_dev, P),
                "macro_f1": float(np.mean([c["f1"] for c in _class_scores(Y_dev, P)])),
            }
        )
    cv_cls = [_class_scores(Y, t[para].astype(bool)) for t in toof["lab"]]
    dev_cls = _class_scores(Y_dev, dev_t["lab"])
    for j, c in enumerate(COARSE_CLASSES):
        row = {"class": c, "support": int(Y[:, j].sum())}
        for k in ("f1", "precision", "recall"):
            row[k] = float(np.mean([rep[j][k] for rep in cv_cls]))
        row["dev_support"], row["dev_f1"] = int(Y_dev[:, j].sum()), dev_cls[j]["f1"]
        row["shown"] = row["f1"] >= MIN_TECHNIQUE_F1 and row["support"] >= MIN_TECHNIQUE_SUPPORT
        per_class.append(row)

    res: dict[str, Any] = {
        "config": {
            "seed": seed,
            "quick": quick,
            "n_splits": n_splits,
            "n_repeats": n_repeats,
            "n_boot": n_boot,
            "grouping": "story",
            "embeddings": embeddings,
            "shares": list(SHARES),
        },
        "counts": {
            **pool.counts,
            "cv_items": n,
            "cv_paragraphs": int(para.sum()),
            "cv_stories": len(set(groups)),
            "dev_story_disjoint_train": len(disjoint),
        },
        "binary": rows,
        "binary_diff": diff_rows,
        "techniques": tech_rows,
        "technique_classes": per_class,
        "threshold": float(default.binary.named_steps["clf"].threshold_),
        "fold_thresholds": thresholds,
        "oof": {
            "y": ["true" if v else "false" for v in y],
            "pred": ["true" if v else "false" for v in preds["lab"][0]],
            "score": [float(v) for v in np.asarray(oof["score"][0])[para]],
            "type": ["paragraph"] * int(para.sum()),
        },
        "published": {"araieval23_1A_winner_test_micro_f1": PUBLISHED_1A_WINNER_MICRO_F1},
    }
    res["targets"] = _targets(res)
    res["reliability"] = flag_reliability(res)
    # the layout earlier notebooks read (task/eval/model/n/micro_f1/macro_f1 rows, per-class CV F1)
    res["rows"] = [
        {"task": "binary", **{k: r[k] for k in ("eval", "model", "n", "micro_f1", "macro_f1")}}
        for r in rows
        if r["share"] == "pool"
    ] + [{"task": "techniques", **{k: r[k] for k in ("eval", "model", "n", "micro_f1", "macro_f1")}} for r in tech_rows]
    res["per_class_cv"] = {r["class"]: r["f1"] for r in per_class}
    return res


def _cv_row(res: dict[str, Any], model: str, share: str = "pool") -> dict[str, Any]:
    ev = next(r["eval"] for r in res["binary"] if r["eval"].startswith("cv"))
    return next(r for r in res["binary"] if r["eval"] == ev and r["model"] == model and r["share"] == share)


def _targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    lab = _cv_row(res, "lab")
    out = []
    for metric, ref, margin in TARGETS:
        if ref is None:
            required, text = margin, f"{metric} >= {margin:.2f}"
        else:
            required, text = _cv_row(res, ref)[metric] + margin, f"{metric} >= {ref} + {margin:.2f}"
        out.append(
            {
                "bar": text,
                "value": lab[metric],
                "lo": lab[f"{metric}_lo"],
                "hi": lab[f"{metric}_hi"],
                "required": float(required),
                "passed": bool(lab[metric] >= required),
            }
        )
    return out


def flag_reliability(res: dict[str, Any]) -> dict[str, Any]:
    """Held-out precision of "true" on news paragraphs (grouped CV), at the pool's share and at 60 %/80 % "true".

    ``{"precision": p, "lo", "hi", "n", "by_share": {"60% true": {...}, ...}}``: how often a
    paragraph the model flags was annotated as persuasive.
    """
    pool_row = _cv_row(res, "lab")
    out: dict[str, Any] = {
        "precision": pool_row["precision_true"],
        "lo": pool_row["precision_true_lo"],
        "hi": pool_row["precision_true_hi"],
        "n": pool_row["n"],
        "eval": pool_row["eval"],
        "by_share": {},
    }
    for s in SHARES:
        r = _cv_row(res, "lab", f"{s:.0%} true")
        out["by_share"][f"{s:.0%} true"] = {
            k: r[f"precision_true{x}"] for k, x in (("precision", ""), ("lo", "_lo"), ("hi", "_hi"))
        }
    return out


def displayable_techniques(
    classes: Sequence[dict[str, Any]] | dict[str, Any],
    *,
    min_f1: float = MIN_TECHNIQUE_F1,
    min_support: int = MIN_TECHNIQUE_SUPPORT,
) -> list[str]:
    """Technique classes a report may name: held-out F1 >= ``min_f1`` with support >= ``min_support``.

    ``classes`` is an evaluation result or its ``technique_classes`` rows
    (``{"class", "f1", "support"}``; F1 out-of-fold by story).
    """
    rows = classes["technique_classes"] if isinstance(classes, dict) else classes
    return [r["class"] for r in rows if r["f1"] >= min_f1 and r["support"] >= min_support]


def binary_table(res: dict[str, Any], *, diff: bool = False):
    """Binary scores as a DataFrame: one row per evaluation set, share and model (``diff``: lab - SVM)."""
    import pandas as pd

    if diff:
        return pd.DataFrame(res["binary_diff"]).round(3)
    cols = ["eval", "share", "model", "n"]
    for m in ("micro_f1", "macro_f1", "recall_false", "precision_true"):
        cols += [m, f"{m}_lo", f"{m}_hi"]
    return pd.DataFrame(res["binary"])[cols].round(3)


def targets_table(res: dict[str, Any]):
    """The bars (:data:`TARGETS`) on the grouped CV, with value, CI, requirement and pass/fail."""
    import pandas as pd

    return pd.DataFrame(res["targets"]).round(3)


def technique_table(res: dict[str, Any]):
    """Techniques: micro/macro-F1 of the lab model beside the TF-IDF SVM and the top-3-labels reference."""
    import pandas as pd

    return pd.DataFrame(res["techniques"]).round(3)


def technique_class_table(res: dict[str, Any]):
    """Per coarse class: support, F1/precision/recall (grouped CV), dev F1, and whether reports may name it."""
    import pandas as pd

    return pd.DataFrame(res["technique_classes"]).round(3)


def evaluation(
    *, seed: int = 0, quick: bool = False, compute: bool = True, refresh: bool = False
) -> dict[str, Any] | None:
    """:func:`evaluate` on the shared data, cached (JSON) under the models' code+data+seed key.

    Cold, the full evaluation fits the lab model and the references 15 times plus twice for
    the dev paragraphs (about 10-25 minutes on the lab's shared 2-core machine; ``bench/persuasion.py``
    runs it).  ``compute=False`` only reads the cache and returns None when the
    evaluation has not been run (so a report build never starts it);
    ``refresh=True`` recomputes it.
    """
    from ..cache import cached, code_fingerprint, fingerprint
    from ..paths import cache_dir
    from .models import _model_key

    key = fingerprint(
        "persuasion-evaluation", _model_key(seed, quick), code_fingerprint("arabic_news.persuasion.evaluation")
    )
    path = cache_dir("persuasion-evaluation") / f"{key}.json"
    if refresh:
        path.unlink(missing_ok=True)
    if not compute:
        if not path.is_file():
            return None
        import json

        return json.loads(path.read_text("utf-8"))
    return cached("persuasion-evaluation", key, lambda: evaluate(seed=seed, quick=quick))
