"""Step 3 of attribution, continued: the explicit subject of a reporting verb.

:class:`SubjectRules` holds the rules that find the token range of a verb's explicit subject
(after the verb, VSO; before it, SVO; a relative clause's antecedent; past an outlet name; a
name governed by لـ; سبق أن ...).  :class:`~.speakers.Run` inherits them, so they read the same
state (the document, the resolver, the records so far) without passing it around.
"""

from __future__ import annotations

import re

from .chunker import is_name_key
from .clauses import (
    after_source_prep,
    cut_object,
    is_cue_key,
    quoted_name,
    relative_antecedent,
    relative_is_subject,
    shrink_to_known,
    source_then_clause,
    subject_before,
)
from .cues import COMPLEMENTISERS, Cue, function_words, strip_article, strip_conjunction

#: a complementiser with an attached subject pronoun (إنه، أنها، بأنهم): the verb after it has that subject
_PRONOUN_COMP = re.compile(r"^(?:[وف])?(?:ب|ل)?(?:أن|إن|ان)(?:ه|ها|هم|هما)$")

_TANWEEN_FATH = "\u064b"


class SubjectRules:
    """The subject-finding rules of :class:`~.speakers.Run` (a mixin: it needs ``self.doc``, ``self.res``, ``self.out``)."""

    def _subject(self, i: int, a: int, b: int, cue: Cue) -> tuple[tuple[int, int] | None, str]:
        """The explicit subject's token range of the verb at i, and the rule that found it."""
        doc, toks = self.doc, self.doc.toks
        resumptive = i + 1 < b and toks[i + 1].key in function_words("pronoun_pp")  # الذي يطالب فيه X
        if (
            i > a
            and toks[i - 1].key in function_words("relative")
            and relative_is_subject(toks[i - 1].key, cue)
            and not resumptive
            and not source_then_clause(doc, i + 1, b, cue)
        ):
            rel = relative_antecedent(doc, i - 1, a)
            if rel is not None:
                start = rel[0]
                end = doc.np_at(start, i - 1, max_len=8)
                # "ورئيسه السويسري سيب بلاتر الذي": when the phrase from the first recognised word stops
                # short of the relative, take the phrase that reaches it (the name next to الذي)
                k = start + 1
                while end < i - 1 and k < i - 1:
                    if doc.np_at(k, i - 1, max_len=8) == i - 1 and not doc.is_stop(toks[k].key, toks[k].mkey):
                        start, end = k, i - 1
                    k += 1
                if end > start:
                    return (start, end), "relative"
        sabaqa = self._sabaqa_subject(i, a)
        if sabaqa is not None:
            return sabaqa, "explicit"  # "وسبق لماردونا أن اتهم ...": the ل-phrase is the subject
        if i > a and not doc.gap(i).strip() and _PRONOUN_COMP.match(toks[i - 1].mkey):
            return None, "explicit"  # "وقال إنه أبلغ نظيره بأن …": the pronoun is the subject, نظيره the addressee
        sv = subject_before(doc, i, a)  # headline "العراق يؤكد ..."، "وكان الوزير قد أكد"
        if sv is not None:
            return sv, "explicit"
        j0 = i + 1
        if after_source_prep(doc, i) and j0 < b:
            if toks[j0].key in function_words("pronoun_pp") and j0 + 1 < b and not doc.gap(j0 + 1).strip():
                j0 += 1  # "وفق ما صرح به أصحاب المبادرة": the source follows the resumptive (round 6)
            if any(c in doc.gap(j0) for c in '«"“'):
                return quoted_name(doc, j0, b, end_ok=True), "explicit"  # "بحسب ما نقلت "كاثيميريني"، …"
            j = doc.np_at(j0, b, complements=cue.complements, max_len=8)
            return ((j0, j) if j > j0 and not is_cue_key(toks[j0].key) else None), "explicit"
        if j0 + 1 < b and toks[j0].key == "ل" and cue.lemma in function_words("outlet_lemma"):
            return self._after_outlet(j0, b, cue), "explicit"
        if j0 < b and any(c in doc.gap(j0) for c in '«"“') and not any(c in doc.gap(j0) for c in "،,:"):
            return quoted_name(doc, j0, b), "explicit"  # ويقول «أبوخالد» مستثمر ...
        if j0 < b and not any(c in doc.gap(j0) for c in '،,:«"“-ـ–—'):
            return self._subject_after(i, j0, b, cue), "explicit"
        return None, "explicit"

    def _sabaqa_subject(self, i: int, a: int) -> tuple[int, int] | None:
        """ "وسبق لـX أن + cue": the ل-phrase X (one word, or up to ten with a quoted name and
        adjectives: "وسبق لصحيفة «أوستادو دي ساو باولو» البرازيلية أن أشارت", round 7) is the subject."""
        doc, toks = self.doc, self.doc.toks
        if i < a + 3 or not COMPLEMENTISERS.match(toks[i - 1].mkey) or doc.gap(i - 1).strip():
            return None
        for s in range(i - 3, max(a, i - 13) - 1, -1):
            if any(c in doc.gap(n) for n in range(s + 2, i - 1) for c in "،,:;؛.()"):
                return None
            if strip_conjunction(toks[s].key) in function_words("sabaqa") and toks[s + 1].key.startswith("ل"):
                return (s + 1, i - 1)
            if doc.is_verb(toks[s].key):
                return None
        return None

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
        if toks[j0].key in function_words("pronoun_pp") and j0 + 1 < b and not doc.gap(j0 + 1).strip():
            j0 += 1  # "في الوقت الذي يطالب فيه أعضاء متشددون": the subject follows the resumptive phrase
        if _TANWEEN_FATH in toks[j0].text and j0 + 1 < b and not doc.gap(j0 + 1).strip():
            # an accusative adverb (أكدها سابقاً عبدالرحمن ...) stands between the verb and its subject;
            # two of them (كتب سابقاً مهاجماً الهيئة) leave no subject (round 6)
            if _TANWEEN_FATH in toks[j0 + 1].text:
                return None
            j0 += 1
        if toks[j0].key in function_words("partitive") and j0 + 2 < b and toks[j0 + 1].key == "من":
            j = doc.np_at(j0 + 2, b, complements=cue.complements, max_len=12)  # دعا كل من الدكتور ...
            # ... or a definite sound masculine plural, a group of people (ويرى الكثير من المشرعين)
            people = toks[j0 + 2].key.startswith("ال") and toks[j0 + 2].key.endswith(("ين", "ون"))
            return (j0, j) if j > j0 + 2 and (doc.head_class(toks[j0 + 2].key) is not None or people) else None
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
        follows = toks[self._past_outlet(j, b)].mkey if j < b else ""
        not_subject = (
            is_cue_key(head)
            or len(head) < 2
            or (head.startswith(("بال", "لل")) and doc.head_class(head) is None)  # a prepositional phrase
            or (head.startswith("ب") and "ب" in cue.complements and doc.head_class(head) is None)  # أشاد بمستوى
            or head in function_words("pronoun_pp")  # التي زعم فيها ...
            or (
                head.startswith("ل")
                and head not in lex["names"]
                and head not in lex["titles"]
                and head not in lex["src"]
                and not self._li_name(j0, j, b)
                and not any(head in en.keys for en in res.entities)  # لودفيج, already part of a speaker's name
            )
        )
        j = shrink_to_known(doc, res, j0, j)
        if cue.takes_object:
            j = cut_object(doc, j0, j)
        if cue.strength == "directive":  # دعا السكان إلى، ودعت الوزارة السكان إلى: the addressee is the object
            k = next((k for k in range(j0, j) if self._addressee(k)), j)
            if k == j0 and cue.lemma in function_words("addressee_first_lemma"):
                return None  # the speaker is implicit (the previous one)
            j = max(k, j0 + 1)
        # a title followed by a given name (المخرج السعودي عامر الحمود) is a person even for an unknown title
        # (a definite title: "وأعلن سقوط عباس حسين" is an indefinite verbal noun, the object, before a name)
        recognised = recognised or (
            strip_conjunction(head).startswith("ال")
            and any(is_name_key(toks[k].key, lex["names"]) for k in range(j0 + 1, j))
        )
        # an unknown name followed by its title (وأوضح وحيد سعودي مدير عام ...) is a person too
        recognised = recognised or (
            not head.startswith("ال")
            and not doc.is_stop(head, toks[j0].mkey)
            and any(doc.head_class(toks[k].key) == "title" for k in range(j0 + 1, min(j, j0 + 4)))
        )
        # a phrase followed by "وهو/وهي" and a description (ووصف هانز بيتر اول وهو عضو في حزب …) is a
        # person or body introduced by its apposition, so the subject (round 7)
        recognised = recognised or (
            j < b
            and toks[j].key in function_words("apposition_pronoun")
            and not doc.gap(j).strip()
            and not any(doc.is_stop(toks[k].key, toks[k].mkey) or doc.is_verb(toks[k].key) for k in range(j0, j))
        )
        # a counted anonymous source (أربعة مصادر، عدد من المسؤولين) is a subject too
        recognised = recognised or any(doc.head_class(toks[k].key) == "anonymous_collective" for k in range(j0, j))
        # a sound masculine plural in -ون is nominative: right after the verb it is the subject, a group
        # of people (واتهم الانفصاليون الحكومة، وأدان سياسيون القرار), never the object (-ين) (round 6)
        bare = strip_article(strip_conjunction(head))
        recognised = recognised or (len(bare) >= 5 and bare.endswith("ون") and not doc.is_stop(head, toks[j0].mkey))
        if not not_subject and (recognised or not cue.takes_object or COMPLEMENTISERS.match(follows)):
            return (j0, j)
        return None

    def _past_outlet(self, j: int, b: int) -> int:
        """The token after an outlet phrase at j ("لـ«المدينة»"، 'لـ"الاقتصادية"'، "للصحيفة"), else j:
        "وأضاف الأحمري لـ«المدينة» أن …" -- the subject, the outlet it spoke to, then the clause (round 7)."""
        doc, toks = self.doc, self.doc.toks
        if j >= b:
            return j
        if toks[j].key == "ل" and j + 1 < b and any(c in doc.gap(j + 1) for c in '«»"“'):
            q = next(((q0, q1) for q0, q1 in doc.quotes if toks[j].end <= q0 <= toks[j + 1].start), None)
            k = j + 1
            while k < b and q is not None and toks[k].start < q[1]:
                k += 1
            return k if q is not None and k < b else j + 2 if j + 2 < b else j
        if toks[j].key.startswith("لل") and doc.head_class(toks[j].key[2:]) == "news_agency" and j + 1 < b:
            return j + 1
        return j

    def _addressee(self, k: int) -> bool:
        """Is token k a population noun that a directive verb addresses (السكان، المواطنين)?"""
        return strip_article(strip_conjunction(self.doc.toks[k].key)) in function_words("addressee")

    def _li_name(self, j0: int, j: int, b: int) -> bool:
        """وقالت لاورا باستيانيتو التي ...: a two- or three-word foreign name that starts with ل, not the
        preposition لـ: no word is definite or a known source, and a clause (relative, إن/أن, colon,
        quotation) follows it."""
        doc, toks = self.doc, self.doc.toks
        if not 2 <= j - j0 <= 3 or j >= b:
            return False
        if doc.head_class(toks[j0].key[1:]) is not None:
            return False  # لرويترز، لوزير: a preposition before a source
        if any(toks[k].key.startswith(("ال", "لل", "بال")) or doc.is_stop(toks[k].key) for k in range(j0, j)):
            return False
        nxt = toks[j]
        return (
            nxt.key in function_words("relative")
            or bool(COMPLEMENTISERS.match(nxt.mkey))
            or any(c in doc.gap(j) for c in ':«"“')
        )
