"""Scoring attribution against hand annotation (``bench/attribution.py``, tests and notebook 30 call it).

**The lab's passages** (``arabic_news/data/gold/passages/``, written by the lab, not taken from any
data set): ``gold.json`` maps passage file names to ``{"split", "attributions": [{"cue", "nth",
"speaker", "source_type"}]}``: ``cue`` is the cue token as written (``:`` for a headline "X: …"), ``nth`` which occurrence of it
(whole-token match, headline included), ``speaker`` a distinctive part of the resolved speaker's
name.  A prediction is correct when its cue span overlaps the gold cue and the gold speaker string
occurs in the predicted *resolved* speaker (``Attribution.entity``), compared after normalisation.

**The SaudiNewsNet gold set** (``arabic_news/data/gold/attribution``, loader
:mod:`arabic_news.rhetoric.gold`): :func:`evaluate_gold` scores the tuning and held-out halves
with issue 12's matching rule (:func:`match_statements`), P/R/F1 with bootstrap intervals resampled
by article (:func:`bootstrap_prf`), beside the naive verb-list baseline; :func:`tuning_errors` and
:func:`phenomenon_recall` serve rule work on the tuning half only; the held-out log
(``data/rhetoric/attribution_heldout_log.json``) records every held-out score with its commit.

size: ~440 lines -- the two annotation sets share the baseline and the P/R helpers, and the bench,
the tests and notebook 30 import one scoring module.

>>> rows = evaluate_passages()
>>> sorted({r["system"] for r in rows})
['baseline: verb + next 2 words', 'lab rules']
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..article import read_article
from ._lexicon import load_table, rkey, tokens
from .attribution import attributions
from .cues import imperfect_forms, perfect_forms, strip_conjunction

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
    "evaluate_gold",
    "match_statements",
    "bootstrap_prf",
    "tuning_errors",
    "phenomenon_recall",
    "heldout_log",
    "heldout_log_path",
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
        if r["cue"] == ":":  # a headline "X: …": the nth colon
            hits = [(p, p + 1) for p, c in enumerate(text) if c == ":"]
        else:
            hits = [(t.start, t.end) for t in toks if t.text == r["cue"]]
        if len(hits) <= r["nth"]:
            raise ValueError(f"gold cue {r['cue']!r} #{r['nth']} not found in the passage")
        out.append((*hits[r["nth"]], r["speaker"]))
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


@lru_cache(maxsize=1)
def baseline_forms() -> frozenset[str]:
    """Keys of every inflected form of the reference's frozen verb list (``data/rhetoric/baseline_verbs``)."""
    out = set()
    for row in load_table("baseline_verbs"):
        for form, _ in perfect_forms(row[0]) + imperfect_forms(row[1]):
            out.add(rkey(form))
    return frozenset(out)


def baseline_pairs(text: str) -> list[tuple[int, int, str]]:
    """Naive reference: every reporting-verb form is a cue; the speaker is the next two words.

    >>> baseline_pairs("وقال الوزير أحمد سالم إن الاتفاق قريب")
    [(0, 4, 'الوزير أحمد')]
    """
    toks = tokens(text)
    forms = baseline_forms()
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


# --- the SaudiNewsNet gold set (arabic_news/data/gold/attribution, loader rhetoric.gold) -----------

#: the held-out split's name in the gold set
HELD_OUT = "held_out"
SPLITS = ("tuning", HELD_OUT)

Span = tuple[int, int]


def heldout_log_path() -> Path:
    """``data/rhetoric/attribution_heldout_log.json``: every held-out score with its commit."""
    return Path(str(resources.files("arabic_news").joinpath("data", "rhetoric", "attribution_heldout_log.json")))


def heldout_log() -> list[dict]:
    """Entries of the held-out log (the first one was scored before any rule change)."""
    return json.loads(heldout_log_path().read_text("utf-8"))["entries"]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_statements(gold_article, pred: list[tuple[Span, Span | None]]) -> list[tuple[int, int]]:
    """One-to-one matches ``(gold index, prediction index)`` under the issue's rule.

    A prediction ``(cue span, speaker span or None)`` matches a gold statement when the cue spans
    overlap and the predicted speaker span overlaps any mention of the gold speaker's coreference
    chain; a gold statement without a chain (an impersonal cue) matches on the cue alone.  In nested
    speech every cue is its own statement, so each is matched separately.  Gold statements are taken
    in text order, each with the first unused prediction that matches.
    """
    used: set[int] = set()
    out = []
    for gi, g in sorted(enumerate(gold_article.statements), key=lambda x: x[1].cue):
        mentions = gold_article.chain_mentions(g) if g.chain else ()
        for pi, (cue, speaker) in enumerate(pred):
            if pi in used or not _overlaps(cue, g.cue):
                continue
            if g.chain and not (speaker is not None and any(_overlaps(speaker, m) for m in mentions)):
                continue
            used.add(pi)
            out.append((gi, pi))
            break
    return out


