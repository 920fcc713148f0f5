"""Step 3 of attribution: who speaks at each cue, in text order.

One :class:`Run` walks the article's events (cues, prepositional sources, headline colons,
impersonal reports, and person mentions that serve as antecedents) and builds the records:
an explicit subject after the verb (VSO), before it (SVO, headlines, كان X قد), a relative
clause's antecedent, a quoted nickname, a partitive (كل من ...); otherwise an implicit speaker
from the sentence (an action verb's subject, a plural group, the sentence's subject for a
participle) or, as a fallback with lower confidence, the most recent speaker of the right gender.

size: about 470 lines because one handler per event kind (verb, participle, preposition, headline,
impersonal, nominal cue, relay) works on the shared state of one :class:`Run` (resolver, records,
explicit spans); the rules that find a verb's explicit subject are in :mod:`.subjects`, a mixin
that :class:`Run` inherits.

>>> from arabic_news import Article
>>> from .detect import cue_events
>>> doc = Doc(Article.from_text("قال الوزير أحمد سالم إن الاتفاق قريب."))
>>> run = Run(doc)
>>> for pos, _, kind, payload in cue_events(doc):
...     run.verb(pos, *payload)
>>> [(r.cue, r.speaker, r.rule) for r in run.out]
[('قال', 'الوزير أحمد سالم', 'explicit')]
"""

from __future__ import annotations

from functools import lru_cache

from ._lexicon import KeyedToken
from .chunker import Doc, Mention
from .clauses import (
    action_subject,
    after_source_prep,
    content,
    plural_group,
    strip_li,
    subject_before,
)
from .coref import Entity, Resolver
from .cues import COMPLEMENTISERS, Cue, cue_table, function_words, strip_article, strip_conjunction
from .record import Attribution
from .subjects import _PRONOUN_COMP, SubjectRules

__all__ = ["Run"]


def _head_keys(e: Entity) -> set[str]:
    """First keys of an entity's mentions (its heads: الشمري، الوزير، وزارة)."""
    return {m.keys[0] for m in e.mentions if m.keys}


# --- step 3: speakers, in text order ---------------------------------------------------


def _plural(e: Entity) -> bool:
    """Does a masculine plural cue (وقالوا، مؤكدين) agree with the entity (an unnamed group)?"""
    return e.kind == "anon" and not e.fem


@lru_cache(maxsize=1)
def _honorific_titles() -> dict[str, tuple[frozenset[str], bool]]:
    """Key of an honorific with a pronoun (سموه) -> (the title keys of the person it stands for, whether
    the word also names a feeling: سعادته "his happiness")."""
    from ._lexicon import load_table, rkey

    return {
        rkey(r[0]): (frozenset(strip_article(rkey(w)) for w in r[2].split(",")), len(r) > 3 and r[3] == "feeling")
        for r in load_table("function_words")
        if r[1] == "honorific_pronoun"
    }


