"""Stance markers: boosters, hedges, emphasis particles and evaluative adjectives.

Four kinds of span are found in a text, each from a cited word list in
``arabic_news/data/rhetoric/`` plus two grammatical rules:

* ``booster``   -- intensifiers that strengthen a claim (بشكل كبير، واسعة، بالغ، للغاية)
* ``hedge``     -- expressions of possibility or approximation (ربما، يبدو، من المحتمل)
  and *qad + imperfect* (قد يكون "may be");
* ``emphasis``  -- corroborative particles (إنّ، لقد) and *qad + perfect* (قد أكد "has indeed said");
  the إنّ that قال requires before reported speech (قال الوزير إن ...) is not counted;
* ``evaluative``-- appraising adjectives (مهم، إيجابي، خطير، مؤسف).

Where two candidate spans overlap, the longer one wins (``بشكل كبير`` is one
booster, not a booster plus ``كبير``).  Offsets index the text that was passed in
(``Article.text`` for an article).  Any text gives well-formed results: an empty list,
densities of 0.0, an empty :func:`markers_table` with its columns.

Densities are read against a reference that follows the article --
``marker_densities(article, reference="Politics")`` or ``reference="all"`` -- see
:mod:`arabic_news.rhetoric.densities` (re-exported here).

>>> [(m.kind, m.text) for m in find_markers("وقد أكد الوزير أن التعاون مهم جدا، وقد يشهد توسعا.")]
[('emphasis', 'وقد أكد'), ('evaluative', 'مهم'), ('booster', 'جدا'), ('hedge', 'وقد يشهد')]
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from typing import Any

from ..article import Article
from ..errors import check_text
from ._lexicon import Token, adjective_bases, load_list, strip_prefixes, tokens

__all__ = [
    "Marker",
    "KINDS",
    "find_markers",
    "marker_densities",
    "is_imperfect_verb",
    "highlight_html",
    "corpus_densities",
    "density_percentiles",
    "compare_densities",
    "DensityComparison",
    "markers_table",
    "MARKER_COLUMNS",
    "NOISY_BELOW_WORDS",
    "evaluative_polarity",
    "highlight_block",
]

#: marker kinds, in the order used for ties between equally long overlapping spans
KINDS = ("emphasis", "hedge", "booster", "evaluative")
_FILES = {"booster": "boosters", "hedge": "hedges", "emphasis": "emphasis", "evaluative": "evaluative"}
#: columns of :func:`markers_table`
MARKER_COLUMNS = ("kind", "text", "start", "end")
_QAD = frozenset({"قد", "وقد", "فقد"})
_CONDITIONAL_NEXT = frozenset({"لم", "كان", "كانت", "لا", "تم", "وجد", "وجدت", "صح"})


@dataclass(frozen=True)
class Marker:
    """A stance marker: its kind, surface text and character offsets.

    Attributes
    ----------
    kind : {"booster", "hedge", "emphasis", "evaluative"}
    text : str
        ``source_text[start:end]``.
    start, end : int
        Character offsets into the analysed text.
    """

    kind: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """JSON-ready dict ``{"kind", "text", "start", "end"}``."""
        return asdict(self)


@cache
def _lexicon() -> tuple[dict, dict, frozenset]:
    """(single-word index kind->set of keys, multi-word index first key -> [(keys, kind)], exclusions)."""
    from ._lexicon import mkey, rkey

    single: dict[str, set[str]] = {k: set() for k in KINDS}
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, fname in _FILES.items():
        keyf = mkey if kind == "emphasis" else rkey
        for entry in load_list(fname):
            ks = tuple(keyf(w) for w in entry.split())
            if len(ks) == 1:
                single[kind].add(ks[0])
            else:
                multi.setdefault(ks[0], []).append((ks, kind))
    excl = frozenset(load_list("marker_exclusions"))
    return {k: frozenset(v) for k, v in single.items()}, multi, excl


@lru_cache(maxsize=1)
def _qala_keys() -> frozenset[str]:
    from .attribution import _cue_forms

    return frozenset(k for k, c in _cue_forms().items() if c.lemma == "قال")


def _after_qala(toks: list[Token], i: int) -> bool:
    """Is token i within 8 words after a form of قال (قال، قالت، يقول، وقال ...)?"""
    keys = _qala_keys()
    for j in range(i - 1, max(-1, i - 9), -1):
        k = toks[j].key
        if k in keys or (len(k) > 3 and k[0] in "وف" and k[1:] in keys):
            return True
    return False


def is_imperfect_verb(key: str) -> bool:
    """Heuristic: does a verb key (retrieval-normalised) look imperfect rather than perfect?

    Used after ``قد``: *qad* + imperfect is a hedge ("may"), *qad* + perfect an
    emphasis ("has indeed").  ``ي``- is imperfect; ``ت``- is imperfect unless it
    has the form-VI/V perfect shape (``تناول``، ``تم``) or the 3fs perfect ending ``-ت``.

    >>> is_imperfect_verb("يكون"), is_imperfect_verb("تودي"), is_imperfect_verb("تناول"), is_imperfect_verb("اكد")
    (True, True, False, False)
    """
    if len(key) < 3:
        return False
    if key[0] == "ي":
        return True
    if key[0] == "ت":
        if key.endswith("ت") or (len(key) >= 5 and key[2] == "ا"):
            return False
        return len(key) >= 4
    return False


@cache
def _polarities() -> dict[str, str]:
    from ._lexicon import load_table, rkey

    return {rkey(r[0]): (r[1] if len(r) > 1 else "") for r in load_table("evaluative")}


def evaluative_polarity(word: str) -> str:
    """``"+"``, ``"-"`` or ``""`` (unknown) for an evaluative adjective as written in a text.

    >>> evaluative_polarity("الإيجابية"), evaluative_polarity("وخطير"), evaluative_polarity("كتاب")
    ('+', '-', '')
    """
    from ._lexicon import rkey

    pol = _polarities()
    for b in adjective_bases(rkey(word)):
        if b in pol:
            return pol[b]
    return ""


def _text(article: object) -> str:
    """The text of an Article, or a string checked to be one."""
    return article.text if isinstance(article, Article) else check_text(article)


@lru_cache(maxsize=100_000)
def _multi_starts(key: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The multi-word phrases a token with this key can start (its first word may carry و/ف/ب/ل)."""
    _single, multi, _excl = _lexicon()
    return tuple(entry for f in strip_prefixes(key)[:3] for entry in multi.get(f, ()))


