"""Which cue forms in an article are reported statements (step 1 of attribution), and which person
mentions can serve as antecedents (step 2).

A cue form is not a report when it is negated or modal (لم/لن/قد + imperfect), passive or
impersonal (يذكر أن، وتعتبر تلك ...), a noun look-alike (كشف حساب), inside an embedded clause
(لأنهم يدعون) or a relative clause about a thing (اللافتات التي تدعو), or quoted.

>>> from arabic_news import Article
>>> from .chunker import Doc
>>> d = Doc(Article.from_text("وقد يعلن الوزير موقفه. وأكد الوزير أن الاتفاق قريب."))
>>> [d.toks[e[3][0]].text for e in cue_events(d)]
['وأكد']
"""

from __future__ import annotations

from functools import lru_cache

from .chunker import Doc
from .clauses import after_source_prep, match_prep, relative_antecedent, relative_is_subject, subject_before
from .cues import (
    COMPLEMENTISERS,
    Cue,
    ambiguous_cues,
    cue_conditions,
    cue_table,
    function_words,
    strip_article,
    strip_conjunction,
)
from .headlines import headline_events
from .nominal import nominal_cues

__all__ = ["cue_events", "mention_events", "headline_events", "is_report", "passive_vowel"]

_DAMMA = "\u064f"


def passive_vowel(text: str) -> bool:
    """Is the word written with the passive damma on its first letter (أُعلن، ذُكر، يُعتقد; after و/ف too)?

    >>> passive_vowel("أُعلن"), passive_vowel("وذُكر"), passive_vowel("أعلن")
    (True, True, False)
    """
    k = 2 if len(text) > 2 and text[0] in "وف" and text[1] != _DAMMA else 1
    return len(text) > k and text[k] == _DAMMA


# --- step 1: candidate cues ----------------------------------------------------------


def _cue_at(doc: Doc, i: int) -> tuple[Cue, str] | None:
    """The cue form at token i and its key (without و/ف when that is how it matched)."""
    t, forms = doc.toks[i], cue_table()
    cue, cue_key = forms.get(t.key), t.key
    if cue is None and strip_conjunction(t.key) != t.key:
        cue_key = strip_conjunction(t.key)
        cue = forms.get(cue_key)
    if cue is None and len(t.key) == 3 and t.key[0] in "وف":
        short = forms.get(t.key[1:])
        if short is not None and len(short.lemma) == 2:  # وحث: a doubled verb of two letters after و/ف
            cue_key, cue = t.key[1:], short
    if cue is None:
        return None
    amb = ambiguous_cues()
    if cue_key in amb and strip_conjunction(t.mkey) != amb[cue_key]:
        return None
    if cue.enclitic and t.mkey.endswith("ة"):
        return None  # دعاة "preachers", إضافة "addition": a ta marbuta, not the pronoun ـه
    return cue, cue_key


