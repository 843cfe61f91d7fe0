# Cities for Just Policing — the two commands: `make run` and `make test`.
BOOTSTRAP_PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench install lint format messages compile-messages lock clean-db

$(PY):
	$(BOOTSTRAP_PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12), f"Python 3.12 is needed, found {sys.version}"'
	$(BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --constraint requirements.lock -e ".[dev]"
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

# Re-pin every package after changing the dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv
	$(BOOTSTRAP_PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[dev]"
	{ echo "# Every package the platform and its tests install, at the versions tested together."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  .lock-venv/bin/python -m pip freeze | grep -v '^cities-for-just-policing'; } > requirements.lock
	rm -rf .lock-venv

# Forget the embedded database (it is re-created by the next `make run`).
clean-db:
	rm -rf .pgdata
