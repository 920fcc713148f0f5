"""Stance-marker densities read against a reference: a SANAD class or all of SANAD.

The caller passes the reference (the topic model's label for the article, or
``"all"`` when the article is flagged outside the seven labels); the densities of
every SANAD article are computed once and cached
(:func:`arabic_news.rhetoric.reference.all_densities`), so a class is a slice.
Everything here is re-exported by :mod:`arabic_news.rhetoric.markers`.

>>> density_percentiles({"hedge": 1.0}, {"hedge": [0.0, 1.0, 2.0, 3.0]})
{'hedge': 37.5}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..article import Article
from .reference import ALL, all_densities, check_reference, reference_name

if TYPE_CHECKING:  # pragma: no cover
    from .markers import Marker

__all__ = ["NOISY_BELOW_WORDS", "corpus_densities", "DensityComparison", "compare_densities", "density_percentiles"]

#: Densities of articles shorter than this (words) are flagged as noisy.  At 150 words a single
#: marker is 0.67 per 100 words, which alone puts an article above the 75th percentile of
#: hedges (0.15), boosters (0.46) and evaluative adjectives (0.42) in all of SANAD: below that
#: length one marker more or less decides the reading.  ``python bench/stance_reference.py``
#: prints these percentiles for every class beside the 0.67.
NOISY_BELOW_WORDS = 150

_KINDS = ("emphasis", "hedge", "booster", "evaluative")


def corpus_densities(*, label: str = "Politics", quick: bool = False, seed: int = 0, root=None) -> dict:
    """Marker densities of every SANAD article of class ``label`` (``"all"``: every class).

    The densities of the whole corpus are computed once and cached on disk
    (:func:`arabic_news.rhetoric.reference.all_densities`); a class is a slice of them.

    Parameters
    ----------
    label : str, default "Politics"
        A SANAD class or ``"all"``; anything else is a ``ValueError`` naming the choices.
    quick : bool
        Use 100 seeded articles per class (for fast tests and notebooks).
    seed : int
        Seed of the quick sample.
    root : path, optional
        SANAD folder (default: the data setting).

    Returns
    -------
    dict
        ``kind -> numpy array`` (one density per article), ``"words"`` and ``"n"``.
    """
    check_reference(label, root)
    dist = all_densities(quick=quick, seed=seed, root=root)
    keep = slice(None) if label == ALL else dist["label"] == label
    out = {k: v[keep] for k, v in dist.items() if k != "label"}
    out["n"] = int(len(out["words"]))
    return out


@dataclass(frozen=True)
class DensityComparison:
    """An article's marker densities read against a reference (a SANAD class or all of SANAD).

    Attributes
    ----------
    reference : str
        The class name, or ``"all"``.
    reference_label : str
        How to name it in prose (``"SANAD Politics"``, ``"all of SANAD"``).
    n_reference : int
        Reference articles.
    words : int
        The article's words (the denominator).
    noisy : bool
        ``words < NOISY_BELOW_WORDS``: one marker moves a density a lot.
    counts, densities, percentiles, medians, p90 : dict
        Per kind (:data:`~arabic_news.rhetoric.markers.KINDS`): markers in the article, per 100 words, the article's
        percentile in the reference, the reference median and 90th percentile.
    distribution : dict
        ``kind -> numpy array`` of the reference densities (for figures).
    """

    reference: str
    reference_label: str
    n_reference: int
    words: int
    noisy: bool
    counts: dict[str, int]
    densities: dict[str, float]
    percentiles: dict[str, float]
    medians: dict[str, float]
    p90: dict[str, float]
    distribution: dict[str, Any] = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (without the reference distribution)."""
        d = asdict(self)
        d.pop("distribution")
        return d

    def to_frame(self):
        """One row per kind: ``count``, ``per_100_words``, ``reference_median``, ``reference_p90``, ``percentile``."""
        import pandas as pd

        return pd.DataFrame(
            {
                "count": self.counts,
                "per_100_words": self.densities,
                "reference_median": self.medians,
                "reference_p90": self.p90,
                "percentile": self.percentiles,
            },
            index=list(_KINDS),
        ).rename_axis("kind")


def compare_densities(
    article: Article | str,
    *,
    reference: str,
    markers: list[Marker] | None = None,
    quick: bool = False,
    seed: int = 0,
    root=None,
) -> DensityComparison:
    """Marker densities of ``article`` against the SANAD class ``reference`` (or ``"all"``).

    Parameters
    ----------
    article : Article or str
    reference : str
        The topic model's label for the article, or ``"all"`` when it is flagged outside
        the seven labels.  Unknown names raise ``ValueError``.
    markers : list of Marker, optional
        Already computed ``find_markers(article)``.
    quick, seed, root : optional
        See :func:`corpus_densities`.
    """
    import numpy as np

    from .markers import _text, find_markers, marker_densities

    text = _text(article)
    ms = find_markers(text) if markers is None else markers
    dens = marker_densities(text, ms)
    dist = corpus_densities(label=reference, quick=quick, seed=seed, root=root)
    words = int(dens["words"])
    counts = {k: sum(1 for m in ms if m.kind == k) for k in _KINDS}
    n = int(dist["n"])
    med = {k: float(np.median(dist[k])) if n else float("nan") for k in _KINDS}
    p90 = {k: float(np.quantile(dist[k], 0.9)) if n else float("nan") for k in _KINDS}
    return DensityComparison(
        reference=reference,
        reference_label=reference_name(reference),
        n_reference=n,
        words=words,
        noisy=words < NOISY_BELOW_WORDS,
        counts=counts,
        densities={k: float(dens[k]) for k in _KINDS},
        percentiles=density_percentiles({k: dens[k] for k in _KINDS}, dist),
        medians=med,
        p90=p90,
        distribution={k: dist[k] for k in _KINDS},
    )


def density_percentiles(densities: dict[str, float], distribution: dict) -> dict[str, float]:
    """Percentile (0-100) of each density within a corpus distribution.

    The percentage of corpus articles whose density is *below* the article's,
    plus half of the ties.

    >>> import numpy as np
    >>> density_percentiles({"hedge": 1.0}, {"hedge": np.array([0.0, 1.0, 2.0, 3.0])})
    {'hedge': 37.5}
    """
    import numpy as np

    out = {}
    for k, v in densities.items():
        if k in distribution and k not in ("words", "n"):
            arr = np.asarray(distribution[k], dtype=float)
            out[k] = float(100.0 * ((arr < v).sum() + 0.5 * (arr == v).sum()) / len(arr)) if len(arr) else float("nan")
    return out
