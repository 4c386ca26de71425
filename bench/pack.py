"""Benchmark of council packs (`campaign pack`), from one run on a cold cache:

full          ``build_site(config, with_print=True, with_images=True)``: the campaign's site,
              every published language, every lesson pack, poster and card, render cache empty:
              the reference
york          ``campaign pack councils/examples/york.yml``: an example with its own brand, contacts
              and SAMPLE marks, in English and Polish; its edition built from nothing (the
              campaign's PDFs are in the cache, but carry another brand)
marginal      one more branded council of the same size (Shropshire's example, English and Polish),
              and its ratio to ``full``                                          target <= 10 %
  of which    its PDFs alone (``gather_print`` of its edition, cold), its posters and cards
              alone (``gather_images``, cold) and its site alone (no print, no images)
one language  one more branded council in English only (Cornwall's example)
plain first   the first council without a file of its own (Rutland: the campaign's brand, every
              language, England): builds the England edition, whose PDFs are the campaign's own
              (from the cache), then its zip
plain next    one more council without a file (Slough): the zip alone, and its ratio to ``full``
all           ``campaign pack --all`` over the registry (175 councils, none with a file today):
              the editions and zips of ``--sample`` councils (both nations), extrapolated to 175:
              editions once + 175 x the mean zip time / the workers           target < 15 min
              (``--sample 0``: the whole registry, timed for real)
all branded   an estimate if every council had a file like York's: 175 x the CPU time of one
              branded council / the cores

SOURCE_DATE_EPOCH is fixed; everything is written under a temporary folder, removed at the end.

    .venv/bin/python bench/pack.py [--sample 12] [--jobs N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import timed  # noqa: E402

from campaign.config import load_config  # noqa: E402
from campaign.councils.batch import Planner, pack_task, plan_all, render_task  # noqa: E402
from campaign.councils.contacts import council_config  # noqa: E402
from campaign.councils.model import load_council, registry_council  # noqa: E402
from campaign.councils.registry import load_registry  # noqa: E402
from campaign.councils.pack import write_pack  # noqa: E402
from campaign.councils.edition import render_edition  # noqa: E402
from campaign.images.render import gather_images  # noqa: E402
from campaign.pipeline import load_inputs  # noqa: E402
from campaign.print.render import gather_print  # noqa: E402
from campaign.site.build import build_site  # noqa: E402
from campaign.workers import each_in_workers  # noqa: E402

EPOCH = "1767225600"                   # 2026-01-01T00:00:00Z
EXAMPLES = ROOT / "councils" / "examples"
TARGETS = {"marginal_ratio": 0.10, "all_councils_s": 15 * 60}


def pack_one(planner: Planner, council, jobs):
    """Render the council's edition (or take it from the cache), then write its zip."""
    job = planner.job(council)
    edition = render_edition(job.edition_config, council.languages, job.edition_key, jobs=jobs)
    return write_pack(job, edition)


