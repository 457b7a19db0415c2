# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run    - the dashboard on the embedded layers, http://127.0.0.1:8050
#   make test   - every test
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test test-fast layers

run: $(VENV)/.runtime
	$(BIN)/wijkdashboard serve

test: $(VENV)/.dev
	bash scripts/ensure-browser.sh
	bash scripts/ensure-axe.sh
	$(BIN)/ruff check
	$(BIN)/python -m pytest

# Everything but the browser, build-command, load and walk-everything tests: under a minute.
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not browser and not build and not load and not slow"

# Rebuild layers/ from the raw CBS files (default ../shared/data/raw; RAW=dir to change).
layers: $(VENV)/.runtime
	$(BIN)/wijkdashboard build $(if $(RAW),--raw $(RAW))

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@
