"""The unit of a build: one report folder (an article's, or the lab-level one) and its Dask graph.

A :class:`Job` holds what one folder needs (notebooks, parameters, the
temporary folder, the kernel environment); :func:`run_jobs` turns jobs into
one Dask graph on the local threads scheduler -- warm-up steps, and
every notebook in *lanes*, each lane as soon as the warm-up steps its notebooks
read are done (:data:`.warmup.NOTEBOOK_NEEDS`; a notebook not listed waits for all) (a lane is a sequence of notebooks run one after the
other in one shared kernel, see :class:`~.execute.KernelSession`; threads only
wait on kernels), the synthesis notebooks of a folder after its others, a free
worker always taking the ready task with the most work ahead of it (:mod:`.priority`) -- and
:func:`finish` records the outcome in ``build.json`` and moves the folder into
place in one rename.

An article's notebooks share one kernel (one lane) when there are at least as
many articles as workers; with fewer articles, an article's notebooks are
spread over ``workers // articles`` lanes (longest first, by last build's
times), and its synthesis notebooks run afterwards: in a lane of their own while
warm-up steps are in the graph, else in the first lane's kernel once the other lanes
are done (:func:`run_jobs`; no third kernel to start and import into:
about 3 s less per warm one-article build on the 2-core machine).
Each lab-level notebook is a lane of its own (they are long and independent).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from ..cache import atomic_write
from ..paths import project_root
from .execute import KernelSession, error_of, execute_notebook, in_own_thread, kernel_env, schedule
from .render import notebook_title, render_notebook

__all__ = ["ArticleResult", "Job", "run_jobs", "STAMP_FILE"]

STAMP_FILE = "build.json"
STAMP_VERSION = 2

Log = Callable[[str], None]

# --------------------------------------------------------------------------- records


@dataclass
class ArticleResult:
    """What happened to one article (or to the lab-level reports) in a build (also its ``build.json``)."""

    article: str
    slug: str
    name: str
    headline: str | None = None
    encoding: str | None = None  # the encoding the article file was decoded with (read with encoding="auto")
    status: str = "ok"  # ok | failed | skipped-ok | skipped-failed
    error: str | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)  # {"notebook", "html"|"error", "seconds", "title"}
    stamp: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "skipped-ok")

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STAMP_VERSION,
            "article": self.article,
            "slug": self.slug,
            "name": self.name,
            "headline": self.headline,
            "encoding": self.encoding,
            "status": "ok" if self.ok else "failed",
            "error": self.error,
            "reports": self.reports,
            "stamp": self.stamp,
            "seconds": round(self.seconds, 1),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ArticleResult:
        return cls(
            article=d["article"],
            slug=d["slug"],
            name=d["name"],
            headline=d.get("headline"),
            encoding=d.get("encoding"),
            status=d.get("status", "failed"),
            error=d.get("error"),
            reports=list(d.get("reports", [])),
            stamp=d.get("stamp"),
            seconds=float(d.get("seconds", 0.0)),
        )


def short_error(exc: BaseException, limit: int = 300) -> str:
    """The exception in one line of at most ``limit`` characters."""
    from ..clikit import one_line

    msg = one_line(exc)
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def write_json(path: Path, obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))


def publish(tmp: Path, final: Path) -> None:
    """Move a finished report folder into place (replacing any previous one) in one rename."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def mkdir(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def tempdir(out: Path, slug: str) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{slug}-", dir=mkdir(out)))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published report is readable
    return tmp


