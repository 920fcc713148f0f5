"""One article, every analysis: ``analyse(path_or_text)`` for notebooks, the dossier and the CLI.

:func:`analyse` reads the article once (``encoding="auto"``) and returns an
:class:`Analysis`.  Its parts -- ``.topic``, ``.keywords``, ``.attributions``,
``.markers``, ``.persuasion`` -- are computed on first access and kept; each calls the
capability's public function with the one :class:`~arabic_news.Article` (whose tokens and
sentences are computed once), and each has ``.to_frame()`` (a pandas DataFrame) and a
rich ``_repr_html_`` (right-to-left Arabic, escaped, spans highlighted).  The dossier
(:func:`arabic_news.dossier.build_dossier`) is built from the same objects.

>>> a = analyse("عنوان قصير\\nقال الوزير إن المحادثات كانت مثمرة.")
>>> a.article.title, a.not_assessed[0]["part"]
('عنوان قصير', 'markers')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .article import Article, read_article
from .views import STYLE, esc, highlight, html_table, rtl, section

__all__ = [
    "MIN_WORDS_FOR_DENSITIES",
    "Analysis",
    "AttributionsPart",
    "KeywordsPart",
    "MarkersPart",
    "PersuasionPart",
    "TopicPart",
    "analyse",
]

#: Below this many words, marker densities (per 100 words) are too noisy to rank against a corpus.
MIN_WORDS_FOR_DENSITIES = 100
#: The corpus class the stance-marker densities are ranked against.
DENSITY_REFERENCE = "Politics"

_ARABIC = re.compile("[\u0600-\u06ff]")


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


class _Part:
    """Shared behaviour of the parts: plain ``str`` is the one-line summary."""

    title = ""

    def summary(self) -> str:  # pragma: no cover - every part overrides it
        raise NotImplementedError

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.summary()}>"


@dataclass(frozen=True, repr=False)
class TopicPart(_Part):
    """The topic model's label, probabilities and the n-grams behind them."""

    label: str
    label_ar: str | None
    probability: float
    runner_up: str | None
    runner_up_probability: float | None
    probabilities: dict[str, float]
    reasons: list[dict[str, Any]]
    note: str | None = None
    title = "Topic"

    def summary(self) -> str:
        ar = f" ({self.label_ar})" if self.label_ar and self.label_ar != self.label else ""
        s = f"{self.label}{ar}, probability {self.probability:.2f}"
        if self.runner_up is not None and self.runner_up_probability is not None:
            s += f"; runner-up {self.runner_up} ({self.runner_up_probability:.2f})"
        terms = "، ".join(r["term"] for r in self.reasons[:4])
        return s + (f"; terms pushing it there: {terms}" if terms else "")

    def to_frame(self) -> Any:
        """One row per class: ``label``, ``probability`` (highest first)."""
        return _frame([{"label": k, "probability": v} for k, v in self.probabilities.items()], ["label", "probability"])

    def _repr_html_(self) -> str:
        probs = [{"class": k, "probability": v} for k, v in self.probabilities.items()]
        reasons = [{"n-gram": r["term"], "weight": r["weight"]} for r in self.reasons]
        note = f"<p><em>{esc(self.note)}</em></p>" if self.note else ""
        return STYLE + section(
            "Topic",
            f"<p>{esc(self.summary())}</p>",
            note,
            html_table(probs),
            html_table(reasons, empty="No n-gram of the model's vocabulary pushes toward the label."),
        )


@dataclass(frozen=True, repr=False)
class KeywordsPart(_Part):
    """The default extractor's keyphrases, with every occurrence in the article."""

    article: Article
    keywords: tuple[Any, ...]
    title = "Keyphrases"

    def summary(self) -> str:
        if not self.keywords:
            return "no keyphrase was found"
        return "، ".join(k.text for k in self.keywords[:5])

    def spans(self) -> list[tuple[int, int, str, str]]:
        """``(start, end, "keyword", text)`` of every occurrence (end after as many words as the phrase has)."""
        toks = self.article.tokens
        by_start = {t.start: i for i, t in enumerate(toks)}
        out = []
        for k in self.keywords:
            n = max(1, len(k.text.split()))
            for p in k.positions:
                i = by_start.get(p)
                if i is not None:
                    out.append((p, toks[min(i + n, len(toks)) - 1].end, "keyword", k.text))
        return out

    def to_frame(self) -> Any:
        """One row per keyphrase: ``text``, ``score`` (higher is better), ``lemma``, ``n`` occurrences."""
        rows = [{"text": k.text, "score": k.score, "lemma": k.lemma, "n": len(k.positions)} for k in self.keywords]
        return _frame(rows, ["text", "score", "lemma", "n"])

    def _repr_html_(self) -> str:
        rows = self.to_frame().to_dict("records")
        return STYLE + section(
            "Keyphrases",
            html_table(rows, empty="No keyphrase was found."),
            highlight(self.article.text, self.spans()) if self.keywords else "",
        )


