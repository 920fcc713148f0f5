"""Attribution: who says what, and how, in a news article.

One :class:`Attribution` record per reported statement, with character offsets
into ``Article.text`` (headline included):

* **cue** -- a reporting verb in the perfect or imperfect with its dual, plural and
  feminine forms and a و/ف prefix (قال، أكدت، أكدا، يؤكد، وأضاف ...); a
  circumstantial participle (مؤكدًا، مشيرًا); a prepositional source (بحسب، وفقًا لـ،
  نقلًا عن، على لسان); or a relay (نقلت وكالة X عن Y: one record for the agency X,
  one -- cue ``عن`` -- for the original speaker Y);
* **speaker** -- the speaker noun phrase; for an implicit speaker (a participle,
  ``وأضاف`` with no new subject, a dual verb after two people) ``speaker`` holds the
  resolved name and the span points at its antecedent mention;
* **speaker_id** -- ``S1``, ``S2``, ... per article: a full name, a later surname and
  a later title (الوزير) share one id;
* **content** -- the ``أن``/``إن`` clause or the quotation, up to the end of the sentence;
* **source_type** -- ``named_person``, ``office_title``, ``institution_document``,
  ``news_agency`` or ``anonymous_collective``;
* **strength** -- ``assertive`` / ``neutral`` / ``evaluative`` / ``distancing`` /
  ``directive`` (from ``data/rhetoric/cue_verbs.txt``).

Not attributions: verbal nouns (تأكيد، إشارة), action verbs (ناقش، بحث، التقى),
cues inside a quotation (a ``قال`` quoted by another speaker), cues after ``قد``
+ imperfect-style modality, ``أن``/``لن``/``لم`` + imperfect (not asserted), and
the passive formula ``يذكر أن`` ("it is worth recalling that").

The rules are lexical and positional (no parser); the word lists live in
``arabic_news/data/rhetoric/`` with their sources.  The pipeline: the cue lexicon
(:mod:`.cues`), which cue forms are reports (:mod:`.detect`), the speaker-phrase chunker
(:mod:`.chunker`), subject/content positions (:mod:`.clauses`), coreference (:mod:`.coref`),
this module's extractor (:func:`attributions`, steps 1-4), and views (:mod:`.views`).

size: ~440 lines -- the record type and step 3 of the extractor (one handler per event kind,
sharing the run's state) read together; the other steps live in the modules above.  Precision and recall on
hand-annotated passages are printed by ``bench/attribution.py``.

>>> from arabic_news import Article
>>> a = Article.from_text("وقال الوزير أحمد سالم إن الاتفاق مهم، مضيفًا أن التنفيذ سيبدأ قريبًا.")
>>> [(r.cue, r.speaker, r.speaker_id, r.source_type) for r in attributions(a)]
[('وقال', 'الوزير أحمد سالم', 'S1', 'named_person'), ('مضيفًا', 'الوزير أحمد سالم', 'S1', 'named_person')]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..article import Article, as_article
from ._lexicon import KeyedToken
from .chunker import Doc, Mention
from .clauses import (
    action_subject,
    content,
    cut_object,
    is_cue_key,
    plural_group,
    relative_antecedent,
    shrink_to_known,
    strip_li,
    subject_before,
)
from .coref import Entity, Resolver
from .cues import (
    COMPLEMENTISERS,
    Cue,
    cue_forms,
    cue_table,
    function_words,
    imperfect_forms,
    perfect_forms,
    strip_article,
    strip_conjunction,
)
from .detect import cue_events, headline_events, mention_events

__all__ = [
    "Attribution",
    "attributions",
    "speakers_summary",
    "speaker_verb_edges",
    "attribution_html",
    "SOURCE_TYPES",
    "STRENGTHS",
    "RULES",
    "cue_forms",
]

# names the stance modules (markers.py, structure.py) and older code import from here
_cue_forms = cue_table
_perfect_forms = perfect_forms
_imperfect_forms = imperfect_forms
_base = strip_conjunction
_nodef = strip_article

SOURCE_TYPES = (
    "named_person",
    "office_title",
    "institution_document",
    "news_agency",
    "anonymous_collective",
    "impersonal",  # a passive report with no speaker (أُعلن، أفيد)
)
STRENGTHS = ("assertive", "neutral", "evaluative", "distancing", "directive")
#: how a record's speaker was found, with the confidence the reports show (fallbacks are lower)
RULES = {
    "explicit": 1.0,  # a speaker phrase next to the cue
    "preposition": 1.0,  # بحسب / وفقًا لـ + source
    "relay": 1.0,  # نقلت وكالة X عن Y
    "relative": 0.9,  # الوزير الذي أكد
    "headline": 0.9,  # a headline "X: …"
    "impersonal": 1.0,  # أُعلن، أفيد: no speaker by design
    "sentence_subject": 0.8,  # a participle after the sentence's opening verb (وشكك معهد ... قائلا)
    "same_sentence": 0.9,  # a participle after an earlier cue of the same sentence
    "action_subject": 0.8,  # التقى X ...، وأكد
    "plural_group": 0.7,  # قياديون ...، وقالوا
    "antecedent": 0.6,  # the most recent speaker of the right gender (fallback)
}
#: fields of the JSON record (CLI, reports), in order
JSON_FIELDS = (
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_id",
    "source_type",
    "content",
    "content_start",
    "content_end",
)


@dataclass
class Attribution:
    """One reported statement.

    Attributes
    ----------
    cue, cue_start, cue_end : str, int, int
        The cue token as written (with its و/ف prefix) and its offsets.
    speaker, speaker_start, speaker_end : str, int, int
        The speaker mention; for an implicit speaker, the resolved antecedent.
    speaker_id : str
        ``S1``, ``S2``, ... shared by the mentions of one speaker in the article.
    source_type : str
        One of :data:`SOURCE_TYPES`.
    content, content_start, content_end : str, int, int
        What was said (``أن``-clause, quotation, or the clause a prepositional source governs).
    strength : str
        One of :data:`STRENGTHS`.
    lemma : str
        The cue's dictionary form (قال، أكد، بحسب ...).
    cue_kind : str
        ``verb``, ``participle``, ``preposition``, ``relay`` or ``relay_source``.
    implicit : bool
        True when the speaker was resolved from an antecedent.
    entity : str
        The speaker's fullest name in the article (same for one ``speaker_id``).
    rule : str
        How the speaker was found (a key of :data:`RULES`).
    """

    cue: str
    cue_start: int
    cue_end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    speaker_id: str
    source_type: str
    content: str
    content_start: int
    content_end: int
    strength: str = "neutral"
    lemma: str = ""
    cue_kind: str = "verb"
    implicit: bool = False
    entity: str = ""
    rule: str = "explicit"

    @property
    def confidence(self) -> float:
        """Confidence of the speaker rule (1.0 for an explicit speaker, lower for fallbacks)."""
        return RULES.get(self.rule, 1.0)

    def to_dict(self, *, full: bool = False) -> dict:
        """The JSON record (the documented fields, plus ``strength`` and ``implicit``; all with ``full``)."""
        d = asdict(self)
        if full:
            d["confidence"] = self.confidence
            return d
        out = {k: d[k] for k in JSON_FIELDS}
        out["strength"] = self.strength
        out["implicit"] = self.implicit
        return out


def _head_keys(e: Entity) -> set[str]:
    """First keys of an entity's mentions (its heads: الشمري، الوزير، وزارة)."""
    return {m.keys[0] for m in e.mentions if m.keys}


