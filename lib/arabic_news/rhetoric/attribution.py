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
``arabic_news/data/rhetoric/`` with their sources.  Precision and recall on
hand-annotated passages are printed by ``bench/attribution.py``.

>>> from arabic_news import Article
>>> a = Article.from_text("وقال الوزير أحمد سالم إن الاتفاق مهم، مضيفًا أن التنفيذ سيبدأ قريبًا.")
>>> [(r.cue, r.speaker, r.speaker_id, r.source_type) for r in attributions(a)]
[('وقال', 'الوزير أحمد سالم', 'S1', 'named_person'), ('مضيفًا', 'الوزير أحمد سالم', 'S1', 'named_person')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..article import Article
from ..tokenise import sentence_spans
from ._lexicon import Token, load_table, mkey, rkey, tokens

__all__ = [
    "Attribution",
    "attributions",
    "speakers_summary",
    "speaker_verb_edges",
    "attribution_html",
    "SOURCE_TYPES",
    "STRENGTHS",
    "cue_forms",
]

SOURCE_TYPES = ("named_person", "office_title", "institution_document", "news_agency", "anonymous_collective")
STRENGTHS = ("assertive", "neutral", "evaluative", "distancing", "directive")
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

    def to_dict(self, *, full: bool = False) -> dict:
        """The JSON record (the documented fields, plus ``strength`` and ``implicit``; all with ``full``)."""
        d = asdict(self)
        if full:
            return d
        out = {k: d[k] for k in JSON_FIELDS}
        out["strength"] = self.strength
        out["implicit"] = self.implicit
        return out


# --- lexicon -----------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    lemma: str
    strength: str
    kind: str  # verb | participle | relay
    person: str  # m | f | du | pl
    tense: str  # perf | impf | part
    complements: tuple[str, ...] = ()
    takes_object: bool = False
    enclitic: bool = False


def _perfect_forms(p: str) -> list[tuple[str, str]]:
    if p.endswith("ى"):
        b = p[:-1]
        return [(p, "m"), (b + "ت", "f"), (b + "يا", "du"), (b + "تا", "du"), (b + "وا", "pl")]
    if p.endswith("ا"):
        b = p[:-1]
        return [(p, "m"), (b + "ت", "f"), (b + "وا", "du"), (b + "تا", "du"), (b + "وا", "pl")]
    return [(p, "m"), (p + "ت", "f"), (p + "ا", "du"), (p + "تا", "du"), (p + "وا", "pl")]


def _imperfect_forms(i: str) -> list[tuple[str, str]]:
    if not i or i == "-":
        return []
    s = i[1:]
    out = [("ي" + s, "m"), ("ت" + s, "f"), ("ي" + s + "ان", "du"), ("ت" + s + "ان", "du")]
    pl = s[:-1] + "ون" if s[-1] in "يىو" else s + "ون"
    out.append(("ي" + pl, "pl"))
    return out


def cue_forms() -> dict[str, _Cue]:
    """Map of retrieval keys of every cue form (without و/ف) to its description.

    >>> f = cue_forms()
    >>> f["اكدا"].person, f["يوكدون"].person, f["مشيرا"].kind, "تاكيد" in f
    ('du', 'pl', 'participle', False)
    """
    return dict(_cue_forms())


@lru_cache(maxsize=1)
def _cue_forms() -> dict[str, _Cue]:
    out: dict[str, _Cue] = {}
    for row in load_table("cue_verbs"):
        perf, impf, strength = row[0], row[1], row[2]
        comps = tuple(rkey(c) for c in row[3].split(",")) if len(row) > 3 and row[3] != "-" else ()
        obj = len(row) > 4 and row[4] == "y"
        for form, person in _perfect_forms(perf):
            out.setdefault(rkey(form), _Cue(perf, strength, "verb", person, "perf", comps, obj))
        for form, person in _imperfect_forms(impf):
            out.setdefault(rkey(form), _Cue(perf, strength, "verb", person, "impf", comps, obj))
        if obj:  # an object pronoun on a verb that takes an object: ووصفتها، أكده
            for form, person in _perfect_forms(perf) + _imperfect_forms(impf):
                base = form[:-1] + "و" if form.endswith("وا") else form
                if base.endswith("ى"):
                    base = base[:-1] + "ا"
                for enc in ("ه", "ها", "هم"):
                    out.setdefault(
                        rkey(base + enc),
                        _Cue(
                            perf,
                            strength,
                            "verb",
                            person,
                            "perf" if (form, person) in _perfect_forms(perf) else "impf",
                            comps,
                            obj,
                            enclitic=True,
                        ),
                    )
    for row in load_table("relay_verbs"):
        perf, impf, strength = row[0], row[1], row[2]
        for form, person in _perfect_forms(perf) + _imperfect_forms(impf):
            for enc in ("", "ه", "ها"):
                out.setdefault(rkey(form + enc), _Cue(perf, strength, "relay", person, "perf", (), True))
    for row in load_table("cue_participles"):
        base, strength = row[0], row[1]
        for suf, person in (("ا", "m"), ("يا", "m"), ("ة", "f")):
            out.setdefault(rkey(base + suf), _Cue(base, strength, "participle", person, "part"))
    return out


#: keys that are also common nouns: a cue only when written exactly (hamza kept)
_AMBIGUOUS = {"راي": "رأى"}


@lru_cache(maxsize=1)
def _prep_cues() -> list[tuple[tuple[str, ...], str, str]]:
    out = []
    for row in load_table("cue_prepositions"):
        ks = tuple(rkey(w) for w in row[0].split())
        out.append((ks, row[1], row[0]))
    out.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=1)
def _lex() -> dict:
    titles, generic, honor = set(), set(), set()
    for row in load_table("titles"):
        k = rkey(row[0])
        titles.add(k)
        titles.add(k[2:] if k.startswith("ال") else k)
        if len(row) > 1 and row[1] == "generic":
            generic.add(k if k.startswith("ال") else "ال" + k)
        if len(row) > 1 and row[1] == "honorific":
            honor.add(k)
    src: dict[str, str] = {}
    for row in load_table("source_nouns"):
        k = rkey(row[0])
        src.setdefault(k, row[1])
        if k.startswith("ال"):
            src.setdefault(k[2:], row[1])
    names = {rkey(w) for w in (r[0] for r in load_table("given_names"))}
    mnames = {mkey(w) for w in (r[0] for r in load_table("given_names"))}
    stops = {rkey(w) for w in (r[0] for r in load_table("np_stops"))}
    actions = set()
    for row in load_table("action_verbs"):
        for form, _ in _perfect_forms(row[0]) + _imperfect_forms(row[1]):
            actions.add(rkey(form))
    return {
        "titles": titles,
        "generic": generic,
        "honor": honor,
        "src": src,
        "names": names,
        "stops": stops,
        "actions": actions,
        "mnames": mnames,
        "docs": {rkey(r[0]) for r in load_table("document_nouns")},
    }


