"""Attribution rules added in round 13 of the gold set (tuning articles only: batches 1-15, while batch 16 was
being annotated as the held-out set): يتوقع/يرجح/يعتقد with no subject anywhere -- opening the sentence, after a
comma, after حيث or the pronoun of state إنه -- and right before a clause are passive ("it is expected that"),
with the negatives next to them. The examples are written for the tests, not taken from a corpus."""

from __future__ import annotations

from conftest import attribution_pairs

pairs = attribution_pairs


def test_an_expectation_with_no_subject_is_impersonal():
    assert pairs("يتوقع أن يعاني قرابة 70% من السكان من الجوع.") == [("يتوقع", "")]
    assert pairs("وأوضح الوزير أن العدد كبير، حيث يتوقع أن يصل عددهم إلى مليون.")[-1] == ("يتوقع", "")
    assert pairs("وقال مسؤولون إنه يعتقد أن هناك مواطنين أجانب.")[-1] == ("يعتقد", "")
    # opening a sentence with و, after another speaker: not that speaker's
    assert pairs("وقال المحلل إن السوق ضعيف. ويرجح أن تشهد الأسواق تقلبات حادة.")[-1] == ("ويرجح", "")


def test_an_expectation_with_a_subject_keeps_it():
    assert pairs("وقال المحلل إن السوق ضعيف. ويرجح المحللون أن تشهد الأسواق تقلبات.")[-1] == ("ويرجح", "المحللون")
    assert pairs("وقال الوزير إن الخطة جاهزة. يتوقع الوزير أن تنجح.")[-1] == ("يتوقع", "الوزير")
    # in the same sentence as its speaker, a و-verb continues that speaker
    assert pairs("وقال المحلل إن السوق ضعيف، ويرجح أن تشهد الأسواق تقلبات حادة.")[-1] == ("ويرجح", "المحلل")


def test_an_occupation_introduces_its_own_source():
    text = "وقال المحلل إن السوق ضعيف. وأوضح تاجر في سوق الذهب بدبي أن حركة البيع ضعيفة."
    assert pairs(text)[-1] == ("وأوضح", "تاجر")
    assert pairs("وأكد طبيب المنتخب أن اللاعب سيغيب أسبوعين.") == [("وأكد", "طبيب المنتخب")]


def test_asking_for_anonymity_is_no_statement():
    text = "وقال المحلل إن السوق ضعيف. وأوضح تاجر في سوق الذهب بدبي، طلب عدم الكشف عن اسمه، أن الحركة ضعيفة."
    assert [c for c, _ in pairs(text)] == ["وقال", "وأوضح"]
    # a request with what is requested stays one
    assert pairs("وطلب الوزير من الموظفين الالتزام بالتعليمات.") == [("وطلب", "الوزير")]
