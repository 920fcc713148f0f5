"""Corpus study throughput: a plain in-process loop vs the Dask runner with 1 and 2 workers, per-stage costs.

Run: ``PYTHONPATH=lib python bench/corpus.py [--n 400] [--stages 100] [--partition-size 25] [--quick]``

One run prints, on the same de-duplicated SaudiNewsNet articles (a seeded sample):

* per-stage cost per article (topic, keyphrases, attribution, markers, persuasion),
  CPU and wall, of the per-article path (each public function on one article, as the
  previous bench measured it; the topic explanation the previous runner computed
  without using it is printed too) beside the runner's batched partition path
  (:func:`arabic_news.study.batch.analyse_partition`);
* the plain loop -- the reference: the same partitions through the same batched code
  in this process, no engine;
* the Dask runner on a local cluster with 1 and then 2 single-threaded worker
  processes (cluster start and model warm-up are timed separately, not in the run;
  each cluster first analyses the first half, untimed, as the plain loop does, so
  that every path runs with warm per-word caches);
* speed-up 2 workers / 1 worker (target >= 1.7x) and engine overhead at 1 worker
  relative to the plain loop (target <= 15 %), wall and CPU;
* worker RSS and peak RSS after n/2 and after n more articles (memory per worker
  should not grow with the corpus: a worker holds the models plus one partition;
  the full run's ``run.json`` lists every worker's RSS after every partition);
* the budget (de-duplicated SaudiNewsNet end to end <= 15 min on 2 cores) and the
  extrapolation to 1M and 5M articles per core.

The machine is shared: timings are noisy (the load average is printed with every
timing; CPU times depend less on it).  No timed asserts -- figures are printed beside
their targets.
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


_STAGE_NAMES = ["article+tokens", "topic", "keyphrases", "attribution", "markers", "persuasion"]


def _stages_per_article(items, seed: int, quick: bool) -> tuple[dict[str, float], dict[str, float], float]:
    """The per-article path (each public function on one article), as the previous bench measured it.

    Returns mean CPU and wall seconds per article of each stage, plus the topic explanation
    that the previous runner computed for every article without using it (``Analysis.markers``
    asked ``Analysis.topic``, which explains the prediction).
    """
    from arabic_news.article import Article
    from arabic_news.errors import ArticleError
    from arabic_news.keywords import extract
    from arabic_news.persuasion import predict_paragraphs
    from arabic_news.rhetoric import attributions, find_markers, marker_densities
    from arabic_news.study.rows import keyword_background, persuasion_units
    from arabic_news.topics import explain_article, predict_article

    bg = keyword_background(seed, quick)
    cpu = dict.fromkeys(_STAGE_NAMES, 0.0)
    wall = dict.fromkeys(_STAGE_NAMES, 0.0)
    explain = 0.0
    done = 0
    for it in items:
        try:
            a = Article.from_text(it.article_text, source=it.id)
        except ArticleError:  # not Arabic, too short: an errors row in the study, skipped here
            continue
        done += 1
        steps = (
            lambda a=a: a.tokens,
            lambda a=a: predict_article(a, seed=seed, quick=quick),
            lambda a=a: extract(a, method="default", top=10, background=bg),
            lambda a=a: attributions(a),
            lambda a=a: marker_densities(a.text, list(find_markers(a.text))),
            lambda a=a: predict_paragraphs([a.text[s:e] for s, e in persuasion_units(a)[0]], seed=seed, quick=quick),
        )
        for k, step in zip(_STAGE_NAMES, steps):
            c0, w0 = time.process_time(), time.perf_counter()
            step()
            cpu[k] += time.process_time() - c0
            wall[k] += time.perf_counter() - w0
        c0 = time.process_time()
        explain_article(a, seed=seed, quick=quick, top=8)
        explain += time.process_time() - c0
    d = max(done, 1)
    return {k: v / d for k, v in cpu.items()}, {k: v / d for k, v in wall.items()}, explain / d


def _worker_stats(client) -> dict[str, tuple[float, float, float]]:
    """Per worker: current RSS (MiB), peak RSS (MiB), CPU seconds so far."""

    def stats() -> tuple[float, float, float]:
        import resource

        import psutil

        p = psutil.Process()
        t = p.cpu_times()
        return p.memory_info().rss / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, t.user + t.system

    return client.run(stats)


def _dask(items, n_workers: int, seed: int, quick: bool, partition_size: int) -> dict:
    from arabic_news.study.runner import WarmUp, _client, run_study

    t0 = time.perf_counter()
    client, cluster = _client(None, n_workers, dashboard=False)
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
        s_half = _worker_stats(client)
        t0 = time.perf_counter()
        run_study(items, d + "/f", scheduler=cluster.scheduler_address, seed=seed, quick=quick,
                  partition_size=partition_size, dedup=False, show_progress=False)  # fmt: skip
        res["seconds"] = time.perf_counter() - t0
        s_full = _worker_stats(client)
    res["rss_half"] = sorted(v[0] for v in s_half.values())
    res["rss_full"] = sorted(v[0] for v in s_full.values())
    res["peak_half"] = sorted(v[1] for v in s_half.values())
    res["peak_full"] = sorted(v[1] for v in s_full.values())
    res["cpu"] = sum(s_full[w][2] - s_half[w][2] for w in s_full)  # CPU of the timed (full) run, all workers
    res["load"] = os.getloadavg()[0]
    client.close()
    cluster.close()
    return res


def _plain(items, seed: int, quick: bool, partition_size: int) -> tuple[float, float]:
    """The same partitions through the same batched code in this process, no engine: (wall s, CPU s)."""
    from threadpoolctl import threadpool_limits

    from arabic_news.study.runner import process_partition

    with threadpool_limits(1):
        for j in range(0, len(items) // 2, partition_size):  # warm per-word caches as the Dask runs do
            process_partition(items[j : j + partition_size], seed, quick)
        w0, c0 = time.perf_counter(), time.process_time()
        for j in range(0, len(items), partition_size):
            process_partition(items[j : j + partition_size], seed, quick)
        return time.perf_counter() - w0, time.process_time() - c0


def _batched_stages(items, seed: int, quick: bool, partition_size: int) -> dict[str, float]:
    """CPU seconds per item of each stage in the runner's batched path (in-process)."""
    from threadpoolctl import threadpool_limits

    from arabic_news.study.batch import analyse_partition

    tm: dict[str, float] = {}
    with threadpool_limits(1):
        for j in range(0, len(items), partition_size):
            analyse_partition(items[j : j + partition_size], seed=seed, quick=quick, timings=tm)
    return {k: v / len(items) for k, v in tm.items()}


