"""The lab's default keyphrase ranking: names and topical compounds first, officialese and verbs out.

Built on the lexical score of :func:`arabic_news.keywords.methods.default`
(rarity x position x spread x phrase cohesion), with what a researcher would
write down ranked first (issue 13):

1. **Names** (:mod:`arabic_news.names`: people with their title, organisations,
   places) are candidates in their full multiword form and are multiplied by
   ``name_boost``; topical compounds (cohesive multiword phrases) keep the
   cohesion bonus; single words come after.
2. **Officialese out**: a candidate all of whose words are generic news
   vocabulary (genericness >= ``generic_df`` in both SANAD Politics and
   SaudiNewsNet, :mod:`arabic_news.keywords.genre`) and a candidate containing a
   **finite verb** (corpus cue: verb-shaped and never definite) cannot enter the
   top ten unless the headline holds it; they are ranked after the others.
3. **Variants**: a phrase contained in a chosen one (``مجلس الأمن`` in
   ``مجلس الأمن الدولي``) or, with the encoder, too similar to it
   (cosine >= ``dup_cosine``) is listed as a variant of it, not as another keyphrase.
4. **Semantic relevance** (``semantic=True``): the top ``pool`` candidates are
   reranked by cosine similarity to the article's lead (and headline) with
   :mod:`arabic_news.embed`, combined with the lexical rank, and chosen by
   maximal marginal relevance (MMR, Carbonell & Goldstein 1998).

Returns ``[(lemma, score, variants)]``.
"""

from __future__ import annotations

import math

import numpy as np

from .background import Background
from .candidates import DocAnalysis

__all__ = ["rank", "RANK_PARAMS"]

#: parameters of :func:`rank` (tuned on the fresh *tune* split only, see ``bench/keywords.py``)
RANK_PARAMS = {
    "name_boost": 1.4,  # names (person/organisation/place/title/entity)
    "generic_df": 0.06,  # a word in >= 6 % of documents of both corpora is officialese
    "pool": 15,  # candidates reranked by the encoder
    "semantic_weight": 0.5,  # weight of the (normalised) similarity vs the lexical score
    "mmr_lambda": 0.75,  # relevance vs novelty in MMR
    "dup_cosine": 0.8,  # more similar than this to a chosen phrase -> a variant of it
    "lead_chars": 500,  # characters of the lead given to the encoder
}


def _words_generic(ws, genre, threshold: float) -> bool:
    return all(genre.generic(w) >= threshold for w in ws)


def _has_verb(c, genre) -> bool:
    from ..normalise import normalise
    from .genre import is_finite_verb, is_future_verb_form

    for surface in c.surfaces:
        for w in surface.split():
            f = normalise(w, profile="matching")
            if is_finite_verb(f, genre) or is_future_verb_form(f, genre.bare, genre.definite):
                return True
        return False  # the most frequent surface is enough (surfaces share a lemma)
    return False


def _lexical(doc: DocAnalysis, background: Background, leave_out: bool, p: dict) -> dict[str, float]:
    from .methods import default as lexical_default

    ranked = lexical_default(
        doc, background=background, leave_out=leave_out, params=p.get("lexical"), top=10**6, dedup=False
    )
    scores = dict(ranked)
    for lemma, c in doc.candidates.items():
        if c.name_kind is None or lemma not in scores:
            continue
        ws = c.words
        # a name is one unit: as strong as its strongest part (phrase statistics of a
        # five-word name are unseen in the background), times the name boost
        parts = [" ".join(ws[i:j]) for i in range(len(ws)) for j in range(i + 1, len(ws) + 1)]
        scores[lemma] = p["name_boost"] * max(scores.get(x, 0.0) for x in parts)
    return scores


def _variants_dedup(
    ordered: list[str],
    demoted: set[str],
    limit: int,
    fold: dict[str, str] | None = None,
    scores: dict[str, float] | None = None,
    replace_ratio: float = 0.5,
) -> list[tuple[str, list[str]]]:
    """Group variants: a sub-phrase of a chosen keyphrase, or a paraphrase folded into it by similarity.

    A longer unit replaces the chosen phrases it contains (which become its
    variants) when its score is at least ``replace_ratio`` times theirs;
    otherwise it is dropped, as is a phrase adding no new word.

    >>> _variants_dedup(["مجلس امن", "مجلس امن دول", "عراق"], set(), 10)
    [('مجلس امن دول', ['مجلس امن']), ('عراق', [])]
    """
    fold = fold or {}
    sc = scores or {}
    chosen: list[list] = []  # [lemma, variants, original head]
    for lemma in ordered:
        padded = f" {lemma} "
        ws = lemma.split(" ")
        inside = [ch for ch in chosen if padded in f" {ch[0]} " or fold.get(lemma) in (ch[0], ch[2])]
        if inside:  # a sub-phrase (or a paraphrase) of a chosen keyphrase is its variant
            inside[0][1].append(lemma)
            continue
        related = [ch for ch in chosen if f" {ch[0]} " in padded]
        if related:
            strong = sc.get(lemma, 1.0) >= replace_ratio * max(sc.get(ch[0], 0.0) for ch in related)
            if strong and lemma not in demoted:
                # the longer unit takes the first one's place; the shorter ones become its variants
                first = related[0]
                for ch in related:
                    first[1] += [ch[0]] + (ch[1] if ch is not first else [])
                first[0] = lemma
                chosen = [ch for ch in chosen if ch is first or not any(ch is r for r in related)]
            continue  # (a weaker phrase around a chosen one adds nothing)
        covered = {w for ch in chosen for w in ch[0].split(" ")}
        if len(ws) > 1 and covered.issuperset(ws):
            continue  # adds no new word
        if len(chosen) < limit:
            chosen.append([lemma, [], lemma])
    return [(c[0], c[1]) for c in chosen]


