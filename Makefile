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
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "warning: chromium missing; browser tests will be skipped (sudo apt-get install chromium)"; fi; }

demo: install
	$(VENV)/bin/newsgraph analyze examples/articles

test: install browser-deps
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow and not browser"

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
