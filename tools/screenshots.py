"""Screenshots of the built site for the README: the home page in English and in Urdu, on a
laptop and on a phone. Run after `make site` (or `campaign build`); `make screenshots` does both.

    .venv/bin/python tools/screenshots.py [--site site] [--out readme]

The site is served from 127.0.0.1 for the run; nothing is requested from any other host (the
browser resolves no other name). Debian's chromium draws the pages (as in the browser tests).
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [  # (file name, path in the site, width, height)
    ("home-en.png", "", 1280, 800),
    ("home-ur.png", "ur/", 1280, 800),
    ("home-en-phone.png", "", 390, 844),
    ("home-ur-phone.png", "ur/", 390, 844),
]
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "readme")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"error: no built site in {args.site}; run 'make site' first", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("error: Debian's chromium is needed: sudo apt-get install chromium", file=sys.stderr)
        return 1
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[OFFLINE])
            for name, path, width, height in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + path, wait_until="load")
                page.evaluate("document.fonts.ready")
                tmp = args.out / f".{name}.tmp.png"
                page.screenshot(path=str(tmp))
                tmp.replace(args.out / name)   # never a half-written picture in the README
                page.close()
                print(f"wrote {args.out / name}")
            browser.close()
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
