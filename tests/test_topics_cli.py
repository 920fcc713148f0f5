"""``python -m arabic_news topics``: train -> predict -> evaluate round trip and error handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arabic_news.cli import main
from arabic_news.paths import project_root

FIX = project_root() / "tests" / "fixtures" / "topics"


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "tiny.skops"
    assert main(["topics", "train", "--corpus", str(FIX / "train"), "--out", str(out), "--seed", "0"]) == 0
    return out


def test_train_writes_a_model(model_file: Path, capsys):
    """train saves a skops model file."""
    assert model_file.is_file() and model_file.stat().st_size > 0


def test_train_json_summary(tmp_path: Path, capsys):
    """train --json reports documents and per-label counts."""
    out = tmp_path / "m.skops"
    assert (
        main(["topics", "train", "--corpus", str(FIX / "train"), "--out", str(out), "--json", "--classifier", "svc"])
        == 0
    )
    rec = json.loads(capsys.readouterr().out)
    assert rec["documents"] == 15 and rec["labels"] == {"Finance": 5, "Politics": 5, "Sports": 5}


def test_predict_json_lines_in_input_order(model_file: Path, capsys):
    """predict --json prints one {file, label, probabilities} per file, in input order; a bad file is a record."""
    files = sorted(str(p) for p in (FIX / "heldout").glob("*/*.txt"))
    rc = main(["topics", "predict", "--model", str(model_file), *files, str(FIX / "nope.txt"), "--json"])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rc == 1  # one file failed
    assert [r["file"] for r in lines] == files + [str(FIX / "nope.txt")]
    assert set(lines[0]) == {"file", "label", "probabilities"}
    assert "error" in lines[-1] and "\n" not in lines[-1]["error"]
    good = lines[:-1]
    correct = sum(r["label"] == Path(r["file"]).parent.name for r in good)
    assert correct >= 4  # tiny hand-written training set: most held-out paragraphs right
    for r in good:
        assert abs(sum(r["probabilities"].values()) - 1) < 1e-3


def test_predict_table(model_file: Path, capsys):
    """Without --json, predict prints a readable table."""
    f = str(FIX / "heldout" / "Sports" / "0000.txt")
    assert main(["topics", "predict", "--model", str(model_file), f]) == 0
    out = capsys.readouterr().out
    assert "runner-up" in out and "Sports" in out


def test_evaluate_json(model_file: Path, capsys):
    """evaluate --json prints accuracy, macro_f1, per-class scores and the confusion matrix."""
    assert main(["topics", "evaluate", "--model", str(model_file), "--corpus", str(FIX / "heldout"), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert set(rep) == {"accuracy", "macro_f1", "per_class", "confusion"}
    assert rep["confusion"]["labels"] == ["Finance", "Politics", "Sports"]
    assert sum(map(sum, rep["confusion"]["matrix"])) == 6
    assert set(rep["per_class"]["Sports"]) == {"precision", "recall", "f1", "support"}
    assert rep["accuracy"] >= 0.5


def test_corrupted_model_is_a_clean_failure(tmp_path: Path, capsys):
    """A corrupted model file fails with one 'error:' line and exit code 1, no traceback."""
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"\x00garbage")
    rc = main(["topics", "evaluate", "--model", str(bad), "--corpus", str(FIX / "heldout")])
    err = capsys.readouterr().err
    assert rc == 1 and "corrupted" in err and "Traceback" not in err


def test_missing_corpus_is_a_clean_failure(tmp_path: Path, capsys):
    """train/evaluate on a missing corpus folder fail with a one-line error naming it."""
    rc = main(["topics", "train", "--corpus", str(tmp_path / "none"), "--out", str(tmp_path / "m.skops")])
    err = capsys.readouterr().err
    assert rc == 1 and "corpus folder not found" in err
    rc = main(["topics", "evaluate", "--corpus", str(tmp_path / "none")])
    assert rc == 1 and "corpus folder not found" in capsys.readouterr().err


def test_single_label_corpus_cannot_be_trained(tmp_path: Path, capsys):
    """Training needs at least two labels."""
    (tmp_path / "c" / "Sports").mkdir(parents=True)
    (tmp_path / "c" / "Sports" / "1.txt").write_text("فاز الفريق بالمباراة", "utf-8")
    rc = main(["topics", "train", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "m.skops")])
    assert rc == 1 and "at least two labels" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["topics"],
        ["topics", "predict"],
        ["topics", "train", "--out", "x"],
        ["topics", "evaluate"],
        ["topics", "predict", "--bogus", "a.txt"],
    ],
)
def test_bad_usage_exits_2(argv):
    """Missing arguments or unknown options are usage errors (exit 2)."""
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
