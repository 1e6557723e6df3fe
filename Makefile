# Two entry points for a fresh machine: `make run` and `make test`.
# Everything they need (venv, pinned packages, GNU gettext, Node packages,
# a throwaway Postgres for tests) is installed by the targets below.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
PYTEST_ARGS ?=

.PHONY: setup system-deps node-deps run test lint typecheck ui bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

system-deps:
	bash scripts/ensure-system-deps.sh

node-deps: system-deps
	cd tests/js && (test -d node_modules || npm ci --no-audit --no-fund --loglevel=error)

setup: system-deps $(STAMP)

## run: the main job on embedded defaults (SQLite, local release directory, examples/)
run: setup
	$(BIN)/python -m scripts.run_main_job

## test: the whole suite on real files, real servers (uvicorn, moto, Postgres, Node)
test: setup node-deps
	PATH="$(abspath $(BIN)):$$PATH" bash scripts/with-postgres.sh \
		$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy i18n_pipeline api

## ui: the Dagster UI on http://127.0.0.1:3000
ui: setup
	DAGSTER_HOME=$(abspath var/dagster) $(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p 3000

clean:
	rm -rf $(VENV) build var .pytest_cache
