# Two commands do everything on a fresh machine:
#   make book   builds the HTML site and the PDF
#   make test   runs the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PAPER ?= a4
# briefbook build: checks the inputs, builds aside, publishes the site and PDF only when it succeeded
BUILD := BRIEFBOOK_PAPER=$(PAPER) $(PY) -m briefbook build

.PHONY: book html pdf test lint setup lock upgrade system-deps test-system-deps clean

book: setup system-deps
	$(BUILD)

html: setup
	$(BUILD) --html

pdf: setup system-deps
	$(BUILD) --pdf

test: setup test-system-deps lint
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check src tests scripts docs/conf.py
	$(VENV)/bin/ruff format --check src tests scripts docs/conf.py

setup: $(VENV)/.installed

# Exact versions, checked against their hashes, from requirements.lock; then briefbook itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# requirements.lock pins every package (and its hashes) that setup installs.
#   make lock      re-resolve after editing the dependencies in pyproject.toml (keeps other pins)
#   make upgrade   move every pin to the newest release the ranges in pyproject.toml allow
LOCK := $(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --extra test --all-build-deps \
	--no-emit-find-links --no-emit-index-url --strip-extras -o requirements.lock pyproject.toml

lock:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q pip-tools
	$(LOCK)

upgrade:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q pip-tools
	$(LOCK) --upgrade

system-deps:
	bash scripts/install-system-deps.sh book

test-system-deps:
	bash scripts/install-system-deps.sh test

clean:
	rm -rf docs/_build docs/articles docs/browse docs/glossary docs/_generated docs/glossary.md docs/claims.md docs/timeline.md docs/sources.md .briefbook.lock
