"""Material for MkDocs interface strings the campaign's theme catalog can supply.

Material lacks some languages (Punjabi) and some keys; each string below is extracted into
theme.pot with the context "material". Material's own translation is used first.
"""

MATERIAL_CONTEXT = "material"


def N_(context: str, message: str) -> str:  # noqa: N802 - gettext marker, extracted by pybabel
    return message


# Material key -> English text (Material's en.html), translated in locales/<lang>/theme.po.
MATERIAL_STRINGS: dict[str, str] = {
    "action.skip": N_("material", "Skip to content"),
    "clipboard.copy": N_("material", "Copy to clipboard"),
    "clipboard.copied": N_("material", "Copied to clipboard"),
    "footer": N_("material", "Footer"),
    "footer.next": N_("material", "Next"),
    "footer.previous": N_("material", "Previous"),
    "header": N_("material", "Header"),
    "nav": N_("material", "Navigation"),
    "search": N_("material", "Search"),
    "search.placeholder": N_("material", "Search"),
    "search.share": N_("material", "Share"),
    "search.reset": N_("material", "Clear"),
    "search.result.initializer": N_("material", "Initializing search"),
    "search.result.placeholder": N_("material", "Type to start searching"),
    "search.result.none": N_("material", "No matching documents"),
    "search.result.one": N_("material", "1 matching document"),
    "search.result.other": N_("material", "# matching documents"),
    "search.result.more.one": N_("material", "1 more on this page"),
    "search.result.more.other": N_("material", "# more on this page"),
    "search.result.term.missing": N_("material", "Missing"),
    "select.language": N_("material", "Select language"),
    "tabs": N_("material", "Tabs"),
    "toc": N_("material", "Table of contents"),
    "top": N_("material", "Back to top"),
}
