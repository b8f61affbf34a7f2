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

.PHONY: run test check bench install test-packages bench-packages java translations demo clean

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
	@status=0; for b in bench bench_shelters bench_notices; do \
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
