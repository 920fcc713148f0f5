"""Where a statement's parts are, around a cue: subject before or after it, the content clause,
prepositional sources, relative clauses, action-verb subjects and plural groups.

Positional rules over a :class:`~arabic_news.rhetoric.chunker.Doc` (no parser); used by
:func:`arabic_news.rhetoric.attribution.attributions`.

>>> from arabic_news import Article
>>> from .chunker import Doc
>>> d = Doc(Article.from_text("الوزير يؤكد أن الاتفاق قريب"))
>>> subject_before(d, 1, 0)
(0, 1)
>>> d.text[slice(*content(d, 2, 1))]
'أن الاتفاق قريب'
"""

from __future__ import annotations

from bisect import bisect_left

from .chunker import Doc, Mention
from .coref import Entity, Resolver
from .cues import COMPLEMENTISERS, Cue, cue_table, function_words, prep_cues, strip_article, strip_conjunction

__all__ = [
    "content",
    "subject_before",
    "relative_antecedent",
    "relative_is_subject",
    "action_subject",
    "plural_group",
    "cut_object",
    "shrink_to_known",
    "strip_li",
    "match_prep",
    "after_source_prep",
    "quoted_name",
    "source_then_clause",
]


def content(doc: Doc, k: int, cue_tok: int) -> tuple[int, int]:
    """Content span from token k: a quotation, the أن-clause, or the rest up to the sentence end."""
    toks, text = doc.toks, doc.text
    _, b = doc.sent_bounds(cue_tok)
    sent_end_char = doc.sents[doc.sent_of[cue_tok]][1]
    # a quotation or colon right after
    search_from = toks[k - 1].end if k > 0 else 0
    for q0, q1 in doc.quotes:
        if search_from <= q0 < (toks[k].start if k < len(toks) else len(text)) + 1 and q0 < sent_end_char + 1:
            return q0, max(q1, min(sent_end_char, q1))
    for n in range(k, min(b, k + 12)):
        if doc.in_quote(toks[n].start):
            q, speech = _quotation_after(doc, search_from, toks[n].start)
            if speech:
                return q  # قال الرئيس في كلمته: «... . ...»: the whole quotation, every sentence of it
            if q is None:
                break  # a quotation that opened before the cue
            continue  # a quoted name (لصحيفة «الشرق الأوسط» إن ...): the clause comes after it
        if COMPLEMENTISERS.match(toks[n].mkey):
            return toks[n].start, _trim_end(doc.quotes, toks[n].start, sent_end_char)
    if k >= b:
        return -1, -1
    # skip a comma-delimited adverbial right after the speaker ("، اليوم الأربعاء،")
    if "،" in doc.gap(k) or "," in doc.gap(k):
        n = k
        stops = doc.lex["stops"]
        while (
            n < b
            and n - k < 5
            and doc.is_stop(toks[n].key)
            or (n < b and n > k and n - k < 5 and "،" not in doc.gap(n) and strip_article(toks[n].key) in stops)
        ):
            n += 1
        if n < b and n > k and ("،" in doc.gap(n) or "," in doc.gap(n)):
            k = n
    start = toks[k].start
    return start, _trim_end(doc.quotes, start, sent_end_char)


def _quotation_after(doc: Doc, search_from: int, at: int) -> tuple[tuple[int, int] | None, bool]:
    """``(quotation, is speech)`` for the quotation holding character ``at``: ``(None, False)`` when it
    opened before ``search_from``; speech when introduced by a colon or four words or more long (a
    quoted name -- صحيفة «الشرق الأوسط» -- is neither)."""
    q = next(((q0, q1) for q0, q1 in doc.quotes if q0 <= at < q1), None)
    if q is None or q[0] < search_from:
        return None, False
    start = lambda t: t.start  # tokens are in text order
    words = bisect_left(doc.toks, q[1], key=start) - bisect_left(doc.toks, q[0], key=start)
    return q, ":" in doc.text[search_from : q[0]] or words >= 4


def _trim_end(quotes: list[tuple[int, int]], start: int, end: int) -> int:
    """A quotation (``Doc.quotes``) that opens before ``end`` and closes after it extends the content."""
    for q0, q1 in quotes:
        if q0 < start:
            continue
        if q0 < end < q1:
            end = q1
        if q0 > end:
            break
    return end


