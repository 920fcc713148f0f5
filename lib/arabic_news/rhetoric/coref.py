"""Speaker coreference: mentions grouped into entities, source types, and antecedents for
implicit speakers.

A :class:`Resolver` walks an article in text order.  Each speaker mention is classified
(person / organisation / news agency / anonymous group, and a source type) and joined to the
earlier entity whose keys it shares best: a later surname (الشمري) or a definite generic title
(الوزير) joins the full name (وزير الداخلية عبد الأمير الشمري); an indefinite title (مسؤول روسي)
never joins an earlier one.  Implicit speakers (a participle, وأضاف with no subject, a dual verb)
take the most recent speaker of the right gender, or the last two people for a dual.

>>> from arabic_news import Article
>>> from .chunker import Doc
>>> d = Doc(Article.from_text("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب."))
>>> r = Resolver(d)
>>> e1, e2 = r.resolve(d.mention(1, 4), 0), r.resolve(d.mention(8, 9), 40)
>>> e1 is e2, e1.name, e1.source_type
(True, 'الوزير أحمد سالم', 'named_person')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chunker import Doc, Mention, is_name_key
from .cues import strip_article

__all__ = ["Entity", "Resolver", "idafa_definite"]


@dataclass
class Entity:
    """One speaker: its mentions, kind (person/org/agency/anon), source type, gender and id."""

    mentions: list[Mention] = field(default_factory=list)
    kind: str = "person"  # person | org | agency | anon
    source_type: str = "named_person"
    fem: bool = False
    sid: str = ""
    last: int = -1  # position of last mention / use

    @property
    def name(self) -> str:
        """The fullest mention (most keys, earliest on a tie)."""
        return max(self.mentions, key=lambda m: (len(m.keys), -m.start)).text

    @property
    def keys(self) -> set[str]:
        """Every key of every mention."""
        return {k for m in self.mentions for k in m.keys}


def idafa_definite(doc: Doc, m: Mention) -> bool:
    """Is an indefinite-looking title head made definite by its construct chain (رئيس هيئة شؤون الأسرى)?

    The chain runs through bare nouns; a nisba adjective (روسي) or a preposition (باسم) ends it.
    """
    for k in range(m.i + 1, m.j):
        key = doc.toks[k].key
        if key.startswith(("ال", "لل")):
            return True
        if key.startswith(("ب", "ل")) or (key.endswith("ي") and key not in doc.lex["titles"]) or doc.is_stop(key):
            return False  # (a title ending in ي is a noun of the chain: نائب ولي العهد)
    return False


_DEFINITE = ("ال", "وال", "فال")


class Resolver:
    """Entities of one article, built mention by mention in text order."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: list[Entity] = []
        self.speakers: list[Entity] = []  # in order of speaking
        self.n_ids = 0

    def classify(self, m: Mention) -> tuple[str, str, bool]:
        """``(kind, source_type, feminine)`` of a mention from its head and its words."""
        doc, lex = self.doc, self.doc.lex
        head = doc.toks[m.i].key
        hc = doc.head_class(head)
        fem = strip_article(head).endswith("ه") or strip_article(head).endswith("ت")
        has_name = any(is_name_key(k, lex["names"]) for k in m.keys)
        if hc == "anonymous_collective" and not fem:
            from .cues import function_words

            fem = strip_article(head) in function_words("fem_plural_source")  # مصادر: وقالت، وأضافت
        if hc in ("institution_document", "news_agency", "anonymous_collective"):
            kind = {"institution_document": "org", "news_agency": "agency", "anonymous_collective": "anon"}[hc]
            if hc in ("institution_document", "anonymous_collective") and has_name:
                return "person", "named_person", fem  # القيادي في حماس حسام بدران: a named person
            return kind, hc, fem
        if hc == "name" or has_name:
            return "person", "named_person", fem
        if hc is None:
            return self._unknown_head(m, head, fem)
        if hc == "title":
            return self._title_head(m, head, fem)
        return "person", "named_person", fem

    def _unknown_head(self, m: Mention, head: str, fem: bool) -> tuple[str, str, bool]:
        doc = self.doc
        hk = strip_article(head)
        if (len(hk) >= 5 and hk.endswith("ون")) or (len(hk) >= 6 and hk.endswith("ين") and hk[0] == "م"):
            return "anon", "anonymous_collective", fem  # متظاهرون، متسلقون: an unnamed group
        if head.startswith(_DEFINITE) and len(m.keys) >= 2 and doc.toks[m.i + 1].key.startswith("ال"):
            return "org", "institution_document", fem  # الصليب الأحمر، الولايات المتحدة
        if len(m.keys) >= 2 and doc.toks[m.i].mkey.endswith("ة"):
            return "org", "institution_document", fem  # مفوضية الانتخابات، نقابة أصحاب ...: a body, not a person
        return "person", "named_person", fem

    def _title_head(self, m: Mention, head: str, fem: bool) -> tuple[str, str, bool]:
        doc, lex = self.doc, self.doc.lex
        if any(doc.toks[k].key in lex["honor"] for k in range(m.i, m.j - 1)):
            return "person", "named_person", fem  # الدكتور عائض ...: an honorific precedes a name
        definite = head.startswith(_DEFINITE) or idafa_definite(doc, m)
        last = doc.toks[m.j - 1].key
        lm = doc.toks[m.j - 1].mkey
        if (
            len(m.keys) >= 3
            and not lm.startswith(("ال", "لل", "بال", "وال"))
            and not doc.is_stop(last)
            and (doc.head_class(last) is None or (lm.startswith("أل") and last not in lex["src"]))
        ):
            return "person", "named_person", fem  # a title followed by an unknown word: a name
        if strip_article(head) in self._counterparts():
            return "person", "office_title", fem
        if not definite:
            return "person", "anonymous_collective", fem
        return "person", "office_title", fem

    @staticmethod
    def _counterparts() -> frozenset[str]:
        from .cues import function_words

        return function_words("counterpart")

    def _score(self, m: Mention, e: Entity, kind: str) -> float:
        lex = self.doc.lex
        if e.kind != kind and not (kind == "person" and e.kind == "person"):
            return 0.0
        ekeys = e.keys
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
                score += 0.5 if k in self.doc.builders else (1.0 if is_title or n == 0 else 2.0)
            elif not is_title and not self.doc.is_stop(k) and k not in ("باسم",):
                score -= 1.0
        return score

    def resolve(self, m: Mention, pos: int) -> Entity:
        """The entity of mention ``m`` (an earlier one, or a new one), updated with it."""
        doc = self.doc
        kind, stype, fem = self.classify(m)
        head = doc.toks[m.i].key
        indefinite = (
            not head.startswith(_DEFINITE)
            and doc.head_class(head) in ("title", "anonymous_collective")
            and not (len(m.keys) > 1 and doc.toks[m.i + 1].key.startswith("ال"))
            and stype != "named_person"
        )
        best, best_s = None, 0.99
        generic = ("ال" + strip_article(head)) in doc.lex["generic"] and head.startswith(_DEFINITE)
        for e in self.entities:
            if indefinite and not any(em.keys == m.keys for em in e.mentions):
                continue
            s = self._score(m, e, kind)
            if generic and e.kind == "person" and e.source_type != "anonymous_collective":
                s += 1.0
            if s > best_s or (s == best_s and best is not None and e.last > best.last):
                best, best_s = e, s
        if best is None:
            best = Entity(kind=kind, source_type=stype, fem=fem)
            self.entities.append(best)
        elif stype == "named_person" and best.source_type == "office_title" and kind == "person":
            best.source_type = stype
        best.mentions.append(m)
        best.last = pos
        return best

    def existing(self, m: Mention) -> Entity | None:
        """The entity that already holds a mention starting where ``m`` does."""
        for e in self.entities:
            if any(mm.start == m.start for mm in e.mentions):
                return e
        return None

    def by_sid(self, sid: str) -> Entity:
        """The entity with speaker id ``sid``."""
        return next(x for x in self.entities if x.sid == sid)

    def sid(self, e: Entity) -> str:
        """The speaker id of ``e`` (``S1``, ``S2`` ... in order of first use)."""
        if not e.sid:
            self.n_ids += 1
            e.sid = f"S{self.n_ids}"
        return e.sid

    def spoke(self, e: Entity, pos: int) -> None:
        """Record that ``e`` spoke at ``pos`` (it becomes the most recent speaker)."""
        e.last = pos
        if e in self.speakers:
            self.speakers.remove(e)
        self.speakers.append(e)

    def antecedent(self, person: str, *, sent_first: Entity | None = None) -> list[Entity]:
        """The speaker(s) an implicit subject of grammatical ``person`` (m/f/du/pl) refers to."""
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
