"""Build the lab's HTML reports: the lab-level reports once, every article's notebooks, and an index.

Two kinds of report (see the README, *Notebooks*):

* **lab-level** -- ``notebooks/lab/*.ipynb`` (corpus profile, classifier,
  keyword and persuasion evaluations): article-independent, built once per
  data + code fingerprint into ``reports/lab/`` with parameters ``SEED``,
  ``QUICK`` and ``FIGURES``;
* **per-article** -- ``notebooks/*.ipynb``: run for each article (default
  ``seeds/*.txt``) into ``reports/<slug>/`` with ``ARTICLE`` too.

For each article the builder

1. reads it with :func:`~arabic_news.read_article` (``encoding="auto"``: UTF-8 with or
   without BOM, UTF-16 with a BOM, CP-1256; the encoding used is shown in the index
   and in each report's provenance) -- a bad file (empty, not
   Arabic, binary, undecodable, too large...) is listed in the index as failed with
   that one-line message and nothing is executed;
2. skips it when its stamp (article bytes, notebooks, package code and
   templates, data fingerprint, seed, quick flag, figures folder, show-code
   option) matches the last build (the lab-level reports likewise, without
   the article);
3. executes its notebooks with papermill (:mod:`.execute`; ``FIGURES`` is
   ``"figures"`` only for the README's featured article and the lab-level
   reports in full runs, else ``""``) in a temporary folder;
4. converts each executed notebook to HTML (:mod:`.render`);
5. moves the finished folder into place in one rename, so a report is never
   half-written.

Everything runs as one Dask graph on the local threads scheduler with
``jobs`` workers (each papermill job starts its own kernel process, so
threads only wait): the article-independent warm-up steps of
:mod:`.warmup` (each in its own process, in parallel where independent), and
every notebook of every report, each as soon as the warm-up steps it reads
are done (:data:`.warmup.NOTEBOOK_NEEDS`), the synthesis notebooks (``9x``) of
an article after its other notebooks and every step.  A notebook that fails marks its article
as failed (with the notebook and the error in one line) without stopping any
other notebook; the notebooks that succeeded are still published.

``reports/index.html`` (:mod:`.index`) lists the lab-level reports once and
every article built.

size: about 430 lines, a tenth of them this docstring; the rest is the two
planners (article, lab-level) and the public entry points, which read best together.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..article import Article, read_article, slugify
from ..cache import code_fingerprint, fingerprint
from ..paths import project_root, resolve
from .execute import REPORT_DIR_ENV, default_jobs, schedule
from .index import LAB_DIR, write_index
from .jobs import (
    STAMP_FILE,
    STAMP_VERSION,
    ArticleResult,
    Job,
    Log,
    complete,
    load_record,
    mkdir,
    publish,
    run_jobs,
    short_error,
    tempdir,
    write_json,
)
from .render import TEMPLATE_NAME, data_fingerprint_all, postprocess_html, provenance, render_notebook

__all__ = [
    "REPORT_DIR_ENV",
    "FEATURED_ARTICLE",
    "TEMPLATE_NAME",
    "LAB_DIR",
    "output_dir",
    "list_articles",
    "list_notebooks",
    "list_lab_notebooks",
    "provenance",
    "render_notebook",
    "postprocess_html",
    "build_article",
    "build_reports",
    "write_index",
    "schedule",
    "default_jobs",
    "ArticleResult",
]

#: The article whose figures the README shows (its notebooks get ``FIGURES="figures"``).
FEATURED_ARTICLE = "seeds/iraq-nato-security-cooperation.txt"


def _print(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- inputs


def output_dir(article: Article | str | os.PathLike | None = None) -> Path:
    """The folder where a notebook writes files that belong to an article's report.

    During ``make report`` this is the (temporary) folder being built, given by
    ``$ARABIC_NEWS_REPORT_DIR`` in the kernel's environment; when a notebook
    runs by hand it is ``reports/<article-slug>/`` under the project root.
    Created if missing.

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
    """The per-article notebooks: ``notebooks/*.ipynb``, sorted by name (phase order)."""
    root = root or project_root()
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if not p.name.startswith("."))


def list_lab_notebooks(root: Path | None = None) -> list[Path]:
    """The lab-level notebooks: ``notebooks/lab/*.ipynb``, sorted by name."""
    root = root or project_root()
    return sorted(p for p in (root / "notebooks" / LAB_DIR).glob("*.ipynb") if not p.name.startswith("."))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rel(path: Path) -> str:
    """Path relative to the project root when inside it (as notebook parameters expect)."""
    try:
        return Path(path).resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def _stamp(
    article_bytes: bytes | None,
    notebooks: Sequence[Path],
    *,
    seed: int,
    quick: bool,
    figures: str,
    show_code: bool,
) -> str:
    return fingerprint(
        STAMP_VERSION,
        _sha256(article_bytes) if article_bytes is not None else "lab",
        [(p.name, _sha256(p.read_bytes())) for p in notebooks],
        code_fingerprint("arabic_news"),
        data_fingerprint_all(),
        _study_state(quick),
        seed=seed,
        quick=bool(quick),
        figures=figures,
        show_code=bool(show_code),
    )


