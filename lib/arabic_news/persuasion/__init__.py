"""Persuasion in Arabic news paragraphs: a binary detector and a coarse-technique classifier.

Trained on the pool of ArAIEval 2023 task 1 train and ArMPro V2 dev, de-duplicated
(:func:`arabic_news.persuasion.data.load_pool`; label mapping in
``data/persuasion/labels.tsv``), with word and character n-gram TF-IDF, the
lab's rhetoric-marker features and sentence-encoder embeddings
(:mod:`arabic_news.persuasion.features`); models in
:mod:`~arabic_news.persuasion.models`, the evaluation (repeated CV grouped by
story, held-out dev paragraphs, bars, tables) in
:mod:`~arabic_news.persuasion.evaluation`, sentences for the notebook in
:mod:`~arabic_news.persuasion.describe`.  :func:`model_card` gives what a report
shows beside a flag (its held-out precision) without running the evaluation.

Usage (trains and caches the default model on first call)::

    from arabic_news.persuasion import predict_paragraphs, predict_techniques
    predict_paragraphs(["وأكد الوزير أن المفاوضات ستستأنف الأسبوع المقبل."])
    # -> [{"label": "true" | "false", "score": P(true)}]

Nothing heavy is imported until a function is called.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "predict_paragraphs",
    "predict_techniques",
    "analyse_paragraphs",
    "explain_paragraph",
    "check_texts",
    "model_card",
]


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


def analyse_paragraphs(article, *, seed: int = 0, quick: bool = False) -> list[dict]:
    """Both classifiers applied to each body paragraph of an :class:`~arabic_news.Article`.

    Returns
    -------
    list of dict
        One record per paragraph: ``paragraph`` (1-based), ``start``/``end``
        (offsets into ``article.text``), ``text``, ``label``, ``score`` and
        ``techniques`` (``{coarse_class: probability}``).
    """
    texts = list(article.paragraphs)
    spans = list(article.paragraph_spans)
    if not texts:
        return []
    binary = predict_paragraphs(texts, seed=seed, quick=quick)
    techs = predict_techniques(texts, seed=seed, quick=quick)
    return [
        {"paragraph": i + 1, "start": s, "end": e, "text": t, **b, "techniques": tp}
        for i, (t, (s, e), b, tp) in enumerate(zip(texts, spans, binary, techs))
    ]


def model_card(*, seed: int = 0, quick: bool = False) -> dict:
    """What the default model measured on data it did not train on, for reports (no extra computation).

    Returns
    -------
    dict
        ``threshold`` (decision threshold on P(true)); ``reliability``: the
        held-out precision of "true" on news paragraphs (out-of-fold in the
        model's inner CV grouped by article, with a 95 % CI by article, and at
        60 %/80 % "true" in ``by_share``): how often a flagged paragraph was
        annotated as persuasive; ``technique_classes``: per coarse class the
        held-out F1, the support and ``shown`` (F1 >= 0.5 with support >= 20:
        reports may name it).  The same keys as an evaluation result, so
        :mod:`arabic_news.persuasion.describe` reads either.
    """
    from .models import default_models

    return dict(default_models(seed=seed, quick=quick).card)


def explain_paragraph(text: str, *, k: int = 10, seed: int = 0, quick: bool = False) -> list[tuple[str, float]]:
    """The ``k`` features that push the binary score of ``text`` most (either way).

    Contribution = feature value x logistic-regression weight (log-odds of
    "true"); positive values push towards "contains persuasion".  Feature names
    are prefixed by their block: ``word__`` (light-stemmed, retrieval-normalised
    word n-grams), ``char__`` (character n-grams), ``rhetoric__`` (markers and cues).
    """
    (text,) = check_texts([text])
    import numpy as np

    from .models import default_models

    model = default_models(seed=seed, quick=quick).binary
    feats = model.named_steps["features"]
    lr = model.named_steps["clf"].estimator_
    z = feats.transform([text])
    z = z.toarray()[0] if hasattr(z, "toarray") else np.asarray(z)[0]
    contrib = z * lr.coef_[0]
    names = feats.get_feature_names_out()
    order = np.argsort(-np.abs(contrib))[:k]
    return [(str(names[i]), round(float(contrib[i]), 4)) for i in order if contrib[i] != 0]
