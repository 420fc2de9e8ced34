# newsgraph: `make demo` runs the pipeline on the bundled sample; `make test` runs the tests.
# Both set everything up on a fresh machine first (idempotent, quick when nothing changed).

SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
# Python 3.12 runs spaCy about twice as fast as 3.11 here: prefer it where the machine has it.
PYTHON ?= $(shell for c in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.12 python3; do \
            if $$c -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then echo $$c; break; fi; done)
STAMP := $(VENV)/.installed
DB    ?= examples/newsgraph-demo.db
PORT  ?= 8000

.PHONY: install demo test test-fast browser-deps bench clean help

help:
	@echo "make demo   - set up, analyse and ingest the bundled sample in examples/, then serve the web UI"
	@echo "make test   - set up and run the whole test suite"
	@echo "make bench  - run the benchmarks under bench/ (needs ../shared/data)"

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: need Python 3.11 or newer (python3.12 preferred)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Headless Chromium for the browser tests (Debian packages; nothing is downloaded by the test tool).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else echo "warning: chromium missing; browser tests will be skipped (sudo apt-get install chromium)"; exit 0; fi; \
	  echo "installing Debian chromium for the browser tests"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
	    || echo "warning: could not install chromium; browser tests will be skipped"; }

demo: install
	$(VENV)/bin/newsgraph analyze examples/articles
	$(VENV)/bin/newsgraph ingest examples/articles --db $(DB)
	@echo "newsgraph demo: open http://127.0.0.1:$(PORT)/ in a browser (API docs at /api/docs); Ctrl-C to stop"
	$(VENV)/bin/newsgraph serve --db $(DB) --port $(PORT)

test: install browser-deps
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow and not browser"

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
