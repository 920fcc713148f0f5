"""Background document frequencies of candidate lemmas (unigrams to trigrams).

Built once from SANAD + SaudiNewsNet and cached (``arabic_news.cache``), keyed
on the code and word lists that define a candidate, and on the data.  Stored
compactly as an ``.npz`` of sorted 64-bit hashes of the lemma keys and their
document frequencies (pruned to ``df >= 2``), so loading takes well under a
second; a lookup hashes the few hundred candidates of one article.

Leave-one-out: when the article being scored is itself one of the background
documents (the evaluation on SaudiNewsNet), ``leave_out=True`` subtracts its
own contribution (one document, ``df - 1`` for each of its lemmas).

>>> bg = Background.from_texts(["التعاون الأمني مع الناتو", "التعاون الاقتصادي", "الناتو"])
>>> bg.n_docs, bg.df(["تعاون", "ناتو", "تعاون امن", "مجهول"]).tolist()
(3, [2, 2, 1, 0])
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .genre import GenreCounts, GenreStats

__all__ = ["Background", "default_background", "hash_keys"]

_MEMO: dict[tuple, Background] = {}


def hash_keys(keys: Iterable[str]) -> np.ndarray:
    """Stable 64-bit hashes (BLAKE2b) of lemma keys, as ``uint64``."""
    blob = b"".join([hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest() for k in keys])
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)  # each digest read as a little-endian integer


@dataclass(frozen=True)
class Background:
    """Document frequencies of candidate lemmas in a background corpus.

    Attributes
    ----------
    n_docs : int
        Number of background documents.
    hashes : numpy.ndarray of uint64
        Sorted hashes of the lemma keys kept.
    counts : numpy.ndarray of int32
        Document frequency of each hash.
    doc_ids : frozenset of str
        Ids of the background documents (for leave-one-out decisions).
    name : str
        What it was built from.
    """

    n_docs: int
    hashes: np.ndarray
    counts: np.ndarray
    doc_ids: frozenset = frozenset()
    name: str = "custom"

    def __len__(self) -> int:
        return int(self.hashes.size)

    @classmethod
    def from_texts(
        cls,
        texts: Sequence[str],
        *,
        ids: Sequence[str] | None = None,
        min_df: int = 1,
        name: str = "custom",
        show_progress: bool = False,
    ) -> Background:
        """Count the candidate lemmas of each text (once per document).

        Parameters
        ----------
        texts : sequence of str
        ids : sequence of str, optional
            Document ids, remembered for leave-one-out.
        min_df : int
            Drop lemmas seen in fewer documents.
        """
        from collections import Counter

        from ..corpus import progress
        from .candidates import doc_lemmas

        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of documents, not one str")
        c: Counter = Counter()
        it = progress(texts, desc="keyword background", total=len(texts), disable=not show_progress)
        for t in it:
            c.update(doc_lemmas(t))
        return cls._from_counter(c, len(texts), ids=ids, min_df=min_df, name=name)

    @classmethod
    def _from_counter(cls, c, n_docs: int, *, ids=None, min_df: int = 1, name: str = "custom") -> Background:
        keys = [k for k, v in c.items() if v >= min_df]
        h = hash_keys(keys)
        v = np.array([c[k] for k in keys], dtype=np.int32)
        order = np.argsort(h, kind="stable")
        return cls(int(n_docs), h[order], v[order], frozenset(ids or ()), name)

    def df(self, lemmas: Sequence[str], *, leave_out: bool = False) -> np.ndarray:
        """Document frequencies of ``lemmas`` (0 when unseen or pruned).

        With ``leave_out=True`` the scored document is assumed to be one of the
        background documents and its own count is removed (``max(df - 1, 0)``).
        """
        if not len(lemmas):
            return np.zeros(0, dtype=np.int64)
        q = hash_keys(lemmas)
        idx = np.searchsorted(self.hashes, q)
        idx_c = np.minimum(idx, max(self.hashes.size - 1, 0))
        found = (self.hashes.size > 0) & (self.hashes[idx_c] == q) if self.hashes.size else np.zeros(q.size, bool)
        out = np.where(found, self.counts[idx_c] if self.hashes.size else 0, 0).astype(np.int64)
        if leave_out:
            out = np.maximum(out - 1, 0)
        return out

    def size(self, *, leave_out: bool = False) -> int:
        """Number of documents (minus one for leave-one-out)."""
        return max(self.n_docs - (1 if leave_out else 0), 1)

    # --- storage (numpy .npz, no pickles) ---------------------------------
    def save(self, path: Path) -> None:
        ids = "\n".join(sorted(self.doc_ids)).encode("utf-8")
        with open(path, "wb") as f:
            np.savez(
                f,
                n_docs=np.array(self.n_docs),
                hashes=self.hashes,
                counts=self.counts,
                doc_ids=np.frombuffer(ids, dtype=np.uint8),
                name=np.frombuffer(self.name.encode("utf-8"), dtype=np.uint8),
            )

    @classmethod
    def load(cls, path: Path) -> Background:
        with np.load(path, allow_pickle=False) as z:
            ids = z["doc_ids"].tobytes().decode("utf-8")
            return cls(
                int(z["n_docs"]),
                z["hashes"],
                z["counts"],
                frozenset(ids.split("\n")) if ids else frozenset(),
                z["name"].tobytes().decode("utf-8"),
            )


def _count_worker(part) -> tuple[np.ndarray, np.ndarray, GenreCounts | None]:
    """Document frequencies of one part, as (hashes, counts) arrays: cheap to send back and to merge.

    ``part`` is a list of texts, or ``(texts, genre)`` where ``genre[i]`` is ``(id, is_snn)`` for a
    text of the genre corpora (SANAD Politics, SaudiNewsNet) and ``None`` otherwise: those texts are
    also counted for :mod:`arabic_news.keywords.genre` from the same words (third item).
    """
    from collections import Counter

    from .candidates import MAX_WORDS, _lemma_ngrams, doc_tokens

    texts, genre = part if isinstance(part, tuple) else (part, None)
    g = None
    if genre is not None:
        from .genre import GenreCounts

        g = GenreCounts()
    c: Counter = Counter()
    for i, t in enumerate(texts):
        kinds, keys, chunks, norms = doc_tokens(t)
        c.update(_lemma_ngrams(kinds, keys, chunks, MAX_WORDS))
        if g is not None and genre[i] is not None:
            g.add_doc(kinds, keys, norms, *genre[i])
    return hash_keys(c.keys()), np.fromiter(c.values(), dtype=np.int64, count=len(c)), g


def _merge_counts(parts: Sequence[tuple[np.ndarray, np.ndarray]], min_df: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum per-part (hashes, counts) into sorted hashes and their counts, keeping counts >= ``min_df``."""
    if not parts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    h = np.concatenate([p[0] for p in parts])
    uniq, inv = np.unique(h, return_inverse=True)
    total = np.bincount(inv.ravel(), weights=np.concatenate([p[1] for p in parts]), minlength=uniq.size)
    keep = total >= min_df
    return uniq[keep], total[keep].astype(np.int32)


