"""Cold caches before a study: the models its stages need, built once, in parallel, on the client.

A study's workers load the default models from the package's disk cache. When
that cache is cold (a fresh clone), somebody has to build them first: the topic
counts and model, the keyword background and its genre statistics, the
persuasion models -- a few CPU-minutes in all.  Built inside one Dask worker they
would run one after the other (a worker is a daemonic process: the corpus
counts cannot fork their own processes there) while the other workers wait.

So a study on a local cluster first starts the report's warm-up steps for the
stages it runs (:data:`STAGE_STEPS`, see :mod:`arabic_news.report.warmup`): each
step in its own child process, independent steps at the same time, in a
background thread while the client reads and de-duplicates the corpus.  The
workers then only load what is on disk.  The steps are the ones ``make report``
runs, with the same arguments, so either command warms the other; when a
previous run finished them for the same code, data, seed and mode (the warm-up
stamp), nothing starts at all.  A step that fails is logged in one line and the
first worker builds that model itself, as it would without this module.

>>> steps_for(("topic", "attribution", "persuasion"))
['topics.model', 'persuasion.models']
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

__all__ = ["STAGE_STEPS", "steps_for", "start_warmup"]

#: Study stage -> the warm-up steps whose cache entries it loads (attribution and markers need only lexicons).
STAGE_STEPS: dict[str, tuple[str, ...]] = {
    "topic": ("topics.model",),
    "keyphrases": ("keywords.background",),
    "persuasion": ("persuasion.models",),
}


def steps_for(stages: Sequence[str]) -> list[str]:
    """The warm-up steps the given study stages need, in stage order."""
    return [step for stage in stages for step in STAGE_STEPS.get(stage, ())]


def start_warmup(
    stages: Sequence[str], *, seed: int, quick: bool, log: Callable[[str], None] = print
) -> Callable[[], float]:
    """Start building the stages' cold cache entries in the background; returns ``wait()``.

    ``wait()`` blocks until every step has ended (successfully or not), passes
    the steps' one-line messages to ``log`` and returns the seconds it waited.
    With nothing to do (no step needed, or the warm-up stamp is current) no
    thread starts and ``wait()`` returns at once.
    """
    import time

    from ..report.warmup import warmup_tasks

    steps = steps_for(stages)
    lines: list[str] = []
    tasks = warmup_tasks(steps, seed=seed, quick=quick, log=lines.append) if steps else []
    if not tasks:
        for ln in lines:
            log(ln)
        return lambda: 0.0

    def run() -> None:
        import dask

        from ..clikit import one_line

        try:  # one thread per step: each thread only waits for its child process
            dask.compute(*tasks, scheduler="threads", num_workers=max(1, min(len(tasks), 2 * (os.cpu_count() or 1))))
        except Exception as e:  # noqa: BLE001 -- the workers build what is missing
            lines.append(f"  warm-up: FAILED: {one_line(e)}")

    thread = threading.Thread(target=run, name="study-warmup", daemon=True)
    thread.start()

    def wait() -> float:
        t0 = time.perf_counter()
        thread.join()
        while lines:  # each message once, however often wait() is called
            log(lines.pop(0))
        return time.perf_counter() - t0

    return wait
