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


def _shingle_sets(toks, shingle, max_df):
    """Reference for the vectorised shingle matrix: each document's set of kept shingles, in Python."""
    sets = [
        {tuple(ts[i : i + shingle]) for i in range(len(ts) - shingle + 1)}
        if len(ts) >= shingle
        else ({tuple(ts)} if ts else set())
        for ts in toks
    ]
    df: dict[tuple, int] = {}
    for s in sets:
        for sh in s:
            df[sh] = df.get(sh, 0) + 1
    return [{sh for sh in s if len(toks) <= max_df or df[sh] <= max_df} for s in sets]


@pytest.mark.parametrize("max_df", [2, 50])
def test_shingle_matrix_matches_a_plain_python_reference(max_df):
    """Shared shingles per pair of documents (what the cosines are made of) equal a set-based reference,
    short documents (fewer words than a shingle) and empty ones included."""
    from arabic_news.topics.dedup import _shingle_matrix

    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(12)]
    toks = [[vocab[j] for j in rng.integers(0, 12, size=int(n))] for n in rng.integers(0, 15, size=40)]
    toks += [[], ["w1"], ["w1", "w2"], ["w1", "w2"], ["w2", "w1"]]
    X = _shingle_matrix(toks, shingle=3, max_df=max_df)
    assert set(np.unique(X.data).tolist()) <= {1.0}
    shared = (X @ X.T).toarray()
    ref = _shingle_sets(toks, 3, max_df)
    want = np.array([[len(a & b) for b in ref] for a in ref], dtype=float)
    assert np.array_equal(shared, want)


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


# --- weak labels: every outlet, reasons as data ----------------------------------------
@pytest.mark.parametrize(
    "outlet, url, label",
    [
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/sp3.htm", "Sports"),
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/ec12.htm", "Finance"),
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/du4.htm", "Politics"),
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/cu1.htm", "Culture"),
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/ln22.htm", None),  # local news of every kind
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/wa2.htm", None),  # obituaries: outside, not a class
        ("alriyadh", "http://www.alriyadh.com/1066713", None),  # no section in the URL
    ],
)
def test_weak_label_for_more_outlets(outlet, url, label):
    """Al-Jazirah's page codes map to classes where a code is a topic desk; section-less outlets get none."""
    assert weak_label(outlet, url) == label


def test_every_saudinewsnet_outlet_is_described_and_every_rule_has_a_reason():
    """All 14 outlets are in the outlet table; every section rule names a described outlet and gives a reason."""
    from arabic_news.topics.weak_labels import outlet_groups, outlet_table, section_map

    outlets = {r[0] for r in outlet_table()}
    assert len(outlets) == 14 and "aleqtisadiya" in outlets
    for r in section_map():
        assert r.outlet in outlets and len(r.reason) > 10
    assert set(outlet_groups().values()) == {"alwatan", "3alyoum", "aljazirah", "sports papers"}


@pytest.mark.parametrize(
    "outlet, url, section",
    [
        ("alwatan", "http://www.alwatan.com.sa/Nation/News_Detail.aspx?ArticleID=3", "Nation"),
        ("3alyoum", "http://www.3alyoum.com/news/golobal/a/x/", "news/golobal"),
        ("aljazirah", "http://www.al-jazirah.com/2015/20150721/wa2.htm", "wa"),
        ("okaz", "http://www.okaz.com.sa/new/Issues/20150720/Con20150720784687.htm", None),
        ("alwatan", None, None),
    ],
)
def test_url_section_names_the_section(outlet, url, section):
    """url_section gives the section an outlet's URL names (what notebook 10 tabulates), None where there is none."""
    from arabic_news.topics.weak_labels import url_section

    assert url_section(outlet, url) == section


def test_out_of_class_sections_are_kept_apart():
    """A section marked 'outside' gives no class but its decision carries the reason."""
    from arabic_news.topics.weak_labels import OUTSIDE, section_decision

    r = section_decision("aljazirah", "http://www.al-jazirah.com/2015/20150721/af1.htm")
    assert r.label == OUTSIDE and "wedding" in r.reason


