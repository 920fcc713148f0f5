"""Bench: topic models beside the references, on the same splits, in one run.

Prints, for the plain reference (word 1-2-gram TF-IDF + LinearSVC, SANAD only),
the previous default ("today": calibrated LinearSVC on stemmed n-grams, SANAD
pool + weak outlets) and the new recipes (the n-gram SVC calibrated across
outlets, and the sentence-encoder variants stacked or concatenated):

* training time from raw texts (tokenisation included; the corpus embedding's
  one-time cost is printed apart),
* SANAD held-out macro-F1 with a 95% bootstrap CI (group-aware split: duplicate
  clusters stay on one side; never used for tuning),
* leave-one-outlet-out accuracy with CIs, per-class recall, macro-F1 where an
  outlet has at least two weak classes, expected calibration error in and out
  of outlet,
* prediction speed of the n-gram path (predict_article one by one, per core)
  and the encoder's cost per article,
* the open-set rule: thresholds, detection on held-out out-of-class examples,
  false flags on SANAD held-out and on the left-out outlets,
* a per-class error table separating label-definition mismatch from model
  error, from a glossed sample of misclassified articles.

All evaluation logic is in ``arabic_news.topics`` (robustness, openset, errors);
this script only calls and prints.

Run: ``.venv/bin/python bench/topics.py [--seed N] [--no-encoder]``
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def _ci(t) -> str:
    return f"{t[0]:.4f} [{t[1]:.4f}, {t[2]:.4f}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-encoder", action="store_true", help="skip the sentence-encoder recipes")
    args = ap.parse_args()
    seed = args.seed

    from sklearn.metrics import accuracy_score

    from arabic_news.embed import embed
    from arabic_news.topics import predict_article
    from arabic_news.topics.errors import class_error_table, error_sample, error_table
    from arabic_news.topics.features import topic_data
    from arabic_news.topics.models import heldout_split, make_pipeline, reference_pipeline, training_rows
    from arabic_news.topics.openset import OpenSetRule, confidence, openset_report, outside_examples
    from arabic_news.topics.robustness import bootstrap_ci, outlet_predictions, outlet_summary, topic_embeddings
    from arabic_news.topics.stacking import ENCODER_MAX_CHARS, fold_labels
    from arabic_news.topics.weak_labels import load_outside_sections

    data = topic_data(seed=seed)
    docs = data.corpus.documents
    pool, held = heldout_split(data, seed=seed)
    weak = np.flatnonzero(~data.is_sanad)
    y = data.labels

    def text(rows):
        return [docs[i].text for i in rows]

    outlets = sorted(set(data.outlet_group[weak]))
    print(
        f"corpus: {int(data.is_sanad.sum())} SANAD + {len(weak)} weak-labelled SaudiNewsNet "
        f"({', '.join(f'{o} {int((data.outlet_group == o).sum())}' for o in outlets)}); held-out {len(held)} SANAD "
        f"articles; duplicates {data.duplicates}; clusters straddling the split: "
        f"{len(set(data.groups[pool]) & set(data.groups[held]))}"
    )

    # -- training from raw texts: reference, today's default, the new default ------------------
    ref_rows = training_rows(data, np.concatenate([held, weak]), sanad=pool, weak=False)
    t0 = time.perf_counter()
    ref = reference_pipeline(seed=seed).fit(text(ref_rows), y[ref_rows])
    ref_fit = time.perf_counter() - t0
    ref_held, ref_weak = ref.predict(text(held)), ref.predict(text(weak))

    def_rows = training_rows(data, held, sanad=pool, weak=True)
    t0 = time.perf_counter()
    make_pipeline("calibrated-svc", seed=seed).fit(text(def_rows), y[def_rows])  # timed only
    today_fit = time.perf_counter() - t0
    folds = fold_labels(y[def_rows], data.groups[def_rows], data.outlet_group[def_rows], seed=seed)
    t0 = time.perf_counter()
    new = make_pipeline("stacked", seed=seed).fit(text(def_rows), y[def_rows], clf__groups=folds)
    new_fit = time.perf_counter() - t0

    # -- encoder: one-time corpus embedding, then recipes on the same splits ------------------
    recipes = ["today", "ngram"]
    emb, emb_s = None, None
    if not args.no_encoder:
        t0 = time.perf_counter()
        emb = topic_embeddings(data)
        emb_s = time.perf_counter() - t0
        recipes += ["stack+encoder", "concat+encoder"]
    preds = outlet_predictions(data, recipes=recipes, emb=emb, seed=seed)
    summ = {r: outlet_summary(preds, r, seed=seed) for r in recipes}

    # -- printing ---------------------------------------------------------------------------
    cols = ["reference", *recipes]
    w = 26
    print(f"\n{'':40}" + "".join(f"{c:>{w}}" for c in cols))

    def line(name, vals):
        print(f"{name:40}" + "".join(f"{v:>{w}}" for v in vals))

    line(
        "training time, s (from texts)",
        [f"{ref_fit:.1f}", f"{today_fit:.1f}", f"{new_fit:.1f} ({new_fit / today_fit:.2f}x today)"]
        + [f"{summ[r]['fit_seconds']:.1f} from counts" for r in recipes[2:]],
    )
    line(
        "held-out SANAD macro-F1 [95% CI]",
        [_ci(bootstrap_ci(y[held], ref_held, metric="macro_f1", seed=seed))]
        + [_ci(summ[r]["heldout"]["macro_f1"]) for r in recipes],
    )
    for o in outlets:
        m = data.outlet_group[weak] == o
        line(
            f"LOO accuracy: {o}",
            [f"{accuracy_score(y[weak][m], ref_weak[m]):.4f} (not LOO)"]
            + [_ci(next(x for x in summ[r]["outlets"] if x["test_outlet"] == o)["accuracy"]) for r in recipes],
        )
    line(
        "LOO accuracy: pooled",
        [f"{accuracy_score(y[weak], ref_weak):.4f} (not LOO)"]
        + [_ci(summ[r]["pooled_loo"]["accuracy"]) for r in recipes],
    )
    line("ECE in-outlet (SANAD held-out)", ["-"] + [f"{summ[r]['ece_in']:.4f}" for r in recipes])
    line("ECE out of outlet (LOO)", ["-"] + [f"{summ[r]['ece_out']:.4f}" for r in recipes])
    line(
        "mean confidence in / out",
        ["-"]
        + [
            f"{summ[r]['heldout']['mean_confidence']:.3f} / {summ[r]['pooled_loo']['mean_confidence']:.3f}"
            for r in recipes
        ],
    )
    print("targets: held-out macro-F1 >= 0.982; pooled LOO accuracy >= 0.92; training <= 2x today's time")
    if emb_s is not None:
        print(
            f"corpus embedding (one-time, cached; {len(docs)} articles, first {ENCODER_MAX_CHARS} chars): "
            f"{emb_s:.1f} s this run ({'from cache' if emb_s < 30 else 'computed'})"
        )

    # per-class recall and macro-F1 of the new default, per outlet
    best = "ngram"
    print(f"\nper outlet, recipe {best!r} (leave-one-outlet-out; macro-F1 only with >= 2 classes):")
    for o in summ[best]["outlets"]:
        rec = ", ".join(f"{c} {v:.2f} (n={n})" for c, (v, n) in o["recall"].items())
        mf = _ci(o["macro_f1"]) if o["macro_f1"] else "- (one class)"
        print(f"  {o['test_outlet']:22} n={o['n']:5}  macro-F1 {mf:28} recall: {rec}")

    # -- prediction speed ---------------------------------------------------------------------
    sample = [docs[i].text for i in held[:300]]
    t0 = time.perf_counter()
    for t in sample:
        predict_article(t, model=new)
    one_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    new.predict(text(held))
    batch_s = time.perf_counter() - t0
    probe = [docs[i].text for i in held[300:360]]
    t0 = time.perf_counter()
    embed(probe, max_chars=ENCODER_MAX_CHARS)
    enc_s = (time.perf_counter() - t0) / len(probe)
    threads = os.environ.get("ARABIC_NEWS_EMBED_THREADS", "1")
    print(
        f"\nprediction, n-gram path (new default): predict_article one by one {len(sample) / one_s:.0f} articles/s, "
        f"batch {len(held) / batch_s:.0f} articles/s (target >= 200/s per core); "
        f"encoder adds {1000 * enc_s:.0f} ms per article ({1 / enc_s:.0f} articles/s, {threads} thread, "
        f"first {ENCODER_MAX_CHARS} chars)"
    )

    # -- open-set ------------------------------------------------------------------------------
    from arabic_news.topics.models import _choose_openset

    new.training_info_ = {"openset": _choose_openset(new, seed=seed)}
    rule = OpenSetRule(new.training_info_["openset"]["min_top"], new.training_info_["openset"]["min_margin"])
    o = new.training_info_["openset"]
    print(
        f"\nopen-set rule (chosen on in-class out-of-fold rows + the 'tune' hand-written examples): "
        f"outside if top p < {rule.min_top:.2f} or margin < {rule.min_margin:.2f} "
        f"(tuning: detects {o['detected']:.2f}, flags {o['false_flag']:.3f} in-class)"
    )
    outside = load_outside_sections()
    kinds = {}
    for d in outside.documents:
        kinds.setdefault(d.url.rsplit("/", 1)[-1][:2], []).append(d.text)
    rows = openset_report(
        new,
        in_texts=text(held),
        out_sets={
            "hand-written, test split": [r["text"] for r in outside_examples("test")],
            **{f"SaudiNewsNet aljazirah '{k}' section": v for k, v in sorted(kinds.items())},
        },
        rule=rule,
    )
    for r in rows:
        print(f"  flagged 'outside the labels': {r['set']:42} n={r['n']:5}  {r['flagged']:.3f}")
    loo_conf = confidence(
        np.array(
            [
                p["proba"]
                for p in preds
                if p["recipe"] == best and "row" in p and not p["test_outlet"].startswith("alkhaleej")
            ]
        )
    )
    print(
        f"  flagged 'outside the labels': {'weak-labelled outlets (LOO, in-class)':42} n={len(loo_conf):5}  {rule.flags(loo_conf).mean():.3f}"
    )

    # -- error analysis -------------------------------------------------------------------------
    sample_e = error_table(error_sample(preds, data, best, seed=seed))
    print(f"\nper-class errors, recipe {best!r} (leave-one-outlet-out; verdicts from the glossed sample):")
    print(
        f"  {'outlet':14}{'class':10}{'n':>6}{'recall':>8}{'errors':>8}{'glossed':>9}{'definition':>12}{'model':>7}{'model-error rate':>18}"
    )
    for r in class_error_table(preds, best, sample_e):
        mer = "-" if r["model_error_rate"] is None else f"{r['model_error_rate']:.3f}"
        print(
            f"  {r['test_outlet']:14}{r['class']:10}{r['n']:>6}{r['recall']:>8.3f}{r['errors']:>8}{r['glossed']:>9}"
            f"{r['definition']:>12}{r['model']:>7}{mer:>18}"
        )
    print("\nglossed sample of misclassified articles (ids only; glosses are the lab's own words):")
    for r in sample_e:
        print(
            f"  {r['id']:28} {r['test_outlet']:14} weak {r['label']:9} -> {r['pred']:9} p={r['confidence']:.2f}  "
            f"{r['verdict'] or 'NOT GLOSSED'}: {r['gloss'] or ''}"
        )


if __name__ == "__main__":
    main()
