"""Benchmark of the print stage (the lesson packs as PDFs), from one run:

per PDF      each document of one language rendered in this process, one after another
             (``document_html`` + ``render_pdf``): the median, min and max time per PDF
one lang     ``gather_print`` of one language with an empty cache (its packs spread over the
             cores), ``--runs`` times: median wall time          target < 30 s
all langs    ``gather_print`` of every published language with an empty cache, both cores:
             wall and CPU time                                   target < 3 min
no change    ``gather_print`` of every language again, nothing changed (everything from the
             cache), ``--runs`` times: median                   target < 2 s

SOURCE_DATE_EPOCH is fixed; each cold run gets a fresh temporary cache folder, removed at the end.

    .venv/bin/python bench/print.py [--runs 3] [--jobs N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import spread, timed  # noqa: E402

from campaign.config import load_config  # noqa: E402
from campaign.i18n.language import translate_language  # noqa: E402
from campaign.pipeline import load_inputs  # noqa: E402
from campaign.print.html import document_html  # noqa: E402
from campaign.print.packs import all_documents  # noqa: E402
from campaign.print.pdf import render_pdf  # noqa: E402
from campaign.print.render import gather_print  # noqa: E402

EPOCH = "1767225600"                   # 2026-01-01T00:00:00Z
ONE_LANGUAGE = "cy"
TARGETS = {"one_language_s": 30.0, "all_languages_s": 180.0, "no_change_s": 2.0}


def per_pdf(config, code: str) -> list[float]:
    lang = config.language(code)
    content = translate_language(load_inputs(config, [lang]), lang, site=False, print_set=True)
    times = []
    for document in all_documents(content):
        start = time.perf_counter()
        html = document_html(config, content, document, int(EPOCH))
        render_pdf(html, config.root / config.packs_dir / document.pack, document.pack)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    base = load_config(ROOT / "campaign.yml")
    scratch = Path(tempfile.mkdtemp(prefix="bench-print-"))
    results: dict = {"cores": os.cpu_count(), "runs": args.runs}
    try:
        times = per_pdf(base.with_overrides(cache_dir=scratch / "unused"), ONE_LANGUAGE)
        results["per_pdf_s"] = spread(times)

        one = []
        for run in range(args.runs):
            config = base.with_overrides(cache_dir=scratch / f"one-{run}")
            inputs = load_inputs(config, [config.language(ONE_LANGUAGE)])
            wall, _, made = timed(lambda: gather_print(inputs, jobs=args.jobs))
            one.append(wall)
        results["one_language_s"] = statistics.median(one)
        results["one_language_runs"] = one

        config = base.with_overrides(cache_dir=scratch / "all")
        inputs = load_inputs(config)
        wall, cpu, made = timed(lambda: gather_print(inputs, jobs=args.jobs))
        results["all_languages_s"] = wall
        results["all_languages_cpu_s"] = cpu
        results["pdfs"] = len(made.files)  # type: ignore[attr-defined]
        results["pdf_bytes"] = sum(f.size for f in made.files)  # type: ignore[attr-defined]

        again = []
        for _ in range(args.runs):
            wall, _, made = timed(lambda: gather_print(load_inputs(config), jobs=args.jobs))
            assert made.rendered == 0, "a no-change rebuild rendered something"  # type: ignore[attr-defined]
            again.append(wall)
        results["no_change_s"] = statistics.median(again)
        results["no_change_runs"] = again
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"{'measure':<34}{'result':>12}{'target':>10}")
    p = results["per_pdf_s"]
    print(f"{'per PDF, median (min-max), 1 core':<34}{p['median']:>11.2f}s   ({p['min']:.2f}-{p['max']:.2f} s, {p['count']} PDFs)")
    print(f"{'one language (' + ONE_LANGUAGE + '), median':<34}{results['one_language_s']:>11.1f}s{'< 30 s':>10}")
    print(f"{'all languages, both cores':<34}{results['all_languages_s']:>11.1f}s{'< 180 s':>10}"
          f"   ({results['pdfs']} PDFs, {results['pdf_bytes'] / 1e6:.1f} MB, CPU {results['all_languages_cpu_s']:.0f} s)")
    print(f"{'no-change rebuild, median':<34}{results['no_change_s']:>11.2f}s{'< 2 s':>10}")
    results["met"] = {name: results[name] < limit for name, limit in TARGETS.items()}
    print("targets met:", all(results["met"].values()), results["met"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
