"""Reference corpora for stance markers and formulae: one SANAD class, or all of SANAD.

An article's stance-marker densities and the typicality of its phrases are read
against news of its own kind: the SANAD class the topic model predicts for it
(``"Politics"``, ``"Sports"`` ...) or, when the article is flagged outside the
seven labels, all of SANAD (``"all"``).  The rhetoric package never imports the
topic model (they are siblings on the dependency line): the caller -- a notebook,
the dossier, :func:`arabic_news.analyse` -- passes the predicted label as
``reference``.

Per-class statistics are computed once over the whole corpus and cached on disk
(keyed on the code, the word lists and the data), so switching the reference
costs nothing:

* :func:`all_densities` -- the four marker densities of every SANAD article, with its
  class (``.cache/marker-densities-by-class``);
* :func:`ngram_counts` -- bigram/trigram counts per class of a seeded sample of SANAD
  (:class:`NgramCounts`, ``.cache/ngram-counts-by-class``), with exact per-class
  document counts of every listed formula.

>>> check_reference("all")
'all'
>>> check_reference("Sport")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown reference class 'Sport': expected one of Culture, Finance, Medical, Politics, Religion, Sports, Tech, or 'all'...
"""

from __future__ import annotations

import os
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "ALL",
    "reference_classes",
    "check_reference",
    "reference_name",
    "all_densities",
    "NgramCounts",
    "ngram_counts",
]

#: The reference value meaning "every SANAD class together".
ALL = "all"


def _root(root: str | os.PathLike | None) -> Path:
    from ..paths import data_path

    return Path(root) if root else data_path("corpora", "sanad_khaleej")


@cache
def _classes_in(root: str) -> tuple[str, ...]:
    p = Path(root)
    return tuple(sorted(d.name for d in p.iterdir() if d.is_dir() and not d.name.startswith(".")))


def reference_classes(root: str | os.PathLike | None = None) -> tuple[str, ...]:
    """The SANAD classes (folder names) available as references, sorted.

    >>> "Politics" in reference_classes()
    True
    """
    return _classes_in(str(_root(root)))


def check_reference(reference: object, root: str | os.PathLike | None = None) -> str:
    """Return ``reference`` if it names a SANAD class or ``"all"``; else a ``ValueError`` listing the choices.

    A ``TypeError`` when it is not a string.
    """
    if not isinstance(reference, str):
        raise TypeError(f"reference must be a SANAD class name or 'all', got {type(reference).__name__}")
    classes = reference_classes(root)
    if reference == ALL or reference in classes:
        return reference
    raise ValueError(
        f"unknown reference class {reference!r}: expected one of {', '.join(classes)}, or 'all' "
        "(pass the topic model's predicted label, or 'all' when the article is outside the labels)"
    )


def reference_name(reference: str) -> str:
    """How a reference is named in prose: ``SANAD Politics`` or ``all of SANAD``.

    >>> reference_name("Politics"), reference_name("all")
    ('SANAD Politics', 'all of SANAD')
    """
    return "all of SANAD" if reference == ALL else f"SANAD {reference}"


def _rhetoric_data_fingerprint(*names: str) -> str:
    """Hash of the rhetoric word lists (``names``: only those files; default: all of them)."""
    from importlib import resources

    from ..cache import fingerprint

    folder = resources.files("arabic_news").joinpath("data", "rhetoric")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)
    if names:
        files = [p for p in files if p.name[:-4] in names]
    return fingerprint(*[(p.name, p.read_text("utf-8")) for p in files])


#: Modules whose code decides the marker densities (the markers use the cue forms of attribution).
_DENSITY_CODE = (
    "arabic_news.rhetoric.reference",
    "arabic_news.rhetoric.markers",
    "arabic_news.rhetoric._lexicon",
    "arabic_news.rhetoric.attribution",
    "arabic_news.tokenise",
    "arabic_news.normalise",
)
#: Modules whose code decides the n-gram counts.
_NGRAM_CODE = (
    "arabic_news.rhetoric.reference",
    "arabic_news.rhetoric.formulae",
    "arabic_news.tokenise",
    "arabic_news.normalise",
)


def _sample(labels: list[str], per_class: int | None, seed: int) -> list[int]:
    """Indices of a seeded sample of at most ``per_class`` documents per class (all when None), sorted."""
    import numpy as np

    by: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        by.setdefault(lab, []).append(i)
    if per_class is None:
        return list(range(len(labels)))
    rng = np.random.default_rng(seed)
    out: list[int] = []
    for lab in sorted(by):
        v = by[lab]
        out.extend(int(i) for i in rng.choice(v, size=min(per_class, len(v)), replace=False))
    return sorted(out)