_NAME_BUILDERS = {"عبد", "ابو", "بن", "ابن", "ام"}
_COMPLEMENTISERS = re.compile(r"^(?:[وف])?(?:ب|ل)?(?:أن|إن|ان)(?:ه|ها|هم|هما|نا|ني|ي)?$")
_QUOTE_RE = re.compile(r"«[^»]*»|\"[^\"\n]*\"|“[^”\n]*”|„[^“”\n]*[“”]")
_NEG_BEFORE_IMPF = {"لم", "لن", "لا", "ان", "ما", "مما", "كي", "لكي", "قد", "وقد", "فقد", "سوف", "حتي", "من"}
_NEG_BEFORE_PERF: set[str] = set()  # (ما + perfect is "what X said" in news: وفق ما أفادت، بحسب ما ذكرت)


def _base(key: str) -> str:
    """Key without a و/ف conjunction prefix."""
    if len(key) > 3 and key[0] in "وف":
        return key[1:]
    return key


def _nodef(key: str) -> str:
    for p in ("وال", "فال", "بال", "لل", "ال"):
        if key.startswith(p) and len(key) - len(p) >= 2:
            return key[len(p) :]
    return key


# --- mentions and entities -------------------------------------------------------


@dataclass
class _Mention:
    i: int  # first token index
    j: int  # one past last token index
    start: int
    end: int
    text: str
    keys: tuple[str, ...]


@dataclass
class _Entity:
    mentions: list[_Mention] = field(default_factory=list)
    kind: str = "person"  # person | org | agency | anon
    source_type: str = "named_person"
    fem: bool = False
    sid: str = ""
    last: int = -1  # position of last mention / use

    @property
    def name(self) -> str:
        return max(self.mentions, key=lambda m: (len(m.keys), -m.start)).text


