"""Reading articles: :class:`Article` and :func:`read_article`.

Every character offset in the lab indexes ``Article.text``: the whole decoded
file with newlines normalised to ``\\n`` (and a UTF-8 BOM removed), nothing else
changed.

>>> a = Article.from_text("العنوان هنا\\nالفقرة الأولى من الخبر.\\nالفقرة الثانية.")
>>> a.title, len(a.paragraphs), a.text[a.title_span[0]:a.title_span[1]]
('العنوان هنا', 2, 'العنوان هنا')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import ArticleError
from .tokenise import ARABIC_LETTERS, Token, paragraph_spans, sentence_spans, word_spans

__all__ = ["Article", "as_article", "read_article", "decode_auto", "check_arabic", "slugify", "MAX_BYTES"]

#: Largest article accepted (bytes of the file / UTF-8 text).  News articles are
#: a few kB; a multi-megabyte "article" is a corpus dump or a mistake.
MAX_BYTES = 1_000_000

_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def check_arabic(text: str, *, source: str = "text") -> str:
    """Raise :class:`ArticleError` unless ``text`` is non-empty, mostly-Arabic prose.

    Accepts mixed Arabic/English text as long as at least a quarter of the
    letters are Arabic and there are at least two Arabic words' worth of letters.

    >>> check_arabic("Hello world")
    Traceback (most recent call last):
    ...
    arabic_news.errors.ArticleError: text is not Arabic: 0 of 10 letters are Arabic
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    if "\x00" in text:
        raise ArticleError(f"{source} looks binary (contains NUL bytes), not an article")
    if not text.strip():
        raise ArticleError(f"{source} is empty" + (" (whitespace only)" if text else ""))
    letters = len(_LETTER_RE.findall(text))
    arabic = len(_ARABIC_RE.findall(text))
    if arabic < 4 or arabic < 0.25 * letters:
        detail = f"{arabic} of {letters} letters are Arabic"
        if letters == 0:
            detail = "it has no letters (only digits, marks or punctuation)"
        raise ArticleError(f"{source} is not Arabic: {detail}")
    return text


def slugify(name: str) -> str:
    """A filesystem- and URL-safe slug for an article name.

    >>> slugify("iraq-nato security_cooperation.txt")
    'iraq-nato-security-cooperation'
    >>> slugify("مقال <script>.txt")  # non-ASCII names get a hash, so they stay distinct
    'script-8398bb38'
    """
    import hashlib

    stem = name[:-4] if name.lower().endswith(".txt") else name
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")
    if len(slug) < 3 or not re.search(r"[a-z]", slug) or not stem.isascii():
        slug = (slug + "-" if slug else "article-") + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return slug


