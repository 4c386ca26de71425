"""A council's file (``councils/<slug>.yml``): one schema, checked in one place.

Every problem is reported at once, each with the file, the line and the fix. Phone numbers are
read with ``phonenumbers`` (region GB): shown in the national format, dialled in E.164. An
example file (``example: true``) may use only Ofcom's numbers for drama and addresses under the
reserved ``.example`` domain; a real council's file may use neither. A brand colour that fails
the campaign's contrast check is replaced by the nearest passing shade, with a warning.

    name: City of York Council          # as the pack shows it
    slug: york                          # the pack's file name: york-<version>.zip
    ons_code: E06000014                 # matches data/councils.csv
    nation: england                     # england or wales
    example: false                      # true: a sample, marked SAMPLE everywhere
    site_url: https://talk.york.gov.uk/ # where the council publishes the site (https)
    languages: [en, pl, ur]             # codes of campaign.yml; Welsh councils: cy and en
    credit: "..."                       # optional: who made the pack, shown on its pages
    brand: {name, strapline, logo, logo_alt, primary, accent}   # all optional
    contacts:
      front_door: {name: (optional), phone: ..., hours: ...}    # children's services / MASH
      out_of_hours: {phone: ..., hours: (optional)}
      police: (optional, default 101 from the help data)
      web: [{title: ..., url: https://...}]                     # optional
      checked: 2026-12-01                                       # optional: when they were checked
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..brand import Brand, parse_colour, with_passing_colours
from ..config import CampaignConfig, Lines, setting_lines
from ..content.local import WebPage
from ..errors import ConfigError, raise_all
from .logo import Logo, LogoError, load_logo
from .phones import Phone, parse_phone
from .registry import Registry, RegistryEntry, load_registry

log = logging.getLogger("campaign")
NATIONS = ("england", "wales")
TOP_KEYS = ("name", "slug", "ons_code", "nation", "example", "site_url", "languages", "credit",
            "brand", "contacts")
REQUIRED = ("name", "slug", "ons_code", "nation", "site_url", "languages", "contacts")
BRAND_KEYS = ("name", "strapline", "logo", "logo_alt", "primary", "accent")
CONTACT_KEYS = ("front_door", "out_of_hours", "police", "web", "checked")
LOGO_STORE = "councils/logos"        # inside the cache folder: checked logos by SHA-256
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ONS = re.compile(r"^[EW]\d{8}$")
# Domains reserved for examples (RFC 2606, RFC 6761): an example's addresses must use them.
_EXAMPLE_HOST = re.compile(r"(^|\.)(example|example\.(com|org|net))$")


@dataclass(frozen=True)
class Contact:
    phone: Phone
    hours: str = ""
    name: str = ""          # what the council calls it (e.g. its MASH), when it says


@dataclass(frozen=True)
class Contacts:
    front_door: Contact
    out_of_hours: Contact
    police: Phone | None = None          # None: the national police non-emergency number (101)
    web: tuple[WebPage, ...] = ()
    checked: str = ""


@dataclass(frozen=True)
class Council:
    """A council a pack is made for: from its file, or from the registry alone."""

    name: str
    slug: str
    ons_code: str
    nation: str
    languages: tuple[str, ...]
    site_url: str
    brand: Brand                          # the campaign's, with the council's settings
    contacts: Contacts | None = None      # None: national services only (no file)
    example: bool = False
    credit: str = ""
    logo: Logo | None = None              # the checked logo (brand.logo is its stored copy)
    path: Path | None = None              # its file, if it has one
    shown: str = ""                       # its file as messages show it
    warnings: tuple[str, ...] = field(default_factory=tuple, compare=False)
    area: str = ""                        # the place, as the registry names it ("York")

    @property
    def place(self) -> str:
        """Where its children live, for sentences: the registry's name, else the council's."""
        return self.area or self.name

    @property
    def has_file(self) -> bool:
        return self.path is not None


class _Problems:
    """Problems of one file, each with its line."""

    def __init__(self, shown: str, lines: Lines) -> None:
        self.shown = shown
        self.lines = lines
        self.found: list[ConfigError] = []

    def line(self, *key: str | int) -> int | None:
        while key and key not in self.lines:
            key = key[:-1]          # a missing setting: the line of the block it belongs in
        return self.lines.get(key) if key else 1

    def add(self, message: str, fix: str, *key: str | int) -> None:
        self.found.append(ConfigError(message, path=self.shown, line=self.line(*key), fix=fix))


def read_yaml(path: Path, shown: str) -> tuple[Any, Lines]:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text), setting_lines(yaml.compose(text))
    except FileNotFoundError as exc:
        raise ConfigError("council file not found", path=shown,
                          fix="give the path of the council's .yml file") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", path=shown, fix="save the file as UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=shown,
                          line=mark.line + 1 if mark else None,
                          fix="check indentation and quoting near that line") from exc


def load_council(path: Path, config: CampaignConfig, registry: Registry | None = None,
                 shown: str | None = None) -> Council:
    """Read and check a council's file: every problem at once, or the council. ``registry``
    defaults to the project's (data/councils.csv)."""
    registry = registry if registry is not None else load_registry(config)
    path = Path(path)
    shown = shown or config.shown(path.resolve())
    data, lines = read_yaml(path, shown)
    problems = _Problems(shown, lines)
    if not isinstance(data, dict):
        raise ConfigError("a council's file must be a mapping of settings", path=shown, line=1,
                          fix="start from councils/examples/york.yml")
    for key in data:
        if key not in TOP_KEYS:
            problems.add(f"unknown setting {key!r}", f"use only: {', '.join(TOP_KEYS)}", key)
    for key in REQUIRED:
        if data.get(key) in (None, "", [], {}):
            problems.add(f"missing setting {key!r}", _REQUIRED_FIX[key], key)
    example = data.get("example", False)
    if not isinstance(example, bool):
        problems.add(f"example must be true or false, not {example!r}",
                     "example: true marks a sample pack (made-up numbers)", "example")
        example = False
    identity = _identity(data, registry, problems)
    languages = _languages(data.get("languages"), identity.get("nation"), config, problems)
    site_url = _address(data.get("site_url"), example, problems, "site_url")
    contacts = _contacts(data.get("contacts"), example, problems)
    brand, logo, warnings = _brand(data.get("brand"), config, path.parent, problems)
    credit = data.get("credit") or ""
    if not isinstance(credit, str):
        problems.add("credit must be text", 'e.g. credit: "Published by ... Council"', "credit")
        credit = ""
    raise_all(problems.found)
    for warning in warnings:
        log.warning("%s", warning)
    assert contacts is not None and site_url is not None
    entry = registry.get(str(data["ons_code"]))
    return Council(name=str(data["name"]), area=area_name(entry.name) if entry else "",
                   slug=str(data["slug"]), ons_code=str(data["ons_code"]),
                   nation=str(data["nation"]), languages=languages, site_url=site_url, brand=brand,
                   contacts=contacts, example=example, credit=credit.strip(), logo=logo, path=path,
                   shown=shown, warnings=tuple(warnings))


