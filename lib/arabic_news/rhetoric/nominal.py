"""Nominal cues: a verbal noun that reports with a content of its own (step 1 and 3 of attribution).

``تصريح الوزير بقرب الاتفاق``, ``تعليمات واضحة من الوزارة بإغلاق المكاتب``, ``وجهت النيابة اتهامات
بالفساد``: the noun (``function_words`` class ``nominal_cue``) is a statement only when a content
marker follows in its clause -- a ب-complement (بقرب، بإغلاق) or إن/أن, and عن for إعلان.  The
speaker is the genitive after the noun (for تصريح، إعلان، توجيهات, not for اتهام whose genitive is
the accused), a phrase after ``من`` (تعليمات من الوزارة), or the subject of a light verb before the
noun (وجهت النيابة اتهامات، الوزير قدم توجيهات).  Without a speaker there is no record.

>>> from arabic_news import Article
>>> from .chunker import Doc
>>> d = Doc(Article.from_text("تراجعت الأسهم بعد تصريح البنك المركزي بقرب رفع الفائدة."))
>>> [(d.toks[i].text, [d.toks[k].text for k in range(*nominal_speaker(d, i, m))]) for i, m, _ in nominal_cues(d)]
[('تصريح', ['البنك', 'المركزي'])]
"""

from __future__ import annotations

from functools import cache

from .chunker import Doc
from .clauses import subject_before
from .cues import COMPLEMENTISERS, function_words, strip_article, strip_conjunction

__all__ = ["nominal_cues", "nominal_speaker"]

_WINDOW = 16  # words between the noun and its content marker at most
_CLAUSE_END = "،,.;؛:!?؟()"


@cache
def _nouns() -> dict[str, tuple[str, bool]]:
    """Retrieval key of a nominal cue -> (strength, is the genitive after it the speaker)."""
    from ._lexicon import load_table, rkey

    out = {}
    for row in load_table("function_words"):
        if row[1] == "nominal_cue":
            strength, gen = (row[2].split(",") + ["y"])[:2] if len(row) > 2 else ("neutral", "y")
            out[rkey(row[0])] = (strength, gen == "y")
    return out


def _noun_key(key: str) -> str:
    k = strip_conjunction(key)
    if k[:1] in ("ل", "ب") and not k.startswith(("لل", "بال")) and strip_article(k[1:]) in _nouns():
        k = k[1:]
    return strip_article(k) if strip_article(k) in _nouns() else k


def _marker(doc: Doc, i: int, noun: str) -> int | None:
    """Index of the content marker after the noun at i (a ب-complement, إن/أن, عن after إعلان)."""
    _, b = doc.sent_bounds(i)
    for n in range(i + 1, min(b, i + _WINDOW + 1)):
        t = doc.toks[n]
        if any(c in doc.gap(n) for c in _CLAUSE_END) or doc.is_verb(t.key) or doc.in_quote(t.start):
            return None
        if COMPLEMENTISERS.match(t.mkey):
            return n
        if noun.endswith("علان") and t.key == "عن":
            return n
        if (
            t.key.startswith("ب")
            and len(t.key) >= 4
            and not doc.is_stop(t.key, t.mkey)
            and doc.head_class(t.key) is None
        ):
            return n
    return None


def nominal_cues(doc: Doc) -> list[tuple[int, int, str]]:
    """``(noun index, marker index, strength)`` for every nominal cue with a content marker."""
    out = []
    preps = function_words("source_prep_head")
    for i, t in enumerate(doc.toks):
        k = _noun_key(t.key)
        if k not in _nouns() or doc.in_quote(t.start):
            continue
        if i > 0 and strip_conjunction(doc.toks[i - 1].key) in preps:
            continue  # حسب تصريحات الوزارة: the preposition is the cue
        m = _marker(doc, i, k)
        if m is not None:
            out.append((i, m, _nouns()[k][0]))
    return out


def nominal_speaker(doc: Doc, i: int, marker: int) -> tuple[int, int] | None:
    """Token range of the speaker of the nominal cue at i (None: no speaker in the text)."""
    toks = doc.toks
    a, _ = doc.sent_bounds(i)
    _, gen = _nouns()[_noun_key(toks[i].key)]
    span = range(i + 1, marker)
    frm = next((n for n in span if toks[n].key == "من" and n <= i + 2), None)
    if frm is not None and frm + 1 < marker:  # تعليمات واضحة من طهران
        return frm + 1, doc.np_at(frm + 1, marker, max_len=8)
    first = toks[i + 1] if i + 1 < marker else None
    if (
        gen
        and first is not None
        and not first.key.startswith(("ل", "ب"))
        and (first.key.startswith("ال") or doc.head_class(first.key) is not None or doc.is_name_like(i + 1))
    ):
        j = doc.np_at(i + 1, marker, max_len=8)
        if j > i + 1:
            return i + 1, j  # تصريح البنك المركزي بـ...
    light = function_words("nominal_light_verb")
    for v in range(i - 1, max(a, i - 5) - 1, -1):
        if any(c in doc.gap(v + 1) for c in _CLAUSE_END):
            break
        if strip_conjunction(toks[v].key) in light or toks[v].key in light:
            if v + 1 < i and not toks[v + 1].key.startswith(("ب", "ل")):  # وجهت النيابة اتهامات
                j = doc.np_at(v + 1, i, max_len=8)
                if j > v + 1:
                    return v + 1, j
            return subject_before(doc, v, a)  # الوزير قدم توجيهات
    return None
