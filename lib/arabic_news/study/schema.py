"""The study's tables and their schema (version :data:`SCHEMA_VERSION`).

Each table is a folder of Parquet files, one per partition
(``<out>/<table>/part-NNNNN.parquet``); read a whole table with
``pandas.read_parquet(out / "articles")`` or DuckDB's
``read_parquet('<out>/articles/*.parquet')``.

``articles`` -- one row per analysed article
    ``id``, ``outlet``, ``date``, ``title``, ``label`` (the source's own label, if any),
    ``words``, ``paragraphs`` (units classified for persuasion) and ``paragraph_kind``
    (``lines`` or ``sentence-windows``), ``topic``, ``probability``, ``runner_up``,
    ``runner_up_probability``, ``outside_labels``; stance-marker densities per 1,000
    words ``booster``, ``hedge``, ``emphasis``, ``evaluative``; attribution counts
    ``attributions``, ``speakers``, one ``src_<type>`` column per source type
    (:data:`SOURCE_TYPES`) and one ``verb_<strength>`` column per verb strength
    (:data:`STRENGTHS`); ``persuasive_share`` (share of units flagged persuasive).
``keyphrases`` -- ``id``, ``rank`` (1 = best), ``text``, ``lemma``, ``score``.
``attributions`` -- ``id``, ``cue``, ``strength``, ``speaker``, ``speaker_id``,
    ``source_type``, ``cue_start``, ``cue_end``, ``speaker_start``, ``speaker_end``
    (offsets into the analysed text: headline, newline, content).
``errors`` -- ``id``, ``error`` (one line): inputs that could not be analysed.

The tables hold names and fragments of the articles: the output folder is
git-ignored and inherits the corpus licence.
"""

from __future__ import annotations

import pyarrow as pa

from ..rhetoric.attribution import SOURCE_TYPES, STRENGTHS

__all__ = ["SCHEMA_VERSION", "SOURCE_TYPES", "STRENGTHS", "MARKER_KINDS", "TABLES", "schema"]

SCHEMA_VERSION = "arabic-news-study/1"
MARKER_KINDS = ("booster", "hedge", "emphasis", "evaluative")

_s, _i, _f, _b = pa.string(), pa.int32(), pa.float64(), pa.bool_()

TABLES: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _s),
            ("outlet", _s),
            ("date", _s),
            ("title", _s),
            ("label", _s),
            ("words", _i),
            ("paragraphs", _i),
            ("paragraph_kind", _s),
            ("topic", _s),
            ("probability", _f),
            ("runner_up", _s),
            ("runner_up_probability", _f),
            ("outside_labels", _b),
            *[(k, _f) for k in MARKER_KINDS],
            ("attributions", _i),
            ("speakers", _i),
            *[(f"src_{t}", _i) for t in SOURCE_TYPES],
            *[(f"verb_{s}", _i) for s in STRENGTHS],
            ("persuasive_share", _f),
        ]
    ),
    "keyphrases": pa.schema([("id", _s), ("rank", _i), ("text", _s), ("lemma", _s), ("score", _f)]),
    "attributions": pa.schema(
        [
            ("id", _s),
            ("cue", _s),
            ("strength", _s),
            ("speaker", _s),
            ("speaker_id", _s),
            ("source_type", _s),
            ("cue_start", _i),
            ("cue_end", _i),
            ("speaker_start", _i),
            ("speaker_end", _i),
        ]
    ),
    "errors": pa.schema([("id", _s), ("error", _s)]),
}


def schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table`` (with the schema version in its metadata)."""
    if table not in TABLES:
        raise ValueError(f"unknown study table {table!r}; known: {', '.join(TABLES)}")
    return TABLES[table].with_metadata({"schema": SCHEMA_VERSION, "table": table})
