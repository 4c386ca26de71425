"""Ask each address whether it still answers: ok, redirected elsewhere, or dead.

HEAD first (no body), then GET when a server refuses HEAD (405, 403, 501), following redirects.
Transient failures (429, 5xx, connection errors, timeouts) are retried with backoff by urllib3.
Addresses are checked in parallel threads, each thread with its own ``requests.Session``.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (MaxRetryError, NameResolutionError, NewConnectionError,
                                TimeoutError as Urllib3Timeout)
from urllib3.util import Retry

from .. import __version__

State = Literal["ok", "redirected", "dead"]
USER_AGENT = f"campaign-toolkit/{__version__} (link check of the campaign site's own pages)"
RETRY_STATUSES = (429, 500, 502, 503, 504)
HEAD_REFUSED = (403, 405, 501)      # servers that refuse HEAD so often answer GET
RETRY_AFTER_MAX = 30                # seconds: a server's Retry-After is honoured up to this


@dataclass(frozen=True)
class ProbeSettings:
    timeout: float = 10.0           # seconds, for connecting and for each read
    workers: int = 8
    retries: int = 2                # retries after the first attempt
    backoff_factor: float = 0.5     # urllib3: no wait before the first retry, then 1 s, 2 s...


@dataclass(frozen=True)
class LinkResult:
    url: str
    state: State
    status: int | None = None                 # the final HTTP status, when there was one
    reason: str = ""                          # why dead: "404 Not Found", "timed out after 10 s"
    final_url: str | None = None              # where a redirect ends
    history: tuple[int, ...] = ()              # status of each redirect, in order
    from_cache: bool = False


def make_session(settings: ProbeSettings) -> requests.Session:
    retry = Retry(total=settings.retries, backoff_factor=settings.backoff_factor,
                  status_forcelist=RETRY_STATUSES, allowed_methods={"HEAD", "GET"},
                  raise_on_status=False, retry_after_max=RETRY_AFTER_MAX)
    adapter = HTTPAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def probe(session: requests.Session, url: str, timeout: float) -> LinkResult:
    """Check one address (never raises for a network problem: that makes it dead)."""
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout)
        response.close()
        if response.status_code in HEAD_REFUSED:
            response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            response.close()
    except requests.RequestException as exc:
        return LinkResult(url, "dead", reason=_failure(exc, timeout))
    status = response.status_code
    if status >= 400:
        reason = f"{status} {response.reason}".strip()
        if response.history:
            reason += f" after redirect to {response.url}"
        return LinkResult(url, "dead", status=status, reason=reason)
    requested = requests.Request("GET", url).prepare().url   # as requests writes it: "x.org/"
    if response.history and response.url != requested:
        return LinkResult(url, "redirected", status=status, final_url=response.url,
                          history=tuple(r.status_code for r in response.history))
    return LinkResult(url, "ok", status=status)


def _failure(exc: requests.RequestException, timeout: float) -> str:
    """A short reason for a request that got no HTTP answer."""
    causes = list(_causes(exc))

    def seen(*kinds: type[BaseException]) -> bool:
        return any(isinstance(cause, kinds) for cause in causes)

    if isinstance(exc, requests.TooManyRedirects):
        return "too many redirects"
    # Order matters: urllib3's NewConnectionError is a subclass of its ConnectTimeoutError.
    if seen(NameResolutionError):
        return "host not found"
    if seen(ConnectionRefusedError):
        return "connection refused"
    if seen(requests.Timeout, Urllib3Timeout, TimeoutError) and not seen(NewConnectionError):
        return f"timed out after {timeout:g} s"
    if seen(requests.exceptions.SSLError):
        return "TLS error (certificate or handshake)"
    system = next((c.strerror for c in causes if isinstance(c, OSError) and c.strerror), None)
    return f"connection error ({system or type(exc).__name__})"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps: requests wraps urllib3, urllib3 the socket."""
    stack: list[BaseException | None] = [exc]
    seen: set[int] = set()
    while stack:
        cause = stack.pop()
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        stack += [cause.__cause__, cause.__context__, getattr(cause, "reason", None)
                  if isinstance(cause, MaxRetryError) else None]
        stack += [arg for arg in cause.args if isinstance(arg, BaseException)]


def probe_all(urls: Iterable[str], settings: ProbeSettings) -> list[LinkResult]:
    """Check every address in parallel; results come in the order of ``urls``."""
    local = threading.local()
    sessions: list[requests.Session] = []
    lock = threading.Lock()

    def check(url: str) -> LinkResult:
        if not hasattr(local, "session"):
            local.session = make_session(settings)
            with lock:
                sessions.append(local.session)
        return probe(local.session, url, settings.timeout)

    try:
        with ThreadPoolExecutor(max_workers=settings.workers,
                                thread_name_prefix="link-check") as pool:
            return list(pool.map(check, urls))
    finally:
        for session in sessions:
            session.close()
