"""The hand-annotated attribution gold set: SaudiNewsNet articles, stand-off annotation.

The annotation lives in ``arabic_news/data/gold/attribution/`` (format in its
``README.md`` and ``schema.json``): one JSON file per article with the article id
as :func:`arabic_news.corpus.load_saudinewsnet` gives it, the SHA-256 of the
article text and character offsets into that text.  No corpus text is stored; it
is read from the user's SaudiNewsNet copy, where the **article text** is exactly
``f"{doc.title}\\n{doc.text}"`` (the stripped title, a newline, the stripped
content).

Public API: :func:`load_gold` (articles with text, verified), :func:`read_annotations`
(the raw records, checked without the corpus), :func:`read_split`,
:func:`current_round`, :func:`article_text`, :func:`gold_counts`, and the record types :class:`GoldArticle`,
:class:`GoldStatement`, :class:`GoldChain`.  Spans are ``(start, end)`` tuples,
end exclusive.

size: about 540 lines because the schema and offset rules (``validate_record``) are the
format's specification and sit beside the record types and the loader that rely on them;
splitting them would spread one file format over two modules.

>>> from arabic_news.rhetoric.gold import SOURCE_TYPES, article_text
>>> SOURCE_TYPES[-1]
'impersonal'
>>> from arabic_news.corpus import Document
>>> article_text(Document(id="x", text="قال الوزير إن ...", title="الوزير: ..."))
'الوزير: ...\\nقال الوزير إن ...'
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from importlib import resources
from pathlib import Path
from typing import Any

from .record import SOURCE_TYPES as RECORD_SOURCE_TYPES

__all__ = [
    "GoldError",
    "GoldChain",
    "GoldStatement",
    "GoldArticle",
    "SOURCE_TYPES",
    "PHENOMENA",
    "SPLITS",
    "article_text",
    "ROUNDS",
    "current_round",
    "read_split",
    "read_annotations",
    "validate_record",
    "load_gold",
    "gold_counts",
    "sentence_starts",
]

Span = tuple[int, int]

#: Source types: the attribution module's (``impersonal`` is an agentless cue).
SOURCE_TYPES = RECORD_SOURCE_TYPES
#: Coverage categories recorded per statement (README, "Phenomena").
PHENOMENA = (
    "headline_quote",
    "according_to",
    "passive_impersonal",
    "nominal_source",
    "long_apposition",
    "direct_guillemets",
    "direct_double_quotes",
    "quote_spans_sentences",
    "multiple_cues_sentence",
    "nested",
)
SPLITS = ("tuning", "held_out")

_ID = re.compile(r"^saudinewsnet/(\d{4}-\d{2}-\d{2})/(\d+)$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
_ARTICLE_KEYS = {"id", "outlet", "sha256", "length", "chains", "statements"}
_STATEMENT_KEYS = {
    "id",
    "cue",
    "speaker",
    "chain",
    "content",
    "source_type",
    "direct",
    "parent",
    "phenomena",
}


class GoldError(ValueError):
    """The gold annotation or the corpus it points to is not what it should be."""


@dataclass(frozen=True)
class GoldChain:
    """A speaker coreference chain: every annotated mention of one source."""

    id: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class GoldStatement:
    """One reported statement (one cue); spans are offsets into the article text."""

    id: str
    cue: Span
    speaker: Span | None
    chain: str | None
    content: Span
    source_type: str
    direct: bool
    parent: str | None
    phenomena: tuple[str, ...]


@dataclass(frozen=True)
class GoldArticle:
    """An annotated article with its text (``title + "\\n" + content``) and statements."""

    id: str
    outlet: str
    split: str
    sha256: str
    text: str
    statements: tuple[GoldStatement, ...]
    chains: tuple[GoldChain, ...]

    def span_text(self, span: Span | None) -> str | None:
        """The text of a span (``None`` for ``None``)."""
        return None if span is None else self.text[span[0] : span[1]]

    def chain_mentions(self, statement: GoldStatement) -> tuple[Span, ...]:
        """All mentions of the statement's speaker chain (empty for impersonal cues)."""
        for c in self.chains:
            if c.id == statement.chain:
                return c.mentions
        return ()