@dataclass(frozen=True)
class Article:
    """A news article: its text, headline and paragraphs, with offsets into ``text``.

    Attributes
    ----------
    text : str
        The whole article (newlines normalised).  All offsets index this string.
    title : str or None
        The first non-empty line when there is more than one, else ``None``
        (SANAD files are a single line with no headline).
    paragraphs : tuple of str
        The non-empty body lines (the headline excluded).
    path : pathlib.Path or None
    title_span : tuple of int or None
        ``(start, end)`` of the headline in ``text``.
    paragraph_spans : tuple of (int, int)
        ``(start, end)`` of each body paragraph in ``text``.
    encoding : str or None
        The encoding the file was decoded with (``None`` for text given as a string).
    """

    text: str
    title: str | None
    paragraphs: tuple[str, ...]
    path: Path | None = None
    title_span: tuple[int, int] | None = None
    paragraph_spans: tuple[tuple[int, int], ...] = field(default=())
    encoding: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        path: str | os.PathLike[str] | None = None,
        source: str | None = None,
        encoding: str | None = None,
    ) -> Article:
        """Build an article from a string (same rules as :func:`read_article`)."""
        if not isinstance(text, str):
            raise TypeError(f"expected article text as str, got {type(text).__name__}")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        src = source or (str(path) if path else "text")
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise ArticleError(
                f"{src} is too large for one article ({len(text.encode('utf-8')) / 1e6:.1f} MB > "
                f"{MAX_BYTES / 1e6:.0f} MB); split it into articles"
            )
        check_arabic(text, source=src)
        spans = paragraph_spans(text)
        if len(spans) > 1:
            t0, t1, title = spans[0]
            body = spans[1:]
            title_span: tuple[int, int] | None = (t0, t1)
        else:
            title, title_span, body = None, None, spans
        return cls(
            text=text,
            title=title,
            paragraphs=tuple(p for _, _, p in body),
            path=Path(path) if path else None,
            title_span=title_span,
            paragraph_spans=tuple((s, e) for s, e, _ in body),
            encoding=encoding,
        )

    # -- computed once per article, shared by every analysis (one document object travels down) --

    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every sentence in ``text``: the headline first (if any), then the body's.

        Sentences never cross a paragraph (or headline) boundary.

        >>> a = Article.from_text("عنوان الخبر\\nقال الوزير. ثم غادر.")
        >>> [a.text[s:e] for s, e in a.sentence_spans]
        ['عنوان الخبر', 'قال الوزير.', 'ثم غادر.']
        """
        blocks = ([self.title_span] if self.title_span else []) + list(self.paragraph_spans)
        out: list[tuple[int, int]] = []
        for b0, b1 in blocks:
            out.extend((b0 + s, b0 + e) for s, e, _ in sentence_spans(self.text[b0:b1]))
        return tuple(out)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every word of ``text`` with its sentence and paragraph index (headline: paragraph ``-1``).

        >>> a = Article.from_text("عنوان الخبر\\nقال الوزير. ثم غادر.")
        >>> [(t.text, t.sentence, t.paragraph) for t in a.tokens][-2:]
        [('ثم', 2, 0), ('غادر', 2, 0)]
        """
        sents = self.sentence_spans
        paras = self.paragraph_spans
        out: list[Token] = []
        si = pi = 0
        for s, e, w in word_spans(self.text):
            while si < len(sents) and sents[si][1] <= s:
                si += 1
            while pi < len(paras) and paras[pi][1] <= s:
                pi += 1
            sent = si if si < len(sents) and sents[si][0] <= s else -1
            para = pi if pi < len(paras) and paras[pi][0] <= s else -1
            out.append(Token(s, e, w, sent, para))
        return tuple(out)

    @property
    def body(self) -> str:
        """The text after the headline (all of it when there is no headline)."""
        return self.text[self.title_span[1] :].lstrip("\n") if self.title_span else self.text

    @property
    def body_start(self) -> int:
        """Offset in ``text`` where the body starts."""
        return self.paragraph_spans[0][0] if self.paragraph_spans else 0

    @property
    def slug(self) -> str:
        """Slug for file and report names (from the file name, else 'article')."""
        return slugify(self.path.name) if self.path else "article"

    @property
    def name(self) -> str:
        return self.path.name if self.path else "<text>"


def as_article(text_or_article: str | Article) -> Article:
    """The one conversion every analysis uses: an :class:`Article` as is, a string validated.

    >>> as_article("خبر قصير عن الاقتصاد اليوم").title is None
    True
    >>> as_article(3)
    Traceback (most recent call last):
    ...
    TypeError: expected an Article or str, got int
    """
    if isinstance(text_or_article, Article):
        return text_or_article
    if isinstance(text_or_article, str):
        return Article.from_text(text_or_article)
    raise TypeError(f"expected an Article or str, got {type(text_or_article).__name__}")


#: Share of decoded letters that must be Arabic for a CP-1256 guess to be accepted.
CP1256_MIN_ARABIC = 0.60


