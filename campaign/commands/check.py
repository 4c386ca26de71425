"""campaign check: every input is usable and every translation is safe, without building."""

from __future__ import annotations

from ..config import CampaignConfig
from ..errors import CampaignError, raise_all
from ..i18n.status import template_path
from ..site.build import gather_inputs, lookup_for
from ..site.fonts import check_name_fonts
from ..i18n.translate import translate_page
from .i18n import templates_outdated


def run(config: CampaignConfig) -> list[str]:
    """Raise on the first class of problem found; return notes on what was checked."""
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
    raise_all(problems)
    return [f"{len(inputs.pages)} pages, {len(languages)} languages, "
            f"{len(inputs.help.services)} services: no problem found"]
