"""The attribution cue lexicon: reporting verbs and their inflected forms, participles,
prepositional sources, relays, and the word classes the speaker-phrase rules test.

Everything is read from ``arabic_news/data/rhetoric/`` (each file cites its source):
``cue_verbs``, ``relay_verbs``, ``cue_participles``, ``cue_prepositions``, ``titles``,
``source_nouns``, ``given_names``, ``np_stops``, ``action_verbs``, ``document_nouns`` and
``function_words`` (name builders, relatives, demonstratives, particles ...).

Forms are matched on retrieval keys (:func:`~arabic_news.rhetoric._lexicon.rkey`).

>>> f = cue_forms()
>>> f["اكدا"].person, f["يوكدون"].person, f["مشيرا"].kind
('du', 'pl', 'participle')
>>> "عبد" in function_words("name_builder")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ._lexicon import load_table, mkey, rkey

__all__ = [
    "Cue",
    "cue_forms",
    "cue_table",
    "perfect_forms",
    "imperfect_forms",
    "prep_cues",
    "np_lexicon",
    "function_words",
    "ambiguous_cues",
    "cue_conditions",
    "strip_conjunction",
    "strip_article",
    "COMPLEMENTISERS",
    "quote_spans",
]

#: أن/إن with a و/ف and ب/ل prefix and an object pronoun (بأن، وإنه، لأنها)
COMPLEMENTISERS = re.compile(r"^(?:[وف])?(?:ب|ل)?(?:أن|إن|ان)(?:ه|ها|هم|هما|نا|ني|ي)?$")
#: a quotation in «», “” or „“ (straight "" are paired by :func:`quote_spans`)
_PAIRED_RE = re.compile(r"«[^»]*»|“[^”\n]*”|„[^“”\n]*[“”]")
_STRAIGHT_RE = re.compile('"')


def _straight_kind(text: str, k: int) -> str:
    """A straight quote at k: ``close`` before a space, punctuation or the end, ``open`` after a space,
    the start or an opening bracket, else ``either`` (between two letters: لـ"الوئام")."""
    nxt = text[k + 1] if k + 1 < len(text) else " "
    if nxt.isspace() or nxt in ".,،؛;:!?؟)]}»”-":
        return "close"
    prev = text[k - 1] if k > 0 else " "
    return "open" if prev.isspace() or prev in "([{«“:-" else "either"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation (marks included), in text order: «», “”, „“ as written, and
    straight quotes paired by their side -- a quote that opens while another is still open leaves
    the first one unclosed (dropped), so one stray mark does not swallow the text up to the next
    quotation (round 8: ``موضحا "أن … الجمعية. وأضاف … معرض "روح القيادة"``).

    >>> t = 'قال "نعم" ثم ذكر "أن الميزانية لا تكفي. وأضاف أن معرض "روح القيادة" ناجح.'
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['"نعم"', '"روح القيادة"']
    """
    spans = [(m.start(), m.end()) for m in _PAIRED_RE.finditer(text)]
    paired = tuple(spans)
    opened = None
    for m in _STRAIGHT_RE.finditer(text):
        k = m.start()
        if any(a < k < b for a, b in paired):
            continue  # a straight quote inside «» or “” is part of that quotation
        if opened is not None and "\n" in text[opened:k]:
            opened = None  # a quotation never runs over a line break
        kind = _straight_kind(text, k)
        if opened is None:
            opened = k if kind != "close" else None
        elif kind == "open":
            opened = k  # the earlier one never closed
        else:
            spans.append((opened, k + 1))
            opened = None
    return sorted(spans)


@dataclass(frozen=True)
class Cue:
    """One inflected cue form: its lemma, strength class and grammar."""

    lemma: str
    strength: str
    kind: str  # verb | participle | relay
    person: str  # m | f | du | pl
    tense: str  # perf | impf | part
    complements: tuple[str, ...] = ()
    takes_object: bool = False
    enclitic: bool = False


