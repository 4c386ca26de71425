"""The self-hosted woff2 fonts as TrueType in the cache: converted once, the same glyphs, a clear
error for a broken font file, and the print stage's fonts read without decompressing woff2 (it
cost WeasyPrint 0.4-0.8 s of every PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from campaign.config import FONTS_DIR
from campaign.errors import CampaignError
from campaign.print.html import font_faces
from campaign.print.pdf import render_pdf
from campaign.truetype import fonts_cache, truetype

LATIN = "noto-sans/noto-sans-latin-400-normal.woff2"


def test_a_woff2_is_converted_once_with_the_same_glyphs(config, tmp_path):
    source = config.root / FONTS_DIR / LATIN
    found = truetype(source, tmp_path)
    assert found.path.parent == tmp_path.resolve() and found.path.suffix == ".ttf"
    converted, original = TTFont(found.path), TTFont(source)
    assert converted.flavor is None and original.flavor == "woff2"
    assert set(converted.getBestCmap()) == set(original.getBestCmap()) == found.cmap
    assert converted.getGlyphOrder() == original.getGlyphOrder()
    stamp = found.path.stat().st_mtime_ns
    assert truetype(source, tmp_path) == found and found.path.stat().st_mtime_ns == stamp


def test_a_cleared_cache_is_filled_again(config, tmp_path):
    source = config.root / FONTS_DIR / LATIN
    found = truetype(source, tmp_path)
    found.path.unlink()
    assert truetype(source, tmp_path).path.is_file()


def test_a_broken_font_file_is_named(tmp_path):
    broken = tmp_path / "broken.woff2"
    broken.write_bytes(b"wOF2" + b"\0" * 60)
    with pytest.raises(CampaignError) as caught:
        truetype(broken, tmp_path / "cache")
    message = caught.value.format_message()
    assert str(broken) in message and "valid woff2" in message
    assert not list((tmp_path / "cache").glob("*.ttf"))


def test_print_reads_truetype_copies_and_never_decompresses_woff2(config, monkeypatch):
    faces = font_faces(config, ("noto-nastaliq-urdu", "noto-sans"))
    assert ".woff2" not in faces.css and "format('truetype')" in faces.css
    cache = fonts_cache(config).as_uri()
    urls = [part.split(")")[0] for part in faces.css.split("url(")[1:]]
    assert urls and all(url.startswith(cache) and url.endswith(".ttf") for url in urls)

    import fontTools.ttLib.woff2 as woff2
    opened: list[object] = []
    real = woff2.WOFF2Reader.__init__

    def counting(self, *args, **kwargs):
        opened.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(woff2.WOFF2Reader, "__init__", counting)
    families = ", ".join(f"'{family}'" for family in faces.families)
    html = (f"<html lang='ur' dir='rtl'><head><style>{faces.css} body {{ font-family: {families} }}"
            "</style></head><body><p>اگر آپ پریشان ہیں تو بات کریں 0800 1111</p></body></html>")
    pdf = render_pdf(html, Path(config.root), "test document")
    assert pdf.pages == 1 and pdf.data.startswith(b"%PDF")
    assert opened == [], "WeasyPrint decompressed a woff2 font while rendering"
