"""Worker processes: work in the background while this process goes on (workers.in_background)."""

from __future__ import annotations

import os

import pytest

from campaign.workers import in_background


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def _fail(message: str) -> None:
    raise ValueError(message)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_in_background_runs_in_another_process_beside_the_block(start_method):
    with in_background(_pid_and_square, 7, start_method=start_method) as future:
        here = os.getpid()
    pid, square = future.result()
    assert square == 49 and pid != here


def test_an_error_in_the_background_is_raised_when_the_block_ends():
    reached = []
    with pytest.raises(ValueError, match="from the worker"):
        with in_background(_fail, "from the worker"):
            reached.append(True)
    assert reached == [True]


def test_an_error_in_the_block_comes_first():
    with pytest.raises(KeyError):
        with in_background(_fail, "from the worker"):
            raise KeyError("from the block")
