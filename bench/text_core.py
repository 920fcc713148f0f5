"""Throughput of the lab's text core against pyarabic, measured in the same run on the same text.

Prints MB/s (UTF-8 bytes of input per second) over every SANAD (AlKhaleej) article in
``$ARABIC_NEWS_DATA/corpora/sanad_khaleej`` for

* lab:       ``words(normalise(text, profile="retrieval"))``
* pyarabic:  ``tokenize(normalize_hamza(strip_tatweel(strip_tashkeel(text))))``

and the ratio lab / pyarabic (bar: >= 5x).  Both pipelines strip diacritics
and tatweel, fold hamza, and tokenise.  Median of ``--repeat`` runs of each, the two
pipelines' runs interleaved so that load from other processes on the machine falls on
both alike.

    .venv/bin/python bench/text_core.py [--repeat 5] [--limit N]
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time

BAR = 5.0


def _seconds(fn, texts) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn(texts)
    return time.perf_counter() - t0


def lab(texts):
    from arabic_news import normalise, words

    n = 0
    for t in texts:
        n += len(words(normalise(t, profile="retrieval")))
    return n


def pyarabic(texts):
    from pyarabic import araby

    n = 0
    for t in texts:
        n += len(araby.tokenize(araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(t)))))
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (0 = all)")
    args = ap.parse_args(argv)

    from arabic_news.corpus import load_sanad

    corpus = load_sanad(show_progress=False)
    texts = corpus.texts[: args.limit or None]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"SANAD AlKhaleej: {len(texts)} articles, {mb:.1f} MB UTF-8 "
        f"(python {platform.python_version()}, {platform.machine()})"
    )
    # warm up caches (translate tables, compiled regexes, imports) on a small slice
    lab(texts[:50])
    pyarabic(texts[:50])
    n_lab, n_py = lab(texts[:2000]), pyarabic(texts[:2000])
    runs_lab, runs_py = [], []
    for _ in range(args.repeat):
        runs_lab.append(_seconds(lab, texts))
        runs_py.append(_seconds(pyarabic, texts))
    t_lab, t_py = statistics.median(runs_lab), statistics.median(runs_py)
    rate_lab, rate_py = mb / t_lab, mb / t_py
    print(f"median of {args.repeat} interleaved runs each")
    print(f"{'pipeline':<50} {'seconds':>8} {'MB/s':>8}   runs (MB/s)")
    print(
        f"{'lab: words(normalise(text, profile=retrieval))':<50} {t_lab:8.2f} {rate_lab:8.1f}   "
        + " ".join(f"{mb / t:.1f}" for t in runs_lab)
    )
    print(
        f"{'pyarabic: strip_tashkeel+tatweel+hamza+tokenize':<50} {t_py:8.2f} {rate_py:8.1f}   "
        + " ".join(f"{mb / t:.1f}" for t in runs_py)
    )
    ratio = rate_lab / rate_py
    print(f"ratio lab / pyarabic: {ratio:.2f}x (bar >= {BAR:g}x: {'met' if ratio >= BAR else 'NOT met'})")
    print(f"tokens on the first 2000 articles: lab {n_lab}, pyarabic {n_py}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
