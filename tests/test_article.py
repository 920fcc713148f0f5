"""Reading articles: encodings, headline rule, offsets, and clear errors on bad input."""

import pytest

from arabic_news import Article, ArticleError, read_article
from arabic_news.article import MAX_BYTES, slugify

TEXT = "العنوان الرئيسي للخبر\nالفقرة الأولى من الخبر تقول شيئا.\n\nالفقرة الثانية تقول شيئا آخر."


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_headline_and_paragraphs(tmp_path):
    """First line is the headline when there is more than one non-empty line."""
    a = read_article(write(tmp_path, "a.txt", TEXT.encode("utf-8")))
    assert a.title == "العنوان الرئيسي للخبر"
    assert a.paragraphs == ("الفقرة الأولى من الخبر تقول شيئا.", "الفقرة الثانية تقول شيئا آخر.")
    assert a.text[slice(*a.title_span)] == a.title
    for (s, e), p in zip(a.paragraph_spans, a.paragraphs):
        assert a.text[s:e] == p


def test_single_line_has_no_title(tmp_path):
    """SANAD files are one line: no headline."""
    a = read_article(write(tmp_path, "s.txt", "دبي - الخليج: ارتفع مؤشر السوق اليوم .وقال المحلل".encode()))
    assert a.title is None and len(a.paragraphs) == 1 and a.body == a.text


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_utf8_bom_and_newlines(tmp_path, bom, newline):
    """UTF-8 with or without BOM; CRLF and CR become \\n; offsets index Article.text."""
    a = read_article(write(tmp_path, "b.txt", bom + TEXT.replace("\n", newline).encode("utf-8")))
    assert a.text == TEXT


def test_cp1256_suggested(tmp_path):
    """A legacy Windows-1256 file fails in UTF-8 with a hint, and reads with encoding='cp1256'."""
    p = write(tmp_path, "legacy.txt", TEXT.encode("cp1256"))
    with pytest.raises(ArticleError, match=r"legacy\.txt is not valid utf-8.*encoding='cp1256'"):
        read_article(p)
    assert read_article(p, encoding="cp1256").text == TEXT


def test_utf16_named(tmp_path):
    """UTF-16 is recognised by its byte-order mark and named."""
    p = write(tmp_path, "u16.txt", TEXT.encode("utf-16"))
    with pytest.raises(ArticleError, match="UTF-16.*encoding='utf-16'"):
        read_article(p)
    assert read_article(p, encoding="utf-16").title == "العنوان الرئيسي للخبر"


BAD = [
    (b"", "is empty"),
    (b"   \n\t\n", r"is empty \(whitespace only\)"),
    (b"\x00\x01\x02binary\xff", "binary|not valid"),
    (b"The minister said on Wednesday that talks went well.", "is not Arabic: 0 of"),
    ("\u064e\u064f\u0650\u0651".encode(), "is not Arabic: it has no letters"),
    (b"12345 67 ...", "is not Arabic"),
]


@pytest.mark.parametrize("data,msg", BAD, ids=["empty", "whitespace", "binary", "latin", "diacritics-only", "digits"])
def test_bad_articles(tmp_path, data, msg):
    """Bad input gets a clear one-line ArticleError (a ValueError) naming the file."""
    with pytest.raises(ArticleError, match=msg) as e:
        read_article(write(tmp_path, "bad.txt", data))
    assert "bad.txt" in str(e.value) and "\n" not in str(e.value)
    assert isinstance(e.value, ValueError)


def test_mixed_arabic_english_ok(tmp_path):
    """Mixed Arabic/English text is an article."""
    a = read_article(write(tmp_path, "m.txt", "أعلنت شركة Apple عن هاتف iPhone الجديد في مؤتمرها السنوي".encode()))
    assert "Apple" in a.text


def test_too_large(tmp_path):
    """A multi-megabyte file is refused with its size, not processed for minutes."""
    p = write(tmp_path, "big.txt", ("كلمة " * (MAX_BYTES // 5)).encode())
    with pytest.raises(ArticleError, match=r"too large.*MB"):
        read_article(p)


def test_missing_and_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="article not found"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(tmp_path)


def test_unknown_encoding(tmp_path):
    with pytest.raises(ArticleError, match="unknown encoding 'klingon'"):
        read_article(write(tmp_path, "a.txt", TEXT.encode()), encoding="klingon")


def test_from_text_and_script_text():
    """Text with markup is kept verbatim (escaping is the HTML layer's job)."""
    a = Article.from_text("عنوان <script>alert(1)</script>\nنص الخبر &amp; تفاصيله")
    assert "<script>" in a.title and a.path is None and a.slug == "article"


@pytest.mark.parametrize(
    "name,slug",
    [
        ("iraq-nato-security-cooperation.txt", "iraq-nato-security-cooperation"),
        ("My Article (2).txt", "my-article-2"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_hostile_and_arabic_names_are_safe_and_distinct():
    """Slugs of hostile or Arabic names are URL-safe and do not collide."""
    names = ["<script>alert(1)</script>.txt", "مقال.txt", "مقال آخر.txt", "../../etc/passwd"]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(slugs)
    for s in slugs:
        assert s and all(c.isascii() and (c.isalnum() or c == "-") for c in s)


# --- encoding="auto" (issue 11: encodings in batch) -------------------------------------
FRENCH = "Le ministre a déclaré que la coopération économique était très importante pour l'été prochain.\n" * 3


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # BOM written by Python's utf-16 codec
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1256"), "cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1256"],
)
def test_auto_accepts_arabic_encodings(tmp_path, data, encoding):
    """encoding='auto' reads UTF-8 with or without BOM, UTF-16 with a BOM and CP-1256, and records which."""
    art = read_article(write(tmp_path, "a.txt", data), encoding="auto")
    assert art.text == TEXT.replace("\r\n", "\n") and art.encoding == encoding
    assert art.title == "العنوان الرئيسي للخبر"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_auto_refuses_latin_text(tmp_path, codec):
    """French text in Latin-1/CP-1252 is not passed off as CP-1256 Arabic: one line naming the Arabic share."""
    p = write(tmp_path, "fr.txt", FRENCH.encode(codec))
    with pytest.raises(ArticleError) as e:
        read_article(p, encoding="auto")
    msg = str(e.value)
    assert "fr.txt" in msg and "CP-1256" in msg and "Arabic" in msg and "\n" not in msg


def test_auto_refuses_binary(tmp_path):
    """Binary bytes (NUL, no BOM) fail with a one-line reason under encoding='auto'."""
    p = write(tmp_path, "blob.txt", bytes(range(256)) * 4)
    with pytest.raises(ArticleError, match=r"blob\.txt looks binary"):
        read_article(p, encoding="auto")


def test_auto_refuses_broken_utf16(tmp_path):
    """A UTF-16 BOM followed by an odd byte count is reported as broken UTF-16."""
    p = write(tmp_path, "u16.txt", b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x00")
    with pytest.raises(ArticleError, match="UTF-16"):
        read_article(p, encoding="auto")


def test_default_stays_strict_utf8(tmp_path):
    """Without encoding='auto' a CP-1256 file is still refused (the default is strict UTF-8)."""
    p = write(tmp_path, "legacy.txt", TEXT.encode("cp1256"))
    with pytest.raises(ArticleError, match="not valid utf-8"):
        read_article(p)
