"""A supervised (KEA-style) keyphrase ranker learned from SaudiNewsNet headlines.

Which body phrases an editor lifts into the headline is the signal a keyphrase
ranker needs (Frank et al. 1999, KEA; here the "gold" is the headline's
content words).  The ranker rescores the default extractor's candidates:

* **Candidates and features**: the ``pool`` best candidates of the default's
  lexical score, with the features of :data:`arabic_news.keywords.training.FEATURES`
  (body only; see :mod:`arabic_news.keywords.training`) and KEA's "keyphrase
  frequency" analogue, how often each word of a body is also in its headline
  across SaudiNewsNet (:mod:`arabic_news.keywords.headline_rate`, evaluation
  split and its duplicates excluded).
* **Label**: a candidate is positive when a content-word stem key of its
  display form is among the headline's (the match title-word recall counts).
* **Model**: :data:`MODEL_PARAMS` (histogram gradient-boosted trees, chosen
  over logistic regression and the other :data:`CANDIDATE_CONFIGS` on the
  *tune* split by :func:`tune_recall`: ``python bench/keywords.py --select``),
  trained once on SaudiNewsNet articles outside the evaluation split and its
  duplicates, cached with skops (explicitly trusted types only, never pickle).
* **Output**: candidates in a greedy order -- each step takes the candidate
  whose words not yet covered carry the most predicted probability (so the
  ten keyphrases cover different words) -- with officialese and finite verbs
  kept out of the top ten and variants grouped as in the default
  (:func:`arabic_news.keywords.ranking._variants_dedup`).  Scores are the
  predicted probabilities, made non-increasing along the list.

>>> MODEL_PARAMS["model"], MODEL_PARAMS["rates"]
('hgb', True)
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import numpy as np

from .candidates import DocAnalysis, content_keys

__all__ = ["MODEL_PARAMS", "train_ranker", "default_ranker", "rank_supervised", "tune_recall", "save", "load"]

#: parameters of the learned ranker (chosen on the tune split only)
MODEL_PARAMS = {
    "model": "hgb",  # "hgb" (HistGradientBoostingClassifier) or "logreg"
    "max_iter": 200,
    "learning_rate": 0.08,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 40,
    "C": 1.0,  # logreg
    "demote": True,  # officialese and finite verbs out of the top ten (as the default)
    "weight": "none",  # "coverage": positives weighted by the headline words they cover; "none"
    "rates": True,  # add the headline-rate features (arabic_news.keywords.headline_rate)
    "coverage_alpha": 0.3,  # order greedily by new words' probabilities (None: by probability)
}

#: types (beyond skops' defaults) a cached ranker file may contain; anything else is refused
TRUSTED_TYPES = (
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.pipeline.Pipeline",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.random.mtrand.RandomState",
    "builtins.slice",
)


def coverage_weights(table: dict) -> np.ndarray:
    """Per candidate row: the number of headline content stems it covers (at least 1).

    Weighting positives by it makes the ranker prefer a phrase that recovers two
    headline words over one that recovers one (recall counts words).
    """
    want = [content_keys(str(t)) for t in table["titles"]]
    g = table["group"]
    return np.array([max(len(content_keys(str(x)) & want[j]), 1) for x, j in zip(table["text"], g)], dtype=np.float64)


def train_ranker(X: np.ndarray, y: np.ndarray, *, params: dict | None = None, seed: int = 0, sample_weight=None):
    """Fit the classifier of :data:`MODEL_PARAMS` (overridden by ``params``) on candidate features.

    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3)); y = (X[:, 0] > 0).astype(int)
    >>> m = train_ranker(X, y, params={"model": "logreg"})
    >>> float(m.predict_proba(X[:1])[0, 1]) > 0 or True
    True
    """
    p = dict(MODEL_PARAMS, **(params or {}))
    if p["model"] == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        m = HistGradientBoostingClassifier(
            max_iter=int(p["max_iter"]),
            learning_rate=float(p["learning_rate"]),
            max_leaf_nodes=int(p["max_leaf_nodes"]),
            min_samples_leaf=int(p["min_samples_leaf"]),
            early_stopping=False,
            random_state=seed,
        )
    elif p["model"] == "logreg":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        m = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(C=float(p["C"]), max_iter=2000))])
    else:
        raise ValueError(f"model must be 'hgb' or 'logreg', got {p['model']!r}")
    X = np.asarray(X, dtype=np.float64)
    if sample_weight is None:
        return m.fit(X, np.asarray(y))
    key = "sample_weight" if p["model"] == "hgb" else "clf__sample_weight"
    return m.fit(X, np.asarray(y), **{key: np.asarray(sample_weight, dtype=np.float64)})


def save(model, path, card: dict | None = None) -> None:
    """Write a ranker (and its card) with skops."""
    import skops.io as sio

    sio.dump({"model": model, "card": json.dumps(card or {})}, path)


def load(path) -> Any:
    """Read a ranker written by :func:`save`, refusing any type outside :data:`TRUSTED_TYPES`."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise ValueError(f"model file {path} contains types that are not trusted: {', '.join(refused)}")
    obj = sio.load(path, trusted=list(untrusted))
    model = obj["model"]
    model.card_ = json.loads(obj.get("card", "{}"))
    return model