def footer_headline_start(doc: Doc, a: int, i: int) -> int | None:
    """The first token after an outlet footer's label ("رابط الخبر بصحيفة …: X يعلن …") when the
    sentence at ``a`` is such a footer and the label's colon comes before token ``i``.  The rest of the
    line repeats the headline, so it reads like one."""
    from ._lexicon import load_table

    toks, text = doc.toks, doc.text
    line_end = text.find("\n", toks[a].start)
    line = text[toks[a].start : line_end if line_end != -1 else len(text)]
    labels = tuple(r[0] for r in load_table("function_words") if r[1] == "footer_label_start")
    colon = line.find(":")
    if not line.startswith(labels) or colon == -1:
        return None
    colon += toks[a].start
    k = next((n for n in range(a, i) if toks[n].start > colon), None)
    return k


_SOURCES = ("institution_document", "news_agency", "anonymous_collective")


def subject_before(doc: Doc, i: int, a: int) -> tuple[int, int] | None:
    """SVO subject: a recognised noun phrase between the sentence start (or كان) and the cue at i."""
    toks = doc.toks
    key = toks[i].key
    wa_verb = key[:1] in "وف" and key not in cue_table() and key[1:] in cue_table()
    if wa_verb and i > a and toks[i - 1].key[:1] == "و" and not doc.gap(i).strip():
        return None  # "… في سوريا والعراق وأشارت الصحيفة": a coordinated noun, then a new clause (round 11)
    footer = footer_headline_start(doc, a, i)
    if footer is not None:
        a = footer  # "رابط الخبر بصحيفة …: مايكروسوفت تعلن …" reads like the headline it repeats
    openers = function_words("sv_opener")
    k = i - 1
    if k >= a and toks[k].key in function_words("qad"):
        k -= 1
    if k < a:
        return None
    start = a
    wa_source = -1  # "… والأرقام تشير إلى …": a و-clause that opens with a source noun (round 6)
    for n in range(a, k + 1):
        if toks[n].key in openers:
            start = n + 1
        elif n > a and toks[n].key.startswith("و") and doc.head_class(strip_conjunction(toks[n].key)) in _SOURCES:
            start = wa_source = n
    kana = start > a and toks[start - 1].key in function_words("kana")
    if kana and toks[i - 1].key in function_words("qad") and start <= k and doc.head_class(toks[start].key):
        j = doc.np_at(start, k + 1, max_len=10)
        if j > start and not any(doc.is_verb(toks[n].key) for n in range(start, j)):
            return (start, j)  # "وكان السيناتور X، ديمقراطي من ...، قد أعلن": an apposition before قد
    if kana and start <= k and doc.head_class(toks[start].key) and not doc.gap(i).strip():
        j = doc.np_at(start, k + 1, max_len=10)
        if j == k + 1 and not any(doc.is_verb(toks[n].key) for n in range(start, j)):
            return (start, j)  # "وكان مسؤولو جهاز الإطفاء في كاليفورنيا ذكروا": the phrase reaches the cue (round 7)
    comp = start > a and COMPLEMENTISERS.match(toks[start - 1].mkey) is not None
    if start > k or k - start > (10 if kana or comp else 6):
        return None  # (وكانت قوات الدفاع الشعبي الجناح العسكري لحزب ... دانت: a long subject after كان)
    if start > a and toks[start - 1].key not in openers and start != wa_source:
        return None
    if start == wa_source and getattr(cue_table().get(strip_conjunction(toks[i].key)), "kind", "") == "relay":
        return None  # "ووسائل نقل خاصة": نقل "transport", not a relay with its own source
    marks = _name_quote_marks(doc, start, i)  # وكانت صحيفة "كاثيميريني" أفادت: a quoted name inside the subject
    if any(
        ch not in " \t" and p not in marks
        for n in range(start + 1, i + 1)
        for p, ch in enumerate(doc.text[toks[n - 1].end : toks[n].start], toks[n - 1].end)
    ):
        return None  # punctuation or a dateline dash ("القاهرة - قال ...") separates it from the cue
    if any(doc.is_verb(toks[n].key) for n in range(start, k + 1)):
        return None
    head = toks[start].key
    headline = (
        (doc.sent_of[i] == 0 or footer is not None) and "\n" in doc.text.strip() and start == a and k - start <= 2
    )
    kana_qad = start > a and toks[start - 1].key in function_words("kana") and toks[i - 1].key in ("قد", "وقد")
    idafa = (  # "إلا أن وكيل أعمال اللاعب أكد": after a complementiser, a noun + definite genitive chain
        start > a
        and COMPLEMENTISERS.match(toks[start - 1].mkey)
        and 1 <= k - start <= 3
        and toks[k].key.startswith("ال")
        and not toks[start].key.startswith("ال")
        and _plain_perfect_cue(toks[i].key)
    )
    # "أن بحاح دعا"، "لكن دريك قال": after an opener, a one-word name the article repeats
    lone_name = start > a and k == start and doc.is_name_like(start)
    # "أن سمو أمير منطقة مكة المكرمة وجه"، "أن إدارة نادي الهلال برئاسة الأمير … اعترضت": after a
    # complementiser, a phrase of several words that holds a title or a source and reaches the cue (round 7)
    titled = (
        comp
        and k > start
        and any(doc.head_class(toks[n].key) is not None for n in range(start, k + 1))
        and doc.np_at(start, k + 1, max_len=10) == k + 1
    )
    if (
        doc.head_class(head) is None
        and not headline
        and not (kana_qad and k - start <= 5)
        and not idafa
        and not lone_name
        and not titled
    ):
        return None  # (a headline "X يفعل ..." is subject-verb by convention, even for an unknown name)
    if any(
        doc.is_stop(toks[n].key, toks[n].mkey)
        and not (toks[n].key == "من" and n > start)
        and not (n > start and doc.head_class(toks[n - 1].key) == "title")  # المفتي العام، الأمين العام
        for n in range(start, k + 1)
    ):
        return None
    return (start, k + 1)


