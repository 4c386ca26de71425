"""`make site` produces everything the campaign renders: the site (with its lesson packs,
posters, cards and page previews), then every language's images with its contact sheet for
review (read from the render cache the build filled). Read from `make -n`: nothing is run."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT


def test_make_site_builds_the_site_then_writes_the_images_and_contact_sheets():
    out = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    commands = [line.strip() for line in out.splitlines()]
    assert ".venv/bin/campaign build" in commands and ".venv/bin/campaign images" in commands, commands
    assert commands.index(".venv/bin/campaign build") < commands.index(".venv/bin/campaign images")
