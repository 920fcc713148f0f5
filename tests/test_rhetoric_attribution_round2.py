"""Attribution rules added in round 2 of the gold set (tuning articles only): new cue verbs with
their complement conditions, بحسب/وفق ما + verb, report nouns after بحسب/وفق, foreign names, relative
clauses, passive relays, sub-headline and footer headlines, and the negatives next to them."""

from __future__ import annotations

import pytest

from arabic_news.rhetoric import attributions
from conftest import attribution_pairs

pairs = attribution_pairs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقدرت المخابرات الأمريكية أن عدد المقاتلين كبير.", [("وقدرت", "المخابرات الأمريكية")]),
        ("وينص الاتفاق الجديد على إلغاء الرسوم.", [("وينص", "الاتفاق الجديد")]),
        ("وتساءل الكاتب أحمد سالم عن جدوى القرار.", [("وتساءل", "الكاتب أحمد سالم")]),
        ("وأقر المتهم أنه كان في المكان.", [("وأقر", "المتهم")]),
    ],
)
def test_new_cue_verbs_are_reports(text, expected):
    """أبلغ، قدر، نص، تساءل، أقر report with their complement."""
    assert pairs(text) == expected


def test_ablagha_reports_with_its_subject():
    """أبلغ X الوكالة أن ...: a report whose speaker starts at the subject (the recipient may stay attached)."""
    got = pairs("وأبلغ مسؤولون حكوميون الوكالة أنهم يتوقعون تراجع الإنتاج.")
    assert len(got) == 1 and got[0][0] == "وأبلغ" and got[0][1].startswith("مسؤولون حكوميون")


@pytest.mark.parametrize(
    "text",
    [
        "تابع الجمهور المباراة باهتمام كبير.",  # تابع "followed", no quotation after it
        "أقر المجلس الميزانية الجديدة للعام المقبل.",  # أقر "approved", no clause
        "قدر المبلغ المطلوب كبير جدا.",  # قدر "amount"
        "ويبلغ عدد السكان عشرة ملايين نسمة.",  # يبلغ "amounts to"
    ],
)
def test_new_cue_verbs_need_their_complement(text):
    """The new verbs that are also common words give nothing without their complement."""
    assert attributions(text) == []


def test_tabaa_before_a_quotation_continues_the_speaker():
    """وتابع «...» continues the previous speaker."""
    text = "قال الوزير أحمد سالم إن الخطة جاهزة. وتابع «سنبدأ التنفيذ قريبا»."
    assert pairs(text) == [("قال", "الوزير أحمد سالم"), ("وتابع", "الوزير أحمد سالم")]


def test_plural_participle_is_a_cue():
    """A plural participle (مشيرين) reports for the group that spoke."""
    text = "وقال سكان محليون إن القصف استمر، مشيرين إلى أن المنازل تضررت."
    assert [c for c, _ in pairs(text)] == ["وقال", "مشيرين"]


def test_sentence_opening_phrase_does_not_hide_the_verb():
    """وفي بيروت قال مفتي ... إن: a verb after an opening phrase, with إن after its subject, reports."""
    text = "عنوان الخبر\nوفي بيروت قال مفتي الجمهورية الشيخ أحمد سالم إن العيد غدا."
    assert pairs(text) == [("قال", "مفتي الجمهورية الشيخ أحمد سالم")]


def test_hasab_ma_verb_takes_the_source_after_the_verb():
    """بحسب/وفق ما ذكر X: the verb's subject is the source, even an unknown one."""
    text = "عنوان الخبر\nقتل عشرة أشخاص في المدينة، وفق ما أعلن المرصد المحلي للحقوق."
    assert pairs(text) == [("أعلن", "المرصد المحلي للحقوق")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("عنوان\nارتفعت الأسعار حسب تصريحات وزارة المالية.", [("حسب", "تصريحات وزارة المالية")]),
        ("عنوان\nقتل خمسة أشخاص وفق حصيلة جديدة.", [("وفق", "حصيلة جديدة")]),
        ("عنوان\nقصف التحالف المدينة بحسب سكاي نيوز بعد الهجوم.", [("بحسب", "سكاي نيوز")]),
    ],
)
def test_report_nouns_after_according_to_are_sources(text, expected):
    """بحسب/وفق + a report noun (تصريحات، حصيلة) or a known outlet is an attribution."""
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "تعمل الحافلات يوميا وفق الجدول المعتاد.",
        "تختلف مدة العمل حسب النقش ومساحة اللوحة.",
        "يعود المستفيد إلى قائمة الانتظار بحسب رغبته.",
    ],
)
def test_according_to_a_schedule_or_rule_is_not_a_source(text):
    """وفق/حسب + a noun that is no source (a schedule, a pattern, a wish) is no attribution."""
    assert attributions(text) == []


