# Armoedemonitor: two commands do all set-up on a fresh machine.
#   make run   - venv, install, build data/monitor.duckdb from the snapshot if missing, start the dashboard
#   make test  - venv, install test extras and Debian's Chromium, run all tests
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DB      := data/monitor.duckdb
PORT    ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run test refresh build bench chromium clean backup

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(DB): | $(STAMP)
	$(BIN)/python -m etl build

build: $(STAMP)
	$(BIN)/python -m etl build

run: $(STAMP) $(DB)
	$(BIN)/python -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

# Debian's Chromium for the browser tests; never a browser download.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null; \
		else \
			echo "Chromium ontbreekt: installeer de Debian-pakketten chromium en chromium-driver (als root)."; \
		fi; \
	fi

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

refresh: $(STAMP)
	$(BIN)/python -m etl refresh

# Reservekopie van data/beleid.duckdb plus een CSV per tabel in data/backup/<tijd>/.
# Terugzetten: .venv/bin/python -m monitor.beleid herstel data/backup/<tijd>
backup: $(STAMP)
	$(BIN)/python -m monitor.beleid backup

bench: $(STAMP)
	$(BIN)/python bench/etl_build.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/import.py

clean:
	rm -rf $(VENV) data/monitor.duckdb data/monitor.duckdb.tmp tests/artifacts
