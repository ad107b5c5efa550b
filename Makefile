# Two commands matter: `make run` (the site with demo data) and `make test` (the suite).
# Both build the environment from uv.lock; uv is installed with pip if it is missing.

SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Processes that share the test suite (pytest-xdist); tests/settings.py allows six.
TEST_PROCESSES ?= 2
# `make run` serves on HOST:PORT, so the links of its e-mails point there too.
SITE_URL ?= http://$(HOST):$(PORT)
ALLOWED_HOSTS ?= 127.0.0.1,localhost,$(HOST)
RUN_ENV := DEBUG=1 SITE_URL=$(SITE_URL) ALLOWED_HOSTS=$(ALLOWED_HOSTS)

.PHONY: run test lint bench bench-indicators bench-pages env messages worker

env: .venv/.synced

.venv/.synced: uv.lock pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --user --quiet uv
	$(UV) sync --locked --quiet
	@touch $@

# seed_demo prints the demo accounts, the coordinator's second factor included.
run: env
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v0
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "  Site :          $(SITE_URL)/"
	@echo "  Coordination :  $(SITE_URL)/admin/"
	@echo "  Santé :         $(SITE_URL)/sante/"
	@echo "  Courriels :     écrits dans var/courriels/, liens vers $(SITE_URL)"
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: env
	$(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

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

APPS := messagerie communaute ressources temoignages formation activites recrutement jumelage \
	accompagnement mentorat coordination

# Each app keeps its own English catalogue; the project's covers ruisss/ and templates/.
messages: env
	DEBUG=1 $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var \
		$(foreach app,$(APPS),--ignore='$(app)/*')
	for app in $(APPS); do (cd $$app && ../.venv/bin/django-admin makemessages -l en --no-obsolete); done
	DEBUG=1 $(PY) manage.py compilemessages -l en -l fr --ignore=.venv
