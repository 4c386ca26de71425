"""Benchmark of `campaign build`: how long the localised site takes, and what our code costs.

For two sites, the real one (campaign.yml) and a synthetic one (the project copied into a
temporary folder with 56 extra pages: 78 pages x 8 languages), it times:

full      ``build_site(config, None, site_dir)``: every published language, end to end (read and
          check the catalogs, translate the pages, one MkDocs + Material build per language with
          our plugin and overrides, assemble the site, combined sitemap, swap into place).
          Each worker translates and builds its languages; the run's builds share one overlay
          of overrides and one Jinja bytecode cache, which a worker process fills while the
          inputs are read, so templates compile once per run, not once per language (plain
          Material compiles them in every build).
baseline  the same translated pages built by plain mkdocs-material: ``write_plain_material``
          (here, not in the toolkit) writes each language's Markdown from its LanguageContent and
          a ``mkdocs.yml`` with only the search plugin and no theme overrides, and only
          ``run_builds`` is timed, with the same number of parallel jobs.
ratio     full / baseline: the price of our code on top of what Material costs anyway (target
          <= 1.15). The baseline leaves translation out on purpose: a plain Material site would
          have to get translated pages somehow, and translating is part of what we add, so it
          belongs in the numerator (with the plugin, the overrides and the assembly), not in
          both sides.
one lang  ``build_site(config, ["cy"], ...)``: one language alone (one worker process).
memory    peak resident memory from ``getrusage``: RUSAGE_SELF for the benchmark process and
          RUSAGE_CHILDREN for the largest worker (each language is built in a worker process). Each site is benchmarked in its own forked
          process so that the two sites' figures do not mix.

Every scenario runs in this process, one run after another; before each run (untimed) the
campaign package's in-process caches are emptied (``forget_parsed_inputs``), so that a run does
the work of a fresh ``campaign build`` process and not less. The scenarios take turns, round
after round (baseline, full, one language, then again), so that other load on the machine hits
them alike. Round 0 is an untimed warm-up, so that every scenario starts with MkDocs, Material
and our plugin already imported and the disk cache warm (otherwise whichever runs first pays for
it); then come ``--runs`` timed rounds. The table shows the median wall-clock time with the min
and max, and the median CPU time (this process plus its reaped workers), which a busy machine
disturbs less than wall-clock time. SOURCE_DATE_EPOCH is fixed. Outputs go to temporary folders
that are removed at the end.

    .venv/bin/python bench/build.py [--runs 5] [--jobs N] [--only real|synthetic] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import platform
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign.config import CampaignConfig, Language, load_config  # noqa: E402
from campaign.i18n.language import translate_language  # noqa: E402
from campaign.output import Writer  # noqa: E402
from campaign.pipeline import Inputs, load_inputs  # noqa: E402
from campaign.site.build import build_site, run_builds, select_languages, source_date_epoch  # noqa: E402
from campaign.site.theme import OVERRIDES_DIR, material_languages, search_settings  # noqa: E402
from campaign.site.workdir import LanguagePlan, write_docs  # noqa: E402

EPOCH = "1767225600"                   # 2026-01-01T00:00:00Z
ONE_LANGUAGE = "cy"
TARGET_RATIO = 1.15
EXTRA_PAGES = 56                       # added to the real pages (22 today)
BLOCKS_PER_PAGE = 9
ATTR_LIST = re.compile(r"\s*\{#[^{}]*\}$")     # "## Title {#id}" -> "Title"
PROJECT_FILES = ("docs", "locales", "data", "overrides", "assets", "mkdocs.yml", "campaign.yml",
                 "babel.cfg", "babel-theme.cfg")


# --- the synthetic site ------------------------------------------------------------------------

def split_page(text: str) -> tuple[dict, list[str]]:
    """A page's front matter, and its body as blocks (separated by blank lines), without the H1."""
    _, front, body = text.split("---\n", 2)
    blocks = [b.strip("\n") for b in body.split("\n\n") if b.strip()]
    return yaml.safe_load(front), [b for b in blocks if not b.startswith("# ")]


def synthetic_page(number: int, blocks: list[str], headings: list[str], descriptions: list[str]) -> str:
    """One extra page made of the real pages' blocks (translated through the existing catalogs)
    and one paragraph of its own (no translation: it falls back to English)."""
    title = headings[number % len(headings)]
    start = number * 7 % len(blocks)
    body = [blocks[(start + i) % len(blocks)] for i in range(BLOCKS_PER_PAGE)]
    own = f"This is extra page {number} of the benchmark site. Nobody has translated this paragraph yet."
    front = (f"---\ntitle: {json.dumps(title)}\n"
             f"description: {json.dumps(descriptions[number % len(descriptions)])}\n"
             "audience: [everyone]\n---")
    return "\n\n".join([front, f"# {title}", *body[:4], own, *body[4:]]) + "\n"


