# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    install everything and start Flowline on SQLite (http://127.0.0.1:8420)
#   make test   install everything and run the whole suite (SQLite, then PostgreSQL)

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PG_LOCAL := postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: install run test test-sqlite test-postgres lint format bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

# Installed packages are compiled to bytecode once, and Python may cache the project's
# own: the suite starts many processes (workers, `flowline serve`), and where the
# environment sets PYTHONDONTWRITEBYTECODE each would compile every module anew.
unexport PYTHONDONTWRITEBYTECODE

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

install: $(VENV)/.synced

# FLOWLINE_* variables in the environment (or .env) reach the server as they are.
run: install
	$(BIN)/flowline serve

test: install
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)
	@url="$${FLOWLINE_TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -m tests.pg_probe "$(PG_LOCAL)"; then url="$(PG_LOCAL)"; fi; \
	if [ -n "$$url" ]; then \
		echo "== PostgreSQL run =="; \
		FLOWLINE_TEST_DATABASE_URL="$$url" $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS); \
	elif [ -n "$${CI:-}" ]; then \
		echo "PostgreSQL is required in CI and $(PG_LOCAL) does not answer." >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: skipped the PostgreSQL run (set FLOWLINE_TEST_DATABASE_URL)."; \
	fi

lint: install
	$(BIN)/ruff check src tests bench migrations
	$(BIN)/ruff format --check src tests bench migrations
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests bench migrations
	$(BIN)/ruff check --fix src tests bench migrations

bench: install
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
