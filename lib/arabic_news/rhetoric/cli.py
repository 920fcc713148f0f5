"""``python -m arabic_news rhetoric FILE... [--json]``: attributions, stance markers and densities per article.

JSON Lines (``--json``), one object per file::

    {"file", "attributions": [{"cue", "cue_start", "cue_end", "speaker", "speaker_start", "speaker_end",
      "speaker_id", "source_type", "content", "content_start", "content_end", "strength", "implicit",
      "rule", "confidence"}],
     "markers": [{"kind", "text", "start", "end"}],
     "densities": {"booster", "hedge", "emphasis", "evaluative", "words"}}

``rule`` says how the speaker was found and ``confidence`` is below 1 where that rule was a
fallback (an implicit speaker taken from context).  Offsets index the article text as read by :func:`arabic_news.read_article` (headline included).
A file that cannot be read gives ``{"file", "error"}`` and the exit code is 1.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register", "analyse_file"]


def analyse_file(path: str, *, encoding: str = "utf-8") -> dict[str, Any]:
    """The CLI record of one article file."""
    from ..article import read_article
    from .attribution import attributions
    from .markers import find_markers, marker_densities

    art = read_article(path, encoding=encoding)
    markers = find_markers(art.text)
    return {
        "file": path,
        "attributions": [{**r.to_dict(), "rule": r.rule, "confidence": r.confidence} for r in attributions(art)],
        "markers": [m.to_dict() for m in markers],
        "densities": {k: round(v, 3) for k, v in marker_densities(art.text, markers).items()},
    }


def _table(rows: list[dict[str, Any]]) -> str:
    from ..clikit import format_table
    from .views import shorten

    out = []
    for rec in rows:
        if "error" in rec:
            out.append(f"{rec['file']}: error: {rec['error']}")
            continue
        out.append(f"== {rec['file']}")
        out.append(
            format_table(
                [
                    (
                        a["speaker_id"],
                        a["cue"],
                        shorten(a["speaker"], 40),
                        a["source_type"],
                        a["strength"],
                        f"{a['confidence']:.1f}",
                        shorten(a["content"], 50),
                    )
                    for a in rec["attributions"]
                ],
                ["id", "cue", "speaker", "source type", "strength", "conf.", "content"],
            )
        )
        d = rec["densities"]
        out.append(
            "markers per 100 words: "
            + ", ".join(f"{k} {d[k]:.2f}" for k in ("booster", "hedge", "emphasis", "evaluative"))
            + f" ({int(d['words'])} words)"
        )
    return "\n".join(out)


def _handler(args: argparse.Namespace) -> int:
    from ..clikit import run_files

    return run_files(args.files, lambda f: analyse_file(f, encoding=args.encoding), as_json=args.json, table=_table)


def register(subparsers) -> None:
    """Add the ``rhetoric`` command to the lab's CLI."""
    p = subparsers.add_parser(
        "rhetoric",
        help="attribution (who says what), stance markers and their densities",
        description="Attributions (cue, speaker, content, source type, strength), stance markers "
        "(booster, hedge, emphasis, evaluative) and markers per 100 words, per article.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article text file(s), UTF-8")
    p.add_argument("--json", action="store_true", help="JSON Lines output, one object per file")
    p.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8; legacy files: cp1256)")
    p.set_defaults(func=_handler)
