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
    assert back.card == models.card and set(back.card) == {"threshold", "reliability", "technique_classes"}


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


# ---------------------------------------------------------------- pool, article ids, label mapping


@pytest.mark.parametrize(
    "item_id, typ, article, story",
    [
        ("MIS_1062-eurl_04_008", "paragraph", "MIS_1062-eurl_04", "MIS_1062"),
        ("AFP_674-curl_03_001", "paragraph", "AFP_674-curl_03", "AFP_674"),
        ("00149", "tweet", "tweet:00149", "tweet:00149"),
    ],
)
def test_item_article_and_story_come_from_the_id(item_id, typ, article, story):
    """A paragraph id names its article (page) and story (claim); a tweet is its own group."""
    it = Item(item_id, "نص", typ, "true", (), "x")
    assert (it.article, it.story) == (article, story)


def test_pool_holds_out_dev_texts_and_keeps_first_copies():
    """The pool keeps ArAIEval's copy of a shared paragraph, counts label conflicts, and never holds a dev text."""
    from arabic_news.persuasion.data import pool_items

    mk = lambda i, t, lab, src, typ="paragraph": Item(i, t, typ, lab, (), src)
    train = [mk("A_1-eurl_01_001", "قال الوزير", "true", "a"), mk("A_1-eurl_01_002", "نص مشترك", "false", "a")]
    armpro = [mk("A_1-eurl_01_002", "نصٌ مشترك", "true", "m"), mk("B_2-curl_01_001", "خبر جديد", "true", "m")]
    dev = [mk("C_3-eurl_01_001", "قال  الوزير", "true", "d"), mk("T", "تغريدة", "false", "d", "tweet")]
    pool, held, counts = pool_items(train, armpro, dev)
    assert [it.source for it in pool] == ["a", "m"] and [it.id for it in held] == ["C_3-eurl_01_001"]
    assert counts["armpro_label_conflicts"] == 1 and counts["pool_dropped_as_dev_text"] == 1
    assert counts["pool_duplicates_dropped"] == 1


def test_label_mapping_covers_both_datasets():
    """labels.tsv maps ArAIEval's 1A/1B and ArMPro's binary/coarse labels; no_technique maps to no class."""
    from arabic_news.persuasion.data import coarse_map, label_mapping

    rows = label_mapping()
    assert {(r["dataset"], r["target"]) for r in rows} == {
        ("araieval23", "binary"),
        ("araieval23", "technique"),
        ("armpro", "binary"),
        ("armpro", "technique"),
    }
    assert set(coarse_map().values()) == set(COARSE_CLASSES) | {"no_technique"}


@pytest.mark.slow
def test_label_mapping_agrees_with_the_shared_armpro_file():
    """The packaged fine-to-coarse map equals ArMPro's fine-grained_to_coarse-grained_mapping.txt."""
    from arabic_news.paths import data_path
    from arabic_news.persuasion.data import coarse_map

    shared = dict(
        line.split("\t")
        for line in data_path("armpro", "fine-grained_to_coarse-grained_mapping.txt").read_text("utf-8").splitlines()
        if line.strip()
    )
    assert coarse_map() == {k.strip(): v.strip() for k, v in shared.items()}


@pytest.mark.slow
def test_shared_pool_never_contains_a_dev_paragraph():
    """No pool item shares a dedup key with the 151 held-out dev news paragraphs; both labels are present."""
    from arabic_news.persuasion.data import load_pool

    pool = load_pool()
    assert len(pool.dev) == 151 and all(it.type == "paragraph" for it in pool.dev)
    keys = {dedup_key(it.text) for it in pool.train}
    assert not any(dedup_key(it.text) in keys for it in pool.dev)
    assert len(keys) == len(pool.train)
    assert {it.label for it in pool.paragraphs} == {"true", "false"}


# ---------------------------------------------------------------- metrics, folds, head


def test_prevalence_weights_reach_the_requested_share():
    """Re-weighting makes "true" the requested share of the weight and keeps the total."""
    from arabic_news.persuasion.metrics import prevalence_weights

    y = np.array([True] * 7 + [False] * 3)
    for share in (0.6, 0.8):
        w = prevalence_weights(y, share)
        assert w[y].sum() / w.sum() == pytest.approx(share) and w.sum() == pytest.approx(len(y))
    with pytest.raises(ValueError, match="share"):
        prevalence_weights(y, 1.0)
    with pytest.raises(ValueError, match="both classes"):
        prevalence_weights(np.ones(3, dtype=bool), 0.5)