class _Doc:
    def __init__(self, text: str):
        self.text = text
        self.toks: list[Token] = tokens(text)
        self.sents = sentence_spans(text)
        self.sent_of = []
        si = 0
        for t in self.toks:
            while si < len(self.sents) - 1 and t.start >= self.sents[si][1]:
                si += 1
            self.sent_of.append(si)
        self.quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
        self.lex = _lex()

    def in_quote(self, pos: int) -> bool:
        return any(s < pos < e for s, e in self.quotes)

    def gap(self, i: int) -> str:
        """Characters between token i-1 and token i."""
        prev_end = self.toks[i - 1].end if i > 0 else 0
        return self.text[prev_end : self.toks[i].start]

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token index range [a, b) of the sentence of token i."""
        s = self.sent_of[i]
        a = i
        while a > 0 and self.sent_of[a - 1] == s:
            a -= 1
        b = i
        while b < len(self.toks) and self.sent_of[b] == s:
            b += 1
        return a, b

    # ---- noun phrases
    def is_stop(self, key: str, mk: str = "") -> bool:
        if mk and mk in self.lex["mnames"]:
            return False  # علي (Ali) is a name, على (on) a preposition
        st = self.lex["stops"]
        return key in st or _base(key) in st or bool(_COMPLEMENTISERS.match(key))

    def np_at(
        self, i: int, end: int, *, complements: tuple[str, ...] = (), max_len: int = 10, split_titles: bool = False
    ) -> int:
        """End index (exclusive) of the noun phrase starting at token i (i if none)."""
        lex = self.lex
        j = i
        seen_name = False
        while j < end and j - i < max_len:
            t = self.toks[j]
            prev_tok = self.toks[j - 1] if j > 0 else None
            if (
                seen_name
                and j > i
                and t.key.startswith("ال")
                and (
                    t.mkey.endswith("ة")
                    or (
                        prev_tok.key.startswith("ال")
                        and prev_tok.key not in lex["honor"]
                        and self.toks[j - 2].key not in _NAME_BUILDERS
                    )
                    or (
                        not t.key.endswith("ي")
                        and prev_tok.key not in lex["names"]
                        and prev_tok.key not in _NAME_BUILDERS
                        and not prev_tok.key.startswith("ال")
                        and self.head_class(prev_tok.key) is None
                    )
                )
            ):
                return j  # "الأمير محمد بن نايف الجلسة": a definite noun after a full name is the object
            if t.key in lex["names"] or (t.key.startswith("عبد") and len(t.key) >= 6):
                seen_name = True
            if j > i:
                g = self.gap(j)
                if "(" in g:
                    # a short parenthetical (an acronym) belongs to the phrase, then it ends
                    close = self.text.find(")", self.toks[j].start)
                    k = j
                    while k < end and self.toks[k].end <= close:
                        k += 1
                    if close != -1 and k - j <= 4:
                        return k
                    return j
                if any(c in g for c in '«"“”»') and not any(c in g for c in "،,:;.!?"):
                    closing = next(
                        (
                            (q0, q1)
                            for q0, q1 in self.quotes
                            if q0 < self.toks[j - 1].start and self.toks[j - 1].end < q1 <= self.toks[j].start
                        ),
                        None,
                    )
                    if closing is not None and j - 1 > i:
                        j += 1  # the word after a quoted adjective
                        continue
                    q = next(((q0, q1) for q0, q1 in self.quotes if q0 <= self.toks[j].start < q1), None)
                    if (
                        q is not None
                        and j + 1 < end
                        and self.toks[j].end < q[1] <= self.toks[j + 1].start
                        and not self.text[q[1] : self.toks[j + 1].start].strip()
                        and not self.is_stop(self.toks[j + 1].key, self.toks[j + 1].mkey)
                    ):
                        j += 1  # وزير الحرب "الإسرائيلي" إيهود باراك: a quoted one-word adjective
                        continue
                    return j
                if any(c in g for c in '،,:;«"“”»؛.!?)-–—'):
                    return j
            key = t.key
            if self.in_quote(t.start):
                return j
            if j > i or True:
                prev = self.toks[j - 1].key if j > 0 else ""
                if key == "عن" and _nodef(prev) in ("صادر", "صادره"):
                    j += 1
                    continue
                if key == "في" and j > i and j + 1 < end:
                    nk = _nodef(self.toks[j + 1].key)
                    definite = self.toks[j + 1].key.startswith("ال")
                    construct = j + 2 < end and self.toks[j + 2].key.startswith("ال")
                    if (
                        lex["src"].get(nk) == "institution_document"
                        and nk not in lex["docs"]
                        and (definite or construct)
                        and _nodef(self.toks[j - 1].key) not in lex["src"]
                    ) or (j + 2 < end and self.toks[j + 2].key in lex["names"]):
                        j += 1  # المسؤول في الحلف / ممثلة المنظمة في السودان نعيمة ...
                        continue
                if key == "من" and j == i + 1 and _nodef(_base(self.toks[i].key)) in ("عدد", "بعض", "احد", "مجموعه"):
                    j += 1
                    continue
                if (
                    key in ("الي", "لدي", "في")
                    and j > i
                    and j + 2 < end
                    and _nodef(_base(self.toks[i].key)) in lex["titles"]
                ):
                    x, y = self.toks[j + 1], self.toks[j + 2]
                    if (
                        (x.key.startswith("ال") or _nodef(x.key) in lex["src"])
                        and _nodef(x.key) not in lex["docs"]
                        and not y.key.startswith(("ال", "لل", "ب"))
                        and not self.is_stop(y.key, y.mkey)
                        and y.key not in _cue_forms()
                        and len(y.key) >= 3
                        and not any(c in self.gap(j + 2) + self.gap(j + 1) for c in '،,:;«"“()')
                    ):
                        j += 2  # المبعوث الأممي إلى اليمن هانس غروندبرغ
                        continue
                if key == "العام" and j > i and _nodef(self.toks[j - 1].key) in lex["titles"]:
                    j += 1  # الأمين العام، المدعي العام: part of the title, not "the year"
                    continue
                if self.is_stop(key, t.mkey) or len(key) < 2:
                    return j
                if (
                    key in _cue_forms()
                    or _base(key) in _cue_forms()
                    or key in lex["actions"]
                    or _base(key) in lex["actions"]
                ):
                    if j > i:
                        return j
                for c in complements:
                    if (
                        j > i
                        and c in ("ب", "ل")
                        and key.startswith(c)
                        and len(key) > 3
                        and not key.startswith(("باسم", "لل"))
                    ):
                        return j
                # ل/ب + a media noun: "قال الوزير لقناة ..." ends the phrase
                if (
                    j > i
                    and key[:1] in ("ل", "ب")
                    and _nodef(key[1:]) in lex["src"]
                    and lex["src"][_nodef(key[1:])] == "news_agency"
                ):
                    return j
                if (
                    split_titles
                    and j > i + 1
                    and _nodef(_base(key)) in lex["titles"]
                    and key not in lex["honor"]
                    and _nodef(self.toks[j - 1].key) not in lex["titles"]
                    and self.toks[j - 1].key not in _NAME_BUILDERS
                ):
                    return j
                if j > i and key.startswith(("و", "ف")) and len(key) > 3 and _nodef(key) in lex["titles"]:
                    return j  # coordination of a second person: ونظيره ...
            j += 1
        return j

    def head_class(self, key: str) -> str | None:
        """'title' / source type / 'name' / None for a head word."""
        lex = self.lex
        forms = [key, _base(key), _nodef(key)]
        if key[:1] in ("ل", "ب") and len(key) > 3 and not key.startswith("لل"):
            forms.append(key[1:])
        for k in forms:
            if k in lex["src"]:
                return lex["src"][k]
        for k in (key, _base(key), _nodef(key)):
            if k in lex["titles"]:
                return "title"
            if k in lex["names"] or (k.startswith("عبد") and len(k) >= 6):
                return "name"  # (عبدالله، عبدالمنعم: a joined 'abd- name)
        return None

    def mention(self, i: int, j: int) -> _Mention:
        i2 = i
        s = self.toks[i].start
        key0 = self.toks[i].key
        # drop a و/ف (and a ل of وفقًا لـ) prefix from the span
        raw = self.toks[i].text
        if key0[:1] in ("و", "ف") and _base(key0) != key0 and self.head_class(_base(key0)):
            s += raw.index(key0[1]) if key0[1] in raw else 1
        end = self.toks[j - 1].end
        # include a closing parenthesis of an acronym
        if end < len(self.text) and self.text[end] == ")":
            end += 1
        keys = tuple(_nodef(self.toks[k].key) for k in range(i2, j))
        return _Mention(i, j, s, end, self.text[s:end], keys)


# --- the resolver ----------------------------------------------------------------


class _Resolver:
    def __init__(self, doc: _Doc):
        self.doc = doc
        self.entities: list[_Entity] = []
        self.speakers: list[_Entity] = []  # in order of speaking
        self.n_ids = 0

    def classify(self, m: _Mention) -> tuple[str, str, bool]:
        doc, lex = self.doc, self.doc.lex
        head = doc.toks[m.i].key
        hc = doc.head_class(head)
        fem = _nodef(head).endswith("ه") or _nodef(head).endswith("ت")
        has_name = any(k in lex["names"] or (k.startswith("عبد") and len(k) >= 6) for k in m.keys)
        if hc in ("institution_document", "news_agency", "anonymous_collective"):
            kind = {"institution_document": "org", "news_agency": "agency", "anonymous_collective": "anon"}[hc]
            if hc in ("institution_document", "anonymous_collective") and has_name:
                return "person", "named_person", fem  # القيادي في حماس حسام بدران: a named person
            return kind, hc, fem
        if hc == "name" or has_name:
            return "person", "named_person", fem
        if hc is None:
            hk = _nodef(head)
            if (len(hk) >= 5 and hk.endswith("ون")) or (len(hk) >= 6 and hk.endswith("ين") and hk[0] == "م"):
                return "anon", "anonymous_collective", fem  # متظاهرون، متسلقون: an unnamed group
            if head.startswith(("ال", "وال", "فال")) and len(m.keys) >= 2 and doc.toks[m.i + 1].key.startswith("ال"):
                return "org", "institution_document", fem  # الصليب الأحمر، الولايات المتحدة
            if len(m.keys) >= 2 and doc.toks[m.i].mkey.endswith("ة"):
                return "org", "institution_document", fem  # مفوضية الانتخابات، نقابة أصحاب ...: a body, not a person
        if hc == "title":
            if any(doc.toks[k].key in lex["honor"] for k in range(m.i, m.j - 1)):
                return "person", "named_person", fem  # الدكتور عائض ...: an honorific precedes a name
            definite = head.startswith(("ال", "وال", "فال")) or _idafa_definite(doc, m)
            last = doc.toks[m.j - 1].key
            lm = doc.toks[m.j - 1].mkey
            if (
                len(m.keys) >= 3
                and not lm.startswith(("ال", "لل", "بال", "وال"))
                and not doc.is_stop(last)
                and (doc.head_class(last) is None or (lm.startswith("أل") and last not in lex["src"]))
            ):
                return "person", "named_person", fem
            if _nodef(head) in ("نظير", "نظيره", "نظيرها", "نظيرته"):
                return "person", "office_title", fem
            if not definite:
                return "person", "anonymous_collective", fem
            return "person", "office_title", fem
        return "person", "named_person", fem

    def _score(self, m: _Mention, e: _Entity, kind: str) -> float:
        lex = self.doc.lex
        if e.kind != kind and not (kind == "person" and e.kind == "person"):
            return 0.0
        ekeys = {k for em in e.mentions for k in em.keys}
        score = 0.0
        # an earlier short name now given in full (headline "سعيد يتهم ..." then "الرئيس التونسي قيس سعيد")
        mk = set(m.keys)
        for em in e.mentions:
            if (
                len(em.keys) <= 2
                and set(em.keys) <= mk
                and any(k not in lex["titles"] and k not in lex["src"] for k in em.keys)
            ):
                score += 3.0
                break
        for n, k in enumerate(m.keys):
            is_title = k in lex["titles"] or k in lex["src"]
            if k in ekeys:
                score += 0.5 if k in _NAME_BUILDERS else (1.0 if is_title or n == 0 else 2.0)
            elif not is_title and not self.doc.is_stop(k) and k not in ("باسم",):
                score -= 1.0
        return score

    def resolve(self, m: _Mention, pos: int) -> _Entity:
        doc = self.doc
        kind, stype, fem = self.classify(m)
        head = doc.toks[m.i].key
        indefinite = (
            not head.startswith(("ال", "وال", "فال"))
            and doc.head_class(head) in ("title", "anonymous_collective")
            and not (len(m.keys) > 1 and doc.toks[m.i + 1].key.startswith("ال"))
            and stype != "named_person"
        )
        best, best_s = None, 0.99
        generic = ("ال" + _nodef(head)) in doc.lex["generic"] and head.startswith(("ال", "وال", "فال"))
        for e in self.entities:
            if indefinite and not any(em.keys == m.keys for em in e.mentions):
                continue
            s = self._score(m, e, kind)
            if generic and e.kind == "person" and e.source_type != "anonymous_collective":
                s += 1.0
            if s > best_s or (s == best_s and best is not None and e.last > best.last):
                best, best_s = e, s
        if best is None:
            best = _Entity(kind=kind, source_type=stype, fem=fem)
            self.entities.append(best)
        elif stype == "named_person" and best.source_type == "office_title" and kind == "person":
            best.source_type = stype
        best.mentions.append(m)
        best.last = pos
        return best

    def sid(self, e: _Entity) -> str:
        if not e.sid:
            self.n_ids += 1
            e.sid = f"S{self.n_ids}"
        return e.sid

    def spoke(self, e: _Entity, pos: int) -> None:
        e.last = pos
        if e in self.speakers:
            self.speakers.remove(e)
        self.speakers.append(e)

    def antecedent(self, person: str, *, sent_first: _Entity | None = None) -> list[_Entity]:
        if person == "du":
            people = sorted((e for e in self.entities if e.kind == "person"), key=lambda e: e.last)
            if len(people) >= 2:
                return people[-2:]
        if sent_first is not None:
            return [sent_first]
        pool = list(reversed(self.speakers)) or sorted(self.entities, key=lambda e: -e.last)
        if person in ("m", "f"):
            for e in pool:
                if e.fem == (person == "f"):
                    return [e]
        return pool[:1]


# --- main ----------------------------------------------------------------------------


def _content(doc: _Doc, k: int, end_tok: int, cue_tok: int) -> tuple[int, int]:
    """Content span from token k: the أن-clause or a quotation up to the sentence end."""
    toks, text = doc.toks, doc.text
    a, b = doc.sent_bounds(cue_tok)
    sent_end_char = doc.sents[doc.sent_of[cue_tok]][1]
    # a quotation or colon right after
    search_from = toks[k - 1].end if k > 0 else 0
    for q0, q1 in doc.quotes:
        if search_from <= q0 < (toks[k].start if k < len(toks) else len(text)) + 1 and q0 < sent_end_char + 1:
            return q0, max(q1, min(sent_end_char, q1))
    for n in range(k, min(b, k + 12)):
        if _COMPLEMENTISERS.match(toks[n].mkey):
            return toks[n].start, _trim_end(text, toks[n].start, sent_end_char)
        if doc.in_quote(toks[n].start):
            break
    if k >= b:
        return -1, -1
    # skip a comma-delimited adverbial right after the speaker ("، اليوم الأربعاء،")
    if "،" in doc.gap(k) or "," in doc.gap(k):
        n = k
        while (
            n < b
            and n - k < 5
            and doc.is_stop(toks[n].key)
            or (n < b and n > k and n - k < 5 and "،" not in doc.gap(n) and _nodef(toks[n].key) in _lex()["stops"])
        ):
            n += 1
        if n < b and n > k and ("،" in doc.gap(n) or "," in doc.gap(n)):
            k = n
    start = toks[k].start
    return start, _trim_end(text, start, sent_end_char)


def _trim_end(text: str, start: int, end: int) -> int:
    # a quotation that opens before end and closes after it extends the content
    for m in _QUOTE_RE.finditer(text, start):
        if m.start() < end < m.end():
            end = m.end()
        if m.start() > end:
            break
    return end


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
    if isinstance(article, Article):
        text = article.text
    elif isinstance(article, str):
        text = article
    else:
        raise TypeError(f"expected an Article or str, got {type(article).__name__}")
    doc = _Doc(text)
    toks = doc.toks
    forms = _cue_forms()
    lex = doc.lex
    res = _Resolver(doc)
    events: list[tuple[int, int, str, tuple]] = []  # (pos, order, kind, payload)

    # 1. cues
    n = len(toks)
    for i, t in enumerate(toks):
        if doc.in_quote(t.start):
            continue
        # prepositional sources
        pm = _match_prep(doc, i)
        if pm is not None:
            j, strength, lemma, np_start = pm
            events.append((t.start, 1, "prep", (i, j, strength, lemma, np_start)))
            continue
        k = t.key
        cue = forms.get(k)
        cue_key = k
        if cue is None and _base(k) != k:
            cue = forms.get(_base(k))
            cue_key = _base(k)
        if cue is None:
            continue
        if cue_key in _AMBIGUOUS and _base(t.mkey) != _AMBIGUOUS[cue_key]:
            continue
        if cue.enclitic and t.mkey.endswith("ة"):
            continue  # دعاة "preachers", إضافة "addition": a ta marbuta, not the pronoun ـه
        prev = toks[i - 1].key if i > 0 and doc.sent_of[i - 1] == doc.sent_of[i] else ""
        nxt = toks[i + 1].key if i + 1 < n else ""
        if cue.tense == "impf" and (prev in _NEG_BEFORE_IMPF or _base(prev) in _NEG_BEFORE_IMPF):
            continue
        if cue.tense == "perf" and prev in _NEG_BEFORE_PERF:
            continue
        if cue.tense == "impf" and cue.person == "m" and cue.lemma in ("ذكر", "أشار") and nxt in ("ان", "الي", "انه"):
            continue  # يذكر أن / يشار إلى أن: passive formula, no speaker
        if cue.tense == "impf" and cue.takes_object and nxt in _DEMONSTRATIVES:
            continue  # وتعتبر تلك الزيارة ...: passive "is considered", no speaker
        if (
            cue.kind == "participle"
            and cue.person == "f"
            and not (nxt in ("ان", "الي", "علي", "ب") or _COMPLEMENTISERS.match(toks[i + 1].mkey if i + 1 < n else ""))
        ):
            continue
        if cue.kind == "participle":
            # a participle needs a clause before it in its sentence
            a, _ = doc.sent_bounds(i)
            if i - a < 3:
                continue
        a0, _ = doc.sent_bounds(i)
        no_gap = i > a0 and not doc.gap(i).strip()  # any punctuation or symbol before the cue is a boundary
        if (
            cue.kind == "verb"
            and cue.tense == "perf"
            and cue_key == k
            and no_gap
            and prev not in _PERF_PRECEDERS
            and not (prev.endswith("ما") and len(prev) >= 4)
            and not _COMPLEMENTISERS.match(toks[i - 1].mkey)
            and _subject_before(doc, i, a0) is None
        ):
            continue  # "بتقديم كشف حساب": a noun that looks like a perfect verb
        if (
            cue.kind == "verb"
            and cue.tense == "impf"
            and no_gap
            and _COMPLEMENTISERS.match(toks[i - 1].mkey)
            and toks[i - 1].key not in ("ان", "وان", "فان")
        ):
            continue  # "لأنهم يدعون": an embedded clause with a pronoun subject, not a report
        if cue.kind in ("verb", "relay") and no_gap and prev in _RELATIVES and not _relative_antecedent(doc, i - 1, a0):
            continue  # "اللافتات التي تدعو": a thing, not a speaker
        if (
            cue.kind == "verb"
            and i >= 2
            and doc.sent_of[i - 2] == doc.sent_of[i]
            and prev.startswith("ال")
            and _COMPLEMENTISERS.match(toks[i - 2].mkey)
            and doc.head_class(prev) is None
            and not any(c in doc.gap(i) + doc.gap(i - 1) for c in '،,:«"“')
        ):
            continue  # "أن التحريات كشفت ...": the verb's subject is a thing, not a speaker
        events.append((t.start, 1, "cue", (i, cue)))

    # 2. free person mentions (names) for antecedents
    cue_tok = {e[3][0] for e in events}
    i = 0
    while i < n:
        t = toks[i]
        if i in cue_tok or doc.in_quote(t.start):
            i += 1
            continue
        hc = doc.head_class(t.key)
        if hc in ("title", "name") and _base(t.key) not in lex["honor"] or (hc == "title"):
            _, b = doc.sent_bounds(i)
            j = doc.np_at(i, b, split_titles=True, max_len=8)
            if j > i:
                m = doc.mention(i, j)
                if any(k in lex["names"] for k in m.keys) and doc.toks[i].key not in lex["src"]:
                    events.append((t.start, 0, "mention", (m,)))
                i = j
                continue
        i += 1
    events.sort(key=lambda e: (e[0], e[1]))

    out: list[Attribution] = []
    explicit_spans: list[tuple[int, int]] = []
    for pos, _, kind, payload in events:
        if kind == "mention":
            m = payload[0]
            if any(s <= m.start < e for s, e in explicit_spans):
                continue
            res.resolve(m, pos)
            continue
        if kind == "prep":
            i, j, strength, lemma, np_start = payload
            a, b = doc.sent_bounds(i)
            npe = doc.np_at(np_start, b, max_len=8)
            if npe <= np_start:
                continue
            m = doc.mention(np_start, npe)
            m = _strip_li(doc, m, np_start)
            e = res.resolve(m, pos)
            res.spoke(e, pos)
            explicit_spans.append((m.start, m.end))
            # content: after the phrase (skipping فإن/، ) when the source opens the sentence, else before it
            if i - a <= 1 and npe < b:
                cs, ce = _content(doc, npe, b, i)
            else:
                cs = toks[a].start
                ce = toks[i - 1].end if i > a else toks[i].start
            out.append(
                _record(
                    doc,
                    res,
                    toks[i],
                    t_end=toks[j - 1].end,
                    mention=m,
                    entity=e,
                    cs=cs,
                    ce=ce,
                    strength=strength,
                    lemma=lemma,
                    kind="preposition",
                    implicit=False,
                )
            )
            continue
        i, cue = payload
        t = toks[i]
        a, b = doc.sent_bounds(i)
        if cue.kind == "participle":
            prev_same = [r for r in out if a <= _tok_index(doc, r.cue_start) < i and r.cue_kind != "relay"]
            if prev_same:
                e = next(x for x in res.entities if x.sid == prev_same[-1].speaker_id)
                ents = [e]
            elif _action_subject(doc, res, a, i, pos, register=False) is not None:
                ents = [_action_subject(doc, res, a, i, pos)]
            else:
                first = [x for x in res.entities if any(a <= mm.i < i for mm in x.mentions)]
                first.sort(key=lambda x: min(mm.i for mm in x.mentions if a <= mm.i < i))
                ents = res.antecedent(cue.person, sent_first=first[0] if first else None)
            cs, ce = _content(doc, i + 1, b, i)
            for e in ents:
                out.append(_implicit_record(doc, res, t, e, cue, cs, ce, pos))
            continue
        # explicit subject after the verb?
        j0 = i + 1
        subj = None
        # SVO: a subject before the cue (headline "العراق يؤكد ...", "وكان الوزير قد أكد")
        sv = _subject_before(doc, i, a)
        rel = _relative_antecedent(doc, i - 1, a) if i > a and toks[i - 1].key in _RELATIVES else None
        if rel is not None:
            subj = rel[0], doc.np_at(rel[0], i - 1, max_len=8)
        elif sv is not None:
            subj = sv
        elif j0 + 1 < b and toks[j0].key == "ل" and cue.lemma in ("قال", "صرح", "أكد", "أوضح", "كشف"):
            # قال لـ"الاقتصادية" فلان ...: skip the outlet the statement was made to
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
                    subj = (k, j)
        elif j0 < b and not any(c in doc.gap(j0) for c in '،,:«"“'):
            j = doc.np_at(j0, b, complements=cue.complements, max_len=14)
            if j > j0:
                head = toks[j0].key
                recognised = doc.head_class(head) is not None or any(
                    _nodef(head) in {k for em in en.mentions for k in em.keys} for en in res.entities
                )
                follows = toks[j].mkey if j < b else ""
                is_cue = (
                    head in _cue_forms()
                    or _base(head) in _cue_forms()
                    or len(head) < 2
                    or (
                        head.startswith("ل")
                        and head not in lex["names"]
                        and head not in lex["titles"]
                        and head not in lex["src"]
                    )
                )
                j = _shrink_to_known(doc, res, j0, j)
                if cue.takes_object:
                    j = _cut_object(doc, j0, j)
                if not is_cue and (recognised or not cue.takes_object or _COMPLEMENTISERS.match(follows)):
                    subj = (j0, j)
        content_from = subj[1] if subj and subj[0] > i else i + 1
        cs, ce = _content(doc, content_from, b, i)
        if subj is None:
            if cue.kind == "relay":
                continue
            act = _action_subject(doc, res, a, i, pos) if cue.person != "du" else None
            if act is None and cue.person == "pl":
                act = _plural_group(doc, res, a, i, pos)
            ents = [act] if act is not None else res.antecedent(cue.person)
            for e in ents:
                out.append(_implicit_record(doc, res, t, e, cue, cs, ce, pos))
            continue
        m = doc.mention(*subj)
        e = res.resolve(m, pos)
        res.spoke(e, pos)
        explicit_spans.append((m.start, m.end))
        out.append(
            _record(
                doc,
                res,
                t,
                t_end=t.end,
                mention=m,
                entity=e,
                cs=cs,
                ce=ce,
                strength=cue.strength,
                lemma=cue.lemma,
                kind=cue.kind,
                implicit=False,
            )
        )
        if cue.kind == "relay":
            # نقلت وكالة X عن Y قوله ...
            k = subj[1]
            while k < b and k < subj[1] + 3 and toks[k].key != "عن":
                k += 1
            if k < b and toks[k].key == "عن" and k + 1 < b:
                j2 = doc.np_at(k + 1, b, max_len=8)
                if j2 > k + 1:
                    m2 = doc.mention(k + 1, j2)
                    e2 = res.resolve(m2, toks[k].start)
                    res.spoke(e2, toks[k].start)
                    explicit_spans.append((m2.start, m2.end))
                    cs2, ce2 = _content(doc, j2, b, i)
                    out.append(
                        _record(
                            doc,
                            res,
                            toks[k],
                            t_end=toks[k].end,
                            mention=m2,
                            entity=e2,
                            cs=cs2,
                            ce=ce2,
                            strength=cue.strength,
                            lemma="نقل عن",
                            kind="relay_source",
                            implicit=False,
                        )
                    )
    out.sort(key=lambda r: (r.cue_start, r.speaker_start))
    # a content span ends where the next statement's cue starts ("..., مضيفًا أن ...")
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
        e = next(x for x in res.entities if x.sid == r.speaker_id)
        r.entity = e.name
        r.source_type = e.source_type
    return out


def _idafa_definite(doc: _Doc, m: _Mention) -> bool:
    """Is an indefinite-looking title head made definite by its construct chain (رئيس هيئة شؤون الأسرى)?

    The chain runs through bare nouns; a nisba adjective (روسي) or a preposition (باسم) ends it.
    """
    for k in range(m.i + 1, m.j):
        key = doc.toks[k].key
        if key.startswith(("ال", "لل")):
            return True
        if key.startswith(("ب", "ل")) or key.endswith("ي") or doc.is_stop(key):
            return False
    return False


def _shrink_to_known(doc: _Doc, res: _Resolver, i: int, j: int) -> int:
    """ "ودعا غوتيريش مجلس الأمن": a known surname at the head ends where the known name ends."""
    head = _nodef(doc.toks[i].key)
    if doc.head_class(doc.toks[i].key) is not None:
        return j
    for e in res.entities:
        if e.kind != "person":
            continue
        ek = {k for m in e.mentions for k in m.keys}
        if head in ek:
            k = i
            while k < j and _nodef(doc.toks[k].key) in ek:
                k += 1
            return k
    return j


def _action_subject(doc: _Doc, res: _Resolver, a: int, i: int, pos: int, *, register: bool = True):
    """The subject of an action verb earlier in the sentence ("التقى X ...، وأكد"), as an entity."""
    lex = doc.lex
    for n in range(a, i):
        k = doc.toks[n].key
        if k in lex["actions"] or _base(k) in lex["actions"]:
            j = doc.np_at(n + 1, i, split_titles=True, max_len=8)
            if j > n + 1 and doc.head_class(doc.toks[n + 1].key) is not None:
                if not register:
                    return True
                m = doc.mention(n + 1, j)
                # reuse the entity if this mention is already registered
                for e in res.entities:
                    if any(mm.start == m.start for mm in e.mentions):
                        return e
                return res.resolve(m, pos)
            return None
    return None


def _cut_object(doc: _Doc, i: int, j: int) -> int:
    """ "أكدت منظمة الصحة العالمية تسجيل ...": after a definite word, an indefinite word that is
    neither a name nor a title starts the verb's object, not the subject."""
    lex = doc.lex
    for k in range(i + 1, j):
        prev, key = doc.toks[k - 1].key, doc.toks[k].key
        if (
            prev.startswith(("ال", "وال"))
            and not key.startswith(("ال", "وال", "لل", "ب", "ل"))
            and key not in lex["names"]
            and doc.head_class(key) is None
            and _nodef(prev) not in lex["titles"]
        ):
            nxt = doc.toks[k + 1].key if k + 1 < j else ""
            masdar_like = len(key) >= 4 and (key[0] in "تام" or key.endswith("ه"))
            if masdar_like or nxt.startswith("ال") or k + 1 == j and len(key) >= 4:
                return k
    return j


