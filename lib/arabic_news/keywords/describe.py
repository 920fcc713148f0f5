"""Findings of notebooks 20 and 21 as Markdown, computed from the article or evaluation in front of the reader.

Every function returns a short Markdown paragraph whose numbers and words come
from its arguments only; zero, one and many read naturally, and every piece of
article text is escaped for Markdown and HTML (:func:`md`).

>>> describe_keyphrases([])
'No keyphrase could be extracted from this article.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..prose import md_escape

__all__ = [
    "md",
    "count",
    "describe_keyphrases",
    "describe_variants",
    "describe_methods",
    "describe_agreement",
    "describe_kwic",
    "describe_evaluation",
    "describe_speed",
    "describe_generic",
    "describe_outlets",
    "describe_misses",
]


_KIND_WORDS = {
    "person": ("person", "people"),
    "organisation": ("organisation", "organisations"),
    "place": ("place", "places"),
    "title": ("office holder named by title", "office holders named by title"),
    "entity": ("other name", "other names"),
}


#: the lab's one Markdown+HTML escape (:func:`arabic_news.prose.md_escape`)
md = md_escape


def count(n: int, one: str, many: str | None = None, *, zero: str | None = None) -> str:
    """``'no X'``, ``'one X'`` or ``'n Xs'``.

    >>> count(0, "name"), count(1, "name"), count(3, "name"), count(2, "person", "people")
    ('no names', 'one name', '3 names', '2 people')
    """
    many = many or one + "s"
    if n == 0:
        return zero or f"no {many}"
    if n == 1:
        return f"one {one}"
    return f"{n:,} {many}"


def _list(items: Sequence[str], *, limit: int = 5) -> str:
    items = list(items)
    shown = [f"**{md(x)}**" for x in items[:limit]]
    if len(items) > limit:
        shown.append(f"{len(items) - limit} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def describe_keyphrases(keywords: Sequence) -> str:
    """What the top keyphrases are made of: names by kind, compounds, single words.

    Parameters
    ----------
    keywords : list of Keyword
        Best first (``extract(article)``).
    """
    kws = list(keywords)
    if not kws:
        return "No keyphrase could be extracted from this article."
    names = [k for k in kws if getattr(k, "kind", None)]
    multi = [k for k in kws if not getattr(k, "kind", None) and len(k.lemma.split()) > 1]
    single = [k for k in kws if not getattr(k, "kind", None) and len(k.lemma.split()) == 1]
    first = kws[0]
    n_occ = len(first.positions)
    parts = [
        f"The top keyphrase is **{md(first.text)}**, which occurs "
        f"{'once' if n_occ == 1 else 'twice' if n_occ == 2 else f'{n_occ} times'} in the article."
    ]
    if names:
        by_kind: dict[str, list[str]] = {}
        for k in names:
            by_kind.setdefault(k.kind, []).append(k.text)
        kinds = [
            f"{count(len(v), *_KIND_WORDS.get(kind, (kind, kind + 's')))} ({_list(v, limit=3)})"
            for kind, v in by_kind.items()
        ]
        parts.append(
            f"Of the {count(len(kws), 'keyphrase')}, {count(len(names), 'is a name', 'are names')}: "
            + "; ".join(kinds)
            + "."
        )
    else:
        parts.append(f"None of the {count(len(kws), 'keyphrase')} is a recognised name.")
    parts.append(
        f"The rest are {count(len(multi), 'multiword phrase')} and {count(len(single), 'single word')}."
        if names
        else f"They are {count(len(multi), 'multiword phrase')} and {count(len(single), 'single word')}."
    )
    return " ".join(parts)


def describe_variants(keywords: Sequence) -> str:
    """Which keyphrases group variants (``مجلس الأمن`` under ``مجلس الأمن الدولي``)."""
    grouped = [k for k in keywords if getattr(k, "variants", ())]
    if not grouped:
        return "No keyphrase has variants: each was found in one form only."
    lines = [f"{count(len(grouped), 'keyphrase groups', 'keyphrases group')} variants:"]
    for k in grouped:
        lines.append(f"- **{md(k.text)}**: {', '.join(md(v) for v in k.variants)}")
    return "\n".join(lines)


def describe_methods(results: Mapping[str, Sequence]) -> str:
    """Which keyphrases (by lemma key) every method puts in its list, and which only one does."""
    results = {m: list(v) for m, v in results.items() if v is not None}
    if not results:
        return "No method returned keyphrases."
    if len(results) == 1:
        ((m, v),) = results.items()
        return f"Only one method ({md(m)}) was run; it returned {count(len(v), 'keyphrase')}."
    sets = {m: {k.lemma for k in v} for m, v in results.items()}
    shared = set.intersection(*sets.values())
    texts = {k.lemma: k.text for v in results.values() for k in v}
    order = [k.lemma for k in next(iter(results.values())) if k.lemma in shared]
    n = len(results)
    if shared:
        out = f"All {n} methods list {_list([texts[l] for l in order])}."
    else:
        out = f"The {n} methods share no keyphrase in their lists (they may still share words)."
    solo = {m: [k.text for k in v if sum(k.lemma in s for s in sets.values()) == 1] for m, v in results.items()}
    lonely = max(solo, key=lambda m: (len(solo[m]), m))
    if solo[lonely]:
        out += f" The method with the most keyphrases of its own is {md(lonely)} ({count(len(solo[lonely]), 'phrase')} no other method lists)."
    return out


def describe_agreement(rows: Sequence[Mapping], *, k: int = 10) -> str:
    """The most and least similar pair of methods by overlap@k (rows of ``evaluation.agreement``)."""
    key = f"overlap@{k}"
    rows = [r for r in rows if r.get(key) == r.get(key)]
    if not rows:
        return "Agreement could not be measured (fewer than two non-empty lists)."
    hi = max(rows, key=lambda r: (r[key], r["method a"], r["method b"]))
    lo = min(rows, key=lambda r: (r[key], r["method a"], r["method b"]))
    out = f"The closest pair is {md(hi['method a'])} and {md(hi['method b'])} (overlap@{k} {hi[key]:.2f})"
    if lo is hi:
        return out + "."
    return out + f"; the furthest apart is {md(lo['method a'])} and {md(lo['method b'])} ({lo[key]:.2f})."


def describe_kwic(keyword, lines: Sequence) -> str:
    """How often a keyphrase occurs and in how many context lines it is shown."""
    n = len(keyword.positions)
    if not lines:
        return f"**{md(keyword.text)}** has no occurrence to show in context."
    return f"**{md(keyword.text)}** occurs {'once' if n == 1 else f'{n} times'}; {count(len(lines), 'line')} of context shown."


def _best(summary: Sequence[Mapping], metric: str) -> Mapping:
    return max(summary, key=lambda r: (r[metric] if r[metric] == r[metric] else -1, r["method"]))


def describe_evaluation(
    summary: Sequence[Mapping], *, reference: str = "yake", method: str = "default", split: str = "held-out"
) -> str:
    """Title-word recall@10 and F1 of ``method`` against ``reference`` and the best method (rows of ``summarise_v2``)."""
    summary = list(summary)
    if not summary:
        return "No article could be evaluated."
    by = {r["method"]: r for r in summary}
    if method not in by:
        return f"The method {md(method)} was not evaluated."
    d = by[method]
    n = d["articles"]
    out = (
        f"On {count(n, 'article')} of the {md(split)} split, {md(method)} recovers {d['recall@10']:.1%} of the headline's "
        f"content words in its top 10 (95% CI {d['recall@10 lo']:.1%}–{d['recall@10 hi']:.1%})"
    )
    if reference in by and by[reference]["recall@10"] > 0:
        out += f", {d['recall@10'] / by[reference]['recall@10']:.2f} times {md(reference)} ({by[reference]['recall@10']:.1%})"
    out += "."
    best = _best(summary, "recall@10")
    if best["method"] != method:
        out += f" The best method on this measure is {md(best['method'])} ({best['recall@10']:.1%})."
    else:
        out += " No other method recovers more."
    if "exact F1" in d:
        out += f" Exact-phrase F1@10 is {d['exact F1']:.3f} and partial-match F1@10 {d['partial F1']:.3f}."
    return out


def describe_speed(summary: Sequence[Mapping], *, method: str = "default", reference: str = "lexical") -> str:
    """Articles per second of ``method``, its encoder variant, and ``reference``."""
    by = {r["method"]: r for r in summary}
    if method not in by:
        return f"The speed of {md(method)} was not measured."
    out = f"{md(method)} processes {by[method]['articles/s']:.1f} articles per second"
    if reference in by:
        ratio = by[method]["articles/s"] / max(by[reference]["articles/s"], 1e-9)
        out += f" ({ratio:.2f} times {md(reference)}, measured in the same run)"
    out += "."
    enc = by.get(f"{method}+embed")
    if enc:
        cost = 1000 * (1 / enc["articles/s"] - 1 / by[method]["articles/s"])
        out += f" With the sentence encoder it processes {enc['articles/s']:.1f} articles per second; the encoder costs {cost:.0f} ms per article."
    return out


def describe_generic(summary: Sequence[Mapping], *, method: str = "default", k: int = 10) -> str:
    """The generic-term rate of ``method`` and of the method with the highest rate."""
    key = f"generic@{k}"
    by = {r["method"]: r for r in summary if key in r}
    if method not in by:
        return "The generic-term rate was not measured."
    d = by[method]
    worst = _best(list(by.values()), key)
    out = f"{d[key]:.1%} of {md(method)}'s top-{k} items consist only of the most common news words"
    if worst["method"] != method:
        out += f", against {worst[key]:.1%} for {md(worst['method'])}, the highest"
    return out + "."


def describe_outlets(rows: Sequence[Mapping]) -> str:
    """Best and worst outlet by recall@10 (rows of ``per_outlet``)."""
    rows = list(rows)
    if not rows:
        return "No outlet had enough articles for a per-outlet figure."
    if len(rows) == 1:
        r = rows[0]
        return f"Only one outlet ({md(r['outlet'])}) had enough articles: recall@10 {r['recall@10']:.1%}."
    hi = max(rows, key=lambda r: (r["recall@10"], str(r["outlet"])))
    lo = min(rows, key=lambda r: (r["recall@10"], str(r["outlet"])))
    return (
        f"Across {count(len(rows), 'outlet')}, recall@10 ranges from {lo['recall@10']:.1%} ({md(lo['outlet'])}, "
        f"{count(lo['articles'], 'article')}) to {hi['recall@10']:.1%} ({md(hi['outlet'])}, {count(hi['articles'], 'article')})."
    )


def describe_misses(misses: Sequence[Mapping], *, total: int | None = None) -> str:
    """How many articles the method missed entirely, from rows of ``evaluation.misses``."""
    zero = [m for m in misses if m["recall@10"] == 0]
    of = f" of {total:,}" if total else ""
    if not misses:
        return "There is no miss to show."
    if not zero:
        worst = min(m["recall@10"] for m in misses)
        return f"Every article{of} shown has at least one headline word recovered; the lowest recall@10 is {worst:.1%}."
    return f"{count(len(zero), 'article')}{of} shown {'has' if len(zero) == 1 else 'have'} no headline word in the top 10; the table lists the headline words missed."
