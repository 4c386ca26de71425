"""Helplines and services as data: the only place a phone number is written.

Pages name a service's number or link by placeholder (``{childline.phone}``), and the help box
picks services by audience. Translators never type a helpline number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable

import yaml

from ..config import NATIONS
from ..errors import ContentError, raise_all

AUDIENCES = ("everyone", "children", "young-people", "boys", "adults", "parents", "professionals",
             "schools", "faith", "deaf", "disabled", "communities")
ONLINE = ("chat", "email", "form")
ACCESSIBILITY = ("bsl", "bsl-signvideo", "text-relay", "sms")
# Translated in content.po. Names of organisations are proper nouns that translators keep; a
# generic name ("Emergency services") is translated.
TRANSLATED_FIELDS = ("name", "who", "hours")
_NUMBER = re.compile(r"^\d+(?: \d+)*$")
# A service field named in page text: {childline.phone}. The guard and the checks use it too.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    who: str
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    email: str | None = None
    hours: str | None = None
    nations: tuple[str, ...] = NATIONS
    audiences: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    online: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interpreters: bool = False
    source: str = ""
    checked: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    dial: str | None = None     # the number to dial in E.164 (+441134960000), when known: a
                                # council's numbers; the national ones are dialled as written

    @property
    def tel(self) -> str | None:
        if self.dial:
            return "tel:" + self.dial
        return "tel:" + self.phone.replace(" ", "") if self.phone else None

    @property
    def sms(self) -> str | None:
        return "sms:" + self.text.replace(" ", "") if self.text else None


@dataclass(frozen=True)
class HelpData:
    services: tuple[Service, ...]
    path: Path

    def get(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def for_page(self, audiences: list[str] | tuple[str, ...],
                 nations: list[str] | tuple[str, ...] = NATIONS) -> list[Service]:
        """The services that serve one of a page's audiences in one of its nations."""
        return [s for s in self.services if serves(s.audiences, s.nations, audiences, nations)]

    def help_box(self, meta: Mapping[str, Any],
                 site_nations: tuple[str, ...]) -> list[tuple[Service, list[str]]]:
        """The help box of a page with front matter ``meta``: each service that serves one of
        its audiences in one of its nations, with the nations it is limited to ("Only in: Wales";
        empty when it serves all of the page's nations). The one rule, for the site and checks."""
        audiences = list(meta.get("audience") or ["everyone"])
        nations = page_nations(site_nations, meta.get("nations"))
        box = []
        for service in self.for_page(audiences, nations):
            only = [n for n in service.nations if n in nations]
            box.append((service, only if len(only) < len(nations) else []))
        return box


def page_nations(site_nations: tuple[str, ...], own: Any) -> tuple[str, ...]:
    """The nations a page's help box serves: the site's, narrowed by the page's own ``nations:``
    front matter (ignored when it names none of the site's)."""
    if not isinstance(own, list):
        return tuple(site_nations)
    return tuple(n for n in site_nations if n in own) or tuple(site_nations)


def serves(service_audiences, service_nations, audiences, nations) -> bool:
    """Whether a service serves a page: one audience and one nation in common."""
    wanted = set(audiences) or {"everyone"}
    return bool(wanted & set(service_audiences)) and bool(set(nations) & set(service_nations))


def load_help(path: Path, shown: str | None = None) -> HelpData:
    """Read and validate the help data file, reporting every problem at once."""
    shown = shown or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(f"cannot read help data: {exc}", path=shown,
                           line=mark.line + 1 if mark else None) from exc
    items = data.get("services") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ContentError("expected a 'services:' list", path=shown)
    nodes = _service_nodes(root)
    problems: list[ContentError] = []
    services = []
    seen = set()
    for index, item in enumerate(items):
        node_lines = nodes[index] if index < len(nodes) else {}
        line = node_lines.get("id")
        try:
            service = _service(item, node_lines)
        except ContentError as exc:
            problems.append(ContentError(exc.detail, path=shown,
                                         line=line, fix=exc.fix))
            continue
        if service.id in seen:
            problems.append(ContentError(f"service id {service.id!r} is used twice", path=shown,
                                         line=line, fix="give each service its own id"))
        seen.add(service.id)
        services.append(service)
    raise_all(problems)
    return HelpData(services=tuple(services), path=Path(path))


