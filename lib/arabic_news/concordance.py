"""Reading one text closely: a profile, lemma frequencies and a keyword-in-context concordance.

* :func:`text_profile` -- paragraphs, sentences, tokens, types, type/token ratio;
* :func:`lemma_frequencies` -- content-word lemmas (stopwords removed) with the
  most frequent surface form of each, so a chart shows real words, not stems;
* :func:`kwic` -- every occurrence of a term (matched by normalised form, or by
  lemma with ``key=``) with its left and right context, offsets into the text;
* :func:`kwic_html` -- the concordance as an escaped, right-to-left HTML table.

Offsets always index the string given (for an article, ``Article.text``).

>>> [line.match for line in kwic("قال الوزير إن الوزيرَ الآخر وافق", "الوزير")]
['الوزير', 'الوزيرَ']
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .normalise import normalise
from .tokenise import is_arabic_word, paragraphs, sentences, word_spans, words

__all__ = [
    "KwicLine",
    "LemmaCount",
    "text_profile",
    "lemma_frequencies",
    "kwic",
    "kwic_spans",
    "kwic_html",
]


@dataclass(frozen=True)
class KwicLine:
    """One concordance line: ``text[start:end]`` is the match."""

    start: int
    end: int
    left: str
    match: str
    right: str


@dataclass(frozen=True)
class LemmaCount:
    """A lemma (stemmer key), its count, its most frequent surface form and all forms seen."""

    lemma: str
    count: int
    surface: str
    forms: tuple[tuple[str, int], ...]


def text_profile(text: str) -> dict[str, float]:
    """Counts describing a text: paragraphs, sentences, tokens, Arabic tokens, types, type/token ratio.

    Types are distinct tokens after ``matching`` normalisation (diacritics and
    tatweel removed, letters kept), so ``الوزيرُ`` and ``الوزير`` are one type.

    >>> p = text_profile("قال الوزيرُ إن الوزير وافق.")
    >>> p["tokens"], p["types"], p["type_token_ratio"]
    (5, 4, 0.8)
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    toks = words(text)
    types = {normalise(t, profile="matching") for t in toks}
    return {
        "paragraphs": len(paragraphs(text)),
        "sentences": len(sentences(text)),
        "tokens": len(toks),
        "arabic_tokens": sum(1 for t in toks if is_arabic_word(t)),
        "types": len(types),
        "type_token_ratio": round(len(types) / len(toks), 3) if toks else 0.0,
    }


def lemma_frequencies(
    tokens: Iterable[str],
    *,
    stemmer: str | Callable[[str], str] = "light",
    remove_stopwords: bool = True,
    min_length: int = 2,
) -> list[LemmaCount]:
    """Count Arabic content words by lemma, most frequent first.

    Parameters
    ----------
    tokens : iterable of str
        Tokens from :func:`arabic_news.words`.  Non-Arabic tokens are skipped.
    stemmer : str or callable
        A name for :func:`arabic_news.stem.get_stemmer` (``"light"``,
        ``"qalsadi"``...) or a ``word -> key`` callable.
    remove_stopwords : bool
        Drop stopword forms (with their clitics) first.
    min_length : int
        Drop lemmas shorter than this (after normalisation).

    Returns
    -------
    list of LemmaCount
        Sorted by count (descending), ties by lemma.  ``surface`` is the most
        frequent surface form (diacritics stripped), ties broken by first
        occurrence.

    >>> top = lemma_frequencies(words("الأمنية الأمن الأمنية والأمن في بغداد"))
    >>> top[0].lemma, top[0].count, top[0].surface
    ('امن', 4, 'الأمنية')
    """
    if isinstance(stemmer, str):
        from .stem import get_stemmer

        key = get_stemmer(stemmer)
    elif callable(stemmer):
        key = stemmer
    else:
        raise TypeError(f"stemmer must be a name or a callable, got {type(stemmer).__name__}")
    if remove_stopwords:
        from .lexicon import is_stopword
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if not is_arabic_word(tok):
            continue
        if remove_stopwords and is_stopword(tok):
            continue
        k = key(tok)
        if len(k) < min_length:
            continue
        surface = normalise(tok, profile="matching")
        counts[k] += 1
        forms[k][surface] += 1
        first.setdefault(surface, i)
    out = []
    for k, n in counts.items():
        fs = sorted(forms[k].items(), key=lambda kv: (-kv[1], first[kv[0]]))
        out.append(LemmaCount(lemma=k, count=n, surface=fs[0][0], forms=tuple(fs)))
    out.sort(key=lambda lc: (-lc.count, lc.lemma))
    return out


