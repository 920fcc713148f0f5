"""Corpus statistics of news genre: officialese, the generic-term yardstick, finite-verb cues.

All three come from one pass over SANAD Politics and SaudiNewsNet, cached
(``arabic_news.cache``; once).  When the keyword background is cold too, its own
pass over the same corpora counts them (:class:`GenreCounts`), so the words are
read and classified once for both; otherwise :func:`genre_stats` makes a pass of
its own (about 25 CPU-s).

* **Officialese** (generic news vocabulary): a word's *genericness* is
  ``min(df_politics, df_saudinewsnet)`` -- its document frequency (share of
  documents) in SANAD Politics and in SaudiNewsNet.  Words frequent in *all*
  political news whatever the story (``تعزيز``, ``أهمية``, ``إطار``) score
  high in both; a story's topical word is frequent in at most one.
* **Generic-term yardstick** (evaluation): the 200 most document-frequent
  content words of each half of SaudiNewsNet (halves by a hash of the
  document id), so that a rate measured on articles of one half uses the list
  of the other.
* **Finite-verb cue** (no tagger needed): a word form that carries verbal
  inflection (imperfect prefix ``ي ت ن أ``, or a short perfect) and is almost
  never seen with the article ``ال`` in the corpora is a finite verb
  (``يؤكد``, ``بحث``); nouns take ``ال`` (``التعاون``).

Keys are the light-stem keys of :mod:`arabic_news.keywords.candidates`.

>>> g = GenreStats({"تعزيز": 0.3, "عراق": 0.02}, ({}, {}), {}, {})
>>> g.generic("تعزيز") > g.generic("عراق"), g.generic("مجهول")
(True, 0.0)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "GenreStats",
    "GenreCounts",
    "genre_stats",
    "genre_for",
    "genre_docs",
    "genre_flags",
    "half_of",
    "is_finite_verb_form",
    "is_future_verb_form",
    "is_finite_verb",
]

_MEMO: dict[str, GenreStats] = {}
_MIN_DF = 5  # documents: rarer words are not stored


def half_of(doc_id: str) -> int:
    """Which half (0 or 1) of SaudiNewsNet a document id falls in (stable hash).

    >>> half_of("saudinewsnet/2015-07-21/17") in (0, 1)
    True
    """
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=1).digest()[0] & 1


@dataclass(frozen=True)
class GenreStats:
    """Corpus statistics of the genre (see the module docstring)."""

    genericness: dict[str, float]  # stem key -> min share of documents (Politics, SaudiNewsNet)
    halves: tuple[dict[str, int], dict[str, int]]  # stem key -> df in each SaudiNewsNet half
    bare: dict[str, int]  # matching form (no ال) -> occurrences
    definite: dict[str, int]  # matching form -> occurrences of ال + form

    @classmethod
    def empty(cls) -> GenreStats:
        """No statistics: nothing is officialese, no form is a known verb."""
        return cls({}, ({}, {}), {}, {})

    def generic(self, key: str) -> float:
        """Genericness of a stem key (0 when rare or unseen)."""
        return self.genericness.get(key, 0.0)

    def top200(self, half: int, n: int = 200) -> frozenset[str]:
        """The ``n`` most document-frequent content keys of SaudiNewsNet half ``half``."""
        return _top(self, half, n)

    def definite_ratio(self, form: str) -> float | None:
        """Share of a form's occurrences that carry ``ال`` (None when too rare to tell)."""
        b, d = self.bare.get(form, 0), self.definite.get(form, 0)
        return d / (b + d) if b + d >= 5 else None

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {"g": self.genericness, "h": list(self.halves), "b": self.bare, "d": self.definite},
                ensure_ascii=False,
            ),
            "utf-8",
        )

    @classmethod
    def load(cls, path: Path) -> GenreStats:
        z = json.loads(path.read_text("utf-8"))
        return cls(z["g"], (z["h"][0], z["h"][1]), z["b"], z["d"])


@lru_cache(maxsize=8)
def _top_cached(ident: int, half: int, n: int, items: tuple) -> frozenset[str]:
    return frozenset(k for k, _ in sorted(items, key=lambda kv: (-kv[1], kv[0]))[:n])


def _top(g: GenreStats, half: int, n: int) -> frozenset[str]:
    return _top_cached(id(g), half, n, tuple(g.halves[half].items()))


_PREFIXES = ("ي", "ت", "ن", "أ", "ا")


@lru_cache(maxsize=200_000)
def is_finite_verb_form(form: str, ratio: float | None) -> bool:
    """A verb-shaped form (matching-normalised, no ``ال``) that the corpus never makes definite.

    >>> is_finite_verb_form("يؤكد", 0.0), is_finite_verb_form("تعاون", 0.4), is_finite_verb_form("بحث", 0.001)
    (True, False, True)
    """
    if ratio is None or ratio > 0.01 or form.startswith("ال") or len(form) < 3:
        return False
    f = form[1:] if len(form) > 3 and form[0] in "وف" else form
    return f.startswith(_PREFIXES) or len(f) == 3 or f.endswith(("وا", "ت", "تم", "نا"))


