"""Scoring attribution against hand-annotated passages (used by ``bench/attribution.py``, tests and notebook 30).

A gold file (``gold.json``) maps passage file names to ``{"split", "attributions": [{"cue", "nth",
"speaker", "source_type"}]}``: ``cue`` is the cue token as written, ``nth`` which occurrence of it
(whole-token match, headline included), ``speaker`` a distinctive part of the resolved speaker's
name.  A prediction is correct when its cue span overlaps the gold cue and the gold speaker string
occurs in the predicted *resolved* speaker (``Attribution.entity``), compared after normalisation.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..article import read_article
from ._lexicon import rkey, tokens
from .attribution import _base, _cue_forms, attributions

__all__ = ["gold_pairs", "score", "baseline_pairs", "lab_pairs", "evaluate_fixtures", "default_fixtures"]


def default_fixtures() -> Path:
    """``tests/fixtures/attribution`` under the project root."""
    from ..paths import project_root

    return project_root() / "tests" / "fixtures" / "attribution"


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
    """Naive reference: every reporting-verb form is a cue; the speaker is the next two words."""
    toks = tokens(text)
    forms = {k: c for k, c in _cue_forms().items() if c.kind == "verb"}
    return [
        (t.start, t.end, " ".join(x.text for x in toks[i + 1 : i + 3]))
        for i, t in enumerate(toks)
        if t.key in forms or _base(t.key) in forms
    ]


def lab_pairs(text: str) -> list[tuple[int, int, str]]:
    """The lab's attributions as ``(cue_start, cue_end, resolved speaker)``."""
    return [(r.cue_start, r.cue_end, r.entity) for r in attributions(text)]


def evaluate_fixtures(folder: str | Path | None = None) -> list[dict]:
    """Precision/recall of the lab's rules and of the baseline, per split of the annotated passages.

    Returns
    -------
    list of dict
        ``split``, ``system``, ``tp``, ``predicted``, ``gold``, ``precision``, ``recall``, ``f1``,
        plus a final row per split count of source-type agreement on the lab's correct pairs
        (``source_type_agreement`` on the lab rows).
    """
    folder = Path(folder) if folder is not None else default_fixtures()
    gold_all = json.loads((folder / "gold.json").read_text("utf-8"))
    acc: dict[tuple[str, str], list[int]] = {}
    st: dict[str, list[int]] = {}
    for name, g in gold_all.items():
        if name.startswith("_"):
            continue
        text = read_article(folder / name).text
        gold = gold_pairs(text, g["attributions"])
        recs = attributions(text)
        matches: list = []
        for system, pred in (
            ("lab rules", [(r.cue_start, r.cue_end, r.entity) for r in recs]),
            ("baseline: verb + next 2 words", baseline_pairs(text)),
        ):
            m = matches if system == "lab rules" else None
            tp, npred, ngold = score(gold, pred, m)
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
        acc.items(), key=lambda kv: (order.get(kv[0][0], 1), kv[0][0], kv[0][1] != "lab rules")
    ):
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        row = {
            "split": split,
            "system": system,
            "tp": tp,
            "predicted": npred,
            "gold": ngold,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
        }
        if system == "lab rules":
            row["source_type_agreement"] = st[split][0] / st[split][1] if st[split][1] else float("nan")
        rows.append(row)
    return rows
