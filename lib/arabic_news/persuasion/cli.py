"""``python -m arabic_news persuasion predict FILE.jsonl... [--json]``.

Each input line is a JSON object ``{"id", "text"}``; each output line is
``{"id", "label": "true"|"false", "score"}`` (with ``--techniques``, also
``"techniques": {class: probability}``).  A malformed line or an unreadable
file yields an error record (``{"file", "line", "id"?, "error"}``) and the
other items still run; the exit code is 1 if anything failed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..clikit import EXPECTED_ERRORS, format_table, one_line

__all__ = ["register", "read_items"]


def read_items(path: str) -> list[dict[str, Any]]:
    """Parse a JSON Lines file into ``{"id", "text"}`` items or error records (blank lines skipped)."""
    out: list[dict[str, Any]] = []
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except EXPECTED_ERRORS as e:
        return [{"file": path, "error": one_line(e)}]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rec: dict[str, Any] = {"file": path, "line": n}
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            out.append({**rec, "error": f"not valid JSON ({e.msg})"})
            continue
        if not isinstance(obj, dict):
            out.append({**rec, "error": f"expected a JSON object, got {type(obj).__name__}"})
            continue
        if "id" in obj:
            rec["id"] = obj["id"]
        if not isinstance(obj.get("id"), (str, int)) or isinstance(obj.get("id"), bool):
            out.append({**rec, "error": "missing or non-string 'id'"})
        elif not isinstance(obj.get("text"), str):
            out.append({**rec, "error": "missing or non-string 'text'"})
        elif not obj["text"].strip():
            out.append({**rec, "error": "empty 'text'"})
        else:
            out.append({"id": obj["id"], "text": obj["text"]})
    return out


def _predict(args: argparse.Namespace) -> int:
    from . import predict_paragraphs, predict_techniques

    items: list[dict[str, Any]] = []
    for path in args.files:
        items.extend(read_items(path))
    ok = [it for it in items if "error" not in it]
    texts = [it["text"] for it in ok]
    preds = predict_paragraphs(texts, seed=args.seed, quick=args.quick)
    techs = predict_techniques(texts, seed=args.seed, quick=args.quick) if args.techniques else None
    results = iter(range(len(ok)))
    records = []
    for it in items:
        if "error" in it:
            records.append(it)
            continue
        i = next(results)
        rec = {"id": it["id"], **preds[i]}
        if techs is not None:
            rec["techniques"] = techs[i]
        records.append(rec)
    failed = sum("error" in r for r in records)
    if args.json:
        for r in records:
            print(json.dumps(r, ensure_ascii=False))
    else:
        rows = []
        for r in records:
            if "error" in r:
                where = f"{r['file']}:{r['line']}" if "line" in r else r["file"]
                rows.append([r.get("id", ""), "ERROR", "", f"{where}: {r['error']}"])
            else:
                top = ""
                if "techniques" in r:
                    top = ", ".join(f"{c} {p:.2f}" for c, p in r["techniques"].items() if p >= 0.5)
                rows.append([r["id"], r["label"], f"{r['score']:.3f}", top])
        print(format_table(rows, ["id", "label", "score", "techniques (p>=0.5) / error"]))
    if failed:
        print(f"{failed} of {len(records)} items failed", file=sys.stderr)
    return 1 if failed else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``persuasion`` command group."""
    p = subparsers.add_parser("persuasion", help="persuasion detection in news paragraphs")
    sub = p.add_subparsers(dest="persuasion_command", metavar="SUBCOMMAND")
    sub.required = True
    pr = sub.add_parser(
        "predict",
        help="label each {id, text} line of JSON Lines files: contains persuasion or not",
        description='Each input line is {"id", "text"}; prints {"id", "label": "true"|"false", "score"} per line.',
    )
    pr.add_argument("files", nargs="+", metavar="FILE.jsonl")
    pr.add_argument("--json", action="store_true", help="JSON Lines output (default: a table)")
    pr.add_argument("--techniques", action="store_true", help="also give the coarse technique probabilities")
    pr.add_argument("--quick", action="store_true", help="use the quick model (trained on a subsample)")
    pr.add_argument("--seed", type=int, default=0, help="seed of the default model (default 0)")
    pr.set_defaults(func=_predict)