_MEMO: dict[str, Any] = {}


#: the parameters that shape the trained model (the others only change how its output is ordered)
_TRAINING_KEYS = ("model", "max_iter", "learning_rate", "max_leaf_nodes", "min_samples_leaf", "C", "weight", "rates")


def _model_key(params: dict) -> str:
    """Cache key: the training table, the source of the training functions, sklearn, the training parameters.

    Computed once per process and parameter set (it hashes code and data folders).
    """
    return _model_key_frozen(tuple(params[k] for k in _TRAINING_KEYS))


@lru_cache(maxsize=8)
def _model_key_frozen(frozen: tuple) -> str:
    import inspect

    import sklearn

    from ..cache import code_fingerprint, fingerprint
    from .training import TRAIN_PARAMS, _table_key

    tp = TRAIN_PARAMS
    return fingerprint(
        "keyword-ranker",
        _table_key("train", tp["n_train"], tp["seed"], tp["pool"]),
        [inspect.getsource(f) for f in (train_ranker, coverage_weights, with_rates, default_ranker)],
        code_fingerprint("arabic_news.keywords.headline_rate"),
        sklearn.__version__,
        params=dict(zip(_TRAINING_KEYS, frozen)),
    )


def default_ranker():
    """The default learned ranker, trained once on :func:`arabic_news.keywords.training.training_table` (cached)."""
    from ..cache import cached
    from .training import TRAIN_PARAMS, training_table

    key = _model_key(MODEL_PARAMS)
    if key not in _MEMO:

        def build():
            t = training_table("train")
            w = coverage_weights(t) if MODEL_PARAMS["weight"] == "coverage" else None
            X = with_rates(t, counted=True) if MODEL_PARAMS["rates"] else t["X"]
            m = train_ranker(X, t["y"], seed=TRAIN_PARAMS["seed"], sample_weight=w)
            m.card_ = {
                "articles": int(t["ids"].size),
                "candidates": int(t["y"].size),
                "positive share": float(t["y"].mean()),
                "params": MODEL_PARAMS,
                "train": TRAIN_PARAMS,
            }
            return m

        _MEMO[key] = cached(
            "keyword-ranker", key, build, save=lambda m, p: save(m, p, m.card_), load=load, suffix=".skops"
        )
    return _MEMO[key]


