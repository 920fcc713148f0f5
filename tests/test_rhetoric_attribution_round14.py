"""Attribution rules added in round 14 of the gold set (tuning articles only: batches 1-16, while batch 17 was
being annotated as the held-out set): a demonstrative before a title is the subject ("وأوضح هذا المسؤول أن …"),
with the negatives next to it. The examples are written for the tests, not taken from a corpus."""

from __future__ import annotations

from conftest import attribution_pairs

pairs = attribution_pairs


def test_a_demonstrative_before_a_title_is_the_subject():
    text = "وقال مسؤول في الشرطة إن القانون واضح. وأوضح هذا المسؤول أن رجاله يتوجهون إلى المرافقين."
    assert pairs(text)[-1] == ("وأوضح", "هذا المسؤول")
    # ذلك after the verb is its object ("explained that"), whatever follows
    assert pairs("وأوضح ذلك مدير عام الشركة في المؤتمر.") == []
