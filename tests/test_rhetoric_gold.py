"""The hand-annotated attribution gold set: schema (fast, no corpus) and corpus checks (slow)."""

from __future__ import annotations

import copy
import json
import unicodedata
from importlib import resources

import pytest

from arabic_news.rhetoric import gold
from arabic_news.rhetoric.gold import (
    PHENOMENA,
    SOURCE_TYPES,
    GoldError,
    gold_counts,
    load_gold,
    read_annotations,
    read_split,
    sentence_starts,
    validate_record,
)

FOLDER = resources.files("arabic_news").joinpath("data", "gold", "attribution")
TARGETS = {"articles": 40, "outlets": 8, "statements": 250}


def _record() -> dict:
    """A small hand-written record (no corpus text) that passes validation."""
    return {
        "id": "saudinewsnet/2015-07-21/17",
        "outlet": "okaz",
        "sha256": "0" * 64,
        "length": 100,
        "chains": [{"id": "c1", "mentions": [[0, 5], [20, 25]]}],
        "statements": [
            {
                "id": "s1",
                "cue": [5, 6],
                "speaker": [0, 5],
                "chain": "c1",
                "content": [7, 19],
                "source_type": "named_person",
                "direct": False,
                "parent": None,
                "phenomena": ["headline_quote"],
            },
            {
                "id": "s2",
                "cue": [15, 18],
                "speaker": None,
                "chain": None,
                "content": [30, 40],
                "source_type": "impersonal",
                "direct": False,
                "parent": "s1",
                "phenomena": ["nested", "passive_impersonal"],
            },
        ],
    }


def test_valid_record_passes():
    """A record that follows every rule validates silently."""
    validate_record(_record())


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["statements"][0].update(cue=[95, 120]), "not inside the text"),
        (lambda r: r["statements"][0].update(cue=None), "cue is null"),
        (lambda r: r["statements"][0].update(source_type="person"), "source_type"),
        (lambda r: r["statements"][0].update(speaker=[1, 5]), "not a mention of chain"),
        (lambda r: r["statements"][0].update(chain="c9"), "not one of the article's chains"),
        (lambda r: r["statements"][1].update(chain="c1"), "impersonal statement has no speaker"),
        (lambda r: r["statements"][1].update(parent="s9"), "parent 's9'"),
        (lambda r: r["statements"][1].update(cue=[50, 52]), "not inside the content of its parent"),
        (lambda r: r["statements"][1].update(phenomena=["passive_impersonal"]), "must list the phenomenon 'nested'"),
        (lambda r: r["statements"][1].update(cue=[5, 7]), "cues of s1 and s2 overlap"),
        (lambda r: r["statements"][0].update(phenomena=["quotes"]), "phenomena must be distinct"),
        (lambda r: r["statements"][0].pop("direct"), "exactly the keys"),
        (lambda r: r.update(id="saudinewsnet/17"), "not a SaudiNewsNet id"),
        (lambda r: r.update(sha256="abc"), "sha256"),
        (lambda r: r["chains"].append({"id": "c2", "mentions": [[3, 8]]}), "overlap"),
        (
            lambda r: r["statements"].append(
                {**r["statements"][0], "id": "s3", "cue": [60, 62], "source_type": "news_agency"}
            ),
            "mixes source types",
        ),
    ],
)
def test_invalid_records_are_rejected_with_a_named_reason(change, message):
    """Each broken rule gives a GoldError that says which rule and where."""
    rec = copy.deepcopy(_record())
    change(rec)
    with pytest.raises(GoldError, match=message):
        validate_record(rec)


def test_parent_cycle_is_rejected():
    """Nested statements may not be each other's parents."""
    rec = copy.deepcopy(_record())
    rec["statements"][0]["parent"] = "s2"
    rec["statements"][0]["phenomena"].append("nested")
    rec["statements"][1]["content"] = [4, 40]
    with pytest.raises(GoldError, match="cycle|not inside"):
        validate_record(rec)


def test_shipped_annotation_validates_without_the_corpus():
    """Every article file passes the schema and offset rules and is in the split."""
    recs = read_annotations()
    assert {r["id"] for r in recs} == set(read_split())
    assert {r["split"] for r in recs} == {"tuning", "held_out"}


