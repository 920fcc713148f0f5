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
worker starts) and BLAS/OpenMP pools are limited to one thread.

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

from .rows import analyse_item, empty_tables
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
    seconds: float = 0.0
    dashboard: str | None = None

    def summary(self) -> str:
        r = self.rows
        return (
            f"{self.partitions} partitions run, {self.skipped} already done; "
            f"{r['articles']} articles, {r['keyphrases']} keyphrases, {r['attributions']} attributions, "
            f"{r['errors']} errors written in {self.seconds:.1f} s"
            + (f"; {self.removed_duplicates} duplicates removed" if self.removed_duplicates else "")
        )


#: Parts of the package the rows do not depend on (editing them keeps finished partitions).
_NOT_ROW_CODE = (
    "plotting",
    "report",
    "templates",
    "study/stats.py",
    "study/describe.py",
    "study/cli.py",
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


def _partition_key(items: list[Item], *, code: str, seed: int, quick: bool) -> str:
    import hashlib

    h = hashlib.blake2b(digest_size=12)
    h.update(f"{SCHEMA_VERSION}|{code}|{seed}|{quick}".encode())
    for it in items:
        h.update(it.digest.encode())
    return h.hexdigest()


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process_partition(items: list[Item], seed: int, quick: bool) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for a list of items (the Dask task)."""
    from threadpoolctl import threadpool_limits

    out = empty_tables()
    with threadpool_limits(1):
        for item in items:
            for table, rows in analyse_item(item, seed=seed, quick=quick).items():
                out[table].extend(rows)
    return out


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

    def __init__(self, seed: int, quick: bool) -> None:
        self.seed, self.quick = seed, quick

    def setup(self, worker: Any = None) -> None:
        os.environ.update(THREAD_ENV)
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
        _warm_models(self.seed, self.quick)


def _client(scheduler: str | None, n_workers: int | None) -> tuple[Any, Any]:
    import dask
    from distributed import Client, LocalCluster

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        return Client(address), None
    with dask.config.set({"distributed.nanny.pre-spawn-environ": THREAD_ENV}):
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    return Client(cluster), cluster


def _warm_models(seed: int, quick: bool) -> None:
    """Build (or load) every cached default model once: on the client before workers start, then per worker."""
    from ..persuasion import predict_paragraphs
    from ..topics import default_model
    from .rows import keyword_background

    default_model(seed=seed, quick=quick)
    predict_paragraphs(["نص قصير للتحميل."], seed=seed, quick=quick)
    keyword_background(seed, quick)


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

    from .dedup import deduplicate

    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    items: Iterable[Item] = iter_source(source) if isinstance(source, (str, os.PathLike)) else source
    result = StudyResult(out=out)
    if dedup:
        items, report = deduplicate(items, show_progress=show_progress)
        result.removed_duplicates = report["removed"]
        (out / "duplicates.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    if limit is not None:
        items = islice(items, limit)
    code = code_version()

    todo: list[tuple[int, str, list[Item]]] = []
    n_parts = 0
    for idx, chunk in enumerate(_chunks(items, partition_size)):
        n_parts = idx + 1
        key = _partition_key(chunk, code=code, seed=seed, quick=quick)
        if _is_done(out, idx, key):
            result.skipped += 1
        else:
            todo.append((idx, key, chunk))
    _remove_stale(out, n_parts)
    bar = tqdm(total=len(todo), desc="study partitions", unit="part", disable=None if show_progress else True)

    def record(idx: int, key: str, tables: dict[str, list[dict[str, Any]]]) -> None:
        for t, n in _write_partition(out, idx, key, tables).items():
            result.rows[t] += n
        result.partitions += 1
        bar.update(1)
        if on_partition is not None:
            on_partition(idx)

    if todo:
        _warm_models(seed, quick)
    if scheduler == "inline":
        for idx, key, chunk in todo:
            record(idx, key, process_partition(chunk, seed, quick))
    elif todo:
        from distributed import as_completed

        client, cluster = _client(scheduler, n_workers)
        try:
            result.dashboard = client.dashboard_link if cluster is None else None
            if result.dashboard:
                print(f"Dask dashboard: {result.dashboard}")
            client.register_plugin(WarmUp(seed, quick))
            limit_in_flight = max_in_flight or 2 * max(1, len(client.scheduler_info()["workers"]))
            pending = iter(todo)
            futures = {}
            for idx, key, chunk in islice(pending, limit_in_flight):
                futures[client.submit(process_partition, chunk, seed, quick, pure=False)] = (idx, key)
            ac = as_completed(list(futures))
            for fut in ac:
                idx, key = futures.pop(fut)
                record(idx, key, fut.result())
                nxt = next(pending, None)
                if nxt is not None:
                    f2 = client.submit(process_partition, nxt[2], seed, quick, pure=False)
                    futures[f2] = (nxt[0], nxt[1])
                    ac.add(f2)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
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
