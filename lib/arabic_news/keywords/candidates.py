"""Candidate keyphrases: 1-3 word runs that respect Arabic punctuation, stopwords and dates.

Rules (the unit tests check each one):

* A phrase never crosses punctuation (``، ؛ ؟ . : ( ) « » " -`` ... anything
  between two words other than spaces) or a line break, so never a sentence.
* It never contains a stopword or particle (:func:`arabic_news.lexicon.stopwords`),
  a number or number word (``data/keywords/number_words.txt``: ``ألف``, ``ملايين``), or news boilerplate (``data/keywords/boilerplate.txt``: reporting
  verbs such as ``أكد``, fillers such as ``إطار``; ``web_residue.txt``: scraped
  page residue such as ``quot``, ``www``, ``Next``; ``latin_stopwords.txt``: English
  and French function words of a quoted Latin passage), so it never starts or ends
  with one.  The Latin words of a parenthesised gloss after Arabic words
  (``(E-commerce Law)``) are no candidates: the Arabic phrase before them is.  Exceptions: a name link (``بن``, ``name_links.txt``) may sit
  inside a phrase, and compass words that the stopword list holds (``شمال`` in
  ``حلف شمال الأطلسي``, ``content_words.txt``) count as content.
* It is not a date expression unless ``include_dates=True``: a phrase holding a
  weekday, month or dating word (``data/keywords/dates_core.txt``: ``الأربعاء``,
  ``يناير``, ``أمس``), made only of time words (``dates_aux.txt``:
  ``العام الماضي``, ``صباح اليوم``), or holding two time words in a row
  (``النمو العام الماضي``).  Time words may still qualify a content word
  (``الأمين العام`` stays a candidate).
* Variants are grouped by a lemma key, the :func:`~arabic_news.stem.light_stem`
  of each word joined by spaces (``المنظمات الدولية`` and ``منظمة دولية`` share
  ``منظم دول``), and displayed by their most frequent surface form (a form
  without a leading conjunction or preposition is preferred).

>>> a = analyse("أكد الوزير، اليوم الأربعاء، دعم المنظمات الدولية. ودعم منظمة دولية")
>>> sorted(a.candidates)[:3]
['دعم', 'دعم منظم', 'دعم منظم دول']
>>> a.candidates["منظم دول"].text, a.candidates["منظم دول"].count
('المنظمات الدولية', 2)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter

from ..article import Article, as_article
from ..errors import ArticleError
from ..normalise import normalise
from ..tokenise import _WORD_RE, is_arabic_word, sentence_spans, split_clitics, word_spans

#: ``_WORD_RE`` as one capturing group: ``split`` returns the gaps and the words in turn
_WORD_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})", _WORD_RE.flags)

__all__ = [
    "Token",
    "Candidate",
    "DocAnalysis",
    "analyse",
    "as_article",
    "content_keys",
    "doc_lemmas",
    "doc_tokens",
    "MAX_WORDS",
    "MAX_NAME_WORDS",
]

#: longest keyphrase, in words
MAX_WORDS = 3

# token kinds
CONTENT, AUX, DATE, STOP, BOILER, NUMBER, LINK = "content", "aux", "date", "stop", "boiler", "number", "link"
_PHRASE_KINDS = (CONTENT, AUX, DATE, LINK)


@cache
def _kw_list(name: str) -> frozenset[str]:
    from importlib import resources

    path = resources.files("arabic_news").joinpath("data", "keywords", f"{name}.txt")
    out = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return frozenset(out)


def _bare_form(norm: str, words: frozenset[str], clitics: str = "وفب") -> str:
    """Strip one leading clitic letter and the article, for look-ups in a word list (matching form).

    A clitic before the article always goes (والأسبوع، للمليون); a clitic on a bare word only when
    what remains is in ``words`` (بعشرات، but not بين).
    """
    if len(norm) > 3 and norm[0] in "وفبلك" and norm[1:3] == "ال":
        norm = norm[1:]
    elif len(norm) > 3 and norm.startswith("لل"):
        norm = norm[2:]
    elif len(norm) > 3 and norm[0] in clitics and not norm.startswith("ال"):
        rest = norm[1:]
        if _strip_al(rest) in words:
            norm = rest
    return _strip_al(norm)


def _date_form(norm: str) -> str:
    """:func:`_bare_form` for the date lists."""
    core, aux = _date_sets()
    return _bare_form(norm, core | aux)


def _keep(norm: str) -> bool:
    """A stopword form that is a content word in news names (``data/keywords/content_words.txt``)."""
    keep = _kw_list("content_words")
    return norm in keep or (len(norm) > 3 and norm[0] in "وبلف" and norm[1:] in keep)


def _strip_al(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


@cache
def _date_sets() -> tuple[frozenset[str], frozenset[str]]:
    m = lambda ws: frozenset(_strip_al(normalise(w, profile="matching")) for w in ws)
    return m(_kw_list("dates_core")), m(_kw_list("dates_aux"))


@cache
def _number_words() -> frozenset[str]:
    return frozenset(_strip_al(normalise(w, profile="matching")) for w in _kw_list("number_words"))


def _is_number_word(norm: str) -> bool:
    """``ألف``, ``والملايين``, ``بعشرات``, ``للمليون``: a number word (``data/keywords/number_words.txt``)
    behind at most one clitic letter and the article."""
    nums = _number_words()
    return _bare_form(norm, nums, clitics="وفبلك") in nums


@cache
def _boiler_keys() -> frozenset[str]:
    from ..stem import light_stem

    return frozenset(light_stem(w) for w in _kw_list("boilerplate"))


@lru_cache(maxsize=200_000)
def _classify(surface: str) -> tuple[str, str, str]:
    """``(kind, matching form, stem key)`` of a token."""
    from ..lexicon import stopwords
    from ..stem import light_stem

    # a presentation form can expand to several words (U+FDFA, the honorific ligature) or to a space plus a
    # mark (U+FC60, an isolated shadda-fatha glyph written after a word): a key never holds whitespace
    norm = " ".join(normalise(surface, profile="matching").split())
    if not norm or not any(c.isalpha() for c in norm):
        return NUMBER, norm, norm
    if " " in norm:  # a ligature of several words is a set formula (honorific, basmala), never a keyword
        return STOP, norm, norm
    if norm in _kw_list("name_links"):
        return LINK, norm, norm
    if norm.isascii() and norm.casefold() in _kw_list("web_residue"):  # "quot", "www", "Next Previous"
        return BOILER, norm, norm.casefold()
    if norm.isascii() and norm.casefold() in _kw_list("latin_stopwords"):  # "the", "on", "de": a Latin passage
        return STOP, norm, norm.casefold()
    if (norm in stopwords() and not _keep(norm)) or len(norm) < 2:
        return STOP, norm, norm
    key = "".join(light_stem(surface).split())
    if is_arabic_word(norm):
        core, aux = _date_sets()
        d = _date_form(norm)
        if d in core:
            return DATE, norm, key
        if d in aux:
            return AUX, norm, key
        if _is_number_word(norm):
            return NUMBER, norm, key
        if key in _boiler_keys() or (
            normalise(norm, profile="retrieval") in stopwords(profile="retrieval") and not _keep(norm)
        ):
            return BOILER, norm, key
    return CONTENT, norm, key


@dataclass(frozen=True)
class Token:
    """A word of the article with its offsets, kind, chunk and sentence."""

    start: int
    end: int
    surface: str
    kind: str
    key: str
    chunk: int
    sentence: int
    paragraph: int


@dataclass
class Candidate:
    """A candidate phrase grouped over its occurrences in the document."""

    lemma: str
    n_words: int
    surfaces: Counter = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    token_index: list[int] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    in_title: int = 0
    has_date: bool = False
    name_kind: str | None = None  # a name of arabic_news.names (person, organisation, place, title, entity)
    _clitic: dict = field(default_factory=dict, repr=False)
    _order: list = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:
        """Occurrences in the body (and headline)."""
        return len(self.spans)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.lemma.split(" "))

    @property
    def positions(self) -> tuple[int, ...]:
        """Start offset of every occurrence."""
        return tuple(s for s, _ in self.spans)

    @property
    def text(self) -> str:
        """The display form: most frequent surface, forms without a leading clitic first.

        A form is clitic-led when its first word splits (للمطالعة = ل + ال + مطالعة) or when it is another
        form's first word with one more leading letter (بعصابة beside العصابة or عصابة).  When every form
        is clitic-led and the clitic stands before the article, the article form is shown (للمطالعة ->
        المطالعة, وبالتعاون -> التعاون); a leading و/ف/ب/ل/ك that the stemmer took as a clitic (the word's
        key is the key of the word without it: وبيروت, بعصابة) is dropped too.
        """
        order = {f: i for i, f in enumerate(self._order)}
        firsts = {_first_bare(f) for f in self.surfaces}

        def led(f: str) -> bool:
            w = _first_bare(f)
            return self._clitic[f] or (len(w) > 3 and w[0] in "وفبلك" and (w[1:] in firsts or "ال" + w[1:] in firsts))

        best = max(self.surfaces, key=lambda f: (not led(f), self.surfaces[f], -order[f]))
        return _without_proclitic(_article_form(best) if led(best) else best, self.words[0])


@dataclass
class DocAnalysis:
    """Tokens, sentences and grouped candidates of one article."""

    article: Article
    tokens: list[Token]
    n_sentences: int
    n_paragraphs: int
    candidates: dict[str, Candidate]
    has_title: bool

    @property
    def text(self) -> str:
        return self.article.text


def _first_bare(surface: str) -> str:
    """The first word of a surface form in its matching form (no marks, unified letters)."""
    first = surface.split(" ", 1)[0]
    return normalise(first, profile="matching")


def _article_form(surface: str) -> str:
    """Drop the proclitics before the article of the first word (للمطالعة -> المطالعة, وبالتعاون -> التعاون);
    a form whose first word has no article is returned unchanged.

    >>> _article_form("للمطالعة الدائمة"), _article_form("وبالتعاون"), _article_form("بعصابة")
    ('المطالعة الدائمة', 'التعاون', 'بعصابة')
    """
    first, _, rest = surface.partition(" ")
    parts = split_clitics(normalise(first, profile="matching"))
    if "ال+" not in parts[1:]:
        return surface
    k = len(first) - len(first.lstrip("وف"))  # the raw word keeps its hamza and marks: cut letters, not parts
    k = min(k, sum(1 for p in parts if p in ("و+", "ف+")))
    word = first[k:]
    if word[:2] == "لل":
        word = "ا" + word[1:]  # ل + ال is written لل
    elif word[:1] in "بلك" and word[1:3] == "ال":
        word = word[1:]
    return f"{word} {rest}" if rest else word


def _without_proclitic(surface: str, key: str) -> str:
    """Drop up to two leading clitic letters of the first word when the word without them still has the stem
    key ``key`` (وبيروت -> بيروت, فبعصابة -> عصابة) and keeps at least three letters.

    >>> _without_proclitic("وبيروت", "بيروت"), _without_proclitic("بريطانيا", "بريطان")
    ('بيروت', 'بريطانيا')
    """
    first, _, rest = surface.partition(" ")
    for _ in range(2):
        if len(first) > 3 and first[0] in "وفبلك" and _classify(first[1:])[2] == key:
            first = first[1:]
    return f"{first} {rest}" if rest else first


@lru_cache(maxsize=100_000)
def _has_proclitic(surface: str) -> bool:
    first = surface.split()[0] if surface.split() else surface
    parts = split_clitics(normalise(first, profile="matching"))
    return len(parts) > 1 and parts[0] in ("و+", "ف+", "ب+", "ل+", "ك+")


def tokenize(article: Article) -> tuple[list[Token], int, int]:
    """Tokens of ``article.text`` with kinds, punctuation chunks, sentences and paragraphs.

    The headline (if any) is paragraph ``-1``.
    """
    text = article.text
    pspans = ([(article.title_span, -1)] if article.title_span else []) + [
        (sp, i) for i, sp in enumerate(article.paragraph_spans)
    ]
    tokens: list[Token] = []
    sent = chunk = -1
    for (p0, p1), pi in pspans:
        for s0, s1, _ in sentence_spans(text[p0:p1]):
            sent += 1
            prev_end = None
            base = p0 + s0
            for a, b, w in word_spans(text[base : p0 + s1]):
                a += base
                b += base
                if prev_end is None or text[prev_end:a].strip():
                    chunk += 1
                kind, _, key = _classify(w)
                tokens.append(Token(a, b, w, kind, key, chunk, sent, pi))
                prev_end = b
    return _group_short_clitic_forms(_mark_glosses(text, tokens)), sent + 1, len(article.paragraph_spans)


_GLOSS = re.compile(r"(?<=[\u0621-\u064a\u0660-\u0669])[\s\u0640]*\(([^()\u0600-\u06ff]{1,80})\)")


def _mark_glosses(text: str, tokens: list[Token]) -> list[Token]:
    """Latin words of a parenthesised gloss right after Arabic words (نظام التجارة الإلكترونية (E-commerce Law))
    are no candidates of their own: the Arabic phrase before them is the keyphrase (kind ``STOP``)."""
    spans = [(m.start(1), m.end(1)) for m in _GLOSS.finditer(text)]
    if not spans:
        return tokens
    inside = lambda t: any(g0 <= t.start and t.end <= g1 for g0, g1 in spans)
    return [replace(t, kind=STOP) if t.kind == CONTENT and t.surface.isascii() and inside(t) else t for t in tokens]


#: one proclitic preposition or conjunction, and the article, before a short word (لخط، للخط، بالخط، والخط)
_SHORT_PREFIXES = (
    "وبال",
    "وكال",
    "ولل",
    "فبال",
    "فلل",
    "بال",
    "كال",
    "وال",
    "فال",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)


def _group_short_clitic_forms(tokens: list[Token]) -> list[Token]:
    """Give clitic forms of a short word the key of its bare or definite form in the same article.

    The light stemmer leaves words of two or three root letters untouched (stripping more would
    leave too little to tell words apart), so لخط، للخط and الخط would be three keyphrases.  A
    form is regrouped only when the article itself also has the definite (or bare) form of the
    remainder: لبنان stays لبنان unless the article also writes البنان.
    """
    keys = {t.key for t in tokens if t.kind == CONTENT}
    out = []
    for t in tokens:
        norm = normalise(t.surface, profile="matching")
        if t.kind == CONTENT and t.key == norm and len(norm) <= 6:
            for p in _SHORT_PREFIXES:
                rest = norm[len(p) :]
                if norm.startswith(p) and len(rest) >= 2:
                    target = next((k for k in ("ال" + rest, rest) if k in keys and k != norm), None)
                    if target is not None:
                        t = replace(t, key=target)
                        break
        out.append(t)
    return out


def _phrase_runs(kinds: list[str], chunks: list[int]):
    """Yield ``(i, j)``: maximal runs ``[i, j)`` of phrase words (content, auxiliary, date, link) in one chunk."""
    n = len(kinds)
    i = 0
    while i < n:
        if kinds[i] not in _PHRASE_KINDS:
            i += 1
            continue
        c = chunks[i]
        j = i + 1
        while j < n and kinds[j] in _PHRASE_KINDS and chunks[j] == c:
            j += 1
        yield i, j
        i = j


def _ngrams(kinds: list[str], chunks: list[int], *, include_dates: bool, max_words: int = MAX_WORDS):
    """Yield ``(i, j, is_date)`` token ranges ``[i, j)`` that make valid candidates."""
    for i, j in _phrase_runs(kinds, chunks):
        for a in range(i, j):
            if kinds[a] == LINK:
                continue
            for b in range(a + 1, min(a + max_words, j) + 1):
                if kinds[b - 1] == LINK:
                    continue
                ks = kinds[a:b]
                is_date = (
                    DATE in ks
                    or CONTENT not in ks
                    or any(ks[t] == AUX and ks[t + 1] == AUX for t in range(len(ks) - 1))
                )
                if is_date and not include_dates:
                    continue
                yield a, b, is_date


def doc_lemmas(text: str, *, max_words: int = MAX_WORDS) -> set[str]:
    """The set of candidate lemma keys of a text (no dates), for document frequencies.

    A lean version of :func:`analyse` for corpora: no offsets, no Article.

    >>> sorted(doc_lemmas("حلف شمال الأطلسي، اليوم"))
    ['اطلس', 'حلف', 'حلف شمال', 'حلف شمال اطلس', 'شمال', 'شمال اطلس']
    """
    kinds, keys, chunks, _ = doc_tokens(text)
    return _lemma_ngrams(kinds, keys, chunks, max_words)


def doc_tokens(text: str) -> tuple[list[str], list[str], list[int], list[str]]:
    """Per word of ``text``: kind, stem key, punctuation chunk and matching form (corpus passes).

    A new chunk starts after any gap between two words that holds more than spaces and tabs
    (punctuation, a line break).  The hot loop of the corpus passes (every word of the corpora): one
    ``re.split`` gives the words and the gaps between them, and the rest runs in C (``map``, ``accumulate``).

    >>> doc_tokens("حلف الناتو، اليوم")[:3]
    (['content', 'content', 'date'], ['حلف', 'ناتو', 'يوم'], [0, 0, 1])
    """
    parts = _WORD_SPLIT_RE.split(text)  # [gap, word, gap, word, ..., word, gap]
    if len(parts) < 3:
        return [], [], [], []
    classified = list(map(_classify, parts[1::2]))
    chunks = [0]
    chunks += accumulate(map(_chunk_break, parts[2:-1:2]))  # the gaps between consecutive words
    return list(map(_FIRST, classified)), list(map(_THIRD, classified)), chunks, list(map(_SECOND, classified))


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


@lru_cache(maxsize=4096)
def _chunk_break(gap: str) -> int:
    """1 if a new chunk starts after this gap between two words: it holds punctuation or a line break."""
    return 1 if gap.strip() or "\n" in gap else 0


def _lemma_ngrams(kinds: list[str], keys: list[str], chunks: list[int], max_words: int) -> set[str]:
    """The keys of ``_ngrams(..., include_dates=False)``, with each range's date test kept up as it grows.

    The hot loop of the keyword background (every word of the corpora): the same ranges and the
    same test as :func:`_ngrams`, without a generator or a slice per candidate.
    """
    if max_words == 3:
        return _lemma_ngrams3(kinds, keys, chunks)
    return _lemma_ngrams_any(kinds, keys, chunks, max_words)


def _lemma_ngrams_any(kinds: list[str], keys: list[str], chunks: list[int], max_words: int) -> set[str]:
    """:func:`_lemma_ngrams` for any ``max_words`` (the reference the unrolled :func:`_lemma_ngrams3` is tested on)."""
    out: set[str] = set()
    for i, j in _phrase_runs(kinds, chunks):
        for a in range(i, j):
            if kinds[a] == LINK:
                continue
            date = content = aux_pair = False
            key = ""
            for b in range(a + 1, min(a + max_words, j) + 1):
                k = kinds[b - 1]
                date = date or k == DATE
                content = content or k == CONTENT
                aux_pair = aux_pair or (b - 1 > a and k == AUX and kinds[b - 2] == AUX)
                key = keys[b - 1] if b - 1 == a else key + " " + keys[b - 1]
                if k == LINK or date or not content or aux_pair:
                    continue
                out.add(key)
    return out


def _lemma_ngrams3(kinds: list[str], keys: list[str], chunks: list[int]) -> set[str]:
    """:func:`_lemma_ngrams` for ``max_words=3`` (the default), unrolled: the same keys, about twice as fast.

    Within a run of phrase words of one chunk, the n-gram starting at ``a`` is kept when it does not
    start or end with a name link, holds a content word, no date and no two auxiliaries in a row.
    """
    out: set[str] = set()
    add = out.add
    for i, j in _phrase_runs(kinds, chunks):
        for a in range(i, j):
            k0 = kinds[a]
            if k0 == LINK or k0 == DATE:  # a date: every longer n-gram holds it too
                continue
            if k0 == CONTENT:
                add(keys[a])
            if a + 1 >= j:
                continue
            k1 = kinds[a + 1]
            if k1 == DATE or (k0 == AUX and k1 == AUX):  # sticky for the trigram as well
                continue
            content = k0 == CONTENT or k1 == CONTENT
            if content and k1 != LINK:
                add(keys[a] + " " + keys[a + 1])
            if a + 2 >= j:
                continue
            k2 = kinds[a + 2]
            if k2 == DATE or k2 == LINK or (k1 == AUX and k2 == AUX):
                continue
            if content or k2 == CONTENT:
                add(keys[a] + " " + keys[a + 1] + " " + keys[a + 2])
    return out


#: longest name (arabic_news.names) kept as one candidate, in words
MAX_NAME_WORDS = 6


def analyse(
    text_or_article: str | Article,
    *,
    include_dates: bool = False,
    max_words: int = MAX_WORDS,
    names: bool = True,
    max_name_words: int = MAX_NAME_WORDS,
) -> DocAnalysis:
    """Tokenise an article and group its candidate phrases by lemma key.

    Parameters
    ----------
    text_or_article : str or Article
    include_dates : bool
        Keep date expressions (``يوم الخميس الماضي``) as candidates.
    max_words : int
        Longest phrase (1-3).
    names : bool
        Add the names of :func:`arabic_news.names.find_names` (people with
        their title, organisations, places; up to ``max_name_words`` words) as
        candidates and mark candidates that are names (``Candidate.name_kind``).
    max_name_words : int
        Longest name kept whole.

    Raises
    ------
    ArticleError
        Empty, non-Arabic or binary input (from :meth:`Article.from_text`), or
        an article without any candidate word.
    """
    if not 1 <= max_words <= MAX_WORDS:
        raise ValueError(f"max_words must be between 1 and {MAX_WORDS}, got {max_words!r}")
    article = as_article(text_or_article)
    tokens, n_sent, n_par = tokenize(article)
    text = article.text
    cands: dict[str, Candidate] = {}
    kinds = [t.kind for t in tokens]
    chunks = [t.chunk for t in tokens]
    spans = list(_ngrams(kinds, chunks, include_dates=include_dates, max_words=max_words))
    name_of: dict[tuple[int, int], str] = {}
    if names:
        from ..names import find_names

        by_start = {t.start: i for i, t in enumerate(tokens)}
        by_end = {t.end: i for i, t in enumerate(tokens)}
        seen = {(a, b) for a, b, _ in spans}
        for ns in find_names(article):
            a, b = by_start.get(ns.start), by_end.get(ns.end)
            if ns.kind == "nisba" or a is None or b is None or b + 1 - a > max_name_words:
                continue
            if any(tokens[t].kind in (STOP, NUMBER, DATE) for t in range(a, b + 1)):
                continue
            if any(tokens[t].key in _kw_list("web_residue") for t in range(a, b + 1)):
                continue  # "Next Previous", "quot": capitalised or recurring, but page residue, not a name
            name_of[(a, b + 1)] = ns.kind
            if (a, b + 1) not in seen:
                spans.append((a, b + 1, False))
    for a, b, is_date in spans:
        lemma = " ".join(tokens[t].key for t in range(a, b))
        c = cands.get(lemma)
        if c is None:
            c = cands[lemma] = Candidate(lemma=lemma, n_words=b - a, has_date=is_date)
        if (a, b) in name_of:
            c.name_kind = c.name_kind or name_of[(a, b)]
        s, e = tokens[a].start, tokens[b - 1].end
        surface = " ".join(text[s:e].split())
        if surface not in c.surfaces:
            c._order.append(surface)
            # a short form regrouped under its definite form (لخط under الخط) shows as the definite form
            regrouped = tokens[a].key != _classify(tokens[a].surface)[2]
            c._clitic[surface] = _has_proclitic(surface) or (
                regrouped and not normalise(tokens[a].surface, profile="matching").startswith("ال")
            )
        c.surfaces[surface] += 1
        c.spans.append((s, e))
        c.token_index.append(a)
        c.sentences.append(tokens[a].sentence)
        c.paragraphs.append(tokens[a].paragraph)
        if tokens[a].paragraph == -1:
            c.in_title += 1
    if not cands:
        raise ArticleError("article has no candidate keywords (only stopwords, numbers or dates)")
    return DocAnalysis(article, tokens, n_sent, n_par, cands, article.title_span is not None)


def content_keys(text: str) -> set[str]:
    """Stem keys of the content words of ``text`` (no stopwords, numbers or one-letter tokens).

    Used to compare headline words with keyphrase words.

    >>> sorted(content_keys("العراق يؤكد رغبته في التعاون مع الناتو 2024"))
    ['تعاون', 'رغب', 'عراق', 'ناتو', 'يوكد']
    """
    out = set()
    for _, _, w in word_spans(text):
        kind, _, key = _classify(w)
        if kind in (CONTENT, AUX, DATE, BOILER):
            out.add(key)
    return out


def lemma_words(lemmas: list[str]) -> set[str]:
    """All word keys of a list of phrase lemmas."""
    return {w for lem in lemmas for w in lem.split(" ")}
