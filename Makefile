# Both targets set everything up from nothing: a virtual environment in .venv with the package
# (editable) and its test dependencies.  PYTHON must be Python 3.10 or newer.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.policytext-installed

.PHONY: demo test bench clean

# setup.py compiles some of these modules (pure Python runs where it cannot): an edit to one
# reinstalls, so that the tests run what an install would
SOURCES = $(wildcard src/policytext/*.py src/policytext/extract/*.py)

$(STAMP): pyproject.toml setup.py $(SOURCES)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m policytext demo -o demo-output.jsonl

# the whole suite twice: with the compiled modules, then the Python sources alone
test: $(STAMP)
	$(PY) -m pytest
	POLICYTEXT_PURE=1 $(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info src/policytext/_compiled .pytest_cache demo-output.jsonl
