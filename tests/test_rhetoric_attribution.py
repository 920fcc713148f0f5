"""Attribution: cues, speakers, coreference, content spans and the negatives the issue names."""

from __future__ import annotations

import pytest

from arabic_news import Article, read_article
from arabic_news.paths import project_root
from arabic_news.rhetoric import attributions, speakers_summary
from arabic_news.rhetoric._lexicon import load_table, rkey
from arabic_news.rhetoric.attribution import JSON_FIELDS, SOURCE_TYPES, STRENGTHS, Attribution, cue_forms

FIX = project_root() / "lib" / "arabic_news" / "data" / "gold" / "passages"
SEED = "seeds/iraq-nato-security-cooperation.txt"


def cues(text):
    return [(r.cue, r.entity) for r in attributions(text)]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("قال الوزير أحمد سالم إن الاتفاق قريب.", "قال"),
        ("وأكدت الوزيرة ليلى حسن أن الخطة جاهزة.", "وأكدت"),
        ("يؤكد الرئيس محمد علي أن الحوار مستمر.", "يؤكد"),
        ("وتؤكد وزارة الخارجية أن الموقف ثابت.", "وتؤكد"),
        ("فأضاف الوزير أحمد سالم أن التنفيذ سيبدأ.", "فأضاف"),
        ("وأشارت مصادر مطلعة إلى أن المحادثات متعثرة.", "وأشارت"),
        ("وأعرب رئيس الوزراء عن قلقه من التصعيد.", "وأعرب"),
        ("وزعم متحدث عسكري أن القوات تقدمت.", "وزعم"),
    ],
)
def test_verb_forms_are_cues(text, cue):
    """Perfect and imperfect reporting verbs, feminine forms, و/ف prefixes are cues."""
    assert [c for c, _ in cues(text)] == [cue]


@pytest.mark.parametrize(
    "text",
    [
        "ويأتي اللقاء بعد تأكيد الجانبين رفضهما للتهجير.",  # verbal noun تأكيد
        "وجاء ذلك في إشارة إلى الخلافات السابقة.",  # verbal noun إشارة
        "ناقش الوزير أحمد سالم خطة التعاون.",  # action verb
        "وبحث الجانبان سبل التعاون، وتناول اللقاء الملفات الإقليمية.",  # action verbs
        "والتقى الرئيس محمد علي نظيره في باريس.",  # action verb
        "وقد يعلن الوزير أحمد سالم موقفه غدا.",  # qad + imperfect: not (yet) said
        "ومن المتوقع أن يعلن الرئيس محمد علي القرار.",  # an + subjunctive
        "ولم يقل الوزير شيئا عن الموضوع.",  # negated (and not a cue form)
        "ويذكر أن المحادثات انطلقت في مايو.",  # passive formula yudhkaru anna
    ],
)
def test_negatives_are_not_attributions(text):
    """Verbal nouns, action verbs, qad + imperfect, subjunctives and يذكر أن are not attributions."""
    assert attributions(text) == []


def test_qad_perfect_is_an_attribution():
    """قد + perfect (قد أكد "has indeed stressed") is still a reported statement."""
    assert [c for c, _ in cues("وقد أكد الرئيس محمد علي أن الدولة مستعدة.")] == ["أكد"]


def test_said_inside_a_quotation_is_not_a_new_attribution():
    """قال inside the outer speaker's quotation is not a second attribution."""
    text = "وقال الوزير أحمد سالم: «كما قال أحد الحكماء، لا غالب ولا مغلوب»."
    recs = attributions(text)
    assert [r.cue for r in recs] == ["وقال"]
    assert recs[0].content.startswith("«") and recs[0].content.endswith("»")


def test_participle_resolves_to_the_sentence_speaker():
    """A circumstantial participle (مشيرًا) takes the speaker of its sentence, with or without tanween."""
    for part in ("مشيرًا", "مشيرا"):
        recs = attributions(f"وقال الوزير أحمد سالم إن الاتفاق مهم، {part} إلى أن التنفيذ قريب.")
        assert [r.cue for r in recs] == ["وقال", part]
        assert recs[1].implicit and recs[1].speaker_id == recs[0].speaker_id
        assert recs[1].speaker == "الوزير أحمد سالم"


