# Newsroom: `make run` for the demo site, `make test` for the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The test suite runs with production settings (DEBUG off), so it needs a key;
# this one is for tests only.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret DJANGO_SECURE_SSL_REDIRECT=0

.PHONY: install run test lint format check clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py ensure_staff
	@echo "Newsroom is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