def test_shipped_annotation_matches_the_json_schema():
    """The files also validate against schema.json, which documents the format."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(FOLDER.joinpath("schema.json").read_text("utf-8"))
    for f in FOLDER.joinpath("articles").iterdir():
        jsonschema.validate(json.loads(f.read_text("utf-8")), schema)


def test_schema_enums_agree_with_the_loader():
    """schema.json and the loader name the same source types and phenomena."""
    schema = json.loads(FOLDER.joinpath("schema.json").read_text("utf-8"))
    props = schema["properties"]["statements"]["items"]["properties"]
    assert tuple(props["source_type"]["enum"]) == SOURCE_TYPES
    assert tuple(props["phenomena"]["items"]["enum"]) == PHENOMENA


def test_no_corpus_strings_in_the_annotation_files():
    """The files hold ids, hashes, offsets and labels only: no Arabic text."""
    for f in FOLDER.joinpath("articles").iterdir():
        raw = f.read_text("utf-8")
        assert not any("\u0600" <= ch <= "\u06ff" for ch in raw), f.name


def test_counts_meet_the_targets_without_the_corpus():
    """At least 40 articles, 8 outlets, 250 statements and every phenomenon and source type."""
    c = gold_counts(read_annotations())
    assert c["articles"] >= TARGETS["articles"]
    assert len(c["outlets"]) >= TARGETS["outlets"]
    assert c["statements"] >= TARGETS["statements"]
    assert set(c["phenomena"]) == set(PHENOMENA)
    assert set(c["source_types"]) == set(SOURCE_TYPES)
    first = gold_counts(read_annotations(round=1))
    assert first["splits"]["held_out"] >= first["splits"]["tuning"] >= 20
    assert c["splits"]["tuning"] >= 20 and c["splits"]["held_out"] >= 20


def test_round_two_held_out_is_fresh_and_large_enough():
    """Round 2: batch 5 (>= 20 articles, >= 8 outlets) is held out, none of it used in round 1,
    and every round-1 article (tuning or held-out then) is tuning now."""
    first, second = read_split(1), read_split(2)
    held = {i for i, v in second.items() if v == "held_out"}
    assert not held & set(first)
    assert all(second[i] == "tuning" for i in first)
    recs = read_annotations("held_out", round=2)
    assert {r["id"] for r in recs} == held
    assert len(recs) >= 20 and len({r["outlet"] for r in recs}) >= 8
    assert read_split(round=2) == second


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
def test_later_rounds_hold_out_a_fresh_batch_disjoint_from_their_tuning(n):
    """Rounds 3-14: batches 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 and 17 (>= 20 articles, >= 8 outlets each) are held out, disjoint
    from the round's tuning ids and from every article of the rounds before, which are all tuning now."""
    before, split = read_split(n - 1), read_split(n)
    held = {i for i, v in split.items() if v == "held_out"}
    tuning = {i for i, v in split.items() if v == "tuning"}
    assert held and tuning and not held & tuning
    assert not held & set(before) and tuning == set(before)
    recs = read_annotations("held_out", round=n)
    assert {r["id"] for r in recs} == held
    assert len(recs) >= 20 and len({r["outlet"] for r in recs}) >= 8
    assert read_split(round=n) == split


def test_round_fourteen_is_the_current_round():
    """Round 14 is current: batch 17 (20 articles, 10 outlets) is held out and the 305 earlier articles tune."""
    assert gold.current_round() == 14 and read_split() == read_split(14)
    split = read_split()
    assert sum(v == "held_out" for v in split.values()) == 20
    assert sum(v == "tuning" for v in split.values()) == 305