def _study_state(quick: bool) -> str:
    """Which corpus-study tables the reports read: ``make corpus``'s full run (its ``run.json``) or the sample.

    Part of every stamp, so that reports built on the sample are rebuilt once ``make corpus`` has run
    (lab report 40 and the dossiers' corpus percentiles then use the full tables).
    """
    if quick:
        return "sample"  # QUICK reports always use the quick sample (arabic_news.study.sample.study_tables)
    from ..study.sample import full_study_dir

    try:
        return "full:" + _sha256((full_study_dir() / "run.json").read_bytes())
    except OSError:
        return "sample"


def _plan_article(
    article_path: str | os.PathLike,
    *,
    notebooks: Sequence[Path],
    out: Path,
    seed: int,
    quick: bool,
    figures: str | None,
    show_code: bool,
    force: bool,
    timeout: int,
    log: Log,
    slug: str | None,
) -> ArticleResult | Job:
    """A finished result (bad article, unchanged and skipped) or the job that builds the article."""
    t0 = time.perf_counter()
    src = resolve(article_path)
    rel = _rel(src)
    slug = slug or slugify(src.name)
    res = ArticleResult(article=rel, slug=slug, name=src.name)
    if figures is None:
        figures = "figures" if rel == FEATURED_ARTICLE and not quick else ""  # README figures come from full runs
    final = out / slug
    try:
        article = read_article(src, encoding="auto")
    except Exception as e:  # noqa: BLE001 -- a bad article is reported, not raised
        res.status, res.error = "failed", short_error(e)
        raw = src.read_bytes() if src.is_file() else b""
        res.stamp = _stamp(raw, notebooks, seed=seed, quick=quick, figures=figures, show_code=show_code)
        log(f"  {src.name}: bad article: {res.error}")
        tmp = tempdir(out, slug)
        res.seconds = time.perf_counter() - t0
        write_json(tmp / STAMP_FILE, res.to_json())
        publish(tmp, final)
        return res
    res.headline = article.title
    res.encoding = article.encoding
    res.stamp = _stamp(src.read_bytes(), notebooks, seed=seed, quick=quick, figures=figures, show_code=show_code)
    prev = load_record(final)
    if not force and prev is not None and prev.stamp == res.stamp and complete(final, prev):
        prev.status = "skipped-ok" if prev.ok else "skipped-failed"
        log(f"  {src.name}: unchanged, skipped ({'ok' if prev.ok else 'failed: ' + str(prev.error)})")
        return prev
    return Job(
        res=res,
        notebooks=list(notebooks),
        params={"ARTICLE": rel, "SEED": int(seed), "QUICK": bool(quick), "FIGURES": figures},
        tmp=tempdir(out, slug),
        final=final,
        article=article,
        label=src.name,
        seed=seed,
        quick=quick,
        show_code=show_code,
        timeout=timeout,
        log=log,
        t0=t0,
        prev_seconds={r["notebook"]: float(r.get("seconds", 0.0)) for r in (prev.reports if prev else [])},
    )


def _plan_lab(
    notebooks: Sequence[Path],
    *,
    out: Path,
    seed: int,
    quick: bool,
    figures: str | None,
    show_code: bool,
    force: bool,
    timeout: int,
    log: Log,
) -> ArticleResult | Job:
    """The lab-level reports: skipped when their stamp matches, else the job that builds them."""
    if figures is None:
        figures = "" if quick else "figures"
    res = ArticleResult(article=LAB_DIR, slug=LAB_DIR, name="lab-level reports", headline=None)
    res.stamp = _stamp(None, notebooks, seed=seed, quick=quick, figures=figures, show_code=show_code)
    final = out / LAB_DIR
    prev = load_record(final)
    if not force and prev is not None and prev.stamp == res.stamp and complete(final, prev):
        prev.status = "skipped-ok" if prev.ok else "skipped-failed"
        log(f"  lab-level reports: unchanged, skipped ({'ok' if prev.ok else 'failed: ' + str(prev.error)})")
        return prev
    return Job(
        res=res,
        notebooks=list(notebooks),
        params={"SEED": int(seed), "QUICK": bool(quick), "FIGURES": figures},
        tmp=tempdir(out, LAB_DIR),
        final=final,
        article=None,
        label="lab",
        seed=seed,
        quick=quick,
        show_code=show_code,
        timeout=timeout,
        log=log,
        t0=time.perf_counter(),
        prev_seconds={r["notebook"]: float(r.get("seconds", 0.0)) for r in (prev.reports if prev else [])},
    )


