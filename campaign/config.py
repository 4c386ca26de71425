"""One typed campaign configuration, read and validated in one place.

``campaign.yml`` holds what a council pack will swap: the brand name, the site address, the
quick-exit page, the help data file and the languages, and the limits the content checks apply
(reading level per route, the terminology file). Everything else reads this object.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlparse

import yaml

from .brand import Brand, parse_brand
from .errors import ConfigError, raise_all

if TYPE_CHECKING:
    from .content.local import LocalContacts

DEFAULT_CONFIG = "campaign.yml"
NATIONS = ("england", "wales", "scotland", "northern-ireland")
FONTS_DIR = "assets/fonts"
DEFAULT_FONT = "noto-sans"      # the Latin typeface when the brand names none
# Grade-style textstat measures a readability limit may use (each is a textstat function whose
# result reads as a school grade; tests/checks/test_readability.py checks that textstat has them).
READABILITY_MEASURES = ("flesch_kincaid_grade", "smog_index", "coleman_liau_index",
                        "automated_readability_index", "dale_chall_readability_score",
                        "gunning_fog")
_READABILITY_KEYS = ("pages", "measure", "max", "max_sentence_words")
_READABILITY_EXAMPLE = '- {pages: "children/*", measure: flesch_kincaid_grade, max: 5}'
# What a language's site shows (``publish:``): every usable translation, drafts included (with the
# draft notice), or only translations a native speaker has reviewed (the rest in English).
PUBLISH_DRAFTS = "drafts"
PUBLISH_REVIEWED = "reviewed"
PUBLISH_MODES = (PUBLISH_DRAFTS, PUBLISH_REVIEWED)
# Where each setting is written: (key, index, key, ...) -> 1-based line in campaign.yml.
Lines = dict[tuple[str | int, ...], int]


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str                 # BCP 47 tag, also the URL segment (/cy/)
    name: str                 # the language's own name, shown in the switcher
    dir: str = "ltr"          # text direction: ltr or rtl
    fonts: tuple[str, ...] = ("noto-sans",)   # font families, most specific first
    pseudo: bool = False      # generated pseudo-locale for testing; never published
    featured: tuple[str, ...] = ()  # pages (docs paths) its home page puts first for its readers
    publish: str = PUBLISH_DRAFTS   # drafts: every translation; reviewed: reviewed ones only
    line: int | None = field(default=None, compare=False)  # its entry in campaign.yml, for messages

    @property
    def is_rtl(self) -> bool:
        return self.dir == "rtl"

    @property
    def publishes_drafts(self) -> bool:
        """Whether its site shows translations no native speaker has reviewed yet."""
        return self.publish == PUBLISH_DRAFTS

    @property
    def gettext_code(self) -> str:
        """The folder name under locales/ (gettext uses underscores)."""
        return self.code.replace("-", "_")


@dataclass(frozen=True)
class ReadabilityLimit:
    """The hardest reading level allowed on the pages one glob matches (campaign.yml
    ``readability:``)."""

    pages: str                                  # fnmatch glob against the path inside docs_dir
    measure: str                                # one of READABILITY_MEASURES
    max: float                                  # the page's score may not be above this
    max_sentence_words: int | None = None       # no sentence may have more words than this
    where: str = field(default="", compare=False)   # "campaign.yml:23", for messages

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pages": self.pages, "measure": self.measure, "max": self.max}
        if self.max_sentence_words is not None:
            data["max_sentence_words"] = self.max_sentence_words
        return data


@dataclass(frozen=True)
class CampaignConfig:
    """Every setting the toolkit uses, with paths resolved against the project root."""

    root: Path
    site_name: str
    site_url: str
    quick_exit_url: str
    source_language: str = "en"
    docs_dir: Path = Path("docs")
    locales_dir: Path = Path("locales")
    help_data: Path = Path("data/help.yml")
    mkdocs_file: Path = Path("mkdocs.yml")
    site_dir: Path = Path("site")
    terminology: Path = Path("data/terminology.yml")
    packs_dir: Path = Path("packs")     # lesson packs' Markdown sources (print); may be absent
    posters_dir: Path = Path("posters")  # posters' and cards' Markdown sources (images); may be absent
    layouts_dir: Path = Path("layouts")  # poster and card formats (YAML, one per format)
    cache_dir: Path = Path("build/cache")   # rendered PDFs and images by content hash
    councils_file: Path = Path("data/councils.csv")  # the councils a pack can be made for
    councils_dir: Path = Path("councils")            # councils' own files (campaign pack --all)
    languages: tuple[Language, ...] = field(default_factory=tuple)
    nations: tuple[str, ...] = NATIONS  # where the site's readers live: the help box shows these
    readability: tuple[ReadabilityLimit, ...] = field(default_factory=tuple)
    brand: Brand | None = None          # the look: name, strapline, logo, colours, typefaces
    # A council's build (campaign.councils sets these; campaign.yml never does): its contacts,
    # put before the national services, and whether it is a sample marked as such everywhere.
    local_contacts: LocalContacts | None = None
    sample: bool = False
    config_file: str = field(default=DEFAULT_CONFIG, compare=False)  # as messages name it
    config_path: Path | None = field(default=None, compare=False)    # the file it was read from
    lines: Lines = field(default_factory=dict, compare=False, repr=False)  # where each setting is

    @property
    def source(self) -> Language:
        return self.language(self.source_language)

    @property
    def published_languages(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.pseudo)

    @property
    def translated_languages(self) -> tuple[Language, ...]:
        """Languages that have gettext catalogs (not the source, not pseudo-locales)."""
        return tuple(lang for lang in self.published_languages if lang.code != self.source_language)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        known = ", ".join(lang.code for lang in self.languages)
        raise ConfigError(f"unknown language {code!r}", path=self.config_file,
                          fix=f"use one of: {known}, or add it under 'languages'")

    def url_prefix(self, lang: Language) -> str:
        """Where a language lives in the site: '' for the source language, 'cy/' for Welsh."""
        return "" if lang.code == self.source_language else f"{lang.code}/"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when it is inside it."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def to_yaml(self) -> str:
        """The effective configuration as campaign.yml text, with the project root pinned, so that
        a copy elsewhere (e.g. a council pack's) reads exactly these settings."""
        data: dict[str, Any] = {
            "root": str(self.root), "site_name": self.site_name, "site_url": self.site_url,
            "quick_exit": {"url": self.quick_exit_url}, "source_language": self.source_language,
            "docs_dir": str(self.docs_dir), "locales_dir": str(self.locales_dir),
            "help_data": str(self.help_data), "mkdocs_file": str(self.mkdocs_file),
            "site_dir": str(self.site_dir), "terminology": str(self.terminology),
            "packs_dir": str(self.packs_dir), "cache_dir": str(self.cache_dir),
            "posters_dir": str(self.posters_dir), "layouts_dir": str(self.layouts_dir),
            "councils_file": str(self.councils_file), "councils_dir": str(self.councils_dir),
            "nations": list(self.nations),
            "languages": [{"code": l.code, "name": l.name, "dir": l.dir, "fonts": list(l.fonts),
                           "pseudo": l.pseudo, "featured": list(l.featured),
                           "publish": l.publish}
                          for l in self.languages],
            "readability": [limit.to_dict() for limit in self.readability],
        }
        if self.brand is not None:
            b = self.brand
            brand: dict[str, Any] = {"name": b.name, "strapline": b.strapline, "primary": b.primary,
                                     "accent": b.accent, "typefaces": dict(b.typefaces)}
            if b.logo is not None:
                brand.update(logo=b.logo, logo_alt=b.logo_alt)
            data["brand"] = brand
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def with_overrides(self, **changes: Any) -> "CampaignConfig":
        """A copy with some settings replaced (council packs and tests use this)."""
        return dataclasses.replace(self, **changes)


def load_config(path: str | Path = DEFAULT_CONFIG) -> CampaignConfig:
    """Read and validate campaign.yml, reporting every problem at once."""
    path = Path(path).resolve()
    shown = str(path.name if path.parent == Path.cwd() else path)
    if not path.is_file():
        raise ConfigError("configuration file not found", path=shown,
                          fix="run the command from the project folder or pass --config")
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        lines = setting_lines(yaml.compose(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=shown,
                          line=mark.line + 1 if mark else None,
                          fix="check indentation and quoting near that line") from exc
    if not isinstance(data, dict):
        raise ConfigError("the file must be a mapping of settings", path=shown)
    root = Path(data.pop("root", path.parent))
    return dataclasses.replace(_validate(data, root, shown, lines), config_path=path, lines=lines)


def setting_lines(node: Any, path: tuple[str | int, ...] = (), out: Lines | None = None) -> Lines:
    """The 1-based line of every key and list item under ``node`` (a composed YAML node)."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[path + (key.value,)] = key.start_mark.line + 1
            setting_lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[path + (index,)] = item.start_mark.line + 1
            setting_lines(item, path + (index,), out)
    return out


def _validate(data: dict[str, Any], root: Path, shown: str, lines: Lines | None = None) -> CampaignConfig:
    lines = lines or {}
    problems: list[ConfigError] = []

    def need(key: str, fix: str) -> Any:
        value = data.get(key)
        if value in (None, ""):
            problems.append(ConfigError(f"missing setting '{key}'", path=shown, fix=fix))
        return value

    site_name = need("site_name", "add site_name: the campaign's name in the source language")
    site_url = need("site_url", "add site_url: the public address, e.g. https://example.org/")
    exit_cfg = data.get("quick_exit") or {}
    quick_exit_url = exit_cfg.get("url") if isinstance(exit_cfg, dict) else None
    for key, url in (("site_url", site_url), ("quick_exit.url", quick_exit_url)):
        if url and urlparse(str(url)).scheme not in ("https", "http"):
            problems.append(ConfigError(f"'{key}' must be an http(s) address, not {url!r}",
                                        path=shown, fix="write the full address with https://"))
    if not quick_exit_url:
        problems.append(ConfigError("missing setting 'quick_exit.url'", path=shown,
                                    fix="name a neutral, non-personalised page, e.g. a weather page"))
    if site_url and not str(site_url).endswith("/"):
        site_url = f"{site_url}/"

    brand, brand_problems = parse_brand(data.get("brand"), root, FONTS_DIR, str(site_name or ""),
                                        lambda key: lines.get(key))
    languages = _languages(data.get("languages"), root, shown, problems, lines, brand.typefaces)
    source = data.get("source_language", "en")
    if languages and source not in {lang.code for lang in languages}:
        problems.append(ConfigError(f"source_language {source!r} is not among 'languages'",
                                    path=shown, fix="add it to the languages list"))
    paths = {}
    for key, default in (("docs_dir", "docs"), ("locales_dir", "locales"),
                         ("help_data", "data/help.yml"), ("mkdocs_file", "mkdocs.yml"),
                         ("site_dir", "site"), ("terminology", "data/terminology.yml"),
                         ("packs_dir", "packs"), ("cache_dir", "build/cache"),
                         ("posters_dir", "posters"), ("layouts_dir", "layouts"),
                         ("councils_file", "data/councils.csv"), ("councils_dir", "councils")):
        paths[key] = Path(data.get(key, default))
    for key in ("docs_dir", "help_data", "mkdocs_file", "terminology"):
        if not (root / paths[key]).exists():
            problems.append(ConfigError(f"'{key}' points to {paths[key]}, which does not exist",
                                        path=shown, line=lines.get((key,)),
                                        fix="correct the path (relative to this file)"))
    readability = _readability(data.get("readability"), shown, lines, problems)
    nations = data.get("nations", list(NATIONS))
    if not isinstance(nations, list) or not nations or any(n not in NATIONS for n in nations):
        problems.append(ConfigError(f"'nations' must list some of {', '.join(NATIONS)}, not {nations!r}",
                                    path=shown, line=lines.get(("nations",)),
                                    fix="e.g. nations: [wales] for a Welsh council"))
        nations = list(NATIONS)
    for lang in languages:
        for page in lang.featured:
            if not (root / paths["docs_dir"] / page).is_file():
                problems.append(ConfigError(
                    f"language {lang.code!r} features {page!r}, which is not a page in {paths['docs_dir']}",
                    path=shown, fix="name a page by its path under docs, e.g. communities/index.md"))
    problems += [ConfigError(message, path=shown, line=line, fix=fix)
                 for message, line, fix in brand_problems]
    raise_all(problems)
    return CampaignConfig(root=root, site_name=str(site_name), site_url=str(site_url),
                          quick_exit_url=str(quick_exit_url), source_language=source,
                          languages=tuple(languages), readability=readability,
                          nations=tuple(nations), brand=brand, config_file=shown,
                          docs_dir=paths["docs_dir"], locales_dir=paths["locales_dir"],
                          help_data=paths["help_data"], mkdocs_file=paths["mkdocs_file"],
                          site_dir=paths["site_dir"], terminology=paths["terminology"],
                          packs_dir=paths["packs_dir"], cache_dir=paths["cache_dir"],
                          posters_dir=paths["posters_dir"], layouts_dir=paths["layouts_dir"],
                          councils_file=paths["councils_file"], councils_dir=paths["councils_dir"])


def _readability(raw: Any, shown: str, lines: Lines, problems: list) -> tuple[ReadabilityLimit, ...]:
    """The reading-level limits: a list of {pages, measure, max[, max_sentence_words]}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(ConfigError("'readability' must be a list of limits", path=shown,
                                    line=lines.get(("readability",)),
                                    fix=f"write one limit per line, e.g. {_READABILITY_EXAMPLE}"))
        return ()
    limits = []
    for index, item in enumerate(raw):
        line = lines.get(("readability", index))

        def problem(message: str, fix: str, key: str | None = None) -> None:
            at = lines.get(("readability", index, key)) if key is not None else None
            problems.append(ConfigError(f"readability entry {index + 1}: {message}", path=shown,
                                        line=at or line, fix=fix))
        if not isinstance(item, dict):
            problem("must be a mapping of pages, measure and max",
                    f"write it as {_READABILITY_EXAMPLE}")
            continue
        before = len(problems)
        for key in item:
            if key not in _READABILITY_KEYS:
                problem(f"unknown key {key!r}", f"use only: {', '.join(_READABILITY_KEYS)}", key)
        pages, measure, limit = item.get("pages"), item.get("measure"), item.get("max")
        words = item.get("max_sentence_words")
        if not isinstance(pages, str) or not pages.strip():
            problem(f"'pages' must be a glob string such as \"children/*\", not {pages!r}",
                    "write one quoted glob, matched against the page path inside docs_dir; "
                    "use one entry per glob", "pages")
        if measure not in READABILITY_MEASURES:
            problem(f"unknown measure {measure!r}",
                    f"use one of: {', '.join(READABILITY_MEASURES)}", "measure")
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit <= 0:
            problem(f"'max' must be a positive number (a grade), not {limit!r}",
                    "write the highest score allowed, e.g. max: 5", "max")
        if words is not None and (isinstance(words, bool) or not isinstance(words, int) or words <= 0):
            problem(f"'max_sentence_words' must be a positive whole number, not {words!r}",
                    "write the most words a sentence may have, e.g. max_sentence_words: 15",
                    "max_sentence_words")
        if len(problems) == before:
            limits.append(ReadabilityLimit(pages=str(pages), measure=str(measure), max=cast(float, limit),
                                           max_sentence_words=words,
                                           where=f"{shown}:{line}" if line else shown))
    return tuple(limits)


def _languages(raw: Any, root: Path, shown: str, problems: list,
               lines: Lines | None = None, typefaces: dict[str, str] | None = None) -> list[Language]:
    """The ``languages:`` list. A language names its ``script``, and its fonts are the brand's
    typeface for that script, then the brand's Latin one (for names and numbers), then its
    ``symbols`` one (ticks and crosses); ``fonts:`` (a list of font folders) overrides that for
    one language."""
    lines = lines or {}
    typefaces = typefaces or {}
    if not isinstance(raw, list) or not raw:
        problems.append(ConfigError("'languages' must be a non-empty list", path=shown,
                                    fix="list each language with code and name"))
        return []
    out: list[Language] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, 1):
        where = f"languages entry {index}"
        if not isinstance(item, dict) or not item.get("code") or not item.get("name"):
            problems.append(ConfigError(f"{where} needs 'code' and 'name'", path=shown))
            continue
        code = str(item["code"])
        if code in seen:
            problems.append(ConfigError(f"language {code!r} is listed twice", path=shown))
        seen.add(code)
        direction = item.get("dir", "ltr")
        if direction not in ("ltr", "rtl"):
            problems.append(ConfigError(f"{where} ({code}): dir must be ltr or rtl", path=shown))
        script = item.get("script", "latin")
        if "fonts" in item:
            fonts = tuple(item["fonts"])
        elif script in typefaces:
            chain = [typefaces[script], typefaces.get("latin"), typefaces.get("symbols")]
            fonts = tuple(dict.fromkeys(font for font in chain if font))
        elif script == "latin":
            fonts = (DEFAULT_FONT,)          # a brand without typefaces: the toolkit's own
        else:
            problems.append(ConfigError(
                f"{where} ({code}): the brand has no typeface for the script {script!r}",
                path=shown, line=lines.get(("languages", index - 1)),
                fix=f"add {script}: <font> under brand.typefaces, or give this language fonts: [...]"))
            fonts = ("noto-sans",)
        for font in fonts:
            if not (root / FONTS_DIR / f"{font}.css").is_file():
                problems.append(ConfigError(
                    f"{where} ({code}): font {font!r} has no {FONTS_DIR}/{font}.css", path=shown,
                    fix="add the self-hosted font (woff2 + css) or pick one that exists"))
        featured = item.get("featured", [])
        if not isinstance(featured, list):
            problems.append(ConfigError(f"{where} ({code}): featured must be a list of pages",
                                        path=shown, fix="e.g. featured: [communities/index.md]"))
            featured = []
        publish = item.get("publish", PUBLISH_DRAFTS)
        publish_line = lines.get(("languages", index - 1, "publish"),
                                 lines.get(("languages", index - 1)))
        if publish not in PUBLISH_MODES:
            problems.append(ConfigError(
                f"{where} ({code}): publish must be one of {', '.join(PUBLISH_MODES)}, not {publish!r}",
                path=shown, line=publish_line,
                fix="publish: drafts shows draft translations with a notice; publish: reviewed "
                    "shows only reviewed ones and the rest in English"))
            publish = PUBLISH_DRAFTS
        out.append(Language(code=code, name=str(item["name"]), dir=direction, fonts=fonts,
                            pseudo=bool(item.get("pseudo", False)),
                            featured=tuple(str(p) for p in featured), publish=str(publish),
                            line=publish_line))
    return out
