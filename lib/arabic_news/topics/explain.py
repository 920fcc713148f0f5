"""Why the model chose a topic: n-gram contributions, and the article with those n-grams highlighted.

For a linear model the score of class *k* is ``w_k . x + b_k`` (``x`` the
article's TF-IDF vector).  The margin between the predicted class and the
runner-up is therefore a sum over the article's n-grams of
``x_j * (w_top_j - w_runner_j)``; each term's share is its *weight*.  Positive
weights pushed the article toward the predicted class, negative ones toward the
runner-up.  For the calibrated default model the weights are those of the
LinearSVC inside it (Platt scaling is monotone per class, so it does not change
which n-grams matter).

Highlighting maps each n-gram back to character offsets of ``Article.text``:
the article is tokenised with :func:`arabic_news.tokenise.word_spans`, every
token is normalised and stemmed exactly as the model's analyzer does, and a
feature ``"a b"`` marks every run of consecutive tokens whose keys are
``a, b``.  All article text is HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

__all__ = ["linear_weights", "explain_text", "term_spans", "highlight_html"]


def linear_weights(model) -> tuple[np.ndarray, np.ndarray]:
    """``(W, classes)``: one weight row per class for the pipeline's final linear classifier."""
    from sklearn.calibration import CalibratedClassifierCV

    clf = model.steps[-1][1] if hasattr(model, "steps") else model
    classes = np.asarray(clf.classes_)
    if isinstance(clf, CalibratedClassifierCV):
        Ws = [np.asarray(c.estimator.coef_) for c in clf.calibrated_classifiers_]
        W = np.mean(Ws, axis=0)
    elif hasattr(clf, "coef_"):
        W = np.asarray(clf.coef_)
    elif hasattr(clf, "feature_log_prob_"):  # ComplementNB: jll = X @ feature_log_prob_.T
        W = np.asarray(clf.feature_log_prob_)
    else:
        raise TypeError(f"cannot explain a {type(clf).__name__}: it has no linear weights")
    if W.shape[0] == 1 and len(classes) == 2:
        W = np.vstack([-W[0], W[0]])
    return W, classes


def _vector_and_terms(model, text: str):
    vec = model.named_steps["tfidf"]
    cleaned = model.named_steps["clean"].transform([text])
    x = vec.transform(cleaned).tocsr()
    return x, vec.get_feature_names_out()


def explain_text(
    model, text: str, *, top: int = 10, target: str | None = None, versus: str | None = None
) -> dict[str, Any]:
    """Contributions of the text's n-grams to ``target`` (default: predicted) vs ``versus`` (default: runner-up).

    Returns
    -------
    dict
        ``target``, ``versus``, ``rows`` (list of dicts: ``term``, ``weight``,
        ``direction`` (the class it pushes toward), ``tfidf``), sorted: the
        ``top`` strongest toward ``target`` first, then the ``top`` strongest
        toward ``versus``.
    """
    if top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    W, classes = linear_weights(model)
    x, terms = _vector_and_terms(model, text)
    scores = np.asarray(
        model.decision_function([text]) if not hasattr(model, "predict_proba") else model.predict_proba([text])
    )[0]
    order = np.argsort(-scores)
    cls = list(classes)
    for name, val in (("target", target), ("versus", versus)):
        if val is not None and val not in cls:
            raise ValueError(f"unknown class {val!r} for {name}; the model knows: {', '.join(cls)}")
    t = cls.index(target) if target is not None else int(order[0])
    v = cls.index(versus) if versus is not None else int(order[1] if order[0] == t else order[0])
    idx, val = x.indices, x.data
    contrib = val * (W[t, idx] - W[v, idx])
    rows = []
    pos = np.argsort(-contrib)
    neg = np.argsort(contrib)
    for sel, direction in ((pos, classes[t]), (neg, classes[v])):
        for k in sel[:top]:
            c = float(contrib[k])
            if (c > 0) != (direction == classes[t]) or c == 0:
                break
            rows.append(
                {
                    "term": str(terms[idx[k]]),
                    "weight": round(c, 5),
                    "direction": str(direction),
                    "tfidf": round(float(val[k]), 4),
                }
            )
    return {"target": str(classes[t]), "versus": str(classes[v]), "rows": rows}


