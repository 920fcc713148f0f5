"""``python -m arabic_news topics``: train, predict and evaluate topic models.

::

    python -m arabic_news topics train --corpus DIR [--corpus DIR ...] --out MODEL [--seed N] [--classifier KIND]
    python -m arabic_news topics predict [--model MODEL] FILE... [--json]
    python -m arabic_news topics evaluate [--model MODEL] --corpus DIR [--json]

``--corpus`` folders are folder-per-label (``<DIR>/<label>/*.txt``; a SANAD
download with ``Khaleej/``... sub-folders works too).  Without ``--model``,
``predict`` and ``evaluate`` use the lab's default model (trained from the
corpora in the data setting, cached; see :func:`arabic_news.topics.default_model`).
``predict --json`` prints one ``{"file", "label", "probabilities"}`` per file;
``evaluate --json`` one ``{"accuracy", "macro_f1", "per_class", "confusion"}``
object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..clikit import add_input_options

__all__ = ["register"]


def _load_corpus(path: str):
    from ..corpus import _sanad_parts, load_sanad

    p = Path(path)
    if p.is_dir() and any(outlet for outlet, _ in _sanad_parts(p)):
        return load_sanad(p)
    from ..corpus import load_labelled_folder

    return load_labelled_folder(p)


def _model(path: str | None, seed: int):
    if path:
        from .persistence import load_model

        return load_model(path)
    from . import default_model

    return default_model(seed=seed)


def _train(args: argparse.Namespace) -> int:
    import time

    from ..corpus import Corpus
    from .models import make_pipeline
    from .persistence import save_model

    docs, skipped = [], []
    for c in args.corpus:
        corpus = _load_corpus(c)
        docs += corpus.documents
        skipped += corpus.skipped
    corpus = Corpus("training", docs, skipped)
    labels = sorted(set(corpus.labels))
    if len(labels) < 2:
        raise ValueError(f"need at least two labels to train, found {labels}")
    counts = corpus.label_counts()
    small = [lab for lab, n in counts.items() if n < 3]
    kind = args.classifier
    if kind in ("calibrated-svc", "stacked") and small:
        raise ValueError(
            f"labels with fewer than 3 articles cannot be calibrated: {', '.join(sorted(small))} "
            "(add articles or use --classifier svc/logreg/cnb)"
        )
    t0 = time.perf_counter()
    model = make_pipeline(kind, seed=args.seed).fit(corpus.texts, corpus.labels)
    secs = time.perf_counter() - t0
    out = save_model(
        model,
        args.out,
        info={
            "corpora": [str(Path(c)) for c in args.corpus],
            "documents": len(corpus),
            "seed": args.seed,
            "classifier": kind,
            "fit_seconds": round(secs, 2),
        },
    )
    rec = {
        "model": str(out),
        "documents": len(corpus),
        "labels": {k: counts[k] for k in labels},
        "skipped": len(skipped),
        "fit_seconds": round(secs, 2),
    }
    if args.json:
        print(json.dumps(rec, ensure_ascii=False))
    else:
        print(
            f"trained {kind} on {len(corpus)} articles ({', '.join(f'{k} {counts[k]}' for k in labels)}) "
            f"in {secs:.1f} s -> {out}" + (f"; {len(skipped)} entries skipped" if skipped else "")
        )
        for p, why in skipped[:10]:
            print(f"  skipped {p}: {why}", file=sys.stderr)
    return 0


def _predict(args: argparse.Namespace) -> int:
    from ..article import read_article
    from ..clikit import format_table, run_files
    from . import predict_article

    model = _model(args.model, args.seed)

    def process(f: str) -> dict:
        r = predict_article(read_article(f, encoding=args.encoding), model=model)
        return {"file": f, "label": r["label"], "probabilities": r["probabilities"]}

    def table(rows: list[dict]) -> str:
        out = []
        for r in rows:
            if "error" in r:
                out.append([r["file"], "ERROR", r["error"]])
            else:
                probs = list(r["probabilities"].items())
                out.append(
                    [
                        r["file"],
                        r["label"],
                        f"{probs[0][1]:.2f}",
                        f"{probs[1][0]} {probs[1][1]:.2f}" if len(probs) > 1 else "",
                    ]
                )
        return format_table(out, ["file", "label", "p", "runner-up"])

    return run_files(args.files, process, as_json=args.json, table=table)


def _evaluate(args: argparse.Namespace) -> int:
    from ..clikit import format_table
    from .evaluation import classification_report_dict

    corpus = _load_corpus(args.corpus)  # a missing/empty corpus fails before the model is loaded
    model = _model(args.model, args.seed)
    known = {str(c) for c in model.classes_}
    unknown = sorted(set(corpus.labels) - known)
    if unknown:
        raise ValueError(
            f"corpus labels unknown to the model: {', '.join(unknown)} (model knows {', '.join(sorted(known))})"
        )
    pred = model.predict(corpus.texts)
    rep = classification_report_dict(corpus.labels, pred, labels=[str(c) for c in model.classes_])
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        rows = [
            [lab, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", v["support"]]
            for lab, v in rep["per_class"].items()
        ]
        print(f"{len(corpus)} articles: accuracy {rep['accuracy']:.4f}, macro-F1 {rep['macro_f1']:.4f}")
        print(format_table(rows, ["label", "precision", "recall", "f1", "support"]))
    return 0


def register(subparsers) -> None:
    """Add the ``topics`` command group to ``python -m arabic_news``."""
    from .models import CLASSIFIERS, DEFAULT_KIND

    p = subparsers.add_parser(
        "topics",
        help="topic classification: train, predict, evaluate",
        description="Topic classification of Arabic news articles.",
    )
    sub = p.add_subparsers(dest="topics_command", metavar="ACTION")
    sub.required = True

    t = sub.add_parser("train", help="train a model on folder-per-label corpora and save it (skops)")
    t.add_argument("--corpus", action="append", required=True, metavar="DIR", help="<DIR>/<label>/*.txt; repeatable")
    t.add_argument("--out", required=True, metavar="MODEL", help="model file to write (.skops)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--classifier", choices=CLASSIFIERS, default=DEFAULT_KIND)
    t.add_argument("--json", action="store_true", help="print a JSON summary")
    t.set_defaults(func=_train)

    pr = sub.add_parser("predict", help="topic of each article file")
    pr.add_argument("files", nargs="+", metavar="FILE")
    add_input_options(pr)
    pr.add_argument("--model", metavar="MODEL", help="model file (default: the lab's default model)")
    pr.add_argument("--seed", type=int, default=0, help="seed of the default model")
    pr.add_argument("--json", action="store_true", help="JSON Lines, one object per file")
    pr.set_defaults(func=_predict)

    e = sub.add_parser("evaluate", help="accuracy, macro-F1, per-class scores and confusion on a labelled corpus")
    e.add_argument("--corpus", required=True, metavar="DIR")
    e.add_argument("--model", metavar="MODEL", help="model file (default: the lab's default model)")
    e.add_argument("--seed", type=int, default=0, help="seed of the default model")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=_evaluate)
