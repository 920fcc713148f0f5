"""Tests of the corpus study runner (arabic_news.study): sources, tables, Dask vs in-process, resume, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from arabic_news.study import SCHEMA_VERSION, TABLES, iter_source, read_table, run_study
from arabic_news.study.rows import persuasion_units
from arabic_news.study.schema import schema
from arabic_news.study.sources import SourceError

FIXTURE = Path(__file__).parent / "fixtures" / "study" / "corpus"
BAD = {"Politics/undecodable", "Sports/binary", "Sports/empty"}
GOOD = {"Politics/0001", "Politics/0002", "Sports/0001", "Sports/0002"}


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: read_table(out, t) for t in TABLES}


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t].reset_index(drop=True), b[t].reset_index(drop=True), check_exact=True)


@pytest.fixture(scope="module")
def inline_run(tmp_path_factory) -> tuple[Path, dict[str, pd.DataFrame]]:
    out = tmp_path_factory.mktemp("inline")
    run_study(FIXTURE, out, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    return out, _tables(out)


def test_folder_source_labels_and_errors():
    """A SANAD-layout folder yields one item per file, the class folder as label, bad files as errors."""
    items = list(iter_source(FIXTURE))
    assert {i.id for i in items} == GOOD | BAD
    assert {i.id for i in items if i.error} == BAD
    assert {i.label for i in items} == {"Politics", "Sports"}


def test_unknown_source_is_one_line_error(tmp_path):
    """A missing source or an unknown file kind raises SourceError naming it."""
    with pytest.raises(SourceError, match="not found"):
        list(iter_source(tmp_path / "nope"))
    (tmp_path / "x.csv").write_text("a,b\n", "utf-8")
    with pytest.raises(SourceError, match="unknown study source"):
        list(iter_source(tmp_path / "x.csv"))


def test_bad_files_become_error_rows(inline_run):
    """Empty, binary and undecodable files give one errors row each; the good articles get complete rows."""
    _, t = inline_run
    assert sorted(t["errors"]["id"]) == sorted(BAD)
    assert all("\n" not in e and e for e in t["errors"]["error"])
    arts = t["articles"]
    assert set(arts["id"]) == GOOD
    assert arts["topic"].notna().all() and (arts["words"] > 20).all()
    assert set(t["keyphrases"]["id"]) == GOOD
    assert (t["attributions"]["id"].isin(GOOD)).all() and len(t["attributions"]) >= 4


def test_schema_of_every_table(inline_run):
    """Every Parquet file carries the versioned schema of its table."""
    out, _ = inline_run
    for name in TABLES:
        files = sorted((out / name).glob("part-*.parquet"))
        assert len(files) == 4  # 7 items, 2 per partition
        for f in files:
            s = pq.read_schema(f)
            assert s.equals(schema(name), check_metadata=False)
            assert s.metadata[b"schema"].decode() == SCHEMA_VERSION
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["schema"] == SCHEMA_VERSION and run["quick"] is True


def test_attribution_counts_add_up(inline_run):
    """Per-article source-type and verb-strength counts sum to the article's attributions."""
    _, t = inline_run
    arts = t["articles"].set_index("id")
    src = arts[[c for c in arts if c.startswith("src_")]].sum(axis=1)
    verb = arts[[c for c in arts if c.startswith("verb_")]].sum(axis=1)
    assert (src == arts["attributions"]).all() and (verb == arts["attributions"]).all()
    per = t["attributions"].groupby("id").size().reindex(arts.index, fill_value=0)
    assert (per == arts["attributions"]).all()


def test_local_cluster_matches_inline(inline_run, tmp_path):
    """A real distributed.LocalCluster with two worker processes writes the same tables as the in-process loop."""
    _, ref = inline_run
    res = run_study(FIXTURE, tmp_path, n_workers=2, quick=True, partition_size=2, show_progress=False)
    assert res.partitions == 4 and res.skipped == 0
    _assert_same(_tables(tmp_path), ref)


