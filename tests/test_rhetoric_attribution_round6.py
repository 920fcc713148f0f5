"""Attribution rules added in round 6 of the gold set (tuning articles only: individual errors of
batches 1-7, batch 8 as an aggregate dev check): the resumptive pronoun after ``وفق/بحسب ما + verb``,
a quoted source after it, the estimate verb قدر with an amount, the directive verb وجه with a verbal
noun, a verb and the participle قائلا as one cue, and a prayer that is no report -- each with the
negative next to it.  The examples are written for the tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from conftest import attribution_pairs

pairs = attribution_pairs


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "ارتفعت الأسعار بنسبة كبيرة وفق ما كشف عنه رئيس الشركة أحمد سالم في مؤتمر صحفي.",
            ("كشف", "رئيس الشركة أحمد سالم"),
        ),
        ("تعاني المدينة من أزمة مياه، وفق ما صرح به أصحاب المبادرة.", ("صرح", "أصحاب المبادرة")),
        ("وتمت الصفقة في الشهر الماضي بحسب ما أعلنت عنها الشركة أمس.", ("أعلنت", "الشركة")),
    ],
)
def test_the_resumptive_after_a_source_preposition_is_not_the_source(text, expected):
    """ "وفق ما كشف عنه X"، "وفق ما صرح به X": عنه/به is the verb's own preposition with the pronoun of
    ما; the source is the phrase after it (before round 6: no statement, or "به X" as the speaker)."""
    assert pairs(text) == [expected]


def test_a_quoted_source_after_a_source_preposition_is_the_speaker():
    """ "بحسب ما نقلت "الصحيفة"": a quoted name right after the verb is its subject."""
    assert pairs('وتمت الصفقة في الشهر الماضي بحسب ما نقلت "الصحيفة" أمس.') == [("نقلت", "الصحيفة")]


def test_a_source_preposition_with_no_source_stays_no_statement():
    """Near miss: "وفق ما هو مقرر" has no reporting verb and no source."""
    assert pairs("وسيبدأ العمل في الموعد وفق ما هو مقرر في الخطة.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقدرت مصادر غير رسمية هذه النسبة ب20% في العام الماضي.", "وقدرت"),
        ("قدر التقرير حجم الطلب بنحو مليون وحدة.", "قدر"),
    ],
)
def test_an_estimate_with_an_amount_is_a_statement(text, expected):
    """قدر + object + ب and a number (or بنحو): an estimate by a source is a statement."""
    assert [c for c, _ in pairs(text)] == [expected]


def test_an_estimate_verb_with_no_amount_or_clause_stays_no_statement():
    """Near miss: "قدر الجمهور جهود اللاعبين" ("appreciated") has no amount and no clause."""
    assert pairs("قدر الجمهور جهود اللاعبين في المباراة الأخيرة.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وجه الأمير خالد بإعداد دراسة متكاملة عن وضع المدارس.", [("وجه", "الأمير خالد")]),
        ("ووجه الوزير أحمد سالم بتشكيل لجنة للتحقيق في الحادث.", [("ووجه", "الوزير أحمد سالم")]),
    ],
)
def test_a_directive_with_a_verbal_noun_is_a_statement(text, expected):
    """وجه + subject + ب on an indefinite verbal noun ("ordered that … be done") is a directive statement."""
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقف الجنود في وجه المحتلين بشجاعة كبيرة.",  # وجه "face", a noun
        "وأنهى الفريق العمل على وجه السرعة بطريقة جيدة.",  # على وجه السرعة "quickly"
        "ووجه حوالي ثلاثين عالما بينهم باحثون رسالة إلى الرئيس.",  # sent a letter; بينهم، باحثون
        "وأشاد بالمشروع الذي وجه به الأمير العام الماضي.",  # a relative: what he directed
    ],
)
def test_face_and_sending_are_no_directive(text):
    """Near misses: the noun وجه, a letter sent (no ب + verbal noun), and the relative "الذي وجه به"."""
    assert not [c for c, _ in pairs(text) if c.endswith("وجه")]


def test_a_directive_accusation_keeps_its_nominal_cue():
    """Near miss: "وجهت النيابة اتهامات بالفساد": the nominal cue اتهامات, not the light verb وجهت."""
    assert [c for c, _ in pairs("وجهت النيابة اتهامات بالفساد للمسؤول السابق.")] == ["اتهامات"]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("وأكد الوزير أن الخطة ناجحة. وتابع قائلا: «ثم تحسنت الأمور كثيرا».", "وتابع قائلا"),
        ("وأكد الوزير أن الخطة ناجحة. وأضاف قائلاً إن التنفيذ سيبدأ قريبا.", "وأضاف قائلاً"),
    ],
)
def test_a_verb_and_the_saying_participle_are_one_cue(text, cue):
    """ "وتابع قائلا: …": one statement whose cue spans both words (so it matches an annotation on either
    word), with the content after the participle; no second statement for قائلا."""
    from arabic_news.rhetoric import attributions

    recs = attributions(text)
    assert [r.cue for r in recs] == ["وأكد", cue]
    assert not recs[1].content.startswith("قائل")


def test_a_participle_after_its_subject_stays_its_own_cue():
    """Near miss: "وأضاف الوزير قائلاً" -- the participle is not next to the verb, so nothing is merged."""
    assert [c for c, _ in pairs("وأضاف الوزير قائلاً إن التنفيذ سيبدأ قريبا.")][0] == "وأضاف"


@pytest.mark.parametrize(
    "text",
    [
        "وأشاد الوزير بالمشروع الكبير في المنطقة، داعيا الله أن يحفظ هذه البلاد.",
        "وختم الوزير كلمته في الحفل ودعا المولى أن يوفق الجميع.",
    ],
)
def test_a_prayer_is_no_report(text):
    """ "داعيا الله أن …"، "ودعا المولى أن …": a prayer, not a call on anyone (gold README, batch 7)."""
    assert not [c for c, _ in pairs(text) if c.startswith(("داع", "ودعا", "دعا"))]


def test_a_call_on_people_is_still_a_directive():
    """Near miss: "ودعا الوزير المواطنين إلى …" calls on people: a directive statement."""
    assert pairs("ودعا الوزير المواطنين إلى الالتزام بالتعليمات.") == [("ودعا", "الوزير")]


def test_a_plural_participle_takes_the_group_not_the_singular_speaker():
    """ "وقال الوزير … إن اللقاء حضره المستثمرون، مؤكدين …": a masculine plural participle agrees with a
    group of people in its sentence, not with the singular speaker of the sentence's earlier cue."""
    text = "وقال الوزير أحمد سالم إن اللقاء حضره المستثمرون، مؤكدين أن السوق مستقرة."
    assert pairs(text)[-1] == ("مؤكدين", "المستثمرون")


