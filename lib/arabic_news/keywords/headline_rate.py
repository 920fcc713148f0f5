"""How often a word of an article's body is also in its headline, over SaudiNewsNet (KEA's keyphrase frequency).

KEA (Frank et al. 1999) learns that a phrase which was often a keyphrase in
training documents is likely one again.  The analogue here: for each stem key,
``headline_df`` (documents whose headline and body both hold it) and
``body_df`` (documents whose body holds it), counted over SaudiNewsNet articles
with a headline and >= 80 body words, **excluding** the keyword evaluation
split (tune and held-out) and every exact or near duplicate of its articles
(:func:`arabic_news.keywords.training.select_training`), so no held-out
headline leaks into the statistic.  The rate is smoothed towards the corpus
mean: ``(headline_df + a * mean) / (body_df + a)``.

When the scored article is itself one of the counted documents (a training
article), its own contribution is removed (``own_title`` in :meth:`HeadlineRates.rate`).

>>> r = HeadlineRates({"ناتو": (30, 60), "اكد": (2, 900)}, mean=0.05)
>>> r.rate("ناتو") > r.rate("اكد") > 0, round(r.rate("مجهول"), 3)
(True, 0.05)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["HeadlineRates", "headline_rates", "rate_features", "RATE_FEATURES"]

#: the extra columns :func:`rate_features` adds to the candidate features
RATE_FEATURES = ("headline_rate_max", "headline_rate_mean", "headline_rate_min")
_KINDS = ("content", "aux", "date", "link", "boiler")
_MIN_BODY = 2


def _keys(text: str) -> set[str]:
    from ..tokenise import _WORD_RE
    from .candidates import _classify

    out = set()
    for m in _WORD_RE.finditer(text):
        kind, _, key = _classify(m.group())
        if kind in _KINDS:
            out.add(key)
    return out


@dataclass(frozen=True)
class HeadlineRates:
    """Per stem key: ``(headline_df, body_df)``; see the module docstring."""

    counts: dict[str, tuple[int, int]]
    mean: float
    smoothing: float = 5.0

    def rate(self, key: str, *, own_title: bool | None = None) -> float:
        """Smoothed share of the documents holding ``key`` in the body that also hold it in the headline.

        ``own_title``: the scored document was counted (None: it was not);
        True/False says whether its headline holds ``key``, and its contribution is removed.
        """
        t, b = self.counts.get(key, (0, 0))
        if own_title is not None and b > 0:
            t, b = max(t - int(own_title), 0), b - 1
        a = self.smoothing
        return (t + a * self.mean) / (b + a)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"c": self.counts, "m": self.mean}, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, path: Path) -> HeadlineRates:
        z = json.loads(Path(path).read_text("utf-8"))
        return cls({k: (int(v[0]), int(v[1])) for k, v in z["c"].items()}, float(z["m"]))


def _build() -> HeadlineRates:
    from collections import Counter

    from ..corpus import load_saudinewsnet, progress
    from .evaluation import fresh_split
    from .training import select_training

    docs = load_saudinewsnet(show_progress=False).documents
    exclude = fresh_split("tune") + fresh_split("heldout")
    kept = select_training(docs, exclude, n=len(docs), seed=0)
    t: Counter = Counter()
    b: Counter = Counter()
    for d in progress(kept, desc="headline rates", total=len(kept)):
        body = _keys(d.text)
        b.update(body)
        t.update(_keys(d.title) & body)
    counts = {k: (t[k], v) for k, v in b.items() if v >= _MIN_BODY}
    mean = sum(t.values()) / max(sum(b.values()), 1)
    return HeadlineRates(counts, mean)


_MEMO: dict[str, HeadlineRates] = {}


def headline_rates() -> HeadlineRates:
    """The cached headline rates of SaudiNewsNet (evaluation split and its duplicates excluded)."""
    from importlib import resources

    from ..cache import cached, code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path

    pkg = resources.files("arabic_news")
    key = fingerprint(
        code_fingerprint(
            "arabic_news.keywords.headline_rate",
            "arabic_news.keywords.training",
            "arabic_news.keywords.candidates",
            "arabic_news.topics.dedup",
        ),
        data_fingerprint(Path(str(pkg.joinpath("data", "keywords")))),
        data_fingerprint(data_path("corpora", "saudinewsnet", "dataset")),
        min_body=_MIN_BODY,
    )
    if key not in _MEMO:
        _MEMO[key] = cached("keyword-headline-rates", key, _build, save=lambda r, p: r.save(p), load=HeadlineRates.load)
    return _MEMO[key]


def rate_features(lemmas: Sequence[str], rates: HeadlineRates, *, own_title: set[str] | None = None) -> np.ndarray:
    """Columns :data:`RATE_FEATURES` for candidate lemma keys (max, mean, min over their words).

    ``own_title``: the headline keys of the scored article when it was counted
    in ``rates`` (a training article), so that its own contribution is removed.

    >>> r = HeadlineRates({"ناتو": (30, 60)}, mean=0.05)
    >>> [[round(float(v), 2) for v in row] for row in rate_features(["ناتو", "حلف ناتو"], r)]
    [[0.47, 0.47, 0.47], [0.47, 0.26, 0.05]]
    """
    out = np.zeros((len(lemmas), len(RATE_FEATURES)), dtype=np.float32)
    for i, l in enumerate(lemmas):
        ws = l.split(" ")
        rs = [rates.rate(w, own_title=None if own_title is None else w in own_title) for w in ws]
        out[i] = (max(rs), sum(rs) / len(rs), min(rs))
    return out
