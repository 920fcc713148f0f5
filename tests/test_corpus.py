"""Corpus loaders on small fixtures written here: SANAD (subset and full layout), folder-per-label, SaudiNewsNet zips."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from arabic_news.corpus import CorpusError, load_labelled_folder, load_sanad, load_saudinewsnet
from arabic_news.paths import DataNotFoundError

AR = "أعلنت الوزارة اليوم خطة جديدة لتطوير التعليم في المدارس الحكومية"


def _write(p: Path, data: bytes | str) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder-per-label corpus with every kind of bad entry."""
    root = tmp_path / "messy"
    _write(root / "Sports" / "0001.txt", "فاز الفريق بالمباراة النهائية أمس")
    _write(root / "Sports" / "0002.TXT", "\ufeffتعاقد النادي مع مدرب جديد\r\nللموسم المقبل")  # BOM, CRLF, upper suffix
    _write(root / "Politics" / "0001.txt", AR)
    _write(root / "Politics" / "notes.md", "ليست مقالة")
    _write(root / "Politics" / "empty.txt", "  \n ")
    _write(root / "Politics" / "binary.txt", b"\x00\x01\x02PNG")
    _write(root / "Politics" / "latin1.txt", "café".encode("latin-1"))
    _write(root / "Politics" / "nested" / "0009.txt", AR)
    _write(root / "README.md", "stray file at the top")
    return root


def test_labelled_folder_skips_bad_files_and_reports_why(messy: Path):
    """Non-.txt, empty, binary and non-UTF-8 files, stray files and nested folders are skipped with a reason."""
    c = load_labelled_folder(messy, show_progress=False)
    assert sorted(c.ids) == ["Politics/0001", "Sports/0001", "Sports/0002"]
    reasons = {Path(p).name: why for p, why in c.skipped}
    assert reasons["notes.md"] == "not a .txt file"
    assert reasons["empty.txt"] == "empty"
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["latin1.txt"] == "not valid UTF-8"
    assert reasons["nested"].startswith("sub-folder")
    assert reasons["README.md"].startswith("not a folder")
    assert "skipped" in c.report_skipped()


def test_labelled_folder_normalises_bom_and_crlf(messy: Path):
    """A UTF-8 BOM is dropped and CRLF becomes LF, so offsets match read_article."""
    c = load_labelled_folder(messy, show_progress=False)
    doc = next(d for d in c if d.id == "Sports/0002")
    assert doc.text == "تعاقد النادي مع مدرب جديد\nللموسم المقبل"
    assert doc.label == "Sports"


@pytest.mark.parametrize(
    "make",
    [
        lambda p: None,  # missing
        lambda p: p.mkdir(),  # empty folder
        lambda p: (p.mkdir(), (p / "Sports").mkdir()),  # label folder without files
        lambda p: (p.mkdir(), _write(p / "Sports" / "x.md", AR)),  # only non-text files
    ],
)
def test_empty_or_missing_corpus_is_a_clear_error(tmp_path: Path, make):
    """A missing folder or one without any article raises a one-line error naming the folder."""
    root = tmp_path / "corpus"
    make(root)
    with pytest.raises((CorpusError, DataNotFoundError)) as e:
        load_labelled_folder(root, show_progress=False)
    assert str(root) in str(e.value) and "\n" not in str(e.value)


def test_corpus_path_that_is_a_file_is_rejected(tmp_path: Path):
    """Passing a file where a corpus folder is expected names the problem."""
    f = tmp_path / "a.txt"
    _write(f, AR)
    with pytest.raises(CorpusError, match="not a folder"):
        load_labelled_folder(f)


def test_sanad_subset_layout(tmp_path: Path):
    """The lab's SANAD subset layout: <Class>/<NNNN>.txt, with SOURCE.md/MANIFEST beside the classes."""
    root = tmp_path / "sanad"
    for cls in ("Culture", "Sports"):
        _write(root / cls / "0003.txt", AR)
    _write(root / "SOURCE.md", "# source")
    _write(root / "MANIFEST.sha256", "abc  Culture/0003.txt")
    c = load_sanad(root, show_progress=False)
    assert c.ids == ["Culture/0003", "Sports/0003"]
    assert {d.outlet for d in c} == {"alkhaleej"}
    assert len(c.skipped) == 2


def test_sanad_full_download_layout(tmp_path: Path):
    """The full public SANAD: Khaleej/, Arabiya/, Akhbarona/ sub-folders (some with Train/Test) load with outlets."""
    root = tmp_path / "SANAD"
    _write(root / "Khaleej" / "Train" / "Sports" / "0001.txt", AR)
    _write(root / "Khaleej" / "Test" / "Sports" / "0002.txt", AR)
    _write(root / "Arabiya" / "Politics" / "0001.txt", AR)
    _write(root / "Akhbarona" / "Religion" / "0001.txt", AR)
    _write(root / "Akhbarona" / "Religion" / "bad.txt", b"\xff\xfe\x00")
    _write(root / "readme.txt", "top-level file")
    c = load_sanad(root, show_progress=False)
    assert c.name == "SANAD"
    by_id = {d.id: d for d in c}
    assert set(by_id) == {
        "Khaleej/Train/Sports/0001",
        "Khaleej/Test/Sports/0002",
        "Arabiya/Politics/0001",
        "Akhbarona/Religion/0001",
    }
    assert by_id["Arabiya/Politics/0001"].outlet == "alarabiya"
    assert by_id["Khaleej/Test/Sports/0002"].outlet == "alkhaleej"
    assert by_id["Akhbarona/Religion/0001"].label == "Religion"
    assert any(Path(p).name == "bad.txt" for p, _ in c.skipped)


def _snn_zip(path: Path, items: list[dict], inner: str = "2015-07-21.json") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(inner, json.dumps(items, ensure_ascii=False))


def test_saudinewsnet_zips(tmp_path: Path):
    """SaudiNewsNet zips load without unzipping; empty contents, non-zips and broken zips are reported."""
    root = tmp_path / "dataset"
    _snn_zip(
        root / "2015-07-21.zip",
        [
            {
                "source": "alwatan",
                "url": "http://www.alwatan.com.sa/Sports/News_Detail.aspx?ArticleID=1",
                "date_extracted": "2015-07-21 10:00:00",
                "title": "فوز الهلال",
                "author": "",
                "content": AR,
            },
            {
                "source": "3alyoum",
                "url": "http://www.3alyoum.com/sports/a/x/",
                "date_extracted": "2015-07-21 10:00:00",
                "title": "",
                "author": "",
                "content": "",
            },
        ],
    )
    _write(root / "notes.txt", "not a zip")
    _write(root / "2015-07-22.zip", b"PK broken")
    c = load_saudinewsnet(root, show_progress=False)
    assert len(c) == 1 and c[0].outlet == "alwatan" and c[0].title == "فوز الهلال" and c[0].label is None
    whys = " | ".join(why for _, why in c.skipped)
    assert "not a .zip file" in whys and "unreadable archive" in whys and "fewer than 1 content words" in whys
    assert len(load_saudinewsnet(root, sources=["alwatan"], show_progress=False)) == 1
    with pytest.raises(CorpusError, match="for sources"):
        load_saudinewsnet(root, sources=["okaz"], show_progress=False)


def test_sample_is_stratified_and_seeded(messy: Path):
    """Corpus.sample keeps at most n per label and the same seed gives the same sample."""
    c = load_labelled_folder(messy, show_progress=False)
    a, b = c.sample(1, seed=3), c.sample(1, seed=3)
    assert a.ids == b.ids and sorted(a.label_counts().values()) == [1, 1]
