"""Tests for arabic_news.persuasion.describe (generated Markdown) and arabic_news.plotting.persuasion (figures)."""

from __future__ import annotations

import copy

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from arabic_news.persuasion import describe
from arabic_news.persuasion.describe import _demo_result
from arabic_news.plotting import persuasion as figures


def record(n: int, score: float, text: str = "قال الوزير إن المفاوضات مستمرة", techniques=None) -> dict:
    return {
        "paragraph": n,
        "text": text,
        "label": "true" if score >= 0.6 else "false",
        "score": score,
        "techniques": techniques or {},
    }


# ---------------------------------------------------------------- describe


@pytest.mark.parametrize(
    "raw, bad",
    [("<script>alert(1)</script>", "<script>"), ("**عاجل** _جدا_", "**"), ("[رابط](http://x)", "](")],
)
def test_escape_md_neutralises_markdown_and_html(raw, bad):
    """Untrusted text cannot open HTML tags, emphasis or links."""
    assert bad not in describe.escape_md(raw)


def test_no_flag_is_a_sentence_naming_the_threshold_and_top_score():
    """With no flagged paragraph the section says so, with the threshold and the highest score."""
    text = describe.flagged_paragraphs([record(1, 0.21), record(2, 0.44)], _demo_result())
    assert text.startswith("No paragraph was flagged") and "0.60" in text and "0.44" in text and "¶2" in text


def test_one_flagged_paragraph_reads_in_the_singular_with_its_reliability():
    """One flag: "One paragraph of 2 is flagged", and the held-out precision of "true" beside it."""
    text = describe.flagged_paragraphs([record(1, 0.9), record(2, 0.3)], _demo_result())
    assert text.startswith("One paragraph of 2 is flagged")
    assert "84 %" in text and "¶1" in text and "¶2" not in text


def test_many_flagged_paragraphs_list_each_one_with_escaped_text():
    """Several flags: a plural count, one bullet per paragraph, article text escaped."""
    recs = [record(1, 0.9, "<b>خطير</b> جدا"), record(2, 0.7), record(3, 0.1)]
    text = describe.flagged_paragraphs(recs, _demo_result())
    assert text.startswith("2 paragraphs of 3 are flagged")
    assert text.count("\n* ¶") == 2 and "<b>" not in text and "&lt;b&gt;" in text


def test_flags_name_only_displayable_technique_classes():
    """A flagged paragraph names a technique class only when the evaluation allows it to be shown."""
    techs = {"Manipulative_Wording": 0.9, "Call": 0.95}
    text = describe.flagged_paragraphs([record(1, 0.9, techniques=techs)], _demo_result())
    assert "Manipulative\\_Wording" in text or "Manipulative_Wording" in text
    assert "Call" not in text


def test_empty_article_is_stated():
    """An article without paragraphs gives a sentence, not an empty string."""
    assert "no body paragraph" in describe.flagged_paragraphs([], _demo_result())
    assert "no body paragraph" in describe.paragraph_scores([], _demo_result())


def test_evaluation_summary_states_missed_bars():
    """A missed bar is named with the measured value and the requirement; met bars are summarised."""
    res = _demo_result()
    assert "all three bars are met" in describe.evaluation_summary(res)
    res["targets"][0].update(passed=False, value=0.75)
    text = describe.evaluation_summary(res)
    assert "One of the three bars is missed: micro-F1 (measured 0.750, needed 0.770)" in text
    assert "0.763" in text  # the published winner, labelled as not measured here


def test_technique_summary_zero_one_and_many_classes():
    """The technique section reads naturally whether no, one or several classes may be named."""
    res = _demo_result()
    assert "One class reaches" in describe.technique_summary(res)
    none = copy.deepcopy(res)
    none["technique_classes"][0]["f1"] = 0.2
    assert "No class reaches" in describe.technique_summary(none)
    many = copy.deepcopy(res)
    many["technique_classes"][1].update(f1=0.6, support=30)
    assert "2 classes reach" in describe.technique_summary(many)


def test_paragraph_scores_singular_and_plural():
    """The score spread says "one paragraph lies" / "2 paragraphs lie" near the threshold."""
    res = _demo_result()
    assert "The article's one paragraph scores 0.65" in describe.paragraph_scores([record(1, 0.65)], res)
    text = describe.paragraph_scores([record(1, 0.65), record(2, 0.55), record(3, 0.1)], res)
    assert "2 paragraphs lie within" in text and "from 0.10 (¶3) to 0.65 (¶1)" in text


# ---------------------------------------------------------------- figures


def test_technique_f1_figure_marks_displayable_classes():
    """One bar per class, labelled with its support, displayable classes in the darker colour."""
    res = _demo_result()
    res["technique_classes"][0]["shown"] = True
    fig = figures.technique_f1(res)
    ax = fig.axes[0]
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Manipulative_Wording (n=300)", "Call (n=14)"]
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()
    plt.close(fig)


def test_paragraph_scores_figure_draws_the_threshold():
    """One bar per paragraph and a vertical line at the decision threshold."""
    fig = figures.paragraph_scores([record(1, 0.9), record(2, 0.2), record(3, 0.5)], threshold=0.6)
    ax = fig.axes[0]
    assert len(ax.patches) == 3 and any(list(line.get_xdata()) == [0.6, 0.6] for line in ax.lines)
    plt.close(fig)


def test_confusion_figure_and_empty_inputs():
    """The confusion matrix shows out-of-fold counts; empty inputs raise a clear ValueError."""
    res = {"oof": {"y": ["true", "false", "true"], "pred": ["true", "true", "false"]}}
    fig = figures.confusion(res)
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert texts == ["0", "1", "1", "1"]
    plt.close(fig)
    with pytest.raises(ValueError, match="no paragraphs"):
        figures.paragraph_scores([], threshold=0.5)
    with pytest.raises(ValueError, match="out-of-fold"):
        figures.confusion({"oof": {"y": [], "pred": []}})


def test_summaries_say_when_the_evaluation_was_not_run():
    """Without a cached evaluation the summaries say so instead of failing."""
    assert "has not been run" in describe.evaluation_summary(None)
    assert "has not been run" in describe.technique_summary(None)


def test_evaluation_summary_keeps_dev_and_story_disjoint_rows_apart():
    """The dev sentence quotes the default model's dev row, and the story-disjoint row separately."""
    res = _demo_result()
    for ev, micro in (("dev_paragraphs", 0.81), ("dev_paragraphs_story_disjoint", 0.71)):
        for m in ("lab", "tfidf_svm", "majority"):
            row = dict(res["binary"][0], eval=ev, model=m, n=151, micro_f1=micro if m == "lab" else 0.5)
            res["binary"].append(row)
    text = describe.evaluation_summary(res)
    assert "micro-F1 0.81" in text and "of their stories, 0.71" in text
