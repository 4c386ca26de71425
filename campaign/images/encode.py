"""An image as file bytes: PNG (every poster and card), PDF (posters, to print), a thumbnail
(for the contact sheet). The same image gives the same bytes: no time in a PNG, the PDF's dates
from SOURCE_DATE_EPOCH or none at all.

PNG: zlib level 6 with Pillow's adaptive filters. An A3 poster (17 megapixels, mostly flat
colour) takes about 0.8 s and 400 KB at level 6, 0.4 s and 590 KB at level 3, 1.4 s and 380 KB at
level 9: level 6 is where the size stops paying for the time (bench/images.py measures it).
PDF: img2pdf puts the PNG's own compressed pixels in a PDF page sized by the image's dpi, with no
re-encoding: lossless, so text edges print as drawn, and about a third of the size of a JPEG page
(400 KB for an A3 poster, where a quality-92 JPEG page was 1.1 MB).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

import img2pdf
from PIL import Image

PNG_COMPRESS_LEVEL = 6
PDF_FORMAT = "img2pdf lossless 1"     # in the cache key: a change of how PDFs are made makes them again
THUMBNAIL_HEIGHT = 360       # pixels: a poster's or card's height on the contact sheet


def png_bytes(image: Image.Image, dpi: int) -> bytes:
    """The image as PNG with its resolution (pHYs) and nothing else: no date, no text chunks."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def pdf_bytes(png: bytes, dpi: int, title: str, author: str, epoch: int | None) -> bytes:
    """The PNG ``png`` as a one-page PDF at ``dpi`` (so an A4 image is an A4 page), its pixels
    untouched, titled, dated ``epoch`` (SOURCE_DATE_EPOCH) or undated."""
    stamp = datetime.fromtimestamp(epoch, timezone.utc) if epoch is not None else None
    dates = {"creationdate": stamp, "moddate": stamp} if stamp is not None else {"nodate": True}
    return img2pdf.convert(png, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)),
                           title=title, author=author, creator=author, producer="campaign toolkit",
                           engine=img2pdf.Engine.internal, **dates)


def thumbnail(image: Image.Image) -> Image.Image:
    """A small copy for the contact sheet."""
    factor = max(1, image.height // THUMBNAIL_HEIGHT)
    small = image.reduce(factor) if factor > 1 else image.copy()
    if small.height > THUMBNAIL_HEIGHT:
        width = max(1, round(small.width * THUMBNAIL_HEIGHT / small.height))
        small = small.resize((width, THUMBNAIL_HEIGHT), Image.Resampling.LANCZOS)
    return small
