"""Class names, and weak topic labels for SaudiNewsNet from the sections in its URLs.

SANAD-AlKhaleej is one outlet; to train and test across outlets the lab gives
some SaudiNewsNet articles a *weak* label: the newspaper section named in the
article's URL, mapped to a SANAD class by the rules in
``data/topics/saudinewsnet_sections.tsv`` (decisions and caveats are in that
file's header and in ``notebooks/10-topic-corpus.ipynb``).

>>> weak_label("alwatan", "http://www.alwatan.com.sa/Sports/News_Detail.aspx?ArticleID=1")
'Sports'
>>> weak_label("alwatan", "http://www.alwatan.com.sa/Nation/News_Detail.aspx?ArticleID=1") is None
True
>>> class_names()["Sports"]
'رياضة'
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from ..corpus import Corpus, load_saudinewsnet

__all__ = [
    "CLASSES",
    "class_names",
    "class_table",
    "section_rules",
    "weak_label",
    "load_weak_labelled",
    "WEAK_OUTLET_GROUPS",
]

#: the seven SANAD classes, in the lab's fixed order
CLASSES = ("Culture", "Finance", "Medical", "Politics", "Religion", "Sports", "Tech")

#: outlets evaluated together in leave-one-outlet-out (the two small sports papers form one group)
WEAK_OUTLET_GROUPS = {
    "alwatan": "alwatan",
    "3alyoum": "3alyoum",
    "arriyadiyah": "sports papers",
    "arreyadi": "sports papers",
}


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("arabic_news").joinpath(f"data/topics/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def class_table() -> tuple[tuple[str, str, str, str], ...]:
    """Rows ``(label, arabic, transliteration, gloss)`` from ``data/topics/classes.tsv``."""
    return tuple(tuple(r) for r in _read_tsv("classes.tsv"))  # type: ignore[misc]


def class_names(*, bilingual: bool = False) -> dict[str, str]:
    """Map each class to its Arabic name (``"رياضة"``), or to ``"Sports / رياضة"`` if ``bilingual``."""
    return {r[0]: (f"{r[0]} / {r[1]}" if bilingual else r[1]) for r in class_table()}


@lru_cache(maxsize=1)
def section_rules() -> tuple[tuple[str, str, str], ...]:
    """Rules ``(outlet, url path prefix, class)`` from ``data/topics/saudinewsnet_sections.tsv``."""
    rules = tuple(tuple(r) for r in _read_tsv("saudinewsnet_sections.tsv"))
    for r in rules:
        if len(r) != 3 or r[2] not in CLASSES:
            raise ValueError(f"saudinewsnet_sections.tsv: bad rule {r!r}")
    return rules  # type: ignore[return-value]


def weak_label(outlet: str | None, url: str | None) -> str | None:
    """The weak class of a SaudiNewsNet article from its outlet and URL, or None if unmapped."""
    if not outlet or not url:
        return None
    path = unquote(urlsplit(url).path)
    for o, prefix, label in section_rules():
        if o == outlet and path.startswith(prefix):
            return label
    return None


def load_weak_labelled(root: str | os.PathLike | None = None, *, show_progress: bool = True) -> Corpus:
    """SaudiNewsNet articles that get a weak label from their URL section.

    Documents keep their ``outlet``/``url`` and get ``label`` set.  The
    ``skipped`` list holds one summary line per outlet of unmapped articles.
    """
    outlets = sorted({r[0] for r in section_rules()})
    snn = load_saudinewsnet(root, sources=outlets, show_progress=show_progress)
    docs, unmapped = [], {}
    for d in snn:
        lab = weak_label(d.outlet, d.url)
        if lab is None:
            unmapped[d.outlet] = unmapped.get(d.outlet, 0) + 1
        else:
            docs.append(replace(d, label=lab))
    skipped = list(snn.skipped) + [(o, f"{n} articles in unmapped sections") for o, n in sorted(unmapped.items())]
    return Corpus("SaudiNewsNet (weak labels)", docs, skipped)
