# Nashra. `make demo` serves the demo site; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_SETTINGS ?= nashra.settings.dev

.PHONY: demo test install messages translations chromium java lint format serve clean bench-search bench lighthouse varnish nginx wordpress

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed messages
	@mkdir -p var

# Compiled with Babel, so no system gettext is needed to run the site.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v "^$$" || true

demo: install
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py load_demo --port $(PORT)
	@echo "Nashra is at http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) PY=$(PY) PORT=$(PORT) scripts/demo-serve

test: install chromium java varnish nginx wordpress
	$(PY) -m pytest $(PYTEST_ARGS)

# Search timings on a 100,000-article archive (SQLite, or PostgreSQL with DATABASE_URL).
bench-search: install
	PY=$(PY) scripts/bench-search

# Load benchmark: wrk against gunicorn (uncached, app cache), Varnish and an nginx ceiling.
bench: install
	PY=$(PY) scripts/bench

# Lighthouse scores (performance, accessibility, best practices, SEO) for both editions' home
# and article pages, served with production settings; written to var/lighthouse/scores.md.
lighthouse: install chromium
	PY=$(PY) scripts/lighthouse

chromium:
	@scripts/ensure-chromium

java:
	@scripts/ensure-java

varnish:
	@scripts/ensure-varnish

nginx:
	@scripts/ensure-nginx

# Debian's wordpress, PHP and MariaDB: the import tests build a real WordPress site and export it.
wordpress:
	@scripts/ensure-wordpress

# Regenerate the Arabic catalogue from the code (needs Debian's gettext for xgettext).
translations: $(VENV)/.installed
	$(PY) manage.py makemessages --locale ar --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*" --ignore "check_demo.py" --ignore "make_images.py"

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var test-artifacts
