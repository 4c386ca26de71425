"""One council's pack: a reproducible zip of its edition and the texts that go with it.

    <slug>-<version>.zip
      site/...                  the site in the council's languages, brand and contacts; each
                                language's downloads folder (site/downloads/, site/<lang>/downloads/)
                                holds its lesson packs (PDF), posters (A4, A3; PNG and PDF) and
                                social media cards: stored once, where the site links them
      images/<lang>/...         each language's contact sheet of its posters and cards
      README.md                 what is inside, how to host the site, how to print
      README.cy.md              the same in Welsh (a draft), for a Welsh council
      ALT-TEXT.md               the text alternative of every picture
      manifest.json             every file with size and SHA-256, the source commit, the languages
                                and each translation's review state
    <slug>-<version>.zip.inputs the SHA-256 of everything the zip is made from (a batch skips a
                                council whose zip is up to date)

The version is the project's version and the short git commit of the toolkit ("0.1.0-3f2a1b7",
"-dirty" when the checkout has uncommitted changes); outside a git checkout, the project's version
and the day of SOURCE_DATE_EPOCH ("0.1.0-20261204"). The manifest says which.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import asdict, dataclass, field
from functools import cached_property
from importlib.metadata import version as package_version
from pathlib import Path

from ..config import CampaignConfig
from ..content.help import Service, load_help
from ..content.local import with_local_services
from ..errors import CampaignError
from ..output import atomic_write_bytes, remove_stale_temporaries
from .archive import Entry, listing, write_zip
from .contacts import council_config
from .edition import Edition, edition_key, language_prefix
from .model import Council
from .readme import alt_text_file, built_date, language_states, readmes

MANIFEST = "manifest.json"
FORMAT = 1
INPUTS_SUFFIX = ".inputs"


@dataclass(frozen=True)
class Version:
    text: str                   # in the zip's name
    source: str                 # how it was made, in words
    commit: str | None = None   # the toolkit's full commit, when in a git checkout
    dirty: bool = False


def pack_version(config: CampaignConfig, epoch: int) -> Version:
    """The project version and the short commit; or the project version and the build's day."""
    project = package_version("campaign")
    try:
        commit = _git(config.root, "rev-parse", "HEAD")
        dirty = bool(_git(config.root, "status", "--porcelain", "--untracked-files=no"))
    except subprocess.TimeoutExpired as exc:
        # A slow disk must not change the version (and with it the zip's name) from run to run.
        raise CampaignError(f"git took more than {exc.timeout:.0f} s to read the checkout's commit",
                            path=str(config.root), fix="run the command again when the machine is "
                            "less busy") from None
    except (OSError, subprocess.SubprocessError):
        day = built_date(epoch).replace("-", "")
        return Version(f"{project}-{day}", f"project version {project} and the day of "
                       "SOURCE_DATE_EPOCH (not a git checkout)")
    text = f"{project}-{commit[:7]}" + ("-dirty" if dirty else "")
    return Version(text, f"project version {project} and git commit {commit[:7]}"
                   + (" with uncommitted changes" if dirty else ""), commit, dirty)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120,
                          check=True).stdout.strip()


@dataclass(frozen=True)
class PackJob:
    """Everything one council's pack is made from (picklable: batch workers receive it)."""

    config: CampaignConfig              # the campaign's configuration
    council: Council
    out_dir: Path
    version: Version
    epoch: int                          # SOURCE_DATE_EPOCH of the build
    sources: str                        # edition.source_digest of the project
    status: tuple[dict, ...] = field(default=(), compare=False)   # translation status rows

    @cached_property
    def edition_config(self) -> CampaignConfig:
        return council_config(self.config, self.council)

    @cached_property
    def edition_key(self) -> str:
        return edition_key(self.edition_config, self.council.languages, self.sources, str(self.epoch))

    @cached_property
    def inputs_key(self) -> str:
        council = {k: v for k, v in asdict(self.council).items() if k not in ("path", "warnings")}
        data = {"format": FORMAT, "edition": self.edition_key, "council": council,
                "version": asdict(self.version), "epoch": self.epoch, "status": list(self.status)}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def target(self) -> Path:
        return self.out_dir / f"{self.council.slug}-{self.version.text}.zip"

    @property
    def inputs_file(self) -> Path:
        return self.target.with_name(self.target.name + INPUTS_SUFFIX)

    def up_to_date(self) -> bool:
        """Whether the zip is there and was made from exactly these inputs."""
        try:
            return self.target.is_file() and self.inputs_file.read_text().strip() == self.inputs_key
        except OSError:
            return False


