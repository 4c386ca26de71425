"""Last touches on every rendered page: language and direction on <html>, the safety controls
first in <body>, and left-to-right isolation of numbers on right-to-left pages."""

from __future__ import annotations

import re

from ..config import Language
from ..i18n.bidi import isolate_numbers_html

_HTML_OPEN = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_ATTR = r'\s{name}="[^"]*"'


def _set_attr(tag: str, name: str, value: str) -> str:
    tag = re.sub(_ATTR.format(name=name), "", tag)
    return tag[:-1].rstrip() + f' {name}="{value}">'


def finish_page(html: str, lang: Language, safety_html: str) -> str:
    """Return the finished page. Output without an <html> tag is not a page and passes through;
    a page without <body> raises ValueError."""
    html_tag = _HTML_OPEN.search(html)
    if not html_tag:
        return html  # not a page (e.g. a sitemap template)
    tag = _set_attr(_set_attr(html_tag.group(0), "lang", lang.code), "dir", lang.dir)
    html = html[:html_tag.start()] + tag + html[html_tag.end():]
    body = _BODY_OPEN.search(html)
    if not body:
        raise ValueError("the page has no <body> tag")
    head, rest = html[:body.end()], html[body.end():]
    if lang.is_rtl:
        rest = isolate_numbers_html(rest)
    return f"{head}\n{safety_html}{rest}"
