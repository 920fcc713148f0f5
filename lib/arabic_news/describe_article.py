"""Findings in words for the article profile (notebook 00), computed from the article in front of the reader.

Each function turns numbers of *the article being analysed* into a short Markdown
paragraph that a notebook displays (``display(Markdown(...))``); nothing here knows any
particular article.  Zero, one and many read naturally, short or non-Arabic texts are
flagged, and every piece of article text is escaped for both Markdown and HTML.

Notebook 00: :func:`article_html` (the text), :func:`describe_size`,
:func:`describe_sentences`, :func:`describe_lemmas`, :func:`describe_concordance`,
:func:`describe_corpus_length` (with :func:`corpus_lengths`).  Figures:
:mod:`arabic_news.plotting.article`.

>>> from arabic_news.concordance import text_profile
>>> print(describe_size(text_profile("ارتفع المؤشر.")))
One paragraph, one sentence and 2 tokens (2 Arabic words) of 2 distinct types. The text is too short (under 100 tokens) for its type/token ratio (1.00) to say anything about its vocabulary.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article, as_article
from .prose import md_escape
from .tokenise import sentences, words

if TYPE_CHECKING:  # pragma: no cover
    from .concordance import KwicLine, LemmaCount

__all__ = [
    "md_escape",
    "article_html",
    "sentence_word_counts",
    "describe_size",
    "describe_sentences",
    "describe_lemmas",
    "describe_concordance",
    "corpus_lengths",
    "describe_corpus_length",
]

#: below this many tokens a type/token ratio or a frequency list says little
SHORT_TOKENS = 100


def _n(k: int, one: str, many: str | None = None) -> str:
    """``no words`` / ``one word`` / ``3 words``."""
    word = "no" if k == 0 else "one" if k == 1 else f"{k:,}"
    return f"{word} {one if k == 1 else (many or one + 's')}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article_html(article: Article | str) -> str:
    """The article as right-to-left HTML: headline (or a note that there is none) and paragraphs, escaped.

    >>> article_html("<b>عنوان</b>\\nفقرة أولى.")
    '<div dir="rtl"><h3>&lt;b&gt;عنوان&lt;/b&gt;</h3><p>فقرة أولى.</p></div>'
    """
    art = as_article(article)
    head = f"<h3>{html.escape(art.title)}</h3>" if art.title else '<p dir="ltr"><em>(no headline)</em></p>'
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in art.paragraphs)
    return f'<div dir="rtl">{head}{paras}</div>'


def sentence_word_counts(article: Article | str) -> list[tuple[str, int]]:
    """``(sentence, words)`` for every sentence of the whole text (headline included), in order.

    >>> [n for _, n in sentence_word_counts("قال الوزير. ثم غادر القاعة بسرعة.")]
    [2, 4]
    """
    art = as_article(article)
    return [(s, len(words(s))) for s in sentences(art.text)]


def describe_size(profile: Mapping[str, Any]) -> str:
    """Size and vocabulary of the body from :func:`arabic_news.concordance.text_profile`.

    Flags a text too short for its type/token ratio to mean much, and one whose tokens are
    mostly not Arabic words (numbers, Latin names).
    """
    tokens, arabic = int(profile["tokens"]), int(profile["arabic_tokens"])
    if tokens == 0:
        return "The body has no tokens: there is nothing to measure."
    out = (
        f"{_cap(_n(int(profile['paragraphs']), 'paragraph'))}, {_n(int(profile['sentences']), 'sentence')} and "
        f"{tokens:,} tokens ({arabic:,} Arabic word{'s' if arabic != 1 else ''}) of {_n(int(profile['types']), 'distinct type')}."
    )
    ttr = float(profile["type_token_ratio"])
    if tokens < SHORT_TOKENS:
        out += f" The text is too short (under {SHORT_TOKENS} tokens) for its type/token ratio ({ttr:.2f}) to say anything about its vocabulary."
    else:
        out += f" The type/token ratio is {ttr:.2f}."
    if arabic < 0.6 * tokens:
        out += f" Only {arabic / tokens:.0%} of the tokens are Arabic words; the rest are numbers, Latin script or symbols, which the Arabic analyses below skip."
    return out


def describe_sentences(counts: Sequence[tuple[str, int]]) -> str:
    """How long the sentences are, and the longest one quoted (escaped, right to left).

    >>> describe_sentences([])
    'The text has no sentences.'
    """
    if not counts:
        return "The text has no sentences."
    lengths = sorted(n for _, n in counts)
    longest_text, longest = max(counts, key=lambda sn: sn[1])
    if len(lengths) == 1:
        out = f"The text is a single sentence of {_n(longest, 'word')}:"
    else:
        mid = len(lengths) // 2
        median = lengths[mid] if len(lengths) % 2 else (lengths[mid - 1] + lengths[mid]) / 2
        out = (
            f"{len(lengths):,} sentences, {sum(lengths) / len(lengths):.1f} words long on average "
            f"(median {median:g}, shortest {lengths[0]}). The longest has {_n(longest, 'word')}:"
        )
    return out + f'\n\n<blockquote dir="rtl">{html.escape(" ".join(longest_text.split()))}</blockquote>'


def describe_lemmas(lemmas: Sequence[LemmaCount], *, top: int = 5) -> str:
    """The most frequent lemmas and the share of content-word tokens the top ``top`` make up.

    >>> describe_lemmas([])
    'No Arabic content word was found (after removing stopwords), so there are no lemmas to count.'
    """
    if not lemmas:
        return "No Arabic content word was found (after removing stopwords), so there are no lemmas to count."
    total = sum(lc.count for lc in lemmas)
    lead = lemmas[0]
    forms = len(lead.forms)
    out = (
        f"The most frequent lemma is «{md_escape(lead.surface)}» (stem key «{md_escape(lead.lemma)}»), "
        f"used {_n(lead.count, 'time')} in {_n(forms, 'form')}."
    )
    if lead.count == 1:
        return (
            out + f" No content word occurs twice: all {len(lemmas):,} lemmas occur once, so the ranking is arbitrary."
        )
    k = min(top, len(lemmas))
    share = sum(lc.count for lc in lemmas[:k]) / total
    others = [f"«{md_escape(lc.surface)}» ({lc.count})" for lc in lemmas[1:k] if lc.count > 1]
    if others:
        out += f" Next come {', '.join(others)}."
    out += f" The top {k} lemma{'s' if k != 1 else ''} make{'' if k != 1 else 's'} up {share:.0%} of the {total:,} content-word tokens."
    return out


def describe_concordance(lines: Sequence[KwicLine], surface: str | None) -> str:
    """One sentence introducing the concordance of the top lemma (or saying there is none)."""
    if not surface:
        return "With no content word to look up, there is no concordance."
    n = len(lines)
    if n == 0:
        return f"No occurrence of «{md_escape(surface)}» was found in the text."
    return f"{_cap(_n(n, 'occurrence'))} of the lemma of «{md_escape(surface)}» in the text:"


def corpus_lengths(*, root=None) -> list[int]:
    """Whitespace-separated word counts of every SANAD article (the topic model's training corpus).

    Read once per copy of the corpus and cached (``corpus-lengths``), keyed on the corpus files.
    """
    from .cache import cached, data_fingerprint, fingerprint
    from .corpus import load_sanad
    from .paths import data_path

    folder = Path(root) if root is not None else data_path("corpora", "sanad_khaleej")
    return cached(
        "corpus-lengths",
        fingerprint("sanad-word-counts/1", data_fingerprint(folder)),
        lambda: [len(d.text.split()) for d in load_sanad(root, show_progress=False).documents],
    )


def describe_corpus_length(article: Article | str, lengths: Sequence[int], corpus: str = "SANAD") -> str:
    """Where the article's length falls among the corpus articles' lengths.

    >>> describe_corpus_length("قال الوزير إن الاتفاق قريب", [2, 10, 20])
    'The article has 5 words: longer than 33% of the 3 SANAD articles (median 10 words).'
    """
    art = as_article(article)
    n = len(art.text.split())
    if not lengths:
        return f"The article has {_n(n, 'word')}; the corpus {md_escape(corpus)} is empty, so there is nothing to compare with."
    ls = sorted(lengths)
    share = sum(1 for x in ls if x < n) / len(ls)
    median = ls[len(ls) // 2]
    out = f"The article has {_n(n, 'word')}: longer than {share:.0%} of the {len(ls):,} {md_escape(corpus)} articles (median {median:,} words)."
    if share >= 0.99:
        out += " It is longer than almost every corpus article, so per-word densities are stable but corpus comparisons are at the edge of the data."
    elif share <= 0.01:
        out += " It is shorter than almost every corpus article: comparisons of densities with the corpus are noisy."
    return out