def is_report(doc: Doc, i: int, cue: Cue, cue_key: str) -> bool:
    """Is the cue form at token i a reported statement (not negated, modal, passive or a noun)?"""
    toks, n = doc.toks, len(doc.toks)
    prev = toks[i - 1].key if i > 0 and doc.sent_of[i - 1] == doc.sent_of[i] else ""
    nxt = toks[i + 1].key if i + 1 < n else ""
    neg = function_words("neg_before_impf")
    if cue.tense == "impf" and (prev in neg or strip_conjunction(prev) in neg):
        return False
    if (
        cue.tense == "impf"
        and prev in function_words("neg_coordinator")
        and i >= 3
        and doc.sent_of[i - 3] == doc.sent_of[i]
        and strip_conjunction(toks[i - 3].key) in neg
    ):
        return False  # "لم ينف أو يؤكد": the negation reaches the second verb (round 9)
    if cue.tense == "impf" and strip_conjunction(prev) in function_words("kana_impf"):
        return False  # كانوا يتوقعون: a past expectation, not a report
    if strip_conjunction(prev) in function_words("interrogative"):
        return False  # "ماذا قال X عن …": a question, not a report (round 7)
    if _conditional_clause(doc, i):
        return False  # "عما إذا كان الموقع قد كشف أسرارا": whether or if, not asserted (round 7)
    if strip_conjunction(prev) in ("ما", "مما") and cue.lemma in function_words("causative_after_ma_lemma"):
        return False  # "مما دعا جماعة … لاتهام تركيا": "which prompted", not a call (round 7)
    if cue.lemma == "رأى" and strip_conjunction(prev) in function_words("when_conjunction"):
        return False  # "عندما رأى أن المسجد لم يمتلئ": when he saw -- a perception, not a view (round 11)
    if _anonymity_formula(doc, i):
        return False  # "طلب عدم الكشف عن اسمه"، "رفض نشر اسمه": a source's anonymity, not a statement (round 13)
    bare_text = toks[i].text[1:] if toks[i].key != cue_key else toks[i].text
    if bare_text in function_words("naming_spelling") and not _clause_follows(doc, i):
        return False  # "ويدعى أحمد جريب"، "وتدعى السفينة (ميسان)": is named, not alleges (round 12)
    if _idiom(cue.lemma, nxt):
        return False  # كشف النقاب عن منتج "unveiled", ذكر اسمه "mention his name", يبث على "airs on"
    base_prev = strip_conjunction(prev)
    if cue.enclitic and not cue.takes_object and not after_source_prep(doc, i):
        return (
            False  # قاله is a cue only as "بحسب ما قاله مسؤول" (function_words enclitic_after_source_lemma; round 10)
        )
    if (
        cue.enclitic
        and (base_prev in function_words("relative") or (base_prev == "ما" and not after_source_prep(doc, i)))
        and not (cue.lemma in function_words("predicative_lemma") and nxt.startswith("ب"))
    ):
        return False  # "والذي أعلنه مجلس ..."، "وهو ما نفته مصادر": the content is only the pronoun
        # (but "الذين وصفهم بـ…" has one, and "بحسب ما نقلته الوكالة" is a prepositional source)
    if cue.enclitic and base_prev in ("امر", "الامر") and i >= 2 and toks[i - 2].key in ("وهو", "هو", "وهذا", "وهي"):
        return False  # "وهو أمر نفته وزارة الدفاع": as وهو ما نفته, the content is only the pronoun (round 10)
    if cue.lemma in function_words("passive_sense_lemma") and (
        base_prev in function_words("relative") or base_prev in ("ما", "حيث", "اذ")
    ):
        return False  # "الذي يعتبر مقربا"، "وهو ما اعتبر"، "الذي نسب إلى": passive sense, no speaker
    need = cue_conditions().get(cue.lemma)
    a_sent, _ = doc.sent_bounds(i)
    opens = i == a_sent and cue.lemma == "بين" and toks[i].key != cue_key and i + 1 < n
    if opens and doc.head_class(toks[i + 1].key) not in (None, "name"):
        need = None  # "وبين التقرير ...", "وبين الدكتور ...، نائب ...، أن": a sentence opens with the verb
    # a title right after the cue ("عبر الأمين العام ... عن"): the complement may come after a long phrase
    titled = i + 1 < n and doc.head_class(nxt) == "title" and not doc.gap(i + 1).strip()
    if need is not None and (after_source_prep(doc, i) or (cue.kind == "relay" and cue.enclitic)):
        need = None  # "بحسب ما نقلت الوكالة"، "ونقلته وكالة الأنباء": the verb reports (round 7)
    if need is not None and not _followed_by(doc, i, need, whole_clause=titled):
        return False  # بين "between", عبر "via": a cue only before a clause / with عن
    if cue.lemma in function_words("continuation_lemma") and _says_follows(doc, i):
        return False  # "وتابع الشيخ … يقول: …": the imperfect of قال is the cue (round 10)
    if cue.lemma in function_words("document_subject_lemma") and not _document_subject(doc, i):
        return False  # "وتضمن البرنامج زيارات": a programme includes; only a document says (round 7)
    if _author_formula(doc, i, cue):
        return False  # يذكر أن / يشار إلى أن: passive formula, no speaker
    if cue.tense == "impf" and cue.takes_object and nxt in function_words("demonstrative"):
        return False  # وتعتبر تلك الزيارة ...: passive "is considered", no speaker
    nxt2 = toks[i + 2].mkey if i + 2 < n else ""
    if (
        cue.tense == "perf"
        and cue.takes_object
        and nxt in ("ذلك", "هذا")
        and not COMPLEMENTISERS.match(nxt2)
        and not (nxt == "هذا" and i + 2 < n and doc.head_class(toks[i + 2].key) not in (None, "name"))
    ):
        return False  # "أوضح ذلك مدير عام ...": the content is only "that" (a pronoun), no report
        # (but "وأوضح هذا المسؤول أن …": a demonstrative before a title is the subject; round 14)
    a0, _ = doc.sent_bounds(i)
    if cue.kind == "participle":
        k = _after_adverbial(doc, i + 1)  # "مشيرة في الوقت نفسه أنه …" (round 10)
        follows_clause = (toks[k].key if k < n else "") in function_words("fem_part_follower") or bool(
            COMPLEMENTISERS.match(toks[k].mkey if k < n else "")
        )
        if cue.person in ("f", "pl") and not follows_clause:  # متهمين "defendants": a noun unless a clause follows
            return False
        if i > 0 and not any(c in doc.gap(i) for c in "،,") and any(c.isdigit() for c in doc.gap(i) + toks[i - 1].text):
            return False  # "68 متهما": a counted noun, not a participle (but "… 15%، مشيرا" is one)
        # a participle needs a clause before it in its sentence, or opens one with أن/إلى (a new paragraph)
        return i - a0 >= 3 or (i == a0 and follows_clause)
    no_gap = i > a0 and not doc.gap(i).strip()  # any punctuation or symbol before the cue is a boundary
    relatives = function_words("relative")
    if (
        cue.kind == "verb"
        and cue.tense == "perf"
        and cue_key == toks[i].key
        and no_gap
        and prev not in function_words("perf_preceder") | relatives
        and not (prev.endswith("ما") and len(prev) >= 4)
        and not COMPLEMENTISERS.match(toks[i - 1].mkey)
        and subject_before(doc, i, a0) is None
        and not (i + 1 < n and doc.head_class(nxt) not in (None, "name"))
        and not (i + 1 < n and _nominative_plural(doc, i + 1))
        and not (cue.lemma not in cue_conditions() and prev != "عدم" and _clause_follows(doc, i))
        and not _after_topic(doc, i, a0)
    ):
        return False  # "بتقديم كشف حساب": a noun that looks like a perfect verb (unless a source follows)
    if (
        cue.kind == "verb"
        and cue.tense == "impf"
        and no_gap
        and COMPLEMENTISERS.match(toks[i - 1].mkey)
        and toks[i - 1].key not in ("ان", "وان", "فان")
    ):
        return False  # "لأنهم يدعون": an embedded clause with a pronoun subject, not a report
    if (
        cue.kind in ("verb", "relay")
        and no_gap
        and prev in relatives
        and relative_is_subject(prev, cue)
        and not _source_after_resumptive(doc, i, cue)
        and not relative_antecedent(doc, i - 1, a0)
    ):
        return False  # "اللافتات التي تدعو": a thing, not a speaker
    if prev in relatives and nxt in function_words("pronoun_pp") and _own_preposition(nxt, cue):
        return False  # "البيانات التي تطالب بها الجهات": what is demanded is only the pronoun (round 10)
    if prev in relatives and nxt in function_words("about_it"):
        return False  # "الاتفاق الذي أعلن عنه": announced (passive sense), not a report
    if (
        cue.kind == "verb"
        and i >= 2
        and doc.sent_of[i - 2] == doc.sent_of[i]
        and prev.startswith("ال")
        and COMPLEMENTISERS.match(toks[i - 2].mkey)
        and doc.head_class(prev) is None
        and not any(c in doc.gap(i) + doc.gap(i - 1) for c in '،,:«"“')
    ):
        return False  # "أن التحريات كشفت ...": the verb's subject is a thing, not a speaker
    if (
        cue.kind == "verb"
        and cue.tense == "impf"
        and no_gap
        and i - a0 >= 2
        and doc.head_class(prev) is None
        and not doc.is_stop(prev, toks[i - 1].mkey)
        and prev not in function_words("perf_preceder") | function_words("sv_opener") | relatives
        and not COMPLEMENTISERS.match(toks[i - 1].mkey)
        and subject_before(doc, i, a0) is None
        and not _subject_follows(doc, i)
        and not _continued_by(doc, i, a0)
    ):
        return False  # "هذا الأسلوب يؤكد أنهم ...": a thing as subject -- an inference, not a report
    return True


