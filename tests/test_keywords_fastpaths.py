"""The corpus passes' fast paths give exactly what the plain definitions give.

``doc_tokens`` (one ``re.split`` instead of a loop over matches) and the unrolled ``_lemma_ngrams3``
run over every word of the corpora when the keyword background is built; they are checked here
against straightforward versions on hand-made edge cases, random kind sequences and SANAD-like text.
"""

from __future__ import annotations

import random

import pytest

from arabic_news.keywords import candidates as C
from arabic_news.tokenise import _WORD_RE


def _doc_tokens_by_matches(text: str):
    """The definition: each ``_WORD_RE`` match classified; a new chunk after a gap with punctuation or a line break."""
    kinds, keys, chunks, norms = [], [], [], []
    chunk, prev = 0, None
    for m in _WORD_RE.finditer(text):
        if prev is not None:
            gap = text[prev : m.start()]
            if gap.strip() or "\n" in gap:
                chunk += 1
        kind, norm, key = C._classify(m.group())
        kinds.append(kind)
        keys.append(key)
        chunks.append(chunk)
        norms.append(norm)
        prev = m.end()
    return kinds, keys, chunks, norms


TEXTS = [
    "",
    " ",
    "،،!",
    "كلمة",
    " كلمة ",
    "أ\nب",
    "أ\tب",
    "أ  ب",
    "أ ،ب",
    "أ\n\nب ج",
    "123 456 و 3.5",
    "abc def. ghi",
    "\n\nالعنوان\nقال الوزير، في بيان اليوم الأحد، إن «التعاون» مستمر...  والعمل\t\tجار (NATO) 2024",
    "وزارة الداخلية العراقية ومنظمة حلف شمال الأطلسي تبحثان التعاون الأمني في بروكسل",
]


@pytest.mark.parametrize("text", TEXTS)
def test_doc_tokens_equals_the_match_loop(text):
    assert C.doc_tokens(text) == _doc_tokens_by_matches(text)


def _ngrams_by_definition(kinds, keys, chunks, max_words):
    """The keys of ``_ngrams(..., include_dates=False)``: the definition ``_lemma_ngrams`` documents."""
    return {" ".join(keys[a:b]) for a, b, _ in C._ngrams(kinds, chunks, include_dates=False, max_words=max_words)}


KINDS = [C.CONTENT, C.AUX, C.DATE, C.LINK, C.STOP, C.NUMBER, C.BOILER]


@pytest.mark.parametrize("seed", range(5))
def test_unrolled_trigrams_equal_the_general_loop_and_the_definition(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        n = rng.randint(0, 14)
        kinds = [rng.choice(KINDS) for _ in range(n)]
        keys = [f"w{i}" for i in range(n)]
        chunks = sorted(rng.choice([0, 0, 0, 1, 2, 3]) for _ in range(n))
        want = _ngrams_by_definition(kinds, keys, chunks, 3)
        assert C._lemma_ngrams_any(kinds, keys, chunks, 3) == want
        assert C._lemma_ngrams3(kinds, keys, chunks) == want
        assert C._lemma_ngrams(kinds, keys, chunks, 3) == want
        assert C._lemma_ngrams(kinds, keys, chunks, 2) == _ngrams_by_definition(kinds, keys, chunks, 2)


def test_fast_paths_on_real_text(featured_article):
    text = featured_article.text
    assert C.doc_tokens(text) == _doc_tokens_by_matches(text)
    kinds, keys, chunks, _ = C.doc_tokens(text)
    assert C._lemma_ngrams(kinds, keys, chunks, 3) == _ngrams_by_definition(kinds, keys, chunks, 3)
    assert len(C._lemma_ngrams(kinds, keys, chunks, 3)) > 50