_REQUIRED_FIX = {
    "name": "add name: the council's name as the pack shows it",
    "slug": "add slug: a short lower-case name for files, e.g. york",
    "ons_code": "add ons_code: the council's code in data/councils.csv, e.g. E06000014",
    "nation": "add nation: england or wales",
    "site_url": "add site_url: the https address where the council will publish the site",
    "languages": "add languages: e.g. [en] (Welsh councils: [cy, en])",
    "contacts": "add contacts: with front_door (phone, hours) and out_of_hours (phone)",
}


def _identity(data: dict, registry: Registry | None, problems: _Problems) -> dict[str, str]:
    slug, code, nation = data.get("slug"), data.get("ons_code"), data.get("nation")
    if slug is not None and not (isinstance(slug, str) and _SLUG.match(slug)):
        problems.add(f"slug {slug!r} must be lower-case letters and digits joined by hyphens",
                     "e.g. slug: bracknell-forest", "slug")
    if nation is not None and nation not in NATIONS:
        problems.add(f"nation must be england or wales, not {nation!r}",
                     "packs are made for councils in England and Wales", "nation")
    if code is not None:
        entry = registry.get(str(code)) if registry is not None else None
        if not _ONS.match(str(code)):
            problems.add(f"ons_code {code!r} is not an ONS code",
                         "write the council's code as in data/councils.csv, e.g. E06000014",
                         "ons_code")
        elif registry is not None and entry is None:
            problems.add(f"ons_code {code} is not a council in {registry.shown}",
                         "check the code (councils reorganised since 2019 have new ones)", "ons_code")
        elif entry is not None and nation in NATIONS and entry.nation != nation:
            problems.add(f"nation {nation} does not match {entry.name} ({code}), which is in "
                         f"{entry.nation.title()}", f"write nation: {entry.nation}", "nation")
    return {"nation": nation if nation in NATIONS else ""}