@lru_cache(maxsize=100_000)
def _word_kind(key: str) -> str | None:
    """The kind a token is by its key alone, after the emphasis particles: ``None`` also for an exclusion."""
    single, _multi, excl = _lexicon()
    firsts = strip_prefixes(key)
    if any(f in excl for f in firsts):
        return None
    if any(f in single["hedge"] for f in firsts[:3]):
        return "hedge"
    bases = adjective_bases(key)
    for kind in ("booster", "evaluative"):
        if any(b in single[kind] for b in bases):
            return kind
    return None


def _candidates(toks: list[Token]) -> list[tuple[int, int, str]]:
    single, _multi, _excl = _lexicon()
    emphasis = single["emphasis"]
    out: list[tuple[int, int, str]] = []  # (i, j) token range [i, j), kind
    n = len(toks)
    for i, t in enumerate(toks):
        # qad + verb
        if t.key in _QAD and i + 1 < n:
            out.append((i, i + 2, "hedge" if is_imperfect_verb(toks[i + 1].key) else "emphasis"))
            continue
        # multi-word phrases (first word may carry و/ف/ب/ل)
        for ks, kind in _multi_starts(t.key):
            j = i + len(ks)
            if j <= n and all(toks[i + q].key == ks[q] for q in range(1, len(ks))):
                out.append((i, j, kind))
        # emphasis particles (hamza kept: إن is not أن)
        m = t.mkey
        forms = [m] + ([m[1:]] if m[:1] in ("و", "ف") and len(m) > 2 else [])
        if any(f in emphasis for f in forms):
            nxt = toks[i + 1].key if i + 1 < n else ""
            is_bare_in = any(f == "إن" for f in forms)
            if is_bare_in and (nxt in _CONDITIONAL_NEXT or i + 1 >= n):
                continue  # conditional in
            if is_bare_in and forms[0] == "إن" and _after_qala(toks, i):
                continue  # قال ... إنّ: the obligatory complementiser of reported speech, not an added emphasis
            out.append((i, i + 1, "emphasis"))
            continue
        kind = _word_kind(t.key)
        if kind is not None:
            out.append((i, i + 1, kind))
    return out