def test_interrupted_run_resumes_to_identical_tables(inline_run, tmp_path):
    """A run stopped after two partitions, then restarted, skips them and ends identical to a clean run."""
    _, ref = inline_run

    class Stop(Exception):
        pass

    def stop_after_two(idx: int, seen: list[int] = []) -> None:  # noqa: B006 -- counter across calls
        seen.append(idx)
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        run_study(
            FIXTURE,
            tmp_path,
            scheduler="inline",
            quick=True,
            partition_size=2,
            show_progress=False,
            on_partition=stop_after_two,
        )
    assert len(list((tmp_path / "_state").glob("*.json"))) == 2
    res = run_study(FIXTURE, tmp_path, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    assert (res.skipped, res.partitions) == (2, 2)
    _assert_same(_tables(tmp_path), ref)
    again = run_study(FIXTURE, tmp_path, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    assert (again.skipped, again.partitions) == (4, 0)


def test_changed_partition_is_rerun(inline_run, tmp_path):
    """Changing one input file reruns only its partition; a smaller rerun removes stale partitions."""
    src = tmp_path / "corpus"
    for f in FIXTURE.rglob("*.txt"):
        (src / f.relative_to(FIXTURE)).parent.mkdir(parents=True, exist_ok=True)
        (src / f.relative_to(FIXTURE)).write_bytes(f.read_bytes())
    out = tmp_path / "out"
    run_study(src, out, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    p = src / "Sports" / "0002.txt"
    p.write_text(p.read_text("utf-8") + "\nوقال المدرب إن الفريق جاهز.\n", "utf-8")
    res = run_study(src, out, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    assert (res.skipped, res.partitions) == (3, 1)
    run_study(src, out, scheduler="inline", quick=True, partition_size=2, limit=3, show_progress=False)
    assert len(list((out / "articles").glob("*.parquet"))) == 2


def test_jsonl_and_parquet_sources_match(inline_run, tmp_path):
    """The same articles as JSON Lines and as Parquet give the same article rows as the folder."""
    _, ref = inline_run
    items = [i for i in iter_source(FIXTURE) if i.error is None]
    recs = [{"id": i.id, "text": i.text, "label": i.label} for i in items]
    jl = tmp_path / "c.jsonl"
    jl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n{not json\n", "utf-8")
    pqf = tmp_path / "c.parquet"
    pd.DataFrame(recs).to_parquet(pqf)
    want = ref["articles"].drop(columns=["title"]).reset_index(drop=True)
    for src, name in ((jl, "j"), (pqf, "p")):
        out = tmp_path / name
        run_study(src, out, scheduler="inline", quick=True, partition_size=3, show_progress=False)
        got = read_table(out, "articles").drop(columns=["title"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
    assert list(read_table(tmp_path / "j", "errors")["id"]) == ["c.jsonl:5"]


def test_saudinewsnet_zip_source(tmp_path):
    """A folder of SaudiNewsNet-style zips yields items with outlet, date and title."""
    import zipfile

    arts = [
        {"source": "صحيفة أ", "date_extracted": "2015-07-21 02:51:32", "title": "عنوان", "content": "خبر قصير هنا."},
        {"source": "صحيفة ب", "date_extracted": "2015-07-21 03:00:00", "title": "عنوان آخر", "content": ""},
    ]
    with zipfile.ZipFile(tmp_path / "2015-07-21.zip", "w") as z:
        z.writestr("2015-07-21.json", json.dumps(arts, ensure_ascii=False))
    (tmp_path / "2015-07-22.zip").write_bytes(b"not a zip")
    items = list(iter_source(tmp_path))
    assert [(i.id, i.outlet, i.error is None) for i in items[:2]] == [
        ("saudinewsnet/2015-07-21/0", "صحيفة أ", True),
        ("saudinewsnet/2015-07-21/1", "صحيفة ب", False),
    ]
    assert items[0].article_text == "عنوان\nخبر قصير هنا."
    assert items[2].error and "2015-07-22.zip" in items[2].error


def test_sentence_windows_for_single_line_bodies():
    """A one-line body is cut into 3-sentence windows; a body with line breaks keeps its paragraphs."""
    from arabic_news.article import Article

    one = Article.from_text("عنوان\n" + " ".join(f"جملة رقم {i} هنا." for i in range(7)))
    spans, kind = persuasion_units(one)
    assert (kind, len(spans)) == ("sentence-windows", 3)
    many = Article.from_text("عنوان\nفقرة أولى هنا.\nفقرة ثانية هنا.")
    assert persuasion_units(many)[1] == "lines"