def _languages(raw: Any, nation: str | None, config: CampaignConfig,
               problems: _Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    known = [lang.code for lang in config.published_languages]
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        problems.add("languages must be a list of language codes", "e.g. languages: [en, pl]",
                     "languages")
        return ()
    for index, code in enumerate(raw):
        if code not in known:
            problems.add(f"unknown language {code!r}",
                         f"use codes of {config.config_file}: {', '.join(known)}", "languages", index)
    if len(set(raw)) != len(raw):
        problems.add("a language is listed twice", "list each language once", "languages")
    if config.source_language not in raw:
        problems.add(f"languages must include {config.source_language} (the site's root language)",
                     f"add {config.source_language} to languages", "languages")
    if nation == "wales" and "cy" not in raw:
        problems.add("a Welsh council's pack must be in Welsh and English: cy is missing",
                     "add cy to languages, e.g. languages: [cy, en]", "languages")
    return tuple(code for code in known if code in raw)      # campaign.yml's order


def _address(raw: Any, example: bool, problems: _Problems, *key: str | int) -> str | None:
    """An https address (site_url or a web page), under .example exactly when an example."""
    if raw is None:
        return None
    name = ".".join(str(k) for k in key if isinstance(k, str))
    parts = urlsplit(str(raw))
    if parts.scheme != "https" or not parts.hostname:
        problems.add(f"{name} must be an https address, not {raw!r}",
                     "write the full address starting with https://", *key)
        return None
    reserved = bool(_EXAMPLE_HOST.search(parts.hostname))
    if example and not reserved:
        problems.add(f"{name} {raw} is a real-looking address in an example",
                     "use the reserved .example domain, e.g. https://york.example/", *key)
    elif reserved and not example:
        problems.add(f"{name} {raw} is a reserved example address",
                     "give the council's real address, or set example: true", *key)
    url = str(raw)
    return url if not key[0] == "site_url" or url.endswith("/") else f"{url}/"


def _phone(raw: Any, example: bool, problems: _Problems, *key: str | int) -> Phone | None:
    name = ".".join(str(k) for k in key)
    phone, problem = parse_phone(raw, example)
    if problem is not None:
        problems.add(f"{name} {raw!r}: {problem[0]}", problem[1], *key)
    return phone


def _contact(raw: Any, example: bool, problems: _Problems, key: str, hours_required: bool) -> Contact | None:
    if not isinstance(raw, dict):
        problems.add(f"contacts.{key} must be a mapping with phone and hours",
                     f'e.g. {key}: {{phone: "...", hours: "..."}}', "contacts", key)
        return None
    for name in raw:
        if name not in ("name", "phone", "hours"):
            problems.add(f"unknown setting contacts.{key}.{name}", "use only: name, phone, hours",
                         "contacts", key, name)
    if raw.get("phone") in (None, ""):
        problems.add(f"missing contacts.{key}.phone", "add the phone number, e.g. phone: \"...\"",
                     "contacts", key)
    if hours_required and not raw.get("hours"):
        problems.add(f"missing contacts.{key}.hours", 'say when it answers, e.g. hours: '
                     '"Monday to Friday, 9am to 5pm"', "contacts", key)
    for name in ("name", "hours"):
        if raw.get(name) is not None and not isinstance(raw.get(name), str):
            problems.add(f"contacts.{key}.{name} must be text", "write it in quotes",
                         "contacts", key, name)
    phone = _phone(raw.get("phone"), example, problems, "contacts", key, "phone") \
        if raw.get("phone") not in (None, "") else None
    if phone is None:
        return None
    return Contact(phone=phone, hours=str(raw.get("hours") or "").strip(),
                   name=str(raw.get("name") or "").strip())


def _contacts(raw: Any, example: bool, problems: _Problems) -> Contacts | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.add("contacts must be a mapping", "see councils/examples/york.yml", "contacts")
        return None
    for key in raw:
        if key not in CONTACT_KEYS:
            problems.add(f"unknown setting contacts.{key}", f"use only: {', '.join(CONTACT_KEYS)}",
                         "contacts", key)
    for key in ("front_door", "out_of_hours"):
        if key not in raw:
            problems.add(f"missing contacts.{key}", "add its phone (and hours)", "contacts")
    front = _contact(raw.get("front_door"), example, problems, "front_door", True) \
        if "front_door" in raw else None
    night = _contact(raw.get("out_of_hours"), example, problems, "out_of_hours", False) \
        if "out_of_hours" in raw else None
    police = None
    if raw.get("police") not in (None, 101, "101"):
        police = _phone(raw["police"], example, problems, "contacts", "police")
    web = []
    pages = raw.get("web") or []
    if not isinstance(pages, list):
        problems.add("contacts.web must be a list of {title, url}",
                     'e.g. web: [{title: "Worried about a child?", url: "https://..."}]',
                     "contacts", "web")
        pages = []
    for index, page in enumerate(pages):
        if not isinstance(page, dict) or not page.get("title") or not page.get("url"):
            problems.add("each contacts.web entry needs a title and a url",
                         'e.g. {title: "Worried about a child?", url: "https://..."}',
                         "contacts", "web", index)
            continue
        url = _address(page["url"], example, problems, "contacts", "web", index, "url")
        if url is not None:
            web.append(WebPage(title=str(page["title"]), url=url))
    checked = raw.get("checked")
    if front is None or night is None:
        return None
    return Contacts(front_door=front, out_of_hours=night, police=police, web=tuple(web),
                    checked=str(checked) if checked else "")


def _brand(raw: Any, config: CampaignConfig, base: Path,
           problems: _Problems) -> tuple[Brand, Logo | None, list[str]]:
    """The campaign's brand with the council's settings, its logo checked, its colours made to
    pass (each substitution a warning)."""
    assert config.brand is not None, "the config always has a brand"
    brand = config.brand
    if raw is None:
        return brand, None, []
    if not isinstance(raw, dict):
        problems.add("brand must be a mapping", f"use: {', '.join(BRAND_KEYS)}", "brand")
        return brand, None, []
    for key in raw:
        if key not in BRAND_KEYS:
            problems.add(f"unknown setting brand.{key}", f"use only: {', '.join(BRAND_KEYS)} (the "
                         "campaign's typefaces serve every language)", "brand", key)
    changes: dict[str, Any] = {}
    for key in ("name", "strapline", "logo_alt"):
        if raw.get(key) is not None:
            changes[key] = str(raw[key]).strip()
    for key in ("primary", "accent"):
        if key in raw:
            colour = parse_colour(raw[key])
            if colour is None:
                problems.add(f"brand.{key} must be a colour written #rrggbb, not {raw[key]!r}",
                             f'write it like {key}: "#1d70b8" (quoted)', "brand", key)
            else:
                changes[key] = colour
    logo = None
    if raw.get("logo"):
        if not str(raw.get("logo_alt") or "").strip():
            problems.add("brand.logo has no alt text", "add logo_alt: what the logo says, usually "
                         "the council's name", "brand", "logo")
        try:
            logo = load_logo(str(raw["logo"]), base, config.root / config.cache_dir / LOGO_STORE,
                             problems.shown, problems.line("brand", "logo"))
            changes["logo"] = str(logo.path)
        except LogoError as exc:
            problems.found.append(exc)
    elif "logo_alt" in changes:
        problems.add("brand.logo_alt without brand.logo", "add the logo, or remove logo_alt",
                     "brand", "logo_alt")
    passing, replaced = with_passing_colours(dataclasses.replace(brand, **changes))
    warnings = [f"{problems.shown}:{problems.line('brand', p.setting)}: {p.message()}; using "
                f"{passing.colour(p.setting)} instead, the nearest shade that passes"
                for p in replaced]
    return passing, logo, warnings


def area_name(name: str) -> str:
    """A registry name as a place: "Bristol, City of" -> "Bristol".

    >>> area_name("Kingston upon Hull, City of"), area_name("York")
    ('Kingston upon Hull', 'York')
    """
    return re.sub(r",\s*(City|County) of$", "", name)


def registry_council(entry: RegistryEntry, config: CampaignConfig) -> Council:
    """A council with no file of its own: the campaign's brand and address (its pages are the
    campaign's), every published language, and the national services only: no local number is
    ever made up for it."""
    assert config.brand is not None
    return Council(name=entry.name, area=area_name(entry.name), slug=entry.slug,
                   ons_code=entry.ons_code, nation=entry.nation,
                   languages=tuple(lang.code for lang in config.published_languages),
                   site_url=config.site_url, brand=config.brand)
