"""Execute every notebook from a clean kernel, as the test suite of the lab's analyses.

Two kinds of notebook (see ``arabic_news.report.build``):

* per-article ``notebooks/*.ipynb`` run with ``ARTICLE`` = the featured seed
  article, ``SEED=0``, ``QUICK=True`` and ``FIGURES=""`` -- and again on
  :data:`OTHER_ARTICLES`, articles of other shapes and topics (a one-line
  bulletin without headline, a two-line notice, a single paragraph that is
  mostly numbers and Latin names), whose reports must speak only of
  themselves;
* lab-level ``notebooks/lab/*.ipynb`` (article-independent) run once with
  ``SEED=0``, ``QUICK=True`` and ``FIGURES=""``.

Each is run with papermill (not nbmake: nbmake cannot inject the ``parameters``
cell's values, and the suite must run every notebook with ``QUICK=True``) into
a temporary output notebook; tests never write to ``figures/``.  As in the
report build (:mod:`arabic_news.report.jobs`), an article's notebooks share one
kernel whose namespace is cleared before each notebook
(:class:`arabic_news.report.execute.KernelSession`), so the package, its models
and the encoder load once per article; an article's tests stay on one xdist
worker (``xdist_group``).  Each lab-level notebook gets a kernel of its own.  Any cell
error fails the test.  New notebooks in either folder are picked up
automatically.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from arabic_news.normalise import normalise
from arabic_news.paths import project_root

ROOT = project_root()
ARTICLE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LAB_NOTEBOOKS = sorted((ROOT / "notebooks" / "lab").glob("*.ipynb"))
NOTEBOOKS = ARTICLE_NOTEBOOKS + LAB_NOTEBOOKS
IDS = [p.stem if p.parent.name != "lab" else f"lab/{p.stem}" for p in NOTEBOOKS]
SEED_ARTICLE = "seeds/iraq-nato-security-cooperation.txt"

#: hand-written articles of other shapes and topics (``tests/fixtures/articles``, see its README; no corpus text)
OTHER_ARTICLES = [
    "tests/fixtures/articles/market-bulletin.txt",  # one line, no headline: a market bulletin with figures
    "tests/fixtures/articles/two-line-notice.txt",  # headline + one sentence, no quotation, no stance marker
    "tests/fixtures/articles/legacy-cp1256.txt",  # Windows Arabic (CP-1256), read with encoding="auto"
]
if os.environ.get("ARABIC_NEWS_TEST_ALL_ARTICLES"):  # every fixture article (about 1.5 min more per article)
    OTHER_ARTICLES += sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests/fixtures/articles").glob("*.txt")
        if str(p.relative_to(ROOT)) not in OTHER_ARTICLES
    )
#: words and names distinctive of the featured article; a report of another article names one only if that
#: article contains it (Arabic compared after ``matching`` normalisation, Latin case-insensitively)
FEATURED_WORDS = (
    "الشمري",
    "الناتو",
    "بروكسل",
    "حلف شمال الأطلسي",
    "وزير الداخلية العراقي",
    "بورسو سان",
    "مكافحة تهريب المهاجرين",
    "Shammar",
    "Šammar",
    "NATO",
    "Nātū",
    "Brussels",
    "Iraq",
)
#: the report never speaks of a "featured" or "seed" article (``SEED`` the parameter is upper case)
META_WORDS = re.compile(r"(?i:\bfeatured\b)|\bseed\b|\bseed article")


def _is_lab(notebook: Path) -> bool:
    return notebook.parent.name == "lab"


def _group(article: str) -> pytest.MarkDecorator:
    return pytest.mark.xdist_group(f"notebooks-{Path(article).stem}")


def _notebook_params(notebooks: list[Path]) -> list:
    """Notebooks as parameters; the per-article ones run on the seed article, so they share its xdist group."""
    return [pytest.param(nb, id=i, marks=() if _is_lab(nb) else _group(SEED_ARTICLE)) for nb, i in zip(notebooks, IDS)]


@pytest.fixture(scope="session")  # once per test process: module scope re-ran it when xdist interleaved modules
def kernels(tmp_path_factory):
    """``kernels(article)``: the shared kernel of an article's notebooks in this test process (closed at the end).

    Its report folder ($ARABIC_NEWS_REPORT_DIR) is a temporary one: the dossier notebook writes its data files
    (dossier.json, the CSV tables) there, never into the user's reports/ (a QUICK dossier.json used to replace
    the one ``make report`` had written for the featured article)."""
    from arabic_news.report.execute import KernelSession, kernel_env

    sessions: dict[str, KernelSession] = {}

    def get(article: str) -> KernelSession:
        if article not in sessions:
            sessions[article] = KernelSession(kernel_env(tmp_path_factory.mktemp("report-files")), cwd=ROOT)
        return sessions[article]

    yield get
    for s in sessions.values():
        s.close()


def _execute(notebook: Path, out: Path, article: str | None, session=None) -> dict:
    """Run ``notebook`` with QUICK parameters into ``out`` and return the executed notebook.

    With ``session`` (a :class:`~arabic_news.report.execute.KernelSession`) it runs in that kernel,
    namespace cleared first, as the report build runs an article's notebooks.
    """
    import papermill as pm

    params = {"SEED": 0, "QUICK": True, "FIGURES": ""}
    if article is not None:
        params["ARTICLE"] = article
    if session is not None:
        from arabic_news.report.execute import execute_notebook

        execute_notebook(notebook, out, params, env=session.env, timeout=600, session=session)
        return json.loads(out.read_text("utf-8"))
    pm.execute_notebook(
        str(notebook),
        str(out),
        parameters=params,
        kernel_name="python3",
        cwd=str(ROOT),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=600,
    )
    return json.loads(out.read_text("utf-8"))


def report_prose(nb: dict) -> str:
    """Everything a reader of the report reads, except parameters: markdown cells and every text output."""
    parts = []
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags:
            continue
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
            continue
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stdout":
                parts.append("".join(o["text"]))
            for mime in ("text/markdown", "text/html", "text/plain"):
                if mime in o.get("data", {}):
                    parts.append("".join(o["data"][mime]))
    return "\n".join(parts)


def foreign_mentions(prose: str, article_text: str) -> list[str]:
    """The featured article's distinctive words that ``prose`` names although ``article_text`` does not contain them.

    >>> foreign_mentions("The minister الشمري met NATO.", "قال الوزير إن الاتفاق قريب")
    ['الشمري', 'NATO']
    >>> foreign_mentions("The minister الشمري spoke.", "قال الشمري إن الاتفاق قريب")
    []
    """
    found = []
    norm_prose, norm_text = normalise(prose, profile="matching"), normalise(article_text, profile="matching")
    for w in FEATURED_WORDS:
        if re.search("[\u0600-\u06ff]", w):
            key = normalise(w, profile="matching")
            if key in norm_prose and key not in norm_text:
                found.append(w)
        elif w.lower() in prose.lower() and w.lower() not in article_text.lower():
            found.append(w)
    return found


def _parameters_cell(nb: dict) -> dict | None:
    return next((c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])), None)


def test_both_kinds_of_notebook_exist():
    """The lab has per-article notebooks and lab-level notebooks (the corpus and evaluation reports)."""
    assert ARTICLE_NOTEBOOKS and LAB_NOTEBOOKS
    names = {p.stem for p in LAB_NOTEBOOKS}
    assert {"10-topic-corpus", "11-topic-evaluation", "21-keyword-evaluation", "33-persuasion-evaluation"} <= names


def test_other_articles_differ_from_the_featured_one():
    """The other test articles exist, are hand-written fixtures, and lack the featured article's names."""
    from arabic_news.article import read_article

    featured = read_article(ROOT / SEED_ARTICLE).text
    arabic = " ".join(w for w in FEATURED_WORDS if re.search("[\u0600-\u06ff]", w))
    assert foreign_mentions(arabic, featured) == [], "every Arabic distinctive word is in the featured article"
    assert len(OTHER_ARTICLES) >= 3
    for rel in OTHER_ARTICLES:
        text = read_article(ROOT / rel, encoding="auto").text
        assert rel.startswith("tests/fixtures/")
        assert foreign_mentions(" ".join(FEATURED_WORDS), text), f"{rel} shares every distinctive word"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_follows_conventions(notebook: Path):
    """A notebook has a title, one tagged parameters cell with its names, and is committed without outputs.

    Per-article notebooks take ARTICLE, SEED, QUICK, FIGURES; lab-level ones the same without ARTICLE.
    Per-article notebooks read the article with ``encoding="auto"`` and their static text never speaks of a
    featured or seed article nor names the featured article.
    """
    nb = json.loads(notebook.read_text("utf-8"))
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).lstrip().startswith("# ")
    params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    src = "".join(params[0]["source"])
    names = ("SEED", "QUICK", "FIGURES") if _is_lab(notebook) else ("ARTICLE", "SEED", "QUICK", "FIGURES")
    for name in names:
        assert f"{name} =" in src, f"parameter {name} missing"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    if _is_lab(notebook):
        assert "ARTICLE" not in code, "a lab-level notebook does not depend on the article"
    else:
        assert "read_article(ARTICLE)" not in code, 'read the article with encoding="auto"'
        markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert not META_WORDS.search(markdown), "static text speaks of a featured/seed article"
        assert foreign_mentions(markdown, "") == [], "static text names the featured article"
    outputs = [c for c in nb["cells"] if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not outputs, "commit notebooks with outputs stripped (nbstripout)"
    for banned in ("sys.path", "os.chdir", "!pip", "tqdm.auto", "tqdm.notebook", "/work/"):
        assert banned not in code, f"{banned!r} is not allowed in notebooks"


@pytest.mark.parametrize("notebook", _notebook_params(NOTEBOOKS))
def test_notebook_executes_quick(notebook: Path, tmp_path: Path, kernels):
    """The notebook runs top to bottom with QUICK=True (on the seed article if per-article) without a cell error."""
    if _is_lab(notebook):
        nb = _execute(notebook, tmp_path / notebook.name, None)
    else:
        nb = _execute(notebook, tmp_path / notebook.name, SEED_ARTICLE, kernels(SEED_ARTICLE))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    if notebook.stem == "90-dossier":  # its QUICK data files go to the test's report folder, not to reports/
        written = Path(kernels(SEED_ARTICLE).env["ARABIC_NEWS_REPORT_DIR"]) / "dossier.json"
        assert json.loads(written.read_text("utf-8"))["quick"] is True
        assert ROOT / "reports" not in written.parents


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("article", [pytest.param(a, id=Path(a).stem, marks=_group(a)) for a in OTHER_ARTICLES])
@pytest.mark.parametrize("notebook", ARTICLE_NOTEBOOKS, ids=[p.stem for p in ARTICLE_NOTEBOOKS])
def test_notebook_executes_quick_on_other_articles(notebook: Path, article: str, tmp_path: Path, kernels):
    """A per-article notebook completes on an article of another shape, and its prose speaks only of that article.

    Its report never names the featured article's distinctive words unless the article contains them,
    and never speaks of a "featured" or "seed" article.
    """
    from arabic_news.article import read_article

    nb = _execute(notebook, tmp_path / notebook.name, article, kernels(article))
    errors = [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    prose = report_prose(nb)
    assert foreign_mentions(prose, read_article(ROOT / article, encoding="auto").text) == []
    meta = META_WORDS.findall(prose)
    assert not meta, f"the report speaks of a featured/seed article: {meta}"
    if notebook.stem == "33-persuasion":  # the highest- and lowest-scoring paragraph: one paragraph is shown once
        shown = [
            m
            for c in nb["cells"]
            for o in c.get("outputs", [])
            for m in re.findall(r"<b>¶(\d+)</b>", "".join(o.get("data", {}).get("text/html", "")))
        ]
        assert shown and len(shown) == len(set(shown)), shown
