"""The translation guard: numbers, links, tags and placeholders cannot change."""

from __future__ import annotations

import pytest

from campaign.i18n.guard import guard_message

SOURCE = "Call [0800 1111](tel:08001111) or email help@nspcc.org.uk. See [help](get-help.md)."


def test_faithful_translation_passes():
    assert guard_message(SOURCE, "Ffoniwch [0800 1111](tel:08001111) neu e-bostiwch "
                                 "help@nspcc.org.uk. Gweler [help](get-help.md).") == []


def test_one_digit_of_a_phone_number_changed_fails():
    problems = guard_message("Call 0800 1111 now.", "Ffoniwch 0800 1112 nawr.")
    assert problems == ["the translation changes the phone number 0800 1111 to 0800 1112"]


def test_changed_tel_link_fails():
    problems = guard_message(SOURCE, SOURCE.replace("tel:08001111", "tel:08001112"))
    assert any("link target tel:08001111 to tel:08001112" in p for p in problems)


def test_changed_link_target_fails():
    problems = guard_message(SOURCE, SOURCE.replace("get-help.md", "https://evil.example/"))
    assert any("link target get-help.md" in p for p in problems)


@pytest.mark.parametrize("added", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
                                   "[click](javascript:alert(1))", "<b>bold</b>"])
def test_added_script_or_raw_html_fails(added):
    problems = guard_message("Hello.", f"Helo. {added}")
    assert problems, added


def test_dropped_and_added_numbers_and_emails_fail():
    assert guard_message("Call 999.", "Ffoniwch.") == ["the translation drops the number 999"]
    assert guard_message("Hello.", "Helo 101.") == ["the translation adds the number 101"]
    assert "drops the e-mail address help@nspcc.org.uk" in guard_message(SOURCE, SOURCE.replace(
        "help@nspcc.org.uk", "us"))[0] or any("e-mail" in p for p in guard_message(
        SOURCE, SOURCE.replace("help@nspcc.org.uk", "us")))


def test_placeholders_must_survive():
    assert guard_message("Call {childline.phone}.", "Ffoniwch {childline.phone}.") == []
    assert guard_message("Call {childline.phone}.", "Ffoniwch.") == [
        "the translation drops the placeholder {childline.phone}"]
    assert guard_message("Call {childline.phone}.", "Ffoniwch {nspcc.phone}.") == [
        "the translation changes the placeholder {childline.phone} to {nspcc.phone}"]


@pytest.mark.parametrize("digits, script", [("٢٠٢٠", "Arabic-Indic"), ("۲۰۲۰", "Extended Arabic-Indic"),
                                            ("২০২০", "Bengali"), ("੨੦੨੦", "Gurmukhi")])
def test_native_digits_are_refused_even_when_the_value_matches(digits, script):
    problems = guard_message("In 2020.", f"x {digits}.")
    assert len(problems) == 1 and f"{script} digits" in problems[0]


def test_reordering_is_allowed():
    assert guard_message("Call 999 or 101.", "101 neu 999.") == []