def test_foreign_name_starting_with_lam_is_a_speaker_before_a_clause():
    """وقالت لاورا بيرتوني التي ... إن: a two-word name that starts with ل, then a relative clause."""
    text = "عنوان\nوقالت لاورا بيرتوني التي حضرت اللقاء إن الأمر مؤثر."
    assert pairs(text) == [("وقالت", "لاورا بيرتوني")]


def test_lam_preposition_before_an_outlet_is_not_a_name():
    """قال لرويترز إن ...: ل + a news agency is the addressee, the speaker is the earlier one."""
    text = "قال الوزير أحمد سالم إن الخطة جاهزة. وقال لرويترز إن التنفيذ سيبدأ."
    assert pairs(text)[1] == ("وقال", "الوزير أحمد سالم")


def test_unknown_title_with_a_given_name_is_the_subject():
    """انتقد المخرج ... عامر الحمود تصرفات ...: a title followed by a given name is the subject."""
    text = "عنوان\nانتقد المخرج السعودي عامر الحمود تصرفات الفنان."
    assert pairs(text) == [("انتقد", "المخرج السعودي عامر الحمود")]


def test_relative_clause_speaker_is_the_name_next_to_the_relative():
    """... ورئيسه السويسري سيب بلاتر الذي أعلن: the phrase that reaches الذي."""
    text = "عنوان\nوردا على الزميل الإعلامي سلطان القحطاني الذي تساءل عن استبعاده قال إنه لا يعلم."
    assert pairs(text)[0] == ("تساءل", "الزميل الإعلامي سلطان القحطاني")


def test_passive_relay_gives_an_impersonal_record_and_the_original_speaker():
    """نُقل عن فلان قوله: an impersonal relay plus a record for the original speaker."""
    text = "عنوان\nنُقل يوم الإثنين عن رئيس الوزراء أحمد سالم قوله إن بلاده لن ترسل قوات."
    assert pairs(text) == [("نُقل", ""), ("عن", "رئيس الوزراء أحمد سالم")]


def test_relay_from_a_pronoun_takes_its_antecedent():
    """ونقلت صحيفة ... عنه قوله: the original speaker is the pronoun's antecedent."""
    text = 'قال الوزير أحمد سالم إن الأمر مهم. ونقلت صحيفة "الأيام" عنه قوله "التعاون مستمر".'
    got = pairs(text)
    assert got[-1] == ("عنه قوله", "الوزير أحمد سالم")


def test_sub_headline_and_footer_headline_quotations():
    """A colon headline on the first content line and in a footer that repeats the headline."""
    text = "عنوان عام للخبر\nالوزير:الاتفاق قريب من التوقيع\nقال الوزير إن الأمر مهم.\nرابط الخبر بصحيفة الوطن: المدير: الأرصدة تبلغ مليارا"
    got = pairs(text)
    assert [c for c, _ in got].count(":") == 2
    assert ("قال", "الوزير") in got


def test_dateline_on_a_content_line_is_not_a_headline_quote():
    """الرياض: واس on the first content line is a dateline, not a quotation."""
    text = "عنوان عام للخبر\nالرياض: واس\nافتتح الوزير المعرض."
    assert [r for r in attributions(text) if r.cue == ":"] == []


def test_sentence_initial_wa_bayyana_before_a_source_is_the_verb():
    """وبين التقرير ... / وبين الدكتور ...، نائب ...، أن: a sentence that opens with وبين + a source reports."""
    text = "عنوان\nوبين الدكتور أحمد سالم، نائب رئيس الهيئة، أن التدريب سيبدأ قريبا."
    assert pairs(text) == [("وبين", "الدكتور أحمد سالم")]


def test_sentence_initial_wa_bayna_before_a_place_stays_no_cue():
    """وبين الجبال والبحر ... (between) opens a sentence without a source after it: no report."""
    text = "عنوان\nوبين الجبال والبحر مسافة طويلة يقطعها الزوار في ساعة."
    assert attributions(text) == []


def test_parenthesis_after_the_speaker_does_not_hide_the_verb():
    """... قال مارادونا (54 عاما) بغموض «...»: a parenthesis between speaker and quotation."""
    text = "عنوان\nوعند سؤاله عن الترشح قال مارادونا (54 عاما) بغموض «أريد أن أساعد»."
    assert [c for c, _ in pairs(text)] == ["قال"]


def test_counted_anonymous_sources_are_the_subject():
    """أكدت أربعة مصادر من الحركة أن ...: a numeral + an anonymous source noun is the subject."""
    text = "عنوان\nوفي تسجيل صوتي أكدت أربعة مصادر من الحركة أن الزعيم توفي."
    assert pairs(text)[0][1].startswith("أربعة مصادر")


