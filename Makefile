# Two commands matter: `make run` (the site with demo data) and `make test` (the suite).
# Both build the environment from uv.lock; uv is installed with pip if it is missing.

SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench bench-indicators bench-pages env messages worker

env: .venv/.synced

.venv/.synced: uv.lock pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --user --quiet uv
	$(UV) sync --locked --quiet
	@touch $@

# seed_demo prints the demo accounts, the coordinator's second factor included.
run: env
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "  Site :          http://$(HOST):$(PORT)/"
	@echo "  Coordination :  http://$(HOST):$(PORT)/admin/"
	@echo "  Santé :         http://$(HOST):$(PORT)/sante/"
	@echo "  Courriels :     écrits dans var/courriels/"
	@echo ""
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: env
	$(PY) -m pytest $(PYTEST_ARGS)

lint: env
	.venv/bin/ruff check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run -v0

bench: env
	$(PY) manage.py bench $(BENCH_ARGS)

bench-indicators: env
	$(PY) manage.py bench_indicators $(BENCH_ARGS)

# The pages served by gunicorn as in production, on the PostgreSQL of DATABASE_URL.
bench-pages: env
	DEBUG=1 $(PY) manage.py bench_pages $(BENCH_ARGS)

worker: env
	$(PY) -m celery -A ruisss worker --loglevel=INFO

APPS := messagerie communaute formation recrutement jumelage coordination

# Each app keeps its own English catalogue; the project's covers ruisss/ and templates/.
messages: env
	DEBUG=1 $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var \
		$(foreach app,$(APPS),--ignore='$(app)/*')
	for app in $(APPS); do (cd $$app && ../.venv/bin/django-admin makemessages -l en --no-obsolete); done
	DEBUG=1 $(PY) manage.py compilemessages -l en --ignore=.venv