def perfect_forms(p: str) -> list[tuple[str, str]]:
    """Perfect forms (3rd person m, f, dual, plural) of a perfect stem, with their person.

    >>> [f for f, _ in perfect_forms("أكد")]
    ['أكد', 'أكدت', 'أكدا', 'أكدتا', 'أكدوا']
    """
    if p.endswith("ى"):
        b = p[:-1]
        return [(p, "m"), (b + "ت", "f"), (b + "يا", "du"), (b + "تا", "du"), (b + "وا", "pl")]
    if p.endswith("ا"):
        b = p[:-1]
        return [(p, "m"), (b + "ت", "f"), (b + "وا", "du"), (b + "تا", "du"), (b + "وا", "pl")]
    return [(p, "m"), (p + "ت", "f"), (p + "ا", "du"), (p + "تا", "du"), (p + "وا", "pl")]


def imperfect_forms(i: str) -> list[tuple[str, str]]:
    """Imperfect forms (3rd person) of an imperfect (``-`` or empty: none).

    >>> [f for f, _ in imperfect_forms("يؤكد")]
    ['يؤكد', 'تؤكد', 'يؤكدان', 'تؤكدان', 'يؤكدون']
    """
    if not i or i == "-":
        return []
    s = i[1:]
    out = [("ي" + s, "m"), ("ت" + s, "f"), ("ي" + s + "ان", "du"), ("ت" + s + "ان", "du")]
    pl = s[:-1] + "ون" if s[-1] in "يىو" else s + "ون"
    out.append(("ي" + pl, "pl"))
    return out


def cue_forms() -> dict[str, Cue]:
    """A copy of the map of retrieval keys of every cue form (without و/ف) to its description.

    >>> "تاكيد" in cue_forms()  # a verbal noun is not a cue
    False
    """
    return dict(cue_table())


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Cue]:
    """The cached cue map (do not modify; :func:`cue_forms` returns a copy)."""
    out: dict[str, Cue] = {}
    for row in load_table("cue_verbs"):
        perf, impf, strength = row[0], row[1], row[2]
        comps = tuple(rkey(c) for c in row[3].split(",")) if len(row) > 3 and row[3] != "-" else ()
        obj = len(row) > 4 and row[4] == "y"
        perfs, impfs = perfect_forms(perf), imperfect_forms(impf)
        for form, person in perfs:
            out.setdefault(rkey(form), Cue(perf, strength, "verb", person, "perf", comps, obj))
        for form, person in impfs:
            out.setdefault(rkey(form), Cue(perf, strength, "verb", person, "impf", comps, obj))
        after_source = not obj and perf in function_words("enclitic_after_source_lemma")  # بحسب ما قاله: perfect only
        if obj or after_source:  # an object pronoun on a verb that takes an object: ووصفتها، أكده
            for form, person in perfs + ([] if after_source else impfs):
                base = form[:-1] + "و" if form.endswith("وا") else form
                if base.endswith("ى"):
                    base = base[:-1] + "ا"
                tense = "perf" if (form, person) in perfs else "impf"
                for enc in ("ه", "ها", "هم"):
                    cue = Cue(perf, strength, "verb", person, tense, comps, obj, enclitic=True)
                    out.setdefault(rkey(base + enc), cue)
    for row in load_table("relay_verbs"):
        perf, impf, strength = row[0], row[1], row[2]
        for form, person in perfect_forms(perf) + imperfect_forms(impf):
            for enc in ("", "ه", "ها"):  # نقلته: an object pronoun, like أكده (round 5)
                out.setdefault(
                    rkey(form + enc), Cue(perf, strength, "relay", person, "perf", (), True, enclitic=bool(enc))
                )
    for row in load_table("cue_participles"):
        base, strength = row[0], row[1]
        for suf, person in (("ا", "m"), ("يا", "m"), ("ة", "f"), ("ين", "pl")):
            out.setdefault(rkey(base + suf), Cue(base, strength, "participle", person, "part"))
    return out