def _plural_group(doc: _Doc, res: _Resolver, a: int, i: int, pos: int):
    """For a plural verb with no subject (وقالوا): the nearest plural group earlier in its sentence."""
    for n in range(i - 1, a - 1, -1):
        for e in res.entities:
            if e.kind == "anon" and any(mm.i <= n < mm.j for mm in e.mentions):
                return e  # a group that already spoke in this sentence (رحب نواب معارضون ...، واعتبروا)
        k = _nodef(_base(doc.toks[n].key))
        hc = doc.head_class(doc.toks[n].key)
        if hc == "anonymous_collective" or (hc is None and len(k) >= 5 and k.endswith("ون")):
            while (
                n - 1 >= a
                and not doc.gap(n).strip()
                and (
                    doc.head_class(doc.toks[n - 1].key) == "anonymous_collective"
                    or (len(_nodef(doc.toks[n - 1].key)) >= 5 and _nodef(doc.toks[n - 1].key).endswith("ون"))
                )
            ):
                n -= 1  # the start of the group phrase (قياديون معارضون)
            j = doc.np_at(n, i, complements=("ب", "ل"), max_len=6)
            if j > n:
                m = doc.mention(n, j)
                for e in res.entities:
                    if any(mm.start == m.start for mm in e.mentions):
                        return e
                return res.resolve(m, pos)
    return None


