"""Longest path first: which ready task a build starts next, on Dask's local threads scheduler.

Dask's static order (:func:`dask.order.order`) is designed to keep memory low; a
report build holds almost nothing in memory but has a few long chains of work
(topic counts -> default model -> leave-one-outlet-out; keyword background ->
corpus-study sample).  With two workers the build ends when its longest chain
ends, so whenever a worker is free it should start the ready task with the most
work still ahead of it: its own cost plus the costliest chain of tasks waiting
for it (the classic critical-path list-scheduling rule).

:class:`LongestPathFirst` is a :class:`dask.callbacks.Callback` that re-sorts
the scheduler's ready list by that figure before tasks are started (the
threads scheduler starts the *last* ready task first); Dask still runs every
task.  Ties keep Dask's own order.  Costs are estimates (seconds); they only
decide the order, never what runs.

>>> from dask import delayed
>>> import dask
>>> def build(ran):
...     def step(name, *_):
...         ran.append(name)
...     short = delayed(step, pure=False)("short", dask_key_name="short")
...     long = delayed(step, pure=False)("long", dask_key_name="long")
...     return [delayed(step, pure=False)(n, short, dask_key_name=n) for n in ("s1", "s2")] + [
...         delayed(step, pure=False)("after-long", long, dask_key_name="after-long")
...     ]
>>> costs = {"short": 5.0, "s1": 1.0, "s2": 1.0, "long": 1.0, "after-long": 10.0}
>>> ran = []
>>> _ = dask.compute(*build(ran), scheduler="threads", num_workers=1)
>>> ran  # Dask's own order: the root with more dependents first
['short', 's1', 's2', 'long', 'after-long']
>>> ran = []
>>> with LongestPathFirst(costs.get):
...     _ = dask.compute(*build(ran), scheduler="threads", num_workers=1)
>>> ran  # the chain with 11 s ahead of it first (the other has 6)
['long', 'after-long', 'short', 's1', 's2']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping

from dask.callbacks import Callback

__all__ = ["LongestPathFirst", "path_costs"]


def path_costs(
    dependents: Mapping[Hashable, set[Hashable]], cost: Callable[[Hashable], float | None]
) -> dict[Hashable, float]:
    """Each task's own cost plus the costliest chain of tasks that (transitively) wait for it.

    >>> sorted(path_costs({"a": {"b", "c"}, "b": set(), "c": set()}, {"a": 1, "b": 2, "c": 5}.get).items())
    [('a', 6.0), ('b', 2.0), ('c', 5.0)]
    """
    out: dict[Hashable, float] = {}
    for root in dependents:
        stack = [(root, False)]
        while stack:  # iterative depth-first post-order (a long chain would overflow recursion)
            key, expanded = stack.pop()
            if key in out:
                continue
            if not expanded:
                stack.append((key, True))
                stack.extend((d, False) for d in dependents.get(key, ()) if d not in out)
                continue
            ahead = max((out[d] for d in dependents.get(key, ())), default=0.0)
            out[key] = float(cost(key) or 0.0) + ahead
    return out


class LongestPathFirst(Callback):
    """Start the ready task with the most work ahead of it (``cost(key)`` in seconds, ``None`` = 0)."""

    def __init__(self, cost: Callable[[Hashable], float | None]):
        super().__init__()
        self._cost = cost
        self._rank: dict[Hashable, float] = {}

    def _start_state(self, dsk, state) -> None:
        self._rank = path_costs(state["dependents"], self._cost)
        self._sort(state)

    def _posttask(self, key, result, dsk, state, worker_id) -> None:
        self._sort(state)

    def _sort(self, state) -> None:
        # the threads scheduler pops the end of the list: highest figure last; a stable sort keeps Dask's order on ties
        state["ready"].sort(key=lambda k: self._rank.get(k, 0.0))