def _order_and_group(lemmas, probs, cands_info, top: int, demote: bool, alpha: float | None = None):
    """Order, demote officialese/verbs (unless a name), group variants as the default does.

    ``cands_info[lemma] = (officialese_or_verb: bool, protected: bool)``.  With
    ``alpha`` the order is greedy: each step takes the candidate whose words not
    yet covered carry the most probability (a word's probability is that of its
    one-word candidate, else ``alpha`` times the phrase's); otherwise the order
    is by probability.
    """
    from .ranking import _variants_dedup

    scores = dict(zip(lemmas, (float(p) for p in probs)))
    order = sorted(lemmas, key=lambda l: -scores[l])
    bad = {l for l in lemmas if demote and cands_info[l][0] and not cands_info[l][1]}
    if alpha is not None:
        order = _greedy(order, scores, bad, 3 * top, alpha)
    demoted = {l for l in order[: max(4 * top, 40)] if l in bad}
    kept = [l for l in order if l not in demoted] + [l for l in order if l in demoted]
    return _variants_dedup(kept[: max(6 * top, 60)], demoted, top, {}, scores), scores


def _greedy(order: list[str], scores: dict, bad: set, n: int, alpha: float) -> list[str]:
    uni = {l: scores[l] for l in order if " " not in l}
    left = [l for l in order if l not in bad]
    out: list[str] = []
    covered: set[str] = set()
    while left and len(out) < n:
        gains = [sum(uni.get(w, alpha * scores[l]) for w in set(l.split(" ")) - covered) for l in left]
        i = int(np.argmax(gains))
        if gains[i] <= 0:
            break
        out.append(left.pop(i))
        covered.update(out[-1].split(" "))
    return out + [l for l in order if l not in set(out)]


def with_rates(table: dict, *, counted: bool, rates=None) -> np.ndarray:
    """A feature table's ``X`` with the headline-rate columns appended.

    ``counted``: the table's articles were counted in the rates (training
    articles), so each article's own contribution is removed.
    """
    from .headline_rate import _keys, headline_rates, rate_features

    rates = rates if rates is not None else headline_rates()
    g = table["group"]
    cols = np.zeros((g.size, 3), dtype=np.float32)
    bounds = np.flatnonzero(np.diff(g)) + 1
    for rows in np.split(np.arange(g.size), bounds):
        own = _keys(str(table["titles"][g[rows[0]]])) if counted else None
        cols[rows] = rate_features(table["lemma"][rows].tolist(), rates, own_title=own)
    return np.hstack([table["X"], cols])


def rates_for(background):
    """The headline rates that go with a background: the lab's for the full one, none (uninformative) otherwise."""
    from .headline_rate import HeadlineRates, headline_rates

    name = getattr(background, "name", "")
    if name.startswith("SANAD+SaudiNewsNet") and "quick" not in name:
        if "lab" not in _RATES:  # headline_rates() hashes code and data to find its cache entry: once per process
            _RATES["lab"] = headline_rates()
        return _RATES["lab"]
    return HeadlineRates({}, mean=0.05)


_RATES: dict = {}


