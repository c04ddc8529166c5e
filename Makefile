# Two commands do all the set-up:  `make play` (launch the game) and `make test` (run the tests).
# Both create .venv with the project and its test extras on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test bench lint screenshots clean

play: $(STAMP)
	$(BIN)/drumsync $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m drumsync.bench

lint: $(STAMP)
	$(BIN)/python -m pip install -q ruff
	$(BIN)/ruff check drumsync tests
	$(BIN)/ruff format --check drumsync tests

screenshots: $(STAMP)
	$(BIN)/python -m drumsync.tools.screenshots assets/screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