def lab_statements(text: str) -> list[tuple[Span, Span | None]]:
    """The lab's attributions as ``(cue span, speaker span)`` (the antecedent mention when implicit).

    A relay's original speaker (``عن فلان قوله``) has the cue span from عن to قوله, so that it
    matches either convention (the gold set marks قوله, the lab's records عن).
    """
    from .cues import function_words

    out = []
    quote_nouns = function_words("quote_noun")
    for r in attributions(text):
        cue = (r.cue_start, r.cue_end)
        if r.cue_kind == "relay_source" and r.speaker_start > r.cue_start:
            after = text[r.speaker_end :].lstrip(" \t؛;،,").split(maxsplit=1)  # عن فلان؛ قوله
            word = after[0].rstrip(":،,؛;") if after else ""  # قوله: "…" (round 10)
            if word and rkey(word) in quote_nouns:
                cue = (r.cue_start, text.index(word, r.speaker_end) + len(word))
        out.append((cue, (r.speaker_start, r.speaker_end) if r.speaker_end > r.speaker_start else None))
    return out


def baseline_statements(text: str) -> list[tuple[Span, Span | None]]:
    """Naive verb-list reference: every reporting-verb form is a cue, its speaker the next two words."""
    toks = tokens(text)
    forms = baseline_forms()
    out = []
    for i, t in enumerate(toks):
        if t.key in forms or strip_conjunction(t.key) in forms:
            nxt = toks[i + 1 : i + 3]
            out.append(((t.start, t.end), (nxt[0].start, nxt[-1].end) if nxt else None))
    return out


SYSTEMS = {LAB: lab_statements, BASELINE: baseline_statements}


def article_counts(gold_article, system: str = LAB) -> dict:
    """``tp``, ``predicted``, ``gold`` of one system on one gold article (plus the matched pairs)."""
    pred = SYSTEMS[system](gold_article.text)
    m = match_statements(gold_article, pred)
    return {
        "id": gold_article.id,
        "tp": len(m),
        "predicted": len(pred),
        "gold": len(gold_article.statements),
        "matches": m,
        "pred": pred,
    }


