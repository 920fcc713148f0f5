"""``python -m arabic_news study run SOURCE --out DIR``: a corpus study on Dask.

SOURCE is ``saudinewsnet`` (the lab's copy in the data folder), a folder of ``.txt`` files (SANAD layout included), a folder of
SaudiNewsNet zips, a ``.jsonl`` file or a ``.parquet`` file with a ``text``
column (see :mod:`arabic_news.study.sources`).  By default a local Dask cluster
with one single-threaded worker process per core is started and stopped;
``--scheduler tcp://host:8786`` (or ``$DASK_SCHEDULER_ADDRESS``) uses an existing
cluster and ``--scheduler inline`` a plain in-process loop.  A bad source or bad
option gives a one-line error and exit code 2; unreadable articles become rows of
the ``errors`` table and the run goes on (exit code 0).
"""

from __future__ import annotations

import argparse

from ..clikit import EXPECTED_ERRORS, emit_error, one_line

__all__ = ["register"]


def _positive(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {s!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {n}")
    return n


def register(subparsers) -> None:
    """Add the ``study`` command group."""
    p = subparsers.add_parser("study", help="corpus studies: every analysis over a corpus, on Dask, into Parquet")
    sub = p.add_subparsers(dest="study_command", metavar="SUBCOMMAND")
    sub.required = True
    r = sub.add_parser("run", help="analyse every article of SOURCE into Parquet tables under --out")
    r.add_argument("source", help="'saudinewsnet', a folder of .txt, a folder of SaudiNewsNet zips, .jsonl or .parquet")
    r.add_argument("--out", required=True, help="output folder (tables, _state/, run.json)")
    r.add_argument("--scheduler", default=None, help="Dask scheduler address, or 'inline' (default: local cluster)")
    r.add_argument("--workers", type=_positive, default=None, help="local worker processes (default: one per core)")
    r.add_argument("--partition-size", type=_positive, default=200, help="articles per partition (default 200)")
    r.add_argument("--limit", type=_positive, default=None, help="only the first N articles after de-duplication")
    r.add_argument("--seed", type=int, default=0, help="seed of every model (default 0)")
    r.add_argument("--quick", action="store_true", help="quick models (tests and previews)")
    r.add_argument("--no-dedup", action="store_true", help="keep exact and near-duplicate articles")
    r.add_argument(
        "--skip",
        default="",
        metavar="STAGE[,STAGE]",
        help="analyses not to run (topic, keyphrases, attribution, markers, persuasion); default: none, all run",
    )
    r.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from .runner import run_study

    try:
        source = args.source
        if source == "saudinewsnet":  # the lab's copy, wherever ARABIC_NEWS_DATA points
            from ..paths import data_path

            source = data_path("corpora", "saudinewsnet", "dataset")
        res = run_study(
            source,
            args.out,
            scheduler=args.scheduler,
            n_workers=args.workers,
            partition_size=args.partition_size,
            limit=args.limit,
            seed=args.seed,
            quick=args.quick,
            dedup=not args.no_dedup,
            skip=[x for x in args.skip.split(",") if x.strip()],
        )
    except EXPECTED_ERRORS as e:
        emit_error(one_line(e))
        return 2
    except KeyboardInterrupt:
        emit_error(f"interrupted: finished partitions are kept in {args.out}; run the same command again to resume")
        return 130
    print(res.summary())
    return 0