def all_densities(*, quick: bool = False, seed: int = 0, root: str | os.PathLike | None = None) -> dict[str, Any]:
    """Marker densities of every SANAD article (quick: 100 seeded articles per class), cached on disk.

    Returns
    -------
    dict
        ``kind -> numpy array`` (one density per article, per 100 words), ``"words"``
        and ``"label"`` (the article's class), aligned.
    """
    import numpy as np

    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint

    folder = _root(root)
    key = fingerprint(
        code_fingerprint(*_DENSITY_CODE),
        _rhetoric_data_fingerprint(),
        data_fingerprint(folder),
        quick=quick,
        seed=seed,
    )

    def build() -> dict[str, Any]:
        from ..corpus import load_sanad, progress
        from .markers import marker_densities

        corpus = load_sanad(folder, show_progress=False)
        labels = [d.label for d in corpus.documents]
        idx = _sample(labels, 100 if quick else None, seed)
        rows = [marker_densities(corpus.documents[i].text) for i in progress(idx, desc="marker densities")]
        out = {k: np.array([r[k] for r in rows], dtype=float) for k in rows[0]}
        out["label"] = np.array([labels[i] for i in idx])
        return out

    def save(obj: dict, path: Path) -> None:
        np.savez(path, **obj)

    def load(path: Path) -> dict:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}

    return cached("marker-densities-by-class", key, build, save=save, load=load, suffix=".npz")


class NgramCounts:
    """Bigram/trigram counts of a reference sample, per SANAD class (read-only).

    Attributes
    ----------
    labels : tuple of str
        The classes (columns).
    n_max : int
        Longest n-gram counted.
    n_docs : dict
        Articles per class in the sample.
    formula_docs : dict
        ``formula (as listed) -> {class: articles containing it}`` (exact, any length).
    """

    def __init__(
        self,
        grams: list[str],
        tokens: Any,
        docs: Any,
        totals: Any,
        labels: tuple[str, ...],
        n_docs: dict[str, int],
        formula_docs: dict[str, dict[str, int]] | None = None,
    ) -> None:
        import numpy as np

        self.labels = tuple(labels)
        self._index = {g: i for i, g in enumerate(grams)}
        self._tok = np.asarray(tokens, dtype=np.int64).reshape(len(grams), len(labels))
        self._docs = np.asarray(docs, dtype=np.int64).reshape(len(grams), len(labels))
        self._totals = np.asarray(totals, dtype=np.int64).reshape(len(labels), -1)
        self.n_max = int(self._totals.shape[1])
        self.n_docs = dict(n_docs)
        self.formula_docs = dict(formula_docs or {})

    def __repr__(self) -> str:
        return (
            f"NgramCounts({len(self._index)} n-grams, classes={list(self.labels)}, n_docs={sum(self.n_docs.values())})"
        )

    def _cols(self, reference: str) -> slice | list[int]:
        if reference == ALL:
            return slice(None)
        if reference not in self.labels:
            raise ValueError(
                f"unknown reference class {reference!r}: expected one of {', '.join(self.labels)}, or 'all'"
            )
        return [self.labels.index(reference)]

    def count(self, gram: str, reference: str = ALL) -> int:
        """Occurrences of ``gram`` in the reference (0 when unseen or pruned)."""
        i = self._index.get(gram)
        return 0 if i is None else int(self._tok[i, self._cols(reference)].sum())

    def docs(self, gram: str, reference: str = ALL) -> int:
        """Reference articles containing ``gram``."""
        i = self._index.get(gram)
        return 0 if i is None else int(self._docs[i, self._cols(reference)].sum())

    def total(self, n: int, reference: str = ALL) -> int:
        """All n-grams of order ``n`` in the reference."""
        return int(self._totals[self._cols(reference), n - 1].sum()) if 1 <= n <= self.n_max else 0

    def articles(self, reference: str = ALL) -> int:
        """Articles in the reference sample."""
        self._cols(reference)
        return sum(self.n_docs.values()) if reference == ALL else self.n_docs[reference]

    def formula_articles(self, formula: str, reference: str = ALL) -> int:
        """Reference articles containing a listed formula (0 if it is not listed)."""
        row = self.formula_docs.get(formula, {})
        self._cols(reference)
        return sum(row.values()) if reference == ALL else row.get(reference, 0)

    @classmethod
    def from_legacy(cls, counts: dict) -> NgramCounts:
        """Wrap the old ``{"all", "politics", "totals_all", "totals_politics"}`` dict (Politics vs the rest)."""
        c_all, c_pol = counts["all"], counts.get("politics", {})
        grams = sorted(set(c_all) | set(c_pol))
        tok = [[c_pol.get(g, 0), max(c_all.get(g, 0) - c_pol.get(g, 0), 0)] for g in grams]
        t_pol = list(counts.get("totals_politics", [0] * len(counts["totals_all"])))
        t_rest = [a - p for a, p in zip(counts["totals_all"], t_pol)]
        return cls(
            grams, tok, [[0, 0] for _ in grams], [t_pol, t_rest], ("Politics", "other"), {"Politics": 0, "other": 0}
        )


