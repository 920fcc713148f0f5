"""Execute every notebook from a clean kernel, as the test suite of the lab's analyses.

Two kinds of notebook (see ``arabic_news.report.build``):

* per-article ``notebooks/*.ipynb`` run with ``ARTICLE`` = the featured seed
  article, ``SEED=0``, ``QUICK=True`` and ``FIGURES=""``;
* lab-level ``notebooks/lab/*.ipynb`` (article-independent) run once with
  ``SEED=0``, ``QUICK=True`` and ``FIGURES=""``.

Each is run with papermill (not nbmake: nbmake cannot inject the ``parameters``
cell's values, and the suite must run every notebook with ``QUICK=True``) into
a temporary output notebook; tests never write to ``figures/``.  Any cell
error fails the test.  New notebooks in either folder are picked up
automatically.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_news.paths import project_root

ROOT = project_root()
ARTICLE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LAB_NOTEBOOKS = sorted((ROOT / "notebooks" / "lab").glob("*.ipynb"))
NOTEBOOKS = ARTICLE_NOTEBOOKS + LAB_NOTEBOOKS
IDS = [p.stem if p.parent.name != "lab" else f"lab/{p.stem}" for p in NOTEBOOKS]
SEED_ARTICLE = "seeds/iraq-nato-security-cooperation.txt"


def _is_lab(notebook: Path) -> bool:
    return notebook.parent.name == "lab"


def _parameters_cell(nb: dict) -> dict | None:
    return next((c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])), None)


def test_both_kinds_of_notebook_exist():
    """The lab has per-article notebooks and lab-level notebooks (the corpus and evaluation reports)."""
    assert ARTICLE_NOTEBOOKS and LAB_NOTEBOOKS
    names = {p.stem for p in LAB_NOTEBOOKS}
    assert {"10-topic-corpus", "11-topic-evaluation", "21-keyword-evaluation", "33-persuasion-evaluation"} <= names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_follows_conventions(notebook: Path):
    """A notebook has a title, one tagged parameters cell with its names, and is committed without outputs.

    Per-article notebooks take ARTICLE, SEED, QUICK, FIGURES; lab-level ones the same without ARTICLE.
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
    if _is_lab(notebook):
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert "ARTICLE" not in code, "a lab-level notebook does not depend on the article"
    outputs = [c for c in nb["cells"] if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not outputs, "commit notebooks with outputs stripped (nbstripout)"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for banned in ("sys.path", "os.chdir", "!pip", "tqdm.auto", "tqdm.notebook", "/work/"):
        assert banned not in code, f"{banned!r} is not allowed in notebooks"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_executes_quick(notebook: Path, tmp_path: Path):
    """The notebook runs top to bottom with QUICK=True (on the seed article if per-article) without a cell error."""
    import papermill as pm

    params = {"SEED": 0, "QUICK": True, "FIGURES": ""}
    if not _is_lab(notebook):
        params["ARTICLE"] = SEED_ARTICLE
    out = tmp_path / notebook.name
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
    nb = json.loads(out.read_text("utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
