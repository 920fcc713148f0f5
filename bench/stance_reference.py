"""The references of stance and formulae: per-class marker densities, the noise threshold, formula attestation.

Prints, for every SANAD class and for all of SANAD (the references an article can be read
against): the number of articles, the median / 75th / 90th percentile of each marker
density (per 100 words), the share of articles with none, and the share of articles under
``NOISY_BELOW_WORDS`` words.  Beside it, the reference figure for the noise flag: how much
one marker moves a density at that length (100 / words).  Then the number of SANAD
articles in which each entry of ``data/rhetoric/formulae.txt`` occurs (after the
``matching`` normalisation; the list requires at least 5), and the per-class n-gram
sample that keyness uses.

This is descriptive corpus statistics: no model is tuned here, and no held-out split is
involved.  Run: ``.venv/bin/python bench/stance_reference.py [--quick]``.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from arabic_news.rhetoric.densities import NOISY_BELOW_WORDS
from arabic_news.rhetoric.formulae import corpus_counts, formula_list
from arabic_news.rhetoric.markers import KINDS
from arabic_news.rhetoric.reference import ALL, all_densities, attestation, reference_classes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100 articles per class instead of all of SANAD")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    dist = all_densities(quick=args.quick, seed=args.seed)
    print(f"marker densities of {len(dist['words']):,} SANAD articles ({time.perf_counter() - t0:.1f}s, cached)")
    step = 100.0 / NOISY_BELOW_WORDS
    print(
        f"noise flag: articles under {NOISY_BELOW_WORDS} words; one marker there moves a density by {step:.2f}/100 words"
    )
    print()
    head = f"{'reference':<10} {'articles':>8} {'short':>6}  " + "  ".join(f"{k:>22}" for k in KINDS)
    print(head)
    print(f"{'':<10} {'':>8} {'':>6}  " + "  ".join(f"{'none  med   p75   p90':>22}" for _ in KINDS))
    for ref in (*reference_classes(), ALL):
        keep = np.ones(len(dist["words"]), bool) if ref == ALL else dist["label"] == ref
        words = dist["words"][keep]
        cells = []
        for k in KINDS:
            v = dist[k][keep]
            q = np.quantile(v, [0.5, 0.75, 0.9])
            cells.append(f"{(v == 0).mean():>5.0%} {q[0]:5.2f} {q[1]:5.2f} {q[2]:5.2f}")
        print(f"{ref:<10} {keep.sum():>8,} {(words < NOISY_BELOW_WORDS).mean():>6.1%}  " + "  ".join(cells))
    print()

    from arabic_news.corpus import load_sanad

    t0 = time.perf_counter()
    docs = load_sanad(show_progress=False).documents
    seen = attestation([d.text for d in docs])
    print(f"formula attestation in {len(docs):,} SANAD articles ({time.perf_counter() - t0:.1f}s); at least 5 required")
    for phrase, func in formula_list():
        flag = "" if seen[phrase] >= 5 else "   <-- under 5"
        print(f"  {seen[phrase]:>5}  {func:<18} {phrase}{flag}")
    rare = sum(seen[p] < 5 for p, _ in formula_list())
    print(f"{len(formula_list())} formulae, {rare} attested in fewer than 5 articles")
    print()
    c = corpus_counts(quick=args.quick, seed=args.seed)
    print(f"keyness reference sample: {c!r}")
    return 1 if rare else 0


if __name__ == "__main__":
    sys.exit(main())