def bootstrap_prf(
    counts: list[tuple[int, int, int]], *, n_boot: int = 2000, seed: int = 0, level: float = 0.95
) -> dict:
    """Pooled precision/recall/F1 with percentile bootstrap intervals, resampling articles.

    ``counts`` holds ``(tp, predicted, gold)`` per article.

    >>> r = bootstrap_prf([(3, 4, 4), (2, 2, 3)], n_boot=200, seed=0)
    >>> round(r["precision"], 3), round(r["recall"], 3), r["precision_ci"][0] <= r["precision"] <= r["precision_ci"][1]
    (0.833, 0.714, True)
    """
    import numpy as np

    a = np.asarray(counts, dtype=float).reshape(-1, 3)
    p, r, f = _prf(*(int(x) for x in a.sum(axis=0)))
    out = {"precision": p, "recall": r, "f1": f}
    if len(a) == 0:
        return out | {"precision_ci": (0.0, 0.0), "recall_ci": (0.0, 0.0), "f1_ci": (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(n_boot, len(a)))
    s = a[idx].sum(axis=1)  # (n_boot, 3)
    with np.errstate(invalid="ignore", divide="ignore"):
        bp = np.where(s[:, 1] > 0, s[:, 0] / s[:, 1], 0.0)
        br = np.where(s[:, 2] > 0, s[:, 0] / s[:, 2], 0.0)
        bf = np.where(bp + br > 0, 2 * bp * br / (bp + br), 0.0)
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    for k, v in (("precision", bp), ("recall", br), ("f1", bf)):
        out[f"{k}_ci"] = (float(np.percentile(v, lo)), float(np.percentile(v, hi)))
    return out


def evaluate_gold(
    splits: tuple[str, ...] = ("tuning",), *, n_boot: int = 2000, seed: int = 0, articles=None
) -> list[dict]:
    """The lab's rules and the naive baseline on the SaudiNewsNet gold set, one row per (split, system).

    Parameters
    ----------
    splits : tuple of str
        Which halves to score (``"tuning"``, ``"held_out"``).  Score the held-out half only to
        report, never while changing rules.
    n_boot, seed : int
        Bootstrap resamples (articles drawn with replacement) and the seed.
    articles : list of GoldArticle, optional
        Already-loaded gold articles (else :func:`arabic_news.rhetoric.gold.load_gold` per split).

    Returns
    -------
    list of dict
        ``split``, ``system``, ``articles``, ``tp``, ``predicted``, ``gold``, ``precision``,
        ``recall``, ``f1`` and their ``*_ci`` (95 % percentile bootstrap over articles).
    """
    for s in splits:
        if s not in SPLITS:
            raise ValueError(f"unknown gold split {s!r}; expected one of {', '.join(SPLITS)}")
    if articles is None:  # the whole gold set: scored once per code, gold and corpus version (cached)
        from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint
        from ..paths import data_path

        key = fingerprint(
            "evaluate-gold/1",
            code_fingerprint("arabic_news"),  # the package's code and data files, the gold annotations included
            data_fingerprint(data_path("corpora", "saudinewsnet", "dataset")),
            splits=list(splits),
            n_boot=n_boot,
            seed=seed,
        )
        import json

        def build() -> list[dict]:  # JSON-shaped (CIs as lists) whether built now or read from the cache
            return json.loads(json.dumps(_evaluate(splits, n_boot=n_boot, seed=seed)))

        return cached("attribution-gold-scores", key, build)
    return _evaluate(splits, n_boot=n_boot, seed=seed, articles=articles)


def _evaluate(splits: tuple[str, ...], *, n_boot: int, seed: int, articles=None) -> list[dict]:
    rows = []
    for split in splits:
        if articles is None:
            from .gold import load_gold

            arts = load_gold(split)
        else:
            arts = [a for a in articles if a.split == split]
        for system in SYSTEMS:
            per = [article_counts(a, system) for a in arts]
            counts = [(c["tp"], c["predicted"], c["gold"]) for c in per]
            row = {"split": split.replace("_", "-"), "system": system, "articles": len(arts)}
            row.update(
                tp=sum(c[0] for c in counts), predicted=sum(c[1] for c in counts), gold=sum(c[2] for c in counts)
            )
            row.update(bootstrap_prf(counts, n_boot=n_boot, seed=seed))
            rows.append(row)
    return rows


def tuning_errors(articles=None) -> list[dict]:
    """Misses and false alarms of the lab's rules on the **tuning** half only (for rule work).

    Each item: ``id``, ``kind`` (``miss``/``false``), ``cue`` text, ``speaker`` text, ``phenomena``.
    """
    from .gold import load_gold

    arts = [a for a in (articles or load_gold("tuning")) if a.split == "tuning"]
    out = []
    for a in arts:
        c = article_counts(a, LAB)
        mg = {g for g, _ in c["matches"]}
        mp = {p for _, p in c["matches"]}
        for gi, g in enumerate(a.statements):
            if gi not in mg:
                out.append(
                    {
                        "id": a.id,
                        "kind": "miss",
                        "cue": a.span_text(g.cue),
                        "speaker": a.span_text(g.speaker),
                        "phenomena": g.phenomena,
                        "at": g.cue[0],
                    }
                )
        for pi, (cue, sp) in enumerate(c["pred"]):
            if pi not in mp:
                out.append(
                    {
                        "id": a.id,
                        "kind": "false",
                        "cue": a.text[cue[0] : cue[1]],
                        "speaker": a.text[sp[0] : sp[1]] if sp else None,
                        "phenomena": (),
                        "at": cue[0],
                    }
                )
    return out


def phenomenon_recall(articles) -> dict[str, tuple[int, int]]:
    """Per coverage phenomenon: ``(matched, gold)`` statements of the lab's rules on the given articles."""
    out: dict[str, list[int]] = {}
    for a in articles:
        matched = {g for g, _ in article_counts(a, LAB)["matches"]}
        for gi, g in enumerate(a.statements):
            for ph in g.phenomena or ("(none)",):
                acc = out.setdefault(ph, [0, 0])
                acc[0] += gi in matched
                acc[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}
