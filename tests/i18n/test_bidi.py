from campaign.i18n.bidi import LRI, PDI, isolate_numbers_html, isolate_numbers_text


def test_grouped_numbers_are_isolated_in_text_not_in_markup_or_code():
    html = ('<p title="0800 1111">اتصل <a href="tel:08001111">0800 1111</a> أو 0808 800 5000 '
            'في 2020</p><code>1 2</code><script>var a = "3 4";</script>')
    out = isolate_numbers_html(html)
    assert '<a href="tel:08001111"><bdi dir="ltr">0800 1111</bdi></a>' in out
    assert '<bdi dir="ltr">0808 800 5000</bdi>' in out
    assert 'title="0800 1111"' in out and "في 2020<" in out
    assert "<code>1 2</code>" in out and 'var a = "3 4"' in out


def test_plain_text_uses_isolate_controls():
    assert isolate_numbers_text("اتصل 0800 1111") == f"اتصل {LRI}0800 1111{PDI}"
    assert isolate_numbers_text(isolate_numbers_text("0800 1111")) == f"{LRI}0800 1111{PDI}"


def test_a_number_stands_alone_only_after_a_non_word_character():
    """The first digit of a run must not follow a letter, a digit, an underscore or LRI; at the
    start of the text nothing precedes it."""
    assert isolate_numbers_text("0800 1111.") == f"{LRI}0800 1111{PDI}."
    assert isolate_numbers_text("(0808-800-5000)") == f"({LRI}0808-800-5000{PDI})"
    for glued in ("a0800 1111", "_0800 1111", "é0800 1111", "١0800 1111", "0800 1111x"):
        assert isolate_numbers_text(glued) == glued
