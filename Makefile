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

.PHONY: install run test suite lint format bench clean console console-check \
	client client-check fuzz

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

# The console and client checks run beside the suite: they are mostly waiting on npm and on
# the generator, and each fails `make test` as it would alone.
test: install
	@$(MAKE) --no-print-directory -j3 --output-sync=line console-check client-check suite

suite: install
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS)
	@url="$${FLOWLINE_TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -m tests.pg_probe "$(PG_LOCAL)"; then url="$(PG_LOCAL)"; fi; \
	if [ -n "$$url" ]; then \
		echo "== PostgreSQL run =="; \
		FLOWLINE_TEST_DATABASE_URL="$$url" $(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS); \
	elif [ -n "$${CI:-}" ]; then \
		echo "PostgreSQL is required in CI and $(PG_LOCAL) does not answer." >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: skipped the PostgreSQL run (set FLOWLINE_TEST_DATABASE_URL)."; \
	fi

# The web console (console/, docs/console.md): its build is committed under the package,
# so running Flowline never needs Node. `make console` rebuilds it after a change to
# console/; `make test` checks, where Node is present, that the committed build is
# exactly what the source builds to (builds are byte-identical).
CONSOLE_DIST := src/flowline/console/dist

console:
	cd console && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

console-check:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: skipped the check of the console build"; exit 0; \
	fi; \
	out="$$(mktemp -d)"; \
	( cd console && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
		&& CONSOLE_OUT_DIR="$$out" npm run --silent build >/dev/null ) || exit 1; \
	if diff -r "$$out" $(CONSOLE_DIST) >/dev/null; then \
		rm -rf "$$out"; echo "console build: matches console/"; \
	else \
		diff -rq "$$out" $(CONSOLE_DIST) >&2; rm -rf "$$out"; \
		echo "console build: $(CONSOLE_DIST) is not what console/ builds to; run 'make console' and commit it" >&2; \
		exit 1; \
	fi

# The typed Python client (clients/python, docs/client.md) is generated from the app's
# OpenAPI document and committed: `make client` regenerates it after an API change;
# `make test` checks that the committed client is what the document generates.
client: install
	$(BIN)/python -m scripts.client generate

client-check: install
	@$(BIN)/python -m scripts.client check

# Schemathesis, deep and stateful, against a fresh `flowline serve` (docs/api.md#fuzzing);
# FUZZ_EXAMPLES (default 25) examples per operation; FLOWLINE_TEST_DATABASE_URL for PostgreSQL.
fuzz: install
	$(BIN)/python -m scripts.fuzz

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
