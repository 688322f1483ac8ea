# Every target creates or reuses the virtual environment in .venv by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.terpasang
TAHUN  ?=
ARGS   ?=
PORT   ?= 8866

.DEFAULT_GOAL := help

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'

$(STAMP): pyproject.toml
	@scripts/siapkan_sistem.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

## venv: create or update the environment (.venv) only
venv: $(STAMP)

## laporan: make the annual report from data/ into outputs/<today>/ (TAHUN=2025 to choose)
laporan: $(STAMP)
	$(BIN)/iku-report $(if $(TAHUN),--tahun $(TAHUN)) $(ARGS)

## test: run the whole test suite (unit, integration, notebooks) and the linter
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-current-env -p no:cacheprovider $(ARGS)

## lab: start JupyterLab on the project's environment, notebooks folder open
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

## dasbor: serve the analysts' workbook as a code-free dashboard (Voila) on 127.0.0.1 (PORT=8866)
dasbor: $(STAMP)
	cd notebooks && JUPYTER_PATH=$(CURDIR)/iku_helpers/templates/jupyter ../$(BIN)/voila \
		--no-browser --Voila.ip=127.0.0.1 --port=$(PORT) --template=dasbor \
		--strip_sources=True eksplorasi_tren.ipynb

## data-contoh: regenerate the sample data in data/ and tests/fixtures/data_mini/
data-contoh: $(STAMP)
	$(BIN)/python scripts/buat_data_contoh.py
	$(BIN)/python scripts/buat_data_contoh.py --mini

$(VENV)/.terpasang-bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,bench]"
	@touch $@

## bench: measure report and national-scale speed against baselines (ARGS=--cepat: short run)
bench: $(VENV)/.terpasang-bench
	$(BIN)/python bench/bench.py $(ARGS)

## mutasi: mutation testing (mutmut) of the formulas, computation, parsing and validation; prints the score
mutasi: $(STAMP)
	-HYPOTHESIS_PROFILE=mutasi $(BIN)/mutmut run --max-children 2
	$(BIN)/python scripts/skor_mutasi.py

## bersih: remove the environment and caches (not outputs/)
bersih:
	rm -rf $(VENV) .pytest_cache .ruff_cache mutants

.PHONY: help venv laporan test lab dasbor data-contoh bench mutasi bersih
