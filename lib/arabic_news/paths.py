"""Where things are: the project root, the data folder (one setting), the cache.

The data folder is set by the environment variable ``ARABIC_NEWS_DATA``; its
default is ``../shared`` relative to the project root.  A relative value is
taken relative to the project root.  Everything that reads a corpus goes
through :func:`data_path`, so a missing folder always gives the same clear
error saying what to set.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_ENV",
    "DataNotFoundError",
    "project_root",
    "resolve",
    "data_root",
    "data_path",
    "cache_dir",
]

DATA_ENV = "ARABIC_NEWS_DATA"
CACHE_ENV = "ARABIC_NEWS_CACHE"
ROOT_ENV = "ARABIC_NEWS_ROOT"
DEFAULT_DATA = "../shared"


class DataNotFoundError(FileNotFoundError):
    """A corpus or data folder the lab needs is missing."""


def _is_root(p: Path) -> bool:
    return (p / "pyproject.toml").is_file() and (p / "lib" / "arabic_news").is_dir()


def project_root() -> Path:
    """The project's root folder (where ``pyproject.toml`` and ``seeds/`` are).

    Found from ``ARABIC_NEWS_ROOT`` if set, else from the package's own location
    (editable install), else by walking up from the current directory.
    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for p in here.parents:
        if _is_root(p):
            return p
    cwd = Path.cwd().resolve()
    for p in (cwd, *cwd.parents):
        if _is_root(p):
            return p
    return cwd


def resolve(path: str | os.PathLike) -> Path:
    """Resolve a path given relative to the project root (absolute paths pass through).

    Notebook parameters use this, so they work whichever folder the kernel starts in.
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else (project_root() / p)


def data_root(*, must_exist: bool = True) -> Path:
    """The data folder: ``$ARABIC_NEWS_DATA`` or ``../shared`` from the project root."""
    raw = os.environ.get(DATA_ENV) or DEFAULT_DATA
    root = resolve(raw).resolve()
    if must_exist and not root.is_dir():
        raise DataNotFoundError(
            f"data folder not found: {root} (from {DATA_ENV}={raw!r}"
            f"{'' if os.environ.get(DATA_ENV) else ', the default'}). "
            f"Set the environment variable {DATA_ENV} to the folder that holds corpora/ "
            f"(SANAD, SaudiNewsNet) and the persuasion datasets."
        )
    return root


def data_path(*parts: str) -> Path:
    """A path inside the data folder, checked to exist.

    >>> data_path("corpora", "sanad_khaleej").name
    'sanad_khaleej'
    """
    root = data_root()
    p = root.joinpath(*parts)
    if not p.exists():
        raise DataNotFoundError(
            f"{'/'.join(parts)} not found in the data folder {root}. "
            f"Set {DATA_ENV} to a folder that contains it (see README, 'Data')."
        )
    return p


def cache_dir(*parts: str) -> Path:
    """The lab's cache folder (``$ARABIC_NEWS_CACHE`` or ``<root>/.cache``), created on demand."""
    raw = os.environ.get(CACHE_ENV)
    base = resolve(raw) if raw else project_root() / ".cache"
    p = base.joinpath(*parts)
    p.mkdir(parents=True, exist_ok=True)
    return p
