"""Run every analysis over a corpus on Dask, partition by partition, into Parquet tables.

size: one sitting still -- the partition bookkeeping (keys, resume, writing) and the
two execution paths (in-process loop, Dask cluster) belong together.

Execution
---------
* ``scheduler=None`` (default): a local ``distributed.LocalCluster`` with one
  single-threaded worker *process* per core, started and stopped here.
* ``scheduler="tcp://host:8786"`` (or ``$DASK_SCHEDULER_ADDRESS``): the same tasks
  on an existing cluster (``dask scheduler`` / ``dask worker``, dask-jobqueue,
  Kubernetes).  Workers need the package installed and the models' cache (or
  they build it once each); they return rows and the client writes the tables,
  so workers need no shared file system.
* ``scheduler="inline"``: a plain in-process loop (the reference the bench compares
  with, and the path tests use to check that Dask changes nothing).

Inside a worker, models, lexicons and the sentence encoder are loaded once per
process (the package caches them per process; :class:`WarmUp` loads them when the
worker starts) and BLAS/OpenMP pools are limited to one thread.  A task is one
partition: its items go to the worker (a few hundred kB of text, never a model),
:func:`arabic_news.study.batch.analyse_partition` runs each analysis over the
whole partition at once, and the rows come back with the worker's memory and the
CPU time of each stage (summed into ``run.json``).

Progress is a tqdm bar over partitions; the Dask dashboard's address is printed
when a cluster is started or joined (it needs ``bokeh``).

Resume
------
Items are cut into partitions of ``partition_size`` in source order.  A partition's
key hashes the schema version, the package's code, the run's options and its items'
content.  When all of a partition's files exist with that key in
``_state/part-NNNNN.json``, a rerun skips it; a crash or a killed worker loses at
most the partitions in flight (files are written atomically, the state last).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from .batch import STAGES, analyse_partition, check_stages
from .schema import SCHEMA_VERSION, TABLES, schema
from .sources import Item, iter_source

__all__ = ["run_study", "StudyResult", "WarmUp", "THREAD_ENV", "read_table", "code_version"]

#: Environment set in every worker so that numeric libraries use one thread.
THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "ARABIC_NEWS_EMBED_THREADS": "1",
}


@dataclass
class StudyResult:
    """What a run did: partitions run and skipped, rows written per table, time taken."""

    out: Path
    partitions: int = 0
    skipped: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    removed_duplicates: int = 0
    duplicates: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    dashboard: str | None = None
    stages: tuple[str, ...] = STAGES
    stage_cpu: dict[str, float] = field(default_factory=dict)
    worker_rss_mib: list[float] = field(default_factory=list)
    #: wall seconds of the run's phases: de-duplication, waiting for the cold caches, analysis
    phases: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        r = self.rows
        return (
            f"{self.partitions} partitions run, {self.skipped} already done; "
            f"{r['articles']} articles, {r['keyphrases']} keyphrases, {r['attributions']} attributions, "
            f"{r['errors']} errors written in {self.seconds:.1f} s"
            + (
                f"; de-duplication: {self.duplicates.get('input', 0):,} items in, {self.removed_duplicates:,} removed "
                f"({self.duplicates.get('exact_pairs', 0):,} exact copies, {self.duplicates.get('near_pairs', 0):,} "
                "near-duplicate pairs)"
                if self.duplicates
                else ""
            )
            + (
                f"; stages skipped: {', '.join(s for s in STAGES if s not in self.stages)}"
                if self.stages != STAGES
                else ""
            )
        )


#: Parts of the package the rows do not depend on (editing them keeps finished partitions).
_NOT_ROW_CODE = (
    "plotting",
    "report",
    "templates",
    "study/stats.py",
    "study/describe.py",
    "study/cli.py",
    "describe_article.py",  # the describe modules write report prose; no row depends on them
    "keywords/describe.py",
    "persuasion/describe.py",
    "rhetoric/describe.py",
    "rhetoric/describe_stance.py",
    "topics/describe.py",
    "cli.py",
    "dossier.py",
    "views.py",
    "__main__.py",
)


def code_version() -> str:
    """Fingerprint of the package code and data the rows depend on (part of every partition key).

    Every file of ``arabic_news`` except presentation code (:data:`_NOT_ROW_CODE`).
    """
    import hashlib

    import arabic_news

    root = Path(arabic_news.__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if not p.is_file() or "__pycache__" in rel or p.suffix == ".pyc":
            continue
        if any(rel == x or rel.startswith(x + "/") for x in _NOT_ROW_CODE):
            continue
        h.update(rel.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _partition_key(items: list[Item], *, code: str, seed: int, quick: bool, stages: tuple[str, ...] = STAGES) -> str:
    import hashlib

    h = hashlib.blake2b(digest_size=12)
    h.update(f"{SCHEMA_VERSION}|{code}|{seed}|{quick}".encode())
    if stages != STAGES:
        h.update(("|stages:" + ",".join(stages)).encode())
    for it in items:
        h.update(it.digest.encode())
    return h.hexdigest()


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process_partition(
    items: list[Item], seed: int, quick: bool, stages: tuple[str, ...] = STAGES
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The Dask task: rows of every table for a partition, and ``{"cpu": {stage: s}, "rss_mib": ...}``."""
    import psutil
    from threadpoolctl import threadpool_limits

    cpu: dict[str, float] = {}
    with threadpool_limits(1):
        tables = analyse_partition(items, seed=seed, quick=quick, stages=stages, timings=cpu)
    return tables, {"cpu": cpu, "rss_mib": psutil.Process().memory_info().rss / 2**20, "n": len(items)}