@dataclass(frozen=True, repr=False)
class AttributionsPart(_Part):
    """Reported statements (cue, speaker, content) and one row per speaker."""

    article: Article
    records: tuple[Any, ...]
    speakers: list[dict[str, Any]]
    title = "Attributions"

    def summary(self) -> str:
        n, k = len(self.records), len(self.speakers)
        if not n:
            return "no reported speech was found"
        return f"{n} reported statement{'s' if n != 1 else ''} from {k} speaker{'s' if k != 1 else ''}"

    def to_frame(self) -> Any:
        """One row per statement (the fields of :class:`arabic_news.rhetoric.Attribution`)."""
        rows = [r.to_dict() for r in self.records]
        cols = list(rows[0]) if rows else ["speaker_id", "speaker", "source_type", "cue", "strength", "content"]
        return _frame(rows, cols)

    def _repr_html_(self) -> str:
        spans: list[tuple[int, int, str, str]] = []
        for r in self.records:
            spans.append((r.cue_start, r.cue_end, "cue", f"cue ({r.strength})"))
            if r.speaker_end > r.speaker_start:
                spans.append((r.speaker_start, r.speaker_end, "speaker", f"speaker {r.speaker_id}"))
            if r.content_end > r.content_start:
                spans.append((r.content_start, r.content_end, "content", "content"))
        cols = ["speaker_id", "speaker", "source_type", "n", "cues"]
        return STYLE + section(
            "Attributions",
            f"<p>{esc(self.summary())}.</p>",
            html_table(self.speakers, cols) if self.speakers else "",
            highlight(self.article.text, spans) if spans else "",
        )


@dataclass(frozen=True, repr=False)
class MarkersPart(_Part):
    """Boosters, hedges, emphasis and evaluative markers; densities and their corpus percentiles.

    The percentiles (among SANAD :data:`DENSITY_REFERENCE` articles) are computed on
    first access of :attr:`percentiles`; articles shorter than
    :data:`MIN_WORDS_FOR_DENSITIES` words are not ranked (:attr:`note` says why).
    """

    article: Article
    markers: tuple[Any, ...]
    densities: dict[str, float]
    seed: int = 0
    quick: bool = False
    title = "Stance markers"

    @property
    def note(self) -> str | None:
        """Why the densities are not ranked against the corpus, or ``None``."""
        n = len(self.article.tokens)
        if n < MIN_WORDS_FOR_DENSITIES:
            return f"too short to rank densities: {n} words, {MIN_WORDS_FOR_DENSITIES} needed"
        return None

    @cached_property
    def _ranking(self) -> tuple[dict[str, float], int]:
        if self.note:
            return {}, 0
        from .rhetoric.markers import corpus_densities, density_percentiles

        dist = corpus_densities(label=DENSITY_REFERENCE, quick=self.quick, seed=self.seed)
        return {k: float(v) for k, v in density_percentiles(self.densities, dist).items()}, int(dist["n"])

    @property
    def percentiles(self) -> dict[str, float]:
        """Percentile (0-100) of each density among the reference articles (empty when not ranked)."""
        return self._ranking[0]

    @property
    def reference(self) -> str | None:
        """The reference corpus's name, or ``None`` when not ranked."""
        return None if self.note else f"SANAD {DENSITY_REFERENCE}"

    @property
    def reference_size(self) -> int:
        """Number of reference articles (0 when not ranked)."""
        return self._ranking[1]

    def summary(self) -> str:
        if not self.markers:
            s = "no stance marker was found"
        else:
            counts: dict[str, int] = {}
            for m in self.markers:
                counts[m.kind] = counts.get(m.kind, 0) + 1
            s = ", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in sorted(counts.items()))
        return s + (f" ({self.note})" if self.note else "")

    def to_frame(self) -> Any:
        """One row per marker: ``kind``, ``text``, ``start``, ``end``."""
        rows = [{"kind": m.kind, "text": m.text, "start": m.start, "end": m.end} for m in self.markers]
        return _frame(rows, ["kind", "text", "start", "end"])

    def _repr_html_(self) -> str:
        ref = self.reference or "the corpus (not ranked)"
        rows = [
            {"kind": k, "per 100 words": v, f"percentile in {ref}": self.percentiles.get(k, "")}
            for k, v in self.densities.items()
            if k != "words"
        ]
        spans = [(m.start, m.end, m.kind, m.kind) for m in self.markers]
        return STYLE + section(
            "Stance markers",
            f"<p>{esc(self.summary())}.</p>",
            html_table(rows),
            highlight(self.article.text, spans) if spans else "",
        )


