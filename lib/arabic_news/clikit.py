"""Command-line conventions shared by every ``python -m arabic_news`` command.

A leaf module: it imports nothing from the capabilities, which import it.

* Many input files in one process.
* ``--json``: JSON Lines on stdout, one object per input file, in input order.
  Without it, a readable table.
* A file that cannot be processed yields ``{"file": ..., "error": "..."}``
  (one line, no traceback) and the other files still run.
* Exit code 0 if every file succeeded, 1 if any failed, 2 for bad usage.

>>> format_table([("a", 1)], ["name", "n"]).splitlines()[0]
'name  n'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["run_files", "one_line", "emit_error", "error_record", "format_table", "EXPECTED_ERRORS"]


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