def is_finite_verb(form: str, genre: GenreStats) -> bool:
    """:func:`is_finite_verb_form` of a form, or -- when the corpus has it too rarely to tell -- of the same
    form without a written-on conjunction (فيتحملون -> يتحملون) or a glued لا (لاتستغرب -> تستغرب).

    >>> g = GenreStats({}, ({}, {}), {"يتحملون": 19, "تستغرب": 16, "مسرعين": 2}, {})
    >>> [is_finite_verb(f, g) for f in ("فيتحملون", "لاتستغرب", "يتحملون", "مسرعين")]
    [True, True, True, False]
    """
    candidates = [form]
    if len(form) > 4 and form[0] in "وف":
        candidates.append(form[1:])
    if len(form) > 5 and form.startswith("لا") and form[2] in "يتنأ":
        candidates.append(form[2:])
    for f in candidates:
        ratio = genre.definite_ratio(f)
        if ratio is not None:
            return is_finite_verb_form(f, ratio)
    return False


def is_future_verb_form(form: str, bare: Mapping[str, int], definite: Mapping[str, int]) -> bool:
    """A future imperfect (ستخفف "will ease", سيكون "will be"): ``س`` and an imperfect prefix before a
    form that the corpus knows without the ``س`` (at least 5 times, with ``ال`` at most 1 in 20, or
    as a function word it does not count), and the whole form never definite.  Names that look alike
    (سيدني، سيناء، ستالين) fail: their ``س``-less rest (يدني، يناء، تالين) is no word of the corpus.

    >>> bare = {"تخفف": 29, "تقام": 478, "سيدني": 79, "ستار": 40, "تار": 9}
    >>> definite = {"تخفف": 1, "ستار": 12, "تار": 5}
    >>> [is_future_verb_form(w, bare, definite) for w in ("ستخفف", "وستقام", "سيدني", "ستار")]
    [True, True, False, False]
    """
    from ..lexicon import stopwords

    f = form[1:] if len(form) > 4 and form[0] in "وف" else form
    if len(f) < 4 or f[0] != "س" or f[1] not in "يتنأا":
        return False
    rest = f[1:]
    b, d = bare.get(rest, 0), definite.get(rest, 0)
    known = (b + d >= 5 and d <= 0.05 * (b + d)) or rest in stopwords()  # matching-normalised forms
    return known and definite.get(form, 0) <= 0.01 * (bare.get(form, 0) + definite.get(form, 0))


class GenreCounts:
    """Counts of one part of the genre corpora, to be merged (:meth:`add`) and turned into :class:`GenreStats`.

    Filled one document at a time from the word kinds, stem keys and matching forms of
    :func:`arabic_news.keywords.candidates.doc_tokens` -- by the genre pass of its own
    (:func:`genre_stats` when the keyword background is cached) or inside the keyword
    background's pass over the same corpora (:func:`arabic_news.keywords.background.default_background`).
    """

    def __init__(self) -> None:
        self.pol: Counter = Counter()  # stem key -> SANAD Politics documents
        self.snn: Counter = Counter()  # stem key -> SaudiNewsNet documents
        self.halves: tuple[Counter, Counter] = (Counter(), Counter())
        self.bare: Counter = Counter()  # matching form -> occurrences without ال
        self.definite: Counter = Counter()  # matching form -> occurrences of ال + form
        self.n_pol = 0
        self.n_snn = 0

    def add_doc(self, kinds: list[str], keys: list[str], norms: list[str], doc_id: str, is_snn: bool) -> None:
        """Count one document of SaudiNewsNet (``is_snn``) or of SANAD Politics."""
        from .candidates import CONTENT

        ks = set()
        for kind, key, norm in zip(kinds, keys, norms):
            if kind == CONTENT:
                ks.add(key)
                if norm.startswith("ال") and len(norm) > 3:
                    self.definite[norm[2:]] += 1
                else:
                    self.bare[norm] += 1
        if is_snn:
            self.snn.update(ks)
            self.halves[half_of(doc_id)].update(ks)
            self.n_snn += 1
        else:
            self.pol.update(ks)
            self.n_pol += 1

    def add(self, other: GenreCounts) -> GenreCounts:
        """Merge another part's counts into these; returns self."""
        self.pol.update(other.pol)
        self.snn.update(other.snn)
        self.halves[0].update(other.halves[0])
        self.halves[1].update(other.halves[1])
        self.bare.update(other.bare)
        self.definite.update(other.definite)
        self.n_pol += other.n_pol
        self.n_snn += other.n_snn
        return self

    def stats(self) -> GenreStats:
        """The statistics (words and forms seen in fewer than :data:`_MIN_DF` documents dropped)."""
        pol, snn, bare, definite = self.pol, self.snn, self.bare, self.definite
        n_pol, n_snn = max(self.n_pol, 1), max(self.n_snn, 1)
        gen = {k: round(min(pol[k] / n_pol, snn[k] / n_snn), 5) for k in pol if pol[k] >= _MIN_DF and snn[k] >= _MIN_DF}
        hv = tuple({k: v for k, v in h.items() if v >= _MIN_DF} for h in self.halves)
        forms = {f for f, c in bare.items() if c >= _MIN_DF}
        return GenreStats(
            gen, (hv[0], hv[1]), {f: bare[f] for f in forms}, {f: definite[f] for f in forms if definite[f]}
        )


