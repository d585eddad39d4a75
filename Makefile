# newsfacts: `make pipeline` and `make test` set everything up themselves on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=

.PHONY: setup pipeline test eval bench validate clean

setup: $(STAMP)

# The venv is rebuilt only when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

pipeline: $(STAMP)
	$(PY) -m pipeline run seeds --out data $(ARGS)
	$(PY) -m pipeline validate data

test: $(STAMP)
	$(PY) -m pytest -q $(ARGS)

# Quality against ../shared/benchmarks (NewsQuant, PolNeAR); skipped when absent.
eval: $(STAMP)
	$(PY) bench/eval_facts.py
	$(PY) bench/eval_quotes.py

# Throughput and memory at 10k and 100k articles (see bench/README or `bench/run_bench.py --help`).
bench: $(STAMP)
	$(PY) bench/run_bench.py $(ARGS)

validate: $(STAMP)
	$(PY) -m pipeline validate data

clean:
	rm -rf $(VENV) data/documents data/sentences data/numeric_facts data/quotes data/rejects data/runs
