"""The keyword extractors: TF-IDF, YAKE, TextRank and the lab's default.

Each takes a :class:`~arabic_news.keywords.candidates.DocAnalysis` and returns
``[(lemma, score)]`` sorted by decreasing score (higher is better); the public
:func:`arabic_news.keywords.extract` turns them into ``Keyword`` records.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from .background import Background
from .candidates import CONTENT, Candidate, DocAnalysis

__all__ = ["tfidf", "yake_method", "textrank", "default", "DEFAULT_PARAMS", "METHODS", "NEEDS_BACKGROUND"]

Ranked = list[tuple[str, float]]


def _ranked(scores: dict[str, float], cands: dict[str, Candidate]) -> Ranked:
    # ties broken by first position then lemma, so output is deterministic
    return sorted(scores.items(), key=lambda kv: (-kv[1], cands[kv[0]].spans[0][0], kv[0]))


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log((n + 1.0) / (df + 1.0)) + 1.0


# --- TF-IDF -------------------------------------------------------------------
def tfidf(doc: DocAnalysis, *, background: Background, leave_out: bool = False, **_) -> Ranked:
    """Term frequency in the article times inverse document frequency of the phrase.

    ``score = count * (log((N + 1) / (df + 1)) + 1)`` with the phrase's own
    document frequency in the background (smoothed as scikit-learn does).
    """
    lemmas = list(doc.candidates)
    idf = _idf(background.df(lemmas, leave_out=leave_out), background.size(leave_out=leave_out))
    return _ranked({l: doc.candidates[l].count * float(w) for l, w in zip(lemmas, idf)}, doc.candidates)


# --- YAKE ---------------------------------------------------------------------
# Arabic punctuation YAKE does not know, mapped to ASCII punctuation it treats as
# block boundaries (a candidate never spans ASCII punctuation in YAKE).
_YAKE_MAP = str.maketrans({"،": ",", "؛": ";", "؟": "?", "«": '"', "»": '"', "٪": "%", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=8)
def _yake_extractor(top: int, n: int = 3):
    import yake

    from ..lexicon import stopwords

    return yake.KeywordExtractor(lan="ar", n=n, top=top, dedup_lim=0.9, stopwords=set(stopwords()))


def yake_method(doc: DocAnalysis, *, top: int = 10, n: int = 3, **_) -> Ranked:
    """YAKE (Campos et al. 2020, the ``yake`` package) with Arabic punctuation respected.

    The text is normalised (``matching``), ``، ؛ ؟ « »`` are mapped to ASCII
    punctuation (YAKE never lets a candidate cross ASCII punctuation) and each
    paragraph ends with a full stop; n-grams up to 3; the lab's Arabic stopword
    forms are passed in.  YAKE's keywords are mapped back to the article's
    candidates by their lemma key (those breaking the lab's phrase rules, e.g.
    dates, are dropped) and its lower-is-better score ``h`` becomes ``1 / (1 + h)``.
    """
    from ..normalise import normalise

    text = doc.article.text
    parts = []
    spans = ([doc.article.title_span] if doc.article.title_span else []) + list(doc.article.paragraph_spans)
    for s, e in spans:
        p = normalise(text[s:e], profile="matching").translate(_YAKE_MAP).strip()
        parts.append(p if p.endswith((".", "!", "?")) else p + ".")
    feed = "\n".join(parts)
    ex = _yake_extractor(max(3 * top, top + 20), n)
    scores: dict[str, float] = {}
    from ..tokenise import words
    from .candidates import _classify

    for kw, h in ex.extract_keywords(feed):
        lemma = " ".join(_classify(w)[2] for w in words(kw))
        if lemma not in doc.candidates and n > 3:
            _add_candidate(doc, lemma)
        if lemma in doc.candidates:
            s = 1.0 / (1.0 + float(h))
            scores[lemma] = max(scores.get(lemma, 0.0), s)
    return _ranked(scores, doc.candidates)


def _add_candidate(doc: DocAnalysis, lemma: str) -> None:
    """Add a phrase longer than the candidate limit (YAKE with ``n > 3``) found in the document's tokens."""
    from .candidates import Candidate

    keys = lemma.split(" ")
    toks = doc.tokens
    m = len(keys)
    for i in range(len(toks) - m + 1):
        if all(toks[i + j].key == keys[j] for j in range(m)) and toks[i].chunk == toks[i + m - 1].chunk:
            c = doc.candidates.get(lemma)
            if c is None:
                c = doc.candidates[lemma] = Candidate(lemma=lemma, n_words=m)
            surface = " ".join(doc.text[toks[i].start : toks[i + m - 1].end].split())
            if surface not in c.surfaces:
                c._order.append(surface)
                c._clitic[surface] = False
            c.surfaces[surface] += 1
            c.spans.append((toks[i].start, toks[i + m - 1].end))
            c.token_index.append(i)
            c.sentences.append(toks[i].sentence)
            c.paragraphs.append(toks[i].paragraph)