def _load_line() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


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

    from arabic_news.study.runner import _warm_models

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine: noisy; "
          f"CPU times are printed beside wall times because they depend less on the load)")  # fmt: skip
    items, dd = _load(args.n, args.seed)
    corpus = len(dd["kept"])
    words = statistics.mean(len(it.article_text.split()) for it in items)
    print(f"{len(items)} de-duplicated SaudiNewsNet articles (seed {args.seed}; mean {words:.0f} words); "
          f"de-duplicated corpus {corpus:,} of {dd['report']['input']:,}; quick={args.quick}")  # fmt: skip
    _warm_models(args.seed, args.quick)  # not timed

    few = items[: args.stages]
    # an untimed pass first, so that both paths run with the same warm per-word caches (stems, names...)
    _batched_stages(few, args.seed, args.quick, args.partition_size)
    cpu, wall, explain = _stages_per_article(few, args.seed, args.quick)
    batched = _batched_stages(few, args.seed, args.quick, args.partition_size)
    print(f"\nper-stage cost per article ({len(few)} articles, in-process, one thread; {_load_line()})")
    print(f"  {'stage':16s} {'per-article path':>22s} {'batched partition':>19s}")
    print(f"  {'':16s} {'CPU ms':>10s} {'wall ms':>10s} {'CPU ms':>14s}")
    for k in _STAGE_NAMES:
        b = batched.get("article" if k == "article+tokens" else k, 0.0)
        print(f"  {k:16s} {1000 * cpu[k]:10.1f} {1000 * wall[k]:10.1f} {1000 * b:14.1f}")
    print(f"  {'total':16s} {1000 * sum(cpu.values()):10.1f} {1000 * sum(wall.values()):10.1f} "
          f"{1000 * sum(batched.values()):14.1f}")  # fmt: skip
    print(f"  the previous runner also explained every topic prediction (unused): {1000 * explain:.1f} ms CPU/article")
    no_pers = sum(v for k, v in batched.items() if k != "persuasion")
    print(f"  batched without persuasion: {1000 * no_pers:.1f} ms CPU/article; persuasion (sentence encoder "
          f"over every paragraph or 3-sentence window + TF-IDF + rhetoric features): "
          f"{1000 * batched.get('persuasion', 0.0):.1f} ms   (budget ~65 ms/article/core)")  # fmt: skip
    if args.only_stages:
        return

    plain, plain_cpu = _plain(items, args.seed, args.quick, args.partition_size)
    print(f"\nplain loop (reference; same batched code, in-process, partitions of {args.partition_size}): "
          f"{plain:.1f} s, {len(items) / plain:.1f} articles/s, {1000 * plain / len(items):.0f} ms/article wall, "
          f"{1000 * plain_cpu / len(items):.0f} ms/article CPU; {_load_line()}")  # fmt: skip

    one = _dask(items, 1, args.seed, args.quick, args.partition_size)
    two = _dask(items, 2, args.seed, args.quick, args.partition_size)
    for name, r in (("1 worker ", one), ("2 workers", two)):
        print(f"dask {name}: {r['seconds']:.1f} s ({len(items) / r['seconds']:.1f} articles/s; "
              f"{1000 * r['cpu'] / len(items):.0f} ms/article CPU summed over workers); "
              f"cluster start + model warm-up {r['start']:.1f} s (not in the run); load at end {r['load']:.1f}")  # fmt: skip
    speed = one["seconds"] / two["seconds"]
    over = one["seconds"] / plain - 1
    print(f"\nspeed-up 2 workers / 1 worker: {speed:.2f}x   (target >= 1.7x; needs two free cores)")
    print(f"engine overhead at 1 worker vs plain loop: {100 * over:+.1f} % wall, "
          f"{100 * (one['cpu'] / plain_cpu - 1):+.1f} % CPU   (target <= 15 %)")  # fmt: skip
    print(f"  including cluster start-up: {100 * ((one['seconds'] + one['start']) / plain - 1):+.1f} % "
          f"(a one-off cost per run, amortised over a corpus)")  # fmt: skip
    for name, r in (("1 worker", one), ("2 workers", two)):
        print(f"worker memory ({name}): RSS after {len(items) // 2} articles "
              f"{', '.join(f'{m:.0f}' for m in r['rss_half'])} MiB, after {len(items)} more "
              f"{', '.join(f'{m:.0f}' for m in r['rss_full'])} MiB; peak "
              f"{', '.join(f'{m:.0f}' for m in r['peak_half'])} -> {', '.join(f'{m:.0f}' for m in r['peak_full'])} MiB "
              f"(partitions of {args.partition_size})")  # fmt: skip

    per_article_core = one["seconds"] / len(items)
    total2 = corpus * two["seconds"] / len(items)
    print(f"\nbudget: de-duplicated SaudiNewsNet ({corpus:,} articles) on 2 workers ~ {total2 / 60:.1f} min "
          f"+ de-duplication and start-up   (budget <= 15 min; at this run's load)")  # fmt: skip
    cpu_core = one["cpu"] / len(items)
    print(f"  from CPU time (two idle cores): ~ {corpus * cpu_core / 2 / 60:.1f} min; "
          f"without persuasion ~ {corpus * (cpu_core - batched.get('persuasion', 0.0)) / 2 / 60:.1f} min")  # fmt: skip
    for n in (1_000_000, 5_000_000):
        print(f"extrapolation: {n:,} articles at {1 / per_article_core:.1f} articles/s per core = "
              f"{n * per_article_core / 3600:.0f} core-hours ({n * per_article_core / 3600 / 64:.1f} h on 64 cores)")  # fmt: skip
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
