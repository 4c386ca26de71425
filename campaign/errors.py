"""Errors the toolkit reports to people, with the exit codes the CLI promises.

Exit codes: 0 success, 1 a problem in the content or configuration, 2 wrong usage.
Every message names the file (and line where there is one) and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence

import click


class CampaignError(click.ClickException):
    """A problem in the content or configuration (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 fix: str | None = None) -> None:
        self.detail = message
        self.path = path
        self.line = line
        self.fix = fix
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        text = f"{where}{message}"
        if fix:
            text += f"\n  fix: {fix}"
        super().__init__(text)


class ConfigError(CampaignError):
    """campaign.yml or mkdocs.yml is missing a setting or has a bad one."""


class ContentError(CampaignError):
    """A Markdown page, the help data or a catalog cannot be used as it is."""


class GuardError(CampaignError):
    """One or more translations change protected text (numbers, links, markup)."""

    def __init__(self, problems: Sequence[CampaignError]) -> None:
        self.problems = list(problems)
        lines = [p.format_message() for p in problems]
        click.ClickException.__init__(
            self, f"{len(problems)} translation(s) change protected text:\n" + "\n".join(lines))


class MultipleErrors(CampaignError):
    """Several independent problems, reported together so people fix them in one pass."""

    def __init__(self, problems: Sequence[CampaignError]) -> None:
        self.problems = list(problems)
        click.ClickException.__init__(
            self, "\n".join(p.format_message() for p in problems))


def raise_all(problems: Sequence[CampaignError]) -> None:
    """Raise nothing, the one problem, or all of them together."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise MultipleErrors(problems)
