"""Outlet boilerplate removal: the text-cleaning step at the head of every topic pipeline.

A topic model trained on one newspaper learns that paper's habits: its
datelines (``دبي - «الخليج»:`` "Dubai - Al Khaleej:"), bylines (``بقلم``
"by"), "read also" lines (``اقرأ أيضا``), tag lists (3alyoum's ``سمات``
"tags"), URLs and hashtags.  None of them says what the article is about, and
other outlets write them differently, so :func:`clean_text` removes them
before features are built.  The patterns live in
``data/topics/boilerplate.tsv`` (one named regular expression per line, with
its rationale in the header).

>>> clean_text('دبي - «الخليج»: أعلنت الوزارة خطة جديدة\\nاقرأ أيضا: خبر آخر')
'أعلنت الوزارة خطة جديدة'
>>> clean_text('فاز #الهلال بالمباراة http://t.co/x')
'فاز الهلال بالمباراة'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["clean_text", "boilerplate_patterns", "BoilerplateCleaner"]

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The named boilerplate patterns from ``data/topics/boilerplate.tsv``, in file order."""
    text = resources.files("arabic_news").joinpath("data/topics/boilerplate.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, rx = line.partition("\t")
        if not rx:
            raise ValueError(f"boilerplate.tsv: line without a tab: {line!r}")
        out.append((name, re.compile(rx, re.MULTILINE)))
    return tuple(out)


def clean_text(text: str, *, skip: Iterable[str] = ()) -> str:
    """Remove outlet boilerplate (datelines, bylines, URLs, hashtags, "read also" lines).

    Parameters
    ----------
    text : str
        Article text.
    skip : iterable of str
        Names of patterns (first column of ``boilerplate.tsv``) not to apply.

    Returns
    -------
    str
        The text with boilerplate replaced by spaces, runs of spaces collapsed
        and blank lines dropped.  Never empty when the input had topical words
        beyond boilerplate; if cleaning would empty the text, the input is
        returned unchanged.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    skip = set(skip)
    out = text
    for name, rx in boilerplate_patterns():
        if name not in skip:
            out = rx.sub(" ", out)
    out = _BLANK_LINES.sub("\n", _SPACES.sub(" ", out)).strip()
    return out if out else text.strip()


class BoilerplateCleaner(TransformerMixin, BaseEstimator):
    """Pipeline step applying :func:`clean_text` to every document.

    >>> BoilerplateCleaner().fit_transform(["الرياض - واس: افتتح الأمير المعرض"])
    ['افتتح الأمير المعرض']
    """

    def __init__(self, enabled: bool = True):
        self.enabled = enabled

    def fit(self, X: Iterable[str], y=None) -> BoilerplateCleaner:
        boilerplate_patterns()
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        return [clean_text(x) if self.enabled else x for x in X]
