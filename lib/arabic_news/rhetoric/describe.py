"""Markdown that states notebook 30's results for the article in front of the reader.

One function per result-stating section: who is quoted (:func:`describe_speakers`), with which
verbs (:func:`describe_verbs`), how sources are introduced (:func:`describe_sources`), and how
good the extractor is on held-out text (:func:`describe_quality`).  Each takes the article's
attribution records (or the evaluation rows), reads naturally for zero, one or many, and escapes
every piece of article text for Markdown and HTML.

>>> from .attribution import attributions
>>> describe_speakers(attributions("ناقش الوزير خطة التعاون."))
'No reported speech was found in this article.'
>>> print(describe_speakers(attributions("قال الوزير أحمد سالم إن الاتفاق قريب.")))
One statement, by one speaker: الوزير أحمد سالم (named person).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..prose import md_escape
from .views import counts_by, speakers_summary

if TYPE_CHECKING:
    from .attribution import Attribution

__all__ = ["md_escape", "describe_speakers", "describe_verbs", "describe_sources", "describe_quality"]


_SOURCE_WORDS = {
    "named_person": ("named person", "named people"),
    "office_title": ("office holder named only by title", "office holders named only by title"),
    "institution_document": ("institution or document", "institutions or documents"),
    "news_agency": ("news agency", "news agencies"),
    "anonymous_collective": ("anonymous or collective source", "anonymous or collective sources"),
    "impersonal": ("impersonal (passive) report with no speaker", "impersonal (passive) reports with no speaker"),
}
_KIND_WORDS = {
    "verb": ("reporting verb", "reporting verbs"),
    "participle": (
        "circumstantial participle (like مؤكدًا “stressing”)",
        "circumstantial participles (like مؤكدًا “stressing”)",
    ),
    "preposition": (
        "prepositional source (like بحسب “according to”)",
        "prepositional sources (like بحسب “according to”)",
    ),
    "relay": ("relay verb (نقلت “carried”)", "relay verbs (نقلت “carried”)"),
    "impersonal": (
        "passive verb (like أُعلن \u201cit was announced\u201d)",
        "passive verbs (like أُعلن \u201cit was announced\u201d)",
    ),
    "headline": ("headline colon (\u201cX: …\u201d)", "headline colons (\u201cX: …\u201d)"),
    "relay_source": ("relayed original speaker (عن “from”)", "relayed original speakers (عن “from”)"),
    "nominal": (
        "report noun (like تصريح \u201cstatement\u201d)",
        "report nouns (like تصريح \u201cstatement\u201d)",
    ),
}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _n(k: int, one: str, many: str) -> str:
    """'one statement', 'three statements', '12 statements'."""
    word = _NUMBERS[k] if k < len(_NUMBERS) else str(k)
    return f"{word} {one if k == 1 else many}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_speakers(records: Iterable[Attribution]) -> str:
    """Who is quoted: how many statements and speakers, the most quoted, of which source types.

    >>> from .attribution import attributions
    >>> print(describe_speakers(attributions("قال الوزير أحمد سالم إن الاتفاق قريب. وأكد سالم أن التوقيع قريب. وقالت مصادر مطلعة إن الجولة تستمر.")))
    Three statements from two speakers. The most quoted is الوزير أحمد سالم (named person, two statements); then مصادر مطلعة (one).
    """
    records = list(records)
    if not records:
        return "No reported speech was found in this article."
    impersonal = sum(not r.speaker_id for r in records)
    if impersonal == len(records):
        if impersonal == 1:
            return "One statement: an impersonal (passive) report with no speaker."
        return f"{_n(impersonal, 'statement', 'statements').capitalize()}, all impersonal (passive reports with no speaker)."
    tail = ""
    if impersonal:
        what = _n(impersonal, "impersonal report names", "impersonal reports name").capitalize()
        tail = f" {what} no speaker."
    return _describe_speakers(records) + tail


def _describe_speakers(records: list[Attribution]) -> str:
    rows = [r for r in speakers_summary(records) if r["speaker_id"]]
    records = [r for r in records if r.speaker_id]
    if len(rows) == 1:
        r = rows[0]
        what = _n(len(records), "statement", "statements").capitalize()
        kind = _SOURCE_WORDS[r["source_type"]][0]
        return f"{what}, by one speaker: {md_escape(r['speaker'])} ({kind})."
    rows.sort(key=lambda r: -r["n"])  # stable: first appearance breaks ties
    head = f"{_n(len(records), 'statement', 'statements').capitalize()} from {_n(len(rows), 'speaker', 'speakers')}."
    top = rows[0]
    if top["n"] > rows[1]["n"]:
        lead = (
            f" The most quoted is {md_escape(top['speaker'])} ({_SOURCE_WORDS[top['source_type']][0]}, "
            f"{_n(top['n'], 'statement', 'statements')})"
        )
        rest = rows[1:]
    else:
        lead = " No speaker dominates"
        rest = rows
    shown = [f"{md_escape(r['speaker'])} ({_NUMBERS[r['n']] if r['n'] < len(_NUMBERS) else r['n']})" for r in rest[:4]]
    more = f" and {_n(len(rest) - 4, 'other', 'others')}" if len(rest) > 4 else ""
    sep = "; then " if top["n"] > rows[1]["n"] else ": "
    return head + lead + sep + ", ".join(shown) + more + "."


def describe_verbs(records: Iterable[Attribution]) -> str:
    """With which verbs: the cue lemmas by frequency and the strength classes, distancing ones named.

    >>> from .attribution import attributions
    >>> print(describe_verbs(attributions("وزعم متحدث عسكري أن القوات تقدمت.")))
    One cue: زعم. Its strength class is distancing: the reporter signals doubt (زعم).
    """
    records = list(records)
    if not records:
        return "No reporting cue was found, so there is no verb profile to describe."
    lemmas = counts_by(records, "lemma")
    strengths = counts_by(records, "strength")
    shown = [md_escape(k) + (f" ×{v}" if v > 1 else "") for k, v in list(lemmas.items())[:8]]
    if len(lemmas) > 8:
        lem, more = ", ".join(shown), f" and {_n(len(lemmas) - 8, 'other', 'others')}"
    else:
        lem, more = _join(shown), ""
    if len(records) == 1:
        out = f"One cue: {lem}. Its strength class is {next(iter(strengths))}"
    else:
        out = f"{_n(len(records), 'cue', 'cues').capitalize()}, {_n(len(lemmas), 'distinct lemma', 'distinct lemmas')}: {lem}{more}. "
        out += "Strength classes: " + _join([f"{k} {v}" for k, v in strengths.items()])
    dist = sorted({r.lemma for r in records if r.strength == "distancing"})
    if dist:
        out += f": the reporter signals doubt ({_join([md_escape(d) for d in dist])})."
    else:
        out += "; no distancing verb (زعم \u201cclaimed\u201d, ادعى \u201calleged\u201d) is used."
    return out


def describe_sources(records: Iterable[Attribution]) -> str:
    """How sources are introduced: by source type, by cue kind, and how many speakers were inferred.

    >>> from .attribution import attributions
    >>> print(describe_sources(attributions("وقال الوزير أحمد سالم إن الاتفاق مهم، مضيفًا أن التنفيذ قريب.")))
    Both statements come from named people. They are introduced by one reporting verb and one circumstantial participle (like مؤكدًا “stressing”). One statement has no speaker named at the cue; the speaker is inferred from the context.
    """
    records = list(records)
    if not records:
        return "No sources are introduced: the article reports no speech."
    types = counts_by(records, "source_type")
    if len(types) == 1:
        t, k = next(iter(types.items()))
        lead = {1: "The statement comes from", 2: "Both statements come from"}.get(k, f"All {k} statements come from")
        article = ("an " if _SOURCE_WORDS[t][0][0] in "aeiou" else "a ") if k == 1 else ""
        out = f"{lead} {article}{_SOURCE_WORDS[t][k != 1]}."
    else:
        out = "Statements by source type: " + _join([f"{_SOURCE_WORDS[t][1]} {k}" for t, k in types.items()]) + "."
    order = list(_KIND_WORDS)
    kinds = sorted(
        counts_by(records, "cue_kind").items(),
        key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else len(order), kv[0]),
    )
    out += (" It is" if len(records) == 1 else " They are") + " introduced by "
    words = {k: _KIND_WORDS.get(k, (f"{k} cue", f"{k} cues")) for k, _ in kinds}  # a new cue kind still reads
    out += _join([_n(v, *words[k]) for k, v in kinds]) + "."
    implicit = sum(r.implicit for r in records)
    if implicit:
        out += (
            f" {_n(implicit, 'statement has', 'statements have').capitalize()} no speaker named at the cue;"
            " the speaker is inferred from the context."
        )
    fallback = [r for r in records if r.confidence < 0.7]
    if fallback:
        out += (
            f" For {_n(len(fallback), 'statement', 'statements')} the speaker is only the most recent earlier speaker"
            " (a fallback; lower confidence in the table)."
        )
    return out


def describe_quality(rows: Sequence[dict]) -> str:
    """How good attribution is on held-out text, from :func:`arabic_news.rhetoric.evaluate.evaluate_gold` rows.

    >>> describe_quality([])
    'No held-out evaluation is available in this run.'
    """
    held = [r for r in rows if r.get("split") == "held-out"]
    if not held:
        return "No held-out evaluation is available in this run."
    lab = next((r for r in held if r["system"] == "lab rules"), None)
    base = next((r for r in held if r["system"] != "lab rules"), None)
    if lab is None:
        return "No held-out evaluation of the lab's rules is available in this run."

    def ci(r: dict, k: str) -> str:
        lo, hi = r.get(f"{k}_ci", (float("nan"), float("nan")))
        return f"{r[k]:.2f} [{lo:.2f}, {hi:.2f}]"

    out = (
        f"On {_n(lab.get('articles', 0), 'held-out article', 'held-out articles')} that the rules were not tuned on, "
        f"precision is {ci(lab, 'precision')} and recall {ci(lab, 'recall')} (95 % bootstrap intervals over articles)"
    )
    if base is not None:
        out += f", against F1 {base['f1']:.2f} for the naive baseline ({md_escape(base['system'])})"
    return out + "."
