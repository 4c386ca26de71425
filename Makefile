# Two commands do all the set-up on a fresh machine:
#   make site   create .venv, install the locked dependencies, build every language into site/
#   make test   the same set-up (plus Chromium and GNU gettext from apt when missing), then mypy
#               and every test (doctests of the campaign package included)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test check bench screenshots system-tools clean

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

# System tools the tests need, from Debian's packages (command:package): Chromium for the browser
# tests, GNU gettext (msgfmt, msgcat) for the catalog checks. Each is installed when missing and
# apt works; if one cannot be installed, its tests fail with a message naming the package (they
# never skip).
SYSTEM_TOOLS := chromium:chromium msgfmt:gettext msgcat:gettext

system-tools:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	missing=$$(echo $$(printf '%s\n' $$missing | sort -u)); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null) \
	    || echo "WARNING: could not install$$missing (apt-get install$$missing); the tests that need them will fail."; \
	fi

test: $(STAMP) system-tools
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -p no:cacheprovider

# The README's pictures of the home page (English and Urdu), from the built site.
screenshots: site system-tools
	$(BIN)/python tools/screenshots.py

bench: $(STAMP)
	$(BIN)/python bench/build.py

clean:
	rm -rf site .venv
