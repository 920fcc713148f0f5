"""Findings in words for stance, formulae and structure (notebooks 31 and 32).

Each function turns the numbers of *the article being analysed* into a short
Markdown paragraph that a notebook displays (``display(Markdown(...))``): nothing
here knows any particular article.  Zero, one and many read naturally ("no
hedges", "one booster", "4 boosters"); short articles are flagged as noisy;
every piece of article text is escaped for both Markdown and HTML and quoted
in «guillemets».

Notebook 31: :func:`describe_markers`, :func:`describe_densities`, :func:`describe_profile`.
Notebook 32: :func:`describe_keyness`, :func:`describe_genre_phrases`, :func:`describe_formulae`,
:func:`describe_pyramid`, :func:`describe_openings`, :func:`describe_cohesion`.

size: nine short sentence builders for two notebooks, each with its zero/one/many cases;
splitting them by notebook would separate the shared escaping and counting helpers.

>>> from arabic_news.rhetoric.markers import find_markers
>>> describe_markers(find_markers("ربما ينجح الاتفاق"))
'The article has one stance marker: one hedge («ربما»); no boosters, emphasis particles or evaluative adjectives.'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..prose import md_escape
from .markers import NOISY_BELOW_WORDS, DensityComparison, Marker, evaluative_polarity
from .reference import reference_name

__all__ = [
    "md_escape",
    "describe_markers",
    "describe_densities",
    "describe_profile",
    "describe_keyness",
    "describe_genre_phrases",
    "describe_formulae",
    "describe_pyramid",
    "describe_openings",
    "describe_cohesion",
    "GENRE_LL_THRESHOLD",
]

#: genre G2 above which a phrase counts as typical of the reference class (p < 0.05 for one phrase)
GENRE_LL_THRESHOLD = 3.84

_NOUNS = {
    "booster": ("booster", "boosters"),
    "hedge": ("hedge", "hedges"),
    "emphasis": ("emphasis particle", "emphasis particles"),
    "evaluative": ("evaluative adjective", "evaluative adjectives"),
}
#: the order kinds are named in prose and tables
_ORDER = ("booster", "hedge", "emphasis", "evaluative")


def _records(rows: Any) -> list[dict[str, Any]]:
    """Rows as a list of dicts: a DataFrame (``*_table`` functions) or a list of dicts; NaN becomes None."""
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")
    out = []
    for r in rows:
        out.append({k: (None if isinstance(v, float) and v != v else v) for k, v in dict(r).items()})
    return out


def _q(text: str) -> str:
    """An Arabic phrase quoted and escaped."""
    return f"«{md_escape(text)}»"


def _n(count: int, singular: str, plural: str | None = None) -> str:
    """``no boosters`` / ``one booster`` / ``3 boosters``."""
    plural = plural or singular + "s"
    if count == 0:
        return f"no {plural}"
    if count == 1:
        return f"one {singular}"
    return f"{count:,} {plural}"


def _cap(text: str) -> str:
    """Capitalise the first letter (a sentence may start with ``one ...``)."""
    return text[:1].upper() + text[1:]


def _join(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _examples(texts: Sequence[str], k: int = 3) -> str:
    """The most frequent distinct texts (first occurrence order on ties), quoted."""
    c = Counter(" ".join(t.split()) for t in texts)
    order = {t: i for i, t in reversed(list(enumerate(" ".join(t.split()) for t in texts)))}
    top = sorted(c, key=lambda t: (-c[t], order[t]))[:k]
    more = len(c) - len(top)
    return "، ".join(_q(t) for t in top) + ("…" if more > 0 else "")


# -- notebook 31 ---------------------------------------------------------------------------------


def describe_markers(markers: Sequence[Marker]) -> str:
    """What stance markers the article uses, by kind, with examples.

    >>> describe_markers([])
    'No stance markers were found: the article neither boosts, hedges, emphasises nor evaluates with the listed forms.'
    """
    if not markers:
        return (
            "No stance markers were found: the article neither boosts, hedges, emphasises nor evaluates "
            "with the listed forms."
        )
    by = {k: [m.text for m in markers if m.kind == k] for k in _ORDER}
    present = [f"{_n(len(v), *_NOUNS[k])} ({_examples(v)})" for k, v in by.items() if v]
    absent = [_NOUNS[k][1] for k, v in by.items() if not v]
    out = f"The article has {_n(len(markers), 'stance marker')}: {_join(present)}"
    if absent:
        out += f"; no {_join(absent, 'or')}"
    return out + "."


def _zero_share(dist: Any) -> float:
    import numpy as np

    arr = np.asarray(dist, dtype=float)
    return float((arr == 0).mean()) if len(arr) else float("nan")


def _place(pct: float) -> str:
    if pct >= 90:
        return "far above most"
    if pct >= 75:
        return "above most"
    if pct <= 10:
        return "far below most"
    if pct <= 25:
        return "below most"
    return "within the usual range of"


def _articles(c: DensityComparison) -> str:
    """``SANAD Politics articles`` / ``SANAD articles`` (for 'all')."""
    return "SANAD articles" if c.reference == "all" else f"{md_escape(c.reference_label)} articles"


def describe_densities(comparison: DensityComparison) -> str:
    """How dense each kind of marker is compared with the reference class, flagging short articles.

    Parameters
    ----------
    comparison : DensityComparison
        From :func:`arabic_news.rhetoric.markers.compare_densities`.
    """
    c = comparison
    ref = md_escape(c.reference_label)
    head = f"Reference: {ref} ({c.n_reference:,} articles)."
    if c.reference == "all":
        head += " All of SANAD is the reference when the article fits none of its seven classes."
    else:
        head += f" {ref} is the class the topic model assigns to the article."
    if c.n_reference == 0:
        return head + " The reference is empty, so the densities cannot be compared."
    if c.words == 0:
        return head + " The article has no words to count, so no density can be computed."
    lines = []
    for k in _ORDER:
        name = _NOUNS[k][1]
        if c.counts[k] == 0:
            zero = _zero_share(c.distribution[k])
            lines.append(f"* **{name}**: none, as in {zero:.0%} of {_articles(c)}.")
            continue
        pct = c.percentiles[k]
        lines.append(
            f"* **{name}**: {c.densities[k]:.2f} per 100 words ({_n(c.counts[k], *_NOUNS[k])}), "
            f"{_place(pct)} {_articles(c)} (percentile {pct:.0f}; median {c.medians[k]:.2f}, "
            f"90th percentile {c.p90[k]:.2f})."
        )
    out = head + "\n\n" + "\n".join(lines)
    if c.noisy:
        step = 100.0 / c.words
        out += (
            f"\n\nThe article is short ({_n(c.words, 'word')}, under {NOISY_BELOW_WORDS}): its densities are noisy, "
            f"since one marker more or less moves a density by {step:.2f} per 100 words."
        )
    return out


def describe_profile(
    markers: Sequence[Marker],
    comparison: DensityComparison,
    strengths: Mapping[str, int] | None = None,
) -> str:
    """The article's stance profile in two or three sentences: what dominates, evaluation polarity, verbs.

    Parameters
    ----------
    markers : sequence of Marker
    comparison : DensityComparison
    strengths : mapping, optional
        Reporting-cue strength counts (``assertive``, ``neutral``, ``evaluative``,
        ``distancing``, ``directive``) from the attribution analysis.
    """
    c = comparison
    ref = md_escape(c.reference_label)
    parts = []
    high = [k for k in _ORDER if c.counts[k] and c.percentiles[k] >= 75]
    if not markers:
        parts.append("With no stance markers, the report reads as neutral, unmarked prose.")
    elif high:
        parts.append(f"Compared with {ref}, the article is marked by its {_join([_NOUNS[k][1] for k in high])}.")
    else:
        parts.append(f"No kind of marker is unusually dense compared with {ref}.")
    evals = [m.text for m in markers if m.kind == "evaluative"]
    if evals:
        pol = Counter(evaluative_polarity(t) for t in evals)
        pos, neg = pol.get("+", 0), pol.get("-", 0)
        if pos and not neg:
            parts.append(
                f"Its evaluation is positive ({_examples([t for t in evals if evaluative_polarity(t) == '+'])})."
            )
        elif neg and not pos:
            parts.append(
                f"Its evaluation is negative ({_examples([t for t in evals if evaluative_polarity(t) == '-'])})."
            )
        elif pos and neg:
            parts.append(f"Its evaluation is mixed: {pos} positive and {neg} negative adjectives.")
    if c.counts["hedge"] == 0 and markers:
        parts.append("It does not hedge.")
    if strengths:
        total = sum(strengths.values())
        if total:
            dom, n = max(sorted(strengths.items()), key=lambda kv: kv[1])
            if total == 1:
                sent = f"The one reported statement is introduced with {'an' if dom[:1] in 'aeiou' else 'a'} {md_escape(dom)} verb"
            else:
                sent = f"Of {total:,} reported statements, {n} {'is' if n == 1 else 'are'} introduced with {md_escape(dom)} verbs"
            if dom in ("assertive", "evaluative", "distancing", "directive"):
                sent += ": the reporter's choice of verb carries stance too"
            parts.append(sent + ".")
    if c.noisy:
        parts.append(f"(With {_n(c.words, 'word')}, these readings are tentative.)")
    return " ".join(parts)


# -- notebook 32 ---------------------------------------------------------------------------------


def describe_keyness(rows: Sequence[Mapping[str, Any]], reference: str, *, k: int = 4) -> str:
    """The article's most over-used phrases against the reference (the top of :func:`keyness`)."""
    ref = md_escape(reference_name(reference))
    rows = _records(rows)
    if not rows:
        return (
            f"No phrase of two or three words occurs often enough to be ranked against {ref} "
            "(a phrase needs two occurrences, or to be a listed formula)."
        )
    top = list(rows)[:k]
    items = [f"{_q(r['ngram'])} (×{r['count']})" for r in top]
    rare = sum(1 for r in top if r.get("reference_articles", 0) == 0 and not r.get("formula"))
    if len(top) == 1:
        out = f"Against {ref}, the most over-used phrase is {items[0]}."
        return out + (
            f" It is absent from the {ref} sample (or too rare there to count): the article's own subject."
            if rare
            else ""
        )
    out = f"Against {ref}, the most over-used phrases are {_join(items)}."
    if rare == len(top):
        out += f" None of them is in the {ref} sample (or each is too rare there to count): they are the article's own subject."
    elif rare:
        out += (
            f" {rare} of them {'is' if rare == 1 else 'are'} absent from the {ref} sample (the article's own subject)."
        )
    return out