def _tok_index(doc: _Doc, start: int) -> int:
    for n, t in enumerate(doc.toks):
        if t.start <= start < t.end:
            return n
    return -1


def _subject_before(doc: _Doc, i: int, a: int) -> tuple[int, int] | None:
    """SVO subject: a recognised noun phrase between the sentence start (or كان) and the cue."""
    toks = doc.toks
    k = i - 1
    if k >= a and toks[k].key in ("قد", "وقد", "فقد", "لقد"):
        k -= 1
    if k < a:
        return None
    start = a
    for n in range(a, k + 1):
        if toks[n].key in _SV_OPENERS:
            start = n + 1
    if start > k or k - start > 6:
        return None
    if start > a and toks[start - 1].key not in _SV_OPENERS:
        return None
    if any(doc.gap(n).strip() for n in range(start + 1, i + 1)):
        return None  # punctuation or a dateline dash ("القاهرة - قال ...") separates it from the cue
    cf, acts = _cue_forms(), doc.lex["actions"]
    if any(
        toks[n].key in cf or _base(toks[n].key) in cf or toks[n].key in acts or _base(toks[n].key) in acts
        for n in range(start, k + 1)
    ):
        return None
    head = toks[start].key
    headline = doc.sent_of[i] == 0 and "\n" in doc.text.strip() and start == a and k - start <= 2
    kana_qad = (
        start > a and toks[start - 1].key in ("كان", "وكان", "كانت", "وكانت") and toks[i - 1].key in ("قد", "وقد")
    )
    if doc.head_class(head) is None and not headline and not (kana_qad and k - start <= 5):
        return None  # (a headline "X يفعل ..." is subject-verb by convention, even for an unknown name)
    if any(
        doc.is_stop(toks[n].key, toks[n].mkey) and not (toks[n].key == "من" and n > start) for n in range(start, k + 1)
    ):
        return None
    return (start, k + 1)


