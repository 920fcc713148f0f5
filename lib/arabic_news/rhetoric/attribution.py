"""Attribution: who says what, and how, in a news article.

One :class:`Attribution` record per reported statement, with character offsets
into ``Article.text`` (headline included):

* **cue** -- a reporting verb in the perfect or imperfect with its dual, plural and
  feminine forms and a و/ف prefix (قال، أكدت، أكدا، يؤكد، وأضاف ...); a
  circumstantial participle (مؤكدًا، مشيرًا); a prepositional source (بحسب، وفقًا لـ،
  نقلًا عن، على لسان); or a relay (نقلت وكالة X عن Y: one record for the agency X,
  one -- cue ``عن`` -- for the original speaker Y);
  also a headline colon ("X: …", cue ``:``) and impersonal passives (أُعلن، أفيد، ذُكر، يُعتقد:
  no speaker, ``source_type`` ``impersonal``, ``speaker_id`` empty);
* **speaker** -- the speaker noun phrase; for an implicit speaker (a participle,
  ``وأضاف`` with no new subject, a dual verb after two people) ``speaker`` holds the
  resolved name and the span points at its antecedent mention;
* **speaker_id** -- ``S1``, ``S2``, ... per article: a full name, a later surname and
  a later title (الوزير) share one id;
* **content** -- the ``أن``/``إن`` clause or the quotation, up to the end of the sentence;
* **source_type** -- ``named_person``, ``office_title``, ``institution_document``,
  ``news_agency`` or ``anonymous_collective``;
* **rule** / **confidence** -- how the speaker was found; below 1 for fallbacks (:data:`RULES`);
* **strength** -- ``assertive`` / ``neutral`` / ``evaluative`` / ``distancing`` /
  ``directive`` (from ``data/rhetoric/cue_verbs.txt``).

Not attributions: verbal nouns (تأكيد، إشارة), action verbs (ناقش، بحث، التقى),
cues inside a quotation (a ``قال`` quoted by another speaker), cues after ``قد``
+ imperfect-style modality, ``أن``/``لن``/``لم`` + imperfect (not asserted), and
the passive formula ``يذكر أن`` ("it is worth recalling that").

The rules are lexical and positional (no parser); the word lists live in
``arabic_news/data/rhetoric/`` with their sources.  The pipeline: the cue lexicon
(:mod:`.cues`), which cue forms are reports (:mod:`.detect`; headline quotations in :mod:`.headlines`), the speaker-phrase chunker
(:mod:`.chunker`), subject/content positions (:mod:`.clauses`), coreference (:mod:`.coref`),
this module's extractor (:func:`attributions`, steps 1-4), and views (:mod:`.views`).

The record type is in :mod:`.record`, step 3 (speakers) in :mod:`.speakers`.  Precision and
recall on the SaudiNewsNet gold set and the lab's passages are printed by ``bench/attribution.py``.

>>> from arabic_news import Article
>>> a = Article.from_text("وقال الوزير أحمد سالم إن الاتفاق مهم، مضيفًا أن التنفيذ سيبدأ قريبًا.")
>>> [(r.cue, r.speaker, r.speaker_id, r.source_type) for r in attributions(a)]
[('وقال', 'الوزير أحمد سالم', 'S1', 'named_person'), ('مضيفًا', 'الوزير أحمد سالم', 'S1', 'named_person')]
"""

from __future__ import annotations

from ..article import Article, as_article
from .chunker import Doc
from .coref import Resolver
from .cues import (
    COMPLEMENTISERS,
    cue_forms,
    cue_table,
    function_words,
    imperfect_forms,
    perfect_forms,
    strip_article,
    strip_conjunction,
)
from .detect import cue_events, headline_events, mention_events
from .record import JSON_FIELDS, RULES, SOURCE_TYPES, STRENGTHS, Attribution
from .speakers import Run

__all__ = [
    "Attribution",
    "attributions",
    "speakers_summary",
    "speaker_verb_edges",
    "attribution_html",
    "SOURCE_TYPES",
    "STRENGTHS",
    "RULES",
    "JSON_FIELDS",
    "cue_forms",
]

# names the stance modules (markers.py, structure.py) and older code import from here
_cue_forms = cue_table
_perfect_forms = perfect_forms
_imperfect_forms = imperfect_forms
_base = strip_conjunction
_nodef = strip_article