def test_a_singular_participle_keeps_the_earlier_speaker():
    """Near miss: "مؤكدا" (singular) after the minister's verb stays with the minister."""
    text = "وقال الوزير أحمد سالم إن السوق مستقرة، مؤكدا أن الطلب سيزيد في الصيف."
    assert pairs(text)[-1] == ("مؤكدا", "الوزير أحمد سالم")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وأعلن عن البطالة في نيوزلندا والأرقام تشير لارتفاع في الربع الثاني.", ("تشير", "الأرقام")),
        ("وزار الوفد المصنع أمس والوزارة تؤكد أن الإنتاج سيرتفع.", ("تؤكد", "الوزارة")),
    ],
)
def test_a_wa_clause_opening_with_a_source_is_subject_verb(text, expected):
    """ "… والأرقام تشير إلى …": a و-clause inside the sentence that opens with a source noun and then
    the verb is subject-verb, like a sentence opening (before round 6: no statement)."""
    assert pairs(text)[-1] == expected


def test_a_wa_clause_with_a_transport_noun_is_no_relay():
    """Near miss: "ووسائل نقل خاصة" -- نقل "transport" after a source-like noun is no relay."""
    assert pairs("ويضم المتنزه مواقف للمركبات ووسائل نقل خاصة للزوار.") == []


