"""The safe subset of SVG a council's logo may use.

An SVG is a program as much as a picture: it can declare entities that expand a billion times,
fetch other files (``href``, CSS ``url()`` and ``@import``), run scripts, embed HTML
(``foreignObject``), change its own links by animation, and draw one shape millions of times
through nested ``<use>`` references. The site shows the logo in an ``<img>`` (no script runs
there) but WeasyPrint draws it into every PDF, so the file is checked before either sees it:

1. textual checks on the decoded text: no DOCTYPE, ENTITY, script, foreignObject or stylesheet
   processing instruction (so the parser never meets a DTD or an entity it would expand);
2. then ``xml.etree`` parses it, and every element must be drawing markup of the SVG namespace
   (or Inkscape's metadata), no attribute may be an event handler, every ``href`` must point
   inside the file (``#id``) or be a ``data:`` PNG or JPEG, every CSS ``url()`` must be ``#id``;
3. ``<use>`` references may not loop, must name an element of the file, and the drawing with
   every reference expanded may not pass MAX_SVG_EXPANSION elements.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from .logo import MAX_SVG_ELEMENTS, MAX_SVG_EXPANSION

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Namespaces of editors' metadata, ignored by every renderer.
EDITOR_NS = ("http://www.inkscape.org/namespaces/inkscape",
             "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
             "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/",
             "http://creativecommons.org/ns#")
ALLOWED = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood",
    "feComposite", "feMerge", "feMergeNode", "feDropShadow",
})
_TEXTUAL = (
    (re.compile(r"<!DOCTYPE", re.I), "it has a DOCTYPE (a document type can declare entities)"),
    (re.compile(r"<!ENTITY", re.I), "it declares an ENTITY"),
    (re.compile(r"<\s*(\w+:)?script\b", re.I), "it holds a <script>"),
    (re.compile(r"<\s*(\w+:)?foreignObject\b", re.I), "it holds a <foreignObject> (HTML inside SVG)"),
    (re.compile(r"<\?xml-stylesheet", re.I), "it links a style sheet (<?xml-stylesheet?>)"),
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg);base64,", re.I)


class SvgProblem(ValueError):
    """Why an SVG is not in the safe subset."""


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return "", name


def _check_css(text: str, where: str) -> None:
    if re.search(r"@import", text, re.I):
        raise SvgProblem(f"{where} imports a style sheet (@import)")
    for _, target in _CSS_URL.findall(text):
        if not target.strip().startswith("#"):
            raise SvgProblem(f"{where} refers to {target.strip()[:80]!r} (only url(#id) inside the "
                             "file is allowed)")


def _check_attributes(element: ElementTree.Element, name: str) -> None:
    for key, value in element.attrib.items():
        ns, attr = _local(key)
        if attr.lower().startswith("on"):
            raise SvgProblem(f"<{name}> has an event handler ({attr})")
        if attr == "base" and ns == "http://www.w3.org/XML/1998/namespace":
            raise SvgProblem(f"<{name}> sets xml:base")
        if attr == "href":
            target = value.strip()
            if not (target.startswith("#") or _DATA_IMAGE.match(target)):
                raise SvgProblem(f"<{name}> refers to {target[:80]!r} outside the file (only '#id' "
                                 "or a data: PNG or JPEG is allowed)")
        elif attr == "style" or "url(" in value.lower():
            _check_css(value, f"<{name}> {attr}")


def _walk(root: ElementTree.Element) -> list[ElementTree.Element]:
    """Every element, checked; elements inside <metadata> are skipped (never drawn)."""
    seen: list[ElementTree.Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        ns, name = _local(element.tag) if isinstance(element.tag, str) else ("", "")
        if not name:   # a comment or processing instruction kept by a parser: nothing drawn
            continue
        seen.append(element)
        if len(seen) > MAX_SVG_ELEMENTS:
            raise SvgProblem(f"it has more than {MAX_SVG_ELEMENTS} elements")
        if ns == SVG_NS and name == "metadata":
            continue
        if ns in EDITOR_NS:
            continue
        if ns != SVG_NS or name not in ALLOWED:
            shown = name if ns in ("", SVG_NS) else f"{name} ({ns})"
            raise SvgProblem(f"it holds <{shown}>, which a logo may not use")
        _check_attributes(element, name)
        if name == "style":
            _check_css(element.text or "", "<style>")
        stack.extend(reversed(list(element)))
    return seen


def _href(element: ElementTree.Element) -> str | None:
    return element.get("href") or element.get(f"{{{XLINK_NS}}}href")


def _check_uses(elements: list[ElementTree.Element]) -> None:
    """<use> references: each to an element of the file, no loop, the expanded drawing small."""
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(element: ElementTree.Element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise SvgProblem(f"its <use> references loop back to #{element.get('id') or '?'}")
        active.add(key)
        total = 1 + sum(size(child) for child in element if isinstance(child.tag, str))
        if _local(element.tag)[1] == "use":
            target = (_href(element) or "").lstrip("#")
            if target not in by_id:
                raise SvgProblem(f"a <use> refers to #{target}, which the file does not have")
            total += size(by_id[target])
        active.discard(key)
        if total > MAX_SVG_EXPANSION:
            raise SvgProblem(f"its nested <use> references draw more than {MAX_SVG_EXPANSION} "
                             "elements")
        sizes[key] = total
        return total

    size(elements[0])


def check_svg(data: bytes) -> None:
    """Raise SvgProblem unless ``data`` is an SVG in the safe subset."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SvgProblem("it is not UTF-8 text") from exc
    for pattern, why in _TEXTUAL:
        if pattern.search(text):
            raise SvgProblem(why)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise SvgProblem(f"it is not well-formed XML ({exc})") from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgProblem(f"its root is <{_local(root.tag)[1]}>, not an <svg> in the SVG namespace")
    try:
        _check_uses(_walk(root))
    except RecursionError as exc:
        raise SvgProblem("its elements or references are nested too deeply") from exc
