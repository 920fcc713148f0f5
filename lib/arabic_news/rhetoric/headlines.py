r"""Headline quotations: "X: …" in the headline, a short sub-headline, and an outlet's footer that repeats
the headline (step 1 of attribution, beside :mod:`.detect`'s cues).

>>> from arabic_news import Article
>>> from .chunker import Doc
>>> d = Doc(Article.from_text("الوزير: لن نسمح بأي تدخل\nقال الوزير إن بلاده ترفض التدخل."))
>>> [(e[0], e[2]) for e in headline_events(d)]
[(6, 'headline')]
>>> from .detect import cue_events
>>> d = Doc(Article.from_text("فرنسا: منشورات للشرطة تذكر السائحات بالقانون\nوزعت الشرطة منشورات."))
>>> headline_events(d, cue_events(d))
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .chunker import Doc

__all__ = ["headline_events"]


def headline_events(doc: Doc, cues: Sequence[tuple[int, int, str, tuple]] = ()) -> list[tuple[int, int, str, tuple]]:
    """A headline "X: …" (up to six words before the colon, no verb among them): one event at the colon.

    Besides the headline, two more lines can be headlines: a short sub-headline on the first content
    line (no sentence end inside, at most 14 words), and an outlet's footer that repeats the headline
    after its own label ("رابط الخبر بصحيفة …: X: …", the part after the label's colon).  ``cues``: the
    article's cue events (:func:`.detect.cue_events`); when one of them reports someone else after the colon
    ("فرنسا: منشورات للشرطة تذكر السائحات …"), X is a place or topic tag, not a speaker (round 12).
    """
    text = doc.text
    if not doc.toks or "\n" not in text.strip() or doc.sent_of[0] != 0:
        return []
    out = []
    for s0, s1 in _headline_lines(doc):
        colon = text.find(":", s0, s1)
        if colon == -1:
            continue
        a = next((n for n, t in enumerate(doc.toks) if t.start >= s0), len(doc.toks))
        k = a
        while k < len(doc.toks) and doc.toks[k].end <= colon:
            k += 1
        if not 1 <= k - a <= 6 or any(doc.is_verb(doc.toks[n].key) for n in range(a, k)):
            continue
        if s0 > 0 and len(text[colon + 1 : s1].split()) < 3:
            continue  # "الرياض: واس" on a content line is a dateline, not a quotation
        if any(colon < e[0] < s1 and e[2] == "cue" for e in cues):
            continue  # "فرنسا: منشورات للشرطة تذكر …": the line reports someone else; X is a tag
        end = next((n for n in range(a + 1, k) if doc.is_stop(doc.toks[n].key) or doc.toks[n].key in ("ل", "لـ")), k)
        out.append((colon, 1, "headline", (colon, a, end)))
    return out


@lru_cache(maxsize=1)
def _footer_labels() -> tuple[str, ...]:
    """How outlets' footer lines that repeat the headline start (function_words ``footer_label_start``)."""
    from ._lexicon import load_table

    return tuple(r[0] for r in load_table("function_words") if r[1] == "footer_label_start")


def _headline_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the lines that may hold a headline quotation (see :func:`headline_events`)."""
    text = doc.text
    first_nl = text.find("\n")
    spans = [(0, first_nl)]
    nxt_nl = text.find("\n", first_nl + 1)
    line2 = (first_nl + 1, nxt_nl if nxt_nl != -1 else len(text))
    words = text[line2[0] : line2[1]].split()
    if 0 < len(words) <= 14 and not any(c in text[line2[0] : line2[1]] for c in ".!?؟"):
        spans.append(line2)
    for label in _footer_labels():
        for at in _find_all(text, label):
            before = text[:at].rstrip()
            if before and before[-1] not in '\n.!?؟»”"':
                continue  # the label opens a line or follows a sentence end (round 8: "… الجمعية. رابط الخبر …")
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            lab = text.find(":", at, end)
            if lab != -1:
                spans.append((lab + 1, end))
    return spans


def _find_all(text: str, sub: str) -> list[int]:
    """Start of every occurrence of ``sub`` in ``text``."""
    out, at = [], text.find(sub)
    while at != -1:
        out.append(at)
        at = text.find(sub, at + 1)
    return out
