"""Conventions shared by every `python -m arabic_news` command."""

import json
import subprocess
import sys

import pytest

from arabic_news.cli import format_table, main, run_files


def process(item):
    if item == "bad":
        raise ValueError("bad.txt is not Arabic: 0 of 5 letters are Arabic")
    if item == "boom":
        raise RuntimeError("deep library failure\nwith two lines")
    return {"file": item, "n": len(item)}


def test_json_lines_in_order_with_error_records(capsys):
    """One JSON object per input, in input order; a failure is a one-line error record; exit 1."""
    code = run_files(["a", "bad", "ccc", "boom"], process, as_json=True, table=lambda r: "")
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [o["file"] for o in out] == ["a", "bad", "ccc", "boom"]
    assert out[1] == {"file": "bad", "error": "bad.txt is not Arabic: 0 of 5 letters are Arabic"}
    assert out[3]["error"] == "RuntimeError: deep library failure with two lines"
    assert out[2] == {"file": "ccc", "n": 3}


def test_all_good_exit_zero_and_table(capsys):
    code = run_files(
        ["a", "bb"],
        process,
        as_json=False,
        table=lambda rows: format_table([(r["file"], r["n"]) for r in rows], ["file", "n"]),
    )
    out = capsys.readouterr().out
    assert code == 0 and "file" in out.splitlines()[0] and "bb" in out


def test_bad_usage_exits_2():
    """Unknown commands and options are usage errors (exit 2)."""
    with pytest.raises(SystemExit) as e:
        main(["no-such-command"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main([])
    assert e.value.code == 2


def test_module_entry_point_version():
    r = subprocess.run([sys.executable, "-m", "arabic_news", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "arabic_news" in r.stdout
