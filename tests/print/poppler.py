"""poppler-utils and zbar-tools, as the PDF tests use them (real tools, never mocks). A missing
tool fails the test naming the Debian package; it never skips."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGES = {"pdfinfo": "poppler-utils", "pdffonts": "poppler-utils", "pdftotext": "poppler-utils",
            "pdftoppm": "poppler-utils", "pdfimages": "poppler-utils", "zbarimg": "zbar-tools"}


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        package = PACKAGES[name]
        pytest.fail(f"{name} is not installed: these tests need Debian's {package}. Install it with "
                    f"'sudo apt-get install {package}' (make test does this when apt works).",
                    pytrace=False)
    return found


def run(name: str, *args: str) -> str:
    done = subprocess.run([tool(name), *args], capture_output=True, text=True, timeout=120)
    if done.returncode != 0 and name != "zbarimg":
        raise AssertionError(f"{name} {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def info(pdf: Path) -> dict[str, str]:
    out = run("pdfinfo", str(pdf))
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def fonts(pdf: Path) -> list[Font]:
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID: the last five columns are fixed
        emb, sub, uni = parts[-5], parts[-4], parts[-3]
        out.append(Font(name=parts[0], type=" ".join(parts[1:-6]), embedded=emb == "yes",
                        subset=sub == "yes", unicode=uni == "yes"))
    return out


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    return run("pdftotext", *args, str(pdf), "-")


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page_width: float
    page_height: float


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds, with its box on its page (points, origin top left)."""
    out: list[Word] = []
    page, width, height = 0, 0.0, 0.0
    for line in run("pdftotext", "-bbox", str(pdf), "-").splitlines():
        found = _PAGE.search(line)
        if found:
            page += 1
            width, height = float(found.group(1)), float(found.group(2))
            continue
        word = _WORD.search(line)
        if word:
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            out.append(Word(page, word.group(5), x0, y0, x1, y1, width, height))
    return out


def raster(pdf: Path, out_prefix: Path, page: int, dpi: int = 150) -> Path:
    """One page as PNG: ``<out_prefix>.png`` (pdftoppm adds the suffix)."""
    run("pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
        str(pdf), str(out_prefix))
    png = Path(f"{out_prefix}.png")
    assert png.is_file(), f"pdftoppm wrote no {png}"
    return png


def qr_codes(png: Path) -> list[str]:
    out = run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png))
    return [line for line in out.splitlines() if line.strip()]
