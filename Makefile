# Two commands: `make run` (demo site on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links (API detail_url, feeds, emails) and the demo Site follow the server you run.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export WAGTAILADMIN_BASE_URL

.PHONY: run test fuzz privacy-long install lock lint format migrate demo clean bench messages screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the exact versions in requirements.lock (pip-tools), then the project.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Re-resolve requirements.lock after changing pyproject.toml (`make lock`), or move
# every package to its newest allowed version (`make lock LOCK_ARGS=--upgrade`).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'pip-tools~=7.6.2'
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock $(LOCK_ARGS) pyproject.toml

migrate: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --no-input

demo: migrate
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py load_demo_network

run: demo
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Longer runs of the property tests and fuzzers that `make test` runs bounded and seeded.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz HOSTILE_INPUT=all FUZZ_EXAMPLES=300 $(BIN)/python -m pytest -q \
		tests/events/test_recurrence_properties.py tests/test_hostile_input.py \
		tests/test_edge_inputs.py tests/api/test_schema.py $(PYTEST_ARGS)

# The privacy state machine at length: runs of up to 20 editor actions after building a
# site, until 2,000 actions in all have been taken (the test counts and prints them),
# each followed by the check of every surface. Set DATABASE_URL to run it on PostgreSQL.
privacy-long: install
	HYPOTHESIS_PROFILE=fuzz PRIVACY_EXAMPLES=100 PRIVACY_STEPS=21 PRIVACY_MIN_ACTIONS=2000 \
		$(BIN)/python -m pytest -q tests/privacy/test_stateful.py $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media .pytest_cache .ruff_cache

bench: install
	$(BIN)/python bench/http_benchmark.py $(BENCH_ARGS)

# Interface translations: extract new strings into locale/*/django.po (needs GNU gettext),
# then compile every catalogue to the committed .mo with polib (no gettext needed).
messages: install
	-DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py makemessages --all --no-location \
		--ignore='.venv/*' --ignore='tests/*' --ignore='bench/*'
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py compile_translations

# Desktop (1280 px) and mobile (390 px) screenshots of every public template into
# docs/screenshots/, taken by the accessibility test in Chromium (axe-core must pass).
screenshots: install
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/browser/test_accessibility_in_browser.py::test_public_templates_have_no_axe_violations \
		$(PYTEST_ARGS)
