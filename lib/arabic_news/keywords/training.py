"""Training data of the supervised keyphrase ranker: candidate features and headline labels.

The model and the ranking are in :mod:`arabic_news.keywords.supervised`; this
module is apart so that its cached tables do not depend on the model's code.

Which body phrases an editor lifts into the headline is the signal a keyphrase
ranker needs (Frank et al. 1999, KEA; here the "gold" keyphrases are the
headline's words).  The ranker rescores the default extractor's candidates:

1. **Pool**: the ``pool`` best candidates of the default's name-boosted lexical
   score (:func:`arabic_news.keywords.ranking._lexical`) -- the same candidates
   (:mod:`arabic_news.keywords.candidates`, same phrase rules) and names.
2. **Features** (body only, :data:`FEATURES`): the lexical score and its rank,
   rarity (smoothed IDF of the words against SANAD + SaudiNewsNet, the
   article's own counts left out when it is a background document), first and
   last position, first-sentence / first-paragraph flags, spread, frequency,
   phrase length, cohesion (NPMI of the weakest split, phrase document
   frequency), name kind (:mod:`arabic_news.names`), genericness
   (:mod:`arabic_news.keywords.genre`) and the finite-verb cue.
3. **Label** (exactly the unit the bench's title-word recall counts): a
   candidate is positive when one of the content-word stem keys of its display
   form (:func:`~arabic_news.keywords.candidates.content_keys`) is among the
   headline's content-word stem keys.
4. **Training articles** (:func:`training_docs`): a seeded sample
   (:data:`TRAIN_PARAMS`) of SaudiNewsNet articles with a headline and >= 80
   body words, none of them in the evaluation split (tune or held-out,
   ``data/keywords/eval_split.txt``) nor an exact (normalised, digit-masked
   body or headline) or near (body shingles) duplicate of one of its articles.
   Keyphrases are computed from the body alone, as in ``bench/keywords.py``.
5. **Model and ranking**: :mod:`arabic_news.keywords.supervised`.

>>> FEATURES[:3]
('log_score', 'score_ratio', 'lex_rank')
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .candidates import DocAnalysis, content_keys
from .methods import _npmi  # the default ranker's phrase cohesion, the same measure as a feature

__all__ = [
    "FEATURES",
    "TRAIN_PARAMS",
    "candidate_features",
    "candidate_labels",
    "select_training",
    "training_docs",
    "training_table",
]

_KINDS = ("person", "organisation", "place", "title", "entity")
#: features per candidate, in column order
FEATURES = (
    "log_score",  # log of the default's name-boosted lexical score
    "score_ratio",  # score / best score of the article
    "lex_rank",  # rank by that score / pool size
    "idf_mean",
    "idf_min",
    "idf_max",
    "first_pos",  # first occurrence / number of tokens
    "last_pos",
    "first_sentence",  # occurs in the body's first sentence
    "first_paragraph",  # occurs in the first paragraph
    "spread",  # share of sentences holding it
    "log_count",
    "once",
    "n_words",
    "npmi",  # cohesion of the weakest split (-1 unseen, 0 for one word)
    "log_phrase_df",
    "generic_max",
    "generic_mean",
    "generic_min",
    "officialese",  # all words generic (>= RANK_PARAMS generic_df)
    "finite_verb",
    "log_tokens",
    "log_candidates",
) + tuple(f"name_{k}" for k in _KINDS)

#: the training sample: candidates rescored per article, articles, seed
TRAIN_PARAMS = {"pool": 60, "n_train": 2000, "seed": 20261201}


def candidate_features(
    doc: DocAnalysis, *, background, genre, leave_out: bool = False, pool: int = 60
) -> tuple[list[str], np.ndarray]:
    """The pool's lemma keys (best lexical score first) and their feature matrix (:data:`FEATURES`).

    Parameters
    ----------
    doc : DocAnalysis
        From :func:`arabic_news.keywords.candidates.analyse` (``names=True``).
    background : Background
    genre : GenreStats
    leave_out : bool
        The article is one of the background documents (its own counts are removed).
    pool : int
        Candidates kept, by the default's lexical score.
    """
    from .ranking import RANK_PARAMS, _has_verb, _lexical

    cands = doc.candidates
    scores = _lexical(doc, background, leave_out, dict(RANK_PARAMS))
    order = sorted(scores, key=lambda l: (-scores[l], cands[l].spans[0][0], l))[: max(int(pool), 1)]
    n_bg = background.size(leave_out=leave_out)
    words = sorted({w for l in order for w in cands[l].words})
    wdf = dict(zip(words, background.df(words, leave_out=leave_out).tolist()))
    multi = [l for l in order if cands[l].n_words > 1]
    parts = sorted({" ".join(cands[l].words[a:b]) for l in multi for a, b in _splits(cands[l].n_words)})
    sdf = dict(zip(parts, background.df(parts, leave_out=leave_out).tolist()))
    pdf = dict(zip(multi, background.df(multi, leave_out=leave_out).tolist()))
    n_tok = max(len(doc.tokens), 1)
    n_sent = max(doc.n_sentences, 1)
    first_sent = min((t.sentence for t in doc.tokens if t.paragraph >= 0), default=0)
    first_par = min((t.paragraph for t in doc.tokens if t.paragraph >= 0), default=0)
    best = max(scores[order[0]], 1e-12) if order else 1.0
    gthr = RANK_PARAMS["generic_df"]
    X = np.zeros((len(order), len(FEATURES)), dtype=np.float32)
    for r, l in enumerate(order):
        c = cands[l]
        ws = c.words
        idf = [math.log((n_bg + 1) / (wdf[w] + 1)) + 1 for w in ws]
        gen = [genre.generic(w) for w in ws]
        npmi = 0.0
        if len(ws) > 1:
            toks = ws
            npmi = min(_npmi(pdf[l], sdf[" ".join(toks[:k])], sdf[" ".join(toks[k:])], n_bg) for k in range(1, len(ws)))
        X[r] = (
            math.log(max(scores[l], 1e-12)),
            scores[l] / best,
            r / max(int(pool), 1),
            sum(idf) / len(idf),
            min(idf),
            max(idf),
            c.token_index[0] / n_tok,
            c.token_index[-1] / n_tok,
            float(first_sent in c.sentences),
            float(first_par in c.paragraphs),
            len(set(c.sentences)) / n_sent,
            math.log(c.count),
            float(c.count == 1),
            len(ws),
            npmi,
            math.log1p(pdf.get(l, wdf[ws[0]])),
            max(gen),
            sum(gen) / len(gen),
            min(gen),
            float(min(gen) >= gthr),
            float(_has_verb(c, genre)),
            math.log(n_tok),
            math.log(len(cands)),
            *(float(c.name_kind == k) for k in _KINDS),
        )
    return order, X


def _splits(n: int):
    for k in range(1, n):
        yield 0, k
        yield k, n


def _display(c) -> str:
    from . import _name_display

    return _name_display(c.text) if c.name_kind else c.text


def candidate_labels(doc: DocAnalysis, lemmas: Sequence[str], title: str) -> np.ndarray:
    """1 for a candidate sharing a content-word stem key with the headline, else 0.

    The same match as title-word recall (:func:`~arabic_news.keywords.evaluation.title_recall`):
    keys of :func:`~arabic_news.keywords.candidates.content_keys` of the keyphrase's display form.

    >>> from arabic_news.keywords.candidates import analyse
    >>> d = analyse("بحث الجانبان التعاون الأمني مع حلف الناتو في بغداد")
    >>> dict(zip(["تعاون امن", "بغداد"], candidate_labels(d, ["تعاون امن", "بغداد"], "تعاون أمني مع الناتو").tolist()))
    {'تعاون امن': 1, 'بغداد': 0}
    """
    want = content_keys(title)
    return np.array([int(bool(content_keys(_display(doc.candidates[l])) & want)) for l in lemmas], dtype=np.int8)


# --- training data -------------------------------------------------------------------
def select_training(docs: Sequence, exclude: Sequence, n: int, *, seed: int, min_words: int = 80) -> list:
    """A seeded sample of ``n`` documents with a headline, none of them in ``exclude`` or a duplicate of one.

    Excluded: the same id; the same normalised, digit-masked body or headline
    (:func:`arabic_news.topics.dedup.dedup_key`); a near-duplicate body (word
    3-shingle cosine >= 0.8, :func:`arabic_news.topics.dedup.duplicate_groups`,
    the topic module's grouping).  ``docs`` and ``exclude`` have ``id``,
    ``title`` and ``text`` (or ``body``).  Bodies that fail the article checks
    (mostly non-Arabic) are skipped.
    """
    from ..topics.dedup import dedup_key, duplicate_groups

    body = lambda d: getattr(d, "text", None) or getattr(d, "body", "")
    bad_ids = {d.id for d in exclude}
    bad_keys = {dedup_key(body(d)) for d in exclude} | {dedup_key(d.title) for d in exclude if d.title}
    order = np.random.default_rng(seed).permutation(len(docs))
    picked = []
    for i in order:
        d = docs[i]
        if d.id in bad_ids or not d.title or len(body(d).split()) < min_words or not content_keys(d.title):
            continue
        if dedup_key(body(d)) in bad_keys or dedup_key(d.title) in bad_keys or not _readable(body(d)):
            continue
        picked.append(d)
        if len(picked) >= int(n * 1.1) + 5:
            break
    if exclude and picked:
        groups = duplicate_groups([body(d) for d in exclude] + [body(d) for d in picked])
        near = set(groups[: len(exclude)].tolist())
        picked = [d for d, g in zip(picked, groups[len(exclude) :]) if g not in near]
    return picked[:n]


def _readable(text: str) -> bool:
    """The body passes the article checks (Arabic, not binary, not empty)."""
    from ..errors import ArticleError
    from .evaluation import body_article

    try:
        body_article(text)
    except ArticleError:
        return False
    return True


def training_docs(n: int | None = None, *, seed: int | None = None) -> list:
    """SaudiNewsNet training articles: outside the evaluation split (tune and held-out) and its duplicates."""
    from ..corpus import load_saudinewsnet
    from .evaluation import fresh_split

    n = TRAIN_PARAMS["n_train"] if n is None else n
    seed = TRAIN_PARAMS["seed"] if seed is None else seed
    exclude = fresh_split("tune") + fresh_split("heldout")
    return select_training(load_saudinewsnet(show_progress=False).documents, exclude, n, seed=seed)


def _table_key(name: str, n: int, seed: int, pool: int) -> str:
    from importlib import resources
    from pathlib import Path

    from ..cache import code_fingerprint, data_fingerprint, fingerprint
    from ..paths import data_path
    from .background import _cache_key
    from .genre import _genre_key

    pkg = resources.files("arabic_news")
    return fingerprint(
        name,
        code_fingerprint(
            "arabic_news.keywords.training",
            "arabic_news.keywords.ranking",
            "arabic_news.keywords.methods",
            "arabic_news.keywords.candidates",
            "arabic_news.names",
            "arabic_news.topics.dedup",
        ),
        data_fingerprint(Path(str(pkg.joinpath("data", "keywords")))),
        data_fingerprint(data_path("corpora", "saudinewsnet", "dataset")),
        _cache_key(False, 0, 2000),
        _genre_key(),
        n=n,
        seed=seed,
        pool=pool,
        features=FEATURES,
    )


def _table(docs, background, genre, pool: int, desc: str) -> dict[str, np.ndarray]:
    from ..corpus import progress
    from .candidates import analyse
    from .evaluation import body_article

    Xs, ys, groups, lem, txt = [], [], [], [], []
    for i, d in enumerate(progress(docs, desc=desc, total=len(docs))):
        body = getattr(d, "text", None) or getattr(d, "body", "")
        doc = analyse(body_article(body, doc_id=d.id))
        lemmas, X = candidate_features(
            doc, background=background, genre=genre, leave_out=d.id in background.doc_ids, pool=pool
        )
        Xs.append(X)
        ys.append(candidate_labels(doc, lemmas, d.title))
        groups.append(np.full(len(lemmas), i, dtype=np.int32))
        lem += lemmas
        txt += [_display(doc.candidates[l]) for l in lemmas]
    return {
        "X": np.concatenate(Xs),
        "y": np.concatenate(ys),
        "group": np.concatenate(groups),
        "lemma": np.array(lem, dtype=str),
        "text": np.array(txt, dtype=str),
        "ids": np.array([d.id for d in docs], dtype=str),
        "titles": np.array([d.title for d in docs], dtype=str),
    }


def _save_npz(t: dict, p) -> None:
    with open(p, "wb") as f:
        np.savez(f, **t)


def _load_npz(p) -> dict:
    with np.load(p, allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def training_table(
    split: str = "train", *, n: int | None = None, seed: int | None = None, pool: int | None = None
) -> dict[str, np.ndarray]:
    """Features and labels of every pooled candidate (cached): ``X``, ``y``, ``group`` (article), ``lemma``, ``text``.

    ``split="train"``: :func:`training_docs`; ``split="tune"``: the evaluation's
    tune split (for choosing the model; the held-out split is never tabled).
    """
    from ..cache import cached
    from .background import default_background
    from .evaluation import fresh_split
    from .genre import genre_stats

    if split not in ("train", "tune"):
        raise ValueError(f"split must be 'train' or 'tune', got {split!r}")
    n = TRAIN_PARAMS["n_train"] if n is None else n
    seed = TRAIN_PARAMS["seed"] if seed is None else seed
    pool = TRAIN_PARAMS["pool"] if pool is None else pool

    def build():
        docs = training_docs(n, seed=seed) if split == "train" else fresh_split("tune")
        return _table(docs, default_background(), genre_stats(), pool, f"keyword features ({split})")

    key = _table_key(split, n if split == "train" else 0, seed if split == "train" else 0, pool)
    return cached("keyword-supervised-table", key, build, save=_save_npz, load=_load_npz, suffix=".npz")
