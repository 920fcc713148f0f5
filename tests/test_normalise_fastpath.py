"""The fast paths of normalise (code-point list, numpy lookup for long texts) equal str.translate exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_news.normalise import PROFILES, _apply, _table

ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic, marks, tatweel, digits
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),  # presentation forms (ligatures expand)
    st.sampled_from(list(" \u00a0\u200c\u200f\ufeff.،؟abc123\n") + ["\U0001f600", "\ud800"]),
)


@pytest.mark.parametrize("profile", sorted(PROFILES))
@settings(max_examples=60, deadline=None)
@given(text=st.text(ALPHABET, min_size=0, max_size=700))
def test_fast_paths_equal_translate(profile, text):
    """Short and long texts, ligatures, astral characters and lone surrogates give the translate() result."""
    steps = PROFILES[profile]
    assert _apply(text, steps) == text.translate(_table(steps))


@pytest.mark.parametrize("n", [0, 255, 256, 5000])
def test_long_plain_arabic_uses_same_result(n):
    """Around the length threshold the result does not change."""
    text = ("إِنَّ الأمـــمَ المتحدة ٢٠٢٤ ")[: max(1, n)] * (n // 20 + 1)
    steps = PROFILES["retrieval"]
    assert _apply(text, steps) == text.translate(_table(steps))
