"""Throughput of the lab's text core against pyarabic, measured in the same run on the same text.

Prints MB/s (UTF-8 bytes of input per second) over every SANAD (AlKhaleej) article in
``$ARABIC_NEWS_DATA/corpora/sanad_khaleej`` for

* lab:       ``words(normalise(text, profile="retrieval"))``
* pyarabic:  ``tokenize(normalize_hamza(strip_tatweel(strip_tashkeel(text))))``

and the ratio lab / pyarabic (target: >= 2.5x).  Both pipelines strip diacritics
and tatweel, fold hamza, and tokenise.  Best of ``--repeat`` runs.

    .venv/bin/python bench/text_core.py [--repeat 3] [--limit N]
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time


def _best(fn, texts, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - t0)
    return best


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
    ap.add_argument("--repeat", type=int, default=3)
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
    t_lab = _best(lab, texts, args.repeat)
    t_py = _best(pyarabic, texts, args.repeat)
    rate_lab, rate_py = mb / t_lab, mb / t_py
    print(f"{'pipeline':<42} {'seconds':>8} {'MB/s':>8}")
    print(f"{'lab: normalise(retrieval) + words':<42} {t_lab:8.2f} {rate_lab:8.1f}")
    print(f"{'pyarabic: strip_tashkeel+tatweel+hamza+tokenize':<42} {t_py:8.2f} {rate_py:8.1f}")
    print(f"ratio lab / pyarabic: {rate_lab / rate_py:.2f}x (target >= 2.5x)")
    print(f"tokens on the first 2000 articles: lab {n_lab}, pyarabic {n_py}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
