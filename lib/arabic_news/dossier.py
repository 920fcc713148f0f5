"""The article dossier: every line of analysis on one article, as one JSON document.

:func:`build_dossier` runs the lab's default analyses (topic, keyphrases,
attribution, stance markers against the corpus, persuasion per paragraph) and
returns a plain dict following :data:`SCHEMA` (below); :func:`write_dossier`
writes it as ``dossier.json`` plus CSV tables and the ``summary.json`` the
report index reads.  :func:`findings` turns the numbers into the three or four sentences a
researcher would cite, each pointing at the notebook that supports it.

size: about 60 lines of this module are the schema's documentation below; the rest is
building, findings and writing, which belong together (one JSON contract).

Numbers are rounded (4 decimals) so that two builds compare equal byte for
byte; nothing time-dependent is stored in the dossier itself (provenance with
dates lives in the HTML reports).

Schema ``arabic-news-dossier/3`` (``dossier.json``)
---------------------------------------------------
Version 3 (from 2): stance-marker densities are ranked against the SANAD class the
topic model predicts for the article (all of SANAD when it is flagged outside the
seven labels), no longer always against Politics: ``rhetoric.politics_percentiles``
and ``politics_corpus_size`` become ``reference_percentiles`` and
``reference_corpus_size``, and ``rhetoric.reference`` names the reference.

Version 2 (from 1): ``not_assessed`` added; ``article.encoding`` added;
``rhetoric.politics_percentiles`` is empty (and ``politics_corpus_size`` 0) when the
article is too short to rank densities (fewer than
:data:`arabic_news.analysis.MIN_WORDS_FOR_DENSITIES` words); ``n_sentences`` counts
:attr:`Article.sentence_spans` (never across a paragraph).

Offsets are character offsets into ``Article.text`` (the whole file, headline
included, newlines normalised to ``\n``).

``schema`` str, ``version`` str (package), ``seed`` int, ``quick`` bool

``article``
    ``file``, ``slug``, ``sha256`` (of the text), ``title`` (or null), ``encoding`` (or null),
    ``n_paragraphs``, ``n_sentences``, ``n_words``, ``n_types``.
``topic``
    ``label`` (SANAD class, English), ``label_ar``, ``probability``,
    ``runner_up``, ``runner_up_probability``, ``probabilities``
    ({class: p}, descending), ``reasons`` ([{``term``, ``weight``}]: n-grams
    pushing toward ``label`` rather than ``runner_up``).
``keywords``
    [{``text``, ``score`` (higher is better), ``lemma``, ``positions``}] --
    the default extractor's top 10.
``rhetoric``
    ``attributions`` ([{``cue``, ``cue_start``, ``cue_end``, ``speaker``,
    ``speaker_start``, ``speaker_end``, ``speaker_id``, ``source_type``,
    ``content``, ``content_start``, ``content_end``, ``strength``,
    ``implicit``}]); ``speakers`` ([{``speaker_id``, ``speaker``,
    ``source_type``, ``n``, ``cues``, ``strengths``}]); ``cue_strengths`` and
    ``source_types`` (counts); ``markers`` ([{``kind``, ``text``, ``start``,
    ``end``}]); ``densities`` (per 100 words, plus ``words``);
    ``reference`` (e.g. "SANAD Politics", "all of SANAD", or null when not ranked);
    ``reference_percentiles`` (percentile of each density among the reference
    articles); ``reference_corpus_size``.
``persuasion``
    [{``paragraph`` (1-based body paragraph), ``label`` ("true"/"false"),
    ``score``, ``techniques`` (coarse techniques a report may name -- held-out F1 >= 0.5 with
    support >= 20 -- at most 3: probability), ``flag_precision`` (on a flagged paragraph, the
    held-out precision of "true" on news paragraphs; null otherwise), ``start``, ``end``}].
``not_assessed``
    [{``part``, ``reason``}]: what could not be assessed and why (too short to rank
    densities, no headline, topic outside the model's labels when the model says so).
``findings``
    [{``text``, ``notebook``}]: the sentences worth citing and the notebook
    (report name) that supports each.

``summary.json`` holds ``title``, ``topic`` {``label``, ``probability``, ``outside``},
``keyphrases`` (top 5 texts) and ``n_attributions``.  CSV tables:
``keywords.csv``, ``attributions.csv``, ``topic_probabilities.csv``,
``persuasion.csv`` (UTF-8, header row; list/dict cells as JSON).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .analysis import Analysis, analyse
from .article import Article

__all__ = ["SCHEMA", "build_dossier", "write_dossier", "findings", "summary", "compare_dossiers", "NOTEBOOKS"]

SCHEMA = "arabic-news-dossier/4"

#: The notebook that supports each part of the dossier (HTML report names).
NOTEBOOKS = {
    "article": "00-the-article",
    "topic": "11-topic-classifier",
    "landscape": "12-topic-landscape",
    "keywords": "20-keywords",
    "attribution": "30-attribution",
    "stance": "31-stance-and-emphasis",
    "structure": "32-formulae-and-structure",
    "persuasion": "33-persuasion",
}


def _r(x: float, nd: int = 4) -> float:
    return float(round(float(x), nd))


def _article_part(article: Article) -> dict[str, Any]:
    toks = article.tokens
    return {
        "file": article.name,
        "slug": article.slug,
        "sha256": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        "title": article.title,
        "encoding": article.encoding,
        "n_paragraphs": len(article.paragraphs),
        "n_sentences": len(article.sentence_spans),
        "n_words": len(toks),
        "n_types": len({t.text for t in toks}),
    }


def _topic_part(a: Analysis) -> dict[str, Any]:
    t = a.topic
    probs = {k: _r(v) for k, v in t.probabilities.items()}
    return {
        "label": t.label,
        "label_ar": t.label_ar,
        "probability": probs.get(t.label),
        "runner_up": t.runner_up,
        "runner_up_probability": probs.get(t.runner_up) if t.runner_up else None,
        "probabilities": probs,
        "reasons": [{"term": r["term"], "weight": _r(r["weight"])} for r in t.reasons],
    }


def _keywords_part(a: Analysis) -> list[dict[str, Any]]:
    return [
        {"text": k.text, "score": _r(k.score), "lemma": k.lemma, "positions": list(k.positions)}
        for k in a.keywords.keywords
    ]


def _rhetoric_part(a: Analysis) -> dict[str, Any]:
    recs = a.attributions.records
    m = a.markers
    strengths: dict[str, int] = {}
    types: dict[str, int] = {}
    for r in recs:
        strengths[r.strength] = strengths.get(r.strength, 0) + 1
        types[r.source_type] = types.get(r.source_type, 0) + 1
    return {
        "attributions": [r.to_dict() for r in recs],
        "speakers": [
            {
                "speaker_id": s["speaker_id"],
                "speaker": s["speaker"],
                "source_type": s["source_type"],
                "n": s["n"],
                "cues": s["cues"],
                "strengths": s["strengths"],
            }
            for s in a.attributions.speakers
        ],
        "cue_strengths": dict(sorted(strengths.items())),
        "source_types": dict(sorted(types.items())),
        "markers": [{"kind": x.kind, "text": x.text, "start": x.start, "end": x.end} for x in m.markers],
        "densities": {k: _r(v) for k, v in m.densities.items()},
        "reference": m.reference,
        "reference_percentiles": {k: _r(v, 1) for k, v in m.percentiles.items()},
        "reference_corpus_size": m.reference_size,
    }


def _persuasion_part(a: Analysis) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "score": _r(r["score"]),
            "techniques": {k: _r(v) for k, v in r["techniques"].items()},
            "flag_precision": None if r.get("flag_precision") is None else _r(r["flag_precision"]),
        }
        for r in a.persuasion.rows
    ]


def build_dossier(
    article: Analysis | Article | str | os.PathLike, *, seed: int = 0, quick: bool = False
) -> dict[str, Any]:
    """Run every default analysis on one article and return the dossier dict.

    Parameters
    ----------
    article : Analysis, Article or path
        An :class:`~arabic_news.analysis.Analysis` is used as is (its parts are the
        dossier's: nothing is computed twice); a path is read with ``encoding="auto"``.
    seed : int
        Passed to every model (the default models are cached per seed).
    quick : bool
        Use the quick (subsample-trained) models and corpus samples.

    Returns
    -------
    dict
        Keys ``schema``, ``version``, ``seed``, ``quick``, ``article``,
        ``topic``, ``keywords``, ``rhetoric``, ``persuasion``, ``not_assessed``, ``findings``.
    """
    a = article if isinstance(article, Analysis) else analyse(article, seed=seed, quick=quick)
    d: dict[str, Any] = {
        "schema": SCHEMA,
        "version": __version__,
        "seed": a.seed,
        "quick": a.quick,
        "article": _article_part(a.article),
        "topic": _topic_part(a),
        "keywords": _keywords_part(a),
        "rhetoric": _rhetoric_part(a),
        "persuasion": _persuasion_part(a),
        "not_assessed": a.not_assessed,
    }
    d["findings"] = findings(d)
    return d


def _pct_phrase(p: float) -> str:
    if p >= 90:
        return "far above"
    if p >= 70:
        return "above"
    if p > 30:
        return "about typical for"
    if p > 10:
        return "below"
    return "far below"


def findings(d: dict[str, Any]) -> list[dict[str, str]]:
    """The three or four findings worth citing, each with the notebook that supports it.

    Each finding is ``{"text": ..., "notebook": ...}``; texts are English
    sentences built from the dossier's numbers (Arabic terms quoted as they
    appear in the article).
    """
    out: list[dict[str, str]] = []
    t = d["topic"]
    if t.get("label"):
        sure = t["probability"] or 0.0
        margin = sure - (t.get("runner_up_probability") or 0.0)
        hedge = "confidently" if sure >= 0.8 and margin >= 0.5 else ("tentatively" if sure < 0.5 else "")
        reasons = "، ".join(r["term"] for r in t.get("reasons", [])[:4])
        label_ar = f" ({t['label_ar']})" if t.get("label_ar") else ""
        runner = ""
        if t.get("runner_up") and t.get("runner_up_probability") is not None:
            runner = f"; runner-up {t['runner_up']} ({t['runner_up_probability']:.2f})"
        if _topic_outside(d):
            txt = (
                f"The topic model flags the article as outside its seven labels; its best guess would be "
                f"{t['label']}{label_ar} with probability {sure:.2f}{runner}."
            )
        else:
            txt = (
                f"The topic model {hedge + ' ' if hedge else ''}files the article under {t['label']}{label_ar} "
                f"with probability {sure:.2f}{runner}."
            )
        if reasons:
            txt += f" Terms pushing it there: {reasons}."
        out.append({"text": txt, "notebook": NOTEBOOKS["topic"]})
    rh = d["rhetoric"]
    if rh["attributions"]:
        n = len(rh["attributions"])
        top = max(rh["speakers"], key=lambda s: s["n"])
        share = top["n"] / n
        strengths = rh["cue_strengths"]
        dominant = max(strengths.items(), key=lambda kv: kv[1])[0] if strengths else "neutral"
        out.append(
            {
                "text": (
                    f"{n} reported statement{'s' if n != 1 else ''} from {len(rh['speakers'])} source"
                    f"{'s' if len(rh['speakers']) != 1 else ''}; {top['speaker']} ({top['source_type'].replace('_', ' ')}) "
                    f"accounts for {top['n']} ({share:.0%}). Most cues are {dominant} "
                    f"({', '.join(f'{k}: {v}' for k, v in strengths.items())})."
                ),
                "notebook": NOTEBOOKS["attribution"],
            }
        )
    else:
        out.append(
            {
                "text": "No reported statements were found: the article speaks in its own voice.",
                "notebook": NOTEBOOKS["attribution"],
            }
        )
    pct = rh.get("reference_percentiles", {})
    if pct:
        k_hi = max(pct, key=lambda k: pct[k])
        k_lo = min(pct, key=lambda k: pct[k])
        out.append(
            {
                "text": (
                    f"Against {rh['reference_corpus_size']} articles of {rh['reference']}, its {k_hi} density "
                    f"({rh['densities'][k_hi]:.2f} per 100 words) is {_pct_phrase(pct[k_hi])} them "
                    f"(percentile {pct[k_hi]:.0f}); its {k_lo} density is {_pct_phrase(pct[k_lo])} them "
                    f"(percentile {pct[k_lo]:.0f})."
                ),
                "notebook": NOTEBOOKS["stance"],
            }
        )
    pers = d.get("persuasion") or []
    if pers:
        flagged = [p for p in pers if p["label"] == "true"]
        tech: dict[str, float] = {}
        for p in pers:
            for k, v in p["techniques"].items():
                tech[k] = max(tech.get(k, 0.0), v)
        top_t = sorted(tech.items(), key=lambda kv: -kv[1])[:2]
        prec = next((p["flag_precision"] for p in flagged if p.get("flag_precision") is not None), None)
        out.append(
            {
                "text": (
                    f"The persuasion classifier flags {len(flagged)} of {len(pers)} paragraphs"
                    + (f" (on held-out news paragraphs such a flag was right {prec:.0%} of the time)" if prec else "")
                    + (
                        f"; most likely technique families: {', '.join(f'{k} ({v:.2f})' for k, v in top_t)}"
                        if top_t
                        else ""
                    )
                    + ". A classifier trained on other texts' labels: a pointer for close reading, not a verdict."
                ),
                "notebook": NOTEBOOKS["persuasion"],
            }
        )
    where = {"markers": "stance", "structure": "structure", "topic": "topic", "keywords": "keywords"}
    for na in d.get("not_assessed") or []:
        out.append(
            {
                "text": f"Not assessed ({na['part']}): {na['reason']}.",
                "notebook": NOTEBOOKS[where.get(na["part"], "article")],
            }
        )
    kws = d.get("keywords") or []
    if kws:
        out.append(
            {
                "text": "Top keyphrases: " + "، ".join(k["text"] for k in kws[:5]) + ".",
                "notebook": NOTEBOOKS["keywords"],
            }
        )
    return out


def _topic_outside(d: dict[str, Any]) -> bool:
    """Whether the dossier lists the topic as not assessed (the article looks outside the seven labels)."""
    return any(x.get("part") == "topic" for x in d.get("not_assessed", []))


def summary(d: dict[str, Any]) -> dict[str, Any]:
    """The small record ``reports/index.html`` shows for an article (``topic.outside``: flagged outside the labels)."""
    return {
        "title": d["article"]["title"],
        "topic": {
            "label": d["topic"]["label"],
            "probability": d["topic"]["probability"],
            "outside": _topic_outside(d),
        },
        "keyphrases": [k["text"] for k in d["keywords"][:5]],
        "n_attributions": len(d["rhetoric"]["attributions"]),
    }


def _write_csv(path: Path, rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(fields), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(
                {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v) for k, v in r.items()}
            )


def write_dossier(d: dict[str, Any], folder: str | os.PathLike) -> list[Path]:
    """Write ``dossier.json``, ``summary.json`` and CSV tables into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []

    def dump(name: str, obj: Any) -> None:
        p = folder / name
        p.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n", "utf-8")
        paths.append(p)

    dump("dossier.json", d)
    dump("summary.json", summary(d))
    p = folder / "keywords.csv"
    _write_csv(p, d["keywords"], ["text", "score", "lemma", "positions"])
    paths.append(p)
    p = folder / "attributions.csv"
    _write_csv(
        p,
        d["rhetoric"]["attributions"],
        [
            "speaker_id",
            "speaker",
            "source_type",
            "cue",
            "strength",
            "content",
            "cue_start",
            "cue_end",
            "speaker_start",
            "speaker_end",
            "content_start",
            "content_end",
            "implicit",
        ],
    )
    paths.append(p)
    p = folder / "topic_probabilities.csv"
    _write_csv(
        p, [{"label": k, "probability": v} for k, v in d["topic"]["probabilities"].items()], ["label", "probability"]
    )
    paths.append(p)
    if d.get("persuasion"):
        p = folder / "persuasion.csv"
        _write_csv(p, d["persuasion"], ["paragraph", "label", "score", "techniques", "flag_precision", "start", "end"])
        paths.append(p)
    return paths


