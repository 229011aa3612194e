# Wusong: `make demo` sets everything up and serves the demo; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000

.PHONY: demo test install check clean

$(VENV)/.installed: requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt
	touch $@

install: $(VENV)/.installed
	bash scripts/ensure-system-packages.sh
	$(PY) -m wusong.i18n

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Lint, format, migrations in step with models, then the suite on SQLite and, when
# WUSONG_TEST_DATABASE_URL names a server, again on PostgreSQL.
test: install check
	env -u WUSONG_TEST_DATABASE_URL $(PY) -m pytest
	@if [ -n "$$WUSONG_TEST_DATABASE_URL" ]; then \
		echo "== the same suite on $$WUSONG_TEST_DATABASE_URL"; \
		$(PY) -m pytest; \
	fi

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
