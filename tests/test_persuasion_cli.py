"""Tests for `python -m arabic_news persuasion predict` (JSON Lines in and out, per-line errors, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_news.cli import main
from arabic_news.persuasion.data import COARSE_CLASSES

FIX = Path(__file__).parent / "fixtures" / "persuasion"


def run(capsys, *args):
    code = main(["persuasion", "predict", *map(str, args)])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines() if line.strip()], out


def test_round_trip_keeps_ids_and_order(capsys):
    """Every input line yields one {id, label, score} line, in input order; exit 0."""
    code, recs, _ = run(capsys, FIX / "paragraphs.jsonl", "--json", "--quick")
    assert code == 0
    assert [r["id"] for r in recs] == ["p1", "p2", "p3", 4]
    assert all(set(r) == {"id", "label", "score"} and r["label"] in ("true", "false") for r in recs)


def test_malformed_lines_give_error_records_and_others_continue(capsys):
    """Bad JSON, non-objects, missing id/text and empty text become error records; exit 1."""
    code, recs, out = run(capsys, FIX / "malformed.jsonl", "--json", "--quick")
    assert code == 1
    good = [r for r in recs if "error" not in r]
    bad = [r for r in recs if "error" in r]
    assert [r["id"] for r in good] == ["ok1", "ok2"]
    assert [r["line"] for r in bad] == [2, 3, 4, 5, 7]
    assert any(r.get("id") == "no-text" and "text" in r["error"] for r in bad)
    assert "5 of 7 items failed" in out.err


def test_several_files_and_a_missing_one(capsys, tmp_path):
    """Several files are read in order; a missing file is one error record; exit 1."""
    code, recs, _ = run(
        capsys, FIX / "paragraphs.jsonl", tmp_path / "nope.jsonl", FIX / "paragraphs.jsonl", "--json", "--quick"
    )
    assert code == 1
    assert len(recs) == 9
    assert "not found" in recs[4]["error"]


def test_techniques_option_adds_coarse_probabilities(capsys):
    """--techniques adds a probability for every coarse class."""
    code, recs, _ = run(capsys, FIX / "paragraphs.jsonl", "--json", "--quick", "--techniques")
    assert code == 0 and all(list(r["techniques"]) == list(COARSE_CLASSES) for r in recs)


def test_table_output(capsys):
    """Without --json a table with a header row is printed."""
    code = main(["persuasion", "predict", str(FIX / "paragraphs.jsonl"), "--quick"])
    out = capsys.readouterr().out
    assert code == 0 and out.splitlines()[0].split()[:3] == ["id", "label", "score"] and "p2" in out


def test_bad_usage_exits_2():
    """No input file is bad usage (exit 2)."""
    with pytest.raises(SystemExit) as e:
        main(["persuasion", "predict"])
    assert e.value.code == 2


def test_missing_data_folder_is_a_one_line_error(capsys, tmp_path, monkeypatch):
    """With no data folder and no cached model, the command fails with a message naming ARABIC_NEWS_DATA."""
    monkeypatch.setenv("ARABIC_NEWS_DATA", str(tmp_path / "absent"))
    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path / "cache"))
    from arabic_news.persuasion import models

    monkeypatch.setattr(models, "_MEMO", {})
    code = main(["persuasion", "predict", str(FIX / "paragraphs.jsonl"), "--json", "--quick"])
    err = capsys.readouterr().err
    assert code == 1 and "ARABIC_NEWS_DATA" in err and len(err.strip().splitlines()) == 1
