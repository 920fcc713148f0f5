"""Feature extractors for the persuasion classifiers.

:class:`RhetoricFeatures` turns a text into a small dense vector:

* the lab's rhetoric markers (:func:`arabic_news.rhetoric.markers.find_markers`:
  boosters, hedges, emphasis particles, evaluative words), as counts per 100
  words and as ``log1p`` counts;
* simple surface cues of persuasive writing: quotation marks, exclamation and
  question marks, first- and second-person pronouns (and the vocative ``يا``),
  superlatives (elatives such as ``أخطر`` *akhtar* "most dangerous"), plus
  cues of the tweet register that the training data mixes in (hashtags,
  links, mentions, emoji) and the length.

:func:`make_features` joins word and character n-gram TF-IDF (always through
:class:`arabic_news.stem.ArabicAnalyzer`, never scikit-learn's default
``token_pattern``) with these dense features in a ``FeatureUnion``.

Word lists live in ``data/persuasion/*.txt``.

>>> f = RhetoricFeatures(markers=False).fit(["x"])
>>> row = dict(zip(f.get_feature_names_out(), f.transform(["لماذا نحن أكبر الخاسرين؟!"])[0].tolist()))
>>> row["question"], row["exclamation"], row["first_person"], row["superlative"]
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from ..normalise import normalise
from ..stem import ArabicAnalyzer
from ..tokenise import words

__all__ = [
    "MARKER_KINDS",
    "CUE_NAMES",
    "RhetoricFeatures",
    "EmbeddingFeatures",
    "make_features",
    "load_cue_list",
    "warm_embeddings",
]

#: Marker kinds reported by :func:`arabic_news.rhetoric.markers.find_markers`.
MARKER_KINDS = ("booster", "hedge", "emphasis", "evaluative")
#: Names of the surface cues, in column order.
CUE_NAMES = (
    "quotes",
    "exclamation",
    "question",
    "first_person",
    "second_person",
    "superlative",
    "hashtag",
    "link",
    "mention",
    "emoji",
    "log_words",
)

_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
_QUOTES = set('"«»“”„‟')


def load_cue_list(name: str) -> frozenset[str]:
    """Read ``data/persuasion/<name>.txt`` (one entry per line, ``#`` comments), retrieval-normalised.

    >>> "نحن" in load_cue_list("first_person")
    True
    """
    return _cue_list(name)


@cache
def _cue_list(name: str) -> frozenset[str]:
    path = resources.files("arabic_news").joinpath("data", "persuasion", f"{name}.txt")
    if not path.is_file():
        raise ValueError(f"unknown persuasion cue list {name!r} (no file data/persuasion/{name}.txt)")
    out = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(normalise(line, profile="retrieval"))
    return frozenset(out)


def _strip_prefix(w: str) -> str:
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


def _is_emoji(ch: str) -> bool:
    return ord(ch) >= 0x2190 and unicodedata.category(ch) == "So"


@lru_cache(maxsize=100_000)
def _cues(text: str) -> tuple[float, ...]:
    first, second = _cue_list("first_person"), _cue_list("second_person")
    sup, exc = _cue_list("superlatives"), _cue_list("suffix_exceptions")
    toks = [normalise(t, profile="retrieval") for t in words(text)]
    n_first = n_second = n_sup = 0
    for t in toks:
        if t in exc:
            continue
        bare = _strip_prefix(t)
        if t in first or bare in first or (len(t) >= 4 and t.endswith("نا")):
            n_first += 1
        if t in second or bare in second or (len(t) >= 5 and t.endswith("كم")):
            n_second += 1
        if t in sup or bare in sup:
            n_sup += 1
    return (
        float(sum(ch in _QUOTES for ch in text)),
        float(text.count("!")),
        float(text.count("؟") + text.count("?")),
        float(n_first),
        float(n_second),
        float(n_sup),
        float(text.count("#")),
        float(len(re.findall(r"https?://|\bLINK\b|\bURL\b", text))),
        float(len(re.findall(r"@\w|\bUSER\b", text))),
        float(sum(_is_emoji(ch) for ch in text)),
        math.log1p(len(toks)),
    )


@lru_cache(maxsize=100_000)
def _marker_row(text: str) -> tuple[float, ...]:
    from ..rhetoric.markers import find_markers

    counts = dict.fromkeys(MARKER_KINDS, 0)
    for m in find_markers(text):
        if m.kind in counts:
            counts[m.kind] += 1
    n = max(len(words(text)), 1)
    dens = [100.0 * counts[k] / n for k in MARKER_KINDS]
    logs = [math.log1p(counts[k]) for k in MARKER_KINDS]
    return tuple(dens + logs + [math.log1p(sum(counts.values()))])


class RhetoricFeatures(TransformerMixin, BaseEstimator):
    """Dense rhetoric-marker and surface-cue features of each text (stateless).

    Parameters
    ----------
    markers : bool
        Include the rhetoric-marker features (densities per 100 words and
        ``log1p`` counts per kind, plus the ``log1p`` total).
    cues : bool
        Include the surface cues listed in :data:`CUE_NAMES`.

    Results are memoised per text, so cross-validation does not recompute them.
    """

    def __init__(self, markers: bool = True, cues: bool = True):
        self.markers = markers
        self.cues = cues

    def _names(self) -> list[str]:
        names: list[str] = []
        if self.markers:
            names += [f"{k}_per_100w" for k in MARKER_KINDS] + [f"log_{k}" for k in MARKER_KINDS] + ["log_markers"]
        if self.cues:
            names += list(CUE_NAMES)
        return names

    def fit(self, X: Iterable[str], y=None):
        """Check the options; nothing is learned."""
        if not (self.markers or self.cues):
            raise ValueError("RhetoricFeatures needs markers=True or cues=True")
        self.n_features_out_ = len(self._names())
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return an array of shape ``(n_texts, n_features)``."""
        rows = []
        for i, x in enumerate(X):
            if not isinstance(x, str):
                raise TypeError(f"RhetoricFeatures expects strings; item {i} is {type(x).__name__}")
            row: tuple[float, ...] = ()
            if self.markers:
                row += _marker_row(x)
            if self.cues:
                row += _cues(x)
            rows.append(row)
        return np.asarray(rows, dtype=float).reshape(len(rows), len(self._names()))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the output columns."""
        return np.asarray(self._names(), dtype=object)


#: Vectors of texts embedded in bulk (:func:`warm_embeddings`), looked up before encoding.
_VECTORS: dict[str, np.ndarray] = {}


def warm_embeddings(texts: list[str], *, name: str, data_key: str) -> None:
    """Embed ``texts`` once through :func:`arabic_news.embed.embed_corpus` (disk cache) and remember them.

    :class:`EmbeddingFeatures` then looks these texts up instead of running the encoder.
    """
    from ..embed import embed_corpus

    unique = list(dict.fromkeys(texts))
    if all(t in _VECTORS for t in unique):
        return
    matrix = embed_corpus(unique, name=name, data_key=data_key)
    _VECTORS.update(zip(unique, matrix))


def warm_persuasion_embeddings() -> int:
    """Embed every text of the shared persuasion data once (disk-cached) so training and CV look them up.

    Returns the number of distinct texts.  Cold: about 3,000 texts at 15-20 per
    second on one core; then a file read.
    """
    from ..cache import data_fingerprint, fingerprint
    from ..paths import data_path
    from .data import ARAIEVAL_DIR, ARMPRO_DIR, load_araieval, load_armpro

    texts = list(dict.fromkeys(it.text for it in load_araieval("train") + load_araieval("dev") + load_armpro()))
    key = fingerprint(data_fingerprint(data_path(ARAIEVAL_DIR)), data_fingerprint(data_path(ARMPRO_DIR)))
    warm_embeddings(texts, name="persuasion", data_key=key)
    return len(texts)


class EmbeddingFeatures(TransformerMixin, BaseEstimator):
    """Sentence-encoder vectors of each text (:mod:`arabic_news.embed`, 512 dimensions, stateless).

    Texts warmed by :func:`warm_embeddings` are looked up; others are encoded
    (and memory-cached per text by :func:`arabic_news.embed.embed`).
    """

    def fit(self, X: Iterable[str], y=None):
        """Nothing is learned."""
        self.n_features_out_ = 512
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return an array of shape ``(n_texts, 512)``."""
        from ..embed import embed

        X = list(X)
        for i, x in enumerate(X):
            if not isinstance(x, str):
                raise TypeError(f"EmbeddingFeatures expects strings; item {i} is {type(x).__name__}")
        out = np.zeros((len(X), 512), dtype=np.float32)
        todo = [i for i, x in enumerate(X) if x not in _VECTORS]
        if todo:
            out[todo] = embed([X[i] for i in todo])
        for i, x in enumerate(X):
            if x in _VECTORS:
                out[i] = _VECTORS[x]
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """``use0`` … ``use511``."""
        return np.asarray([f"use{i}" for i in range(512)], dtype=object)


def make_features(
    *, markers: bool = True, word: bool = True, char: bool = True, embeddings: bool = False, quick: bool = False
) -> FeatureUnion:
    """The lab's persuasion features: word + char n-gram TF-IDF, scaled rhetoric features, embeddings.

    Parameters
    ----------
    markers : bool
        Include the rhetoric-marker features (the surface cues are always included).
    word, char : bool
        Include word uni+bigram (light-stemmed) / character 2-5-gram TF-IDF.
    embeddings : bool
        Include the sentence-encoder vectors (:class:`EmbeddingFeatures`, block ``embed``).
    quick : bool
        Smaller character n-gram range (3-4) for fast runs.
    """
    parts = []
    if word:
        parts.append(("word", TfidfVectorizer(analyzer=ArabicAnalyzer("word", (1, 2)), min_df=2, sublinear_tf=True)))
    if char:
        rng = (3, 4) if quick else (2, 5)
        parts.append(
            (
                "char",
                TfidfVectorizer(
                    analyzer=ArabicAnalyzer("char", rng), min_df=2, sublinear_tf=True, max_features=100_000
                ),
            )
        )
    parts.append(("rhetoric", Pipeline([("extract", RhetoricFeatures(markers=markers)), ("scale", StandardScaler())])))
    if embeddings:
        parts.append(("embed", EmbeddingFeatures()))
    return FeatureUnion(parts)