def test_coreference_full_name_surname_title():
    """Full name, later surname and later title (الوزير) share one speaker_id."""
    text = (
        "أكد وزير الخارجية أحمد سالم أن الحوار مستمر. وأشار سالم إلى أن الوفد جاهز. "
        "وأوضح الوزير أن الاتفاق قريب. وقالت مصادر مطلعة إن التوقيع مؤجل."
    )
    recs = attributions(text)
    assert [r.speaker_id for r in recs] == ["S1", "S1", "S1", "S2"]
    assert [r.source_type for r in recs] == ["named_person"] * 3 + ["anonymous_collective"]


def test_implicit_speaker_after_wa_adafa():
    """وأضاف with no new subject resolves to the previous speaker; span points at the antecedent."""
    text = "قال الوزير أحمد سالم إن الاتفاق قريب. وأضاف أن التوقيع الأسبوع المقبل."
    recs = attributions(text)
    assert recs[1].implicit and recs[1].speaker_id == recs[0].speaker_id
    assert text[recs[1].speaker_start : recs[1].speaker_end] == "الوزير أحمد سالم"


def test_dual_verb_after_two_people():
    """A dual verb after two named people gives one record per person."""
    text = "والتقى الرئيس محمد علي المستشار أولاف شولتس في برلين، وأكدا دعمهما للحوار."
    recs = attributions(text)
    assert [r.cue for r in recs] == ["وأكدا", "وأكدا"]
    assert {r.entity for r in recs} == {"الرئيس محمد علي", "المستشار أولاف شولتس"}


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("وبحسب مصادر مطلعة، فإن الاتفاق قريب.", "مصادر مطلعة"),
        ("ووفقًا لتقارير محلية، نزح الآلاف.", "تقارير محلية"),
        ("ووفقا لـ وزارة الصحة، ارتفع عدد الإصابات.", "وزارة الصحة"),
        ("وقالت الحكومة، نقلًا عن مصدر رسمي، إن الوضع مستقر.", None),
        ("وجاء على لسان الوزير أحمد سالم أن الوفد جاهز.", "الوزير أحمد سالم"),
    ],
)
def test_prepositional_sources(text, speaker):
    """بحسب، وفقًا لـ (joined or with tatweel)، نقلًا عن، على لسان introduce a source."""
    recs = attributions(text)
    if speaker is None:
        assert any(r.cue_kind == "preposition" for r in recs)
    else:
        r = next(r for r in recs if r.cue_kind == "preposition")
        assert r.speaker == speaker
        assert text[r.speaker_start : r.speaker_end] == speaker


def test_relay_gives_agency_and_original_speaker():
    """نقلت وكالة X عن Y: one record for the agency, one (cue عن) for the original speaker."""
    text = "نقلت وكالة رويترز عن مصدر دبلوماسي قوله إن الاتفاق قريب."
    recs = attributions(text)
    assert [(r.cue, r.source_type) for r in recs] == [("نقلت", "news_agency"), ("عن", "anonymous_collective")]
    assert recs[1].speaker == "مصدر دبلوماسي"
    assert recs[0].content.startswith("إن")


def test_offsets_index_the_article_text():
    """Every cue, speaker and content span indexes Article.text (headline included)."""
    art = read_article(SEED)
    recs = attributions(art)
    assert recs[0].cue_start < art.body_start  # the headline's يؤكد
    for r in recs:
        assert art.text[r.cue_start : r.cue_end] == r.cue
        assert art.text[r.content_start : r.content_end] == r.content
        if not r.implicit:
            assert art.text[r.speaker_start : r.speaker_end] == r.speaker
        assert r.source_type in SOURCE_TYPES and r.strength in STRENGTHS


