"""Topic classification: cleaning, weak labels, duplicate groups, pipelines, explanation, persistence."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest
from sklearn.base import clone

from arabic_news.corpus import load_labelled_folder
from arabic_news.paths import project_root
from arabic_news.topics import explain_article, predict_article
from arabic_news.topics.clean import BoilerplateCleaner, clean_text
from arabic_news.topics.dedup import dedup_key, duplicate_groups, duplicate_report
from arabic_news.topics.explain import explain_text, highlight_html, term_spans
from arabic_news.topics.features import ANALYZER, make_vectorizer, tfidf_apply, tfidf_fit
from arabic_news.topics.models import make_pipeline, reference_pipeline
from arabic_news.topics.persistence import TRUSTED_TYPES, ModelFileError, load_model, read_model_file, save_model
from arabic_news.topics.weak_labels import CLASSES, class_names, weak_label

FIX = project_root() / "tests" / "fixtures" / "topics"


@pytest.fixture(scope="module")
def tiny():
    return load_labelled_folder(FIX / "train", show_progress=False)


@pytest.fixture(scope="module")
def tiny_model(tiny):
    return make_pipeline("calibrated-svc", seed=0).fit(tiny.texts, tiny.labels)


# --- cleaning ------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("دبي - «الخليج»: أعلنت الوزارة خطة", "أعلنت الوزارة خطة"),  # SANAD dateline
        ("فايز الحسيكي – جدة / نفت مصادر كويتية الخبر", "نفت مصادر كويتية الخبر"),  # 3alyoum byline/dateline
        ("فاز #الهلال_السعودي بالمباراة", "فاز الهلال_السعودي بالمباراة"),  # hashtag sign dropped, word kept
        ("التفاصيل على www.example.com/a?b=1 اليوم", "التفاصيل على اليوم"),  # URL
        ("خبر أول\nاقرأ أيضاً: خبر آخر\nخبر ثان", "خبر أول\nخبر ثان"),  # "read also" line
        ("نص الخبر هنا. سمات الأهلي الدوري", "نص الخبر هنا."),  # 3alyoum tag list at the end
        ("بقلم: محمد علي / انطلقت البطولة", "انطلقت البطولة"),  # byline
        ("من سمات القائد الصبر. وأضاف الخبير", "من سمات القائد الصبر. وأضاف الخبير"),  # سمات "traits" mid-text stays
        ("وقال الوزير: كتب التاريخ", "وقال الوزير: كتب التاريخ"),  # كتب "wrote/books" not at the start stays
        ("قالت دول الخليج إن الاتفاق مهم", "قالت دول الخليج إن الاتفاق مهم"),  # the Gulf (not the outlet) is kept
    ],
)
def test_clean_text_removes_outlet_boilerplate(raw, expected):
    """Datelines, bylines, hashtags' #, URLs, 'read also' lines and tag lists go; topical words stay."""
    assert clean_text(raw) == expected


def test_clean_text_never_empties_an_article():
    """If everything looks like boilerplate, the original text is kept rather than an empty string."""
    assert clean_text("http://a.b/c") == "http://a.b/c"


def test_clean_fixture_article():
    """The hand-written boilerplate fixture keeps its two content lines only."""
    out = clean_text((FIX / "boilerplate.txt").read_text("utf-8"))
    assert out.startswith("أعلن النادي الأهلي") and "http" not in out and "اقرأ" not in out and "سمات" not in out
    assert "عين اليوم" not in out


def test_cleaner_is_an_estimator():
    """BoilerplateCleaner clones and can be switched off."""
    c = clone(BoilerplateCleaner(enabled=False))
    assert c.fit_transform(["الرياض - واس: خبر"]) == ["الرياض - واس: خبر"]