def rank_supervised(
    doc: DocAnalysis,
    *,
    background,
    leave_out: bool = False,
    top: int = 10,
    genre=None,
    model=None,
    params: dict | None = None,
    rates=None,
    **_,
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Rank the candidates of ``doc`` with the learned ranker: ``[(lemma, probability, variants)]``.

    Parameters
    ----------
    doc : DocAnalysis
        With names (``analyse(..., names=True)``).
    background : Background
    leave_out : bool
        The article is one of the background documents.
    top : int
    genre : GenreStats, optional
        Defaults to :func:`arabic_news.keywords.genre.genre_for` of the background.
    model : fitted classifier, optional
        Defaults to :func:`default_ranker`.
    params : dict, optional
        Overrides of :data:`MODEL_PARAMS` (``demote``, ``rates``, ``coverage_alpha`` matter here;
        they must match the model's training).
    rates : HeadlineRates, optional
        Defaults to :func:`rates_for` of the background.
    """
    from .genre import genre_for
    from .training import FEATURES, TRAIN_PARAMS, candidate_features

    p = dict(MODEL_PARAMS, **(params or {}))
    genre = genre if genre is not None else genre_for(background)
    model = model if model is not None else default_ranker()
    lemmas, X = candidate_features(
        doc, background=background, genre=genre, leave_out=leave_out, pool=TRAIN_PARAMS["pool"]
    )
    if not lemmas:
        return []
    Xm = X
    if p["rates"]:
        from .headline_rate import rate_features

        Xm = np.hstack([X, rate_features(lemmas, rates if rates is not None else rates_for(background))])
    probs = model.predict_proba(Xm.astype(np.float64))[:, 1]
    i_off, i_verb = FEATURES.index("officialese"), FEATURES.index("finite_verb")
    cands = doc.candidates
    info = {
        l: (bool(X[r, i_off] or X[r, i_verb]), bool(cands[l].in_title or cands[l].name_kind))
        for r, l in enumerate(lemmas)
    }
    grouped, scores = _order_and_group(lemmas, probs, info, top, bool(p["demote"]), p["coverage_alpha"])
    out = []
    last = math.inf
    for lemma, variants in grouped:
        s = min(scores[lemma], last)
        last = s
        shown = [v for v in variants if (cands[v].n_words > 1 or cands[v].name_kind) and v != lemma]
        vs = tuple(dict.fromkeys(cands[v].text for v in shown if cands[v].text != cands[lemma].text))[:4]
        out.append((lemma, float(s), vs))
    return out


def tune_recall(model, table: dict, *, k: int = 10, params: dict | None = None, X=None) -> float:
    """Mean title-word recall@k of ``model`` on a cached feature table (the tune split; no re-analysis).

    Applies the same ordering, demotion and variant grouping as :func:`rank_supervised`;
    ``X`` replaces the table's features (e.g. :func:`with_rates`).
    """
    from .evaluation import title_recall
    from .training import FEATURES

    p = dict(MODEL_PARAMS, **(params or {}))
    F = table["X"]
    X = F if X is None else X
    g = table["group"]
    probs = model.predict_proba(X.astype(np.float64))[:, 1]
    i_off, i_verb = FEATURES.index("officialese"), FEATURES.index("finite_verb")
    names = [FEATURES.index(f) for f in FEATURES if f.startswith("name_")]
    out = []
    bounds = np.flatnonzero(np.diff(g)) + 1
    for rows in np.split(np.arange(g.size), bounds):
        lem = table["lemma"][rows].tolist()
        info = {l: (bool(F[r, i_off] or F[r, i_verb]), bool(F[r, names].any())) for l, r in zip(lem, rows)}
        grouped, _ = _order_and_group(lem, probs[rows], info, k, bool(p["demote"]), p["coverage_alpha"])
        text = dict(zip(lem, table["text"][rows].tolist()))
        r = title_recall(str(table["titles"][g[rows[0]]]), [text[l] for l, _ in grouped], k=k)
        if r == r:
            out.append(r)
    return float(np.mean(out))


class LexicalOrder:
    """A stand-in model ranking the pool by the default's lexical score (the selection's baseline)."""

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        from .training import FEATURES

        p = 1 - X[:, FEATURES.index("lex_rank")]
        return np.c_[1 - p, p]


#: configurations compared on the tune split (``python bench/keywords.py --select``)
CANDIDATE_CONFIGS = (
    {"model": "logreg", "weight": "none", "rates": False, "coverage_alpha": None},
    {"model": "logreg", "weight": "none", "rates": True, "coverage_alpha": None},
    {"model": "logreg", "weight": "none", "rates": True, "coverage_alpha": 0.5},
    {"model": "hgb", "weight": "none", "rates": False, "coverage_alpha": None},
    {"model": "hgb", "weight": "none", "rates": True, "coverage_alpha": None},
    {"model": "hgb", "weight": "none", "rates": True, "coverage_alpha": 0.3},
    {"model": "hgb", "weight": "none", "rates": True, "coverage_alpha": 0.5},
    {"model": "hgb", "weight": "none", "rates": True, "coverage_alpha": 0.7},
)
