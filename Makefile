# Every target sets everything up from nothing: a virtual environment in .venv with the package
# (editable) and its test dependencies.  PYTHON must be Python 3.10 or newer.  The package is
# pure Python, built from pyproject.toml alone.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.policytext-installed

.PHONY: demo test bench notebooks clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m policytext demo -o demo-output.jsonl

# the whole suite, once
test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

notebooks: $(STAMP)
	$(PY) notebooks/build.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache demo-output.jsonl
