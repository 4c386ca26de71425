"""What every benchmark here measures with: CPU time of this process and its reaped workers,
a timed call, and the spread of a list of timings."""

from __future__ import annotations

import resource
import statistics
import time


def cpu_seconds() -> float:
    """User and system time of this process and of its workers that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function) -> tuple[float, float, object]:
    """``function()``'s wall time, CPU time and result."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = function()
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "count": len(values)}
