"""Stance markers: boosters, hedges, emphasis particles, evaluative adjectives; densities; HTML."""

from __future__ import annotations

import numpy as np
import pytest

from arabic_news.rhetoric.markers import (
    KINDS,
    Marker,
    density_percentiles,
    find_markers,
    highlight_html,
    is_imperfect_verb,
    marker_densities,
)


def kinds(text):
    return [(m.kind, m.text) for m in find_markers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("تحسن الوضع بشكل كبير", [("booster", "بشكل كبير")]),
        ("بمشاركة دولية واسعة", [("booster", "واسعة")]),
        ("قضية بالغة الحساسية", [("booster", "بالغة")]),
        ("ربما تتأجل الجلسة", [("hedge", "ربما")]),
        ("يبدو أن الاتفاق قريب", [("hedge", "يبدو أن")]),
        ("من المحتمل أن تنتهي المحادثات", [("hedge", "من المحتمل")]),
        ("إنّ الموقف واضحٌ", [("emphasis", "إنّ"), ("evaluative", "واضحٌ")]),
        ("لقد انتهى الاجتماع", [("emphasis", "لقد")]),
        ("موقف إيجابي ومهم", [("evaluative", "إيجابي"), ("evaluative", "ومهم")]),
    ],
)
def test_marker_lexicon(text, expected):
    """Each kind is found from its cited word list, inflected and cliticised forms included."""
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("قد يكون الاتفاق قريبا", "hedge"),  # qad + imperfect = possibility
        ("وقد تؤدي الأزمة إلى التصعيد", "hedge"),
        ("وقد أكد الوزير موقفه", "emphasis"),  # qad + perfect = emphasis
        ("فقد تناول اللقاء الملفات", "emphasis"),  # form VI perfect starting with ت
        ("وقد تمت الموافقة", "emphasis"),
    ],
)
def test_qad_perfect_vs_imperfect(text, kind):
    """قد + imperfect is a hedge, قد + perfect an emphasis."""
    assert find_markers(text)[0].kind == kind


def test_conditional_in_is_not_emphasis():
    """Conditional إن (إن لم / وإن كان) is not the emphatic particle; أنّ is not إنّ."""
    assert kinds("إن لم يتم الاتفاق ستنهار الهدنة") == []
    assert kinds("وإن كان الوفد قد غادر") == [("emphasis", "قد غادر")]
    assert kinds("أعلن أن الوفد غادر") == []


def test_noun_lookalikes_are_excluded():
    """مهمة 'mission' is not the adjective مهم 'important'."""
    assert kinds("أنهى الوفد مهمة صعبة في بغداد") == []


def test_longest_span_wins_and_offsets_hold():
    """Overlaps resolve to the longest span; text[start:end] == marker.text."""
    text = "ارتفعت الأسعار بشكل كبير جدا، وربما تستمر."
    ms = find_markers(text)
    assert [m.text for m in ms] == ["بشكل كبير", "جدا", "وربما"]
    for m in ms:
        assert text[m.start : m.end] == m.text and m.kind in KINDS


def test_marker_api_shape():
    """Marker(kind, text, start, end) and to_dict keep the API the persuasion features use."""
    m = find_markers("ربما")[0]
    assert m == Marker("hedge", "ربما", 0, 4)
    assert m.to_dict() == {"kind": "hedge", "text": "ربما", "start": 0, "end": 4}


def test_densities_per_100_words():
    """Densities are markers per 100 words; all four kinds are present even when zero."""
    d = marker_densities("ربما " + "كلمة " * 9)
    assert d["hedge"] == pytest.approx(10.0) and d["booster"] == 0.0 and d["words"] == 10
    assert marker_densities("")["hedge"] == 0.0


def test_density_percentiles():
    """Percentile: share of corpus values below, plus half the ties."""
    dist = {"hedge": np.array([0.0, 0.0, 1.0, 2.0])}
    assert density_percentiles({"hedge": 0.0}, dist) == {"hedge": 25.0}
    assert density_percentiles({"hedge": 5.0}, dist) == {"hedge": 100.0}


def test_highlight_html_escapes_text():
    """Highlighted HTML escapes the article text and the spans."""
    text = "<script>ربما</script>"
    out = highlight_html(text, find_markers(text))
    assert "<script>" not in out and '<mark class="hedge"' in out


def test_imperfect_heuristic():
    """ي- is imperfect; تفاعل / تم / -ت perfects are not."""
    assert is_imperfect_verb("يكون") and is_imperfect_verb("تشهد")
    assert not is_imperfect_verb("تناول") and not is_imperfect_verb("تم") and not is_imperfect_verb("اكدت")


def test_bad_input():
    """Non-string input raises TypeError."""
    with pytest.raises(TypeError):
        find_markers(None)


def test_inna_after_qala_is_not_emphasis():
    """The إنّ required after قال (reported speech) is not counted; a free-standing إنّ is."""
    assert kinds("وقال الوزير إن الاتفاق قريب") == []
    assert kinds("إن الاتفاق قريب") == [("emphasis", "إن")]


def test_bada_began_is_not_a_hedge():
    """بدأ 'began' (hamza folded to بدا) is not the hedge بدا 'seemed'."""
    assert kinds("بدأ الوزير زيارة رسمية") == []
