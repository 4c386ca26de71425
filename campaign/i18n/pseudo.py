"""The pseudo-locale en-XA: accented, about 30% longer and bracketed, generated from the source.

Anything on an en-XA page that is not accented escaped translation. Placeholders, link targets,
inline code, HTML tags, entities, URLs and numbers are kept exactly as they are.
"""

from __future__ import annotations

import math
import re

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ")
# Pieces that must pass through untouched.
_PROTECTED = re.compile(
    r"`[^`]*`"                       # inline code
    r"|\]\([^)]*\)"                  # link or image target
    r"|<[^>]+>"                      # HTML tag or autolink
    r"|\{[^{}]*\}"                   # placeholder or attribute list
    r"|&#?\w+;"                      # entity
    r"|(?:https?|mailto|tel|sms):\S+"  # bare URL
    r"|\d[\d\s]*")                   # numbers
PAD = "\u00b7"  # middle dot


def pseudo_text(text: str, expand: float = 0.3) -> str:
    """Accent letters outside protected pieces, pad by ``expand`` and wrap in brackets."""
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENTS))
        out.append(match.group(0))
        last = match.end()
    out.append(text[last:].translate(_ACCENTS))
    padding = PAD * max(1, math.ceil(len(text) * expand))
    return f"\\[{''.join(out)} {padding}\\]"


def pseudo_plain(text: str, expand: float = 0.3) -> str:
    """The same for text that is not Markdown (theme strings, YAML values)."""
    return pseudo_text(text, expand)[2:-2].join("[]")


def is_pseudo(text: str) -> bool:
    """True when ``text`` shows pseudo-localisation (an accented letter or a pad mark)."""
    return any(ch in _ACCENT_SET for ch in text) or PAD in text


_ACCENT_SET = frozenset("áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ")
