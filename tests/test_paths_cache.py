"""The data setting and the cache."""

import json

import pytest

from arabic_news.cache import cached, code_fingerprint, data_fingerprint, fingerprint
from arabic_news.paths import DATA_ENV, DataNotFoundError, data_path, data_root, project_root, resolve


def test_project_root_has_seeds():
    assert (project_root() / "seeds").is_dir() and (project_root() / "pyproject.toml").is_file()


def test_resolve_relative_to_root(tmp_path, monkeypatch):
    """Notebook parameters resolve against the project root whatever the working directory."""
    monkeypatch.chdir(tmp_path)
    assert resolve("seeds").resolve() == (project_root() / "seeds").resolve()


def test_default_data_is_shared_sibling(monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert data_root(must_exist=False) == (project_root() / ".." / "shared").resolve()


def test_missing_data_folder_says_what_to_set(monkeypatch, tmp_path):
    """A missing data folder names the setting to change."""
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(DataNotFoundError, match=f"Set the environment variable {DATA_ENV}"):
        data_root()
    with pytest.raises(DataNotFoundError, match=DATA_ENV):
        data_path("corpora", "sanad_khaleej")


def test_missing_subfolder(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    with pytest.raises(DataNotFoundError, match="corpora/sanad_khaleej not found"):
        data_path("corpora", "sanad_khaleej")


def test_cache_builds_once(tmp_path, monkeypatch):
    """A cached step runs once; the second call loads the stored value."""
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"n": 3}

    key = fingerprint("x", seed=0)
    assert cached("t", key, build) == {"n": 3}
    assert cached("t", key, build) == {"n": 3}
    assert len(calls) == 1
    assert cached("t", fingerprint("x", seed=1), build) == {"n": 3} and len(calls) == 2


def test_corrupt_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    key = fingerprint("y")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / f"{key}.json").write_text("{not json")
    assert cached("t", key, lambda: [1]) == [1]
    assert json.loads((tmp_path / "t" / f"{key}.json").read_text()) == [1]


def test_fingerprints_change_with_inputs(tmp_path):
    """Data and code fingerprints change when their inputs change."""
    (tmp_path / "a.txt").write_text("x")
    f1 = data_fingerprint(tmp_path)
    (tmp_path / "b.txt").write_text("y")
    assert data_fingerprint(tmp_path) != f1
    assert code_fingerprint("arabic_news.normalise") != code_fingerprint("arabic_news.tokenise")
    assert fingerprint(1, a=2) != fingerprint(1, a=3)


def test_concurrent_builders_build_once(tmp_path, monkeypatch):
    """Two processes asking for the same missing entry build it once; the other waits and loads it."""
    import subprocess
    import sys

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    script = (
        "import time, pathlib, sys\n"
        "from arabic_news.cache import cached\n"
        "def build():\n"
        "    with open(sys.argv[1], 'a') as f: f.write('built\\n')\n"
        "    time.sleep(1.5)\n"
        "    return {'v': 1}\n"
        "print(cached('race', 'k', build))\n"
    )
    log = tmp_path / "builds.log"
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(log)], stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(o.strip() == "{'v': 1}" for o in outs)
    assert log.read_text().count("built") == 1


def test_atomic_write_makes_ordinary_readable_files(tmp_path):
    """Files written atomically (reports, index, cache entries) get the usual umask permissions, not 0600."""
    import os

    from arabic_news.cache import atomic_write

    target = tmp_path / "index.html"
    atomic_write(target, lambda tmp: tmp.write_text("x"))
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "x" and (target.stat().st_mode & 0o777) == (0o666 & ~umask)
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_data_fingerprint_ignores_modification_times(tmp_path):
    """A fresh clone or a checkout resets modification times: the fingerprint follows content, not mtime."""
    import os

    f = tmp_path / "words.txt"
    f.write_text("أمن\nسلام\n", "utf-8")
    before_file, before_dir = data_fingerprint(f), data_fingerprint(tmp_path)
    os.utime(f, (1_000_000_000, 1_000_000_000))
    assert data_fingerprint(f) == before_file and data_fingerprint(tmp_path) == before_dir
    f.write_text("أمن\nحرب\n", "utf-8")  # same size, other content
    assert data_fingerprint(f) != before_file and data_fingerprint(tmp_path) != before_dir