@lru_cache(maxsize=1)
def prep_cues() -> list[tuple[tuple[str, ...], str, str]]:
    """``(keys, strength, lemma)`` of the prepositional sources (بحسب، وفقًا لـ ...), longest first."""
    out = []
    for row in load_table("cue_prepositions"):
        ks = tuple(rkey(w) for w in row[0].split())
        out.append((ks, row[1], row[0]))
    out.sort(key=lambda x: -len(x[0]))
    return out


@cache
def function_words(cls: str) -> frozenset[str]:
    """Retrieval keys of the ``function_words`` entries of one class (``*_lemma`` and ``*_spelling`` classes
    kept as written).

    >>> sorted(function_words("qad"))
    ['فقد', 'قد', 'لقد', 'وقد']
    """
    rows = [r for r in load_table("function_words") if r[1] == cls]
    if not rows:
        raise ValueError(f"unknown function-word class {cls!r} in data/rhetoric/function_words.txt")
    if cls.endswith(("_lemma", "_spelling")):
        return frozenset(r[0] for r in rows)
    return frozenset(rkey(r[0]) for r in rows)


@lru_cache(maxsize=1)
def cue_conditions() -> dict[str, tuple[str, ...]]:
    """Cue lemmas that are also common words -> the following words one of which they need (بين -> أن, :)."""
    return {
        r[0]: tuple(w.strip() for w in r[2].split(",")) for r in load_table("function_words") if r[1] == "cue_condition"
    }


@lru_cache(maxsize=1)
def ambiguous_cues() -> dict[str, str]:
    """Cue keys that are also common nouns -> the matching key a cue needs (راي -> رأى)."""
    return {rkey(r[0]): mkey(r[2]) for r in load_table("function_words") if r[1] == "ambiguous"}


@lru_cache(maxsize=1)
def np_lexicon() -> dict:
    """Word sets the noun-phrase chunker tests: titles, source nouns, given names, stops, action verbs."""
    titles, generic, honor = set(), set(), set()
    for row in load_table("titles"):
        k = rkey(row[0])
        titles.add(k)
        titles.add(k[2:] if k.startswith("ال") else k)
        if len(row) > 1 and row[1] == "generic":
            generic.add(k if k.startswith("ال") else "ال" + k)
        if len(row) > 1 and row[1] == "honorific":
            honor.add(k)
    src: dict[str, str] = {}
    for row in load_table("source_nouns"):
        k = rkey(row[0])
        src.setdefault(k, row[1])
        if k.startswith("ال"):
            src.setdefault(k[2:], row[1])
    given = [r[0] for r in load_table("given_names")]
    actions = set()
    for row in load_table("action_verbs"):
        for form, _ in perfect_forms(row[0]) + imperfect_forms(row[1]):
            actions.add(rkey(form))
    return {
        "titles": titles,
        "generic": generic,
        "honor": honor,
        "src": src,
        "names": {rkey(w) for w in given},
        "mnames": {mkey(w) for w in given},
        "stops": {rkey(r[0]) for r in load_table("np_stops")},
        "actions": actions,
        "docs": {rkey(r[0]) for r in load_table("document_nouns")},
    }


def strip_conjunction(key: str) -> str:
    """Key without a و/ف conjunction prefix.

    >>> strip_conjunction("واكد"), strip_conjunction("وزير")
    ('اكد', 'زير')
    """
    if len(key) > 3 and key[0] in "وف":
        return key[1:]
    return key


def strip_article(key: str) -> str:
    """Key without a (conjunction/preposition +) definite article.

    >>> strip_article("والوزير"), strip_article("للامن")
    ('وزير', 'امن')
    """
    for p in ("وال", "فال", "بال", "لل", "ال"):
        if key.startswith(p) and len(key) - len(p) >= 2:
            return key[len(p) :]
    return key
