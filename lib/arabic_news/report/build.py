"""Build the lab's HTML reports: every notebook for every article, plus an index.

For each article (default: ``seeds/*.txt``) the builder

1. reads it with :func:`~arabic_news.read_article` -- a bad file (empty, not
   Arabic, binary, UTF-16, too large...) is listed in the index as failed with
   that one-line message and nothing is executed;
2. skips it when its stamp (article bytes, notebooks, package code and
   templates, data fingerprint, seed, quick flag, figures folder, show-code
   option) matches the last build;
3. executes each ``notebooks/*.ipynb`` (sorted) with papermill, parameters
   ``ARTICLE``, ``SEED``, ``QUICK`` and ``FIGURES`` (``"figures"`` only for the
   README's featured article, else ``""``), in a temporary folder;
4. converts each executed notebook to HTML with the ``lab_rtl`` nbconvert
   template (offline, Amiri embedded, right-to-left paragraphs, table of
   contents, provenance; code hidden unless ``show_code``);
5. moves the finished folder into ``reports/<slug>/`` in one rename, so a
   report is never half-written.

A notebook that fails marks its article as failed (with the notebook and the
error in one line) without stopping the other articles or notebooks; the
notebooks that succeeded for that article are still published.

``reports/index.html`` lists every article built, with the columns the dossier
fills through ``reports/<slug>/summary.json`` (read when present)::

    {"topic": {"label": "Politics", "probability": 0.93},
     "keyphrases": ["حلف الناتو", ...] or [{"phrase": ..., "score": ...}, ...],
     "n_attributions": 4}

(``"predicted_topic"``/``"topic_probability"`` and ``"attributions"`` as a
list are accepted too.)  Missing values show as an em dash.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article, read_article, slugify
from ..cache import atomic_write, code_fingerprint, data_fingerprint, fingerprint
from ..paths import DataNotFoundError, data_root, project_root, resolve

__all__ = [
    "REPORT_DIR_ENV",
    "FEATURED_ARTICLE",
    "TEMPLATE_NAME",
    "output_dir",
    "list_articles",
    "list_notebooks",
    "provenance",
    "render_notebook",
    "postprocess_html",
    "build_article",
    "build_reports",
    "write_index",
    "ArticleResult",
]

#: Environment variable telling a notebook where its article's report is being built.
REPORT_DIR_ENV = "ARABIC_NEWS_REPORT_DIR"
#: The article whose figures the README shows (its notebooks get ``FIGURES="figures"``).
FEATURED_ARTICLE = "seeds/iraq-nato-security-cooperation.txt"
#: nbconvert template folder (``lib/arabic_news/templates/lab_rtl``).
TEMPLATE_NAME = "lab_rtl"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STAMP_FILE = "build.json"
#: matplotlib backend of the kernels that execute the notebooks (figures inline in the report)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
_STAMP_VERSION = 1

Log = Callable[[str], None]


def _print(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- inputs


def output_dir(article: Article | str | os.PathLike | None = None) -> Path:
    """The folder where a notebook writes files that belong to an article's report.

    During ``make report`` this is the (temporary) folder being built, given by
    ``$ARABIC_NEWS_REPORT_DIR``; when a notebook runs by hand it is
    ``reports/<article-slug>/`` under the project root.  Created if missing.

    Parameters
    ----------
    article : Article or path, optional
        Used for the slug when no build is in progress.
    """
    env = os.environ.get(REPORT_DIR_ENV)
    if env:
        p = Path(env)
    else:
        if isinstance(article, Article):
            slug = article.slug
        elif article is not None:
            slug = slugify(Path(article).name)
        else:
            raise ValueError(f"output_dir needs an article when {REPORT_DIR_ENV} is not set")
        p = project_root() / "reports" / slug
    p.mkdir(parents=True, exist_ok=True)
    return p


def list_articles(root: Path | None = None) -> list[Path]:
    """The articles of the lab: ``seeds/*.txt``, sorted by name."""
    root = root or project_root()
    return sorted((root / "seeds").glob("*.txt"))


def list_notebooks(root: Path | None = None) -> list[Path]:
    """The notebooks of the lab: ``notebooks/*.ipynb``, sorted by name (phase order)."""
    root = root or project_root()
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if not p.name.startswith("."))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rel(path: Path) -> str:
    """Path relative to the project root when inside it (as notebook parameters expect)."""
    try:
        return Path(path).resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return str(Path(path).resolve())


@functools.lru_cache(maxsize=1)
def _git_commit() -> str:
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
def _data_fingerprint() -> str:
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
        ("git commit", _git_commit()),
        ("data fingerprint", _data_fingerprint()),
        ("seed", str(seed)),
        ("quick mode", "yes (subsampled)" if quick else "no (full run)"),
        ("built (UTC)", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("python", sys.version.split()[0]),
    ]
    if article is not None:
        rows.insert(0, ("article", f"{article.name} (sha256 {_sha256(article.text.encode('utf-8'))[:12]})"))
    if notebook:
        rows.insert(1 if article is not None else 0, ("notebook", notebook))
    return rows


# --------------------------------------------------------------------------- HTML


@functools.lru_cache(maxsize=1)
def _font_base64() -> str:
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
    """
    import nbformat

    nb = notebook if not isinstance(notebook, (str, os.PathLike)) else nbformat.read(str(notebook), as_version=4)
    resources = {
        "metadata": {"name": title},
        "lab": {
            "font_base64": _font_base64(),
            "article_name": article.name if article else "",
            "headline": (article.title or "") if article else "",
            "provenance": provenance(seed=seed, quick=quick, article=article, notebook=notebook_name),
        },
    }
    body, _ = _exporter(bool(show_code)).from_notebook_node(nb, resources=resources)
    return postprocess_html(body)


def _notebook_title(nb: Any, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return _TAGS.sub("", line[2:]).strip() or fallback
    return fallback


# --------------------------------------------------------------------------- building


@dataclass
class ArticleResult:
    """What happened to one article in a build (also its ``build.json``)."""

    article: str
    slug: str
    name: str
    headline: str | None = None
    status: str = "ok"  # ok | failed | skipped-ok | skipped-failed
    error: str | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)  # {"notebook", "html"|"error", "seconds"}
    stamp: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "skipped-ok")

    def to_json(self) -> dict[str, Any]:
        return {
            "version": _STAMP_VERSION,
            "article": self.article,
            "slug": self.slug,
            "name": self.name,
            "headline": self.headline,
            "status": "ok" if self.ok else "failed",
            "error": self.error,
            "reports": self.reports,
            "stamp": self.stamp,
            "seconds": round(self.seconds, 1),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ArticleResult:
        return cls(
            article=d["article"],
            slug=d["slug"],
            name=d["name"],
            headline=d.get("headline"),
            status=d.get("status", "failed"),
            error=d.get("error"),
            reports=list(d.get("reports", [])),
            stamp=d.get("stamp"),
            seconds=float(d.get("seconds", 0.0)),
        )


def _one_line(exc: BaseException, limit: int = 300) -> str:
    from ..clikit import one_line

    msg = one_line(exc)
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def _stamp(
    article_bytes: bytes, notebooks: Sequence[Path], *, seed: int, quick: bool, figures: str, show_code: bool
) -> str:
    return fingerprint(
        _STAMP_VERSION,
        _sha256(article_bytes),
        [(p.name, _sha256(p.read_bytes())) for p in notebooks],
        code_fingerprint("arabic_news"),
        _data_fingerprint(),
        seed=seed,
        quick=bool(quick),
        figures=figures,
        show_code=bool(show_code),
    )


def _write_json(path: Path, obj: Any) -> None:
    _write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _publish(tmp: Path, final: Path) -> None:
    """Move a finished report folder into place (replacing any previous one) in one rename."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _execute(nb_path: Path, out_path: Path, params: dict[str, Any], *, timeout: int) -> None:
    import papermill as pm

    pm.execute_notebook(
        str(nb_path),
        str(out_path),
        parameters=params,
        kernel_name="python3",
        cwd=str(project_root()),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
    )


_RENDER_LOCK = threading.Lock()


def default_jobs() -> int:
    """Notebooks run at once: ``$ARABIC_NEWS_JOBS``, else 2 (capped by the number of CPUs)."""
    env = os.environ.get("ARABIC_NEWS_JOBS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ValueError(f"ARABIC_NEWS_JOBS must be a whole number, got {env!r}") from None
    return max(1, min(2, os.cpu_count() or 1))


def schedule(notebooks: Sequence[Path], seconds: dict[str, float] | None = None) -> list[list[Path]]:
    """Order notebooks into phases for execution.

    Synthesis notebooks (phase 9: names starting with ``9``) read the caches
    that the others build, so they run in a last phase of their own.  Within a
    phase the notebooks that took longest last time start first (longest
    processing time first), which keeps parallel workers evenly loaded;
    unknown times keep the sorted order.

    >>> [[p.name for p in ph] for ph in schedule([Path("00-a.ipynb"), Path("11-b.ipynb"), Path("90-c.ipynb")], {"11-b": 30.0})]
    [['11-b.ipynb', '00-a.ipynb'], ['90-c.ipynb']]
    """
    seconds = seconds or {}
    main = [p for p in notebooks if not p.name.startswith("9")]
    last = [p for p in notebooks if p.name.startswith("9")]
    main = sorted(main, key=lambda p: -seconds.get(p.stem, 0.0))
    return [ph for ph in (main, last) if ph]


def _error_of(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    if ename:  # papermill's PapermillExecutionError
        evalue = " ".join(str(getattr(exc, "evalue", "")).split())
        cell = getattr(exc, "exec_count", None)
        where = f" (cell {cell})" if cell else ""
        msg = f"{ename}: {evalue}{where}"
        return msg if len(msg) <= 300 else msg[:299] + "…"
    return _one_line(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {_one_line(exc)}"


def build_article(
    article_path: str | os.PathLike,
    *,
    notebooks: Sequence[Path] | None = None,
    out_root: str | os.PathLike = "reports",
    seed: int = 0,
    quick: bool = False,
    figures: str | None = None,
    show_code: bool = False,
    force: bool = False,
    timeout: int = 900,
    jobs: int | None = None,
    log: Log = _print,
    slug: str | None = None,
) -> ArticleResult:
    """Build (or skip) the reports of one article; never raises for a bad article or notebook.

    Parameters
    ----------
    article_path : path
        The article (relative paths are taken from the project root).
    notebooks : sequence of Path, optional
        Default: :func:`list_notebooks`.
    out_root : path
        Reports folder (relative to the project root).
    seed, quick : int, bool
        Passed to every notebook as ``SEED`` / ``QUICK``.
    figures : str, optional
        ``FIGURES`` parameter; default ``"figures"`` for :data:`FEATURED_ARTICLE` in full runs, else ``""``
    show_code : bool
        Show code cells in the HTML.
    force : bool
        Rebuild even when the stamp matches.
    timeout : int
        Per-cell execution timeout in seconds.
    jobs : int, optional
        Notebooks executed at the same time (each in its own kernel); default
        :func:`default_jobs`.  :func:`schedule` gives the order.
    log : callable
        Receives progress lines.
    slug : str, optional
        Report folder name (default: from the file name).
    """
    t0 = time.perf_counter()
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    root = project_root()
    src = resolve(article_path)
    rel = _rel(src)
    out = resolve(out_root)
    notebooks = list(notebooks) if notebooks is not None else list_notebooks(root)
    slug = slug or slugify(src.name)
    res = ArticleResult(article=rel, slug=slug, name=src.name)
    if figures is None:
        figures = "figures" if rel == FEATURED_ARTICLE and not quick else ""  # README figures come from full runs

    final = out / slug
    try:
        article = read_article(src)
    except Exception as e:  # noqa: BLE001 -- a bad article is reported, not raised
        res.status, res.error = "failed", _one_line(e)
        raw = src.read_bytes() if src.is_file() else b""
        res.stamp = _stamp(raw, notebooks, seed=seed, quick=quick, figures=figures, show_code=show_code)
        log(f"  {src.name}: bad article: {res.error}")
        tmp = _tempdir(out, slug)
        res.seconds = time.perf_counter() - t0
        _write_json(tmp / STAMP_FILE, res.to_json())
        _publish(tmp, final)
        return res
    res.headline = article.title
    raw = src.read_bytes()
    res.stamp = _stamp(raw, notebooks, seed=seed, quick=quick, figures=figures, show_code=show_code)

    prev = _load_record(final)
    if not force and prev is not None and prev.stamp == res.stamp and _complete(final, prev):
        prev.status = "skipped-ok" if prev.ok else "skipped-failed"
        log(f"  {src.name}: unchanged, skipped ({'ok' if prev.ok else 'failed: ' + str(prev.error)})")
        return prev

    if not notebooks:
        res.status, res.error = "failed", "no notebooks found in notebooks/"
    tmp = _tempdir(out, slug)
    try:
        params = {"ARTICLE": rel, "SEED": int(seed), "QUICK": bool(quick), "FIGURES": figures}
        errors = []
        saved_env = {k: os.environ.get(k) for k in (REPORT_DIR_ENV, "MPLBACKEND")}
        os.environ[REPORT_DIR_ENV] = str(tmp)
        # kernels inherit the environment: a user's MPLBACKEND=Agg would leave every figure out of the report
        os.environ["MPLBACKEND"] = INLINE_BACKEND
        prev_seconds = {r["notebook"]: float(r.get("seconds", 0.0)) for r in (prev.reports if prev else [])}

        def run_one(nb_path: Path) -> tuple[dict[str, Any], str | None]:
            t1 = time.perf_counter()
            executed = tmp / f".{nb_path.stem}.executed.ipynb"
            try:
                _execute(nb_path, executed, params, timeout=timeout)
                import nbformat

                nb = nbformat.read(str(executed), as_version=4)
                with _RENDER_LOCK:  # nbconvert's exporters are not documented as thread-safe
                    page = render_notebook(
                        nb,
                        title=f"{_notebook_title(nb, nb_path.stem)} — {src.name}",
                        article=article,
                        seed=seed,
                        quick=quick,
                        show_code=show_code,
                        notebook_name=nb_path.name,
                    )
                (tmp / f"{nb_path.stem}.html").write_text(page, "utf-8")
                os.replace(executed, tmp / f"{nb_path.stem}.ipynb")
                took = time.perf_counter() - t1
                log(f"  {src.name}: {nb_path.name} ok ({took:.1f} s)")
                return {"notebook": nb_path.stem, "html": f"{nb_path.stem}.html", "seconds": round(took, 1)}, None
            except KeyboardInterrupt:
                raise
            except Exception as e:  # noqa: BLE001 -- one failing notebook must not stop the build
                msg = _error_of(e)
                executed.unlink(missing_ok=True)
                log(f"  {src.name}: {nb_path.name} FAILED: {msg}")
                return {"notebook": nb_path.stem, "error": msg, "seconds": round(time.perf_counter() - t1, 1)}, msg

        try:
            outcomes: dict[Path, tuple[dict[str, Any], str | None]] = {}
            for phase in schedule(notebooks, prev_seconds):
                if jobs > 1 and len(phase) > 1:
                    from concurrent.futures import ThreadPoolExecutor

                    with ThreadPoolExecutor(max_workers=jobs) as pool:
                        outcomes.update(zip(phase, pool.map(run_one, phase)))
                else:
                    outcomes.update((nb, run_one(nb)) for nb in phase)
            for nb_path in notebooks:  # records in notebook order, whatever order they ran in
                rec, msg = outcomes[nb_path]
                res.reports.append(rec)
                if msg is not None:
                    errors.append(f"{nb_path.stem}: {msg}")
        finally:
            for k, v in saved_env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        if errors:
            res.status = "failed"
            res.error = errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
        res.seconds = time.perf_counter() - t0
        _write_json(tmp / STAMP_FILE, res.to_json())
        _publish(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return res


def _mkdir(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def _tempdir(out: Path, slug: str) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{slug}-", dir=_mkdir(out)))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published report is readable
    return tmp


def _load_record(folder: Path) -> ArticleResult | None:
    try:
        return ArticleResult.from_json(json.loads((folder / STAMP_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _complete(folder: Path, rec: ArticleResult) -> bool:
    return all((folder / r["html"]).is_file() for r in rec.reports if "html" in r)


def build_reports(
    articles: Iterable[str | os.PathLike] | None = None,
    *,
    out_root: str | os.PathLike = "reports",
    seed: int = 0,
    quick: bool = False,
    show_code: bool = False,
    force: bool = False,
    notebooks: Sequence[Path] | None = None,
    timeout: int = 900,
    jobs: int | None = None,
    log: Log = _print,
) -> list[ArticleResult]:
    """Build the reports of the given articles (default: every ``seeds/*.txt``) and the index.

    Returns one :class:`ArticleResult` per article.  Never raises because an
    article or a notebook failed; see the module docstring.
    """
    paths = [resolve(a) for a in articles] if articles is not None else list_articles()
    notebooks = list(notebooks) if notebooks is not None else list_notebooks()
    out = _mkdir(resolve(out_root))
    log(f"Building reports: {len(paths)} article(s) x {len(notebooks)} notebook(s) -> {_rel(out)}/")
    results = []
    t0 = time.perf_counter()
    seen: set[str] = set()
    for i, p in enumerate(paths, 1):
        log(f"[{i}/{len(paths)}] {p.name}")
        slug = slugify(p.name)
        if slug in seen:  # two file names with the same slug ("a b.txt", "a-b.txt")
            slug = f"{slug}-{hashlib.sha1(str(p).encode('utf-8')).hexdigest()[:6]}"
        seen.add(slug)
        results.append(
            build_article(
                p,
                notebooks=notebooks,
                out_root=out,
                seed=seed,
                quick=quick,
                show_code=show_code,
                force=force,
                timeout=timeout,
                jobs=jobs,
                log=log,
                slug=slug,
            )
        )
    index = write_index(out)
    n_ok = sum(r.ok for r in results)
    log(f"Done in {time.perf_counter() - t0:.1f} s: {n_ok} ok, {len(results) - n_ok} failed. Index: {_rel(index)}")
    return results


# --------------------------------------------------------------------------- index

_DASH = "\u2014"


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
    if isinstance(t, dict):
        prob = t.get("probability", t.get("proba", prob))
        t = t.get("label", t.get("name"))
    if t:
        topic = html.escape(str(t))
        if isinstance(prob, (int, float)):
            topic += f" ({float(prob):.2f})"
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
                f"<tr><td>{e(name)}</td><td>{e(str(t['label']))} ({float(t['probability']):.2f})</td>"
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


def write_index(out_root: str | os.PathLike = "reports") -> Path:
    """Write ``<out_root>/index.html`` listing every article report there (escaped, offline).

    Reads each ``<out_root>/<slug>/build.json`` whose article file still exists.
    """
    out = _mkdir(resolve(out_root))
    records: list[tuple[ArticleResult, Path]] = []
    for stamp in sorted(out.glob(f"*/{STAMP_FILE}")):
        rec = _load_record(stamp.parent)
        if rec is None or stamp.parent.name.startswith("."):
            continue
        if not resolve(rec.article).exists():
            continue
        records.append((rec, stamp.parent))
    records.sort(key=lambda rf: rf[0].name)
    rows = []
    for rec, folder in records:
        e = html.escape
        topic, kp, attr = _summary_cells(folder) if rec.ok else (_DASH, _DASH, _DASH)
        links = (
            " · ".join(
                f'<a href="{e(urllib.parse.quote(rec.slug))}/{e(urllib.parse.quote(r["html"]))}">{e(r["notebook"])}</a>'
                for r in rec.reports
                if "html" in r
            )
            or _DASH
        )
        if (folder / "summary.json").is_file():
            links += f' · <a href="{e(urllib.parse.quote(rec.slug))}/summary.json">summary.json</a>'
        status = '<span class="ok">ok</span>' if rec.ok else f'<span class="failed">failed</span>: {e(rec.error or "")}'
        headline = f'<span dir="rtl" class="ar">{e(rec.headline)}</span>' if rec.headline else _DASH
        rows.append(
            f"<tr><td>{e(rec.name)}</td><td>{headline}</td><td>{status}</td>"
            f"<td>{topic}</td><td>{kp}</td><td>{attr}</td><td>{links}</td></tr>"
        )
    from .. import __version__

    comparison = _comparison_html([folder for rec, folder in records if rec.ok])
    body = "\n".join(rows) or '<tr><td colspan="7">No reports built yet. Run <code>make report</code>.</td></tr>'
    page = _INDEX_TEMPLATE.format(
        font=_font_base64(),
        rows=body,
        n=len(records),
        version=html.escape(__version__),
        commit=html.escape(_git_commit()),
        data=html.escape(_data_fingerprint()),
        date=_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        comparison=comparison,
    )
    target = out / "index.html"
    _write_text(target, page)
    return target


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))


_INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Arabic news lab: reports</title>
<style>
@font-face {{ font-family: "Amiri"; src: url(data:font/ttf;base64,{font}) format("truetype"); }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .45em .6em; vertical-align: top; text-align: left; }}
th {{ background: #f3f4f6; }}
.ar, [dir="rtl"] {{ font-family: "Amiri", serif; font-size: 1.15em; }}
td .ar {{ display: block; text-align: right; }}
.ok {{ color: #1a7f37; font-weight: bold; }}
.failed {{ color: #c62828; font-weight: bold; }}
h2 {{ font-size: 1.2em; margin-top: 2em; }} h3 {{ font-size: 1em; }} .note {{ color: #777; }}
footer {{ margin-top: 2em; font-size: .85em; color: #555; }}
</style>
</head>
<body>
<h1>Arabic news lab: article reports</h1>
<p>{n} article(s). Each report opens offline; the dossier fills the topic, keyphrase and attribution columns.</p>
<table>
<thead><tr><th>Article</th><th>Headline</th><th>Status</th><th>Predicted topic (probability)</th><th>Top keyphrases</th><th>Attributions</th><th>Reports</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{comparison}
<footer>arabic_news {version} &middot; git {commit} &middot; data {data} &middot; index written {date} UTC</footer>
</body>
</html>
"""