# --- the calibrated (stacked) classifier --------------------------------------------------
def _toy(n_per=12, seed=0):
    from scipy import sparse

    rng = np.random.default_rng(seed)
    y = np.repeat(np.array(["a", "b", "c"]), n_per)
    X = rng.random((len(y), 20)) * 0.2
    for k, c in enumerate("abc"):
        X[y == c, k * 5 : k * 5 + 5] += 1.0
    return sparse.csr_matrix(X), y


def test_stacked_classifier_clones_and_is_deterministic():
    """StackedTopicClassifier survives clone(); the same seed gives the same probabilities."""
    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    a = StackedTopicClassifier(seed=1, cv=3).fit(X, y)
    b = clone(StackedTopicClassifier(seed=1, cv=3)).fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X))
    assert (a.predict(X) == y).mean() > 0.9


def test_stacked_coef_is_an_exact_linear_explanation():
    """The logits minus X @ coef_.T are the same for every row: coef_ carries all of the n-grams' influence."""
    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    clf = StackedTopicClassifier(seed=0, cv=3).fit(X, y)
    rest = clf.decision_function(X) - X @ clf.coef_.T
    np.testing.assert_allclose(rest, np.broadcast_to(rest[0], rest.shape), atol=1e-8)


@pytest.mark.parametrize("mode", ["stack", "concat"])
def test_stacked_classifier_with_dense_tail(mode):
    """Encoder columns (dense tail) are used stacked or concatenated; probabilities sum to one."""
    from scipy import sparse

    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    E = np.random.default_rng(1).normal(size=(X.shape[0], 4))
    Xd = sparse.hstack([X, sparse.csr_matrix(E)]).tocsr()
    clf = StackedTopicClassifier(mode=mode, n_dense=4, cv=3).fit(Xd, y)
    P = clf.predict_proba(Xd)
    np.testing.assert_allclose(P.sum(1), 1.0)
    assert clf.coef_.shape == (3, 20)


def test_stacked_classifier_uses_given_folds_and_rejects_bad_input():
    """Fold labels decide the out-of-fold scores; a fold whose complement lacks a class, or a bad mode, is an error."""
    from arabic_news.topics.stacking import StackedTopicClassifier

    X, y = _toy()
    folds = np.array([str(i % 3) for i in range(len(y))])
    StackedTopicClassifier().fit(X, y, groups=folds)
    with pytest.raises(ValueError, match="lack some class"):
        StackedTopicClassifier().fit(X, y, groups=y)
    with pytest.raises(ValueError, match="mode"):
        StackedTopicClassifier(mode="sum").fit(X, y)


def test_stacked_pipeline_from_texts(tiny):
    """The default kind works inside the text Pipeline (clean -> tfidf -> stacked), clone included."""
    m = clone(make_pipeline("stacked", seed=0)).fit(tiny.texts, tiny.labels)
    assert m.predict(["سجل المهاجم هدفين في المباراة"]).tolist() == ["Sports"]
    assert m.steps[-1][1].oof_confidence_.shape == (len(tiny), 2)
    clf = m.steps[-1][1]
    assert clf.oof_evidence_.shape == clf.oof_lengths_.shape == (len(tiny),)
    assert (clf.oof_lengths_ > 0).all()


@pytest.mark.parametrize("mode", ["stack", "concat"])
def test_encoder_pipeline_from_texts_uses_the_encoder_columns(tiny, mode):
    """The encoder recipe from raw texts: 512 encoder columns beside the n-grams, clone() round-trips, seed-stable."""
    from arabic_news.topics.models import encoder_pipeline

    m = clone(encoder_pipeline(mode, seed=0)).fit(tiny.texts, tiny.labels)
    X = m.named_steps["features"].transform(m.named_steps["clean"].transform(tiny.texts[:2]))
    assert X.shape[1] == m.named_steps["features"].transformer_list[0][1].n_terms_ + 512
    assert m.named_steps["clf"].n_dense == 512
    if mode == "stack":
        assert m.named_steps["clf"].dense_ is not None  # a level-0 model of its own on the encoder columns
    else:
        assert m.named_steps["clf"].svc_.coef_.shape[1] == X.shape[1]  # one SVC over both
    again = encoder_pipeline(mode, seed=0).fit(tiny.texts, tiny.labels)
    np.testing.assert_allclose(again.predict_proba(tiny.texts), m.predict_proba(tiny.texts))
    with pytest.raises(ValueError, match="mode"):
        encoder_pipeline("sum")


