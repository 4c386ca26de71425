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
    from ..site.build import gather_inputs, prepare_language
    inputs = gather_inputs(config, [lang])
    with tempfile.TemporaryDirectory(prefix=f"campaign-serve-{lang.code}-") as tmp:
        plan = prepare_language(config, lang, inputs, Path(tmp), with_campaign=True)
        serve(config_file=str(plan.mkdocs_file), dev_addr=dev_addr, livereload=True)
