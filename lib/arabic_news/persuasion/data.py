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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
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


def dedup_key(text: str) -> str:
    """The key under which two texts count as duplicates (retrieval-normalised, spaces collapsed).

    >>> dedup_key("أكّد  المسؤولُ") == dedup_key("اكد المسوول")
    True
    """
    return " ".join(normalise(text, profile="retrieval").split())


@cache
def _coarse_map_at(path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise InputError(f"{path}:{n}: expected 'fine<TAB>coarse', got {line!r}")
        out[parts[0].strip()] = parts[1].strip()
    return out


def coarse_map() -> dict[str, str]:
    """Fine technique -> coarse class, read from ArMPro's mapping file (``no_technique`` maps to itself)."""
    return dict(_coarse_map_at(str(data_path(ARMPRO_DIR, "fine-grained_to_coarse-grained_mapping.txt"))))


def to_coarse(fine: Iterable[str]) -> tuple[str, ...]:
    """Map fine technique labels to the sorted tuple of their coarse classes (``no_technique`` -> ``()``)."""
    m = coarse_map()
    out = set()
    for f in fine:
        if f == NO_TECHNIQUE:
            continue
        if f not in m:
            raise InputError(f"unknown persuasion technique {f!r} (not in the ArMPro mapping file)")
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