# --- step 4: tidy up ----------------------------------------------------------------------


def _saying_participle(doc: Doc, k: int) -> int | None:
    """Index of a "saying" participle (قائلا، قائلة) right after the verb cue at token k (only spaces
    between), or None: "وتابع قائلا: …"، "وأضاف قائلاً إن …" are one statement, cued by both words."""
    if k < 0 or k + 1 >= len(doc.toks) or doc.gap(k + 1).strip() or doc.sent_of[k + 1] != doc.sent_of[k]:
        return None
    c = cue_table().get(doc.toks[k + 1].key)
    return k + 1 if c is not None and c.kind == "participle" and c.lemma in _SAYING else None


#: participle lemmas that only restate the verb before them (cue_participles.txt)
_SAYING = ("قائل",)


def _saying_noun(doc: Doc, k: int) -> int | None:
    """Index of "by saying" (بقولها، بالقول: function_words ``saying_after_verb``) after the verb cue at
    token k and its subject -- at most twelve words on, in the same sentence, commas allowed -- or None."""
    if k < 0:
        return None
    words = function_words("saying_after_verb")
    for n in range(k + 1, min(k + 13, len(doc.toks))):
        gap = doc.gap(n).strip()
        if doc.sent_of[n] != doc.sent_of[k] or gap not in ("", "،", ","):
            return None  # a comma may close the subject's apposition: "أشارت X سيدة أعمال …، بقولها" (round 8)
        t = doc.toks[n]
        if t.key in words:
            return n
        if COMPLEMENTISERS.match(t.mkey) or doc.is_verb(t.key) or (gap and t.key[:1] in "وف"):
            return None  # the content or another clause has begun: "وأكد … أن …، واختتم حديثه بقوله"
    return None


def _merge_saying(doc: Doc, out: list[Attribution]) -> list[Attribution]:
    """A verb cue and the participle قائلا right after it, or "by saying" after the verb and its subject,
    become one record whose cue spans from the verb to that word (gold README, batch 8: "واستطرد قائلا"
    and "وأضافت X بقولها" are one statement each, cued by the second word in batch 8 and by the verb
    before); the participle's own record is dropped."""
    drop: set[int] = set()
    tok_at = {t.start: n for n, t in enumerate(doc.toks)}
    for r in out:
        if r.cue_kind not in ("verb", "relay"):
            continue
        v = tok_at.get(r.cue_start, -1)
        k = _saying_participle(doc, v)
        if k is None:
            k = _saying_noun(doc, v)
        if k is None:
            continue
        t = doc.toks[k]
        drop.add(t.start)
        r.cue_end = t.end
        r.cue = doc.text[r.cue_start : t.end]
        if r.content_start <= t.start < r.content_end:  # the content starts after the participle
            start = t.end
            while start < r.content_end and (doc.text[start].isspace() or doc.text[start] in ":،,"):
                start += 1
            r.content_start = start
            r.content = doc.text[start : r.content_end]
    return [r for r in out if r.cue_start not in drop]


def _finish(doc: Doc, res: Resolver, out: list[Attribution]) -> list[Attribution]:
    """Sort; end each content where the next statement's cue starts; fill entity and source type."""
    text = doc.text
    out = _merge_saying(doc, out)
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
    cues = cue_events(doc)
    events = cues + headline_events(doc, cues)  # 1. cues
    events += mention_events(doc, {e[3][0] for e in events})  # 2. named persons (antecedents)
    events.sort(key=lambda e: (e[0], e[1]))
    run = Run(doc)
    for pos, _, kind, payload in events:  # 3. speakers, in text order
        if kind == "mention":
            run.mention(pos, *payload)
        elif kind == "prep":
            run.prep(pos, *payload)
        elif kind == "headline":
            run.headline(pos, *payload)
        elif kind == "impersonal":
            run.impersonal(pos, *payload)
        elif kind == "nominal":
            run.nominal(pos, *payload)
        elif payload[1].kind == "participle":
            run.participle(pos, *payload)
        else:
            run.verb(pos, *payload)
    return _finish(doc, run.res, run.out)  # 4. content ends, entities


from .views import attribution_html, speaker_verb_edges, speakers_summary  # noqa: E402  (re-exported)