@dataclass(frozen=True, repr=False)
class PersuasionPart(_Part):
    """Per body paragraph: the persuasion flag, its score and the likeliest technique families."""

    article: Article
    rows: list[dict[str, Any]]
    title = "Persuasion"

    def summary(self) -> str:
        flagged = sum(r["label"] == "true" for r in self.rows)
        if not self.rows:
            return "no body paragraph to classify"
        return f"{flagged} of {len(self.rows)} paragraph{'s' if len(self.rows) != 1 else ''} flagged"

    def to_frame(self) -> Any:
        """One row per body paragraph: ``paragraph`` (1-based), ``label``, ``score``, ``techniques``, offsets."""
        return _frame(self.rows, ["paragraph", "label", "score", "techniques", "start", "end"])

    def _repr_html_(self) -> str:
        spans = [(r["start"], r["end"], "flag", f"score {r['score']:.2f}") for r in self.rows if r["label"] == "true"]
        return STYLE + section(
            "Persuasion",
            f"<p>{esc(self.summary())} (a classifier trained on other texts: a pointer, not a verdict).</p>",
            html_table(self.rows, ["paragraph", "label", "score", "techniques"]),
            highlight(self.article.text, spans) if spans else "",
        )


class Analysis:
    """Every analysis of one article, each computed on first access and kept.

    Parameters
    ----------
    article : Article
    seed : int
        Passed to every model.
    quick : bool
        Quick (subsample-trained) models and corpus samples, for tests and previews.
    """

    def __init__(self, article: Article, *, seed: int = 0, quick: bool = False) -> None:
        if not isinstance(article, Article):
            raise TypeError(f"expected an Article, got {type(article).__name__}")
        self.article = article
        self.seed = int(seed)
        self.quick = bool(quick)

    def __repr__(self) -> str:
        done = [p for p in _PARTS if p in self.__dict__]
        return f"Analysis({self.article.name!r}, seed={self.seed}, quick={self.quick}; computed: {', '.join(done) or 'nothing yet'})"

    @cached_property
    def topic(self) -> TopicPart:
        """The topic (:func:`arabic_news.topics.predict_article` and ``explain_article``)."""
        from .topics import explain_article, predict_article

        pred = predict_article(self.article, seed=self.seed, quick=self.quick)
        label = pred["label"]
        probs = {str(k): float(v) for k, v in pred["probabilities"].items()}
        reasons = explain_article(self.article, seed=self.seed, quick=self.quick, top=8)
        toward = [r for r in reasons if r.get("direction", "toward") in ("toward", label, "for")][:8]
        runner = pred.get("runner_up")
        note = None
        if pred.get("outside_labels"):
            note = (
                f"the article looks outside the model's labels ({pred.get('outside_reason', 'reported by the model')})"
            )
        return TopicPart(
            label=label,
            label_ar=pred.get("label_ar"),
            probability=probs.get(label, 0.0),
            runner_up=runner,
            runner_up_probability=probs.get(runner) if runner else None,
            probabilities=probs,
            reasons=[{"term": r["term"], "weight": float(r["weight"])} for r in toward],
            note=note,
        )

    @cached_property
    def keywords(self) -> KeywordsPart:
        """The default extractor's top 10 keyphrases (:func:`arabic_news.keywords.extract`)."""
        from .keywords import extract

        return KeywordsPart(self.article, tuple(extract(self.article, method="default", top=10)))

    @cached_property
    def attributions(self) -> AttributionsPart:
        """Reported speech (:func:`arabic_news.rhetoric.attributions`, ``speakers_summary``)."""
        from .rhetoric import attributions, speakers_summary

        recs = tuple(attributions(self.article))
        return AttributionsPart(self.article, recs, list(speakers_summary(list(recs))))

    @cached_property
    def markers(self) -> MarkersPart:
        """Stance markers and densities (:func:`arabic_news.rhetoric.find_markers`, ``marker_densities``)."""
        from .rhetoric import find_markers, marker_densities

        text = self.article.text
        found = tuple(find_markers(text))
        dens = {k: float(v) for k, v in marker_densities(text, list(found)).items()}
        return MarkersPart(self.article, found, dens, self.seed, self.quick)

    @cached_property
    def persuasion(self) -> PersuasionPart:
        """Per paragraph persuasion flags (:func:`arabic_news.persuasion.predict_paragraphs`) and techniques."""
        from .persuasion import predict_paragraphs, predict_techniques

        paras = list(self.article.paragraphs)
        if not paras:
            return PersuasionPart(self.article, [])
        binary = predict_paragraphs(paras, seed=self.seed, quick=self.quick)
        tech = predict_techniques(paras, seed=self.seed, quick=self.quick)
        rows = []
        for i, (b, t) in enumerate(zip(binary, tech)):
            top = sorted(t.items(), key=lambda kv: -kv[1])[:3]
            s, e = self.article.paragraph_spans[i]
            rows.append(
                {
                    "paragraph": i + 1,
                    "label": b["label"],
                    "score": float(b["score"]),
                    "techniques": dict(top),
                    "start": s,
                    "end": e,
                }
            )
        return PersuasionPart(self.article, rows)

    @property
    def not_assessed(self) -> list[dict[str, str]]:
        """What could not be assessed and why: ``[{"part", "reason"}]`` (computes the parts it needs)."""
        out: list[dict[str, str]] = []
        n_words = len(self.article.tokens)
        if n_words < MIN_WORDS_FOR_DENSITIES:
            out.append(
                {
                    "part": "markers",
                    "reason": f"too short to rank stance-marker densities against the corpus "
                    f"({n_words} words; {MIN_WORDS_FOR_DENSITIES} needed)",
                }
            )
        if self.article.title is None:
            out.append(
                {"part": "structure", "reason": "no headline (a single line): headline and lead cannot be compared"}
            )
        if "topic" in self.__dict__ and self.topic.note:
            out.append({"part": "topic", "reason": self.topic.note})
        if "keywords" in self.__dict__ and not self.keywords.keywords:
            out.append({"part": "keywords", "reason": "no keyphrase candidate in the article"})
        return out

    def summary_rows(self) -> list[dict[str, str]]:
        """One ``{"part", "result"}`` row per part (computing each; a failing part shows its one-line error)."""
        rows = []
        for name in _PARTS:
            try:
                result = str(getattr(self, name))
            except Exception as e:  # noqa: BLE001 -- shown to the reader instead of a traceback
                result = f"not available: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            rows.append({"part": name, "result": result})
        return rows

    def _repr_html_(self) -> str:
        a = self.article
        head = rtl(a.title) if a.title else "<em>no headline</em>"
        meta = f"{esc(a.name)} · {len(a.tokens)} words · {len(a.paragraphs)} paragraphs"
        if a.encoding:
            meta += f" · {esc(a.encoding)}"
        notes = self.not_assessed
        note_html = html_table(notes, ["part", "reason"]) if notes else ""
        return STYLE + section(
            "Analysis",
            f"<p><strong>{head}</strong><br><small>{meta}</small></p>",
            html_table(self.summary_rows(), ["part", "result"]),
            ("<p>Not assessed:</p>" + note_html) if notes else "",
            "<p><small>Each part (<code>.topic</code>, <code>.keywords</code>, <code>.attributions</code>, "
            "<code>.markers</code>, <code>.persuasion</code>) shows its details and has <code>.to_frame()</code>."
            "</small></p>",
        )


