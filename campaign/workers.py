"""Worker processes: one collection point for work spread over the cores.

Workers receive everything they need as arguments (picklable dataclasses and plain values) and
share no state with the parent, so the pool works with any start method: "fork" (the default
where the platform has it: the fastest to start) or "spawn". A worker's own environment may be
set by an ``initializer`` (MkDocs reads SOURCE_DATE_EPOCH only from the environment); the
parent's environment is never changed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_start_method() -> str:
    """"fork" where the platform has it (workers start at once), else "spawn"."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def worker_count(jobs: int | None, items: int) -> int:
    """How many workers for ``items`` pieces of work: ``jobs``, else one per core, at most one
    per item, at least one."""
    return max(1, min(jobs or os.cpu_count() or 1, items))


def in_workers(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None,
               *, start_method: str | None = None, inline: bool = True,
               initializer: Callable[..., None] | None = None,
               initargs: tuple[Any, ...] = ()) -> list[Result]:
    """``function(item)`` for each item, in order: in this process when one worker is enough and
    ``inline`` allows it, else in a pool of processes. ``function`` must be a module-level
    function and items and results picklable (as "spawn" needs)."""
    count = worker_count(jobs, len(items))
    if not items:
        return []
    if count == 1 and inline and initializer is None:
        return [function(item) for item in items]
    context = multiprocessing.get_context(start_method or default_start_method())
    with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=initializer,
                             initargs=initargs) as pool:
        return list(pool.map(function, items))


def each_in_workers(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None,
                    *, start_method: str | None = None) -> Iterator[tuple[int, Result]]:
    """``in_workers``, but yielding ``(index, result)`` as each piece finishes (for a progress
    bar), in this process when one worker is enough."""
    count = worker_count(jobs, len(items))
    if count == 1:
        for index, item in enumerate(items):
            yield index, function(item)
        return
    context = multiprocessing.get_context(start_method or default_start_method())
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = {pool.submit(function, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            yield futures[future], future.result()


class Pool:
    """Worker processes that this process hands work to (``submit``) while it goes on with its
    own; see ``worker_pool``."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        self._executor = executor
        self._submitted: list[Future[Any]] = []

    def submit(self, function: Callable[..., Result], *args: Any) -> Future[Result]:
        """``function(*args)`` in a worker, in the order submitted: a module-level function,
        picklable arguments and result (as "spawn" needs)."""
        future = self._executor.submit(function, *args)
        self._submitted.append(future)
        return future

    def wait(self) -> None:
        """Wait for everything submitted; raise the first exception (in submission order)."""
        for future in self._submitted:
            future.result()

    def cancel(self) -> None:
        """Drop the work no worker has started yet."""
        for future in self._submitted:
            future.cancel()


@contextmanager
def worker_pool(jobs: int | None = None, *, start_method: str | None = None) -> Iterator[Pool]:
    """``jobs`` worker processes (default: one per core) doing the work submitted to them while
    the ``with`` block runs in this process. Leaving the block waits for every piece of work; the
    first exception among them is raised then, unless the block raised one first (then the work
    not yet started is dropped)."""
    context = multiprocessing.get_context(start_method or default_start_method())
    with ProcessPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1),
                             mp_context=context) as executor:
        pool = Pool(executor)
        try:
            yield pool
        except BaseException:
            pool.cancel()
            raise
        pool.wait()
