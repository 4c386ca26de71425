"""Collecting a library's log messages (MkDocs', WeasyPrint's) so that a run reports them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Collect(logging.Handler):
    """Keeps the messages of WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collected(logger_name: str) -> Iterator[Collect]:
    """The warnings ``logger_name`` logs inside the ``with`` block."""
    collector = Collect()
    logger = logging.getLogger(logger_name)
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
