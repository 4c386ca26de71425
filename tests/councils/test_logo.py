"""A council's logo: only PNG and a safe subset of SVG are opened; URLs are fetched with limits
(against a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import io
import zlib
import struct

import pytest

from campaign.councils import logo as logo_module
from campaign.councils.logo import LogoError, check_logo, fetch_logo, load_logo
from tests.councils.conftest import png_bytes

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


def refused(data: bytes, kind: str | None = None) -> LogoError:
    with pytest.raises(LogoError) as caught:
        check_logo(data, kind, "councils/x.yml", 7, "logo.x")
    error = caught.value
    assert error.path == "councils/x.yml" and error.line == 7 and error.fix
    return error


def test_pillow_is_the_release_with_the_decompression_bomb_fixes():
    import PIL
    assert PIL.__version__ == "13.0.0"


def test_a_good_png_and_a_good_svg_pass_and_are_stored_by_their_hash(tmp_path):
    (tmp_path / "logo.png").write_bytes(png_bytes())
    (tmp_path / "logo.svg").write_text(SVG.format('<defs><circle id="c" r="2"/></defs>'
                                                  '<use href="#c"/><use xlink:href="#c" x="3"/>'
                                                  '<rect width="5" height="5" fill="url(#c)"/>'))
    for name in ("logo.png", "logo.svg"):
        stored = load_logo(name, tmp_path, tmp_path / "store", "councils/x.yml", 3)
        assert stored.path.parent == tmp_path / "store"
        assert stored.path.read_bytes() == (tmp_path / name).read_bytes()
        assert stored.path.name == f"{stored.sha256}.{name[-3:]}"


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge picture, with one tiny compressed row of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    error = refused(_png_header_claiming(100_000, 100_000))
    assert "decompression bomb" in error.detail and "4096 x 4096" in error.fix


def test_a_real_compressed_bomb_is_refused():
    from PIL import Image
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")      # 144 million pixels, ~20 KB
    assert len(out.getvalue()) < 100_000
    assert "decompression bomb" in refused(out.getvalue()).detail


def test_a_png_wider_than_the_limit_is_refused():
    error = refused(png_bytes((5000, 10)))
    assert "5000 x 10 pixels, more than 4096 a side" in error.detail


@pytest.mark.parametrize("damage", ["truncated", "bad crc", "garbage"])
def test_a_corrupt_png_is_refused(damage):
    good = png_bytes((32, 32))
    data = {"truncated": good[: len(good) // 2],
            "bad crc": good[:40] + bytes([good[40] ^ 0xFF]) + good[41:],
            "garbage": b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20}[damage]
    error = refused(data)
    assert "is not a readable PNG" in error.detail and "export the logo again as PNG" in error.fix


def test_other_formats_are_refused_even_with_a_png_name():
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    error = refused(out.getvalue(), "png")
    assert "neither a PNG nor an SVG" in error.detail


HOSTILE_SVG = {
    "doctype": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("<text>&a;</text>"),
                "DOCTYPE"),
    "entity": (SVG.format('<!ENTITY a "x">'), "ENTITY"),
    "billion laughs": ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                       + SVG.format("<text>&lol2;</text>"), "DOCTYPE"),
    "external href": (SVG.format('<image href="https://tracker.example/pixel.png" width="1" height="1"/>'),
                      "outside the file"),
    "external xlink": (SVG.format('<use xlink:href="other.svg#logo"/>'), "outside the file"),
    "file url": (SVG.format('<image xlink:href="file:///etc/passwd"/>'), "outside the file"),
    "nested svg data": (SVG.format('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>'), "outside the file"),
    "script": (SVG.format("<script>alert(1)</script>"), "<script>"),
    "prefixed script": (SVG.format('<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>'), "<script>"),
    "foreignObject": (SVG.format("<foreignObject><p>hi</p></foreignObject>"), "foreignObject"),
    "event handler": (SVG.format('<rect width="1" height="1" onload="alert(1)"/>'), "event handler"),
    "css import": (SVG.format("<style>@import url(https://x.example/a.css);</style>"), "@import"),
    "css url": (SVG.format('<rect width="1" height="1" style="fill:url(https://x.example/a.png)"/>'),
                "only url(#id)"),
    "animation": (SVG.format('<a href="#x"><set attributeName="href" to="https://x.example/"/></a>'),
                  "which a logo may not use"),
    "stylesheet pi": ('<?xml-stylesheet href="https://x.example/a.css"?>' + SVG.format(""), "style sheet"),
    "use loop": (SVG.format('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'), "loop"),
    "use to itself": (SVG.format('<g id="a"><use href="#a"/></g>'), "loop"),
    "use bomb": (SVG.format('<defs><path id="p0" d="M0 0"/>'
                            + "".join(f'<g id="p{i}">' + f'<use href="#p{i - 1}"/>' * 10 + "</g>"
                                      for i in range(1, 6)) + '</defs><use href="#p5"/>'),
                 "nested <use> references draw more than"),
    "use to nothing": (SVG.format('<use href="#missing"/>'), "which the file does not have"),
    "not svg": ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "neither a PNG nor an SVG"),
    "not xml": ("<svg><g></svg>", "not well-formed XML"),
}


@pytest.mark.parametrize("name", HOSTILE_SVG)
def test_a_hostile_svg_is_refused_naming_the_file_and_the_fix(name):
    text, why = HOSTILE_SVG[name]
    error = refused(text.encode(), "svg")
    assert why in error.detail, error.detail
    assert "logo.x" in error.detail
    if "neither" not in why:
        assert "Plain SVG" in error.fix


def test_inkscape_metadata_is_allowed():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
           'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
           'inkscape:version="1.3"><sodipodi:namedview id="n"/><metadata><x/></metadata>'
           '<rect width="4" height="4" inkscape:label="box"/></svg>')
    assert check_logo(svg.encode(), "svg", "x.yml", 1, "logo.svg") == "svg"


# --- fetched from an address -------------------------------------------------------------------

def fetch_refused(url: str, **limits) -> LogoError:
    with pytest.raises(LogoError) as caught:
        fetch_logo(url, "councils/x.yml", 9, **limits)
    error = caught.value
    assert (error.path, error.line) == ("councils/x.yml", 9) and error.fix
    return error


def test_a_logo_url_is_fetched_and_checked(logo_server, tmp_path):
    url = logo_server.add("/logo.png", "image/png", png_bytes())
    stored = load_logo(url, tmp_path, tmp_path / "store", "councils/x.yml", 9)
    assert stored.kind == "png" and stored.path.read_bytes() == png_bytes()


def test_a_logo_url_answering_404_is_refused(logo_server):
    error = fetch_refused(logo_server.url("/nothing.png"))
    assert "answered 404" in error.detail


def test_a_logo_url_answering_a_web_page_is_refused(logo_server):
    error = fetch_refused(logo_server.url("/page.png"))
    assert "is text/html, not a PNG or SVG image" in error.detail and "not of a web page" in error.fix


def test_a_declared_oversized_body_is_refused_before_reading(logo_server):
    assert "larger than 1024 KiB" in fetch_refused(logo_server.url("/declared-huge.png")).detail


def test_an_undeclared_oversized_body_is_counted_while_streaming(logo_server):
    assert "larger than 1024 KiB" in fetch_refused(logo_server.url("/undeclared-huge.png")).detail


def test_an_endless_body_is_stopped_at_the_limit(logo_server):
    assert "larger than 64 KiB" in fetch_refused(logo_server.url("/endless.png"),
                                                 max_bytes=64 * 1024).detail


def test_a_server_that_never_answers_times_out(logo_server):
    error = fetch_refused(logo_server.url("/silent.png"), timeout=0.5)
    assert "did not answer within 0.5 s" in error.detail


def test_a_server_dripping_bytes_is_stopped_at_the_deadline(logo_server):
    error = fetch_refused(logo_server.url("/drip.png"), timeout=2, deadline=1)
    assert "took more than 1 s to send" in error.detail


def test_a_redirect_away_from_https_is_refused(logo_server):
    error = fetch_refused(logo_server.url("/moved.png"))
    assert "cannot be fetched" in error.detail or "not https" in error.detail


def test_only_https_addresses_are_fetched_except_on_this_machine():
    assert "is not an https address" in fetch_refused("http://logo.example/logo.png").detail
    assert logo_module.url_allowed("https://logo.example/a.png")
    assert logo_module.url_allowed("http://127.0.0.1:8000/a.png")
    assert not logo_module.url_allowed("http://10.0.0.1/a.png")
