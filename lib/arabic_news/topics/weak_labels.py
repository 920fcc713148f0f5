"""Class names, and weak topic labels for SaudiNewsNet from the sections in its URLs.

SANAD-AlKhaleej is one outlet; to train and test across outlets the lab gives
some SaudiNewsNet articles a *weak* label: the newspaper section named in the
article's URL, mapped to a SANAD class by the rules in
``data/topics/saudinewsnet_sections.tsv`` (each rule with its reason).  All 14
outlets are described in ``data/topics/saudinewsnet_outlets.tsv`` (which carry
a section, and their leave-one-outlet-out group).  Sections that are clearly
*outside* the seven classes (obituaries, wedding announcements) are kept apart
as open-set examples and never trained on.

>>> weak_label("alwatan", "http://www.alwatan.com.sa/Sports/News_Detail.aspx?ArticleID=1")
'Sports'
>>> weak_label("alwatan", "http://www.alwatan.com.sa/Nation/News_Detail.aspx?ArticleID=1") is None
True
>>> url_section("aljazirah", "http://www.al-jazirah.com/2015/20150721/sp12.htm")
'sp'
>>> section_decision("aljazirah", "http://www.al-jazirah.com/2015/20150721/wa3.htm").label
'outside'
>>> class_names()["Sports"]
'رياضة'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ..corpus import Corpus, load_saudinewsnet
from ..datafiles import load_table

__all__ = [
    "CLASSES",
    "OUTSIDE",
    "SectionRule",
    "class_names",
    "class_table",
    "section_map",
    "section_rules",
    "section_decision",
    "url_section",
    "outlet_table",
    "outlet_groups",
    "weak_label",
    "load_weak_labelled",
    "load_outside_sections",
]

#: the seven SANAD classes, in the lab's fixed order
CLASSES = ("Culture", "Finance", "Medical", "Politics", "Religion", "Sports", "Tech")
#: label of a section whose articles are outside the seven classes (open-set examples)
OUTSIDE = "outside"
_UNMAPPED = "-"


@dataclass(frozen=True)
class SectionRule:
    """One row of ``saudinewsnet_sections.tsv``: ``label`` is a class, ``"outside"`` or ``"-"`` (unmapped)."""

    outlet: str
    pattern: str
    label: str
    reason: str


@lru_cache(maxsize=1)
def class_table() -> tuple[tuple[str, str, str, str], ...]:
    """Rows ``(label, arabic, transliteration, gloss)`` from ``data/topics/classes.tsv``."""
    return tuple(tuple(r) for r in load_table("classes", folder="topics", suffix=".tsv"))  # type: ignore[misc]


def class_names(*, bilingual: bool = False) -> dict[str, str]:
    """Map each class to its Arabic name (``"رياضة"``), or to ``"Sports / رياضة"`` if ``bilingual``."""
    return {r[0]: (f"{r[0]} / {r[1]}" if bilingual else r[1]) for r in class_table()}


@lru_cache(maxsize=1)
def section_map() -> tuple[SectionRule, ...]:
    """Every section rule with its reason (mapped, out-of-class and unmapped sections)."""
    rules = []
    for r in load_table("saudinewsnet_sections", folder="topics", suffix=".tsv", inline_comments=False):
        if len(r) != 4 or (r[2] not in CLASSES and r[2] not in (OUTSIDE, _UNMAPPED)):
            raise ValueError(f"saudinewsnet_sections.tsv: bad rule {r!r} (want outlet, pattern, label, reason)")
        re.compile(r[1])
        rules.append(SectionRule(*r))
    return tuple(rules)


def section_rules() -> tuple[tuple[str, str, str], ...]:
    """The rules that give a class: ``(outlet, URL path pattern, class)``."""
    return tuple((r.outlet, r.pattern, r.label) for r in section_map() if r.label in CLASSES)


@lru_cache(maxsize=1)
def outlet_table() -> tuple[tuple[str, str, str, str, str], ...]:
    """Rows ``(outlet, group, section pattern, URL shape, note)`` for all 14 SaudiNewsNet outlets."""
    rows = load_table("saudinewsnet_outlets", folder="topics", suffix=".tsv", inline_comments=False)
    for r in rows:
        if len(r) != 5:
            raise ValueError(f"saudinewsnet_outlets.tsv: bad row {r!r}")
    return tuple(rows)  # type: ignore[return-value]


def outlet_groups() -> dict[str, str]:
    """Outlet -> leave-one-outlet-out group, for the outlets that give weak labels.

    >>> outlet_groups()["arreyadi"]
    'sports papers'
    """
    return {r[0]: r[1] for r in outlet_table() if r[1] != _UNMAPPED}


def _path(url: str) -> str:
    return unquote(urlsplit(url).path)


def url_section(outlet: str | None, url: str | None) -> str | None:
    """The section named in an article's URL (``"Politics"``, ``"news/pol"``, ``"sp"``), or None.

    >>> url_section("3alyoum", "http://www.3alyoum.com/news/pol/a/x/")
    'news/pol'
    >>> url_section("alriyadh", "http://www.alriyadh.com/1066713") is None
    True
    """
    if not outlet or not url:
        return None
    for r in outlet_table():
        if r[0] == outlet and r[2] != _UNMAPPED:
            m = re.match(r[2], _path(url))
            return m.group(1) if m else None
    return None


def section_decision(outlet: str | None, url: str | None) -> SectionRule | None:
    """The first section rule matching the article's URL (with its label and reason), or None."""
    if not outlet or not url:
        return None
    path = _path(url)
    for r in section_map():
        if r.outlet == outlet and re.match(r.pattern, path):
            return r
    return None


def weak_label(outlet: str | None, url: str | None) -> str | None:
    """The weak class of a SaudiNewsNet article from its outlet and URL, or None if unmapped or out of class."""
    r = section_decision(outlet, url)
    return r.label if r is not None and r.label in CLASSES else None


def _load(root, show_progress: bool, keep) -> tuple[list, dict, list]:
    outlets = sorted({r.outlet for r in section_map()})
    snn = load_saudinewsnet(root, sources=outlets, show_progress=show_progress)
    docs, unmapped = [], {}
    for d in snn:
        r = section_decision(d.outlet, d.url)
        if r is not None and keep(r.label):
            docs.append(replace(d, label=r.label))
        else:
            unmapped[d.outlet] = unmapped.get(d.outlet, 0) + 1
    return docs, unmapped, list(snn.skipped)


def load_weak_labelled(root: str | os.PathLike | None = None, *, show_progress: bool = True) -> Corpus:
    """SaudiNewsNet articles that get a weak class from their URL section.

    Documents keep their ``outlet``/``url`` and get ``label`` set.  The
    ``skipped`` list holds one summary line per outlet of unused articles.
    """
    docs, unmapped, skipped = _load(root, show_progress, lambda lab: lab in CLASSES)
    skipped += [(o, f"{n} articles in unmapped or out-of-class sections") for o, n in sorted(unmapped.items())]
    return Corpus("SaudiNewsNet (weak labels)", docs, skipped)


def load_outside_sections(root: str | os.PathLike | None = None, *, show_progress: bool = False) -> Corpus:
    """SaudiNewsNet articles from out-of-class sections (label ``"outside"``): open-set examples, never trained on."""
    docs, _, skipped = _load(root, show_progress, lambda lab: lab == OUTSIDE)
    return Corpus("SaudiNewsNet (out-of-class sections)", docs, skipped)
