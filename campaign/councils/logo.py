"""A council's logo: read from a file or fetched from an https address, then checked before
anything renders it.

Only two formats are opened: PNG (through Pillow, with a pixel limit far below Pillow's default,
``verify()`` then a full decode) and SVG in a safe subset (no DOCTYPE or ENTITY, no script,
foreignObject, animation or event handler, no reference to anything but the file itself or a
``data:`` PNG/JPEG, no CSS ``url()`` or ``@import`` leaving the file, and ``<use>`` references
that neither loop nor multiply beyond a limit), parsed with ``xml.etree`` only after the textual
checks. Pillow is pinned at 13.0.0 in requirements.lock, a release with the 2025-26 fixes for
decompression bombs. A fetch counts the bytes while it streams (``read1``, so a server dripping
bytes cannot hold it past the deadline), and refuses a wrong status, a type other than PNG or SVG,
a body over the limit and a server that does not answer in time.

The checked bytes are stored under a name made of their SHA-256 (``store_logo``), so every render
of the same logo names the same file and the render caches keep working.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..output import atomic_write_bytes

MAX_BYTES = 1024 * 1024              # a logo is small: 1 MiB at most, in a file or over the wire
MAX_SIDE = 4096                      # pixels, each way
MAX_PIXELS = MAX_SIDE * MAX_SIDE     # Pillow's own default allows 89 million
MAX_SVG_ELEMENTS = 5000
MAX_SVG_EXPANSION = 10000            # elements drawn once every <use> is expanded
FETCH_TIMEOUT = 10.0                 # seconds for the server to connect and to send each part
FETCH_DEADLINE = 30.0                # seconds for the whole fetch
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CONTENT_TYPES = {"image/png": "png", "image/svg+xml": "svg"}
_FIX_FORMAT = "give the logo as a PNG (at most 4096 x 4096 pixels) or a plain SVG"
_FIX_SVG = ("export the logo as a plain SVG (e.g. Inkscape's 'Plain SVG' or 'Optimized SVG'), "
            "or as a PNG")


@dataclass(frozen=True)
class Logo:
    """A checked logo, stored where renderers read it."""

    path: Path          # the stored copy (its name is its SHA-256)
    kind: str           # "png" or "svg"
    sha256: str
    source: str         # the file or address it came from, as given


class LogoError(ConfigError):
    """The logo cannot be used: the message names the file or address, the line and the fix."""


def _refuse(message: str, shown: str, line: int | None, fix: str) -> LogoError:
    return LogoError(message, path=shown, line=line, fix=fix)


# --- where the bytes come from ------------------------------------------------------------------

def is_url(value: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value))


def url_allowed(url: str) -> bool:
    """https anywhere; plain http only to this machine (a local test or staging server)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    if parts.scheme == "http" and parts.hostname:
        try:
            return ip_address(parts.hostname).is_loopback
        except ValueError:
            return parts.hostname == "localhost"
    return False


def read_logo_file(path: Path, source: str, shown: str, line: int | None) -> bytes:
    """A logo file's bytes (at most MAX_BYTES)."""
    if not path.is_file():
        raise _refuse(f"brand.logo {source!r} does not exist", shown, line,
                      "give the logo's path relative to the council's file, or an https address")
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(f"brand.logo {source!r} is larger than {MAX_BYTES // 1024} KiB", shown, line,
                      "make the logo smaller: a logo needs a few kilobytes")
    return data


def fetch_logo(url: str, shown: str, line: int | None, *, timeout: float | None = None,
               deadline: float | None = None, max_bytes: int | None = None) -> tuple[bytes, str]:
    """Download a logo: (bytes, kind from its content type). Counts bytes as they arrive.
    The limits default to the module's FETCH_TIMEOUT, FETCH_DEADLINE and MAX_BYTES."""
    import requests
    timeout = FETCH_TIMEOUT if timeout is None else timeout
    deadline = FETCH_DEADLINE if deadline is None else deadline
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if not url_allowed(url):
        raise _refuse(f"brand.logo {url!r} is not an https address", shown, line,
                      "give an https:// address, or a file beside the council's file")
    started = time.monotonic()
    try:
        with requests.Session() as session:
            session.max_redirects = 3
            with session.get(url, stream=True, timeout=(timeout, timeout), allow_redirects=True,
                             headers={"Accept": "image/png, image/svg+xml",
                                      "Accept-Encoding": "identity",
                                      "User-Agent": "campaign-toolkit (council pack logo)"}) as response:
                if not url_allowed(response.url):
                    raise _refuse(f"brand.logo {url} redirects to {response.url}, which is not https",
                                  shown, line, "give the logo's final https address")
                if response.status_code != 200:
                    raise _refuse(f"brand.logo {url} answered {response.status_code} "
                                  f"{response.reason or ''}".rstrip(), shown, line,
                                  "check the address in a browser, or save the logo beside the "
                                  "council's file and give its path")
                kind = _content_kind(response.headers.get("Content-Type", ""), url, shown, line)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise _too_big(url, shown, line, max_bytes)
                return _read_body(response.raw, url, shown, line, started, deadline, max_bytes), kind
    except requests.Timeout as exc:
        raise _refuse(f"brand.logo {url} did not answer within {timeout:g} s", shown, line,
                      "check the address, or save the logo beside the council's file") from exc
    except requests.TooManyRedirects as exc:
        raise _refuse(f"brand.logo {url} redirects too many times", shown, line,
                      "give the logo's final address") from exc
    except requests.RequestException as exc:
        raise _refuse(f"brand.logo {url} cannot be fetched: {type(exc).__name__}", shown, line,
                      "check the address and the connection, or save the logo beside the "
                      "council's file") from exc


