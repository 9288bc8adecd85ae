# make run  — set up (venv, packages, instance config, migrations, demo data) and serve on 127.0.0.1:$(PORT),
#            with the job worker and scheduler beside it
# make test — set up the same way and run the whole suite (SQLite; PostgreSQL with INSPECTION_TEST_DATABASE_URL)
# make serve — set up, migrate and serve under gunicorn (gunicorn.conf.py) on 127.0.0.1:$(PORT): no demo data

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=
# the suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process
PYTEST_WORKERS ?= auto
CHROMIUM := /usr/bin/chromium

.PHONY: run serve test setup migrate compile translations lint chromium vendor

run: migrate
	@$(FLASK) demo load --if-empty
	@$(FLASK) documents demo-certificate --if-missing
	@$(FLASK) demo accounts
	@# the job worker (exports, imports) and the scheduler (reminders, clean-up) run beside the server; Ctrl-C stops all
	@$(FLASK) jobs worker & worker=$$!; $(FLASK) jobs scheduler & scheduler=$$!; \
		trap 'kill $$worker $$scheduler 2>/dev/null; wait' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production serving (docs/deploy.md): INSPECTION_DATABASE_URL chooses the database (SQLite by default).
serve: migrate
	INSPECTION_BIND=$${INSPECTION_BIND:-127.0.0.1:$(PORT)} $(BIN)/gunicorn --config gunicorn.conf.py

test: setup chromium
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

setup: $(VENV)/.installed instance/config.py compile

migrate: setup
	@$(FLASK) db upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# A random secret, written once and never overwritten (a new one would log every user out).
instance/config.py:
	@mkdir -p instance
	@$(BIN)/python -c "import secrets; print('# Written by make; keep it secret.'); \
	print('SECRET_KEY = %r' % secrets.token_hex(32))" > $@
	@echo "Đã tạo instance/config.py với SECRET_KEY ngẫu nhiên."

# Compiled catalogues are build outputs (git-ignored): rebuilt only when their .po is newer.
I18N_DIR := inspection/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(I18N_DIR)/*/LC_MESSAGES/messages.po))

compile: $(MO_FILES)

$(I18N_DIR)/%/LC_MESSAGES/messages.mo: $(I18N_DIR)/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	@$(BIN)/pybabel -q compile -i $< -o $@ || { rm -f $@; exit 1; }

# Re-extract the source strings and update the English catalogue; then translate the new entries.
# (The vi catalogue holds only WTForms' own messages and is not generated from the .pot.)
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 \
		--ignore-dirs='.* __pycache__ node_modules' --add-location=file -c TRANSLATORS: \
		--project=inspection-portal --version=0.1.0 --copyright-holder='inspection-portal contributors' \
		-o $(I18N_DIR)/messages.pot .
	$(BIN)/pybabel update -i $(I18N_DIR)/messages.pot -d $(I18N_DIR) -l en \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -d $(I18N_DIR) --statistics

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Browser tests need Debian's Chromium (never a browser downloaded by Playwright).
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Đang cài Chromium cho kiểm thử trình duyệt (apt-get)…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation2 >/dev/null) \
		|| echo "CẢNH BÁO: không cài được Chromium: các kiểm thử trình duyệt sẽ bị BỎ QUA."; \
	else \
		echo "CẢNH BÁO: không có $(CHROMIUM) và không chạy bằng root: các kiểm thử trình duyệt sẽ bị BỎ QUA."; \
		echo "          Cài bằng: sudo apt-get install chromium fonts-liberation2"; \
	fi

# Refresh the vendored front-end files from the npm registry (versions in static/vendor/README.md).
vendor:
	rm -rf /tmp/inspection-vendor && mkdir -p /tmp/inspection-vendor
	cd /tmp/inspection-vendor && npm pack --silent bootstrap@5.3.9 chart.js@4.6.1 axe-core@4.14.1 && \
		for f in *.tgz; do mkdir -p $${f%.tgz} && tar xzf $$f -C $${f%.tgz}; done
	cp /tmp/inspection-vendor/bootstrap-5.3.9/package/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp /tmp/inspection-vendor/bootstrap-5.3.9/package/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp /tmp/inspection-vendor/chart.js-4.6.1/package/dist/chart.umd.min.js static/vendor/chartjs/
	cp /tmp/inspection-vendor/axe-core-4.14.1/package/axe.min.js /tmp/inspection-vendor/axe-core-4.14.1/package/LICENSE* \
		static/vendor/axe-core/