def test_seed_article_golden():
    """The seed article: speakers, ids and cue strengths as annotated by hand."""
    recs = attributions(read_article(SEED))
    got = [(r.cue, r.speaker_id, r.source_type, r.strength) for r in recs]
    assert got == [
        ("يؤكد", "S1", "institution_document", "assertive"),
        ("أكد", "S2", "named_person", "assertive"),
        ("وأوضح", "S3", "institution_document", "neutral"),
        ("ونقلته", "S4", "news_agency", "neutral"),
        ("وبحسب", "S3", "institution_document", "neutral"),
        ("وشدد", "S2", "named_person", "assertive"),
        ("وأكد", "S2", "named_person", "assertive"),
        ("وأشار", "S2", "named_person", "neutral"),
        ("مؤكدًا", "S2", "named_person", "assertive"),
        ("أشاد", "S5", "office_title", "evaluative"),
        ("مشيرًا", "S5", "office_title", "neutral"),
        ("وأعرب", "S5", "office_title", "evaluative"),
        ("ويؤكد", "S6", "anonymous_collective", "assertive"),
    ]
    assert "الشمري" in recs[1].entity and recs[6].speaker == "الوزير"


def test_fixture_gold_recall_and_precision():
    """Every hand-annotated split: the lab's rules find >= 90% of the gold pairs and beat the baseline."""
    from arabic_news.rhetoric.evaluate import evaluate_fixtures

    rows = evaluate_fixtures()
    lab = {r["split"]: r for r in rows if r["system"] == "lab rules"}
    base = {r["split"]: r for r in rows if r["system"] != "lab rules"}
    assert set(lab) >= {"dev", "heldout"}
    for split, r in lab.items():
        assert r["precision"] >= 0.9 and r["recall"] >= 0.9, split
        assert r["f1"] > base[split]["f1"] + 0.3, split


def test_score_is_one_to_one():
    """One prediction matches at most one gold record and vice versa."""
    from arabic_news.rhetoric.evaluate import score

    gold = [(0, 4, "سالم"), (0, 4, "شولتس")]
    assert score(gold, [(0, 4, "أحمد سالم"), (0, 4, "أحمد سالم")]) == (1, 2, 2)
    assert score(gold, [(0, 4, "أحمد سالم"), (0, 4, "أولاف شولتس")]) == (2, 2, 2)


def test_cue_lexicon_is_clean():
    """No action verb is also a cue; every cue verb has a known strength class."""
    forms = cue_forms()
    for row in load_table("action_verbs"):
        assert rkey(row[0]) not in forms, row[0]
    for row in load_table("cue_verbs"):
        assert row[2] in STRENGTHS, row


def test_speakers_summary_groups_by_speaker():
    """speakers_summary: one row per speaker_id with counts, cue lemmas and strengths."""
    rows = speakers_summary(read_article(SEED))
    by = {r["speaker_id"]: r for r in rows}
    assert by["S2"]["n"] == 5 and by["S2"]["strengths"]["assertive"] == 4
    assert set(by["S2"]["mentions"]) >= {"الشمري", "الوزير"}


def test_to_dict_has_the_documented_fields():
    """Attribution.to_dict has exactly the CLI fields plus strength and implicit."""
    r = attributions("قال الوزير أحمد سالم إن الاتفاق قريب.")[0]
    assert isinstance(r, Attribution)
    assert list(r.to_dict()) == list(JSON_FIELDS) + ["strength", "implicit"]


def test_bad_input_is_a_clear_error():
    """A non-text argument raises TypeError naming the type."""
    with pytest.raises(TypeError, match="Article or str"):
        attributions(42)


