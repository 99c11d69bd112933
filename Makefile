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

.PHONY: run test refresh build bench chromium clean accepteer backup

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
	$(BIN)/python -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
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

# Benchmarks (issue 8). Each prints medians with min/max and the machine load; output also in
# bench/results/ (git-ignored). Needs Debian's Chromium for the browser parts (make chromium).
bench: $(STAMP) chromium
	@mkdir -p bench/results
	@echo "Let op: $$(nproc) cores, load $$(cut -d' ' -f1-3 /proc/loadavg); andere testruns delen de machine."
	$(BIN)/python bench/etl_build.py 3 | tee bench/results/etl_build.txt
	$(BIN)/python bench/pages.py 7 7 | tee bench/results/pages.txt
	$(BIN)/python bench/schaal.py --herhaal 7 | tee bench/results/schaal.txt
	$(BIN)/python bench/import.py | tee bench/results/import.txt
	$(BIN)/python bench/geheugen.py 10 1 | tee bench/results/geheugen.txt

# Accept a snapshot file you replaced on purpose: make accepteer BESTAND=data/snapshot/...
accepteer: $(STAMP)
	@test -n "$(BESTAND)" || { echo "Geef het bestand: make accepteer BESTAND=data/snapshot/..."; exit 2; }
	$(BIN)/python -m etl accepteer $(BESTAND)

# Reservekopie van data/beleid.duckdb plus een CSV per tabel in data/backup/<tijd>/.
# Terugzetten: .venv/bin/python -m monitor.beleid herstel data/backup/<tijd>
backup: $(STAMP)
	$(BIN)/python -m monitor.beleid backup


clean:
	rm -rf $(VENV) tests/artifacts
	rm -f $(DB) $(DB).tmp $(DB).tmp.wal $(DB).wal $(DB).lock
