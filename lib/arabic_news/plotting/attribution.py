"""Attribution figures: the speaker–verb network and statement counts, each one call.

Speaker labels are shortened at word boundaries with an ellipsis (never cut inside a word) and
prefixed with the speaker id; :func:`speaker_names` gives the full names for a table beside the
figure.

>>> from arabic_news.rhetoric import attributions
>>> recs = attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب.")
>>> fig = speaker_verb_network(recs)
>>> [t.get_text() for t in fig.axes[0].texts][:1] == [ar("الوزير أحمد سالم (S1)")]
True
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..rhetoric.views import counts_by, shorten, speaker_verb_edges
from . import ar, bar_chart, setup_matplotlib

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..rhetoric.attribution import Attribution

__all__ = ["STRENGTH_COLOURS", "speaker_verb_network", "speaker_names", "statements_by", "short_label"]

#: colour of each cue strength class
STRENGTH_COLOURS = {
    "assertive": "#c0392b",
    "neutral": "#7f8c8d",
    "evaluative": "#8e44ad",
    "distancing": "#d35400",
    "directive": "#2c7fb8",
}


def short_label(speaker_id: str, name: str, max_chars: int = 40) -> str:
    """``"name (S1)"`` with the name shortened at a word boundary (ellipsis when cut).

    The name comes first so that an Arabic label reads right to left with its id at the end.

    >>> short_label("S2", "نائب الأمين العام للعمليات في حلف الناتو", 20)
    'نائب الأمين العام … (S2)'
    """
    return f"{shorten(name, max_chars)} ({speaker_id})" if speaker_id else shorten(name, max_chars)


def speaker_names(records: Iterable[Attribution]) -> list[dict]:
    """The table beside the network: ``id``, full ``speaker`` name, ``label`` as drawn, ``statements``.

    >>> from arabic_news.rhetoric import attributions
    >>> speaker_names(attributions("قال الوزير أحمد سالم إن الاتفاق قريب."))[0]["statements"]
    1
    """
    rows: dict[str, dict] = {}
    for e in speaker_verb_edges(list(records)):
        row = rows.setdefault(
            e["speaker_id"],
            {
                "id": e["speaker_id"],
                "speaker": e["speaker"],
                "label": short_label(e["speaker_id"], e["speaker"]),
                "statements": 0,
            },
        )
        row["statements"] += e["count"]
    return list(rows.values())


def speaker_verb_network(
    records: Iterable[Attribution], *, ax: Axes | None = None, max_label: int = 40, title: str | None = None
) -> Figure:
    """Speakers (left) linked to the reporting cues used for them (right).

    Edge width = number of statements, cue colour = strength class (:data:`STRENGTH_COLOURS`).
    With no records the figure says so instead of drawing an empty frame.

    Parameters
    ----------
    records : iterable of Attribution
        The article's attributions.
    ax : matplotlib Axes, optional
        Draw into this axes (a new figure otherwise).
    max_label : int
        Longest speaker label, in characters (cut at a word boundary, with an ellipsis).
    title : str, optional
        Figure title (a default English title otherwise).
    """
    setup_matplotlib()
    import matplotlib.pyplot as plt

    edges = speaker_verb_edges(list(records))
    speakers = list(dict.fromkeys(e["speaker_id"] for e in edges))
    lemmas = list(dict.fromkeys(e["lemma"] for e in edges))
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 0.6 * max(len(speakers), len(lemmas), 1) + 1.5))
    else:
        fig = ax.figure
    ax.axis("off")
    ax.set_title(title if title is not None else "Speakers and the reporting cues used for them (colour = strength)")
    if not edges:
        ax.text(0.5, 0.5, "No reported speech was found in this article.", ha="center", va="center", fontsize=12)
        return fig
    names = {e["speaker_id"]: e["speaker"] for e in edges}
    strength = {}
    for e in edges:
        strength.setdefault(e["lemma"], e["strength"])

    def ys(items: list[str]) -> dict[str, float]:
        return {x: 1 - i / max(len(items) - 1, 1) for i, x in enumerate(items)}

    sy, ly = ys(speakers), ys(lemmas)
    for e in edges:
        ax.plot(
            [0, 1],
            [sy[e["speaker_id"]], ly[e["lemma"]]],
            color=STRENGTH_COLOURS.get(e["strength"], "grey"),
            lw=1.5 * e["count"],
            alpha=0.7,
        )
    for s in speakers:
        ax.text(-0.02, sy[s], ar(short_label(s, names[s], max_label)), ha="right", va="center", fontsize=10)
    for lem in lemmas:
        colour = STRENGTH_COLOURS.get(strength[lem], "grey")
        ax.text(1.02, ly[lem], ar(lem), ha="left", va="center", fontsize=12, color=colour)
    ax.set_xlim(-1.1, 1.4)
    ax.set_ylim(-0.15, 1.15)
    return fig


def statements_by(records: Iterable[Attribution], field: str = "source_type", *, ax: Axes | None = None) -> Figure:
    """Bar chart of the number of statements per ``source_type``, ``strength``, ``cue_kind`` or ``lemma``.

    >>> from arabic_news.rhetoric import attributions
    >>> fig = statements_by(attributions("قال الوزير أحمد سالم إن الاتفاق قريب."), "strength")
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    counts = counts_by(list(records), field)
    label = field.replace("_", " ")
    if not counts:
        setup_matplotlib()
        import matplotlib.pyplot as plt

        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 2.5))
        else:
            fig = ax.figure
        ax.axis("off")
        ax.text(0.5, 0.5, "No reported speech was found in this article.", ha="center", va="center", fontsize=12)
        return fig
    return bar_chart(
        list(counts),
        list(counts.values()),
        title=f"Statements by {label}",
        xlabel="statements",
        ax=ax,
        value_format="{:.0f}",
    )
