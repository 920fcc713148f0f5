"""Stemming and lemmatisation behind one interface, plus scikit-learn transformers.

Stemmers (``get_stemmer(name)`` returns a cached ``str -> str`` callable):

``light``
    The lab's own light stemmer (:func:`light_stem`), built to group the
    inflected variants of a news word (``الاقتصادية``, ``الاقتصادي``,
    ``اقتصادية`` -> ``اقتصاد``).  Rules in its docstring; suffix and prefix
    tables in ``data/lexicons/light_stem_*.txt``.
``isri``
    NLTK's ISRI root stemmer (Taghva et al. 2005): aggressive, to roots.
``tashaphyne``
    Tashaphyne's light stemmer (Zerrouki).
``qalsadi``
    Qalsadi's lemmatiser (Zerrouki): dictionary lemmas, slow (~150 types/s),
    so cached per word type.
``none``
    Identity (after normalisation).

Every stemmer first normalises the word with the ``matching`` profile and
returns a ``retrieval``-normalised key, so keys compare across spellings.

>>> light_stem("الاقتصادية"), light_stem("الاقتصادي"), light_stem("اقتصادية")
('اقتصاد', 'اقتصاد', 'اقتصاد')
>>> stem("والمنظومات", stemmer="light")
'منظوم'

``TextNormaliser`` (a scikit-learn transformer; scikit-learn is imported on first use):

>>> from arabic_news.stem import TextNormaliser
>>> TextNormaliser(profile="retrieval").fit_transform(["مسؤولٌ"])
['مسوول']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from .lexicon import load_wordlist, stopwords
from .normalise import normalise
from .tokenise import is_arabic_word, words

__all__ = [
    "STEMMERS",
    "get_stemmer",
    "stem",
    "light_stem",
    "ArabicAnalyzer",
    "TextNormaliser",  # noqa: F822 -- provided lazily by __getattr__ (scikit-learn on first use)
]

STEMMERS = ("light", "isri", "tashaphyne", "qalsadi", "none")


def _key(word: str) -> str:
    return normalise(word, profile="retrieval")


@cache
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    def longest_first(name: str) -> tuple[str, ...]:
        return tuple(sorted(load_wordlist(name), key=len, reverse=True))

    return (
        longest_first("light_stem_prefixes"),
        longest_first("light_stem_pronouns"),
        longest_first("light_stem_suffixes"),
    )


@cache
def _protected() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(root-initial stems, stems ending in ان/ين/ون that take a nisba, ب/ل/ك-splittable stems), retrieval keys."""

    def keys(name: str) -> frozenset[str]:
        return frozenset(_key(w) for w in load_wordlist(name))

    return keys("light_stem_root_initial"), keys("light_stem_nisba_stems"), keys("light_stem_clitic_stems")


_TANWEEN_ALEF = ("\u064bا", "ا\u064b")
_PLURAL_DUAL = ("ات", "ون", "ين", "ان")


def _strip_suffixes(w: str, tanween: bool = False) -> str:
    """Rules 3-6 of :func:`light_stem` on a prefix-free, ``matching``-normalised word."""
    _, pronouns, suffixes = _affixes()
    _, nisba_stems, _ = _protected()
    if w.endswith("ا") and len(w) >= 4 and (tanween or (w.endswith("يا") and len(w) >= 5)):
        w = w[:-1]  # accusative tanween alef: تعاونًا -> تعاون, دوليا -> دولي
    else:
        for s in pronouns:
            if w.endswith(s) and len(w) - len(s) >= 4:
                w = w[: -len(s)]
                if w.endswith("ت") and not w.endswith("ات"):
                    w = w[:-1] + "ة"  # ta marbuta before a pronoun: رغبته -> رغبة
                break
    for s in suffixes:
        if not w.endswith(s):
            continue
        rest = w[: -len(s)]
        min_rest = 4 if s in _PLURAL_DUAL[1:] else 3
        if len(rest) >= min_rest and not (s in _PLURAL_DUAL[1:] and _key(w) in nisba_stems):
            w = rest
            break
    if w.endswith("ي") and len(w) >= 4:
        w = w[:-1]
    return w