# --- weak labels -----------------------------------------------------------------
@pytest.mark.parametrize(
    "outlet, url, label",
    [
        ("alwatan", "http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=1&CategoryID=1", "Politics"),
        ("alwatan", "http://www.alwatan.com.sa/Economy/News_Detail.aspx?ArticleID=2", "Finance"),
        ("alwatan", "http://www.alwatan.com.sa/Nation/News_Detail.aspx?ArticleID=3", None),  # miscellany: unmapped
        ("alwatan", "http://www.alwatan.com.sa/Local/News_Detail.aspx?ArticleID=4", None),
        ("3alyoum", "http://www.3alyoum.com/technology/a/%D8%AA%D8%B7%D8%A8%D9%8A%D9%82/", "Tech"),
        ("3alyoum", "http://www.3alyoum.com/news/pol/a/x/", "Politics"),
        ("3alyoum", "http://www.3alyoum.com/news/golobal/a/x/", None),
        ("arriyadiyah", "http://www.arriyadiyah.com/node/907216/اخبار/عيد", "Sports"),
        ("aleqtisadiya", "http://www.aleqt.com/2015/07/20/article_974922.html", None),  # not single-topic in practice
        ("okaz", None, None),
    ],
)
def test_weak_label_from_url_section(outlet, url, label):
    """A SaudiNewsNet URL section maps to a SANAD class only where the data file has a rule."""
    assert weak_label(outlet, url) == label


def test_class_names_cover_every_class():
    """Every class has an Arabic name (bilingual labels for confusion matrices)."""
    names = class_names(bilingual=True)
    assert set(names) == set(CLASSES) and names["Sports"] == "Sports / رياضة"


# --- duplicates ----------------------------------------------------------------
def test_dedup_key_masks_digits_and_diacritics():
    """Bulletins that differ only in numbers or diacritics share the exact-duplicate key."""
    assert dedup_key("ارتفع المؤشرُ 12 نقطة.") == dedup_key("ارتفع المؤشر ١٥ نقطة")
    assert dedup_key("ارتفع المؤشر") != dedup_key("انخفض المؤشر")


def test_near_duplicate_bulletins_share_a_group():
    """Templated market bulletins with different figures are grouped; unrelated articles are not."""
    base = "ارتفع مؤشر سوق الإمارات المالي بنسبة {} في المئة ليغلق عند مستوى {} نقطة وسط تداولات بلغت قيمتها {} مليون درهم وتركزت على أسهم البنوك والعقار"
    texts = [
        base.format(1, 2, 3),
        base.format(4, 5, 6).replace("وتركزت", "وقد تركزت"),
        "فاز الفريق بالمباراة النهائية أمس بعد أداء قوي من المهاجمين",
        base.format(7, 8, 9),
    ]
    rep = duplicate_report(texts, threshold=0.5)
    g = rep.groups
    assert g[0] == g[1] == g[3] and g[2] != g[0]
    assert rep.exact_pairs == 1 and rep.n_docs_in_multi == 3
    assert duplicate_groups(texts).tolist() == [0, 0, 1, 0]


def test_duplicate_report_rejects_bad_threshold():
    """A similarity threshold outside (0, 1] is a clear error."""
    with pytest.raises(ValueError, match="threshold"):
        duplicate_report(["نص"], threshold=1.5)


