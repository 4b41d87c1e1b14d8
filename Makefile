# The two commands of the README: `make demo` and `make test`.  Both set up what they need.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: demo test lint bench serve clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/truceline --db demo.db demo --out demo-report

serve: $(BIN)/.installed
	$(BIN)/truceline --db demo.db serve

test: $(BIN)/.installed
	bash scripts/system-deps
	$(BIN)/ruff check truceline tests benchmarks
	$(BIN)/pytest

bench: $(BIN)/.installed
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) demo.db demo.db-* demo-report
