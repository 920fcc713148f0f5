"""The one reader of the package's data files (word lists, lexicons, maps, tables).

A leaf module: it imports nothing from the package, so every layer (the
normaliser's character maps included) can read its data through it.

Format: UTF-8 text, one row per line, columns separated by tabs, blank lines
skipped, ``#`` starts a comment.  Tables whose cells may contain ``#`` (regular
expressions, URLs) are read with ``inline_comments=False``: then only lines that
*start* with ``#`` are comments.

>>> load_table("light_stem_prefixes", folder="lexicons")[0]
('وال',)
>>> load_table("no_such_list", folder="lexicons")
Traceback (most recent call last):
...
ValueError: unknown lexicons data file 'no_such_list' (no file data/lexicons/no_such_list.txt)
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["load_table", "load_wordlist", "data_text"]


def data_text(folder: str, filename: str) -> str:
    """The raw text of ``data/<folder>/<filename>`` (``ValueError`` naming the file if it is missing)."""
    path = resources.files("arabic_news").joinpath("data", folder, filename)
    if not path.is_file():
        stem, dot, suffix = filename.rpartition(".")
        what = stem if dot else filename
        raise ValueError(f"unknown {folder} data file {what!r} (no file data/{folder}/{filename})")
    return path.read_text("utf-8")


@cache
def load_table(
    name: str,
    *,
    folder: str = "lexicons",
    suffix: str = ".txt",
    inline_comments: bool = True,
    strip: bool = True,
) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<folder>/<name><suffix>`` as tuples of tab-separated cells.

    Parameters
    ----------
    name, folder, suffix : str
        Which file.
    inline_comments : bool, default True
        ``#`` anywhere starts a comment; when False only a leading ``#`` does.
    strip : bool, default True
        Strip white space around each cell (else only the line end is stripped).
    """
    rows = []
    for line in data_text(folder, f"{name}{suffix}").splitlines():
        if inline_comments:
            line = line.split("#", 1)[0]
        elif line.lstrip().startswith("#"):
            continue
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        cells = line.split("\t")
        rows.append(tuple(c.strip() for c in cells) if strip else tuple(cells))
    return tuple(rows)


def load_wordlist(name: str, *, folder: str = "lexicons") -> tuple[str, ...]:
    """First column of ``data/<folder>/<name>.txt`` (one entry per line, ``#`` comments).

    Entries are returned as written (NFC, no other normalisation).
    """
    return tuple(r[0] for r in load_table(name, folder=folder))
