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


@pytest.fixture(scope="session")  # once per test process: module scope re-ran it when xdist interleaved modules
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


def test_local_cluster_matches_inline(inline_run, tmp_path, capsys):
    """A real distributed.LocalCluster with two worker processes writes the same tables as the in-process loop."""
    _, ref = inline_run
    res = run_study(FIXTURE, tmp_path, n_workers=2, quick=True, partition_size=2, show_progress=True)
    assert res.partitions == 4 and res.skipped == 0
    _assert_same(_tables(tmp_path), ref)
    out = capsys.readouterr().out
    assert "local cluster with 2 workers" in out
    assert ("dashboard: http" in out and res.dashboard) or "no dashboard: install bokeh" in out
    # the cold caches were warmed on the client (study.warm) before the workers loaded them
    assert "warm-up" in out
    phases = json.loads((tmp_path / "run.json").read_text("utf-8"))["phase_seconds"]
    assert {"dedup", "warm-up wait", "worker model loading"} <= set(phases)


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
    assert json.loads((tmp_path / "run.json").read_text("utf-8"))["interrupted"] is True
    res = run_study(FIXTURE, tmp_path, scheduler="inline", quick=True, partition_size=2, show_progress=False)
    assert (res.skipped, res.partitions) == (2, 2)
    assert json.loads((tmp_path / "run.json").read_text("utf-8"))["interrupted"] is False
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


def _synthetic_tables(seed: int = 0) -> dict[str, pd.DataFrame]:
    """120 articles over 6 days and 2 outlets; lemma 'صعد' rises with the day, 'ثابت' is flat noise."""
    import numpy as np

    rng = np.random.default_rng(seed)
    arts, kps = [], []
    for i in range(120):
        day = i % 6
        aid = f"a{i}"
        arts.append({"id": aid, "outlet": "أ" if i % 2 else "ب", "date": f"2015-07-2{day} 10:00:00",
                     "topic": "Sports" if i % 3 else "Politics"})  # fmt: skip
        if rng.random() < 0.05 + 0.17 * day:
            kps.append({"id": aid, "rank": 1, "text": "صعود", "lemma": "صعد", "score": 1.0})
        if rng.random() < 0.4:
            kps.append({"id": aid, "rank": 2, "text": "ثابت", "lemma": "ثابت", "score": 1.0})
    return {"articles": pd.DataFrame(arts), "keyphrases": pd.DataFrame(kps)}


def test_keyphrase_trends_find_planted_rise_only():
    """The permutation test with FDR control flags the planted rising lemma and not the flat one."""
    from arabic_news.study.stats import keyphrase_trends

    tr = keyphrase_trends(_synthetic_tables(), min_articles=5, n_perm=300, seed=0).set_index("lemma")
    assert tr.loc["صعد", "trend"] == "rising" and tr.loc["صعد", "q"] < 0.05
    assert tr.loc["ثابت", "trend"] == "none"
    again = keyphrase_trends(_synthetic_tables(), min_articles=5, n_perm=300, seed=0).set_index("lemma")
    pd.testing.assert_frame_equal(tr, again)


def test_topic_mix_and_bootstrap_ci_contain_share():
    """Topic shares per outlet sum to one and every CI contains its point estimate."""
    from arabic_news.study.stats import topic_mix

    mix = topic_mix(_synthetic_tables(), by="outlet", n_boot=200, seed=1)
    assert mix.groupby("outlet")["share"].sum().round(9).eq(1).all()
    assert ((mix["low"] <= mix["share"]) & (mix["share"] <= mix["high"])).all()
    assert set(topic_mix(_synthetic_tables(), by="day", n_boot=20)["day"]) == {f"2015-07-2{d}" for d in range(6)}


def test_sourcing_markers_and_percentiles(inline_run):
    """Sourcing shares sum to one per group, densities have CIs, and an article is placed in percentiles."""
    from arabic_news.study.describe import describe_percentiles, describe_sourcing
    from arabic_news.study.stats import article_percentiles, marker_densities, sourcing_by_outlet

    _, t = inline_run
    arts = t["articles"].assign(outlet=lambda d: d["label"])
    tables = {**t, "articles": arts}
    sh = sourcing_by_outlet(tables, n_boot=50)
    assert sh.groupby("outlet")["share"].sum().round(9).eq(1).all()
    assert "statements" in describe_sourcing(sh) or describe_sourcing(sh) == ""
    dens = marker_densities(tables, n_boot=50)
    assert len(dens) == 2 * 4 and (dens["low"] <= dens["density"] + 1e-12).all()
    pct = article_percentiles(arts.iloc[0], tables)
    assert pct.set_index("measure").loc["words", "percentile"] > 0
    assert describe_percentiles(pct)


def test_describe_escapes_and_counts():
    """Result sentences escape corpus text and handle zero results."""
    from arabic_news.study.describe import describe_markers, describe_trends

    tr = pd.DataFrame({"lemma": ["x"], "text": ["<b>*x*</b>"], "slope": [-0.02], "q": [0.001], "trend": ["falling"]})
    s = describe_trends(tr)
    assert "&lt;b&gt;" in s and "<b>" not in s and "one falls" in s
    assert describe_markers(pd.DataFrame(columns=["outlet", "marker", "density", "low", "high"])).startswith("No ")


def test_runner_matches_per_article_functions(inline_run):
    """The batched partition path writes exactly the rows of the per-article reference (analyse_item) item by item."""
    from arabic_news.study.rows import analyse_item, empty_tables

    _, got = inline_run
    rows = empty_tables()
    for item in iter_source(FIXTURE):
        for table, r in analyse_item(item, quick=True).items():
            rows[table].extend(r)
    for t in TABLES:
        want = schema(t).empty_table().to_pandas() if not rows[t] else None
        if want is None:
            import pyarrow as pa

            want = pa.Table.from_pylist(rows[t], schema=schema(t)).to_pandas()
        pd.testing.assert_frame_equal(got[t].reset_index(drop=True), want, check_exact=True)