def make_synthetic_site(dest: Path) -> Path:
    """Copy the project into ``dest``, add the extra pages and list them in the nav.
    Returns the copy's campaign.yml."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    blocks, headings, descriptions = [], [], []
    for page in sorted((ROOT / "docs").glob("*.md")):
        front, page_blocks = split_page(page.read_text(encoding="utf-8"))
        blocks += page_blocks
        headings += [ATTR_LIST.sub("", b[3:]) for b in page_blocks if b.startswith("## ")]
        descriptions.append(front["description"])
    names = []
    for number in range(1, EXTRA_PAGES + 1):
        name = f"extra-{number:02d}.md"
        (dest / "docs" / name).write_text(synthetic_page(number, blocks, headings, descriptions),
                                          encoding="utf-8")
        names.append(name)
    mkdocs_file = dest / "mkdocs.yml"
    data = yaml.safe_load(mkdocs_file.read_text(encoding="utf-8"))
    data["nav"] = list(data["nav"]) + names
    mkdocs_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "campaign.yml"


# --- the scenarios -----------------------------------------------------------------------------

class Scenario:
    """One thing to time: ``clean`` runs untimed before each run, ``run`` is timed."""

    def __init__(self, run, clean) -> None:
        self.run, self.clean = run, clean
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def measure(self) -> tuple[float, float]:
        """Wall-clock seconds and CPU seconds (this process plus the workers it reaped)."""
        self.clean()
        forget_parsed_inputs()
        cpu_before, start = cpu_seconds(), time.perf_counter()
        self.run()
        return time.perf_counter() - start, cpu_seconds() - cpu_before


def cpu_seconds() -> float:
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def forget_parsed_inputs() -> None:
    """Empty the campaign package's in-process caches (functools caches: parsed pages and front
    matter, link targets of messages, parsers), as a new ``campaign build`` process starts
    without them. Every run of the benchmark is in this one process: without this, each run
    after the first would find the previous runs' parse results (the workers are forked from
    here) and skip work that every real build does."""
    for name, module in list(sys.modules.items()):
        if name == "campaign" or name.startswith("campaign."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def remove(*folders: Path):
    """A ``clean`` step: remove the folders a previous run wrote."""
    def clean() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return clean


def full_build(config: CampaignConfig, out: Path, jobs: int) -> Scenario:
    target = out / "full" / "site"
    return Scenario(lambda: build_site(config, None, target, jobs=jobs), remove(target))


def one_language(config: CampaignConfig, out: Path, jobs: int) -> Scenario:
    target = out / "one" / "site"
    return Scenario(lambda: build_site(config, [ONE_LANGUAGE], target, jobs=jobs), remove(target))


def page_templates(config: CampaignConfig) -> list[str]:
    """The page templates of the project's overrides (e.g. easy-read.html), which pages may name
    in their front matter."""
    folder = config.root / OVERRIDES_DIR
    return sorted(p.name for p in folder.glob("*.html") if p.name != "main.html")


def plain_config(config: CampaignConfig, lang: Language, docs: Path, site: Path, theme: Path) -> dict:
    """A plain mkdocs-material build of one language: the project's mkdocs.yml, the search
    plugin, no campaign plugin and no overrides (an empty custom_dir, since MkDocs rejects null)."""
    language = lang.code if lang.code in material_languages() else config.source_language
    return {"INHERIT": str((config.root / config.mkdocs_file).resolve()),
            "site_name": config.site_name, "site_url": config.site_url + config.url_prefix(lang),
            "docs_dir": str(docs), "site_dir": str(site),
            "theme": {"language": language, "direction": lang.dir, "custom_dir": str(theme)},
            "plugins": [{"search": search_settings(lang, config.source)}]}


def write_plain_material(inputs: Inputs, languages: list[Language], out: Path) -> list[LanguagePlan]:
    """Each language's translated pages (from its LanguageContent) and a plain Material
    mkdocs.yml, under ``out/<code>/``."""
    config = inputs.config
    writer = Writer(atomic=False)
    theme = out / "no-overrides"     # page templates named in front matter fall back to
    for name in page_templates(config):          # Material's own page
        writer.write_text(theme / name, '{% extends "main.html" %}\n')
    theme.mkdir(parents=True, exist_ok=True)
    plans = []
    for lang in languages:
        content = translate_language(inputs, lang)
        base = out / lang.code
        write_docs(inputs, content, base / "docs", writer)
        data = plain_config(config, lang, base / "docs", base / "site", theme)
        mkdocs_file = writer.write_text(base / "mkdocs.yml",
                                        yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        plans.append(LanguagePlan(lang=lang, mkdocs_file=mkdocs_file, site_dir=base / "site",
                                  stats=content.stats))
    return plans


def plain_material(config: CampaignConfig, out: Path, jobs: int) -> Scenario:
    """The translated pages, written once (untimed); only the plain Material builds are timed."""
    languages = select_languages(config, None)
    plans = write_plain_material(load_inputs(config, languages), languages, out / "baseline")
    epoch = source_date_epoch(config)
    return Scenario(lambda: run_builds(plans, jobs=jobs, epoch=epoch),
                    remove(*(plan.site_dir for plan in plans)))


def summary(seconds: list[float]) -> dict:
    return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
            "runs": seconds}


def peak_memory_mib() -> dict:
    mib = 1024  # ru_maxrss is in KiB on Linux
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mib}


def bench_site(name: str, runs: int, jobs: int) -> dict:
    """Every scenario for one site (``real`` or ``synthetic``), in a temporary folder.

    The scenarios take turns (baseline, full, one language; then again), so that a burst of
    other load on the machine hits them alike; round 0 is the untimed warm-up."""
    with tempfile.TemporaryDirectory(prefix=f"campaign-bench-{name}-") as tmp:
        tmp = Path(tmp)
        if name == "real":
            config_file = ROOT / "campaign.yml"
        else:
            config_file = make_synthetic_site(tmp / "project")
        config = load_config(config_file)
        out = tmp / "out"
        scenarios = {"baseline": plain_material(config, out, jobs),
                     "full": full_build(config, out, jobs),
                     "one_language": one_language(config, out, jobs)}
        for round_number in range(runs + 1):
            for scenario in scenarios.values():
                wall, cpu = scenario.measure()
                if round_number:
                    scenario.wall.append(wall)
                    scenario.cpu.append(cpu)
        result = {"site": name, "languages": len(config.published_languages),
                  "pages": len(list((config.root / config.docs_dir).glob("**/*.md")))}
        for key, scenario in scenarios.items():
            result[key] = summary(scenario.wall)
            result[key]["cpu"] = summary(scenario.cpu)
        result["ratio"] = result["full"]["median"] / result["baseline"]["median"]
        result["cpu_ratio"] = result["full"]["cpu"]["median"] / result["baseline"]["cpu"]["median"]
        result["memory_mib"] = peak_memory_mib()
        return result


def _site_in_child(name: str, runs: int, jobs: int, conn) -> None:
    try:
        conn.send(("ok", bench_site(name, runs, jobs)))
    except BaseException:  # report it to the parent, which fails loudly
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def bench_site_in_own_process(name: str, runs: int, jobs: int) -> dict:
    """Run ``bench_site`` in a forked process, so its peak memory is its own."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_site_in_child, args=(name, runs, jobs, send))
    child.start()
    send.close()
    try:
        status, payload = receive.recv()
    except EOFError:  # the child died without a word (killed, out of memory)
        status, payload = "error", "the benchmark process ended unexpectedly"
    child.join()
    if status != "ok":
        raise SystemExit(f"the {name} benchmark failed:\n{payload}")
    return payload


