"""campaign fonts: write the language switcher's small fonts (see campaign.site.fonts)."""

from __future__ import annotations

from pathlib import Path

from ..config import CampaignConfig
from ..output import Writer
from ..site.fonts import make_name_fonts


def run(config: CampaignConfig) -> list[Path]:
    writer = Writer()
    return [writer.write_bytes(path, data) for path, data in make_name_fonts(config).items()]
