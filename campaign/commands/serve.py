"""campaign serve: live preview of one language with MkDocs' own server."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..config import CampaignConfig


def run(config: CampaignConfig, locale: str | None, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve
    lang = config.language(locale or config.source_language)
    if lang.code == config.source_language:
        serve(config_file=str(config.root / config.mkdocs_file), dev_addr=dev_addr, livereload=True)
        return
    from ..i18n.language import translate_language
    from ..pipeline import load_inputs
    from ..site.theme import theme_overlay
    from ..site.workdir import write_work_folder
    inputs = load_inputs(config, [lang])
    with tempfile.TemporaryDirectory(prefix=f"campaign-serve-{lang.code}-") as tmp:
        theme = theme_overlay(config, [lang], Path(tmp) / "theme")
        plan = write_work_folder(inputs, translate_language(inputs, lang), Path(tmp),
                                 theme_dir=theme, output=tuple(config.published_languages))
        serve(config_file=str(plan.mkdocs_file), dev_addr=dev_addr, livereload=True)
