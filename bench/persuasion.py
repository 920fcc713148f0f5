"""Bench: persuasion classifiers vs. the majority class and a plain TF-IDF SVM, same run.

Prints micro- and macro-F1 of the lab's models (word + char TF-IDF + rhetoric
features, balanced logistic regression; binary threshold tuned by CV on train)
beside two references measured in the same run on the same folds and held-out
sets: the majority class and a TF-IDF (word uni+bigrams, ArabicAnalyzer)
LinearSVC.  Binary (ArAIEval 2023 task 1A) is scored on news paragraphs; the
published shared-task figure is printed as a constant, clearly labelled.

Usage: python bench/persuasion.py [--quick] [--seed N]
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from arabic_news.persuasion.data import load_persuasion
from arabic_news.persuasion.models import PUBLISHED_1A_WINNER_MICRO_F1, evaluate, train_models


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="subsample train (as the notebooks' QUICK mode)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    data = load_persuasion()
    print("de-duplication (retrieval-normalised text, whitespace collapsed):")
    for k, v in data.counts.items():
        print(f"  {k:28s} {v}")

    if not args.quick:
        t = time.perf_counter()
        train_models(data.train, seed=args.seed)
        print(f"\ntraining time, full default models (features + both heads, no cache): {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    res = evaluate(data, seed=args.seed, quick=args.quick)
    print(f"evaluation time (CV + held-out, lab model and both references): {time.perf_counter() - t:.1f} s")
    df = pd.DataFrame(res["rows"])
    pd.set_option("display.width", 200)
    for task in ("binary", "techniques"):
        sub = df[df.task == task]
        table = sub.pivot_table(index=["eval", "n"], columns="model", values=["micro_f1", "macro_f1"], sort=False)
        table = table.reindex(columns=["lab", "tfidf_svm", "majority"], level=1)
        print(f"\n== {task} ({'ArAIEval 2023 1A: contains persuasion' if task == 'binary' else 'ArMPro coarse classes, multi-label'})")
        print(table.round(3).to_string())
        for ev in sub["eval"].unique():
            r = sub[sub["eval"] == ev].set_index("model")
            beats_svm = r.loc["lab", "macro_f1"] > r.loc["tfidf_svm", "macro_f1"]
            beats_maj = r.loc["lab", "micro_f1"] > r.loc["majority", "micro_f1"]
            print(f"  bars on {ev:16s}: macro-F1 > TF-IDF SVM: {'yes' if beats_svm else 'NO'};"
                  f"  micro-F1 > majority: {'yes' if beats_maj else 'NO'}")
    print(f"\nbinary decision threshold (P(true), tuned by CV on train): {res['threshold']:.3f}")
    print("per-class F1 of the technique model (CV, paragraphs):",
          ", ".join(f"{c} {f:.2f}" for c, f in res["per_class_cv"].items()))
    print(f"\nPUBLISHED (not measured here): ArAIEval 2023 task 1A winner, micro-F1 {PUBLISHED_1A_WINNER_MICRO_F1} "
          "on the official test set (different class balance; tweets + paragraphs).")


if __name__ == "__main__":
    main()
