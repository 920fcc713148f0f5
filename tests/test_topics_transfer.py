"""Topics across outlets: weak-outlet weights, configuration choice by inner validation, content-keyed embeddings."""

from __future__ import annotations

import numpy as np
import pytest


def _toy(seed: int = 0):
    from scipy import sparse

    rng = np.random.default_rng(seed)
    y = np.array(["a", "b", "c"] * 30)
    X = rng.random((len(y), 15)) * 0.2
    for k, c in enumerate("abc"):
        X[y == c, k * 5 : k * 5 + 5] += 1.0
    return sparse.csr_matrix(X), y


def test_sample_weight_changes_the_level0_model_but_not_its_shape():
    """Row weights reach the level-0 SVC (its weights change); zero weight on a row is allowed, probabilities stay valid."""
    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    w = np.where(np.arange(len(y)) % 2 == 0, 5.0, 1.0)
    plain = StackedTopicClassifier(cv=3, seed=0).fit(X, y)
    weighted = StackedTopicClassifier(cv=3, seed=0).fit(X, y, sample_weight=w)
    assert not np.allclose(plain.svc_.coef_, weighted.svc_.coef_)
    np.testing.assert_allclose(weighted.predict_proba(X).sum(1), 1.0)
    w0 = w.copy()
    w0[0] = 0.0
    StackedTopicClassifier(cv=3, seed=0).fit(X, y, sample_weight=w0)


@pytest.mark.parametrize("bad", [np.ones(3), -np.ones(90), np.full(90, np.nan)])
def test_sample_weight_must_be_one_finite_nonnegative_weight_per_row(bad):
    """A weight vector of the wrong length, with negatives or NaN is refused with a one-line error."""
    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    with pytest.raises(ValueError, match="sample_weight"):
        StackedTopicClassifier(cv=3).fit(X, y, sample_weight=bad)


def test_sample_weights_up_weight_only_weak_rows():
    """sample_weights gives SANAD rows 1 and weak-labelled rows the weak weight; weight 1 means no weights."""
    from types import SimpleNamespace

    from arabic_news.topics.models import sample_weights

    d = SimpleNamespace(is_sanad=np.array([True, False, True, False]))
    assert sample_weights(d, np.array([3, 0, 1]), 2.5).tolist() == [2.5, 1.0, 2.5]
    assert sample_weights(d, np.array([0, 1]), 1.0) is None
    with pytest.raises(ValueError, match="positive"):
        sample_weights(d, np.array([0]), 0.0)


def test_choose_keeps_sanad_and_picks_per_scored_outlet():
    """choose() drops candidates that lose SANAD tuning F1 beyond the tolerance, then takes the best inner accuracy."""
    from arabic_news.topics.selection import SANAD_TOLERANCE, choose

    scores = {
        "ngram": {"inner": {"x": 0.80, "y": 0.85}, "sanad_f1": 0.970},
        "heavy": {"inner": {"x": 0.95, "y": 0.95}, "sanad_f1": 0.970 - 2 * SANAD_TOLERANCE},
        "light": {"inner": {"x": 0.82, "y": 0.84}, "sanad_f1": 0.970 - SANAD_TOLERANCE / 2},
    }
    assert choose(scores) == {"x": "light", "y": "ngram"}
    with pytest.raises(ValueError, match="reference"):
        choose(scores, reference="missing")


def test_candidates_are_known_recipes():
    """Every inner-validation candidate names a recipe of robustness.RECIPES and the reference 'ngram' is among them."""
    from arabic_news.topics.robustness import RECIPES
    from arabic_news.topics.selection import CANDIDATES

    assert "ngram" in CANDIDATES
    assert all(recipe in RECIPES for recipe, _ in CANDIDATES.values())


def test_candidates_measure_both_encoder_combinations():
    """Inner validation chooses among the n-gram model and the encoder features both stacked and concatenated."""
    from arabic_news.topics.selection import CANDIDATES

    recipes = {recipe for recipe, _ in CANDIDATES.values()}
    assert {"ngram", "stack+encoder", "concat+encoder"} <= recipes