def test_binary_scores_on_a_known_confusion():
    """Micro-F1 is accuracy, macro-F1 the mean of both classes' F1, recall of "false" counts plain paragraphs."""
    from arabic_news.persuasion.metrics import binary_scores

    y = np.array([1, 1, 1, 0, 0], dtype=bool)
    p = np.array([1, 1, 0, 1, 0], dtype=bool)
    s = binary_scores(y, p)
    assert s["micro_f1"] == pytest.approx(0.6)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert s["recall_false"] == pytest.approx(0.5) and s["precision_true"] == pytest.approx(2 / 3)


def test_best_threshold_separates_separable_scores():
    """On perfectly separable scores the tuned threshold lies between the classes."""
    from arabic_news.persuasion.metrics import best_threshold, shifted_macro_f1

    y = np.array([True] * 8 + [False] * 4)
    score = np.r_[np.linspace(0.7, 0.95, 8), np.linspace(0.1, 0.4, 4)]
    t = best_threshold(y, score)
    assert 0.4 < t <= 0.7 and shifted_macro_f1(y, score, t) == pytest.approx(1.0)


def test_group_bootstrap_resamples_whole_groups():
    """Each bootstrap draw contains whole groups: a per-group constant statistic has a degenerate CI."""
    from arabic_news.persuasion.metrics import group_bootstrap

    groups = ["a", "a", "b", "b", "c"]
    size_of_a = lambda idx: float(sum(groups[i] == "a" for i in idx) % 2)
    lo, hi = group_bootstrap(groups, size_of_a, n_boot=50, seed=0)
    assert lo[0] == hi[0] == 0.0


def test_grouped_folds_never_split_a_story():
    """In every fold of every repeat, no story has paragraphs on both sides, and each item is tested once per repeat."""
    from arabic_news.persuasion.evaluation import grouped_folds

    items = [
        Item(f"S_{s}-eurl_0{a}_00{p}", "نص", "paragraph", "true" if (s + p) % 3 else "false", (), "x")
        for s in range(12)
        for a in range(2)
        for p in range(3)
    ]
    folds = grouped_folds(items, n_splits=3, n_repeats=2, seed=0)
    assert len(folds) == 6
    for r in (0, 1):
        tested = np.concatenate([te for rep, _, te in folds if rep == r])
        assert sorted(tested) == list(range(len(items)))
    for _, tr, te in folds:
        assert not {items[i].story for i in tr} & {items[i].story for i in te}


def test_top_k_labels_predicts_the_most_frequent_classes():
    """The top-3 reference predicts the three most frequent training classes for every item."""
    from arabic_news.persuasion.evaluation import top_k_labels

    Y = np.array([[1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]])
    out = top_k_labels(Y, 2)  # column counts 3, 1, 1, 0, 3, 1: ties go to the first column
    assert out.tolist() == [[1, 1, 0, 0, 1, 0]] * 2


def test_thresholded_lr_clones_and_is_deterministic():
    """ThresholdedLR clones, works inside a Pipeline with grouped inner folds, and the same seed gives the same threshold."""
    from arabic_news.persuasion.models import ThresholdedLR

    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(1, 1, (30, 4)), rng.normal(-1, 1, (15, 4))]
    y = np.array(["true"] * 30 + ["false"] * 15)
    groups = np.arange(45) // 3
    head = ThresholdedLR(n_splits=3, random_state=0)
    assert clone(head).get_params() == head.get_params()
    a = Pipeline([("clf", clone(head))]).fit(X, y, clf__groups=groups)
    b = Pipeline([("clf", clone(head))]).fit(X, y, clf__groups=groups)
    assert a[-1].threshold_ == b[-1].threshold_ and 0 < a[-1].threshold_ < 1
    assert set(a.predict(X)) <= {"true", "false"}
    with pytest.raises(ValueError, match="both present"):
        clone(head).fit(X, np.array(["true"] * 45))


def test_embedding_features_look_up_warmed_vectors(monkeypatch):
    """EmbeddingFeatures returns 512 columns and uses a warmed vector instead of encoding the text again."""
    from arabic_news.persuasion import features

    vec = np.full(512, 0.5, dtype=np.float32)
    monkeypatch.setitem(features._VECTORS, "نص محفوظ", vec)
    out = features.EmbeddingFeatures().fit(["x"]).transform(["نص محفوظ"])
    assert out.shape == (1, 512) and np.all(out[0] == 0.5)
    with pytest.raises(TypeError, match="item 0"):
        features.EmbeddingFeatures().fit(["x"]).transform([None])


def test_displayable_techniques_uses_both_bars():
    """A class is shown only with held-out F1 >= 0.5 and support >= 20 (both bounds inclusive)."""
    from arabic_news.persuasion.evaluation import displayable_techniques

    rows = [
        {"class": "A", "f1": 0.5, "support": 20},
        {"class": "B", "f1": 0.49, "support": 200},
        {"class": "C", "f1": 0.9, "support": 19},
    ]
    assert displayable_techniques(rows) == ["A"]
    assert displayable_techniques({"technique_classes": rows}, min_support=10) == ["A", "C"]


