# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
HD_VENV := .venv-helpdesk
BIN := $(VENV)/bin
HD_STAMP := $(HD_VENV)/.installed
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

# The real atproto network (PLC, PDS, Bluesky AppView) for tests/realnet: installed into a cache
# outside the repository, keyed by its package-lock.json; the target is that install's stamp file.
ATPROTO_INSTALL := tests/realnet/atproto/install.sh
ATPROTO_STAMP := $(or $(shell bash $(ATPROTO_INSTALL) --stamp),atproto-install-failed)

.PHONY: run test env helpdesk-env atproto-env bench bench-celery bench-ingest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# django-helpdesk lives in its own environment: it is a separate application the bridge talks to over HTTP.
$(HD_STAMP): docker/django-helpdesk/requirements.txt
	$(PYTHON) -m venv $(HD_VENV)
	$(HD_VENV)/bin/pip install -q --upgrade pip
	$(HD_VENV)/bin/pip install -q -r docker/django-helpdesk/requirements.txt
	touch $(HD_STAMP)

# Browser tests drive Debian's chromium through Playwright; it comes from Debian's packages, never a download.
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Without CI, a machine that cannot install it (no npm, offline) still runs the other tests: the
# atproto tests then skip with the reason. With CI set, a failed install stops `make test`.
$(ATPROTO_STAMP):
	@if [ -n "$$CI" ] || command -v npm >/dev/null 2>&1; then \
		bash $(ATPROTO_INSTALL) >/dev/null || { [ -z "$$CI" ] && echo "WARNING: the atproto network could not be installed; its tests will be skipped"; }; \
	else \
		echo "WARNING: npm not found, so the atproto network is not installed; its tests will be skipped"; \
	fi

env: $(STAMP)
helpdesk-env: $(HD_STAMP)
atproto-env: $(ATPROTO_STAMP)

run: $(STAMP) $(HD_STAMP)
	$(BIN)/python -m bridge.devstack

test: $(STAMP) $(HD_STAMP) $(CHROMIUM) $(ATPROTO_STAMP)
	$(BIN)/ruff check bridge tests bench
	$(BIN)/mypy
	HELPDESK_PYTHON=$(CURDIR)/$(HD_VENV)/bin/python $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The load generator comes from Debian's packages.
WRK := /usr/bin/wrk
$(WRK):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk

# Acknowledgements beside a bare POST, p99 at half load, and a 10,000-post storm (embedded mode).
bench: $(STAMP) $(WRK)
	$(BIN)/python bench/ack.py

# The same acknowledgement on PostgreSQL + Redis, Celery's tickets per second at concurrency 1, 2 and 4,
# post → ticket through Celery, and the memory of serve and each worker process (production mode: a
# redis-server of its own on a free port, a throwaway schema in PostgreSQL on 127.0.0.1:5432).
bench-celery: $(STAMP) $(WRK)
	$(BIN)/python bench/ack.py --mode celery

# Post → ticket through the embedded queue into a real django-helpdesk.
bench-ingest: $(STAMP) $(HD_STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) $(HD_VENV) var .pytest_cache
