"""``python -m arabic_news report ...``: build the HTML reports and the index.

Examples::

    python -m arabic_news report build                      # lab-level reports + every seeds/*.txt
    python -m arabic_news report build seeds/x.txt --show-code
    python -m arabic_news report index                      # rewrite reports/index.html only
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

__all__ = ["register"]


def _skip_iri_grammar() -> None:
    """Leave out jsonschema's optional IRI format checker in the build process.

    nbformat (papermill, nbconvert) imports jsonschema, whose ``_format`` module
    imports the optional ``rfc3987_syntax`` if it is installed (JupyterLab pulls it
    in); that package compiles a grammar at import, 2.6 s of every build's start.
    jsonschema skips the checker when the import fails (``suppress(ImportError)``),
    and notebook validation never checks the IRI format.  Kernels are other
    processes and keep it.
    """
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "import fails"


def _build(args: argparse.Namespace) -> int:
    from .build import build_reports

    _skip_iri_grammar()

    results = build_reports(
        args.articles or None,
        out_root=args.out,
        seed=args.seed,
        quick=args.quick,
        show_code=args.show_code,
        force=args.force,
        timeout=args.timeout,
        jobs=args.jobs,
        notebooks=[Path(n) for n in args.notebook] if args.notebook else None,
        lab_notebooks=[Path(n) for n in args.lab_notebook] if args.lab_notebook else None,
        warm=False if args.no_warm else None,
        figures="" if args.no_figures else None,
    )
    if args.json:
        for r in results:
            print(json.dumps(r.to_json(), ensure_ascii=False))
    failed = [r for r in results if not r.ok]
    return 1 if (failed and args.strict) else 0


def _index(args: argparse.Namespace) -> int:
    from .build import write_index

    print(write_index(args.out))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` command group to the lab's CLI."""
    p = subparsers.add_parser("report", help="build the notebook reports (HTML) and their index")
    sub = p.add_subparsers(dest="report_command", metavar="ACTION")
    sub.required = True

    b = sub.add_parser(
        "build",
        help="execute every notebook for each article and write reports/<slug>/*.html and reports/index.html",
        description="A failing article or notebook is listed as failed in the index; the exit code stays 0 "
        "unless --strict is given.",
    )
    b.add_argument("articles", nargs="*", help="article files (default: every seeds/*.txt)")
    b.add_argument("--out", default="reports", help="reports folder, relative to the project root (default: reports)")
    b.add_argument("--seed", type=int, default=0, help="SEED passed to every notebook (default: 0)")
    b.add_argument("--quick", action="store_true", help="run the notebooks with QUICK=True (subsampled, fast)")
    b.add_argument("--show-code", action="store_true", help="show the code cells in the HTML (hidden by default)")
    b.add_argument(
        "--force", action="store_true", help="rebuild reports (lab-level and articles) whose inputs did not change"
    )
    b.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="notebooks executed at once (default: $ARABIC_NEWS_JOBS or 2)",
    )
    b.add_argument("--timeout", type=int, default=900, help="per-cell timeout in seconds (default: 900)")
    b.add_argument(
        "--notebook",
        action="append",
        metavar="IPYNB",
        help="run only this notebook (repeatable; default: notebooks/*.ipynb)",
    )
    b.add_argument(
        "--lab-notebook",
        action="append",
        metavar="IPYNB",
        help="run this lab-level notebook (repeatable; default: notebooks/lab/*.ipynb unless --notebook is given)",
    )
    b.add_argument(
        "--no-figures",
        action="store_true",
        help="never write figures/ (default: the featured article and the lab-level reports write them in full runs)",
    )
    b.add_argument("--no-warm", action="store_true", help="skip the warm-up steps (arabic_news.report.warmup)")
    b.add_argument("--strict", action="store_true", help="exit 1 if any article failed")
    b.add_argument("--json", action="store_true", help="print one JSON line per article after the build")
    b.set_defaults(func=_build)

    i = sub.add_parser("index", help="rewrite reports/index.html from the reports already built")
    i.add_argument("--out", default="reports", help="reports folder (default: reports)")
    i.set_defaults(func=_index)
