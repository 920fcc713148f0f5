"""Scoring attribution against hand annotation (``bench/attribution.py``, tests and notebook 30 call it).

**The lab's passages** (``arabic_news/data/gold/passages/``, written by the lab, not taken from any
data set): ``gold.json`` maps passage file names to ``{"split", "attributions": [{"cue", "nth",
"speaker", "source_type"}]}``: ``cue`` is the cue token as written, ``nth`` which occurrence of it
(whole-token match, headline included), ``speaker`` a distinctive part of the resolved speaker's
name.  A prediction is correct when its cue span overlaps the gold cue and the gold speaker string
occurs in the predicted *resolved* speaker (``Attribution.entity``), compared after normalisation.

>>> rows = evaluate_passages()
>>> sorted({r["system"] for r in rows})
['baseline: verb + next 2 words', 'lab rules']
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..article import read_article
from ._lexicon import rkey, tokens
from .attribution import attributions
from .cues import cue_table, strip_conjunction

__all__ = [
    "passages_folder",
    "gold_pairs",
    "score",
    "baseline_pairs",
    "lab_pairs",
    "evaluate_passages",
    "passage_errors",
    "evaluate_fixtures",
    "default_fixtures",
    "BASELINE",
]

BASELINE = "baseline: verb + next 2 words"
LAB = "lab rules"


def passages_folder() -> Path:
    """The lab's hand-written passages and their gold: ``arabic_news/data/gold/passages``."""
    return Path(str(resources.files("arabic_news").joinpath("data", "gold", "passages")))


#: the old name (the passages used to live under tests/fixtures)
default_fixtures = passages_folder


def _norm(s: str) -> str:
    return " ".join(rkey(w) for w in s.split())


def gold_pairs(text: str, records: list[dict]) -> list[tuple[int, int, str]]:
    """``(cue_start, cue_end, speaker)`` of each gold record (the nth whole-token occurrence of the cue)."""
    toks = tokens(text)
    out = []
    for r in records:
        hits = [t for t in toks if t.text == r["cue"]]
        if len(hits) <= r["nth"]:
            raise ValueError(f"gold cue {r['cue']!r} #{r['nth']} not found in the passage")
        t = hits[r["nth"]]
        out.append((t.start, t.end, r["speaker"]))
    return out


def score(gold: list[tuple], pred: list[tuple], matches: list | None = None) -> tuple[int, int, int]:
    """``(true positives, predicted, gold)`` with one-to-one matching (cue overlap + speaker containment).

    >>> score([(0, 3, "الوزير")], [(0, 3, "وزير الخارجية"), (10, 13, "x")])
    (0, 2, 1)
    >>> score([(0, 3, "الوزير")], [(0, 3, "الوزير أحمد")])
    (1, 1, 1)
    """
    used: set[int] = set()
    tp = 0
    for ps, pe, sp in pred:
        for n, (gs, ge, gsp) in enumerate(gold):
            if n not in used and ps < ge and gs < pe and _norm(gsp) in _norm(sp):
                used.add(n)
                tp += 1
                if matches is not None:
                    matches.append((n, ps))
                break
    return tp, len(pred), len(gold)


def baseline_pairs(text: str) -> list[tuple[int, int, str]]:
    """Naive reference: every reporting-verb form is a cue; the speaker is the next two words.

    >>> baseline_pairs("وقال الوزير أحمد سالم إن الاتفاق قريب")
    [(0, 4, 'الوزير أحمد')]
    """
    toks = tokens(text)
    forms = {k for k, c in cue_table().items() if c.kind == "verb"}
    return [
        (t.start, t.end, " ".join(x.text for x in toks[i + 1 : i + 3]))
        for i, t in enumerate(toks)
        if t.key in forms or strip_conjunction(t.key) in forms
    ]


def lab_pairs(text: str) -> list[tuple[int, int, str]]:
    """The lab's attributions as ``(cue_start, cue_end, resolved speaker)``."""
    return [(r.cue_start, r.cue_end, r.entity) for r in attributions(text)]


def _passages(folder: Path):
    gold_all = json.loads((folder / "gold.json").read_text("utf-8"))
    for name, g in gold_all.items():
        if not name.startswith("_"):
            yield name, g, read_article(folder / name).text


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_passages(folder: str | Path | None = None) -> list[dict]:
    """Precision/recall of the lab's rules and of the baseline, per split of the lab's passages.

    Returns
    -------
    list of dict
        ``split``, ``system``, ``tp``, ``predicted``, ``gold``, ``precision``, ``recall``, ``f1``;
        the lab rows also carry ``source_type_agreement`` (share of the correct pairs whose
        source type agrees with the gold).
    """
    folder = Path(folder) if folder is not None else passages_folder()
    acc: dict[tuple[str, str], list[int]] = {}
    st: dict[str, list[int]] = {}
    for _name, g, text in _passages(folder):
        gold = gold_pairs(text, g["attributions"])
        recs = attributions(text)
        matches: list = []
        for system, pred in (
            (LAB, [(r.cue_start, r.cue_end, r.entity) for r in recs]),
            (BASELINE, baseline_pairs(text)),
        ):
            tp, npred, ngold = score(gold, pred, matches if system == LAB else None)
            a = acc.setdefault((g["split"], system), [0, 0, 0])
            a[0] += tp
            a[1] += npred
            a[2] += ngold
        s = st.setdefault(g["split"], [0, 0])
        for n, ps in matches:
            r = next(r for r in recs if r.cue_start == ps and _norm(gold[n][2]) in _norm(r.entity))
            s[0] += r.source_type == g["attributions"][n]["source_type"]
            s[1] += 1
    order = {"dev": 0}
    rows = []
    for (split, system), (tp, npred, ngold) in sorted(
        acc.items(), key=lambda kv: (order.get(kv[0][0], 1), kv[0][0], kv[0][1] != LAB)
    ):
        p, r, f = _prf(tp, npred, ngold)
        row = {"split": split, "system": system, "tp": tp, "predicted": npred, "gold": ngold}
        row.update(precision=p, recall=r, f1=f)
        if system == LAB:
            row["source_type_agreement"] = st[split][0] / st[split][1] if st[split][1] else float("nan")
        rows.append(row)
    return rows


#: the old name
evaluate_fixtures = evaluate_passages


def passage_errors(folder: str | Path | None = None) -> list[dict]:
    """Passages where the rules miss or over-report: ``name``, ``tp``, ``pred`` and ``gold`` as (cue text, speaker)."""
    folder = Path(folder) if folder is not None else passages_folder()
    out = []
    for name, g, text in _passages(folder):
        gold, pred = gold_pairs(text, g["attributions"]), lab_pairs(text)
        tp, npred, ngold = score(gold, pred)
        if tp < npred or tp < ngold:
            out.append(
                {
                    "name": name,
                    "tp": tp,
                    "pred": [(text[s:e], sp) for s, e, sp in pred],
                    "gold": [(text[s:e], sp) for s, e, sp in gold],
                }
            )
    return out
