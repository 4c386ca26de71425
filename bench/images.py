"""Benchmark of the images stage (posters and social media cards), from one run:

per card     each card of one language drawn and encoded (PNG) in this process, one after
             another: the median, min and max time per card
per A3       each A3 poster of that language drawn and encoded (PNG and PDF): median, min, max
one lang     ``gather_images`` of one language with an empty cache (its routes spread over the
             cores), ``--runs`` times: median wall time
all langs    ``gather_images`` of every published language with an empty cache, both cores:
             wall and CPU time                                   target < 2 min
no change    ``gather_images`` of every language again, nothing changed (everything from the
             cache; the inputs already read), ``--runs`` times: median         target < 2 s

The language measured alone is Urdu: Nastaliq is the slowest script to shape (its words are
measured and drawn several times slower than Latin ones). SOURCE_DATE_EPOCH is fixed; each cold
run gets a fresh temporary cache folder, removed at the end.

    .venv/bin/python bench/images.py [--runs 3] [--jobs N] [--json PATH]
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
from campaign.images.draw import Painter  # noqa: E402
from campaign.images.encode import pdf_bytes, png_bytes  # noqa: E402
from campaign.images.fonts import load_language_fonts  # noqa: E402
from campaign.images.layouts import load_layouts  # noqa: E402
from campaign.images.posters import poster_text, route_names  # noqa: E402
from campaign.images.render import gather_images, image_content  # noqa: E402
from campaign.pipeline import load_inputs  # noqa: E402

EPOCH = "1767225600"                   # 2026-01-01T00:00:00Z
ONE_LANGUAGE = "ur"
TARGETS = {"all_languages_s": 120.0, "no_change_s": 2.0}


def per_image(config, code: str, scratch: Path) -> dict[str, list[float]]:
    """Seconds to draw and encode each image of one language, by format kind, in this process
    (the fonts converted beforehand, as a warm cache has them)."""
    lang = config.language(code)
    inputs = load_inputs(config, [lang])
    content = translate_language(inputs, lang, site=False, posters=True)
    fonts = load_language_fonts(config, lang, scratch / "fonts")
    painter = Painter(fonts, config.brand, config.root / config.brand.logo)
    layouts = load_layouts(config.root / config.layouts_dir, str(config.layouts_dir))
    times: dict[str, list[float]] = {"card": [], "a3": []}
    for route in route_names(page.rel for page in inputs.poster_pages):
        texts = image_content(config, content, poster_text(content, route))
        for layout in layouts:
            if layout.is_preview or (layout.is_poster and layout.name != "a3-poster"):
                continue
            start = time.perf_counter()
            drawn = painter.draw(layout, texts)
            png = png_bytes(drawn.image, layout.dpi)
            if layout.is_poster:
                pdf_bytes(png, layout.dpi, route, config.brand.name, int(EPOCH))
            times["a3" if layout.is_poster else "card"].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    base = load_config(ROOT / "campaign.yml")
    scratch = Path(tempfile.mkdtemp(prefix="bench-images-"))
    results: dict = {"cores": os.cpu_count(), "runs": args.runs}
    try:
        times = per_image(base, ONE_LANGUAGE, scratch)
        results["per_card_s"] = spread(times["card"])
        results["per_a3_s"] = spread(times["a3"])

        one = []
        for run in range(args.runs):
            config = base.with_overrides(cache_dir=scratch / f"one-{run}")
            inputs = load_inputs(config, [config.language(ONE_LANGUAGE)])
            wall, _, made = timed(lambda: gather_images(inputs, jobs=args.jobs))
            one.append(wall)
        results["one_language_s"] = statistics.median(one)
        results["one_language_runs"] = one

        config = base.with_overrides(cache_dir=scratch / "all")
        inputs = load_inputs(config)
        wall, cpu, made = timed(lambda: gather_images(inputs, jobs=args.jobs))
        results["all_languages_s"] = wall
        results["all_languages_cpu_s"] = cpu
        results["images"] = made.rendered  # type: ignore[attr-defined]
        results["files"] = len(made.files)  # type: ignore[attr-defined]
        results["bytes"] = sum(f.size for f in made.files)  # type: ignore[attr-defined]

        again = []
        for _ in range(args.runs):
            wall, _, made = timed(lambda: gather_images(inputs, jobs=args.jobs))
            assert made.rendered == 0, "a no-change rebuild drew something"  # type: ignore[attr-defined]
            again.append(wall)
        results["no_change_s"] = statistics.median(again)
        results["no_change_runs"] = again
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"{'measure':<36}{'result':>10}{'target':>10}")
    for name, key in (("per card, median (min-max), 1 core", "per_card_s"),
                      ("per A3 poster (PNG + PDF), median", "per_a3_s")):
        p = results[key]
        print(f"{name:<36}{p['median']:>9.2f}s{'':>10}   ({p['min']:.2f}-{p['max']:.2f} s, {p['count']} images, {ONE_LANGUAGE})")
    print(f"{'one language (' + ONE_LANGUAGE + '), median':<36}{results['one_language_s']:>9.1f}s")
    print(f"{'all languages, both cores':<36}{results['all_languages_s']:>9.1f}s{'< 120 s':>10}"
          f"   ({results['images']} images, {results['files']} files, {results['bytes'] / 1e6:.0f} MB, "
          f"CPU {results['all_languages_cpu_s']:.0f} s)")
    print(f"{'no-change rebuild, median':<36}{results['no_change_s']:>9.2f}s{'< 2 s':>10}")
    results["met"] = {name: results[name] < limit for name, limit in TARGETS.items()}
    print("targets met:", all(results["met"].values()), results["met"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
