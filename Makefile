# Every target creates and uses .venv on its own: `make run` and `make test` work on a fresh clone.
# `make run` installs only what serving needs (.[web]); the test and lint targets install .[dev].
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WEB_STAMP := $(VENV)/.installed-web
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8000

.PHONY: run test lint format typecheck bench install clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(WEB_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[web]'
	$(PY) -m compileall -q src >/dev/null  # byte-code even where PYTHONDONTWRITEBYTECODE is set
	touch $(WEB_STAMP)

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m compileall -q src >/dev/null
	touch $(WEB_STAMP) $(DEV_STAMP)

install: $(DEV_STAMP)

run: $(WEB_STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v0
	export SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn -c python:stackwise.web.gunicorn_conf stackwise.web.asgi:application \
	  --bind 127.0.0.1:$(PORT) --access-logfile - --forwarded-allow-ips 127.0.0.1

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
