"""A council's local contacts as content: help-data services put before the national ones, and a
page of their own.

A council build's configuration carries a :class:`LocalContacts` (``CampaignConfig.
local_contacts``; ``campaign.councils`` makes it from a council's file). The pipeline then puts its
services first in the help data (every audience, the council's nation, so every help box lists them
before the national services) and adds its page (``local-contacts.md``); the print templates show
them in the teacher guides and letters to parents. Without one, nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ContentError
from .help import HelpData, Service

PAGE = "local-contacts.md"          # the generated page, in the council's build only
PAGE_URL = "local-contacts/"        # where it is in each language's site


@dataclass(frozen=True)
class WebPage:
    """A page of the council's own web site that the contacts page links to."""

    title: str
    url: str


@dataclass(frozen=True)
class LocalContacts:
    """What a council adds to the campaign's help: its services, its pages, the contacts page."""

    council: str                        # the council's name, as its file gives it
    source: str                         # its file, as messages show it
    services: tuple[Service, ...]       # its own services (ids local_*), in the order shown
    shown: tuple[str, ...]              # the service ids its contacts list, in order (may name
                                        # a national service, e.g. police for 101)
    pages: tuple[WebPage, ...] = ()
    page: str = ""                      # the contacts page's Markdown (front matter included)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(service.id for service in self.services)


def with_local_services(help_data: HelpData, local: LocalContacts | None) -> HelpData:
    """The help data with the council's services first (unchanged without a council)."""
    if local is None:
        return help_data
    clashes = local.ids & {service.id for service in help_data.services}
    if clashes:
        raise ContentError(f"the council's service ids {sorted(clashes)} are already used",
                           path=help_data.path.name, fix="rename those services in the help data")
    return HelpData(services=local.services + help_data.services, path=help_data.path)