def test_stacked_model_saves_and_loads(tmp_path, tiny):
    """A stacked pipeline round-trips through skops with the lab's trusted types."""
    m = make_pipeline("stacked", seed=0).fit(tiny.texts, tiny.labels)
    p = save_model(m, tmp_path / "m.skops")
    np.testing.assert_allclose(load_model(p).predict_proba(tiny.texts), m.predict_proba(tiny.texts))


# --- open-set honesty ---------------------------------------------------------------------
def test_openset_rule_flags_unsure_articles_with_reasons():
    """Low top probability or a small margin flags 'outside the labels' and says why; a clear winner does not."""
    from arabic_news.topics.openset import OpenSetRule

    rule = OpenSetRule(min_top=0.6, min_margin=0.25)
    flag, why = rule.judge({"Politics": 0.55, "Finance": 0.40, "Sports": 0.05})
    assert flag and len(why) == 2 and "0.55" in why[0] and "Finance" in why[1]
    assert rule.judge({"Sports": 0.9, "Culture": 0.05}) == (False, [])
    with pytest.raises(ValueError):
        rule.judge({})


def test_choose_thresholds_respects_the_false_flag_budget():
    """The chosen thresholds never flag more in-class rows than allowed, and catch the clear out-of-class ones."""
    from arabic_news.topics.openset import OpenSetRule, choose_thresholds

    rng = np.random.default_rng(0)
    inn = np.column_stack([rng.uniform(0.6, 1.0, 500), rng.uniform(0.3, 0.9, 500)])
    out = np.column_stack([rng.uniform(0.2, 0.55, 50), rng.uniform(0.0, 0.25, 50)])
    r = choose_thresholds(inn, out, max_false_flag=0.02)
    assert r["false_flag"] <= 0.02 and r["detected"] > 0.9
    assert OpenSetRule(r["min_top"], r["min_margin"]).flags(inn).mean() <= 0.02


def test_outside_examples_are_hand_written_and_split():
    """The out-of-class examples have both splits, many kinds (each kind with 2+ rows in both), a gloss and Arabic text."""
    from arabic_news.topics.openset import outside_examples

    rows = outside_examples()
    assert len(rows) >= 100 and {r["split"] for r in rows} == {"tune", "test"}
    assert len(rows) == len(outside_examples("tune")) + len(outside_examples("test"))
    kinds = {r["kind"] for r in rows}
    assert len(kinds) >= 15 and {"crime", "court case", "weather", "obituary", "horoscope", "lifestyle"} <= kinds
    for k in kinds:
        split = {r["split"] for r in rows if r["kind"] == k}
        assert split == {"tune", "test"} or sum(r["kind"] == k for r in rows) == 1, k
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["gloss"].isascii() and not r["text"].isascii() for r in rows)


def test_length_aware_rule_compares_with_in_class_articles_of_similar_length():
    """Thresholds follow length, so short in-class rows are not flagged wholesale; a fixed rule tuned on short
    out-of-class rows flags most of them (the length artifact the length-aware rule removes)."""
    from arabic_news.topics.openset import LengthAwareRule, OpenSetRule, choose_length_thresholds, choose_thresholds

    rng = np.random.default_rng(0)
    L = np.exp(rng.uniform(np.log(10), np.log(2000), 20000)).astype(int)
    ev = np.log(L) + rng.normal(0, 0.5, len(L))  # in-class evidence grows with length
    t = choose_length_thresholds(ev, L, alpha=0.05)
    rule = LengthAwareRule(tuple(t["lengths"]), tuple(t["thresholds"]), t["alpha"])
    f = rule.flags(ev, L)
    assert abs(f.mean() - 0.05) < 0.01
    short, long_ = L < 40, L > 500
    assert f[short].mean() < 0.12 and f[long_].mean() < 0.08
    # out-of-class: short, with the evidence of an in-class article of the same length minus 1.5
    Lo = rng.integers(15, 40, 200)
    evo = np.log(Lo) - 1.5 + rng.normal(0, 0.5, len(Lo))
    assert rule.flags(evo, Lo).mean() > 0.6
    # a fixed threshold on the evidence chosen on those short out-of-class rows flags far more short in-class rows
    conf = lambda e: np.column_stack([1 / (1 + np.exp(-e)), np.zeros(len(e)) + 1])
    r = choose_thresholds(conf(ev), conf(evo))
    fixed = OpenSetRule(r["min_top"], r["min_margin"]).flags(conf(ev))
    assert fixed[short].mean() > 2 * f[short].mean()