# --- TextRank -----------------------------------------------------------------
def textrank(doc: DocAnalysis, *, window: int = 3, top_fraction: float = 1 / 3, **_) -> Ranked:
    """TextRank (Mihalcea & Tarau 2004) over a co-occurrence graph of stems.

    Nodes are the stem keys of content words; an edge links two stems that
    occur within ``window`` content words of each other inside a sentence
    (weighted by the number of such co-occurrences).  PageRank (networkx,
    damping 0.85) ranks the stems; the candidates whose words are all among the
    top ``top_fraction`` of stems are scored by the sum of their words' ranks.
    """
    import networkx as nx

    g = nx.Graph()
    by_sent: dict[int, list[str]] = {}
    for t in doc.tokens:
        if t.kind == CONTENT:
            by_sent.setdefault(t.sentence, []).append(t.key)
    for seq in by_sent.values():
        for i, a in enumerate(seq):
            g.add_node(a)
            for b in seq[i + 1 : i + window]:
                if a != b:
                    w = g.get_edge_data(a, b, {"weight": 0})["weight"]
                    g.add_edge(a, b, weight=w + 1)
    if g.number_of_nodes() == 0:
        return []
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-8, max_iter=200)
    ranked = sorted(pr, key=lambda k: (-pr[k], k))
    keep = set(ranked[: max(1, math.ceil(len(ranked) * top_fraction))])
    scores = {}
    for lemma, c in doc.candidates.items():
        ws = c.words
        if all(w in keep for w in ws):
            scores[lemma] = float(sum(pr[w] for w in ws))
    return _ranked(scores, doc.candidates)


# --- the lab's default ----------------------------------------------------------
#: parameters of :func:`default`, tuned on the *tuning* sample (seed 0) of
#: SaudiNewsNet (see ``bench/keywords.py``); the reported figures use another sample.
DEFAULT_PARAMS = {
    "lead_bonus": 0.6,  # first occurrence in the headline or lead paragraph
    "title_bonus": 1.0,  # occurs in the headline
    "early": 2.0,  # weight of (1 - relative first position)^2
    "spread": 2.0,  # weight of the share of sentences containing the phrase
    "phrase_base": 0.7,  # multiword phrase factor at zero cohesion ...
    "phrase_cohesion": 1.0,  # ... plus this times the phrase's normalised PMI
    "length": 1.0,  # cohesive multiword phrases are multiplied by up to n_words ** length ...
    "cohesive_npmi": 0.15,  # ... reached at this NPMI (linearly from 0)
    "min_phrase_df": 3,  # background documents needed to trust a phrase's cohesion
    "unseen_phrase": 0.35,  # factor for a multiword phrase without that evidence
}


def _npmi(df_ab: float, df_a: float, df_b: float, n: int) -> float:
    if df_ab <= 0 or df_a <= 0 or df_b <= 0:
        return -1.0
    p_ab, p_a, p_b = df_ab / n, df_a / n, df_b / n
    if p_ab >= 1.0:
        return 1.0
    return math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)


