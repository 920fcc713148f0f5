"""Exact and near-duplicate articles, grouped so that they never straddle train and test.

SANAD's Finance class holds templated market bulletins (``ارتفع مؤشر سوق
الإمارات المالي`` "the UAE market index rose ...") that differ only in their
numbers; wire stories reappear across outlets.  If one copy is in the training
set and another in the test set, the test score measures memory, not topic
recognition.  :func:`duplicate_groups` gives every document a group id
(duplicates share one), for ``GroupShuffleSplit`` / ``StratifiedGroupKFold``.

Method
------
1. *Exact*: the text is normalised (``retrieval`` profile), every digit run is
   masked to ``0`` and punctuation dropped; equal keys are duplicates.
2. *Near*: word 3-shingles of the masked text (shingles occurring in more than
   ``max_df`` documents - set phrases - are ignored); two documents whose
   binary shingle vectors have cosine similarity >= ``threshold`` are
   near-duplicates.  The similarity is a sparse product computed in blocks, so
   10.5k articles take a few seconds.
3. Groups are the connected components of both relations (union-find).

>>> texts = ["ارتفع المؤشر 12 نقطة اليوم في السوق المالي وسط تداولات نشطة",
...          "ارتفع المؤشر 30 نقطة اليوم في السوق المالي وسط تداولات نشطة",
...          "فاز الفريق بالمباراة النهائية أمس"]
>>> duplicate_groups(texts).tolist()
[0, 0, 1]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..normalise import normalise
from ..tokenise import words

__all__ = ["dedup_key", "duplicate_groups", "DuplicateReport", "duplicate_report"]

_DIGITS = re.compile(r"\d+(?:[.,\u060c\u066b]\d+)*")


def _tokens(text: str) -> list[str]:
    return [_DIGITS.sub("0", w) for w in words(normalise(text, profile="retrieval"))]


def dedup_key(text: str) -> str:
    """Hash of the normalised, digit-masked word sequence (exact-duplicate key).

    >>> dedup_key("ارتفع المؤشرُ 12 نقطة.") == dedup_key("ارتفع المؤشر ١٥ نقطة")
    True
    """
    return hashlib.sha1(" ".join(_tokens(text)).encode("utf-8")).hexdigest()


class _UnionFind:
    def __init__(self, n: int):
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return int(i)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class DuplicateReport:
    """What :func:`duplicate_report` found."""

    groups: np.ndarray  # group id per document
    exact_pairs: int  # documents that are exact (digit-masked) copies of an earlier one
    near_pairs: int  # near-duplicate pairs (cosine >= threshold) beyond exact copies
    n_groups_multi: int  # groups with more than one document
    n_docs_in_multi: int  # documents in such groups
    examples: list[tuple[int, int, float]]  # (i, j, similarity) for a few near pairs


def _shingle_matrix(toks: list[list[str]], *, shingle: int, max_df: int):
    """Binary document x shingle matrix; shingles are integer-coded word id tuples (no string vocabulary)."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    base = np.int64(1 << 20)  # 3 x 20 bits fit in int64
    for i, ts in enumerate(toks):
        ids = np.array([vocab.setdefault(t, len(vocab)) % base for t in ts], dtype=np.int64)
        if len(ids) < shingle:
            code = (
                np.array([int(sum(int(x) * int(base) ** k for k, x in enumerate(ids)))], dtype=np.int64)
                if len(ids)
                else ids
            )
        else:
            code = np.zeros(len(ids) - shingle + 1, dtype=np.int64)
            for k in range(shingle):
                code = code * base + ids[k : len(ids) - shingle + 1 + k]
        code = np.unique(code)
        rows.append(np.full(len(code), i, dtype=np.int64))
        cols.append(code)
    rows_a, cols_a = np.concatenate(rows), np.concatenate(cols)
    uniq, col = np.unique(cols_a, return_inverse=True)
    df = np.bincount(col, minlength=len(uniq))
    n = len(toks)
    keep = df <= max_df if n > max_df else np.ones(len(uniq), dtype=bool)
    sel = keep[col]
    X = sparse.csr_matrix((np.ones(int(sel.sum()), dtype=np.float32), (rows_a[sel], col[sel])), shape=(n, len(uniq)))
    return X


def duplicate_report(
    texts: Sequence[str],
    *,
    threshold: float = 0.8,
    shingle: int = 3,
    max_df: int = 50,
    block: int = 2000,
    n_examples: int = 5,
) -> DuplicateReport:
    """Find exact and near-duplicates and group them (see the module docstring).

    Parameters
    ----------
    texts : sequence of str
    threshold : float
        Cosine similarity of binary shingle vectors above which two documents
        are near-duplicates (0.8 ~ 80% of shingles shared).
    shingle : int
        Words per shingle.
    max_df : int
        Shingles in more than this many documents are ignored (set phrases).
    block : int
        Rows per block of the similarity product (memory bound).
    """
    from sklearn.preprocessing import normalize

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    n = len(texts)
    toks = [_tokens(t) for t in texts]
    uf = _UnionFind(n)
    first: dict[str, int] = {}
    exact = 0
    for i, ts in enumerate(toks):
        k = " ".join(ts)
        if k in first:
            uf.union(first[k], i)
            exact += 1
        else:
            first[k] = i

    near, examples = 0, []
    if n > 1:
        X = _shingle_matrix(toks, shingle=shingle, max_df=max_df)
        X = normalize(X.astype(np.float32))
        for s in range(0, n, block):
            S = (X[s : s + block] @ X.T).tocoo()
            keep = (S.data >= threshold) & (S.row + s < S.col)
            for i, j, v in zip(S.row[keep] + s, S.col[keep], S.data[keep]):
                if uf.find(int(i)) != uf.find(int(j)):
                    near += 1
                    if len(examples) < n_examples:
                        examples.append((int(i), int(j), float(v)))
                    uf.union(int(i), int(j))
    roots = np.array([uf.find(i) for i in range(n)])
    _, groups = np.unique(roots, return_inverse=True)
    sizes = np.bincount(groups)
    return DuplicateReport(
        groups=groups,
        exact_pairs=exact,
        near_pairs=near,
        n_groups_multi=int((sizes > 1).sum()),
        n_docs_in_multi=int(sizes[sizes > 1].sum()),
        examples=examples,
    )


def duplicate_groups(texts: Sequence[str], **kwargs) -> np.ndarray:
    """A group id per document; exact and near-duplicates share one (ids numbered by first occurrence)."""
    g = duplicate_report(texts, **kwargs).groups
    # renumber by first occurrence so ids are stable and readable
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(x), len(order)) for x in g])
