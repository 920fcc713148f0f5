"""The reports index page: ``reports/index.html``.

Lists the lab-level reports once (``reports/lab/build.json``, see
:mod:`.build`) and every article built (``reports/<slug>/build.json``) with the
columns the dossier fills through ``reports/<slug>/summary.json`` (read when
present)::

    {"topic": {"label": "Politics", "probability": 0.93},
     "keyphrases": ["حلف الناتو", ...] or [{"phrase": ..., "score": ...}, ...],
     "n_attributions": 4}

(``"predicted_topic"``/``"topic_probability"`` and ``"attributions"`` as a
list are accepted too.)  Missing values show as an em dash.  With two or more
dossiers a side-by-side comparison follows.  The page is rendered from
``lib/arabic_news/templates/index/index.html.j2`` (plain Jinja2 with
autoescape; every cell built here is escaped before it is marked safe).
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
import json
import os
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..cache import atomic_write
from ..paths import resolve
from .render import TEMPLATES_DIR, data_fingerprint_all, font_base64, git_commit

__all__ = ["write_index", "INDEX_TEMPLATE", "LAB_DIR"]

#: The index template, beside (and named apart from) the nbconvert template ``lab_rtl``.
INDEX_TEMPLATE = "index/index.html.j2"
#: Folder of the lab-level reports under the reports root.
LAB_DIR = "lab"
STAMP_FILE = "build.json"
_DASH = "\u2014"


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template(INDEX_TEMPLATE)


def _safe(s: str) -> Any:
    from markupsafe import Markup

    return Markup(s)


def _one_line(exc: BaseException, limit: int = 300) -> str:
    from ..clikit import one_line

    msg = one_line(exc)
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def _topic_cell(label: object, prob: object, outside: bool) -> str:
    """``Politics (0.97)``, or ``outside the labels (best guess Politics (0.33))`` when the article was
    flagged outside the seven labels (escaped HTML)."""
    topic = html.escape(str(label))
    if isinstance(prob, (int, float)):
        topic += f" ({float(prob):.2f})"
    return f"outside the labels (best guess {topic})" if outside else topic


def _summary_cells(folder: Path) -> tuple[str, str, str]:
    """(topic, keyphrases, attributions) for the index from ``summary.json`` (escaped HTML)."""
    try:
        s = json.loads((folder / "summary.json").read_text("utf-8"))
    except (OSError, ValueError):
        return _DASH, _DASH, _DASH
    if not isinstance(s, dict):
        return _DASH, _DASH, _DASH
    topic = _DASH
    t = s.get("topic", s.get("predicted_topic"))
    prob = s.get("topic_probability", s.get("probability"))
    outside = False
    if isinstance(t, dict):
        prob = t.get("probability", t.get("proba", prob))
        outside = t.get("outside") is True
        t = t.get("label", t.get("name"))
    if t:
        topic = _topic_cell(t, prob, outside)
    keys = s.get("keyphrases", s.get("top_keyphrases"))
    kp = _DASH
    if isinstance(keys, list) and keys:
        names = []
        for k in keys[:5]:
            if isinstance(k, dict):
                k = k.get("phrase", k.get("text", k.get("keyphrase")))
            if k:
                names.append(str(k))
        if names:
            kp = '<span dir="rtl" class="ar">' + "، ".join(html.escape(n) for n in names) + "</span>"
    att = s.get("n_attributions", s.get("attributions"))
    if isinstance(att, list):
        att = len(att)
    attr = str(int(att)) if isinstance(att, (int, float)) and not isinstance(att, bool) else _DASH
    return topic, kp, attr


def _comparison_html(folders: Sequence[Path]) -> str:
    """Side-by-side view of the articles' dossiers (``dossier.json``) when there are two or more.

    Uses :func:`arabic_news.dossier.compare_dossiers`; any problem (missing or
    older dossiers) leaves the section out rather than breaking the index.
    """
    dossiers = []
    for f in folders:
        try:
            dossiers.append(json.loads((f / "dossier.json").read_text("utf-8")))
        except (OSError, ValueError):
            continue
    if len(dossiers) < 2:
        return ""
    try:
        from ..dossier import compare_dossiers

        c = compare_dossiers(dossiers)
        e = html.escape
        names = [str(n) for n in c["articles"]]
        rows = []
        for i, name in enumerate(names):
            t = c["topics"][i]
            a = c["attribution_profiles"][i]
            types = ", ".join(f"{e(str(k))} {e(str(v))}" for k, v in (a.get("source_types") or {}).items()) or _DASH
            flagged = c.get("persuasion_flagged", [None] * len(names))[i]
            rows.append(
                f"<tr><td>{e(name)}</td><td>{_topic_cell(t['label'], t['probability'], t.get('outside') is True)}</td>"
                f"<td>{int(a['n_attributions'])}</td><td>{int(a['n_speakers'])}</td><td>{types}</td>"
                f"<td>{_DASH if flagged is None else int(flagged)}</td></tr>"
            )
        jac = c["keyword_overlap"]["jaccard"]
        head = "".join(f"<th>{e(n)}</th>" for n in names)
        matrix = "".join(
            f"<tr><th>{e(n)}</th>" + "".join(f"<td>{float(v):.2f}</td>" for v in jac[i]) + "</tr>"
            for i, n in enumerate(names)
        )
        shared = "، ".join(e(str(x)) for x in c["keyword_overlap"].get("shared_lemmas", [])) or _DASH
    except Exception as exc:  # noqa: BLE001 -- the comparison is optional; the index must still be written
        return f'<p class="note">Comparison view unavailable: {html.escape(_one_line(exc))}</p>'
    return (
        '<h2 id="comparison">Comparison</h2>\n'
        "<table><thead><tr><th>Article</th><th>Topic (probability)</th><th>Attributions</th><th>Speakers</th>"
        "<th>Source types</th><th>Paragraphs flagged as persuasive</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>\n<h3>Keyword overlap (Jaccard of top-10 lemma keys)</h3>\n"
        + f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{matrix}</tbody></table>\n"
        + f'<p>Lemmas shared by all: <span dir="rtl" class="ar">{shared}</span></p>'
    )


def _load_json(path: Path) -> dict[str, Any] | None:
    try:
        d = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return d if isinstance(d, dict) else None


def _lab_rows(out: Path) -> list[dict[str, Any]]:
    """One row per lab-level report recorded in ``<out>/lab/build.json``."""
    rec = _load_json(out / LAB_DIR / STAMP_FILE)
    if not rec:
        return []
    e = html.escape
    rows = []
    for r in rec.get("reports", []):
        name = str(r.get("notebook", "?"))
        if "html" in r:
            link = f'<a href="{e(LAB_DIR)}/{e(urllib.parse.quote(str(r["html"])))}">{e(name)}</a>'
            status = '<span class="ok">ok</span>'
        else:
            link = e(name)
            status = f'<span class="failed">failed</span>: {e(str(r.get("error", "")))}'
        seconds = r.get("seconds")
        rows.append(
            {
                "link": _safe(link),
                "title": _safe(e(str(r.get("title") or _DASH))),
                "status": _safe(status),
                "seconds": f"{float(seconds):.0f} s" if isinstance(seconds, (int, float)) else _DASH,
            }
        )
    return rows


def write_index(out_root: str | os.PathLike = "reports") -> Path:
    """Write ``<out_root>/index.html`` listing the lab-level and every article report there (escaped, offline).

    Reads each ``<out_root>/<slug>/build.json`` whose article file still exists,
    and ``<out_root>/lab/build.json`` for the lab-level reports.
    """
    from .build import ArticleResult

    out = resolve(out_root)
    out.mkdir(parents=True, exist_ok=True)
    records: list[tuple[ArticleResult, Path]] = []
    for stamp in sorted(out.glob(f"*/{STAMP_FILE}")):
        folder = stamp.parent
        if folder.name.startswith(".") or folder.name == LAB_DIR:
            continue
        d = _load_json(stamp)
        try:
            rec = ArticleResult.from_json(d) if d is not None else None
        except (KeyError, TypeError, ValueError):
            rec = None
        if rec is None or not resolve(rec.article).exists():
            continue
        records.append((rec, folder))
    records.sort(key=lambda rf: rf[0].name)
    e = html.escape
    rows = []
    for rec, folder in records:
        topic, kp, attr = _summary_cells(folder) if rec.ok else (_DASH, _DASH, _DASH)
        base = e(urllib.parse.quote(rec.slug))
        links = (
            " · ".join(
                f'<a href="{base}/{e(urllib.parse.quote(r["html"]))}">{e(r["notebook"])}</a>'
                for r in rec.reports
                if "html" in r
            )
            or _DASH
        )
        if (folder / "summary.json").is_file():
            links += f' · <a href="{base}/summary.json">summary.json</a>'
        status = '<span class="ok">ok</span>' if rec.ok else f'<span class="failed">failed</span>: {e(rec.error or "")}'
        headline = f'<span dir="rtl" class="ar">{e(rec.headline)}</span>' if rec.headline else _DASH
        rows.append(
            {
                "name": _safe(e(rec.name) + (f' <span class="enc">({e(rec.encoding)})</span>' if rec.encoding else "")),
                "headline": _safe(headline),
                "status": _safe(status),
                "topic": _safe(topic),
                "keyphrases": _safe(kp),
                "attributions": _safe(attr),
                "links": _safe(links),
            }
        )
    from .. import __version__

    page = _template().render(
        font=font_base64(),
        lab=_lab_rows(out),
        rows=rows,
        n=len(records),
        version=_safe(html.escape(__version__)),
        commit=_safe(html.escape(git_commit())),
        data=_safe(html.escape(data_fingerprint_all())),
        date=_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        comparison=_safe(_comparison_html([folder for rec, folder in records if rec.ok])),
    )
    target = out / "index.html"
    atomic_write(target, lambda tmp: tmp.write_text(page, "utf-8"))
    return target