def _subject_follows(doc: Doc, i: int) -> bool:
    """Does a subject follow the imperfect at i right away (VSO): a known source or title, a sound
    plural in -ون, or أحد/بعض + a noun ("وبعد سيرهم يدعي أحد الركاب …", round 7)?"""
    n = i + 1
    if n >= len(doc.toks) or doc.sent_of[n] != doc.sent_of[i] or doc.gap(n).strip():
        return False
    key = doc.toks[n].key
    return (
        doc.head_class(key) not in (None, "name")
        or _nominative_plural(doc, n)
        or strip_conjunction(key) in function_words("partitive")
    )


def _conditional_clause(doc: Doc, i: int) -> bool:
    """Is the cue at i the verb of a clause opened by إذا/لو ("if, whether"): right after it (وإذا قال …),
    or as "إذا كان X قد + cue" with no punctuation between (عما إذا كان الموقع قد كشف أسرارا)?  Not a
    main verb after such a clause (ما إذا كان سيترشح … قال مارادونا: no قد before it)."""
    a, _ = doc.sent_bounds(i)
    cond = function_words("conditional")
    if i > a and strip_conjunction(doc.toks[i - 1].key) in cond:
        return True
    if i < a + 3 or doc.toks[i - 1].key not in function_words("qad"):
        return False
    for n in range(i - 2, max(a, i - 9) - 1, -1):
        if any(c in doc.gap(n + 1) for c in '،,;؛:.!?()«»"“”'):
            return False
        if doc.toks[n].key in function_words("kana") and n > a and strip_conjunction(doc.toks[n - 1].key) in cond:
            return True
    return False


def _document_subject(doc: Doc, i: int) -> bool:
    """Is the subject of the verb at i a document (``function_words`` ``document_head``): before it
    (أن البيان تضمن، أن الفتوى تتضمن) or right after it (وتتضمن الفتوى الحكم ...)?"""
    heads = function_words("document_head")
    a, b = doc.sent_bounds(i)
    sv = subject_before(doc, i, a)
    n = sv[0] if sv is not None else i + 1
    if sv is None and (n >= b or doc.gap(n).strip()):
        return False
    return strip_article(strip_conjunction(doc.toks[n].key)) in heads


