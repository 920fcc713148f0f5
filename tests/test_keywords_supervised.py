"""Tests for the supervised keyphrase ranker: training-set exclusion, skops round trip, the method's output."""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from arabic_news.errors import ArticleError
from arabic_news.keywords import Keyword, extract
from arabic_news.keywords import supervised as S
from arabic_news.keywords.background import Background
from arabic_news.keywords.candidates import analyse
from arabic_news.keywords.headline_rate import RATE_FEATURES, HeadlineRates, rate_features
from arabic_news.keywords.training import FEATURES, candidate_features, candidate_labels, select_training

FIX = Path(__file__).parent / "fixtures" / "keywords"

_WORDS = (
    "الحكومة الوزارة المدينة المشروع الطريق المستشفى المدرسة الجامعة الشركة السوق المياه الكهرباء "
    "الطلاب المرضى الأطباء المهندسين العمال المزارعين التجار السياح اللاعبين المدربين الفريق الملعب "
    "البحر الصحراء الجبل النهر الحديقة المطار الميناء القطار الحافلة السيارة الطائرة السفينة المصنع"
).split()


def _doc(i: int, *, title: str | None = None, body: str | None = None, seed: int | None = None):
    rng = np.random.default_rng(i if seed is None else seed)
    text = body or " ".join(rng.choice(_WORDS, size=120).tolist())
    return SimpleNamespace(id=f"doc/{i}", title=title or f"عنوان الخبر {_WORDS[i % len(_WORDS)]}", text=text)


def _tiny_model():
    """A small classifier on synthetic features: higher lexical rank -> higher probability."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, len(FEATURES) + len(RATE_FEATURES)))
    y = (X[:, FEATURES.index("lex_rank")] < 0).astype(int)
    return S.train_ranker(X, y, params={"model": "logreg"})


@pytest.fixture(autouse=True)
def tiny_ranker(monkeypatch):
    """The tests never train the real ranker (that needs the corpora): a tiny model stands in."""
    model = _tiny_model()
    monkeypatch.setattr(S, "default_ranker", lambda: model)
    return model


@pytest.fixture(scope="module")
def bg() -> Background:
    lines = [l for l in (FIX / "background.txt").read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return Background.from_texts(lines)


# --- training data ----------------------------------------------------------------------
def test_training_sample_excludes_evaluation_ids_and_duplicates():
    """Evaluation ids, exact body/headline duplicates and near-duplicate bodies never enter the training sample."""
    ev = [_doc(0), _doc(1)]
    same_id = _doc(0, seed=50)  # same id, other text
    same_body = SimpleNamespace(id="doc/x1", title="عنوان آخر تماما", text=ev[1].text.replace("الحكومة", "الحكومة", 1))
    same_title = SimpleNamespace(id="doc/x2", title=ev[0].title, text=_doc(60).text)
    words = ev[1].text.split()
    near = SimpleNamespace(id="doc/x3", title="عنوان ثالث جديد", text=" ".join(words[:-2] + ["القمح", "الشعير"]))
    others = [_doc(i) for i in range(10, 30)]
    pool = [same_id, same_body, same_title, near] + others
    picked = select_training(pool, ev, n=100, seed=0)
    got = {d.id for d in picked}
    assert not got & {"doc/0", "doc/1", "doc/x1", "doc/x2", "doc/x3"}
    assert got == {d.id for d in others}


def test_training_sample_is_seeded_and_sized():
    """The same seed gives the same sample; ``n`` bounds it."""
    pool = [_doc(i) for i in range(10, 40)]
    a = [d.id for d in select_training(pool, [], n=5, seed=1)]
    assert a == [d.id for d in select_training(pool, [], n=5, seed=1)] and len(a) == 5


@pytest.mark.slow
def test_real_training_set_excludes_eval_split():
    """The cached training table holds no id of the evaluation split (tune or held-out)."""
    from arabic_news.datafiles import load_table
    from arabic_news.keywords.training import training_docs

    split = {r[0] for r in load_table("eval_split", folder="keywords")}
    ids = {d.id for d in training_docs()}
    assert len(split) == 1000 and ids and not ids & split


def test_labels_match_headline_stems():
    """A candidate is positive exactly when one of its content stems is a headline content stem."""
    d = analyse("بحث الجانبان التعاون الأمني مع حلف الناتو في بغداد")
    labels = dict(
        zip(["تعاون امن", "بغداد", "ناتو"], candidate_labels(d, ["تعاون امن", "بغداد", "ناتو"], "الأمن والناتو"))
    )
    assert labels == {"تعاون امن": 1, "بغداد": 0, "ناتو": 1}


def test_features_are_finite_and_shaped(bg):
    """Every pooled candidate gets one finite row of FEATURES."""
    from arabic_news.keywords.genre import GenreStats

    doc = analyse((FIX / "health-council.txt").read_text("utf-8"))
    lemmas, X = candidate_features(doc, background=bg, genre=GenreStats.empty(), pool=20)
    assert len(lemmas) == X.shape[0] <= 20 and X.shape[1] == len(FEATURES)
    assert np.isfinite(X).all()


# --- the model ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["hgb", "logreg"])
def test_model_round_trips_through_skops(kind, tmp_path):
    """A saved ranker loads back (trusted types only) and predicts the same probabilities."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, len(FEATURES)))
    y = (X[:, 0] + 0.3 * rng.normal(size=300) > 0).astype(int)
    m = S.train_ranker(X, y, params={"model": kind, "max_iter": 20})
    S.save(m, tmp_path / "r.skops", {"kind": kind})
    m2 = S.load(tmp_path / "r.skops")
    assert np.allclose(m.predict_proba(X)[:, 1], m2.predict_proba(X)[:, 1])
    assert m2.card_ == {"kind": kind}