@dataclass(frozen=True)
class PackResult:
    slug: str
    path: Path
    size: int
    sha256: str
    files: int


def local_services(job: PackJob) -> list[Service]:
    """The services the council's contacts list, from the help data its build used."""
    config = job.edition_config
    local = config.local_contacts
    if local is None:
        return []
    help_data = with_local_services(load_help(config.root / config.help_data), local)
    return [service for sid in local.shown if (service := help_data.get(sid)) is not None]


def pack_entries(job: PackJob, edition: Edition) -> list[Entry]:
    """Every file of the pack but the manifest."""
    council = job.council
    site = edition.site
    entries = [Entry(f"site/{path.relative_to(site).as_posix()}", source=path)
               for path in sorted(site.rglob("*")) if path.is_file()]
    # Posters and cards are in the site's downloads folders (under site/, added above): stored
    # once; beside the site, the pack adds only the contact sheets.
    entries += [Entry(image["path"], source=edition.folder / image["path"])
                for image in edition.images if not image["path"].startswith("site/")]
    states = language_states(job.config, council.languages, job.status)
    services = [{"name": s.name, "phone": s.phone, "hours": s.hours} for s in local_services(job)]
    per_language = len(edition.pdfs) // max(1, len(council.languages))
    folders = [{"code": state.code, "name": state.name,
                "folder": f"site/{language_prefix(job.edition_config, state.code)}downloads/"}
               for state in states]
    for name, text in readmes(council, version=job.version, epoch=job.epoch, languages=states,
                              services=services, pdf_count=per_language, downloads=folders,
                              images=bool(edition.images)).items():
        entries.append(Entry(name, data=text.encode("utf-8")))
    entries.append(Entry("ALT-TEXT.md", data=alt_text_file(council, edition.pictures,
                                                          list(edition.images)).encode("utf-8")))
    return entries


def manifest(job: PackJob, edition: Edition, entries: list[Entry]) -> bytes:
    council = job.council
    states = language_states(job.config, council.languages, job.status)
    data = {
        "format": FORMAT,
        "pack": job.target.name,
        "council": {"name": council.name, "slug": council.slug, "ons_code": council.ons_code,
                    "nation": council.nation, "example": council.example,
                    "own_file": council.has_file, "site_url": council.site_url},
        "version": job.version.text,
        "version_from": job.version.source,
        "source_commit": job.version.commit,
        "source_dirty": job.version.dirty,
        "source_date_epoch": job.epoch,
        "built": built_date(job.epoch),
        "languages": [{"code": s.code, "name": s.name, "translation": s.review} for s in states],
        "brand_warnings": list(council.warnings),
        "images": ({"included": True} if edition.images else
                   {"included": False, "why": "the campaign has no posters' sources"}),
        "files": [asdict(item) for item in listing(entries)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_pack(job: PackJob, edition: Edition) -> PackResult:
    """Write the council's zip atomically, then the record of its inputs beside it."""
    remove_stale_temporaries(job.target)
    entries = pack_entries(job, edition)
    entries.append(Entry(MANIFEST, data=manifest(job, edition, entries)))
    write_zip(job.target, entries, job.epoch)
    atomic_write_bytes(job.inputs_file, f"{job.inputs_key}\n".encode())
    data = job.target.read_bytes()
    return PackResult(slug=job.council.slug, path=job.target, size=len(data),
                      sha256=hashlib.sha256(data).hexdigest(), files=len(entries))
