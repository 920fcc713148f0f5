"""Markdown sentences stating notebook 40's results (zero, one or many handled; corpus text escaped).

>>> import pandas as pd
>>> describe_trends(pd.DataFrame(columns=["lemma", "text", "slope", "q", "trend"]))
'No keyphrase was frequent enough to test for a trend.'
>>> describe_trends(pd.DataFrame({"lemma": ["حج"], "text": ["الحج"], "slope": [0.01], "q": [0.01],
...                               "trend": ["rising"]}))
'Of one keyphrase tested, one rises from day to day (false-discovery rate 5 %): الحج (+1.0 points per day).'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..rhetoric.describe import md_escape

__all__ = ["describe_source", "describe_sourcing", "describe_topics", "describe_trends", "describe_markers",
           "describe_percentiles", "PARAGRAPH_DEFINITION"]  # fmt: skip

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _n(k: int, one: str, many: str) -> str:
    word = _NUMBERS[k] if 0 <= k < len(_NUMBERS) else f"{k:,}"
    return f"{word} {one if k == 1 else many}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


#: How the study cuts an article into the units classified for persuasion (see :mod:`.rows`).
PARAGRAPH_DEFINITION = (
    "A *paragraph* for persuasion is a line of the body when the article has line breaks; many "
    "SaudiNewsNet articles have none (the table below counts both kinds), so their body is cut into windows of 3 consecutive sentences "
    "(the last window may be shorter), and a body of at most 3 sentences is one unit."
)


def describe_source(st: Any) -> str:
    """Which tables the notebook used (full run or sample, with its size) and what de-duplication removed."""
    dup = st.duplicates or {}
    removed, n_in = dup.get("removed", 0), dup.get("input")
    what = (
        f"the full study tables of `make corpus` ({st.size:,} articles)"
        if st.kind == "full"
        else f"a cached seeded sample of {st.size:,} de-duplicated SaudiNewsNet articles"
        + (" analysed with the quick models (QUICK mode)" if st.quick else " analysed with the full models")
        + " (run `make corpus` for the full tables)"
    )
    if n_in:
        by = dup.get("removed_by_outlet", {})
        top = sorted(by.items(), key=lambda kv: -kv[1])[:3]
        outlets = _join([f"{md_escape(o)} ({k:,})" for o, k in top])
        dedup = (
            f"De-duplication (exact and near-duplicate contents, first article kept) removed "
            f"{_n(removed, 'article', 'articles')} of {n_in:,}"
            + (f", most from {outlets}" if removed and outlets else "")
            + "."
        )
    else:
        dedup = "No de-duplication report was found for these tables."
    errors = len(st.tables["errors"])
    err = (
        f" {_n(errors, 'input', 'inputs').capitalize()} could not be analysed (see the `errors` table)."
        if errors
        else ""
    )
    return f"This notebook uses {what}. {dedup}{err}"


def describe_sourcing(shares: pd.DataFrame, *, by: str = "source_type", min_statements: int = 30) -> str:
    """The outlets that lean most on each extreme of sourcing (named people; anonymous sources).

    Only outlets with at least ``min_statements`` statements are compared (all of them if none has).
    """
    if shares.empty:
        return "No attributions were found, so sourcing patterns cannot be compared."
    n_out = shares["outlet"].nunique()
    big = shares[shares["total"] >= min_statements]
    note = f" (outlets with at least {min_statements:,} statements)" if len(big) else ""
    shares = big if len(big) else shares
    parts = []
    for cat, label in (("named_person", "named people"), ("anonymous_collective", "anonymous or collective sources")):
        sub = shares[shares[by] == cat].sort_values("share", ascending=False)
        if len(sub):
            r = sub.iloc[0]
            parts.append(
                f"{md_escape(r['outlet'])} attributes the largest share of its statements to {label} "
                f"({_pct(r['share'])}, 95 % CI {_pct(r['low'])}–{_pct(r['high'])}, of {_n(int(r['total']), 'statement', 'statements')})"
            )
    return f"Across {_n(n_out, 'outlet', 'outlets')}{note}: " + "; ".join(parts) + "." if parts else ""


def describe_topics(mix: pd.DataFrame, *, by: str = "outlet") -> str:
    """Each group's leading topic, naming the most specialised group."""
    if mix.empty:
        return f"No article has both a topic and {'an outlet' if by == 'outlet' else 'a date'}, so there is no topic mix to describe."
    top = mix.sort_values("share", ascending=False).groupby(by, sort=False).head(1)
    best = top.sort_values("share", ascending=False).iloc[0]
    g = "outlet" if by == "outlet" else "day"
    return (
        f"{_n(len(top), g, g + 's').capitalize()} compared; the most concentrated is {md_escape(best[by])}, "
        f"where {_pct(best['share'])} of the articles (95 % CI {_pct(best['low'])}–{_pct(best['high'])}) are "
        f"{md_escape(best['topic'])}."
    )


