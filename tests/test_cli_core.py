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


def test_encoding_option_reads_legacy_files(capsys):
    """--encoding auto (clikit.add_input_options) reads a CP-1256 file that the strict default refuses."""
    from pathlib import Path

    legacy = str(Path(__file__).parent / "fixtures" / "articles" / "legacy-cp1256.txt")
    assert main(["rhetoric", legacy, "--json"]) == 1
    err = json.loads(capsys.readouterr().out.strip().splitlines()[0])
    assert "not valid utf-8" in err["error"] and "auto" in err["error"]
    assert main(["rhetoric", legacy, "--json", "--encoding", "auto"]) == 0
    rec = json.loads(capsys.readouterr().out.strip().splitlines()[0])
    assert rec["file"] == legacy and "error" not in rec


def test_read_input_uses_the_namespace_encoding(tmp_path):
    """clikit.read_input takes the --encoding of a parsed Namespace."""
    import argparse

    from arabic_news.clikit import add_input_options, read_input

    p = tmp_path / "a.txt"
    p.write_bytes("عنوان\nنص الخبر القصير هنا".encode("cp1256"))
    parser = argparse.ArgumentParser()
    add_input_options(parser)
    assert read_input(str(p), parser.parse_args(["--encoding", "auto"])).encoding == "cp1256"
