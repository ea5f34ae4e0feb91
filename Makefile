# Newsroom: `make run` for the demo site, `make test` for the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The test suite runs with production settings (DEBUG off), so it needs a key;
# this one is for tests only.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_SERVE_MEDIA=1

AXE := tests/e2e/node_modules/axe-core/axe.min.js

.PHONY: install run worker test lint format check clean lighthouse bench-smoke

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

# axe-core for the browser tests' accessibility checks (skipped without npm).
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	if command -v npm >/dev/null; then cd tests/e2e && npm ci --no-audit --no-fund --silent; fi

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py setup_roles
	DJANGO_DEBUG=1 $(PY) manage.py ensure_staff
	@echo "Newsroom is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# A worker for the demo site started with NEWSROOM_TASKS=database make run (make run alone works at once).
worker: install
	DJANGO_DEBUG=1 NEWSROOM_TASKS=database $(PY) manage.py run_worker

test: install $(AXE)
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

LIGHTHOUSE := bench/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent

# Lighthouse scores of the reader pages on the production server (gunicorn, DEBUG off).
lighthouse: install $(LIGHTHOUSE)
	$(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

# Every benchmark, at a size of seconds, on fresh databases: a benchmark that
# breaks fails CI. Needs PostgreSQL, Redis, wrk, Chromium and npm (as CI has).
SMOKE_DB := postgres://postgres@127.0.0.1:5432
bench-smoke: install $(LIGHTHOUSE)
	for db in newsroom_day_smoke newsroom_also_read_smoke newsroom_history_smoke newsroom_import_smoke \
		newsroom_reads_smoke newsroom_http_smoke newsroom_load_smoke newsroom_archive_smoke; do \
		psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $$db WITH (FORCE)" postgres; done
	BENCH_DAY_DATABASE_URL=$(SMOKE_DB)/newsroom_day_smoke BENCH_DAY_REDIS_URL=redis://127.0.0.1:6379/15 \
		$(PY) bench/newsroom_day.py --articles 2000 --seconds 10 --interval 2 --warm 100 --warm-seconds 3
	BENCH_DATABASE_URL=$(SMOKE_DB)/newsroom_also_read_smoke \
		$(PY) bench/also_read.py --articles 3000 --tags 300 --sample 20 --similar-sample 5
	BENCH_HISTORY_DATABASE_URL=$(SMOKE_DB)/newsroom_history_smoke \
		$(PY) bench/history.py --articles 2000 --revisions 5 --tags 300 --sample 20
	BENCH_IMPORT_DATABASE_URL=$(SMOKE_DB)/newsroom_import_smoke $(PY) bench/import_wordpress.py --posts 500
	BENCH_READS_DATABASE_URL=$(SMOKE_DB)/newsroom_reads_smoke $(PY) bench/most_read.py --seconds 3
	BENCH_HTTP_DATABASE_URL=$(SMOKE_DB)/newsroom_http_smoke BENCH_REDIS_URL=redis://127.0.0.1:6379/14 \
		$(PY) bench/page_speed.py --seconds 2 --rounds 1 --synthetic 200 --renders 20
	BENCH_LOAD_DATABASE_URL=$(SMOKE_DB)/newsroom_load_smoke \
		$(PY) bench/load.py --restart redis --seconds 6 --restart-at 2 --down-seconds 1 --connections 8
	BENCH_ARCHIVE_DATABASE_URL=$(SMOKE_DB)/newsroom_archive_smoke \
		$(PY) bench/archive.py --articles 2000 --revisions 2 --tags 300 --samples 3
	$(PY) bench/lighthouse.py --report-only
	$(PY) bench/cluster.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tests/e2e/node_modules bench/lighthouse/node_modules test-artifacts
