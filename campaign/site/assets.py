"""Self-hosted assets each language needs: the campaign's CSS and quick-exit script, and only
the fonts that language uses. Nothing is loaded from another host."""

from __future__ import annotations

from dataclasses import dataclass
from ..config import FONTS_DIR, CampaignConfig, Language
from ..errors import ConfigError
from .fonts import NAMES_CSS, NAMES_DIR

CAMPAIGN_CSS = "assets/campaign/campaign.css"
QUICK_EXIT_JS = "assets/campaign/quick-exit.js"


@dataclass(frozen=True)
class Assets:
    files: tuple[str, ...]        # paths relative to the project root, copied as they are
    css: tuple[str, ...]          # stylesheets to link, in order
    javascript: tuple[str, ...]   # scripts to load


def language_assets(config: CampaignConfig, lang: Language) -> Assets:
    """The files, stylesheets and scripts for one language's pages."""
    files: list[str] = []
    css: list[str] = []
    for font in lang.fonts:
        sheet = f"{FONTS_DIR}/{font}.css"
        css.append(sheet)
        files.append(sheet)
        folder = config.root / FONTS_DIR / font
        files.extend(p.relative_to(config.root).as_posix() for p in sorted(folder.glob("*"))
                     if p.is_file())
    names = config.root / NAMES_CSS
    if names.is_file():  # the language switcher's small fonts (see fonts.py)
        css.append(NAMES_CSS)
        files.append(NAMES_CSS)
        files.extend(p.relative_to(config.root).as_posix()
                     for p in sorted((config.root / NAMES_DIR).glob("*.woff2")))
    css.append(CAMPAIGN_CSS)
    files += [CAMPAIGN_CSS, QUICK_EXIT_JS]
    for name in files:
        if not (config.root / name).is_file():
            raise ConfigError(f"missing asset {name}", path=str(config.root / name),
                              fix="restore it from version control")
    return Assets(files=tuple(files), css=tuple(css), javascript=(QUICK_EXIT_JS,))

