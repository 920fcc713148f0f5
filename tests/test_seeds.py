"""The seed article is the one the lab was founded on, unchanged."""

import hashlib

import pytest

from arabic_news import read_article
from arabic_news.paths import project_root

SEED = "iraq-nato-security-cooperation.txt"
SHA256 = "37f086cc1eb1400c910da106f729cf2e3b2ab52077f7b77ad8e03c88124b1068"


def test_seed_checksum():
    """seeds/ holds the founding article byte for byte."""
    data = (project_root() / "seeds" / SEED).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256


def test_seed_matches_shared_copy():
    """The project's copy equals the one in the data folder (when that folder is present)."""
    from arabic_news.paths import data_root

    try:
        shared = data_root() / "seeds" / SEED
    except FileNotFoundError:
        pytest.skip("data folder not available")
    if not shared.exists():
        pytest.skip("data folder has no seeds/")
    assert shared.read_bytes() == (project_root() / "seeds" / SEED).read_bytes()


def test_seed_reads_as_article():
    """The seed has a headline and eight body paragraphs."""
    a = read_article(project_root() / "seeds" / SEED)
    assert a.title.startswith("العراق يؤكد")
    assert len(a.paragraphs) == 8


def test_only_txt_files_are_articles():
    """Everything in seeds/ other than *.txt is documentation, not an article."""
    others = [p.name for p in (project_root() / "seeds").iterdir() if p.suffix != ".txt"]
    assert set(others) <= {"README.md"}
