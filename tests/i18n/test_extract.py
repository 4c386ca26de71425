"""The Babel extractors: navigation section titles from mkdocs.yml, fields from YAML."""

from __future__ import annotations

import io

from campaign.i18n.extract import extract_nav, extract_yaml
from tests.conftest import ROOT

NAV = b"""site_name: x
nav:
  - index.md
  - Children and young people:
      - children/index.md
      - Nested section:
          - a.md
  - Named page: about.md
theme:
  name: material
"""


def test_nav_sections_are_extracted_with_their_lines_and_pages_are_not():
    found = list(extract_nav(io.BytesIO(NAV), [], [], {}))
    assert [(line, text) for line, _, text, _ in found] == \
        [(4, "Children and young people"), (6, "Nested section")]


def test_the_real_navigation_has_its_sections_in_the_theme_template():
    with open(ROOT / "mkdocs.yml", "rb") as handle:
        sections = [text for _, _, text, _ in extract_nav(handle, [], [], {})]
    assert "Children and young people" in sections
    template = (ROOT / "locales/theme.pot").read_text(encoding="utf-8")
    for title in sections:
        assert f'msgid "{title}"' in template


def test_yaml_fields_include_service_names():
    with open(ROOT / "data/help.yml", "rb") as handle:
        found = {text for _, _, text, comments in extract_yaml(handle, [], [], {"fields": "name who hours"})}
    assert "Emergency services" in found and "Call 999 if a child is in danger right now." in found
