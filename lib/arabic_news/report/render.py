"""HTML post-processing of the reports: provenance, font embedding, direction attributes, table of contents.

An executed notebook becomes one self-contained page through the ``lab_rtl``
nbconvert template (``lib/arabic_news/templates/lab_rtl``): offline, Amiri
embedded as a data URL, code hidden unless asked, a provenance block at the
bottom.  :func:`postprocess_html` then adds ``dir`` attributes and the table
of contents.  The index page has its own template (:mod:`.index`).
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import html
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from ..article import Article
from ..cache import data_fingerprint, fingerprint
from ..paths import DataNotFoundError, data_root, project_root

__all__ = [
    "TEMPLATE_NAME",
    "TEMPLATES_DIR",
    "provenance",
    "render_notebook",
    "postprocess_html",
    "notebook_title",
    "git_commit",
    "data_fingerprint_all",
]

#: nbconvert template folder (``lib/arabic_news/templates/lab_rtl``).
TEMPLATE_NAME = "lab_rtl"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

#: nbconvert's exporters are not documented as thread-safe: one page is rendered at a time
RENDER_LOCK = threading.Lock()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def git_commit() -> str:
    """Short commit of the project checkout, noting uncommitted changes."""
    root = project_root()
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


@functools.lru_cache(maxsize=1)
def data_fingerprint_all() -> str:
    """Fingerprint of every data folder with a MANIFEST.sha256 under the data root."""
    try:
        root = data_root()
    except DataNotFoundError:
        return "unavailable (data folder missing)"
    parts = []
    for manifest in sorted(list(root.glob("*/MANIFEST.sha256")) + list(root.glob("*/*/MANIFEST.sha256"))):
        folder = manifest.parent
        parts.append(f"{folder.relative_to(root).as_posix()}={data_fingerprint(folder)}")
    return fingerprint(*parts) if parts else "unavailable (no MANIFEST.sha256 found)"


def provenance(
    *, seed: int, quick: bool, article: Article | None = None, notebook: str | None = None
) -> list[tuple[str, str]]:
    """The provenance block of a report, as ``(label, value)`` pairs.

    Package version, git commit, data fingerprint (of the data folders'
    manifests), seed, quick flag, build date (UTC), plus article and notebook.
    """
    from .. import __version__

    rows = [
        ("package", f"arabic_news {__version__}"),
        ("git commit", git_commit()),
        ("data fingerprint", data_fingerprint_all()),
        ("seed", str(seed)),
        ("quick mode", "yes (subsampled)" if quick else "no (full run)"),
        ("built (UTC)", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("python", sys.version.split()[0]),
    ]
    head: list[tuple[str, str]] = []
    if article is not None:
        head.append(("article", f"{article.name} (sha256 {sha256(article.text.encode('utf-8'))[:12]})"))
        encoding = getattr(article, "encoding", None)
        if encoding:
            head.append(("encoding", str(encoding)))
    if notebook:
        head.append(("notebook", notebook))
    rows = head + rows
    return rows


@functools.lru_cache(maxsize=1)
def font_base64() -> str:
    """The Amiri font file, base64-encoded for a CSS data URL."""
    from ..plotting import amiri_path

    return base64.b64encode(amiri_path().read_bytes()).decode("ascii")


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_BLOCK_TAG = re.compile(r"<(p|li|h[1-6]|blockquote|dd|dt|caption|figcaption|summary)(?=[\s>/])([^>]*)>", re.I)
_CELL = re.compile(r"<(td|th)(?=[\s>])([^>]*)>(.*?)</\1>", re.I | re.S)
_HEADING = re.compile(r"<h([1-3])(?=[\s>])([^>]*)>(.*?)</h\1>", re.I | re.S)
_ID_ATTR = re.compile(r'\bid="([^"]+)"')
_TAGS = re.compile(r"<[^>]+>")


def _add_dir(m: re.Match[str]) -> str:
    tag, attrs = m.group(1), m.group(2)
    if re.search(r"\bdir\s*=", attrs):
        return m.group(0)
    return f'<{tag}{attrs} dir="auto">'


def _cell_dir(m: re.Match[str]) -> str:
    tag, attrs, inner = m.group(1), m.group(2), m.group(3)
    if re.search(r"\bdir\s*=", attrs) or not _ARABIC_LETTER.search(_TAGS.sub("", inner)):
        return m.group(0)
    return f'<{tag}{attrs} dir="rtl">{inner}</{tag}>'


def _toc(body: str) -> str:
    heads = []
    for m in _HEADING.finditer(body):
        idm = _ID_ATTR.search(m.group(2))
        if not idm:
            continue
        text = _TAGS.sub("", m.group(3)).replace("\u00b6", "").strip()
        if text:
            heads.append((int(m.group(1)), idm.group(1), text))
    if not heads:
        return ""
    levels = [lvl for lvl, _, _ in heads]
    if levels.count(1) <= 1 and any(lvl > 1 for lvl in levels):
        heads = [h for h in heads if h[0] > 1]  # the single h1 is the page title
    top = min(lvl for lvl, _, _ in heads)
    items = "\n".join(
        f'<li class="lab-toc-{lvl - top + 2}" dir="auto"><a href="#{html.escape(hid, quote=True)}">{text}</a></li>'
        for lvl, hid, text in heads
        if lvl - top <= 1
    )
    return f'<nav class="lab-toc" id="contents" dir="ltr"><h2>Contents</h2>\n<ul>\n{items}\n</ul>\n</nav>'


def postprocess_html(page: str) -> str:
    """Add direction attributes and the table of contents to a rendered report page.

    * paragraphs, list items, headings, quotes get ``dir="auto"`` (the browser
      takes the direction from the first strong character: Arabic paragraphs
      run right to left, English ones left to right);
    * table cells that contain Arabic letters get ``dir="rtl"`` (and align right);
    * ``<!--LAB-TOC-->`` is replaced by a table of contents built from the
      ``h1``-``h3`` headings that carry an ``id``.

    Text already in the page is escaped; nothing is unescaped here.

    >>> postprocess_html("<body><p>نص</p><table><tr><td>العراق</td><td>3</td></tr></table></body>")
    '<body><p dir="auto">نص</p><table><tr><td dir="rtl">العراق</td><td>3</td></tr></table></body>'
    """
    i = page.find("<body")
    head, body = (page[:i], page[i:]) if i >= 0 else ("", page)
    body = _BLOCK_TAG.sub(_add_dir, body)
    body = _CELL.sub(_cell_dir, body)
    body = body.replace("<!--LAB-TOC-->", _toc(body), 1)
    return head + body


@functools.lru_cache(maxsize=2)
def _exporter(show_code: bool) -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        theme="light",
    )


def render_notebook(
    notebook: Any,
    *,
    title: str,
    article: Article | None = None,
    seed: int = 0,
    quick: bool = False,
    show_code: bool = False,
    notebook_name: str | None = None,
    subtitle: str | None = None,
) -> str:
    """Render an executed notebook (path or ``NotebookNode``) to one self-contained HTML page.

    Parameters
    ----------
    notebook : path or nbformat.NotebookNode
    title : str
        The page title.
    article : Article, optional
        Shown in the top bar and provenance block.
    seed, quick : int, bool
        Recorded in the provenance block.
    show_code : bool
        Show code cells (hidden by default).
    notebook_name : str, optional
        Notebook file name for the provenance block.
    subtitle : str, optional
        Top-bar text when there is no article (lab-level reports).
    """
    import nbformat

    nb = notebook if not isinstance(notebook, (str, os.PathLike)) else nbformat.read(str(notebook), as_version=4)
    resources = {
        "metadata": {"name": title},
        "lab": {
            "font_base64": font_base64(),
            "article_name": article.name if article else (subtitle or ""),
            "headline": (article.title or "") if article else "",
            "provenance": provenance(seed=seed, quick=quick, article=article, notebook=notebook_name),
        },
    }
    with RENDER_LOCK:
        body, _ = _exporter(bool(show_code)).from_notebook_node(nb, resources=resources)
    return postprocess_html(body)


def notebook_title(nb: Any, fallback: str) -> str:
    """The text of the notebook's first ``# `` heading (tags removed), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return _TAGS.sub("", line[2:]).strip() or fallback
    return fallback
