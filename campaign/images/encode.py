"""An image as file bytes: PNG (every poster and card), PDF (posters, to print), a thumbnail
(for the contact sheet). The same image gives the same bytes: no time in a PNG, the PDF's dates
from SOURCE_DATE_EPOCH or none at all.

PNG: zlib level 6 with Pillow's adaptive filters. An A3 poster (17 megapixels, mostly flat
colour) takes about 0.8 s and 400 KB at level 6, 0.4 s and 590 KB at level 3, 1.4 s and 380 KB at
level 9: level 6 is where the size stops paying for the time (bench/images.py measures it).
PDF: Pillow stores the page as one JPEG (DCTDecode); quality 92 without chroma subsampling keeps
text edges clean in print (1.1 MB for an A3 poster).
"""

from __future__ import annotations

import io
import time

from PIL import Image

PNG_COMPRESS_LEVEL = 6
PDF_JPEG_QUALITY = 92
THUMBNAIL_HEIGHT = 360       # pixels: a poster's or card's height on the contact sheet


def png_bytes(image: Image.Image, dpi: int) -> bytes:
    """The image as PNG with its resolution (pHYs) and nothing else: no date, no text chunks."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def pdf_bytes(image: Image.Image, dpi: int, title: str, author: str, epoch: int | None) -> bytes:
    """The image as a one-page PDF at ``dpi`` (so an A4 image is an A4 page), titled, dated
    ``epoch`` (SOURCE_DATE_EPOCH) or undated."""
    stamp = time.gmtime(epoch) if epoch is not None else None
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=float(dpi), title=title, author=author, creator=author,
               creationDate=stamp, modDate=stamp, quality=PDF_JPEG_QUALITY, subsampling=0)
    return buffer.getvalue()


def thumbnail(image: Image.Image) -> Image.Image:
    """A small copy for the contact sheet."""
    factor = max(1, image.height // THUMBNAIL_HEIGHT)
    small = image.reduce(factor) if factor > 1 else image.copy()
    if small.height > THUMBNAIL_HEIGHT:
        width = max(1, round(small.width * THUMBNAIL_HEIGHT / small.height))
        small = small.resize((width, THUMBNAIL_HEIGHT), Image.Resampling.LANCZOS)
    return small
