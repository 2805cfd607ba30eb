# One virtual environment (.venv, Python 3.10) made here; every target sets up what it needs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

# python3.10 from PATH if it really runs (a pyenv shim may exist without the version), else pyenv's.
PYTHON310 := $(shell for p in python3.10 $$(ls -d $$HOME/.pyenv/versions/3.10*/bin/python3.10 2>/dev/null | sort -V | tail -n 1); do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

# Rasa must not phone home (telemetry, error reports): this machine and CI have no network but registries.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

MODEL := models/xinmi.tar.gz
# The model is stale when any training input or the code it embeds changes.
TRAIN_INPUTS := config.yml $(shell find domain data -name '*.yml' -o -name '*.txt' 2>/dev/null) \
	$(wildcard bot/nlu/*.py) $(wildcard policy_kb/*.py) $(wildcard language/*.py) $(wildcard policy_kb/data/*) $(wildcard policy_kb/rules/*.py)

.PHONY: help venv run serve cli test unit lint validate generate train eval browser services conversations bench clean

help:
	@echo "make run           - set up everything and chat with the assistant in the terminal"
	@echo "make test          - set up what is needed and run every test"
	@echo "make unit          - the fast tier: tests that need no model and no server (~30 s)"
	@echo "make train         - train models/xinmi.tar.gz when its inputs changed"
	@echo "make serve         - Rasa server with the configured channels + action server"
	@echo "make eval          - held-out reports: NLU, answers, rule cases played as conversations"
	@echo "make conversations - conversation tests (pytest dialogues against the real action server)"
	@echo "make validate      - generated files current, rasa data validate"
	@echo "make bench         - speed and memory figures"
	@echo "make cli           - the policy_kb command line (python -m policy_kb --help)"

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
	$(BIN)/ruff check policy_kb language actions bot records console tests bench

generate: venv
	$(PY) -m bot.generate

$(MODEL): $(STAMP) $(TRAIN_INPUTS)
	$(PY) -m bot.generate
	$(BIN)/rasa train --domain domain --data data --fixed-model-name xinmi --out models
	@touch $(MODEL)

train: $(MODEL)

run: $(MODEL)
	$(PY) -m bot.launcher shell

serve: $(MODEL)
	$(PY) -m bot.launcher serve

validate: venv
	$(PY) -m bot.generate --check
	$(BIN)/rasa data validate --domain domain --data data

# Held-out reports (never used for training): the NLU (accuracy, macro-F1, per intent); the answers (right measure
# and asked fact, per question type and measure, beside search alone and plain BM25); every rule case played as a
# conversation (verdict equal to `python -m policy_kb screen`, questions asked).
eval: $(MODEL)
	$(PY) -m bot.nlu_eval --model $(MODEL) --data tests/nlu/test_nlu.yml --out results/nlu --min-accuracy 0.80
	$(PY) -m bot.answer_eval --model $(MODEL) --data tests/answers/heldout.yml --out results/answers --min-correct 0.75
	$(PY) -m bot.screening_eval --model $(MODEL) --out results/screening

# Every test: unit and integration tests (pytest), data validation, the held-out NLU report and
# the conversation tests.
browser:
	bash scripts/install_browser.sh

# PostgreSQL and Redis on loopback for the scale-out test (installed from Debian's packages if missing).
services:
	bash scripts/services.sh start

test: $(MODEL) browser services
	$(MAKE) --no-print-directory validate
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory eval

# The fast tier: tests that need no trained model and no server (the law, the language side, the test sets'
# separation, the actions with fixture trackers, records, the WeChat parts), well under a minute.
UNIT_TESTS := tests/policy_kb tests/language tests/nlu tests/answers tests/actions/test_actions.py tests/records \
	tests/bot/test_wechat_parts.py tests/bot/test_payloads.py tests/bot/test_rasa_patches.py tests/bot/test_lock_store.py
unit: venv
	$(PY) -m pytest -q $(UNIT_TESTS)

# Conversations with the trained model and the real action server, asserting what the user sees (also in make test).
conversations: $(MODEL)
	$(PY) -m pytest -q tests/conversations

# Benchmarks (not part of make test; ~12 min with the scale-out runs, BENCH_TRAIN=1 adds a timed training): figures as
# tables next to their budgets, written to results/bench/*.json. See bench/__main__.py for the settings.
bench: $(MODEL) services
	$(PY) -m bench

clean:
	rm -rf models results .pytest_cache