def _service_nodes(root) -> list[dict[str, int]]:
    """1-based line of each key of each service, for error messages and the extractor."""
    out: list[dict[str, int]] = []
    if root is None or not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if key.value == "services" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    out.append({k.value: v.start_mark.line + 1 for k, v in item.value})
                else:
                    out.append({})
    return out


def _service(item: Any, lines: dict[str, int]) -> Service:
    if not isinstance(item, dict):
        raise ContentError("each service must be a mapping of fields")
    for key in ("id", "name", "who", "source", "checked"):
        if not item.get(key):
            raise ContentError(f"a service is missing '{key}'",
                               fix="every service needs id, name, who, source and checked")
    sid = str(item["id"])
    if not re.fullmatch(r"[a-z][a-z0-9_]*", sid):
        raise ContentError(f"service id {sid!r} must be lower case letters, digits and _",
                           fix="placeholders use the id, e.g. {childline.phone}")
    for key in ("phone", "text"):
        value = item.get(key)
        if value is not None and not _NUMBER.match(str(value)):
            raise ContentError(f"{sid}: {key} {value!r} must be digits in groups",
                               fix="write the number as the service publishes it, e.g. 0800 1111")
    for key, allowed in (("nations", NATIONS), ("audiences", AUDIENCES), ("online", ONLINE),
                         ("accessibility", ACCESSIBILITY)):
        values = item.get(key, [])
        if not isinstance(values, list):
            raise ContentError(f"{sid}: {key} must be a list", fix=f"write e.g. {key}: [{allowed[0]}]")
        bad = [v for v in values if v not in allowed]
        if bad:
            raise ContentError(f"{sid}: unknown {key} {bad}", fix=f"use: {', '.join(allowed)}")
    languages = item.get("languages", [])
    if not isinstance(languages, list) or not all(re.fullmatch(r"[a-z]{2,3}", str(v)) for v in languages):
        raise ContentError(f"{sid}: languages must be a list of language codes",
                           fix="write e.g. languages: [en, cy]")
    if not isinstance(item.get("interpreters", False), bool):
        raise ContentError(f"{sid}: interpreters must be true or false")
    if not item.get("audiences"):
        raise ContentError(f"{sid}: no audiences", fix=f"list who it serves: {', '.join(AUDIENCES)}")
    return Service(
        id=sid, name=str(item["name"]), who=str(item["who"]),
        phone=_opt(item.get("phone")), text=_opt(item.get("text")), url=_opt(item.get("url")),
        email=_opt(item.get("email")), hours=_opt(item.get("hours")),
        nations=tuple(item.get("nations", NATIONS)), audiences=tuple(item["audiences"]),
        accessibility=tuple(item.get("accessibility", [])), online=tuple(item.get("online", [])),
        languages=tuple(str(v) for v in languages), interpreters=bool(item.get("interpreters", False)),
        source=str(item["source"]),
        checked=str(item["checked"]), lines=lines)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def placeholder_markdown(service: Service, field_name: str) -> str | None:
    """The Markdown a placeholder stands for, or None when the service has no such field."""
    if field_name == "name":
        return service.name
    if field_name == "phone" and service.phone:
        return f"[{service.phone}]({service.tel})"
    if field_name == "text" and service.text:
        return f"[{service.text}]({service.sms})"
    if field_name == "url" and service.url:
        label = re.sub(r"^https?://(www\.)?", "", service.url).rstrip("/")
        return f"[{label}]({service.url})"
    if field_name == "email" and service.email:
        return f"[{service.email}](mailto:{service.email})"
    return None


def expand_placeholders(text: str, help_data: HelpData, where: Callable[[], tuple[str, int]],
                        name: Callable[[Service], str] | None = None) -> str:
    """Replace ``{service.field}`` with the service's data; unknown ones name file and line.
    ``name`` gives a service's name in the page's language (default: the data's own)."""
    def substitute(match: re.Match) -> str:
        service = help_data.get(match.group(1))
        value = placeholder_markdown(service, match.group(2)) if service else None
        if service is not None and value is not None and name is not None and match.group(2) == "name":
            value = name(service)
        if value is None:
            path, line = where()
            known = ", ".join(s.id for s in help_data.services)
            raise ContentError(f"unknown placeholder {match.group(0)}", path=path, line=line,
                               fix=f"use a service id from {help_data.path.name} ({known}) and a "
                                   "field it has: name, phone, text, url, email")
        return value
    return PLACEHOLDER.sub(substitute, text)
