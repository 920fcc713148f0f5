"""Nominal cues (rhetoric/nominal.py): a verbal noun with its own content and a speaker in the text."""

from __future__ import annotations

import pytest

from arabic_news.rhetoric import attributions


def pairs(text: str) -> list[tuple[str, str, str]]:
    return [(r.cue, text[r.speaker_start : r.speaker_end], r.rule) for r in attributions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("تراجعت الأسهم بعد تصريح البنك المركزي بقرب رفع الفائدة.", [("تصريح", "البنك المركزي", "nominal")]),
        (
            "وقد تلقى الحزب تعليمات واضحة من طهران بالانسحاب من الحكومة.",
            [("تعليمات", "طهران", "nominal")],
        ),
        ("ووجهت النيابة العامة اتهامات بالفساد لعشرة مسؤولين.", [("اتهامات", "النيابة العامة", "nominal")]),
    ],
)
def test_nominal_cue_with_content_and_speaker(text, expected):
    """تصريح X بـ، تعليمات من X بـ، وجهت X اتهامات بـ: a record with the noun as cue."""
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وتأتي تصريحات الرئيس في وقت حساس.",  # no content marker
        "ولجأت الجماعة إلى اتهام تركيا باضطهاد المسلمين.",  # the genitive of اتهام is the accused
        "وارتفعت الأسعار حسب تصريحات وزارة المالية.",  # the preposition is the cue, not the noun
    ],
)
def test_nominal_cue_without_content_or_speaker_gives_no_nominal_record(text):
    """No content marker, an accused genitive, or a preposition before the noun: no nominal record."""
    assert [p for p in pairs(text) if p[2] == "nominal"] == []
