"""Keep numbers readable in right-to-left text.

The Unicode bidi algorithm lays out "0800 1111" inside an Urdu or Arabic sentence as "1111 0800",
so a reader would dial a wrong number. Every digit run with internal spaces (phone numbers
included) is isolated as left-to-right: ``<bdi dir="ltr">`` in HTML (Chromium and WeasyPrint),
U+2066 ... U+2069 in plain text (Pillow). The build does this, never the translators.
"""

from __future__ import annotations

import re

LRI, PDI = "\u2066", "\u2069"
# A digit run that the bidi algorithm could reorder: groups joined by spaces or hyphens,
# and any phone-like run starting with 0 or 1 (999, 101, 18000 stay as they are anyway).
_GROUPED = re.compile(r"(?<![\w\u2066])[0-9]+(?:[ \u00a0\-][0-9]+)+(?![\w\u2069])")
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = ("script", "style", "title", "textarea", "code", "pre", "bdi", "svg")


def isolate_numbers_text(text: str) -> str:
    """Plain text: wrap grouped digit runs in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE."""
    return _GROUPED.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate_numbers_html(html: str) -> str:
    """HTML: wrap grouped digit runs in text (not in tags, scripts, code or <bdi>) with <bdi dir=ltr>."""
    parts = _TAG.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
        elif part and not skipping and any(c.isdigit() for c in part):
            parts[index] = _GROUPED.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', part)
    return "".join(parts)
