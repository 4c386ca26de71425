"""The run's templates compiled ahead of the builds (campaign.site.templates)."""

from __future__ import annotations

import marshal
import pickle
import shutil
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from campaign.pipeline import load_inputs
from campaign.site.build import (SHARED_THEME, TEMPLATE_CACHE, LanguageJob, select_languages,
                                 translate_and_build)
from campaign.site.templates import compile_templates
from campaign.site.theme import theme_overlay


def _compiled_code(folder: Path) -> dict[str, object]:
    """The code objects in a Jinja bytecode cache folder, by cache key (file name)."""
    code = {}
    for path in folder.iterdir():
        with path.open("rb") as handle:
            assert handle.read(len(bc_magic)) == bc_magic
            pickle.load(handle)                    # the template source's checksum
            code[path.name] = marshal.load(handle)
    return code


def _build_in_process(config, work: Path, code: str) -> None:
    languages = select_languages(config, None)
    lang = config.language(code)
    inputs = load_inputs(config, [lang])
    job = LanguageJob(inputs=inputs.for_language(lang), lang=lang, work=work,
                      output=tuple(languages), strict=False)
    plan, (ok, error, _) = translate_and_build(job)
    assert ok, error


@pytest.fixture
def compiled(config, tmp_path):
    """A run's work folder whose templates were compiled ahead, as ``campaign build`` does."""
    work = tmp_path / "work"
    theme = theme_overlay(config, select_languages(config, None), work / SHARED_THEME)
    codes = tuple(lang.code for lang in select_languages(config, None))
    assert compile_templates(str(theme), str(work / TEMPLATE_CACHE), codes) > 30
    return work


def test_a_build_after_the_compile_compiles_only_computed_names(config, compiled, monkeypatch):
    """Every template a build loads by a fixed name is compiled ahead; the build compiles only
    the icons it names by a computed name, in any of its environments (Material's search plugin
    makes one of its own to read its settings: it loads them from the run's cache too)."""
    compiled_in_build = []
    compile_ = jinja2.Environment.compile

    def spy(self, source, name=None, filename=None, *args, **kwargs):
        compiled_in_build.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    _build_in_process(config, compiled, "cy")
    assert compiled_in_build and all(name.startswith(".icons/") for name in compiled_in_build)


def test_templates_compiled_ahead_are_those_a_build_compiles(config, compiled):
    """The compile makes the environment exactly as a build does: its code for each template is
    the code a build makes when it compiles the template itself."""
    ahead = _compiled_code(compiled / TEMPLATE_CACHE)
    shutil.rmtree(compiled / TEMPLATE_CACHE)
    _build_in_process(config, compiled, "cy")
    by_build = _compiled_code(compiled / TEMPLATE_CACHE)
    shared = set(ahead) & set(by_build)
    assert len(shared) > 30 and len(shared) >= len(by_build) - 10   # all but computed names
    assert all(ahead[key] == by_build[key] for key in shared)
