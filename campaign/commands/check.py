"""campaign check: every input is usable and every translation is safe, without building; then
the content checks (reading level, terminology, alt text and audiences). Every problem from every
check is collected and reported together.

Every input is read once (``pipeline.read_inputs``) and each check receives the parsed pages,
help data and catalogs, so a broken file is reported once, by the stage that read it.

With ``links`` settings (``campaign check --links``) it also asks every external address the site
publishes whether it still answers; without them it makes no network request at all.

With ``release`` (``campaign check --release``) it also refuses a launch while a published
language shows draft translations (campaign.yml ``publish: drafts``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks.pages import check_pages
from ..checks.readability import check_readability
from ..checks.release import check_release
from ..checks.terminology import check_terminology
from ..config import CampaignConfig
from ..errors import CampaignError, raise_all
from ..i18n.translate import source_lookup, translate_page
from ..i18n.status import template_path
from ..images.layouts import load_layouts
from ..pipeline import Inputs, read_inputs
from .i18n import templates_outdated

if TYPE_CHECKING:   # the link check (and requests) is imported only when it runs
    from ..checks.links import LinkSettings


def run(config: CampaignConfig, links: LinkSettings | None = None,
        release: bool = False) -> list[str]:
    """Raise every problem found, together; return notes on what was checked.
    ``links``: also check external links with these settings (None: no network).
    ``release``: also the release gate (no published language shows drafts)."""
    inputs = read_inputs(config, deep_fonts=True)
    problems, notes = check_inputs(inputs)
    catalogs = list(inputs.catalogs.values())
    pages = list(inputs.pages)
    for found, said in (check_readability(config, pages, inputs.help),
                        # the lesson packs, posters and cards use the same words as the site
                        check_terminology(config, pages + list(inputs.print_pages) + list(inputs.poster_pages),
                                          inputs.help, catalogs),
                        check_pages(config, pages, inputs.help, catalogs)):
        problems.extend(found)
        notes.extend(said)
    if links is not None:
        from ..checks.links import run_link_check
        link_errors, summary = run_link_check(config, links, inputs.help)
        problems.extend(link_errors)
        notes.append(summary)
    if release and inputs.status:
        found, said = check_release(config, list(inputs.status))
        problems.extend(found)
        notes.extend(said)
    raise_all(problems)
    return notes


def check_inputs(inputs: Inputs) -> tuple[list[CampaignError], list[str]]:
    """The build's inputs: pages, help data, catalogs and the translation guard, the switcher
    fonts (all read by the pipeline), every page's placeholders, and the templates."""
    config = inputs.config
    problems = inputs.all_problems()
    if inputs.help is not None:
        # The guard makes every translation keep its English placeholders, so the source
        # language shows every unknown placeholder of every language, once.
        for page in inputs.pages + inputs.print_pages + inputs.poster_pages:
            try:
                translate_page(page.text, page.shown, config.source, config.source, source_lookup,
                               inputs.help)
            except CampaignError as exc:
                problems.append(exc)
    if inputs.poster_pages:
        try:            # the posters' layouts: every problem of every file
            load_layouts(config.root / config.layouts_dir, config.layouts_dir.as_posix())
        except CampaignError as exc:
            problems.extend(getattr(exc, "problems", [exc]))
    for domain in templates_outdated(config):
        problems.append(CampaignError("the template is out of date with the sources",
                                      path=str(template_path(config, domain).relative_to(config.root)),
                                      fix="run 'campaign i18n extract' and 'campaign i18n update'"))
    services = len(inputs.help.services) if inputs.help is not None else 0
    return problems, [f"{len(inputs.pages)} pages, {len(inputs.languages)} languages, "
                      f"{services} services: no problem found"]

