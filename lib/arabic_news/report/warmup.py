"""The registry of warm-up steps: expensive, article-independent work computed once per fingerprint.

Each step calls one of the package's own cached functions (``arabic_news.cache.cached``,
keyed on code + data + parameters), with exactly the arguments the notebooks,
the CLI and the tests use, so that they all find the result in the cache.
``make report`` runs the steps before any notebook, as Dask tasks, each in its
own Python process (true parallelism on the two cores; memory returned when it
ends), in the order their ``after`` lists require and otherwise in parallel.

To add a step (e.g. a sentence-encoder matrix or a new default model), write a
function ``(seed, quick) -> None`` here and decorate it with :func:`warmup`;
name the steps it must wait for in ``after`` and its cold seconds in ``cost`` (the build starts
the steps with the most work ahead of them first, :mod:`.priority`).  Nothing else changes.

Run by hand::

    python -m arabic_news.report.warmup --list
    python -m arabic_news.report.warmup [--quick] [--seed 0] [STEP ...]    # default: every step
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "WARMUPS",
    "NOTEBOOK_NEEDS",
    "Warmup",
    "warmup",
    "default_warmups",
    "run_step",
    "warmup_graph",
    "warmup_tasks",
    "steps_needed",
]


@dataclass(frozen=True)
class Warmup:
    """One registered step: ``func(seed, quick)`` fills the cache; ``after`` names steps it waits for.

    ``cost``: its seconds in a cold build on the 2-core reference machine (``bench/report.py`` prints
    them); only used to start the steps with the most work ahead of them first (:mod:`.priority`).
    """

    name: str
    func: Callable[[int, bool], Any]
    after: tuple[str, ...] = ()
    doc: str = ""
    cost: float = 10.0


#: name -> step, in registration order
WARMUPS: dict[str, Warmup] = {}
#: joblib processes of a step that fits models in parallel (its results do not depend on it).  One: the build
#: already runs the steps side by side on both cores, where a step's own two loky workers only add their start-up,
#: imports and data transfer (leave-one-outlet-out: 63 CPU-s in one process, about 73 with two workers).
STEP_JOBS = 1


def warmup(
    name: str, *, after: Sequence[str] = (), cost: float = 10.0
) -> Callable[[Callable[[int, bool], Any]], Callable[[int, bool], Any]]:
    """Register ``func(seed, quick)`` as the warm-up step ``name`` (waits for the steps in ``after``; takes about
    ``cost`` seconds cold)."""

    def deco(func: Callable[[int, bool], Any]) -> Callable[[int, bool], Any]:
        for a in after:
            if a not in WARMUPS:
                raise ValueError(f"warm-up step {name!r} waits for unknown step {a!r}")
        WARMUPS[name] = Warmup(name, func, tuple(after), (func.__doc__ or "").strip().splitlines()[0], float(cost))
        return func

    return deco


# ---------------------------------------------------------------- topics


@warmup("topics.counts", cost=26)
def _topic_counts(seed: int, quick: bool) -> None:
    """Topic corpora (SANAD + weak-labelled SaudiNewsNet): n-gram counts and duplicate groups."""
    from ..topics.features import topic_data

    topic_data(seed=seed, quick=quick)


@warmup("topics.model", after=["topics.counts"], cost=22)
def _topic_model(seed: int, quick: bool) -> None:
    """The default topic model (calibrated LinearSVC)."""
    from ..topics import default_model

    default_model(seed=seed, quick=quick)


@warmup("topics.cv", after=["topics.counts"], cost=20)
def _topic_cv(seed: int, quick: bool) -> None:
    """Cross-validation of the three classifiers (lab report 11-topic-evaluation)."""
    from ..topics.evaluation import cross_validate
    from ..topics.features import topic_data

    cross_validate(topic_data(seed=seed, quick=quick), kinds=("svc", "logreg", "cnb"), seed=seed, n_jobs=STEP_JOBS)


@warmup("topics.cross-outlet", after=["topics.model"], cost=64)
def _topic_cross_outlet(seed: int, quick: bool) -> None:
    """In-outlet and leave-one-outlet-out scores (lab report 11-topic-evaluation).

    Waits for the default model: its in-outlet row is read off that model instead of a refit."""
    from ..topics.evaluation import cross_outlet
    from ..topics.features import topic_data

    cross_outlet(topic_data(seed=seed, quick=quick), seed=seed, n_jobs=STEP_JOBS)


@warmup("topics.learning-curve", after=["topics.counts"], cost=4)
def _topic_learning_curve(seed: int, quick: bool) -> None:
    """Learning curve of the LinearSVC (lab report 11-topic-evaluation)."""
    from ..topics.evaluation import learning_curve
    from ..topics.features import topic_data

    learning_curve(topic_data(seed=seed, quick=quick), seed=seed, n_jobs=STEP_JOBS)


@warmup("topics.landscape", after=["topics.counts"], cost=4)
def _topic_landscape(seed: int, quick: bool) -> None:
    """NMF topics over the corpora (notebook 12)."""
    from ..topics.landscape import topic_landscape

    topic_landscape(seed=seed, quick=quick, n_topics=10)


# ---------------------------------------------------------------- keywords


@warmup("keywords.background", cost=50)
def _keyword_background(seed: int, quick: bool) -> None:
    """Keyword background statistics (document frequencies over SANAD + SaudiNewsNet) and the genre statistics.

    The genre statistics (officialese document frequencies, for the full background only) are
    counted in the background's own pass over the corpora when both are cold (about 15 CPU-s less
    than a pass of their own), so they are one step: the steps that extract keyphrases with the full
    background wait for it, and two processes never build either at the same time."""
    from ..keywords.background import default_background
    from ..keywords.genre import genre_stats

    default_background(quick=quick, seed=seed)
    if not quick:  # a quick background uses empty genre statistics (keywords.genre.genre_for)
        genre_stats()


@warmup("keywords.evaluation", after=["keywords.background"], cost=29)
def _keyword_evaluation(seed: int, quick: bool) -> None:
    """Every keyword method on the held-out articles, timed (lab report 21-keyword-evaluation)."""
    from ..keywords.evaluation import heldout_rows

    heldout_rows(seed=seed, quick=quick)


# ---------------------------------------------------------------- rhetoric


@warmup("rhetoric.ngram-counts", cost=12)
def _rhetoric_ngrams(seed: int, quick: bool) -> None:
    """Reference n-gram counts for formula keyness (notebook 32)."""
    from ..rhetoric.formulae import corpus_counts

    corpus_counts(quick=quick, seed=seed)


@warmup("rhetoric.marker-densities", cost=20)
def _rhetoric_densities(seed: int, quick: bool) -> None:
    """Stance-marker densities of SANAD Politics (notebook 31, the dossier)."""
    from ..rhetoric.markers import corpus_densities

    corpus_densities(quick=quick, seed=seed)


# ---------------------------------------------------------------- persuasion


@warmup("persuasion.models", cost=14)
def _persuasion_models(seed: int, quick: bool) -> None:
    """The default persuasion models (binary and techniques)."""
    from ..persuasion.models import default_models

    default_models(seed=seed, quick=quick)


@warmup("persuasion.evaluation", after=["persuasion.models"], cost=36)
def _persuasion_evaluation(seed: int, quick: bool) -> None:
    """Cross-validated and held-out persuasion scores (lab report 33-persuasion-evaluation).

    It waits for the models' step, which embeds the persuasion texts it also needs (otherwise it
    holds a build slot waiting on that cache entry)."""
    from ..persuasion.models import evaluation

    evaluation(seed=seed, quick=quick)


# ---------------------------------------------------------------- corpus study


@warmup("study.dedup", cost=13)
def _study_dedup(seed: int, quick: bool) -> None:
    """De-duplicated SaudiNewsNet (the corpus study's sample is drawn from it).

    A step of its own, waiting for nothing, so that it runs early beside the other steps instead of
    at the start of ``study.sample``, which must wait for three models and is the last step to end."""
    from ..study.sample import deduplicated_saudinewsnet

    deduplicated_saudinewsnet()


@warmup("study.sample", after=["topics.model", "keywords.background", "persuasion.models", "study.dedup"], cost=55)
def _study_sample(seed: int, quick: bool) -> None:
    """The corpus study's tables: the full run of make corpus if complete, else the cached seeded sample (lab report 40, dossiers)."""
    from ..study.sample import study_tables

    study_tables(seed=seed, quick=quick)


# ---------------------------------------------------------------- which notebook reads which step

#: The warm-up steps each notebook reads (by file stem), so that it starts as soon as they are
#: done instead of after every step.  A notebook that is not listed waits for every step (the
#: dossier reads nearly all of them).  Listing too little is safe: a notebook that reaches a cache
#: entry still being built waits for its lock rather than building it twice.
NOTEBOOK_NEEDS: dict[str, tuple[str, ...]] = {
    # per-article notebooks
    "00-the-article": (),
    "11-topic-classifier": ("topics.model",),
    "12-topic-landscape": ("topics.landscape",),
    "20-keywords": ("keywords.background",),
    "30-attribution": (),
    "31-stance-and-emphasis": ("topics.model", "rhetoric.marker-densities"),
    "32-formulae-and-structure": ("topics.model", "rhetoric.ngram-counts"),
    "33-persuasion": ("persuasion.models",),
    # lab-level notebooks
    "10-topic-corpus": ("topics.counts",),
    "11-topic-evaluation": ("topics.model", "topics.cv", "topics.cross-outlet", "topics.learning-curve"),
    "21-keyword-evaluation": ("keywords.background", "keywords.evaluation"),
    "33-persuasion-evaluation": ("persuasion.models", "persuasion.evaluation"),
    "40-corpus-study": ("study.sample",),
}


def steps_needed(notebook_stems: Sequence[str]) -> tuple[str, ...] | None:
    """The steps these notebooks read (in registration order), or ``None``: wait for every step.

    >>> steps_needed(["11-topic-classifier", "20-keywords"])
    ('topics.model', 'keywords.background')
    >>> steps_needed(["90-dossier"]) is None
    True
    """
    wanted: set[str] = set()
    for stem in notebook_stems:
        if stem not in NOTEBOOK_NEEDS:
            return None
        wanted.update(NOTEBOOK_NEEDS[stem])
    return tuple(n for n in WARMUPS if n in wanted)


# ---------------------------------------------------------------- running


class _CpuMeter:
    """CPU seconds (user + system) of this process and of every process it starts while in use.

    A step's wall time also counts waiting for a cache entry that another step is
    building, and some steps do their work in child processes (joblib's workers, a
    local Dask cluster) that outlive a ``getrusage`` call or are never waited for.
    So a thread polls the descendants' CPU times with psutil (every ``interval``
    seconds) and keeps each one's last reading; at most one interval per child is missed.
    """

    def __init__(self, interval: float = 0.25):
        import threading

        import psutil

        self._me = psutil.Process()
        self._seen: dict[tuple[int, float], float] = {}
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _read(self) -> None:
        import psutil

        for child in self._me.children(recursive=True):
            try:
                t = child.cpu_times()
                self._seen[(child.pid, child.create_time())] = t.user + t.system
            except psutil.Error:  # ended between the listing and the reading
                pass

    def _poll(self) -> None:
        while not self._stop.wait(self._interval):
            self._read()

    def __enter__(self) -> _CpuMeter:
        t = self._me.cpu_times()
        self._own0 = t.user + t.system
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._read()
        self._stop.set()
        self._thread.join()
        t = self._me.cpu_times()
        self.seconds = t.user + t.system - self._own0 + sum(self._seen.values())


def default_warmups() -> list[str]:
    """Every registered step, in registration order."""
    return list(WARMUPS)


def run_step(name: str, *, seed: int = 0, quick: bool = False) -> float:
    """Run one step in this process; returns its seconds."""
    if name not in WARMUPS:
        raise ValueError(f"unknown warm-up step {name!r}; known: {', '.join(WARMUPS)}")
    t0 = time.perf_counter()
    WARMUPS[name].func(seed, quick)
    return time.perf_counter() - t0


def _run_in_process(name: str, seed: int, quick: bool, log: Callable[[str], None], *_after: Any) -> str | None:
    """Run one step in a child Python process; returns None or the one-line error (never raises)."""
    args = [sys.executable, "-m", "arabic_news.report.warmup", name, "--seed", str(seed)] + (
        ["--quick"] if quick else []
    )
    env = dict(os.environ, ARABIC_NEWS_PROGRESS=os.environ.get("ARABIC_NEWS_PROGRESS", "0"))
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr or proc.stdout).strip().splitlines() if ln.strip()]
        msg = lines[-1] if lines else f"exit code {proc.returncode}"
        log(f"  warm-up {name}: FAILED ({took:.1f} s): {msg}")
        return msg
    # the step's own summary line (a step may print other lines that mention CPU seconds)
    cpu = re.search(rf"^{re.escape(name)}: [0-9.]+ s \(CPU ([0-9.]+) s\)$", proc.stdout or "", re.MULTILINE)
    log(f"  warm-up {name}: ok ({took:.1f} s" + (f", CPU {cpu.group(1)} s" if cpu else "") + ")")
    return None


