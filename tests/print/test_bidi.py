"""Numbers in right-to-left PDFs read "0800 1111", never "1111 0800": proved from the glyph
positions poppler reports on the rendered pages, with a negative control that shows the
measurement catches a reversed number."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.print.pdf import render_pdf
from tests.conftest import ROOT

from . import poppler

RTL = [code for code in ("ur", "ar")]
NUMBERS = (("0800", "1111"), ("0808", "800", "5000"), ("0808", "1000", "900"))


def number_orders(pdf: Path) -> list[tuple[tuple[str, ...], bool]]:
    """Each helpline number found on a line, as (its groups, whether they run left to right)."""
    words = poppler.words(pdf)
    found = []
    for number in NUMBERS:
        for first in (w for w in words if w.text == number[0]):
            line = [w for w in words if w.page == first.page and abs(w.y_min - first.y_min) < 2]
            groups = []
            for group in number:
                near = [w for w in line if w.text == group and abs(w.x_min - first.x_min) < 80]
                if not near:
                    break
                groups.append(min(near, key=lambda w: abs(w.x_min - first.x_min)))
            else:
                xs = [g.x_min for g in groups]
                found.append((number, xs == sorted(xs)))
    return found


@pytest.mark.parametrize("code", RTL)
def test_numbers_read_left_to_right_in_rtl_packs(printed, code):
    checked = 0
    for item in printed.files:
        if item.lang != code:
            continue
        orders = number_orders(printed.path(item))
        reversed_ = [number for number, ok in orders if not ok]
        assert not reversed_, f"{item.file}: {reversed_} drawn right to left"
        checked += len(orders)
    assert checked >= 100, f"only {checked} numbers found in the {code} packs"


def _urdu_sentence_pdf(tmp_path: Path, isolate: bool) -> Path:
    number = '<bdi dir="ltr">0800 1111</bdi>' if isolate else "0800 1111"
    fonts = (ROOT / "assets" / "fonts").resolve()
    html = f"""<!DOCTYPE html><html lang="ur" dir="rtl"><head><meta charset="utf-8"><title>t</title>
    <style>@font-face {{ font-family: U; src: url({(fonts / 'noto-nastaliq-urdu/noto-nastaliq-urdu-arabic-400-normal.woff2').as_uri()}); }}
    @font-face {{ font-family: S; src: url({(fonts / 'noto-sans/noto-sans-latin-400-normal.woff2').as_uri()}); }}
    body {{ font-family: U, S; }}</style></head>
    <body><p>چائلڈ لائن کو {number} پر کال کریں۔</p></body></html>"""
    out = tmp_path / f"sentence-{isolate}.pdf"
    out.write_bytes(render_pdf(html, tmp_path, "test").data)
    return out


def test_the_measurement_catches_a_reversed_number(tmp_path):
    """Negative control: the same Urdu sentence without the isolate is measured as reversed,
    and with it as correct."""
    assert number_orders(_urdu_sentence_pdf(tmp_path, isolate=False)) == [(("0800", "1111"), False)]
    assert number_orders(_urdu_sentence_pdf(tmp_path, isolate=True)) == [(("0800", "1111"), True)]