def test_a_statistic_after_hasab_is_a_source():
    """ "حسب الإحصائية التي سجلت …": a statistic is a document that shows (data/rhetoric/source_nouns)."""
    text = "وقالت الوزارة إنه حسب الإحصائية التي سجلت في المستشفى فإن عدد المصابين ثلاثة."
    assert ("حسب", "الإحصائية") in pairs(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("واتهم الانفصاليون الحكومة بإجهاض الاجتماع.", "الانفصاليون"),
        ("وأدان سياسيون من مختلف الاتجاهات قرار الوزير.", "سياسيون"),
    ],
)
def test_a_nominative_plural_after_the_verb_is_its_subject(text, expected):
    """A sound masculine plural in -ون right after the verb is nominative, so it is the subject -- a
    group of people -- even when no word list knows it (before round 6: an earlier speaker or none)."""
    cue, speaker = pairs(text)[0]
    assert speaker.startswith(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("من جهتها، طلبت الرئاسة من الجانب الآخر تقديم اعتذار.", ("طلبت", "الرئاسة")),
        ("وعزا الخبير أحمد سالم انخفاض العرض إلى ارتفاع عدد السكان.", ("وعزا", "الخبير أحمد سالم")),
        ("وقد كتب الوزير أحمد سالم في حسابه أن القناة ألغت البرنامج.", ("كتب", "الوزير أحمد سالم")),
        ("وأمرت الحكومة بإعادة تشغيل مكبرات الصوت.", ("وأمرت", "الحكومة")),
    ],
)
def test_request_ascribe_write_and_order_are_cues(text, expected):
    """طلب (من)، عزا (إلى)، كتب (before a clause) and أمر (ب + verbal noun) report (cue_verbs.txt)."""
    cue, speaker = pairs(text)[0]
    assert cue == expected[0] and speaker.startswith(expected[1])


@pytest.mark.parametrize(
    "text",
    [
        "وجاء ذلك بناء على طلب من الجانب الأمريكي.",  # طلب "a request", a noun
        "وقرأ الطالب كتب التاريخ في المكتبة.",  # كتب "books"
        "وقال إن هذا الأمر بسيط للغاية.",  # الأمر "the matter"
    ],
)
def test_their_noun_homographs_are_no_cues(text):
    """Near misses: the nouns طلب "request", كتب "books" and الأمر "the matter"."""
    assert not [c for c, _ in pairs(text) if c.endswith(("طلب", "كتب", "أمر"))]


def test_an_accusative_adverb_between_verb_and_subject_is_skipped():
    """ "أكدها سابقاً عبدالرحمن …": the adverb in -اً is accusative, so the subject is the name after it."""
    assert pairs("وكان القرار صادرا منذ عامين حيث أكده سابقاً عبدالرحمن سالم في تصريح.")[0][1].startswith(
        "عبدالرحمن سالم"
    )


def test_two_accusatives_after_the_verb_leave_no_subject():
    """Near miss: "كتب سابقاً مهاجماً الهيئة" -- the noun after the participle is its object, not the subject."""
    speakers = [s for c, s in pairs("وقال الوزير إن القرار نهائي. حيث كتب سابقاً مهاجماً الهيئة: (القرار ظالم).")]
    assert "الهيئة" not in speakers


@pytest.mark.parametrize(
    "text, cue",
    [
        ("وأضافت الوزيرة نورة سالم بقولها إن الوضع صعب.", "وأضافت الوزيرة نورة سالم بقولها"),
        ("وعلق المتحدث الرسمي بقوله: «الحادث بسيط».", "وعلق المتحدث الرسمي بقوله"),
    ],
)
def test_a_verb_and_by_saying_are_one_cue(text, cue):
    """ "وأضافت X بقولها إن …": one statement whose cue runs from the verb to بقولها, so it matches an
    annotation on either word (function_words ``saying_after_verb``)."""
    assert [c for c, _ in pairs(text)] == [cue]


def test_by_saying_in_another_clause_is_not_merged():
    """Near miss: a بقوله after a comma belongs to another clause; the verb keeps its own cue."""
    assert pairs("وأكد الوزير أن الوضع صعب، واختتم حديثه بقوله إن الأمل قائم.")[0][0] == "وأكد"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وحملت الوزارة الشركة مسؤولية العطل.", "وحملت"),
        ("وأقرت الشركة بوجود خلل في النظام.", "وأقرت"),
    ],
)
def test_blame_and_admission_are_cues(text, expected):
    """حمّل … مسؤولية (blame) and أقر بـ + verbal noun (admit) are statements (gold README, batch 8)."""
    assert [c for c, _ in pairs(text)] == [expected]


@pytest.mark.parametrize("text", ["وحمل الطالب الحقيبة إلى المدرسة.", "وأقر المجلس الميزانية الجديدة."])
def test_carrying_and_approving_are_no_cues(text):
    """Near misses: حمل "carried" (no مسؤولية) and أقر "approved" (no ب + verbal noun, no clause)."""
    assert pairs(text) == []