def describe_genre_phrases(rows: Sequence[Mapping[str, Any]], reference: str, *, k: int = 5) -> str:
    """The article's phrases that are typical of the reference class (genre G2 above the threshold)."""
    ref = md_escape(reference_name(reference))
    if reference == "all":
        return (
            "The article is compared with all of SANAD, so no class can say which of its phrases are "
            "typical of one kind of news."
        )
    rows = _records(rows)
    typical = sorted(
        (r for r in rows if (r.get("genre_ll") or 0) > GENRE_LL_THRESHOLD), key=lambda r: -(r.get("genre_ll") or 0)
    )
    if not typical:
        return f"None of the article's phrases is typical of {ref} rather than of other news (genre G² ≤ {GENRE_LL_THRESHOLD})."
    items = [_q(r["ngram"]) for r in typical[:k]]
    return f"{_cap(_n(len(typical), 'phrase'))} of the article {'is' if len(typical) == 1 else 'are'} typical of {ref} rather than of other news: {_join(items)}{'…' if len(typical) > k else ''}."


def describe_formulae(found: Sequence[Mapping[str, Any]], reference: str) -> str:
    """Which listed formulae the article uses, by function, and how common they are in the reference."""
    ref = md_escape(reference_name(reference))
    found = _records(found)
    if not found:
        return (
            "No listed formula was found: the article uses none of the set phrases of news reporting in the lab's list."
        )
    by: dict[str, list[Mapping[str, Any]]] = {}
    for r in found:
        by.setdefault(r["function"], []).append(r)
    parts = []
    for func, rs in by.items():
        items = [_q(r["text"]) + (f" ×{r['count']}" if r["count"] > 1 else "") for r in rs]
        parts.append(f"{md_escape(func)} ({'، '.join(items)})")
    n = sum(r["count"] for r in found)
    out = f"The article uses {_n(len(found), 'listed formula', 'listed formulae')} ({n} occurrence{'s' if n != 1 else ''}): {_join(parts)}."
    common = max(found, key=lambda r: r.get("reference_share") or 0.0)
    if (common.get("reference_share") or 0.0) > 0:
        out += f" The most common in {ref} is {_q(common['formula'])}, found in {common['reference_share']:.0%} of its articles."
    typical = [_q(r["formula"]) for r in found if (r.get("genre_ll") or 0) > GENRE_LL_THRESHOLD]
    if reference != "all":
        if not typical:
            out += f" None is more typical of {ref} than of other news."
        elif len(typical) == 1:
            out += f" One of them, {typical[0]}, is typical of {ref} rather than of other news."
        else:
            out += f" {len(typical)} of them are typical of {ref} rather than of other news: {_join(typical)}."
    return out


