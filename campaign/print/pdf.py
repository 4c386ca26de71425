"""HTML to PDF with WeasyPrint: A4, tagged (PDF/UA-1), fonts embedded and subset, reproducible.

WeasyPrint's ``pdf/ua-1`` variant writes the structure tree (headings, paragraphs, lists, tables,
figures with their alt text), marks the document as tagged, sets its language and title and
asks viewers to show the title. The creation and modification dates come from the document's
``dcterms`` meta (SOURCE_DATE_EPOCH), so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import CampaignError
from ..logs import collected

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def load_weasyprint():
    """WeasyPrint, or an error naming the Debian packages it needs (it loads Pango at import)."""
    try:
        import weasyprint
    except OSError as exc:
        raise CampaignError(f"WeasyPrint cannot load Pango: {exc}", path="(system libraries)",
                            fix="install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                                "(make site does this when apt works)") from exc
    return weasyprint


def render_pdf(html: str, base_url: Path, shown: str) -> RenderedPdf:
    """Render ``html`` (images relative to ``base_url``); ``shown`` names the document in errors."""
    weasyprint = load_weasyprint()

    with collected("weasyprint") as collect:
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/").render(
            pdf_variant=PDF_VARIANT)
        buffer = io.BytesIO()
        document.write_pdf(buffer, pdf_variant=PDF_VARIANT)
    problems = [m for m in collect.messages if _matters(m)]
    if problems:
        raise CampaignError(f"WeasyPrint could not render everything: {'; '.join(problems[:5])}",
                            path=shown, fix="check the images and links the source names")
    return RenderedPdf(data=buffer.getvalue(), pages=len(document.pages))


def _matters(message: str) -> bool:
    """Warnings that mean the PDF lacks something (an image or a font), not style trivia."""
    lowered = message.lower()
    return any(word in lowered for word in ("failed to load", "unable to load", "no such file",
                                            "font", "image"))
