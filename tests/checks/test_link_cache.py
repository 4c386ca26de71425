"""The link cache: fresh good results only, atomic writes, and damage that is reported, never fatal."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from campaign.checks.link_cache import LinkCache
from campaign.checks.probe import LinkResult

DAY = timedelta(hours=24)
START = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def cache_at(path: Path, clock: Clock) -> LinkCache:
    cache = LinkCache(path, DAY, now=clock)
    cache.load()
    return cache


def test_good_results_are_kept_for_a_day(tmp_path: Path) -> None:
    path, clock = tmp_path / "c" / "links.json", Clock()
    cache = cache_at(path, clock)
    cache.put(LinkResult("http://127.0.0.1:9/a", "ok", status=200))
    cache.put(LinkResult("http://127.0.0.1:9/b", "redirected", status=200,
                         final_url="http://127.0.0.1:9/c", history=(301, 302)))
    cache.save()
    clock.now = START + timedelta(hours=23)
    again = cache_at(path, clock)
    assert again.get("http://127.0.0.1:9/a") == LinkResult("http://127.0.0.1:9/a", "ok", status=200,
                                                           from_cache=True)
    assert again.get("http://127.0.0.1:9/b").history == (301, 302)
    clock.now = START + DAY
    assert cache_at(path, clock).get("http://127.0.0.1:9/a") is None


def test_dead_results_are_never_kept_and_forget_an_old_good_one(tmp_path: Path) -> None:
    path, clock = tmp_path / "links.json", Clock()
    cache = cache_at(path, clock)
    cache.put(LinkResult("http://127.0.0.1:9/a", "ok", status=200))
    cache.save()
    cache.put(LinkResult("http://127.0.0.1:9/a", "dead", status=404, reason="404 Not Found"))
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["links"] == {}


def test_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    path, clock = tmp_path / "links.json", Clock()
    for n in range(3):
        cache = cache_at(path, clock)
        cache.put(LinkResult(f"http://127.0.0.1:9/{n}", "ok", status=200))
        cache.save()
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]
    assert len(json.loads(path.read_text(encoding="utf-8"))["links"]) == 3


def test_unusable_entries_are_dropped_with_a_warning_and_the_rest_kept(tmp_path: Path, caplog) -> None:
    path, clock = tmp_path / "links.json", Clock()
    good = {"state": "ok", "status": 200, "final_url": None, "history": [],
            "checked_at": START.isoformat()}
    path.write_text(json.dumps({"version": 1, "links": {
        "http://127.0.0.1:9/good": good,
        "http://127.0.0.1:9/dead": dict(good, state="dead"),
        "http://127.0.0.1:9/no-date": dict(good, checked_at="yesterday"),
        "http://127.0.0.1:9/odd": ["not", "a", "mapping"],
    }}), encoding="utf-8")
    cache = cache_at(path, clock)
    assert "3 unusable entries dropped" in caplog.text
    assert cache.get("http://127.0.0.1:9/good") is not None
    cache.save()
    assert list(json.loads(path.read_text(encoding="utf-8"))["links"]) == ["http://127.0.0.1:9/good"]


def test_a_file_of_another_shape_is_kept_aside(tmp_path: Path, caplog) -> None:
    path, clock = tmp_path / "links.json", Clock()
    path.write_text('["a list"]', encoding="utf-8")
    cache = cache_at(path, clock)
    assert "is not a version 1 link cache" in caplog.text
    assert "kept as links.json.corrupt" in caplog.text
    cache.put(LinkResult("http://127.0.0.1:9/a", "ok", status=200))
    cache.save()
    assert (tmp_path / "links.json.corrupt").read_text(encoding="utf-8") == '["a list"]'
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path: Path, caplog) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    cache = cache_at(tmp_path / "blocked" / "links.json", Clock())
    cache.put(LinkResult("http://127.0.0.1:9/a", "ok", status=200))
    with caplog.at_level(logging.WARNING, logger="campaign"):
        cache.save()
    assert "cannot write the link cache" in caplog.text
    assert [p.name for p in tmp_path.iterdir()] == ["blocked"]
