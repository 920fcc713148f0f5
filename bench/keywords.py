"""Keyphrase methods on SaudiNewsNet headlines: recall, exact/partial F1@10, generic-term rate, speed.

Usage: ``python bench/keywords.py [--n 500] [--seed 0] [--misses tune|heldout]``

Every method runs on the fresh split of issue 13 (``data/keywords/eval_split.txt``:
500 *tune* and 500 *held-out* SaudiNewsNet articles drawn with seed 20261130
before any tuning, disjoint from the old seed-0 samples, duplicate-free); the
default's weights were set looking at the tune split only.  Keyphrases come from
the BODY ONLY; the article's own counts are left out of the background.

Figures (95% bootstrap CIs over articles, seed ``--seed``):

* title-word recall@5/@10 (share of headline content words among the words of the top k);
* exact / partial F1@10 against the headline's content-word 1-3-grams (stems);
* generic-term rate: share of top-10 items all of whose content words are among
  the 200 most document-frequent content words of the *other* half of SaudiNewsNet;
* articles/s per method (one process, one core; caches warmed by one untimed
  analysis per article), and the encoder's own cost (default+embed minus default).

``supervised`` is the learned ranker (:mod:`arabic_news.keywords.supervised`),
trained on SaudiNewsNet articles outside this split and its duplicates;
``--select`` prints the tune-split recall@10 of the model configurations it was
chosen from (from cached feature tables; the held-out split is never tabled);
``--train-sizes 2000,6000,12000`` the default configuration's tune-split recall@10
when trained on that many articles (feature tables cached per size).

References in the same run: YAKE (n<=3, and n<=6 = the longest name the default
keeps whole), TF-IDF, TextRank, and ``lexical`` (the previous default, README:
0.468 / 86.9 articles/s on the old split).
"""

from __future__ import annotations

import argparse
import time

from arabic_news.keywords import evaluation as ev
from arabic_news.keywords.background import default_background
from arabic_news.keywords.genre import genre_stats

METHODS = ("default", "default+embed", "supervised", "lexical", "yake", "yake-n6", "tfidf", "textrank")


def _ci(r: dict, m: str, pct: bool = False) -> str:
    f = 100 if pct else 1
    fmt = "{:.1f}" if pct else "{:.3f}"
    return f"{fmt.format(r[m] * f)} [{fmt.format(r[m + ' lo'] * f)}, {fmt.format(r[m + ' hi'] * f)}]"


def _table(summary: list[dict]) -> None:
    print(
        f"{'method':<14} {'recall@10 [95% CI]':<22} {'recall@5':<8} {'exact F1@10 [CI]':<22} "
        f"{'partial F1@10 [CI]':<22} {'generic % [CI]':<18} {'art/s':>7} {'R@10/yake':>9}"
    )
    for r in summary:
        print(
            f"{r['method']:<14} {_ci(r, 'recall@10'):<22} {r['recall@5']:.3f}    {_ci(r, 'exact F1'):<22} "
            f"{_ci(r, 'partial F1'):<22} {_ci(r, 'generic@10', pct=True):<18} {r['articles/s']:>7.1f} "
            f"{r['recall@10 / yake']:>9.2f}"
        )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="articles per split (<= 500)")
    ap.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    ap.add_argument("--misses", choices=("tune", "heldout"), default="tune", help="split of the error table")
    ap.add_argument("--splits", default="tune,heldout")
    ap.add_argument(
        "--select", action="store_true", help="only print the learned ranker's model selection (tune split)"
    )
    ap.add_argument(
        "--train-sizes",
        default="",
        help="only print the learned ranker's tune-split recall@10 when trained on N training articles (e.g. 2000,6000)",
    )
    args = ap.parse_args(argv)
    if args.select:
        _select(args.seed)
        return
    if args.train_sizes:
        _train_sizes([int(x) for x in args.train_sizes.split(",")])
        return

    import os

    la = os.getloadavg()
    print(
        f"load average (1/5/15 min) at start: {la[0]:.2f} {la[1]:.2f} {la[2]:.2f} on {os.cpu_count() or 1} cores"
        " -- speeds are per process and fall with load"
    )
    t = time.perf_counter()
    bg = default_background()
    genre = genre_stats()
    print(
        f"background: {bg.name}, {len(bg):,} lemmas (df >= 2); genre statistics ready in {time.perf_counter() - t:.1f} s"
    )
    warm = ev.fresh_split("tune")[:3]
    ev.evaluate_v2(warm, METHODS, background=bg, genre=genre)  # imports, encoder, caches
    rows_by = {}
    for split in args.splits.split(","):
        docs = ev.fresh_split(split)[: args.n]
        print(
            f"\n== {split} split: {len(docs)} SaudiNewsNet articles (body only; {sum(d.id in bg.doc_ids for d in docs)} left out of the background)"
        )
        rows = ev.evaluate_v2(docs, METHODS, background=bg, genre=genre, show_progress=True)
        rows_by[split] = rows
        summary = ev.summarise_v2(rows, seed=args.seed)
        _table(summary)
        s = {r["method"]: r for r in summary}
        for ref in ("yake", "yake-n6"):
            ratio, lo, hi = ev.paired_ratio_ci(rows, "default", ref, k=10, seed=args.seed)
            print(f"default / {ref} recall@10 = {ratio:.2f} (paired bootstrap 95% CI {lo:.2f}-{hi:.2f}); target >= 1.3")
        d, e, lex = s["default"], s["default+embed"], s["lexical"]
        print(
            f"speed: default {d['articles/s']:.1f} articles/s vs lexical (previous default, same run) {lex['articles/s']:.1f}; target >= lexical"
        )
        enc = 1 / e["articles/s"] - 1 / d["articles/s"]
        print(
            f"speed: default+embed {e['articles/s']:.1f} articles/s (one core); encoder cost {1000 * enc:.1f} ms/article; target >= 20"
        )
        print(
            f"generic-term rate: default {100 * d['generic@10']:.1f} %, default+embed {100 * e['generic@10']:.1f} %; target <= 10 %"
        )
        print(
            f"title-word recall@10: default {d['recall@10']:.3f}, default+embed {e['recall@10']:.3f}; target >= 0.52 on held-out"
        )
        sup = s["supervised"]
        ratio, lo, hi = ev.paired_ratio_ci(rows, "supervised", "yake", k=10, seed=args.seed)
        dr, dlo, dhi = ev.paired_ratio_ci(rows, "supervised", "default", k=10, seed=args.seed)
        print(
            f"supervised: recall@10 {sup['recall@10']:.3f} vs default {d['recall@10']:.3f} "
            f"(ratio {dr:.2f}, paired CI {dlo:.2f}-{dhi:.2f}); / yake {ratio:.2f} (CI {lo:.2f}-{hi:.2f}); "
            f"generic {100 * sup['generic@10']:.1f} %; {sup['articles/s']:.1f} articles/s (target >= 20)"
        )
        print("\nper outlet (default):")
        print(f"{'outlet':<14} {'n':>4} {'recall@10':>10} {'exact F1':>9} {'partial F1':>11}")
        for r in ev.per_outlet(rows, "default", seed=args.seed):
            print(
                f"{r['outlet']:<14} {r['articles']:>4} {r['recall@10']:>10.3f} {r['exact F1']:>9.3f} {r['partial F1']:>11.3f}"
            )
    la = os.getloadavg()
    print(f"\nload average (1/5/15 min) at end: {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}")
    if args.misses in rows_by:
        print(f"\nmisses of the default on the {args.misses} split (lowest recall@10 first):")
        for r in ev.misses(rows_by[args.misses], "default", n=12):
            print(
                f"- {r['id']} ({r['outlet']}), recall {r['recall@10']:.2f}\n  headline: {r['headline']}\n  missed: {r['missed']}\n  top 5: {r['top 5']}"
            )


