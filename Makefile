# vawdasv: `make demo` to try it, `make test` to check it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help install system-packages static messages demo serve test test-sqlite test-postgres lint format bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | awk -F ':.*?## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

system-packages: ## Install the Debian packages the project needs (Chromium, gettext)
	bash scripts/system-packages.sh

static: node_modules/.installed ## Build GOV.UK Frontend and our styles into static files
	npm run --silent build

messages: $(BIN)/.installed ## Compile the Welsh translations
	cd vawdasv && ../$(BIN)/vawdasv compilemessages --ignore=node_modules -v 0

install: system-packages $(BIN)/.installed static messages ## Install everything

demo: install ## Build the demo database and serve it on http://127.0.0.1:8000 (with a worker)
	$(BIN)/vawdasv migrate --noinput -v 0
	$(BIN)/vawdasv collectstatic --noinput -v 0
	DEBUG=true $(BIN)/vawdasv load-demo
	# The demo's people have no authenticator app: two-factor is off unless asked for
	# (TWO_FACTOR_ENFORCED=true make demo); a real deployment has it on (ADR 0019).
	TWO_FACTOR_ENFORCED=$${TWO_FACTOR_ENFORCED:-false} bash scripts/serve-with-worker.sh $(BIN)/vawdasv

test: install ## Run the whole suite (SQLite, then PostgreSQL when TEST_POSTGRES_URL is set)
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_POSTGRES_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then echo "CI must run the suite on PostgreSQL: TEST_POSTGRES_URL is not set" >&2; exit 1; \
	else echo "TEST_POSTGRES_URL not set: the PostgreSQL run was not done (CI always does it)."; fi

# Tests run in parallel, one process per core (pytest-xdist); TEST_WORKERS=0 runs them in one
# process. Each worker has its own test database (test_<name>_gw0, _gw1 … on PostgreSQL) and
# its own live server on a free port for the browser tests.
TEST_WORKERS ?= auto

test-sqlite:
	@echo "== Test suite on SQLite ($(TEST_WORKERS) workers) =="
	env -u DATABASE_URL $(BIN)/pytest -n $(TEST_WORKERS)

test-postgres:
	@echo "== Test suite on PostgreSQL ($(TEST_WORKERS) workers) =="
	DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/pytest -n $(TEST_WORKERS)

lint: $(BIN)/.installed ## ruff, import layers, mypy, djlint, migrations and translations checks
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .
	$(BIN)/mypy vawdasv
	$(BIN)/djlint vawdasv --lint --quiet
	$(BIN)/vawdasv makemigrations --check --dry-run -v 0
	bash scripts/check-translations.sh

format: $(BIN)/.installed ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Measure speed and memory, and import accuracy (see benchmarks/README.md)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.import_accuracy

clean: ## Remove the demo database and built files
	rm -rf var vawdasv/static/vawdasv/build