def _remove_stale(out: Path, n_parts: int) -> None:
    """Delete partitions numbered ``n_parts`` or more (left by an earlier, larger run)."""
    for f in list(out.glob("*/part-*.parquet")) + list(out.glob("_state/part-*.json")):
        try:
            idx = int(f.stem.split("-")[1])
        except (IndexError, ValueError):
            continue
        if idx >= n_parts:
            f.unlink()


def _state_path(out: Path, idx: int) -> Path:
    return out / "_state" / f"part-{idx:05d}.json"


def _is_done(out: Path, idx: int, key: str) -> bool:
    p = _state_path(out, idx)
    if not p.exists():
        return False
    try:
        state = json.loads(p.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return state.get("key") == key and all((out / t / f"part-{idx:05d}.parquet").exists() for t in TABLES)


def _write_partition(out: Path, idx: int, key: str, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..cache import atomic_write

    counts = {}
    for name in TABLES:
        rows = tables.get(name, [])
        sch = schema(name)
        tbl = pa.Table.from_pylist(rows, schema=sch) if rows else sch.empty_table()
        path = out / name / f"part-{idx:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp, tbl=tbl: pq.write_table(tbl, tmp))
        counts[name] = len(rows)
    state = {"key": key, "schema": SCHEMA_VERSION, "rows": counts}
    sp = _state_path(out, idx)
    sp.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(sp, lambda tmp: tmp.write_text(json.dumps(state), "utf-8"))
    return counts


class WarmUp(WorkerPlugin):
    """Worker plugin: limit threads and load the default models once when a worker starts."""

    name = "arabic-news-warmup"

    def __init__(self, seed: int, quick: bool, stages: tuple[str, ...] = STAGES) -> None:
        self.seed, self.quick, self.stages = seed, quick, tuple(stages)

    def setup(self, worker: Any = None) -> None:
        os.environ.update(THREAD_ENV)
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
        _warm_models(self.seed, self.quick, self.stages)


def _has_bokeh() -> bool:
    from importlib.util import find_spec

    return find_spec("bokeh") is not None


def _client(scheduler: str | None, n_workers: int | None, *, dashboard: bool = True) -> tuple[Any, Any]:
    import dask
    from distributed import Client, LocalCluster

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        return Client(address), None
    # the worker's statistical profiler samples every thread's Python stack every 10 ms: on these
    # pure-Python tasks that is a measurable share of the CPU, so local workers run without it
    # (on your own cluster: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False for the workers)
    settings = {
        "distributed.nanny.pre-spawn-environ": {**THREAD_ENV, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"},
        "distributed.worker.profile.enabled": False,
    }
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            # a free port (":0"); the dashboard needs bokeh, without it distributed serves none
            dashboard_address=":0" if dashboard and _has_bokeh() else None,
        )
    return Client(cluster), cluster


def dashboard_message(client: Any, cluster: Any) -> str:
    """One line saying where the Dask dashboard is (or why there is none)."""
    kind = "local cluster" if cluster is not None else f"cluster at {client.scheduler.address}"
    n = len(client.scheduler_info().get("workers", {}))
    link = None
    try:
        link = client.dashboard_link
    except Exception:  # noqa: BLE001 -- no dashboard configured
        link = None
    if cluster is not None and not _has_bokeh():
        return f"Dask {kind} with {n} workers (no dashboard: install bokeh>=3.1)"
    return f"Dask {kind} with {n} workers; dashboard: {link}" if link else f"Dask {kind} with {n} workers"


def _warm_models(seed: int, quick: bool, stages: tuple[str, ...] = STAGES) -> None:
    """Build (or load) every cached default model the stages need, in this process.

    In-process runs call it once; on a cluster one worker runs it first (so that a missing
    cache entry is built once, not by every worker at the same time), then :class:`WarmUp`
    on every worker.

    Loading runs one tiny article through every stage, so lexicons and the encoder load too.
    """
    from .sources import Item

    text = "عنوان للتحميل\nقال الوزير إن المحادثات كانت مثمرة جدا. وأكد أن التعاون سيستمر. وربما يتوسع لاحقا."
    analyse_partition([Item("warm-up", text)], seed=seed, quick=quick, stages=stages)


def run_study(
    source: str | os.PathLike[str] | Iterable[Item],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    partition_size: int = 200,
    seed: int = 0,
    quick: bool = False,
    limit: int | None = None,
    dedup: bool = True,
    skip: Iterable[str] = (),
    show_progress: bool = True,
    max_in_flight: int | None = None,
    on_partition: Callable[[int], None] | None = None,
) -> StudyResult:
    """Analyse every article of ``source`` and write the study's Parquet tables under ``out``.

    Parameters
    ----------
    source : path or iterable of Item
        See :mod:`arabic_news.study.sources`.
    out : path
        Output folder (``<out>/<table>/part-NNNNN.parquet``, ``<out>/_state/``, ``<out>/run.json``).
    scheduler : str, optional
        ``None`` for a local cluster, a Dask scheduler address, or ``"inline"``.
    n_workers : int, optional
        Worker processes of the local cluster (default: one per core).
    partition_size : int
        Articles per partition (per task and per Parquet file).
    seed, quick : int, bool
        Passed to every model.
    limit : int, optional
        Only the first ``limit`` items (after de-duplication).
    dedup : bool
        Drop exact and near-duplicate articles first (see :func:`arabic_news.study.dedup.deduplicate`).
    skip : iterable of str
        Stages not to run (names in :data:`arabic_news.study.batch.STAGES`; default none:
        every analysis runs).  Their columns stay empty and the partition keys differ.
    show_progress : bool
        tqdm bar over partitions.
    max_in_flight : int, optional
        Partitions submitted at once (default: twice the number of workers); bounds client memory.
    on_partition : callable, optional
        Called with the partition index after each partition is written (progress hooks, tests
        that interrupt a run).

    Returns
    -------
    StudyResult
    """
    from tqdm.auto import tqdm

    from .dedup import deduplicate_cached
    from .warm import start_warmup

    stages = check_stages(skip)
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    local = scheduler is None and not os.environ.get("DASK_SCHEDULER_ADDRESS")
    log = print if show_progress else (lambda _line: None)
    # a local cluster: cold models are built meanwhile, in parallel child processes (study.warm)
    wait_warm = start_warmup(stages, seed=seed, quick=quick, log=log) if local else (lambda: 0.0)
    items: Iterable[Item] = iter_source(source) if isinstance(source, (str, os.PathLike)) else source
    result = StudyResult(out=out, stages=stages)
    if dedup:
        items, report = deduplicate_cached(items, show_progress=show_progress)
        result.removed_duplicates = report["removed"]
        result.duplicates = {k: v for k, v in report.items() if k != "examples"}
        (out / "duplicates.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
        result.phases["dedup"] = round(time.perf_counter() - t0, 1)
    if limit is not None:
        items = islice(items, limit)
    code = code_version()

    todo: list[tuple[int, str, list[Item]]] = []
    n_parts = 0
    for idx, chunk in enumerate(_chunks(items, partition_size)):
        n_parts = idx + 1
        key = _partition_key(chunk, code=code, seed=seed, quick=quick, stages=stages)
        if _is_done(out, idx, key):
            result.skipped += 1
        else:
            todo.append((idx, key, chunk))
    _remove_stale(out, n_parts)
    # until this run ends, the folder is marked unfinished (a killed run leaves it so; readers check)
    (out / "run.json").write_text(json.dumps({"schema": SCHEMA_VERSION, "code": code, "interrupted": True}), "utf-8")
    n_items = sum(len(c) for _, _, c in todo)
    bar = tqdm(
        total=n_items, desc="study articles", unit="article", disable=not show_progress, mininterval=2, smoothing=0.05
    )
    analysed = 0

    def record(idx: int, key: str, res: tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]) -> None:
        nonlocal analysed
        tables, meta = res
        for t, n in _write_partition(out, idx, key, tables).items():
            result.rows[t] += n
        result.partitions += 1
        analysed += meta["n"]
        for st, sec in meta["cpu"].items():
            result.stage_cpu[st] = result.stage_cpu.get(st, 0.0) + sec
        result.worker_rss_mib.append(round(meta["rss_mib"], 1))
        bar.update(meta["n"])
        if on_partition is not None:
            on_partition(idx)

    completed = False
    try:
        if scheduler == "inline":
            if todo:
                _warm_models(seed, quick, stages)
            for idx, key, chunk in todo:
                record(idx, key, process_partition(chunk, seed, quick, stages))
        elif todo:
            from distributed import as_completed

            client, cluster = _client(scheduler, n_workers, dashboard=show_progress)
            try:
                msg = dashboard_message(client, cluster)
                result.dashboard = client.dashboard_link if "dashboard: " in msg else None
                if show_progress:
                    print(msg, flush=True)
                # one worker builds any missing cached model first (the others would race to build it),
                # then every worker, present or joining later, loads the models once; the client loads none
                result.phases["warm-up wait"] = round(wait_warm(), 1)
                t_warm = time.perf_counter()
                first = sorted(client.scheduler_info()["workers"])[:1]
                client.submit(_warm_models, seed, quick, stages, workers=first, pure=False).result()
                client.register_plugin(WarmUp(seed, quick, stages))
                result.phases["worker model loading"] = round(time.perf_counter() - t_warm, 1)
                limit_in_flight = max_in_flight or 2 * max(1, len(client.scheduler_info()["workers"]))
                pending = iter(todo)
                futures = {}
                for idx, key, chunk in islice(pending, limit_in_flight):
                    futures[client.submit(process_partition, chunk, seed, quick, stages, pure=False)] = (idx, key)
                ac = as_completed(list(futures))
                for fut in ac:
                    idx, key = futures.pop(fut)
                    record(idx, key, fut.result())
                    fut.release()
                    nxt = next(pending, None)
                    if nxt is not None:
                        f2 = client.submit(process_partition, nxt[2], seed, quick, stages, pure=False)
                        futures[f2] = (nxt[0], nxt[1])
                        ac.add(f2)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
        completed = True
    finally:
        wait_warm()  # never leave a warm-up child running
        bar.close()
        result.seconds = time.perf_counter() - t0
        run = {
            "schema": SCHEMA_VERSION,
            "source": str(source) if isinstance(source, (str, os.PathLike)) else "<items>",
            "seed": seed,
            "quick": quick,
            "partition_size": partition_size,
            "code": code,
            "partitions_run": result.partitions,
            "partitions_skipped": result.skipped,
            "seconds": round(result.seconds, 2),
            "phase_seconds": result.phases,
            "stages": list(stages),
            "articles_analysed": analysed,
            "removed_duplicates": result.removed_duplicates,
            # CPU time per analysed item and stage, summed over the workers (this run's partitions only)
            "stage_cpu_ms_per_item": {k: round(1000 * v / max(analysed, 1), 1) for k, v in result.stage_cpu.items()},
            "worker_rss_mib_after_partition": result.worker_rss_mib,
            # stopped (Ctrl-C, an error): the finished partitions are kept and a rerun resumes
            "interrupted": not completed,
        }
        (out / "run.json").write_text(json.dumps(run, indent=1), "utf-8")
    return result


def read_table(out: str | os.PathLike[str], table: str) -> Any:
    """One study table as a pandas DataFrame (every partition, in partition order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = schema(table)
    files = sorted((Path(out) / table).glob("part-*.parquet"))
    if not files:
        return sch.empty_table().to_pandas()
    return pa.concat_tables([pq.read_table(f, schema=sch) for f in files]).to_pandas()