def test_length_aware_rule_judges_and_falls_back_to_probabilities():
    """judge() with evidence and length says why; with probabilities only the fallback rule judges; bad tables fail."""
    from arabic_news.topics.openset import LengthAwareRule, OpenSetRule

    rule = LengthAwareRule((10.0, 1000.0), (1.0, 5.0), 0.05, fallback=OpenSetRule(0.9, 0.0))
    assert rule.threshold(10) == pytest.approx(1.0) and rule.threshold(100) == pytest.approx(3.0)
    assert rule.threshold(1) == pytest.approx(1.0) and rule.threshold(10**6) == pytest.approx(5.0)
    out, why = rule.judge({"Politics": 0.95, "Finance": 0.05}, evidence=2.0, length=1000)
    assert out and "Politics" in why[0] and "1000 n-grams" in why[0]
    assert rule.judge({"Politics": 0.95, "Finance": 0.05}, evidence=2.0, length=10) == (False, [])
    assert rule.judge({"Politics": 0.85, "Finance": 0.15})[0]  # fallback: top p 0.85 < 0.9
    with pytest.raises(ValueError):
        LengthAwareRule((10.0, 5.0), (1.0, 2.0))
    with pytest.raises(ValueError):
        LengthAwareRule((10.0,), (1.0, 2.0))


def test_assess_gives_evidence_for_stacked_models_and_rule_of_reads_the_table(tiny, tiny_model):
    """assess(): probabilities equal predict_proba; a stacked model has evidence and lengths and its stored length
    table becomes a LengthAwareRule; a calibrated SVC is judged by probabilities."""
    from arabic_news.topics.models import _choose_openset
    from arabic_news.topics.openset import LengthAwareRule, OpenSetRule, assess, rule_of

    m = make_pipeline("stacked", seed=0).fit(tiny.texts, tiny.labels)
    texts = ["سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري", "توقعت الأرصاد هطول أمطار رعدية على المرتفعات"]
    a = assess(m, texts)
    np.testing.assert_allclose(a["proba"], m.predict_proba(texts))
    assert a["evidence"].shape == a["lengths"].shape == (2,) and (a["lengths"] > 0).all()
    o = _choose_openset(m, seed=0)
    assert len(o["lengths"]) == len(o["thresholds"]) and 0 <= o["detected"] <= 1 and "min_top" in o
    m.training_info_ = {"openset": o}
    rule = rule_of(m)
    assert isinstance(rule, LengthAwareRule) and rule.fallback == OpenSetRule(o["min_top"], o["min_margin"])
    b = assess(m, texts)
    assert b["outside"] == [bool(x) for x in rule.flags(b["evidence"], b["lengths"])]
    r = predict_article(texts[0], model=m)
    assert r["outside"] == b["outside"][0]
    c = assess(tiny_model, texts)
    assert c["evidence"] is None and c["lengths"] is None and len(c["outside"]) == 2


def test_predict_article_returns_the_outside_flag(tiny_model):
    """predict_article carries 'outside' and its reasons; a model with strict stored thresholds flags the article."""
    from arabic_news import Article

    a = Article.from_text("سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري")
    r = predict_article(a, model=tiny_model)
    assert isinstance(r["outside"], bool) and isinstance(r["outside_reasons"], list)
    m = tiny_model
    m.training_info_ = {"openset": {"min_top": 0.999, "min_margin": 0.999}}
    try:
        r = predict_article(a, model=m)
    finally:
        del m.training_info_
    assert r["outside"] and r["outside_reasons"] and r["label"] == "Sports"


