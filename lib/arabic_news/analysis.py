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
from functools import cached_property
from pathlib import Path

from .article import Article, read_article
from .parts import (
    MIN_WORDS_FOR_DENSITIES,
    AttributionsPart,
    KeywordsPart,
    MarkersPart,
    PersuasionPart,
    TopicPart,
)
from .views import STYLE, esc, html_table, rtl, section

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


_ARABIC = re.compile("[\u0600-\u06ff]")


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
        if pred.get("outside"):
            why = "; ".join(pred.get("outside_reasons") or []) or "reported by the model"
            note = f"the article looks outside the model's seven labels ({why})"
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
        from .keywords.background import default_background

        background = default_background(quick=self.quick, seed=self.seed)
        return KeywordsPart(self.article, tuple(extract(self.article, method="default", top=10, background=background)))

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
        # the reference follows the article: its predicted SANAD class, or all of SANAD outside the labels
        reference = "all" if self.topic.note else self.topic.label
        return MarkersPart(self.article, found, dens, self.seed, self.quick, reference)

    @cached_property
    def persuasion(self) -> PersuasionPart:
        """Per paragraph persuasion flags (:func:`arabic_news.persuasion.predict_paragraphs`) and techniques.

        ``techniques`` holds only the coarse classes a report may name (held-out F1 >= 0.5 with support >= 20,
        :func:`arabic_news.persuasion.evaluation.displayable_techniques`), at most three; a flagged paragraph
        carries ``flag_precision``, the held-out precision of "true" on news paragraphs (how often such a flag
        was right), ``None`` on the others."""
        from .persuasion import model_card, predict_paragraphs, predict_techniques
        from .persuasion.evaluation import displayable_techniques

        paras = list(self.article.paragraphs)
        if not paras:
            return PersuasionPart(self.article, [])
        binary = predict_paragraphs(paras, seed=self.seed, quick=self.quick)
        tech = predict_techniques(paras, seed=self.seed, quick=self.quick)
        card = model_card(seed=self.seed, quick=self.quick)
        shown = set(displayable_techniques(card))
        precision = float(card["reliability"]["precision"])
        rows = []
        for i, (b, t) in enumerate(zip(binary, tech)):
            top = sorted(((k, v) for k, v in t.items() if k in shown), key=lambda kv: -kv[1])[:3]
            s, e = self.article.paragraph_spans[i]
            rows.append(
                {
                    "paragraph": i + 1,
                    "label": b["label"],
                    "score": float(b["score"]),
                    "techniques": dict(top),
                    "flag_precision": precision if b["label"] == "true" else None,
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
