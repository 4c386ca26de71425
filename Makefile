# Two commands do all the set-up on a fresh machine:
#   make site   create .venv, install the locked dependencies (and Pango, which WeasyPrint needs,
#               cairo and FriBidi, which the images need, from apt when missing), build every
#               language with its lesson packs, posters, cards and page previews into site/, then
#               write every language's posters, cards, previews and contact sheet into
#               build/images/ for review (from the render cache: nothing is drawn twice)
#   make test   the same set-up (plus Chromium, GNU gettext, poppler-utils and zbar-tools from apt
#               when missing), then mypy and every test (doctests of the campaign package included)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test check bench screenshots system-tools system-libs clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

site: $(STAMP) system-libs
	$(BIN)/campaign build
	$(BIN)/campaign images

check: $(STAMP)
	$(BIN)/campaign check

# System tools the tests need, from Debian's packages (command:package): Chromium for the browser
# tests, GNU gettext (msgfmt, msgcat) for the catalog checks, poppler-utils (pdfinfo, pdffonts,
# pdftotext, pdftoppm) for the PDF checks, zbar-tools (zbarimg) to read QR codes. Each is installed
# when missing and apt works; if one cannot be installed, its tests fail with a message naming the
# package (they never skip).
SYSTEM_TOOLS := chromium:chromium msgfmt:gettext msgcat:gettext pdfinfo:poppler-utils \
                pdffonts:poppler-utils pdftotext:poppler-utils pdftoppm:poppler-utils zbarimg:zbar-tools
# Libraries the build needs (library:package): WeasyPrint renders the lesson packs with Pango;
# the posters and cards need cairo (the logo, through CairoSVG) and FriBidi (Pillow's raqm layout
# loads it at run time; the images' bidi levels come from it too).
SYSTEM_LIBS := libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
               libcairo.so.2:libcairo2 libfribidi.so.0:libfribidi0

system-libs:
	@sh tools/system-packages.sh library $(SYSTEM_LIBS)

system-tools: system-libs
	@sh tools/system-packages.sh command $(SYSTEM_TOOLS)

test: $(STAMP) system-tools
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -p no:cacheprovider

# The README's pictures of the home page (English and Urdu), from the built site.
screenshots: site system-tools
	$(BIN)/python tools/screenshots.py

bench: $(STAMP) system-libs
	$(BIN)/python bench/build.py
	$(BIN)/python bench/print.py
	$(BIN)/python bench/pack.py
	$(BIN)/python bench/images.py

clean:
	rm -rf site .venv