@lru_cache(maxsize=500_000)
def light_stem(word: str) -> str:
    """The lab's light stemmer: strip one prefix group and up to two suffix layers.

    Rules (applied to the ``matching``-normalised word, result ``retrieval``-normalised):

    1. Strip the longest prefix group from ``light_stem_prefixes.txt`` (``وال``,
       ``بال``, ``لل``, ``ال`` ...) if at least 3 letters remain.
    2. A lone conjunction ``و``/``ف`` is stripped when at least 3 letters remain,
       unless the whole word's stem is listed in ``light_stem_root_initial.txt``
       (stems attested after the article, so their first letter is a root letter:
       ``وزارة``, ``وفد``, ``فريق`` stay whole; ``وقال`` -> ``قال``).
    3. A lone preposition ``ب``/``ل``/``ك`` is stripped only when the remaining
       stem is listed in ``light_stem_clitic_stems.txt`` (stems attested with the
       article) and the whole word's stem is not root-initial (``لمكافحة`` ->
       ``مكافحة`` but ``لبنان``, ``بلاد``, ``بغداد`` stay whole).
    4. A final accusative tanween alef goes (``تعاونًا``, undiacritised ``دوليا``
       when the word ends in ``يا``); otherwise an attached pronoun from
       ``light_stem_pronouns.txt`` (``ها``, ``هم``, ``ه`` ...) if 4 letters remain; a ``ت`` it leaves
       (not ``ات``) was a ta marbuta and becomes ``ة`` (``رغبته`` -> ``رغبة``).
    5. Strip the longest inflection suffix from ``light_stem_suffixes.txt`` that leaves enough letters
       (``ية``, ``ات``, ``ون``, ``ين``, ``ة`` ...) if at least 3 letters remain
       (4 for ``ون ين ان``, which are also kept when the stem takes a feminine
       nisba, listed in ``light_stem_nisba_stems.txt``: ``فلسطين``, ``تعاون``, ``قانون``).
    6. Strip a final nisba ``ي`` if at least 3 letters remain (``اقتصادي`` ->
       ``اقتصاد``, ``الدولي`` -> ``دول``), so adjective and noun forms meet.

    The three protection lists are derived from SANAD + SaudiNewsNet word counts
    by :mod:`arabic_news.stemlists` (their headers give the procedure).
    Non-Arabic tokens are returned lower-cased; numbers unchanged.

    >>> light_stem("المنظمات"), light_stem("منظمة"), light_stem("للتعاون")
    ('منظم', 'منظم', 'تعاون')
    >>> light_stem("وزير"), light_stem("بلاد"), light_stem("NATO")
    ('وزير', 'بلاد', 'nato')
    """
    tanween = word.rstrip().endswith(_TANWEEN_ALEF)
    w = normalise(word, profile="matching")
    if not is_arabic_word(w):
        return w.lower()
    prefixes, _, _ = _affixes()
    root_initial, _, clitic_stems = _protected()
    for p in prefixes:
        if not w.startswith(p):
            continue
        rest = w[len(p) :]
        if len(rest) < 3:
            continue
        if p in ("و", "ف"):
            if _key(_strip_suffixes(w, tanween)) in root_initial:
                break
        elif p in ("ب", "ل", "ك"):
            if (
                _key(_strip_suffixes(w, tanween)) in root_initial
                or _key(_strip_suffixes(rest, tanween)) not in clitic_stems
            ):
                break
        w = rest
        break
    return _key(_strip_suffixes(w, tanween))


@cache
def _backend(name: str) -> Callable[[str], str]:
    if name == "light":
        return light_stem
    if name == "none":
        return _key
    if name == "isri":
        from nltk.stem.isri import ISRIStemmer

        isri = ISRIStemmer()
        return lambda w: _key(isri.stem(normalise(w, profile="matching")))
    if name == "tashaphyne":
        from tashaphyne.stemming import ArabicLightStemmer

        ts = ArabicLightStemmer()
        return lambda w: _key(ts.light_stem(normalise(w, profile="matching")) or w)
    if name == "qalsadi":
        import qalsadi.lemmatizer

        lem = qalsadi.lemmatizer.Lemmatizer()

        def q(w: str) -> str:
            w = normalise(w, profile="matching")
            if not is_arabic_word(w):
                return w.lower()
            return _key(lem.lemmatize(w) or w)

        return q
    raise ValueError(f"unknown stemmer {name!r}; choose one of: {', '.join(STEMMERS)}")


@cache
def get_stemmer(name: str = "light") -> Callable[[str], str]:
    """Return a cached ``word -> key`` function for the named stemmer.

    >>> get_stemmer("isri")("المكتبات")
    'كتب'
    """
    return lru_cache(maxsize=500_000)(_backend(name))


def stem(word: str, *, stemmer: str = "light") -> str:
    """Stem (or lemmatise) one word with the named stemmer."""
    return get_stemmer(stemmer)(word)


