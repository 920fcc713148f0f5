"""Tests for arabic_news.persuasion: data loading/dedup, features, models, cache, public API."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from arabic_news.errors import InputError
from arabic_news.paths import DataNotFoundError
from arabic_news.persuasion import check_texts, predict_paragraphs, predict_techniques
from arabic_news.persuasion.data import (
    COARSE_CLASSES,
    Item,
    _dedup,
    dedup_key,
    load_araieval,
    load_persuasion,
    to_coarse,
)
from arabic_news.persuasion.features import CUE_NAMES, RhetoricFeatures, make_features
from arabic_news.persuasion.models import (
    TRUSTED_TYPES,
    _load,
    _save,
    label_matrix,
    make_binary_model,
    quick_subsample,
    train_models,
)

FIX = Path(__file__).parent / "fixtures" / "persuasion"


def tiny_items() -> list[Item]:
    rows = [json.loads(line) for line in (FIX / "train_tiny.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return [Item(r["id"], r["text"], r["type"], r["label"], tuple(r["techniques"]), "fixture") for r in rows]


# ---------------------------------------------------------------- data


@pytest.mark.parametrize(
    "a, b",
    [
        ("قَالَ الوزيرُ", "قال الوزير"),  # diacritics
        ("أكد  المسؤول\n", "اكد المسوول"),  # hamza seats, whitespace runs, trailing newline
        ("الجامعة العربية", "الجامعه العربيه"),  # ta marbuta folded
        ("مـــصر", "مصر"),  # tatweel
    ],
)
def test_dedup_key_folds_spelling_variants(a, b):
    """Two spellings of one paragraph (diacritics, hamza, ta marbuta, tatweel, spacing) share a dedup key."""
    assert dedup_key(a) == dedup_key(b)


def test_dedup_key_keeps_different_texts_apart():
    """Texts differing in a word stay distinct."""
    assert dedup_key("قال الوزير") != dedup_key("قال السفير")


def test_dedup_drops_heldout_copies_of_training_texts():
    """A held-out item whose text is in train is dropped from held-out; train duplicates keep their first copy."""
    mk = lambda i, t: Item(i, t, "paragraph", "true", (), "x")
    train = [mk("a", "قال الوزير"), mk("b", "قَال الوزيرُ"), mk("c", "نص آخر")]
    held = [mk("d", "قال  الوزير"), mk("e", "نص جديد"), mk("f", "نص جديد")]
    kept, out, counts = _dedup(train, {"dev": held})
    assert [it.id for it in kept] == ["a", "c"]
    assert [it.id for it in out["dev"]] == ["e"]
    assert counts == {
        "train_raw": 3,
        "train_dup_dropped": 1,
        "train": 2,
        "dev_raw": 3,
        "dev_in_train_dropped": 1,
        "dev_dup_dropped": 1,
        "dev": 1,
    }


def test_shared_data_has_no_paragraph_in_both_train_and_heldout():
    """After loading, no dev or ArMPro paragraph shares a dedup key with a training item."""
    data = load_persuasion()
    keys = {dedup_key(it.text) for it in data.train}
    assert data.dev and data.armpro
    assert not any(dedup_key(it.text) in keys for it in data.dev + data.armpro)
    assert (
        data.counts["armpro"]
        == data.counts["armpro_raw"] - data.counts["armpro_in_train_dropped"] - data.counts["armpro_dup_dropped"]
    )
    assert {it.type for it in data.train} == {"tweet", "paragraph"}
    assert all(it.label in ("true", "false") for it in data.train)
    # 1A "false" <=> 1B no_technique in the shared files
    assert all((it.label == "true") == bool(it.techniques) for it in data.train)


@pytest.mark.parametrize(
    "fine, coarse",
    [
        (["Loaded_Language", "Doubt"], ("Manipulative_Wording", "Reputation")),
        (["no_technique"], ()),
        (["Slogans", "Straw_Man", "Flag_Waving"], ("Justification", "Call", "Distraction")),
        (["Exaggeration-Minimisation", "Repetition"], ("Manipulative_Wording",)),
    ],
)
def test_fine_techniques_map_to_coarse_classes(fine, coarse):
    """Fine techniques map to the ArMPro coarse classes (order of COARSE_CLASSES, no duplicates)."""
    assert to_coarse(fine) == coarse


def test_unknown_technique_is_a_clear_error():
    """An unknown technique name raises InputError naming it."""
    with pytest.raises(InputError, match="Bogus_Technique"):
        to_coarse(["Bogus_Technique"])


def test_missing_data_folder_names_the_setting(tmp_path, monkeypatch):
    """Without the persuasion data the loaders raise DataNotFoundError naming ARABIC_NEWS_DATA."""
    monkeypatch.setenv("ARABIC_NEWS_DATA", str(tmp_path))
    with pytest.raises(DataNotFoundError, match="ARABIC_NEWS_DATA"):
        load_araieval("train")


def test_bad_split_is_rejected():
    """An unknown split name raises ValueError."""
    with pytest.raises(ValueError, match="split"):
        load_araieval("test")


# ---------------------------------------------------------------- features


@pytest.mark.parametrize(
    "text, cue, value",
    [
        ("هل انتهت الأزمة؟", "question", 1),
        ("يا للعار!!", "exclamation", 2),
        ("نحن لن نقبل", "first_person", 1),
        ("قررنا المواصلة", "first_person", 1),  # attached -na
        ("هنا يقع المبنى", "first_person", 0),  # huna is not a pronoun
        ("يا أبناء الوطن", "second_person", 1),  # vocative
        ("وعليكم أن تختاروا", "second_person", 1),
        ("صدر الحكم أمس", "second_person", 0),  # hukm ends in -km but is a noun
        ("إنه أخطر تهديد", "superlative", 1),
        ("والأكبر في المنطقة", "superlative", 1),  # with wa- + al- prefixes
        ("قال «لن نتراجع»", "quotes", 2),
        ("#عاجل الخبر LINK", "hashtag", 1),
        ("#عاجل الخبر LINK", "link", 1),
        ("أعلن الوزير خطة جديدة", "question", 0),
    ],
)
def test_surface_cues(text, cue, value):
    """Each surface cue counts its own phenomenon (and not look-alikes)."""
    f = RhetoricFeatures(markers=False).fit([text])
    row = dict(zip(f.get_feature_names_out(), f.transform([text])[0]))
    assert row[cue] == value


def test_marker_features_count_rhetoric_markers():
    """An emphatic, boosted sentence gets marker features; a bare factual one gets fewer."""
    f = RhetoricFeatures(cues=False).fit(["x"])
    emphatic, plain = f.transform(["لقد ارتفعت الأسعار بشكل كبير جدا", "ارتفعت الأسعار أمس"])
    names = list(f.get_feature_names_out())
    assert emphatic[names.index("log_markers")] > plain[names.index("log_markers")]
    assert emphatic[names.index("booster_per_100w")] > 0


def test_features_shape_and_names_agree():
    """Output width equals the number of feature names, with markers and cues on or off."""
    texts = ["قال الوزير", "هل هذا معقول؟"]
    for kw in ({}, {"markers": False}, {"cues": False}):
        f = RhetoricFeatures(**kw).fit(texts)
        assert f.transform(texts).shape == (2, len(f.get_feature_names_out()))
    assert RhetoricFeatures(markers=False).fit(texts).transform(texts).shape[1] == len(CUE_NAMES)


def test_rhetoric_features_reject_bad_input():
    """Non-string items and an all-off configuration raise clear errors."""
    with pytest.raises(TypeError, match="strings"):
        RhetoricFeatures().fit(["x"]).transform([3])
    with pytest.raises(ValueError, match="markers=True or cues=True"):
        RhetoricFeatures(markers=False, cues=False).fit(["x"])


def test_rhetoric_features_clone_and_pipeline_determinism():
    """clone() keeps the parameters, and in a Pipeline the same seed gives the same output."""
    f = RhetoricFeatures(markers=False)
    assert clone(f).get_params() == f.get_params()
    items = tiny_items()
    X, y = [it.text for it in items], [it.label for it in items]
    outs = []
    for _ in range(2):
        pipe = Pipeline([("f", clone(f)), ("clf", LogisticRegression(random_state=0))]).fit(X, y)
        outs.append(pipe.predict_proba(X))
    np.testing.assert_array_equal(outs[0], outs[1])


def test_feature_union_never_uses_default_token_pattern():
    """Every TF-IDF block uses the lab's ArabicAnalyzer (not sklearn's token_pattern)."""
    from arabic_news.stem import ArabicAnalyzer

    for name, step in make_features().transformer_list:
        if name in ("word", "char"):
            assert isinstance(step.analyzer, ArabicAnalyzer)


# ---------------------------------------------------------------- models


def test_binary_model_clone_and_seed_determinism():
    """The binary pipeline clones cleanly and the same seed gives identical scores."""
    items = tiny_items()
    X, y = [it.text for it in items], np.array([it.label for it in items])
    model = make_binary_model(seed=0, quick=True)
    a = clone(model).fit(X, y).predict_proba(X)
    b = clone(model).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a, b)


def test_trained_models_round_trip_through_skops(tmp_path):
    """Saved models load back (trusted types only) and predict exactly as before."""
    models = train_models(tiny_items(), seed=0, quick=True)
    path = tmp_path / "m.skops"
    _save(models, path)
    back = _load(path)
    X = ["إنها مؤامرة كبرى!", "وصل الوزير إلى العاصمة."]
    np.testing.assert_array_equal(back.binary.predict_proba(X), models.binary.predict_proba(X))
    np.testing.assert_array_equal(back.techniques.predict_proba(X), models.techniques.predict_proba(X))


def test_model_file_with_untrusted_type_is_refused(tmp_path):
    """A model file containing a type outside TRUSTED_TYPES is refused, not loaded."""
    import collections

    import skops.io as sio

    assert "collections.Counter" not in TRUSTED_TYPES
    path = tmp_path / "bad.skops"
    sio.dump({"features": collections.Counter(a=1)}, path)
    with pytest.raises(ValueError, match="not trusted"):
        _load(path)


def test_label_matrix_columns_follow_coarse_classes():
    """label_matrix has one column per coarse class in COARSE_CLASSES order."""
    items = [Item("a", "x", "paragraph", "true", ("Reputation",), "s"), Item("b", "y", "tweet", "false", (), "s")]
    m = label_matrix(items)
    assert m.shape == (2, len(COARSE_CLASSES))
    assert m[0].tolist() == [int(c == "Reputation") for c in COARSE_CLASSES] and m[1].sum() == 0


def test_quick_subsample_is_stratified_and_seeded():
    """The quick subsample has the requested size, both labels, and depends only on the seed."""
    items = tiny_items()
    a = quick_subsample(items, n=10, seed=1)
    assert len(a) == 10 and {it.label for it in a} == {"true", "false"}
    assert [it.id for it in a] == [it.id for it in quick_subsample(items, n=10, seed=1)]


# ---------------------------------------------------------------- public API (quick default model)


def test_predict_paragraphs_quick_model():
    """predict_paragraphs returns one {label, score} per text, score in [0, 1], deterministic."""
    texts = ["إنها جريمة نكراء وخيانة عظمى لن يغفرها التاريخ!", "أعلنت الوزارة موعد الامتحانات."]
    out = predict_paragraphs(texts, quick=True)
    assert len(out) == 2
    assert all(set(r) == {"label", "score"} and r["label"] in ("true", "false") and 0 <= r["score"] <= 1 for r in out)
    assert out == predict_paragraphs(texts, quick=True)
    assert out[0]["score"] > out[1]["score"]


def test_predict_techniques_quick_model():
    """predict_techniques gives a probability for every coarse class."""
    (row,) = predict_techniques(["هؤلاء الفاسدون دمروا البلاد!"], quick=True)
    assert list(row) == list(COARSE_CLASSES) and all(0 <= p <= 1 for p in row.values())


@pytest.mark.parametrize("bad, exc", [("نص واحد", TypeError), ([None], TypeError), (["  "], ValueError)])
def test_predict_rejects_bad_input(bad, exc):
    """A bare string, a non-string or an empty text raises a clear error."""
    with pytest.raises(exc):
        check_texts(bad)


def test_predict_empty_list():
    """An empty list gives an empty list without loading a model."""
    assert predict_paragraphs([]) == [] and predict_techniques([]) == []
