"""Text generated for reports: the one escape for Markdown *and* the HTML it renders to.

A leaf module.  Every ``describe`` function of the capabilities builds its sentences
from the article's numbers and wraps any piece of article text in :func:`md_escape`,
so that a word such as ``*`` or ``<script>`` in an article can neither change the
Markdown nor inject HTML into a report.

>>> md_escape("<b>*قال*</b>")
'&lt;b&gt;\\\\*قال\\\\*&lt;/b&gt;'
>>> md_escape("1. أولا\\n- ثانيا")
'1\\\\. أولا \\\\- ثانيا'
"""

from __future__ import annotations

import re

__all__ = ["md_escape"]

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~$!\"'])")
_MD_LIST_START = re.compile(r"^([-+])|(?<= )([-+])(?= )")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])")


def md_escape(text: object) -> str:
    """Text safe inside Markdown and HTML, on one line.

    White space is collapsed (a table cell or a sentence never breaks the paragraph),
    ``& < >`` become entities, Markdown punctuation (and a leading list marker) gets a
    backslash.  Any object is converted with ``str`` first.
    """
    out = " ".join(str(text).split())
    out = _MD_SPECIAL.sub(r"\\\1", out)
    out = _MD_ORDERED_START.sub(r"\1\\\2", out)
    out = _MD_LIST_START.sub(lambda m: "\\" + (m.group(1) or m.group(2)), out)
    return "".join(_HTML.get(c, c) for c in out)