def describe_trends(trends: pd.DataFrame, *, alpha: float = 0.05, top: int = 5) -> str:
    """How many keyphrases rise or fall beyond chance (after FDR control), with the strongest named."""
    if trends.empty:
        return "No keyphrase was frequent enough to test for a trend."
    n = len(trends)
    rising = trends[trends["trend"] == "rising"].sort_values("slope", ascending=False)
    falling = trends[trends["trend"] == "falling"].sort_values("slope")
    head = f"Of {_n(n, 'keyphrase', 'keyphrases')} tested"
    if rising.empty and falling.empty:
        return (
            f"{head}, none rises or falls from day to day beyond what shuffled days give "
            f"(false-discovery rate {100 * alpha:.0f} %)."
        )

    def names(df: pd.DataFrame) -> str:
        return _join([f"{md_escape(r.text)} ({100 * r.slope:+.1f} points per day)" for r in df.head(top).itertuples()])

    rate = f"{100 * alpha:.0f} %"
    parts = []
    if len(rising):
        parts.append(
            f"{_n(len(rising), 'rises', 'rise')} from day to day (false-discovery rate {rate}): {names(rising)}"
        )
    if len(falling):
        verb = f"{_n(len(falling), 'falls', 'fall')}"
        parts.append(
            f"{verb}: {names(falling)}"
            if parts
            else f"{verb} from day to day (false-discovery rate {rate}): {names(falling)}"
        )
    return f"{head}, " + "; ".join(parts) + "."


_MARKER_PLURAL = {
    "booster": "boosters",
    "hedge": "hedges",
    "emphasis": "emphasis markers",
    "evaluative": "evaluative words",
}


def describe_markers(dens: pd.DataFrame) -> str:
    """The outlet with the highest mean density of each marker kind."""
    if dens.empty:
        return "No outlet has articles, so stance-marker densities cannot be compared."
    parts = []
    for kind, sub in dens.groupby("marker", sort=False):
        r = sub.sort_values("density", ascending=False).iloc[0]
        parts.append(
            f"{_MARKER_PLURAL.get(kind, md_escape(kind))}: {md_escape(r['outlet'])} ({r['density']:.1f} per 1,000 words, "
            f"95 % CI {r['low']:.1f}–{r['high']:.1f})"
        )
    return "Highest mean density per marker kind — " + "; ".join(parts) + "."


def describe_percentiles(pct: pd.DataFrame) -> str:
    """One sentence on the measures where the article is unusual (below the 10th or above the 90th percentile)."""
    ok = pct.dropna(subset=["percentile"])
    if ok.empty:
        return "The article could not be placed in the corpus distributions."
    high = ok[ok["percentile"] >= 90]
    low = ok[ok["percentile"] <= 10]
    if high.empty and low.empty:
        return f"On all {_n(len(ok), 'measure', 'measures')}, the article sits between the corpus's 10th and 90th percentiles."
    parts = [f"{md_escape(r.label)} (percentile {r.percentile:.0f})" for r in pd.concat([high, low]).itertuples()]
    return f"The article is unusual in {_n(len(parts), 'measure', 'measures')}: {_join(parts)}."
