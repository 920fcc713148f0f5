"""Keyword (keyphrase) extraction for Arabic news: several methods behind one interface.

>>> from arabic_news.keywords import extract
>>> kws = extract("تعاون أمني بين العراق والناتو\\nبحث الجانبان التعاون الأمني، وأكدا أهمية التعاون الأمني.",
...               method="textrank", top=2)
>>> [(k.text, k.lemma) for k in kws]
[('التعاون الأمني', 'تعاون امن'), ('التعاون', 'تعاون')]

Methods (``METHODS``, and ``OPTIONAL_METHODS``):

``default``
    The lab's own (:mod:`arabic_news.keywords.ranking`): names in their full
    multiword form (:mod:`arabic_news.names`) and topical compounds first,
    generic officialese and finite verbs kept out of the top ten (corpus
    statistics, :mod:`arabic_news.keywords.genre`), variants grouped; with
    ``semantic=True`` reranked by the sentence encoder with MMR diversity.
``supervised``
    A learned (KEA-style) ranker (:mod:`arabic_news.keywords.supervised`):
    the default's candidates rescored by a classifier trained on which body
    phrases SaudiNewsNet editors put in their headlines (articles outside the
    evaluation split), with the default's officialese rule and variant grouping.
``lexical``
    The previous default: corpus rarity, position (headline and lead weigh
    more), spread, and phrase cohesion from background statistics.
``tfidf``
    Phrase frequency x inverse document frequency in the background corpus.
``yake``
    YAKE (the ``yake`` package) with Arabic punctuation respected.
``textrank``
    TextRank over a co-occurrence graph of stems (networkx).

Candidates (1-3 words, never across punctuation, never starting or ending with
a stopword, no date expressions unless ``include_dates=True``) are defined in
:mod:`arabic_news.keywords.candidates`; background document frequencies
(SANAD + SaudiNewsNet, cached) in :mod:`arabic_news.keywords.background`;
title-word recall and method agreement in :mod:`arabic_news.keywords.evaluation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..article import Article

if TYPE_CHECKING:  # pragma: no cover
    from .background import Background

__all__ = ["extract", "Keyword", "METHODS", "OPTIONAL_METHODS", "analyse", "kwic"]

#: the available methods, in display order (``lexical`` is the lab's previous default)
METHODS = ("default", "tfidf", "yake", "textrank", "lexical")
#: methods available to :func:`extract` but not run by the notebooks' method comparison
#: (``supervised`` loads -- or on first use trains -- a model on the full corpora)
OPTIONAL_METHODS = ("supervised",)


@dataclass(frozen=True)
class Keyword:
    """One extracted keyphrase.

    Attributes
    ----------
    text : str
        Display form: the phrase's most frequent surface form in the article.
    score : float
        Higher is better (comparable within one method and article only).
    lemma : str
        Grouping key: the light stem of each word, joined by spaces.
    positions : tuple of int
        Start offset in ``Article.text`` of every occurrence.
    variants : tuple of str
        Other forms grouped into this keyphrase (``مجلس الأمن`` under
        ``مجلس الأمن الدولي``; with the encoder also paraphrases such as
        ``المنظمة الدولية`` under ``الأمم المتحدة``).  Empty for methods that do not group.
    kind : str or None
        For names, their kind (``person``, ``organisation``, ``place``, ``title``, ``entity``).
    """

    text: str
    score: float
    lemma: str
    positions: tuple[int, ...]
    variants: tuple[str, ...] = ()
    kind: str | None = None


def _resolve_background(background, needed: bool):
    if not needed:
        return None
    from .background import Background, default_background

    if background is None:
        return default_background()
    if isinstance(background, Background):
        return background
    if isinstance(background, (list, tuple)):
        return Background.from_texts(list(background))
    raise TypeError(f"background must be None, a Background or a list of texts, got {type(background).__name__}")


def extract(
    text_or_article: str | Article,
    *,
    method: str = "default",
    top: int = 10,
    background: Background | Sequence[str] | None = None,
    include_dates: bool = False,
    leave_out: bool = False,
    semantic: bool = False,
) -> list[Keyword]:
    """Extract the top keyphrases of an article.

    Parameters
    ----------
    text_or_article : str or Article
        A string is read with :meth:`Article.from_text` (first line is the
        headline when there is more than one non-empty line).
    method : {"default", "supervised", "tfidf", "yake", "textrank", "lexical"}
    top : int
        Number of keyphrases (fewer if the article has fewer candidates).
    background : Background or list of str, optional
        Background statistics for ``default``/``tfidf``; by default the lab's
        cached SANAD + SaudiNewsNet frequencies.  A list of texts builds a small
        one on the fly (tests).
    include_dates : bool
        Allow date expressions (``يوم الخميس الماضي``) as keyphrases.
    leave_out : bool
        The article is one of the background documents: remove its own counts.
    semantic : bool
        ``default`` only: rerank with the offline sentence encoder
        (:mod:`arabic_news.embed`) and maximal marginal relevance.  Off by
        default: see ``bench/keywords.py`` for what it costs and gains.

    Returns
    -------
    list of Keyword
        Sorted by decreasing score; ``positions`` index ``Article.text``.

    Raises
    ------
    ValueError
        Unknown method or bad ``top``.
    ArticleError
        Empty, very short, binary or non-Arabic input.
    """
    from .candidates import analyse as _analyse
    from .methods import METHODS as _M
    from .methods import NEEDS_BACKGROUND

    if method not in _M:
        raise ValueError(f"unknown keyword method {method!r}; choose one of: {', '.join(METHODS + OPTIONAL_METHODS)}")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a positive integer, got {top!r}")
    if not isinstance(semantic, bool):
        raise TypeError(f"semantic must be True or False, got {semantic!r}")
    if semantic and method != "default":
        raise ValueError(f"semantic=True is an option of the default method only, not of {method!r}")
    doc = _analyse(text_or_article, include_dates=include_dates, names=method in ("default", "supervised"))
    bg = _resolve_background(background, method in NEEDS_BACKGROUND)
    extra = {"semantic": True} if semantic else {}
    ranked = _M[method](doc, background=bg, leave_out=leave_out, top=top, **extra)
    out = []
    for item in ranked[:top]:
        lemma, score = item[0], item[1]
        c = doc.candidates[lemma]
        variants = tuple(item[2]) if len(item) > 2 else ()
        text = _name_display(c.text) if c.name_kind else c.text
        out.append(Keyword(text, float(score), lemma, c.positions, variants, c.name_kind))
    return out


def _name_display(text: str) -> str:
    """A name without the conjunction or preposition glued to it (``وحلف الناتو`` -> ``حلف الناتو``).

    >>> _name_display("وحلف الناتو"), _name_display("لحلف شمال الأطلسي"), _name_display("وزارة الداخلية")
    ('حلف الناتو', 'حلف شمال الأطلسي', 'وزارة الداخلية')
    """
    from ..names import _key, name_key

    first, _, rest = text.partition(" ")
    if len(first) > 3 and first[0] in "وفبل" and _key(first) != name_key(first):
        return (first[1:] + " " + rest).strip()
    return text


def analyse(text_or_article: str | Article, **kw):
    """Candidates of an article (see :func:`arabic_news.keywords.candidates.analyse`)."""
    from .candidates import analyse as _analyse

    return _analyse(text_or_article, **kw)


def kwic(text: str, positions: Sequence[int], *, width: int = 40, n_words: int = 1) -> list[tuple[str, str, str]]:
    """Key-word-in-context lines: ``(left, hit, right)`` around each offset.

    Parameters
    ----------
    text : str
        ``Article.text``.
    positions : sequence of int
        Start offsets (``Keyword.positions``).
    width : int
        Characters of context on each side (cut at a word boundary, within one line).
    n_words : int
        Words in the hit (``len(keyword.lemma.split())`` for a keyphrase).

    >>> kwic("قال الوزير إن التعاون الأمني مستمر", [14], width=12, n_words=2)
    [('الوزير إن', 'التعاون الأمني', 'مستمر')]
    """
    from ..concordance import kwic_spans
    from ..tokenise import word_spans

    spans = []
    for p in positions:
        line_end = text.find("\n", p)
        words_after = word_spans(text[p : len(text) if line_end < 0 else line_end])[: max(n_words, 1)]
        spans.append((p, p + words_after[-1][1] if words_after else p))
    return [(line.left, line.match, line.right) for line in kwic_spans(text, spans, width=width)]
