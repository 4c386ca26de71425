"""Worker processes: work handed to a pool while this process goes on (workers.worker_pool)."""

from __future__ import annotations

import os

import pytest

from campaign.workers import worker_pool


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def _fail(message: str) -> None:
    raise ValueError(message)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_the_pool_works_in_other_processes_beside_the_block(start_method):
    with worker_pool(2, start_method=start_method) as pool:
        futures = [pool.submit(_pid_and_square, n) for n in range(5)]
        here = os.getpid()
    results = [future.result() for future in futures]
    assert [square for _, square in results] == [0, 1, 4, 9, 16]
    assert here not in {pid for pid, _ in results}


def test_an_error_in_the_pool_is_raised_when_the_block_ends():
    reached = []
    with pytest.raises(ValueError, match="from the worker"):
        with worker_pool(1) as pool:
            pool.submit(_fail, "from the worker")
            reached.append(True)
    assert reached == [True]


def test_the_first_error_submitted_is_the_one_raised():
    with pytest.raises(ValueError, match="first"):
        with worker_pool(2) as pool:
            pool.submit(_pid_and_square, 1)
            pool.submit(_fail, "first")
            pool.submit(_fail, "second")


def test_an_error_in_the_block_comes_first():
    with pytest.raises(KeyError):
        with worker_pool(1) as pool:
            pool.submit(_fail, "from the worker")
            raise KeyError("from the block")
