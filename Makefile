# Two commands matter: `make demo` and `make test`. Both work from nothing but
# python3, make and pip: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DEMO_DB := demo.db

.PHONY: demo test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEVSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP) $@

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/claimtrack --db $(DEMO_DB) ingest examples/
	$(BIN)/claimtrack --db $(DEMO_DB) claims import examples/claims.toml
	$(BIN)/claimtrack --db $(DEMO_DB) claims
	$(BIN)/claimtrack --db $(DEMO_DB) show putin-residence-attack

lint: $(DEVSTAMP)
	$(BIN)/ruff check --no-cache claimtrack tests bench examples
	$(BIN)/ruff format --no-cache --check claimtrack tests bench examples
	$(BIN)/mypy --cache-dir /dev/null claimtrack

test: $(DEVSTAMP) lint
	$(BIN)/python -m pytest -q

eval: $(DEVSTAMP)
	$(BIN)/python -m claimtrack.evaluate
	@for set in b cb d ca a; do $(BIN)/python -m claimtrack.evaluate --set $$set || exit 1; done
	$(BIN)/python -m claimtrack.evaluate_emergent
	$(BIN)/python -m claimtrack.evaluate_emergent --pipeline

bench: $(DEVSTAMP)
	$(BIN)/python -m pip install -q -e '.[bench,dask]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache .mypy_cache