def test_trailing_source_is_not_the_next_implicit_speaker():
    """…، حسبما ذكر التقرير. وقال …: the report does not become the speaker of the next وقال."""
    text = "قال المدير أحمد سالم إن الإنتاج تراجع حسبما ذكر التقرير. وقال إن الدعم ضروري."
    got = pairs(text)
    assert got[-1] == ("وقال", "المدير أحمد سالم")


def test_unveiling_is_not_a_report():
    """التي كشفت النقاب عن الجهاز: an idiom (unveiled), not a statement."""
    text = "عنوان\nوتقدمت الشركة التي كشفت النقاب عن الجهاز في سبتمبر الماضي."
    assert attributions(text) == []


def test_participle_after_a_prepositional_source_continues_the_subject():
    """قال X ...، نقلا عن مصادر طبية، مضيفا: the participle's speaker is X, not the cited source."""
    text = "قال مدير المرصد أحمد سالم إن عشرين قتلوا، نقلا عن مصادر طبية، مضيفا أن بينهم أطفالا."
    got = pairs(text)
    assert got[-1] == ("مضيفا", "مدير المرصد أحمد سالم")


@pytest.mark.parametrize(
    "text",
    [
        "عنوان\nوقال المدير أحمد سالم، رافضا ذكر اسمه في التقرير، إن العمل مستمر.",
        "عنوان\nويواجه الزعيم الذي يعتبر مقربا من الحكومة تحديا كبيرا.",
        "عنوان\nوقعت الحادثة التي نسب إلى الجماعة تنفيذها الأسبوع الماضي.",
        "عنوان\nوتولى منصور القيادة والذي أعلنه المجلس الأسبوع الماضي.",
        "عنوان\nيقدم البرنامج الذي يبث على شاشة التلفزيون كل مساء.",
        "أمريكا تشدد برنامج الإعفاء من التأشيرة\nقررت الحكومة تغيير البرنامج.",
    ],
)
def test_idioms_passive_senses_and_pronoun_contents_are_no_reports(text):
    """ذكر اسمه، الذي يعتبر/نسب (passive sense)، والذي أعلنه (pronoun content)، يبث على، تشدد (tighten)."""
    assert [r.cue for r in attributions(text) if r.cue not in ("وقال",)] == []


def test_shaddada_ala_is_still_a_report():
    """وشدد الوزير على أهمية ...: شدد with على reports."""
    assert [c for c, _ in pairs("عنوان\nوشدد الوزير أحمد سالم على أهمية التعاون.")] == ["وشدد"]


def test_participle_after_a_number_and_comma_is_a_cue():
    """… نسبة 15%، مشيرا أن …: a comma after the number makes مشيرا a participle, not a counted noun."""
    text = "قال رئيس اللجنة أحمد سالم إن النسبة تصل إلى 15%، مشيرا أن العمل مستمر."
    assert [c for c, _ in pairs(text)] == ["قال", "مشيرا"]


def test_broken_plural_sources_take_feminine_continuations():
    """وقالت after مصادر continues the sources (a non-human plural agrees as feminine singular)."""
    text = "قال الوزير أحمد سالم إن الخطة جاهزة. وأكدت مصادر مطلعة أن التوقيع قريب. وقالت إن الموعد لم يحدد."
    assert pairs(text)[-1] == ("وقالت", "مصادر مطلعة")


def test_jaa_fi_a_document_is_an_attribution_but_not_a_ranking():
    """وجاء في البيان أن ... reports the statement; جاء في المرتبة الأولى is a ranking."""
    got = attributions("عنوان\nقال الوزير إن الأمر مهم، وجاء في بيان الوزارة أن الأمن أولوية.")
    assert [(r.cue, r.speaker) for r in got][-1] == ("وجاء في", "بيان الوزارة")
    assert got[-1].content.startswith("أن الأمن")
    assert attributions("عنوان\nوجاء في المرتبة الأولى فريق المدينة.") == []


def test_plural_participle_noun_is_not_a_cue():
    """ضبط خمسة متهمين: a plural participle without a clause after it is a noun (defendants)."""
    text = "وقال مصدر أمني إن الشرطة ضبطت خمسة متهمين في الحي."
    assert [c for c, _ in pairs(text)] == ["وقال"]


def test_participle_after_an_impersonal_report_does_not_crash():
    """A participle cue after an impersonal report (no speaker) in the same sentence gives records, not StopIteration."""
    from arabic_news.rhetoric import attributions

    recs = attributions("أفيد بأن الاجتماع انتهى مساء أمس، مشيرا إلى أن اللجنة ستعود للانعقاد الأسبوع المقبل.")
    assert [r.cue for r in recs][:1] == ["أفيد"] and recs[0].speaker_id == ""