def _own_preposition(key: str, cue: Cue) -> bool:
    """Is ``key`` (a preposition with a pronoun: بها، عنه) the cue's own complement preposition?"""
    return key[:1] in cue.complements or key[:2] in cue.complements


def _source_after_resumptive(doc: Doc, i: int, cue: Cue) -> bool:
    """ "الوقت الذي يطالب فيه أعضاء …": a pronoun phrase after the cue, then a source (its subject).
    Not "الاتفاق الذي يرى فيه خطرا" (no source follows: a perception about a thing), nor "البيانات التي
    تطالب بها الجهات" (the cue's own preposition: what is demanded is only the pronoun; round 10)."""
    toks, j = doc.toks, i + 2
    if j >= len(toks) or toks[i + 1].key not in function_words("pronoun_pp") or doc.sent_of[j] != doc.sent_of[i]:
        return False
    if _own_preposition(toks[i + 1].key, cue):
        return False
    return doc.head_class(toks[j].key) is not None or doc.is_name_like(j)


def _idiom(lemma: str, nxt: str) -> bool:
    """Is the cue verb + the next word an idiom (function_words ``idiom_object``, column 3 a lemma or "*")?"""
    from ._lexicon import load_table, rkey

    return any(
        r[1] == "idiom_object" and rkey(r[0]) == nxt and (len(r) < 3 or r[2] in ("*", lemma))
        for r in load_table("function_words")
    )


def _nominative_plural(doc: Doc, n: int) -> bool:
    """Is token n a definite or bare sound masculine plural in -ون (المعلمون، متظاهرون)?  Right after a
    perfect verb it is the verb's subject, a group of people, so the verb is no noun look-alike (round 7,
    as the subject rule of round 6)."""
    t = doc.toks[n]
    bare = strip_article(strip_conjunction(t.key))
    return len(bare) >= 5 and bare.endswith("ون") and not doc.is_stop(t.key, t.mkey) and not doc.is_verb(t.key)


def _clause_follows(doc: Doc, i: int) -> bool:
    """Does a short phrase after the verb at i end in إن/أن, a colon or a quotation ("وفي بيروت قال
    مفتي الجمهورية إن ...")?  Then the verb reports, whatever opened the sentence."""
    _, b = doc.sent_bounds(i)
    for n in range(i + 1, min(b, i + 9)):
        g = doc.gap(n)
        if ":" in g and (n > i + 1 or g.strip() == ":"):
            return True  # "وعن التنسيق قال: إن ...": a colon right after the verb opens its quotation
        if n > i + 1 and any(c in g for c in '«"“'):
            return True
        if any(c in g for c in "،,;؛.!?"):
            return False
        if doc.is_verb(doc.toks[n].key):
            return False
        if n > i + 1 and doc.toks[n].key in ("ان", "إن", "أن", "بان", "بأن", "انه", "إنه", "أنه", "انها", "أنها"):
            return True
        if COMPLEMENTISERS.match(doc.toks[n].mkey) and doc.toks[n].key[:1] == "ب":
            return True  # "أفاد بأنه …": a بأن clause, right after the verb too (round 7)
    return False


def _anonymity_formula(doc: Doc, i: int) -> bool:
    """Is the cue at i followed by (عدم) + a verbal noun of disclosing (``anonymity_verb``) + (عن) + اسم/هوية
    with a pronoun ("طلب عدم الكشف عن اسمه"، "رفض نشر اسمه"، "فضل عدم ذكر هويته")?"""
    toks, n = doc.toks, i + 1
    if n < len(toks) and toks[n].key == "عدم":
        n += 1
    if n >= len(toks) or toks[n].key not in function_words("anonymity_verb"):
        return False
    n += 1
    if n < len(toks) and toks[n].key == "عن":
        n += 1
    return n < len(toks) and toks[n].key.startswith(("اسم", "هوي")) and toks[n].key.endswith(("ه", "ها", "هم"))


def _after_topic(doc: Doc, i: int, a0: int) -> bool:
    """Is the verb at i the first verb after a fronted topic that opens its sentence, with a clause right
    after it ("وعن الأسعار أوضح أنها …"، "وحول التمويل أكد أن …"; function_words ``topic_opener``; round 12)?"""
    toks = doc.toks
    opener, topics = toks[a0].key, function_words("topic_opener")
    if (
        not (2 <= i - a0 <= 6)
        or i + 1 >= len(toks)
        or not (opener in topics or opener[1:] in topics and opener[0] in "وف")
    ):
        return False  # (وعن: و is not stripped from a three-letter word by strip_conjunction)
    if any(doc.is_verb(toks[n].key) for n in range(a0 + 1, i)) or doc.gap(i + 1).strip():
        return False
    return bool(COMPLEMENTISERS.match(toks[i + 1].mkey))


