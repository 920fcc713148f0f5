"""Command-line conventions shared by every ``python -m arabic_news`` command.

A leaf module: it imports nothing from the capabilities, which import it.

* Many input files in one process.
* ``--json``: JSON Lines on stdout, one object per input file, in input order.
  Without it, a readable table.
* A file that cannot be processed yields ``{"file": ..., "error": "..."}``
  (one line, no traceback) and the other files still run.
* Exit code 0 if every file succeeded, 1 if any failed, 2 for bad usage.
* ``--encoding`` (:func:`add_input_options`) for commands that read article files, and
  :func:`read_input` to read one with it.

>>> format_table([("a", 1)], ["name", "n"]).splitlines()[0]
'name  n'
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = [
    "run_files",
    "one_line",
    "emit_error",
    "error_record",
    "format_table",
    "add_input_options",
    "read_input",
    "EXPECTED_ERRORS",
]

ENCODING_HELP = (
    "article file encoding: utf-8 (the default; a BOM is allowed), auto (UTF-8 with or without BOM, "
    "UTF-16 with a BOM, or legacy Arabic CP-1256 when at least 60%% of the decoded letters are Arabic), "
    "or any Python codec name such as cp1256 or utf-16"
)


def _expected_errors() -> tuple[type[BaseException], ...]:
    from .errors import InputError
    from .paths import DataNotFoundError

    return (InputError, ValueError, TypeError, FileNotFoundError, DataNotFoundError, OSError, UnicodeError)


EXPECTED_ERRORS = _expected_errors()


def one_line(exc: BaseException) -> str:
    """A one-line message for an exception (its type only if it has no message)."""
    msg = " ".join(str(exc).split())
    if isinstance(exc, FileNotFoundError) and not msg.startswith(("article", "data", "corpus", "model")):
        msg = f"file not found: {exc.filename or msg}"
    return msg or type(exc).__name__


def error_record(item: str, exc: BaseException, *, key: str = "file") -> dict[str, str]:
    """The one-line record that stands for a failed input: ``{key: item, "error": ...}``.

    Expected errors (bad input, missing data) give their message; anything else
    is prefixed with its type so that a bug is not mistaken for bad input.
    """
    msg = one_line(exc) if isinstance(exc, EXPECTED_ERRORS) else f"{type(exc).__name__}: {one_line(exc)}"
    return {key: item, "error": msg}


def emit_error(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)


def run_files(
    items: Sequence[str],
    process: Callable[[str], dict[str, Any]],
    *,
    as_json: bool,
    table: Callable[[list[dict[str, Any]]], str],
    key: str = "file",
) -> int:
    """Run ``process`` on each item, printing JSON Lines or a table; return the exit code.

    ``process(item)`` returns a dict (which should include ``key``); an
    exception becomes ``{key: item, "error": "..."}``.
    """
    results: list[dict[str, Any]] = []
    failed = 0
    for item in items:
        try:
            rec = process(item)
        except KeyboardInterrupt:
            raise
        except Exception as e:  # noqa: BLE001 -- every failure becomes a one-line record
            failed += 1
            rec = error_record(item, e, key=key)
        if as_json:
            print(json.dumps(rec, ensure_ascii=False), flush=True)
        else:
            results.append(rec)
    if not as_json:
        print(table(results))
    if failed:
        print(f"{failed} of {len(items)} failed", file=sys.stderr)
    return 1 if failed else 0


def format_table(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain text table (no dependencies), columns padded to their widest cell."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows if i < len(r)]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def add_input_options(parser: argparse.ArgumentParser, *, default: str = "utf-8") -> None:
    """Add the options shared by every command that reads article files (``--encoding``).

    >>> p = argparse.ArgumentParser()
    >>> add_input_options(p)
    >>> p.parse_args(["--encoding", "auto"]).encoding
    'auto'
    """
    parser.add_argument("--encoding", default=default, metavar="ENC", help=ENCODING_HELP)


def read_input(path: str, options: argparse.Namespace | str = "utf-8") -> Any:
    """Read one article file with the ``--encoding`` of ``options`` (a Namespace or an encoding name).

    >>> from arabic_news.paths import project_root
    >>> read_input(str(project_root() / "seeds" / "iraq-nato-security-cooperation.txt"), "auto").encoding
    'utf-8'
    """
    from .article import read_article

    encoding = options if isinstance(options, str) else getattr(options, "encoding", "utf-8")
    return read_article(path, encoding=encoding)
