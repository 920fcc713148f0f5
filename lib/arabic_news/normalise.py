"""Arabic text normalisation: one small function per step, fused per profile.

Each step (``strip_diacritics``, ``strip_tatweel``, ``normalise_alef`` ...) is a
pure function ``str -> str`` backed by a character map in
``arabic_news/data/charmaps/<step>.tsv``.  :func:`normalise` composes the steps
of a *profile* into a single ``str.translate`` table (built once and cached), so
a profile costs one pass over the text however many steps it has.

Profiles
--------
``display``
    Invisible clean-up only: zero-width and bidi controls, presentation forms,
    exotic spaces, tatweel.  Letters and diacritics are kept.
``matching``
    ``display`` plus diacritics removed and Arabic-Indic/Persian digits turned
    into ASCII.  Letters (hamza seats, teh marbuta, alef maqsura) are kept, so
    the text still reads correctly; use it to match or show words.
``retrieval`` (alias ``classification``)
    ``matching`` plus alef variants -> ``ا``, ``ى`` -> ``ي``, ``ة`` -> ``ه``,
    ``ؤ`` -> ``و``, ``ئ`` -> ``ي``.  Aggressive and lossy: for indexing,
    classification and counting, never for display.

Arabic punctuation (``، ؛ ؟ « »``) is never rewritten by any profile.

Examples
--------
>>> normalise("العَرَبِيّـــة")
'العربية'
>>> normalise("مسؤولية الرئيس", profile="retrieval")
'مسووليه الرييس'
>>> normalise("٢٠٢٤", profile="matching")
'2024'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from .errors import check_text

__all__ = [
    "PROFILES",
    "check_text",
    "STEPS",
    "normalise",
    "make_normaliser",
    "strip_diacritics",
    "strip_tatweel",
    "normalise_alef",
    "normalise_alef_maqsura",
    "normalise_teh_marbuta",
    "normalise_hamza_carriers",
    "normalise_digits",
    "normalise_presentation_forms",
    "strip_controls",
    "normalise_spaces",
]

#: step name -> character-map file (in ``arabic_news/data/charmaps``)
STEPS: dict[str, str] = {
    "controls": "controls.tsv",
    "spaces": "spaces.tsv",
    "presentation_forms": "presentation_forms.tsv",
    "tatweel": "tatweel.tsv",
    "diacritics": "diacritics.tsv",
    "digits": "digits.tsv",
    "alef": "alef.tsv",
    "alef_maqsura": "alef_maqsura.tsv",
    "teh_marbuta": "teh_marbuta.tsv",
    "hamza_carriers": "hamza_carriers.tsv",
}

_DISPLAY = ("controls", "spaces", "presentation_forms", "tatweel")
_MATCHING = _DISPLAY + ("diacritics", "digits")
_RETRIEVAL = _MATCHING + ("alef", "alef_maqsura", "teh_marbuta", "hamza_carriers")

#: profile name -> ordered steps
PROFILES: dict[str, tuple[str, ...]] = {
    "display": _DISPLAY,
    "matching": _MATCHING,
    "retrieval": _RETRIEVAL,
    "classification": _RETRIEVAL,
}


def _parse_codepoints(field: str) -> str:
    return "".join(chr(int(tok[2:], 16)) for tok in field.split())


@cache
def load_charmap(step: str) -> dict[str, str]:
    """Return the character map of one normalisation step as ``{char: replacement}``.

    >>> load_charmap("tatweel")
    {'ـ': ''}
    """
    if step not in STEPS:
        raise ValueError(f"unknown normalisation step {step!r}; known steps: {', '.join(STEPS)}")
    text = resources.files("arabic_news").joinpath("data").joinpath("charmaps").joinpath(STEPS[step]).read_text("utf-8")
    mapping: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        src, tgt, *_ = line.split("\t")
        mapping[_parse_codepoints(src)] = _parse_codepoints(tgt)
    return mapping


@cache
def _table(steps: tuple[str, ...]) -> dict[int, str]:
    """Compose the maps of ``steps`` (in order) into one ``str.translate`` table."""
    maps = [load_charmap(s) for s in steps]
    sources: set[str] = set()
    for m in maps:
        sources.update(m)
    table: dict[int, str] = {}
    for ch in sources:
        out = ch
        for m in maps:
            out = "".join(m.get(c, c) for c in out)
        if out != ch:
            table[ord(ch)] = out
    return table


# --- fast application of a fused table (speed only; same result as str.translate(table)) ---
# str.translate with a dict raises and swallows a KeyError for every character that is not in
# the table (most of them).  For texts of _FAST_MIN_LEN characters or more, one numpy lookup
# over the UTF-32 code units does the whole profile at once: every code point (the full
# Unicode range, so no range check) maps to itself, its replacement, _DELETE, or _EXPAND for
# the rare multi-character replacements (ligatures such as U+FDFD), which send the text to the
# exact str.translate path.  Short texts use a code-point list (no KeyError per character).
_BMP = 0x10000
_UNICODE = 0x110000
_FAST_MIN_LEN = 256
_DELETE = 0xFFFFFFFE
_EXPAND = 0xFFFFFFFF  # the largest value: one max() finds it


@cache
def _has_astral_keys(steps: tuple[str, ...]) -> bool:
    return any(k >= _BMP for k in _table(steps))


@cache
def _list_table(steps: tuple[str, ...]) -> list[int | str | None]:
    table = _table(steps)
    lst: list[int | str | None] = list(range(_BMP))
    for k, v in table.items():
        if k < _BMP:
            lst[k] = None if v == "" else (ord(v) if len(v) == 1 else v)
    return lst


@cache
def _numpy_lut(steps: tuple[str, ...]) -> Any:
    """The profile as a uint32 lookup table over all of Unicode (4.4 MB, built once)."""
    import numpy as np

    lut = np.arange(_UNICODE, dtype=np.uint32)
    for k, v in _table(steps).items():
        lut[k] = _DELETE if v == "" else (ord(v) if len(v) == 1 else _EXPAND)
    return lut


def _apply(text: str, steps: tuple[str, ...]) -> str:
    """``text.translate(_table(steps))``, computed faster."""
    if _has_astral_keys(steps):  # pragma: no cover - no shipped map has astral keys
        return text.translate(_table(steps))
    if len(text) >= _FAST_MIN_LEN:
        import numpy as np

        try:
            data = text.encode("utf-32-le")
        except UnicodeEncodeError:  # lone surrogates
            data = b""
        if data:
            mapped = _numpy_lut(steps).take(np.frombuffer(data, dtype=np.uint32))  # take(): faster than [...]
            if mapped.max() != _EXPAND:
                result: str = mapped[mapped < _UNICODE].tobytes().decode("utf-32-le")
                return result
    return text.translate(_list_table(steps))


def _step(name: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        return _apply(check_text(text), (name,))

    return apply


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanween, shadda, sukun, superscript alef and Quranic marks.

    >>> strip_diacritics("كَتَبَ الوَلَدُ")
    'كتب الولد'
    """
    return _step("diacritics")(text)


