"""A partition of items -> rows of the study's tables, stage by stage over the whole partition.

The per-article reference is :func:`arabic_news.study.rows.analyse_item` (each
capability's public function on one :class:`~arabic_news.Article`).  Here the
same functions' work is regrouped so that what can run on many texts at once
does:

* every item becomes one :class:`~arabic_news.Article` (tokens and sentences
  computed once, shared by every stage);
* **topic**: one ``predict_proba`` call of the default topic pipeline for all
  of the partition's articles (cleaning, TF-IDF and the calibrated classifier
  are row-wise, so each row equals :func:`arabic_news.topics.predict_article`);
  the open-set rule and the rounding are the same as there;
* **persuasion**: the units of every article (paragraphs or sentence windows,
  :func:`~arabic_news.study.rows.persuasion_units`) go through the binary
  model's feature extractor once -- one sentence-encoder pass over all of them
  -- and the label comes from the classifier head on those features, as in
  :func:`arabic_news.persuasion.predict_paragraphs` (which transforms twice,
  once for the probability and once for the label);
* **keyphrases**, **attribution** and **markers** are per-article algorithms and
  run per article on the shared Article (no topic explanation is computed: the
  study needs only the label, and the marker densities need no reference class).

Models, background statistics and lexicons are the package's per-process
caches: a worker loads them once (:class:`arabic_news.study.runner.WarmUp`).
Per-text memo caches that only pay off when the same text comes back (the
encoder's vectors, the persuasion features' per-text rows) are emptied after each
partition so that a worker's memory stays flat over a long corpus.

One article that fails in any stage becomes an ``errors`` row (the first failing
stage's one-line message, stages in :data:`STAGES` order), never a failed partition.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from ..article import Article
from .rows import TOP_KEYPHRASES, article_rows, empty_tables, keyword_background, persuasion_units
from .sources import Item

__all__ = [
    "STAGES",
    "WORD_CACHE_LIMIT",
    "check_stages",
    "analyse_partition",
    "clear_text_caches",
    "release_free_memory",
    "trim_word_caches",
]

#: The analyses of a study, in the order their errors take precedence.
STAGES = ("topic", "keyphrases", "attribution", "markers", "persuasion")


def check_stages(skip: Iterable[str] = ()) -> tuple[str, ...]:
    """The stages that run when ``skip`` are left out (``ValueError`` for an unknown name).

    >>> check_stages(["persuasion"])
    ('topic', 'keyphrases', 'attribution', 'markers')
    """
    if isinstance(skip, str):
        skip = [s for s in skip.split(",") if s.strip()]
    skip = {s.strip() for s in skip}
    unknown = skip - set(STAGES)
    if unknown:
        raise ValueError(f"unknown study stage(s) {', '.join(sorted(unknown))}; known: {', '.join(STAGES)}")
    return tuple(s for s in STAGES if s not in skip)


#: Entries a per-word memo cache (``functools.lru_cache`` on the stemmer, the name rules, the keyword
#: classifier...) may hold when a partition ends; a fuller one is emptied then.  Their own limits
#: (100,000-500,000 entries) are reached only after tens of thousands of articles, so a worker's
#: memory would keep creeping up over a whole corpus (665 -> 1,055 MiB over SaudiNewsNet's 26,855
#: articles before this bound); with it, it stops growing after the first few thousand.  At 50,000
#: the two dozen caches still held up to half a million entries between them and a worker's peak
#: crept up 8 % from 5,000 to 27,000 articles; 20,000 keeps the frequent words (a Zipf head) cached.
WORD_CACHE_LIMIT = 20_000


def trim_word_caches(limit: int = WORD_CACHE_LIMIT) -> int:
    """Empty every memo cache of the package's modules that holds more than ``limit`` entries.

    Returns the number of caches emptied.  Results never change (the caches are pure memos);
    the next partition refills what it uses.

    >>> trim_word_caches(limit=10**9)
    0
    """
    import sys

    emptied = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("arabic_news.") or module is None:
            continue
        for fn in list(vars(module).values()):
            info = getattr(fn, "cache_info", None)
            if callable(info) and callable(getattr(fn, "cache_clear", None)) and info().currsize > limit:
                fn.cache_clear()
                emptied += 1
    return emptied


def clear_text_caches() -> None:
    """Empty per-text memo caches (encoder vectors, persuasion feature rows) and trim per-word ones.

    Models stay loaded.
    """
    from .. import embed, stem
    from ..persuasion import features

    embed._MEMORY.clear()
    features._cues.cache_clear()
    features._marker_row.cache_clear()
    stem._memo_analyse.cache_clear()
    trim_word_caches()
    release_free_memory()


def release_free_memory() -> bool:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``); ``False`` where there is none.

    Freed NumPy buffers and cache entries otherwise stay in the process's heap, so
    its resident size keeps the high-water mark of every partition so far.  Measured
    in one process over 6,000 SaudiNewsNet articles: 30-70 MiB returned after each
    200-article partition, and the size after the call flat (875-889 MiB) throughout.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, looked up once per process (``find_library`` runs ``ldconfig``), or None."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None  # None: not glibc (macOS, musl)
    except OSError:  # not a C library this process can load
        return None


def _topics(articles: Sequence[Article], *, seed: int, quick: bool) -> list[dict[str, Any]]:
    """:func:`arabic_news.topics.predict_article`'s fields the study keeps, for many articles in one call."""
    from ..topics import default_model
    from ..topics.openset import assess

    model = default_model(seed=seed, quick=quick)
    a = assess(model, [x.text for x in articles])  # probabilities and the open-set verdict in one pass
    classes = [str(c) for c in model.classes_]
    out = []
    for row, outside in zip(a["proba"], a["outside"]):
        pairs = sorted(zip(classes, row.tolist()), key=lambda kv: -kv[1])
        top, ru = pairs[0], pairs[1] if len(pairs) > 1 else (None, 0.0)
        out.append(
            {
                "label": top[0],
                "probabilities": {k: round(v, 4) for k, v in pairs},
                "runner_up": ru[0],
                "outside": bool(outside),
            }
        )
    return out