_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هولاء", "اولئك"})
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي"})
_PERF_PRECEDERS = frozenset(
    {
        "قد",
        "لقد",
        "فقد",
        "وقد",
        "كما",
        "ثم",
        "حيث",
        "بعدما",
        "عندما",
        "حين",
        "بعد",
        "قبل",
        "اذ",
        "ما",
        "لما",
        "كان",
        "وكان",
        "فيما",
        "بينما",
        "كلما",
        "لو",
        "اذا",
        "ان",
        "انه",
        "انها",
        "لكنه",
        "لكنها",
        "ولكنه",
        "ولكنها",
    }
    | _RELATIVES
)


def _relative_antecedent(doc: _Doc, r: int, a: int) -> tuple[int, int] | None:
    """The speaker phrase before a relative pronoun (الوزير الذي أكد ...), if it is one."""
    k = r - 1
    best = None
    while k >= a and r - k <= 6:
        if k + 1 < r and any(c in doc.gap(k + 1) for c in '،,:;«"“()'):
            break
        if doc.head_class(doc.toks[k].key) is not None:
            best = k
        k -= 1
    return (best, r) if best is not None else None


_SV_OPENERS = frozenset(
    {"كان", "وكان", "كانت", "وكانت", "فيما", "بينما", "حين", "اذ", "ان", "لكن", "ولكن", "اما", "واما"}
)