def load_record(folder: Path) -> ArticleResult | None:
    try:
        return ArticleResult.from_json(json.loads((folder / STAMP_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def complete(folder: Path, rec: ArticleResult) -> bool:
    return all((folder / r["html"]).is_file() for r in rec.reports if "html" in r)


# --------------------------------------------------------------------------- one report folder


@dataclass
class Job:
    """One report folder being built: an article's notebooks, or the lab-level notebooks."""

    res: ArticleResult
    notebooks: list[Path]
    params: dict[str, Any]
    tmp: Path
    final: Path
    article: Article | None
    label: str  # for log lines and page titles
    seed: int
    quick: bool
    show_code: bool
    timeout: int
    log: Log
    t0: float
    prev_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        return kernel_env(self.tmp)


def run_notebook(job: Job, nb_path: Path, session: KernelSession | None = None) -> dict[str, Any]:
    """Execute and render one notebook of a job; never raises (the record carries the error)."""
    import nbformat

    t1 = time.perf_counter()
    executed = job.tmp / f".{nb_path.stem}.executed.ipynb"
    try:
        execute_notebook(nb_path, executed, job.params, env=job.env, timeout=job.timeout, session=session)
        nb = nbformat.read(str(executed), as_version=4)
        title = notebook_title(nb, nb_path.stem)
        page = render_notebook(
            nb,
            title=f"{title} — {job.label if job.article is not None else 'lab-level report'}",
            article=job.article,
            seed=job.seed,
            quick=job.quick,
            show_code=job.show_code,
            notebook_name=nb_path.name,
            subtitle="Lab-level report (independent of the article)" if job.article is None else None,
        )
        (job.tmp / f"{nb_path.stem}.html").write_text(page, "utf-8")
        os.replace(executed, job.tmp / f"{nb_path.stem}.ipynb")
        took = time.perf_counter() - t1
        job.log(f"  {job.label}: {nb_path.name} ok ({took:.1f} s)")
        return {"notebook": nb_path.stem, "html": f"{nb_path.stem}.html", "seconds": round(took, 1), "title": title}
    except KeyboardInterrupt:
        raise
    except Exception as e:  # noqa: BLE001 -- one failing notebook must not stop the build
        msg = error_of(e)
        executed.unlink(missing_ok=True)
        job.log(f"  {job.label}: {nb_path.name} FAILED: {msg}")
        return {"notebook": nb_path.stem, "error": msg, "seconds": round(time.perf_counter() - t1, 1)}


def run_lane(
    job: Job,
    notebooks: Sequence[Path],
    *_after: Any,
    done: threading.Event | None = None,
    then: tuple[Sequence[Path], Sequence[threading.Event]] | None = None,
) -> list[dict[str, Any]]:
    """Run ``notebooks`` one after the other in one shared kernel, in a thread of its own; never raises.

    ``done`` is set when this lane's notebooks are finished (whatever their outcome).  ``then``
    (notebooks, events): once every event is set -- the article's other lanes are done -- run those
    notebooks too, in this lane's kernel, whose imports and loaded models they reuse (the synthesis
    notebooks of a warm one-article build: no third kernel to start).
    """

    def body() -> list[dict[str, Any]]:
        with KernelSession(job.env, cwd=project_root()) as session:
            try:  # the kernel boots while this thread imports papermill and nbconvert (about 3 s, once per process)
                session.start()
            except Exception:  # noqa: BLE001 -- the first notebook retries and records the error
                session.close()
            try:
                out = [run_notebook(job, nb, session) for nb in notebooks]
            finally:
                if done is not None:
                    done.set()
            if then is not None:
                for event in then[1]:
                    event.wait()
                out += [run_notebook(job, nb, session) for nb in then[0]]
            return out

    return in_own_thread(body, name=f"lane-{job.res.slug}-{notebooks[0].stem}")


def lanes_of(job: Job, n_lanes: int, *, split: bool = False) -> list[list[list[Path]]]:
    """The job's notebooks as phases of lanes: ``[[lane, ...], [synthesis lane]]``.

    With one lane, every notebook (synthesis last) runs in one kernel -- unless ``split``
    (a cold build: the synthesis notebooks wait for every warm-up step, the others only for
    the steps they read, so the main lane starts while the long steps still run).  With more,
    the main notebooks are dealt longest first (last build's seconds) to the lane
    with the least work so far, and the synthesis notebooks follow in a lane of their own.

    >>> from pathlib import Path
    >>> j = Job.__new__(Job); j.notebooks = [Path(n) for n in ("00-a", "11-b", "20-c", "90-d")]
    >>> j.prev_seconds = {"11-b": 9.0, "20-c": 5.0, "00-a": 1.0}
    >>> [[[p.name for p in lane] for lane in ph] for ph in lanes_of(j, 1)]
    [[['11-b', '20-c', '00-a', '90-d']]]
    >>> [[[p.name for p in lane] for lane in ph] for ph in lanes_of(j, 1, split=True)]
    [[['11-b', '20-c', '00-a']], [['90-d']]]
    >>> [[[p.name for p in lane] for lane in ph] for ph in lanes_of(j, 2)]
    [[['11-b'], ['20-c', '00-a']], [['90-d']]]
    """
    phases = schedule(job.notebooks, job.prev_seconds)
    if n_lanes <= 1:
        return [[ph] for ph in phases] if split else [[[nb for ph in phases for nb in ph]]]
    out: list[list[list[Path]]] = []
    for ph in phases:
        lanes: list[list[Path]] = [[] for _ in range(min(n_lanes, len(ph)))]
        load = [0.0] * len(lanes)
        for nb in ph:  # longest processing time first
            i = load.index(min(load))
            lanes[i].append(nb)
            load[i] += job.prev_seconds.get(nb.stem, 1.0)
        out.append(lanes)
    return out


def finish(job: Job, lanes: list[list[dict[str, Any]]]) -> ArticleResult:
    """Record the notebooks' outcomes (in notebook order), write ``build.json`` and publish the folder."""
    res = job.res
    try:
        by_name = {r["notebook"]: r for lane in lanes for r in lane}
        errors = []
        for nb_path in job.notebooks:
            rec = by_name[nb_path.stem]
            res.reports.append(rec)
            if "error" in rec:
                errors.append(f"{nb_path.stem}: {rec['error']}")
        if not job.notebooks:
            res.status, res.error = "failed", "no notebooks found in notebooks/"
        if errors:
            res.status = "failed"
            res.error = errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
        res.seconds = time.perf_counter() - job.t0
        write_json(job.tmp / STAMP_FILE, res.to_json())
        publish(job.tmp, job.final)
    except OSError as e:  # the folder could not be published: this report fails, the other tasks go on
        res.status, res.error = "failed", f"could not publish {job.final.name}: {short_error(e)}"
        job.log(f"  {job.label}: {res.error}")
    finally:
        if job.tmp.exists():
            shutil.rmtree(job.tmp, ignore_errors=True)
    return res


def run_jobs(
    jobs_to_run: Sequence[Job], *, workers: int, warm: Sequence[str], seed: int, quick: bool, log: Log
) -> list[ArticleResult]:
    """Run every notebook of every job as one Dask graph (threads scheduler, ``workers`` at once)."""
    if not jobs_to_run:
        return []
    import dask
    from dask import delayed

    from .priority import LongestPathFirst
    from .warmup import WARMUPS, steps_needed, warmup_graph

    graph = warmup_graph(warm, seed=seed, quick=quick, log=log) if warm else {}

    def needs(lane: Sequence[Path]) -> list[Any]:
        """The warm-up tasks a lane of notebooks waits for: the steps they read, else every step."""
        wanted = steps_needed([nb.stem for nb in lane])
        return list(graph.values()) if wanted is None else [graph[n] for n in wanted if n in graph]

    n_articles = sum(job.article is not None for job in jobs_to_run)
    busy = n_articles + any(job.article is None for job in jobs_to_run)
    finals = []
    cost = {f"warmup-{w.name}": w.cost for w in WARMUPS.values()}  # seconds, for the order only (.priority)
    for job in jobs_to_run:
        if job.article is None:  # lab-level notebooks: each a lane of its own
            phases = [[[nb] for nb in ph] for ph in schedule(job.notebooks, job.prev_seconds)]
        else:
            phases = lanes_of(job, max(1, workers // max(1, busy)), split=bool(graph))
        # A warm article in several lanes (no warm-up step in the graph, workers >= 2 * articles, so every
        # lane runs at once and none holds back one it waits for): the first lane runs the synthesis
        # notebooks in its own kernel once the others are done (run_lane's ``then``), not a new kernel.
        synthesis: list[Path] = []
        if job.article is not None and not graph and len(phases) == 2 and len(phases[0]) >= 2 and len(phases[1]) == 1:
            synthesis = phases.pop()[0]
            events = [threading.Event() for _ in phases[0][1:]]
        lanes = []
        before: list[Any] = []
        for k, phase in enumerate(phases):
            tasks = []
            for i, lane in enumerate(phase):
                key = f"lane-{job.res.slug}-{k}-{i}"
                kw: dict[str, Any] = {}
                if synthesis:  # the first lane hosts the synthesis notebooks, the others say when they are done
                    kw = {"then": (synthesis, events)} if i == 0 else {"done": events[i - 1]}
                cost[key] = sum(job.prev_seconds.get(nb.stem, 2.0) for nb in lane + (synthesis if i == 0 else []))
                tasks.append(delayed(run_lane, pure=False)(job, lane, *before, *needs(lane), dask_key_name=key, **kw))
            lanes += tasks
            before = tasks  # the synthesis phase waits for the article's other notebooks
        finals.append(delayed(finish, pure=False)(job, lanes, dask_key_name=f"finish-{job.res.slug}"))
    try:
        with LongestPathFirst(cost.get):
            return list(dask.compute(*finals, scheduler="threads", num_workers=max(1, workers)))
    finally:
        for job in jobs_to_run:
            if job.tmp.exists():
                shutil.rmtree(job.tmp, ignore_errors=True)