class Run(SubjectRules):
    """The state of one pass over an article: resolver, records so far, explicit speaker spans."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.res = Resolver(doc)
        self.out: list[Attribution] = []
        self.explicit: list[tuple[int, int]] = []

    def record(
        self,
        t: KeyedToken,
        t_end: int,
        m: Mention,
        e: Entity,
        span: tuple[int, int],
        strength: str,
        lemma: str,
        kind: str,
        rule: str,
        implicit: bool = False,
    ) -> Attribution:
        cs, ce = span
        text = self.doc.text
        r = Attribution(
            cue=text[t.start : t_end],
            cue_start=t.start,
            cue_end=t_end,
            speaker=m.text,
            speaker_start=m.start,
            speaker_end=m.end,
            speaker_id=self.res.sid(e),
            source_type=e.source_type,
            content=text[cs:ce] if cs >= 0 else "",
            content_start=cs,
            content_end=ce,
            strength=strength,
            lemma=lemma,
            cue_kind=kind,
            implicit=implicit,
            rule=rule,
        )
        self.out.append(r)
        return r

    def explicit_record(self, t, t_end, m, span, strength, lemma, kind, rule, pos) -> Entity:
        """A record whose speaker phrase is in the text: resolve it, mark it as speaking."""
        e = self.res.resolve(m, pos)
        self.res.spoke(e, pos)
        self.explicit.append((m.start, m.end))
        self.record(t, t_end, m, e, span, strength, lemma, kind, rule)
        return e

    def implicit_record(self, t: KeyedToken, e: Entity, cue: Cue, span: tuple[int, int], pos: int, rule: str) -> None:
        """A record whose speaker is an antecedent: the span points at its latest earlier mention."""
        m = max((mm for mm in e.mentions if mm.start < t.start), key=lambda mm: mm.start, default=e.mentions[-1])
        r = self.record(t, t.end, m, e, span, cue.strength, cue.lemma, cue.kind, rule, implicit=True)
        r.speaker = e.name
        self.res.spoke(e, pos)

    # ---- one handler per event kind
    def mention(self, pos: int, m: Mention) -> None:
        if not any(s <= m.start < e for s, e in self.explicit):
            self.res.resolve(m, pos)

    def prep(self, pos: int, i: int, j: int, strength: str, lemma: str, np_start: int) -> None:
        """بحسب / وفقًا لـ / نقلًا عن + source: the content is the rest of the sentence, or what came before.

        بحسب/حسب/وفق need a source after them (a title, a name, a source noun, a quoted outlet):
        وفق المعايير "according to the standards" is no attribution.
        """
        doc, toks = self.doc, self.doc.toks
        a, b = doc.sent_bounds(i)
        if np_start < b and toks[np_start].key in function_words("own_words"):
            self._own_words(i, np_start, a, strength, lemma)  # "…، حسب قوله": the current speaker
            return
        q = next((q for q in doc.quotes if toks[j - 1].end <= q[0] <= toks[np_start].start), None)
        if q is not None:  # حسب «رويترز»
            npe = np_start
            while npe < b and toks[npe].start < q[1]:
                npe += 1
            quoted = True
        else:
            npe, quoted = doc.np_at(np_start, b, max_len=8), False
            if self._agency(np_start):  # وفقا للفرنسية: the agency's nisba alone (round 12)
                npe = np_start + 1
            elif npe <= np_start + 1 and self._report_noun(np_start):  # حسب تصريحات وزارة النقل
                npe = max(np_start + 1, doc.np_at(np_start + 1, b, max_len=7))
            named = self._quoted_name_after(np_start, npe, b)
            if named is not None:  # بحسب مختبرات «سايبر ماتريكس»: a noun and its quoted name (round 11)
                npe, quoted = named, True
        if npe <= np_start:
            return
        if lemma in function_words("source_prep_lemma") and not quoted and not self._source_like(np_start, npe):
            return
        m = strip_li(doc, doc.mention(np_start, npe), np_start)
        if (i - a <= 1 or lemma == "جاء في") and npe < b:
            span = content(doc, npe, i)  # the source opens the sentence (or جاء في): what follows (skipping فإن، )
            self.explicit_record(toks[i], toks[j - 1].end, m, span, strength, lemma, "preposition", "preposition", pos)
            return
        if i - a <= 1 and a > 0:  # "…”. وفقا للألمانية.": a sentence of its own sources the one before (round 12)
            span = (toks[doc.sent_bounds(a - 1)[0]].start, toks[a - 1].end)
        else:
            span = (toks[a].start, toks[i - 1].end if i > a else toks[i].start)
        # a source after the statement ("...، حسب رويترز") does not become the speaker of a following وأضاف
        e = self.res.resolve(m, pos)
        self.explicit.append((m.start, m.end))
        self.record(toks[i], toks[j - 1].end, m, e, span, strength, lemma, "preposition", "preposition")

    def _own_words(self, i: int, k: int, a: int, strength: str, lemma: str) -> None:
        """بحسب/حسب + قوله، تعبيرها ...: the speaker is the antecedent of the pronoun (m/f/pl/du from its
        suffix), the content the clause before the cue (or after it when the cue opens the sentence)."""
        doc, toks = self.doc, self.doc.toks
        key = toks[k].key
        person = "du" if key.endswith("هما") else "pl" if key.endswith("هم") else "f" if key.endswith("ها") else "m"
        ents = self.res.antecedent(person)
        if not ents:
            return
        span = (toks[a].start, toks[i - 1].end) if i > a else content(doc, k + 1, i)
        e = ents[0]
        m = max((mm for mm in e.mentions if mm.start < toks[i].start), key=lambda mm: mm.start, default=e.mentions[-1])
        r = self.record(toks[i], toks[k].end, m, e, span, strength, lemma, "preposition", "antecedent", implicit=True)
        r.speaker = e.name

    def _quoted_name_after(self, i: int, j: int, b: int) -> int | None:
        """End of "noun «Name»" when a short quotation (at most four words) follows the phrase's first word
        directly, and that word is an indefinite noun without a pronoun (مختبرات، شركة): an organisation named in
        quotation marks; else ``None`` (not "حسب الموسم «الصيفي»" nor "حسب موضوعها مثل معرض "…"")."""
        doc, toks = self.doc, self.doc.toks
        word = toks[i].text
        if toks[i].key.startswith(("ال", "لل")) or word.endswith(("ها", "هم", "هما", "كم", "ه")) or j > i + 1:
            return None
        for q in doc.quotes:
            if not (toks[i].end < q[0] <= toks[i].end + 2) or doc.text[toks[i].end : q[0]].strip():
                continue
            k = i + 1
            while k < b and toks[k].start < q[1]:
                k += 1
            return k if 1 <= k - i - 1 <= 4 else None
        return None

    def _agency(self, i: int) -> bool:
        """Is token i a news agency named by its nisba (للفرنسية، الألمانية; function_words ``prep_agency``)?"""
        head = self.doc.toks[i].key
        bare = strip_article(head[1:] if head[:1] == "ل" and not head.startswith("لل") else head)
        agencies = function_words("prep_agency")
        return bare in agencies or "ال" + bare in agencies

    def _report_noun(self, i: int) -> bool:
        """Is token i a report noun (تصريحات، رواية، حصيلة ...; function_words ``prep_source_noun``)?"""
        head = self.doc.toks[i].key
        bare = strip_article(head[1:] if head[:1] == "ل" and not head.startswith("لل") else head)
        report_nouns = function_words("prep_source_noun")
        return bare in report_nouns or "ال" + bare in report_nouns

    def _source_like(self, i: int, j: int) -> bool:
        """Does the phrase ``[i, j)`` name a source (title, name, source noun, known or recurring name,
        or a report noun such as تصريحات، رواية، حصيلة)?"""
        doc = self.doc
        head = doc.toks[i].key
        return (
            self._report_noun(i)
            or self._agency(i)
            or doc.head_class(head) is not None
            or doc.is_name_like(i)
            or any(strip_article(head[1:] if head[:1] == "ل" else head) in _head_keys(e) for e in self.res.entities)
        )

    def headline(self, pos: int, colon: int, a: int, k: int) -> None:
        """A headline "X: …" (the cue is the colon, the speaker the words before it)."""
        doc, toks = self.doc, self.doc.toks
        m = doc.mention(a, k)
        end = doc.sents[doc.sent_of[a]][1]
        start = colon + 1
        while start < end and doc.text[start].isspace():
            start += 1
        e = self.res.resolve(m, pos)
        self.res.spoke(e, pos)
        self.explicit.append((m.start, m.end))
        fake = KeyedToken(colon, colon + 1, ":", key=":", mkey=":")
        self.record(fake, colon + 1, m, e, (start, end), "neutral", ":", "headline", "headline")
        _ = toks

    def impersonal(self, pos: int, i: int, lemma: str, strength: str) -> None:
        """A passive or impersonal report (أُعلن، أفيد، ذُكر، يُعتقد): a statement with no speaker."""
        doc = self.doc
        t = doc.toks[i]
        cs, ce = content(doc, i + 1, i)
        r = Attribution(
            cue=t.text, cue_start=t.start, cue_end=t.end, speaker="", speaker_start=-1, speaker_end=-1,
            speaker_id="", source_type="impersonal", content=doc.text[cs:ce] if cs >= 0 else "",
            content_start=cs, content_end=ce, strength=strength, lemma=lemma, cue_kind="impersonal",
            rule="impersonal",
        )  # fmt: skip
        self.out.append(r)
        found = cue_table().get(strip_conjunction(t.key))
        if found is not None and found.kind == "relay":
            self._relay_source(i, doc.sent_bounds(i)[1], i + 1, found)  # نُقل عن فلان قوله: the original speaker

    def nominal(self, pos: int, i: int, marker: int, strength: str) -> None:
        """تصريح الوزير بـ...، وجهت النيابة اتهامات بـ...: a verbal noun with its content (see :mod:`.nominal`)."""
        from .nominal import nominal_speaker

        doc = self.doc
        subj = nominal_speaker(doc, i, marker)
        if subj is None or subj[1] <= subj[0]:
            return
        m = strip_li(doc, doc.mention(*subj), subj[0])
        lemma = strip_article(strip_conjunction(doc.toks[i].key))
        span = content(doc, marker, i)
        t = doc.toks[i]
        e = self.res.resolve(m, pos)  # not the latest speaker: a following وأضاف is not the noun's source
        self.explicit.append((m.start, m.end))
        self.record(t, t.end, m, e, span, strength, lemma, "nominal", "nominal")

    def participle(self, pos: int, i: int, cue: Cue) -> None:
        """مؤكدًا، مشيرًا: the speaker of the sentence's earlier cue, an action verb's subject, or an antecedent."""
        doc, res = self.doc, self.res
        a, _ = doc.sent_bounds(i)
        prev_same = [
            r
            for r in self.out
            if a <= doc.tok_index(r.cue_start) < i
            and r.cue_kind not in ("relay", "nominal", "preposition")
            and r.speaker_id  # an impersonal report (أفيد، ذُكر) has no speaker to carry over
            and r.rule != "relative"  # "… على X الذي تساءل عن …، قائلاً": the relative clause is not the main one
        ]
        group = None
        if cue.person == "pl" and not (prev_same and _plural(res.by_sid(prev_same[-1].speaker_id))):
            group = plural_group(doc, res, a, i, pos)  # مؤكدين: a group, not the singular earlier speaker
        if group is not None:
            ents, rule = [group], "plural_group"
        elif prev_same:
            ents, rule = [res.by_sid(prev_same[-1].speaker_id)], "same_sentence"
        elif action_subject(doc, res, a, i, pos, register=False) is not None:
            ents, rule = [action_subject(doc, res, a, i, pos)], "action_subject"
        elif self._sentence_subject(a, i, pos) is not None:
            ents, rule = [self._sentence_subject(a, i, pos)], "sentence_subject"
        else:
            first = [x for x in res.entities if any(a <= mm.i < i for mm in x.mentions)]
            first.sort(key=lambda x: min(mm.i for mm in x.mentions if a <= mm.i < i))
            ents, rule = res.antecedent(cue.person, sent_first=first[0] if first else None), "antecedent"
        if cue.person in ("m", "f") and doc.toks[i].key in function_words("saying_after_verb"):
            ents = [e for e in ents if e.fem == (cue.person == "f")]  # بقولها after a man: not his (round 8)
        span = content(doc, i + 1, i)
        for e in ents:
            self.implicit_record(doc.toks[i], e, cue, span, pos, rule)

    def _coordinated_speaker(self, i: int, a: int, cue: Cue) -> Entity | None:
        """A و-verb with no subject coordinated with an earlier cue of its sentence shares that cue's
        explicit speaker (not a dual or plural verb after a singular one, nor after a cue inside another
        statement's content)."""
        doc = self.doc
        if doc.toks[i].key == strip_conjunction(doc.toks[i].key) or cue.person == "du":
            return None
        prev = [
            r
            for r in self.out
            if a <= doc.tok_index(r.cue_start) < i
            and r.cue_kind in ("verb", "participle")
            and r.speaker_id
            and r.rule == "explicit"
        ]
        if not prev or any(r.content_start <= prev[-1].cue_start < r.content_end for r in self.out[:-1]):
            return None
        e = self.res.by_sid(prev[-1].speaker_id)
        if (cue.person == "pl") != _plural(e):
            return None
        return e

    def _described_source(self, i: int, a: int, pos: int, cue: Cue) -> Entity | None:
        """An imperfect cue right after a comma describes a source or document named just before it
        ("تقارير أداء لعمل الحكومة، تفيد بـ…"): that phrase, when the verb agrees with it."""
        doc, toks = self.doc, self.doc.toks
        kinds = ("institution_document", "anonymous_collective", "news_agency")
        if cue.tense != "impf" or cue.person not in ("m", "f"):
            return None
        if "،" not in doc.gap(i) and not self._indefinite_source_before(i, kinds):
            return None
        lo = max(a, i - 8)
        heads = []  # source heads before the comma, right to left, within one clause
        for n in range(i - 1, lo - 1, -1):
            if doc.head_class(toks[n].key) in kinds:
                heads.append(n)
            if n > lo and any(c in doc.gap(n) for c in '.!?؟:«"“،'):
                break
        if not heads:
            return None
        start = heads[0]
        for n in heads[1:]:  # "تقارير أداء لعمل الحكومة": the phrase that reaches the nearest head
            if doc.np_at(n, i, max_len=8) > start:
                start = n
        j = doc.np_at(start, i, max_len=8)
        if j <= start:
            return None
        m = doc.mention(start, j)
        e = self.res.existing(m) or self.res.resolve(m, pos)
        return e if e.fem == (cue.person == "f") else None

    def _indefinite_source_before(self, i: int, kinds: tuple[str, ...]) -> bool:
        """Is the word right before the imperfect cue at i (no punctuation between) an indefinite source
        or document noun, which the verb describes ("تلقت بلاغاً يفيد بوقوع حادث", round 7)?"""
        doc = self.doc
        if i == 0 or doc.gap(i).strip() or doc.sent_of[i - 1] != doc.sent_of[i]:
            return False
        k = strip_conjunction(doc.toks[i - 1].key)
        return not k.startswith("ال") and doc.head_class(k) in kinds

    def _sentence_subject(self, a: int, i: int, pos: int) -> Entity | None:
        """The subject of the sentence's opening verb (وشكك معهد بحثي ... قائلا): a recognised phrase
        among the first words of the sentence."""
        doc, res = self.doc, self.res
        for n in range(a + 1, min(a + 4, i)):
            if doc.toks[n].key.startswith(("لل", "بال")) or doc.is_stop(doc.toks[n].key):
                continue
            if doc.head_class(doc.toks[n].key) is not None or doc.is_name_like(n):
                j = doc.np_at(n, i, split_titles=True, max_len=8)
                if j > n:
                    m = doc.mention(n, j)
                    return res.existing(m) or res.resolve(m, pos)
        return None

    def verb(self, pos: int, i: int, cue: Cue) -> None:
        """A reporting (or relay) verb: an explicit subject before/after it, else an implicit speaker."""
        doc, res = self.doc, self.res
        a, b = doc.sent_bounds(i)
        if self._honorific_subject(pos, i, b, cue):
            return
        subj, rule = self._subject(i, a, b, cue)
        span = content(doc, subj[1] if subj and subj[0] > i else i + 1, i)
        t = doc.toks[i]
        if subj is None:
            if cue.kind == "relay":
                return
            nxt = doc.toks[i + 1].key if i + 1 < len(doc.toks) else ""
            if (
                cue.person == "m"
                and cue.tense == "perf"
                and nxt == "عن"
                and cue.lemma in function_words("impersonal_lemma")
            ):
                self.impersonal(pos, i, cue.lemma, cue.strength)  # أعلن عن ... with no subject: "... was announced"
                return
            denied = self._negated_report_subject(i, a, pos, cue)
            if denied is not None:  # "لم تذكر سامسونج الأجهزة …، إلا أنها قالت": the same subject (round 7)
                self.implicit_record(t, denied, cue, span, pos, "same_sentence")
                return
            described = self._described_source(i, a, pos, cue)
            if described is not None:  # "وتسربت تقارير أداء لعمل الحكومة، تفيد بـ…": the reports speak
                self.implicit_record(t, described, cue, span, pos, "sentence_subject")
                return
            shared = self._coordinated_speaker(i, a, cue)
            if shared is not None:  # "وانتقدت السناتور X البرنامج ووصفته بأنه …": one subject, two verbs
                self.implicit_record(t, shared, cue, span, pos, "same_sentence")
                return
            act = action_subject(doc, res, a, i, pos) if cue.person != "du" else None
            if act is not None and cue.person in ("m", "f") and act.fem != (cue.person == "f"):
                act = None  # "… اللاعب …، وقالت": a feminine verb does not take a masculine subject
            rule = "action_subject"
            if act is None and cue.person == "pl":
                act, rule = plural_group(doc, res, a, i, pos), "plural_group"
            ents = [act] if act is not None else res.antecedent(cue.person)
            for e in ents:
                self.implicit_record(t, e, cue, span, pos, rule if act is not None else "antecedent")
            return
        m = doc.mention(*subj)
        before = list(res.speakers)
        e = self.explicit_record(t, t.end, m, span, cue.strength, cue.lemma, cue.kind, rule, pos)
        if cue.person in ("m", "f"):  # the verb agrees with its subject: "وتقول واشنطن" is feminine, so a
            e.fem = cue.person == "f"  # later "وأضاف" with no subject goes to the last masculine speaker
        if i > a and (after_source_prep(doc, i) or doc.toks[i - 1].key in function_words("trailing_source")):
            res.speakers[:] = before  # "…، حسبما ذكر التقرير. وقال": the report is not who speaks next
        elif rule == "explicit" and self._nested_in_other(t.start, e):
            res.speakers[:] = before  # "وأفاد الدوسري أن سمو الأمير وجه بـ…. وذكر أن": the reported speaker
            # inside another's statement does not speak next; the reporter does (round 7)
        if cue.kind == "relay":
            self._relay_source(i, b, subj[1], cue)

    def _honorific_subject(self, pos: int, i: int, b: int, cue: Cue) -> bool:
        """ "وأكد سموه أن …"، "وقال معاليه: …": an honorific with a pronoun right after the cue is its
        subject.  The record's speaker span is that word; its entity is the last speaker, else the
        earliest-mentioned person, whose titles fit the honorific (``honorific_pronoun``: سموه -> أمير،
        ولي …), else the antecedent of the verb's gender (round 9).  Returns whether a record was made."""
        doc, res = self.doc, self.res
        k = i + 1
        if k >= b or doc.gap(k).strip() or cue.kind == "relay":
            return False
        titles, feeling = _honorific_titles().get(doc.toks[k].key, (None, False))
        if titles is None or (feeling and cue.lemma in function_words("expressing_lemma")):
            return False  # "وأبدى سعادته بـ…": his happiness, the object
        fits = [e for e in res.entities if e.kind == "person" and any(set(m.keys) & titles for m in e.mentions)]
        spoken = [e for e in reversed(res.speakers) if e in fits]
        if spoken:
            e = spoken[0]
        elif fits:
            e = min(fits, key=lambda x: min(m.start for m in x.mentions))
        else:
            found = res.antecedent(cue.person)
            if not found:
                return False
            e = found[0]
        t = doc.toks[i]
        span = content(doc, k + 1, i)
        m = doc.mention(k, k + 1)
        r = self.record(t, t.end, m, e, span, cue.strength, cue.lemma, cue.kind, "honorific", True)
        r.speaker = e.name
        e.mentions.append(m)  # a participle after it points here (مشيراً: the same سموه)
        res.spoke(e, pos)
        return True

    def _negated_report_subject(self, i: int, a: int, pos: int, cue: Cue) -> Entity | None:
        """A cue right after a complementiser with a pronoun (إلا أنها قالت، فإنه أكد) whose sentence
        negated a report just before (لم تذكر سامسونج …، ورغم أن البيان لم يذكر …): the pronoun is the
        subject of that negated verb, when the two agree in gender."""
        doc, toks = self.doc, self.doc.toks
        if i - 1 <= a or doc.gap(i).strip() or not _PRONOUN_COMP.match(toks[i - 1].mkey):
            return None
        fem = toks[i - 1].mkey.endswith("ها")
        if cue.person not in ("m", "f") or (cue.person == "f") != fem:
            return None
        neg = function_words("neg_before_impf")
        for n in range(i - 2, a, -1):
            prior = cue_table().get(strip_conjunction(toks[n].key))
            if prior is None or prior.kind != "verb" or prior.tense != "impf" or toks[n - 1].key not in neg:
                continue
            if prior.person != cue.person:
                return None
            span = subject_before(doc, n - 1, a) if n - 1 > a else None
            if span is None and n + 1 < i and (doc.head_class(toks[n + 1].key) is not None or doc.is_name_like(n + 1)):
                span = (n + 1, doc.np_at(n + 1, i - 1, max_len=6))
            if span is None or span[1] <= span[0]:
                return None
            m = doc.mention(*span)
            return self.res.existing(m) or self.res.resolve(m, pos)
        return None

    def _nested_in_other(self, pos: int, e: Entity) -> bool:
        """Does the cue at character ``pos`` lie inside the content of an earlier record of the same
        sentence whose speaker is another source (reported speech inside reported speech)?"""
        doc = self.doc
        s = doc.sent_of[doc.tok_index(pos)]
        return any(
            r.content_start <= pos < r.content_end
            and r.speaker_id
            and self.res.by_sid(r.speaker_id) is not e
            and doc.sent_of[doc.tok_index(r.cue_start)] == s
            for r in self.out[:-1]
        )

    def _relay_source(self, i: int, b: int, after: int, cue: Cue) -> None:
        """نقلت وكالة X عن Y قوله ...: a second record, cue عن, for the original speaker Y."""
        doc, toks = self.doc, self.doc.toks
        k = after
        quote_nouns = function_words("quote_noun")
        while k < b and k < after + 3 and toks[k].key != "عن":
            if toks[k].key in ("عنه", "عنها", "عنهم") and k + 1 < b and toks[k + 1].key in quote_nouns:
                # نُقل عنه قوله: the original speaker is the pronoun's antecedent
                person = {"عنه": "m", "عنها": "f", "عنهم": "pl"}[toks[k].key]
                ents = self.res.antecedent(person)
                if ents:
                    qn = toks[k + 1]
                    m = max(
                        (mm for mm in ents[0].mentions if mm.start < toks[k].start),
                        key=lambda mm: mm.start,
                        default=ents[0].mentions[-1],
                    )
                    r = self.record(
                        toks[k], qn.end, m, ents[0], content(doc, k + 2, i), cue.strength, "نقل عن",
                        "relay_source", "antecedent", implicit=True,
                    )  # fmt: skip
                    r.speaker = ents[0].name
                return
            k += 1
        if not (k < b and toks[k].key == "عن" and k + 1 < b):
            return
        j2 = doc.np_at(k + 1, b, max_len=8)
        j2 = _through_quote_noun(doc, j2, b, quote_nouns) if j2 > k + 1 else j2
        if j2 > k + 1:
            m2 = doc.mention(k + 1, j2)
            quote_noun = j2 < b and toks[j2].key in function_words("quote_noun")  # عن فلان قوله "…"
            if not quote_noun and j2 < b and not doc.gap(j2).strip(" ،,") and COMPLEMENTISERS.match(toks[j2].mkey):
                return  # "نقلت الوكالة عن مصادر أن …": the agency's one statement; فلان has no words of its own
            span = content(doc, j2 + quote_noun, i)
            self.explicit_record(
                toks[k], toks[k].end, m2, span, cue.strength, "نقل عن", "relay_source", "relay", toks[k].start
            )


def _through_quote_noun(doc: Doc, j: int, b: int, quote_nouns: frozenset[str]) -> int:
    """The source phrase of "عن فلان … قوله" runs up to the quote noun when one follows within four plain
    words ("عن ملحق صحافي بسفارة موسكو لدى مالي قوله": the chunker stops at لدى; round 10)."""
    toks = doc.toks
    for q in range(j, min(b, j + 4)):
        if doc.gap(q).strip() or doc.in_quote(toks[q].start):
            return j
        if toks[q].key in quote_nouns:
            return q
        if doc.is_verb(toks[q].key) or COMPLEMENTISERS.match(toks[q].mkey):
            return j
    return j
