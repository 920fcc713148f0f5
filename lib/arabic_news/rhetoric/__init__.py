"""Rhetoric: who says what and how (attribution), stance markers, formulae and discourse structure.

Public API (stable; the dossier notebook and the persuasion features use it):

* :func:`attributions` (``article -> list[Attribution]``) and :func:`speakers_summary`
  -- :mod:`arabic_news.rhetoric.attribution` (built from :mod:`.cues` the lexicon, :mod:`.detect`,
  :mod:`.chunker` speaker phrases, :mod:`.clauses`, :mod:`.coref` coreference; views in :mod:`.views`);
* :func:`find_markers`, :func:`marker_densities` -- :mod:`arabic_news.rhetoric.markers`;
* keyness of n-grams -- :mod:`arabic_news.rhetoric.formulae`;
* headline/lead/body structure, sentence openings, connectives, cohesion --
  :mod:`arabic_news.rhetoric.structure`;
* scoring against hand annotation (the lab's passages in ``data/gold/passages``) -- :mod:`arabic_news.rhetoric.evaluate`;
* the CLI command ``python -m arabic_news rhetoric FILE... [--json]`` -- :mod:`arabic_news.rhetoric.cli`.

Word lists (reporting cues with strength classes, participles, prepositional sources,
action verbs, titles, source nouns, boosters, hedges, emphasis particles, evaluative
adjectives, connectives, formulae) are in ``arabic_news/data/rhetoric/``, each citing its source.

Submodules are imported on first use, so ``import arabic_news.rhetoric`` is cheap.
"""

from __future__ import annotations

import importlib

__all__ = [
    "attributions",
    "speakers_summary",
    "Attribution",
    "find_markers",
    "marker_densities",
    "Marker",
]

_WHERE = {
    "attributions": "attribution",
    "speakers_summary": "attribution",
    "Attribution": "attribution",
    "find_markers": "markers",
    "marker_densities": "markers",
    "Marker": "markers",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
