"""Babel extractors, registered under the ``babel.extractors`` entry point.

``pybabel extract -F babel.cfg`` uses them directly, so translators' tools and CI see the same
messages as the build:

    [markdown: docs/**.md]          -> extract_markdown
    [yaml: data/help.yml]           -> extract_yaml (option: fields = name who hours)
    [mkdocs_nav: mkdocs.yml]        -> extract_nav (section titles of the navigation)
"""

from __future__ import annotations

from typing import Any, Iterator

import yaml

from .markdown import segment_markdown


def extract_markdown(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield one message per translatable block of a Markdown page, with its line."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    path = getattr(fileobj, "name", "<page>")
    for segment in segment_markdown(text, path):
        if segment.translatable:
            yield segment.lineno, None, segment.text, [segment.kind]


def extract_yaml(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield the string values of the named keys (option ``fields``) anywhere in a YAML file."""
    fields = set(str(options.get("fields", "")).split())
    root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")))
    yield from _walk(root, fields)


def _walk(node: Any, fields: set[str]):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in fields and isinstance(value, yaml.ScalarNode) and value.value:
                yield value.start_mark.line + 1, None, value.value, [key.value]
            else:
                yield from _walk(value, fields)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, fields)


def extract_nav(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield the titles of the navigation's sections in mkdocs.yml (pages bring their own)."""
    root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")))
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "nav":
                yield from _sections(value)


def _sections(node: Any):
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _sections(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                yield key.start_mark.line + 1, None, key.value, ["nav section"]
                yield from _sections(value)
