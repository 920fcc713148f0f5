"""Figures with Arabic text: fonts, right-to-left shaping, and the lab's charts.

One module owns fonts and bidirectional text so that no notebook has to.

size: renderer detection, font registration, the right-to-left helpers and the general
charts (bars, word clouds, saving) are one seam; each capability's figures live beside it
(``plotting/<capability>.py``).

Shaping
-------
Arabic letters change shape with their neighbours and run right to left.
matplotlib >= 3.11 ships libraqm and Pillow built with raqm (the renderer of
``wordcloud``) shape and reorder Arabic *themselves*; running
``arabic_reshaper`` + ``python-bidi`` on top of them reverses the text a second
time and renders it backwards.  Older matplotlib, or a Pillow without raqm,
draw code points left to right one by one, and need the text reshaped to
presentation forms in visual order first.  So this module detects each
renderer's capability once and reshapes only where it is needed:

* :func:`ar` prepares a label for matplotlib;
* :func:`ar_image` prepares a word for Pillow (and ``wordcloud``).

>>> ar("الناتو") == ("الناتو" if matplotlib_shapes_arabic() else ar_reshaped("الناتو"))
True

Fonts
-----
:func:`setup_matplotlib` registers the Amiri font (from the ``fontpkg-amiri``
package, SIL Open Font License) with matplotlib's font manager and sets the
font family to ``["Amiri", "DejaVu Sans"]``: matplotlib falls back glyph by
glyph to DejaVu Sans for anything Amiri lacks.

Saving
------
:func:`save_figure` writes ``<project root>/<figures_dir>/<name>.png`` only when
``figures_dir`` is non-empty (notebooks pass their ``FIGURES`` parameter), with
deterministic PNG metadata, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FONT_FAMILY",
    "amiri_path",
    "matplotlib_shapes_arabic",
    "pillow_shapes_arabic",
    "ar_reshaped",
    "ar",
    "ar_image",
    "setup_matplotlib",
    "bar_chart",
    "histogram",
    "word_cloud",
    "save_figure",
]

#: matplotlib font family list: Amiri for Arabic, DejaVu Sans (bundled with
#: matplotlib) as the glyph fallback.
FONT_FAMILY = ["Amiri", "DejaVu Sans"]

_ARABIC_CHAR = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


def amiri_path(style: str = "Regular") -> Path:
    """Path of an Amiri font file shipped by the ``fontpkg-amiri`` package.

    Parameters
    ----------
    style : {"Regular", "Bold", "Italic", "BoldItalic"}

    >>> amiri_path().name
    'Amiri-Regular.ttf'
    """
    if style not in _STYLES:
        raise ValueError(f"unknown Amiri style {style!r}; expected one of {', '.join(_STYLES)}")
    import fontpkg_amiri

    p = Path(fontpkg_amiri.ROOT) / "files" / f"Amiri-{style}.ttf"
    if not p.is_file():
        raise FileNotFoundError(f"Amiri font file missing: {p} (reinstall the fontpkg-amiri package)")
    return p


@functools.cache
def matplotlib_shapes_arabic() -> bool:
    """True when matplotlib's text engine shapes Arabic itself (built with libraqm)."""
    import matplotlib.ft2font as ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


@functools.cache
def pillow_shapes_arabic() -> bool:
    """True when Pillow's text layout uses raqm (complex-script shaping)."""
    from PIL import features

    try:
        return bool(features.check("raqm"))
    except Exception:  # noqa: BLE001 -- an old Pillow without the feature table
        return False


def _has_arabic(text: str) -> bool:
    return bool(_ARABIC_CHAR.search(text))


def ar_reshaped(text: str) -> str:
    """Arabic text reshaped to presentation forms in visual (left-to-right) order.

    This is what a renderer *without* complex-text shaping must be given.  Text
    with no Arabic letters is returned unchanged.

    >>> t = ar_reshaped("سلام")
    >>> t == "سلام", all("\\ufe70" <= c <= "\\ufeff" for c in t)
    (False, True)
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a label as str, got {type(text).__name__}")
    if not _has_arabic(text):
        return text
    import arabic_reshaper

    try:
        from bidi import get_display
    except ImportError:  # python-bidi < 0.5
        from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


def ar(text: str) -> str:
    """Prepare a label for matplotlib: unchanged when matplotlib shapes Arabic, else reshaped.

    >>> ar("Iraq") # Latin text is never touched
    'Iraq'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a label as str, got {type(text).__name__}")
    return text if matplotlib_shapes_arabic() else ar_reshaped(text)


