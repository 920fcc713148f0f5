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
    return words(_DIGITS.sub("0", normalise(text, profile="retrieval")))


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
    """Binary document x shingle matrix; shingles are integer-coded word id tuples (no string vocabulary).

    Word ids are numbered by first occurrence over the whole corpus (``pandas.factorize``); every
    shingle of every document is coded at once with numpy, a document shorter than ``shingle``
    words being one code of all its words.
    """
    import pandas as pd
    from scipy import sparse

    n = len(toks)
    base = np.int64(1 << 20)  # 3 x 20 bits fit in int64
    lens = np.fromiter((len(ts) for ts in toks), dtype=np.int64, count=n)
    flat = [t for ts in toks for t in ts]
    ids = (
        (pd.factorize(np.array(flat, dtype=object), sort=False)[0].astype(np.int64) % base)
        if flat
        else np.zeros(0, np.int64)
    )
    doc = np.repeat(np.arange(n, dtype=np.int64), lens)
    ends = np.cumsum(lens)
    starts = ends - lens
    # full shingles: positions p with p + shingle <= end of p's document
    pos = np.arange(len(ids), dtype=np.int64)
    full = pos + shingle <= ends[doc] if len(ids) else np.zeros(0, bool)
    p = pos[full]
    code = np.zeros(len(p), dtype=np.int64)
    for k in range(shingle):
        code = code * base + ids[p + k]
    rows_parts, code_parts = [doc[p]], [code]
    # documents shorter than a shingle: one code of all their words (word k weighted base**k)
    short = np.flatnonzero((lens > 0) & (lens < shingle))
    if len(short):
        sc = np.zeros(len(short), dtype=np.int64)
        for k in range(shingle - 1):
            has = lens[short] > k
            sc[has] += ids[starts[short][has] + k] * base**k
        rows_parts.append(short)
        code_parts.append(sc)
    rows_a, cols_a = np.concatenate(rows_parts), np.concatenate(code_parts)
    col, uniq = pd.factorize(cols_a, sort=False)  # hash-based: column order does not matter to cosines
    X = sparse.csr_matrix((np.ones(len(col), dtype=np.float32), (rows_a, col)), shape=(n, len(uniq)))
    X.sum_duplicates()  # one entry per (document, shingle), set to 1 below
    X.data[:] = 1.0
    if n > max_df:  # shingles in more than max_df documents are set phrases
        df = np.bincount(X.indices, minlength=len(uniq))
        X.data *= (df <= max_df)[X.indices]
        X.eliminate_zeros()
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
        XT = X.T.tocsr()  # once, not per block
        for s in range(0, n, block):
            S = (X[s : s + block] @ XT).tocoo()
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