# --- step 3: speakers, in text order ---------------------------------------------------


class _Run:
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
        q = next((q for q in doc.quotes if toks[j - 1].end <= q[0] <= toks[np_start].start), None)
        if q is not None:  # حسب «رويترز»
            npe = np_start
            while npe < b and toks[npe].start < q[1]:
                npe += 1
            quoted = True
        else:
            npe, quoted = doc.np_at(np_start, b, max_len=8), False
        if npe <= np_start:
            return
        if lemma in function_words("source_prep_lemma") and not quoted and not self._source_like(np_start, npe):
            return
        m = strip_li(doc, doc.mention(np_start, npe), np_start)
        if i - a <= 1 and npe < b:
            span = content(doc, npe, i)  # the source opens the sentence: what follows (skipping فإن، )
            self.explicit_record(toks[i], toks[j - 1].end, m, span, strength, lemma, "preposition", "preposition", pos)
            return
        span = (toks[a].start, toks[i - 1].end if i > a else toks[i].start)
        # a source after the statement ("...، حسب رويترز") does not become the speaker of a following وأضاف
        e = self.res.resolve(m, pos)
        self.explicit.append((m.start, m.end))
        self.record(toks[i], toks[j - 1].end, m, e, span, strength, lemma, "preposition", "preposition")

    def _source_like(self, i: int, j: int) -> bool:
        """Does the phrase ``[i, j)`` name a source (title, name, source noun, known or recurring name)?"""
        doc = self.doc
        head = doc.toks[i].key
        return (
            doc.head_class(head) is not None
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

    def participle(self, pos: int, i: int, cue: Cue) -> None:
        """مؤكدًا، مشيرًا: the speaker of the sentence's earlier cue, an action verb's subject, or an antecedent."""
        doc, res = self.doc, self.res
        a, _ = doc.sent_bounds(i)
        prev_same = [r for r in self.out if a <= doc.tok_index(r.cue_start) < i and r.cue_kind != "relay"]
        if prev_same:
            ents, rule = [res.by_sid(prev_same[-1].speaker_id)], "same_sentence"
        elif action_subject(doc, res, a, i, pos, register=False) is not None:
            ents, rule = [action_subject(doc, res, a, i, pos)], "action_subject"
        elif self._sentence_subject(a, i, pos) is not None:
            ents, rule = [self._sentence_subject(a, i, pos)], "sentence_subject"
        else:
            first = [x for x in res.entities if any(a <= mm.i < i for mm in x.mentions)]
            first.sort(key=lambda x: min(mm.i for mm in x.mentions if a <= mm.i < i))
            ents, rule = res.antecedent(cue.person, sent_first=first[0] if first else None), "antecedent"
        span = content(doc, i + 1, i)
        for e in ents:
            self.implicit_record(doc.toks[i], e, cue, span, pos, rule)

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
            act = action_subject(doc, res, a, i, pos) if cue.person != "du" else None
            rule = "action_subject"
            if act is None and cue.person == "pl":
                act, rule = plural_group(doc, res, a, i, pos), "plural_group"
            ents = [act] if act is not None else res.antecedent(cue.person)
            for e in ents:
                self.implicit_record(t, e, cue, span, pos, rule if act is not None else "antecedent")
            return
        m = doc.mention(*subj)
        self.explicit_record(t, t.end, m, span, cue.strength, cue.lemma, cue.kind, rule, pos)
        if cue.kind == "relay":
            self._relay_source(i, b, subj[1], cue)

    def _subject(self, i: int, a: int, b: int, cue: Cue) -> tuple[tuple[int, int] | None, str]:
        """The explicit subject's token range of the verb at i, and the rule that found it."""
        doc, toks = self.doc, self.doc.toks
        if i > a and toks[i - 1].key in function_words("relative"):
            rel = relative_antecedent(doc, i - 1, a)
            if rel is not None:
                return (rel[0], doc.np_at(rel[0], i - 1, max_len=8)), "relative"
        sv = subject_before(doc, i, a)  # headline "العراق يؤكد ..."، "وكان الوزير قد أكد"
        if sv is not None:
            return sv, "explicit"
        j0 = i + 1
        if j0 + 1 < b and toks[j0].key == "ل" and cue.lemma in function_words("outlet_lemma"):
            return self._after_outlet(j0, b, cue), "explicit"
        if j0 < b and any(c in doc.gap(j0) for c in '«"“') and not any(c in doc.gap(j0) for c in "،,:"):
            return self._quoted_name(j0, b), "explicit"  # ويقول «أبوخالد» مستثمر ...
        if j0 < b and not any(c in doc.gap(j0) for c in '،,:«"“-ـ–—'):
            return self._subject_after(i, j0, b, cue), "explicit"
        return None, "explicit"

    def _quoted_name(self, j0: int, b: int) -> tuple[int, int] | None:
        """A one- or two-word quotation right after the verb, followed by more words, is a (nick)name."""
        doc, toks = self.doc, self.doc.toks
        q = next((q for q in doc.quotes if q[0] <= toks[j0].start < q[1]), None)
        if q is None:
            return None
        k = j0
        while k < b and toks[k].start < q[1]:
            k += 1
        if not 1 <= k - j0 <= 2 or k >= b or any(c in doc.gap(k) for c in '«"“:،,'):
            return None
        if doc.is_stop(toks[j0].key, toks[j0].mkey) or doc.is_verb(toks[j0].key):
            return None
        return (j0, k)

    def _after_outlet(self, j0: int, b: int, cue: Cue) -> tuple[int, int] | None:
        """قال لـ"الاقتصادية" فلان ...: skip the outlet the statement was made to."""
        doc, toks = self.doc, self.doc.toks
        k = j0 + 1
        q = next(((q0, q1) for q0, q1 in doc.quotes if toks[j0].end <= q0 <= toks[k].start), None)
        if q is not None:
            while k < b and toks[k].start < q[1]:
                k += 1
        else:
            k += 1
        if k < b:
            j = doc.np_at(k, b, complements=cue.complements, max_len=14)
            if j > k and doc.head_class(toks[k].key) is not None:
                return (k, j)
        return None

    def _subject_after(self, i: int, j0: int, b: int, cue: Cue) -> tuple[int, int] | None:
        """VSO: the noun phrase right after the verb, unless it is a cue, a pronoun or the object."""
        doc, res, toks, lex = self.doc, self.res, self.doc.toks, self.doc.lex
        if toks[j0].key in function_words("partitive") and j0 + 2 < b and toks[j0 + 1].key == "من":
            j = doc.np_at(j0 + 2, b, complements=cue.complements, max_len=12)  # دعا كل من الدكتور ...
            return (j0, j) if j > j0 + 2 and doc.head_class(toks[j0 + 2].key) is not None else None
        j = doc.np_at(j0, b, complements=cue.complements, max_len=14)
        if j <= j0:
            return None
        head = toks[j0].key
        recognised = (
            doc.head_class(head) is not None
            or doc.is_name_like(j0)
            or any(strip_article(head) in en.keys for en in res.entities)
            or (  # كل من الدكتور ...
                head in function_words("partitive") and j0 + 2 < b and toks[j0 + 1].key == "من"
                and doc.head_class(toks[j0 + 2].key) is not None
            )
        )  # fmt: skip
        follows = toks[j].mkey if j < b else ""
        not_subject = (
            is_cue_key(head)
            or len(head) < 2
            or (head.startswith(("بال", "لل")) and doc.head_class(head) is None)  # a prepositional phrase
            or (
                head.startswith("ل")
                and head not in lex["names"]
                and head not in lex["titles"]
                and head not in lex["src"]
            )
        )
        j = shrink_to_known(doc, res, j0, j)
        if cue.takes_object:
            j = cut_object(doc, j0, j)
        if not not_subject and (recognised or not cue.takes_object or COMPLEMENTISERS.match(follows)):
            return (j0, j)
        return None

    def _relay_source(self, i: int, b: int, after: int, cue: Cue) -> None:
        """نقلت وكالة X عن Y قوله ...: a second record, cue عن, for the original speaker Y."""
        doc, toks = self.doc, self.doc.toks
        k = after
        while k < b and k < after + 3 and toks[k].key != "عن":
            k += 1
        if not (k < b and toks[k].key == "عن" and k + 1 < b):
            return
        j2 = doc.np_at(k + 1, b, max_len=8)
        if j2 > k + 1:
            m2 = doc.mention(k + 1, j2)
            quote_noun = j2 < b and toks[j2].key in function_words("quote_noun")  # عن فلان قوله "…"
            span = content(doc, j2 + quote_noun, i)
            self.explicit_record(
                toks[k], toks[k].end, m2, span, cue.strength, "نقل عن", "relay_source", "relay", toks[k].start
            )


# --- step 4: tidy up ----------------------------------------------------------------------


def _finish(doc: Doc, res: Resolver, out: list[Attribution]) -> list[Attribution]:
    """Sort; end each content where the next statement's cue starts; fill entity and source type."""
    text = doc.text
    out.sort(key=lambda r: (r.cue_start, r.speaker_start))
    starts = sorted({r.cue_start for r in out})
    for r in out:
        nxt = [c for c in starts if r.content_start < c < r.content_end and c > r.cue_start and not doc.in_quote(c)]
        if nxt:
            end = nxt[0]
            while end > r.content_start and (text[end - 1].isspace() or text[end - 1] in "،,؛;"):
                end -= 1
            if end > r.content_start:
                r.content_end = end
                r.content = text[r.content_start : end]
    for r in out:
        if not r.speaker_id:
            continue  # an impersonal report has no speaker
        e = res.by_sid(r.speaker_id)
        r.entity = e.name
        r.source_type = e.source_type
    return out


def attributions(article: Article | str) -> list[Attribution]:
    """Every reported statement of an article: cue, speaker, content, source type, strength.

    Parameters
    ----------
    article : Article or str
        An :class:`~arabic_news.Article` (offsets index ``article.text``, headline
        included) or a plain string.

    Returns
    -------
    list of Attribution
        In text order of the cue.  A dual verb after two people gives one record
        per person (same cue).

    Examples
    --------
    >>> [(r.cue, r.speaker, r.source_type) for r in attributions("أكدت مصادر مطلعة أن الاتفاق قريب.")]
    [('أكدت', 'مصادر مطلعة', 'anonymous_collective')]
    >>> attributions("ناقش الوزير خطة التعاون.")  # an action verb: no attribution
    []
    """
    doc = Doc(as_article(article))
    events = cue_events(doc) + headline_events(doc)  # 1. cues
    events += mention_events(doc, {e[3][0] for e in events})  # 2. named persons (antecedents)
    events.sort(key=lambda e: (e[0], e[1]))
    run = _Run(doc)
    for pos, _, kind, payload in events:  # 3. speakers, in text order
        if kind == "mention":
            run.mention(pos, *payload)
        elif kind == "prep":
            run.prep(pos, *payload)
        elif kind == "headline":
            run.headline(pos, *payload)
        elif kind == "impersonal":
            run.impersonal(pos, *payload)
        elif payload[1].kind == "participle":
            run.participle(pos, *payload)
        else:
            run.verb(pos, *payload)
    return _finish(doc, run.res, run.out)  # 4. content ends, entities


from .views import attribution_html, speaker_verb_edges, speakers_summary  # noqa: E402  (re-exported)
