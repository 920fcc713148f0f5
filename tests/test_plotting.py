"""Tests for arabic_news.plotting: shaping capability paths, fonts, charts, deterministic PNGs."""

from __future__ import annotations

import hashlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from arabic_news import plotting

WORD = "الناتو"
PHRASE = "حلف شمال الأطلسي"


def _is_presentation_form(c: str) -> bool:
    return "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"


@pytest.fixture
def no_shaping(monkeypatch):
    """Pretend both renderers lack complex-text shaping (old matplotlib / Pillow without raqm)."""
    monkeypatch.setattr(plotting, "matplotlib_shapes_arabic", lambda: False)
    monkeypatch.setattr(plotting, "pillow_shapes_arabic", lambda: False)


@pytest.fixture
def native_shaping(monkeypatch):
    """Pretend both renderers shape Arabic themselves (matplotlib with libraqm, Pillow with raqm)."""
    monkeypatch.setattr(plotting, "matplotlib_shapes_arabic", lambda: True)
    monkeypatch.setattr(plotting, "pillow_shapes_arabic", lambda: True)


@pytest.mark.parametrize("func", [plotting.ar, plotting.ar_image])
@pytest.mark.parametrize("text", [WORD, PHRASE, "العراق 2024"])
def test_native_renderer_gets_logical_text_unchanged(native_shaping, func, text):
    """A renderer that shapes Arabic itself must get the text untouched (reshaping would reverse it)."""
    assert func(text) == text


@pytest.mark.parametrize("func", [plotting.ar, plotting.ar_image])
def test_plain_renderer_gets_presentation_forms_in_visual_order(no_shaping, func):
    """Without shaping, letters become joined presentation forms and the order is reversed (visual)."""
    out = func(WORD)
    letters = [c for c in out if not c.isspace()]
    assert all(_is_presentation_form(c) for c in letters), out
    # visual order: the first logical letter (alef of al-) is drawn last, on the right
    assert out[-1] in "\ufe8d\ufe8e\ufef5\ufef6\ufef7\ufef8\ufef9\ufefa\ufefb\ufefc"  # alef / lam-alef forms
    assert len(out) <= len(WORD)


def test_plain_renderer_reverses_word_order(no_shaping):
    """Without shaping, a multi-word Arabic phrase is laid out with its first word on the right."""
    out = plotting.ar(PHRASE)
    parts = out.split(" ")
    assert plotting.ar_reshaped("حلف") == parts[-1]
    assert plotting.ar_reshaped("الأطلسي") == parts[0]


@pytest.mark.parametrize("text", ["NATO", "2024", "top words", ""])
def test_text_without_arabic_is_never_reshaped(no_shaping, text):
    """Latin text and digits pass through the reshaping path unchanged."""
    assert plotting.ar(text) == text


def test_capability_detection_matches_the_installed_renderers():
    """The detected capability is the one the installed libraries report."""
    import matplotlib.ft2font as ft2font
    from PIL import features

    assert plotting.matplotlib_shapes_arabic() == bool(getattr(ft2font, "__libraqm_version__", None))
    assert plotting.pillow_shapes_arabic() == bool(features.check("raqm"))


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_non_string_label_is_a_type_error(bad):
    """ar() names the wrong type instead of failing deep inside the reshaper."""
    with pytest.raises(TypeError, match="str"):
        plotting.ar(bad)


def test_setup_registers_amiri_with_dejavu_fallback():
    """setup_matplotlib registers Amiri and makes the family Amiri then DejaVu Sans."""
    from matplotlib import font_manager

    plotting.setup_matplotlib()
    assert matplotlib.rcParams["font.family"][:2] == ["Amiri", "DejaVu Sans"]
    assert "Amiri" in {f.name for f in font_manager.fontManager.ttflist}
    found = font_manager.findfont(font_manager.FontProperties(family="Amiri"), fallback_to_default=False)
    assert found.endswith("Amiri-Regular.ttf")


def test_bar_chart_orders_first_label_at_top_with_prepared_labels():
    """Bars are horizontal, first label on top, labels prepared with ar()."""
    labels = ["الناتو", "العراق", "بغداد"]
    fig = plotting.bar_chart(labels, [3, 2, 1], title="عنوان", xlabel="count")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [plotting.ar(x) for x in labels]
    assert ax.yaxis_inverted()
    assert [round(p.get_width()) for p in ax.patches] == [3, 2, 1]
    plt.close(fig)


@pytest.mark.parametrize(
    "labels, values, exc",
    [(["a", "b"], [1], ValueError), ([], [], ValueError), ([1, 2], [1, 2], TypeError)],
)
def test_bar_chart_bad_input(labels, values, exc):
    """Mismatched, empty or non-string labels raise a clear error."""
    with pytest.raises(exc):
        plotting.bar_chart(labels, values)


def test_save_figure_nothing_when_folder_empty(tmp_path):
    """FIGURES="" means no file is written."""
    fig = plotting.bar_chart(["الناتو"], [1])
    assert plotting.save_figure(fig, "00-x", "") is None
    plt.close(fig)


@pytest.mark.parametrize("name", ["../evil", "a/b", "x.png", "", " 00"])
def test_save_figure_rejects_unsafe_names(name, tmp_path):
    """Figure names are plain file stems (no paths, no suffix)."""
    with pytest.raises(ValueError, match="figure name"):
        plotting.save_figure(None, name, tmp_path)


def test_save_figure_is_byte_deterministic(tmp_path):
    """The same figure saved twice gives identical PNG bytes (no software/date metadata)."""
    hashes = []
    for i in range(2):
        fig = plotting.bar_chart(["الناتو", "العراق"], [2, 1], title="t")
        path = plotting.save_figure(fig, "00-det", tmp_path / str(i))
        plt.close(fig)
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data and b"matplotlib" not in data.lower()
        hashes.append(hashlib.sha256(data).hexdigest())
    assert hashes[0] == hashes[1]


def test_word_cloud_is_deterministic_per_seed(tmp_path):
    """Same frequencies and seed -> the same word-cloud picture; Arabic words laid out horizontally."""
    freqs = {"الناتو": 9, "العراق": 7, "الأمنية": 5, "بغداد": 3, "NATO": 2}
    paths = []
    for i in range(2):
        fig = plotting.word_cloud(freqs, seed=3, width=300, height=150)
        paths.append(plotting.save_figure(fig, "00-wc", tmp_path / str(i)))
        plt.close(fig)
    assert paths[0].read_bytes() == paths[1].read_bytes()


@pytest.mark.parametrize("freqs, exc", [({}, ValueError), ({"x": 0}, ValueError), (["a"], TypeError)])
def test_word_cloud_bad_input(freqs, exc):
    """An empty or non-mapping frequency table is refused with a clear error."""
    with pytest.raises(exc):
        plotting.word_cloud(freqs)