def test_article_and_string_agree():
    """attributions(Article) and attributions(article.text) give the same records."""
    art = Article.from_text("عنوان الخبر هنا\nقال الوزير أحمد سالم إن الاتفاق قريب.")
    assert attributions(art) == attributions(art.text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative clause after a speaker: the antecedent is the speaker
        ("وقال رئيس الوزراء أحمد سالم، الذي أكد أن الاتفاق قريب، إن الوفد جاهز.", [("وقال", "S1"), ("أكد", "S1")]),
        # a relative clause after a thing: not a report
        ("ورفع المتظاهرون اللافتات التي تدعو إلى إسقاط الحكومة.", []),
        # a noun that looks like a perfect verb (كشف حساب "statement of account")
        ("وطالب الوزير أحمد سالم بتقديم كشف حساب للشعب.", [("وطالب", "S1")]),
    ],
)
def test_relatives_and_noun_lookalikes(text, expected):
    """Relative clauses take their antecedent as speaker only when it is a speaker; نكشف حساب-type nouns are skipped."""
    assert [(r.cue, r.speaker_id) for r in attributions(text)] == expected


@pytest.mark.parametrize(
    "text, source_type",
    [
        ("وأعرب الصليب الأحمر عن قلقه.", "institution_document"),
        ("وقال متسلقون إن الثلوج كثيفة.", "anonymous_collective"),
        ("واتهم رئيس هيئة شؤون الأسرى عيسى قراقع الاحتلال بالتصعيد.", "named_person"),
        ("وقال رئيس هيئة شؤون الأسرى إن الأوضاع صعبة.", "office_title"),
        ("وقال مسؤول روسي إن الأوضاع صعبة.", "anonymous_collective"),
    ],
)
def test_source_type_heuristics(text, source_type):
    """Definite noun + adjective = institution; plural -ون = group; a construct chain makes a title definite."""
    assert attributions(text)[0].source_type == source_type


def test_dateline_is_not_a_speaker():
    """A dateline (القاهرة - قال ...) is not a subject-verb speaker."""
    recs = attributions("القاهرة - قال مصدر أمني إن الوضع مستقر.")
    assert [(r.cue, r.speaker) for r in recs] == [("قال", "مصدر أمني")]