def _select(seed: int) -> None:
    """Tune-split recall@10 of the learned ranker's candidate configurations (cached feature tables)."""
    from arabic_news.keywords import supervised as S
    from arabic_news.keywords import training as T

    tr, tu = T.training_table("train"), T.training_table("tune")
    print(
        f"training: {tr['ids'].size} articles, {tr['y'].size} candidates ({100 * tr['y'].mean():.1f} % positive); "
        f"tune: {tu['ids'].size} articles"
    )
    weights = S.coverage_weights(tr)
    Xr_tr, Xr_tu = S.with_rates(tr, counted=True), S.with_rates(tu, counted=False)
    print(f"{'configuration':<100} {'tune R@10':>9} {'fit s':>6}")
    lex = S.tune_recall(S.LexicalOrder(), tu, params={"coverage_alpha": None})
    print(f"{'pool in lexical order (no model), demotion and grouping as the default':<100} {lex:>9.3f} {0:>6}")
    for c in S.CANDIDATE_CONFIGS:
        t = time.perf_counter()
        w = weights if c.get("weight") == "coverage" else None
        m = S.train_ranker(Xr_tr if c["rates"] else tr["X"], tr["y"], params=c, seed=seed, sample_weight=w)
        fit = time.perf_counter() - t
        r = S.tune_recall(m, tu, params=c, X=Xr_tu if c["rates"] else None)
        print(f"{str(c):<100} {r:>9.3f} {fit:>6.0f}")


def _train_sizes(sizes: list[int]) -> None:
    """Tune-split recall@10 of the default ranker configuration trained on more or fewer articles."""
    from arabic_news.keywords import supervised as S
    from arabic_news.keywords import training as T

    tu = T.training_table("tune")
    Xr_tu = S.with_rates(tu, counted=False)
    print(f"model {S.MODEL_PARAMS['model']}, default parameters; tune split: {tu['ids'].size} articles")
    print(f"{'training articles':>17} {'candidates':>10} {'tune R@10':>9} {'table CPU s':>11} {'fit CPU s':>9}")
    for n in sizes:
        t0 = time.process_time()
        tr = T.training_table("train", n=n)
        t1 = time.process_time()
        m = S.train_ranker(S.with_rates(tr, counted=True), tr["y"], seed=T.TRAIN_PARAMS["seed"])
        t2 = time.process_time()
        r = S.tune_recall(m, tu, X=Xr_tu)
        print(f"{tr['ids'].size:>17} {tr['y'].size:>10} {r:>9.3f} {t1 - t0:>11.0f} {t2 - t1:>9.0f}")


if __name__ == "__main__":
    main()
