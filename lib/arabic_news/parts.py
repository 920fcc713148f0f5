"""The parts of an :class:`~arabic_news.analysis.Analysis`: one small result object per capability.

Each part keeps what its capability returned for the one article, and has a one-line
``str()`` summary (a sentence when nothing was found), ``.to_frame()`` (a pandas
DataFrame) and ``_repr_html_`` (right-to-left Arabic, escaped, spans highlighted; see
:mod:`arabic_news.views`).  Parts are built by :class:`~arabic_news.analysis.Analysis`.

>>> from arabic_news import Article
>>> from arabic_news.parts import AttributionsPart
>>> str(AttributionsPart(Article.from_text("ارتفع المؤشر اليوم."), (), []))
'no reported speech was found'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .article import Article
from .views import STYLE, esc, highlight, html_table, section

__all__ = [
    "MIN_WORDS_FOR_DENSITIES",
    "DENSITY_REFERENCE",
    "AttributionsPart",
    "KeywordsPart",
    "MarkersPart",
    "PersuasionPart",
    "TopicPart",
]

#: Below this many words, marker densities (per 100 words) are too noisy to rank against a corpus.
MIN_WORDS_FOR_DENSITIES = 100
#: The corpus class the stance-marker densities are ranked against.
DENSITY_REFERENCE = "Politics"


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

    The percentiles (among the SANAD articles of ``reference_class`` -- the class the
    topic model predicts, or ``"all"`` of SANAD for an article outside the seven labels;
    :data:`DENSITY_REFERENCE` when none is given) are computed on first access of
    :attr:`percentiles`; articles shorter than
    :data:`MIN_WORDS_FOR_DENSITIES` words are not ranked (:attr:`note` says why).
    """

    article: Article
    markers: tuple[Any, ...]
    densities: dict[str, float]
    seed: int = 0
    quick: bool = False
    reference_class: str = DENSITY_REFERENCE
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

        dist = corpus_densities(label=self.reference_class, quick=self.quick, seed=self.seed)
        return {k: float(v) for k, v in density_percentiles(self.densities, dist).items()}, int(dist["n"])

    @property
    def percentiles(self) -> dict[str, float]:
        """Percentile (0-100) of each density among the reference articles (empty when not ranked)."""
        return self._ranking[0]

    @property
    def reference(self) -> str | None:
        """The reference corpus's name, or ``None`` when not ranked."""
        if self.note:
            return None
        return "all of SANAD" if self.reference_class == "all" else f"SANAD {self.reference_class}"

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
        """One row per body paragraph: ``paragraph`` (1-based), ``label``, ``score``, ``techniques`` (reportable
        classes), ``flag_precision`` (held-out precision of a flag), offsets."""
        return _frame(self.rows, ["paragraph", "label", "score", "techniques", "flag_precision", "start", "end"])

    def _repr_html_(self) -> str:
        spans = [(r["start"], r["end"], "flag", f"score {r['score']:.2f}") for r in self.rows if r["label"] == "true"]
        return STYLE + section(
            "Persuasion",
            f"<p>{esc(self.summary())} (a classifier trained on other texts: a pointer, not a verdict).</p>",
            html_table(self.rows, ["paragraph", "label", "score", "techniques", "flag_precision"]),
            highlight(self.article.text, spans) if spans else "",
        )
