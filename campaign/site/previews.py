"""Page previews in the site: each page's preview image beside its language's pages, and the
Open Graph and Twitter tags that name it in the page's ``<head>``.

The images stage draws the previews (``images.previews``); the work-folder writer puts each one
at ``assets/previews/<page>.png`` in the language's docs folder (MkDocs copies it into the site:
``<language>/assets/previews/<page>.png``), and hands the plugin a record of each (its context's
``previews``, by page path); the plugin gives each page's template its tags
(``campaign.preview_tags``, drawn by ``overrides/partials/campaign/preview.html``).

Only a page with a preview gets tags, and only when ``site_url`` is set: ``og:image`` must be an
absolute address (a relative one is not valid Open Graph), so without ``site_url`` no tag is
written at all. Pages without a fixed address (the 404 page) have none. ``og:locale`` is left
out: Open Graph wants ``language_TERRITORY`` (``en_GB``) and the campaign's languages name no
territory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from ..config import CampaignConfig, Language
from ..i18n.bidi import isolate_numbers_text
from ..images.render import ImageFile, cached_image
from ..output import Writer

FOLDER = "assets"           # previews/<page>.png goes under it, in each language's folder
ALT_SEPARATOR = " · "       # between the texts of the image (one a line in its description)


def site_file(item: ImageFile) -> str:
    """A preview's path inside its language's folder.

    >>> from campaign.images.render import ImageFile
    >>> site_file(ImageFile("cy", "children/index.md", "preview", "", "", "previews/children/index.png",
    ...                     "png", 1200, 630, 72, 1, "", False, ""))
    'assets/previews/children/index.png'
    """
    return f"{FOLDER}/{item.file}"


def write_previews(config: CampaignConfig, previews: Sequence[ImageFile], docs: Path, writer: Writer) -> None:
    """Put the language's previews into its docs folder, where MkDocs copies them into the site."""
    for item in previews:
        writer.write_bytes(docs / site_file(item), cached_image(config, item))


def preview_records(config: CampaignConfig, previews: Sequence[ImageFile]) -> dict[str, dict]:
    """What the plugin needs of each preview, by its page's path inside docs/: where it is, its
    size, and its alternative text (the texts it shows, in the page's language; numbers isolated
    left to right in a right-to-left language)."""
    records = {}
    for item in previews:
        rtl = config.language(item.lang).is_rtl
        alt = ALT_SEPARATOR.join(line for line in item.alt.replace("\u2066", "").replace("\u2069", "")
                                 .splitlines() if line.strip())
        records[item.route] = {"path": site_file(item), "width": item.width, "height": item.height,
                               "alt": isolate_numbers_text(alt) if rtl else alt, "title": item.title}
    return records


def preview_tags(config: CampaignConfig, lang: Language, record: dict | None, page_url: str | None,
                 title: str, description: str | None = None) -> list[tuple[str, str, str]]:
    """The page's Open Graph and Twitter tags as (attribute, name, content): none without a
    preview, without a fixed address (``page_url`` None: the 404 page) or without ``site_url``.

    >>> from types import SimpleNamespace
    >>> config = SimpleNamespace(site_url="https://example.org/", url_prefix=lambda lang: "cy/")
    >>> record = {"path": "assets/previews/index.png", "width": 1200, "height": 630, "alt": "Siaradwch"}
    >>> tags = dict((name, content) for _, name, content in
    ...             preview_tags(config, None, record, "", "Siaradwch amdano"))
    >>> tags["og:image"], tags["og:url"], tags["twitter:card"]
    ('https://example.org/cy/assets/previews/index.png', 'https://example.org/cy/', 'summary_large_image')
    >>> preview_tags(SimpleNamespace(site_url="", url_prefix=lambda lang: ""), None, record, "", "Hi")
    []
    """
    if record is None or page_url is None or not config.site_url:
        return []
    base = config.site_url + config.url_prefix(lang)
    image = base + quote(record["path"])
    tags = [("property", "og:type", "website"),
            ("property", "og:title", title),
            ("property", "og:url", base + quote(page_url))]
    if description:
        tags.append(("property", "og:description", description))
    tags += [("property", "og:image", image),
             ("property", "og:image:type", "image/png"),
             ("property", "og:image:width", str(record["width"])),
             ("property", "og:image:height", str(record["height"])),
             ("property", "og:image:alt", record["alt"]),
             ("name", "twitter:card", "summary_large_image"),
             ("name", "twitter:image", image),
             ("name", "twitter:image:alt", record["alt"])]
    return tags
