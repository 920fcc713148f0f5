"""Corpus-level analyses over the study's tables, each with seeded bootstrap CIs.

*Why pandas/pyarrow and not DuckDB.*  The tables of a whole SaudiNewsNet run are
small (about 31k article rows, 300k keyphrase rows: tens of MB in memory), every
analysis ends in numpy arrays anyway (bootstrap and permutation resampling are
matrix products), and pandas/pyarrow are already dependencies while DuckDB is
not installed.  For 1M+ articles, query the same Parquet folders with DuckDB
(``read_parquet('<out>/articles/*.parquet')``) or pyarrow datasets with column
projection: nothing here depends on holding more than the columns used.

Uncertainty: bootstrap CIs resample *articles* within each group (a cluster
bootstrap for attribution shares, since one article's attributions are not
independent).  Keyphrase trends: a permutation test that shuffles the day of
each article (keeping articles per day fixed) and Benjamini-Hochberg FDR control
over all tested lemmas.

>>> import pandas as pd
>>> arts = pd.DataFrame({"id": ["a", "b"], "outlet": ["x", "x"], "topic": ["Sports", "Politics"]})
>>> topic_mix({"articles": arts}, by="outlet", n_boot=50)[["outlet", "topic", "share"]].values.tolist()
[['x', 'Politics', 0.5], ['x', 'Sports', 0.5]]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .schema import MARKER_KINDS, SOURCE_TYPES, STRENGTHS

__all__ = [
    "N_BOOT",
    "sourcing_by_outlet",
    "topic_mix",
    "keyphrase_trends",
    "marker_densities",
    "article_percentiles",
    "benjamini_hochberg",
    "PERCENTILE_MEASURES",
]

#: Bootstrap resamples by default.
N_BOOT = 1000
Tables = Mapping[str, pd.DataFrame]


def _day(dates: pd.Series) -> pd.Series:
    return dates.astype("string").str.slice(0, 10)


def _boot_ratio(num: np.ndarray, den: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """95 % percentile CIs of ``num.sum(0) / den.sum()`` resampling rows; returns ``(k, 2)``."""
    n = len(den)
    idx = rng.integers(0, n, size=(n_boot, n))
    tot = den[idx].sum(axis=1)
    sums = num[idx].sum(axis=1)  # (B, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = sums / tot[:, None]
    return np.nanpercentile(ratios, [2.5, 97.5], axis=0).T


def _grouped_shares(
    frame: pd.DataFrame, group: str, cols: list[str], names: list[str], what: str, n_boot: int, seed: int
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for g, sub in frame.groupby(group, sort=True, dropna=True):
        num = sub[cols].to_numpy(float)
        den = num.sum(axis=1)
        total = den.sum()
        if total == 0:
            continue
        ci = _boot_ratio(num, den, n_boot, rng)
        for j, name in enumerate(names):
            rows.append(
                {
                    group: g,
                    what: name,
                    "share": num[:, j].sum() / total,
                    "low": ci[j, 0],
                    "high": ci[j, 1],
                    "articles": len(sub),
                    "count": int(num[:, j].sum()),
                    "total": int(total),
                }
            )
    return pd.DataFrame(rows, columns=[group, what, "share", "low", "high", "articles", "count", "total"])


def sourcing_by_outlet(tables: Tables, *, by: str = "source_type", n_boot: int = N_BOOT, seed: int = 0) -> pd.DataFrame:
    """Share of each outlet's attributions by source type (``by="source_type"``) or verb strength (``"strength"``).

    Shares pool the outlet's attributions; CIs resample its articles.  Columns:
    ``outlet``, ``by``, ``share``, ``low``, ``high``, ``articles``, ``count``, ``total``.
    """
    arts = tables["articles"]
    if by == "source_type":
        names, prefix = list(SOURCE_TYPES), "src_"
    elif by == "strength":
        names, prefix = list(STRENGTHS), "verb_"
    else:
        raise ValueError(f"by must be 'source_type' or 'strength', got {by!r}")
    return _grouped_shares(arts, "outlet", [prefix + n for n in names], names, by, n_boot, seed)


def topic_mix(tables: Tables, *, by: str = "outlet", n_boot: int = N_BOOT, seed: int = 0) -> pd.DataFrame:
    """Share of each topic among the articles of every outlet (``by="outlet"``) or day (``by="day"``)."""
    arts = tables["articles"].copy()
    if by == "day":
        arts["day"] = _day(arts["date"])
    elif by != "outlet":
        raise ValueError(f"by must be 'outlet' or 'day', got {by!r}")
    topics = sorted(arts["topic"].dropna().unique())
    onehot = pd.get_dummies(arts["topic"]).reindex(columns=topics, fill_value=0).astype(int)
    frame = pd.concat([arts[[by]], onehot], axis=1)
    return _grouped_shares(frame, by, topics, topics, "topic", n_boot, seed)


def marker_densities(tables: Tables, *, n_boot: int = N_BOOT, seed: int = 0) -> pd.DataFrame:
    """Mean stance-marker density (per 1,000 words) of each outlet's articles, per marker kind, with CIs."""
    arts = tables["articles"]
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, sub in arts.groupby("outlet", sort=True):
        vals = sub[list(MARKER_KINDS)].to_numpy(float)
        idx = rng.integers(0, len(sub), size=(n_boot, len(sub)))
        ci = np.percentile(vals[idx].mean(axis=1), [2.5, 97.5], axis=0).T
        for j, k in enumerate(MARKER_KINDS):
            rows.append({"outlet": outlet, "marker": k, "density": vals[:, j].mean(), "low": ci[j, 0],
                         "high": ci[j, 1], "articles": len(sub)})  # fmt: skip
    return pd.DataFrame(rows, columns=["outlet", "marker", "density", "low", "high", "articles"])


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values).

    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5])).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    p = np.asarray(p, float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(q, 1.0)
    return out


def keyphrase_trends(
    tables: Tables,
    *,
    min_articles: int = 10,
    n_perm: int = 1000,
    alpha: float = 0.05,
    seed: int = 0,
) -> pd.DataFrame:
    """Rising and falling keyphrase lemmas from day to day, tested against shuffled days.

    For every lemma among the keyphrases of at least ``min_articles`` articles, the
    daily share of articles with it is regressed on the day index (least squares
    slope, in share points per day).  The null distribution shuffles the days of
    the articles (articles per day kept); two-sided p-values, then Benjamini-Hochberg
    q-values; ``trend`` is ``rising``/``falling`` when ``q < alpha``, else ``none``.
    Columns: ``lemma``, ``text`` (most frequent surface form), ``articles``, ``slope``,
    ``first_day_share``, ``last_day_share``, ``p``, ``q``, ``trend``; sorted by ``q`` then
    ``-|slope|``.  Empty when the articles have fewer than three distinct days.
    """
    from scipy import sparse

    cols = ["lemma", "text", "articles", "slope", "first_day_share", "last_day_share", "p", "q", "trend"]
    arts = tables["articles"][["id", "date"]].copy()
    arts["day"] = _day(arts["date"])
    arts = arts.dropna(subset=["day"]).reset_index(drop=True)
    days = sorted(arts["day"].unique())
    kp = tables["keyphrases"]
    kp = kp[kp["id"].isin(arts["id"])].drop_duplicates(["id", "lemma"])
    df = kp.groupby("lemma")["id"].nunique()
    lemmas = sorted(df[df >= min_articles].index)
    if len(days) < 3 or not lemmas:
        return pd.DataFrame(columns=cols)
    kp = kp[kp["lemma"].isin(lemmas)]
    row_of = pd.Series(np.arange(len(arts)), index=arts["id"])
    col_of = pd.Series(np.arange(len(lemmas)), index=lemmas)
    x = sparse.csr_matrix(
        (np.ones(len(kp)), (row_of[kp["id"]].to_numpy(), col_of[kp["lemma"]].to_numpy())),
        shape=(len(arts), len(lemmas)),
    )
    day_idx = arts["day"].map({d: i for i, d in enumerate(days)}).to_numpy()
    per_day = np.bincount(day_idx, minlength=len(days)).astype(float)
    t = np.arange(len(days), dtype=float)
    w = (t - t.mean()) / ((t - t.mean()) ** 2).sum()

    def slopes(d: np.ndarray) -> np.ndarray:
        onehot = sparse.csr_matrix((np.ones(len(d)), (d, np.arange(len(d)))), shape=(len(days), len(d)))
        share = np.asarray((onehot @ x).todense()) / per_day[:, None]
        return w @ share, share

    obs, share = slopes(day_idx)
    rng = np.random.default_rng(seed)
    exceed = np.zeros(len(lemmas))
    for _ in range(n_perm):
        perm, _s = slopes(rng.permutation(day_idx))
        exceed += np.abs(perm) >= np.abs(obs) - 1e-12
    p = (exceed + 1) / (n_perm + 1)
    q = benjamini_hochberg(p)
    surface = kp.groupby("lemma")["text"].agg(lambda s: s.value_counts().index[0])
    out = pd.DataFrame(
        {
            "lemma": lemmas,
            "text": surface.reindex(lemmas).to_numpy(),
            "articles": df.reindex(lemmas).to_numpy(),
            "slope": obs,
            "first_day_share": share[0],
            "last_day_share": share[-1],
            "p": p,
            "q": q,
        }
    )
    out["trend"] = np.where(out["q"] < alpha, np.where(out["slope"] > 0, "rising", "falling"), "none")
    out["_abs"] = -out["slope"].abs()
    return out.sort_values(["q", "_abs", "lemma"]).drop(columns="_abs").reset_index(drop=True)[cols]


#: Measures ``article_percentiles`` places an article on (column of ``articles`` -> label).
PERCENTILE_MEASURES = {
    "words": "length (words)",
    **{k: f"{k} markers per 1,000 words" for k in MARKER_KINDS},
    "attributions_per_100_words": "attributions per 100 words",
    "named_share": "share of attributions to named people",
    "anonymous_share": "share of attributions to anonymous sources",
    "persuasive_share": "share of paragraphs flagged persuasive",
}


def _measures(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=rows.index)
    out["words"] = rows["words"].astype(float)
    for k in MARKER_KINDS:
        out[k] = rows[k].astype(float)
    att = rows["attributions"].astype(float)
    out["attributions_per_100_words"] = 100 * att / rows["words"].clip(lower=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["named_share"] = (rows["src_named_person"] / att).where(att > 0)
        out["anonymous_share"] = (rows["src_anonymous_collective"] / att).where(att > 0)
    out["persuasive_share"] = rows["persuasive_share"].astype(float) if "persuasive_share" in rows else np.nan
    return out


def _row_from_analysis(a: Any) -> dict[str, Any]:
    from collections import Counter

    recs = a.attributions.records
    dens = a.markers.densities
    src = Counter(r.source_type for r in recs)
    row: dict[str, Any] = {"id": a.article.name, "outlet": None, "words": len(a.article.tokens)}
    row.update({k: float(dens.get(k, 0.0)) for k in MARKER_KINDS})
    row["attributions"] = len(recs)
    row.update({f"src_{t}": src.get(t, 0) for t in SOURCE_TYPES})
    row["persuasive_share"] = None
    return row


def article_percentiles(article: Any, tables: Tables) -> pd.DataFrame:
    """Where one article sits in the corpus: its value and percentile on each measure.

    Parameters
    ----------
    article : mapping, pandas Series or Analysis
        A row of the ``articles`` table, or an :class:`arabic_news.Analysis` (its
        persuasion share is then not placed: the study's paragraph units differ).
    tables : mapping
        The study's tables (``articles`` is used).

    Returns
    -------
    DataFrame
        ``measure``, ``label``, ``value``, ``percentile`` (share of corpus articles
        with a value at most this one, in %), ``corpus_median``, ``outlet_percentile``
        (within the article's outlet when it has one), ``n`` (corpus articles with the measure).
    """
    if hasattr(article, "attributions") and hasattr(article, "article"):
        row = _row_from_analysis(article)
    else:
        row = dict(article)
    mine = _measures(pd.DataFrame([row])).iloc[0]
    arts = tables["articles"]
    corpus = _measures(arts)
    same = corpus[arts["outlet"] == row.get("outlet")] if row.get("outlet") is not None else corpus.iloc[:0]
    rows = []
    for m, label in PERCENTILE_MEASURES.items():
        v = mine[m]
        col = corpus[m].dropna()
        oc = same[m].dropna()
        ok = pd.notna(v)
        rows.append(
            {
                "measure": m,
                "label": label,
                "value": v if ok else None,
                "percentile": 100 * float((col <= v).mean()) if ok and len(col) else None,
                "corpus_median": float(col.median()) if len(col) else None,
                "outlet_percentile": 100 * float((oc <= v).mean()) if ok and len(oc) else None,
                "n": len(col),
            }
        )
    return pd.DataFrame(rows)