def article_text(doc: Any) -> str:
    """The annotated text of a SaudiNewsNet document: ``f"{doc.title}\\n{doc.text}"``.

    Raises ``GoldError`` for a document without a title (the set has none).

    >>> from arabic_news.corpus import Document
    >>> article_text(Document(id="x", text="نص"))
    Traceback (most recent call last):
    ...
    arabic_news.rhetoric.gold.GoldError: x: the document has no title; gold texts are title + newline + content
    """
    if not doc.title:
        raise GoldError(f"{doc.id}: the document has no title; gold texts are title + newline + content")
    return f"{doc.title}\n{doc.text}"


_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)|\n")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences that ``multiple_cues_sentence`` is defined on.

    A sentence ends after ``.``, ``!``, ``?`` or ``؟`` followed by whitespace (or
    the end), and at every newline; quotation marks do not protect a full stop.

    >>> sentence_starts("قال: نعم. وأضاف: لا")
    [0, 9]
    """
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _folder() -> Any:
    return resources.files("arabic_news").joinpath("data", "gold", "attribution")


#: Evaluation rounds recorded in ``split.json`` (README, "The split").
ROUNDS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)


def _split_file() -> dict:
    raw = json.loads(_folder().joinpath("split.json").read_text("utf-8"))
    if not isinstance(raw, dict):
        raise GoldError("split.json: must be a JSON object")
    return raw


def _round_1(raw: dict) -> dict[str, str]:
    """Round 1: ``articles`` (fixed before annotation) plus ``additions`` (all held out)."""
    split = raw.get("articles")
    if not isinstance(split, dict) or not split:
        raise GoldError("split.json: 'articles' must map article ids to a split")
    bad = {k: v for k, v in split.items() if v not in SPLITS}
    if bad:
        raise GoldError(f"split.json: unknown split for {sorted(bad)[:3]} (use one of {SPLITS})")
    added = raw.get("additions", {})
    if not isinstance(added, dict) or set(added.values()) - {"held_out"}:
        raise GoldError("split.json: 'additions' must map later article ids to 'held_out'")
    if set(added) & set(split):
        raise GoldError(f"split.json: {sorted(set(added) & set(split))[:3]} are both original and added")
    return {**split, **added}


def current_round() -> int:
    """The evaluation round ``split.json`` is in (``current_round``; 1 when absent)."""
    r = _split_file().get("current_round", 1)
    if r not in ROUNDS:
        raise GoldError(f"split.json: current_round {r!r} is not one of {ROUNDS}")
    return r


@cache
def read_split(round: int | None = None) -> dict[str, str]:
    """Article id -> ``"tuning"`` or ``"held_out"`` in one evaluation round (default: the current one).

    Round 1: ``articles`` is the split fixed before annotation (d86a34e); ``additions`` lists
    articles added later, all held out (the original split is never reshuffled).
    Round 2: every round-1 article is ``tuning``, and ``round_2_held_out`` (batch 5, annotated
    before any rule ran on it) is ``held_out``.  Round 3 likewise: every round-2 article is
    ``tuning`` and ``round_3_held_out`` (batch 6) is ``held_out``, and so on in round 4
    (``round_4_held_out``, batch 7), round 5 (``round_5_held_out``, batch 8), round 6
    (``round_6_held_out``, batch 9), round 7 (``round_7_held_out``, batch 10), round 8
    (``round_8_held_out``, batch 11), round 9 (``round_9_held_out``, batch 12), round 10
    (``round_10_held_out``, batch 13), round 11 (``round_11_held_out``, batch 14), round 12
    (``round_12_held_out``, batch 15), round 13 (``round_13_held_out``, batch 16) and round 14
    (``round_14_held_out``, batch 17).

    >>> all(sorted(set(read_split(r).values())) == ['held_out', 'tuning'] for r in ROUNDS)
    True
    """
    raw = _split_file()
    now = current_round()
    r = now if round is None else round
    if r not in ROUNDS or r > now:
        raise GoldError(f"split.json: round {r!r} is not one of the recorded rounds {ROUNDS[:now]}")
    first = _round_1(raw)
    if r == 1:
        return first
    split = first
    for k in range(2, r + 1):
        held = raw.get(f"round_{k}_held_out")
        if not isinstance(held, dict) or not held or set(held.values()) != {"held_out"}:
            raise GoldError(f"split.json: 'round_{k}_held_out' must map the round-{k} article ids to 'held_out'")
        reused = set(held) & set(split)
        if reused:
            raise GoldError(
                f"split.json: round-{k} held-out {sorted(reused)[:3]} were already used in an earlier round"
            )
        split = {**dict.fromkeys(split, "tuning"), **held}
    return split


def _all_split_ids() -> set[str]:
    """Every article id named by any round (each annotation file must be one of them)."""
    return set().union(*(read_split(r) for r in ROUNDS[: current_round()]))


def _span(value: Any, where: str, length: int) -> Span:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    )
    if not ok:
        raise GoldError(f"{where}: a span must be [start, end] integers, got {value!r}")
    start, end = value
    if not 0 <= start < end <= length:
        raise GoldError(f"{where}: span {value} is not inside the text (length {length})")
    return (start, end)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def validate_record(rec: Any, *, name: str = "<record>") -> None:
    """Check one article record against the schema and the offset rules (no corpus needed).

    Rules beyond the types: spans lie inside ``length``; ids are unique; a speaker
    span is a mention of its chain; ``impersonal`` statements have neither speaker
    nor chain and every other statement has a chain; the statements of one chain share
    one source type; a statement's cue overlaps no
    other cue nor its own speaker; a child's cue lies inside its parent's content
    and the child is marked ``nested``; parents form no cycle; mentions of different
    chains do not overlap.
    """
    if not isinstance(rec, dict) or set(rec) != _ARTICLE_KEYS:
        got = sorted(rec) if isinstance(rec, dict) else type(rec).__name__
        raise GoldError(f"{name}: an article needs exactly the keys {sorted(_ARTICLE_KEYS)}, got {got}")
    aid = rec["id"]
    if not isinstance(aid, str) or not _ID.match(aid):
        raise GoldError(f"{name}: id {aid!r} is not a SaudiNewsNet id like 'saudinewsnet/2015-07-21/17'")
    where = aid
    if not isinstance(rec["outlet"], str) or not rec["outlet"]:
        raise GoldError(f"{where}: outlet must be a non-empty string")
    if not isinstance(rec["sha256"], str) or not _HEX.match(rec["sha256"]):
        raise GoldError(f"{where}: sha256 must be 64 lower-case hex digits")
    length = rec["length"]
    if not isinstance(length, int) or isinstance(length, bool) or length <= 0:
        raise GoldError(f"{where}: length must be a positive integer")
    chains: dict[str, list[Span]] = {}
    if not isinstance(rec["chains"], list):
        raise GoldError(f"{where}: chains must be a list")
    for c in rec["chains"]:
        if not isinstance(c, dict) or set(c) != {"id", "mentions"} or not isinstance(c["id"], str):
            raise GoldError(f"{where}: a chain needs exactly 'id' (string) and 'mentions'")
        if c["id"] in chains:
            raise GoldError(f"{where}: chain id {c['id']!r} is repeated")
        if not isinstance(c["mentions"], list):
            raise GoldError(f"{where}: chain {c['id']}: mentions must be a list")
        chains[c["id"]] = [_span(m, f"{where} chain {c['id']}", length) for m in c["mentions"]]
    all_mentions = [(cid, m) for cid, ms in chains.items() for m in ms]
    for i, (ca, a) in enumerate(all_mentions):
        for cb, b in all_mentions[i + 1 :]:
            if ca != cb and _overlap(a, b):
                raise GoldError(f"{where}: mentions {list(a)} ({ca}) and {list(b)} ({cb}) overlap")
    sts = rec["statements"]
    if not isinstance(sts, list) or not sts:
        raise GoldError(f"{where}: statements must be a non-empty list")
    by_id: dict[str, dict] = {}
    for s in sts:
        if not isinstance(s, dict) or set(s) != _STATEMENT_KEYS:
            got = sorted(s) if isinstance(s, dict) else type(s).__name__
            raise GoldError(f"{where}: a statement needs exactly the keys {sorted(_STATEMENT_KEYS)}, got {got}")
        sid = s["id"]
        if not isinstance(sid, str) or sid in by_id:
            raise GoldError(f"{where}: statement id {sid!r} is missing or repeated")
        by_id[sid] = s
        w = f"{where} {sid}"
        if s["cue"] is None:
            raise GoldError(f"{w}: cue is null; every statement in this set has a cue span (README)")
        cue = _span(s["cue"], f"{w} cue", length)
        _span(s["content"], f"{w} content", length)
        speaker = None if s["speaker"] is None else _span(s["speaker"], f"{w} speaker", length)
        if s["source_type"] not in SOURCE_TYPES:
            raise GoldError(f"{w}: source_type {s['source_type']!r} is not one of {SOURCE_TYPES}")
        if not isinstance(s["direct"], bool):
            raise GoldError(f"{w}: direct must be true or false")
        ph = s["phenomena"]
        if not isinstance(ph, list) or len(set(ph)) != len(ph) or not set(ph) <= set(PHENOMENA):
            raise GoldError(f"{w}: phenomena must be distinct names from {PHENOMENA}, got {ph!r}")
        if s["source_type"] == "impersonal":
            if speaker is not None or s["chain"] is not None:
                raise GoldError(f"{w}: an impersonal statement has no speaker and no chain")
        elif s["chain"] not in chains:
            raise GoldError(f"{w}: chain {s['chain']!r} is not one of the article's chains")
        if speaker is not None:
            if list(speaker) not in [list(m) for m in chains[s["chain"]]]:
                raise GoldError(f"{w}: the speaker span {list(speaker)} is not a mention of chain {s['chain']}")
            if _overlap(cue, speaker):
                raise GoldError(f"{w}: the cue overlaps the speaker")
    chain_type: dict[str, str] = {}
    for sid, s in by_id.items():
        if s["chain"] is not None and chain_type.setdefault(s["chain"], s["source_type"]) != s["source_type"]:
            raise GoldError(f"{where} {sid}: chain {s['chain']} mixes source types (a type belongs to the source)")
    cues = [(sid, tuple(s["cue"])) for sid, s in by_id.items()]
    for i, (ia, a) in enumerate(cues):
        for ib, b in cues[i + 1 :]:
            if _overlap(a, b):
                raise GoldError(f"{where}: the cues of {ia} and {ib} overlap")
    for sid, s in by_id.items():
        parent = s["parent"]
        if parent is None:
            continue
        if parent not in by_id or parent == sid:
            raise GoldError(f"{where} {sid}: parent {parent!r} is not another statement of the article")
        if not _inside(tuple(s["cue"]), tuple(by_id[parent]["content"])):
            raise GoldError(f"{where} {sid}: its cue is not inside the content of its parent {parent}")
        if "nested" not in s["phenomena"]:
            raise GoldError(f"{where} {sid}: a statement with a parent must list the phenomenon 'nested'")
        seen = {sid}
        while parent is not None:
            if parent in seen:
                raise GoldError(f"{where} {sid}: parents form a cycle")
            seen.add(parent)
            parent = by_id[parent]["parent"]


def _file_name(aid: str) -> str:
    return aid.removeprefix("saudinewsnet/").replace("/", "_") + ".json"


def read_annotations(split: str | None = None, *, round: int | None = None) -> list[dict]:
    """The validated raw records (dicts as in the JSON files), each with its ``split`` added.

    Needs no corpus.  ``split`` is ``"tuning"``, ``"held_out"`` or ``None`` (all) in evaluation
    ``round`` (default: the current one; round 1 leaves out the articles added in round 2).
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} or None, got {split!r}")
    splits = read_split(round)
    known = _all_split_ids()
    folder = _folder().joinpath("articles")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    records = []
    for fname in names:
        try:
            rec = json.loads(folder.joinpath(fname).read_text("utf-8"))
        except json.JSONDecodeError as e:
            raise GoldError(f"articles/{fname}: not valid JSON ({e.msg}, line {e.lineno})") from None
        validate_record(rec, name=f"articles/{fname}")
        if _file_name(rec["id"]) != fname:
            raise GoldError(f"articles/{fname}: holds {rec['id']}, expected file {_file_name(rec['id'])}")
        if rec["id"] not in known:
            raise GoldError(f"{rec['id']}: not in split.json (every article needs a split)")
        if rec["id"] in splits:
            records.append({**rec, "split": splits[rec["id"]]})
    missing = set(splits) - {r["id"] for r in records}
    if missing:
        raise GoldError(f"split.json lists articles without annotation: {sorted(missing)[:3]}")
    return [r for r in records if split is None or r["split"] == split]


