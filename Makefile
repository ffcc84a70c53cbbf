# SOM — the two commands of the README quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench docs screenshots setup shell clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set everything up and start the dashboard on demo data (SQLite under data/).
run: $(STAMP)
	$(BIN)/som demo
	$(BIN)/som serve

## A shell with `som` on the PATH (the project's .venv activated); `exit` leaves it.
shell: $(STAMP)
	@echo "som is on the PATH in this shell; type exit to leave it"
	@PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $${SHELL:-/bin/sh} -i

## Lint, type-check and run every test (the command CI runs).
test: $(STAMP) lint typecheck
	$(BIN)/pytest -n 2 --dist loadgroup -rs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy scoring feeds storage som_cli dashboard

## Benchmarks; figures go to docs/benchmarks.md by hand after a run.
bench: $(STAMP)
	$(BIN)/python -m bench.run

## Refresh docs/screenshots/ from the real-browser test.
screenshots: $(STAMP)
	SOM_SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/dashboard/test_browser.py \
		tests/dashboard/test_browser_meeting.py tests/dashboard/test_browser_detainee.py \
		tests/dashboard/test_browser_form_print.py \
		tests/dashboard/test_browser_capacity.py tests/dashboard/test_browser_audit.py

## Regenerate docs/criteria.md from the criteria catalogue.
docs: $(STAMP)
	$(BIN)/som docs

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
