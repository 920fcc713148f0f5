"""Corpus study throughput: a plain in-process loop vs the Dask runner with 1 and 2 workers, per-stage costs.

Run: ``PYTHONPATH=lib python bench/corpus.py [--n 400] [--quick] [--stages 100]``

One run prints, on the same de-duplicated SaudiNewsNet articles (a seeded sample):

* the plain loop (``analyse_item`` over every article, one process) -- the reference;
* the Dask runner on a local cluster with 1 and then 2 single-threaded worker
  processes (cluster start and model warm-up are timed separately, not in the run);
* speed-up 2 workers / 1 worker (target >= 1.7x) and engine overhead at 1 worker
  relative to the plain loop (target <= 15 %);
* worker RSS after a partition-bounded run at n/2 and at n articles (memory per
  worker should not grow with the corpus: a worker holds the models plus one
  partition);
* per-stage cost per article (topic, keyphrases, attribution, markers, persuasion;
  the sentence encoder is not used by the study: its cost is printed as a reference);
* the budget (de-duplicated SaudiNewsNet end to end <= 15 min on 2 cores) and the
  extrapolation to 1M and 5M articles per core.

The machine is shared: timings are noisy (the load average is printed).  No
timed asserts -- figures are printed beside their targets.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def _load(n: int, seed: int):
    import numpy as np

    from arabic_news.study.sample import _snn_dir, deduplicated_saudinewsnet
    from arabic_news.study.sources import iter_source

    dd = deduplicated_saudinewsnet()
    rng = np.random.default_rng(seed)
    chosen = {dd["kept"][i] for i in rng.choice(len(dd["kept"]), size=n, replace=False)}
    items = [it for it in iter_source(_snn_dir()) if it.id in chosen]
    return items, dd


def _stages(items, seed: int, quick: bool) -> dict[str, float]:
    """Median-free mean seconds per article of each stage, in-process (models warm)."""
    from arabic_news.article import Article
    from arabic_news.embed import embed
    from arabic_news.errors import ArticleError
    from arabic_news.keywords import extract
    from arabic_news.persuasion import predict_paragraphs
    from arabic_news.rhetoric import attributions, find_markers, marker_densities
    from arabic_news.study.rows import keyword_background, persuasion_units
    from arabic_news.topics import predict_article

    bg = keyword_background(seed, quick)
    t = dict.fromkeys(["article+tokens", "topic", "keyphrases", "attribution", "markers", "persuasion",
                       "encoder (not used; reference)"], 0.0)  # fmt: skip
    done = 0
    for it in items:
        t0 = time.perf_counter()
        try:
            a = Article.from_text(it.article_text, source=it.id)
        except ArticleError:  # not Arabic, too short: an errors row in the study, skipped here
            continue
        done += 1
        _ = a.tokens
        t1 = time.perf_counter()
        predict_article(a, seed=seed, quick=quick)
        t2 = time.perf_counter()
        extract(a, method="default", top=10, background=bg)
        t3 = time.perf_counter()
        attributions(a)
        t4 = time.perf_counter()
        marker_densities(a.text, list(find_markers(a.text)))
        t5 = time.perf_counter()
        units, _k = persuasion_units(a)
        predict_paragraphs([a.text[s:e] for s, e in units], seed=seed, quick=quick)
        t6 = time.perf_counter()
        embed([a.text], max_chars=1500)
        t7 = time.perf_counter()
        for k, d in zip(t, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
            t[k] += d
    return {k: v / max(done, 1) for k, v in t.items()}


def _worker_rss(client) -> list[float]:
    def rss() -> float:
        import psutil

        return psutil.Process().memory_info().rss / 2**20

    return sorted(client.run(rss).values())


def _dask(items, n_workers: int, seed: int, quick: bool, partition_size: int) -> dict:
    from arabic_news.study.runner import WarmUp, _client, run_study

    t0 = time.perf_counter()
    client, cluster = _client(None, n_workers)
    client.register_plugin(WarmUp(seed, quick))
    client.run(lambda: None)
    start = time.perf_counter() - t0
    res = {"start": start}
    half = items[: len(items) // 2]
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        run_study(half, d + "/h", scheduler=cluster.scheduler_address, seed=seed, quick=quick,
                  partition_size=partition_size, dedup=False, show_progress=False)  # fmt: skip
        res["half_seconds"] = time.perf_counter() - t0
        res["rss_half"] = _worker_rss(client)
        t0 = time.perf_counter()
        run_study(items, d + "/f", scheduler=cluster.scheduler_address, seed=seed, quick=quick,
                  partition_size=partition_size, dedup=False, show_progress=False)  # fmt: skip
        res["seconds"] = time.perf_counter() - t0
        res["rss_full"] = _worker_rss(client)
    client.close()
    cluster.close()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="de-duplicated SaudiNewsNet articles (default 400)")
    ap.add_argument("--stages", type=int, default=100, help="articles for the per-stage costs (default 100)")
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="quick models (not the budgeted configuration)")
    ap.add_argument("--only-stages", action="store_true", help="only the per-stage costs")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from threadpoolctl import threadpool_limits

    from arabic_news.study.rows import analyse_item
    from arabic_news.study.runner import _warm_models

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine: noisy)")
    items, dd = _load(args.n, args.seed)
    corpus = len(dd["kept"])
    words = statistics.mean(len(it.article_text.split()) for it in items)
    print(f"{len(items)} de-duplicated SaudiNewsNet articles (seed {args.seed}; mean {words:.0f} words); "
          f"de-duplicated corpus {corpus:,} of {dd['report']['input']:,}; quick={args.quick}")  # fmt: skip

    _warm_models(args.seed, args.quick)  # not timed
    if args.only_stages:
        for k, v in _stages(items[: args.stages], args.seed, args.quick).items():
            print(f"  {k:32s} {1000 * v:7.1f} ms")
        return
    with threadpool_limits(1):
        for it in items[:3]:
            analyse_item(it, seed=args.seed, quick=args.quick)
        t0 = time.perf_counter()
        for it in items:
            analyse_item(it, seed=args.seed, quick=args.quick)
        plain = time.perf_counter() - t0
    print(f"\nplain loop (reference): {plain:.1f} s, {len(items) / plain:.1f} articles/s, "
          f"{1000 * plain / len(items):.0f} ms/article")  # fmt: skip

    one = _dask(items, 1, args.seed, args.quick, args.partition_size)
    two = _dask(items, 2, args.seed, args.quick, args.partition_size)
    for name, r in (("1 worker ", one), ("2 workers", two)):
        print(f"dask {name}: {r['seconds']:.1f} s ({len(items) / r['seconds']:.1f} articles/s); "
              f"cluster start + model warm-up {r['start']:.1f} s (not in the run)")  # fmt: skip
    speed = one["seconds"] / two["seconds"]
    over = one["seconds"] / plain - 1
    print(f"\nspeed-up 2 workers / 1 worker: {speed:.2f}x   (target >= 1.7x)")
    print(f"engine overhead at 1 worker vs plain loop: {100 * over:+.1f} %   (target <= 15 %)")
    print(f"  including cluster start-up: {100 * ((one['seconds'] + one['start']) / plain - 1):+.1f} % "
          f"(a one-off cost per run, amortised over a corpus)")  # fmt: skip
    print(f"worker RSS after {len(items) // 2} articles: {', '.join(f'{m:.0f}' for m in two['rss_half'])} MiB; "
          f"after {len(items)}: {', '.join(f'{m:.0f}' for m in two['rss_full'])} MiB "
          f"(partition of {args.partition_size} articles; memory per worker = models + one partition)")  # fmt: skip

    st = _stages(items[: args.stages], args.seed, args.quick)
    print(f"\nper-stage cost per article (in-process, {min(args.stages, len(items))} articles):")
    for k, v in st.items():
        print(f"  {k:32s} {1000 * v:7.1f} ms")
    per_article_core = one["seconds"] / len(items)
    total2 = corpus * two["seconds"] / len(items)
    print(f"\nbudget: de-duplicated SaudiNewsNet ({corpus:,} articles) on 2 workers ~ {total2 / 60:.1f} min "
          f"+ de-duplication and start-up   (budget <= 15 min)")  # fmt: skip
    for n in (1_000_000, 5_000_000):
        print(f"extrapolation: {n:,} articles at {1 / per_article_core:.1f} articles/s per core = "
              f"{n * per_article_core / 3600:.0f} core-hours ({n * per_article_core / 3600 / 64:.1f} h on 64 cores)")  # fmt: skip


if __name__ == "__main__":
    main()
