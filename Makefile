# Two commands do all the set-up on a fresh machine:
#   make site   create .venv, install the locked dependencies, build every language into site/
#   make test   the same set-up (plus Chromium from apt when missing), then every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test check bench chromium clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/campaign build

check: $(STAMP)
	$(BIN)/campaign check

# Browser tests use Debian's Chromium. Install it when missing and apt works; if it cannot be
# installed, the browser tests fail with a message naming the package (they never skip).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null) \
	    || echo "WARNING: could not install chromium (apt-get install chromium); browser tests will fail."; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/build.py

clean:
	rm -rf site .venv