@cache
def _corpus_texts(root: str, ids: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """id -> (outlet, article text) for the given ids, reading only the zips of their dates."""
    from arabic_news.corpus import load_saudinewsnet

    dates = sorted({_ID.match(i).group(1) for i in ids})
    src = Path(root)
    missing = [d for d in dates if not (src / f"{d}.zip").is_file()]
    if missing:
        raise GoldError(f"SaudiNewsNet zips {missing[:3]} not found in {src} (needed by the gold set)")
    with tempfile.TemporaryDirectory(prefix="gold-snn-") as tmp:
        try:
            for d in dates:
                (Path(tmp) / f"{d}.zip").symlink_to((src / f"{d}.zip").resolve())
            folder = tmp
        except OSError:  # no symlinks on this file system: read every zip
            folder = str(src)
        corpus = load_saudinewsnet(folder, show_progress=False)
        wanted = set(ids)
        found = {d.id: (d.outlet or "", article_text(d)) for d in corpus.documents if d.id in wanted}
    return found


def load_gold(
    split: str | None = None, *, root: str | Path | None = None, round: int | None = None
) -> list[GoldArticle]:
    """Load the gold set with its article texts, verified against SaudiNewsNet.

    Parameters
    ----------
    split : {"tuning", "held_out"} or None
        One half of the fixed split, or every article.
    root : path, optional
        The folder of SaudiNewsNet zips; defaults to
        ``$ARABIC_NEWS_DATA/corpora/saudinewsnet/dataset``.
    round : int, optional
        The evaluation round whose split to use (default: the current one, see
        :func:`read_split`).

    Returns
    -------
    list of GoldArticle
        In id order.  Raises ``GoldError`` naming the article when its text is
        missing or its SHA-256, length or outlet differ from the annotation.
    """
    from arabic_news.paths import data_path

    records = read_annotations(split, round=round)
    folder = Path(root) if root is not None else data_path("corpora", "saudinewsnet", "dataset")
    texts = _corpus_texts(str(folder), tuple(sorted(r["id"] for r in records)))
    out = []
    for r in records:
        if r["id"] not in texts:
            raise GoldError(f"{r['id']}: article not found in SaudiNewsNet at {folder}")
        outlet, text = texts[r["id"]]
        digest = sha256(text.encode("utf-8")).hexdigest()
        if digest != r["sha256"] or len(text) != r["length"]:
            raise GoldError(
                f"{r['id']}: the article text differs from the annotated one "
                f"(SHA-256 {digest[:12]}… vs {r['sha256'][:12]}…, length {len(text)} vs {r['length']}); "
                f"use the SaudiNewsNet release the set was annotated on"
            )
        if outlet != r["outlet"]:
            raise GoldError(f"{r['id']}: outlet {outlet!r} differs from the annotated {r['outlet']!r}")
        out.append(_article(r, text))
    return out


def _article(r: dict, text: str) -> GoldArticle:
    def sp(v: list | None) -> Span | None:
        return None if v is None else (v[0], v[1])

    statements = tuple(
        GoldStatement(
            id=s["id"],
            cue=(s["cue"][0], s["cue"][1]),
            speaker=sp(s["speaker"]),
            chain=s["chain"],
            content=(s["content"][0], s["content"][1]),
            source_type=s["source_type"],
            direct=s["direct"],
            parent=s["parent"],
            phenomena=tuple(s["phenomena"]),
        )
        for s in r["statements"]
    )
    chains = tuple(GoldChain(c["id"], tuple((m[0], m[1]) for m in c["mentions"])) for c in r["chains"])
    return GoldArticle(r["id"], r["outlet"], r["split"], r["sha256"], text, statements, chains)


def gold_counts(records: Iterable[dict | GoldArticle]) -> dict[str, Any]:
    """Articles, outlets, statements and per-category counts of records or articles.

    >>> gold_counts([])["statements"]
    0
    """
    n_art, outlets, n_st = 0, Counter(), 0
    phen, types, splits = Counter(), Counter(), Counter()
    for r in records:
        sts = r.statements if isinstance(r, GoldArticle) else r["statements"]
        outlet = r.outlet if isinstance(r, GoldArticle) else r["outlet"]
        split = r.split if isinstance(r, GoldArticle) else r.get("split")
        n_art += 1
        outlets[outlet] += 1
        splits[split] += 1
        for s in sts:
            n_st += 1
            phen.update(s.phenomena if isinstance(s, GoldStatement) else s["phenomena"])
            types[s.source_type if isinstance(s, GoldStatement) else s["source_type"]] += 1
    return {
        "articles": n_art,
        "outlets": dict(outlets),
        "statements": n_st,
        "phenomena": dict(phen),
        "source_types": dict(types),
        "splits": dict(splits),
    }