def test_round_one_view_leaves_out_round_two_articles():
    """read_annotations(round=1) gives the 65 round-1 articles with their round-1 halves."""
    recs = read_annotations(round=1)
    assert {r["id"] for r in recs} == set(read_split(1))
    assert len(recs) == 65
    assert sum(r["split"] == "tuning" for r in recs) == 20


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda raw: raw["round_2_held_out"].update({next(iter(raw["articles"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_2_held_out={}), "round_2_held_out"),
        (lambda raw: raw["round_2_held_out"].update({"saudinewsnet/2015-07-21/1": "tuning"}), "round_2_held_out"),
        (lambda raw: raw["round_3_held_out"].update({next(iter(raw["round_2_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_3_held_out={}), "round_3_held_out"),
        (lambda raw: raw["round_4_held_out"].update({next(iter(raw["round_3_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_4_held_out={}), "round_4_held_out"),
        (lambda raw: raw["round_5_held_out"].update({next(iter(raw["round_4_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_5_held_out={}), "round_5_held_out"),
        (lambda raw: raw["round_6_held_out"].update({next(iter(raw["round_5_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_6_held_out={}), "round_6_held_out"),
        (lambda raw: raw["round_7_held_out"].update({next(iter(raw["round_6_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_7_held_out={}), "round_7_held_out"),
        (lambda raw: raw["round_8_held_out"].update({next(iter(raw["round_7_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_8_held_out={}), "round_8_held_out"),
        (lambda raw: raw["round_9_held_out"].update({next(iter(raw["round_8_held_out"])): "held_out"}), "already used"),
        (lambda raw: raw.update(round_9_held_out={}), "round_9_held_out"),
        (
            lambda raw: raw["round_10_held_out"].update({next(iter(raw["round_9_held_out"])): "held_out"}),
            "already used",
        ),
        (lambda raw: raw.update(round_10_held_out={}), "round_10_held_out"),
        (
            lambda raw: raw["round_11_held_out"].update({next(iter(raw["round_10_held_out"])): "held_out"}),
            "already used",
        ),
        (lambda raw: raw.update(round_11_held_out={}), "round_11_held_out"),
        (
            lambda raw: raw["round_12_held_out"].update({next(iter(raw["round_11_held_out"])): "held_out"}),
            "already used",
        ),
        (lambda raw: raw.update(round_12_held_out={}), "round_12_held_out"),
        (
            lambda raw: raw["round_13_held_out"].update({next(iter(raw["round_12_held_out"])): "held_out"}),
            "already used",
        ),
        (lambda raw: raw.update(round_13_held_out={}), "round_13_held_out"),
        (
            lambda raw: raw["round_14_held_out"].update({next(iter(raw["round_13_held_out"])): "held_out"}),
            "already used",
        ),
        (lambda raw: raw.update(round_14_held_out={}), "round_14_held_out"),
        (lambda raw: raw.update(current_round=15), "current_round"),
        (lambda raw: raw["additions"].update({"saudinewsnet/2015-07-21/1": "tuning"}), "additions"),
    ],
)
def test_bad_split_file_is_rejected(monkeypatch, change, message):
    """A round-2 (or round-3) held-out article reused from an earlier round, an empty or mislabelled
    held-out set, an unknown round or a tuning addition give a GoldError naming the problem."""
    raw = json.loads(FOLDER.joinpath("split.json").read_text("utf-8"))
    change(raw)
    monkeypatch.setattr(gold, "_split_file", lambda: raw)
    read_split.cache_clear()
    try:
        with pytest.raises(GoldError, match=message):
            read_split()
    finally:
        read_split.cache_clear()


def test_unknown_round_is_rejected():
    """Asking for a round that split.json does not record is a GoldError."""
    with pytest.raises(GoldError, match="not one of the recorded rounds"):
        read_split(15)


def test_split_argument_filters_and_rejects_unknown_names():
    """read_annotations('held_out') keeps one half; an unknown split is a ValueError."""
    held = read_annotations("held_out")
    assert held and all(r["split"] == "held_out" for r in held)
    with pytest.raises(ValueError, match="split must be one of"):
        read_annotations("test")


def test_split_is_the_committed_one():
    """The original articles keep the split fixed in commit d86a34e; later ones are all held out."""
    import random

    raw = json.loads(FOLDER.joinpath("split.json").read_text("utf-8"))
    assert raw["seed"] == 20261130
    original = sorted(raw["articles"], key=lambda s: (s.split("/")[1], int(s.split("/")[2])))
    order = original[:]
    random.Random(raw["seed"]).shuffle(order)
    expected = {i: ("tuning" if k < len(order) // 2 else "held_out") for k, i in enumerate(order)}
    assert raw["articles"] == expected
    assert set(raw.get("additions", {}).values()) <= {"held_out"}


# --------------------------------------------------------------------------- slow: the corpus


@pytest.fixture(scope="module")
def articles():
    """Every gold article with its text, loaded from the shared SaudiNewsNet."""
    return load_gold()


def _is_word(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


@pytest.mark.slow
def test_every_article_loads_and_its_hash_matches(articles):
    """Each annotated article is found in SaudiNewsNet and its SHA-256 and length match."""
    import hashlib

    records = {r["id"]: r for r in read_annotations()}
    assert [a.id for a in articles] == sorted(records)
    for a in articles:
        assert len(a.text) == records[a.id]["length"]
        assert hashlib.sha256(a.text.encode("utf-8")).hexdigest() == records[a.id]["sha256"] == a.sha256


@pytest.mark.slow
def test_spans_are_inside_the_text_and_on_token_boundaries(articles):
    """Cue, speaker, content and mention spans lie in the text, start and end at whole tokens, no edge spaces."""
    for a in articles:
        spans = [(s.id, sp) for s in a.statements for sp in (s.cue, s.speaker, s.content) if sp]
        spans += [(c.id, m) for c in a.chains for m in c.mentions]
        for where, (start, end) in spans:
            assert 0 <= start < end <= len(a.text), (a.id, where)
            piece = a.text[start:end]
            assert piece == piece.strip(), (a.id, where)
            assert not (start > 0 and _is_word(a.text[start - 1]) and _is_word(a.text[start])), (a.id, where)
            assert not (end < len(a.text) and _is_word(a.text[end]) and _is_word(a.text[end - 1])), (a.id, where)


@pytest.mark.slow
def test_spans_that_must_not_overlap_do_not(articles):
    """Distinct cues never overlap, a cue never overlaps its speaker, and outside according-to
    attributions the cue and speaker lie outside the content."""
    for a in articles:
        for s in a.statements:
            if s.speaker:
                assert not (s.cue[0] < s.speaker[1] and s.speaker[0] < s.cue[1]), (a.id, s.id)
            if "according_to" not in s.phenomena:
                for sp in (s.cue, s.speaker):
                    if sp:
                        assert sp[1] <= s.content[0] or sp[0] >= s.content[1], (a.id, s.id)


@pytest.mark.slow
def test_headline_quotes_have_a_colon_cue_in_the_headline(articles):
    """A headline quotation's cue is a colon in the headline (or the sub-headline line after it),
    with the speaker before it and the content after it on the same line."""
    n = 0
    for a in articles:
        lines_end = [i for i, ch in enumerate(a.text) if ch == "\n"][:2]
        for s in a.statements:
            if "headline_quote" in s.phenomena:
                n += 1
                assert a.span_text(s.cue) == ":", (a.id, s.id)
                assert s.cue[1] <= lines_end[-1], (a.id, s.id)
                assert s.speaker[1] <= s.cue[0] < s.content[0] < s.content[1], (a.id, s.id)
                assert "\n" not in a.text[s.speaker[0] : s.content[1]], (a.id, s.id)
    assert n >= 1


@pytest.mark.slow
def test_direct_quotes_sit_inside_quotation_marks_or_after_a_colon(articles):
    """Direct statements marked with «» or "" have those marks around their content."""
    for a in articles:
        for s in a.statements:
            if s.direct and "direct_guillemets" in s.phenomena:
                assert "«" in a.text[max(0, s.content[0] - 3) : s.content[0]], (a.id, s.id)
            if s.direct and "direct_double_quotes" in s.phenomena:
                assert any(q in a.text[max(0, s.content[0] - 3) : s.content[0]] for q in '"“'), (a.id, s.id)


@pytest.mark.slow
def test_counts_meet_the_targets_with_the_corpus(articles):
    """The loaded set has ≥40 articles, ≥8 outlets, ≥250 statements and every category."""
    c = gold_counts(articles)
    assert c["articles"] >= TARGETS["articles"] and len(c["outlets"]) >= TARGETS["outlets"]
    assert c["statements"] >= TARGETS["statements"]
    assert set(c["phenomena"]) == set(PHENOMENA)
    assert set(a.split for a in articles) == {"tuning", "held_out"}


@pytest.mark.slow
def test_changed_corpus_text_is_reported_by_article(monkeypatch, articles):
    """If the corpus text differs from the annotated one, the error names the article."""
    first = articles[0]
    real = gold._corpus_texts

    def fake(root, ids):
        texts = dict(real(root, ids))
        outlet, text = texts[first.id]
        texts[first.id] = (outlet, text + " ")
        return texts

    monkeypatch.setattr(gold, "_corpus_texts", fake)
    with pytest.raises(GoldError, match=first.id + ".*differs"):
        load_gold()


@pytest.mark.slow
def test_no_near_duplicate_articles_across_splits(articles):
    """No tuning article shares more than 5 % of its word 5-grams with a held-out one (leakage check)."""

    def shingles(text: str) -> set[str]:
        w = text.split()
        return {" ".join(w[i : i + 5]) for i in range(len(w) - 4)}

    tuning = [(a.id, shingles(a.text)) for a in articles if a.split == "tuning"]
    held = [(a.id, shingles(a.text)) for a in articles if a.split == "held_out"]
    for ta, ts in tuning:
        for ha, hs in held:
            assert len(ts & hs) <= 0.05 * min(len(ts), len(hs)), (ta, ha)


@pytest.mark.slow
def test_multiple_cues_sentence_follows_the_sentence_rule(articles):
    """multiple_cues_sentence is set exactly when another statement's cue starts in the same sentence."""
    import bisect

    for a in articles:
        starts = sentence_starts(a.text)
        idx = [bisect.bisect_right(starts, s.cue[0]) - 1 for s in a.statements]
        for s, k in zip(a.statements, idx):
            assert ("multiple_cues_sentence" in s.phenomena) == (idx.count(k) > 1), (a.id, s.id)


@pytest.mark.slow
def test_quote_spans_sentences_marks_multi_sentence_quotations(articles):
    """quote_spans_sentences is set exactly on quoted contents with an inner sentence end."""
    import re

    for a in articles:
        for s in a.statements:
            quoted = "direct_guillemets" in s.phenomena or "direct_double_quotes" in s.phenomena
            inner_end = re.search(r"[.!?؟](?=\s+\S)", a.span_text(s.content)) is not None
            assert ("quote_spans_sentences" in s.phenomena) == (quoted and inner_end), (a.id, s.id)
