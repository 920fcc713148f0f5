"""Persuasion in Arabic news paragraphs: a binary detector and a coarse-technique classifier.

Trained on the shared persuasion data (ArAIEval 2023 task 1, ArMPro; see
:mod:`arabic_news.persuasion.data`), with word and character n-gram TF-IDF
plus the lab's rhetoric-marker features (:mod:`arabic_news.persuasion.features`);
models, references and evaluation in :mod:`arabic_news.persuasion.models`.

Usage (trains and caches the default model on first call)::

    from arabic_news.persuasion import predict_paragraphs, predict_techniques
    predict_paragraphs(["وأكد الوزير أن المفاوضات ستستأنف الأسبوع المقبل."])
    # -> [{"label": "true" | "false", "score": P(true)}]

Nothing heavy is imported until a function is called.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["predict_paragraphs", "predict_techniques", "check_texts"]


def check_texts(texts: Sequence[str]) -> list[str]:
    """Validate a list of texts (a list of non-empty strings), returning it as a list.

    >>> check_texts(["نص"])
    ['نص']
    >>> check_texts("نص")
    Traceback (most recent call last):
    ...
    TypeError: texts must be a list of strings, not a single str
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single str")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is {type(t).__name__}, expected str")
        if not t.strip():
            raise ValueError(f"text {i} is empty")
    return out


def predict_paragraphs(texts: Sequence[str], *, seed: int = 0, quick: bool = False) -> list[dict]:
    """Does each paragraph contain persuasion? (ArAIEval 2023 task 1A definition.)

    Parameters
    ----------
    texts : list of str
        Paragraphs (one news paragraph each is what the model was evaluated on).
    seed : int
        Seed of the default model (part of its cache key).
    quick : bool
        Use the quick model (trained on a subsample; for tests and previews).

    Returns
    -------
    list of dict
        ``{"label": "true"|"false", "score": float}`` per text; ``score`` is
        the model's probability of "true", and ``label`` applies the decision
        threshold tuned by cross-validation on the training data.
    """
    texts = check_texts(texts)
    if not texts:
        return []
    from .models import default_models

    model = default_models(seed=seed, quick=quick).binary
    proba = model.predict_proba(texts)[:, list(model.classes_).index("true")]
    labels = model.predict(texts)
    return [{"label": str(lab), "score": round(float(p), 4)} for lab, p in zip(labels, proba)]


def predict_techniques(texts: Sequence[str], *, seed: int = 0, quick: bool = False) -> list[dict[str, float]]:
    """Probability of each ArMPro coarse technique class for each paragraph.

    Returns
    -------
    list of dict
        ``{coarse_class: probability}`` per text, classes in
        :data:`arabic_news.persuasion.data.COARSE_CLASSES` order.  The one-vs-rest
        models are class-balanced, so 0.5 is their decision point.
    """
    texts = check_texts(texts)
    if not texts:
        return []
    from .data import COARSE_CLASSES
    from .models import default_models

    proba = default_models(seed=seed, quick=quick).techniques.predict_proba(texts)
    return [{c: round(float(p), 4) for c, p in zip(COARSE_CLASSES, row)} for row in proba]
