"""seminars.js on listings, on a hand-written page that follows the listing markup.

``roots/static/listing.html`` is what a build made on 2030-02-15 writes for a page
with an "upcoming" and a "past" listing: talks B (ends 2030-03-10 15:00 CET) and C
(ends 2030-04-20 17:00 CEST) to come, A (2030-02-01) over and shown in "past", B and
C also in "past" but hidden. The browser's clock then moves on.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

CET = dt.timezone(dt.timedelta(hours=1))
BUILD_DAY = dt.datetime(2030, 2, 15, 12, 0, tzinfo=CET)
DASH = "\u2013"  # between a start and an end time
B_END = dt.datetime(2030, 3, 10, 15, 0, tzinfo=CET)
C_END = dt.datetime(2030, 4, 20, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture(scope="module")
def fixture_site(browser, tmp_path_factory, browser_roots, package_static, http_server):
    root = tmp_path_factory.mktemp("static")
    for path in (browser_roots / "static").iterdir():
        shutil.copy(path, root)
    for name in ("seminars.js", "seminars.css"):  # the package's own, as a build copies them
        shutil.copy(package_static / name, root)
    page = (root / "listing.html").read_text(encoding="utf-8")
    pinned = '<meta name="seminars-now" content="2030-03-10T15:00:00+01:00">\n'
    (root / "pinned-meta.html").write_text(
        page.replace("<head>\n", "<head>\n  " + pinned, 1), encoding="utf-8"
    )
    # A site in Italian that translates "your time" through the page's meta tag.
    italian = page.replace('<html lang="en">', '<html lang="it">', 1).replace(
        "<head>\n", '<head>\n  <meta name="seminars-your-time" content="ora tua">\n', 1
    )
    (root / "italian.html").write_text(italian, encoding="utf-8")
    with http_server(root) as server:
        yield server


def text_of(locator) -> str:
    """Rendered text with narrow and no-break spaces (ICU's) as plain spaces."""
    return locator.inner_text().replace("\u202f", " ").replace("\xa0", " ")


def shown(opened, *ids: str) -> dict[str, bool]:
    return {name: opened.visible(f"#{name}") for name in ids}


ITEMS = ("up-b", "up-c", "past-a", "past-b", "past-c")
EMPTIES = ("#upcoming > .seminars-empty", "#past > .seminars-empty")


def empties(opened) -> tuple[bool, bool]:
    return tuple(opened.visible(selector) for selector in EMPTIES)


def test_as_built(fixture_site, open_page):
    opened = open_page(fixture_site.url + "listing.html", now=BUILD_DAY)
    assert shown(opened, *ITEMS) == {
        "up-b": True,
        "up-c": True,
        "past-a": True,
        "past-b": False,
        "past-c": False,
    }
    assert empties(opened) == (False, False)
    assert opened.problems == []


@pytest.mark.parametrize(
    ("now", "expected", "groups"),
    [
        # One second before B ends: nothing moves yet.
        (
            B_END - dt.timedelta(seconds=1),
            {"up-b": True, "up-c": True, "past-a": True, "past-b": False, "past-c": False},
            {"group-march": True, "group-april": True},
        ),
        # B's end: it leaves "upcoming" (and its month heading with it) for "past".
        (
            B_END,
            {"up-b": False, "up-c": True, "past-a": True, "past-b": True, "past-c": False},
            {"group-march": False, "group-april": True},
        ),
        # After C: "upcoming" is empty and says so.
        (
            C_END + dt.timedelta(days=30),
            {"up-b": False, "up-c": False, "past-a": True, "past-b": True, "past-c": True},
            {"group-march": False, "group-april": False},
        ),
    ],
    ids=["before-b-ends", "b-ended", "all-over"],
)
def test_clock_moves_talks_from_upcoming_to_past(fixture_site, open_page, now, expected, groups):
    opened = open_page(fixture_site.url + "listing.html", now=now)
    assert shown(opened, *ITEMS) == expected
    assert shown(opened, *groups) == groups
    upcoming_left = expected["up-b"] or expected["up-c"]
    assert empties(opened) == (not upcoming_left, False)
    assert opened.problems == []


def test_all_listings_and_unreadable_ends_are_left_alone(fixture_site, open_page):
    opened = open_page(fixture_site.url + "listing.html", now=C_END + dt.timedelta(days=30))
    assert shown(opened, "all-a", "all-b", "odd-item") == {
        "all-a": True,
        "all-b": True,
        "odd-item": True,
    }
    assert not opened.visible("#all > .seminars-empty")
    assert not opened.visible("#odd > .seminars-empty")
    # A listing the build found empty keeps saying so.
    assert opened.visible("#none > .seminars-empty")
    assert opened.problems == []


LIMITED = ("past-c", "past-b", "past-a", "past-z", "up-b")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            BUILD_DAY,
            {"past-c": False, "past-b": False, "past-a": True, "past-z": True, "up-b": True},
        ),
        # B moves to "past": it is newest, so Z (third) goes; never more than two.
        (
            B_END,
            {"past-c": False, "past-b": True, "past-a": True, "past-z": False, "up-b": False},
        ),
        (
            C_END + dt.timedelta(days=30),
            {"past-c": True, "past-b": True, "past-a": False, "past-z": False, "up-b": False},
        ),
    ],
    ids=["as-built", "b-ended", "all-over"],
)
def test_limit_holds_when_talks_move_across(fixture_site, open_page, now, expected):
    """``:limit:`` (``data-seminars-limit``) caps what the script shows, in page order."""
    opened = open_page(fixture_site.url + "limited.html", now=now)
    assert shown(opened, *LIMITED) == expected
    assert not opened.visible("#past > .seminars-empty")
    assert opened.visible("#upcoming > .seminars-empty") == (not expected["up-b"])
    assert opened.problems == []


