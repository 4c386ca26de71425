"""The translation guard: a translation may not change what a reader dials, clicks or runs.

For each translated message, compared with its English source:
- phone numbers, every other digit sequence, URLs, e-mail addresses, Markdown link and image
  targets, HTML tags and ``{service.field}`` placeholders must be the same (order may change);
- no raw HTML, script or ``javascript:`` link may be added;
- digits must be written 0-9 as in the source. Arabic-Indic, Extended Arabic-Indic (Urdu),
  Bengali, Gurmukhi and other native digits are refused rather than matched by value, so that a
  number always reads exactly as the service publishes it and as its tel: link dials.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import phonenumbers

from ..content.help import PLACEHOLDER
from ..content.markdown import inline_parser
from ..errors import ContentError
from .catalogs import LanguageCatalog

_DIGIT_RUN = re.compile(r"[0-9]+(?:[ \u00a0][0-9]+)*")
_URL = re.compile(r"(?:https?://|www\.|mailto:|tel:|sms:)[^\s<>()\[\]\"'`]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_DANGER = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|form|meta|link)\b|javascript:|"
                     r"\bon[a-z]+\s*=", re.IGNORECASE)


def _phone_digits(text: str) -> set[str]:
    """Digits of every valid UK phone number that phonenumbers finds in ``text``."""
    return {re.sub(r"\D", "", match.raw_string) for match in phonenumbers.PhoneNumberMatcher(
        text, "GB", leniency=phonenumbers.Leniency.VALID)}


def _numbers_problem(source: str, translation: str) -> str | None:
    src_runs, dst_runs = _DIGIT_RUN.findall(source), _DIGIT_RUN.findall(translation)
    if src_runs == dst_runs:     # the same numbers in the same order (most messages: none at all)
        return None
    src, dst = Counter(src_runs), Counter(dst_runs)
    if src == dst:
        return None
    missing = src - dst
    phones = _phone_digits(source) | _phone_digits(translation)
    kind = "number"
    if any(re.sub(r"\D", "", n) in phones for n in list(missing) + list(dst - src)):
        kind = "phone number"
    return _describe(kind, src, dst)


@lru_cache(maxsize=8192)
def _targets(text: str) -> Counter[str]:
    """Link and image targets (cached: each source is compared with every language). The result
    is never modified by callers."""
    found: Counter[str] = Counter()
    if "[" not in text and "<" not in text:
        return found
    stack = list(inline_parser().parseInline(text))
    while stack:
        token = stack.pop()
        stack.extend(token.children or [])
        if token.type == "link_open":
            found[str(token.attrGet("href"))] += 1
        elif token.type == "image":
            found[str(token.attrGet("src"))] += 1
    return found


_NATIVE_DIGIT = re.compile(r"[^\D0-9]")   # any Unicode decimal digit but 0-9


def _native_digits(text: str) -> list[str]:
    return _NATIVE_DIGIT.findall(text)


def _describe(kind: str, source: Counter, translation: Counter) -> str | None:
    if source == translation:
        return None
    missing = source - translation
    added = translation - source
    if not missing and not added:
        return None
    if missing and added:
        was, now = next(iter(missing)), next(iter(added))
        return f"the translation changes the {kind} {was} to {now}"
    if missing:
        return f"the translation drops the {kind} {next(iter(missing))}"
    return f"the translation adds the {kind} {next(iter(added))}"


def _placeholders(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text))


def _urls(text: str) -> Counter[str]:
    return Counter(u.rstrip(".,;:") for u in _URL.findall(text))


def _emails(text: str) -> Counter[str]:
    return Counter(_EMAIL.findall(text))


def _tags(text: str) -> Counter[str]:
    return Counter(_TAG.findall(text))


# What must stay the same: (kind, markers, collect). Each check runs only when one of its markers
# appears in either text (the cheap common case: none).
_CHECKS: tuple[tuple[str, tuple[str, ...], Callable[[str], Counter[str]]], ...] = (
    ("placeholder", ("{",), _placeholders),
    ("link target", ("[", "<"), _targets),
    ("URL", ("http", "www.", "mailto:", "tel:", "sms:"), _urls),
    ("e-mail address", ("@",), _emails),
    ("HTML tag", ("<",), _tags),
)


def guard_message(source: str, translation: str) -> list[str]:
    """Every way ``translation`` changes protected text of ``source``, as sentences."""
    problems = []
    native = _native_digits(translation)
    if native:
        name = unicodedata.name(native[0], "digit").rsplit(" DIGIT", 1)[0].title()
        problems.append(f"the translation writes numbers in {name} digits ({''.join(native)}); "
                        "write them with 0-9 exactly as in the source")
    danger = _DANGER.search(translation)
    if danger and not _DANGER.search(source):
        problems.append(f"the translation adds script or active HTML ({danger.group(0)})")
    both = source + translation
    if not native:  # native digits are refused above, with a clearer reason
        problem = _numbers_problem(source, translation)
        if problem:
            problems.append(problem)
    for kind, markers, collect in _CHECKS:
        if not any(m in both for m in markers):
            continue
        problem = _describe(kind, collect(source), collect(translation))
        if problem:
            problems.append(problem)
    return problems


def guard_catalog(catalog: LanguageCatalog, shown: str,
                  origins: dict[str, str] | None = None) -> list[ContentError]:
    """Check every usable translation in a catalog; one error per message, naming .po and line."""
    errors = []
    for (context, msgid), entry in catalog.entries.items():
        if not entry.state.usable:
            continue
        problems = guard_message(msgid, entry.string)
        if problems:
            origin = (origins or {}).get(msgid)
            note = f" (source: {origin})" if origin else ""
            errors.append(ContentError(
                "; ".join(problems) + note, path=shown, line=entry.lineno,
                fix="copy numbers, links, tags and {placeholders} exactly from the msgid, "
                    "or mark the entry fuzzy until it is fixed"))
    return errors

