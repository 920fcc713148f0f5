"""Why cross-outlet errors happen: label-definition mismatch or model error, from a glossed sample.

A weak label is a newspaper section, and a section can hold articles that
SANAD would file elsewhere (a "culture" page carrying a celebrity wedding).
So each outlet's misclassified articles are sampled (:func:`error_sample`,
deterministic: ranked by a seeded hash of the article id) and each sampled
article is judged by a reader, who writes a one-line English gloss of its
headline and a verdict into ``data/topics/error_glosses.tsv``:

``definition``
    the weak label does not fit the article (it belongs to the predicted
    class, or to none of the seven): a label-definition mismatch;
``model``
    the weak label is right and the model is wrong.

Only ids, verdicts and the reader's own glosses are stored -- no corpus text.
:func:`class_error_table` extrapolates the sampled verdict shares to each
(outlet, class) cell's errors.

>>> sorted(load_glosses())[:1] != []
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

__all__ = ["VERDICTS", "load_glosses", "error_sample", "error_table", "class_error_table"]

VERDICTS = {"definition": "label-definition mismatch", "model": "model error"}


def load_glosses() -> dict[str, tuple[str, str]]:
    """``{article id: (verdict, gloss)}`` from ``data/topics/error_glosses.tsv``."""
    from ..datafiles import load_table

    out = {}
    for r in load_table("error_glosses", folder="topics", suffix=".tsv", inline_comments=False):
        if len(r) != 3 or r[1] not in VERDICTS:
            raise ValueError(f"error_glosses.tsv: bad row {r!r} (want id, definition|model, gloss)")
        out[r[0]] = (r[1], r[2])
    return out


def _rank(seed: int, doc_id: str) -> str:
    return hashlib.blake2b(f"{seed}:{doc_id}".encode(), digest_size=8).hexdigest()


def error_sample(
    preds: Sequence[dict[str, Any]], data: Any, recipe: str, *, per_outlet: int = 8, seed: int = 0
) -> list[dict[str, Any]]:
    """Up to ``per_outlet`` misclassified articles per left-out outlet (ids, labels, confidence; no text)."""
    out = []
    rows = [r for r in preds if r["recipe"] == recipe and "row" in r and not r["test_outlet"].startswith("alkhaleej")]
    for o in dict.fromkeys(r["test_outlet"] for r in rows):
        wrong = [r for r in rows if r["test_outlet"] == o and r["label"] != r["pred"]]
        wrong.sort(key=lambda r: _rank(seed, data.corpus.documents[r["row"]].id))
        for r in wrong[:per_outlet]:
            d = data.corpus.documents[r["row"]]
            out.append(
                {
                    "id": d.id,
                    "outlet": d.outlet,
                    "test_outlet": o,
                    "label": r["label"],
                    "pred": r["pred"],
                    "confidence": round(max(r["proba"]), 3),
                }
            )
    return out


def error_table(sample: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sample with each article's gloss and verdict (``None`` where no gloss has been written yet)."""
    gl = load_glosses()
    return [
        {
            **s,
            "verdict": VERDICTS[gl[s["id"]][0]] if s["id"] in gl else None,
            "gloss": gl[s["id"]][1] if s["id"] in gl else None,
        }
        for s in sample
    ]


def class_error_table(
    preds: Sequence[dict[str, Any]], recipe: str, table: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per (left-out outlet, weak class): articles, recall, errors, and how the glossed errors split.

    ``definition_share`` is the share of glossed errors judged label-definition
    mismatch; ``model_error_rate`` = errors x (1 - that share) / articles, an
    estimate of the recall lost to the model alone.
    """
    rows = [r for r in preds if r["recipe"] == recipe and "row" in r and not r["test_outlet"].startswith("alkhaleej")]
    out = []
    for o in dict.fromkeys(r["test_outlet"] for r in rows):
        for c in sorted({r["label"] for r in rows if r["test_outlet"] == o}):
            cell = [r for r in rows if r["test_outlet"] == o and r["label"] == c]
            errors = sum(r["pred"] != c for r in cell)
            judged = [t for t in table if t["test_outlet"] == o and t["label"] == c and t["verdict"]]
            ndef = sum(t["verdict"] == VERDICTS["definition"] for t in judged)
            share = ndef / len(judged) if judged else None
            out.append(
                {
                    "test_outlet": o,
                    "class": c,
                    "n": len(cell),
                    "recall": round(1 - errors / len(cell), 4),
                    "errors": errors,
                    "glossed": len(judged),
                    "definition": ndef,
                    "model": len(judged) - ndef,
                    "definition_share": None if share is None else round(share, 2),
                    "model_error_rate": None if share is None else round(float(errors * (1 - share) / len(cell)), 4),
                }
            )
    return out