def ngram_counts(
    *,
    quick: bool = False,
    seed: int = 0,
    per_class: int | None = None,
    n_max: int = 3,
    min_count: int = 3,
    root: str | os.PathLike | None = None,
) -> NgramCounts:
    """Bigram and trigram counts per SANAD class over a seeded, balanced sample (cached on disk).

    Parameters
    ----------
    quick : bool
        40 articles per class instead of ``per_class`` (tests, quick notebooks).
    seed : int
        Seed of the sample.
    per_class : int, optional
        Articles per class (default 600: 4,200 articles, about two minutes on one core).
    n_max : int
        Longest n-gram.
    min_count : int
        N-grams seen fewer times in the whole sample are dropped (their count is then 0,
        which only makes an article's rare phrases look *more* key).
    """
    import numpy as np

    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint

    folder = _root(root)
    size = 40 if quick else (600 if per_class is None else int(per_class))
    key = fingerprint(
        code_fingerprint(*_NGRAM_CODE),
        _rhetoric_data_fingerprint("formulae"),
        data_fingerprint(folder),
        size=size,
        seed=seed,
        n_max=n_max,
        min_count=min_count,
    )

    def build() -> dict[str, Any]:
        from ..corpus import load_sanad, progress
        from .formulae import _stretch_keys, count_ngrams, formulae_in_keys

        corpus = load_sanad(folder, show_progress=False)
        labels = sorted({d.label for d in corpus.documents})
        col = {lab: j for j, lab in enumerate(labels)}
        idx = _sample([d.label for d in corpus.documents], size, seed)
        # per class: n-gram -> occurrences, n-gram -> documents (plain dict updates in the hot loop)
        tok: list[dict[str, int]] = [{} for _ in labels]
        dcount: list[Counter] = [Counter() for _ in labels]
        totals = [[0] * n_max for _ in labels]
        n_docs = dict.fromkeys(labels, 0)
        fdocs: dict[str, list[int]] = {}
        for i in progress(idx, desc="n-gram counts by class"):
            d = corpus.documents[i]
            j = col[d.label]
            n_docs[d.label] += 1
            c, t = count_ngrams([d.text], n_max=n_max, n_min=2)
            totals[j] = [x + y for x, y in zip(totals[j], t)]
            tj, get = tok[j], tok[j].get
            for g, v in c.items():
                tj[g] = get(g, 0) + v
            dcount[j].update(c.keys())
            for f in formulae_in_keys(_stretch_keys(d.text)):
                fdocs.setdefault(f, [0] * len(labels))[j] += 1
        total: Counter = Counter()
        for tj in tok:
            total.update(tj)
        grams = sorted(g for g, v in total.items() if v >= min_count)
        return {
            "grams": "\n".join(grams),
            "tokens": np.array([[tj.get(g, 0) for tj in tok] for g in grams], dtype=np.int32).reshape(
                len(grams), len(labels)
            ),
            "docs": np.array([[dj[g] for dj in dcount] for g in grams], dtype=np.int32).reshape(
                len(grams), len(labels)
            ),
            "totals": np.array(totals, dtype=np.int64),
            "labels": "\n".join(labels),
            "n_docs": np.array([n_docs[lab] for lab in labels], dtype=np.int64),
            "formulae": "\n".join(fdocs),
            "formula_docs": np.array(list(fdocs.values()), dtype=np.int64).reshape(len(fdocs), len(labels)),
        }

    def save(obj: dict, path: Path) -> None:
        np.savez_compressed(path, **{k: (np.array(v) if isinstance(v, str) else v) for k, v in obj.items()})

    def load(path: Path) -> dict:
        with np.load(path, allow_pickle=False) as z:
            return {k: (str(z[k]) if z[k].dtype.kind == "U" else z[k]) for k in z.files}

    raw = cached("ngram-counts-by-class", key, build, save=save, load=load, suffix=".npz")
    labels = tuple(str(raw["labels"]).split("\n"))
    grams = str(raw["grams"]).split("\n") if str(raw["grams"]) else []
    forms = str(raw["formulae"]).split("\n") if str(raw["formulae"]) else []
    fd = {f: {lab: int(v) for lab, v in zip(labels, row)} for f, row in zip(forms, raw["formula_docs"])}
    n_docs = {lab: int(v) for lab, v in zip(labels, raw["n_docs"])}
    return NgramCounts(grams, raw["tokens"], raw["docs"], raw["totals"], labels, n_docs, fd)


def attestation(texts: list[str]) -> Counter:
    """Number of texts in which each listed formula occurs (after ``matching`` normalisation).

    Used by the slow test that grounds ``data/rhetoric/formulae.txt`` in SANAD.
    """
    from .formulae import _stretch_keys, formulae_in_keys

    c: Counter = Counter()
    for t in texts:
        c.update(formulae_in_keys(_stretch_keys(t)))
    return c
