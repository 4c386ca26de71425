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
# The first digit comes first in the pattern and the check of the character before it second
# ("not a letter, digit or isolate"), so that the search skips from digit to digit through a
# page instead of testing the look-behind at every character: same matches, a third of the time.
_GROUPED = re.compile(r"[0-9](?<![\w\u2066][0-9])[0-9]*(?:[ \u00a0\-][0-9]+)+(?![\w\u2069])")
# Elements whose text is left alone: code, scripts, styles, the title, and numbers already isolated.
_SKIP = re.compile(r"<(script|style|title|textarea|code|pre|bdi|svg)\b.*?</\1\s*>",
                   re.IGNORECASE | re.DOTALL)
# A grouped number in text: not inside a tag (no '>' ahead before the next '<').
_NUMBER_IN_TEXT = re.compile(_GROUPED.pattern + r"(?![^<>]*>)")


def isolate_numbers_text(text: str) -> str:
    """Plain text: wrap grouped digit runs in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE."""
    return _GROUPED.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def _isolate_chunk(chunk: str) -> str:
    return _NUMBER_IN_TEXT.sub(r'<bdi dir="ltr">\g<0></bdi>', chunk)


def isolate_numbers_html(html: str) -> str:
    """HTML: wrap grouped digit runs in text (not in tags, scripts, code or <bdi>) with <bdi dir=ltr>."""
    out, last = [], 0
    for match in _SKIP.finditer(html):
        out.append(_isolate_chunk(html[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_isolate_chunk(html[last:]))
    return "".join(out)