def ar_image(text: str) -> str:
    """Prepare text for Pillow / ``wordcloud``: unchanged when Pillow has raqm, else reshaped.

    >>> ar_image("123")
    '123'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    return text if pillow_shapes_arabic() else ar_reshaped(text)


_SETUP_DONE = False


def setup_matplotlib() -> None:
    """Register Amiri with matplotlib and set the lab's figure style (idempotent).

    Sets the font family to :data:`FONT_FAMILY`, a plain style, and PNG output
    at 110 dpi.  Call it once at the top of a notebook.
    """
    global _SETUP_DONE
    import matplotlib
    from matplotlib import font_manager

    if not _SETUP_DONE:
        for style in _STYLES:
            font_manager.fontManager.addfont(str(amiri_path(style)))
        _SETUP_DONE = True
    matplotlib.rcParams.update(
        {
            "font.family": list(FONT_FAMILY),
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": 110,
            "figure.figsize": (7.5, 4.5),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 13,
            "axes.labelsize": 11,
            "ytick.labelsize": 12,
            "svg.hashsalt": "arabic-news-lab",
        }
    )


def _check_labels_values(labels: Sequence[str], values: Sequence[float]) -> tuple[list[str], list[float]]:
    labels = list(labels)
    values = [float(v) for v in values]
    if len(labels) != len(values):
        raise ValueError(f"bar_chart needs one value per label: {len(labels)} labels, {len(values)} values")
    if not labels:
        raise ValueError("bar_chart needs at least one label")
    for lab in labels:
        if not isinstance(lab, str):
            raise TypeError(f"bar labels must be str, got {type(lab).__name__}")
    return labels, values


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str = "",
    xlabel: str = "",
    ax: Axes | None = None,
    color: str = "#3b6ea5",
    annotate: bool = True,
    value_format: str = "{:g}",
) -> Figure:
    """A horizontal bar chart with (Arabic) category labels, first item at the top.

    Parameters
    ----------
    labels : sequence of str
        Category labels (Arabic is prepared with :func:`ar`).
    values : sequence of float
        One value per label.
    title, xlabel : str
        Title and x-axis label (may be Arabic or English).
    ax : matplotlib Axes, optional
        Draw into this axes; a new figure is made otherwise.
    color : str
        Bar colour.
    annotate : bool
        Write each value at the end of its bar.
    value_format : str
        Format of the annotations.

    Returns
    -------
    matplotlib.figure.Figure

    >>> fig = bar_chart(["الناتو", "العراق"], [3, 2], title="demo")
    >>> [t.get_text() == ar(s) for t, s in zip(fig.axes[0].get_yticklabels(), ["الناتو", "العراق"])]
    [True, True]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    labels, values = _check_labels_values(labels, values)
    setup_matplotlib()
    import matplotlib.pyplot as plt

    if ax is None:
        height = max(2.5, 0.38 * len(labels) + 1.2)
        fig, ax = plt.subplots(figsize=(7.5, height))
    else:
        fig = ax.figure
    ys = list(range(len(labels)))
    ax.barh(ys, values, color=color)
    ax.set_yticks(ys, [ar(lab) for lab in labels])
    ax.invert_yaxis()
    if annotate:
        vmax = max(values) if values else 0
        for y, v in zip(ys, values):
            ax.text(v + 0.01 * (vmax or 1), y, value_format.format(v), va="center", fontsize=9, family="DejaVu Sans")
        ax.set_xlim(0, (vmax or 1) * 1.1)
    if title:
        ax.set_title(ar(title))
    if xlabel:
        ax.set_xlabel(ar(xlabel))
    fig.tight_layout()
    return fig


