"""Tests of the study's client-side warm-up (arabic_news.study.warm): which steps, in what order, once."""

from __future__ import annotations

import threading

import pytest

from arabic_news.report import warmup
from arabic_news.study import warm


@pytest.fixture
def fake_steps(monkeypatch, tmp_path):
    """Record the steps instead of starting child processes; the stamp goes to an empty cache."""
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    ran: list[tuple[str, str]] = []
    fail: set[str] = set()
    lock = threading.Lock()

    def fake(name, seed, quick, log, *after):
        with lock:
            ran.append((name, threading.current_thread().name))
        if name in fail:
            log(f"  warm-up {name}: FAILED (0.0 s): boom")
            return "boom"
        log(f"  warm-up {name}: ok (0.0 s)")
        return None

    monkeypatch.setattr(warmup, "_run_in_process", fake)
    return ran, fail


def test_steps_for_each_stage_are_registered_report_steps():
    for stage, steps in warm.STAGE_STEPS.items():
        assert steps, stage
        for s in steps:
            assert s in warmup.WARMUPS, (stage, s)
    assert warm.steps_for(("attribution", "markers")) == []
    assert warm.steps_for(("keyphrases",)) == ["keywords.background"]


def test_start_warmup_runs_steps_and_their_prerequisites_in_background(fake_steps):
    ran, _ = fake_steps
    lines: list[str] = []
    wait = warm.start_warmup(("topic", "keyphrases", "persuasion"), seed=0, quick=True, log=lines.append)
    assert wait() >= 0.0
    names = [n for n, _ in ran]
    assert sorted(names) == sorted(["topics.counts", "topics.model", "keywords.background", "persuasion.models"])
    assert names.index("topics.counts") < names.index("topics.model")
    assert all(t != threading.main_thread().name for _, t in ran)  # not in the caller's thread
    assert sum("ok" in ln for ln in lines) == 4
    wait()  # a second wait logs nothing new
    assert sum("ok" in ln for ln in lines) == 4
    # the stamp is written: the next study starts nothing
    ran.clear()
    lines.clear()
    assert warm.start_warmup(("topic", "keyphrases", "persuasion"), seed=0, quick=True, log=lines.append)() == 0.0
    assert ran == [] and any("current" in ln for ln in lines)


def test_a_failed_step_is_logged_and_retried_next_time(fake_steps):
    ran, fail = fake_steps
    fail.add("persuasion.models")
    lines: list[str] = []
    warm.start_warmup(("persuasion",), seed=0, quick=True, log=lines.append)()
    assert any("FAILED" in ln and "boom" in ln for ln in lines)
    fail.clear()
    ran.clear()
    warm.start_warmup(("persuasion",), seed=0, quick=True, log=lines.append)()
    assert [n for n, _ in ran] == ["persuasion.models"]  # no stamp after a failure


def test_stages_without_models_start_nothing(fake_steps):
    ran, _ = fake_steps
    assert warm.start_warmup(("attribution", "markers"), seed=0, quick=True, log=print)() == 0.0
    assert ran == []


def test_steps_that_extract_keyphrases_wait_for_the_background_and_genre_statistics():
    """Otherwise two processes could build the same background and genre statistics at once (work done
    twice); the genre statistics are part of the background's step (one pass over the corpora)."""
    assert "keywords.genre" not in warmup.WARMUPS
    for step in ("keywords.evaluation", "study.sample"):
        assert "keywords.background" in warmup.WARMUPS[step].after, step


def test_the_study_sample_waits_for_its_deduplication_step():
    """De-duplication is a step of its own (it needs no model, so it runs early); the sample waits for it
    instead of building the same cache entry in a second process."""
    assert warmup.WARMUPS["study.dedup"].after == ()
    assert "study.dedup" in warmup.WARMUPS["study.sample"].after