def _followed_by(doc: Doc, i: int, need: tuple[str, ...], *, whole_clause: bool = False) -> bool:
    """Does one of ``need`` (keys; "أن" = any complementiser, ":" = a colon, "«" = a quotation right
    after the cue) follow within ten words of the clause (anywhere in it with ``whole_clause``)?"""
    from ._lexicon import rkey

    keys = {rkey(w) for w in need if w not in ("أن", ":", "«", "ب#", "ب+")}
    _, b = doc.sent_bounds(i)
    if "«" in need and i + 1 < len(doc.toks) and any(c in doc.gap(i + 1) for c in '«"“'):
        return True  # وتابع «...»: a quotation opens right after the cue
    for n in range(i + 1, b if whole_clause else min(b, i + 11)):
        t = doc.toks[n]
        g = doc.gap(n)
        if ":" in need and ":" in g:
            return True
        if "أن" in need and g.strip() in ("،", ",") and COMPLEMENTISERS.match(t.mkey) and t.key[:1] not in "وف":
            return True  # "أظهر مسح، أن …": a comma after the subject, then the clause (round 9)
        if g.strip() in ("،", ",") and t.key in keys and t.key.startswith("عن"):
            return True  # "ونقلت وكالات أنباء روسية اليوم، عن ملحق …": a comma before the relayed source (round 10)
        date = t.text[:1].isdigit() and doc.toks[n - 1].key == "في"  # "أبلغ رويترز في 22 فبراير أن" (round 10)
        if any(c in g for c in "،,;؛.!?") or (t.text[:1].isdigit() and not date):
            return False  # within the same clause ("بين الرئيس والأمير، وأكد أن" is "between")
        if t.key in keys or strip_conjunction(t.key) in keys:
            return True
        if "أن" in need and COMPLEMENTISERS.match(t.mkey):
            return True
        if "ب#" in need and t.key == "ب" and n + 1 < b and doc.toks[n + 1].text[:1].isdigit():
            return True  # قدرت المصادر النسبة ب20%: an amount
        if "ب+" in need and _bi_verbal_noun(doc, n):
            return True  # وجه الأمير بإعداد دراسة: what is to be done
    return False


def _after_adverbial(doc: Doc, k: int) -> int:
    """Token k, or the token after an adverbial that may stand between a cue and its clause ("في الوقت نفسه",
    "أيضا", "كذلك"), with no punctuation around it."""
    toks, n = doc.toks, len(doc.toks)
    if k + 2 < n and toks[k].key == "في" and toks[k + 1].key == "الوقت" and toks[k + 2].key in ("نفسه", "ذاته"):
        step = 3
    elif k < n and toks[k].key in ("ايضا", "كذلك"):
        step = 1
    else:
        return k
    if any(doc.gap(q).strip() for q in range(k, k + step + 1) if q < n):
        return k
    return k + step


#: the imperfect of قال that a continuation verb hands its cue to, and what ends the clause of that scan
_SAYS = ("يقول", "تقول")
_CLAUSE_BREAK = '،,;؛:«"“.!?'


def _continued_by(doc: Doc, i: int, a0: int) -> bool:
    """Is the imperfect at i the يقول of "وتابع فلان يقول:" (a continuation verb earlier in its clause)?"""
    if strip_conjunction(doc.toks[i].key) not in _SAYS:
        return False
    conts = function_words("continuation_lemma")
    for n in range(i - 1, max(a0, i - 9) - 1, -1):
        if any(c in doc.gap(n + 1) for c in _CLAUSE_BREAK):
            return False
        form = _cue_at(doc, n)
        if form is not None and form[0].lemma in conts:
            return True
    return False


def _says_follows(doc: Doc, i: int) -> bool:
    """Does an imperfect of قال (يقول، تقول) follow token i before the clause ends (within ten words)?"""
    _, b = doc.sent_bounds(i)
    for n in range(i + 1, min(b, i + 11)):
        if any(c in doc.gap(n) for c in _CLAUSE_BREAK):
            return False
        if strip_conjunction(doc.toks[n].key) in _SAYS:
            return True
    return False


def _bi_verbal_noun(doc: Doc, n: int) -> bool:
    """Is token n ب on an indefinite word that is no source and no function word (بإعداد، بتقديم)?
    Not a word with a pronoun (بينهم "among them") nor a sound plural (باحثون): what is directed is a
    verbal noun in construct."""
    t = doc.toks[n]
    return (
        t.key.startswith("ب")
        and not t.key.startswith("بال")
        and not t.mkey.endswith(("ه", "ها", "هم", "هما", "هن", "كم", "ون", "ين"))
        and len(t.key) >= 4
        and not doc.is_stop(t.key, t.mkey)
        and doc.head_class(t.key) is None
        and not doc.is_verb(t.key)
    )