def _strip_li(doc: _Doc, m: _Mention, i: int) -> _Mention:
    """وفقًا لتقارير: the mention starts after the attached ل."""
    raw = doc.toks[i].text
    if not raw.startswith("ل") or raw.startswith("لل") or m.start != doc.toks[i].start:
        return m
    return _Mention(m.i, m.j, m.start + 1, m.end, doc.text[m.start + 1 : m.end], m.keys)


def _match_prep(doc: _Doc, i: int):
    toks = doc.toks
    t = toks[i]
    first_forms = [t.key, _base(t.key)]
    for ks, strength, lemma in _prep_cues():
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
        if nxt >= len(toks) or toks[nxt].key in ("ما", "الاصول"):
            return None
        if t.key == "فحسب":
            return None
        return nxt, strength, lemma, nxt
    return None


def _record(doc, res, t, *, t_end, mention, entity, cs, ce, strength, lemma, kind, implicit) -> Attribution:
    text = doc.text
    sid = res.sid(entity)
    return Attribution(
        cue=text[t.start : t_end],
        cue_start=t.start,
        cue_end=t_end,
        speaker=mention.text,
        speaker_start=mention.start,
        speaker_end=mention.end,
        speaker_id=sid,
        source_type=entity.source_type,
        content=text[cs:ce] if cs >= 0 else "",
        content_start=cs,
        content_end=ce,
        strength=strength,
        lemma=lemma,
        cue_kind=kind,
        implicit=implicit,
    )


