"""Tests for the report builder: offline HTML, escaping, right-to-left, provenance, index, failures, skipping."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arabic_news.report import build as rb

# one pytest-xdist worker runs the whole module, so its module-scoped builds run once (make test: -n 2 --dist loadgroup)
pytestmark = pytest.mark.xdist_group("report")

FIXTURES = Path(__file__).parent / "fixtures" / "report"
TINY_NB = FIXTURES / "tiny.ipynb"
HOSTILE_TEXT = (
    "عنوان الخبر <script>alert(1)</script> &amp; النهاية\n"
    "هذه فقرة أولى من الخبر عن الناتو والعراق والتعاون الأمني.\n"
    "فقرة ثانية فيها <script>alert(2)</script> و &amp; رموز.\n"
)
GOOD_TEXT = "العراق والناتو\nبحث الوزير مع وفد الحلف سبل التعاون الأمني بين الجانبين.\n"
FAILING_TEXT = "خبر يفشل\nهذا الخبر يطلب من الدفتر أن يفشل FAIL عمدا.\n"
HOSTILE_NAME = '<script>alert(1)<script> & "x".txt'  # a file name cannot contain "/"


def _external_refs(page: str) -> list[str]:
    """Every src/href/url()/@import that would load something from outside the page."""
    refs = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page, re.I)
    refs += re.findall(r"""url\(\s*["']?([^"')]+)""", page, re.I)
    # allowed: in-page anchors, data: URLs, and relative links to files of the reports folder
    bad = [
        r
        for r in refs
        if not r.startswith(("#", "data:"))
        and (re.match(r"[a-zA-Z][\w+.-]*:|/", r) or ".." in r.replace("../index.html", ""))
    ]
    return bad + re.findall(r"""@import\s+["']?([^"';\s]+)""", page, re.I)


@pytest.fixture(scope="module", autouse=True)
def frozen_code_fingerprint():
    """Freeze the package-code part of the stamp (other work on the tree must not look like a change)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rb, "code_fingerprint", lambda *modules: "frozen-code")
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of three good-or-failing articles and four bad files with the tiny fixture notebook."""
    src = tmp_path_factory.mktemp("articles")
    out = tmp_path_factory.mktemp("reports")
    (src / "hostile.txt").write_text(HOSTILE_TEXT, "utf-8")
    (src / HOSTILE_NAME).write_text(GOOD_TEXT, "utf-8")
    (src / "failing.txt").write_text(FAILING_TEXT, "utf-8")
    (src / "empty.txt").write_text("", "utf-8")
    (src / "latin.txt").write_text("Only English words here, nothing Arabic at all.\n", "utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (src / "utf16.txt").write_bytes(GOOD_TEXT.encode("utf-16"))  # with a BOM: read by encoding="auto"
    (src / "legacy.txt").write_bytes(GOOD_TEXT.encode("cp1256"))
    (src / "undecodable.txt").write_bytes(b"caf\xe9 \xff\xfe ok " * 4)
    articles = sorted(src.glob("*.txt"))
    log: list[str] = []
    results = rb.build_reports(articles, out_root=out, notebooks=[TINY_NB], log=log.append)
    return {"src": src, "out": out, "results": {r.name: r for r in results}, "log": log, "articles": articles}


def test_good_articles_build_and_bad_ones_fail_with_reasons(built):
    """Good articles get reports; each bad file is failed with its one-line read_article message."""
    res = built["results"]
    assert res["hostile.txt"].ok and res[HOSTILE_NAME].ok
    expected = {
        "empty.txt": "empty",
        "latin.txt": "not Arabic",
        "binary.txt": "binary",
        "undecodable.txt": "neither UTF-8",
    }
    for name, word in expected.items():
        assert not res[name].ok
        assert word in res[name].error and "\n" not in res[name].error
        assert not list((built["out"] / res[name].slug).glob("*.html")), "no report for a bad article"


def test_build_reads_utf16_and_cp1256_and_shows_the_encoding(built):
    """Seeds are read with encoding="auto": UTF-16 with a BOM and CP-1256 build, and the index and provenance name the encoding."""
    res = built["results"]
    assert res["utf16.txt"].ok and res["legacy.txt"].ok
    assert (res["utf16.txt"].encoding, res["legacy.txt"].encoding, res["hostile.txt"].encoding) == (
        "utf-16",
        "cp1256",
        "utf-8",
    )
    index = (built["out"] / "index.html").read_text("utf-8")
    row = next(line for line in index.splitlines() if "legacy.txt" in line)
    assert "(cp1256)" in row
    page = (built["out"] / res["legacy.txt"].slug / "tiny.html").read_text("utf-8")
    assert '<dt dir="auto">encoding</dt>' in page and "cp1256" in page


def test_failing_notebook_marks_article_failed_without_stopping_others(built):
    """A notebook error fails only its article, with the exception in one line; no HTML is written for it."""
    r = built["results"]["failing.txt"]
    assert r.status == "failed"
    assert "tiny: RuntimeError: fixture failure requested" in r.error
    assert not (built["out"] / r.slug / "tiny.html").exists()
    assert not list(built["out"].glob(".tmp-*")), "temporary build folders are cleaned up"


def test_report_has_no_external_resources(built):
    """Reports and the index load nothing from outside: no scripts, CDN, MathJax or widget managers."""
    pages = [built["out"] / "index.html", built["out"] / "hostile" / "tiny.html"]
    for page in pages:
        text = page.read_text("utf-8")
        assert "<script" not in text.lower()
        assert _external_refs(text) == [], page
        assert "//cdn" not in text and "mathjax" not in text.lower() and "require.js" not in text


def test_article_text_is_escaped(built):
    """<script> and &amp; from the article reach the HTML escaped, never raw."""
    page = (built["out"] / "hostile" / "tiny.html").read_text("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; النهاية" in page


def test_hostile_file_name_is_escaped_in_index(built):
    """A file name containing markup is shown escaped in the index and its slug is safe."""
    index = (built["out"] / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;script&gt; &amp; &quot;x&quot;.txt" in index
    assert "<script>" not in index
    slug = built["results"][HOSTILE_NAME].slug
    assert re.fullmatch(r"[a-z0-9-]+", slug)


def test_rtl_attributes_and_arabic_font(built):
    """Arabic paragraphs get dir=auto, Arabic table cells dir=rtl, and Amiri is embedded as a data URL."""
    page = (built["out"] / "hostile" / "tiny.html").read_text("utf-8")
    assert '<p dir="auto">هذه فقرة عربية للاختبار.</p>' in page
    assert re.search(r'<td dir="rtl">هذه</td>', page)
    assert re.search(r"<td>1</td>", page), "number cells keep their default alignment"
    assert 'font-family: "Amiri"' in page and "url(data:font/ttf;base64," in page
    assert "unicode-bidi: plaintext" in page


def test_toc_index_link_provenance_and_hidden_code(built):
    """A report has a TOC, a link back to the index, a provenance block; code and stderr are hidden."""
    page = (built["out"] / "hostile" / "tiny.html").read_text("utf-8")
    assert 'class="lab-toc"' in page and 'href="#Headline"' in page
    assert 'href="../index.html"' in page
    for label in ("package", "git commit", "data fingerprint", "seed", "quick mode", "built (UTC)"):
        assert f'<dt dir="auto">{label}</dt>' in page
    assert "arabic_news 0." in page
    assert "from arabic_news import read_article" not in page, "code hidden by default"
    assert "progress bar noise" not in page, "stderr hidden"


def test_show_code_option_shows_code(built):
    """render_notebook(show_code=True) shows the code cells."""
    page = rb.render_notebook(built["out"] / "hostile" / "tiny.ipynb", title="t", show_code=True)
    assert "read_article" in page and "<script" not in page.lower()


def test_index_lists_reports_and_dossier_summary(built):
    """The index links each report and shows the dossier summary columns (escaped), dashes when absent."""
    index = (built["out"] / "index.html").read_text("utf-8")
    assert 'href="hostile/tiny.html"' in index
    assert "Politics (0.90)" in index
    assert "حلف &lt;b&gt;الناتو&lt;/b&gt;" in index
    row = next(line for line in index.splitlines() if "latin.txt" in line)
    assert "failed" in row and "not Arabic" in row and "\u2014" in row


def test_summary_json_lands_inside_the_report(built):
    """A notebook's output_dir() during a build is the report's folder (files move into place with it)."""
    summary = json.loads((built["out"] / "hostile" / "summary.json").read_text("utf-8"))
    assert summary["n_attributions"] == 2


def test_rebuild_skips_unchanged_and_rebuilds_changed(built, tmp_path):
    """Unchanged inputs are skipped; changing the article's bytes rebuilds it."""
    out, src = built["out"], built["src"]
    log: list[str] = []
    again = rb.build_reports(
        [src / "hostile.txt", src / "failing.txt"], out_root=out, notebooks=[TINY_NB], log=log.append
    )
    assert [r.status for r in again] == ["skipped-ok", "skipped-failed"]
    assert any("unchanged, skipped" in line for line in log)
    changed = src / "changed.txt"
    changed.write_text(GOOD_TEXT, "utf-8")
    first = rb.build_article(changed, out_root=out, notebooks=[TINY_NB], log=log.append)
    changed.write_text(GOOD_TEXT + "فقرة جديدة.\n", "utf-8")
    second = rb.build_article(changed, out_root=out, notebooks=[TINY_NB], log=log.append)
    assert first.status == "ok" and second.status == "ok" and first.stamp != second.stamp


def test_featured_article_gets_figures_folder():
    """Only the README's featured article is run with FIGURES="figures"."""
    assert rb.FEATURED_ARTICLE == "seeds/iraq-nato-security-cooperation.txt"


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<p>نص عربي</p>", '<p dir="auto">نص عربي</p>'),
        ('<p dir="ltr">x</p>', '<p dir="ltr">x</p>'),
        ("<pre>x</pre>", "<pre>x</pre>"),
        ("<li>English</li>", '<li dir="auto">English</li>'),
        ("<td>بغداد</td><td>12</td>", '<td dir="rtl">بغداد</td><td>12</td>'),
        ("<th>كلمة</th>", '<th dir="rtl">كلمة</th>'),
    ],
)
def test_postprocess_direction_rules(fragment, expected):
    """Paragraph-level direction is automatic; table cells with Arabic letters are right-to-left."""
    assert rb.postprocess_html("<body>" + fragment + "</body>") == "<body>" + expected + "</body>"


def test_output_dir_uses_build_folder_when_set(monkeypatch, tmp_path):
    """output_dir() follows ARABIC_NEWS_REPORT_DIR during a build."""
    monkeypatch.setenv(rb.REPORT_DIR_ENV, str(tmp_path / "x"))
    assert rb.output_dir("seeds/whatever.txt") == tmp_path / "x"


def test_cli_exits_zero_on_failed_articles_unless_strict(tmp_path):
    """`report build` exits 0 when an article fails (it is listed in the index), 1 with --strict."""
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", "utf-8")
    out = tmp_path / "rep"
    base = [
        sys.executable,
        "-m",
        "arabic_news",
        "report",
        "build",
        str(bad),
        "--out",
        str(out),
        "--notebook",
        str(TINY_NB),
    ]
    r = subprocess.run(base, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "bad article" in r.stdout and "Traceback" not in r.stdout + r.stderr
    assert (out / "index.html").is_file()
    r = subprocess.run(base + ["--strict", "--force"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1


def test_colliding_slugs_get_distinct_folders(tmp_path):
    """Two file names with the same slug ("a b.txt", "a-b.txt") do not overwrite each other's reports."""
    for name in ("same name.txt", "same-name.txt"):
        (tmp_path / name).write_text("", "utf-8")  # bad articles: fast, no kernel
    out = tmp_path / "rep"
    res = rb.build_reports(sorted(tmp_path.glob("*.txt")), out_root=out, notebooks=[TINY_NB], log=lambda m: None)
    assert len({r.slug for r in res}) == 2
    assert len(list(out.glob("*/build.json"))) == 2


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"topic": 3, "keyphrases": "x", "n_attributions": true}'])
def test_index_tolerates_bad_summary_json(tmp_path, content):
    """A corrupt or odd summary.json shows dashes in the index instead of breaking it."""
    row = _index_row_of(tmp_path, "a", "العراق", content)
    assert row.count("\u2014") >= 2


def _index_row_of(tmp_path, slug: str, headline: str, summary_json: str) -> str:
    """The index row of an article report folder holding only build.json and ``summary_json``."""
    art = tmp_path / f"{slug}.txt"
    art.write_text(GOOD_TEXT, "utf-8")
    folder = tmp_path / "rep" / slug
    folder.mkdir(parents=True)
    rec = rb.ArticleResult(article=str(art), slug=slug, name=f"{slug}.txt", headline=headline, reports=[])
    (folder / "build.json").write_text(json.dumps(rec.to_json()), "utf-8")
    (folder / "summary.json").write_text(summary_json, "utf-8")
    index = rb.write_index(tmp_path / "rep").read_text("utf-8")
    return next(line for line in index.splitlines() if f"{slug}.txt" in line)


def test_index_and_findings_say_when_the_topic_is_outside_the_labels(tmp_path):
    """An article flagged outside the seven labels shows its label as a best guess, in the index and the findings."""
    from arabic_news.dossier import findings, summary

    d = _fake_dossier("w.txt", "Politics", ["طقس"])
    d["topic"].update(probability=0.33, runner_up="Culture", runner_up_probability=0.23)
    d["not_assessed"] = [{"part": "topic", "reason": "the article looks outside the model's seven labels"}]
    d["rhetoric"]["attributions"], d["persuasion"], d["keywords"] = [], [], []
    s = summary(d)
    assert s["topic"]["outside"] is True
    assert "outside its seven labels" in findings(d)[0]["text"] and "files the article" not in findings(d)[0]["text"]
    row = _index_row_of(tmp_path, "w", "الطقس", json.dumps(s))
    assert "outside the labels (best guess Politics (0.33))" in row
    assert summary(_fake_dossier("p.txt", "Politics", ["أمن"]))["topic"]["outside"] is False
    from arabic_news.dossier import compare_dossiers

    c = compare_dossiers([d, _fake_dossier("p.txt", "Politics", ["أمن"])])
    assert [t["outside"] for t in c["topics"]] == [True, False]


def _fake_dossier(name: str, topic: str, lemmas: list[str]) -> dict:
    return {
        "article": {"file": name, "title": "عنوان"},
        "topic": {"label": topic, "probability": 0.8},
        "keywords": [{"text": w, "lemma": w} for w in lemmas],
        "rhetoric": {
            "attributions": [{}, {}],
            "speakers": [{}],
            "source_types": {"official": 2},
            "cue_strengths": {"neutral": 2},
            "densities": {"words": 100, "hedges": 1.0},
        },
        "persuasion": [{"label": "true"}, {"label": "false"}],
    }


def test_index_compares_articles_side_by_side(tmp_path):
    """With two or more dossiers the index adds a comparison: topics, attribution profiles, keyword overlap."""
    out = tmp_path / "rep"
    for slug, topic, lemmas in [("a", "Politics", ["امن", "عراق"]), ("b", "Finance", ["امن", "<b>x"])]:
        art = tmp_path / f"{slug}.txt"
        art.write_text(GOOD_TEXT, "utf-8")
        folder = out / slug
        folder.mkdir(parents=True)
        rec = rb.ArticleResult(article=str(art), slug=slug, name=f"{slug}.txt", headline="العراق", reports=[])
        (folder / "build.json").write_text(json.dumps(rec.to_json()), "utf-8")
        (folder / "dossier.json").write_text(json.dumps(_fake_dossier(f"{slug}.txt", topic, lemmas)), "utf-8")
    index = rb.write_index(out).read_text("utf-8")
    assert 'id="comparison"' in index
    assert "Politics (0.80)" in index and "Finance (0.80)" in index
    assert "<td>0.33</td>" in index  # Jaccard({امن, عراق}, {امن, <b>x}) = 1/3
    assert "<b>x" not in index


# --------------------------------------------------------------------------- lab-level reports, Dask, environment

TINY_LAB = FIXTURES / "tiny_lab.ipynb"


@pytest.fixture(scope="module")
def lab_built(tmp_path_factory):
    """Two articles (one failing) and one lab-level notebook, built once."""
    src = tmp_path_factory.mktemp("lab-articles")
    out = tmp_path_factory.mktemp("lab-reports")
    (src / "good.txt").write_text(GOOD_TEXT, "utf-8")
    (src / "failing.txt").write_text(FAILING_TEXT, "utf-8")
    (src / "lab.txt").write_text(GOOD_TEXT, "utf-8")  # an article whose slug is the lab folder's name
    log: list[str] = []
    results = rb.build_reports(
        sorted(src.glob("*.txt")), out_root=out, notebooks=[TINY_NB], lab_notebooks=[TINY_LAB], jobs=2, log=log.append
    )
    return {"src": src, "out": out, "results": {r.name: r for r in results}, "log": log}


def test_lab_reports_built_once_under_reports_lab(lab_built):
    """Lab-level notebooks run once (no ARTICLE) into reports/lab/, with their own build record."""
    out = lab_built["out"]
    page = (out / "lab" / "tiny_lab.html").read_text("utf-8")
    assert "report folder: .tmp-lab-" in page, "the kernel got the report folder through its own environment"
    assert "backend: module://matplotlib_inline" in page
    rec = json.loads((out / "lab" / "build.json").read_text("utf-8"))
    assert rec["status"] == "ok" and [r["notebook"] for r in rec["reports"]] == ["tiny_lab"]
    assert sum("tiny_lab.ipynb ok" in line for line in lab_built["log"]) == 1


def test_article_called_lab_does_not_overwrite_lab_reports(lab_built):
    """An article whose slug would be "lab" gets another folder; the lab-level reports stay."""
    r = lab_built["results"]["lab.txt"]
    assert r.ok and r.slug != "lab"
    assert (lab_built["out"] / r.slug / "tiny.html").is_file()
    assert (lab_built["out"] / "lab" / "tiny_lab.html").is_file()


def test_index_shows_lab_reports_once_and_every_article(lab_built):
    """The index lists the lab-level reports once, in their own section, and a row per article."""
    index = (lab_built["out"] / "index.html").read_text("utf-8")
    assert index.count('href="lab/tiny_lab.html"') == 1
    assert 'id="lab"' in index and "Tiny lab-level fixture" in index
    for name in ("good.txt", "failing.txt", "lab.txt"):
        assert sum(name in line for line in index.splitlines()) == 1
    assert "<script" not in index.lower() and _external_refs(index) == []


def test_failing_article_notebook_does_not_stop_lab_or_others(lab_built):
    """One failing notebook (Dask task) fails only its article; the lab report and other articles are ok."""
    res = lab_built["results"]
    assert not res["failing.txt"].ok and res["good.txt"].ok
    assert json.loads((lab_built["out"] / "lab" / "build.json").read_text("utf-8"))["status"] == "ok"


def test_unchanged_lab_reports_are_skipped(lab_built):
    """A second build with the same inputs skips the lab-level reports and the articles."""
    log: list[str] = []
    again = rb.build_reports(
        [lab_built["src"] / "good.txt"],
        out_root=lab_built["out"],
        notebooks=[TINY_NB],
        lab_notebooks=[TINY_LAB],
        log=log.append,
    )
    assert [r.status for r in again] == ["skipped-ok"]
    assert any("lab-level reports: unchanged, skipped" in line for line in log)


def test_build_does_not_change_os_environ(monkeypatch, tmp_path):
    """The builder passes each kernel its environment; os.environ is left as it was (MPLBACKEND included)."""
    import os

    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv(rb.REPORT_DIR_ENV, raising=False)
    before = dict(os.environ)
    art = tmp_path / "a.txt"
    art.write_text(GOOD_TEXT, "utf-8")
    seen = []
    rb.build_reports([art], out_root=tmp_path / "rep", notebooks=[TINY_NB], log=lambda m: seen.append(dict(os.environ)))
    assert dict(os.environ) == before
    assert all(env.get("MPLBACKEND") == "Agg" and rb.REPORT_DIR_ENV not in env for env in seen)


def test_kernel_env_is_explicit():
    """kernel_env() copies the base environment and adds the report folder and the inline backend."""
    from arabic_news.report.execute import INLINE_BACKEND, kernel_env

    base = {"PATH": "/bin", "MPLBACKEND": "Agg", rb.REPORT_DIR_ENV: "/elsewhere"}
    env = kernel_env("/tmp/r", base=base)
    assert env == {"PATH": "/bin", "MPLBACKEND": INLINE_BACKEND, rb.REPORT_DIR_ENV: "/tmp/r"}
    assert base["MPLBACKEND"] == "Agg", "the base mapping is not changed"


def test_warmup_registry_lists_the_cold_steps():
    """The warm-up registry names the expensive article-independent steps, each after the steps it needs."""
    from arabic_news.report import warmup

    names = warmup.default_warmups()
    for step in ("topics.counts", "topics.model", "topics.cv", "keywords.background", "persuasion.evaluation"):
        assert step in names
    for w in warmup.WARMUPS.values():
        assert all(names.index(a) < names.index(w.name) for a in w.after)
    with pytest.raises(ValueError, match="unknown step"):
        warmup.warmup("x", after=["no-such-step"])(lambda seed, quick: None)
    with pytest.raises(ValueError, match="unknown warm-up step"):
        warmup.run_step("no-such-step")


def test_warmup_tasks_run_as_dask_graph_in_dependency_order(monkeypatch, tmp_path):
    """Warm-up tasks form a Dask graph: a step runs after the steps it waits for, failures do not raise."""
    import dask

    from arabic_news.report import warmup

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    ran: list[str] = []
    monkeypatch.setattr(warmup, "_run_in_process", lambda name, seed, quick, log, *after: ran.append(name))
    tasks = warmup.warmup_tasks(["topics.cv"], seed=0, quick=True, log=lambda m: None)
    dask.compute(*tasks, scheduler="threads", num_workers=2)
    assert ran == ["topics.counts", "topics.cv"]


def test_notebook_needs_name_real_notebooks_and_steps_and_cover_what_they_call():
    """Every notebook in NOTEBOOK_NEEDS exists and lists real steps, and a notebook whose code calls a
    step's function lists that step (or a step that waits for it): it must not start before its cache."""
    import json

    from arabic_news.report import warmup
    from arabic_news.report.build import list_lab_notebooks, list_notebooks

    tells = {
        "topics.model": ("default_model", "predict_article", "explain_article"),
        "topics.counts": ("topic_data",),
        "topics.cv": ("cross_validate",),
        "topics.cross-outlet": ("cross_outlet",),
        "topics.learning-curve": ("learning_curve",),
        "topics.landscape": ("topic_landscape",),
        "keywords.background": ("default_background", "extract("),
        "keywords.evaluation": ("heldout_rows",),
        "persuasion.models": ("analyse_paragraphs", "model_card", "default_models"),
        "persuasion.evaluation": ("pev.evaluation",),
        "rhetoric.marker-densities": ("compare_densities", "corpus_densities"),
        "rhetoric.ngram-counts": ("corpus_counts",),
        "study.sample": ("study_tables",),
        "study.dedup": ("deduplicated_saudinewsnet",),
    }
    notebooks = {p.stem: p for p in list_notebooks() + list_lab_notebooks()}

    def closure(steps):
        out = set(steps)
        for s in steps:
            out |= closure(warmup.WARMUPS[s].after)
        return out

    for stem, needs in warmup.NOTEBOOK_NEEDS.items():
        assert stem in notebooks, stem
        assert set(needs) <= set(warmup.WARMUPS), (stem, needs)
        nb = json.loads(notebooks[stem].read_text("utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        have = closure(needs)
        for step, names in tells.items():
            if any(n in code for n in names):
                assert step in have, f"{stem} calls {step}'s function but does not wait for it"
    assert warmup.steps_needed(["90-dossier"]) is None  # not listed: waits for every step


def test_a_lane_starts_when_its_own_steps_are_done_not_after_every_step(monkeypatch, tmp_path):
    """In run_jobs a lane of notebooks waits only for the warm-up steps its notebooks read; the
    dossier (not listed) waits for every step."""
    import threading
    from pathlib import Path
    from types import SimpleNamespace

    from arabic_news.report import jobs, warmup

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    times: dict[str, float] = {}
    lock = threading.Lock()

    def step(name, seed, quick, log, *after):
        if name == "topics.cv":
            time.sleep(1.0)  # the slow step that notebook 10 does not read
        with lock:
            times[f"end {name}"] = time.perf_counter()

    def lane(job, notebooks, *after):
        with lock:
            times[f"start {notebooks[0].stem}"] = time.perf_counter()
        return [{"notebook": nb.stem} for nb in notebooks]

    monkeypatch.setattr(warmup, "_run_in_process", step)
    monkeypatch.setattr(jobs, "run_lane", lane)
    monkeypatch.setattr(jobs, "finish", lambda job, lanes: job.res)
    job = SimpleNamespace(
        article=None,
        notebooks=[Path("10-topic-corpus.ipynb"), Path("90-dossier.ipynb")],
        prev_seconds={},
        res=SimpleNamespace(slug="lab"),
        tmp=tmp_path / "no-such-folder",
    )
    jobs.run_jobs([job], workers=2, warm=["topics.counts", "topics.cv"], seed=0, quick=True, log=lambda m: None)
    assert times["start 10-topic-corpus"] < times["end topics.cv"]  # it only reads topics.counts
    assert times["start 90-dossier"] > times["end topics.cv"]


def test_warmup_stamp_skips_current_steps_and_only_after_success(monkeypatch, tmp_path):
    """Once every step succeeded, the next build starts no step process; a failed step leaves no stamp."""
    import dask

    from arabic_news.report import warmup

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    ran: list[str] = []
    fail = {"topics.cv"}

    def run(name, seed, quick, log, *after):
        ran.append(name)
        return "boom" if name in fail else None

    monkeypatch.setattr(warmup, "_run_in_process", run)
    logs: list[str] = []
    dask.compute(*warmup.warmup_tasks(["topics.cv"], seed=0, quick=True, log=logs.append), scheduler="sync")
    assert not warmup.stamp_path(["topics.cv"], seed=0, quick=True).exists()  # a step failed: retried next time
    fail.clear()
    dask.compute(*warmup.warmup_tasks(["topics.cv"], seed=0, quick=True, log=logs.append), scheduler="sync")
    assert ran == ["topics.counts", "topics.cv"] * 2
    assert warmup.stamp_path(["topics.cv"], seed=0, quick=True).exists()
    assert warmup.warmup_tasks(["topics.cv"], seed=0, quick=True, log=logs.append) == []
    assert "all 1 steps current" in logs[-1]
    assert warmup.warmup_tasks(["topics.cv"], seed=1, quick=True, log=logs.append)  # another seed: not current
    assert warmup.stamp_path(["topics.cv"], seed=0, quick=False) != warmup.stamp_path(["topics.cv"], seed=0, quick=True)


def _code_notebook(path: Path, *sources: str) -> Path:
    """A notebook with a parameters cell (ARTICLE, SEED, QUICK, FIGURES) and the given code cells."""
    import nbformat

    params = nbformat.v4.new_code_cell('ARTICLE = ""\nSEED = 0\nQUICK = False\nFIGURES = ""')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, *(nbformat.v4.new_code_cell(s) for s in sources)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def test_an_articles_notebooks_share_one_kernel_with_a_cleared_namespace(tmp_path):
    """In one lane, a notebook sees no variable of the one before it, but modules stay loaded (same kernel)."""
    import nbformat

    nbs = tmp_path / "nbs"
    nbs.mkdir()
    first = _code_notebook(
        nbs / "01-first.ipynb", "import os, sys\nLEAK = 1\nsys.modules['os'].__lane_probe__ = os.getpid()"
    )
    second = _code_notebook(
        nbs / "02-second.ipynb",
        "assert 'LEAK' not in globals(), 'the namespace was not cleared'",
        "import os\nassert getattr(os, '__lane_probe__', None) == os.getpid(), 'not the same kernel'",
    )
    (tmp_path / "a.txt").write_text(GOOD_TEXT, "utf-8")
    out = tmp_path / "rep"
    res = rb.build_article(tmp_path / "a.txt", notebooks=[first, second], out_root=out, jobs=1, log=lambda m: None)
    assert res.ok, res.error
    executed = nbformat.read(str(out / res.slug / "02-second.ipynb"), as_version=4)
    counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
    assert counts[0] == 1 and counts == sorted(counts)  # numbered per notebook, not per kernel


def test_a_warm_articles_synthesis_notebook_reuses_a_lane_kernel_after_both_lanes(tmp_path):
    """With two lanes (a warm one-article build, 2 workers), the synthesis notebook (9x) runs in the
    first lane's kernel -- no third kernel to start -- and only after the other lane is done too."""
    import nbformat

    nbs = tmp_path / "nbs"
    nbs.mkdir()
    marks = tmp_path / "marks"
    marks.mkdir()
    mark = "import os, time, pathlib\ntime.sleep({s})\npathlib.Path(r'{d}', '{n}').write_text(str(os.getpid()))"
    first = _code_notebook(nbs / "01-first.ipynb", mark.format(s=0, d=marks, n="first"))
    second = _code_notebook(nbs / "02-second.ipynb", mark.format(s=2, d=marks, n="second"))
    synth = _code_notebook(
        nbs / "90-synthesis.ipynb",
        f"import os, pathlib\npids = {{p.name: int(p.read_text()) for p in pathlib.Path(r'{marks}').iterdir()}}",
        "assert set(pids) == {'first', 'second'}, pids  # both lanes are done\n"
        "assert os.getpid() in pids.values(), 'a new kernel'\n"
        "assert pids['first'] != pids['second'], 'one lane only'",
    )
    (tmp_path / "a.txt").write_text(GOOD_TEXT, "utf-8")
    out = tmp_path / "rep"
    res = rb.build_article(tmp_path / "a.txt", notebooks=[first, second, synth], out_root=out, jobs=2, log=print)
    assert res.ok, res.error
    executed = nbformat.read(str(out / res.slug / "90-synthesis.ipynb"), as_version=4)
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_a_failing_notebook_in_a_shared_kernel_does_not_spoil_the_next(tmp_path):
    """After a notebook fails (kernel left in any state), the next notebook of the lane runs in a fresh kernel."""
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    bad = _code_notebook(nbs / "01-bad.ipynb", "LEAK = 1\nraise RuntimeError('boom')")
    good = _code_notebook(nbs / "02-good.ipynb", "assert 'LEAK' not in globals()\nprint('fine')")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, "utf-8")
    res = rb.build_article(
        tmp_path / "a.txt", notebooks=[bad, good], out_root=tmp_path / "rep", jobs=1, log=lambda m: None
    )
    by_nb = {r["notebook"]: r for r in res.reports}
    assert "RuntimeError: boom" in by_nb["01-bad"]["error"]
    assert "html" in by_nb["02-good"]


def test_xdist_group_is_honoured(request):
    """Under make test (-n 2 --dist loadgroup) this module's tests share one worker: the group is in the node id.

    pytest 9 ignores the node id that pytest-xdist 3.8 rewrites, which silently split every group.
    """
    if not request.config.getoption("loadgroup", default=False):
        pytest.skip("not run with --dist loadgroup")
    assert request.node.nodeid.endswith("@report")


def test_warmup_step_reports_its_cpu_seconds_beside_its_wall_time(monkeypatch, capsys):
    """A step's log line carries its CPU seconds: wall time alone also counts waiting for another step's cache entry."""
    from arabic_news.report import warmup

    def burn(seed, quick):  # 0.2 s here and 0.6 s in a child process (as joblib's or Dask's workers do)
        child = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass"
        subprocess.run([sys.executable, "-c", child], check=True)
        t = time.process_time()
        while time.process_time() - t < 0.2:
            pass

    monkeypatch.setitem(warmup.WARMUPS, "test.burn", warmup.Warmup("test.burn", burn))
    assert warmup.main(["test.burn"]) == 0
    printed = capsys.readouterr().out
    cpu = float(re.search(r"test\.burn: [0-9.]+ s \(CPU ([0-9.]+) s\)", printed).group(1))
    assert cpu >= 0.5  # the child's 0.6 s counts, less at most one polling interval (0.25 s)

    # a step's own output may mention CPU seconds too (the study runner's per-stage summary): not the step's figure
    done = subprocess.CompletedProcess([], 0, stdout="stage topic: CPU 0.1 s\n" + printed, stderr="")
    monkeypatch.setattr(warmup.subprocess, "run", lambda *a, **k: done)
    logs: list[str] = []
    assert warmup._run_in_process("test.burn", 0, True, logs.append) is None
    assert f"CPU {cpu:.1f} s)" in logs[0] and logs[0].startswith("  warm-up test.burn: ok (")


def test_longest_single_process_step_is_not_left_for_the_end(monkeypatch, tmp_path):
    """On two build threads, the persuasion evaluation (the longest one-process step) starts among the first steps.

    It waits for persuasion.models (the embeddings both need), which puts it early in Dask's order; with no
    such link it ran last, alone on one core, in a cold build.  Simulated: the topic counts take long, the
    other steps a moment (their order, not their length, is under test)."""
    import dask

    from arabic_news.report import warmup

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    assert "persuasion.models" in warmup.WARMUPS["persuasion.evaluation"].after
    started: list[str] = []

    def run(name, seed, quick, log, *after):
        started.append(name)
        time.sleep(0.5 if name == "topics.counts" else 0.02)

    monkeypatch.setattr(warmup, "_run_in_process", run)
    tasks = warmup.warmup_tasks(warmup.default_warmups(), seed=0, quick=False, log=lambda m: None)
    dask.compute(*tasks, scheduler="threads", num_workers=2)
    assert started.index("persuasion.evaluation") < len(started) // 2, started


def test_a_cold_build_starts_the_step_with_the_most_work_ahead_of_it(monkeypatch, tmp_path):
    """Whenever a build thread is free it starts the ready warm-up step whose own cost plus its costliest chain
    of waiting steps is largest (the keyword background before the short roots, although Dask's own order
    put it after the whole topic chain and it gates the corpus study, the last step to end)."""
    from pathlib import Path
    from types import SimpleNamespace

    from arabic_news.report import jobs, warmup
    from arabic_news.report.priority import path_costs

    monkeypatch.setenv("ARABIC_NEWS_CACHE", str(tmp_path))
    started: list[str] = []
    monkeypatch.setattr(warmup, "_run_in_process", lambda name, seed, quick, log, *after: started.append(name))
    monkeypatch.setattr(jobs, "run_lane", lambda job, notebooks, *after: [])
    monkeypatch.setattr(jobs, "finish", lambda job, lanes: job.res)
    job = SimpleNamespace(  # the dossier waits for every step (the same 2 s added to every path)
        article=None,
        notebooks=[Path("90-dossier.ipynb")],
        prev_seconds={},
        res=SimpleNamespace(slug="lab"),
        tmp=tmp_path / "none",
    )
    jobs.run_jobs([job], workers=1, warm=warmup.default_warmups(), seed=0, quick=False, log=lambda m: None)

    steps = warmup.WARMUPS
    dependents = {n: {m for m in steps if n in steps[m].after} for n in steps}
    ahead = path_costs(dependents, lambda n: steps[n].cost)
    assert sorted(started) == sorted(steps)
    for i, name in enumerate(started):  # one thread: each step ends before the next starts
        ready = [n for n in steps if n not in started[:i] and set(steps[n].after) <= set(started[:i])]
        assert ahead[name] == max(ahead[n] for n in ready), (name, ready)
    assert started.index("keywords.background") < started.index("study.dedup")