def _impersonal_at(doc: Doc, i: int) -> tuple[str, str] | None:
    """``(lemma, strength)`` of a passive report at token i: أفيد، أذيع، يُعتقد، or a cue verb written passive."""
    t = doc.toks[i]
    masdar = _passive_masdar(doc, i)
    if masdar is not None:
        return masdar, "neutral"
    if strip_conjunction(t.key) in function_words("impersonal_after_noun") and _after_indefinite_noun(doc, i):
        return strip_conjunction(t.key), "neutral"  # "طريق يعتقد أنه يضم …": believed (round 12)
    row = _impersonal_rows().get(strip_conjunction(t.key))  # the first impersonal row with this key
    if row is not None:
        if len(row) > 2 and row[2] == "damma" and not passive_vowel(t.text):
            return None
        nxt_tok = doc.toks[i + 1] if i + 1 < len(doc.toks) else None
        clause = nxt_tok is not None and COMPLEMENTISERS.match(nxt_tok.mkey) and nxt_tok.key[0] != "ف"
        if len(row) > 2 and row[2] == "before_an" and not clause:
            return None  # "مهما قيل": no clause, no report
        if len(row) > 2 and row[2].startswith("after_ma") and not passive_vowel(t.text):
            prev = doc.toks[i - 1].key if i > 0 and doc.sent_of[i - 1] == doc.sent_of[i] else ""
            nxt = doc.toks[i + 1] if i + 1 < len(doc.toks) else None
            if row[2] == "after_ma" and nxt is not None and COMPLEMENTISERS.match(nxt.mkey) and nxt.key[0] != "ف":
                return row[0], "neutral"  # وتردد أن ...: "it was rumoured that" (a clause, not "hesitated")
            nxt_key = nxt.key if nxt is not None else ""
            prev = strip_conjunction(prev)
            if not (prev.endswith("ما") and len(prev) <= 4) or (row[2] == "after_ma_b" and not nxt_key.startswith("ب")):
                return None  # تردد "hesitated", كما وصف الوزير ...: not the impersonal report
            if t.key != strip_conjunction(t.key) or doc.gap(i).strip():
                return None
        return row[0], "neutral"
    found = _cue_at(doc, i)
    if found is not None and found[0].kind == "relay" and found[0].person == "m" and found[0].tense == "perf":
        a0, _ = doc.sent_bounds(i)
        opens = i == a0 or (i == a0 + 1 and doc.gap(i).strip() == "")
        nxt = doc.toks[i + 1].key if i + 1 < len(doc.toks) else ""
        if passive_vowel(t.text) or (opens and nxt == "عن"):
            return found[0].lemma, found[0].strength  # نُقل عن فلان قوله / "ونقل عن فلان": relayed, no agent
    if found is not None and found[0].kind == "verb" and found[0].person == "f" and passive_vowel(t.text):
        return found[0].lemma, found[0].strength  # وأُعلنت حالة الطوارئ: the passive agrees with its object
    if _passive_attribution(doc, i, found):
        return found[0].lemma, found[0].strength  # "هجوم نسب إلى متمردين": attributed, with no agent
    if found is None or found[0].kind != "verb" or found[0].person != "m":
        return None
    cue = found[0]
    if passive_vowel(t.text):
        if _author_formula(doc, i, cue):
            return None  # يُذكر أن / يُشار إلى أن: the author's own formula, not a report (round 8)
        return cue.lemma, cue.strength
    a0, _ = doc.sent_bounds(i)
    nxt = doc.toks[i + 1].key if i + 1 < len(doc.toks) else ""
    if (
        cue.lemma in function_words("impersonal_lemma")
        and cue.tense == "perf"
        and found[1] == t.key  # no و/ف: not a continuation by the previous speaker
        and nxt == "عن"
        and i > a0
        and doc.head_class(doc.toks[i - 1].key) is None
        and subject_before(doc, i, a0) is None
    ):
        return cue.lemma, cue.strength  # "يوم الاثنين أعلن عن مؤشر ...": announced, no agent
    return None


def _after_indefinite_noun(doc: Doc, i: int) -> bool:
    """Does the word at i precede a clause (أن، في أن، بأن) and either open its clause with no conjunction
    (:func:`_opens_clause`) or follow an indefinite common noun or adjective of its sentence directly (no
    punctuation, no article, no source or name, no verb or function word)?"""
    toks = doc.toks
    if i + 1 >= len(toks):
        return False
    k = i + 1 + (toks[i + 1].key == "في" and i + 2 < len(toks))
    clause = bool(COMPLEMENTISERS.match(toks[k].mkey)) and toks[k].key[0] != "ف"
    bare = toks[i].key == strip_conjunction(toks[i].key)
    if clause and (_opens_clause(doc, i) if bare else i == doc.sent_bounds(i)[0]):
        return True  # "… . ويتوقع أن يعاني …"، "حيث يتوقع أن يصل …"، "إنه يعتقد أن …": no subject anywhere (round 13)
    if i == 0 or doc.sent_of[i - 1] != doc.sent_of[i] or doc.gap(i).strip():
        return False
    prev = toks[i - 1]
    if (
        strip_conjunction(prev.key).startswith("ال")
        or prev.key[:1] in "وف"
        or doc.is_stop(prev.key, prev.mkey)
        or doc.is_verb(prev.key)
        or doc.head_class(prev.key) is not None
        or doc.is_name_like(i - 1)
        or any(c.isdigit() for c in prev.text)
    ):
        return False
    return clause