def genre_flags(sanad_docs, snn_docs) -> list[tuple[str, bool] | None]:
    """Per document of ``sanad_docs + snn_docs``: ``(id, is_snn)`` if it belongs to the genre corpora
    (SANAD's Politics class, all of SaudiNewsNet), else ``None``."""
    return [(d.id, False) if d.label == "Politics" else None for d in sanad_docs] + [(d.id, True) for d in snn_docs]


def genre_docs(sanad_docs, snn_docs) -> list[tuple[str, str, bool]]:
    """``(text, id, is_snn)`` of the genre corpora (:func:`genre_flags`)."""
    docs = list(sanad_docs) + list(snn_docs)
    return [(d.text, *f) for d, f in zip(docs, genre_flags(sanad_docs, snn_docs)) if f is not None]


def _worker(part: list[tuple[str, str, bool]]) -> GenreCounts:
    from .candidates import doc_tokens

    g = GenreCounts()
    for text, doc_id, is_snn in part:
        kinds, keys, _, norms = doc_tokens(text)
        g.add_doc(kinds, keys, norms, doc_id, is_snn)
    return g


def _build(processes: int = 2, docs: list[tuple[str, str, bool]] | None = None) -> GenreStats:
    """The genre pass of its own over ``docs`` (default: :func:`genre_docs` of the lab's corpora)."""
    from ..parallel import map_parts

    if docs is None:
        from ..corpus import load_sanad, load_saudinewsnet

        docs = genre_docs(load_sanad(show_progress=False).documents, load_saudinewsnet(show_progress=False).documents)
    parts = [docs[k::32] for k in range(32)]
    total = GenreCounts()
    for g in map_parts(_worker, parts, processes=max(1, processes), desc="genre statistics"):
        total.add(g)
    return total.stats()


def store_genre_stats(g: GenreStats) -> GenreStats:
    """Cache statistics computed elsewhere (the keyword background's pass) as :func:`genre_stats`' entry."""
    from ..cache import cached

    key = _genre_key()
    _MEMO[key] = cached("keyword-genre", key, lambda: g, save=lambda x, p: x.save(p), load=GenreStats.load)
    return _MEMO[key]


def genre_stats_cached() -> bool:
    """Whether :func:`genre_stats` would load instead of build."""
    from ..cache import entry_path

    key = _genre_key()
    return key in _MEMO or entry_path("keyword-genre", key).exists()


def genre_stats() -> GenreStats:
    """The cached genre statistics of SANAD Politics + SaudiNewsNet (built on first use)."""
    key = _genre_key()
    if key not in _MEMO:
        from ..cache import cached

        _MEMO[key] = cached("keyword-genre", key, _build, save=lambda g, p: g.save(p), load=GenreStats.load)
    return _MEMO[key]


@lru_cache(maxsize=1)
def _genre_key() -> str:
    """Cache key: code and word lists that define the statistics, and the corpora (computed once per process)."""
    from importlib import resources

    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path

    pkg = resources.files("arabic_news")
    lists = (
        "boilerplate",
        "content_words",
        "dates_core",
        "dates_aux",
        "name_links",
        "number_words",
        "web_residue",
        "latin_stopwords",
    )
    key = fingerprint(
        # the word classes of candidates._classify: its word lists, stemmer, normaliser, stopwords
        code_fingerprint(
            "arabic_news.keywords.genre",
            "arabic_news.keywords.candidates",
            "arabic_news.tokenise",
            "arabic_news.stem",
            "arabic_news.normalise",
            "arabic_news.lexicon",
        ),
        [data_fingerprint(Path(str(pkg.joinpath("data", "keywords", f"{n}.txt")))) for n in lists],
        data_fingerprint(data_path("corpora", "sanad_khaleej")),
        data_fingerprint(data_path("corpora", "saudinewsnet", "dataset")),
        min_df=_MIN_DF,
    )
    return key


def genre_for(background) -> GenreStats:
    """The genre statistics that go with a keyword background.

    The lab's full background gets :func:`genre_stats`; a quick or a custom
    background (tests, small corpora) gets :meth:`GenreStats.empty`, so that
    nothing is built behind a quick run's back.
    """
    name = getattr(background, "name", "")
    if name.startswith("SANAD+SaudiNewsNet") and "quick" not in name:
        return genre_stats()
    return GenreStats.empty()
