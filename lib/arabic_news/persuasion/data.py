"""Loaders for the shared persuasion datasets, with de-duplication across splits.

Two datasets, both read through the data setting (:func:`arabic_news.paths.data_path`):

``araieval23-task1/``
    ArAIEval 2023 task 1 (Hasanain et al. 2023): tweets **and** news
    paragraphs, each with ``"type": "tweet"|"paragraph"``.  Task 1A gives a
    binary ``"label": "true"|"false"`` (contains persuasion), task 1B the
    techniques (``"labels"``, ``["no_technique"]`` for none).  The 1A and 1B
    files hold the same items in the same order; :func:`load_araieval` merges
    them into one :class:`Item` per line.
``armpro/``
    ArMPro (Hasanain, Ahmad & Alam 2024): news paragraphs only, dev part,
    ``V2/ArMPro_coarse_dev_V2.nohold.jsonl`` (6 coarse classes, ``[]`` for none)
    and ``V2/ArMPro_binary_dev_V2.nohold.jsonl``.  The fine-to-coarse map is
    read from ``armpro/fine-grained_to_coarse-grained_mapping.txt``.

De-duplication (:func:`load_persuasion`): texts are compared by
:func:`dedup_key` (the ``retrieval`` normalisation profile with whitespace
collapsed).  Duplicates inside the training file keep their first copy, and a
held-out item whose key occurs in the training file is dropped from the
held-out set (the training copy stays), so no paragraph is ever both trained on
and evaluated on.

>>> dedup_key("  قَالَ   الوزيرُ  إنّ ") == dedup_key("قال الوزير ان")
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..normalise import normalise
from ..paths import data_path

__all__ = [
    "ARAIEVAL_DIR",
    "ARMPRO_DIR",
    "COARSE_CLASSES",
    "Item",
    "PersuasionData",
    "dedup_key",
    "coarse_map",
    "to_coarse",
    "load_araieval",
    "load_armpro",
    "load_persuasion",
    "label_mapping",
    "PersuasionPool",
    "load_pool",
]

ARAIEVAL_DIR = "araieval23-task1"
ARMPRO_DIR = "armpro"
#: The six ArMPro coarse classes, in a fixed order (the columns of the technique model).
COARSE_CLASSES = ("Manipulative_Wording", "Reputation", "Justification", "Simplification", "Call", "Distraction")
NO_TECHNIQUE = "no_technique"


@dataclass(frozen=True)
class Item:
    """One labelled text.

    Attributes
    ----------
    id : str
        The dataset's id (``paragraph_id`` for ArMPro).
    text : str
    type : str
        ``"tweet"`` or ``"paragraph"``.
    label : str or None
        Binary label ``"true"``/``"false"`` (contains persuasion), if known.
    techniques : tuple of str
        Coarse technique classes (empty = none), if known.
    source : str
        ``"araieval23-train"``, ``"araieval23-dev"``, ``"armpro-dev"``.
    """

    id: str
    text: str
    type: str
    label: str | None
    techniques: tuple[str, ...]
    source: str

    @property
    def article(self) -> str:
        """The source article: the page id for news paragraphs, the item itself for tweets.

        >>> Item("MIS_1062-eurl_04_008", "نص", "paragraph", "false", (), "armpro-dev").article
        'MIS_1062-eurl_04'
        """
        m = _PARAGRAPH_ID.match(self.id)
        return m.group("article") if m else f"{self.type}:{self.id}"

    @property
    def story(self) -> str:
        """The story (claim) the article was collected for: several outlets' articles share one.

        >>> Item("MIS_1062-eurl_04_008", "نص", "paragraph", "false", (), "armpro-dev").story
        'MIS_1062'
        """
        m = _PARAGRAPH_ID.match(self.id)
        return m.group("story") if m else f"{self.type}:{self.id}"


#: News paragraph ids (ArAIEval 2023 and ArMPro share the scheme): ``<story>-<c|e>url_<nn>_<paragraph>``,
#: e.g. ``MIS_1062-eurl_04_008``; ArMPro's ``page_id`` (one per page URL) is the id without ``_<paragraph>``.
_PARAGRAPH_ID = re.compile(r"^(?P<article>(?P<story>[A-Z]+_\d+)-[a-z]+_\d+)_\d+$")


def dedup_key(text: str) -> str:
    """The key under which two texts count as duplicates (retrieval-normalised, spaces collapsed).

    >>> dedup_key("أكّد  المسؤولُ") == dedup_key("اكد المسوول")
    True
    """
    return " ".join(normalise(text, profile="retrieval").split())


def _label_rows() -> tuple[tuple[str, ...], ...]:
    from ..datafiles import load_table

    return load_table("labels", folder="persuasion", suffix=".tsv")


def label_mapping() -> list[dict[str, str]]:
    """The label mapping of ``data/persuasion/labels.tsv``: one dict per row.

    Keys ``dataset``, ``field``, ``raw``, ``target`` (``binary``/``technique``)
    and ``value`` (``"-"`` = no technique class).

    >>> {r["value"] for r in label_mapping() if r["raw"] == "Loaded_Language"}
    {'Manipulative_Wording'}
    """
    keys = ("dataset", "field", "raw", "target", "value")
    out = []
    for n, row in enumerate(_label_rows(), 1):
        if len(row) != len(keys):
            raise ValueError(f"data/persuasion/labels.tsv row {n}: expected {len(keys)} tab-separated cells")
        out.append(dict(zip(keys, row)))
    return out


def coarse_map() -> dict[str, str]:
    """Fine technique -> coarse class (``no_technique`` maps to itself), from ``data/persuasion/labels.tsv``."""
    out = {}
    for r in label_mapping():
        if r["dataset"] == "araieval23" and r["target"] == "technique":
            out[r["raw"]] = NO_TECHNIQUE if r["value"] == "-" else r["value"]
    return out


def to_coarse(fine: Iterable[str]) -> tuple[str, ...]:
    """Map fine technique labels to the sorted tuple of their coarse classes (``no_technique`` -> ``()``).

    >>> to_coarse(["Loaded_Language", "Doubt"])
    ('Manipulative_Wording', 'Reputation')
    """
    m = coarse_map()
    out = set()
    for f in fine:
        if f == NO_TECHNIQUE:
            continue
        if f not in m:
            raise InputError(f"unknown persuasion technique {f!r} (not in data/persuasion/labels.tsv)")
        out.add(m[f])
    return tuple(c for c in COARSE_CLASSES if c in out)


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{n}: expected a JSON object")
            rows.append(obj)
    return rows


def load_araieval(split: str = "train") -> list[Item]:
    """Load ArAIEval 2023 task 1 (``split`` = ``"train"`` or ``"dev"``), 1A and 1B merged.

    Returns items with the binary label (1A) and the coarse technique classes
    (1B techniques mapped with :func:`to_coarse`), tweets and paragraphs alike.
    """
    if split not in ("train", "dev"):
        raise ValueError(f"unknown split {split!r}; choose 'train' or 'dev'")
    a = _read_jsonl(data_path(ARAIEVAL_DIR, f"task1A_{split}.nohold.jsonl"))
    b = _read_jsonl(data_path(ARAIEVAL_DIR, f"task1B_{split}.nohold.jsonl"))
    techniques = {str(r["id"]): to_coarse(r.get("labels") or []) for r in b}
    items = []
    for r in a:
        try:
            rid, text, label, typ = str(r["id"]), r["text"], r["label"], r["type"]
        except KeyError as e:
            raise InputError(f"task1A_{split}: item {r.get('id')!r} lacks field {e.args[0]!r}") from None
        if label not in ("true", "false"):
            raise InputError(f"task1A_{split}: item {rid!r} has label {label!r}, expected 'true'/'false'")
        if rid not in techniques:
            raise InputError(f"task1A_{split}: item {rid!r} has no task 1B line")
        items.append(Item(rid, text, typ, label, techniques[rid], f"araieval23-{split}"))
    return items


def load_armpro(version: str = "V2") -> list[Item]:
    """Load the ArMPro dev paragraphs with the binary label and coarse classes (V2 files)."""
    if version != "V2":
        raise ValueError(f"unknown ArMPro version {version!r}; only 'V2' has coarse/binary files")
    coarse = _read_jsonl(data_path(ARMPRO_DIR, "V2", "ArMPro_coarse_dev_V2.nohold.jsonl"))
    binary = {
        r["paragraph_id"]: r["label"]
        for r in _read_jsonl(data_path(ARMPRO_DIR, "V2", "ArMPro_binary_dev_V2.nohold.jsonl"))
    }
    items = []
    for r in coarse:
        pid = r["paragraph_id"]
        unknown = set(r["labels"]) - set(COARSE_CLASSES)
        if unknown:
            raise InputError(f"ArMPro coarse: paragraph {pid!r} has unknown classes {sorted(unknown)}")
        labs = tuple(c for c in COARSE_CLASSES if c in r["labels"])
        items.append(Item(pid, r["paragraph"], "paragraph", binary.get(pid), labs, "armpro-dev"))
    return items


@dataclass
class PersuasionData:
    """Train and held-out sets after de-duplication, with the counts of what was dropped.

    Attributes
    ----------
    train : list of Item
        ArAIEval 2023 task 1 train (tweets + paragraphs), internal duplicates removed.
    dev : list of Item
        ArAIEval 2023 task 1 dev, minus items whose text is in ``train``.
    armpro : list of Item
        ArMPro V2 dev paragraphs, minus those whose text is in ``train``.
    counts : dict
        Sizes before/after and the number dropped at each step.
    """

    train: list[Item]
    dev: list[Item]
    armpro: list[Item]
    counts: dict[str, int] = field(default_factory=dict)


def _first_of_each(items: list[Item]) -> tuple[list[Item], set[str]]:
    """The first item of each dedup key, in order, and the set of keys seen."""
    seen: set[str] = set()
    out = []
    for it in items:
        k = dedup_key(it.text)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out, seen


def _dedup(
    train: list[Item], heldout: dict[str, list[Item]]
) -> tuple[list[Item], dict[str, list[Item]], dict[str, int]]:
    kept, seen = _first_of_each(train)
    counts = {"train_raw": len(train), "train_dup_dropped": len(train) - len(kept), "train": len(kept)}
    out = {}
    for name, items in heldout.items():
        keep = [it for it in items if dedup_key(it.text) not in seen]
        uniq, _ = _first_of_each(keep)
        counts[f"{name}_raw"] = len(items)
        counts[f"{name}_in_train_dropped"] = len(items) - len(keep)
        counts[f"{name}_dup_dropped"] = len(keep) - len(uniq)
        counts[name] = len(uniq)
        out[name] = uniq
    return kept, out, counts


def load_persuasion() -> PersuasionData:
    """Load ArAIEval 2023 task 1 train/dev and ArMPro V2 dev, de-duplicated (see module docstring)."""
    train = load_araieval("train")
    kept, held, counts = _dedup(train, {"dev": load_araieval("dev"), "armpro": load_armpro()})
    return PersuasionData(kept, held["dev"], held["armpro"], counts)


@dataclass
class PersuasionPool:
    """The training pool and the held-out ArAIEval 2023 dev news paragraphs (see ``data/persuasion/labels.tsv``).

    Attributes
    ----------
    train : list of Item
        ArAIEval 2023 train (tweets and paragraphs) then ArMPro V2 dev, de-duplicated,
        minus any text of ``dev``.
    dev : list of Item
        The ArAIEval 2023 dev news paragraphs (never trained on).
    counts : dict
        What was kept and dropped at each step.
    """

    train: list[Item]
    dev: list[Item]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Item]:
        """The news paragraphs of the pool (what the binary model is scored on)."""
        return [it for it in self.train if it.type == "paragraph"]


def pool_items(
    araieval_train: list[Item], armpro: list[Item], dev: list[Item]
) -> tuple[list[Item], list[Item], dict[str, int]]:
    """De-duplicate ArAIEval train then ArMPro into one pool, holding out every text of ``dev``.

    Returns ``(pool, dev, counts)``; ``dev`` keeps its paragraphs only (first copy of each text).
    """
    held, _ = _first_of_each([it for it in dev if it.type == "paragraph"])
    held_keys = {dedup_key(it.text) for it in held}
    first = {}
    pool, conflicts, dropped_dev = [], 0, 0
    for it in list(araieval_train) + list(armpro):
        k = dedup_key(it.text)
        if k in held_keys:
            dropped_dev += 1
            continue
        if k in first:
            conflicts += first[k].label != it.label
            continue
        first[k] = it
        pool.append(it)
    counts = {
        "araieval23_train": len(araieval_train),
        "armpro_dev": len(armpro),
        "pool_duplicates_dropped": len(araieval_train) + len(armpro) - len(pool) - dropped_dev,
        "armpro_label_conflicts": conflicts,
        "pool_dropped_as_dev_text": dropped_dev,
        "pool": len(pool),
        "pool_paragraphs": sum(it.type == "paragraph" for it in pool),
        "pool_articles": len({it.article for it in pool if it.type == "paragraph"}),
        "pool_stories": len({it.story for it in pool if it.type == "paragraph"}),
        "dev_paragraphs": len(held),
        "dev_articles_with_pool_paragraphs": len({it.article for it in held} & {it.article for it in pool}),
    }
    return pool, held, counts


def load_pool() -> PersuasionPool:
    """ArAIEval 2023 train ∪ ArMPro V2 dev (de-duplicated) and the held-out ArAIEval 2023 dev news paragraphs."""
    pool, dev, counts = pool_items(load_araieval("train"), load_armpro(), load_araieval("dev"))
    return PersuasionPool(pool, dev, counts)