@pytest.mark.slow
def test_partition_matches_per_article_on_saudinewsnet_sample():
    """On 40 real SaudiNewsNet articles (long, no line breaks) one partition gives the per-article rows exactly."""
    from arabic_news.paths import data_path
    from arabic_news.study.batch import analyse_partition
    from arabic_news.study.rows import analyse_item, empty_tables

    src = data_path("corpora", "saudinewsnet", "dataset")
    items = []
    for it in iter_source(src):
        items.append(it)
        if len(items) == 40:
            break
    ref = empty_tables()
    for it in items:
        for k, v in analyse_item(it, quick=True).items():
            ref[k].extend(v)
    assert analyse_partition(items, quick=True) == ref


def test_skip_stage_leaves_columns_empty(tmp_path):
    """--skip persuasion leaves persuasive_share empty, keeps every other column, and names an unknown stage."""
    res = run_study(FIXTURE, tmp_path, scheduler="inline", quick=True, partition_size=4, skip=["persuasion"],
                    show_progress=False)  # fmt: skip
    assert res.stages == ("topic", "keyphrases", "attribution", "markers")
    arts = read_table(tmp_path, "articles")
    assert arts["persuasive_share"].isna().all() and arts["topic"].notna().all()
    run = json.loads((tmp_path / "run.json").read_text("utf-8"))
    assert "persuasion" not in run["stages"] and set(run["stage_cpu_ms_per_item"]) >= {"topic", "markers"}
    with pytest.raises(ValueError, match="unknown study stage"):
        run_study(FIXTURE, tmp_path, scheduler="inline", quick=True, skip=["sentiment"], show_progress=False)


def test_word_caches_are_trimmed_and_results_unchanged():
    """trim_word_caches empties only the package's memo caches above the limit; a stem is the same afterwards."""
    from arabic_news.stem import light_stem
    from arabic_news.study.batch import trim_word_caches

    light_stem.cache_clear()
    before = [light_stem(w) for w in ("والمدرسة", "بالمدارس", "للمعلمين")]
    assert light_stem.cache_info().currsize == 3
    assert trim_word_caches(limit=10**9) == 0 and light_stem.cache_info().currsize == 3
    assert trim_word_caches(limit=2) >= 1
    assert light_stem.cache_info().currsize == 0
    assert [light_stem(w) for w in ("والمدرسة", "بالمدارس", "للمعلمين")] == before


def _sample_cache(tmp_path, monkeypatch, inline_run, *, with_tables: bool):
    """An isolated cache holding a study-sample entry whose stored "dir" is stale (a moved cache)."""
    import shutil

    from arabic_news.study import sample

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path / "cache"))
    key = sample._sample_key(sample.QUICK_SAMPLE_SIZE, 0, True)
    out = tmp_path / "cache" / "study-sample" / key
    if with_tables:
        shutil.copytree(inline_run[0], out)
    entry = {"dir": str(tmp_path / "elsewhere" / key), "size": 7, "corpus_size": 7, "duplicates": {}}
    (tmp_path / "cache" / "study-sample").mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache" / "study-sample" / f"{key}.json").write_text(json.dumps(entry), "utf-8")
    return sample, out


def test_study_tables_read_the_cache_folder_not_the_stored_path(inline_run, tmp_path, monkeypatch):
    """A cache moved to another folder still gives the sample's tables (they were empty: the stored path was read)."""
    sample, out = _sample_cache(tmp_path, monkeypatch, inline_run, with_tables=True)
    monkeypatch.setattr(sample, "_build_sample", lambda *a: pytest.fail("the complete sample was rebuilt"))
    st = sample.study_tables(seed=0, quick=True)
    assert st.path == out
    _assert_same(st.tables, inline_run[1])


def test_study_tables_rebuild_when_the_entry_outlived_its_tables(inline_run, tmp_path, monkeypatch):
    """An entry whose tables are gone is rebuilt instead of giving empty tables."""
    import shutil

    sample, out = _sample_cache(tmp_path, monkeypatch, inline_run, with_tables=False)
    calls = []

    def rebuild(n, seed, quick, key):
        calls.append(key)
        shutil.copytree(inline_run[0], out, dirs_exist_ok=True)
        return {"dir": str(out), "size": 7, "corpus_size": 7, "duplicates": {}}

    monkeypatch.setattr(sample, "_build_sample", rebuild)
    st = sample.study_tables(seed=0, quick=True)
    assert len(calls) == 1
    assert len(st["articles"]) == len(inline_run[1]["articles"]) > 0


def test_free_heap_pages_go_back_to_the_system():
    """After a partition, freed C-heap pages held between surviving objects are returned (glibc's malloc_trim).

    Without the call, a worker's resident size keeps every partition's high-water mark."""
    import sys

    import psutil

    from arabic_news.study.batch import release_free_memory

    if not sys.platform.startswith("linux"):
        pytest.skip("malloc_trim is glibc's")
    proc = psutil.Process()
    blocks = [bytearray(4000) for _ in range(50_000)]  # about 200 MB of heap
    keep = blocks[::64]  # survivors scattered through it: free() alone cannot shrink the heap
    del blocks
    before = proc.memory_info().rss
    assert release_free_memory() is True
    assert before - proc.memory_info().rss > 100 * 2**20
    assert len(keep) == 782
