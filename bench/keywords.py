"""Keyword methods on SaudiNewsNet: title-word recall@5/@10 (bootstrap CIs) and speed.

Usage: ``python bench/keywords.py [--n 500] [--seed 0] [--split test]``

Every method runs on the same seeded sample of SaudiNewsNet articles with a
headline and a body of >= 80 words; keyphrases come from the BODY ONLY and are
scored by the share of headline content words they contain.  The article's own
counts are left out of the background statistics.  The default method's weights
were tuned on the ``tune`` split (seed 0); the figures printed here come from the
disjoint ``test`` split.  The reference is YAKE (``yake`` package, n-grams <= 3,
Arabic punctuation mapped), measured in the same run; timings exclude building or
loading the background statistics (loaded once before timing) and include
tokenising and candidate analysis for every method (word-type caches are warmed
by one untimed analysis per article, so the order of the methods does not matter).
"""

from __future__ import annotations

import argparse
import time

from arabic_news.keywords import METHODS
from arabic_news.keywords import evaluation as ev
from arabic_news.keywords.background import default_background


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", choices=("tune", "test"), default="test")
    ap.add_argument("--quick-background", action="store_true", help="use the small quick background")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    bg = default_background(quick=args.quick_background)
    print(f"background: {bg.name}, {len(bg):,} lemmas (df >= 2); ready in {time.perf_counter() - t:.1f} s")
    docs = ev.evaluation_sample(args.n, seed=args.seed, split=args.split)
    print(
        f"sample: {len(docs)} SaudiNewsNet articles, split={args.split!r}, seed={args.seed} "
        f"({sum(d.id in bg.doc_ids for d in docs)} in the background -> left out)"
    )
    ev.evaluate(docs[:3], METHODS, background=bg)  # warm-up (imports, caches)
    rows = ev.evaluate(docs, METHODS, background=bg)
    summary = ev.summarise(rows, seed=args.seed)
    print()
    print(
        f"{'method':<10} {'recall@5 [95% CI]':<22} {'recall@10 [95% CI]':<22} {'articles/s':>10} "
        f"{'R@10/yake':>10} {'speed/yake':>10}"
    )
    for r in summary:
        print(
            f"{r['method']:<10} {r['recall@5']:.3f} [{r['recall@5 lo']:.3f}, {r['recall@5 hi']:.3f}]   "
            f"{r['recall@10']:.3f} [{r['recall@10 lo']:.3f}, {r['recall@10 hi']:.3f}]   "
            f"{r['articles/s']:>10.1f} {r['recall@10 / yake']:>10.2f} {r['speed / yake']:>10.2f}"
        )
    ratio, lo, hi = ev.paired_ratio_ci(rows, "default", "yake", k=10, seed=args.seed)
    print(f"\ndefault / yake recall@10 = {ratio:.2f} (paired bootstrap 95% CI {lo:.2f}-{hi:.2f}); target >= 1.15")
    d = next(r for r in summary if r["method"] == "default")
    print(f"default / yake speed = {d['speed / yake']:.2f}x; target >= 2")


if __name__ == "__main__":
    main()
