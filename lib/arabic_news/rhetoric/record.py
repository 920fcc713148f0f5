"""The attribution record: one reported statement, its source types, strength classes and speaker rules.

>>> r = Attribution("قال", 0, 3, "الوزير", 4, 10, "S1", "office_title", "", -1, -1)
>>> r.rule, r.confidence
('explicit', 1.0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Attribution", "SOURCE_TYPES", "STRENGTHS", "RULES", "JSON_FIELDS"]

SOURCE_TYPES = (
    "named_person",
    "office_title",
    "institution_document",
    "news_agency",
    "anonymous_collective",
    "impersonal",  # a passive report with no speaker (أُعلن، أفيد)
)
STRENGTHS = ("assertive", "neutral", "evaluative", "distancing", "directive")
#: how a record's speaker was found, with the confidence the reports show (fallbacks are lower)
RULES = {
    "explicit": 1.0,  # a speaker phrase next to the cue
    "preposition": 1.0,  # بحسب / وفقًا لـ + source
    "relay": 1.0,  # نقلت وكالة X عن Y
    "relative": 0.9,  # الوزير الذي أكد
    "headline": 0.9,  # a headline "X: …"
    "impersonal": 1.0,  # أُعلن، أفيد: no speaker by design
    "sentence_subject": 0.8,  # a participle after the sentence's opening verb (وشكك معهد ... قائلا)
    "same_sentence": 0.9,  # a participle after an earlier cue of the same sentence
    "action_subject": 0.8,  # التقى X ...، وأكد
    "plural_group": 0.7,  # قياديون ...، وقالوا
    "nominal": 0.8,  # a verbal noun with its content (تصريح الوزير بـ...، وجهت النيابة اتهامات بـ...)
    "honorific": 0.8,  # وأكد سموه: the person the honorific stands for
    "antecedent": 0.6,  # the most recent speaker of the right gender (fallback)
}
#: fields of the JSON record (CLI, reports), in order
JSON_FIELDS = (
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_id",
    "source_type",
    "content",
    "content_start",
    "content_end",
)


@dataclass
class Attribution:
    """One reported statement.

    Attributes
    ----------
    cue, cue_start, cue_end : str, int, int
        The cue token as written (with its و/ف prefix) and its offsets.
    speaker, speaker_start, speaker_end : str, int, int
        The speaker mention; for an implicit speaker, the resolved antecedent.
    speaker_id : str
        ``S1``, ``S2``, ... shared by the mentions of one speaker in the article.
    source_type : str
        One of :data:`SOURCE_TYPES`.
    content, content_start, content_end : str, int, int
        What was said (``أن``-clause, quotation, or the clause a prepositional source governs).
    strength : str
        One of :data:`STRENGTHS`.
    lemma : str
        The cue's dictionary form (قال، أكد، بحسب ...).
    cue_kind : str
        ``verb``, ``participle``, ``preposition``, ``relay`` or ``relay_source``.
    implicit : bool
        True when the speaker was resolved from an antecedent.
    entity : str
        The speaker's fullest name in the article (same for one ``speaker_id``).
    rule : str
        How the speaker was found (a key of :data:`RULES`).
    """

    cue: str
    cue_start: int
    cue_end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    speaker_id: str
    source_type: str
    content: str
    content_start: int
    content_end: int
    strength: str = "neutral"
    lemma: str = ""
    cue_kind: str = "verb"
    implicit: bool = False
    entity: str = ""
    rule: str = "explicit"

    @property
    def confidence(self) -> float:
        """Confidence of the speaker rule (1.0 for an explicit speaker, lower for fallbacks)."""
        return RULES.get(self.rule, 1.0)

    def to_dict(self, *, full: bool = False) -> dict:
        """The JSON record (the documented fields, plus ``strength`` and ``implicit``; all with ``full``)."""
        d = asdict(self)
        if full:
            d["confidence"] = self.confidence
            return d
        out = {k: d[k] for k in JSON_FIELDS}
        out["strength"] = self.strength
        out["implicit"] = self.implicit
        return out
