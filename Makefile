# Every target creates and uses .venv on its own: `make run` and `make test` work on a fresh clone.
# `make run` installs only what serving needs (.[web]); the test and lint targets install .[dev].
# Both install the exact versions of requirements/*.txt, checked against their hashes, then the
# project itself without dependencies; pyproject.toml keeps the ranges the wheel declares.
# `make lock` regenerates the lock files from pyproject.toml, keeping the pinned versions that
# still fit (`make lock LOCK_FLAGS=--upgrade` moves everything to the newest that fits).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WEB_STAMP := $(VENV)/.installed-web
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8000

.PHONY: run test lint format typecheck bench install lock clean docs

# The pages whose figures and tables are generated from the code (docs/_generate.py, via cog).
COG_PAGES := README.md docs/decision-model.md docs/architecture.md docs/operating.md docs/booking.md docs/lab.md

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(WEB_STAMP): pyproject.toml requirements/web.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements/web.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m compileall -q src >/dev/null  # byte-code even where PYTHONDONTWRITEBYTECODE is set
	touch $(WEB_STAMP)

$(DEV_STAMP): pyproject.toml requirements/dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m compileall -q src >/dev/null
	touch $(WEB_STAMP) $(DEV_STAMP)

install: $(DEV_STAMP)

# Universal (every platform's wheels hashed) for Python 3.11, from uv's own index (PyPI unless
# UV_INDEX_URL says otherwise; a local pip configuration never ends up in the files); the test
# environment is constrained to the site's versions.
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
  --python-version 3.11 --custom-compile-command "make lock"
lock: $(DEV_STAMP)
	$(LOCK) $(LOCK_FLAGS) --extra web -o requirements/web.txt
	$(LOCK) $(LOCK_FLAGS) --extra dev -c requirements/web.txt -o requirements/dev.txt

run: $(WEB_STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v0
	export SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn -c python:stackwise.web.gunicorn_conf stackwise.web.asgi:application \
	  --bind 127.0.0.1:$(PORT) --access-logfile - --forwarded-allow-ips 127.0.0.1

# The cog line checks the figures and tables the docs quote (docs/_generate.py, the settings); after
# a change of knowledge, lab results, profile model or settings, rewrite them with `-r` instead of `--check`.
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check src tests benchmarks docs
	$(VENV)/bin/ruff format --check src tests benchmarks docs
	$(VENV)/bin/lint-imports
	$(VENV)/bin/cog --check -I . $(COG_PAGES)

docs: $(DEV_STAMP)
	$(VENV)/bin/cog -r -I . $(COG_PAGES)

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format src tests benchmarks docs
	$(VENV)/bin/ruff check --fix src tests benchmarks docs

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
