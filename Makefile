# The two commands a reader needs: `make serve` and `make test`.
# Each creates or refreshes .venv on first use; nothing has to be installed by hand.
VENV   ?= .venv
PY     := $(VENV)/bin/python
# torch==2.13.0 is a local CPU build on the project's machines. Elsewhere, for the
# CPU-only wheel: make test TORCH="torch --index-url https://download.pytorch.org/whl/cpu"
TORCH  ?= torch==2.13.0
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: serve test build typecheck test-torchvision clean

# The first run installs everything (a few minutes); each step says what it is doing.
$(STAMP): pyproject.toml
	@echo "[1/3] creating $(VENV) (first run only)"
	python3 -m venv $(VENV)
	@echo "[2/3] installing $(TORCH) (the largest download, on a machine without it)"
	$(PY) -m pip install --progress-bar on $(TORCH)
	@echo "[3/3] installing cnnref and its pinned docs and test toolchain (pip names each package)"
	$(PY) -m pip install --progress-bar on -e ".[dev]"
	@touch $@
	@echo "installed; the next runs start at once"

# --dirty: after an edit only the edited page is rebuilt (Material keeps the rest of the search
# index); MkDocs warns about a dirty build, so strict mode is off here (make build is strict).
serve: $(STAMP)  ## build the bilingual site and serve it on http://127.0.0.1:$(PORT)/ (make serve PORT=8001)
	@echo "building the site, then serving it; the first build of a clone draws every table and"
	@echo "figure (each is logged), later builds take them from .cache/cnnref"
	@echo "中文: http://127.0.0.1:$(PORT)/   English: http://127.0.0.1:$(PORT)/en/"
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:$(PORT)

# Two workers, one torch thread each (tests/conftest.py keeps each file, and the built
# site, on one worker). Bytecode is written even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE): each of the three processes would otherwise compile cnnref and
# rewrite the test modules' asserts again on every run.
test: $(STAMP)  ## unit tests + every docs snippet (zh and en) + docstring examples
	PYTHONDONTWRITEBYTECODE= OMP_NUM_THREADS=1 $(PY) -m pytest -n 2 --dist loadgroup

build: $(STAMP)  ## the strict site build that CI runs
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

typecheck: $(STAMP)  ## mypy over cnnref/ (configured in pyproject.toml)
	$(VENV)/bin/mypy

# torchvision does not import beside the CPU torch above, so the comparisons with it run in a
# throwaway venv with torch 2.14.1 + torchvision 0.29.1 (about 5.5 GB), where they must not skip.
TV_VENV ?= .venv-torchvision
$(TV_VENV)/.installed: pyproject.toml
	python3 -m venv $(TV_VENV)
	$(TV_VENV)/bin/python -m pip install --quiet torch==2.14.1 torchvision==0.29.1
	$(TV_VENV)/bin/python -m pip install --quiet -e ".[dev]"
	touch $@

test-torchvision: $(TV_VENV)/.installed  ## the tests against real torchvision (tests/models, marker 'torchvision')
	CNNREF_TORCHVISION_TESTS=required OMP_NUM_THREADS=1 $(TV_VENV)/bin/python -m pytest -n 2 -m torchvision tests/models -q -rs

clean:
	rm -rf $(VENV) $(TV_VENV) site .artifacts
