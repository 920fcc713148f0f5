"""Views of attribution records: who said what (one row per speaker), the speaker–cue network's
edges, and the article as escaped HTML with cues, speakers and contents highlighted.

>>> from .attribution import attributions
>>> [r["speaker"] for r in speakers_summary(attributions("قال الوزير أحمد سالم إن الاتفاق قريب."))]
['الوزير أحمد سالم']
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..article import Article

if TYPE_CHECKING:
    from .attribution import Attribution

#: how a statement without a speaker (a passive report: أُعلن، أفيد) is shown
IMPERSONAL = "(impersonal report)"

__all__ = [
    "IMPERSONAL",
    "speakers_summary",
    "speaker_verb_edges",
    "attribution_html",
    "attribution_rows",
    "speaker_rows",
    "counts_by",
    "shorten",
]


def speakers_summary(records: Iterable[Attribution] | Article | str) -> list[dict]:
    """Who said what: one row per speaker (``speaker_id``), in order of first appearance.

    Parameters
    ----------
    records : list of Attribution, or an Article / str (then :func:`attributions` is run)

    Returns
    -------
    list of dict
        ``speaker_id``, ``speaker`` (fullest name), ``source_type``, ``n`` (statements),
        ``cues`` (lemmas in order), ``strengths`` (count per strength class),
        ``mentions`` (distinct surface forms), ``contents`` (what was said).

    Examples
    --------
    >>> rows = speakers_summary("قال الوزير أحمد سالم إن الاتفاق مهم. وأكد سالم أن التنفيذ قريب.")
    >>> rows[0]["speaker_id"], rows[0]["n"], rows[0]["cues"]
    ('S1', 2, ['قال', 'أكد'])
    """
    if isinstance(records, (Article, str)):
        from .attribution import attributions

        records = attributions(records)
    rows: dict[str, dict] = {}
    for r in records:
        row = rows.setdefault(
            r.speaker_id,
            {
                "speaker_id": r.speaker_id,
                "speaker": r.entity or r.speaker or IMPERSONAL,
                "source_type": r.source_type,
                "n": 0,
                "cues": [],
                "strengths": {},
                "mentions": [],
                "contents": [],
            },
        )
        row["n"] += 1
        row["cues"].append(r.lemma)
        row["strengths"][r.strength] = row["strengths"].get(r.strength, 0) + 1
        if not r.implicit and r.speaker not in row["mentions"]:
            row["mentions"].append(r.speaker)
        if r.content and r.content not in row["contents"]:
            row["contents"].append(r.content)
    return list(rows.values())


def speaker_verb_edges(records: Iterable[Attribution]) -> list[dict]:
    """Edges of the speaker–cue network: one row per (speaker, cue lemma) with its count and strength.

    >>> from .attribution import attributions
    >>> speaker_verb_edges(attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب."))[0]["lemma"]
    'قال'
    """
    rows: dict[tuple[str, str], dict] = {}
    for r in records:
        k = (r.speaker_id, r.lemma)
        row = rows.setdefault(
            k,
            {
                "speaker_id": r.speaker_id,
                "speaker": r.entity or r.speaker or IMPERSONAL,
                "lemma": r.lemma,
                "strength": r.strength,
                "source_type": r.source_type,
                "count": 0,
            },
        )
        row["count"] += 1
    return list(rows.values())


_HTML_STYLE = (
    "<style>.attr-cue{background:#ffd27f}.attr-speaker{background:#a8d5ff}.attr-content{background:#e6f4e1}"
    ".attr-text{line-height:2;font-size:1.05em}</style>"
)


def attribution_html(text: str, records: Iterable[Attribution]) -> str:
    """``text`` as escaped HTML with cues, (explicit) speakers and contents highlighted.

    Cue = orange, speaker = blue, content = green; each span's ``title`` gives the speaker id.

    >>> from .attribution import attributions
    >>> t = "<b>قال الوزير أحمد سالم إن الاتفاق قريب."
    >>> h = attribution_html(t, attributions(t))
    >>> "&lt;b&gt;" in h and "<b>" not in h, h.count('class="attr-cue"')
    (True, 1)
    """
    marks: list[tuple[int, int, str, str]] = []
    for r in records:
        title = f"{r.speaker_id} {r.lemma} ({r.strength})"
        if r.confidence < 1:
            title += f"; speaker by {r.rule}, confidence {r.confidence:.1f}"
        marks.append((r.cue_start, r.cue_end, "attr-cue", title))
        if not r.implicit:
            marks.append((r.speaker_start, r.speaker_end, "attr-speaker", r.speaker_id))
    # contents are drawn as a background layer where no cue/speaker mark is
    chars = [None] * (len(text) + 1)
    for r in records:
        if r.content_start >= 0:
            for p in range(r.content_start, r.content_end):
                chars[p] = ("attr-content", r.speaker_id)
    for s, e, cls, title in marks:
        for p in range(s, e):
            chars[p] = (cls, title)
    out = [_HTML_STYLE, '<div dir="rtl" class="attr-text">']
    cur = None
    for p, ch in enumerate(text):
        if chars[p] != cur:
            if cur is not None:
                out.append("</span>")
            cur = chars[p]
            if cur is not None:
                out.append(f'<span class="{cur[0]}" title="{_html.escape(cur[1])}">')
        out.append("<br>" if ch == "\n" else _html.escape(ch))
    if cur is not None:
        out.append("</span>")
    out.append("</div>")
    return "".join(out)


def shorten(text: str, max_chars: int = 90) -> str:
    """``text`` cut at a word boundary to at most ``max_chars`` characters, with an ellipsis if cut.

    A single word longer than ``max_chars`` is kept whole (never cut mid-word).

    >>> shorten("وزير الداخلية العراقي عبد الأمير الشمري", 20)
    'وزير الداخلية …'
    >>> shorten("الشمري", 3)
    'الشمري'
    """
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    words, out = text.split(" "), ""
    for w in words:
        if out and len(out) + 1 + len(w) + 2 > max_chars:
            break
        out = f"{out} {w}" if out else w
    return out if out == text else out + " …"


def attribution_rows(records: Iterable[Attribution], *, max_content: int = 90) -> list[dict]:
    """One row per statement for a table: id, cue, kind, strength, speaker, implicit, source type,
    rule, confidence (below 1 where the speaker came from a fallback rule) and the content, shortened.

    >>> from .attribution import attributions
    >>> attribution_rows(attributions("قال الوزير أحمد سالم إن الاتفاق قريب."))[0]["confidence"]
    1.0
    """
    return [
        {
            "id": r.speaker_id,
            "cue": r.cue,
            "kind": r.cue_kind,
            "strength": r.strength,
            "speaker": r.speaker,
            "implicit": r.implicit,
            "source type": r.source_type,
            "rule": r.rule,
            "confidence": r.confidence,
            "content": shorten(r.content, max_content),
        }
        for r in records
    ]


def speaker_rows(records: Iterable[Attribution]) -> list[dict]:
    """The who-said-what table: one row per speaker (id, speaker, source type, statements, cues, strengths, mentions).

    >>> from .attribution import attributions
    >>> speaker_rows(attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب."))[0]["cues"]
    'قال، أكد'
    """
    return [
        {
            "id": s["speaker_id"],
            "speaker": s["speaker"],
            "source type": s["source_type"],
            "statements": s["n"],
            "cues": "، ".join(s["cues"]),
            "strengths": ", ".join(f"{k} {v}" for k, v in s["strengths"].items()),
            "mentions": " / ".join(s["mentions"]),
        }
        for s in speakers_summary(list(records))
    ]


def counts_by(records: Iterable[Attribution], field: str) -> dict[str, int]:
    """Number of statements per value of one field (``source_type``, ``strength``, ``cue_kind``, ``lemma``, ``rule``).

    >>> from .attribution import attributions
    >>> counts_by(attributions("قال الوزير أحمد سالم إن الاتفاق قريب."), "strength")
    {'neutral': 1}
    """
    allowed = ("source_type", "strength", "cue_kind", "lemma", "rule", "speaker_id")
    if field not in allowed:
        raise ValueError(f"unknown field {field!r}; expected one of {', '.join(allowed)}")
    out: dict[str, int] = {}
    for r in records:
        v = getattr(r, field)
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