def _persuasion_labels(texts: list[str], *, seed: int, quick: bool) -> list[str]:
    """The binary persuasion label of each text (``"true"``/``"false"``), one feature pass for all."""
    from ..persuasion.models import default_models

    if not texts:
        return []
    model = default_models(seed=seed, quick=quick).binary
    features = model[:-1].transform(texts)
    return [str(x) for x in model[-1].predict(features)]


def analyse_partition(
    items: Sequence[Item],
    *,
    seed: int = 0,
    quick: bool = False,
    stages: Sequence[str] = STAGES,
    timings: dict[str, float] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for a partition of items, each stage run over all its articles at once.

    Parameters
    ----------
    items : sequence of Item
    seed, quick : int, bool
        Passed to every model.
    stages : sequence of str
        Stages to run (a subset of :data:`STAGES`); a skipped stage leaves its
        columns empty (``None``, zero counts, no rows).
    timings : dict, optional
        CPU seconds spent in each stage (and ``"article"``) are added to it.

    Returns
    -------
    dict
        ``{table: [row, ...]}``; rows are in item order, equal to
        :func:`arabic_news.study.rows.analyse_item` item by item.
    """
    from ..clikit import one_line
    from ..keywords import extract
    from ..rhetoric import attributions, find_markers, marker_densities

    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown study stage(s): {', '.join(sorted(unknown))}")
    clock = time.process_time
    tm = timings if timings is not None else {}

    def lap(name: str, t0: float) -> float:
        t1 = clock()
        tm[name] = tm.get(name, 0.0) + t1 - t0
        return t1

    t = clock()
    arts: dict[int, Article] = {}
    failed: dict[int, BaseException] = {}
    item_error: dict[int, str] = {}
    for i, item in enumerate(items):
        if item.error is not None or item.article_text is None:
            item_error[i] = item.error or "no text"
            continue
        try:
            a = Article.from_text(item.article_text, source=item.id)
            _ = a.tokens
            arts[i] = a
        except Exception as e:  # noqa: BLE001
            failed[i] = e
    t = lap("article", t)

    topics: dict[int, Any] = {}
    if "topic" in stages and arts:
        idx = list(arts)
        try:
            topics = dict(zip(idx, _topics([arts[i] for i in idx], seed=seed, quick=quick)))
        except Exception:  # noqa: BLE001 -- find the article(s) that broke the batch
            topics = {}
            for i in idx:
                try:
                    topics[i] = _topics([arts[i]], seed=seed, quick=quick)[0]
                except Exception as e:  # noqa: BLE001
                    failed[i] = e
        t = lap("topic", t)

    def each(name: str, fn) -> dict[int, Any]:
        nonlocal t
        out = {}
        if name in stages:
            for i, a in arts.items():
                if i in failed:
                    continue
                try:
                    out[i] = fn(a)
                except Exception as e:  # noqa: BLE001
                    failed[i] = e
            t = lap(name, t)
        return out

    bg = keyword_background(seed, quick) if "keyphrases" in stages and arts else None
    kws = each("keyphrases", lambda a: extract(a, method="default", top=TOP_KEYPHRASES, background=bg))
    recs = each("attribution", lambda a: list(attributions(a)))
    dens = each("markers", lambda a: marker_densities(a.text, list(find_markers(a.text))))

    units = {}
    for i, a in arts.items():
        if i not in failed:
            try:
                units[i] = persuasion_units(a)
            except Exception as e:  # noqa: BLE001
                failed[i] = e
    labels: dict[int, list[str]] = {}
    if "persuasion" in stages:
        from ..persuasion import check_texts

        texts: dict[int, list[str]] = {}
        for i, (spans, _kind) in units.items():
            try:
                texts[i] = check_texts([arts[i].text[s:e] for s, e in spans])
            except Exception as e:  # noqa: BLE001
                failed[i] = e
        ok = [i for i in texts if i not in failed]
        flat = [x for i in ok for x in texts[i]]
        try:
            got = iter(_persuasion_labels(flat, seed=seed, quick=quick))
            labels = {i: [next(got) for _ in texts[i]] for i in ok}
        except Exception:  # noqa: BLE001 -- find the article(s) that broke the batch
            labels = {}
            for i in ok:
                try:
                    labels[i] = _persuasion_labels(texts[i], seed=seed, quick=quick)
                except Exception as e:  # noqa: BLE001
                    failed[i] = e
        t = lap("persuasion", t)

    out = empty_tables()
    for i, item in enumerate(items):
        if i in item_error:
            out["errors"].append({"id": item.id, "error": item_error[i]})
        elif i in failed:
            out["errors"].append({"id": item.id, "error": one_line(failed[i])})
        else:
            spans, kind = units[i]
            rows = article_rows(
                item,
                arts[i],
                topic=topics.get(i),
                keyphrases=kws.get(i),
                records=recs.get(i),
                densities=dens.get(i),
                units=spans,
                unit_kind=kind,
                labels=labels.get(i),
            )
            for table, r in rows.items():
                out[table].extend(r)
    lap("rows", t)
    clear_text_caches()
    return out
