# Preparedness: `make run` to try it, `make test` before every commit, `make check` for budgets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
CHROMIUM := /usr/bin/chromium
STAMP := $(VENV)/.installed
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := translations/.compiled
# `PORT=8080 make run` serves elsewhere; links in feeds and CAP name this address unless BASE_URL is set.
PORT ?= 5000
LOCAL_URL = http://127.0.0.1:$(PORT)
LOCAL_FLASK = PREPAREDNESS_BASE_URL=$${PREPAREDNESS_BASE_URL:-$(LOCAL_URL)} $(FLASK)
# pip without banners: no version check, no running-as-root warning, no script-location notes, and
# no build-backend warnings (setuptools' editable-install notice).
PIP_INSTALL = PYTHONWARNINGS=ignore PIP_ROOT_USER_ACTION=ignore $(BIN)/pip --quiet \
	--disable-pip-version-check install \
	--no-warn-script-location --progress-bar off

.PHONY: run test check bench install test-packages bench-packages java translations demo clean

$(STAMP): pyproject.toml
	@echo "Installing Python packages into $(VENV)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP_INSTALL) --upgrade pip
	@$(PIP_INSTALL) -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) instance/config.py $(COMPILED)

$(COMPILED): $(CATALOGS) $(STAMP) instance/config.py
	@$(LOCAL_FLASK) translate compile >/dev/null
	@touch $@

instance/config.py: | $(STAMP)
	mkdir -p instance
	$(BIN)/python -c 'import secrets; print("SECRET_KEY = %r" % secrets.token_hex(32))' > $@

demo: install
	@$(LOCAL_FLASK) demo

run: demo
	@echo
	@echo "  Site:       $(LOCAL_URL)/"
	@echo "  Operators:  $(LOCAL_URL)/admin/"
	@echo "  No operator account yet? Create the first one (it asks for a password):"
	@echo "    $(FLASK) users create NAME --role admin"
	@echo
	@$(LOCAL_FLASK) push keys >/dev/null
	@# With NOTICE_SOURCES configured, the live poller (and push sender) runs beside the web server.
	@sources=$$($(BIN)/python -c 'from app import app; print(len(app.config["NOTICE_SOURCES"] or []))' \
	  2>/dev/null); watcher=; \
	if [ "$${sources:-0}" -gt 0 ]; then echo "  Watching $$sources sources: flask notices watch"; \
	  $(LOCAL_FLASK) notices watch & watcher=$$!; fi; \
	trap '[ -n "$$watcher" ] && kill -TERM $$watcher 2>/dev/null' EXIT; \
	$(LOCAL_FLASK) run --host 127.0.0.1 --port $(PORT)

# Debian packages the tests drive for real: Chromium (Playwright), nginx (the cache in deploy/),
# and CJK fonts so Chinese pages are laid out as phones lay them out.
APT_INSTALL = missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then SUDO=$$([ $$(id -u) = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; fi

test-packages:
	@$(call APT_INSTALL,chromium nginx-light fonts-noto-cjk)

bench-packages:
	@$(call APT_INSTALL,nginx-light wrk)

java:
	@command -v java >/dev/null || { $(call APT_INSTALL,default-jre-headless); }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install test-packages
	$(BIN)/pytest -q

# Every benchmark runs and prints its table; the target fails if any missed its goal.
bench: install bench-packages
	@status=0; for b in bench bench_shelters bench_notices bench_classify bench_push; do \
	  echo "== tools.$$b"; $(BIN)/python -m tools.$$b || status=1; done; exit $$status

check: install java node_modules/.installed test-packages
	$(FLASK) translate check
	$(BIN)/python -m tools.check
	$(BIN)/python -m tools.lighthouse

translations: install
	$(FLASK) translate extract
	$(FLASK) translate update
	$(FLASK) translate compile

clean:
	rm -rf $(VENV) node_modules .pytest_cache check-out
