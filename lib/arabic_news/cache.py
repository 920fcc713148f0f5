"""A small on-disk cache for expensive steps, keyed on code, data and parameters.

Vectorising a corpus, building document frequencies and training the default
models run once; the notebooks, the CLI and the tests then share the result.
A cache entry's key hashes

* the source of the package modules the step depends on (``code_fingerprint``),
* the data it reads (``data_fingerprint``: the folder's ``MANIFEST.sha256`` when
  there is one, else file names, sizes and modification times),
* the step's parameters (seed, options),

so editing the code or the data invalidates it.  Entries live under
``<project>/.cache/`` (git-ignored; ``$ARABIC_NEWS_CACHE`` moves it) and are
written atomically.

>>> k = fingerprint("tfidf", {"min_df": 2}, seed=0)
>>> len(k), k == fingerprint("tfidf", {"min_df": 2}, seed=0)
(16, True)
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .paths import cache_dir

__all__ = ["fingerprint", "code_fingerprint", "data_fingerprint", "cached", "atomic_write"]


def fingerprint(*parts: Any, **named: Any) -> str:
    """A short stable hash of JSON-serialisable parts (paths become strings)."""
    blob = json.dumps([parts, named], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def code_fingerprint(*modules: str) -> str:
    """Hash of the source files of the named modules/packages (default: the whole package).

    A package name covers every ``.py`` file and data file below it.
    """
    names = modules or ("arabic_news",)
    h = hashlib.sha256()
    for name in sorted(names):
        mod = importlib.import_module(name)
        f = Path(mod.__file__)
        files = sorted(f.parent.rglob("*")) if f.name == "__init__.py" else [f]
        for p in files:
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc",):
                h.update(p.name.encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


#: files up to this size are fingerprinted by their content; larger ones by size and modification time
CONTENT_HASH_LIMIT = 8 * 1024 * 1024


def _file_token(f: Path, name: str) -> bytes:
    st = f.stat()
    if st.st_size <= CONTENT_HASH_LIMIT:
        return f"{name}|{hashlib.sha256(f.read_bytes()).hexdigest()}".encode()
    return f"{name}|{st.st_size}|{int(st.st_mtime)}".encode()


def data_fingerprint(path: str | os.PathLike) -> str:
    """Hash identifying a data file or folder without reading large files.

    Uses the folder's ``MANIFEST.sha256`` when present (the shared data ships
    one); otherwise each file's relative name and content (files up to
    :data:`CONTENT_HASH_LIMIT`; larger ones by size and modification time), so
    that a fresh clone or a checkout, which resets modification times, keeps the
    cache entries of unchanged data.
    """
    p = Path(path)
    h = hashlib.sha256()
    if p.is_file():
        h.update(_file_token(p, p.name))
        return h.hexdigest()[:16]
    manifest = p / "MANIFEST.sha256"
    if manifest.is_file():
        h.update(manifest.read_bytes())
        return h.hexdigest()[:16]
    for f in sorted(p.rglob("*")):
        if f.is_file():
            h.update(_file_token(f, str(f.relative_to(p))))
    return h.hexdigest()[:16]


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _save_json(obj: Any, p: Path) -> None:
    p.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")


def _load_json(p: Path) -> Any:
    return json.loads(p.read_text("utf-8"))


def entry_path(name: str, key: str, suffix: str = ".json") -> Path:
    """Where :func:`cached` keeps the entry ``(name, key)`` (it exists once the entry is built)."""
    return cache_dir(name) / f"{key}{suffix}"


def cached(
    name: str,
    key: str,
    build: Callable[[], Any],
    *,
    save: Callable[[Any, Path], None] = _save_json,
    load: Callable[[Path], Any] = _load_json,
    suffix: str = ".json",
) -> Any:
    """Return the cached value of ``build()`` for ``(name, key)``, building it if needed.

    Parameters
    ----------
    name : str
        A folder name for the kind of entry (``"sanad-tfidf"``).
    key : str
        Usually ``fingerprint(code_fingerprint(...), data_fingerprint(...), params)``.
    build : callable
        Computes the value when it is not cached.
    save, load : callable
        Serialise to / from a path (JSON by default).  Use a safe format
        (JSON, ``numpy.savez`` without pickles, ``scipy.sparse.save_npz``, skops)
        -- never raw pickle.
    suffix : str
        File suffix of the entry.
    """
    path = entry_path(name, key, suffix)
    value = _try_load(path, load)
    if value is not _MISSING:
        return value
    # Two processes (notebooks run in parallel) wanting the same entry: the second waits
    # for the first instead of building it again.
    with _entry_lock(path):
        value = _try_load(path, load)
        if value is not _MISSING:
            return value
        value = build()
        atomic_write(path, lambda tmp: save(value, tmp))
    return value


_MISSING = object()


def _try_load(path: Path, load: Callable[[Path], Any]) -> Any:
    if not path.exists():
        return _MISSING
    try:
        return load(path)
    except Exception:  # noqa: BLE001 -- a corrupt entry is rebuilt, not trusted
        path.unlink(missing_ok=True)
        return _MISSING


@contextmanager
def _entry_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``<entry>.lock`` (POSIX ``flock``; no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
