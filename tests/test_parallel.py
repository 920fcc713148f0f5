"""map_parts: Dask's process scheduler, and in-process counting where children cannot start (a Dask worker)."""

import multiprocessing
from collections import Counter

import pytest

from arabic_news.parallel import can_fork_workers, map_parts


def _count(words):
    return Counter(words)


PARTS = [["أمن", "عراق"], ["أمن"], [], ["ناتو", "عراق", "عراق"]]


def test_processes_give_the_same_list_in_order():
    expected = [_count(p) for p in PARTS]
    assert map_parts(_count, PARTS, processes=2, desc="test", show_progress=False) == expected
    assert map_parts(_count, PARTS, processes=1, desc="test", show_progress=False) == expected


def test_bad_process_count_is_named():
    with pytest.raises(ValueError, match="processes must be at least 1"):
        map_parts(_count, PARTS, processes=0, desc="test")


def _in_daemon(q):
    q.put((can_fork_workers(), map_parts(_count, PARTS, processes=2, desc="test", show_progress=False)))


def test_inside_a_daemonic_process_counts_in_process():
    # a distributed worker is daemonic: a process pool there fails with
    # "daemonic processes are not allowed to have children" (found by `make corpus`)
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_in_daemon, args=(q,), daemon=True)
    p.start()
    can_fork, got = q.get(timeout=60)
    p.join(timeout=60)
    assert can_fork is False
    assert got == [_count(x) for x in PARTS]
    assert can_fork_workers() is True
