"""Multiword names in Arabic news without a downloaded model: people, organisations, places.

Arabic has no capital letters, so names are found from cues that news prose
does provide.  Every rule's word list is data (``data/names/``, sources cited
there; person titles and given names are read from ``data/rhetoric/``):

``title``
    A title before a name (``الرئيس``, ``وزير الداخلية``, ``الأمين العام``; the
    multiword titles of ``title_phrases.txt`` first, then ``rhetoric/titles.txt``),
    its genitive complement and nisba adjective, then the person's name
    (``وزير الداخلية العراقي عبد الأمير الشمري``).  A title without a name is a
    ``title`` span (it still names a person: ``وزير الداخلية العراقي``).
``given``
    A given name (``rhetoric/given_names.txt``) followed by more name words.
``head``
    An organisation head noun (``org_heads.txt``: ``وزارة``, ``مجلس``, ``هيئة``,
    ``حلف`` ...) with its genitive chain and nisba adjective
    (``مجلس الأمن الدولي``, ``حلف شمال الأطلسي``).
``gazetteer`` / ``place-cue``
    A place of ``places.txt`` (longest match first), or the word(s) after a place
    cue (``مدينة``, ``محافظة``, ``العاصمة البلجيكية`` ...).
``nisba``
    A nisba adjective of a known place (``العراقية`` -> العراق) extends a name
    and, alone, is a ``nisba`` mention.
``latin``
    A Latin gloss in parentheses (``(NATO)``): the Arabic words just before it
    are a name; a Latin-script word in the text is one too.
``recurring``
    Capital-free statistics: a 2-3 word sequence of content words that recurs
    in the article and, in the corpus statistics passed as ``stats`` (document
    frequencies of light-stem keys, e.g. the keyword background), is a cohesive
    unit (normalised PMI >= 0.5).

size: about 500 lines, because the one name module shared by keywords and
attribution keeps every cue (titles, persons, organisations, places, nisba,
Latin glosses, corpus statistics) and the attribution-side section together.

Overlapping detections are resolved longest first.  The API:
:func:`find_names`, :class:`NameSpan`, and the word tests :func:`is_title`,
:func:`is_given_name`, :func:`is_org_head`, :func:`is_place`, :func:`nisba_place`.

>>> [(n.text, n.kind, n.cue) for n in find_names("استقبل وزير الداخلية العراقي عبد الأمير الشمري وفدا من حلف شمال الأطلسي (NATO) في بروكسل")]
[('وزير الداخلية العراقي عبد الأمير الشمري', 'person', 'title'), ('حلف شمال الأطلسي', 'organisation', 'head'), ('بروكسل', 'place', 'gazetteer')]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from .article import Article, as_article
from .datafiles import load_table, load_wordlist
from .normalise import normalise

__all__ = [
    "NameSpan",
    "KINDS",
    "find_names",
    "is_title",
    "is_given_name",
    "is_org_head",
    "is_place",
    "nisba_place",
    "name_key",
]

#: name kinds, in the order overlapping detections of equal length are preferred
KINDS = ("person", "organisation", "place", "title", "entity", "nisba")

_LATIN_GLOSS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9 .&'\-]{0,40}?)\s*\)")
_LATIN_WORD = re.compile(r"[A-Za-z]")
_MAX_CHAIN = 3  # genitive words after an organisation head or a title
_MAX_NAME = 4  # words of a person's name after the given name


@dataclass(frozen=True)
class NameSpan:
    """A name found in an article.

    Attributes
    ----------
    start, end : int
        Offsets in ``Article.text`` (``text[start:end] == self.text``).
    text : str
        The name as written.
    kind : str
        One of :data:`KINDS`.
    cue : str
        The rule that found it (``title``, ``given``, ``head``, ``gazetteer``,
        ``place-cue``, ``nisba``, ``latin``, ``recurring``).
    n_words : int
        Words in the span.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str
    n_words: int


