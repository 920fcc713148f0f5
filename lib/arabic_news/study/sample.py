"""The study's tables for reports: the full ``make corpus`` run if present, else a cached seeded sample.

The full run lives in ``<project>/studies/saudinewsnet`` (``make corpus``).  When it
is absent (or incomplete), :func:`study_tables` runs the study on a seeded sample
of the *de-duplicated* SaudiNewsNet (:data:`SAMPLE_SIZE` articles with the full
models; :data:`QUICK_SAMPLE_SIZE` with the quick models in QUICK mode), once per
code + data + parameters, in the lab's cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .runner import read_table
from .schema import TABLES

__all__ = [
    "deduplicated_saudinewsnet",
    "SAMPLE_SIZE",
    "QUICK_SAMPLE_SIZE",
    "StudyTables",
    "study_tables",
    "full_study_dir",
    "load_tables",
]

#: De-duplicated SaudiNewsNet articles in the sample study (full models).
SAMPLE_SIZE = 1000
#: ... and in QUICK mode (quick models, in-process).
QUICK_SAMPLE_SIZE = 150


@dataclass
class StudyTables:
    """The four tables plus where they came from (``kind`` is ``"full"`` or ``"sample"``)."""

    tables: dict[str, pd.DataFrame]
    kind: str
    path: Path
    size: int
    corpus_size: int | None = None
    duplicates: dict[str, Any] = field(default_factory=dict)
    quick: bool = False

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def full_study_dir() -> Path:
    """Where ``make corpus`` writes SaudiNewsNet's tables."""
    from ..paths import project_root

    return project_root() / "studies" / "saudinewsnet"


def load_tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a study folder as pandas DataFrames."""
    return {t: read_table(out, t) for t in TABLES}


def _complete(out: Path) -> bool:
    run = out / "run.json"
    if not run.exists():
        return False
    try:
        info = json.loads(run.read_text("utf-8"))
    except ValueError:
        return False
    return info.get("partitions_run", 0) + info.get("partitions_skipped", 0) > 0 and not info.get("interrupted")


def _snn_dir() -> Path:
    from ..paths import data_path

    return data_path("corpora", "saudinewsnet", "dataset")


def _sample_key(n: int, seed: int, quick: bool) -> str:
    from ..cache import data_fingerprint, fingerprint
    from .runner import code_version

    return fingerprint(code_version(), data_fingerprint(_snn_dir()), n=n, seed=seed, quick=quick)


def deduplicated_saudinewsnet() -> dict[str, Any]:
    """Ids of the de-duplicated SaudiNewsNet articles and the de-duplication report (cached; minutes cold)."""
    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint
    from .dedup import deduplicate
    from .sources import iter_source

    key = fingerprint(
        code_fingerprint("arabic_news.study.dedup", "arabic_news.study.sources", "arabic_news.topics.dedup"),
        data_fingerprint(_snn_dir()),
    )

    def build() -> dict[str, Any]:
        kept, report = deduplicate(iter_source(_snn_dir()))
        return {"kept": [it.id for it in kept if it.error is None], "report": report}

    return cached("study-dedup", key, build)


def _build_sample(n: int, seed: int, quick: bool, key: str) -> dict[str, Any]:
    import numpy as np

    from ..paths import cache_dir
    from .runner import run_study
    from .sources import iter_source

    dd = deduplicated_saudinewsnet()
    report, kept = dd["report"], dd["kept"]
    rng = np.random.default_rng(seed)
    chosen = {kept[i] for i in rng.choice(len(kept), size=min(n, len(kept)), replace=False)}
    items = [it for it in iter_source(_snn_dir()) if it.id in chosen]
    out = cache_dir("study-sample", key)
    # In-process (the runner's plain loop), not a local cluster: the sample is built by a warm-up step of
    # ``make report`` that already runs beside the other steps on both cores, where a cluster's two worker
    # processes only add their start-up and a second load of every model (about 15 CPU-s of 67 on the
    # 2-core machine); the tables are the same either way.  ``make corpus`` runs the full study on Dask.
    run_study(
        items,
        out,
        scheduler="inline",
        partition_size=50 if quick else 100,
        seed=seed,
        quick=quick,
        dedup=False,
    )
    return {"dir": str(out), "size": len(items), "corpus_size": report["input"], "duplicates": report}


def study_tables(*, seed: int = 0, quick: bool = False, prefer_full: bool = True) -> StudyTables:
    """The full SaudiNewsNet tables when ``make corpus`` has built them, else the cached sample.

    Parameters
    ----------
    seed : int
        Seed of the sample and of the models.
    quick : bool
        Use the small quick sample (QUICK notebooks, tests) even if the full tables exist.
    prefer_full : bool
        ``False``: always the sample.
    """
    from ..cache import cached

    full = full_study_dir()
    if prefer_full and not quick and _complete(full):
        dup = full / "duplicates.json"
        report = json.loads(dup.read_text("utf-8")) if dup.exists() else {}
        tables = load_tables(full)
        n = len(tables["articles"]) + len(tables["errors"])
        return StudyTables(tables, "full", full, n, report.get("input"), report, False)
    from ..paths import cache_dir

    n = QUICK_SAMPLE_SIZE if quick else SAMPLE_SIZE
    key = _sample_key(n, seed, quick)
    # The tables live in the cache folder of this key, wherever the cache is now: the entry's own "dir"
    # is where they were written, which is stale once a cache folder is moved or copied.
    out = cache_dir("study-sample", key)
    info = cached("study-sample", key, lambda: _build_sample(n, seed, quick, key))
    if not _complete(out):  # the entry outlived its tables (folder deleted, cache copied in part): rebuild
        entry = cache_dir("study-sample") / f"{key}.json"
        entry.unlink(missing_ok=True)
        info = cached("study-sample", key, lambda: _build_sample(n, seed, quick, key))
    return StudyTables(
        load_tables(out),
        "sample",
        out,
        info["size"],
        info["corpus_size"],
        info["duplicates"],
        quick,
    )
