"""The speaker noun-phrase chunker: where a speaker phrase starts and ends, and what its head is.

:class:`Doc` wraps one :class:`~arabic_news.Article` with keyed tokens (from ``Article.tokens``),
its sentences and its quotations.  :meth:`Doc.np_at` finds the end of the noun phrase that
starts at a token: it runs word by word and stops at punctuation, a quotation, a stop word,
another cue or action verb, a complement (ب/ل-phrase), a second title, or the object after a
full name; a few constructions extend it (صادر عن، المسؤول في الحلف، المبعوث إلى اليمن فلان،
الأمين العام).  :meth:`Doc.head_class` says what kind of source a head word names.

>>> from arabic_news import Article
>>> d = Doc(Article.from_text("وقال وزير الخارجية أحمد سالم، اليوم، إن الاتفاق قريب."))
>>> d.mention(1, d.np_at(1, len(d.toks))).text
'وزير الخارجية أحمد سالم'
>>> d.head_class(d.toks[1].key)
'title'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..article import Article
from ._lexicon import KeyedToken, load_table, rkey, tokens
from .cues import COMPLEMENTISERS, cue_table, function_words, np_lexicon, quote_spans, strip_article, strip_conjunction

__all__ = ["Doc", "Mention", "is_name_key"]

_PUNCT_END = '،,:;«"“”»؛.!?)-–—'
_QUOTES = '«"“”»'
_CLAUSE_PUNCT = "،,:;.!?"


@dataclass
class Mention:
    """A speaker mention: token range ``[i, j)``, character span and keys (article stripped)."""

    i: int
    j: int
    start: int
    end: int
    text: str
    keys: tuple[str, ...]


def _takes_article(key: str) -> bool:
    """A given name written with the article (الحسن، الوليد), unlike النصر (a club) beside نصر."""
    from ..names import _lex, name_key

    return name_key(key) in _lex()["given_definite"]


def is_name_key(key: str, names: set[str]) -> bool:
    """A known given name, or a joined ʿabd- name (عبدالله، عبدالمنعم)."""
    return key in names or (key.startswith("عبد") and len(key) >= 6)


@lru_cache(maxsize=1)
def _title_prepositions() -> frozenset[tuple[str, str]]:
    """(title key, preposition key) pairs of ``function_words`` class ``title_preposition``."""
    return frozenset((rkey(r[0]), rkey(r[2])) for r in load_table("function_words") if r[1] == "title_preposition")


class Doc:
    """One article's keyed tokens, sentences and quotations, with the noun-phrase rules."""

    def __init__(self, article: Article):
        self.text = article.text
        self.toks: list[KeyedToken] = tokens(article)
        self.sents = list(article.sentence_spans)
        self.sent_of = []
        si = 0
        for t in self.toks:
            while si < len(self.sents) - 1 and t.start >= self.sents[si][1]:
                si += 1
            self.sent_of.append(si)
        self.quotes = quote_spans(self.text)
        self.lex = np_lexicon()
        self.article = article
        self._name_starts: set[int] | None = None
        self._recurring: frozenset[str] = frozenset()
        self.builders = function_words("name_builder")

    # ---- positions
    def in_quote(self, pos: int) -> bool:
        """Is character ``pos`` strictly inside a quotation?"""
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

    def tok_index(self, start: int) -> int:
        """Index of the token covering character ``start`` (-1 if none)."""
        for n, t in enumerate(self.toks):
            if t.start <= start < t.end:
                return n
        return -1

    # ---- word classes
    def is_stop(self, key: str, mk: str = "") -> bool:
        """A word that ends a speaker phrase (a time adverb, a preposition, a complementiser)."""
        if mk and mk in self.lex["mnames"]:
            return False  # علي (Ali) is a name, على (on) a preposition
        nouns = function_words("noun_spelling")
        if mk and (mk in nouns or strip_conjunction(mk) in nouns):
            return False  # إمام (imam) is a noun, أمام (in front of) a preposition (round 11)
        st = self.lex["stops"]
        return key in st or strip_conjunction(key) in st or bool(COMPLEMENTISERS.match(key))

    def is_verb(self, key: str) -> bool:
        """A reporting cue or an action verb (with or without و/ف)."""
        cues, acts = cue_table(), self.lex["actions"]
        b = strip_conjunction(key)
        return key in cues or b in cues or key in acts or b in acts

    def is_name_like(self, i: int) -> bool:
        """Is token i the start of a name the lexicons do not know?

        Either :func:`arabic_news.names.find_names` finds a person or organisation starting there
        (titles, organisation heads, Latin glosses ...), or the word is a *recurring unit*
        (:func:`arabic_news.names.recurring_bare_words`: a bare word that occurs at least twice in
        the article) and no function word or verb -- how a foreign name (جوجل، سامسونج) shows
        itself without a list.
        """
        if self._name_starts is None:
            from ..names import find_names, recurring_bare_words

            spans = find_names(self.article, kinds=("person", "organisation"))
            self._name_starts = {n.start for n in spans}
            self._recurring = recurring_bare_words(self.article)
        t = self.toks[i]
        if t.start in self._name_starts:
            return True
        return (
            strip_conjunction(t.key) in self._recurring
            and not self.is_stop(t.key, t.mkey)
            and not self.is_verb(t.key)
            and self.head_class(t.key) is None
        )

    def head_class(self, key: str) -> str | None:
        """'title' / a source type / 'name' / None for a head word."""
        lex = self.lex
        forms = [key, strip_conjunction(key), strip_article(key)]
        if key[:1] in ("ل", "ب") and len(key) > 3 and not key.startswith("لل"):
            forms.append(key[1:])
        for k in forms:
            if k in lex["src"]:
                return lex["src"][k]
        for k in forms:  # a sound plural in construct drops its ن (مسؤولو الوزارة، ممثلي الشركة; round 7)
            if k[-1:] in ("و", "ي") and len(k) >= 4 and k + "ن" in lex["src"]:
                return lex["src"][k + "ن"]
            if k[-1:] == "ا" and len(k) >= 4 and k[:-1] in lex["src"]:  # indefinite accusative بلاغاً، بياناً
                return lex["src"][k[:-1]]
        bare = strip_article(key)
        for k in (key, strip_conjunction(key), bare):
            if k in lex["titles"]:
                return "title"
            if is_name_key(k, lex["names"]) and (k != bare or bare == key or _takes_article(key)):
                return "name"
        return None

    # ---- noun phrases
    def np_at(
        self, i: int, end: int, *, complements: tuple[str, ...] = (), max_len: int = 10, split_titles: bool = False
    ) -> int:
        """End index (exclusive) of the noun phrase starting at token i (i if none)."""
        j = i
        seen_name = False
        while j < end and j - i < max_len:
            t = self.toks[j]
            if seen_name and j > i and self._object_after_name(j):
                return j  # "الأمير محمد بن نايف الجلسة": a definite noun after a full name is the object
            if is_name_key(t.key, self.lex["names"]):
                seen_name = True
            if j > i:
                step = self._at_gap(i, j, end)
                if step is not None:
                    stop, j = step
                    if stop:
                        return j
                    continue
            if self.in_quote(t.start):
                return j
            ext = self._extension(i, j, end)
            if ext:
                j += ext
                continue
            if self._ends_phrase(i, j, complements, split_titles):
                return j
            j += 1
        return j

    def _object_after_name(self, j: int) -> bool:
        """After a name, is the definite token j the verb's object rather than part of the name?"""
        lex, t, prev = self.lex, self.toks[j], self.toks[j - 1]
        if not t.key.startswith("ال"):
            return False
        if t.mkey.endswith("ة"):
            return True
        if prev.key.startswith("ال") and prev.key not in lex["honor"] and self.toks[j - 2].key not in self.builders:
            return True
        return (
            not t.key.endswith("ي")
            and prev.key not in lex["names"]
            and prev.key not in self.builders
            and not prev.key.startswith("ال")
            and self.head_class(prev.key) is None
        )

    def _at_gap(self, i: int, j: int, end: int) -> tuple[bool, int] | None:
        """What the characters before token j do: None (nothing), ``(True, end)`` or ``(False, next j)``."""
        g = self.gap(j)
        toks = self.toks
        if "(" in g:
            # a short parenthetical (an acronym) belongs to the phrase, then it ends
            close = self.text.find(")", toks[j].start)
            k = j
            while k < end and toks[k].end <= close:
                k += 1
            return True, (k if close != -1 and k - j <= 4 else j)
        if any(c in g for c in _QUOTES) and not any(c in g for c in _CLAUSE_PUNCT):
            closes_before = any(
                q0 < toks[j - 1].start and toks[j - 1].end < q1 <= toks[j].start for q0, q1 in self.quotes
            )
            if closes_before and j - 1 > i:
                return False, j + 1  # the word after a quoted adjective
            q = next(((q0, q1) for q0, q1 in self.quotes if q0 <= toks[j].start < q1), None)
            if (
                q is not None
                and j + 1 < end
                and toks[j].end < q[1] <= toks[j + 1].start
                and not self.text[q[1] : toks[j + 1].start].strip()
                and not self.is_stop(toks[j + 1].key, toks[j + 1].mkey)
            ):
                return False, j + 1  # وزير الحرب "الإسرائيلي" إيهود باراك: a quoted one-word adjective
            return True, j
        if any(c in g for c in _PUNCT_END):
            return True, j
        return None

    def _extension(self, i: int, j: int, end: int) -> int:
        """How many tokens from j a phrase-internal construction adds (0: none)."""
        lex, toks = self.lex, self.toks
        key = toks[j].key
        prev = toks[j - 1].key if j > 0 else ""
        if key == "عن" and strip_article(prev) in function_words("issued_by"):
            return 1  # بيان صادر عن الوزارة
        if j > i and j + 1 < end and (strip_article(prev), key) in _title_prepositions():
            return 1  # المشرف على البرنامج: the title's own preposition
        if key == "في" and j > i and j + 1 < end:
            nk = strip_article(toks[j + 1].key)
            definite = toks[j + 1].key.startswith("ال")
            construct = j + 2 < end and toks[j + 2].key.startswith("ال")
            if (
                lex["src"].get(nk) == "institution_document"
                and nk not in lex["docs"]
                and (definite or construct)
                and strip_article(toks[j - 1].key) not in lex["src"]
            ) or (j + 2 < end and toks[j + 2].key in lex["names"]):
                return 1  # المسؤول في الحلف / ممثلة المنظمة في السودان نعيمة ...
        head = strip_article(strip_conjunction(toks[i].key))
        if key == "من" and j == i + 1 and head in function_words("partitive"):
            return 1  # عدد من المسؤولين
        if key in ("الي", "لدي", "في") and j > i and j + 2 < end and head in lex["titles"]:
            x, y = toks[j + 1], toks[j + 2]
            if (
                (x.key.startswith("ال") or strip_article(x.key) in lex["src"])
                and strip_article(x.key) not in lex["docs"]
                and not y.key.startswith(("ال", "لل", "ب"))
                and not self.is_stop(y.key, y.mkey)
                and y.key not in cue_table()
                and len(y.key) >= 3
                and not any(c in self.gap(j + 2) + self.gap(j + 1) for c in '،,:;«"“()')
            ):
                return 2  # المبعوث الأممي إلى اليمن هانس غروندبرغ
        if key == "العام" and j > i and strip_article(toks[j - 1].key) in lex["titles"]:
            return 1  # الأمين العام، المدعي العام: part of the title, not "the year"
        return 0

    def _ends_phrase(self, i: int, j: int, complements: tuple[str, ...], split_titles: bool) -> bool:
        """Does token j end the phrase that starts at i?"""
        lex, t = self.lex, self.toks[j]
        key = t.key
        if self.is_stop(key, t.mkey) or len(key) < 2:
            return True
        if j == i:
            return False
        if self.is_verb(key):
            return True
        if key in function_words("demonstrative") and not self.toks[j - 1].key.startswith(("ال", "وال")):
            return True  # "وفسر مراقبون هذه التصرفات": a demonstrative after an indefinite noun opens the object (round 10)
        if any(
            c in ("ب", "ل") and key.startswith(c) and len(key) > 3 and not key.startswith(("باسم", "لل"))
            for c in complements
        ):
            return True
        if key[:1] in ("ل", "ب") and lex["src"].get(strip_article(key[1:])) == "news_agency":
            return True  # "قال الوزير لقناة ...": ل/ب + a media noun
        if (
            split_titles
            and j > i + 1
            and strip_article(strip_conjunction(key)) in lex["titles"]
            and key not in lex["honor"]
            and strip_article(self.toks[j - 1].key) not in lex["titles"]
            and self.toks[j - 1].key not in self.builders
        ):
            return True  # a second title starts a second phrase
        # والوزير، فالرئيس: a conjunction and the article before a title start a second phrase; a title that
        # itself begins with و or ف (وزير، فريق، فنان) does not (مساعد وزير الدفاع، مدرب فريق الهلال)
        bare = strip_article(key)
        return key.startswith(("و", "ف")) and len(key) > 3 and bare != key and bare in lex["titles"]

    def mention(self, i: int, j: int) -> Mention:
        """The mention of tokens ``[i, j)`` without a و/ف prefix, with a closing ``)`` of an acronym."""
        s = self.toks[i].start
        key0 = self.toks[i].key
        raw = self.toks[i].text
        if key0[:1] in ("و", "ف") and strip_conjunction(key0) != key0 and self.head_class(strip_conjunction(key0)):
            s += raw.index(key0[1]) if key0[1] in raw else 1
        end = self.toks[j - 1].end
        if end < len(self.text) and self.text[end] == ")":
            end += 1
        keys = tuple(strip_article(self.toks[k].key) for k in range(i, j))
        return Mention(i, j, s, end, self.text[s:end], keys)