def _name_quote_marks(doc: Doc, start: int, i: int) -> set[int]:
    """Offsets of the marks of short quotations (one to three words) that lie between token ``start``
    and the cue at ``i``: a quoted name or outlet inside a subject phrase (صحيفة "كاثيميريني")."""
    toks = doc.toks
    # the marks may open before the subject's first word (وكانت "الاقتصادية" قد أشارت, round 7)
    lo, hi = (toks[start - 1].end if start > 0 else 0), toks[i].start
    out: set[int] = set()
    for q0, q1 in doc.quotes:
        if lo <= q0 and q1 <= hi and 1 <= len(doc.text[q0 + 1 : q1 - 1].split()) <= 3:
            out |= {q0, q1 - 1}
    return out


def _plain_perfect_cue(key: str) -> bool:
    """A perfect reporting verb that is not also a common word (بين "between")."""
    from .cues import cue_conditions

    cue = cue_table().get(key) or cue_table().get(strip_conjunction(key))
    return cue is not None and cue.tense == "perf" and cue.kind == "verb" and cue.lemma not in cue_conditions()


_RELATIVE_PERSON = (("relative_m", "m"), ("relative_f", "f"), ("relative_pl", "pl"), ("relative_du", "du"))


def relative_is_subject(rel_key: str, cue: Cue) -> bool:
    """Can the relative pronoun ``rel_key`` be the subject of the cue verb after it?

    Not when the verb carries an object pronoun (الذي وصفه: the relative is its object) or
    disagrees with the relative in person (التي قال إن ...: a feminine antecedent, a masculine verb).

    >>> from .cues import cue_table
    >>> relative_is_subject("التي", cue_table()["قال"]), relative_is_subject("الذي", cue_table()["قال"])
    (False, True)
    """
    if cue.enclitic:
        return False
    for cls, person in _RELATIVE_PERSON:
        if rel_key in function_words(cls):
            return cue.person == person
    return True


def relative_antecedent(doc: Doc, r: int, a: int) -> tuple[int, int] | None:
    """The speaker phrase before a relative pronoun at r (الوزير الذي أكد ...), if it is one."""
    k = r - 1
    best = None
    while k >= a and r - k <= 6:
        if k + 1 < r and any(c in doc.gap(k + 1) for c in '،,:;«"“()'):
            break
        if doc.head_class(doc.toks[k].key) is not None or (k == r - 1 and doc.is_name_like(k)):
            best = k  # (a foreign name right before الذي: وقال مورينيو الذي أكد)
        k -= 1
    return (best, r) if best is not None else None


def shrink_to_known(doc: Doc, res: Resolver, i: int, j: int) -> int:
    """ "ودعا غوتيريش مجلس الأمن": a known surname at the head ends where the known name ends."""
    head = strip_article(doc.toks[i].key)
    if doc.head_class(doc.toks[i].key) is not None:
        return j
    for e in res.entities:
        if e.kind != "person":
            continue
        ek = e.keys
        if head in ek:
            k = i
            while k < j and strip_article(doc.toks[k].key) in ek:
                k += 1
            return k
    return j


