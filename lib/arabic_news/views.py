"""Small HTML views for notebooks: escaped right-to-left tables and highlighted spans.

Everything that comes from an article or a corpus is escaped here, once; callers pass
plain strings.  The output is static HTML (no script), readable in JupyterLab and in
the offline reports.

>>> html_table([{"كلمة": "<أمن>", "n": 3}])
'<table class="an-table"><thead><tr><th dir="auto">كلمة</th><th dir="auto">n</th></tr></thead><tbody><tr><td dir="auto">&lt;أمن&gt;</td><td dir="auto">3</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["STYLE", "esc", "html_table", "highlight", "rtl", "section"]

#: Inline style shared by the views (marks by class; no external resources).
STYLE = (
    "<style>"
    ".an-rtl{direction:rtl;text-align:right;font-family:'Amiri','Noto Naskh Arabic',serif;line-height:1.9}"
    ".an-table td,.an-table th{padding:2px 8px}"
    ".an-rtl mark{padding:0 2px;border-radius:3px}"
    "mark.cue{background:#ffd8a8}mark.speaker{background:#a5d8ff}mark.content{background:#e9ecef}"
    "mark.booster{background:#ffc9c9}mark.hedge{background:#d3f9d8}mark.emphasis{background:#fff3bf}"
    "mark.evaluative{background:#eebefa}mark.keyword{background:#c5f6fa}mark.flag{background:#ffe066}"
    "</style>"
)


def esc(value: object) -> str:
    """Escape any value for HTML text or attributes.

    >>> esc('قال "لا" <b>')
    'قال &quot;لا&quot; &lt;b&gt;'
    """
    return html.escape(str(value), quote=True)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, (list, tuple)):
        return "، ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "، ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def html_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, *, empty: str = "") -> str:
    """An escaped HTML table; each cell takes its direction from its text (``dir="auto"``).

    Parameters
    ----------
    rows : sequence of mappings
    columns : sequence of str, optional
        Column order (default: the first row's keys).
    empty : str
        Sentence shown instead of an empty table (escaped).

    >>> html_table([], empty="لا شيء")
    '<p>لا شيء</p>'
    """
    if not rows:
        return f"<p>{esc(empty)}</p>" if empty else ""
    cols = list(columns) if columns is not None else list(rows[0].keys())
    head = "".join(f'<th dir="auto">{esc(c)}</th>' for c in cols)
    body = "".join(
        "<tr>" + "".join(f'<td dir="auto">{esc(_cell(r.get(c)))}</td>' for c in cols) + "</tr>" for r in rows
    )
    return f'<table class="an-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def highlight(
    text: str,
    spans: Iterable[tuple[int, int, str, str]],
    *,
    start: int = 0,
    end: int | None = None,
) -> str:
    """``text[start:end]`` as an escaped right-to-left block with ``<mark>`` spans.

    Parameters
    ----------
    text : str
    spans : iterable of (start, end, css_class, title)
        Offsets into ``text``.  Overlapping spans: the earlier (then longer) one wins.
    start, end : int
        The slice of ``text`` to show.

    >>> highlight("قال الوزير <نعم>", [(0, 3, "cue", "فعل")])
    '<div class="an-rtl" dir="rtl" lang="ar"><mark class="cue" title="فعل">قال</mark> الوزير &lt;نعم&gt;</div>'
    """
    stop = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e, cls, title in sorted(spans, key=lambda sp: (sp[0], -(sp[1] - sp[0]))):
        if s < pos or e > stop or e <= s:
            continue
        out.append(esc(text[pos:s]))
        out.append(f'<mark class="{esc(cls)}" title="{esc(title)}">{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:stop]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div class="an-rtl" dir="rtl" lang="ar">{body}</div>'


def rtl(text: str) -> str:
    """An escaped inline right-to-left Arabic fragment.

    >>> rtl("<حلف>")
    '<span dir="rtl" lang="ar">&lt;حلف&gt;</span>'
    """
    return f'<span dir="rtl" lang="ar">{esc(text)}</span>'


def section(title: str, *parts: str) -> str:
    """A titled block (``title`` escaped; ``parts`` are HTML already built by this module).

    >>> section("Topic", "<p>x</p>")
    '<div class="an-part"><h4>Topic</h4><p>x</p></div>'
    """
    return f'<div class="an-part"><h4>{esc(title)}</h4>{"".join(parts)}</div>'
