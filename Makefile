# Two commands do everything on a fresh machine with Python 3.11, make and git:
#   make run    set up, migrate, load demo data, start web + worker + beat
#   make test   set up and run the whole test suite
# Embedded PostgreSQL/Redis start when DATABASE_URL/REDIS_URL are unset (config/devservices.py).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
WITH_SERVICES := $(BIN)/python -m config.devservices run --
PYTEST_ARGS ?=
# e.g. make bench LOAD_ARGS="--duration 2 --skip-workers"
LOAD_ARGS ?=

.PHONY: run test lint format check bench install test-deps screenshots clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# PORT=8123 make run: serve on another port; SITE_URL (links in e-mails) follows it.
run: install
	$(WITH_SERVICES) $(BIN)/python manage.py devstack

test: install
	$(WITH_SERVICES) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DATABASE_URL=postgres://lint/lint REDIS_URL=redis://lint:6379/0 $(BIN)/mypy .
	$(BIN)/bandit -c pyproject.toml -r . -q

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# What the browser, translation and PDF tests need beyond Python (CI runs this as root):
# Debian's Chromium, gettext (makemessages/msgfmt), Pango (WeasyPrint) and axe-core from npm.
test-deps:
	(test -x /usr/bin/chromium && command -v msgfmt >/dev/null && ldconfig -p | grep -q libpangoft2-1.0) || \
		(apt-get update -qq && apt-get install -y -qq chromium gettext libpango-1.0-0 libpangoft2-1.0-0)
	npm ci --no-audit --no-fund --loglevel=error

# Regenerate docs/screenshots/*.png: the app on a fresh demo database and a free port.
screenshots: install
	test -x /usr/bin/chromium || (echo "screenshots need Chromium: apt-get install chromium" >&2; exit 1)
	$(WITH_SERVICES) $(BIN)/python docs/screenshots/regenerate.py

# The timing benchmarks, then the load benchmark (gunicorn + wrk; `apt-get install -y wrk`),
# which rewrites the generated section of docs/performance.md.
bench: install
	$(WITH_SERVICES) $(BIN)/python bench/run.py
	$(WITH_SERVICES) $(BIN)/python bench/load.py --write-docs $(LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles node_modules
