"""The cross-outlet table reads the default recipe's in-outlet row off the cached default model.

That row used to refit the default model; the reuse must give exactly the refit's predictions.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def quick_data():
    from arabic_news.topics.features import topic_data

    return topic_data(seed=0, quick=True)


def test_default_model_row_equals_a_refit(quick_data):
    from arabic_news.topics.evaluation import _fit_score, _score_default_model
    from arabic_news.topics.models import DEFAULT_KIND, WEAK_WEIGHT, heldout_split, sample_weights, training_rows
    from arabic_news.topics.stacking import fold_labels

    data = quick_data
    pool, held = heldout_split(data, seed=0)
    train = training_rows(data, held, sanad=pool)
    reused = _score_default_model(data, train, held, seed=0)
    assert reused is not None, "the quick topic data must be recognised as the default model's corpus"
    folds = fold_labels(data.labels[train], data.groups[train], data.outlet_group[train], seed=0)
    refit = _fit_score(
        data.counts, data.labels, train, held, DEFAULT_KIND, 0, folds, sample_weights(data, train, WEAK_WEIGHT)
    )
    assert reused["pred"] == refit["pred"]
    assert (reused["accuracy"], reused["macro_f1"], reused["n_train"]) == (
        refit["accuracy"],
        refit["macro_f1"],
        refit["n_train"],
    )


def test_other_rows_or_other_data_are_not_read_off_the_model(quick_data):
    """Rows that are not the default model's training rows give None (the caller refits)."""
    from arabic_news.topics.evaluation import _score_default_model
    from arabic_news.topics.models import heldout_split, training_rows

    pool, held = heldout_split(quick_data, seed=0)
    sanad_only = training_rows(quick_data, held, sanad=pool, weak=False)
    assert _score_default_model(quick_data, sanad_only, held, seed=0) is None
