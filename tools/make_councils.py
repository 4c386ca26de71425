"""Write data/councils.csv, the registry of councils a pack can be made for, from the 2017 list
of upper-tier authorities (data/sources/, a copy of the domain reference's CSV) with the
reorganisations since then applied (REFERENCE.md, section 8) and two code corrections.

    .venv/bin/python tools/make_councils.py            # writes data/councils.csv
    .venv/bin/python tools/make_councils.py --check    # exit 1 if data/councils.csv differs

The output is sorted by name and has the same bytes on every run: commit it with this script.
data/councils.source.md says where every row comes from.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "upper-tier-authorities-circa-2017.csv"
TARGET = ROOT / "data" / "councils.csv"
HEADER = ("# Councils with children's services in England and Wales (ONS codes): written by\n"
          "# tools/make_councils.py from data/sources/; see data/councils.source.md. Do not edit.\n")

# (year, old codes, new (code, name) pairs): REFERENCE.md section 8.
REORGANISATIONS: tuple[tuple[int, tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    (2019, ("E06000028", "E06000029"), (("E06000058", "Bournemouth, Christchurch and Poole"),)),
    (2019, ("E10000009",), (("E06000059", "Dorset"),)),
    (2020, ("E10000002",), (("E06000060", "Buckinghamshire"),)),
    (2021, ("E10000021",), (("E06000061", "North Northamptonshire"),
                            ("E06000062", "West Northamptonshire"))),
    (2023, ("E10000006",), (("E06000063", "Cumberland"), ("E06000064", "Westmorland and Furness"))),
    (2023, ("E10000023",), (("E06000065", "North Yorkshire"),)),
    (2023, ("E10000027",), (("E06000066", "Somerset"),)),
)
# Codes the 2017 list still gives as they were before the 2013 boundary changes (the list's
# source is older than its date): the authority is the same, its code changed on 1 April 2013.
CODE_CORRECTIONS = {"E08000020": "E08000037",   # Gateshead
                    "E06000048": "E06000057"}   # Northumberland


def slug(name: str) -> str:
    """A council's name as a file and URL name.

    >>> slug("Bristol, City of"), slug("St. Helens"), slug("Bournemouth, Christchurch and Poole")
    ('bristol', 'st-helens', 'bournemouth-christchurch-and-poole')
    """
    name = re.sub(r",\s*(City|County) of$", "", name.strip())
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def nation(code: str) -> str:
    return {"E": "england", "W": "wales"}[code[0]]


def read_source(path: Path) -> dict[str, str]:
    """code -> name, from the 2017 list (its '#' lines are comments)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["code"]: row["name"] for row in csv.DictReader(lines)}


def registry_rows(source: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(name, ons_code, nation, slug) of every council today, sorted by name."""
    councils = {CODE_CORRECTIONS.get(code, code): name for code, name in source.items()}
    for year, old, new in REORGANISATIONS:
        missing = [code for code in old if code not in councils]
        if missing:
            raise SystemExit(f"{year}: {missing} not in the source list")
        for code in old:
            del councils[code]
        for code, name in new:
            councils[code] = name
    rows = [(name, code, nation(code), slug(name)) for code, name in councils.items()]
    return sorted(rows, key=lambda row: (row[0].casefold(), row[1]))


def registry_text(rows: list[tuple[str, str, str, str]]) -> str:
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("name", "ons_code", "nation", "slug"))
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args()
    text = registry_text(registry_rows(read_source(args.source)))
    if args.check:
        if not args.out.is_file() or args.out.read_text(encoding="utf-8") != text:
            print(f"{args.out} is not what tools/make_councils.py writes: run it and commit the result",
                  file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    rows = text.count("\n") - HEADER.count("\n") - 1
    print(f"wrote {args.out} ({rows} councils)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