def rank(
    doc: DocAnalysis,
    *,
    background: Background,
    leave_out: bool = False,
    top: int = 10,
    semantic: bool = False,
    params: dict | None = None,
    genre=None,
    **_,
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Rank the candidates of ``doc`` (see the module docstring).

    Parameters
    ----------
    doc : DocAnalysis
    background : Background
        Document frequencies for the lexical score.
    leave_out : bool
        The article is one of the background documents.
    top : int
    semantic : bool
        Rerank with the sentence encoder (``arabic_news.embed``) and MMR.
    params : dict, optional
        Overrides of :data:`RANK_PARAMS` (``"lexical"``: overrides of the lexical
        score's ``DEFAULT_PARAMS``).
    genre : GenreStats, optional
        Defaults to :func:`arabic_news.keywords.genre.genre_stats`.
    """
    from .genre import genre_stats

    p = dict(RANK_PARAMS, **(params or {}))
    genre = genre or genre_stats()
    cands = doc.candidates
    scores = _lexical(doc, background, leave_out, p)
    order = sorted(scores, key=lambda l: (-scores[l], cands[l].spans[0][0], l))
    demoted = set()
    for lemma in order[: max(4 * top, 40)]:
        c = cands[lemma]
        if c.in_title or c.name_kind is not None:
            continue
        if _words_generic(c.words, genre, p["generic_df"]) or _has_verb(c, genre):
            demoted.add(lemma)
    fold: dict[str, str] = {}
    if semantic:
        order, fold = _semantic_order(doc, order, scores, demoted, p, top)
    kept = [l for l in order if l not in demoted] + [l for l in order if l in demoted]
    grouped = _variants_dedup(kept[: max(6 * top, 60)], demoted, top, fold, scores)
    out = []
    last = math.inf
    for lemma, variants in grouped:
        s = min(scores[lemma], last)  # scores decrease along the final order
        last = s
        # variants worth listing: multiword forms and names (not every word of a long name), at most 4
        shown = [v for v in variants if (cands[v].n_words > 1 or cands[v].name_kind or v in fold) and v != lemma]
        vs = tuple(dict.fromkeys(cands[v].text for v in shown if cands[v].text != cands[lemma].text))[:4]
        out.append((lemma, float(s), vs))
    return out


def _semantic_order(
    doc: DocAnalysis, order: list[str], scores: dict, demoted: set, p: dict, top: int
) -> tuple[list[str], dict[str, str]]:
    """MMR over the top ``pool`` candidates; near-duplicates (cosine >= dup_cosine) fold into variants."""
    from .. import embed as E

    cands = doc.candidates
    pool = [l for l in order if l not in demoted][: int(p["pool"])]
    if len(pool) < 2:
        return order, {}
    art = doc.article
    lead = " ".join(art.paragraphs)[: int(p["lead_chars"])]
    queries = [lead] + ([art.title] if art.title else [])
    qv = E.embed(queries, max_chars=int(p["lead_chars"]))
    cv = E.embed([cands[l].text for l in pool], max_chars=200)
    sim = (cv @ qv.T).mean(axis=1)
    lex = np.array([scores[l] for l in pool])
    lex = lex / max(lex.max(), 1e-12)
    s = (sim - sim.min()) / max(sim.max() - sim.min(), 1e-9)
    rel = (1 - p["semantic_weight"]) * lex + p["semantic_weight"] * s
    chosen: list[int] = []
    folded: dict[int, int] = {}
    left = list(range(len(pool)))
    pair = cv @ cv.T
    lam = p["mmr_lambda"]
    while left and len(chosen) < top:
        if chosen:
            red = pair[np.ix_(left, chosen)].max(axis=1)
        else:
            red = np.zeros(len(left))
        best = left[int(np.argmax(lam * rel[left] - (1 - lam) * red))]
        left.remove(best)
        chosen.append(best)
        for j in list(left):
            if pair[best, j] >= p["dup_cosine"]:
                left.remove(j)
                folded[j] = best
    # variants folded by similarity follow their keyphrase, so containment grouping lists them
    seq: list[str] = []
    for i in chosen:
        seq.append(pool[i])
        seq += [pool[j] for j, b in folded.items() if b == i]
    rest = [l for l in order if l not in set(seq)]
    return seq + rest, {pool[j]: pool[b] for j, b in folded.items()}
