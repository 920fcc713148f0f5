"""``python -m arabic_news``: the lab's command line.

The conventions every command shares (many files per process, ``--json``
lines, one-line error records, exit codes) live in :mod:`arabic_news.clikit`.

Each command group lives in its own module exposing ``register(subparsers)``;
:data:`COMMANDS` lists them.  When the command line names a group, only that
group's parser is built (registering ``topics`` imports scikit-learn, which
cost every ``report build`` about 4 s of start-up); ``--help`` and a missing or
unknown group build them all.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .clikit import EXPECTED_ERRORS, emit_error, format_table, one_line, run_files

__all__ = ["main", "run_files", "emit_error", "format_table", "one_line", "COMMANDS", "EXPECTED_ERRORS"]

#: command group -> module with ``register(subparsers)``
COMMANDS = {
    "topics": "arabic_news.topics.cli",
    "keywords": "arabic_news.keywords.cli",
    "rhetoric": "arabic_news.rhetoric.cli",
    "persuasion": "arabic_news.persuasion.cli",
    "report": "arabic_news.report.cli",
    "study": "arabic_news.study.cli",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command group, or only of ``only`` (a key of :data:`COMMANDS`).

    >>> sorted(build_parser("report")._subparsers._group_actions[0].choices)
    ['report']
    """
    parser = argparse.ArgumentParser(
        prog="python -m arabic_news",
        description="Arabic news research lab: topics, keywords, rhetoric and reports.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"arabic_news {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, modname in COMMANDS.items():
        if only is not None and name != only:
            continue
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
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(words)
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
