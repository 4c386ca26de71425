"""Reading gettext catalogs, and the review state of each translation.

Review state lives in translator comments, which Poedit and Weblate keep and show:

    # reviewed-by: Name, 2026-11-20      <- checked by a native speaker: reviewed
    # draft: not yet reviewed by a native speaker   <- written without review: draft

A translated, non-fuzzy message is *reviewed* only when it has a ``reviewed-by:`` comment and no
``draft`` comment; otherwise it is a *draft*. Untranslated and fuzzy messages fall back to English.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, unescape
from babel.support import Translations

from ..config import CampaignConfig
from ..errors import ContentError
from ..output import atomic_write_bytes

CONTENT_DOMAIN = "content"
THEME_DOMAIN = "theme"
REVIEWED_MARK = "reviewed-by:"
DRAFT_MARK = "draft"
DRAFT_COMMENT = "draft: not yet reviewed by a native speaker"
QUERY_MARK = "query:"          # a question left for the reviewer, one comment per question


class State(enum.Enum):
    REVIEWED = "reviewed"
    DRAFT = "draft"
    FUZZY = "fuzzy"
    MISSING = "untranslated"

    @property
    def usable(self) -> bool:
        return self in (State.REVIEWED, State.DRAFT)


def message_state(message: Message) -> State:
    """The review state of one catalog message."""
    if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
        return State.MISSING
    if message.fuzzy:
        return State.FUZZY
    comments = [c.strip().lower() for c in message.user_comments]
    reviewed = any(c.startswith(REVIEWED_MARK) for c in comments)
    draft = any(c.startswith(DRAFT_MARK) for c in comments)
    return State.REVIEWED if reviewed and not draft else State.DRAFT


def message_queries(message: Message) -> list[str]:
    """The questions left on a message for its reviewer (``# query: ...`` comments)."""
    return [c.strip()[len(QUERY_MARK):].strip() for c in message.user_comments
            if c.strip().lower().startswith(QUERY_MARK)]


def previous_msgid(message: Message) -> str:
    r"""The English a fuzzy message was translated from: Babel's reader keeps the ``#| msgid``
    lines as translator comments starting with "|", however gettext wrapped them.

    >>> previous_msgid(Message("new", "x", user_comments=['| msgid ""', '| "old "', '| "text"']))
    'old text'
    """
    parts = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            continue
        body = comment[1:].strip()
        if body.startswith("msgid_plural"):
            break
        if body.startswith("msgid "):
            body = body[len("msgid "):].strip()
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            parts.append(unescape(body))
    return "".join(parts)


@dataclass(frozen=True)
class Entry:
    string: str
    state: State
    lineno: int


@dataclass
class LanguageCatalog:
    """The translations of one domain for one language, keyed by (context, msgid)."""

    code: str
    path: Path | None
    entries: dict[tuple[str | None, str], Entry] = field(default_factory=dict)
    catalog: Catalog | None = None   # the parsed file (the checks read comments and locations)
    digest: str = ""          # sha256 of the file it was read from
    domain: str = CONTENT_DOMAIN
    shown: str = ""           # the path as messages name it
    lines: tuple[str, ...] = ()   # the file's lines, for the msgstr line of a message

    def lookups_only(self) -> LanguageCatalog:
        """The lookup table alone (no parsed file, no lines): what a build worker needs."""
        return dataclasses.replace(self, catalog=None, lines=())

    def msgstr_line(self, msgid_line: int) -> int:
        """The 1-based line of the msgstr of the entry whose msgid is on ``msgid_line``."""
        return msgstr_line(self.lines, msgid_line)

    def lookup(self, msgid: str, context: str | None = None) -> Entry | None:
        return self.entries.get((context, msgid))

    def gettext_translations(self) -> Translations:
        """A gettext object for templates (usable translations only)."""
        usable = Catalog(locale=None, domain=THEME_DOMAIN)
        for (context, msgid), entry in self.entries.items():
            if entry.state.usable:
                usable.add(msgid, entry.string, context=context)
        buffer = io.BytesIO()
        write_mo(buffer, usable)
        buffer.seek(0)
        return Translations(fp=buffer, domain=THEME_DOMAIN)


def singular(value: str | tuple[str, ...] | list[str] | None) -> str:
    """A message's msgid or msgstr as one string: the first form of a plural one, '' for none.

    >>> singular("a"), singular(("one", "many")), singular(None)
    ('a', 'one', '')
    """
    if isinstance(value, str):
        return value
    return value[0] if value else ""


def catalog_path(locales_dir: Path, gettext_code: str, domain: str) -> Path:
    return Path(locales_dir) / gettext_code / "LC_MESSAGES" / f"{domain}.po"


_BROKEN_FIX = ("repair the entry (or restore the file from version control), "
               "then run 'campaign i18n update'")
# A keyword line or a continuation line: the quoted string must be closed on the same line.
_STRING_LINE = re.compile(r'^\s*(?:#~\s*)?(?:(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?(")')
_CLOSED_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
# The same two faults sought in the whole text at once, each line after a "\n" (a literal
# first character lets the regex engine skip from line to line; [^\S\n] is \s within a line):
# a string line whose quoted string is not closed on it, and a keyword line followed, before the
# next blank line, by a line with the same keyword (msgstr[n] may repeat). Together they find
# every fault the line-by-line check reports, in less than half its time.
_UNCLOSED_SOMEWHERE = re.compile(
    r'\n[^\S\n]*(?:#~[^\S\n]*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[^\S\n]+)?'
    r'"(?![^"\\\n]*(?:\\.[^"\\\n]*)*"[^\S\n]*(?:\n|\Z))')
_REPEATED_SOMEWHERE = re.compile(
    r'\n[^\S\n]*(?:#~[^\S\n]*)?(msgctxt|msgid_plural|msgid|msgstr)[^\S\n]+".*\n'
    r'(?:[^\S\n]*\S.*\n)*?[^\S\n]*(?:#~[^\S\n]*)?\1[^\S\n]+"')


def _check_strings(data: bytes, shown: str) -> None:
    """Refuse what Babel's reader silently repairs: a quoted string left open (Babel drops its
    last character and publishes the rest; msgfmt rejects it), and a keyword given twice in one
    entry (Babel keeps one and loses the other). The whole text is searched for either first;
    only a catalog where one may be is checked line by line, for the first fault."""
    lines = data.decode("utf-8").splitlines()
    text = "\n" + "\n".join(lines)
    if _UNCLOSED_SOMEWHERE.search(text) or _REPEATED_SOMEWHERE.search(text):
        _check_string_lines(lines, shown)


def _check_string_lines(lines: list[str], shown: str) -> None:
    """The first open string or repeated keyword, line by line: raise it."""
    seen: set[str] = set()
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#~")):
            if not line:
                seen.clear()
            continue
        match = _STRING_LINE.match(raw)
        if not match:
            continue
        keyword = match.group(1)
        if keyword:
            if keyword in seen and not keyword.startswith("msgstr["):
                raise ContentError(f"broken catalog: '{keyword}' appears twice in one entry", path=shown,
                                   line=number, fix=_BROKEN_FIX)
            seen.add(keyword)
        if not _CLOSED_STRING.match(raw[match.start(2):]):
            raise ContentError("broken catalog: a quoted string is not closed on its line", path=shown,
                               line=number, fix=_BROKEN_FIX)


def read_catalog(path: Path, shown: str | None = None, data: bytes | None = None) -> Catalog:
    """Parse a .po file (or its ``data``, already read), turning syntax errors into a message
    with file and line."""
    shown = shown or str(path)
    try:
        data = Path(path).read_bytes() if data is None else data
        _check_strings(data, shown)
        return read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)
        # Babel counts lines from 0 in PoFileError; people count from 1.
        raise ContentError(f"broken catalog: {exc}", path=shown,
                           line=line + 1 if line is not None else None, fix=_BROKEN_FIX) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ContentError(f"broken catalog: {exc}", path=shown,
                           fix="save the file as UTF-8 gettext PO") from exc