def describe_pyramid(overlap: Sequence[Mapping[str, Any]]) -> str:
    """Whether the lead carries the headline's substance (headline overlap of each paragraph)."""
    overlap = _records(overlap)
    if not overlap:
        return "The article has no headline (a single block of text), so the inverted pyramid cannot be assessed."
    lead = overlap[0]["overlap"]
    if len(overlap) == 1:
        return f"The body is a single paragraph, which repeats {lead:.0%} of the headline's content words."
    later = [r["overlap"] for r in overlap[1:]]
    mean_later = sum(later) / len(later)
    out = (
        f"The lead repeats {lead:.0%} of the headline's content words; the {_n(len(later), 'later paragraph')} "
        f"{'repeats' if len(later) == 1 else 'repeat'} {mean_later:.0%} on average"
    )
    if lead > mean_later and lead >= 0.3:
        return out + ": an inverted pyramid, the substance first."
    if lead == 0 and mean_later == 0:
        return out + ": the headline's words do not come back in the body."
    return out + ": not an inverted pyramid, the headline's substance is not concentrated in the lead."


_OPEN_NAMES = {"verbal": "verbal", "nominal": "nominal", "prepositional": "prepositional", "particle": "particle"}


def describe_openings(openings: Sequence[Mapping[str, Any]], connectives: Sequence[Mapping[str, Any]]) -> str:
    """How body sentences open (verbal, nominal ...) and which connective roles link them."""
    openings, connectives = _records(openings), _records(connectives)
    if not openings:
        return "The body has no sentences to classify."
    c = Counter(o["opening"] for o in openings)
    n = len(openings)
    if n == 1:
        out = f"The one body sentence has a{'n' if openings[0]['opening'][0] in 'aeiou' else ''} {md_escape(openings[0]['opening'])} opening."
    else:
        parts = [f"{v} {md_escape(k)}" for k, v in c.most_common()]
        out = f"Openings of the {n:,} body sentences: {_join(parts)}."
    if not connectives:
        return out + " No sentence opens with a connective: sentences follow each other without explicit links."
    roles = Counter(x["role"] for x in connectives)
    rparts = [f"{md_escape(k)} ×{v}" for k, v in roles.most_common()]
    out += f" {_cap(_n(len(connectives), 'sentence'))} open{'s' if len(connectives) == 1 else ''} with a connective ({_join(rparts)})."
    if "perspective" in roles:
        ex = [x["text"] for x in connectives if x["role"] == "perspective"]
        out += f" Perspective connectives ({_examples(ex, 2)}) hand the floor to another speaker."
    if "contrast" not in roles and "concession" not in roles:
        out += " None marks contrast or concession: voices are laid side by side, not opposed."
    return out