class ArabicAnalyzer:
    """A picklable scikit-learn ``analyzer``: normalise, tokenise, stem, make n-grams.

    Use as ``TfidfVectorizer(analyzer=ArabicAnalyzer(...))``.  With
    ``kind="char"`` it yields character n-grams inside word boundaries of the
    normalised text (like scikit-learn's ``char_wb``, but on the lab's tokens).

    Parameters
    ----------
    kind : {"word", "char"}
    ngram_range : tuple of int
    stemmer : str
        One of :data:`STEMMERS` (word n-grams only).
    remove_stopwords : bool
        Drop stopword forms before building word n-grams.
    profile : str
        Normalisation profile for the text.

    >>> ArabicAnalyzer(ngram_range=(1, 2), remove_stopwords=True)("وأكد الوزيرُ في بيان")
    ['اكد', 'وزير', 'بيان', 'اكد وزير', 'وزير بيان']
    """

    def __init__(
        self,
        kind: str = "word",
        ngram_range: tuple[int, int] = (1, 1),
        stemmer: str = "light",
        remove_stopwords: bool = False,
        profile: str = "retrieval",
    ):
        self.kind = kind
        self.ngram_range = tuple(ngram_range)
        self.stemmer = stemmer
        self.remove_stopwords = remove_stopwords
        self.profile = profile
        self._validate()

    def _validate(self) -> None:
        if self.kind not in ("word", "char"):
            raise ValueError(f"unknown analyzer kind {self.kind!r}; choose 'word' or 'char'")
        lo, hi = self.ngram_range
        if not (1 <= lo <= hi):
            raise ValueError(f"bad ngram_range {self.ngram_range!r}: need 1 <= min <= max")
        if self.stemmer not in STEMMERS:
            raise ValueError(f"unknown stemmer {self.stemmer!r}; choose one of: {', '.join(STEMMERS)}")

    def __repr__(self) -> str:
        return (
            f"ArabicAnalyzer(kind={self.kind!r}, ngram_range={self.ngram_range!r}, "
            f"stemmer={self.stemmer!r}, remove_stopwords={self.remove_stopwords!r}, profile={self.profile!r})"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArabicAnalyzer) and repr(self) == repr(other)

    def __hash__(self) -> int:
        return hash(repr(self))

    def tokens(self, doc: str) -> list[str]:
        """Normalised (and stemmed) word tokens of ``doc``, before n-grams."""
        toks = words(normalise(doc, profile="matching"))
        if self.remove_stopwords:
            sw = stopwords()
            toks = [t for t in toks if t not in sw]
        f = get_stemmer(self.stemmer)
        return [f(t) for t in toks]

    def __call__(self, doc: str) -> list[str]:
        if len(doc) <= MEMO_MAX_CHARS:  # short texts (paragraphs) come back fold after fold: analysed once
            return list(_memo_analyse(self, doc))
        return self._analyse(doc)

    def _analyse(self, doc: str) -> list[str]:
        lo, hi = self.ngram_range
        if self.kind == "char":
            out = []
            for w in words(normalise(doc, profile=self.profile)):
                w = f" {w} "
                for n in range(lo, hi + 1):
                    if len(w) < n:
                        break
                    out.extend(w[i : i + n] for i in range(len(w) - n + 1))
            return out
        toks = self.tokens(doc)
        if lo == hi == 1:
            return toks
        out = []
        for n in range(lo, hi + 1):
            out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
        return out


#: Texts up to this many characters have their analysis memoised (per analyzer configuration): the
#: persuasion evaluation vectorises the same 2,500 paragraphs with four vectorisers in each of 15
#: folds.  Articles (a few thousand characters) are analysed afresh, so a corpus never fills the memo.
MEMO_MAX_CHARS = 1500


@lru_cache(maxsize=8192)
def _memo_analyse(analyzer: ArabicAnalyzer, doc: str) -> tuple[str, ...]:
    """``analyzer._analyse(doc)``, memoised; analyzers of the same configuration share entries."""
    return tuple(analyzer._analyse(doc))


def _make_text_normaliser():
    from sklearn.base import BaseEstimator, TransformerMixin

    class TextNormaliser(TransformerMixin, BaseEstimator):
        """Pipeline step: normalise every document with a profile.

        >>> TextNormaliser(profile="retrieval").fit_transform(["مسؤولٌ"])
        ['مسوول']
        """

        def __init__(self, profile: str = "retrieval"):
            self.profile = profile

        def fit(self, X: Iterable[str], y=None):
            normalise("", profile=self.profile)  # validates the profile
            return self

        def transform(self, X: Iterable[str]) -> list[str]:
            return [normalise(x, profile=self.profile) for x in X]

    TextNormaliser.__module__ = __name__
    TextNormaliser.__qualname__ = "TextNormaliser"
    return TextNormaliser


def __getattr__(name: str):
    # scikit-learn is imported only when TextNormaliser is first used, so that
    # importing the stemmers (keywords, CLI) stays fast; the class is created
    # once and stored, so pickling/skops and isinstance checks see one class.
    if name == "TextNormaliser":
        cls = _make_text_normaliser()
        globals()["TextNormaliser"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