def find_markers(text: Article | str) -> list[Marker]:
    """Find boosters, hedges, emphasis particles and evaluative adjectives in ``text``.

    Parameters
    ----------
    text : Article or str
        An article, or any Arabic text (a paragraph, a sentence).

    Returns
    -------
    list of Marker
        Non-overlapping, sorted by ``start``; ``text[m.start:m.end] == m.text``
        (offsets into ``Article.text`` for an article); ``[]`` when there is none.

    Examples
    --------
    >>> [(m.kind, m.text) for m in find_markers("لقد تحسن الوضع بشكل كبير، وربما يتحسن أكثر")]
    [('emphasis', 'لقد'), ('booster', 'بشكل كبير'), ('hedge', 'وربما')]
    """
    text = _text(text)
    toks = tokens(text)
    cands = _candidates(toks)
    prio = {k: p for p, k in enumerate(KINDS)}
    cands.sort(key=lambda c: (-(c[1] - c[0]), prio[c[2]], c[0]))
    taken = [False] * len(toks)
    chosen = []
    for i, j, kind in cands:
        if any(taken[i:j]):
            continue
        for q in range(i, j):
            taken[q] = True
        chosen.append((i, j, kind))
    chosen.sort()
    return [
        Marker(kind, text[toks[i].start : toks[j - 1].end], toks[i].start, toks[j - 1].end) for i, j, kind in chosen
    ]


def marker_densities(
    text: Article | str,
    markers: list[Marker] | None = None,
    *,
    reference: str | None = None,
    quick: bool = False,
    seed: int = 0,
    root=None,
) -> Any:
    """Markers of each kind per 100 words; with ``reference``, compared with a SANAD class.

    Parameters
    ----------
    text : Article or str
    markers : list of Marker, optional
        Already computed ``find_markers(text)``.
    reference : str, optional
        A SANAD class (the topic model's label for the article) or ``"all"``: then a
        :class:`DensityComparison` is returned (see :func:`compare_densities`).
    quick, seed, root : optional
        The reference sample and corpus folder (see :func:`corpus_densities`).

    Returns
    -------
    dict or DensityComparison
        Without ``reference``: ``{"booster", "hedge", "emphasis", "evaluative"} ->
        markers per 100 words`` plus ``"words"`` (the word count used as denominator;
        every density is 0.0 for a text without words).

    Examples
    --------
    >>> marker_densities("ربما ينجح الاتفاق")["hedge"]
    33.333...
    """
    if reference is not None:
        from .densities import compare_densities

        return compare_densities(text, reference=reference, markers=markers, quick=quick, seed=seed, root=root)
    text = _text(text)
    from ..tokenise import word_spans

    n = len(word_spans(text))
    ms = find_markers(text) if markers is None else markers
    out: dict[str, float] = dict.fromkeys(("booster", "hedge", "emphasis", "evaluative"), 0.0)
    for m in ms:
        out[m.kind] += 1
    for k in list(out):
        out[k] = 100.0 * out[k] / n if n else 0.0
    out["words"] = float(n)
    return out


def markers_table(markers: list[Marker]):
    """Markers as a DataFrame with :data:`MARKER_COLUMNS` (empty but well-formed when there are none).

    >>> list(markers_table([]).columns)
    ['kind', 'text', 'start', 'end']
    """
    import pandas as pd

    return pd.DataFrame([m.to_dict() for m in markers], columns=list(MARKER_COLUMNS))


def highlight_html(text: str, markers: list[Marker]) -> str:
    """``text`` as escaped HTML with each marker wrapped in ``<mark class="KIND">``.

    >>> highlight_html("ربما <b>", find_markers("ربما <b>"))
    '<mark class="hedge" title="hedge">ربما</mark> &lt;b&gt;'
    """
    out, pos = [], 0
    for m in sorted(markers, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.append(html.escape(text[pos : m.start]))
        out.append(
            f'<mark class="{html.escape(m.kind)}" title="{html.escape(m.kind)}">{html.escape(text[m.start : m.end])}</mark>'
        )
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


_MARK_STYLE = (
    "<style>mark.booster{background:#ffd27f}mark.hedge{background:#bfe3ff}"
    "mark.emphasis{background:#f7b6c2}mark.evaluative{background:#c9f0c0}</style>"
)


def highlight_block(text: Article | str, markers: list[Marker] | None = None) -> str:
    """The whole text as a right-to-left HTML block with its markers highlighted (escaped; colours per kind).

    >>> "<br>" in highlight_block("ربما\\nغدا")
    True
    """
    text = _text(text)
    ms = find_markers(text) if markers is None else markers
    body = highlight_html(text, ms).replace("\n", "<br>")
    return f'{_MARK_STYLE}<div dir="rtl" lang="ar" style="line-height:2">{body}</div>'


# The reference comparison lives in .densities (it reads the corpus); re-exported here, where it always was.
from .densities import (  # noqa: E402
    NOISY_BELOW_WORDS,
    DensityComparison,
    compare_densities,
    corpus_densities,
    density_percentiles,
)
