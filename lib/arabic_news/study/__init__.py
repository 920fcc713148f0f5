"""Corpus studies: every per-article analysis over a whole corpus, on Dask, into Parquet tables.

``run_study(source, out)`` (or ``python -m arabic_news study run SOURCE --out DIR``)
streams a corpus (:mod:`.sources`), drops duplicates (:mod:`.dedup`), analyses each
article (:mod:`.rows`: topic, keyphrases, attributions, stance markers, persuasion)
on a Dask cluster (:mod:`.runner`), and writes the tables documented in :mod:`.schema`.
:mod:`.stats` summarises them (shares by outlet, trends by day, percentiles of one
article) for the lab-level notebook ``40-corpus-study``.
"""

from __future__ import annotations

from .runner import StudyResult, read_table, run_study
from .schema import SCHEMA_VERSION, TABLES
from .sources import Item, SourceError, iter_source

__all__ = ["run_study", "read_table", "StudyResult", "SCHEMA_VERSION", "TABLES", "Item", "SourceError", "iter_source"]