def action_subject(doc: Doc, res: Resolver, a: int, i: int, pos: int, *, register: bool = True):
    """The subject of an action verb earlier in the sentence ("التقى X ...، وأكد"), as an entity.

    With ``register=False`` only say whether there is one (True / None).
    """
    acts = doc.lex["actions"]
    for n in range(a, i):
        k = doc.toks[n].key
        if k in acts or strip_conjunction(k) in acts:
            j = doc.np_at(n + 1, i, split_titles=True, max_len=8)
            if j > n + 1 and doc.head_class(doc.toks[n + 1].key) is not None:
                if not register:
                    return True
                m = doc.mention(n + 1, j)
                return res.existing(m) or res.resolve(m, pos)
            return None
    return None


def cut_object(doc: Doc, i: int, j: int) -> int:
    """ "أكدت منظمة الصحة العالمية تسجيل ...": after a definite word, an indefinite word that is
    neither a name nor a title starts the verb's object, not the subject."""
    lex = doc.lex
    for k in range(i + 1, j):
        prev, key = doc.toks[k - 1].key, doc.toks[k].key
        if (
            prev.startswith(("ال", "وال", "لل"))
            and not key.startswith(("ال", "وال", "لل", "ب", "ل"))
            and key not in lex["names"]
            and doc.head_class(key) is None
        ):
            nxt = doc.toks[k + 1].key if k + 1 < j else ""
            if strip_article(prev) in lex["titles"]:
                if _object_after_title(prev, doc.toks[k].text, key, nxt):
                    return k
                continue
            if prev.startswith("لل"):  # "المركز الوطني للأرصاد هطول أمطار": only a verbal noun (round 10)
                if _verbal_noun_like(doc.toks[k].text, key):
                    return k
                continue
            masdar_like = len(key) >= 4 and (key[0] in "تام" or key.endswith("ه"))
            if masdar_like or nxt.startswith("ال") or k + 1 == j and len(key) >= 4:
                return k
    return j


def _fuul(key: str) -> bool:
    """The verbal-noun pattern fuʿūl of four letters (هطول، وصول، حصول، نزول; round 10)."""
    return len(key) == 4 and key[2] == "و" and key[3] not in "نه"


def _verbal_noun_like(word: str, key: str) -> bool:
    """A word (as written, and its key) that reads as a verbal noun: written with ة (a man's name in ة is in the
    names list; جوزيه ends in ه) or of the pattern fuʿūl, and not coordinated with و (round 10)."""
    return word[:1] != "و" and ((word.endswith("ة") and len(word) >= 4) or _fuul(key))


def _object_after_title(title: str, word: str, key: str, nxt: str) -> bool:
    """After a definite masculine title, an indefinite verbal noun in construct ("وأكد الوزير ضرورة تقديم …")
    is the verb's object, not a name (round 10)."""
    if title.endswith("ه") or not nxt or nxt in ("بن", "ابن", "بنت"):
        return False
    return _verbal_noun_like(word, key)


def _plural_noun_like(k: str) -> bool:
    """A bare key that may be a sound masculine plural noun (قياديون، محللون): ends in ون, and is no
    imperfect verb (يسعون، تقولون: ي/ت + a short stem; a nisba such as يمنيون ends in يون; round 10)."""
    verb_like = k[:1] in ("ي", "ت") and not k.endswith("يون") and len(k) <= 7
    return len(k) >= 5 and k.endswith("ون") and not verb_like


def _group_word(doc: Doc, n: int) -> bool:
    k = strip_article(doc.toks[n].key)
    return doc.head_class(doc.toks[n].key) == "anonymous_collective" or _plural_noun_like(k)


def plural_group(doc: Doc, res: Resolver, a: int, i: int, pos: int) -> Entity | None:
    """For a plural verb with no subject (وقالوا): the nearest plural group earlier in its sentence."""
    for n in range(i - 1, a - 1, -1):
        for e in res.entities:
            if e.kind == "anon" and any(mm.i <= n < mm.j for mm in e.mentions):
                return e  # a group that already spoke in this sentence (رحب نواب معارضون ...، واعتبروا)
        k = strip_article(strip_conjunction(doc.toks[n].key))
        hc = doc.head_class(doc.toks[n].key)
        if hc == "anonymous_collective" or (hc is None and _plural_noun_like(k)):
            while n - 1 >= a and not doc.gap(n).strip() and _group_word(doc, n - 1):
                n -= 1  # the start of the group phrase (قياديون معارضون)
            j = doc.np_at(n, i, complements=("ب", "ل"), max_len=6)
            if j > n:
                m = doc.mention(n, j)
                return res.existing(m) or res.resolve(m, pos)
    return None