def compare_dossiers(dossiers: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Side-by-side comparison of several articles' dossiers.

    Returns topics per article, pairwise keyword overlap (Jaccard of lemma
    keys among the top 10), attribution profiles (statements, speakers,
    source types, cue strengths) and marker densities.
    """
    names = [d["article"]["file"] for d in dossiers]
    lemmas = [{k["lemma"] for k in d["keywords"]} for d in dossiers]
    overlap = [[_r(len(a & b) / len(a | b)) if (a | b) else 0.0 for b in lemmas] for a in lemmas]
    shared = sorted(set.intersection(*lemmas)) if lemmas else []
    return {
        "articles": names,
        "titles": [d["article"]["title"] for d in dossiers],
        "topics": [
            {"label": d["topic"]["label"], "probability": d["topic"]["probability"], "outside": _topic_outside(d)}
            for d in dossiers
        ],
        "keyword_overlap": {"labels": names, "jaccard": overlap, "shared_lemmas": shared},
        "attribution_profiles": [
            {
                "n_attributions": len(d["rhetoric"]["attributions"]),
                "n_speakers": len(d["rhetoric"]["speakers"]),
                "source_types": d["rhetoric"]["source_types"],
                "cue_strengths": d["rhetoric"]["cue_strengths"],
            }
            for d in dossiers
        ],
        "densities": [{k: v for k, v in d["rhetoric"]["densities"].items() if k != "words"} for d in dossiers],
        "persuasion_flagged": [sum(p["label"] == "true" for p in d.get("persuasion") or []) for d in dossiers],
    }
