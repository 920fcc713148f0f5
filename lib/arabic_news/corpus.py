"""Corpus loaders: SANAD, any folder-per-label layout, and SaudiNewsNet.

All loaders return a :class:`Corpus`: a list of :class:`Document` plus the list
of what was skipped and why (non-text files, undecodable or empty files).  An
empty or missing corpus raises a clear error.  Long loads show a progress bar.

Layouts
-------
SANAD (this lab's subset in ``$ARABIC_NEWS_DATA/corpora/sanad_khaleej``)
    ``<root>/<Class>/<NNNN>.txt``.  The full public SANAD download, with its
    ``Khaleej/``, ``Arabiya/`` and ``Akhbarona/`` sub-folders (each holding
    class folders, possibly below ``Train/``/``Test/``), loads too: the outlet
    is then the sub-folder's name.
Folder per label
    ``<root>/<label>/*.txt``, any labels.
SaudiNewsNet
    ``<root>/*.zip``, each one JSON array of ``{source, url, date_extracted,
    title, author, content}``; unlabelled, used as background text and, via URL
    sections, as weak labels (:mod:`arabic_news.topics`).
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .paths import DataNotFoundError, data_path

__all__ = [
    "Document",
    "Corpus",
    "CorpusError",
    "progress",
    "load_sanad",
    "load_labelled_folder",
    "load_saudinewsnet",
    "SANAD_OUTLETS",
]

#: sub-folders of the full SANAD download, and the outlet names used for them
SANAD_OUTLETS = {
    "khaleej": "alkhaleej",
    "alkhaleej": "alkhaleej",
    "arabiya": "alarabiya",
    "alarabiya": "alarabiya",
    "akhbarona": "akhbarona",
}
_SPLIT_DIRS = {"train", "test", "dev", "valid", "validation"}


class CorpusError(InputError):
    """A corpus folder that is empty or not in a known layout."""


def progress(iterable: Iterable, *, desc: str, total: int | None = None, disable: bool | None = None):
    """A text progress bar on stderr (never a notebook widget, which would need a CDN).

    Disabled when ``ARABIC_NEWS_PROGRESS=0``.
    """
    from tqdm.std import tqdm

    if disable is None:
        disable = os.environ.get("ARABIC_NEWS_PROGRESS", "1") == "0"
    return tqdm(
        iterable, desc=desc, total=total, disable=disable, file=sys.stderr, mininterval=1.0, leave=False, ascii=True
    )


@dataclass(frozen=True)
class Document:
    """One corpus article.

    ``id`` is unique within its corpus (``"Finance/0006"`` for SANAD,
    ``"saudinewsnet/2015-07-21/17"`` for SaudiNewsNet).
    """

    id: str
    text: str
    label: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass
class Corpus:
    """A list of documents with what was skipped while loading."""

    name: str
    documents: list[Document]
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, i):
        return self.documents[i]

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.documents]

    @property
    def labels(self) -> list[str | None]:
        return [d.label for d in self.documents]

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    def label_counts(self) -> Counter:
        return Counter(d.label for d in self.documents)

    def subset(self, indices: Iterable[int], *, name: str | None = None) -> Corpus:
        return Corpus(name or self.name, [self.documents[i] for i in indices], list(self.skipped))

    def sample(self, n_per_label: int, *, seed: int) -> Corpus:
        """A stratified random subsample of at most ``n_per_label`` documents per label."""
        import numpy as np

        rng = np.random.default_rng(seed)
        by_label: dict[str | None, list[int]] = {}
        for i, d in enumerate(self.documents):
            by_label.setdefault(d.label, []).append(i)
        keep: list[int] = []
        for lab in sorted(by_label, key=str):
            idx = by_label[lab]
            take = rng.choice(len(idx), size=min(n_per_label, len(idx)), replace=False)
            keep.extend(idx[j] for j in sorted(take))
        return self.subset(sorted(keep), name=f"{self.name} (sample {n_per_label}/label)")

    def report_skipped(self) -> str:
        """One line per skipped path, or a note that nothing was skipped."""
        if not self.skipped:
            return f"{self.name}: {len(self)} documents, nothing skipped"
        lines = [f"{self.name}: {len(self)} documents, {len(self.skipped)} skipped:"]
        lines += [f"  {p}: {why}" for p, why in self.skipped]
        return "\n".join(lines)


def _default(root: str | os.PathLike | None, *parts: str) -> Path:
    if root is None:
        return data_path(*parts)
    p = Path(root)
    if not p.exists():
        raise DataNotFoundError(f"corpus folder not found: {p}")
    if not p.is_dir():
        raise CorpusError(f"corpus path is not a folder: {p}")
    return p


def _read_txt(f: Path, skipped: list) -> str | None:
    try:
        raw = f.read_bytes()
    except OSError as e:
        skipped.append((str(f), f"unreadable: {e.strerror}"))
        return None
    if b"\x00" in raw:
        skipped.append((str(f), "binary (NUL bytes)"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        skipped.append((str(f), "not valid UTF-8"))
        return None
    text = text.replace("\r\n", "\n").strip()
    if not text:
        skipped.append((str(f), "empty"))
        return None
    return text


def _label_dirs(root: Path, skipped: list) -> list[Path]:
    dirs = []
    for p in sorted(root.iterdir()):
        if p.name.startswith("."):
            continue
        if p.is_dir():
            dirs.append(p)
        else:
            skipped.append((str(p), "not a folder (labels are folders)"))
    return dirs


def _load_label_folder(
    label_dir: Path, label: str, outlet: str | None, id_prefix: str, docs: list, skipped: list, bar
) -> None:
    for f in sorted(label_dir.iterdir()):
        if f.is_dir():
            skipped.append((str(f), "sub-folder inside a label folder"))
            continue
        if f.suffix.lower() != ".txt":
            skipped.append((str(f), "not a .txt file"))
            continue
        bar.update(1)
        text = _read_txt(f, skipped)
        if text is not None:
            docs.append(Document(id=f"{id_prefix}{label}/{f.stem}", text=text, label=label, outlet=outlet))


def load_labelled_folder(
    root: str | os.PathLike, *, outlet: str | None = None, name: str | None = None, show_progress: bool = True
) -> Corpus:
    """Load ``<root>/<label>/*.txt`` (any label names).

    >>> load_labelled_folder("/no/such/folder")
    Traceback (most recent call last):
    ...
    arabic_news.paths.DataNotFoundError: corpus folder not found: /no/such/folder
    """
    root = _default(root)
    skipped: list[tuple[str, str]] = []
    docs: list[Document] = []
    dirs = _label_dirs(root, skipped)
    total = sum(1 for d in dirs for f in d.iterdir() if f.suffix.lower() == ".txt")
    with progress(
        range(total), desc=f"loading {root.name}", total=total, disable=None if show_progress else True
    ) as bar:
        for d in dirs:
            _load_label_folder(d, d.name, outlet, "", docs, skipped, bar)
    corpus = Corpus(name or root.name, docs, skipped)
    if not docs:
        raise CorpusError(
            f"no articles found in {root}: expected <label>/<name>.txt files"
            + (f" ({len(skipped)} entries skipped, e.g. {skipped[0][0]}: {skipped[0][1]})" if skipped else "")
        )
    return corpus


def _sanad_parts(root: Path) -> list[tuple[str | None, Path]]:
    """Find (outlet, folder-with-class-folders) pairs in a SANAD tree."""
    subs = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    outlets = [p for p in subs if p.name.lower() in SANAD_OUTLETS]
    if not outlets:
        return [(None, root)]
    parts: list[tuple[str | None, Path]] = []
    for o in sorted(outlets):
        name = SANAD_OUTLETS[o.name.lower()]
        inner = [p for p in o.iterdir() if p.is_dir() and p.name.lower() in _SPLIT_DIRS]
        if inner:
            parts.extend((name, p) for p in sorted(inner))
        else:
            parts.append((name, o))
    return parts


def load_sanad(
    root: str | os.PathLike | None = None, *, outlet: str = "alkhaleej", show_progress: bool = True
) -> Corpus:
    """Load SANAD: ``<root>/<Class>/<NNNN>.txt``, or the full download with outlet sub-folders.

    Parameters
    ----------
    root : path, optional
        Defaults to ``$ARABIC_NEWS_DATA/corpora/sanad_khaleej``.
    outlet : str
        Outlet name recorded on documents when the folder is a single outlet.

    Documents get ids ``<Class>/<NNNN>`` (prefixed by the outlet and split for
    the full download) and ``outlet`` set.
    """
    root = _default(root, "corpora", "sanad_khaleej")
    skipped: list[tuple[str, str]] = []
    docs: list[Document] = []
    parts = _sanad_parts(root)
    plan = []
    for out, folder in parts:
        for d in _label_dirs(folder, skipped):
            plan.append((out or outlet, folder, d))
    total = sum(1 for _, _, d in plan for f in d.iterdir() if f.suffix.lower() == ".txt")
    with progress(range(total), desc="loading SANAD", total=total, disable=None if show_progress else True) as bar:
        for out, folder, d in plan:
            prefix = "" if folder == root else f"{folder.relative_to(root).as_posix()}/"
            _load_label_folder(d, d.name, out, prefix, docs, skipped, bar)
    if not docs:
        raise CorpusError(
            f"no SANAD articles found in {root}: expected <Class>/<NNNN>.txt "
            "(or Khaleej/, Arabiya/, Akhbarona/ sub-folders holding class folders)"
        )
    return Corpus("SANAD" if len(parts) > 1 else f"SANAD-{outlet}", docs, skipped)


def load_saudinewsnet(
    root: str | os.PathLike | None = None,
    *,
    sources: Iterable[str] | None = None,
    min_words: int = 1,
    show_progress: bool = True,
) -> Corpus:
    """Load SaudiNewsNet from its zips (no unzipping to disk).

    Parameters
    ----------
    root : path, optional
        Folder with the ``YYYY-MM-DD.zip`` files; defaults to
        ``$ARABIC_NEWS_DATA/corpora/saudinewsnet/dataset``.
    sources : iterable of str, optional
        Keep only these outlets (``"alwatan"``, ``"aleqtisadiya"`` ...).
    min_words : int
        Articles whose content has fewer whitespace-separated words are
        skipped (354 have empty content).

    Documents have ``label=None``, ``title``, ``outlet`` (the ``source``
    field), ``url`` and ``date``.
    """
    root = _default(root, "corpora", "saudinewsnet", "dataset")
    keep = set(sources) if sources is not None else None
    skipped: list[tuple[str, str]] = []
    docs: list[Document] = []
    zips = []
    for p in sorted(root.iterdir()):
        if p.suffix.lower() == ".zip" and p.is_file():
            zips.append(p)
        elif not p.name.startswith("."):
            skipped.append((str(p), "not a .zip file"))
    n_empty = 0
    for z in progress(zips, desc="loading SaudiNewsNet", disable=None if show_progress else True):
        try:
            with zipfile.ZipFile(z) as zf:
                for inner in zf.namelist():
                    if not inner.endswith(".json"):
                        skipped.append((f"{z.name}:{inner}", "not a .json member"))
                        continue
                    items = json.loads(zf.read(inner).decode("utf-8"))
                    if not isinstance(items, list):
                        skipped.append((f"{z.name}:{inner}", "not a JSON array"))
                        continue
                    for i, it in enumerate(items):
                        src = it.get("source")
                        if keep is not None and src not in keep:
                            continue
                        content = (it.get("content") or "").strip()
                        if len(content.split()) < min_words:
                            n_empty += 1
                            continue
                        docs.append(
                            Document(
                                id=f"saudinewsnet/{z.stem}/{i}",
                                text=content,
                                label=None,
                                title=(it.get("title") or "").strip() or None,
                                outlet=src,
                                url=it.get("url"),
                                date=it.get("date_extracted"),
                            )
                        )
        except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as e:
            skipped.append((str(z), f"unreadable archive: {type(e).__name__}"))
    if n_empty:
        skipped.append((str(root), f"{n_empty} articles with fewer than {min_words} content words"))
    if not docs:
        raise CorpusError(
            f"no SaudiNewsNet articles found in {root}" + (f" for sources {sorted(keep)}" if keep else "")
        )
    return Corpus("SaudiNewsNet", docs, skipped)