def strip_li(doc: Doc, m: Mention, i: int) -> Mention:
    """وفقًا لتقارير: the mention starts after the attached ل."""
    raw = doc.toks[i].text
    if not raw.startswith("ل") or raw.startswith("لل") or m.start != doc.toks[i].start:
        return m
    return Mention(m.i, m.j, m.start + 1, m.end, doc.text[m.start + 1 : m.end], m.keys)


def match_prep(doc: Doc, i: int) -> tuple[int, str, str, int] | None:
    """A prepositional source at token i (بحسب، وفقًا لـ، نقلًا عن ...): ``(end, strength, lemma, np_start)``."""
    toks = doc.toks
    t = toks[i]
    first_forms = [t.key, strip_conjunction(t.key)]
    for ks, strength, lemma in prep_cues():
        if ks[0] not in first_forms:
            continue
        L = len(ks)
        if ks[-1] == "ل":  # attached li-
            body = ks[:-1]
            if i + len(body) > len(toks) or any(toks[i + q].key != body[q] for q in range(1, len(body))):
                continue
            nxt = i + len(body)
            if nxt >= len(toks):
                continue
            if toks[nxt].key == "ل":
                return nxt + 1, strength, lemma, nxt + 1
            if toks[nxt].key == "لما":
                return None  # وفقًا لما ذكرته الصحف: the verb carries the attribution
            if toks[nxt].key.startswith("ل") and len(toks[nxt].key) > 2:
                return nxt, strength, lemma, nxt
            continue
        if i + L > len(toks) or any(toks[i + q].key != ks[q] for q in range(1, L)):
            continue
        nxt = i + L
        if nxt >= len(toks) or toks[nxt].key in function_words("prep_blocker"):
            return None
        if t.key == "فحسب":
            return None
        return nxt, strength, lemma, nxt
    return None


def after_source_prep(doc: Doc, i: int) -> bool:
    """Is the verb at i the verb of ``بحسب/حسب/وفق/وفقا لـ ما`` (بحسب ما ذكر الموقع)?  Its subject is the source.

    >>> from arabic_news import Article
    >>> d = Doc(Article.from_text("ارتفعت الأسعار بحسب ما ذكر المرصد"))
    >>> after_source_prep(d, 4), after_source_prep(d, 0)
    (True, False)
    """
    toks = doc.toks
    if i >= 1 and not doc.gap(i).strip() and strip_conjunction(toks[i - 1].key) in function_words("source_prep_ma"):
        return True  # حسبما نقلت رويترز: the head and ما in one word (round 9)
    if i < 2 or toks[i - 1].key != "ما" or doc.gap(i).strip() or doc.gap(i - 1).strip():
        return False
    lemmas = {strip_conjunction(k) for k in function_words("source_prep_head")}
    return strip_conjunction(toks[i - 2].key) in lemmas


def is_cue_key(key: str) -> bool:
    """A cue form, with or without و/ف."""
    cues = cue_table()
    return key in cues or strip_conjunction(key) in cues


def source_then_clause(doc: Doc, j0: int, b: int, cue: Cue) -> bool:
    """After "الخطة التي ذكرت": a source noun phrase (a known head: الصحيفة، الوزير، مصادر) and then a
    complementiser ("الصحيفة أنها") -- the verb has its own subject, and the relative is its object."""
    toks = doc.toks
    if j0 >= b or doc.gap(j0).strip() or doc.head_class(toks[j0].key) in (None, "name"):
        return False
    j = doc.np_at(j0, b, complements=cue.complements, max_len=8)
    return j0 < j < b and not doc.gap(j).strip(" ،,") and bool(COMPLEMENTISERS.match(toks[j].mkey))


def quoted_name(doc: Doc, j0: int, b: int, *, end_ok: bool = False) -> tuple[int, int] | None:
    """A one- or two-word quotation right after the verb, followed by more words, is a (nick)name;
    with ``end_ok`` it may also end the sentence ("…، حسبما نقلت "رويترز"." -- round 9)."""
    toks = doc.toks
    q = next((q for q in doc.quotes if q[0] <= toks[j0].start < q[1]), None)
    if q is None:
        return None
    k = j0
    while k < b and toks[k].start < q[1]:
        k += 1
    # what stands between the quotation and the next word, without the closing mark itself (a straight
    # '"' closes as it opens: وقال "دي لوس" إن ...)
    after = doc.text[toks[k - 1].end : q[1] - 1] + doc.text[q[1] : toks[k].start] if k < b else ""
    if not 1 <= k - j0 <= 2 or (k >= b and not end_ok) or any(c in after for c in '«"“:،,'):
        return None
    if doc.is_stop(toks[j0].key, toks[j0].mkey) or doc.is_verb(toks[j0].key):
        return None
    return (j0, k)
