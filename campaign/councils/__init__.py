"""Council packs: a council's brand, contacts and languages as inputs to the campaign's build,
and a reproducible zip per council (``campaign pack``).

    model.py      the council's file: one schema, validated in one place
    phones.py     phone numbers (national format shown, E.164 dialled; drama numbers)
    registry.py   data/councils.csv and the councils' own files (matched by ONS code)
    logo.py       a logo from a file or an https address, fetched with limits and checked
    svg.py        the safe subset of SVG a logo may use
    contacts.py   the council's contacts as help-data services and a page; its build's config
    edition.py    one edition (site + lesson packs) per distinct set of settings, cached
    readme.py     the pack's README (English; Welsh draft for Welsh councils) and alt-text file
    archive.py    reproducible zips, written atomically
    pack.py       one council's pack: entries, manifest, zip
    batch.py      plan, render each edition once, write each zip, report (campaign pack --all)
"""
