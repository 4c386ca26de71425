"""campaign check: every input is usable and every translation is safe, without building; then
the content checks (reading level, terminology, alt text and audiences). Every problem from every
check is collected and reported together.

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
from ..content.help import HelpData, load_help
from ..content.pages import read_pages
from ..errors import CampaignError, raise_all
from ..i18n.status import template_path
from ..i18n.translate import translate_page
from ..site.build import gather_inputs, lookup_for
from ..site.fonts import check_name_fonts
from .i18n import templates_outdated

if TYPE_CHECKING:   # the link check (and requests) is imported only when it runs
    from ..checks.links import LinkSettings


def run(config: CampaignConfig, links: LinkSettings | None = None,
        release: bool = False) -> list[str]:
    """Raise every problem found, together; return notes on what was checked.
    ``links``: also check external links with these settings (None: no network).
    ``release``: also the release gate (no published language shows drafts)."""
    problems, notes = check_inputs(config)
    pages, unreadable = read_pages(config)
    problems.extend(unreadable)
    help_data = _help_data(config)
    for found, said in (check_readability(config, pages, help_data),
                        check_terminology(config, pages, help_data),
                        check_pages(config, pages, help_data)):
        problems.extend(found)
        notes.extend(said)
    if links is not None:
        from ..checks.links import run_link_check
        link_errors, summary = run_link_check(config, links, help_data)
        problems.extend(link_errors)
        notes.append(summary)
    if release:
        found, said = _release(config)
        problems.extend(found)
        notes.extend(said)
    raise_all(_unique(problems))
    return notes


def check_inputs(config: CampaignConfig) -> tuple[list[CampaignError], list[str]]:
    """The build's inputs: pages, help data, catalogs and the translation guard, every page in
    every language, the switcher fonts and the templates."""
    languages = list(config.published_languages)
    problems: list[CampaignError] = []
    try:
        inputs = gather_inputs(config, languages)  # help data, catalogs, the translation guard
    except CampaignError as exc:   # nothing to translate with: report it with the other checks
        return [exc], []
    for lang in languages:
        lookup = lookup_for(config, lang, inputs)
        for page in inputs.pages:
            try:
                translate_page(page.text, f"{config.docs_dir.as_posix()}/{page.src_uri}", lang,
                               config.source, lookup, inputs.help)
            except CampaignError as exc:
                problems.append(exc)
    try:
        check_name_fonts(config)
    except CampaignError as exc:
        problems.append(exc)
    stale = templates_outdated(config)
    for domain in stale:
        problems.append(CampaignError("the template is out of date with the sources",
                                      path=str(template_path(config, domain).relative_to(config.root)),
                                      fix="run 'campaign i18n extract' and 'campaign i18n update'"))
    return problems, [f"{len(inputs.pages)} pages, {len(languages)} languages, "
                      f"{len(inputs.help.services)} services: no problem found"]


def _release(config: CampaignConfig) -> tuple[list[CampaignError], list[str]]:
    """The release gate; a catalog it cannot count is reported by check_inputs already."""
    try:
        return check_release(config)
    except CampaignError as exc:
        return [exc], []


def _help_data(config: CampaignConfig) -> HelpData | None:
    """The help data for the content checks, or None when it cannot be read (check_inputs
    reports why)."""
    path = config.root / config.help_data
    try:
        return load_help(path, config.shown(path))
    except CampaignError:
        return None


def _unique(problems: list[CampaignError]) -> list[CampaignError]:
    """Each problem once: several checks read the same broken page or catalog."""
    seen: set[str] = set()
    unique = []
    for problem in problems:
        text = problem.format_message()
        if text not in seen:
            seen.add(text)
            unique.append(problem)
    return unique
