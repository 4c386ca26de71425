"""Corrections from a review of the site against the domain reference (safety-critical content).

Each test reads the real English sources (pages and help data), cut into the messages translators
see, so that a correction cannot quietly come back in another paragraph.
"""

from __future__ import annotations

import re

import pytest

from campaign.content.help import load_help
from campaign.i18n.catalogs import message_queries, read_catalog
from campaign.i18n.markdown import segment_markdown
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def messages(rel: str) -> list[str]:
    text = (DOCS / rel).read_text(encoding="utf-8")
    return [s.text for s in segment_markdown(text, rel) if s.translatable]


def every_page() -> dict[str, list[str]]:
    return {str(p.relative_to(DOCS)): messages(str(p.relative_to(DOCS)))
            for p in sorted(DOCS.rglob("*.md"))}


def help_data():
    return load_help(ROOT / "data" / "help.yml", "data/help.yml")


def test_no_page_asks_a_young_person_to_keep_messages_or_images():
    """Keeping material (possibly images of themselves) on a phone a family member may check is
    not advice the reference gives; telling someone safe is."""
    keep = re.compile(r"\b(do not|don't|never) delete\b|\bkeep (the |any |all )?(messages|photos|"
                      r"images|videos|screenshots|evidence)\b|\btake screenshots?\b", re.I)
    found = [(page, m) for page, texts in every_page().items() for m in texts if keep.search(m)]
    assert found == []
    online = " ".join(messages("young-people/index.md"))
    assert "tell someone safe" in online and "{childline.name}" in online


def test_the_boys_page_keeps_the_own_behaviour_route_off_and_names_stop_it_now_for_survivors():
    boys = messages("boys/index.md")
    assert not [m for m in boys if re.search(r"your own sexual|own (thoughts|behaviour)", m, re.I)]
    survivors = [m for m in boys if "{stop_it_now." in m]
    assert survivors and all(m.startswith("Adult survivors") for m in survivors), survivors
    # the paragraph on adults abused as children does not run into a route about behaviour
    index = next(i for i, m in enumerate(boys) if "Adults who were abused as children" in m)
    assert boys[index + 1] == survivors[0]
    # and Stop It Now (whose help-box text is about sexual thoughts and behaviour) is not in the
    # boys' help box
    front = (DOCS / "boys/index.md").read_text(encoding="utf-8").split("---")[1]
    audiences = re.search(r"audience:\s*\[([^\]]*)\]", front).group(1).replace(" ", "").split(",")
    shown = {s.id for s in help_data().for_page(audiences)}
    assert "stop_it_now" not in shown and "childline" in shown


@pytest.mark.parametrize("rel", ["children/index.md", "easy-read/index.md"])
def test_who_to_tell_is_someone_who_is_not_hurting_you_and_another_if_one_does_not_listen(rel):
    """Right after saying the person may be in the family, a page must not list a parent or
    carer as simply someone to tell."""
    texts = [re.sub(r"!\[[^\]]*\]\([^)]*\)", "", m) for m in messages(rel)]  # words, not pictures
    joined = " ".join(texts)
    # a parent or carer named as someone to tell comes with "who is not hurting you" in the same
    # point or the one beside it
    unqualified = [m for i, m in enumerate(texts) if re.search(r"\b(mum|dad|carer)\b", m, re.I)
                   and "friend of your" not in m
                   and not any("not hurting you" in n for n in texts[max(i - 1, 0):i + 2])]
    assert unqualified == []
    assert re.search(r"not (the person )?hurting you", joined)
    assert re.search(r"do(es)? not listen, tell (another|someone else)", joined)


CONFIDENTIAL = re.compile(r"\b(private|confidential|in confidence)\b", re.I)
SERVICE = re.compile(r"\{(childline|stop_it_now|nspcc|meic)\.|\b(Childline|Stop It Now)\b")
EXCEPTION = re.compile(r"\bexcept|\bonly share\b|\bexceptions?\b", re.I)


def test_confidentiality_is_always_stated_with_its_exceptions():
    """The reference gives Childline's and Stop It Now's confidentiality with exceptions; a page
    or the help data may state it only with them (or not at all)."""
    said = [(page, m) for page, texts in every_page().items() for m in texts
            if SERVICE.search(m) and CONFIDENTIAL.search(m) and "private parts" not in m]
    assert said, "the pages state confidentiality somewhere"
    assert [(page, m) for page, m in said if not EXCEPTION.search(m)] == []
    for service in help_data().services:
        if service.who and CONFIDENTIAL.search(service.who):
            assert EXCEPTION.search(service.who), (service.id, service.who)


def _catalog(lang: str, domain: str = "content"):
    return [m for m in read_catalog(ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po") if m.id]


@pytest.mark.parametrize("lang, where, term, about", [
    ("pa", "msgstr", "ਅਪੰਗ", "crippled"),
    ("pl", "msgid", "position of trust", "position of trust"),
    ("ur", "msgstr", "استحصال", "زیادتی"),
    ("ur", "msgstr", "برادری", "community"),
])
def test_doubtful_terms_are_flagged_for_the_native_reviewers(lang, where, term, about):
    """Terms a reviewer of the site doubted carry a '# query:' comment on every message that uses
    them, which the review sheet shows to the native speaker."""
    found = [m for domain in ("content", "theme") for m in _catalog(lang, domain)
             if term in (m.string if where == "msgstr" else m.id)]
    assert found, f"{lang}: no message uses {term!r}"
    unflagged = [m.id for m in found if not any(about in q for q in message_queries(m))]
    assert unflagged == []


def test_punjabi_confidential_is_not_secret_or_is_flagged():
    found = [m for m in _catalog("pa") if re.search(r"confiden", m.id, re.I) and "ਗੁਪਤ" in m.string]
    assert [m.id for m in found if not message_queries(m)] == []


def test_bengali_heading_says_not_being_believed():
    """The heading read "fear of not believing" (বিশ্বাস না করার ভয়)."""
    heading = next(m for m in _catalog("bn") if m.id == "Fear of not being believed")
    assert heading.string and heading.string != "বিশ্বাস না করার ভয়"
    assert message_queries(heading)
