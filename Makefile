# Two commands do everything on a fresh machine:
#   make book   builds the HTML site and the PDF
#   make test   runs the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PAPER ?= a4
SPHINXOPTS ?= -W --keep-going -n
SPHINX := BRIEFBOOK_PAPER=$(PAPER) $(PY) -m sphinx

.PHONY: book html pdf test setup system-deps test-system-deps clean

book: html pdf

html: setup
	$(SPHINX) -M html docs docs/_build $(SPHINXOPTS)
	@echo "HTML: docs/_build/html/index.html"

pdf: setup system-deps
	$(SPHINX) -M latexpdf docs docs/_build $(SPHINXOPTS)
	@echo "PDF: docs/_build/latex/briefing.pdf"

test: setup test-system-deps
	$(PY) -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh book

test-system-deps:
	bash scripts/install-system-deps.sh test

clean:
	rm -rf docs/_build docs/articles docs/_generated