# --------------------------------------------------------------------------- public


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
    workers = default_jobs() if jobs is None else max(1, int(jobs))
    out = resolve(out_root)
    plan = _plan_article(
        article_path,
        notebooks=list(notebooks) if notebooks is not None else list_notebooks(),
        out=out,
        seed=seed,
        quick=quick,
        figures=figures,
        show_code=show_code,
        force=force,
        timeout=timeout,
        log=log,
        slug=slug,
    )
    if isinstance(plan, ArticleResult):
        return plan
    return run_jobs([plan], workers=workers, warm=(), seed=seed, quick=quick, log=log)[0]


def build_reports(
    articles: Iterable[str | os.PathLike] | None = None,
    *,
    out_root: str | os.PathLike = "reports",
    seed: int = 0,
    quick: bool = False,
    show_code: bool = False,
    force: bool = False,
    notebooks: Sequence[Path] | None = None,
    lab_notebooks: Sequence[Path] | None = None,
    warm: bool | None = None,
    figures: str | None = None,
    timeout: int = 900,
    jobs: int | None = None,
    log: Log = _print,
) -> list[ArticleResult]:
    """Build the lab-level reports, the reports of the given articles (default: every ``seeds/*.txt``) and the index.

    Parameters
    ----------
    notebooks, lab_notebooks : sequence of Path, optional
        Per-article and lab-level notebooks.  Default: :func:`list_notebooks`
        and :func:`list_lab_notebooks`; when ``notebooks`` is given, no
        lab-level notebook runs unless ``lab_notebooks`` is given too.
    warm : bool, optional
        Run the warm-up steps of :mod:`.warmup` first (default: when the lab's
        own notebooks are built).
    figures : str, optional
        ``FIGURES`` for the featured article and the lab-level reports
        (default ``"figures"`` in full runs, ``""`` with ``quick``); ``""``
        never writes figures.

    Returns one :class:`ArticleResult` per article (the lab-level result is
    logged and recorded in ``reports/lab/build.json``).  Never raises because
    an article or a notebook failed; see the module docstring.
    """
    own = notebooks is None
    paths = [resolve(a) for a in articles] if articles is not None else list_articles()
    notebooks = list(notebooks) if notebooks is not None else list_notebooks()
    lab_nbs = list(lab_notebooks) if lab_notebooks is not None else (list_lab_notebooks() if own else [])
    warm = own if warm is None else warm
    workers = default_jobs() if jobs is None else max(1, int(jobs))
    out = mkdir(resolve(out_root))
    log(
        f"Building reports: {len(lab_nbs)} lab-level notebook(s); {len(paths)} article(s) x {len(notebooks)} "
        f"notebook(s) -> {_rel(out)}/ ({workers} at once)"
    )
    t0 = time.perf_counter()
    common = {"out": out, "seed": seed, "quick": quick, "show_code": show_code, "force": force, "timeout": timeout}
    plans: list[ArticleResult | Job] = []
    lab_plan = _plan_lab(lab_nbs, figures=figures, log=log, **common) if lab_nbs else None
    seen: set[str] = {LAB_DIR}
    for i, p in enumerate(paths, 1):
        log(f"[{i}/{len(paths)}] {p.name}")
        slug = slugify(p.name)
        if slug in seen:  # two file names with the same slug ("a b.txt", "a-b.txt"), or an article called "lab"
            slug = f"{slug}-{hashlib.sha1(str(p).encode('utf-8')).hexdigest()[:6]}"
        seen.add(slug)
        art_figures = None if figures is None else (figures if _rel(p) == FEATURED_ARTICLE else "")
        plans.append(_plan_article(p, notebooks=notebooks, figures=art_figures, log=log, slug=slug, **common))
    to_run = [p for p in ([lab_plan] + plans) if isinstance(p, Job)]
    if to_run:
        from .warmup import default_warmups

        done = run_jobs(
            to_run, workers=workers, warm=default_warmups() if warm else (), seed=seed, quick=quick, log=log
        )
        by_slug = {r.slug: r for r in done}
        plans = [by_slug[p.res.slug] if isinstance(p, Job) else p for p in plans]
        if isinstance(lab_plan, Job):
            lab_plan = by_slug[LAB_DIR]
    results = [p for p in plans if isinstance(p, ArticleResult)]
    index = write_index(out)
    n_ok = sum(r.ok for r in results)
    lab_note = ""
    if isinstance(lab_plan, ArticleResult):
        lab_note = f"lab-level reports {'ok' if lab_plan.ok else 'failed: ' + str(lab_plan.error)}; "
    log(
        f"Done in {time.perf_counter() - t0:.1f} s: {lab_note}{n_ok} article(s) ok, {len(results) - n_ok} failed. "
        f"Index: {_rel(index)}"
    )
    return results
