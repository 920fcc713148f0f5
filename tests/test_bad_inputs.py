"""The bad-input suite: every command and the report build give a one-line error or a correct result.

Each input below goes through the real command line (a subprocess, as a user
runs it) and through the report builder.  Never a traceback, never a
half-written report, and one bad file never stops the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arabic_news.paths import project_root

ROOT = project_root()
SEED = ROOT / "seeds" / "iraq-nato-security-cooperation.txt"
SEED_TEXT = SEED.read_text("utf-8")
TOPIC_FIXTURES = ROOT / "tests" / "fixtures" / "topics"

# name -> (bytes, expected: substring of the one-line error, or None for "a correct result")
CASES: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "is empty"),
    "whitespace.txt": (b"  \n\t \n", "whitespace only"),
    "bom.txt": (b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"), None),
    "cp1256.txt": (SEED_TEXT.encode("cp1256"), "encoding='cp1256'"),
    "utf16.txt": (SEED_TEXT.encode("utf-16"), "UTF-16"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "huge.txt": ((SEED_TEXT + "\n").encode("utf-8") * 1100, "too large"),  # ~5 MB
    "latin.txt": (b"The minister said on Wednesday that the talks went well.\nA second paragraph.", "not Arabic"),
    "mixed.txt": (
        "أعلنت شركة Apple عن هاتف iPhone الجديد\nوقال المتحدث باسم الشركة إن الهاتف الجديد يمثل "
        "قفزة كبيرة في عالم التقنية والاتصالات.".encode(),
        None,
    ),
    "diacritics.txt": ("\u064e\u064f\u0650\u0651 \u064b\u064c\u0652".encode("utf-8"), "not Arabic"),
    "markup.txt": (
        "عنوان <script>alert(1)</script> &amp; &lt;b&gt;\nقال الوزير إن <b>الاتفاق</b> مهم &amp; "
        "ضروري للتعاون بين البلدين.".encode(),
        None,
    ),
    "long-sentence.txt": (
        " ".join(["أكد الوزير أن التعاون بين البلدين مهم جدا للأمن والاستقرار"] * 300).encode("utf-8"),
        None,
    ),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad-inputs")
    for name, (data, _) in CASES.items():
        (d / name).write_bytes(data)
    return d


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ, ARABIC_NEWS_PROGRESS="0")
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "arabic_news", *args], capture_output=True, text=True, env=e, cwd=ROOT, timeout=600
    )


def check_records(proc: subprocess.CompletedProcess, files: list[Path]) -> list[dict]:
    """One JSON line per file in input order; errors are one-line and expected; good files succeed."""
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert len(lines) == len(files), proc.stdout + proc.stderr
    recs = [json.loads(line) for line in lines]
    for rec, f in zip(recs, files):
        assert rec["file"] == str(f)
        expected = CASES[f.name][1]
        if expected is None:
            assert "error" not in rec, f"{f.name}: {rec.get('error')}"
        else:
            assert "error" in rec, f"{f.name} should fail"
            assert expected in rec["error"] and "\n" not in rec["error"], rec["error"]
    assert proc.returncode == 1  # some files failed, the rest ran
    return recs


def files_of(d: Path) -> list[Path]:
    return [d / n for n in CASES]


def test_keywords_cli(bad_dir):
    """`keywords` gives a result or a one-line error for every bad input (YAKE: no corpus needed)."""
    files = files_of(bad_dir)
    recs = check_records(run_cli("keywords", "--method", "yake", "--json", *map(str, files)), files)
    by = {Path(r["file"]).name: r for r in recs}
    assert by["bom.txt"]["keywords"] and by["mixed.txt"]["keywords"]


def test_rhetoric_cli(bad_dir):
    """`rhetoric` handles every bad input; markup in the text is data, kept verbatim in the offsets."""
    files = files_of(bad_dir)
    recs = check_records(run_cli("rhetoric", "--json", *map(str, files)), files)
    by = {Path(r["file"]).name: r for r in recs}
    assert any(a["cue"] == "قال" for a in by["markup.txt"]["attributions"])
    assert len(by["bom.txt"]["attributions"]) >= 5
    assert len(by["long-sentence.txt"]["attributions"]) >= 1


@pytest.fixture(scope="module")
def tiny_topic_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("topic-model") / "tiny.skops"
    proc = run_cli("topics", "train", "--corpus", str(TOPIC_FIXTURES / "train"), "--out", str(out), "--seed", "0")
    assert proc.returncode == 0, proc.stderr
    return out


def test_topics_predict_cli(bad_dir, tiny_topic_model):
    """`topics predict` handles every bad input with a model given explicitly."""
    files = files_of(bad_dir)
    recs = check_records(
        run_cli("topics", "predict", "--model", str(tiny_topic_model), "--json", *map(str, files)), files
    )
    good = [r for r in recs if "error" not in r]
    assert all(abs(sum(r["probabilities"].values()) - 1) < 1e-3 for r in good)


def test_corrupted_model_file(bad_dir, tmp_path):
    """A corrupted model file is named in a one-line error, not a skops/zip traceback."""
    bad_model = tmp_path / "model.skops"
    bad_model.write_bytes(b"PK\x03\x04 not really a zip")
    proc = run_cli("topics", "predict", "--model", str(bad_model), "--json", str(bad_dir / "bom.txt"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout
    msg = (proc.stdout + proc.stderr).strip().splitlines()
    assert any("model.skops" in line for line in msg)


@pytest.mark.parametrize(
    "argv",
    [
        ["keywords", "--json"],  # default method needs the background corpus
        ["topics", "predict", "--json"],  # default model needs the corpora
    ],
)
def test_missing_data_folder(bad_dir, tmp_path, argv):
    """With ARABIC_NEWS_DATA pointing nowhere, the error names the setting; no traceback."""
    env = {"ARABIC_NEWS_DATA": str(tmp_path / "no-such-data"), "ARABIC_NEWS_CACHE": str(tmp_path / "cache")}
    proc = run_cli(*argv, str(bad_dir / "bom.txt"), env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    assert "ARABIC_NEWS_DATA" in out


#: The report build reads seeds with encoding="auto" (issue 11): a CP-1256 file and a UTF-16 file with a
#: byte-order mark are articles there, reported with their encoding, not failures as in the strict CLIs.
REPORT_BUILDS = {"cp1256.txt": "cp1256", "utf16.txt": "utf-16"}


def test_report_build_with_every_bad_input(bad_dir, tmp_path):
    """The report build lists each bad article as failed with its reason, builds the good ones, exits 0.

    Legacy CP-1256 and UTF-16 (with a BOM) files build, and the index names their encoding.
    """
    arts = files_of(bad_dir)
    out = tmp_path / "reports"
    nb = ROOT / "tests" / "fixtures" / "report" / "tiny.ipynb"
    proc = run_cli("report", "build", "--out", str(out), "--notebook", str(nb), "--json", *map(str, arts))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout
    recs = {
        Path(r["article"]).name: r for r in map(json.loads, [l for l in proc.stdout.splitlines() if l.startswith("{")])
    }
    index = (out / "index.html").read_text("utf-8")
    for name, (_, expected) in CASES.items():
        rec = recs[name]
        if name in REPORT_BUILDS:
            assert rec.get("error") is None, rec
            assert f'{name} <span class="enc">({REPORT_BUILDS[name]})</span>' in index, f"no encoding shown for {name}"
            continue
        if expected is None:
            assert rec["status"] in ("built", "ok", "skipped-ok") or rec.get("error") is None, rec
        else:
            assert expected in (rec.get("error") or ""), rec
            slug_dir = out / rec["slug"]
            assert not list(slug_dir.glob("*.html")), f"half-written report for {name}"
    assert "failed" in index and "<script>alert(1)</script>" not in index
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")], "temporary build folders left behind"