def describe_cohesion(lengths: Sequence[Mapping[str, Any]], cohesion: Mapping[str, Any], *, k: int = 5) -> str:
    """Sentence length and lexical cohesion (paragraph overlap and the most widespread stems)."""
    lengths = _records(lengths)
    if not lengths:
        return "The body has no sentences, so neither length nor cohesion can be measured."
    words = sorted(r["words"] for r in lengths)
    mean = sum(words) / len(words)
    if len(words) == 1:
        out = f"The body is one sentence of {_n(words[0], 'word')}."
    else:
        out = (
            f"The body has {len(words):,} sentences, {mean:.1f} words long on average "
            f"(shortest {words[0]}, longest {words[-1]})."
        )
    adj = cohesion.get("adjacent", [])
    if not adj:
        return out + " With a single paragraph, cohesion between paragraphs cannot be measured."
    j = sum(r["jaccard"] for r in adj) / len(adj)
    out += f" Consecutive paragraphs share {j:.0%} of their content stems on average"
    out += " (each paragraph brings mostly new material)." if j < 0.2 else "."
    rep = cohesion.get("repeated", [])
    if rep:
        items = [f"{_q(s)} ({p} paragraphs)" for s, p, _ in rep[:k]]
        out += f" The most widespread stems are {_join(items)}."
    else:
        out += " No content stem recurs across paragraphs."
    return out