# --- features and pipelines ------------------------------------------------------
def test_ngram_tfidf_matches_sklearn_tfidfvectorizer(tiny):
    """NgramTfidf gives the same matrix as TfidfVectorizer(analyzer=ArabicAnalyzer, min_df=2, sublinear_tf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    ours = make_vectorizer().fit(tiny.texts)
    ref = TfidfVectorizer(analyzer=ANALYZER, min_df=2, sublinear_tf=True).fit(tiny.texts)
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()
    np.testing.assert_allclose(ours.transform(tiny.texts).toarray(), ref.transform(tiny.texts).toarray(), atol=1e-6)


def test_tfidf_from_counts_equals_fitting_on_the_subset(tiny):
    """tfidf_fit/tfidf_apply on cached counts reproduce a vectoriser fitted on the training rows only."""
    from sklearn.feature_extraction.text import CountVectorizer

    C = CountVectorizer(analyzer=ANALYZER).fit_transform(tiny.texts).tocsr()
    rows = np.arange(0, len(tiny), 2)
    X = tfidf_apply(C, rows, tfidf_fit(C, rows))
    ref = make_vectorizer().fit([tiny.texts[i] for i in rows])
    np.testing.assert_allclose(X.toarray(), ref.transform([tiny.texts[i] for i in rows]).toarray(), atol=1e-5)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # saga's epoch cap, by design
@pytest.mark.parametrize("kind", ["svc", "calibrated-svc", "logreg", "cnb"])
def test_pipeline_clones_and_refits_deterministically(tiny, kind):
    """Each pipeline survives clone() and the same seed gives the same predictions and scores."""
    a = make_pipeline(kind, seed=3).fit(tiny.texts, tiny.labels)
    b = clone(make_pipeline(kind, seed=3)).fit(tiny.texts, tiny.labels)
    assert a.predict(tiny.texts).tolist() == b.predict(tiny.texts).tolist()
    if hasattr(a, "predict_proba"):
        np.testing.assert_allclose(a.predict_proba(tiny.texts), b.predict_proba(tiny.texts))


def test_unknown_classifier_is_rejected():
    """An unknown classifier name lists the valid ones."""
    with pytest.raises(ValueError, match="choose one of"):
        make_pipeline("forest")


def test_reference_pipeline_uses_the_lab_tokeniser(tiny):
    """The plain reference keeps whole Arabic words (no default token_pattern)."""
    ref = reference_pipeline(seed=0).fit(tiny.texts, tiny.labels)
    vocab = ref.named_steps["tfidf"].get_feature_names_out()
    assert "المباراة" in vocab


# --- prediction and explanation --------------------------------------------------
def test_predict_article_dict(tiny_model):
    """predict_article returns the label, Arabic name, sorted probabilities summing to 1 and the runner-up."""
    from arabic_news import Article

    a = Article.from_text("سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري")
    r = predict_article(a, model=tiny_model)
    assert r["label"] == "Sports" and r["label_ar"] == "رياضة"
    ps = list(r["probabilities"].values())
    assert ps == sorted(ps, reverse=True) and abs(sum(ps) - 1) < 1e-3
    assert r["runner_up"] == list(r["probabilities"])[1]


def test_explanation_rows_point_both_ways(tiny_model):
    """Rows pushing toward the predicted class have positive weights; toward the runner-up negative."""
    text = "سجل المهاجم هدفين في المباراة وأعلن الوزير دعم الفريق"
    ex = explain_text(tiny_model, text, top=5)
    assert ex["target"] == "Sports"
    for r in ex["rows"]:
        assert (r["weight"] > 0) == (r["direction"] == ex["target"])
    assert explain_article(__import__("arabic_news").Article.from_text(text), model=tiny_model, top=3)


def test_term_spans_map_stems_back_to_offsets():
    """Stemmed uni/bigrams are found at the right character offsets of the original (diacritised) text."""
    text = "فازَ المنتخبُ الوطني بالمباراة"
    spans = term_spans(text, ["منتخب وطن", "مبارا"])
    ((s, e),) = spans["منتخب وطن"]
    assert text[s:e] == "المنتخبُ الوطني"
    ((s, e),) = spans["مبارا"]
    assert text[s:e] == "بالمباراة"


def test_highlight_escapes_html():
    """Article text is HTML-escaped inside and outside highlights."""
    ex = {
        "target": "Sports",
        "versus": "Politics",
        "rows": [
            {"term": "مبارا", "weight": 0.3, "direction": "Sports", "tfidf": 0.2},
            {"term": "وزير", "weight": -0.1, "direction": "Politics", "tfidf": 0.1},
        ],
    }
    out = highlight_html('<script>x</script> المباراة & "الوزير"', ex)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert out.count("<mark") == 2


# --- persistence -----------------------------------------------------------------
def test_skops_round_trip(tiny_model, tiny, tmp_path):
    """A saved model loads with its labels and version and predicts identically."""
    p = save_model(tiny_model, tmp_path / "m.skops", info={"note": "test"})
    rec = read_model_file(p)
    assert rec["labels"] == ["Finance", "Politics", "Sports"] and rec["info"] == {"note": "test"}
    m = load_model(p)
    np.testing.assert_allclose(m.predict_proba(tiny.texts), tiny_model.predict_proba(tiny.texts))


def test_corrupted_model_file_is_a_one_line_error(tmp_path, tiny_model):
    """Garbage, a truncated archive or a missing file give a ModelFileError, not a library traceback."""
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(ModelFileError, match="corrupted"):
        load_model(bad)
    good = save_model(tiny_model, tmp_path / "good.skops")
    trunc = tmp_path / "trunc.skops"
    trunc.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ModelFileError):
        load_model(trunc)
    with pytest.raises(ModelFileError, match="not found"):
        load_model(tmp_path / "missing.skops")


def test_model_from_another_version_is_refused(tiny_model, tmp_path, monkeypatch):
    """A model written by another arabic_news version is refused with a message saying to retrain."""
    import arabic_news

    monkeypatch.setattr(arabic_news, "__version__", "0.0.1")
    p = save_model(tiny_model, tmp_path / "old.skops")
    monkeypatch.undo()
    with pytest.raises(ModelFileError, match="made by arabic_news 0.0.1"):
        load_model(p)


def test_untrusted_types_are_refused(tmp_path):
    """A skops file holding a type outside TRUSTED_TYPES is refused and the type named."""
    import collections

    import skops.io as sio

    p = tmp_path / "odd.skops"
    sio.dump({"model": collections.Counter({"a": 1})}, p)
    with pytest.raises(ModelFileError, match="does not trust: collections.Counter"):
        load_model(p)
    assert "sklearn.pipeline.Pipeline" in TRUSTED_TYPES and all("." in t for t in TRUSTED_TYPES)


def test_skops_file_is_a_zip_not_a_pickle(tiny_model, tmp_path):
    """The model file is a skops archive (schema + arrays), no pickle stream inside."""
    p = save_model(tiny_model, tmp_path / "m.skops")
    with zipfile.ZipFile(p) as zf:
        assert "schema.json" in zf.namelist()


# --- the default model on the shared data (QUICK subsample: fast) -------------------
@pytest.fixture(scope="module")
def quick_data():
    from arabic_news.topics.features import topic_data

    return topic_data(seed=0, quick=True)


def test_heldout_split_keeps_duplicate_clusters_together(quick_data):
    """No duplicate cluster has members both in the training pool and in the held-out split."""
    from arabic_news.topics.models import heldout_split, training_rows

    pool, held = heldout_split(quick_data, seed=0)
    assert not set(quick_data.groups[pool]) & set(quick_data.groups[held])
    rows = training_rows(quick_data, held, sanad=pool)
    assert not set(quick_data.groups[rows]) & set(quick_data.groups[held])
    assert (~quick_data.is_sanad[rows]).sum() > 0  # weak-labelled outlets join the training rows


def test_default_quick_model_api_on_the_seed_article():
    """default_model/predict_article/explain_article: the Iraq-NATO seed article is Politics, with evidence."""
    from arabic_news import read_article
    from arabic_news.topics import default_model

    art = read_article("seeds/iraq-nato-security-cooperation.txt")
    model = default_model(seed=0, quick=True)
    r = predict_article(art, model=model)
    assert r["label"] == "Politics" and set(r["probabilities"]) == set(CLASSES)
    rows = explain_article(art, model=model, top=5)
    assert rows[0]["direction"] == "Politics" and rows[0]["weight"] > 0
    assert {"term", "weight", "direction", "tfidf"} <= set(rows[0])