def _left_context(text: str, start: int, width: int) -> str:
    para = text.rfind("\n", 0, start) + 1  # context stays inside the match's paragraph
    lo = max(para, start - width)
    left = text[lo:start]
    if lo > para and " " in left:  # do not start mid-word
        left = left[left.index(" ") + 1 :]
    return " ".join(left.split())


def _right_context(text: str, end: int, width: int) -> str:
    nl = text.find("\n", end)
    para_end = len(text) if nl < 0 else nl
    hi = min(para_end, end + width)
    right = text[end:hi]
    if hi < para_end and " " in right:
        right = right[: right.rindex(" ")]
    return " ".join(right.split())


def kwic(
    text: str,
    term: str,
    *,
    width: int = 40,
    key: Callable[[str], str] | None = None,
) -> list[KwicLine]:
    """Keyword in context: every token of ``text`` that matches ``term``, with its context.

    Parameters
    ----------
    text : str
    term : str
        One word.
    width : int
        Characters of context on each side, cut back to whole words and
        kept inside the match's paragraph (line).
    key : callable, optional
        ``word -> key`` used to compare tokens with ``term``; default
        ``retrieval`` normalisation (diacritics, tatweel, hamza seats, alef
        variants, ta marbuta folded).  Pass a stemmer (``get_stemmer("light")``)
        to match every inflection of a lemma.

    Returns
    -------
    list of KwicLine
        In text order; ``text[line.start:line.end] == line.match``.

    >>> [(l.left, l.match, l.right) for l in kwic("أكد الوزير أن الأمن مستقر", "الامن", width=12)]
    [('الوزير أن', 'الأمن', 'مستقر')]
    """
    if not isinstance(text, str) or not isinstance(term, str):
        raise TypeError("kwic needs text and term as str")
    if not term.strip() or len(words(term)) != 1:
        raise ValueError(f"kwic needs one word as the term, got {term!r}")
    if not isinstance(width, int) or width < 0:
        raise ValueError(f"width must be a non-negative int, got {width!r}")
    keyf = key or (lambda w: normalise(w, profile="retrieval"))
    target = keyf(words(term)[0])
    return kwic_spans(text, [(s, e) for s, e, tok in word_spans(text) if keyf(tok) == target], width=width)


def kwic_spans(text: str, spans: Iterable[tuple[int, int]], *, width: int = 40) -> list[KwicLine]:
    """Concordance lines for given ``(start, end)`` matches (keyphrase positions, say).

    Context is cut back to whole words and kept inside the match's paragraph.

    >>> [(l.left, l.match, l.right) for l in kwic_spans("قال الوزير إن التعاون الأمني مستمر", [(14, 28)], width=12)]
    [('الوزير إن', 'التعاون الأمني', 'مستمر')]
    """
    return [KwicLine(s, e, _left_context(text, s, width), text[s:e], _right_context(text, e, width)) for s, e in spans]


def kwic_html(lines: Sequence[KwicLine], *, max_lines: int | None = None) -> str:
    """A concordance as an HTML table laid out right to left, every piece of text escaped.

    The right-hand column holds the text *before* the match (Arabic reads
    right to left), the left-hand one the text after it.

    >>> kwic_html([KwicLine(0, 5, "قبل <b>", "الأمن", "بعد")])  # doctest: +ELLIPSIS
    '<style>...<table class="kwic" dir="rtl"><tr><td class="kwic-before">قبل &lt;b&gt;</td>...'
    """
    rows = []
    for line in list(lines)[: max_lines if max_lines is not None else None]:
        rows.append(
            "<tr>"
            f'<td class="kwic-before">{html.escape(line.left)}</td>'
            f'<td class="kwic-match"><strong>{html.escape(line.match)}</strong></td>'
            f'<td class="kwic-after">{html.escape(line.right)}</td>'
            "</tr>"
        )
    style = (
        "<style>table.kwic td{padding:2px 6px;white-space:nowrap} table.kwic td.kwic-before{text-align:left}"
        " table.kwic td.kwic-match{text-align:center;color:#8b1a1a} table.kwic td.kwic-after{text-align:right}</style>"
    )
    return style + '<table class="kwic" dir="rtl">' + "".join(rows) + "</table>"
