"""Councils' phone numbers, read with ``phonenumbers`` (region GB).

A number is shown in the national format ("0113 496 0123") and dialled in E.164
("tel:+441134960123"). Example files may use only the ranges Ofcom keeps for drama (the domain
reference, section 2), so that no sample pack shows a number someone could ring; a real council's
file may not use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import phonenumbers

# Ofcom's numbers for drama, as national significant numbers (no leading 0): (first, last).
DRAMA_RANGES = (("2079460000", "2079460999"),     # 020 7946 0000 to 0999
                ("1134960000", "1134960999"),     # 0113 496 0000 to 0999
                ("1174960000", "1174960999"))     # 0117 496 0000 to 0999
DRAMA_TEXT = "020 7946 0000-0999, 0113 496 0000-0999 or 0117 496 0000-0999"


@dataclass(frozen=True)
class Phone:
    shown: str          # national format, e.g. "0113 496 0123"
    dial: str           # E.164, e.g. "+441134960123"

    @property
    def tel(self) -> str:
        return f"tel:{self.dial}"


def is_drama(number: phonenumbers.PhoneNumber) -> bool:
    """Whether a number is in Ofcom's ranges for drama.

    >>> is_drama(phonenumbers.parse("0113 496 0123", "GB")), is_drama(phonenumbers.parse("0113 496 1000", "GB"))
    (True, False)
    """
    national = phonenumbers.national_significant_number(number)
    return number.country_code == 44 and any(low <= national <= high and len(national) == len(low)
                                             for low, high in DRAMA_RANGES)


def parse_phone(raw: Any, example: bool) -> tuple[Phone | None, tuple[str, str] | None]:
    """(the number, None) or (None, (problem, fix)).

    >>> parse_phone("0113 496 0123", True)[0]
    Phone(shown='0113 496 0123', dial='+441134960123')
    >>> parse_phone("0113 496", True)[1][0]
    'not a valid UK phone number'
    """
    text = str(raw).strip()
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return None, ("not a valid UK phone number",
                      'write the whole number with its area code, e.g. "020 7946 0123"')
    drama = is_drama(number)
    if example and not drama:
        return None, ("an example may use only Ofcom's numbers for drama",
                      f"use a number in {DRAMA_TEXT}")
    if drama and not example:
        return None, ("this is one of Ofcom's numbers for drama, which nobody answers",
                      "give the council's real number, or set example: true")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(shown=national, dial=e164), None
