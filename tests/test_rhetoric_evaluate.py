"""Attribution scoring: the issue-12 matching rule, bootstrap intervals, the baseline, the held-out log."""

from __future__ import annotations

import pytest

from arabic_news.rhetoric.evaluate import (
    BASELINE,
    LAB,
    baseline_statements,
    bootstrap_prf,
    evaluate_gold,
    evaluate_passages,
    heldout_log,
    lab_statements,
    match_statements,
    passages_folder,
)
from arabic_news.rhetoric.gold import GoldArticle, GoldChain, GoldStatement

TEXT = "قال الوزير أحمد سالم إن الاتفاق قريب. وأضاف أن التوقيع قريب. وأُعلن عن موعد القمة."


def _gold(statements, chains=()):
    return GoldArticle(
        id="x", outlet="o", split="tuning", sha256="", text=TEXT, statements=tuple(statements), chains=tuple(chains)
    )


def _st(sid, cue, speaker=None, chain=None):
    return GoldStatement(sid, cue, speaker, chain, (0, 1), "named_person", False, None, ())


CHAIN = GoldChain("c1", ((4, 20),))


def test_cue_and_chain_mention_must_both_overlap():
    """A prediction matches when its cue overlaps and its speaker overlaps any mention of the gold chain."""
    g = _gold([_st("s1", (0, 3), (4, 20), "c1")], [CHAIN])
    assert match_statements(g, [((0, 3), (11, 20))]) == [(0, 0)]  # part of the chain's mention
    assert match_statements(g, [((0, 3), (25, 30))]) == []  # wrong speaker
    assert match_statements(g, [((5, 8), (4, 20))]) == []  # wrong cue


def test_pro_drop_statement_matches_through_the_chain():
    """A gold statement without a speaker span but with a chain matches a speaker on any chain mention."""
    g = _gold([_st("s2", (38, 43), None, "c1")], [CHAIN])
    assert match_statements(g, [((38, 43), (4, 20))]) == [(0, 0)]


def test_impersonal_matches_on_the_cue_alone():
    """A gold statement with no chain (أُعلن) matches on cue overlap, whatever the predicted speaker."""
    g = _gold([_st("s3", (62, 67))])
    assert match_statements(g, [((62, 67), None)]) == [(0, 0)]
    assert match_statements(g, [((62, 67), (4, 20))]) == [(0, 0)]


def test_matching_is_one_to_one():
    """Two predictions with the same cue match one gold statement once (the second is a false alarm)."""
    g = _gold([_st("s1", (0, 3), (4, 20), "c1")], [CHAIN])
    assert match_statements(g, [((0, 3), (4, 20)), ((0, 3), (4, 20))]) == [(0, 0)]


def test_nested_cues_are_separate_statements():
    """In nested speech each cue is its own statement: two gold cues need two predictions."""
    g = _gold([_st("s1", (0, 3), (4, 20), "c1"), _st("s2", (38, 43), None, "c1")], [CHAIN])
    assert len(match_statements(g, [((0, 3), (4, 20))])) == 1
    assert len(match_statements(g, [((0, 3), (4, 20)), ((38, 43), (4, 20))])) == 2


def test_lab_and_baseline_statements_have_spans():
    """The lab gives an impersonal statement without a speaker; the baseline takes the next two words."""
    lab = lab_statements(TEXT)
    assert ((61, 67), None) in lab and lab[0] == ((0, 3), (4, 20))
    assert baseline_statements(TEXT)[0] == ((0, 3), (4, 15))


def test_bootstrap_resamples_articles_and_is_seeded():
    """Intervals contain the pooled estimate, shrink with more articles, and repeat with the same seed."""
    few = [(3, 4, 4), (1, 2, 3), (2, 2, 2)]
    r1, r2 = bootstrap_prf(few, n_boot=300, seed=1), bootstrap_prf(few, n_boot=300, seed=1)
    assert r1 == r2
    assert r1["precision_ci"][0] <= r1["precision"] <= r1["precision_ci"][1]
    many = bootstrap_prf(few * 20, n_boot=300, seed=1)
    assert many["recall_ci"][1] - many["recall_ci"][0] < r1["recall_ci"][1] - r1["recall_ci"][0]


