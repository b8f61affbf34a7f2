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

.PHONY: run test check bench install browser java translations demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) instance/config.py $(COMPILED)

$(COMPILED): $(CATALOGS) $(STAMP) instance/config.py
	$(FLASK) translate compile
	touch $@

instance/config.py: | $(STAMP)
	mkdir -p instance
	$(BIN)/python -c 'import secrets; print("SECRET_KEY = %r" % secrets.token_hex(32))' > $@

demo: install
	$(FLASK) demo

run: demo
	$(FLASK) run --host 127.0.0.1 --port 5000

browser:
	@test -x $(CHROMIUM) || { (apt-get update -qq || sudo apt-get update -qq) && \
	  (apt-get install -y -qq chromium || sudo apt-get install -y -qq chromium); }

java:
	@command -v java >/dev/null || { (apt-get update -qq || sudo apt-get update -qq) && \
	  (apt-get install -y -qq default-jre-headless || sudo apt-get install -y -qq default-jre-headless); }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install browser
	$(BIN)/pytest -q

check: install java node_modules/.installed
	$(FLASK) translate check
	$(BIN)/python -m tools.check

translations: install
	$(FLASK) translate extract
	$(FLASK) translate update
	$(FLASK) translate compile

clean:
	rm -rf $(VENV) node_modules .pytest_cache check-out