def test_targets_compare_with_the_svm_of_the_same_run():
    """The micro/macro bars are relative to the SVM row of the same CV; recall of "false" is absolute."""
    from arabic_news.persuasion.describe import _demo_result
    from arabic_news.persuasion.evaluation import _targets

    res = _demo_result()
    t = {x["bar"].split()[0]: x for x in _targets(res)}
    assert t["micro_f1"]["required"] == pytest.approx(0.77) and t["micro_f1"]["passed"]
    assert t["macro_f1"]["required"] == pytest.approx(0.62) and t["recall_false"]["required"] == 0.5
    res["binary"][0]["recall_false"] = 0.4
    assert not {x["bar"].split()[0]: x for x in _targets(res)}["recall_false"]["passed"]


@pytest.mark.slow
def test_quick_evaluation_has_every_part():
    """The quick evaluation scores CV, dev and story-disjoint dev, references, bars, techniques and reliability."""
    from arabic_news.persuasion.evaluation import evaluation

    res = evaluation(quick=True)
    evs = {r["eval"] for r in res["binary"]}
    assert {"dev_paragraphs", "dev_paragraphs_story_disjoint"} <= evs and any(e.startswith("cv") for e in evs)
    assert {r["model"] for r in res["binary"]} == {"lab", "tfidf_svm", "majority"}
    assert {r["share"] for r in res["binary"]} == {"pool", "60% true", "80% true"}
    assert len(res["targets"]) == 3 and len(res["technique_classes"]) == len(COARSE_CLASSES)
    assert {r["model"] for r in res["techniques"]} >= {"lab", "top3_labels", "tfidf_svm"}
    rel = res["reliability"]
    assert 0 <= rel["lo"] <= rel["precision"] <= rel["hi"] <= 1
    for r in res["binary"]:
        assert r["micro_f1_lo"] <= r["micro_f1"] + 1e-9 and r["micro_f1"] <= r["micro_f1_hi"] + 1e-9


def test_precision_of_true_counts_flags_that_were_right():
    """Reliability of a flag = share of flagged items annotated "true", with a CI and per-share values."""
    from arabic_news.persuasion.metrics import precision_of_true

    y = np.array([1, 1, 1, 0, 0, 1, 0, 1], dtype=bool)
    pred = np.array([1, 1, 0, 1, 0, 1, 0, 1], dtype=bool)
    r = precision_of_true(y, pred, list("aabbccdd"), n_boot=100)
    assert r["precision"] == pytest.approx(4 / 5) and r["n_flagged"] == 5
    assert r["lo"] <= r["precision"] <= r["hi"]
    assert r["by_share"]["60% true"]["precision"] < r["by_share"]["80% true"]["precision"]


def test_model_card_of_the_quick_model():
    """The default model carries its held-out reliability and per-class technique F1 (no evaluation run needed)."""
    from arabic_news.persuasion import model_card

    card = model_card(quick=True)
    assert 0 < card["threshold"] < 1
    rel = card["reliability"]
    assert 0 <= rel["lo"] <= rel["precision"] <= rel["hi"] <= 1 and set(rel["by_share"]) == {"60% true", "80% true"}
    assert [r["class"] for r in card["technique_classes"]] == list(COARSE_CLASSES)
    assert all(r["shown"] == (r["f1"] >= 0.5 and r["support"] >= 20) for r in card["technique_classes"])


def test_features_without_embeddings_have_no_embed_weight():
    """The ablation without embeddings builds (no weight for a block that is absent)."""
    from arabic_news.persuasion.models import _features

    f = _features(quick=True, embeddings=False)
    assert "embed" not in f.transformer_weights and {n for n, _ in f.transformer_list} == set(f.transformer_weights)


def test_models_without_technique_card_predict_the_same():
    """``technique_card=False`` (the evaluation's fold models) skips only the card's per-class F1:
    the fitted models predict exactly as with it."""
    items = tiny_items()
    full = train_models(items, seed=0, quick=True)
    lean = train_models(items, seed=0, quick=True, technique_card=False)
    X = [it.text for it in items] + ["إنها مؤامرة كبرى!"]
    np.testing.assert_array_equal(lean.binary.predict_proba(X), full.binary.predict_proba(X))
    np.testing.assert_array_equal(lean.techniques.predict_proba(X), full.techniques.predict_proba(X))
    assert lean.card["technique_classes"] is None and full.card["technique_classes"]
    assert lean.card["threshold"] == full.card["threshold"]
