"""Theme set-up per language: the overrides overlay, Material's language partials, search.

Material for MkDocs ships interface translations for many languages but not all: a build with
``language: pa`` fails with ``TemplateNotFound: partials/languages/pa.html``. The overlay adds a
partial for such languages; their interface strings then come from the campaign's theme catalog.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

from ..config import CampaignConfig, Language

OVERRIDES_DIR = "overrides"
LOGO_DIR = "assets/brand"       # inside each language's site
# Material's search (lunr) needs its stemmer, stop words and trimmer only for languages it knows;
# lunr's trimmer strips every non-ASCII letter, so other languages get an empty pipeline.
LUNR_LANGUAGES = frozenset({"ar", "da", "de", "du", "es", "fi", "fr", "hi", "hu", "hy", "it", "ja",
                            "kn", "ko", "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th",
                            "tr", "vi", "zh"})


@lru_cache(maxsize=1)
def material_languages() -> frozenset[str]:
    """Languages Material for MkDocs ships interface strings for."""
    import material
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html"))


def search_settings(lang: Language, source: Language) -> dict:
    """Settings for Material's search plugin: each language searches its own index."""
    if lang.code == source.code or lang.pseudo:
        return {"lang": ["en"]}
    if lang.code in LUNR_LANGUAGES:
        return {"lang": [lang.code]}
    return {"lang": ["en"], "pipeline": []}


def theme_overlay(config: CampaignConfig, languages: list[Language], dest: Path) -> Path:
    """Copy the project's overrides into ``dest`` and add the language partials Material lacks.
    One overlay serves every language of a run (so compiled templates can be shared)."""
    source = config.root / OVERRIDES_DIR
    if source.is_dir():
        shutil.copytree(source, dest, dirs_exist_ok=True)
    dest.mkdir(parents=True, exist_ok=True)
    logo = brand_logo_path(config)
    if logo is not None:  # theme files are served as they are: the logo travels with the theme
        target = dest / LOGO_DIR / f"logo{logo.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo, target)
    for lang in languages:
        if lang.code not in material_languages():
            partial = dest / "partials" / "languages" / f"{lang.code}.html"
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(language_partial(lang), encoding="utf-8")
    return dest


def brand_logo_path(config: CampaignConfig) -> Path | None:
    """The brand's logo file (relative to the config file), if the brand has one."""
    if config.brand is None or config.brand.logo is None:
        return None
    return config.root / config.brand.logo


def logo_url(config: CampaignConfig) -> str | None:
    """Where the logo is in each language's site (relative to that language's root)."""
    logo = brand_logo_path(config)
    return f"{LOGO_DIR}/logo{logo.suffix.lower()}" if logo is not None else None


def language_partial(lang: Language) -> str:
    """A Material language partial with only language and direction: every other key comes
    from the campaign's theme catalog (see plugin.material_text)."""
    return ("{#- Written by the campaign build: Material has no translation for this language. -#}\n"
            "{% macro t(key) %}{{ {\n"
            f'  "language": "{lang.code}",\n'
            f'  "direction": "{lang.dir}",\n'
            '}[key] }}{% endmacro %}\n')