def strip_tatweel(text: str) -> str:
    """Remove tatweel (kashida, U+0640), the elongation stroke.

    >>> strip_tatweel("جمـــيل")
    'جميل'
    """
    return _step("tatweel")(text)


def normalise_alef(text: str) -> str:
    """Map hamzated and madda alef forms (أ إ آ ٱ) to bare alef ا.

    >>> normalise_alef("أحمد إبراهيم آمن")
    'احمد ابراهيم امن'
    """
    return _step("alef")(text)


def normalise_alef_maqsura(text: str) -> str:
    """Map alef maqsura ى to yeh ي.

    >>> normalise_alef_maqsura("مستشفى")
    'مستشفي'
    """
    return _step("alef_maqsura")(text)


def normalise_teh_marbuta(text: str) -> str:
    """Map teh marbuta ة to heh ه.

    >>> normalise_teh_marbuta("مدرسة")
    'مدرسه'
    """
    return _step("teh_marbuta")(text)


def normalise_hamza_carriers(text: str) -> str:
    """Map hamza on waw/yeh (ؤ ئ) to the bare carrier; drop combining hamza marks.

    >>> normalise_hamza_carriers("مسؤول رئيس")
    'مسوول رييس'
    """
    return _step("hamza_carriers")(text)


def normalise_digits(text: str) -> str:
    """Turn Arabic-Indic (٠-٩) and Persian (۰-۹) digits and separators into ASCII.

    >>> normalise_digits("٢٠٢٤ و۱۴۰۳ و٣٫٥")
    '2024 و1403 و3.5'
    """
    return _step("digits")(text)


def normalise_presentation_forms(text: str) -> str:
    """Replace presentation forms (contextual glyphs, ligatures) with base letters.

    >>> normalise_presentation_forms("\\ufefb")  # lam-alef ligature
    'لا'
    """
    return _step("presentation_forms")(text)


def strip_controls(text: str) -> str:
    """Remove zero-width characters, bidi controls, BOM and soft hyphens.

    >>> strip_controls("\\u200fمرحبا\\u200c")
    'مرحبا'
    """
    return _step("controls")(text)


def normalise_spaces(text: str) -> str:
    """Turn non-breaking and other Unicode spaces into a plain space.

    >>> normalise_spaces("بيان\\u00a0رسمي")
    'بيان رسمي'
    """
    return _step("spaces")(text)


def make_normaliser(steps: tuple[str, ...] | list[str]) -> Callable[[str], str]:
    """Build a fused normaliser from an explicit list of step names.

    >>> f = make_normaliser(["tatweel", "alef"])
    >>> f("أهـلا")
    'اهلا'
    """
    steps = tuple(steps)
    for s in steps:
        if s not in STEPS:
            raise ValueError(f"unknown normalisation step {s!r}; known steps: {', '.join(STEPS)}")
    _table(steps)

    def fused(text: str) -> str:
        return _apply(check_text(text), steps)

    fused.steps = steps  # type: ignore[attr-defined]
    return fused


def normalise(text: str, *, profile: str = "matching") -> str:
    """Normalise Arabic text with a named profile in one fused pass.

    Parameters
    ----------
    text : str
        Any text; non-Arabic characters pass through unchanged.
    profile : {"display", "matching", "retrieval", "classification"}
        See the module docstring.

    Returns
    -------
    str
        The normalised text.  Idempotent: ``normalise(normalise(t)) == normalise(t)``.

    Examples
    --------
    >>> normalise("إِنَّ الأمـــمَ المتحدة", profile="retrieval")
    'ان الامم المتحده'
    """
    try:
        steps = PROFILES[profile]
    except (KeyError, TypeError):
        raise ValueError(f"unknown normalisation profile {profile!r}; choose one of: {', '.join(PROFILES)}") from None
    return _apply(check_text(text), steps)