def _opens_clause(doc: Doc, i: int) -> bool:
    """Does the word at i open its sentence, follow a comma, or follow حيث/إذ or the pronoun of state إنه?"""
    if i == 0 or doc.sent_of[i - 1] != doc.sent_of[i] or any(c in doc.gap(i) for c in "،,؛;:"):
        return True
    return doc.toks[i - 1].key in function_words("impersonal_opener")


def _author_formula(doc: Doc, i: int, cue: Cue) -> bool:
    """Is the imperfect at i the author's formula يذكر أن / يشار إلى أن (``passive_lemma`` +
    ``passive_follower``), vowelled or not?"""
    nxt = doc.toks[i + 1].key if i + 1 < len(doc.toks) else ""
    return (
        cue.tense == "impf"
        and cue.person == "m"
        and cue.lemma in function_words("passive_lemma")
        and nxt in function_words("passive_follower")
    )


@lru_cache(maxsize=1)
def _impersonal_rows() -> dict[str, tuple[str, ...]]:
    """Key -> the first ``impersonal`` row of ``function_words`` with that key (looked up once per token)."""
    from ._lexicon import load_table

    rows: dict[str, tuple[str, ...]] = {}
    for row in load_table("function_words"):
        if row[1] == "impersonal":
            rows.setdefault(_key(row[0]), row)
    return rows


def _passive_attribution(doc: Doc, i: int, found: tuple[Cue, str] | None) -> bool:
    """A perfect verb of attribution (نسب) with إلى right after it and no object pronoun: the unvowelled
    passive "was attributed to" (هجوم نسب إلى ...، هجمات نسبت إلى ...), which has no agent.  After a
    relative pronoun it stays a description, as before (``passive_sense_lemma``).

    >>> from arabic_news import Article
    >>> from .chunker import Doc
    >>> d = Doc(Article.from_text("قتل جنديان في هجوم نسب الى متمردين."))
    >>> [d.toks[k].text for k in range(len(d.toks)) if _passive_attribution(d, k, _cue_at(d, k))]
    ['نسب']
    """
    if found is None or found[0].kind != "verb" or found[0].tense != "perf" or found[0].enclitic:
        return False
    if found[0].person not in ("m", "f") or found[0].lemma not in function_words("passive_attribution_lemma"):
        return False
    if i > 0 and strip_conjunction(doc.toks[i - 1].key) in function_words("relative"):
        return False  # "الذي نسب إلى": a relative clause that only describes (passive_sense_lemma, round 2)
    nxt = doc.toks[i + 1] if i + 1 < len(doc.toks) and doc.sent_of[i + 1] == doc.sent_of[i] else None
    return nxt is not None and nxt.key == _key("إلى") and not doc.gap(i + 1).strip()


def _passive_masdar(doc: Doc, i: int) -> str | None:
    """The verbal noun of a report after تم/جرى/يتم (تم الإعلان عن، ما تم تداوله، تم تبليغه بـ): the
    periphrastic passive, a report with no agent.  Returns the noun as it is listed."""
    if i == 0 or doc.sent_of[i - 1] != doc.sent_of[i] or doc.gap(i).strip():
        return None
    prev = doc.toks[i - 1].key
    if prev not in function_words("passive_auxiliary") and strip_conjunction(prev) not in function_words(
        "passive_auxiliary"
    ):
        return None
    nxt = doc.toks[i + 1] if i + 1 < len(doc.toks) and doc.sent_of[i + 1] == doc.sent_of[i] else None
    if nxt is None or nxt.key in function_words("about_it"):
        return None  # "كما تم تداوله."، "سيتم الإعلان عنها": the content is only a pronoun
    row = _report_masdar(strip_article(doc.toks[i].key))
    if row is None:
        return None
    if (
        nxt.key in (_key("عن"), _key("من"), _key("على"))
        or nxt.key.startswith("ب")
        or COMPLEMENTISERS.match(nxt.mkey)
        or (nxt.key in function_words("masdar_content_prep") and _after_ma(doc, i - 1))  # ما تم تداوله حول …
        or (len(row) > 2 and row[2] == "informs")  # وتم مخاطبة الوزارة وإبلاغها بـ…: the person informed first
    ):
        return row[0]
    return None  # "وهو ما تم تداوله خلال اليومين": no content follows


def _after_ma(doc: Doc, k: int) -> bool:
    """Is the auxiliary at k "ما تم" (or "ماتم")?  "ما تم تداوله عبر …" is what was said; "مقطع تم تداوله
    عبر …" is a video that circulated, with no content (round 8)."""
    if doc.toks[k].key.startswith("ما"):
        return True
    return k > 0 and doc.sent_of[k - 1] == doc.sent_of[k] and strip_conjunction(doc.toks[k - 1].key) == "ما"