def test_headline_subject_verb_and_cataphora():
    """A headline 'X يتهم ...' is an attribution; the later full name shares X's id."""
    text = "سعيد يتهم أطرافا بالتآمر\nواتهم الرئيس التونسي قيس سعيد أطرافا لم يسمها بالتآمر."
    recs = attributions(text)
    assert [r.cue for r in recs] == ["يتهم", "واتهم"]
    assert recs[0].speaker_id == recs[1].speaker_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("نلوم دعاة تجديد الخطاب، إضافة إلى صور نادرة.", []),  # دعاة / إضافة: ta marbuta nouns, not verb + pronoun
        ("ووصفه الوزير أحمد سالم بأنه مهم.", [("ووصفه", "الوزير أحمد سالم")]),  # verb + object pronoun
        # (round 5: "وهو ما أكده الوزير" is no statement -- its content is only the pronoun, gold README)
        ("وأشار إلى أن العدد يبلغ سبعة مليارات.", []),  # بلغ "amount to" is not a cue; no antecedent
        ("قال وهو يبتسم: أنا متفائل.", []),  # a pronoun is not a speaker phrase (and there is no antecedent)
        ("وقال رئيس الشركة هوارد شولتز في بيان صحفي إن الأرباح ارتفعت.", [("وقال", "رئيس الشركة هوارد شولتز")]),
    ],
)
def test_more_negatives_and_boundaries(text, expected):
    """Ta marbuta look-alikes, non-cue homographs, pronouns and في بيان end or reject a speaker phrase."""
    assert [(r.cue, r.speaker) for r in attributions(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # وفقًا لما + verb: the verb carries the attribution
        ("ووفقا لما ذكرته الصحف، فإن اللاعب خضع للفحص.", [("ذكرته", "الصحف")]),
        # قال لـ"outlet" + speaker
        (
            'وقال لـ"الاقتصادية" عبدالمنعم الشهري وكيل وزارة العمل، إن الوزارة نجحت.',
            [("وقال", "عبدالمنعم الشهري وكيل وزارة العمل")],
        ),
        # honorific pronoun سموه resolves to the antecedent; a definite object after a full name is cut
        ("رأس الأمير محمد بن نايف الجلسة. وقال سموه إن التفجير إرهابي.", [("وقال", "الأمير محمد بن نايف")]),
        # passive "is considered" with a demonstrative
        ("وتعتبر تلك الزيارة هي الأولى.", []),
    ],
)
def test_gulf_press_constructions(text, expected):
    """Constructions seen in Saudi/Gulf press: وفقًا لما، قال لـ"…" فلان، سموه، تُعتبر + demonstrative."""
    assert [(r.cue, r.entity) for r in attributions(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وأفاد بيان لمجلس الوزراء بأن الموافقة صدرت.", [("وأفاد", "بيان لمجلس الوزراء")]),  # a head starting with ب
        (
            'أكد وزير الحرب "الإسرائيلي" إيهود باراك أن المحادثات متعثرة. وقال باراك إن التقدم ممكن.',
            [("أكد", "S1"), ("وقال", "S1")],
        ),  # a quoted one-word adjective inside the name phrase
        (
            "وقال عضو اللجنة عبد الحكيم حمزة إن التصريحات خطرة، ويشير لوجود تدخلات. وقال نحن نعتبره مؤسفا.",
            [("وقال", "S1"), ("ويشير", "S1"), ("وقال", "S1")],
        ),  # ل-phrases and pronouns are not subjects
    ],
)
def test_phrase_boundaries_from_wire_copy(text, expected):
    """Speaker-phrase boundaries seen in wire copy: heads in ب-, quoted adjectives, ل-phrases, pronouns."""
    got = [(r.cue, r.speaker if not expected[0][1].startswith("S") else r.speaker_id) for r in attributions(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # كان + unknown body + قد + perfect
        ("وكانت نقابة أصحاب المحطات قد طالبت الحكومة برفع الهامش.", [("طالبت", "نقابة أصحاب المحطات")]),
        # حسبما + perfect is not a noun look-alike
        ("وحسبما أفادت مصادر مصرية مطلعة، فإن الجولة تستمر.", [("أفادت", "مصادر مصرية مطلعة")]),
        # a plural verb with no subject takes the group earlier in its sentence
        ("في المقابل، شكك قياديون معارضون بدقة الأرقام، وقالوا إن خروقات سجلت.", [("وقالوا", "قياديون معارضون")]),
    ],
)
def test_kana_qad_hasabama_and_plural_groups(text, expected):
    """كان X قد + perfect, حسبما + perfect, and plural verbs resolved to a group in the same sentence."""
    assert [(r.cue, r.entity) for r in attributions(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a headline "X: …": the cue is the colon, the speaker the words before it
        ("البسامي: التستر في النقل كبير\nكشف رئيس اللجنة أن التستر كبير.", [(":", "البسامي"), ("كشف", "رئيس اللجنة")]),
        # passive and impersonal reports have no speaker
        ("وأُعلن عن موعد القمة.", [("وأُعلن", "")]),
        ("ويُعتقد أن المفاوضات ستستأنف قريبا.", [("ويُعتقد", "")]),
        # وفق / حسب with no source after them are not attributions
        ("وتم التنفيذ وفق المعايير المطلوبة.", []),
        ("وقال الوزير أحمد سالم إن الزوجين وصلا، حسب «رويترز».", [("وقال", "الوزير أحمد سالم"), ("حسب", "رويترز")]),
    ],
)
def test_gold_set_constructions(text, expected):
    """Headline X: …, impersonal passives, بحسب/وفق only before a source (conventions of the gold set)."""
    assert [(r.cue, r.speaker) for r in attributions(text)] == expected


