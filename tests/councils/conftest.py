"""Fixtures for council packs: council files to change freely, a logo server on 127.0.0.1, and
one real pack (York's example, English and Polish) built once per session."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from campaign.config import CampaignConfig
from tests.conftest import ROOT
from tests.councils.logo_server import LogoServer

EXAMPLES = ROOT / "councils" / "examples"
EPOCH = "1767225600"        # 2026-01-01T00:00:00Z: the packs' SOURCE_DATE_EPOCH in tests


def png_bytes(size: tuple[int, int] = (8, 8), colour: str = "#8b1538") -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def example(slug: str) -> dict[str, Any]:
    """An example council file as data."""
    return yaml.safe_load((EXAMPLES / f"{slug}.yml").read_text(encoding="utf-8"))


WriteCouncil = Callable[..., Path]


@pytest.fixture
def write_council(tmp_path) -> WriteCouncil:
    """write(data=None, text=None, name="council.yml", logo=None) -> the file's path.

    ``data`` (default: York's example) is written as YAML, one setting per line; ``text`` is
    written as it is. York's logo is copied beside it; ``logo`` (bytes) replaces it."""
    folder = tmp_path / "councils"
    (folder / "logos").mkdir(parents=True)
    shutil.copy(EXAMPLES / "logos" / "york.svg", folder / "logos" / "york.svg")

    def write(data: dict | None = None, text: str | None = None, name: str = "council.yml",
              logo: tuple[str, bytes] | None = None) -> Path:
        if logo is not None:
            (folder / logo[0]).write_bytes(logo[1])
        path = folder / name
        path.write_text(text if text is not None else
                        yaml.safe_dump(data if data is not None else example("york"),
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path
    return write


def line_of(path: Path, text: str) -> int:
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.fixture
def logo_server() -> Iterator[LogoServer]:
    server = LogoServer()
    yield server
    server.stop()


@pytest.fixture
def pack_config(config, tmp_path) -> CampaignConfig:
    """The project's config with a cache of this test's own (logos, editions, PDFs)."""
    return config.with_overrides(cache_dir=tmp_path / "cache")


@dataclass
class BuiltPack:
    zip: Path
    files: dict[str, bytes]
    config: CampaignConfig      # the campaign's config it was made with
    out: Path

    def text(self, name: str) -> str:
        return self.files[name].decode("utf-8")


@contextlib.contextmanager
def source_date_epoch(value: str) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set for a block (session fixtures cannot use monkeypatch)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="session")
def york_pack(session_config, tmp_path_factory) -> BuiltPack:
    """York's example pack (English and Polish), made once by the real command's functions."""
    from campaign.commands.pack import pack_file
    out = tmp_path_factory.mktemp("packs")
    with source_date_epoch(EPOCH):
        outcome = pack_file(session_config, EXAMPLES / "york.yml", out)
    assert outcome.state == "packed", outcome
    [path] = sorted(out.glob("york-*.zip"))
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return BuiltPack(zip=path, files=files, config=session_config, out=out)
