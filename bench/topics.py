"""Bench: the default topic model beside a plain reference, on the same splits, in one run.

Prints training time (from raw texts, tokenisation included), held-out macro-F1 on
SANAD articles neither model saw (group-aware split: duplicate clusters stay on one
side), cross-outlet accuracy on weak-labelled SaudiNewsNet outlets, and prediction speed.

* reference: word 1-2-gram TF-IDF + LinearSVC, scikit-learn defaults, trained on the
  SANAD pool only (tokens from arabic_news.tokenise.words; the default token_pattern
  shreds Arabic).
* default: the lab's default recipe (boilerplate cleaning, stemmed 1-2-grams,
  sublinear TF-IDF, calibrated LinearSVC) trained on the SANAD pool + weak-labelled
  outlets.  Its cross-outlet accuracy is leave-one-outlet-out (each outlet is scored
  by a model that never saw it), from arabic_news.topics.evaluation.cross_outlet.

Run: ``.venv/bin/python bench/topics.py [--seed N]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from sklearn.metrics import accuracy_score, f1_score

    from arabic_news.topics import predict_article
    from arabic_news.topics.evaluation import cross_outlet
    from arabic_news.topics.features import topic_data
    from arabic_news.topics.models import heldout_split, make_pipeline, reference_pipeline, training_rows

    data = topic_data(seed=args.seed)
    docs = data.corpus.documents
    pool, held = heldout_split(data, seed=args.seed)
    weak = np.flatnonzero(~data.is_sanad)
    text = lambda rows: [docs[i].text for i in rows]
    y = data.labels
    print(
        f"corpus: {int(data.is_sanad.sum())} SANAD + {len(weak)} weak-labelled SaudiNewsNet; "
        f"held-out {len(held)} SANAD articles; duplicates: {data.duplicates}"
    )

    # reference: SANAD pool only
    ref_rows = training_rows(data, np.concatenate([held, weak]), sanad=pool, weak=False)
    t0 = time.perf_counter()
    ref = reference_pipeline(seed=args.seed).fit(text(ref_rows), y[ref_rows])
    ref_fit = time.perf_counter() - t0
    ref_held = ref.predict(text(held))
    ref_weak = ref.predict(text(weak))

    # default recipe from raw texts
    def_rows = training_rows(data, held, sanad=pool, weak=True)
    t0 = time.perf_counter()
    model = make_pipeline(seed=args.seed).fit(text(def_rows), y[def_rows])
    def_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    def_held = model.predict(text(held))
    batch_s = time.perf_counter() - t0
    xo = cross_outlet(data, seed=args.seed)
    loo = {r["test_outlet"]: r["accuracy"] for r in xo if r["recipe"] == "SANAD + other outlets"}

    sample = [docs[i] for i in held[:300]]
    t0 = time.perf_counter()
    for d in sample:
        predict_article(d, model=model)
    one_s = time.perf_counter() - t0

    def f1(p):
        return f1_score(y[held], p, average="macro")

    def acc_outlet(p, o):
        m = data.outlet_group[weak] == o
        return accuracy_score(y[weak][m], p[m])

    outlets = sorted(set(data.outlet_group[weak]))
    print(f"\n{'':38}{'reference':>12}{'default':>12}")
    print(f"{'training rows':38}{len(ref_rows):>12}{len(def_rows):>12}")
    print(
        f"{'training time, s (from texts)':38}{ref_fit:>12.1f}{def_fit:>12.1f}   ratio {def_fit / ref_fit:.2f}x (budget 3x)"
    )
    print(f"{'held-out SANAD macro-F1':38}{f1(ref_held):>12.4f}{f1(def_held):>12.4f}   (bar 0.98)")
    print(
        f"{'held-out SANAD accuracy':38}{accuracy_score(y[held], ref_held):>12.4f}{accuracy_score(y[held], def_held):>12.4f}"
    )
    for o in outlets:
        print(
            f"{'cross-outlet accuracy: ' + o:38}{acc_outlet(ref_weak, o):>12.4f}{loo[o]:>12.4f}   (default: leave-one-outlet-out)"
        )
    print(
        f"{'cross-outlet accuracy: pooled':38}{accuracy_score(y[weak], ref_weak):>12.4f}"
        f"{loo['all other outlets (pooled)']:>12.4f}"
    )
    print(
        f"\nprediction speed (default): batch {len(held) / batch_s:.0f} articles/s; "
        f"predict_article one by one {len(sample) / one_s:.0f} articles/s (target >= 200/s)"
    )


if __name__ == "__main__":
    main()