def _token_keys(text: str) -> list[tuple[int, int, str]]:
    from ..normalise import normalise
    from ..stem import get_stemmer
    from ..tokenise import word_spans
    from .features import ANALYZER

    stem = get_stemmer(ANALYZER.stemmer)
    out = []
    for s, e, tok in word_spans(text):
        for w in word_spans(normalise(tok, profile="matching")):
            out.append((s, e, stem(w[2])))
    return out


def term_spans(text: str, terms: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Character spans of ``text`` where each (stemmed, space-joined) n-gram occurs.

    >>> term_spans("فاز المنتخب الوطني بالمباراة", ["منتخب وطن", "مبارا"])
    {'منتخب وطن': [(4, 18)], 'مبارا': [(19, 28)]}
    """
    toks = _token_keys(text)
    keys = [k for _, _, k in toks]
    out: dict[str, list[tuple[int, int]]] = {}
    for term in terms:
        parts = term.split(" ")
        n = len(parts)
        spans = []
        for i in range(len(keys) - n + 1):
            if keys[i : i + n] == parts:
                spans.append((toks[i][0], toks[i + n - 1][1]))
        out[term] = spans
    return out


_COLOURS = ("rgba(46, 139, 87, {a})", "rgba(214, 96, 28, {a})")  # toward target: green; toward runner-up: orange


def highlight_html(text: str, explanation: dict[str, Any]) -> str:
    """The text as escaped HTML with the explanation's n-grams highlighted.

    Terms pushing toward the predicted class are green, toward the runner-up
    orange; opacity follows the weight; hovering shows the term and weight.
    Overlaps are resolved in favour of the stronger term.

    >>> ex = {"target": "Sports", "versus": "Politics",
    ...       "rows": [{"term": "مبارا", "weight": 0.3, "direction": "Sports", "tfidf": 0.2}]}
    >>> "<mark" in highlight_html("<b>فاز</b> بالمباراة", ex), "&lt;b&gt;" in highlight_html("<b>فاز</b> بالمباراة", ex)
    (True, True)
    """
    rows = explanation["rows"]
    if not rows:
        return f'<div dir="rtl" style="white-space: pre-wrap">{html.escape(text)}</div>'
    spans = term_spans(text, [r["term"] for r in rows])
    wmax = max(abs(r["weight"]) for r in rows) or 1.0
    owner = [None] * len(text)
    for r in sorted(rows, key=lambda r: abs(r["weight"])):  # stronger terms painted last win
        for s, e in spans[r["term"]]:
            for i in range(s, e):
                owner[i] = id(r)
    by_id = {id(r): r for r in rows}
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and owner[j] == owner[i]:
            j += 1
        seg = html.escape(text[i:j])
        r = by_id.get(owner[i])
        if r is None:
            out.append(seg)
        else:
            colour = _COLOURS[0 if r["direction"] == explanation["target"] else 1]
            alpha = 0.25 + 0.6 * abs(r["weight"]) / wmax
            tip = html.escape(f"{r['term']}: {r['weight']:+.3f} toward {r['direction']}", quote=True)
            out.append(f'<mark style="background:{colour.format(a=round(alpha, 2))}" title="{tip}">{seg}</mark>')
        i = j
    legend = (
        f'<p style="font-size:90%">green: toward <b>{html.escape(explanation["target"])}</b>; '
        f"orange: toward <b>{html.escape(explanation['versus'])}</b> (runner-up)</p>"
    )
    return legend + '<div dir="rtl" style="white-space: pre-wrap; line-height: 1.9">' + "".join(out) + "</div>"
