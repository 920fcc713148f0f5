"""Shared fixtures and the test markers.

Markers (declared in ``pyproject.toml``)
-----------------------------------------
``slow``
    Needs the full shared corpora (or models and statistics trained on them).  A test
    gets it by asking for a corpus fixture below (``sanad_corpus``,
    ``saudinewsnet_corpus``, ``shared_data``), by ``@pytest.mark.slow``, by being listed
    in :data:`SLOW_TESTS`, or by executing notebooks.
``notebook``
    Executes notebooks (the tests in :data:`NOTEBOOK_TESTS`); also ``slow``.

``make test-fast`` runs ``pytest -m "not slow and not notebook"`` (the edit loop, under a
minute); ``make test`` runs everything.

Fixtures
--------
``featured_path`` / ``featured_article``
    The featured seed article (path relative to the project root / the read Article).
``fixture_article_paths``
    The hand-written articles of ``tests/fixtures/articles/`` (see its README).
``sanad_corpus`` / ``saudinewsnet_corpus`` / ``shared_data``
    The full shared corpora / the data folder (session-scoped; mark the test slow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURED = "seeds/iraq-nato-security-cooperation.txt"
FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"

#: fixtures that need the full shared corpora: a test asking for one is marked ``slow``
SLOW_FIXTURES = frozenset(
    {
        "sanad_corpus",
        "saudinewsnet_corpus",
        "shared_data",
        "quick_data",  # test_topics.py: topic_data(quick=True) reads SANAD + SaudiNewsNet
    }
)
#: tests (``module`` or ``module::test``) that execute notebooks: marked ``notebook`` and ``slow``
NOTEBOOK_TESTS = frozenset(
    {"test_notebooks.py::test_notebook_executes_quick", "test_reproducibility.py", "test_report.py"}
)
#: test modules (or ``module::test`` prefixes) that read the shared corpora or train on them
#: without asking for a corpus fixture; marked ``slow`` here so that their files need no edit.
#: Prefer the fixtures (or ``@pytest.mark.slow``) in new tests.
SLOW_TESTS: frozenset[str] = frozenset(
    {
        "test_bad_inputs.py",  # every CLI in a subprocess, with the default background / models
        "test_keywords.py::test_quick_real_background_on_the_seed_article",
        "test_persuasion.py::test_shared_data_has_no_paragraph_in_both_train_and_heldout",
        "test_persuasion.py::test_predict_paragraphs_quick_model",
        "test_persuasion_cli.py::test_round_trip_keeps_ids_and_order",
        "test_persuasion_cli.py::test_malformed_lines_give_error_records_and_others_continue",
        "test_persuasion_cli.py::test_several_files_and_a_missing_one",
        "test_persuasion_cli.py::test_techniques_option_adds_coarse_probabilities",
        "test_persuasion_cli.py::test_table_output",
        "test_topics.py::test_default_quick_model_api_on_the_seed_article",
        "test_persuasion.py::test_predict_techniques_quick_model",
        "test_persuasion.py::test_binary_model_clone_and_seed_determinism",
        "test_persuasion.py::test_trained_models_round_trip_through_skops",
        "test_cli_core.py::test_module_entry_point_version",  # a fresh interpreter importing every CLI
        "test_rhetoric_cli.py::test_usage_error_exit_2",  # idem
        "embed.py::arabic_news.embed",  # doctest: loads the sentence encoder
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Apply ``slow``/``notebook`` from the fixtures a test uses and the lists above."""
    for item in items:
        module = item.path.name
        name = f"{module}::{item.name.split('[')[0]}"
        if module in NOTEBOOK_TESTS or name in NOTEBOOK_TESTS:
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.slow)
        elif SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        elif module in SLOW_TESTS or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


def attribution_pairs(text: str) -> list[tuple[str, str]]:
    """(cue, speaker text at its span) per attribution record of ``text``; '' for an impersonal record."""
    from arabic_news.rhetoric import attributions

    return [(r.cue, text[r.speaker_start : r.speaker_end] if r.speaker_start >= 0 else "") for r in attributions(text)]


@pytest.fixture(scope="session")
def featured_path() -> str:
    """The featured article's path, relative to the project root."""
    return FEATURED


@pytest.fixture(scope="session")
def featured_article():
    """The featured article, read once per session."""
    from arabic_news import read_article

    return read_article(FEATURED)


@pytest.fixture(scope="session")
def fixture_article_paths() -> list[Path]:
    """The hand-written fixture articles (every ``*.txt`` of ``tests/fixtures/articles``)."""
    return sorted(ARTICLES.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data folder (``ARABIC_NEWS_DATA``); the test is marked slow."""
    from arabic_news.paths import data_root

    return data_root()


@pytest.fixture(scope="session")
def sanad_corpus():
    """All of SANAD (AlKhaleej), loaded once per session; the test is marked slow."""
    from arabic_news.corpus import load_sanad

    return load_sanad(show_progress=False)


@pytest.fixture(scope="session")
def saudinewsnet_corpus():
    """All of SaudiNewsNet, loaded once per session; the test is marked slow."""
    from arabic_news.corpus import load_saudinewsnet

    return load_saudinewsnet(show_progress=False)
