"""campaign check --links against a real HTTP server on 127.0.0.1 (nothing reaches the internet:
every project here refuses to start if a link leaves 127.0.0.1)."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from campaign.checks.links import CACHE_FILE, LinkSettings, check_links, link_problems
from campaign.checks.probe import ProbeSettings, make_session, probe, probe_all
from campaign.cli import main
from campaign.config import load_config
from campaign.content.help import load_help
from tests.checks.conftest import FRONT_MATTER_LINES as FM, PAGE, MakeProject, quick_exit_line
from tests.checks.link_server import SLOW_SECONDS, LinkServer, refused_url

TIMEOUT = 0.4   # well below SLOW_SECONDS, well above a local answer
FAST = ProbeSettings(timeout=TIMEOUT, backoff_factor=0)


def invoke(project: Path, *args: str):
    return CliRunner().invoke(main, ["check", "--config", str(project / "campaign.yml"), *args],
                              catch_exceptions=False)


def links_check(project: Path, *args: str):
    return invoke(project, "--links", "--timeout", str(TIMEOUT), *args)


def help_line(project: Path, service: str) -> int:
    return load_help(project / "data/help.yml").get(service).lines["url"]


def warnings(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


# --- one address at a time --------------------------------------------------------------------

def test_probe_tells_ok_redirected_and_dead_apart(link_server: LinkServer) -> None:
    session = make_session(FAST)
    ok = probe(session, link_server.url("/ok"), TIMEOUT)
    assert (ok.state, ok.status) == ("ok", 200)
    moved = probe(session, link_server.url("/moved"), TIMEOUT)
    assert (moved.state, moved.final_url, moved.history) == \
        ("redirected", link_server.url("/new-home"), (301,))
    missing = probe(session, link_server.url("/missing"), TIMEOUT)
    assert (missing.state, missing.status, missing.reason) == ("dead", 404, "404 Not Found")


def test_a_server_error_is_retried_until_it_answers(link_server: LinkServer) -> None:
    result = probe(make_session(FAST), link_server.url("/flaky"), TIMEOUT)
    assert result.state == "ok"
    assert link_server.hits("/flaky") == 2          # 503, then 200


def test_a_refused_head_is_asked_again_with_get(link_server: LinkServer) -> None:
    result = probe(make_session(FAST), link_server.url("/no-head"), TIMEOUT)
    assert result.state == "ok"
    assert link_server.hits("/no-head", "HEAD") == 1
    assert link_server.hits("/no-head", "GET") == 1


def test_timeouts_and_refused_connections_are_dead_with_a_reason(link_server: LinkServer) -> None:
    slow, gone = probe_all([link_server.url("/slow"), refused_url()],
                           ProbeSettings(timeout=TIMEOUT, retries=0))
    assert (slow.state, slow.reason) == ("dead", f"timed out after {TIMEOUT:g} s")
    assert (gone.state, gone.reason) == ("dead", "connection refused")
    assert TIMEOUT < SLOW_SECONDS


def test_every_request_names_the_toolkit(link_server: LinkServer) -> None:
    from campaign.checks.probe import USER_AGENT
    assert make_session(FAST).headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("campaign-toolkit/")


# --- the whole site ---------------------------------------------------------------------------

def site_page(server: LinkServer, refused: str) -> str:
    return "\n".join([
        "# Links",                                                          # 1
        "",                                                                 # 2
        f"The [service]({server.url('/ok')}) is open.",                     # 3
        f"An [old page]({server.url('/missing')}) and",                     # 4
        f"a [moved page]({server.url('/moved')}).",                         # 5
        "",                                                                 # 6
        f'<p>Raw <a href="{server.url("/flaky")}">flaky</a></p>',           # 7
        "",                                                                 # 8
        f"![picture]({server.url('/no-head')})",                            # 9
        "",                                                                 # 10
        f"See <{server.url('/slow')}> and [nothing]({refused}).",           # 11
        "Call {childline.phone} or visit {childline.url}.",                 # 12
        f"The [service]({server.url('/ok')}) again.",                       # 13
        "",
    ])


def test_check_without_links_makes_no_request(make_link_project: MakeProject,
                                              link_server: LinkServer) -> None:
    project = make_link_project(site_page(link_server, refused_url()))
    result = invoke(project)
    assert result.exit_code == 0, result.output
    assert link_server.hits() == 0
    assert not (project / CACHE_FILE).exists()


def test_link_options_need_links(make_link_project: MakeProject, link_server: LinkServer) -> None:
    project = make_link_project(f"[ok]({link_server.url('/ok')})\n")
    for option in (["--strict"], ["--no-cache"], ["--timeout", "3"]):
        result = invoke(project, *option)
        assert result.exit_code == 2, result.output
        assert "apply only with --links" in result.output
    assert link_server.hits() == 0


def test_dead_links_fail_naming_every_place(make_link_project: MakeProject, link_server: LinkServer,
                                            caplog) -> None:
    refused = refused_url()
    project = make_link_project(site_page(link_server, refused),
                                services={"nspcc": link_server.url("/missing")})
    nspcc = help_line(project, "nspcc")
    result = links_check(project)
    assert result.exit_code == 1, result.output
    out = result.output
    missing = link_server.url("/missing")
    assert f"{PAGE}:{4 + FM}: dead link {missing} (404 Not Found)\n  fix: correct or remove the link" in out
    assert f"data/help.yml:{nspcc}: dead link {missing} (404 Not Found)" in out
    assert f"{PAGE}:{11 + FM}: dead link {link_server.url('/slow')} (timed out after {TIMEOUT:g} s)" in out
    assert f"{PAGE}:{11 + FM}: dead link {refused} (connection refused)" in out
    assert out.count("dead link") == 4
    for fine in ("/ok", "/flaky", "/no-head", "/moved"):
        assert f"{link_server.url(fine)} (" not in out
    # redirects are warnings, not errors, and name the final address
    assert (f"{PAGE}:{5 + FM}: link {link_server.url('/moved')} redirects to "
            f"{link_server.url('/new-home')} (301)\n  fix: link to the final address") in warnings(caplog)
    assert "redirects" not in out
    # each address is asked once, however often it is written
    assert link_server.hits("/ok", "HEAD") == 1
    assert link_server.hits("/flaky") == 2


def test_redirects_pass_but_fail_when_strict(make_link_project: MakeProject,
                                             link_server: LinkServer, caplog) -> None:
    project = make_link_project(f"# Moved\n\nSee [it]({link_server.url('/moved')}).\n",
                                quick_exit=link_server.url("/moved"))
    result = links_check(project)
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert summary == "4 external links: 3 ok, 1 redirected, 0 dead (0 from cache)"
    text = warnings(caplog)
    assert f"{PAGE}:{3 + FM}: link {link_server.url('/moved')} redirects to" in text
    assert f"campaign.yml:{quick_exit_line(project)}: link {link_server.url('/moved')} redirects to" in text

    strict = links_check(project, "--strict")
    assert strict.exit_code == 1, strict.output
    assert f"{PAGE}:{3 + FM}: link {link_server.url('/moved')} redirects to {link_server.url('/new-home')} (301)" \
        in strict.output
    assert f"campaign.yml:{quick_exit_line(project)}: link" in strict.output


def test_a_second_run_asks_only_about_dead_links(make_link_project: MakeProject,
                                                 link_server: LinkServer) -> None:
    page = (f"[a]({link_server.url('/ok')}) [b]({link_server.url('/moved')}) "
            f"[c]({link_server.url('/no-head')}) [d]({link_server.url('/missing')})\n")
    project = make_link_project(page)
    assert links_check(project).exit_code == 1
    first = link_server.hits()
    assert link_server.hits("/missing") == 1
    cache = json.loads((project / CACHE_FILE).read_text(encoding="utf-8"))
    assert link_server.url("/missing") not in cache["links"]        # dead: never cached
    assert cache["links"][link_server.url("/moved")]["final_url"] == link_server.url("/new-home")

    again = links_check(project)
    assert again.exit_code == 1
    assert link_server.hits("/missing") == 2                         # re-checked
    assert link_server.hits() == first + 1                           # and nothing else
    assert f"{PAGE}:{1 + FM}: dead link {link_server.url('/missing')}" in again.output
    assert list((project / CACHE_FILE).parent.iterdir()) == [project / CACHE_FILE]  # no temp file


def test_cached_results_give_the_same_report(make_link_project: MakeProject,
                                             link_server: LinkServer) -> None:
    project = make_link_project(f"[b]({link_server.url('/moved')})\n")
    first = links_check(project)
    again = links_check(project)
    assert first.output.splitlines()[-1].endswith("1 redirected, 0 dead (0 from cache)")
    assert again.output.splitlines()[-1].endswith("1 redirected, 0 dead (5 from cache)")
    strict = links_check(project, "--strict")        # a cached redirect still fails when strict
    assert strict.exit_code == 1 and link_server.url("/new-home") in strict.output


def test_expired_results_and_no_cache_ask_again(make_link_project: MakeProject,
                                                link_server: LinkServer) -> None:
    project = make_link_project(f"[a]({link_server.url('/ok')})\n")
    assert links_check(project).exit_code == 0
    assert link_server.hits("/ok") == 1
    cache_file = project / CACHE_FILE
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    old = (datetime.now(timezone.utc) - timedelta(hours=25)).isoformat(timespec="seconds")
    data["links"][link_server.url("/ok")]["checked_at"] = old
    cache_file.write_text(json.dumps(data), encoding="utf-8")

    assert links_check(project).exit_code == 0
    assert link_server.hits("/ok") == 2                              # expired: asked again
    assert links_check(project).exit_code == 0
    assert link_server.hits("/ok") == 2                              # fresh again: not asked

    result = links_check(project, "--no-cache")
    assert result.exit_code == 0 and result.output.rstrip().endswith("(0 from cache)")
    assert link_server.hits("/ok") == 3
    fresh = json.loads(cache_file.read_text(encoding="utf-8"))["links"][link_server.url("/ok")]
    assert fresh["checked_at"] > old                                 # --no-cache still writes


def test_a_corrupt_cache_is_reported_kept_and_replaced(make_link_project: MakeProject,
                                                       link_server: LinkServer, caplog) -> None:
    project = make_link_project(f"[a]({link_server.url('/ok')})\n")
    cache_file = project / CACHE_FILE
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text('{"version": 1, "links": {', encoding="utf-8")
    result = links_check(project)
    assert result.exit_code == 0, result.output
    assert f"{CACHE_FILE} cannot be read" in warnings(caplog)
    assert (cache_file.parent / "links.json.corrupt").read_text(encoding="utf-8") == \
        '{"version": 1, "links": {'
    assert link_server.url("/ok") in json.loads(cache_file.read_text(encoding="utf-8"))["links"]
    assert sorted(p.name for p in cache_file.parent.iterdir()) == ["links.json", "links.json.corrupt"]


def test_the_api_reports_places_and_problems(make_link_project: MakeProject,
                                             link_server: LinkServer, tmp_path: Path) -> None:
    project = make_link_project(site_page(link_server, refused_url()))
    config = load_config(project / "campaign.yml")
    settings = LinkSettings(probe=FAST, cache_file=tmp_path / "elsewhere" / "links.json")
    report = check_links(config, settings)
    ok = link_server.url("/ok")
    assert [(p.path, p.line) for p in report.places[ok]] == [(PAGE, 3 + FM), (PAGE, 13 + FM)]
    assert report.results[ok].state == "ok"
    assert report.summary() == "11 external links: 7 ok, 1 redirected, 3 dead (0 from cache)"
    errors, warned = link_problems(report)
    assert len(errors) == 3 and len(warned) == 1
    errors, warned = link_problems(report, strict=True)
    assert len(errors) == 4 and not warned
    assert (tmp_path / "elsewhere" / "links.json").is_file()
    assert not (project / CACHE_FILE).exists()


def test_a_zero_ttl_never_reuses(make_link_project: MakeProject, link_server: LinkServer) -> None:
    project = make_link_project(f"[a]({link_server.url('/ok')})\n")
    config = load_config(project / "campaign.yml")
    settings = LinkSettings(probe=FAST, ttl=timedelta(0))
    check_links(config, settings)
    check_links(config, settings)
    assert link_server.hits("/ok") == 2