def test_predict_article_takes_text_article_or_path(tiny_model, tmp_path):
    """A str is article text, a Path is read with encoding detection (CP-1256 too); anything else is a TypeError."""
    text = "سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري"
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1256"))
    assert predict_article(text, model=tiny_model)["label"] == predict_article(p, model=tiny_model)["label"]
    with pytest.raises(TypeError):
        predict_article(3, model=tiny_model)


@pytest.mark.slow
def test_default_model_flags_hand_written_out_of_class_articles():
    """The default model flags most held-out (test split) out-of-class examples and few SANAD-like articles."""
    from arabic_news.topics import default_model
    from arabic_news.topics.openset import LengthAwareRule, outside_examples, rule_of

    model = default_model(seed=0)
    assert isinstance(rule_of(model), LengthAwareRule)
    assert model.training_info_["openset"]["false_flag"] <= 0.06  # in-class out-of-fold rows
    flags = [predict_article(r["text"], model=model)["outside"] for r in outside_examples("test")]
    assert np.mean(flags) >= 0.7
    assert not predict_article(
        "فاز المنتخب الوطني على ضيفه بثلاثة أهداف في المباراة النهائية لكأس البطولة", model=model
    )["outside"]


# --- robustness: CIs, calibration, error tables ----------------------------------------------
def test_bootstrap_ci_brackets_the_point_estimate():
    """The 95% bootstrap interval contains the point estimate and is narrower with more rows."""
    from arabic_news.topics.robustness import bootstrap_ci

    y = ["a"] * 80 + ["b"] * 20
    p = ["a"] * 70 + ["b"] * 10 + ["b"] * 15 + ["a"] * 5
    pt, lo, hi = bootstrap_ci(y, p)
    assert lo <= pt <= hi and pt == 0.85
    _, lo2, hi2 = bootstrap_ci(y * 10, p * 10)
    assert hi2 - lo2 < hi - lo
    assert bootstrap_ci(y, p, metric="macro_f1")[0] < pt
    with pytest.raises(ValueError):
        bootstrap_ci([], [])


def test_expected_calibration_error():
    """ECE is zero for confidence equal to accuracy and large for an overconfident model."""
    from arabic_news.topics.robustness import expected_calibration_error

    P = np.array([[0.8, 0.2]] * 10)
    assert expected_calibration_error(P, np.array([1] * 8 + [0] * 2)) == 0.0
    assert expected_calibration_error(np.array([[0.99, 0.01]] * 10), np.array([1] * 5 + [0] * 5)) > 0.4


def _fake_preds():
    rows = []
    for o, labs in (("alkhaleej (held-out)", ["Sports", "Politics"]), ("sports papers", ["Sports"])):
        rows.append({"recipe": "r", "test_outlet": o, "fit_seconds": 1.0})
        for i in range(20):
            lab = labs[i % len(labs)]
            pred = lab if i % 5 else "Culture"
            p = [0.1] * 7
            p[["Culture", "Finance", "Medical", "Politics", "Religion", "Sports", "Tech"].index(pred)] = 0.4
            rows.append({"recipe": "r", "test_outlet": o, "row": i, "label": lab, "pred": pred, "proba": p})
    return rows


def test_outlet_summary_reports_macro_f1_only_with_two_classes():
    """An outlet with one weak class gets accuracy and recall but no macro-F1; calibration in and out is reported."""
    from arabic_news.topics.robustness import outlet_summary

    s = outlet_summary(_fake_preds(), "r")
    by = {o["test_outlet"]: o for o in s["outlets"]}
    assert by["sports papers"]["macro_f1"] is None and by["alkhaleej (held-out)"]["macro_f1"] is not None
    assert by["sports papers"]["recall"] == {"Sports": (0.8, 20)}
    assert s["pooled_loo"]["n"] == 20 and 0 <= s["ece_out"] <= 1
    with pytest.raises(ValueError):
        outlet_summary(_fake_preds(), "nope")


