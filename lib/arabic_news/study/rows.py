"""One article -> rows of the study's tables (the unit of work a Dask task runs many times).

The analyses are those of :func:`arabic_news.analyse` (topic, keyphrases,
attributions, stance markers, persuasion), computed on the same
:class:`~arabic_news.Article` object.

*Paragraphs for persuasion.*  The persuasion classifiers were trained on news
paragraphs.  Most SaudiNewsNet articles have no line breaks, so an article
whose body is a single line is cut into windows of :data:`WINDOW` consecutive
sentences (the last window may be shorter); the ``paragraph_kind`` column says
which definition an article got (``lines`` or ``sentence-windows``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..article import Article
from .schema import MARKER_KINDS, SOURCE_TYPES, STRENGTHS
from .sources import Item

__all__ = [
    "WINDOW",
    "TOP_KEYPHRASES",
    "persuasion_units",
    "analyse_item",
    "article_rows",
    "empty_tables",
    "keyword_background",
]

#: Sentences per persuasion unit when the body has no line breaks.
WINDOW = 3
#: Keyphrases kept per article.
TOP_KEYPHRASES = 10


def empty_tables() -> dict[str, list[dict[str, Any]]]:
    """``{table: []}`` for every study table."""
    return {"articles": [], "keyphrases": [], "attributions": [], "errors": []}


def persuasion_units(article: Article, *, window: int = WINDOW) -> tuple[list[tuple[int, int]], str]:
    """Spans of the units classified for persuasion, and their kind (see the module docstring).

    >>> a = Article.from_text("عنوان\\nجملة أولى هنا. جملة ثانية هنا. جملة ثالثة هنا. جملة رابعة هنا.")
    >>> spans, kind = persuasion_units(a, window=3)
    >>> kind, len(spans)
    ('sentence-windows', 2)
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 sentence, got {window}")
    paras = list(article.paragraph_spans)
    if len(paras) != 1:
        return paras, "lines"
    b0, b1 = paras[0]
    sents = [(s, e) for s, e in article.sentence_spans if s >= b0 and e <= b1]
    if len(sents) <= window:
        return paras, "lines"
    units = [(sents[i][0], sents[min(i + window, len(sents)) - 1][1]) for i in range(0, len(sents), window)]
    return units, "sentence-windows"


def keyword_background(seed: int, quick: bool) -> Any:
    """The keyphrase background statistics: the full corpora, or their seeded sample when ``quick``.

    ``Analysis.keywords`` always uses the full background (a cold build takes
    minutes), so the study calls :func:`arabic_news.keywords.extract` itself with
    :func:`arabic_news.keywords.background.default_background` and the run's ``quick``.
    """
    from ..keywords.background import default_background

    return default_background(quick=quick, seed=seed)


def analyse_item(item: Item, *, seed: int = 0, quick: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one input item (an ``errors`` row if it cannot be analysed).

    The per-article reference: each capability's public function on one
    :class:`~arabic_news.Article`.  The runner uses
    :func:`arabic_news.study.batch.analyse_partition`, which gives the same rows
    for a whole partition at once (tests compare the two).
    """
    from ..clikit import one_line
    from ..keywords import extract
    from ..persuasion import predict_paragraphs
    from ..rhetoric import attributions, find_markers, marker_densities
    from ..topics import predict_article

    out = empty_tables()
    if item.error is not None or item.article_text is None:
        out["errors"].append({"id": item.id, "error": item.error or "no text"})
        return out
    try:
        article = Article.from_text(item.article_text, source=item.id)
        topic = predict_article(article, seed=seed, quick=quick)  # no explanation: the study needs the label
        kws = extract(article, method="default", top=TOP_KEYPHRASES, background=keyword_background(seed, quick))
        recs = list(attributions(article))
        dens = marker_densities(article.text, list(find_markers(article.text)))
        units, kind = persuasion_units(article)
        texts = [article.text[s:e] for s, e in units]
        flags = predict_paragraphs(texts, seed=seed, quick=quick) if texts else []
    except Exception as e:  # noqa: BLE001 -- one bad article is an errors row, never a failed run
        out["errors"].append({"id": item.id, "error": one_line(e)})
        return out
    return article_rows(
        item,
        article,
        topic=topic,
        keyphrases=kws,
        records=recs,
        densities=dens,
        units=units,
        unit_kind=kind,
        labels=[f["label"] for f in flags],
    )


def article_rows(
    item: Item,
    article: Article,
    *,
    topic: dict[str, Any] | None,
    keyphrases: list[Any] | None,
    records: list[Any] | None,
    densities: dict[str, Any] | None,
    units: list[tuple[int, int]],
    unit_kind: str,
    labels: list[str] | None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of one analysed article; ``None`` for a stage that was not run (its columns stay empty).

    ``topic`` has :func:`arabic_news.topics.predict_article`'s ``label``,
    ``probabilities``, ``runner_up`` and ``outside``; ``labels`` are the
    persuasion labels (``"true"``/``"false"``) of ``units``.
    """
    out = empty_tables()
    row: dict[str, Any] = {
        "id": item.id,
        "outlet": item.outlet,
        "date": item.date,
        "title": item.title if item.title is not None else article.title,
        "label": item.label,
        "words": len(article.tokens),
        "paragraphs": len(units),
        "paragraph_kind": unit_kind,
    }
    if topic is not None:
        probs = {str(k): float(v) for k, v in topic["probabilities"].items()}
        ru = topic.get("runner_up")
        row.update(
            topic=topic["label"],
            probability=probs.get(topic["label"], 0.0),
            runner_up=ru,
            runner_up_probability=probs.get(ru) if ru else None,
            outside_labels=bool(topic.get("outside", False)),
        )
    else:
        row.update(topic=None, probability=None, runner_up=None, runner_up_probability=None, outside_labels=None)
    row.update({k: (float(densities.get(k, 0.0)) if densities is not None else None) for k in MARKER_KINDS})
    if records is not None:
        src = Counter(r.source_type for r in records)
        verbs = Counter(r.strength for r in records)
        row.update(
            attributions=len(records),
            speakers=len({r.speaker_id for r in records}),
            **{f"src_{t}": int(src.get(t, 0)) for t in SOURCE_TYPES},
            **{f"verb_{s}": int(verbs.get(s, 0)) for s in STRENGTHS},
        )
    else:
        row.update(
            attributions=None,
            speakers=None,
            **{f"src_{t}": None for t in SOURCE_TYPES},
            **{f"verb_{s}": None for s in STRENGTHS},
        )
    row["persuasive_share"] = (sum(x == "true" for x in labels) / len(labels)) if labels else None
    out["articles"].append(row)
    out["keyphrases"] = [
        {"id": item.id, "rank": r, "text": k.text, "lemma": k.lemma, "score": float(k.score)}
        for r, k in enumerate(keyphrases or [], 1)
    ]
    out["attributions"] = [
        {
            "id": item.id,
            "cue": r.cue,
            "strength": r.strength,
            "speaker": r.speaker,
            "speaker_id": r.speaker_id,
            "source_type": r.source_type,
            "cue_start": r.cue_start,
            "cue_end": r.cue_end,
            "speaker_start": r.speaker_start,
            "speaker_end": r.speaker_end,
        }
        for r in records or []
    ]
    return out
