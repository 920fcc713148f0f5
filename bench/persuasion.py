"""Bench: persuasion classifiers, repeated CV grouped by story, beside the TF-IDF SVM and the majority class.

Prints, from :func:`arabic_news.persuasion.evaluation.evaluation` (the package's
evaluation; cached under the code+data+seed key, ``--fresh`` recomputes it):

* the pool and what de-duplication dropped, and the commit;
* the cold training time of the default model (sentence-encoder embeddings of
  the pool without cache, then the fit);
* binary (ArAIEval 2023 task 1A) scores out-of-fold on news paragraphs, at the
  pool's share of "true" and re-weighted to 60 % and 80 %, with 95 % CIs by story,
  beside the references of the same folds; the lab - SVM differences; the bars;
* the 151 held-out ArAIEval 2023 dev news paragraphs (default model, and a model
  trained without their stories);
* techniques (ArMPro coarse classes): micro-F1 beside the top-3-labels and SVM
  references, per-class F1 with support, and which classes reports may name;
* the held-out precision of "true" (how reliable a flag is), from the evaluation
  and from the default model's card (what reports show), and the published
  1A winner as a labelled constant.

``--ablation`` also runs the CV without the embedding block (same folds).

Usage: python bench/persuasion.py [--quick] [--seed N] [--fresh] [--ablation]
"""

from __future__ import annotations

import argparse
import subprocess
import time

import pandas as pd

from arabic_news.persuasion import evaluation as ev
from arabic_news.persuasion import model_card
from arabic_news.persuasion.data import load_pool
from arabic_news.persuasion.models import quick_subsample, train_models


def commit() -> str:
    """The checked-out commit (and whether the tree has changes)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "lib"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return head + (" (+ uncommitted changes in lib/)" if dirty else "")


def cold_training_time(pool, *, seed: int, quick: bool) -> tuple[float, float]:
    """Seconds to embed the training texts with no cache, and to fit the default models."""
    from arabic_news.embed import embed

    items = quick_subsample(pool.train, seed=seed) if quick else pool.train
    texts = list(dict.fromkeys(it.text for it in items))
    t = time.perf_counter()
    embed(texts)
    t_embed = time.perf_counter() - t
    t = time.perf_counter()
    train_models(items, seed=seed, quick=quick)
    return t_embed, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="subsample the pool (as the notebooks' QUICK mode)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fresh", action="store_true", help="recompute the evaluation (and re-cache it)")
    ap.add_argument("--ablation", action="store_true", help="also run the CV without the embedding block")
    args = ap.parse_args()
    pd.set_option("display.width", 220)
    pd.set_option("display.max_columns", 30)

    print(f"commit: {commit()}")
    pool = load_pool()
    print("pool (ArAIEval 2023 train ∪ ArMPro V2 dev, de-duplicated; data/persuasion/labels.tsv):")
    for k, v in pool.counts.items():
        print(f"  {k:36s} {v}")

    t_embed, t_fit = cold_training_time(pool, seed=args.seed, quick=args.quick)
    print(
        f"\ncold training of the default models: {t_embed + t_fit:.0f} s "
        f"= embeddings {t_embed:.0f} s (encoder, no cache) + features and both heads {t_fit:.0f} s"
    )

    t = time.perf_counter()
    res = (
        ev.evaluate(seed=args.seed, quick=args.quick) if args.fresh else ev.evaluation(seed=args.seed, quick=args.quick)
    )
    print(f"evaluation: {time.perf_counter() - t:.0f} s ({'computed' if args.fresh else 'cache or computed'})")
    cfg = res["config"]
    print(
        f"CV: {cfg['n_splits']} folds x {cfg['n_repeats']} repeats grouped by story "
        f"({res['counts']['cv_stories']} stories, {res['counts']['cv_paragraphs']} news paragraphs scored), "
        f"{cfg['n_boot']} bootstrap draws by story"
    )

    print("\n== binary (ArAIEval 2023 task 1A: contains persuasion), news paragraphs, 95 % CI by story")
    print(ev.binary_table(res).to_string(index=False))
    print("\n== lab - TF-IDF SVM, same folds / same held-out set")
    print(ev.binary_table(res, diff=True).to_string(index=False))
    print("\n== bars (grouped CV, pool's share of 'true')")
    print(ev.targets_table(res).to_string(index=False))
    th = res["fold_thresholds"]
    print(
        f"decision threshold on P(true): default model {res['threshold']:.3f}; "
        f"per CV fold {min(th):.3f}-{max(th):.3f} (tuned for macro-F1 at {', '.join(f'{s:.0%}' for s in cfg['shares'])} true)"
    )

    rel = ev.flag_reliability(res)
    print(
        f"\nreliability of a flag (held-out precision of 'true', grouped CV): {rel['precision']:.3f} "
        f"[{rel['lo']:.3f}, {rel['hi']:.3f}]; "
        + "; ".join(f"at {k}: {v['precision']:.3f} [{v['lo']:.3f}, {v['hi']:.3f}]" for k, v in rel["by_share"].items())
    )

    card = model_card(seed=args.seed, quick=args.quick)
    r = card["reliability"]
    print(
        f"what reports show (the default model's own inner CV grouped by article, no evaluation run): threshold "
        f"{card['threshold']:.3f}, precision of 'true' {r['precision']:.3f} [{r['lo']:.3f}, {r['hi']:.3f}] "
        f"over {r['n']} paragraphs; classes named: "
        + (", ".join(c["class"] for c in card["technique_classes"] if c["shown"]) or "none")
    )

    print("\n== techniques (ArMPro coarse classes, multi-label), news paragraphs")
    print(ev.technique_table(res).to_string(index=False))
    print(ev.technique_class_table(res).to_string(index=False))
    print(
        f"classes reports may name (held-out F1 >= {ev.MIN_TECHNIQUE_F1} with support >= {ev.MIN_TECHNIQUE_SUPPORT}): "
        + (", ".join(ev.displayable_techniques(res)) or "none")
    )

    if args.ablation:
        t = time.perf_counter()
        abl = ev.evaluate(seed=args.seed, quick=args.quick, embeddings=False, n_boot=200)
        print(f"\n== ablation: CV without the embedding block (same folds; {time.perf_counter() - t:.0f} s)")
        tab = ev.binary_table(abl)
        print(tab[tab["eval"].str.startswith("cv")].to_string(index=False))
        print(ev.targets_table(abl).to_string(index=False))

    print(
        f"\nPUBLISHED (not measured here): ArAIEval 2023 task 1A winner, micro-F1 {ev.PUBLISHED_1A_WINNER_MICRO_F1} "
        "on the official test set (tweets + paragraphs, different class balance; a fine-tuned transformer)."
    )


if __name__ == "__main__":
    main()
