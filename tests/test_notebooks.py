"""Execute every notebook in notebooks/ from a clean kernel, as the test suite of the lab's analyses.

Each ``notebooks/*.ipynb`` is run with papermill (not nbmake: nbmake cannot inject
the ``parameters`` cell's values, and the suite must run every notebook with
``QUICK=True``) with ``ARTICLE`` = the featured seed article, ``SEED=0``,
``QUICK=True`` and ``FIGURES=""`` (tests never write to ``figures/``), into a
temporary output notebook.  Any cell error fails the test.  New notebooks are
picked up automatically.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_news.paths import project_root

ROOT = project_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SEED_ARTICLE = "seeds/iraq-nato-security-cooperation.txt"


def _parameters_cell(nb: dict) -> dict | None:
    return next((c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])), None)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_follows_conventions(notebook: Path):
    """A notebook has a title, one tagged parameters cell with the four names, and is committed without outputs."""
    nb = json.loads(notebook.read_text("utf-8"))
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).lstrip().startswith("# ")
    params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    src = "".join(params[0]["source"])
    for name in ("ARTICLE", "SEED", "QUICK", "FIGURES"):
        assert f"{name} =" in src, f"parameter {name} missing"
    outputs = [c for c in nb["cells"] if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not outputs, "commit notebooks with outputs stripped (nbstripout)"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for banned in ("sys.path", "os.chdir", "!pip", "tqdm.auto", "tqdm.notebook", "/work/"):
        assert banned not in code, f"{banned!r} is not allowed in notebooks"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_quick(notebook: Path, tmp_path: Path):
    """The notebook runs top to bottom with QUICK=True on the seed article without a cell error."""
    import papermill as pm

    out = tmp_path / notebook.name
    pm.execute_notebook(
        str(notebook),
        str(out),
        parameters={"ARTICLE": SEED_ARTICLE, "SEED": 0, "QUICK": True, "FIGURES": ""},
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
