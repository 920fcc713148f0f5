"""Discourse structure of a news article: headline, lead and body; sentence openings; connectives; cohesion.

Every function takes an article of any shape (one line without headline, a headline
and one sentence, thousands of paragraphs) and returns well-formed, possibly empty,
results; :func:`structure_tables` gives each as a DataFrame with fixed columns.

* **Inverted pyramid** -- :func:`headline_overlap`: the share of the headline's
  content words (light-stemmed, stopwords removed) that each paragraph repeats.  A
  classic news report puts the headline's substance in the lead (paragraph 1) and
  lets later paragraphs drift to background.
* **Sentence openings** -- :func:`sentence_openings`: verbal (VSO: وأكد الوزير ...),
  nominal (الوزير أكد ...), prepositional/adverbial (في ...، بحسب ...) or particle
  (إن، قد، كما ...).  Arabic news favours verbal openings; the test is lexical and
  heuristic (a cue or action verb, or an unprefixed word followed by a definite noun).
* **Connectives** -- :func:`connectives`: the connective opening each sentence and its
  role (``data/rhetoric/connectives.txt``: addition, contrast, perspective ...).
* **Sentence length** and **lexical cohesion** -- :func:`cohesion`: overlap of
  content-word stems between consecutive paragraphs, and the stems repeated across
  paragraphs.

>>> from arabic_news import Article
>>> a = Article.from_text("الوزير يزور بغداد\\nوصل الوزير إلى بغداد اليوم.\\nومن جهته، قال المتحدث إن الزيارة مهمة.")
>>> [o["opening"] for o in sentence_openings(a)]
['verbal', 'prepositional']
>>> [c["role"] for c in connectives(a)]
['perspective']
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..article import Article, as_article
from ..lexicon import stopwords
from ..normalise import normalise
from ..stem import light_stem
from ..tokenise import sentence_spans, word_spans
from ._lexicon import load_table, rkey

__all__ = [
    "headline_overlap",
    "sentence_openings",
    "connectives",
    "sentence_lengths",
    "cohesion",
    "structure_summary",
    "structure_tables",
    "TABLE_COLUMNS",
]

#: columns of each table of :func:`structure_tables`
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "headline_overlap": ("paragraph", "overlap", "shared"),
    "openings": ("start", "paragraph", "first", "opening"),
    "connectives": ("start", "paragraph", "connective", "text", "role"),
    "lengths": ("start", "paragraph", "words"),
    "adjacent": ("pair", "jaccard", "shared"),
    "repeated": ("stem", "paragraphs", "occurrences"),
}

_PREPS = frozenset(
    rkey(w)
    for w in (
        "في",
        "من",
        "على",
        "إلى",
        "عن",
        "مع",
        "خلال",
        "بعد",
        "قبل",
        "منذ",
        "بحسب",
        "حسب",
        "وفقا",
        "وفق",
        "بين",
        "أمام",
        "عبر",
        "ضمن",
        "لدى",
        "حول",
        "نحو",
        "عند",
        "بسبب",
        "رغم",
        "إثر",
        "وسط",
        "تحت",
        "فوق",
        "أثناء",
        "جراء",
    )
)
_PARTICLES = frozenset(
    rkey(w)
    for w in (
        "إن",
        "أن",
        "قد",
        "لقد",
        "كما",
        "لكن",
        "إلا",
        "غير",
        "بيد",
        "إذ",
        "حيث",
        "لم",
        "لن",
        "لا",
        "ما",
        "إذا",
        "لو",
        "هل",
        "ثم",
        "أما",
        "بل",
        "كان",
        "كانت",
        "يذكر",
        "يشار",
        "ويشار",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "هو",
        "هي",
        "هم",
        "وهو",
        "وهي",
        "حين",
        "عندما",
        "بينما",
        "فيما",
        "مما",
        "إنه",
        "إنها",
    )
)


def _content_keys(text: str) -> list[str]:
    sw = stopwords()
    out = []
    for _, _, w in word_spans(text):
        m = normalise(w, profile="matching")
        if len(m) < 2 or m in sw or not m.isalpha():
            continue
        out.append(light_stem(w))
    return out


def headline_overlap(article: Article | str) -> list[dict]:
    """Share of the headline's content stems found in each body paragraph.

    Returns
    -------
    list of dict
        One row per paragraph: ``paragraph`` (1 = lead), ``overlap`` (0..1),
        ``shared`` (the stems).  Empty when the article has no headline.

    >>> rows = headline_overlap("العراق يؤكد التعاون مع الناتو\\nأكد العراق التعاون مع الناتو.\\nوقال مراقبون إن الطقس حار.")
    >>> [r["overlap"] for r in rows]  # يؤكد and أكد have different light stems
    [0.75, 0.0]
    """
    art = as_article(article)
    if not art.title:
        return []
    head = set(_content_keys(art.title))
    out = []
    for n, p in enumerate(art.paragraphs, 1):
        keys = set(_content_keys(p))
        shared = sorted(head & keys)
        out.append({"paragraph": n, "overlap": len(shared) / len(head) if head else 0.0, "shared": shared})
    return out


@lru_cache(maxsize=1)
def _verb_keys() -> frozenset[str]:
    from .attribution import _cue_forms, _imperfect_forms, _perfect_forms

    keys = set(_cue_forms())
    for row in load_table("action_verbs"):
        for f, _ in _perfect_forms(row[0]) + _imperfect_forms(row[1]):
            keys.add(rkey(f))
    return frozenset(keys)


def _body_sentences(art: Article) -> list[tuple[int, int, str, int]]:
    """(start, end, sentence, paragraph number) of the body sentences."""
    out = []
    for n, (ps, pe) in enumerate(art.paragraph_spans, 1):
        for s, e, t in sentence_spans(art.text[ps:pe]):
            out.append((ps + s, ps + e, t, n))
    return out


def _strip_conj(key: str) -> str:
    if key[:1] in ("و", "ف") and len(key) >= 3 and (key[1:] in _PREPS or key[1:] in _PARTICLES):
        return key[1:]
    return key[1:] if len(key) > 3 and key[0] in "وف" else key


def sentence_openings(article: Article | str) -> list[dict]:
    """Classify how each body sentence opens: verbal, nominal, prepositional or particle.

    Returns
    -------
    list of dict
        ``start``, ``paragraph``, ``first`` (the opening word), ``opening``.
    """
    art = as_article(article)
    verbs = _verb_keys()
    out = []
    for s, _e, sent, para in _body_sentences(art):
        ws = word_spans(sent)
        if not ws:
            continue
        w0 = ws[0][2]
        k = rkey(w0)
        k0 = _strip_conj(k)
        nxt = rkey(ws[1][2]) if len(ws) > 1 else ""
        if k in verbs or k0 in verbs:
            kind = "verbal"
        elif k0 in _PREPS or k in _PREPS or k0.startswith("ب") and k0[1:3] == "حس":
            kind = "prepositional"
        elif k0 in _PARTICLES or k in _PARTICLES:
            kind = "particle"
        elif k0.startswith("ال") or k.startswith(("وال", "فال")):
            kind = "nominal"
        elif k0[:1] in "يت" and len(k0) >= 4 or nxt.startswith("ال") and not k0.startswith(("ال", "لل", "بال")):
            kind = "verbal"
        else:
            kind = "nominal"
        out.append({"start": s, "paragraph": para, "first": w0, "opening": kind})
    return out


@lru_cache(maxsize=1)
def _connectives() -> list[tuple[tuple[str, ...], str, str]]:
    rows = [(tuple(rkey(w) for w in r[0].split()), r[1], r[0]) for r in load_table("connectives")]
    rows.sort(key=lambda r: -len(r[0]))
    return rows


def _has_conj(key: str) -> bool:
    """Does a sentence-initial word carry the conjunction و/ف (وأكد، والوزير) rather than start with it (وصل)?"""
    if key[:1] not in ("و", "ف") or len(key) < 3 or key in _verb_keys() or key in _PREPS or key in _PARTICLES:
        return False
    rest = key[1:]
    return (
        rest in _verb_keys()
        or rest in _PREPS
        or rest in _PARTICLES
        or rest.startswith(("ال", "لل", "بال"))
        or rest[:1] in "يت"
        and len(rest) >= 3
        or len(key) >= 5
    )


def connectives(article: Article | str) -> list[dict]:
    """The connective opening each body sentence (after an optional و/ف) and its role.

    A bare sentence-initial و/ف counts only when no longer connective follows it.

    Returns
    -------
    list of dict
        ``start``, ``paragraph``, ``connective`` (as listed), ``text`` (as written), ``role``.
    """
    art = as_article(article)
    out = []
    for s, _e, sent, para in _body_sentences(art):
        ws = word_spans(sent)
        if not ws:
            continue
        keys = [rkey(w) for _, _, w in ws[:6]]
        found = None
        for ks, role, label in _connectives():
            if len(ks) == 1 and ks[0] in ("و", "ف"):
                continue
            first_ok = keys[0] == ks[0] or (_strip_conj(keys[0]) == ks[0] and keys[0] != ks[0])
            if first_ok and len(keys) >= len(ks) and all(keys[q] == ks[q] for q in range(1, len(ks))):
                found = (label, role, ws[len(ks) - 1][1])
                break
        if found is None and _has_conj(keys[0]):
            label = keys[0][0]
            role = next(r for ks, r, lab in _connectives() if ks == (label,))
            found = (label, role, ws[0][0] + 1)
        if found:
            out.append(
                {"start": s, "paragraph": para, "connective": found[0], "text": sent[: found[2]], "role": found[1]}
            )
    return out


def sentence_lengths(article: Article | str) -> list[dict]:
    """Words per body sentence: ``start``, ``paragraph``, ``words``."""
    art = as_article(article)
    return [{"start": s, "paragraph": p, "words": len(word_spans(t))} for s, e, t, p in _body_sentences(art)]


def cohesion(article: Article | str, *, top: int = 15) -> dict:
    """Lexical cohesion: stem overlap between consecutive paragraphs and stems repeated across paragraphs.

    Returns
    -------
    dict
        ``adjacent``: list of ``{"pair": (i, i+1), "jaccard": float, "shared": [...]}``;
        ``repeated``: ``[(stem, n_paragraphs, n_occurrences)]`` for stems in >= 2 paragraphs,
        most widespread first (at most ``top``).
    """
    art = as_article(article)
    paras = [_content_keys(p) for p in art.paragraphs]
    sets = [set(p) for p in paras]
    adjacent = []
    for i in range(len(sets) - 1):
        a, b = sets[i], sets[i + 1]
        u = a | b
        adjacent.append({"pair": (i + 1, i + 2), "jaccard": len(a & b) / len(u) if u else 0.0, "shared": sorted(a & b)})
    occ = Counter(k for p in paras for k in p)
    spread = Counter(k for s in sets for k in s)
    repeated = sorted(((k, spread[k], occ[k]) for k in spread if spread[k] >= 2), key=lambda r: (-r[1], -r[2], r[0]))
    return {"adjacent": adjacent, "repeated": repeated[:top]}


def structure_summary(article: Article | str) -> dict:
    """All structure measures in one dict (for reports and the dossier notebook).

    Keys: ``paragraphs``, ``sentences``, ``mean_sentence_words``, ``lead_overlap``
    (headline overlap of paragraph 1), ``later_overlap`` (mean over later paragraphs),
    ``openings`` (counts), ``connective_roles`` (counts), ``mean_adjacent_jaccard``.
    """
    art = as_article(article)
    ho = headline_overlap(art)
    lens = sentence_lengths(art)
    coh = cohesion(art)
    return {
        "paragraphs": len(art.paragraphs),
        "sentences": len(lens),
        "mean_sentence_words": sum(r["words"] for r in lens) / len(lens) if lens else 0.0,
        "lead_overlap": ho[0]["overlap"] if ho else None,
        "later_overlap": (sum(r["overlap"] for r in ho[1:]) / len(ho[1:])) if len(ho) > 1 else None,
        "openings": dict(Counter(o["opening"] for o in sentence_openings(art))),
        "connective_roles": dict(Counter(c["role"] for c in connectives(art))),
        "mean_adjacent_jaccard": (sum(r["jaccard"] for r in coh["adjacent"]) / len(coh["adjacent"]))
        if coh["adjacent"]
        else None,
    }


def structure_tables(article: Article | str, *, top: int = 15) -> dict:
    """Every structure measure as a DataFrame with the columns of :data:`TABLE_COLUMNS` (empty when none).

    Keys: ``headline_overlap``, ``openings``, ``connectives``, ``lengths``, ``adjacent``
    (consecutive paragraphs; ``shared`` joined with the Arabic comma) and ``repeated``.

    >>> t = structure_tables("سطر واحد بلا عنوان ولا فقرات")
    >>> len(t["headline_overlap"]), list(t["connectives"].columns)
    (0, ['start', 'paragraph', 'connective', 'text', 'role'])
    """
    import pandas as pd

    art = as_article(article)
    coh = cohesion(art, top=top)
    rows = {
        "headline_overlap": [{**r, "shared": "، ".join(r["shared"])} for r in headline_overlap(art)],
        "openings": sentence_openings(art),
        "connectives": connectives(art),
        "lengths": sentence_lengths(art),
        "adjacent": [
            {**r, "pair": f"{r['pair'][0]}–{r['pair'][1]}", "shared": "، ".join(r["shared"])} for r in coh["adjacent"]
        ],
        "repeated": [dict(zip(TABLE_COLUMNS["repeated"], r)) for r in coh["repeated"]],
    }
    return {k: pd.DataFrame(v, columns=list(TABLE_COLUMNS[k])) for k, v in rows.items()}