def decode_auto(raw: bytes, *, name: str = "file") -> tuple[str, str]:
    """Decode article bytes, guessing among UTF-8 (BOM or not), UTF-16 with a BOM and CP-1256.

    Returns ``(text, encoding)``.  CP-1256 is accepted only when at least
    :data:`CP1256_MIN_ARABIC` of the decoded letters are in the Arabic block,
    so that a Latin-1 or random byte file is not passed off as Arabic.

    >>> decode_auto("سلام عليكم".encode("cp1256"))[1]
    'cp1256'
    >>> decode_auto("\ufeffسلام".encode("utf-8"))[1]
    'utf-8-sig'
    >>> decode_auto("سلام".encode("utf-16"))[1]
    'utf-16'
    """
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise ArticleError(
                f"{name} starts with a UTF-16 byte-order mark but is not valid UTF-16 (byte {e.start})"
            ) from None
    if b"\x00" in raw:
        raise ArticleError(f"{name} looks binary (contains NUL bytes), not a text article")
    if raw.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    else:
        enc = "utf-8"
    try:
        return raw.decode(enc), enc
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        letters = _LETTER_RE.findall(text)
        arabic = sum(1 for c in letters if _ARABIC_RE.match(c))
        if letters and arabic / len(letters) >= CP1256_MIN_ARABIC:
            return text, "cp1256"
        raise ArticleError(
            f"{name} is neither UTF-8 (byte {utf8_error.start}: {raw[utf8_error.start : utf8_error.start + 1]!r}), "
            f"UTF-16 with a byte-order mark, nor Arabic CP-1256 "
            f"({arabic} of {len(letters)} decoded letters Arabic, {CP1256_MIN_ARABIC:.0%} needed)"
        ) from None


def read_article(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Article:
    """Read an article file.

    Parameters
    ----------
    path : str or path-like
        A text file; relative paths are taken relative to the current
        directory first, then to the project root.
    encoding : str, default "utf-8"
        UTF-8 is read with or without a BOM.  Legacy Arabic files are often
        ``"cp1256"`` (Windows-1256).  ``"auto"`` guesses among UTF-8, UTF-16
        with a BOM and CP-1256 (see :func:`decode_auto`); the encoding used is
        kept in :attr:`Article.encoding`.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    ArticleError (a ValueError)
        The file is not valid in ``encoding``, is binary, empty, whitespace
        only, too large, or not Arabic.

    Examples
    --------
    >>> from arabic_news.paths import project_root
    >>> a = read_article(project_root() / "seeds" / "iraq-nato-security-cooperation.txt")
    >>> a.title
    'العراق يؤكد رغبته بالاستفادة من خبرات الناتو الأمنية'
    """
    p = Path(path)
    if not p.exists() and not p.is_absolute():
        from .paths import resolve

        alt = resolve(p)
        if alt.exists():
            p = alt
    if not p.exists():
        raise FileNotFoundError(f"article not found: {path}")
    if p.is_dir():
        raise ArticleError(f"{path} is a folder, not an article file")
    import codecs

    if encoding == "auto":
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                f"{p.name} is too large for one article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); split it into articles"
            )
        text, used = decode_auto(p.read_bytes(), name=p.name)
        return Article.from_text(text, path=p, source=p.name, encoding=used)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ArticleError(f"unknown encoding {encoding!r} for {p.name}") from None
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            f"{p.name} is too large for one article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); split it into articles"
        )
    raw = p.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and not encoding.lower().startswith("utf-16"):
        raise ArticleError(f"{p.name} is UTF-16 (it starts with a UTF-16 byte-order mark); pass encoding='utf-16'")
    if b"\x00" in raw and not encoding.lower().startswith("utf-16"):
        raise ArticleError(f"{p.name} looks binary (contains NUL bytes), not a text article")
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{p.name} is not valid {encoding} (byte {e.start}: {raw[e.start : e.start + 1]!r}); "
            f"if it is a legacy Arabic file, try encoding='cp1256' (or 'auto')"
        ) from None
    return Article.from_text(text, path=p, source=p.name, encoding=enc)