_PARTS = ("topic", "keywords", "attributions", "markers", "persuasion")


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 1024:
        return False
    if s.lower().endswith(".txt") or not _ARABIC.search(s):
        return True
    try:
        return Path(s).is_file()
    except OSError:
        return False


def analyse(
    path_or_text: str | os.PathLike[str] | Article,
    *,
    seed: int = 0,
    quick: bool = False,
    encoding: str = "auto",
) -> Analysis:
    """Analyse one article: a path (read with ``encoding``), Arabic text, or an :class:`Article`.

    Parameters
    ----------
    path_or_text : str, path-like or Article
        A string is a path when it has no line break and ends in ``.txt`` or has no
        Arabic letter; otherwise it is the article's text.
    seed : int
    quick : bool
    encoding : str, default "auto"
        For paths (see :func:`arabic_news.read_article`).

    Returns
    -------
    Analysis
        Parts computed on first access: ``.topic``, ``.keywords``, ``.attributions``,
        ``.markers``, ``.persuasion``.

    Examples
    --------
    >>> a = analyse("seeds/iraq-nato-security-cooperation.txt")
    >>> a.article.title
    'العراق يؤكد رغبته بالاستفادة من خبرات الناتو الأمنية'
    """
    if isinstance(path_or_text, Article):
        article = path_or_text
    elif isinstance(path_or_text, os.PathLike) or (isinstance(path_or_text, str) and _looks_like_path(path_or_text)):
        article = read_article(path_or_text, encoding=encoding)
    elif isinstance(path_or_text, str):
        article = Article.from_text(path_or_text)
    else:
        raise TypeError(f"expected a path, Arabic text or an Article, got {type(path_or_text).__name__}")
    return Analysis(article, seed=seed, quick=quick)
