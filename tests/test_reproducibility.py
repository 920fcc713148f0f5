"""Reproducibility: two builds of the same article give the same numbers, tables and figures.

The second build runs with an empty cache, so every cached model and corpus
statistic (topic model, keyword background, persuasion model, marker
distributions) is rebuilt from the data with the same seed; its dossier JSON,
CSV tables and every figure embedded in the HTML must be identical to the
first build's.  QUICK mode keeps this to a minute or two.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_news.paths import project_root

# one pytest-xdist worker runs the whole module, so its module-scoped builds run once (make test: -n 2 --dist loadgroup)
pytestmark = pytest.mark.xdist_group("reproducibility")

ROOT = project_root()
ARTICLE = "seeds/iraq-nato-security-cooperation.txt"
NOTEBOOKS = ["notebooks/00-the-article.ipynb", "notebooks/90-dossier.ipynb"]


def build(out: Path, cache: Path | None) -> subprocess.CompletedProcess:
    # MPLBACKEND=Agg (as many CI set-ups export) must not drop the figures from the reports
    env = dict(os.environ, ARABIC_NEWS_PROGRESS="0", MPLBACKEND="Agg")
    if cache is not None:
        env["ARABIC_NEWS_CACHE"] = str(cache)
    args = [sys.executable, "-m", "arabic_news", "report", "build", ARTICLE, "--quick", "--force", "--out", str(out)]
    for nb in NOTEBOOKS:
        args += ["--notebook", nb]
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=1500)


def figure_hashes(folder: Path) -> dict[str, list[str]]:
    """SHA-256 of every PNG embedded in each HTML report of ``folder``."""
    out = {}
    for page in sorted(folder.glob("*.html")):
        pngs = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)", page.read_text("utf-8"))
        out[page.name] = [hashlib.sha256(base64.b64decode(p)).hexdigest() for p in pngs]
    return out


@pytest.fixture(scope="session")  # once per test process: module scope re-ran it when xdist interleaved modules
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("repro")
    figures_before = {p.name: p.read_bytes() for p in (ROOT / "figures").glob("*.png")}
    first = build(base / "a", None)  # the shared cache (warm if other tests ran)
    second = build(base / "b", base / "fresh-cache")  # everything rebuilt from the data
    figures_after = {p.name: p.read_bytes() for p in (ROOT / "figures").glob("*.png")}
    return first, second, base, figures_before, figures_after


def test_both_builds_succeed(two_builds):
    first, second, base, *_ = two_builds
    for proc in (first, second):
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for run in ("a", "b"):
        rec = json.loads(next((base / run).glob("*/build.json")).read_text("utf-8"))
        assert rec["error"] is None, rec


def test_same_dossier_and_tables(two_builds):
    """dossier.json, summary.json and every CSV are byte-identical across the two builds."""
    _, _, base, *_ = two_builds
    a = next((base / "a").glob("*/dossier.json")).parent
    b = next((base / "b").glob("*/dossier.json")).parent
    names = sorted(p.name for p in a.iterdir() if p.suffix in (".json", ".csv") and p.name != "build.json")
    assert {"dossier.json", "summary.json", "keywords.csv", "attributions.csv"} <= set(names)
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), f"{n} differs between builds"


def test_same_figures(two_builds):
    """Every figure embedded in the reports has the same hash in both builds."""
    _, _, base, *_ = two_builds
    a = next((base / "a").glob("*/dossier.json")).parent
    b = next((base / "b").glob("*/dossier.json")).parent
    ha, hb = figure_hashes(a), figure_hashes(b)
    assert sum(len(v) for v in ha.values()) >= 3
    assert ha == hb


def test_quick_builds_leave_readme_figures_alone(two_builds):
    """QUICK builds never overwrite the committed README figures (those come from full runs)."""
    *_, before, after = two_builds
    assert before == after