def stamp_path(names: Sequence[str], *, seed: int, quick: bool) -> Path:
    """The file that says these steps all succeeded for this package code, data, seed and mode.

    Its name is a fingerprint of the whole package (code and data files), the shared data folder,
    the step names, the seed and the mode; a change to any of them gives a new name, so a stale
    stamp is never read.  A build that finds it starts no step process (each would only find its
    cache entry: about a second or two per step).
    """
    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..paths import cache_dir, data_path

    key = fingerprint(code_fingerprint(), data_fingerprint(data_path()), sorted(names), seed=seed, quick=quick)
    return cache_dir("warmup") / f"{key}.done"


def _write_stamp(path: Path, log: Callable[[str], None], *results: str | None) -> None:
    """Write the stamp when every step succeeded (a failed step is retried by the next build)."""
    from ..cache import atomic_write

    if all(r is None for r in results):
        atomic_write(path, lambda tmp: tmp.write_text(time.strftime("%Y-%m-%dT%H:%M:%S\n"), "utf-8"))


def warmup_graph(names: Sequence[str], *, seed: int, quick: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """Dask delayed tasks for the named steps (and the steps they wait for), one child process each.

    Returns ``step name -> task``, plus ``"stamp"``: the task that writes the stamp once every
    step succeeded.  A failing step is logged and does not stop the build: the notebook that
    needs it computes it (and reports the error in its own page).  When a previous build ran
    the same steps successfully for the same code, data, seed and mode (:func:`stamp_path`),
    there is nothing to do: ``{}``.
    """
    from dask import delayed

    for n in names:
        if n not in WARMUPS:
            raise ValueError(f"unknown warm-up step {n!r}; known: {', '.join(WARMUPS)}")
    stamp = stamp_path(names, seed=seed, quick=quick)
    if stamp.exists():
        log(
            f"  warm-up: all {len(names)} steps current (code and data unchanged since {stamp.read_text('utf-8').strip()})"
        )
        return {}
    tasks: dict[str, Any] = {}

    def task(name: str) -> Any:
        if name not in tasks:
            deps = [task(a) for a in WARMUPS[name].after]
            tasks[name] = delayed(_run_in_process, pure=False)(
                name, seed, quick, log, *deps, dask_key_name=f"warmup-{name}"
            )
        return tasks[name]

    for n in names:
        task(n)
    tasks["stamp"] = delayed(_write_stamp, pure=False)(stamp, log, *tasks.values(), dask_key_name="warmup-stamp")
    return tasks


def warmup_tasks(names: Sequence[str], *, seed: int, quick: bool, log: Callable[[str], None]) -> list[Any]:
    """The tasks of :func:`warmup_graph` as a list (``[]`` when every step is current)."""
    return list(warmup_graph(names, seed=seed, quick=quick, log=log).values())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m arabic_news.report.warmup``: run warm-up steps in this process."""
    p = argparse.ArgumentParser(prog="python -m arabic_news.report.warmup", description=__doc__.split("\n\n")[0])
    p.add_argument("steps", nargs="*", help="steps to run (default: all, in registration order)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--list", action="store_true", help="list the registered steps and exit")
    a = p.parse_args(argv)
    if a.list:
        for w in WARMUPS.values():
            print(f"{w.name:28} after: {', '.join(w.after) or '-':16} {w.doc}")
        return 0
    from ..clikit import one_line

    status = 0
    for name in a.steps or default_warmups():
        try:
            with _CpuMeter() as cpu:
                took = run_step(name, seed=a.seed, quick=a.quick)
            print(f"{name}: {took:.1f} s (CPU {cpu.seconds:.1f} s)", flush=True)
        except Exception as e:  # noqa: BLE001 -- one line per failed step, the others still run
            print(f"{name}: error: {one_line(e)}", file=sys.stderr, flush=True)
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
