"""campaign check --links: every external address the site publishes still answers.

Gathers the addresses (link_sources), reuses recent good results (link_cache), asks the servers
about the rest (probe) and turns the answers into problems that name each place an address is
written. Dead links are errors; redirected links are warnings, or errors when strict.
Nothing here runs unless asked for: a plain ``campaign check`` makes no request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from ..config import CampaignConfig
from ..content.help import HelpData
from ..errors import CampaignError, ContentError
from .link_cache import LinkCache
from .link_sources import Place, gather_links
from .probe import LinkResult, ProbeSettings, probe_all

log = logging.getLogger("campaign")

CACHE_FILE = ".cache/campaign/links.json"   # relative to the project root
DEAD_FIX = "correct or remove the link"
REDIRECT_FIX = "link to the final address"


@dataclass(frozen=True)
class LinkSettings:
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    strict: bool = False                  # redirected links are errors, not warnings
    use_cache: bool = True                # False: check every link again (still refresh the cache)
    ttl: timedelta = timedelta(hours=24)  # how long a good result is reused
    cache_file: Path | None = None        # default: <project root>/.cache/campaign/links.json


@dataclass(frozen=True)
class LinkReport:
    places: dict[str, list[Place]]        # each address and where it is written
    results: dict[str, LinkResult]        # each address and what its server said

    def count(self, state: str) -> int:
        return sum(1 for r in self.results.values() if r.state == state)

    def summary(self) -> str:
        cached = sum(1 for r in self.results.values() if r.from_cache)
        return (f"{len(self.results)} external links: {self.count('ok')} ok, "
                f"{self.count('redirected')} redirected, {self.count('dead')} dead "
                f"({cached} from cache)")


def link_settings(*, strict: bool = False, timeout: float | None = None,
                  use_cache: bool = True) -> LinkSettings:
    """Settings from the command line's options (None: the default)."""
    probe = ProbeSettings() if timeout is None else ProbeSettings(timeout=timeout)
    return LinkSettings(probe=probe, strict=strict, use_cache=use_cache)


def cache_path(config: CampaignConfig, settings: LinkSettings) -> Path:
    return settings.cache_file or config.root / CACHE_FILE


def check_links(config: CampaignConfig, settings: LinkSettings = LinkSettings(),
                help_data: HelpData | None = None) -> LinkReport:
    """Check every external address once (or reuse a fresh cached result for it)."""
    places = gather_links(config, help_data)
    path = cache_path(config, settings)
    cache = LinkCache(path, settings.ttl, shown=config.shown(path))
    cache.load()
    results: dict[str, LinkResult] = {}
    for url in places:
        cached = cache.get(url) if settings.use_cache else None
        if cached is not None:
            results[url] = cached
    for result in probe_all([url for url in places if url not in results], settings.probe):
        results[result.url] = result
        cache.put(result)
    cache.save()
    return LinkReport(places, {url: results[url] for url in places})


def link_problems(report: LinkReport, strict: bool = False) -> tuple[list[CampaignError], list[str]]:
    """(errors, warnings): one per place of each dead or redirected address, in page order."""
    errors: list[CampaignError] = []
    warnings: list[str] = []
    for url, result in report.results.items():
        for place in report.places[url]:
            if result.state == "dead":
                errors.append(ContentError(f"dead link {url} ({result.reason})", path=place.path,
                                           line=place.line, fix=DEAD_FIX))
            elif result.state == "redirected":
                codes = ", ".join(str(code) for code in result.history)
                problem = ContentError(f"link {url} redirects to {result.final_url} ({codes})",
                                       path=place.path, line=place.line, fix=REDIRECT_FIX)
                if strict:
                    errors.append(problem)
                else:
                    warnings.append(problem.format_message())
    return errors, warnings


def run_link_check(config: CampaignConfig, settings: LinkSettings,
                   help_data: HelpData | None = None) -> tuple[list[CampaignError], str]:
    """Check, log each warning, and return the errors and the summary line."""
    report = check_links(config, settings, help_data)
    errors, warnings = link_problems(report, settings.strict)
    for warning in warnings:
        log.warning("%s", warning)
    return errors, report.summary()
