"""``arabic_news.folds.StratifiedGroupKFold`` gives exactly scikit-learn's folds (it is only faster)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.model_selection import StratifiedGroupKFold as Sklearn

from arabic_news.folds import StratifiedGroupKFold


def _folds(cls, k, shuffle, seed, y, groups):
    cv = cls(k, shuffle=shuffle, random_state=seed if shuffle else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the least populated class may be smaller than k: both warn alike
        return [te.tolist() for _, te in cv.split(np.zeros(len(y)), y, groups)]


@pytest.mark.parametrize("seed", range(60))
def test_same_folds_as_scikit_learn_on_random_data(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 300))
    y = rng.integers(0, int(rng.integers(2, 9)), n)
    # few distinct groups -> many equal class spreads, i.e. the tie rule decides often
    groups = rng.integers(0, int(rng.integers(6, n)), n)
    for k in (2, 3, 5):
        for shuffle in (True, False):
            try:
                want = _folds(Sklearn, k, shuffle, seed, y, groups)
            except ValueError as e:  # too few groups or members: ours must refuse alike
                with pytest.raises(ValueError, match=str(e)[:20]):
                    _folds(StratifiedGroupKFold, k, shuffle, seed, y, groups)
                continue
            assert _folds(StratifiedGroupKFold, k, shuffle, seed, y, groups) == want


def test_same_folds_on_a_corpus_shaped_problem():
    """Thousands of groups, mostly one article each, some duplicate clusters, seven unbalanced classes."""
    rng = np.random.default_rng(1)
    n = 4000
    y = rng.choice(7, n, p=[0.3, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05])
    groups = np.arange(n)
    dup = rng.choice(n, 400, replace=False)
    groups[dup] = groups[rng.choice(n, 400)]  # some articles join another's duplicate cluster
    for seed in (0, 3):
        assert _folds(StratifiedGroupKFold, 5, True, seed, y, groups) == _folds(Sklearn, 5, True, seed, y, groups)


def test_string_labels_and_groups():
    y = np.array(list("aabbccaabbcc"))
    groups = np.array([f"g{i // 2}" for i in range(12)])
    assert _folds(StratifiedGroupKFold, 3, True, 0, y, groups) == _folds(Sklearn, 3, True, 0, y, groups)
    # the test folds partition the items, and a group never straddles two folds
    folds = _folds(StratifiedGroupKFold, 3, True, 0, y, groups)
    assert sorted(i for te in folds for i in te) == list(range(12))
    seen = [set(groups[te]) for te in folds]
    assert all(not (seen[a] & seen[b]) for a in range(3) for b in range(a + 1, 3))