def test_untrusted_model_file_is_refused(tmp_path):
    """A file holding a type outside TRUSTED_TYPES is refused with a one-line error."""
    S.save(S.LexicalOrder(), tmp_path / "bad.skops")  # a class of the package, not in the trusted list
    with pytest.raises(ValueError, match="not trusted") as e:
        S.load(tmp_path / "bad.skops")
    assert "\n" not in str(e.value)


def test_unknown_model_kind():
    """An unknown model kind is a clear error."""
    with pytest.raises(ValueError, match="model must be"):
        S.train_ranker(np.eye(3), [0, 1, 0], params={"model": "svm"})


# --- the method -------------------------------------------------------------------------------
def test_method_returns_well_formed_keywords(bg):
    """extract(method='supervised') gives Keywords with positions indexing the text, scores decreasing."""
    text = (FIX / "health-council.txt").read_text("utf-8")
    kws = extract(text, method="supervised", background=bg, top=10)
    assert 3 <= len(kws) <= 10 and all(isinstance(k, Keyword) for k in kws)
    assert [k.score for k in kws] == sorted((k.score for k in kws), reverse=True)
    assert all(math.isfinite(k.score) and 0 <= k.score <= 1 for k in kws)
    assert len({k.lemma for k in kws}) == len(kws)
    for k in kws:
        assert k.positions and all(0 <= p < len(text) for p in k.positions)


@pytest.mark.parametrize("text", ["الناتو", "التعاون الأمني بين العراق والناتو", "وزير\nالتعاون"])
def test_method_on_short_texts(text, bg):
    """Short and almost empty texts give a short, well-formed list (never an exception)."""
    kws = extract(text, method="supervised", background=bg, top=10)
    assert 1 <= len(kws) <= 10
    assert all(isinstance(k, Keyword) and k.lemma and k.positions for k in kws)


@pytest.mark.parametrize("bad", ["", "   \n ", "12345 678", "hello world only english words here"])
def test_bad_input_is_a_one_line_error(bad, bg):
    """Empty, numeric or non-Arabic input raises ArticleError with a one-line message."""
    with pytest.raises(ArticleError) as e:
        extract(bad, method="supervised", background=bg)
    assert "\n" not in str(e.value)


def test_bad_top_is_a_one_line_error(bg):
    """A bad ``top`` is a ValueError naming it."""
    with pytest.raises(ValueError, match="top must be") as e:
        extract("التعاون الأمني", method="supervised", background=bg, top=0)
    assert "\n" not in str(e.value)


# --- headline rates ------------------------------------------------------------------------
def test_headline_rate_leaves_own_document_out():
    """A counted article's own headline does not raise the rate of its words (leave-one-out)."""
    r = HeadlineRates({"ناتو": (1, 1)}, mean=0.05)
    assert r.rate("ناتو", own_title=True) == pytest.approx(0.05)
    assert r.rate("ناتو") > 0.15
    x = rate_features(["ناتو"], r, own_title={"ناتو"})
    assert x.shape == (1, len(RATE_FEATURES)) and x[0, 0] == pytest.approx(0.05)


@pytest.mark.slow
def test_eval_articles_never_selected():
    """Offered the evaluation articles themselves, the selection used by training and headline rates keeps none."""
    from arabic_news.keywords.evaluation import fresh_split

    held, tune = fresh_split("heldout"), fresh_split("tune")
    assert not select_training(held[:30] + tune[:30], held + tune, n=60, seed=0)