def _build(
    docs, *, min_df: int, name: str, processes: int = 2, genre: Sequence[tuple[str, bool] | None] | None = None
) -> tuple[Background, GenreStats | None]:
    """The background of ``docs``; with ``genre`` (per document: ``(id, is_snn)`` or ``None``), the genre
    statistics of the flagged documents from the same pass (else ``None``)."""
    from ..parallel import map_parts

    texts = [d.text for d in docs]
    ids = [d.id for d in docs]
    n_parts = max(1, processes) * 8
    parts = [
        (texts[i::n_parts], list(genre[i::n_parts])) if genre is not None else texts[i::n_parts] for i in range(n_parts)
    ]
    counted = map_parts(_count_worker, parts, processes=max(1, processes), desc="keyword background")
    hashes, counts = _merge_counts([(h, c) for h, c, _ in counted], min_df)
    stats = None
    if genre is not None:
        from .genre import GenreCounts

        total = GenreCounts()
        for _, _, g in counted:
            total.add(g)
        stats = total.stats()
    return Background(len(texts), hashes, counts, frozenset(ids), name), stats


def _cache_key(quick: bool, seed: int, n_quick: int) -> str:
    from importlib import resources

    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path

    pkg = resources.files("arabic_news")
    return fingerprint(
        code_fingerprint(
            "arabic_news.keywords.candidates",
            "arabic_news.keywords.background",
            "arabic_news.stem",
            "arabic_news.tokenise",
            "arabic_news.normalise",
            "arabic_news.lexicon",
        ),
        data_fingerprint(Path(str(pkg.joinpath("data", "keywords")))),
        data_fingerprint(Path(str(pkg.joinpath("data", "lexicons")))),
        data_fingerprint(data_path("corpora", "sanad_khaleej")),
        data_fingerprint(data_path("corpora", "saudinewsnet", "dataset")),
        quick=quick,
        seed=seed if quick else None,
        n_quick=n_quick if quick else None,
        min_df=2,
    )


def default_background(*, quick: bool = False, seed: int = 0, n_quick: int = 2000, processes: int = 2) -> Background:
    """The lab's background: SANAD + SaudiNewsNet document frequencies (cached).

    Parameters
    ----------
    quick : bool
        Build from a seeded subsample of ``n_quick`` documents instead (for
        QUICK notebooks and fast tests; a separate cache entry).
    seed : int
        Seed of the quick subsample.
    processes : int
        Worker processes for the one-off build (about 1 minute on 2 cores for the full corpora).
    """
    from ..cache import cached
    from ..corpus import load_sanad, load_saudinewsnet

    key = _cache_key(quick, seed, n_quick)
    memo = (key,)
    if memo in _MEMO:
        return _MEMO[memo]

    def build() -> Background:
        sanad, snn = load_sanad().documents, load_saudinewsnet().documents
        docs = sanad + snn
        genre = None
        if quick:
            rng = np.random.default_rng(seed)
            idx = np.sort(rng.choice(len(docs), size=min(n_quick, len(docs)), replace=False))
            docs = [docs[i] for i in idx]
        else:
            from .genre import genre_flags, genre_stats_cached

            if not genre_stats_cached():  # the genre statistics read the same words: count them on the way
                genre = genre_flags(sanad, snn)
        name = f"SANAD+SaudiNewsNet{' (quick sample)' if quick else ''}: {len(docs)} documents"
        bg, stats = _build(docs, min_df=2, name=name, processes=processes if len(docs) > 2000 else 1, genre=genre)
        if stats is not None:
            from .genre import store_genre_stats

            store_genre_stats(stats)
        return bg

    bg = cached("keyword-background", key, build, save=lambda b, p: b.save(p), load=Background.load, suffix=".npz")
    _MEMO[memo] = bg
    return bg
