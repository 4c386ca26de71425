"""Packs for many councils: ``campaign pack FILE`` (one) and ``campaign pack --all`` (the
registry).

    plan      read the registry and the councils' files; each council becomes a PackJob (its
              own file, or the campaign's brand and the national services only); a council whose
              zip is up to date (its inputs' hash beside it) is skipped; a file that cannot be
              read is a failure of that council alone
    render    each distinct edition once (councils without a file in one nation share one), in a
              pool of worker processes, each edition's build using one core (the build itself
              uses workers: a pool of 2 inside a pool of 2 would fight over the cores)
    write     each council's zip, in the pool
    report    one row per council: packed, up to date or failed (with why)

Failures are collected, never raised, until the end: one council cannot stop the others.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CampaignConfig
from ..errors import CampaignError
from ..i18n.status import collect_status
from ..workers import each_in_workers
from .edition import Edition, render_edition, source_digest
from .model import Council, load_council, registry_council
from .pack import PackJob, PackResult, pack_version, write_pack
from .registry import council_files, load_registry

PACKED, UP_TO_DATE, FAILED = "packed", "up to date", "failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one council."""

    name: str
    slug: str
    nation: str
    own_file: bool
    state: str                  # PACKED, UP_TO_DATE or FAILED
    detail: str = ""            # the zip and its size, or why it failed


@dataclass
class Batch:
    jobs: list[PackJob] = field(default_factory=list)         # to pack
    outcomes: list[Outcome] = field(default_factory=list)     # decided while planning

    @property
    def editions(self) -> dict[str, PackJob]:
        """One job per distinct edition (the first council that needs it)."""
        found: dict[str, PackJob] = {}
        for job in self.jobs:
            found.setdefault(job.edition_key, job)
        return found

    @property
    def steps(self) -> int:
        return len(self.editions) + len(self.jobs)


def build_epoch(config: CampaignConfig) -> int:
    from ..site.build import source_date_epoch
    return int(source_date_epoch(config))


class Planner:
    """What every council's job shares: computed once per run."""

    def __init__(self, config: CampaignConfig, out_dir: Path) -> None:
        self.config = config
        self.out_dir = Path(out_dir).resolve()
        self.epoch = build_epoch(config)
        self.version = pack_version(config, self.epoch)
        self.sources = source_digest(config)
        self.status = tuple(row.as_dict() for row in collect_status(config))

    def job(self, council: Council) -> PackJob:
        return PackJob(config=self.config, council=council, out_dir=self.out_dir,
                       version=self.version, epoch=self.epoch, sources=self.sources,
                       status=self.status)


def _outcome(council: Council, state: str, detail: str = "") -> Outcome:
    return Outcome(council.name, council.slug, council.nation, council.has_file, state, detail)


def plan_all(config: CampaignConfig, out_dir: Path, *, force: bool = False) -> Batch:
    """Every council of the registry, as jobs to run or outcomes already known."""
    registry = load_registry(config)
    files, unmatched = council_files(config)
    planner = Planner(config, out_dir)
    batch = Batch()
    for problem in unmatched:
        batch.outcomes.append(Outcome(problem.path or "?", "", "", True, FAILED, problem.format_message()))
    for entry in registry.entries:
        path = files.get(entry.ons_code)
        try:
            council = load_council(path, config, registry) if path else registry_council(entry, config)
        except CampaignError as exc:
            batch.outcomes.append(Outcome(entry.name, entry.slug, entry.nation, True, FAILED,
                                          exc.format_message()))
            continue
        job = planner.job(council)
        if not force and job.up_to_date():
            batch.outcomes.append(_outcome(council, UP_TO_DATE, job.target.name))
        else:
            batch.jobs.append(job)
    return batch


def plan_one(config: CampaignConfig, council: Council, out_dir: Path, *, force: bool = False) -> Batch:
    job = Planner(config, out_dir).job(council)
    if not force and job.up_to_date():
        return Batch(outcomes=[_outcome(council, UP_TO_DATE, job.target.name)])
    return Batch(jobs=[job])


RenderTask = tuple[PackJob, "int | None"]
RenderDone = tuple[str, "Edition | None", str]


def render_task(task: RenderTask) -> RenderDone:
    """In a worker: one edition (its build using ``jobs`` cores). (key, edition, error)."""
    job, jobs = task
    try:
        edition = render_edition(job.edition_config, job.council.languages, job.edition_key, jobs=jobs)
        return job.edition_key, edition, ""
    except CampaignError as exc:
        return job.edition_key, None, exc.format_message()
    except Exception as exc:  # a bug: report it with the others, do not stop the batch
        return job.edition_key, None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"


def pack_task(task: tuple[PackJob, Edition]) -> tuple[PackResult | None, str]:
    """In a worker: one council's zip. (result, error)."""
    job, edition = task
    try:
        return write_pack(job, edition), ""
    except CampaignError as exc:
        return None, exc.format_message()
    except Exception as exc:  # a bug: report it with the others, do not stop the batch
        return None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"


def run_batch(batch: Batch, *, jobs: int | None = None,
              step: Callable[[str], None] = lambda label: None) -> list[Outcome]:
    """Render each edition once, then write each zip; every council's outcome, by name."""
    outcomes = list(batch.outcomes)
    editions = list(batch.editions.values())
    # One edition: its build spreads over the cores. Several: one core each, several at once.
    inner = jobs if len(editions) == 1 else 1
    rendered: dict[str, Edition] = {}
    failed: dict[str, str] = {}
    tasks = [(job, inner) for job in editions]
    for _, (key, edition, error) in each_in_workers(render_task, tasks, 1 if inner != 1 else jobs):
        if edition is not None:
            rendered[key] = edition
        else:
            failed[key] = error
        step("rendering")
    ready = [(job, rendered[job.edition_key]) for job in batch.jobs if job.edition_key in rendered]
    for job in batch.jobs:
        if job.edition_key in failed:
            outcomes.append(_outcome(job.council, FAILED, failed[job.edition_key]))
            step("packing")
    for index, (result, error) in each_in_workers(pack_task, ready, jobs):
        job = ready[index][0]
        if result is None:
            outcomes.append(_outcome(job.council, FAILED, error))
        else:
            outcomes.append(_outcome(job.council, PACKED, f"{result.path.name} "
                                     f"({result.size / 1e6:.1f} MB, {result.files} files)"))
        step("packing")
    return sorted(outcomes, key=lambda o: (o.name.casefold(), o.slug))


def summary(outcomes: list[Outcome], seconds: float | None = None) -> str:
    """A table of every council's outcome, then the counts."""
    width = max([len(o.name) for o in outcomes] + [7])
    lines = [f"{'council':<{width}}  {'nation':<7}  {'own file':<8}  {'result':<10}  detail",
             "-" * (width + 50)]
    for o in outcomes:
        detail = o.detail.splitlines()[0] if o.detail else ""
        lines.append(f"{o.name:<{width}}  {o.nation:<7}  {'yes' if o.own_file else 'no':<8}  "
                     f"{o.state:<10}  {detail}")
    counts = {state: sum(o.state == state for o in outcomes) for state in (PACKED, UP_TO_DATE, FAILED)}
    lines.append("")
    lines.append(", ".join(f"{count} {state}" for state, count in counts.items())
                 + (f" in {seconds:.0f} s" if seconds is not None else ""))
    for o in outcomes:
        if o.state == FAILED:
            lines.append(f"\n{o.name} failed:\n{o.detail}")
    return "\n".join(lines)


def timed(function: Callable[[], list[Outcome]]) -> tuple[list[Outcome], float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start
