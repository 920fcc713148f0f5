"""``python -m arabic_news``: the lab's command line.

Conventions shared by every command
-----------------------------------
* Many input files in one process.
* ``--json``: JSON Lines on stdout, one object per input file, in input order.
  Without it, a readable table.
* A file that cannot be processed yields ``{"file": ..., "error": "..."}``
  (one line, no traceback) and the other files still run.
* Exit code 0 if every file succeeded, 1 if any failed, 2 for bad usage.

Each command group lives in its own module exposing ``register(subparsers)``;
:data:`COMMANDS` lists them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any, Callable, Iterable, Sequence

__all__ = ["main", "run_files", "emit_error", "COMMANDS", "EXPECTED_ERRORS"]

#: command group -> module with ``register(subparsers)``
COMMANDS = {
    "topics": "arabic_news.topics.cli",
    "keywords": "arabic_news.keywords.cli",
    "rhetoric": "arabic_news.rhetoric.cli",
    "persuasion": "arabic_news.persuasion.cli",
    "report": "arabic_news.report.cli",
}


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
            rec = {key: item, "error": one_line(e) if isinstance(e, EXPECTED_ERRORS) else f"{type(e).__name__}: {one_line(e)}"}
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
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m arabic_news",
        description="Arabic news research lab: topics, keywords, rhetoric and reports.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"arabic_news {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, modname in COMMANDS.items():
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name and modname.startswith(e.name):  # group not installed in this build
                continue
            raise
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        emit_error("interrupted")
        return 130
    except EXPECTED_ERRORS as e:
        emit_error(one_line(e))
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
