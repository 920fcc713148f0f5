# Arabic news lab: two commands do all set-up on a fresh machine.
#   make report                      lab-level reports (notebooks/lab, once per data+code) + every notebook for every seeds/*.txt,
#                                    write reports/ (+ index.html); cold steps first (arabic_news.report.warmup), all on Dask
#   make report ARTICLE=seeds/x.txt  one article (plus the lab-level reports if out of date)
#   make report SHOW_CODE=1          show code cells in the HTML;  FORCE=1 rebuilds unchanged reports;  JOBS=N notebooks at once (default 2)
#   make warm                        only fill the cache (topic counts and models, keyword background, persuasion models, evaluations)
#   make test                        all tests: unit tests, doctests over lib/, every notebook with QUICK=True
#   make lab                         JupyterLab on the project's environment
#   make clean                       remove build output (reports/, caches of pytest);  make distclean: also .venv and .cache
# The environment is .venv (python3 -m venv); it is (re)installed only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ARTICLE ?=
SHOW_CODE ?=
FORCE ?=
JOBS ?=
PYTEST_ARGS ?=
# test processes (pytest-xdist); a module's tests that share a build stay on one worker (xdist_group marks)
TEST_JOBS ?= 2

truthy = $(filter 1 yes true on,$(1))

.PHONY: all setup report warm test lab clean distclean help corpus

all: report

help:
	@sed -n '2,11p' Makefile

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m arabic_news report build $(ARTICLE) $(if $(call truthy,$(SHOW_CODE)),--show-code) $(if $(call truthy,$(FORCE)),--force) $(if $(JOBS),--jobs $(JOBS))

warm: $(STAMP)
	$(PY) -m arabic_news.report.warmup

# tests/ plus the doctests of every module in lib/arabic_news (pyproject adds --doctest-modules)
test: $(STAMP)
	@$(MAKE) --no-print-directory lint
	$(VENV)/bin/pytest tests lib/arabic_news $(if $(filter-out 0 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadgroup) $(PYTEST_ARGS)

# SaudiNewsNet (de-duplicated) through every analysis on a local Dask cluster -> studies/saudinewsnet/ (git-ignored);
# a rerun skips finished partitions; progress, the dashboard link and (at the end) the wall time are printed by the command.
# STUDY_ARGS: e.g. --scheduler tcp://host:8786, --workers 4, --limit 1000, --skip persuasion (default: every analysis)
STUDY_ARGS ?=
corpus: $(STAMP)
	$(PY) -m arabic_news study run saudinewsnet --out studies/saudinewsnet $(STUDY_ARGS)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf reports .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) .cache

# make lint: ruff (lint + format check) over lib tests bench notebooks, then mypy --strict on the public API
# make typecheck: mypy --strict on the modules listed in pyproject.toml [tool.mypy]
# make test-fast: the edit loop, no corpus and no notebooks (tests marked slow/notebook are skipped; < 60 s)
.PHONY: lint typecheck test-fast

lint: $(STAMP)
	$(VENV)/bin/ruff check lib tests bench notebooks
	$(VENV)/bin/ruff format --check lib tests bench notebooks
	@$(MAKE) --no-print-directory typecheck

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test-fast: $(STAMP)
	$(VENV)/bin/pytest tests lib/arabic_news -m "not slow and not notebook" -q -n 2 $(PYTEST_ARGS)