def test_impersonal_and_fallback_records_carry_rule_and_confidence():
    """Impersonal records have source_type impersonal; antecedent fallbacks have confidence below 1."""
    recs = attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأضاف أن التوقيع قريب. وأُعلن عن موعد القمة.")
    assert [(r.rule, r.confidence < 1) for r in recs] == [
        ("explicit", False),
        ("antecedent", True),
        ("impersonal", False),
    ]
    assert recs[2].source_type == "impersonal" and recs[2].speaker_id == "" and "impersonal" in SOURCE_TYPES


def test_trailing_source_does_not_take_over_the_next_statement():
    """After "…، حسب رويترز" a following وأضاف still belongs to the main speaker."""
    recs = attributions("وقال الوزير أحمد سالم إن الزوجين وصلا، حسب «رويترز». وأضاف أن الألبوم عثر عليه.")
    assert [(r.cue, r.entity) for r in recs][-1] == ("وأضاف", "الوزير أحمد سالم")


def test_recurring_foreign_name_is_a_speaker():
    """A bare word that recurs in the article (a foreign company name) can be a subject after a cue."""
    text = "وأعلنت شركة سامسونج أنها ستصدر تحديثا. كما كشفت جوجل أيضا عن تحديثات. وأوضحت جوجل أن الأجهزة ستحصل عليها."
    assert ("كشفت", "جوجل") in [(r.cue, r.speaker) for r in attributions(text)]


def test_a_club_named_like_a_given_name_is_not_a_person_mention():
    """النصر (a club; نصر is a given name) in one sentence is not the speaker a later participle inherits:
    مشيرا takes its own sentence's subject, مدرب النصر."""
    text = (
        "فاز الهلال على النصر بهدفين مقابل هدف في الديربي.\n"
        "من جهته، أوضح مدرب النصر أن فريقه لم يستغل الفرص، مشيرا إلى أن الغيابات أثرت على الأداء."
    )
    recs = attributions(text)
    assert [(r.cue, r.speaker) for r in recs] == [("أوضح", "مدرب النصر"), ("مشيرا", "مدرب النصر")]


@pytest.mark.parametrize(
    "text, speaker, source_type",
    [
        # a title that itself begins with و/ف (وزير، فريق) is not "and + title": the phrase goes on
        ("وقال مساعد وزير الدفاع إن القوات جاهزة.", "مساعد وزير الدفاع", "office_title"),
        ("وقال مستشار وزير الخارجية الأمريكي إن بلاده ترفض التدخل.", "مستشار وزير الخارجية الأمريكي", "office_title"),
        ("أكد مدرب فريق الهلال جورج جيسوس أن الفريق جاهز.", "مدرب فريق الهلال جورج جيسوس", "named_person"),
        # ولي ends in ي but is a title in the construct chain, not a nisba adjective: the office is definite
        ("وقال نائب ولي العهد إن المملكة ماضية في الإصلاح.", "نائب ولي العهد", "office_title"),
    ],
)
def test_titles_beginning_with_waw_or_fa_keep_the_speaker_phrase(text, speaker, source_type):
    """Found in a sports article of my own: "مدرب فريق الهلال ..." was cut to "مدرب" (an anonymous group)."""
    recs = attributions(text)
    assert [(r.speaker, r.source_type) for r in recs] == [(speaker, source_type)]


def test_a_quotation_after_a_colon_is_the_content_with_every_sentence():
    """قال الرئيس في كلمته: «... . ...»: the content is the whole quotation, not its first sentence."""
    text = "قال الرئيس في كلمته: «إننا نمر بمرحلة صعبة. لكننا سنتجاوزها معاً». وأضاف أن الإصلاح مستمر."
    recs = attributions(text)
    assert recs[0].content == "«إننا نمر بمرحلة صعبة. لكننا سنتجاوزها معاً»"


def test_a_quoted_name_before_the_clause_is_skipped():
    """A newspaper's name in quotation marks between the speaker and إنّ is not the content."""
    recs = attributions("وقال الوزير في حديثه لصحيفة «الشرق الأوسط» إن المفاوضات مستمرة.")
    assert [(r.speaker, r.content) for r in recs] == [("الوزير", "إن المفاوضات مستمرة.")]