# --- output ------------------------------------------------------------------------------------

def format_table(results: list[dict]) -> str:
    head = f"{'site':<10} {'scenario':<22} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>7}"
    lines = [head, "-" * len(head)]
    for r in results:
        label = r["site"]
        rows = [(f"full ({r['languages']} langs)", r["full"]),
                ("baseline (Material)", r["baseline"]),
                (f"one language ({ONE_LANGUAGE})", r["one_language"])]
        for scenario, t in rows:
            lines.append(f"{label:<10} {scenario:<22} {t['median']:>9.3f} {t['min']:>7.3f} "
                         f"{t['max']:>7.3f} {t['cpu']['median']:>7.3f}")
            label = ""
        verdict = "ok" if r["ratio"] <= TARGET_RATIO else "over target"
        lines.append(f"{'':<10} {'ratio full/baseline':<22} {r['ratio']:>9.3f} "
                     f"(target <= {TARGET_RATIO}: {verdict}; cpu time ratio {r['cpu_ratio']:.3f})")
        mem = r["memory_mib"]
        lines.append(f"{'':<10} {'peak RSS MiB':<22} self {mem['self']:.0f}, "
                     f"largest worker {mem['children']:.0f}")
        lines.append(f"{'':<10} {r['pages']} source pages x {r['languages']} languages")
    return "\n".join(lines)


def environment(runs: int, jobs: int) -> dict:
    return {"runs": runs, "jobs": jobs, "cpus": os.cpu_count(), "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
            "SOURCE_DATE_EPOCH": EPOCH}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per scenario (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(),
                        help="parallel MkDocs builds (default: the number of CPUs)")
    parser.add_argument("--only", choices=("real", "synthetic"), help="benchmark one site only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.jobs < 1:
        parser.error("--runs and --jobs must be at least 1")

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    logging.getLogger("campaign").setLevel(logging.ERROR)   # MkDocs warnings would drown the table
    env = environment(args.runs, args.jobs)
    print(f"runs={args.runs} jobs={args.jobs} cpus={env['cpus']} python {env['python']} "
          f"mkdocs {env['mkdocs']} material {env['mkdocs-material']}", flush=True)
    sites = [args.only] if args.only else ["real", "synthetic"]
    results = [bench_site_in_own_process(name, args.runs, args.jobs) for name in sites]
    print(format_table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"environment": env, "results": results}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