def test_open_page_catches_up_once_a_minute(fixture_site, open_page):
    opened = open_page(
        fixture_site.url + "listing.html", now=B_END - dt.timedelta(seconds=20), install_clock=True
    )
    assert shown(opened, "up-b", "past-b") == {"up-b": True, "past-b": False}
    opened.page.clock.run_for(61_000)
    assert shown(opened, "up-b", "past-b") == {"up-b": False, "past-b": True}
    assert opened.problems == []


def test_now_pinned_by_meta_tag(fixture_site, open_page):
    # No fake clock: the page's <meta name="seminars-now"> (B's end) decides.
    opened = open_page(fixture_site.url + "pinned-meta.html")
    assert shown(opened, "up-b", "past-b", "up-c") == {"up-b": False, "past-b": True, "up-c": True}
    assert opened.problems == []


def test_now_pinned_by_window_variable(fixture_site, open_page):
    opened = open_page(fixture_site.url + "listing.html", now=BUILD_DAY, install_clock=True)
    opened.page.evaluate("window.SEMINARS_NOW = '2030-05-01T00:00:00Z'")
    opened.page.clock.run_for(61_000)
    assert shown(opened, "up-b", "up-c", "past-c") == {
        "up-b": False,
        "up-c": False,
        "past-c": True,
    }
    assert opened.visible("#upcoming > .seminars-empty")


def test_listing_times_in_the_readers_zone(fixture_site, open_page):
    opened = open_page(
        fixture_site.url + "listing.html", now=BUILD_DAY, timezone_id="America/New_York"
    )
    # 14:00-15:00 CET on 10 March is 9:00-10:00 EDT (New York is already on summer time).
    assert text_of(opened.page.locator("#up-b .seminars-localtime")) == (
        f"· 9:00 AM{DASH}10:00 AM your time"
    )
    # After the talk's own zone label, not between its times.
    assert (
        opened.page.evaluate(
            "() => document.querySelector('#up-b .seminars-localtime')"
            ".previousElementSibling.className"
        )
        == "seminars-zone"
    )
    assert text_of(opened.page.locator("#up-c .seminars-localtime")) == (
        f"· 10:00 AM{DASH}11:00 AM your time"
    )
    assert opened.problems == []


def test_page_without_any_seminars_markup(fixture_site, open_page, tmp_path):
    (fixture_site.root / "plain.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><script defer src="seminars.js"></script>'
        "</head><body><p>Nothing here.</p></body></html>",
        encoding="utf-8",
    )
    opened = open_page(fixture_site.url + "plain.html", install_clock=True, now=BUILD_DAY)
    opened.page.clock.run_for(61_000)
    assert opened.problems == []


def test_local_times_in_the_pages_language(fixture_site, open_page):
    opened = open_page(
        fixture_site.url + "italian.html", now=BUILD_DAY, timezone_id="America/New_York"
    )
    text = text_of(opened.page.locator("#up-b .seminars-localtime"))
    assert text in (f"· 09:00{DASH}10:00 ora tua", f"· 9:00{DASH}10:00 ora tua")
    assert opened.problems == []
