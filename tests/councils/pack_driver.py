"""Make one council's pack in a process of its own, as ``campaign pack`` does: the tests that
change the umask, time zone and working folder, and the test that kills a run midway.

    python -m tests.councils.pack_driver COUNCIL_FILE OUT_DIR CACHE_DIR
        [--shared-cache DIR]  use DIR's rendered PDFs and stored logos (links to them in
                              CACHE_DIR: renders then name the same files, so the PDFs come
                              from the cache; the site is built again)
        [--slow SECONDS]      wait this long before reading each file of the zip (to be killed)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from campaign.commands.pack import pack_file
from campaign.config import load_config
from campaign.councils import archive

ROOT = Path(__file__).resolve().parent.parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("council_file", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--shared-cache", type=Path)
    parser.add_argument("--slow", type=float, default=0.0)
    args = parser.parse_args()
    config = load_config(ROOT / "campaign.yml").with_overrides(cache_dir=args.cache.resolve())
    if args.shared_cache is not None:
        for part in ("print", "councils/logos"):
            link = args.cache / part
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                link.symlink_to((args.shared_cache / part).resolve(), target_is_directory=True)
    if args.slow:
        read = archive.Entry.read

        def slow_read(entry: archive.Entry) -> bytes:
            time.sleep(args.slow)
            return read(entry)
        archive.Entry.read = slow_read          # type: ignore[method-assign]
    outcome = pack_file(config, args.council_file, args.out)
    print(outcome.state, outcome.detail)


if __name__ == "__main__":
    main()
