"""Corpus sources for the study runner, streamed one article at a time.

A *source* is one of

* a folder of ``.txt`` files, at any depth (the SANAD layout ``<Class>/<NNNN>.txt``
  included: the parent folder's name becomes the ``label``);
* a folder of SaudiNewsNet zips (``YYYY-MM-DD.zip``, each one JSON array);
* a JSON Lines file, one ``{"id", "text", "title"?, "outlet"?, "date"?}`` per line;
* a Parquet file with a ``text`` column (and optionally ``id``, ``title``, ``outlet``,
  ``date``), read batch by batch.

Sources are streamed: a zip, a JSON line or a Parquet batch is read when it is
needed and nothing else of the corpus is held in memory.  ``.txt`` files are
decoded with :func:`arabic_news.article.decode_auto` (UTF-8, UTF-16 with a BOM
or Arabic CP-1256); a file that cannot be read becomes an :class:`Item` with an
``error`` and the run goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text('{"id": "x1", "text": "خبر"}\\n', "utf-8")
>>> [(i.id, i.text) for i in iter_source(d / "a.jsonl")]
[('x1', 'خبر')]
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import decode_auto
from ..errors import ArticleError, InputError

__all__ = ["Item", "iter_source", "source_kind", "SourceError"]


class SourceError(InputError):
    """The source cannot be read at all (missing, unknown kind, malformed container)."""


@dataclass(frozen=True)
class Item:
    """One input article: its text (headline on the first line when there is one) or an error."""

    id: str
    text: str | None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    label: str | None = None
    error: str | None = None

    @property
    def digest(self) -> str:
        """Fingerprint of the item's content (what a resumed run compares)."""
        h = hashlib.blake2b(digest_size=12)
        for part in (self.id, self.text or "", self.title or "", self.outlet or "", self.date or "", self.error or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def article_text(self) -> str | None:
        """What is analysed: ``title + "\\n" + text`` when there is a separate title, else ``text``."""
        if self.text is None:
            return None
        return f"{self.title}\n{self.text}" if self.title else self.text


def source_kind(source: str | os.PathLike[str]) -> str:
    """``"saudinewsnet"``, ``"folder"``, ``"jsonl"`` or ``"parquet"`` (``SourceError`` otherwise)."""
    p = Path(source)
    if not p.exists():
        raise SourceError(f"study source not found: {p}")
    if p.is_dir():
        if any(c.suffix.lower() == ".zip" for c in p.iterdir()):
            return "saudinewsnet"
        return "folder"
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise SourceError(
        f"unknown study source {p.name!r}: expected a folder of .txt files, a folder of SaudiNewsNet zips, "
        "a .jsonl file or a .parquet file"
    )


def iter_source(source: str | os.PathLike[str]) -> Iterator[Item]:
    """Yield the :class:`Item` s of ``source`` in a fixed order (see the module docstring)."""
    kind = source_kind(source)
    p = Path(source)
    if kind == "saudinewsnet":
        yield from _saudinewsnet(p)
    elif kind == "folder":
        yield from _folder(p)
    elif kind == "jsonl":
        yield from _jsonl(p)
    else:
        yield from _parquet(p)


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _saudinewsnet(root: Path) -> Iterator[Item]:
    for z in sorted(root.glob("*.zip")):
        try:
            with zipfile.ZipFile(z) as zf:
                members = [m for m in zf.namelist() if m.endswith(".json")]
                for m in members:
                    items = json.loads(zf.read(m).decode("utf-8"))
                    if not isinstance(items, list):
                        raise ValueError("not a JSON array")
                    for i, it in enumerate(items):
                        # the id matches arabic_news.corpus.load_saudinewsnet's
                        iid = f"saudinewsnet/{z.stem}/{i}"
                        content = _str(it.get("content"))
                        meta = {
                            "title": _str(it.get("title")),
                            "outlet": _str(it.get("source")),
                            "date": _str(it.get("date_extracted")),
                        }
                        if content is None:
                            yield Item(iid, None, error="empty content", **meta)
                        else:
                            yield Item(iid, content, **meta)
        except (zipfile.BadZipFile, ValueError, UnicodeDecodeError) as e:
            yield Item(f"saudinewsnet/{z.stem}", None, error=f"unreadable archive {z.name}: {type(e).__name__}")


def _folder(root: Path) -> Iterator[Item]:
    files = sorted(f for f in root.rglob("*.txt") if f.is_file())
    if not files:
        raise SourceError(f"no .txt files in {root}")
    for f in files:
        rel = f.relative_to(root).with_suffix("").as_posix()
        label = f.parent.name if f.parent != root else None
        try:
            text, _enc = decode_auto(f.read_bytes(), name=f.name)
        except (ArticleError, OSError) as e:
            yield Item(rel, None, label=label, error=" ".join(str(e).split()))
            continue
        text = text.replace("\r\n", "\n").strip()
        if not text:
            yield Item(rel, None, label=label, error=f"{f.name} is empty")
        else:
            yield Item(rel, text, label=label)


def _record(rec: dict, n: int, where: str) -> Item:
    iid = _str(rec.get("id")) or f"{where}:{n}"
    text = rec.get("text")
    meta = {k: _str(rec.get(k)) for k in ("title", "outlet", "date", "label")}
    if not isinstance(text, str) or not text.strip():
        return Item(iid, None, error="no text", **meta)
    return Item(iid, text.strip(), **meta)


def _jsonl(path: Path) -> Iterator[Item]:
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                yield Item(f"{path.name}:{n}", None, error=f"line {n} is not a JSON object ({type(e).__name__})")
                continue
            if not isinstance(rec, dict):
                yield Item(f"{path.name}:{n}", None, error=f"line {n} is not a JSON object")
                continue
            yield _record(rec, n, path.name)


def _parquet(path: Path) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 -- pyarrow raises several types for a bad file
        raise SourceError(f"{path.name} is not a readable Parquet file ({type(e).__name__})") from None
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        raise SourceError(f"{path.name} has no 'text' column (columns: {', '.join(sorted(names))})")
    cols = [c for c in ("id", "text", "title", "outlet", "date", "label") if c in names]
    n = 0
    for batch in pf.iter_batches(batch_size=1000, columns=cols):
        for rec in batch.to_pylist():
            n += 1
            yield _record(rec, n, path.name)
