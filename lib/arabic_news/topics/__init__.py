"""Topic classification for Arabic news: the article's topic, how sure, and why.

Public API (used by the notebooks, the CLI and the dossier)
-----------------------------------------------------------
``default_model(*, seed=0, quick=False)``
    The lab's fitted default topic model (a scikit-learn ``Pipeline``:
    boilerplate cleaning -> stemmed word 1-2-gram TF-IDF -> LinearSVC
    calibrated across outlets), trained on SANAD (minus its held-out split)
    plus weak-labelled SaudiNewsNet articles, cached under ``.cache/topic-default``.
``predict_article(article, *, model=None, seed=0, quick=False) -> dict``
    ``{"label", "label_ar", "probabilities": {label: p} (sorted, highest
    first), "runner_up", "runner_up_ar", "margin", "outside", "outside_reasons"}``;
    ``outside`` is True when the article's topic looks like none of the seven
    (:mod:`.openset`), and the reasons say why.
``explain_article(article, *, model=None, top=10, seed=0, quick=False, target=None, versus=None) -> list[dict]``
    Rows ``{"term", "weight", "direction", "tfidf"}``: the n-grams that pushed
    the article toward its class (``direction`` = the predicted class) and
    toward the runner-up.
``highlight_article(article, ...) -> str``
    The article as escaped HTML with those n-grams highlighted.

Modules: :mod:`.clean` (boilerplate), :mod:`.weak_labels` (class names,
SaudiNewsNet section labels), :mod:`.dedup` (duplicate groups),
:mod:`.features` (cached counts), :mod:`.models` (pipelines, default model),
:mod:`.evaluation` (CV, held-out, cross-outlet, learning curve),
:mod:`.stacking` (the calibrated classifier, encoder features),
:mod:`.robustness` (recipes, leave-one-outlet-out with CIs, calibration error),
:mod:`.openset` ("outside the labels"), :mod:`.errors` (glossed error table),
:mod:`.describe` (Markdown findings for the notebooks),
:mod:`.explain`, :mod:`.landscape` (NMF topics, neighbours),
:mod:`.persistence` (skops), :mod:`.cli`.

Nothing heavy is imported until a function is called.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["default_model", "predict_article", "explain_article", "highlight_article", "CLASSES", "class_names"]

from .weak_labels import CLASSES, class_names


def default_model(*, seed: int = 0, quick: bool = False):
    """The lab's default topic model (see :func:`arabic_news.topics.models.default_model`)."""
    from .models import default_model as _dm

    return _dm(seed=seed, quick=quick)


def _text_of(article: Any) -> str:
    """The text of an Article, of a str (validated by :func:`~arabic_news.article.as_article`) or of a path-like file."""
    from ..article import as_article, read_article

    if isinstance(article, os.PathLike):
        return read_article(article, encoding="auto").text
    return as_article(article).text


def predict_article(article: Any, *, model=None, seed: int = 0, quick: bool = False) -> dict[str, Any]:
    """The article's topic with calibrated probabilities and the runner-up.

    Parameters
    ----------
    article : Article, str or path-like
        An :class:`arabic_news.Article`, an article's text, or a
        ``pathlib.Path`` to an article file (read with ``encoding="auto"``;
        relative paths resolve against the project root).
    model : fitted pipeline, optional
        Defaults to :func:`default_model` ``(seed=seed, quick=quick)``.

    Returns
    -------
    dict
        ``label``, ``label_ar``, ``probabilities`` (``{label: p}``, highest
        first), ``runner_up``, ``runner_up_ar``, ``margin`` (difference of the
        two highest probabilities), ``outside`` (True: the topic looks like
        none of the seven classes) and ``outside_reasons`` (short English
        phrases; empty when not outside).

    Examples
    --------
    >>> r = predict_article("فاز المنتخب الوطني على ضيفه بهدفين في المباراة النهائية للبطولة", quick=True)
    >>> r["label"], r["outside"]
    ('Sports', False)
    """
    from .openset import assess

    text = _text_of(article)
    model = default_model(seed=seed, quick=quick) if model is None else model
    names = class_names()
    a = assess(model, [text])  # probabilities and the open-set verdict in one pass
    proba = a["proba"][0]
    pairs = sorted(zip([str(c) for c in model.classes_], proba.tolist()), key=lambda kv: -kv[1])
    top, ru = pairs[0], pairs[1] if len(pairs) > 1 else (None, 0.0)
    outside, reasons = a["outside"][0], a["reasons"][0]
    return {
        "label": top[0],
        "label_ar": names.get(top[0], top[0]),
        "probabilities": {k: round(v, 4) for k, v in pairs},
        "runner_up": ru[0],
        "runner_up_ar": names.get(ru[0], ru[0]) if ru[0] else None,
        "margin": round(top[1] - ru[1], 4),
        "outside": outside,
        "outside_reasons": reasons,
    }


def explain_article(
    article: Any,
    *,
    model=None,
    top: int = 10,
    seed: int = 0,
    quick: bool = False,
    target: str | None = None,
    versus: str | None = None,
) -> list[dict[str, Any]]:
    """The n-grams that pushed the article toward its topic and toward the runner-up.

    Returns rows ``{"term", "weight", "direction", "tfidf"}``: first the
    ``top`` strongest toward the predicted class (``weight > 0``), then the
    ``top`` strongest toward the runner-up (``weight < 0``).  ``term`` is a
    stemmed, normalised uni- or bigram (``"حلف شمال"``).  See
    :mod:`arabic_news.topics.explain` for the method.
    """
    from .explain import explain_text

    model = default_model(seed=seed, quick=quick) if model is None else model
    return explain_text(model, _text_of(article), top=top, target=target, versus=versus)["rows"]


def highlight_article(article: Any, *, model=None, top: int = 10, seed: int = 0, quick: bool = False) -> str:
    """The article text as escaped HTML with :func:`explain_article`'s n-grams highlighted."""
    from .explain import explain_text, highlight_html

    model = default_model(seed=seed, quick=quick) if model is None else model
    text = _text_of(article)
    return highlight_html(text, explain_text(model, text, top=top))