def _content_kind(header: str, url: str, shown: str, line: int | None) -> str:
    ctype = header.split(";")[0].strip().lower()
    if ctype not in CONTENT_TYPES:
        raise _refuse(f"brand.logo {url} is {ctype or 'of no stated type'}, not a PNG or SVG image",
                      shown, line, "give the address of the image itself (image/png or "
                                   "image/svg+xml), not of a web page")
    return CONTENT_TYPES[ctype]


def _too_big(url: str, shown: str, line: int | None, max_bytes: int) -> LogoError:
    return _refuse(f"brand.logo {url} is larger than {max_bytes // 1024} KiB", shown, line,
                   "give a smaller logo: a logo needs a few kilobytes")


def _read_body(raw, url: str, shown: str, line: int | None, started: float, deadline: float,
               max_bytes: int) -> bytes:
    """The body, refused as soon as it passes ``max_bytes`` or the deadline. ``read1`` returns
    what has arrived, so a server dripping bytes is stopped at the deadline too."""
    import requests
    body = bytearray()
    while True:
        try:
            chunk = raw.read1(64 * 1024, decode_content=True)
        except Exception as exc:  # urllib3 raises its own types for a read timeout
            raise requests.Timeout(str(exc)) if "timed out" in str(exc).lower() else \
                requests.ConnectionError(str(exc)) from exc
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise _too_big(url, shown, line, max_bytes)
        if time.monotonic() - started > deadline:
            raise _refuse(f"brand.logo {url} took more than {deadline:g} s to send", shown, line,
                          "save the logo beside the council's file and give its path")


# --- what the bytes are -------------------------------------------------------------------------

def sniff(data: bytes) -> str | None:
    """"png", "svg" or None, from the bytes themselves."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--") \
            or head[:9].upper() == b"<!DOCTYPE":
        return "svg"
    return None


@contextmanager
def pixel_limit(pixels: int) -> Iterator[None]:
    """Pillow's decompression-bomb limit lowered for one open (a process-wide setting: restored
    afterwards; logos are checked in one thread)."""
    from PIL import Image
    before = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = pixels
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = before


def check_png(data: bytes, shown: str, line: int | None, source: str) -> None:
    """Open as PNG only, refuse more than MAX_SIDE a side, verify, then decode it whole."""
    from PIL import Image, UnidentifiedImageError
    try:
        with pixel_limit(MAX_PIXELS), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise _refuse(f"brand.logo {source!r} is {width} x {height} pixels, more than "
                                  f"{MAX_SIDE} a side", shown, line,
                                  f"scale the logo down: {MAX_SIDE} pixels a side is plenty")
                image.verify()
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(f"brand.logo {source!r} is a decompression bomb (it claims more than "
                      f"{MAX_PIXELS:,} pixels)", shown, line,
                      f"give a real logo of at most {MAX_SIDE} x {MAX_SIDE} pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _refuse(f"brand.logo {source!r} is not a readable PNG ({exc})", shown, line,
                      "export the logo again as PNG (the file is damaged or not a PNG)") from exc


def check_logo(data: bytes, kind: str | None, shown: str, line: int | None, source: str) -> str:
    """Check the bytes as the format they are (which must be the one stated); returns it."""
    found = sniff(data)
    if found is None or (kind is not None and found != kind):
        stated = f" (stated: {kind.upper()})" if kind else ""
        raise _refuse(f"brand.logo {source!r} is neither a PNG nor an SVG file{stated}", shown, line,
                      _FIX_FORMAT)
    if found == "png":
        check_png(data, shown, line, source)
    else:
        from .svg import SvgProblem, check_svg
        try:
            check_svg(data)
        except SvgProblem as exc:
            raise _refuse(f"brand.logo {source!r}: {exc}", shown, line, _FIX_SVG) from exc
    return found


def store_logo(data: bytes, kind: str, folder: Path, source: str) -> Logo:
    """Keep the checked bytes under their SHA-256 (written once, atomically)."""
    digest = hashlib.sha256(data).hexdigest()
    path = Path(folder) / f"{digest}.{kind}"
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        atomic_write_bytes(path, data)
    return Logo(path=path, kind=kind, sha256=digest, source=source)


def load_logo(source: str, base: Path, store: Path, shown: str, line: int | None) -> Logo:
    """The logo a council's file names (a path relative to ``base``, or an address), checked
    and stored in ``store``."""
    if is_url(source):
        data, kind = fetch_logo(source, shown, line)
    else:
        suffix = Path(source).suffix.lower()
        if suffix not in (".png", ".svg"):
            raise _refuse(f"brand.logo {source!r} must be a .png or .svg file", shown, line, _FIX_FORMAT)
        data, kind = read_logo_file(base / source, source, shown, line), suffix[1:]
    return store_logo(data, check_logo(data, kind, shown, line, source), store, source)

