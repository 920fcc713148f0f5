"""scikit-learn integration of the text core: analyzers and transformers."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
from skops.io import dumps, get_untrusted_types, loads

from arabic_news.stem import STEMMERS, ArabicAnalyzer, TextNormaliser, get_stemmer

DOCS = [
    "أكد الوزير أهمية التعاون الأمني",
    "فاز الفريق بالمباراة النهائية",
    "ارتفعت الأسهم في السوق المالية",
    "بحث الوزير التعاون مع الحلف",
    "خسر الفريق المباراة أمس",
    "انخفضت أسعار الأسهم اليوم",
]
Y = ["pol", "sport", "fin", "pol", "sport", "fin"]


@pytest.mark.parametrize("kind,ngrams", [("word", (1, 2)), ("char", (2, 4))])
def test_clone_and_pipeline(kind, ngrams):
    """Analyzers survive clone() and work inside a Pipeline; same data -> same predictions."""
    pipe = make_pipeline(
        TfidfVectorizer(analyzer=ArabicAnalyzer(kind=kind, ngram_range=ngrams)), LinearSVC(random_state=0)
    )
    p2 = clone(pipe)
    assert repr(p2.steps[0][1].analyzer) == repr(pipe.steps[0][1].analyzer)
    a = pipe.fit(DOCS, Y).predict(DOCS)
    b = p2.fit(DOCS, Y).predict(DOCS)
    assert list(a) == list(b) == Y


def test_diacritics_do_not_change_features():
    """Diacritised and plain spellings give the same features."""
    an = ArabicAnalyzer()
    assert an("كَتَبَ الوَلَدُ") == an("كتب الولد")


def test_skops_round_trip_with_explicit_types():
    """A fitted pipeline saves with skops and loads when its types are trusted explicitly."""
    pipe = make_pipeline(
        TextNormaliser(), TfidfVectorizer(analyzer=ArabicAnalyzer(stemmer="none")), LinearSVC(random_state=0)
    )
    pipe.fit(DOCS, Y)
    blob = dumps(pipe)
    untrusted = get_untrusted_types(data=blob)
    assert "arabic_news.stem.ArabicAnalyzer" in untrusted
    loaded = loads(blob, trusted=untrusted)
    assert list(loaded.predict(DOCS)) == list(pipe.predict(DOCS))


@pytest.mark.parametrize("bad", [dict(kind="sentence"), dict(ngram_range=(2, 1)), dict(stemmer="porter")])
def test_bad_options(bad):
    with pytest.raises(ValueError, match="unknown|bad ngram_range"):
        ArabicAnalyzer(**bad)


@pytest.mark.parametrize("name", STEMMERS)
def test_every_stemmer_returns_normalised_keys(name):
    """Every stemmer returns a non-empty retrieval-normalised key (no hamza seats, no diacritics)."""
    f = get_stemmer(name)
    k = f("المُؤْتَمَرات")
    assert k and "ؤ" not in k and "\u064f" not in k


def test_unknown_stemmer():
    with pytest.raises(ValueError, match="unknown stemmer 'snowball'"):
        get_stemmer("snowball")


def test_text_normaliser_fit_transform():
    assert TextNormaliser(profile="retrieval").fit_transform(["مسؤولٌ"]) == ["مسوول"]
    with pytest.raises(ValueError, match="unknown normalisation profile"):
        TextNormaliser(profile="nope").fit(["x"])
    assert np.array_equal(np.array(TextNormaliser().get_params()["profile"]), np.array("retrieval"))