def test_passages_live_in_package_data_not_tests():
    """The lab's passages are package data, and the rules beat the baseline on every batch."""
    assert "tests" not in passages_folder().parts
    rows = evaluate_passages()
    lab = {r["split"]: r for r in rows if r["system"] == LAB}
    base = {r["split"]: r for r in rows if r["system"] == BASELINE}
    assert lab and all(lab[s]["f1"] > base[s]["f1"] for s in lab)


def test_heldout_log_records_the_first_score_before_rule_changes():
    """The held-out log's first entry names a commit and was scored before the rules were tuned."""
    log = heldout_log()
    assert log and log[0]["commit"] and "before any rule change" in log[0]["note"]


def test_unknown_split_is_an_error():
    """evaluate_gold names a bad split instead of returning nothing."""
    with pytest.raises(ValueError, match="unknown gold split 'test'"):
        evaluate_gold(("test",))


@pytest.mark.slow
def test_tuning_half_beats_the_baseline():
    """On the gold set's tuning half (round 14: the 305 articles of rounds 1-13, batches 1-16) the rules
    beat the verb-list baseline clearly (needs SaudiNewsNet)."""
    rows = evaluate_gold(("tuning",), n_boot=200)
    lab = next(r for r in rows if r["system"] == LAB)
    base = next(r for r in rows if r["system"] == BASELINE)
    assert lab["articles"] == 305 and lab["f1"] > base["f1"] + 0.2


@pytest.mark.slow
def test_gold_scores_are_cached_and_identical(monkeypatch, tmp_path):
    """evaluate_gold on the whole set is computed once per code/data version and read back identically."""
    from arabic_news.rhetoric import evaluate as ev

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    calls = []
    real = ev._evaluate
    monkeypatch.setattr(ev, "_evaluate", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = ev.evaluate_gold(("tuning",), n_boot=50, seed=1)
    second = ev.evaluate_gold(("tuning",), n_boot=50, seed=1)
    assert first == second and len(calls) == 1
    ev.evaluate_gold(("tuning",), n_boot=51, seed=1)
    assert len(calls) == 2  # another parameter, another entry


def _bench_attribution():
    """bench/attribution.py as a module (the bench folder is no package)."""
    import importlib.util

    from arabic_news.paths import project_root

    spec = importlib.util.spec_from_file_location("bench_attribution", project_root() / "bench" / "attribution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rules_at_an_unknown_commit_is_a_clear_error():
    """``bench/attribution.py --rules-at REV`` names a revision git does not know instead of a traceback."""
    with pytest.raises(SystemExit, match="--rules-at no-such-rev: not a commit of this repository"):
        _bench_attribution().rules_at("no-such-rev", ("tuning",))


@pytest.mark.slow
def test_rules_at_head_scores_what_the_checkout_scores():
    """The rules of HEAD, unpacked apart and run in their own process with today's gold and matching, give the
    checkout's own figures (only meaningful when the rule code has no uncommitted change)."""
    import subprocess

    from arabic_news.paths import project_root

    status = subprocess.run(["git", "status", "--porcelain", "lib"], cwd=project_root(), capture_output=True, text=True)
    if status.returncode != 0 or status.stdout.strip():
        pytest.skip("needs git and a checkout whose lib/ has no uncommitted change")
    (row,) = _bench_attribution().rules_at("HEAD", ("tuning",))
    here = next(r for r in evaluate_gold(("tuning",), n_boot=200) if r["system"] == LAB)
    assert row["system"] == "lab rules at HEAD"
    assert (row["tp"], row["predicted"], row["gold"]) == (here["tp"], here["predicted"], here["gold"])