def sample_of(entries, size: int):
    """``size`` councils spread over the registry, Welsh ones included."""
    welsh = [e for e in entries if e.nation == "wales"]
    english = [e for e in entries if e.nation == "england"]
    take_welsh = max(1, size * len(welsh) // len(entries))
    pick = lambda items, n: [items[round(i * (len(items) - 1) / max(1, n - 1))] for i in range(n)]  # noqa: E731
    return pick(english, size - take_welsh) + pick(welsh, take_welsh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=12, help="councils for the 'all' estimate (0: all)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    scratch = Path(tempfile.mkdtemp(prefix="bench-pack-"))
    results: dict = {"cores": os.cpu_count(), "sample": args.sample}
    try:
        config = load_config(ROOT / "campaign.yml").with_overrides(cache_dir=scratch / "cache")
        registry = load_registry(config)
        out = scratch / "out"
        wall, cpu, _ = timed(lambda: build_site(config, None, scratch / "site", jobs=args.jobs,
                                                with_print=True, with_images=True))
        results["full_s"], results["full_cpu_s"] = wall, cpu
        results["full_languages"] = len(config.published_languages)

        planner = Planner(config, out)
        york = load_council(EXAMPLES / "york.yml", config, registry)
        wall, cpu, _ = timed(lambda: pack_one(planner, york, args.jobs))
        results["york_s"], results["york_cpu_s"] = wall, cpu

        shropshire = load_council(EXAMPLES / "shropshire.yml", config, registry)
        shropshire_languages = shropshire.languages
        wall, cpu, made = timed(lambda: pack_one(planner, shropshire, args.jobs))
        results["marginal_s"], results["marginal_cpu_s"] = wall, cpu
        results["marginal_zip_mb"] = made.size / 1e6  # type: ignore[attr-defined]

        cornwall = load_council(EXAMPLES / "cornwall.yml", config, registry)
        wall, cpu, _ = timed(lambda: pack_one(planner, cornwall, args.jobs))
        results["marginal_one_language_s"], results["marginal_one_language_cpu_s"] = wall, cpu

        edition = council_config(config, shropshire).with_overrides(cache_dir=scratch / "parts")
        langs = [edition.language(code) for code in shropshire.languages]
        wall, cpu, _ = timed(lambda: gather_print(load_inputs(edition, langs), tuple(langs), jobs=args.jobs))
        results["marginal_pdfs_s"], results["marginal_pdfs_cpu_s"] = wall, cpu
        wall, cpu, _ = timed(lambda: gather_images(load_inputs(edition, langs), tuple(langs), jobs=args.jobs))
        results["marginal_images_s"], results["marginal_images_cpu_s"] = wall, cpu
        wall, cpu, _ = timed(lambda: build_site(edition, list(shropshire.languages), scratch / "parts-site",
                                                jobs=args.jobs))
        results["marginal_site_s"], results["marginal_site_cpu_s"] = wall, cpu

        plain = [registry_council(registry.get(code), config) for code in ("E06000017", "E06000039")]
        wall, cpu, _ = timed(lambda: pack_one(planner, plain[0], args.jobs))
        results["plain_first_s"], results["plain_first_cpu_s"] = wall, cpu
        wall, cpu, made = timed(lambda: pack_one(planner, plain[1], args.jobs))
        results["plain_next_s"], results["plain_next_cpu_s"] = wall, cpu
        results["plain_zip_mb"] = made.size / 1e6  # type: ignore[attr-defined]

        shutil.rmtree(out, ignore_errors=True)
        all_config = config.with_overrides(cache_dir=scratch / "all-cache")
        (scratch / "all-cache").mkdir()
        for stage in ("print", "images"):     # the campaign's PDFs and images, as after a build
            (scratch / "all-cache" / stage).symlink_to(scratch / "cache" / stage)
        batch = plan_all(all_config, scratch / "all-out")
        if args.sample:
            chosen = {e.ons_code for e in sample_of(registry.entries, args.sample)}
            batch.jobs = [job for job in batch.jobs if job.council.ons_code in chosen]
        editions = list(batch.editions.values())
        inner = args.jobs if len(editions) == 1 else 1
        wall_editions, _, done = timed(lambda: list(each_in_workers(
            render_task, [(job, inner) for job in editions], 1 if inner != 1 else args.jobs)))
        rendered = {key: edition for _, (key, edition, error) in done if edition is not None}  # type: ignore[attr-defined]
        ready = [(job, rendered[job.edition_key]) for job in batch.jobs]
        wall_zips, _, _ = timed(lambda: list(each_in_workers(pack_task, ready, args.jobs)))
        count = len(ready)
        results["all_councils"] = count
        results["all_editions"] = len(editions)
        results["all_editions_s"] = wall_editions
        results["all_zips_s"] = wall_zips
        total = len(registry.entries)
        results["all_councils_s"] = wall_editions + wall_zips * (total / count)
        results["all_measured"] = not args.sample
        results["all_branded_estimate_s"] = total * results["marginal_cpu_s"] / (os.cpu_count() or 1)
        results["zips_bytes"] = sum(p.stat().st_size for p in (scratch / "all-out").glob("*.zip"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    full, full_cpu = results["full_s"], results["full_cpu_s"]
    results["marginal_ratio"] = results["marginal_s"] / full
    results["marginal_cpu_ratio"] = results["marginal_cpu_s"] / full_cpu
    results["plain_ratio"] = results["plain_next_s"] / full
    results["load_average"] = os.getloadavg()
    print(f"{'measure':<50}{'wall':>8}{'CPU':>8}{'wall %':>8}{'CPU %':>7}   notes")
    rows = [
        ("full site build with print and images (cold)", "full", "every language, 200 PDFs, 336 images"),
        ("one council pack: York example (en, pl)", "york", "its own edition, built now"),
        ("marginal branded council: Shropshire (en, pl)", "marginal",
         f"target <= 10 %; zip {results['marginal_zip_mb']:.1f} MB"),
        ("  of which: its 50 PDFs alone", "marginal_pdfs", "brand + contacts + SAMPLE on every PDF"),
        ("  of which: its posters and cards alone", "marginal_images", "logo, colours, QR, SAMPLE on each"),
        ("  of which: its site alone (no print, no images)", "marginal_site", ""),
        ("marginal branded council, one language (Cornwall)", "marginal_one_language", "en only"),
        ("first council without a file (Rutland)", "plain_first", "England edition, the campaign's PDFs and images"),
        ("marginal council without a file (Slough)", "plain_next", f"zip only, {results['plain_zip_mb']:.1f} MB"),
    ]
    for name, key, note in rows:
        wall, cpu = results[f"{key}_s"], results[f"{key}_cpu_s"]
        print(f"{name:<50}{wall:>7.1f}s{cpu:>7.1f}s{100 * wall / full:>7.1f}%{100 * cpu / full_cpu:>6.1f}%   {note}")
    how = "measured" if results["all_measured"] else f"estimated from {results['all_councils']} councils"
    print(f"{'all 175 councils (none has a file today)':<50}{results['all_councils_s']:>7.0f}s"
          f"{'':>23}   {how}: {results['all_editions']} editions in {results['all_editions_s']:.0f} s, "
          f"zips {results['all_zips_s']:.0f} s; target < 900 s")
    print(f"{'all 175 if each had a file like York':<50}{results['all_branded_estimate_s']:>7.0f}s"
          f"{'':>23}   estimate: 175 x CPU of one branded council / {os.cpu_count()} cores")
    print(f"load average during the run (1, 5, 15 min): {results['load_average']}; on a shared "
          "machine the CPU columns are the steadier measure")
    results["met"] = {"marginal_ratio": results["marginal_ratio"] <= TARGETS["marginal_ratio"],
                      "marginal_cpu_ratio": results["marginal_cpu_ratio"] <= TARGETS["marginal_ratio"],
                      "plain_ratio": results["plain_ratio"] <= TARGETS["marginal_ratio"],
                      "all_councils_s": results["all_councils_s"] < TARGETS["all_councils_s"]}
    share = len(shropshire_languages) / results["full_languages"]
    results["marginal_language_share"] = share
    print(f"a branded council renders its own languages' PDFs, posters, cards and previews (its brand, "
          f"contacts and SAMPLE marks are on every page of them): Shropshire has "
          f"{len(shropshire_languages)} of the full build's {results['full_languages']} languages, "
          f"{100 * share:.0f} % of its renders; measured {100 * results['marginal_cpu_ratio']:.1f} % of its CPU time")
    print("targets met:", results["met"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
