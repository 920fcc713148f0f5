"""Corpus statistics of news genre: officialese, the generic-term yardstick, finite-verb cues.

All three come from one pass over SANAD Politics and SaudiNewsNet, cached
(``arabic_news.cache``; about a minute on two cores, once):

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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["GenreStats", "genre_stats", "genre_for", "half_of", "is_finite_verb_form"]

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


def _doc_pass(texts):
    """Per text: the set of content keys, and counts of bare / definite matching forms."""
    from ..tokenise import _WORD_RE
    from .candidates import CONTENT, _classify

    keys_per_doc = []
    bare: Counter = Counter()
    definite: Counter = Counter()
    for t in texts:
        ks = set()
        for m in _WORD_RE.finditer(t):
            kind, norm, key = _classify(m.group())
            if kind == CONTENT:
                ks.add(key)
                if norm.startswith("ال") and len(norm) > 3:
                    definite[norm[2:]] += 1
                else:
                    bare[norm] += 1
        keys_per_doc.append(ks)
    return keys_per_doc, bare, definite


def _worker(args):
    texts, ids, is_snn = args
    keys, bare, definite = _doc_pass(texts)
    pol: Counter = Counter()
    snn: Counter = Counter()
    halves = (Counter(), Counter())
    for ks, i in zip(keys, ids):
        if is_snn:
            snn.update(ks)
            halves[half_of(i)].update(ks)
        else:
            pol.update(ks)
    return pol, snn, halves, bare, definite


def _build(processes: int = 2) -> GenreStats:
    from ..corpus import load_sanad, load_saudinewsnet

    pol_docs = [d for d in load_sanad(show_progress=False).documents if d.label == "Politics"]
    snn_docs = load_saudinewsnet(show_progress=False).documents
    jobs = []
    for docs, is_snn in ((pol_docs, False), (snn_docs, True)):
        for k in range(16):
            part = docs[k::16]
            jobs.append(([d.text for d in part], [d.id for d in part], is_snn))
    pol: Counter = Counter()
    snn: Counter = Counter()
    halves = (Counter(), Counter())
    bare: Counter = Counter()
    definite: Counter = Counter()
    from ..parallel import map_parts

    for p, s, h, b, d in map_parts(_worker, jobs, processes=max(1, processes), desc="genre statistics"):
        pol.update(p)
        snn.update(s)
        halves[0].update(h[0])
        halves[1].update(h[1])
        bare.update(b)
        definite.update(d)
    n_pol, n_snn = max(len(pol_docs), 1), max(len(snn_docs), 1)
    gen = {k: round(min(pol[k] / n_pol, snn[k] / n_snn), 5) for k in pol if pol[k] >= _MIN_DF and snn[k] >= _MIN_DF}
    hv = tuple({k: v for k, v in h.items() if v >= _MIN_DF} for h in halves)
    forms = {f for f, c in bare.items() if c >= _MIN_DF}
    return GenreStats(gen, (hv[0], hv[1]), {f: bare[f] for f in forms}, {f: definite[f] for f in forms if definite[f]})


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
    lists = ("boilerplate", "content_words", "dates_core", "dates_aux", "name_links", "web_residue", "latin_stopwords")
    key = fingerprint(
        # the word classes of candidates._classify: its word lists, stemmer, normaliser, stopwords
        code_fingerprint(
            "arabic_news.keywords.genre", "arabic_news.stem", "arabic_news.normalise", "arabic_news.lexicon"
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
