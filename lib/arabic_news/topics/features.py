"""Features for topic classification: cleaned, stemmed word 1-2-gram TF-IDF, computed once and cached.

The lab's topic features are word uni- and bigrams of light stems
(:class:`arabic_news.stem.ArabicAnalyzer`, ``stemmer="light"``) of the
boilerplate-cleaned text (:func:`~arabic_news.topics.clean.clean_text`),
weighted by sublinear TF-IDF (``1 + log tf``, smoothed idf, L2 norm) with
``min_df=2``.  (Character 2-5-grams, unstemmed word n-grams and their unions
were tried and did not beat stems on SANAD: see ``notebooks/11-topic-classifier``.)

Vectorising 12k articles is the slow step (about 30 s), so it runs once: the
raw term *counts* of every document of the training corpora (SANAD plus the
weak-labelled SaudiNewsNet articles) are cached (``scipy.sparse.save_npz`` +
JSON vocabulary) and :func:`tfidf_fit` then derives, for any training subset,
exactly what ``TfidfVectorizer(min_df=2, sublinear_tf=True)`` fitted on that
subset would give (vocabulary restricted by the subset's document frequencies,
its idf), in well under a second.  Cross-validation, held-out tests,
leave-one-outlet-out and learning curves all reuse the one count matrix
without leaking test documents into the vocabulary or idf.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..corpus import Corpus, load_sanad
from ..stem import ArabicAnalyzer
from .clean import clean_text

__all__ = [
    "ANALYZER",
    "MIN_DF",
    "QUICK_PER_CLASS",
    "TopicData",
    "topic_data",
    "tfidf_fit",
    "tfidf_apply",
    "make_vectorizer",
    "features_key",
    "TfidfState",
]

#: the analyzer of every topic pipeline (stemmed word 1-2-grams)
ANALYZER = ArabicAnalyzer(kind="word", ngram_range=(1, 2), stemmer="light")
MIN_DF = 2
#: QUICK mode: SANAD articles per class, and weak-labelled articles per (outlet, class)
QUICK_PER_CLASS = 120
QUICK_WEAK_PER_CELL = 25

#: the data files that shape the features and the labelled rows (the other files in data/topics do not)
FEATURE_DATA_FILES = ("boilerplate.tsv", "classes.tsv", "saudinewsnet_sections.tsv", "saudinewsnet_outlets.tsv")

_FEATURE_MODULES = (
    "arabic_news.topics.features",
    "arabic_news.topics.clean",
    "arabic_news.topics.vectorizer",
    "arabic_news.topics.dedup",
    "arabic_news.topics.weak_labels",
    "arabic_news.stem",
    "arabic_news.normalise",
    "arabic_news.tokenise",
    "arabic_news.corpus",
    "arabic_news.lexicon",
)


def make_vectorizer(**overrides):
    """The lab's TF-IDF vectoriser (unfitted): stemmed word 1-2-grams, sublinear tf, ``min_df=2``.

    A :class:`~arabic_news.topics.vectorizer.NgramTfidf` (same features as
    ``TfidfVectorizer(analyzer=ANALYZER, min_df=2, sublinear_tf=True)``, but
    compact when saved).
    """
    from .vectorizer import NgramTfidf

    params = dict(analyzer=ANALYZER, min_df=MIN_DF, sublinear_tf=True)
    params.update(overrides)
    return NgramTfidf(**params)


def _package_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def features_key(*, seed: int, quick: bool) -> str:
    """Cache key of the count matrix: code of the feature path, its data files, the corpora, and the mode."""
    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path

    return fingerprint(
        "topic-counts-v1",
        code_fingerprint(*_FEATURE_MODULES),
        *[data_fingerprint(_package_data_dir() / "topics" / f) for f in FEATURE_DATA_FILES],
        *[
            data_fingerprint(f)
            for f in sorted((_package_data_dir() / "lexicons").glob("*.txt"))
            if f.name.startswith(("light_stem", "stopwords"))
        ],
        data_fingerprint(data_path("corpora", "sanad_khaleej")),
        data_fingerprint(data_path("corpora", "saudinewsnet")),
        quick=quick,
        seed=seed if quick else None,
        analyzer=repr(ANALYZER),
        min_df=MIN_DF,
    )


@dataclass
class TfidfState:
    """What a TF-IDF 'fit' on a subset leaves: kept columns of the count matrix and their idf."""

    columns: np.ndarray
    idf: np.ndarray


def tfidf_fit(counts, rows: np.ndarray, *, min_df: int = MIN_DF) -> TfidfState:
    """Vocabulary and idf of ``TfidfVectorizer(min_df, smooth_idf=True)`` fitted on ``counts[rows]``.

    >>> from scipy import sparse
    >>> C = sparse.csr_matrix(np.array([[1, 0, 2], [1, 1, 0], [0, 1, 0]]))
    >>> st = tfidf_fit(C, np.array([0, 1]))
    >>> st.columns.tolist(), np.round(st.idf, 3).tolist()
    ([0], [1.0])
    """
    sub = counts[rows]
    df = (
        np.bincount(sub.indices, minlength=counts.shape[1])
        if sub.format == "csr"
        else np.asarray((sub > 0).sum(0)).ravel()
    )
    cols = np.flatnonzero(df >= min_df)
    n = len(rows)
    idf = np.log((1.0 + n) / (1.0 + df[cols])) + 1.0
    return TfidfState(cols, idf.astype(np.float64))


def tfidf_apply(counts, rows, state: TfidfState):
    """Sublinear TF-IDF (L2-normalised, float32) of ``counts[rows]`` with a fitted :class:`TfidfState`."""
    from sklearn.preprocessing import normalize

    X = counts[rows][:, state.columns].astype(np.float64)
    X.data = 1.0 + np.log(X.data)
    X = X.multiply(state.idf[None, :]).tocsr()
    return normalize(X).astype(np.float32)


@dataclass
class TopicData:
    """The training corpora with cached counts and duplicate groups.

    Attributes
    ----------
    corpus : Corpus
        SANAD documents first, then the weak-labelled SaudiNewsNet ones.
    counts : scipy.sparse.csr_matrix
        Raw term counts (documents x vocabulary, global ``df >= 2``).
    vocabulary : list of str
        Column terms (sorted, as ``TfidfVectorizer`` orders them).
    groups : ndarray
        Duplicate-cluster id per document (:mod:`~arabic_news.topics.dedup`).
    is_sanad : ndarray of bool
    outlet_group : ndarray of str
        ``"alkhaleej"`` for SANAD, else the weak outlet group (``"alwatan"``,
        ``"3alyoum"``, ``"aljazirah"``, ``"sports papers"``).
    labels : ndarray of str
    duplicates : dict
        Counts from the duplicate report (exact, near, groups, documents).
    """

    corpus: Corpus
    counts: object
    vocabulary: list[str]
    groups: np.ndarray
    is_sanad: np.ndarray
    outlet_group: np.ndarray
    labels: np.ndarray
    duplicates: dict = field(default_factory=dict)
    key: str = ""


def _load_corpora(*, seed: int, quick: bool) -> Corpus:
    from .weak_labels import load_weak_labelled

    sanad = load_sanad()
    weak = load_weak_labelled()
    if quick:
        sanad = sanad.sample(QUICK_PER_CLASS, seed=seed)
        rng = np.random.default_rng(seed)
        cells: dict[tuple, list[int]] = {}
        for i, d in enumerate(weak.documents):
            cells.setdefault((d.outlet, d.label), []).append(i)
        keep = []
        for cell in sorted(cells):
            idx = cells[cell]
            keep.extend(sorted(rng.choice(idx, size=min(QUICK_WEAK_PER_CELL, len(idx)), replace=False).tolist()))
        weak = weak.subset(sorted(keep))
    return Corpus(
        "SANAD + SaudiNewsNet (weak labels)" + (" [quick]" if quick else ""),
        list(sanad.documents) + list(weak.documents),
        list(sanad.skipped) + list(weak.skipped),
    )


def _build_counts(corpus: Corpus):
    from sklearn.feature_extraction.text import CountVectorizer

    from ..corpus import progress

    texts = [clean_text(t) for t in progress(corpus.texts, desc="cleaning")]
    cv = CountVectorizer(analyzer=ANALYZER, min_df=MIN_DF, dtype=np.int32)
    C = cv.fit_transform(progress(texts, desc="counting n-grams")).tocsr()
    vocab = cv.get_feature_names_out().tolist()
    return C, vocab


@lru_cache(maxsize=4)
def topic_data(*, seed: int = 0, quick: bool = False) -> TopicData:
    """Load SANAD + weak-labelled SaudiNewsNet with cached counts and duplicate groups.

    Parameters
    ----------
    seed : int
        Only used in ``quick`` mode (which documents are sampled).
    quick : bool
        Use a stratified subsample (:data:`QUICK_PER_CLASS` per SANAD class,
        :data:`QUICK_WEAK_PER_CELL` per weak (outlet, class)).
    """
    from scipy import sparse

    from ..cache import cached
    from .dedup import duplicate_report
    from .weak_labels import outlet_groups

    corpus = _load_corpora(seed=seed, quick=quick)
    key = features_key(seed=seed, quick=quick)

    def save(value, p: Path) -> None:  # one .npz (atomic), no pickles: CSR arrays + UTF-8 vocabulary bytes
        C, vocab, groups, dup = value
        with open(p, "wb") as fh:
            np.savez(
                fh,
                data=C.data,
                indices=C.indices,
                indptr=C.indptr,
                shape=np.array(C.shape),
                vocabulary=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
                groups=np.asarray(groups),
                duplicates=np.frombuffer(json.dumps(dup).encode(), dtype=np.uint8),
            )

    def load(p: Path):
        with np.load(p, allow_pickle=False) as z:
            C = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
            vocab = z["vocabulary"].tobytes().decode("utf-8").split("\n")
            return C, vocab, z["groups"], json.loads(z["duplicates"].tobytes().decode())

    def build():
        C, vocab = _build_counts(corpus)
        rep = duplicate_report(corpus.texts, threshold=0.5)
        dup = {
            "exact": rep.exact_pairs,
            "near": rep.near_pairs,
            "groups": rep.n_groups_multi,
            "documents": rep.n_docs_in_multi,
        }
        return C, vocab, rep.groups, dup

    C, vocab, groups, dup = cached("topic-counts", key, build, save=save, load=load, suffix=".npz")
    if C.shape[0] != len(corpus):
        raise RuntimeError("cached topic counts do not match the corpus; delete .cache/topic-counts")
    is_sanad = np.array(
        [d.outlet == "alkhaleej" or d.id.count("/") == 1 and d.outlet in (None, "alkhaleej") for d in corpus.documents]
    )
    groups_of = outlet_groups()
    outlet_group = np.array(
        ["alkhaleej" if s else groups_of.get(d.outlet, d.outlet) for s, d in zip(is_sanad, corpus.documents)]
    )
    return TopicData(corpus, C, vocab, groups, is_sanad, outlet_group, np.array(corpus.labels), dup, key)
