"""Errors the lab raises on bad input: one-line messages that name the problem."""

from __future__ import annotations

__all__ = ["ArticleError", "InputError"]


class InputError(ValueError):
    """Bad user input (unknown option, malformed file); the message says what and where."""


class ArticleError(InputError):
    """An article file or text that cannot be analysed (empty, not Arabic, wrong encoding...)."""