# Babel marks any message that merely looks like a format string python-format ("3.6% of" reads as
# "% o") or python-brace-format ("{childline.phone}"), and GNU msgfmt -c (run by Poedit on save,
# flagged by Weblate) then checks or rejects its translations. Our messages are Markdown, never
# format strings (the guard checks placeholders): these flags are guesses, always removed.
GUESSED_FLAGS = frozenset({"python-format", "python-brace-format"})
_PREVIOUS = "#|"
_MANGLED_PREVIOUS = "# |"   # a previous msgid Babel read back as a translator comment


def tidy_catalog_text(text: str) -> str:
    r"""Catalog text as gettext tools expect it after a Babel merge.

    Removes guessed format flags, and repairs previous msgids: Babel reads a ``#| msgid`` line
    back as a translator comment and writes it out as ``# | msgid``, where Poedit no longer sees
    it and the review sheet would show it as a note. In a fuzzy entry that has no fresh
    ``#|`` line it becomes ``#|`` again (placed before the msgid); anywhere else it goes.

    >>> tidy_catalog_text('#, fuzzy, python-format\nmsgid "3.6% of"\nmsgstr "x"\n')
    '#, fuzzy\nmsgid "3.6% of"\nmsgstr "x"\n'
    >>> tidy_catalog_text('# | msgid "old"\n# draft: d\n#, fuzzy\nmsgid "new"\nmsgstr "x"\n')
    '# draft: d\n#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "x"\n'
    >>> tidy_catalog_text('# | msgid "old"\n# draft: d\nmsgid "new"\nmsgstr "x"\n')
    '# draft: d\nmsgid "new"\nmsgstr "x"\n'
    """
    entries = text.split("\n\n")
    return "\n\n".join(_tidy_entry(entry) for entry in entries)


