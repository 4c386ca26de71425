"""campaign pack: one council's pack from its file, or every council's (--all)."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import CampaignConfig
from ..councils.batch import FAILED, Outcome, plan_all, plan_one, run_batch, summary, timed
from ..councils.model import load_council
from ..councils.registry import load_registry
from ..errors import CampaignError


def pack_file(config: CampaignConfig, council_file: Path, out: Path, *, jobs: int | None = None,
              force: bool = False) -> Outcome:
    """One council's pack; raises the council's problems (all of them) or its failure."""
    council = load_council(council_file, config, load_registry(config))
    outcomes = run_batch(plan_one(config, council, out, force=force), jobs=jobs)
    outcome = outcomes[0]
    if outcome.state == FAILED:
        raise CampaignError(f"the pack for {council.name} failed: {outcome.detail}",
                            path=council.shown, fix="see the message above")
    return outcome


def pack_all(config: CampaignConfig, out: Path, *, jobs: int | None = None,
             force: bool = False) -> tuple[list[Outcome], str]:
    """Every council's pack, with a progress bar; (outcomes, the summary table)."""
    batch = plan_all(config, out, force=force)
    label = f"{len(batch.jobs)} packs to make, {len(batch.outcomes)} up to date or failed"
    with click.progressbar(length=batch.steps, label=label, show_pos=True,
                           item_show_func=lambda item: item) as bar:
        outcomes, seconds = timed(lambda: run_batch(
            batch, jobs=jobs, step=lambda what: bar.update(1, what)))
    return outcomes, summary(outcomes, seconds)
