"""A report's stamp follows the corpus-study tables it reads: ``make corpus`` after ``make report`` rebuilds."""

from __future__ import annotations

import json


def test_stamp_changes_when_the_full_corpus_study_appears(monkeypatch, tmp_path):
    from arabic_news.report import build
    from arabic_news.study import sample

    monkeypatch.setattr(sample, "full_study_dir", lambda: tmp_path / "studies" / "saudinewsnet")

    def stamp(quick=False):
        return build._stamp(b"article", [], seed=0, quick=quick, figures="", show_code=False)

    before, before_quick = stamp(), stamp(quick=True)
    run = tmp_path / "studies" / "saudinewsnet" / "run.json"
    run.parent.mkdir(parents=True)
    run.write_text(json.dumps({"partitions_run": 3}), "utf-8")
    after = stamp()
    assert after != before  # the full tables replace the sample: rebuild
    assert stamp(quick=True) == before_quick  # QUICK reports always read the quick sample
    run.write_text(json.dumps({"partitions_run": 4}), "utf-8")
    assert stamp() not in (before, after)  # a new corpus run: rebuild again
