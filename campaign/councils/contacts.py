"""A council's contacts as the campaign's content: help-data services and a contacts page.

The front door (children's services, or the council's MASH) and the out-of-hours service become
services ``local_front_door`` and ``local_out_of_hours`` (and ``local_police`` when the council
gives a police number other than 101) serving every audience in the council's nation, so the help
box of every page lists them before the national services. The contacts page
(``local-contacts.md``) names them by placeholder, like every other page, so its numbers are the
help data's and cannot drift. The council's own words (names, hours, page titles) are shown as
written, in every language (they are not in the catalogs).
"""

from __future__ import annotations

import html
import json
import re

from ..config import CampaignConfig
from ..content.help import AUDIENCES, Service
from ..content.local import PAGE, LocalContacts
from .model import Contact, Council

FRONT_DOOR = "local_front_door"
OUT_OF_HOURS = "local_out_of_hours"
POLICE = "local_police"
NATIONAL_POLICE = "police"          # the help data's police non-emergency service (101)


def markdown_text(text: str) -> str:
    """A council's words as plain text inside Markdown: no markup, no placeholder.

    >>> markdown_text("Mon-Fri *9am* <b>{x.y}</b>")
    'Mon-Fri \\\\*9am\\\\* &lt;b&gt;&#123;x.y&#125;&lt;/b&gt;'
    """
    text = html.escape(" ".join(text.split()), quote=False)
    text = re.sub(r"([\\`*_\[\]#|!])", r"\\\1", text)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _service(council: Council, sid: str, name: str, who: str, contact: Contact | None = None,
             phone=None) -> Service:
    number = contact.phone if contact is not None else phone
    assert council.contacts is not None and number is not None
    return Service(id=sid, name=name, who=who, phone=number.shown, dial=number.dial,
                   hours=(contact.hours or None) if contact is not None else None,
                   nations=(council.nation,), audiences=AUDIENCES,
                   source=f"{council.name} ({council.shown})",
                   checked=council.contacts.checked or "as given by the council")


def local_services(council: Council) -> tuple[Service, ...]:
    """The council's services, in the order every help box lists them."""
    contacts = council.contacts
    assert contacts is not None
    area = council.place
    services = [
        _service(council, FRONT_DOOR, contacts.front_door.name or f"{area} children's services",
                 f"If you are worried about a child who lives in {area}, or a child has told you "
                 "something. Professionals make referrals here too.",
                 contacts.front_door),
        _service(council, OUT_OF_HOURS,
                 contacts.out_of_hours.name or f"{area} children's services out of hours",
                 "When children's services are closed: evenings, weekends and bank holidays.",
                 contacts.out_of_hours),
    ]
    if contacts.police is not None:
        services.append(_service(council, POLICE, "Police non-emergency",
                                 "To report a concern to the police when no one is in immediate "
                                 "danger.", phone=contacts.police))
    return tuple(services)


def _hours(service: Service) -> str:
    return f" Open: {markdown_text(service.hours).rstrip('.')}." if service.hours else ""


def contacts_page(council: Council, services: tuple[Service, ...]) -> str:
    """The local contacts page as Markdown (English: the catalogs have none of it, so other
    languages show it in English, marked as such)."""
    contacts = council.contacts
    assert contacts is not None
    area = markdown_text(council.place)
    police = POLICE if contacts.police is not None else NATIONAL_POLICE
    by_id = {service.id: service for service in services}
    lines = [
        "---",
        f"title: {json.dumps(f'Local contacts: {council.name}', ensure_ascii=False)}",
        f"description: {json.dumps(f'Who to call about a child in {council.place}', ensure_ascii=False)}",
        "audience: [everyone]",
        "---",
        "",
        f"# Local contacts: {markdown_text(council.name)}",
        "",
        "If a child is in danger right now, call {emergency.phone}.",
        "",
        f"## If you are worried about a child in {area}",
        "",
        f"Call {{{FRONT_DOOR}.name}} on {{{FRONT_DOOR}.phone}}."
        + _hours(by_id[FRONT_DOOR]),
        "",
        f"When it is closed, call {{{OUT_OF_HOURS}.name}} on {{{OUT_OF_HOURS}.phone}}."
        + _hours(by_id[OUT_OF_HOURS]),
        "",
        f"To tell the police about a worry when no one is in immediate danger, call {{{police}.phone}}.",
        "",
    ]
    if contacts.web:
        lines += [f"## On the council's web site", ""]
        lines += [f"- [{markdown_text(page.title)}]({page.url})" for page in contacts.web]
        lines.append("")
    lines += ["## Help wherever you live", "",
              "The national helplines are on the [Get help now](get-help.md) page and at the end "
              "of every page.", ""]
    if council.credit:
        lines += [markdown_text(council.credit), ""]
    return "\n".join(lines)


def local_contacts(council: Council) -> LocalContacts | None:
    """What the council adds to the content, or None when it has no contacts (no file)."""
    if council.contacts is None:
        return None
    services = local_services(council)
    shown = tuple(s.id for s in services)
    if council.contacts.police is None:
        shown += (NATIONAL_POLICE,)
    return LocalContacts(council=council.name, source=council.shown, services=services,
                         shown=shown, pages=council.contacts.web,
                         page=contacts_page(council, services))


def council_config(config: CampaignConfig, council: Council) -> CampaignConfig:
    """The campaign's configuration for one council's build: its brand, address, nation,
    contacts, and whether it is a sample. Languages are chosen by the build (its ``locales``)."""
    return config.with_overrides(brand=council.brand, site_url=council.site_url,
                                 nations=(council.nation,), local_contacts=local_contacts(council),
                                 sample=council.example)


__all__ = ["FRONT_DOOR", "OUT_OF_HOURS", "POLICE", "PAGE", "council_config", "local_contacts"]