def _implicit_record(doc, res, t, e: _Entity, cue: _Cue, cs, ce, pos) -> Attribution:
    m = max((mm for mm in e.mentions if mm.start < t.start), key=lambda mm: mm.start, default=e.mentions[-1])
    r = _record(
        doc,
        res,
        t,
        t_end=t.end,
        mention=m,
        entity=e,
        cs=cs,
        ce=ce,
        strength=cue.strength,
        lemma=cue.lemma,
        kind=cue.kind,
        implicit=True,
    )
    r.speaker = e.name
    res.spoke(e, pos)
    return r


def speakers_summary(records: Iterable[Attribution] | Article | str) -> list[dict]:
    """Who said what: one row per speaker (``speaker_id``), in order of first appearance.

    Parameters
    ----------
    records : list of Attribution, or an Article / str (then :func:`attributions` is run)

    Returns
    -------
    list of dict
        ``speaker_id``, ``speaker`` (fullest name), ``source_type``, ``n`` (statements),
        ``cues`` (lemmas in order), ``strengths`` (count per strength class),
        ``mentions`` (distinct surface forms), ``contents`` (what was said).

    Examples
    --------
    >>> rows = speakers_summary("قال الوزير أحمد سالم إن الاتفاق مهم. وأكد سالم أن التنفيذ قريب.")
    >>> rows[0]["speaker_id"], rows[0]["n"], rows[0]["cues"]
    ('S1', 2, ['قال', 'أكد'])
    """
    if isinstance(records, (Article, str)):
        records = attributions(records)
    rows: dict[str, dict] = {}
    for r in records:
        row = rows.setdefault(
            r.speaker_id,
            {
                "speaker_id": r.speaker_id,
                "speaker": r.entity or r.speaker,
                "source_type": r.source_type,
                "n": 0,
                "cues": [],
                "strengths": {},
                "mentions": [],
                "contents": [],
            },
        )
        row["n"] += 1
        row["cues"].append(r.lemma)
        row["strengths"][r.strength] = row["strengths"].get(r.strength, 0) + 1
        if not r.implicit and r.speaker not in row["mentions"]:
            row["mentions"].append(r.speaker)
        if r.content and r.content not in row["contents"]:
            row["contents"].append(r.content)
    return list(rows.values())


def speaker_verb_edges(records: Iterable[Attribution]) -> list[dict]:
    """Edges of the speaker–cue network: one row per (speaker, cue lemma) with its count and strength.

    >>> speaker_verb_edges(attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب."))[0]["lemma"]
    'قال'
    """
    rows: dict[tuple[str, str], dict] = {}
    for r in records:
        k = (r.speaker_id, r.lemma)
        row = rows.setdefault(
            k,
            {
                "speaker_id": r.speaker_id,
                "speaker": r.entity or r.speaker,
                "lemma": r.lemma,
                "strength": r.strength,
                "source_type": r.source_type,
                "count": 0,
            },
        )
        row["count"] += 1
    return list(rows.values())


_HTML_STYLE = (
    "<style>.attr-cue{background:#ffd27f}.attr-speaker{background:#a8d5ff}.attr-content{background:#e6f4e1}"
    ".attr-text{line-height:2;font-size:1.05em}</style>"
)


def attribution_html(text: str, records: Iterable[Attribution]) -> str:
    """``text`` as escaped HTML with cues, (explicit) speakers and contents highlighted.

    Cue = orange, speaker = blue, content = green; each span's ``title`` gives the speaker id.

    >>> t = "<b>قال الوزير أحمد سالم إن الاتفاق قريب."
    >>> h = attribution_html(t, attributions(t))
    >>> "&lt;b&gt;" in h and "<b>" not in h, h.count('class="attr-cue"')
    (True, 1)
    """
    import html as _html

    marks: list[tuple[int, int, str, str]] = []
    for r in records:
        marks.append((r.cue_start, r.cue_end, "attr-cue", f"{r.speaker_id} {r.lemma} ({r.strength})"))
        if not r.implicit:
            marks.append((r.speaker_start, r.speaker_end, "attr-speaker", r.speaker_id))
    # contents are drawn as a background layer where no cue/speaker mark is
    chars = [None] * (len(text) + 1)
    for r in records:
        if r.content_start >= 0:
            for p in range(r.content_start, r.content_end):
                chars[p] = ("attr-content", r.speaker_id)
    for s, e, cls, title in marks:
        for p in range(s, e):
            chars[p] = (cls, title)
    out = [_HTML_STYLE, '<div dir="rtl" class="attr-text">']
    cur = None
    for p, ch in enumerate(text):
        if chars[p] != cur:
            if cur is not None:
                out.append("</span>")
            cur = chars[p]
            if cur is not None:
                out.append(f'<span class="{cur[0]}" title="{_html.escape(cur[1])}">')
        out.append("<br>" if ch == "\n" else _html.escape(ch))
    if cur is not None:
        out.append("</span>")
    out.append("</div>")
    return "".join(out)
