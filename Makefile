# One virtual environment (.venv, Python 3.10) made here; every target sets up what it needs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

# python3.10 from PATH if it really runs (a pyenv shim may exist without the version), else pyenv's.
PYTHON310 := $(shell for p in python3.10 $$(ls -d $$HOME/.pyenv/versions/3.10*/bin/python3.10 2>/dev/null | sort -V | tail -n 1); do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

.PHONY: help venv run cli test lint validate train eval bench clean

help:
	@echo "make run    - set up everything and chat with the assistant in the terminal"
	@echo "make test   - set up what is needed and run every test"
	@echo "make cli    - the policy_kb command line (python -m policy_kb --help)"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
		echo "ERROR: Python 3.10 is required (Rasa 3.6 needs Python < 3.11)."; \
		echo "       Install it (e.g. 'pyenv install 3.10') so that python3.10 is on PATH or under ~/.pyenv/versions/3.10*/bin/."; \
		exit 1; fi
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip<25" setuptools wheel
	# All dependencies resolved in one install, then checked (a later separate install breaks rasa's pins).
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip check
	@touch $(STAMP)

venv: $(STAMP)

cli: venv
	$(PY) -m policy_kb --help

lint: venv
	$(BIN)/ruff check policy_kb actions bot tests

test: venv
	$(PY) -m pytest -q
