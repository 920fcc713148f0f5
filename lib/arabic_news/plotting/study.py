"""Figures of the corpus study (notebook 40): one call per figure, from :mod:`arabic_news.study.stats` frames.

>>> import pandas as pd
>>> fig = topic_mix_chart(pd.DataFrame({"outlet": ["صحيفة"], "topic": ["Sports"], "share": [1.0],
...                                     "low": [1.0], "high": [1.0]}))
>>> len(fig.axes)
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import ar, setup_matplotlib

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["sourcing_chart", "topic_mix_chart", "trend_chart", "marker_chart", "percentile_chart"]


def _empty(msg: str) -> Figure:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.text(0.5, 0.5, msg, ha="center", va="center")
    ax.axis("off")
    return fig


def _stacked(frame: pd.DataFrame, group: str, part: str, title: str) -> Figure:
    import matplotlib.pyplot as plt

    setup_matplotlib()
    wide = frame.pivot_table(index=group, columns=part, values="share", fill_value=0.0)
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(wide) + 1.6))
    left = pd.Series(0.0, index=wide.index)
    cmap = plt.get_cmap("tab10" if wide.shape[1] <= 10 else "tab20")
    for j, col in enumerate(wide.columns):
        ax.barh([ar(str(i)) for i in wide.index], wide[col], left=left, color=cmap(j % cmap.N), label=str(col))
        left += wide[col]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.5 / max(len(wide), 1)), ncol=3, fontsize=8)
    fig.tight_layout()
    return fig


def sourcing_chart(shares: pd.DataFrame, *, by: str = "source_type") -> Figure:
    """Stacked bars: each outlet's statements by source type (or verb strength)."""
    if shares.empty:
        return _empty("no attributions")
    return _stacked(shares, "outlet", by, f"Statements by {by.replace('_', ' ')}, per outlet")


def topic_mix_chart(mix: pd.DataFrame, *, by: str = "outlet") -> Figure:
    """Stacked bars: each outlet's (or day's) articles by predicted topic."""
    if mix.empty:
        return _empty("no topics")
    return _stacked(mix, by, "topic", f"Topic mix per {by}")


def trend_chart(trends: pd.DataFrame, *, top: int = 10) -> Figure:
    """Slopes (share points per day) of the strongest rising and falling keyphrases; significant ones filled."""
    import matplotlib.pyplot as plt

    if trends.empty:
        return _empty("no keyphrase tested")
    setup_matplotlib()
    t = trends.sort_values("slope")
    sel = pd.concat([t.head(top), t.tail(top)]).drop_duplicates("lemma")
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(sel) + 1.2))
    colours = ["tab:red" if s < 0 else "tab:blue" for s in sel["slope"]]
    sig = sel["trend"] != "none"
    ax.barh([ar(x) for x in sel["text"]], 100 * sel["slope"], color=colours, alpha=0.35)
    ax.barh([ar(x) for x in sel["text"][sig]], 100 * sel["slope"][sig], color=[c for c, s in zip(colours, sig) if s])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("change in share of articles, points per day (filled: significant after FDR)")
    fig.tight_layout()
    return fig


def marker_chart(dens: pd.DataFrame) -> Figure:
    """Mean density per 1,000 words with 95 % CIs, one panel per marker kind, outlets on the y axis."""
    import matplotlib.pyplot as plt

    if dens.empty:
        return _empty("no articles")
    setup_matplotlib()
    kinds = list(dict.fromkeys(dens["marker"]))
    outlets = sorted(dens["outlet"].unique())
    fig, axes = plt.subplots(1, len(kinds), figsize=(3 * len(kinds), 0.3 * len(outlets) + 1.4), sharey=True)
    for ax, k in zip(axes if len(kinds) > 1 else [axes], kinds):
        sub = dens[dens["marker"] == k].set_index("outlet").reindex(outlets)
        y = range(len(outlets))
        ax.errorbar(sub["density"], y, xerr=[sub["density"] - sub["low"], sub["high"] - sub["density"]], fmt="o")
        ax.set_yticks(list(y), [ar(o) for o in outlets])
        ax.set_title(k)
        ax.set_xlabel("per 1,000 words")
    fig.tight_layout()
    return fig


def percentile_chart(pct: pd.DataFrame) -> Figure:
    """The article's percentile on each measure (corpus and, where known, its outlet)."""
    import matplotlib.pyplot as plt

    ok = pct.dropna(subset=["percentile"])
    if ok.empty:
        return _empty("not placed")
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(ok) + 1))
    ax.barh(ok["label"], ok["percentile"], color="tab:blue", alpha=0.6, label="corpus")
    if ok["outlet_percentile"].notna().any():
        ax.plot(ok["outlet_percentile"], ok["label"], "k|", markersize=14, label="own outlet")
    ax.set_xlim(0, 100)
    ax.set_xlabel("percentile")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