@lru_cache(maxsize=1)
def _report_masdars() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(key, row)`` of every ``report_masdar`` of ``function_words``, in file order."""
    from ._lexicon import load_table

    return tuple((_key(r[0]), tuple(r)) for r in load_table("function_words") if r[1] == "report_masdar")


def _report_masdar(key: str) -> tuple[str, ...] | None:
    """The ``report_masdar`` row whose noun is ``key``, alone or with an object pronoun (تداوله، إفهامه)."""
    for k, row in _report_masdars():
        if key == k or (key.startswith(k) and key[len(k) :] in ("ه", "ها", "هم")):
            return row
    return None


def _key(word: str) -> str:
    from ._lexicon import rkey

    return rkey(word)


def cue_events(doc: Doc) -> list[tuple[int, int, str, tuple]]:
    """``(position, order, "prep"|"cue", payload)`` for every cue outside quotations."""
    events: list[tuple[int, int, str, tuple]] = []
    for i, t in enumerate(doc.toks):
        if doc.in_quote(t.start):
            continue
        pm = match_prep(doc, i)
        if pm is not None:
            events.append((t.start, 1, "prep", (i, *pm)))
            continue
        imp = _impersonal_at(doc, i)
        if imp is not None:
            events.append((t.start, 1, "impersonal", (i, *imp)))
            continue
        found = _cue_at(doc, i)
        if found is not None and is_report(doc, i, *found):
            events.append((t.start, 1, "cue", (i, found[0])))
        elif found is None and (cue := _saying_noun_cue(doc, i)) is not None:
            events.append((t.start, 1, "cue", (i, cue)))
    taken = {e[3][0] for e in events}
    for i, marker, strength in nominal_cues(doc):
        if i not in taken:
            events.append((doc.toks[i].start, 1, "nominal", (i, marker, strength)))
    return events


_SAYING_PERSON = {"ه": "m", "ها": "f", "هم": "pl"}


def _saying_noun_cue(doc: Doc, i: int) -> Cue | None:
    """ "By saying" (بقولها، بقوله، بقولهم: ``saying_after_verb``) after a verb that is no cue -- "واختتمت
    X حديثها بقولها: …"، "وعبرت إحدى المعلمات ضمن الهاشتاق بقولها …" -- reports like a participle: its
    speaker is the subject of the sentence (round 8).  After a cue verb the two become one record
    (``attribution._merge_saying``)."""
    t = doc.toks[i]
    if t.key not in function_words("saying_after_verb"):
        return None
    a0, _ = doc.sent_bounds(i)
    if i - a0 < 2:
        return None
    person = _SAYING_PERSON.get(t.key.rsplit("قول", 1)[-1], "m")
    return Cue(lemma="قال", strength="neutral", kind="participle", person=person, tense="part")


# --- step 2: person mentions outside cues (antecedents for implicit speakers) ---------


def mention_events(doc: Doc, cue_toks: set[int]) -> list[tuple[int, int, str, tuple]]:
    """Named persons mentioned anywhere (not at a cue, not quoted), as antecedent candidates."""
    lex, toks, events = doc.lex, doc.toks, []
    i = 0
    while i < len(toks):
        t = toks[i]
        if i in cue_toks or doc.in_quote(t.start):
            i += 1
            continue
        hc = doc.head_class(t.key)
        if hc == "name" and _adjective_use(doc, i):
            i += 1  # "امرأة جميلة"، "لأنها جميلة": a given name used as an adjective (round 7)
            continue
        if hc == "title" or (hc == "name" and strip_conjunction(t.key) not in lex["honor"]):
            _, b = doc.sent_bounds(i)
            j = doc.np_at(i, b, split_titles=True, max_len=8)
            if j > i:
                m = doc.mention(i, j)
                # a name inside the phrase counts unless it is an adjective there ("تزوج التاجر امرأة جميلة")
                named = any(k in lex["names"] and not _adjective_use(doc, i + q) for q, k in enumerate(m.keys))
                if named and t.key not in lex["src"]:
                    events.append((t.start, 0, "mention", (m,)))
                i = j
                continue
        i += 1
    return events


def _adjective_use(doc: Doc, i: int) -> bool:
    """Is the given name at token i used as an adjective or a predicate, not as a name?  Feminine after
    an indefinite feminine noun of its clause ("امرأة جميلة وذكية"، "فتاة جميلة"), or right after a copula
    or a complementiser with a pronoun ("لأنها جميلة"، "كانت جميلة"; ``function_words`` ``copula``)."""
    if i == 0 or doc.sent_of[i - 1] != doc.sent_of[i] or doc.gap(i).strip():
        return False
    t, prev = doc.toks[i], doc.toks[i - 1]
    if strip_conjunction(prev.key) in function_words("copula") or prev.key in function_words("copula"):
        return True
    return (
        t.mkey.endswith("ة")
        and prev.mkey.endswith("ة")
        and not strip_conjunction(prev.key).startswith("ال")
        and doc.head_class(prev.key) is None
        and not doc.is_stop(prev.key, prev.mkey)
        and not (i + 1 < len(doc.toks) and doc.head_class(doc.toks[i + 1].key) == "name" and not doc.gap(i + 1).strip())
    )
