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
	@echo "--- held-out half B (never looked at while writing rules): the honest figures"
	$(BIN)/python -m claimtrack.evaluate --seed tests/eval/gold/heldout_b_dump.txt \
		--gold tests/eval/gold/heldout_b_statements.jsonl --baseline tests/eval/heldout_b_baseline.json
	@echo "--- held-out set C, half CB (written blind to the extractor, never tuned on)"
	$(BIN)/python -m claimtrack.evaluate --seed tests/eval/gold/heldout_cb_dump.txt \
		--gold tests/eval/gold/heldout_cb_statements.jsonl --baseline tests/eval/heldout_cb_baseline.json
	@echo "--- held-out set D (written blind to the extractor; only its article spans were looked at)"
	$(BIN)/python -m claimtrack.evaluate --seed tests/eval/gold/heldout_d_dump.txt \
		--gold tests/eval/gold/heldout_d_statements.jsonl --baseline tests/eval/heldout_d_baseline.json
	@echo "--- held-out set C, half CA (the development half of set C)"
	$(BIN)/python -m claimtrack.evaluate --seed tests/eval/gold/heldout_ca_dump.txt \
		--gold tests/eval/gold/heldout_ca_statements.jsonl --baseline tests/eval/heldout_ca_baseline.json
	$(BIN)/python -m claimtrack.evaluate_emergent
	$(BIN)/python -m claimtrack.evaluate_emergent --pipeline

bench: $(DEVSTAMP)
	$(BIN)/python -m pip install -q -e '.[bench,dask]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache .mypy_cache