# --- keys and lexicons -------------------------------------------------------------
@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """Look-up key of a word: retrieval-normalised, one conjunction/preposition and ال removed.

    >>> name_key("والمجلس"), name_key("للأمم"), name_key("وزارة")
    ('مجلس', 'امم', 'وزاره')
    """
    w = normalise(word, profile="retrieval")
    for p in ("وبال", "وال", "فال", "بال", "كال", "لل", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 2:
            return w[len(p) :]
    return w


def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(name_key(w) for w in text.split())


@lru_cache(maxsize=200_000)
def _key(word: str) -> str:
    """:func:`name_key`, also without a leading و/ف/ب/ل when that form is a known name word."""
    k = name_key(word)
    if len(k) > 3 and k[0] in "وفبل" and k not in _known() and k[1:] in _known():
        return k[1:]
    return k


@cache
def _known() -> frozenset[str]:
    lex = _lex()
    words = {w for ph in lex["places"] for w in ph} | {w for ph in lex["title_phrases"] for w in ph}
    return frozenset(words | lex["titles"] | lex["given"] | lex["heads"] | lex["facilities"] | lex["place_cues"])


@cache
def _lex() -> dict:
    titles = {name_key(r[0]) for r in load_table("titles", folder="rhetoric")}
    phrases = {_phrase_key(r[0]) for r in load_table("title_phrases", folder="names")}
    places: dict[tuple[str, ...], str] = {}
    nisba_bases: dict[str, str] = {}
    for row in load_table("places", folder="names"):
        k = _phrase_key(row[0])
        places[k] = row[0]
        nisba_bases.setdefault(k[-1] if len(k) == 1 else " ".join(k), row[0])
        if len(row) > 1 and row[1]:
            nisba_bases.setdefault(name_key(row[1]), row[0])
    stops = {name_key(w) for w in load_wordlist("stops", folder="names")}
    stops |= {name_key(w) for w in load_wordlist("dates_core", folder="keywords")}
    return {
        "titles": frozenset(titles),
        # honorifics that always precede a name (العقيد، الدكتور; not الفريق "the team"): an unknown given name
        # after one still starts a person's name (_unknown_name)
        "honorifics": frozenset(
            name_key(r[0])
            for r in load_table("titles", folder="rhetoric")
            if len(r) > 1 and r[1] == "honorific" and name_key(r[0]) not in ("فريق",)
        ),
        "title_phrases": sorted(phrases, key=len, reverse=True),
        "given": frozenset(name_key(w) for w in load_wordlist("given_names", folder="rhetoric")),
        "given_definite": frozenset(name_key(w) for w in load_wordlist("given_definite", folder="names")),
        "heads": frozenset(name_key(w) for w in load_wordlist("org_heads", folder="names")),
        "facilities": frozenset(name_key(w) for w in load_wordlist("facility_heads", folder="names")),
        "place_cues": frozenset(name_key(w) for w in load_wordlist("place_cues", folder="names")),
        "places": places,
        "place_first": _by_first(places),
        "title_first": _by_first(phrases, lengths=False),
        "nisba_bases": nisba_bases,
        "nisba_endings": sorted(
            (normalise(r[0], profile="retrieval") for r in load_table("nisba", folder="names")), key=len, reverse=True
        ),
        "stops": frozenset(stops),
        "links": frozenset(name_key(w) for w in load_wordlist("name_links", folder="keywords")),
        "content": frozenset(name_key(w) for w in load_wordlist("content_words", folder="keywords")),
    }


@cache
def _stopwords() -> frozenset[str]:
    from .lexicon import stopwords

    return stopwords(profile="retrieval")


def _by_first(phrases, *, lengths: bool = True) -> dict:
    """First word -> phrase lengths (or phrases), longest first."""
    out: dict = {}
    for ph in sorted(phrases, key=len, reverse=True):
        out.setdefault(ph[0], []).append(len(ph) if lengths else ph)
    return out


@cache
def _stopwords_matching() -> frozenset[str]:
    from .lexicon import stopwords

    return stopwords(profile="matching")


def _is_stop(word: str) -> bool:
    w = normalise(word, profile="retrieval")
    k = name_key(word)
    if k in _lex()["content"] or k in _lex()["given"] or k in _lex()["links"]:
        return False
    return w in _stopwords() or k in _lex()["stops"] or len(k) < 2


def is_title(word: str) -> bool:
    """True if ``word`` is a title that can head a person's name.

    >>> is_title("الرئيس"), is_title("وزير"), is_title("التعاون")
    (True, True, False)
    """
    return _key(word) in _lex()["titles"]


def is_given_name(word: str) -> bool:
    """True if ``word`` starts a person's name (given name or ``عبد``/``أبو``).

    >>> is_given_name("محمد"), is_given_name("عبد"), is_given_name("مجلس")
    (True, True, False)
    """
    return _key(word) in _lex()["given"]


def is_org_head(word: str) -> bool:
    """True if ``word`` heads an organisation name (``وزارة``, ``مجلس``, ``حلف`` ...).

    >>> is_org_head("ووزارة"), is_org_head("المجلس"), is_org_head("الأمن")
    (True, True, False)
    """
    return _key(word) in _lex()["heads"]


def is_place(text: str) -> bool:
    """True if ``text`` (one or more words) is a place of the gazetteer.

    >>> is_place("بالعراق"), is_place("الشرق الأوسط"), is_place("الأمن")
    (True, True, False)
    """
    return tuple(_key(w) for w in text.split()) in _lex()["places"]


@lru_cache(maxsize=100_000)
def nisba_place(word: str) -> str | None:
    """The gazetteer place a nisba adjective derives from, else ``None``.

    >>> nisba_place("العراقية"), nisba_place("الأمريكي"), nisba_place("الأمنية"), nisba_place("الأفغانية")
    ('العراق', 'أمريكا', None, 'أفغانستان')
    """
    k = name_key(word)
    lex = _lex()
    for end in lex["nisba_endings"]:
        if k.endswith(end) and len(k) - len(end) >= 2:
            base = k[: -len(end)]
            # سوري -> سوريا، ليبي -> ليبيا، أفغاني -> أفغانستان (the -istan countries drop ستان in the nisba)
            for cand in (base, base + "ا", base + "يا", base + "ي", base + "ستان"):
                if cand in lex["nisba_bases"]:
                    hit = lex["nisba_bases"][cand]
                    # a nisba is an adjective: the place itself (السعودية) is not its own nisba
                    return None if _phrase_key(hit) == (k,) else hit
    return None


# --- detection ---------------------------------------------------------------------
class _Toks:
    """The article's tokens with keys and punctuation-chunk ids."""

    def __init__(self, article: Article):
        self.text = article.text
        self.toks = [t for t in article.tokens]
        self.keys = [_key(t.text) for t in self.toks]
        self.n = len(self.toks)
        self.chunk = []
        c = 0
        for i, t in enumerate(self.toks):
            if i and (
                self.text[self.toks[i - 1].end : t.start].strip() or "\n" in self.text[self.toks[i - 1].end : t.start]
            ):
                c += 1
            self.chunk.append(c)

    def __len__(self) -> int:
        return self.n

    def joined(self, i: int, j: int) -> bool:
        """Tokens i..j-1 lie in one punctuation chunk."""
        return j <= len(self.toks) and self.chunk[i] == self.chunk[j - 1]

    def definite(self, i: int) -> bool:
        w = normalise(self.toks[i].text, profile="retrieval")
        return w.startswith(("ال", "وال", "فال", "بال", "لل"))

    def usable(self, i: int) -> bool:
        return _usable(self.toks[i].text)

    def governed(self, i: int) -> bool:
        """Token i carries a preposition and the article (بال، لل، كال): it cannot complete a construct."""
        w = normalise(self.toks[i].text, profile="retrieval")
        return w.startswith(("بال", "لل", "كال", "وبال", "ولل", "وكال", "فبال", "فلل"))


@lru_cache(maxsize=200_000)
def _usable(word: str) -> bool:
    """A word that can be part of a name: not a stopword, a title or a number."""
    return not _is_stop(word) and not is_title(word) and any(c.isalpha() for c in word)


def _chain(t: _Toks, j: int, limit: int = _MAX_CHAIN) -> int:
    """End of a genitive chain starting at token ``j`` (definite words, compass words, places)."""
    lex = _lex()
    k = j
    while k < len(t) and k - j < limit and t.joined(j - 1 if j else j, k + 1) and t.usable(k):
        w = t.toks[k].text
        if not (t.definite(k) or t.keys[k] in lex["content"] or (t.keys[k],) in lex["places"]):
            break
        if k > j and normalise(w, profile="retrieval").startswith(("بال", "كال", "وال", "فال", "لل")):
            break  # a preposition or conjunction starts a new phrase (only the first word may be لل...)
        if k - j >= 2 and not w.endswith(("ي", "ية")):
            break  # a third word only as a nisba adjective (مجلس الأمن الدولي)
        k += 1
        if nisba_place(w) or (k - j >= 1 and w.endswith(("ي", "ية", "ى"))):
            # a nisba adjective closes the name unless a compass word continues it
            if k < len(t) and nisba_place(t.toks[k].text) and t.joined(j, k + 1):
                k += 1
            break
    return k


def _person_name(t: _Toks, j: int) -> int:
    """End of a person's name starting at ``j`` (``j`` when no name starts there)."""
    lex = _lex()
    if j >= len(t) or not t.joined(max(j - 1, 0), j + 1) or t.keys[j] not in lex["given"]:
        return j
    if normalise(t.toks[j].text, profile="matching") in _stopwords_matching():
        return j  # على is not علي
    if t.definite(j) and t.keys[j] not in lex["given_definite"]:
        return j  # النصر (a club, "victory") is not نصر; الحسن is الحسن
    k = j + 1
    while k < len(t) and k - j < _MAX_NAME and t.joined(j, k + 1):
        key = t.keys[k]
        if not (t.usable(k) or (t.keys[k - 1] in ("عبد", "ابو") and is_title(t.toks[k].text))):
            break
        after_builder = t.keys[k - 1] in ("عبد", "ابو")
        if "\u064b" in t.toks[k].text or (k - j >= 2 and t.toks[k].text.endswith("ا") and not after_builder):
            break  # accusative tanween (وفدًا): the sentence goes on
        if (
            after_builder
            or key in lex["given"]
            or key in lex["links"]
            or not t.definite(k)
            or t.toks[k].text.endswith("ي")
        ):
            if is_org_head(t.toks[k].text) or (key,) in lex["places"] and t.definite(k):
                break
            k += 1
            if t.definite(k - 1) and not after_builder:
                break  # a definite family name (الشمري) ends the name
        else:
            break
    if t.keys[k - 1] in lex["links"] or (t.keys[k - 1] in ("عبد", "ابو") and k - j == 1):
        return j
    return k


def _unknown_name(t: _Toks, j: int) -> int:
    """End of "bare word + definite family name" at ``j`` after an honorific (``j`` when there is none): an
    unknown given name is accepted only with a family name after it (العقيد فواز الميمان), as a pair in one
    punctuation chunk: neither word a stopword, title or number (``_usable``), a compass or other content word
    of ``content_words.txt``, an accusative with tanween, or a word with a preposition and the article."""
    lex = _lex()
    if j + 1 >= len(t) or not t.joined(j, j + 2) or t.definite(j) or not t.definite(j + 1):
        return j
    for k in (j, j + 1):
        w = t.toks[k].text
        if not t.usable(k) or t.keys[k] in lex["content"] or "\u064b" in w or t.governed(k):
            return j
    return j + 2


def _detect(t: _Toks, stats=None) -> list[tuple[int, int, str, str]]:
    lex = _lex()
    out: list[tuple[int, int, str, str]] = []
    n = len(t)
    starts = _known()
    for i in range(n):
        key = t.keys[i]
        if key not in starts and not nisba_place(t.toks[i].text) and not _LATIN_WORD.search(t.toks[i].text):
            continue
        # titles (multiword first)
        tj = 0
        for ph in lex["title_first"].get(key, ()):
            if tuple(t.keys[i : i + len(ph)]) == ph and t.joined(i, i + len(ph)):
                tj = i + len(ph)
                break
        if not tj and key in lex["titles"]:
            tj = i + 1
        if tj:
            c = _chain(t, tj)
            e = _person_name(t, c)
            if e == c and c == tj == i + 1 and key in lex["honorifics"]:
                e = _unknown_name(t, c)  # العقيد فواز الميمان: a given name the list does not know
            if e > c:
                out.append((i, e, "person", "title"))
            elif c > tj or tj - i > 1:
                out.append((i, c, "title", "title"))
        e = _person_name(t, i)
        if e > i + 1:
            out.append((i, e, "person", "given"))
        if key in lex["heads"]:
            c = _chain(t, i + 1)
            if c > i + 1:
                out.append((i, c, "organisation", "head"))
        # named after a person: جامعة الملك سعود، ملعب الملك فهد الدولي (the head, a title, the name)
        if (key in lex["heads"] or key in lex["facilities"]) and i + 2 < n and t.keys[i + 1] in lex["titles"]:
            e = _person_name(t, i + 2)
            if e > i + 2 and t.joined(i, e):
                out.append((i, e, "organisation" if key in lex["heads"] else "place", "named-after"))
        for m in lex["place_first"].get(key, ()):
            if tuple(t.keys[i : i + m]) in lex["places"] and t.joined(i, i + m):
                out.append((i, i + m, "place", "gazetteer"))
                break
        # "مدينة الرياض", not "المدينة بالأحياء": a word governed by a preposition is not the cue's complement
        if key in lex["place_cues"] and i + 1 < n and t.joined(i, i + 2) and t.usable(i + 1) and not t.governed(i + 1):
            j = i + 1
            if nisba_place(t.toks[j].text) and j + 1 < n and t.joined(i, j + 2) and t.usable(j + 1):
                j += 1
            known = (t.keys[j],) in lex["places"]
            # after a definite cue the place is an apposition (العاصمة بغداد), and a word in ة is the
            # predicate or the next noun (المملكة ماضية، المدينة حركة), unless the gazetteer knows it
            loose = t.definite(i) and t.toks[j].text.endswith("ة") and not known
            if not loose and (not t.definite(j) or known or nisba_place(t.toks[j].text) is None):
                out.append((i + 1 if j == i + 1 else i, j + 1, "place", "place-cue"))
        if nisba_place(t.toks[i].text):
            out.append((i, i + 1, "nisba", "nisba"))
        if _LATIN_WORD.search(t.toks[i].text) and not t.text[: t.toks[i].start].rstrip().endswith("("):
            j = i + 1
            while j < n and j - i < 4 and _LATIN_WORD.search(t.toks[j].text) and t.joined(i, j + 1):
                j += 1
            out.append((i, j, "entity", "latin"))
    out += _latin_glosses(t)
    if stats is not None:
        out += _recurring(t, stats)
    return out


def _latin_glosses(t: _Toks) -> list[tuple[int, int, str, str]]:
    """The Arabic words right before ``(Latin gloss)``, back to punctuation or a stopword."""
    out = []
    starts = [tok.start for tok in t.toks]
    import bisect

    for m in _LATIN_GLOSS.finditer(t.text):
        j = bisect.bisect_left(starts, m.start())  # first token after "("
        i = j
        while (
            i > 0
            and j - i < 5
            and t.joined(i - 1, j)
            and t.usable(i - 1)
            and not _LATIN_WORD.search(t.toks[i - 1].text)
        ):
            if t.text[t.toks[i - 1].end : m.start() if i == j else t.toks[i].start].strip(" ") not in ("",):
                break
            i -= 1
        if i < j:
            out.append((i, j, "entity", "latin"))
    return out


def _recurring(t: _Toks, stats) -> list[tuple[int, int, str, str]]:
    """Recurring 2-3 word sequences that the corpus statistics call cohesive (NPMI >= 0.5)."""
    from .stem import light_stem

    seqs: Counter = Counter()
    where: dict[tuple[str, ...], list[int]] = {}
    stems = [light_stem(tok.text) if t.usable(i) else None for i, tok in enumerate(t.toks)]
    for i in range(len(t)):
        for m in (2, 3):
            if i + m <= len(t) and t.joined(i, i + m) and all(stems[i : i + m]):
                k = tuple(stems[i : i + m])
                seqs[k] += 1
                where.setdefault(k, []).append(i)
    rec = [k for k, c in seqs.items() if c >= 2]
    if not rec:
        return []
    n = max(int(stats.size()), 1)
    whole = stats.df([" ".join(k) for k in rec])
    left = stats.df([" ".join(k[:-1]) for k in rec])
    right = stats.df([" ".join(k[1:]) for k in rec])
    heads = stats.df([k[0] for k in rec])
    tails = stats.df([k[-1] for k in rec])
    out = []
    for k, ab, a1, b1, a, b in zip(rec, whole, left, right, heads, tails):
        if ab < 3:
            continue
        # weakest split of the sequence
        pairs = [(a, b1)] if len(k) == 2 else [(a, b1), (a1, b)]
        npmi = min(_npmi(ab, x, y, n) for x, y in pairs)
        if npmi >= 0.5:
            out += [(i, i + len(k), "entity", "recurring") for i in where[k]]
    return out


def _npmi(ab: float, a: float, b: float, n: int) -> float:
    if ab <= 0 or a <= 0 or b <= 0:
        return -1.0
    pab = ab / n
    if pab >= 1:
        return 1.0
    return math.log(pab / ((a / n) * (b / n))) / -math.log(pab)


def find_names(text_or_article: str | Article, *, stats=None, kinds: tuple[str, ...] = KINDS) -> list[NameSpan]:
    """Names of an article, non-overlapping, in text order.

    Parameters
    ----------
    text_or_article : str or Article
    stats : object, optional
        Corpus statistics for the ``recurring`` cue: anything with
        ``df(keys) -> array`` of document frequencies of space-joined
        :func:`~arabic_news.stem.light_stem` keys and ``size() -> int`` (the
        keyword background, :func:`arabic_news.keywords.background.default_background`).
    kinds : tuple of str
        Keep only these kinds (overlaps are resolved first).

    Returns
    -------
    list of NameSpan

    >>> [n.text for n in find_names("قال الأمين العام للأمم المتحدة إن مجلس الأمن الدولي سيجتمع")]
    ['الأمين العام للأمم المتحدة', 'مجلس الأمن الدولي']
    """
    bad = set(kinds) - set(KINDS)
    if bad:
        raise ValueError(f"unknown name kind(s) {sorted(bad)}; choose from {', '.join(KINDS)}")
    article = as_article(text_or_article)
    t = _Toks(article)
    found = _detect(t, stats)
    order = {k: r for r, k in enumerate(KINDS)}
    found.sort(key=lambda x: (-(x[1] - x[0]), order[x[2]], x[0]))
    taken = [False] * len(t)
    out = []
    for i, j, kind, cue in found:
        if any(taken[i:j]):
            continue
        for k in range(i, j):
            taken[k] = True
        if kind in kinds:
            s, e = t.toks[i].start, t.toks[j - 1].end
            out.append(NameSpan(s, e, article.text[s:e], kind, cue, j - i))
    return sorted(out, key=lambda s: s.start)


# --- attribution-side rules ---
# Reserved for the attribution engineer (arabic_news.rhetoric): rules that only
# speaker detection needs (e.g. generic back-references such as ``المسؤول``)
# go below this line, so that both sides can merge without conflicts.


@cache
def _unit_affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = load_table("recurring_unit_affixes", folder="names")
    return tuple(r[1] for r in rows if r[0] == "prefix"), tuple(r[1] for r in rows if r[0] == "suffix")


def recurring_bare_words(text_or_article: str | Article, *, min_count: int = 2) -> frozenset[str]:
    """Retrieval keys of bare words that recur in the article: candidate foreign names.

    A name the lexicons do not know (جوجل، سامسونج) shows itself as a unit that recurs in the
    article without the article ال or inflectional affixes (``data/names/recurring_unit_affixes``).
    Keys are retrieval-normalised, without a و/ف conjunction.  The caller rules out function
    words and verbs with its own lexicons (attribution uses this for speakers after a cue).

    >>> sorted(recurring_bare_words("كشفت جوجل عن تحديث. وقالت جوجل إن التحديث قريب."))
    ['جوجل']
    """
    article = as_article(text_or_article)
    prefixes, suffixes = _unit_affixes()
    counts: Counter[str] = Counter()
    for t in article.tokens:
        k = normalise(t.text, profile="retrieval")
        if len(k) > 3 and k[0] in "وف":
            k = k[1:]
        counts[k] += 1
    return frozenset(
        k
        for k, n in counts.items()
        if n >= min_count and len(k) >= 3 and not k.startswith(prefixes) and not k.endswith(suffixes)
    )