def test_error_glosses_file_is_valid_and_holds_no_corpus_text():
    """Every gloss row has a verdict and a short English gloss (the reader's words, ASCII), keyed by corpus id."""
    from arabic_news.topics.errors import load_glosses

    gl = load_glosses()
    assert len(gl) >= 10
    for doc_id, (verdict, gloss) in gl.items():
        assert doc_id.startswith("saudinewsnet/") and gloss.isascii() and 10 < len(gloss) < 160
        assert verdict in ("definition", "model")


def test_class_error_table_splits_errors_by_verdict():
    """Per (outlet, class) the table counts errors and the share judged label-definition mismatch."""
    from arabic_news.topics.errors import VERDICTS, class_error_table

    table = [
        {"test_outlet": "sports papers", "label": "Sports", "verdict": VERDICTS["definition"]},
        {"test_outlet": "sports papers", "label": "Sports", "verdict": VERDICTS["model"]},
        {"test_outlet": "sports papers", "label": "Sports", "verdict": None},
    ]
    rows = class_error_table(_fake_preds(), "r", table)
    assert rows == [
        {
            "test_outlet": "sports papers",
            "class": "Sports",
            "n": 20,
            "recall": 0.8,
            "errors": 4,
            "glossed": 2,
            "definition": 1,
            "model": 1,
            "definition_share": 0.5,
            "model_error_rate": 0.1,
        }
    ]


# --- generated findings (describe) ------------------------------------------------------
HOSTILE = "<script>alert(1)</script>*x*"


def _pred(**kw):
    base = {
        "label": "Sports",
        "label_ar": "رياضة",
        "probabilities": {"Sports": 0.9, "Culture": 0.1},
        "runner_up": "Culture",
        "runner_up_ar": "ثقافة",
        "margin": 0.8,
        "outside": False,
        "outside_reasons": [],
    }
    base.update(kw)
    return base


def test_describe_prediction_and_outside_flag():
    """The prediction sentence names label and runner-up; an outside flag is said plainly with its reasons."""
    from arabic_news.topics import describe

    s = describe.prediction(_pred())
    assert "**Sports**" in s and "رياضة" in s and "Culture" in s
    s = describe.prediction(_pred(outside=True, outside_reasons=["top probability 0.41 < 0.55 (Sports)"]))
    assert "outside the seven labels" in s and "0.41" in s and "unknown" in s


def test_describe_escapes_markdown_and_html():
    """Text from data is escaped for Markdown and HTML (no raw tag, no live emphasis)."""
    from arabic_news.topics import describe

    for s in (
        describe.prediction(_pred(label=HOSTILE, probabilities={HOSTILE: 0.9})),
        describe.neighbours([{"label": HOSTILE, "outlet": HOSTILE, "similarity": 0.5}]),
        describe.explanation([{"term": HOSTILE, "direction": "Sports", "weight": 1.0}], _pred()),
    ):
        assert "<script>" not in s and "&lt;script&gt;" in s and "\\*x\\*" in s


@pytest.mark.parametrize(
    "n, expected", [(0, "no article"), (1, "one article"), (2, "2 articles"), (1500, "1,500 articles")]
)
def test_describe_counts_read_naturally(n, expected):
    """Zero, one and many read as English: 'no article', 'one article', '2 articles'."""
    from arabic_news.topics.describe import count

    assert count(n, "article") == expected


