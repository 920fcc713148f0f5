# Arabic news lab: two commands do all set-up on a fresh machine.
#   make report                      execute every notebook for every seeds/*.txt, write reports/ (+ index.html)
#   make report ARTICLE=seeds/x.txt  one article
#   make report SHOW_CODE=1          show code cells in the HTML;  FORCE=1 rebuilds unchanged articles;  JOBS=N notebooks at once (default 2)
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

truthy = $(filter 1 yes true on,$(1))

.PHONY: all setup report test lab clean distclean help corpus

all: report

help:
	@sed -n '2,8p' Makefile

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m arabic_news report build $(ARTICLE) $(if $(call truthy,$(SHOW_CODE)),--show-code) $(if $(call truthy,$(FORCE)),--force) $(if $(JOBS),--jobs $(JOBS))

# tests/ plus the doctests of every module in lib/arabic_news (pyproject adds --doctest-modules)
test: $(STAMP)
	$(VENV)/bin/pytest tests lib/arabic_news $(PYTEST_ARGS)

# SaudiNewsNet (de-duplicated) through every analysis on a local Dask cluster -> studies/saudinewsnet/ (git-ignored);
# a rerun skips finished partitions.  STUDY_ARGS: e.g. --scheduler tcp://host:8786, --workers 4, --limit 1000
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
