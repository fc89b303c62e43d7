# Everything a fresh machine with python3 and make needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_DB ?= demo.duckdb

.PHONY: setup demo test bench train clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[nlp,test,dask]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dyads ingest demo/articles --db $(DEMO_DB) --no-progress
	$(BIN)/dyads articles --db $(DEMO_DB)
	$(BIN)/dyads events --db $(DEMO_DB) --limit 15
	$(BIN)/dyads show brussels-sanctions-scrape.txt --db $(DEMO_DB)
	$(BIN)/dyads series --db $(DEMO_DB) --group "CHN+RUS,USA" --by quarter
	$(BIN)/dyads shift --db $(DEMO_DB) --group "CHN+RUS,USA" --docs moscow-joint-statement-2023.txt beijing-joint-statement-2024.txt
	@echo
	@echo "The dashboard over this database (read-only, offline): $(BIN)/dyads serve --db $(DEMO_DB)"
	@echo "then open http://127.0.0.1:8765/ (Ctrl-C stops it)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/metadata.py
	$(BIN)/python benchmarks/actors.py
	$(BIN)/python benchmarks/events.py
	$(BIN)/python benchmarks/coding.py
	$(BIN)/python benchmarks/serve.py --keep .bench
	$(BIN)/python benchmarks/matmul.py
	$(BIN)/python benchmarks/throughput.py

train: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[nlp,test,train]'
	$(BIN)/python training/check_sentences.py training/sentences/*.jsonl
	$(BIN)/python training/train.py --cv

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .bench test-output
