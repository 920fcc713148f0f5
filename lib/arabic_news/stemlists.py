"""Derive the light stemmer's protection lists from corpus word counts.

``python -m arabic_news.stemlists`` rewrites
``data/lexicons/light_stem_{nisba_stems,root_initial,clitic_stems}.txt`` from
SANAD + SaudiNewsNet (word types only, no text is copied).  The evidence used:

* nisba stems: ``X`` ending in ``ان ين ون`` whose feminine nisba ``X+ية`` (with or
  without ``ال``) occurs at least ``min_count`` times, so the ending is part of
  the stem (``فلسطينية`` -> keep ``فلسطين``; ``المعلمين`` has no ``المعلمينية``);
* root-initial stems: stems starting with ``و ف ب ل ك`` attested (often enough) right after the
  article ``ال`` (a conjunction or preposition cannot follow the article, so the
  letter belongs to the word: ``الوزارة`` -> ``وزار``, ``البلاد`` -> ``بلاد``);
* clitic stems: stems attested after ``ال`` that also occur behind a lone
  ``ب``/``ل``/``ك`` (``لمكافحة`` with ``المكافحة``), so that letter may be split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["word_counts", "derive_lists", "main"]

LISTS = ("light_stem_nisba_stems", "light_stem_root_initial", "light_stem_clitic_stems")


def word_counts(texts: Iterable[str]) -> Counter:
    """Counts of ``matching``-normalised Arabic word types in ``texts``."""
    from .normalise import normalise
    from .tokenise import is_arabic_word, words

    c: Counter = Counter()
    for t in texts:
        c.update(words(normalise(t, profile="matching")))
    return Counter({w: n for w, n in c.items() if is_arabic_word(w)})


def derive_lists(counts: Counter, *, min_count: int = 5, ratio: float = 0.05) -> dict[str, list[str]]:
    """The three protection lists (see the module docstring), sorted by frequency."""
    from . import stem as st

    nisba: Counter = Counter()
    for w, n in counts.items():
        x = w[2:] if w.startswith("ال") else w
        if x.endswith("ية") and len(x) >= 6 and x[:-2].endswith(("ان", "ين", "ون")):
            nisba[x[:-2]] += n
    out = {"light_stem_nisba_stems": [w for w, n in nisba.most_common() if n >= min_count]}
    # the suffix rules depend on the nisba list: install it before deriving the others
    _install(st, out["light_stem_nisba_stems"], [], [])
    root: Counter = Counter()
    art: Counter = Counter()
    tot: Counter = Counter()
    for w, n in counts.items():
        has_art = w.startswith("ال") and len(w) >= 5
        s = st._key(st._strip_suffixes(w[2:] if has_art else w))
        tot[s] += n
        if has_art:
            art[s] += n
            if w[2] in "وفبلك":
                root[s] += n
    # attested after the article often enough, relative to how common the stem is
    out["light_stem_root_initial"] = [w for w, n in root.most_common() if n >= min_count and n >= ratio * tot[w]]
    roots = set(out["light_stem_root_initial"])
    clitic: Counter = Counter()
    for w, n in counts.items():
        if w[0] in "بلك" and len(w) >= 4 and not w.startswith(("ال", "لل")):
            whole = st._key(st._strip_suffixes(w))
            rest = st._key(st._strip_suffixes(w[1:]))
            if (
                whole not in roots
                and art[rest] >= min_count
                and art[rest] > art[whole]
                and tot[rest] >= 2 * ratio * tot[whole]
            ):
                clitic[rest] += n
    out["light_stem_clitic_stems"] = [w for w, n in clitic.most_common() if n >= min_count]
    return out


def _install(st, nisba, root, clitic) -> None:
    key = st._key
    st._protected.cache_clear()
    st.light_stem.cache_clear()
    st._protected.__wrapped__  # noqa: B018 -- documents that _protected is an lru_cache
    frozen = (frozenset(map(key, root)), frozenset(map(key, nisba)), frozenset(map(key, clitic)))
    st._protected = lambda: frozen  # type: ignore[assignment]


HEADERS = {
    "light_stem_nisba_stems": "Stems ending in ان/ين/ون whose feminine nisba (X+ية) occurs >= {m} times, so the ending is kept",
    "light_stem_root_initial": "Stems starting with و/ف/ب/ل/ك attested right after the article ال (>= {m} times and >= 5% of the stem's count): the letter is a root letter",
    "light_stem_clitic_stems": "Stems attested after ال (>= {m} times) that also follow a lone ب/ل/ك (>= {m} times), and whose own count is >= 10% of the prefixed stem's: that letter may be split off",
}


def main(min_count: int = 5) -> None:
    """Rebuild the three lists from SANAD + SaudiNewsNet (about 30 s)."""
    from importlib import resources

    from .corpus import load_sanad, load_saudinewsnet

    texts = load_sanad().texts + load_saudinewsnet().texts
    lists = derive_lists(word_counts(texts), min_count=min_count)
    folder = resources.files("arabic_news").joinpath("data", "lexicons")
    for name, items in lists.items():
        head = (
            f"# {HEADERS[name].format(m=min_count)}.\n"
            "# Source: derived from word-type counts of SANAD (AlKhaleej, CC BY 4.0) + SaudiNewsNet\n"
            "# (CC BY-NC-SA 4.0) by `python -m arabic_news.stemlists` (retrieval-normalised keys,\n"
            "# most frequent first).  Used by arabic_news.stem.light_stem.\n"
        )
        with open(str(folder.joinpath(f"{name}.txt")), "w", encoding="utf-8") as f:
            f.write(head + "\n".join(items) + "\n")
        print(f"{name}: {len(items)} entries")


if __name__ == "__main__":  # pragma: no cover
    main()
