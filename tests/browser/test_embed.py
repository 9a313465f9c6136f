"""seminars-embed.js on a "portal" page, reading an archive's talks.json from another origin.

Two servers on 127.0.0.1: the archive (talks.json with ``Access-Control-Allow-Origin: *``,
as Read the Docs and GitHub Pages send it) and the portal (a page with the widget's
``<div>`` and ``<script>``). A third server without the header stands for a host that
does not allow the fetch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import talk_record

CET = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2030, 3, 1, 9, 0, tzinfo=CET)
HOSTILE_TITLE = '<script>window.PWNED = 1</script><img src=x onerror="window.PWNED = 2">'


class _Handler(http.server.SimpleHTTPRequestHandler):
    cors = True

    def end_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _NoCors(_Handler):
    cors = False


@contextlib.contextmanager
def serve(root: Path, handler: type[_Handler]) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def talk(ident: str, title: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return talk_record(ident, title, start, end, **{"url": None, **extra})


def talks_json(talks: list[dict[str, Any]], url: str | None = None) -> str:
    return json.dumps(
        {
            "version": 1,
            "generator": {"name": "sphinxext-seminars", "version": "0.1.0"},
            "site": {"project": "Algebra Seminar", "url": url},
            "series": [],
            "talks": talks,
        }
    )


PORTAL = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Portal</title>
<style>:root {{ --seminars-embed-link: rgb(200, 0, 0); }}</style></head>
<body>
<div id="widget" data-seminars-src="{src}" data-limit="{limit}" {extra}></div>
<script src="seminars-embed.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def servers(browser, tmp_path_factory, package_static) -> Iterator[dict[str, str]]:
    archive = tmp_path_factory.mktemp("archive")
    (archive / "seminars").mkdir()
    (archive / "seminars" / "talks.json").write_text(
        talks_json(
            [
                talk("past", "Old", "2030-02-01T14:00:00+01:00", "2030-02-01T15:00:00+01:00"),
                talk("a", "Groups", "2030-03-05T14:00:00+01:00", "2030-03-05T15:00:00+01:00"),
                talk(
                    "b",
                    "Rings",
                    "2030-03-12T10:00:00+01:00",
                    "2030-03-12T11:00:00+01:00",
                    series="Geometry",
                    status="cancelled",
                ),
                talk("c", "Fields", "2030-04-02T16:00:00+02:00", "2030-04-02T17:00:00+02:00"),
            ]
        ),
        encoding="utf-8",
    )
    (archive / "seminars" / "hostile.json").write_text(
        talks_json(
            [
                talk(
                    "x",
                    HOSTILE_TITLE,
                    "2030-03-05T14:00:00+01:00",
                    "2030-03-05T15:00:00+01:00",
                    url="javascript:window.PWNED=3",
                    path="javascript:window.PWNED=4",
                    speakers=[{"name": "<b>Mallory</b>", "affiliation": "<i>Evil</i>"}],
                ),
                talk(
                    "y",
                    "Data URL",
                    "2030-03-06T14:00:00+01:00",
                    "2030-03-06T15:00:00+01:00",
                    url="data:text/html,<script>window.PWNED=5</script>",
                    path="talks/y.html",
                ),
            ],
            url="javascript:window.PWNED=6//",
        ),
        encoding="utf-8",
    )
    portal = tmp_path_factory.mktemp("portal")
    shutil.copy(package_static / "seminars-embed.js", portal)
    with serve(archive, _Handler) as archive_url, serve(archive, _NoCors) as closed_url:
        with serve(portal, _Handler) as portal_url:
            pages = {
                "plain": (f"{archive_url}seminars/talks.json", 5, ""),
                "limit": (f"{archive_url}seminars/talks.json", 1, ""),
                "series": (f"{archive_url}seminars/talks.json", 5, 'data-series="Geometry"'),
                "hostile": (f"{archive_url}seminars/hostile.json", 5, ""),
                "missing": (f"{archive_url}seminars/missing.json", 5, ""),
                "nocors": (f"{closed_url}seminars/talks.json", 5, ""),
                "badsrc": ("javascript:alert(1)", 5, ""),
            }
            for name, (src, limit, extra) in pages.items():
                (portal / f"{name}.html").write_text(
                    PORTAL.format(src=src, limit=limit, extra=extra), encoding="utf-8"
                )
            yield {"archive": archive_url, "portal": portal_url, "closed": closed_url}


def load(open_page, servers, name: str, **options: Any):
    opened = open_page(f"{servers['portal']}{name}.html", now=NOW, **options)
    opened.page.wait_for_selector(
        "#widget[data-seminars-state=done], #widget[data-seminars-state=failed]"
    )
    return opened


def talks(page) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "#widget .seminars-embed-talk",
        """items => items.map(li => {
            const a = li.querySelector('a.seminars-embed-title');
            return {
                title: li.querySelector('.seminars-embed-title').textContent,
                href: a ? a.getAttribute('href') : null,
                speakers: (li.querySelector('.seminars-embed-speakers') || {}).textContent,
                when: (li.querySelector('time') || {}).textContent,
                datetime: (li.querySelector('time') || {}).dateTime,
                status: (li.querySelector('.seminars-embed-status') || {}).textContent,
            };
        })""",
    )


def test_next_talks_in_the_readers_zone(open_page, servers) -> None:
    opened = load(open_page, servers, "plain", timezone_id="America/New_York")
    shown = talks(opened.page)
    assert [t["title"] for t in shown] == ["Groups", "Rings", "Fields"]
    archive = servers["archive"]
    assert shown[0]["href"] == f"{archive}talks/a.html#talk-a"
    assert shown[0]["speakers"] == "Ada Lovelace (Analytical Engines)"
    assert shown[0]["datetime"] == "2030-03-05T14:00:00+01:00"
    # 14:00 in Rome is 08:00 in New York.
    assert "08:00" in shown[0]["when"] and "14:00" not in shown[0]["when"]
    assert shown[1]["status"] == "Cancelled"
    colour = opened.page.eval_on_selector(
        "#widget a.seminars-embed-title", "a => getComputedStyle(a).color"
    )
    assert colour == "rgb(200, 0, 0)", "the portal's CSS variable sets the link colour"
    assert opened.problems == []


def test_limit_and_series(open_page, servers) -> None:
    opened = load(open_page, servers, "limit")
    assert [t["title"] for t in talks(opened.page)] == ["Groups"]
    opened = load(open_page, servers, "series")
    assert [t["title"] for t in talks(opened.page)] == ["Rings"]


def test_hostile_talks_json_stays_text(open_page, servers) -> None:
    opened = load(open_page, servers, "hostile")
    shown = talks(opened.page)
    assert [t["title"] for t in shown] == [HOSTILE_TITLE, "Data URL"]
    assert shown[0]["href"] is None, "javascript: is never a link"
    assert shown[0]["speakers"] == "<b>Mallory</b> (<i>Evil</i>)"
    # The data: URL is refused; the path is resolved against the archive, not the
    # javascript: site URL.
    assert shown[1]["href"] == f"{servers['archive']}talks/y.html"
    page = opened.page
    assert page.evaluate("window.PWNED") is None
    assert page.locator("#widget script, #widget img, #widget b, #widget i").count() == 0
    hrefs = page.eval_on_selector_all("#widget a", "as => as.map(a => a.protocol)")
    assert set(hrefs) <= {"http:", "https:"}
    page.locator("#widget a.seminars-embed-title").first.click()
    assert page.evaluate("window.PWNED") is None


@pytest.mark.parametrize("name", ["missing", "nocors"])
def test_fallback_link_when_the_fetch_fails(open_page, servers, name: str) -> None:
    opened = load(open_page, servers, name)
    assert opened.page.get_attribute("#widget", "data-seminars-state") == "failed"
    links = opened.page.eval_on_selector_all(
        "#widget a", "as => as.map(a => [a.textContent, a.href])"
    )
    base = servers["archive"] if name == "missing" else servers["closed"]
    assert links == [["Seminar talks", base]]
    assert talks(opened.page) == []
    # The browser reports the failed fetch itself; the script raised nothing.
    assert opened.problems, "the fetch did fail"
    assert not [p for p in opened.problems if p.startswith("page error")], opened.problems
    assert opened.page.get_attribute("#widget", "data-seminars-state") == "failed"


def test_a_source_that_is_not_http_is_not_fetched(open_page, servers) -> None:
    opened = load(open_page, servers, "badsrc")
    assert opened.page.get_attribute("#widget", "data-seminars-state") == "failed"
    assert opened.page.locator("#widget a").count() == 0
    assert opened.page.text_content("#widget") == "Seminar talks"
    assert opened.problems == []
