"""Errors the lab raises on bad input: one-line messages that name the problem."""

from __future__ import annotations

__all__ = ["ArticleError", "InputError", "check_text"]


class InputError(ValueError):
    """Bad user input (unknown option, malformed file); the message says what and where."""


class ArticleError(InputError):
    """An article file or text that cannot be analysed (empty, not Arabic, wrong encoding...)."""


def check_text(text: object) -> str:
    """Return ``text`` if it is a ``str``, else raise a one-line ``TypeError`` naming the type.

    The lab's one argument check for functions that take raw text.

    >>> check_text("نص")
    'نص'
    >>> check_text(b"x")
    Traceback (most recent call last):
    ...
    TypeError: expected text as str, got bytes
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    return text
