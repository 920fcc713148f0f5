"""Bench: persuasion classifiers vs. the majority class and a plain TF-IDF SVM, same run.

Prints micro- and macro-F1 of the lab's models (word + char TF-IDF + rhetoric
features, balanced logistic regression; binary threshold tuned by CV on train)
beside two references measured in the same run on the same folds and held-out
sets: the majority class and a TF-IDF (word uni+bigrams, ArabicAnalyzer)
LinearSVC.  Binary (ArAIEval 2023 task 1A) is scored on news paragraphs; the
published shared-task figure is printed as a constant, clearly labelled.

``--ablation`` also cross-validates the lab model without the rhetoric-marker
features (surface cues kept) on the same folds, to show what the markers add.

Usage: python bench/persuasion.py [--quick] [--seed N] [--ablation]
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from arabic_news.persuasion.data import load_persuasion
from arabic_news.persuasion.models import (
    PUBLISHED_1A_WINNER_MICRO_F1,
    _strata,
    evaluate,
    label_matrix,
    quick_subsample,
    train_models,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="subsample train (as the notebooks' QUICK mode)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ablation", action="store_true", help="also CV the lab model without rhetoric markers")
    args = ap.parse_args()

    data = load_persuasion()
    print("de-duplication (retrieval-normalised text, whitespace collapsed):")
    for k, v in data.counts.items():
        print(f"  {k:28s} {v}")

    if not args.quick:
        t = time.perf_counter()
        train_models(data.train, seed=args.seed)
        print(
            f"\ntraining time, full default models (features + both heads, no cache): {time.perf_counter() - t:.1f} s"
        )

    t = time.perf_counter()
    res = evaluate(data, seed=args.seed, quick=args.quick)
    print(f"evaluation time (CV + held-out, lab model and both references): {time.perf_counter() - t:.1f} s")
    df = pd.DataFrame(res["rows"])
    pd.set_option("display.width", 200)
    for task in ("binary", "techniques"):
        sub = df[df.task == task]
        table = sub.pivot_table(index=["eval", "n"], columns="model", values=["micro_f1", "macro_f1"], sort=False)
        table = table.reindex(columns=["lab", "tfidf_svm", "majority"], level=1)
        print(
            f"\n== {task} ({'ArAIEval 2023 1A: contains persuasion' if task == 'binary' else 'ArMPro coarse classes, multi-label'})"
        )
        print(table.round(3).to_string())
        for ev in sub["eval"].unique():
            r = sub[sub["eval"] == ev].set_index("model")
            beats_svm = r.loc["lab", "macro_f1"] > r.loc["tfidf_svm", "macro_f1"]
            beats_maj = r.loc["lab", "micro_f1"] > r.loc["majority", "micro_f1"]
            print(
                f"  bars on {ev:16s}: macro-F1 > TF-IDF SVM: {'yes' if beats_svm else 'NO'};"
                f"  micro-F1 > majority: {'yes' if beats_maj else 'NO'}"
            )
    print(f"\nbinary decision threshold (P(true), tuned by CV on train): {res['threshold']:.3f}")
    print(
        "per-class F1 of the technique model (CV, paragraphs):",
        ", ".join(f"{c} {f:.2f}" for c, f in res["per_class_cv"].items()),
    )
    if args.ablation:
        ablation(data, seed=args.seed, quick=args.quick)
    print(
        f"\nPUBLISHED (not measured here): ArAIEval 2023 task 1A winner, micro-F1 {PUBLISHED_1A_WINNER_MICRO_F1} "
        "on the official test set (different class balance; tweets + paragraphs)."
    )


def ablation(data, *, seed: int, quick: bool) -> None:
    """CV (same folds as evaluate) of the lab model with and without the rhetoric-marker features."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    train = quick_subsample(data.train, seed=seed) if quick else list(data.train)
    k = 3 if quick else 5
    texts = [it.text for it in train]
    y = np.array([it.label for it in train])
    Y = label_matrix(train)
    para = np.array([it.type == "paragraph" for it in train])
    folds = list(StratifiedKFold(k, shuffle=True, random_state=seed).split(texts, _strata(train, k)))
    print(f"\n== ablation: rhetoric-marker features on/off (CV{k}, news paragraphs; surface cues kept in both)")
    for markers in (True, False):
        pb = np.empty(len(train), dtype=object)
        pt = np.zeros_like(Y)
        for tr, te in folds:
            m = train_models([train[i] for i in tr], seed=seed, quick=quick, markers=markers)
            pb[te] = m.binary.predict([texts[i] for i in te])
            pt[te] = m.techniques.predict([texts[i] for i in te])
        f = lambda a, b, avg: f1_score(a, b, average=avg, zero_division=0)
        print(
            f"  markers={'on ' if markers else 'off'}  binary micro {f(y[para], pb[para], 'micro'):.3f} "
            f"macro {f(y[para], pb[para], 'macro'):.3f} | techniques micro {f(Y[para], pt[para], 'micro'):.3f} "
            f"macro {f(Y[para], pt[para], 'macro'):.3f}"
        )


if __name__ == "__main__":
    main()