@pytest.fixture(scope="module")
def quick_data():
    from arabic_news.topics.features import topic_data

    return topic_data(seed=0, quick=True)


def test_inner_validation_never_trains_on_heldout_tuning_fold_or_either_scored_outlet(
    quick_data, monkeypatch, tmp_path
):
    """Every inner model is fitted without the SANAD held-out split, the tuning fold and both outlets of its pair."""
    from arabic_news.topics import robustness
    from arabic_news.topics.models import heldout_split
    from arabic_news.topics.selection import inner_validation, tuning_fold

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    seen = []
    real = robustness.fit_recipe

    def spy(data, rows, recipe, **kw):
        seen.append(np.asarray(rows))
        return real(data, rows, recipe, **kw)

    monkeypatch.setattr(robustness, "fit_recipe", spy)
    res = inner_validation(quick_data, candidates={"ngram": ("today", {})}, seed=0, show_progress=False)  # cheap fit
    pool, held = heldout_split(quick_data, seed=0)
    tune = tuning_fold(quick_data, pool, seed=0)
    outlets = sorted(set(quick_data.outlet_group[~quick_data.is_sanad]))
    assert len(seen) == len(outlets) * (len(outlets) - 1) // 2
    for rows in seen:
        assert not np.isin(rows, held).any() and not np.isin(rows, tune).any()
        assert len(set(quick_data.outlet_group[rows]) - {"alkhaleej"}) == len(outlets) - 2
    assert set(res["ngram"]["inner"]) == set(outlets)
    assert 0 < res["ngram"]["sanad_f1"] <= 1


def test_outlet_predictions_can_rename_one_recipe(quick_data, monkeypatch, tmp_path):
    """name= relabels the rows of one recipe (a selection candidate); with two recipes it is refused."""
    from arabic_news.topics import robustness
    from arabic_news.topics.robustness import outlet_predictions

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    real = robustness._splits
    monkeypatch.setattr(robustness, "_splits", lambda data, seed: real(data, seed)[:1])  # one split is enough here
    rows = outlet_predictions(
        quick_data, recipes=["ngram"], params={"weak_weight": 2.0}, name="ngram, weak x2", show_progress=False
    )
    assert {r["recipe"] for r in rows} == {"ngram, weak x2"}
    with pytest.raises(ValueError, match="one recipe"):
        outlet_predictions(quick_data, recipes=["today", "ngram"], name="x")


def test_texts_key_depends_on_content_and_order_only():
    """The embedding cache key is a fingerprint of the texts themselves: same texts, same key; any change, a new key."""
    from arabic_news.topics.robustness import texts_key

    a = ["خبر أول", "خبر ثان"]
    assert texts_key(a) == texts_key(list(a))
    assert texts_key(a) != texts_key(a[::-1]) != texts_key(["خبر أول", "خبر ثالث"])
    assert texts_key(["ab", "c"]) != texts_key(["a", "bc"])


def test_outlet_predictions_time_each_fit_in_cpu_seconds(quick_data, monkeypatch, tmp_path):
    """Each fit's timing row carries wall and CPU seconds; outlet_summary reports the held-out model's CPU seconds."""
    from arabic_news.topics import robustness
    from arabic_news.topics.robustness import outlet_predictions, outlet_summary

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    real = robustness._splits
    monkeypatch.setattr(robustness, "_splits", lambda data, seed: real(data, seed)[:2])  # SANAD held-out + one outlet
    rows = outlet_predictions(quick_data, recipes=["today"], show_progress=False)
    timing = [r for r in rows if "row" not in r]
    assert len(timing) == 2 and all(r["fit_cpu_seconds"] > 0 and r["fit_seconds"] > 0 for r in timing)
    summary = outlet_summary(rows, "today")
    assert summary["fit_cpu_seconds"] == timing[0]["fit_cpu_seconds"]  # the SANAD held-out split's model
