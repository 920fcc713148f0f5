"""``python -m arabic_news keywords FILE... [--method M] [--top N] [--json]``.

Per file, one JSON line ``{"file", "method", "keywords": [{"text", "score", "lemma"}]}``
(or ``{"file", "error"}``); without ``--json`` a readable table.  The headline
rule is :func:`~arabic_news.read_article`'s: the first line is the headline
when the file has more than one non-empty line.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..clikit import add_input_options
from . import METHODS, OPTIONAL_METHODS

__all__ = ["register", "run"]


def _positive(s: str) -> int:
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top must be a positive integer, got {s!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"--top must be a positive integer, got {s!r}")
    return v


def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``keywords`` command to the lab's CLI."""
    p = subparsers.add_parser(
        "keywords",
        help="extract keyphrases from article files",
        description="Extract the top keyphrases of each Arabic article file.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8)")
    p.add_argument(
        "--method",
        choices=METHODS + OPTIONAL_METHODS,
        default="default",
        help="extraction method (default: %(default)s)",
    )
    p.add_argument("--top", type=_positive, default=10, help="number of keyphrases (default: %(default)s)")
    p.add_argument("--include-dates", action="store_true", help="allow date expressions as keyphrases")
    add_input_options(p)
    p.add_argument("--json", action="store_true", help="JSON Lines output, one object per file")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Handler of the ``keywords`` command; returns the exit code."""
    from ..article import read_article
    from ..clikit import format_table, run_files
    from . import extract

    def process(path: str) -> dict[str, Any]:
        art = read_article(path, encoding=args.encoding)
        kws = extract(art, method=args.method, top=args.top, include_dates=args.include_dates)
        return {
            "file": path,
            "method": args.method,
            "keywords": [{"text": k.text, "score": round(k.score, 6), "lemma": k.lemma} for k in kws],
        }

    def table(rows: list[dict[str, Any]]) -> str:
        out = []
        for r in rows:
            if "error" in r:
                out.append([r["file"], "-", "", f"error: {r['error']}"])
                continue
            for i, k in enumerate(r["keywords"], 1):
                out.append([r["file"] if i == 1 else "", i, f"{k['score']:.3f}", k["text"]])
        return format_table(out, ["file", "rank", "score", "keyphrase"])

    return run_files(args.files, process, as_json=args.json, table=table)