def test_describe_zero_one_many_cases():
    """Empty results give a sentence, not an empty string; one and many items are worded apart."""
    from arabic_news.topics import describe

    assert "No corpus article" in describe.neighbours([])
    assert "nothing explains" in describe.explanation([], _pred())
    assert "no topic mixture" in describe.mixture([0.0, 0.0], [["a"], ["b"]])
    assert describe.mixture([0.9, 0.1], [["كرة", "فريق"], ["نفط"]]).startswith("One topic dominates")
    assert describe.mixture([0.5, 0.5], [["كرة"], ["نفط"]]).startswith("The article mixes 2 topics")
    one = describe.neighbours([{"label": "Sports", "outlet": None, "similarity": 0.5}])
    assert "one nearest article" in one and "1 of them is" in one
    assert "It makes no error" in describe.heldout(
        {"accuracy": 1.0, "macro_f1": 1.0, "n_test": 2, "confusion": {"labels": ["a", "b"], "matrix": [[1, 0], [0, 1]]}}
    )
    cv = [{"model": "svc", "folds": 5, "macro_f1_mean": 0.98, "macro_f1_std": 0.002}]
    assert describe.cv_summary(cv).endswith("± 0.0020.") and "No cross-validation" in describe.cv_summary([])


def test_describe_outlets_from_a_summary():
    """The leave-one-outlet-out paragraph gives the pooled accuracy with its CI and both calibration errors."""
    from arabic_news.topics import describe
    from arabic_news.topics.robustness import outlet_summary

    s = describe.outlets(outlet_summary(_fake_preds(), "r"))
    assert "one weak-labelled outlet group" in s and "95% CI" in s and "calibration error" in s


def test_describe_corpus_sections_on_quick_data(quick_data):
    """Notebook-10 findings are computed from the data: counts, weak outlets, duplicates, the article's length."""
    from arabic_news import Article
    from arabic_news.topics import describe

    assert "SANAD article" in describe.corpus_overview(quick_data)
    assert "aljazirah" in describe.weak_labels(quick_data)
    assert "No cluster straddles" in describe.duplicates(quick_data)
    short = describe.article_length(quick_data, Article.from_text("خبر قصير جدا عن المطر"))
    assert "very short" in short


# --- figures (plotting.topics) ------------------------------------------------------------
def test_topic_figures_draw_and_save(tmp_path):
    """Each notebook figure is one call that returns a figure and saves it under its standard name."""
    import matplotlib.pyplot as plt

    from arabic_news.plotting import topics as pt
    from arabic_news.topics.robustness import outlet_summary

    report = {"confusion": {"labels": ["Sports", "Culture"], "matrix": [[5, 1], [0, 6]]}}
    figs = [
        pt.cv_models([{"model": "svc", "macro_f1_mean": 0.98, "macro_f1_std": 0.01}], figures=tmp_path),
        pt.confusion(report, figures=tmp_path),
        pt.cross_outlet(
            [
                {"recipe": "SANAD only", "test_outlet": "alwatan", "accuracy": 0.8},
                {"recipe": "SANAD + other outlets", "test_outlet": "alwatan", "accuracy": 0.9},
            ],
            figures=tmp_path,
        ),
        pt.outlet_accuracy(outlet_summary(_fake_preds(), "r"), figures=tmp_path),
        pt.article_probabilities(_pred(outside=True), figures=tmp_path),
        pt.learning_curve([{"n_train": 100, "macro_f1": 0.9}, {"n_train": 200, "macro_f1": 0.95}], figures=tmp_path),
        pt.topic_mixture([0.7, 0.3], [["كرة", "فريق", "مبارا"], ["نفط", "سعر", "سوق"]], figures=tmp_path),
    ]
    names = {p.stem for p in tmp_path.glob("*.png")}
    assert names == {
        "11-cv-models",
        "11-confusion",
        "11-cross-outlet",
        "11-outlet-accuracy",
        "11-article-probabilities",
        "11-learning-curve",
        "12-topic-mixture",
    }
    assert "outside" in figs[4].axes[0].get_title()
    plt.close("all")


def test_lengths_figure_on_quick_data(quick_data, tmp_path):
    """The notebook-10 length histogram draws one line per SANAD class plus the article's length."""
    import matplotlib.pyplot as plt

    from arabic_news.plotting.topics import lengths

    fig = lengths(quick_data, 250, figures=tmp_path)
    assert (tmp_path / "10-lengths.png").exists() and len(fig.axes[0].get_legend().get_texts()) == 8
    plt.close(fig)
    with pytest.raises(ValueError):
        __import__("arabic_news.plotting.topics", fromlist=["cv_models"]).cv_models([])
