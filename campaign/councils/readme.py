"""The texts a council's pack carries for people: its README (English; Welsh too, as a draft,
for a Welsh council) and the alt-text file of every picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from ..config import CampaignConfig
from .model import Council

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "councils"


@dataclass(frozen=True)
class LanguageState:
    """A language of the pack and how far its translation has been checked."""

    code: str
    name: str
    state: str          # in English, for the README and the manifest
    state_cy: str       # in Welsh (draft), for README.cy.md
    review: dict[str, Any]


def language_states(config: CampaignConfig, codes: tuple[str, ...],
                    status: tuple[dict, ...]) -> list[LanguageState]:
    """Each language's review state, from the translation status rows."""
    rows = {row["code"]: row for row in status}
    out = []
    for code in codes:
        lang = config.language(code)
        row = rows.get(code)
        if row is None:
            out.append(LanguageState(code, lang.name, "the source language", "yr iaith wreiddiol",
                                     {"state": "source"}))
            continue
        total, reviewed, draft = row["total"], row["reviewed"], row["draft"]
        state = "reviewed" if total and reviewed == total else "draft"
        review = {"state": state, "publish": lang.publish, "total": total,
                  "translated": row["translated"], "reviewed": reviewed, "draft": draft,
                  "fuzzy": row["fuzzy"], "untranslated": total - row["translated"] - row["fuzzy"]}
        text = (f"{reviewed} of {total} messages reviewed by a native speaker, {draft} drafts, "
                f"{review['untranslated'] + row['fuzzy']} shown in English; the site shows "
                f"{'drafts, marked as such' if lang.publishes_drafts else 'reviewed text only'}")
        text_cy = (f"{reviewed} o {total} neges wedi'u gwirio gan siaradwr brodorol, {draft} drafft")
        out.append(LanguageState(code, lang.name, text, text_cy, review))
    return out


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def built_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d")


def readmes(council: Council, *, version: Any, epoch: int, languages: list[LanguageState],
            services: list[dict], pdf_count: int, downloads: list[dict],
            images: bool) -> dict[str, str]:
    """README.md, and README.cy.md for a Welsh council: file name -> text. ``downloads``: each
    language's downloads folder in the zip, ``{"code", "name", "folder"}``."""
    values = {"council": council, "brand": council.brand, "version": version,
              "built": built_date(epoch), "languages": languages, "services": services,
              "web": list(council.contacts.web) if council.contacts else [],
              "pdf_count": pdf_count, "downloads": downloads, "images": images,
              "site_path": urlsplit(council.site_url).path or "/"}
    env = _environment()
    out = {"README.md": env.get_template("README.en.md").render(values)}
    if council.nation == "wales":
        out["README.cy.md"] = env.get_template("README.cy.md").render(values)
    return out


def alt_text_file(council: Council, pictures: tuple[dict, ...], images: list[dict]) -> str:
    """ALT-TEXT.md: every picture of the pack, with its text alternative in each language."""
    lines = [f"# Text alternatives of the pictures in the pack for {council.name}", "",
             "Give a picture its text whenever you reuse it (a web page's alt attribute, a post's "
             "image description). A picture marked decorative has an empty alt attribute on the "
             "site because the words beside it say the same.", ""]
    if council.brand.logo_alt:
        lines += ["## The logo", "", f"- en: {council.brand.logo_alt}", ""]
    by_src: dict[str, list[dict]] = {}
    for picture in pictures:
        by_src.setdefault(picture["src"], []).append(picture)
    for src in sorted(by_src):
        lines += [f"## site/{src}", ""]
        for picture in by_src[src]:
            alt = picture["alt"] or "(decorative: empty alt)"
            lines.append(f"- {picture['lang']}: {alt} (on {len(picture['pages'])} page"
                         f"{'s' if len(picture['pages']) != 1 else ''})")
        lines.append("")
    for image in images:     # a poster's or card's texts, one a line, in reading order
        lines += [f"## {image['path']}", "", f"Language: {image['lang']}", "",
                  *(f"> {text}  " for text in image["alt"].splitlines()), ""]
    return "\n".join(lines)
