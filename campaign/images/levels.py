"""Bidi embedding levels (Unicode's bidi algorithm, UAX #9) from GNU FriBidi, and the visual
order of a line.

Pillow's raqm layout shapes one run of text in one font. An image line may need several fonts
(the Urdu typeface has no digits), so the line is cut into runs, and the runs are put in visual
order here: FriBidi (the library raqm itself loads) resolves each character's level in its
paragraph, isolates (U+2066 ... U+2069) included, and ``visual_order`` applies the reordering
rules L1 and L2 to one line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import unicodedata
from functools import lru_cache

from ..errors import CampaignError

# fribidi-bidi-types.h: FRIBIDI_PAR_LTR = FRIBIDI_TYPE_LTR, FRIBIDI_PAR_RTL = FRIBIDI_TYPE_RTL.
PAR_LTR = 0x00000110
PAR_RTL = 0x00000111
_LIBRARY_NAMES = ("libfribidi.so.0", "libfribidi.0.dylib", "fribidi-0.dll")


@lru_cache(maxsize=1)
def _fribidi() -> ctypes.CDLL:
    """The FriBidi library (loaded once per process; it holds no state between calls)."""
    names = [ctypes.util.find_library("fribidi"), *_LIBRARY_NAMES]
    for name in names:
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.fribidi_get_bidi_types.restype = None
        lib.fribidi_get_bidi_types.argtypes = [ctypes.POINTER(ctypes.c_uint32), ctypes.c_int,
                                               ctypes.POINTER(ctypes.c_uint32)]
        lib.fribidi_get_bracket_types.restype = None
        lib.fribidi_get_bracket_types.argtypes = [ctypes.POINTER(ctypes.c_uint32), ctypes.c_int,
                                                  ctypes.POINTER(ctypes.c_uint32),
                                                  ctypes.POINTER(ctypes.c_uint32)]
        lib.fribidi_get_par_embedding_levels_ex.restype = ctypes.c_int8
        lib.fribidi_get_par_embedding_levels_ex.argtypes = [
            ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(ctypes.c_uint32), ctypes.c_int,
            ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(ctypes.c_int8)]
        return lib
    raise CampaignError("GNU FriBidi (libfribidi.so.0) is not installed: the images need it for "
                        "right-to-left text", path="(system libraries)",
                        fix="install it: apt-get install libfribidi0 (make site does this when apt works)")


def paragraph_levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of a paragraph whose base direction is right to
    left (``rtl``) or left to right.

    >>> paragraph_levels("abc", rtl=False)
    [0, 0, 0]
    >>> paragraph_levels("\\u0627\\u0628 12", rtl=True)
    [1, 1, 1, 2, 2]
    """
    if not text:
        return []
    lib = _fribidi()
    size = len(text)
    chars = (ctypes.c_uint32 * size)(*(ord(c) for c in text))
    types = (ctypes.c_uint32 * size)()
    brackets = (ctypes.c_uint32 * size)()
    levels = (ctypes.c_int8 * size)()
    base = ctypes.c_uint32(PAR_RTL if rtl else PAR_LTR)
    lib.fribidi_get_bidi_types(chars, size, types)
    lib.fribidi_get_bracket_types(chars, size, types, brackets)
    if lib.fribidi_get_par_embedding_levels_ex(types, brackets, size, ctypes.byref(base), levels) <= 0:
        raise CampaignError("FriBidi could not resolve the text's direction", path="(system libraries)",
                            fix="reinstall libfribidi0")
    return list(levels)


def _resets_to_base(char: str) -> bool:
    """Whitespace and isolate controls at the end of a line go back to the paragraph's level (L1)."""
    return char.isspace() or char in "\u2066\u2067\u2068\u2069" or unicodedata.bidirectional(char) in ("WS", "S", "B")


def visual_order(text: str, levels: list[int], base: int) -> tuple[list[int], list[int]]:
    """For one line (``text`` with its paragraph ``levels``): the logical indices in visual order
    (left to right) and each character's level after rule L1.

    >>> visual_order("ab", [1, 1], 1)[0]
    [1, 0]
    >>> visual_order("a 12 b", [1, 1, 2, 2, 1, 1], 1)[0]
    [5, 4, 2, 3, 1, 0]
    """
    line = list(levels)
    end = len(text)
    while end > 0 and _resets_to_base(text[end - 1]):     # L1: trailing whitespace
        end -= 1
        line[end] = base
    order = list(range(len(text)))
    if not order:
        return order, line
    highest = max(line)
    lowest_odd = min((lvl for lvl in line if lvl % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):      # L2: reverse runs at each level
        index = 0
        while index < len(order):
            if line[order[index]] >= level:
                start = index
                while index < len(order) and line[order[index]] >= level:
                    index += 1
                order[start:index] = reversed(order[start:index])
            else:
                index += 1
    return order, line