def histogram(
    values: Sequence[float],
    *,
    bins: int | Sequence[float] = 20,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "count",
    ax: Axes | None = None,
    color: str = "#3b6ea5",
) -> Figure:
    """A histogram of numbers (e.g. sentence lengths) in the lab's style.

    >>> fig = histogram([3, 5, 5, 8], bins=4, title="sentence length")
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("histogram needs at least one value")
    setup_matplotlib()
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 3.5))
    else:
        fig = ax.figure
    ax.hist(vals, bins=bins, color=color, edgecolor="white")
    if title:
        ax.set_title(ar(title))
    if xlabel:
        ax.set_xlabel(ar(xlabel))
    if ylabel:
        ax.set_ylabel(ar(ylabel))
    fig.tight_layout()
    return fig


def word_cloud(
    freqs: Mapping[str, float],
    *,
    seed: int = 0,
    width: int = 900,
    height: int = 450,
    max_words: int = 80,
    background_color: str = "white",
    colormap: str = "viridis",
    ax: Axes | None = None,
) -> Figure:
    """A word cloud of (Arabic) words from a frequency mapping, drawn with Amiri.

    ``wordcloud``'s own tokenising (an ASCII-minded regexp, English stopwords,
    plural folding) is never used: it is fed frequencies computed with the
    lab's tokeniser.  Words are laid out horizontally (Arabic set vertically
    is unreadable) and the layout is deterministic for a given ``seed``.

    Parameters
    ----------
    freqs : mapping of str to float
        Word -> weight (counts or scores, positive).
    seed : int
        Random state of the layout.
    width, height : int
        Canvas size in pixels.
    max_words : int
        Keep the ``max_words`` heaviest words.
    background_color, colormap : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(freqs, Mapping):
        raise TypeError(f"word_cloud needs a mapping word -> frequency, got {type(freqs).__name__}")
    items = [(str(w), float(f)) for w, f in freqs.items() if float(f) > 0 and str(w).strip()]
    if not items:
        raise ValueError("word_cloud needs at least one word with a positive frequency")
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    items = items[:max_words]
    setup_matplotlib()
    import matplotlib.pyplot as plt
    from wordcloud import WordCloud

    wc = WordCloud(
        font_path=str(amiri_path()),
        width=width,
        height=height,
        max_words=max_words,
        prefer_horizontal=1.0,
        random_state=seed,
        background_color=background_color,
        colormap=colormap,
        collocations=False,
        normalize_plurals=False,
        include_numbers=True,
        margin=4,
    )
    shaped: dict[str, float] = {}
    for w, f in items:
        key = ar_image(w)
        shaped[key] = shaped.get(key, 0.0) + f
    wc.generate_from_frequencies(shaped)
    if ax is None:
        fig, ax = plt.subplots(figsize=(width / 100, height / 100))
    else:
        fig = ax.figure
    ax.imshow(wc.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    fig.tight_layout(pad=0.2)
    return fig


def save_figure(fig: Figure, name: str, figures_dir: str | os.PathLike | None) -> Path | None:
    """Save ``fig`` as ``<project root>/<figures_dir>/<name>.png`` if ``figures_dir`` is set.

    Notebooks pass their ``FIGURES`` parameter: ``""`` (the default) saves
    nothing, so only the README's featured article writes to ``figures/``.
    The PNG carries no software/date metadata, so the same figure gives the
    same bytes on every run.

    Parameters
    ----------
    fig : matplotlib Figure
    name : str
        File stem, ``NN-name`` by convention (``"00-lemma-frequencies"``);
        letters, digits, ``-``, ``_`` and ``.`` only.
    figures_dir : str or path-like or None
        Folder relative to the project root (absolute paths pass through).

    Returns
    -------
    pathlib.Path or None
        The file written, or None when nothing was saved.

    >>> save_figure(None, "00-demo", "") is None
    True
    """
    if not isinstance(name, str) or not _NAME_RE.match(name) or name.endswith(".png"):
        raise ValueError(f"figure name must be a plain file stem like '00-lemma-frequencies', got {name!r}")
    if figures_dir is None or str(figures_dir).strip() == "":
        return None
    from ..cache import atomic_write
    from ..paths import resolve

    folder = resolve(figures_dir)
    path = folder / f"{name}.png"

    def write(tmp: Path) -> None:
        fig.savefig(tmp, format="png", metadata={"Software": None}, bbox_inches="tight", facecolor="white")
        tmp.chmod(0o644)  # the temporary file is private; a figure is readable like any file

    atomic_write(path, write)
    return path
