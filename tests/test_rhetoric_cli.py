"""`python -m arabic_news rhetoric`: JSON Lines records, per-file errors, exit codes, offsets round trip."""

from __future__ import annotations

import json
import subprocess
import sys

from arabic_news import read_article
from arabic_news.cli import main
from arabic_news.paths import project_root

SEED = "seeds/iraq-nato-security-cooperation.txt"
FIELDS = [
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_id",
    "source_type",
    "content",
    "content_start",
    "content_end",
]


def run(capsys, *argv):
    code = main(["rhetoric", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_record_round_trip(capsys):
    """--json gives one object per file whose offsets index the article text (headline included)."""
    code, out, _ = run(capsys, "--json", SEED)
    assert code == 0
    rec = json.loads(out.strip())
    assert rec["file"] == SEED and set(rec) == {"file", "attributions", "markers", "densities"}
    text = read_article(SEED).text
    assert rec["attributions"], "the seed has attributions"
    for a in rec["attributions"]:
        assert all(k in a for k in FIELDS)
        assert text[a["cue_start"] : a["cue_end"]] == a["cue"]
        assert text[a["content_start"] : a["content_end"]] == a["content"]
        if not a["implicit"]:
            assert text[a["speaker_start"] : a["speaker_end"]] == a["speaker"]
    for m in rec["markers"]:
        assert set(m) == {"kind", "text", "start", "end"} and text[m["start"] : m["end"]] == m["text"]
    assert set(rec["densities"]) == {"booster", "hedge", "emphasis", "evaluative", "words"}


def test_bad_file_gives_error_record_and_exit_1(capsys, tmp_path):
    """A missing or non-Arabic file yields a one-line error record; the other files still run; exit 1."""
    english = tmp_path / "en.txt"
    english.write_text("Hello world, this is English.", encoding="utf-8")
    code, out, err = run(capsys, "--json", str(tmp_path / "missing.txt"), str(english), SEED)
    lines = [json.loads(x) for x in out.strip().splitlines()]
    assert code == 1 and len(lines) == 3
    assert "error" in lines[0] and "not found" in lines[0]["error"]
    assert "error" in lines[1] and "not Arabic" in lines[1]["error"]
    assert "attributions" in lines[2]
    assert "Traceback" not in err


def test_table_output(capsys):
    """Without --json, a readable table with speaker ids and densities."""
    code, out, _ = run(capsys, SEED)
    assert code == 0 and "S1" in out and "markers per 100 words" in out


def test_usage_error_exit_2():
    """No FILE argument is a usage error (exit 2)."""
    r = subprocess.run(
        [sys.executable, "-m", "arabic_news", "rhetoric"], capture_output=True, text=True, cwd=project_root()
    )
    assert r.returncode == 2
