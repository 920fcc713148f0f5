"""De-duplication before a study: exact and near-duplicate articles are analysed once.

SaudiNewsNet repeats contents, sometimes across outlets (wire stories).  The
grouping is the topic module's (:func:`arabic_news.topics.dedup.duplicate_report`:
digit-masked exact keys plus word-3-shingle cosine ≥ 0.8); the first article of
each group (in source order) is kept.  This pass holds the corpus's texts in
memory once (SaudiNewsNet: about 31k articles); the analysis after it is streamed.
Items that carry an error are passed through untouched (they become ``errors`` rows).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .sources import Item

__all__ = ["deduplicate", "deduplicate_cached"]


def deduplicate(items: Iterable[Item], *, show_progress: bool = True) -> tuple[list[Item], dict[str, Any]]:
    """Keep the first article of every duplicate group; return ``(kept, report)``.

    The report has ``input``, ``kept``, ``removed``, ``exact_pairs``, ``near_pairs``,
    ``removed_by_outlet`` and ``examples`` (pairs of ids, the kept one first).

    >>> a = Item("a", "ارتفع المؤشر 12 نقطة اليوم في السوق المالي وسط تداولات نشطة")
    >>> b = Item("b", "ارتفع المؤشر 30 نقطة اليوم في السوق المالي وسط تداولات نشطة")
    >>> kept, rep = deduplicate([a, b, Item("c", None, error="empty")], show_progress=False)
    >>> [i.id for i in kept], rep["removed"]
    (['a', 'c'], 1)
    """
    from ..topics.dedup import duplicate_report

    items = list(items)
    ok = [i for i, it in enumerate(items) if it.article_text is not None]
    rep = duplicate_report([items[i].article_text or "" for i in ok]) if len(ok) > 1 else None
    drop: set[int] = set()
    examples: list[tuple[str, str]] = []
    if rep is not None:
        first: dict[int, int] = {}
        for pos, g in zip(ok, rep.groups.tolist()):
            if g in first:
                drop.add(pos)
                if len(examples) < 10:
                    examples.append((items[first[g]].id, items[pos].id))
            else:
                first[g] = pos
    by_outlet = Counter(items[i].outlet or "(none)" for i in drop)
    report = {
        "input": len(items),
        "kept": len(items) - len(drop),
        "removed": len(drop),
        "exact_pairs": rep.exact_pairs if rep else 0,
        "near_pairs": rep.near_pairs if rep else 0,
        "removed_by_outlet": dict(sorted(by_outlet.items())),
        "examples": examples,
    }
    return [it for i, it in enumerate(items) if i not in drop], report


def deduplicate_cached(items: Iterable[Item], *, show_progress: bool = True) -> tuple[list[Item], dict[str, Any]]:
    """:func:`deduplicate`, with the grouping cached on the items' content (a rerun or resume skips it).

    The key is the code of both de-duplication modules and every item's
    :attr:`~arabic_news.study.sources.Item.digest` in order; the cache holds the
    positions dropped and the report (ids only, no text).
    """
    import hashlib

    from ..cache import cached, code_fingerprint, fingerprint

    items = list(items)
    h = hashlib.blake2b(digest_size=16)
    for it in items:
        h.update(it.digest.encode())
    key = fingerprint(code_fingerprint("arabic_news.study.dedup", "arabic_news.topics.dedup"), h.hexdigest())

    def build() -> dict[str, Any]:
        kept, report = deduplicate(items, show_progress=show_progress)
        keep = {id(it) for it in kept}
        return {"drop": [i for i, it in enumerate(items) if id(it) not in keep], "report": report}

    got = cached("study-dedup-run", key, build)
    drop = set(got["drop"])
    return [it for i, it in enumerate(items) if i not in drop], got["report"]