def _tidy_entry(entry: str) -> str:
    lines = entry.split("\n")
    flags: list[str] = []
    kept: list[str] = []
    mangled: list[str] = []
    for line in lines:
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip()]
            kept_flags = [f for f in flags if f not in GUESSED_FLAGS]
            if kept_flags:
                kept.append("#, " + ", ".join(kept_flags))
            flags = kept_flags
        elif line.startswith(_MANGLED_PREVIOUS):
            mangled.append(_PREVIOUS + line[len(_MANGLED_PREVIOUS):])
        else:
            kept.append(line)
    if mangled and "fuzzy" in flags and not any(l.startswith(_PREVIOUS) for l in kept):
        at = next(i for i, l in enumerate(kept) if l.startswith(("msgctxt", "msgid")))
        kept[at:at] = mangled
    return "\n".join(kept)


def tidy_catalog(path: Path) -> None:
    """Rewrite a catalog or template with :func:`tidy_catalog_text` (atomically; only if needed)."""
    text = Path(path).read_text(encoding="utf-8")
    cleaned = tidy_catalog_text(text)
    if cleaned != text:
        atomic_write_bytes(Path(path), cleaned.encode("utf-8"))


def catalog_files(locales_dir: Path) -> list[Path]:
    """Every catalog of every language folder: locales/<lang>/LC_MESSAGES/<domain>.po."""
    return sorted(Path(locales_dir).glob("*/LC_MESSAGES/*.po"))


def msgstr_line(file_lines: Sequence[str], msgid_line: int) -> int:
    """The 1-based line of the msgstr of the entry whose msgid is on ``msgid_line`` (Babel
    reports an entry at its msgid line)."""
    for index in range(max(msgid_line - 1, 0), len(file_lines)):
        if file_lines[index].lstrip().startswith("msgstr"):
            return index + 1
    return msgid_line


def load_language_catalog(path: Path, code: str, shown: str | None = None,
                          domain: str = CONTENT_DOMAIN) -> LanguageCatalog:
    """Load a catalog into a lookup table; a missing file means nothing is translated yet.
    The file is read once: its bytes are parsed, hashed and kept as lines (for messages)."""
    shown = shown or str(path)
    if not Path(path).is_file():
        return LanguageCatalog(code=code, path=None, domain=domain, shown=shown)
    data = Path(path).read_bytes()
    catalog = read_catalog(path, shown, data)
    entries: dict[tuple[str | None, str], Entry] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):   # plural entries are not used
            continue
        entries[(message.context, message.id)] = Entry(
            string=singular(message.string), state=message_state(message), lineno=message.lineno or 0)
    return LanguageCatalog(code=code, path=Path(path), entries=entries, catalog=catalog,
                           digest=hashlib.sha256(data).hexdigest(), domain=domain, shown=shown,
                           lines=tuple(data.decode("utf-8").splitlines()))


def read_every_catalog(config: CampaignConfig) -> tuple[list[LanguageCatalog], list[ContentError]]:
    """Every catalog file under locales_dir, each read once, with the language its folder belongs
    to; a problem for each that cannot be read (for a check run without the pipeline's inputs)."""
    by_folder = {lang.gettext_code: lang.code for lang in config.languages}
    catalogs: list[LanguageCatalog] = []
    problems: list[ContentError] = []
    for path in catalog_files(config.root / config.locales_dir):
        code = by_folder.get(path.parent.parent.name, path.parent.parent.name)
        try:
            catalogs.append(load_language_catalog(path, code, config.shown(path), path.stem))
        except ContentError as exc:
            problems.append(exc)
    return catalogs, problems
