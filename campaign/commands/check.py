"""campaign check: every input is usable and every translation is safe, without building.

With ``links`` settings (``campaign check --links``) it also asks every external address the site
publishes whether it still answers; without them it makes no network request at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import CampaignConfig
from ..errors import CampaignError, raise_all
from ..i18n.status import template_path
from ..site.build import gather_inputs, lookup_for
from ..site.fonts import check_name_fonts
from ..i18n.translate import translate_page
from .i18n import templates_outdated

if TYPE_CHECKING:   # the link check (and requests) is imported only when it runs
    from ..checks.links import LinkSettings


def run(config: CampaignConfig, links: LinkSettings | None = None) -> list[str]:
    """Raise on the first class of problem found; return notes on what was checked.
    ``links``: also check external links with these settings (None: no network)."""
    languages = list(config.published_languages)
    inputs = gather_inputs(config, languages)  # help data, catalogs, the translation guard
    problems: list[CampaignError] = []
    for lang in languages:
        lookup = lookup_for(config, lang, inputs)
        for page in inputs.pages:
            try:
                translate_page(page.text, f"{config.docs_dir.as_posix()}/{page.src_uri}", lang,
                               config.source, lookup, inputs.help)
            except CampaignError as exc:
                if not any(exc.format_message() == p.format_message() for p in problems):
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
    notes = [f"{len(inputs.pages)} pages, {len(languages)} languages, "
             f"{len(inputs.help.services)} services: no problem found"]
    if links is not None:
        from ..checks.links import run_link_check
        link_errors, summary = run_link_check(config, links, inputs.help)
        problems.extend(link_errors)
        notes.append(summary)
    raise_all(problems)
    return notes