def default(
    doc: DocAnalysis,
    *,
    background: Background,
    leave_out: bool = False,
    params: dict | None = None,
    top: int = 10,
    dedup: bool = True,
    **_,
) -> Ranked:
    """The lab's method: corpus rarity x position x spread x phrase cohesion, de-duplicated.

    For a candidate with ``tf`` occurrences:

    ``score = (1 + log tf) * rarity * position * (1 + spread_w * spread) * structure``

    * rarity: mean smoothed IDF of its words in the background corpus;
    * position: ``1 + early * (1 - first/len)^2``, plus ``lead_bonus`` when it
      first occurs in the headline or lead paragraph and ``title_bonus`` when the
      headline holds it (news put the topic first);
    * spread: share of the article's sentences that contain it;
    * structure (multiword phrases): ``(phrase_base + phrase_cohesion * NPMI)`` times a
      length bonus rising from 1 (NPMI 0) to ``n ** length`` (NPMI >= ``cohesive_npmi``),
      where NPMI is the normalised pointwise mutual information of its weakest
      split, from background document frequencies (named units such as
      ``مجلس الأمن الدولي`` or ``حلف شمال الأطلسي`` score high); phrases seen in
      fewer than ``min_phrase_df`` background documents get ``unseen_phrase``.

    Finally the ranking is de-duplicated (:func:`_dedup`): a phrase adding no
    new word is skipped, and a longer unit replaces the phrases it contains, so
    the list is not ten variants of one name.
    """
    p = dict(DEFAULT_PARAMS, **(params or {}))
    cands = doc.candidates
    lemmas = list(cands)
    n_bg = background.size(leave_out=leave_out)
    word_set = sorted({w for l in lemmas for w in cands[l].words})
    word_df = dict(zip(word_set, background.df(word_set, leave_out=leave_out).tolist()))
    multi = [l for l in lemmas if cands[l].n_words > 1]
    sub = sorted(
        {" ".join(cands[l].words[:k]) for l in multi for k in (1, 2)}
        | {" ".join(cands[l].words[k:]) for l in multi for k in (1, 2)}
    )
    sub_df = dict(zip(sub, background.df(sub, leave_out=leave_out).tolist()))
    phrase_df = dict(zip(multi, background.df(multi, leave_out=leave_out).tolist()))
    n_tok = max(len(doc.tokens), 1)
    n_sent = max(doc.n_sentences, 1)
    scores: dict[str, float] = {}
    for l in lemmas:
        c = cands[l]
        ws = c.words
        idf = [math.log((n_bg + 1) / (word_df[w] + 1)) + 1 for w in ws]
        rarity = sum(idf) / len(idf)
        first = c.token_index[0] / n_tok
        pos = 1 + p["early"] * (1 - first) ** 2
        if min(c.paragraphs) <= 0:
            pos += p["lead_bonus"]
        if c.in_title:
            pos += p["title_bonus"]
        spread = len(set(c.sentences)) / n_sent
        struct = 1.0
        if len(ws) > 1:
            dfp = phrase_df[l]
            if dfp >= p["min_phrase_df"]:
                npmi = min(
                    _npmi(dfp, sub_df[" ".join(ws[:k])], sub_df[" ".join(ws[k:])], n_bg) for k in range(1, len(ws))
                )
                npmi = max(npmi, 0.0)
                # the length bonus grows with cohesion: a loose chain of words gets none
                struct = (p["phrase_base"] + p["phrase_cohesion"] * npmi) * (
                    1 + (len(ws) ** p["length"] - 1) * min(1.0, npmi / p["cohesive_npmi"])
                )
            else:
                struct = p["unseen_phrase"]
        scores[l] = (1 + math.log(c.count)) * rarity * pos * (1 + p["spread"] * spread) * struct
    if not dedup:
        return _ranked(scores, cands)
    return _dedup(_ranked(scores, cands), limit=max(int(top), 1))


def _dedup(ranked: Ranked, *, limit: int = 200, replace_ratio: float = 0.5) -> Ranked:
    """Drop redundant phrases; let a longer unit replace the phrases it contains.

    A phrase whose words are all covered by the phrases already chosen is
    skipped.  A phrase containing chosen phrases replaces them (keeping the
    first one's rank) when its score is at least ``replace_ratio`` times theirs
    (``مجلس الأمن الدولي`` replaces ``مجلس الأمن``), otherwise it is skipped.
    """
    chosen: list[list] = []  # [lemma, score, rank score]
    covered: set[str] = set()
    for lemma, s in ranked:
        ws = lemma.split(" ")
        padded = f" {lemma} "
        if len(ws) > 1:
            inside = [c for c in chosen if f" {c[0]} " in padded]
            if inside:
                if s >= replace_ratio * max(c[1] for c in inside):
                    first = inside[0]
                    chosen = [c for c in chosen if c is first or c not in inside]
                    first[0], first[1] = lemma, s
                    covered = {w for c in chosen for w in c[0].split(" ")}
                continue
        if covered.issuperset(ws):
            continue
        chosen.append([lemma, s, s])
        covered.update(ws)
        if len(chosen) >= limit:
            break
    # scores stay decreasing: a replacing phrase takes the rank (and score) it replaced
    return [(c[0], c[2]) for c in chosen]


def _ranked_default(doc: DocAnalysis, *, background: Background, **kw):
    """The lab's default ranking (:func:`arabic_news.keywords.ranking.rank`)."""
    from .genre import genre_for
    from .ranking import rank

    if kw.get("genre") is None:
        kw["genre"] = genre_for(background)
    return rank(doc, background=background, **kw)


def _ranked_supervised(doc: DocAnalysis, *, background: Background, **kw):
    """The learned ranker (:func:`arabic_news.keywords.supervised.rank_supervised`)."""
    from .supervised import rank_supervised

    return rank_supervised(doc, background=background, **kw)


METHODS: dict[str, Callable[..., Ranked]] = {
    "default": _ranked_default,
    "supervised": _ranked_supervised,
    "lexical": default,
    "tfidf": tfidf,
    "yake": yake_method,
    "textrank": textrank,
}
NEEDS_BACKGROUND = frozenset({"default", "supervised", "tfidf", "lexical"})
