"""One function over the parts of a corpus, on Dask's local process scheduler.

The one-off corpus statistics (the keyword background's document frequencies,
the genre statistics) split a corpus into parts and count each part on its own;
:func:`map_parts` runs those counts on Dask's ``processes`` scheduler -- the
same engine as the report build and the corpus study, no pool of our own --
with a tqdm bar over finished parts.

Inside a daemonic process (a ``distributed`` worker, which is where a study
builds a model whose cache is cold) child processes are not allowed, so the
parts are counted one after the other in the calling process; so they are when
``processes`` is 1.  The result is the same list, in the order of ``parts``.

>>> map_parts(len, [[1, 2], [3]], processes=1, desc="demo", show_progress=False)
[2, 1]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["map_parts", "can_fork_workers"]

T = TypeVar("T")


def can_fork_workers() -> bool:
    """False inside a daemonic process (e.g. a Dask worker), where child processes cannot start."""
    return not multiprocessing.current_process().daemon


def map_parts(
    fn: Callable[[Any], T],
    parts: Sequence[Any],
    *,
    processes: int,
    desc: str,
    show_progress: bool = True,
) -> list[T]:
    """``[fn(p) for p in parts]``, with up to ``processes`` worker processes.

    Parameters
    ----------
    fn : callable
        A module-level function (it is sent to the worker processes).
    parts : sequence
        Its arguments, one per task.
    processes : int
        Worker processes; 1 (or a daemonic caller) computes in this process.
    desc : str
        Label of the progress bar.
    """
    from .corpus import progress

    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    disable = None if show_progress else True
    if processes == 1 or len(parts) <= 1 or not can_fork_workers():
        return [fn(p) for p in progress(parts, desc=desc, total=len(parts), disable=disable)]

    import dask
    from dask.callbacks import Callback

    names = [f"part-{i}" for i in range(len(parts))]
    tasks = [dask.delayed(fn, pure=False)(p, dask_key_name=k) for p, k in zip(parts, names)]
    bar = progress(range(len(parts)), desc=desc, total=len(parts), disable=disable)
    wanted = set(names)

    class _Tick(Callback):
        def _posttask(self, key, result, dsk, state, worker_id):
            if key in wanted:
                bar.update(1)

    context = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    try:
        with _Tick(), dask.config.set({"multiprocessing.context": context}):
            return list(dask.compute(*tasks, scheduler="processes", num_workers=processes))
    finally:
        bar.close()
