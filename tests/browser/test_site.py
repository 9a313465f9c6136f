"""A built site in a real browser: talk pages and listings as the reader's clock moves on.

``roots/site`` is built with ``seminars_now`` pinned on 2030-01-01: the Rome and
Tokyo talks are to come, ``old`` (November 2029) is over. The browser's clock then
decides, as a reader's would weeks after the build.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROME = ZoneInfo("Europe/Rome")
TOKYO = ZoneInfo("Asia/Tokyo")
#: rome.rst: 2030-05-25 14:00-15:00 Europe/Rome, series Colloquium (hide-online-after).
ROME_END = dt.datetime(2030, 5, 25, 15, 0, tzinfo=ROME)
#: tokyo.rst: 2030-06-10 09:00-10:00 Asia/Tokyo, no series, a public stream.
TOKYO_END = dt.datetime(2030, 6, 10, 10, 0, tzinfo=TOKYO)

MINUTE = dt.timedelta(minutes=1)
DASH = "\u2013"  # between a start and an end time


def text_of(locator) -> str:
    """Rendered text with narrow and no-break spaces (babel's, ICU's) as plain spaces."""
    return locator.inner_text().replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(scope="module", params=["alabaster", "furo"])
def site(request, browser, tmp_path_factory, browser_roots, site_builder, http_server):
    theme = request.param
    outdir = site_builder(browser_roots / "site", tmp_path_factory.mktemp(theme), html_theme=theme)
    with http_server(outdir) as server:
        server.theme = theme
        yield server


def test_talk_before_its_end(site, open_page):
    opened = open_page(site.url + "rome.html", now=ROME_END - MINUTE)
    assert not opened.visible("article.seminars-talk .seminars-passed")
    assert opened.visible("a.seminars-online-link")
    assert opened.visible("dt.seminars-field-online")
    assert opened.problems == []


def test_talk_at_its_end_is_passed_and_hides_private_link(site, open_page):
    opened = open_page(site.url + "rome.html", now=ROME_END)
    assert opened.visible("article.seminars-talk .seminars-passed")
    assert opened.page.locator(".seminars-passed").inner_text() == "This event has passed."
    # The whole "Online" row goes, label and link.
    assert not opened.visible("dt.seminars-field-online")
    assert not opened.visible("dd.seminars-field-online")
    assert not opened.visible("a.seminars-online-link")
    # The rest of the talk stays.
    assert opened.visible("dd.seminars-field-when")
    assert opened.visible("dd.seminars-field-where")
    assert opened.problems == []


def test_public_link_stays_after_the_talk(site, open_page):
    opened = open_page(site.url + "tokyo.html", now=TOKYO_END + dt.timedelta(days=30))
    assert opened.visible(".seminars-passed")
    assert opened.visible("a.seminars-online-link")
    assert opened.problems == []


def test_recording_and_slides_appear_when_the_talk_ends(site, open_page):
    opened = open_page(site.url + "tokyo.html", now=TOKYO_END - MINUTE)
    assert not opened.visible(".seminars-after-talk")
    opened = open_page(site.url + "tokyo.html", now=TOKYO_END)
    box = opened.page.locator(".seminars-after-talk")
    assert box.is_visible()
    assert box.locator("a.seminars-link").get_attribute("href") == (
        "https://slides.example.org/tokyo.pdf"
    )
    # Above the abstract, where readers look first.
    above = opened.page.evaluate(
        """() => {
      const box = document.querySelector(".seminars-after-talk");
      const abstract = document.querySelector(".seminars-abstract");
      return box.getBoundingClientRect().bottom <= abstract.getBoundingClientRect().top;
    }"""
    )
    assert above
    assert opened.problems == []


def test_open_page_catches_up_within_a_minute(site, open_page):
    opened = open_page(
        site.url + "rome.html", now=ROME_END - 30 * dt.timedelta(seconds=1), install_clock=True
    )
    assert not opened.visible(".seminars-passed")
    assert opened.visible("a.seminars-online-link")
    opened.page.clock.run_for(61_000)
    assert opened.visible(".seminars-passed")
    assert not opened.visible("a.seminars-online-link")
    assert opened.problems == []


def test_local_time_for_a_reader_in_new_york(site, open_page):
    opened = open_page(
        site.url + "rome.html", now=ROME_END - dt.timedelta(days=1), timezone_id="America/New_York"
    )
    when = opened.page.locator("dd.seminars-field-when")
    local = when.locator(".seminars-localtime")
    assert local.count() == 1
    # 14:00-15:00 CEST is 8:00-9:00 EDT, the same day: no date repeated.
    assert text_of(local) == f"· 8:00 AM{DASH}9:00 AM your time"
    assert local.get_attribute("title") == "America/New_York"
    # The talk's own time stays as built, and comes first.
    text = text_of(when)
    assert text.index(f"2:00 PM{DASH}3:00 PM") < text.index("8:00 AM")
    assert opened.problems == []


def test_local_time_names_the_day_when_it_differs(site, open_page):
    # 09:00 in Tokyo on Monday 10 June is 20:00 on Sunday 9 June in New York.
    opened = open_page(
        site.url + "tokyo.html",
        now=TOKYO_END - dt.timedelta(days=1),
        timezone_id="America/New_York",
    )
    when = opened.page.locator("dd.seminars-field-when")
    assert text_of(when.locator(".seminars-localtime")) == (
        f"· Sun, Jun 9, 8:00 PM{DASH}9:00 PM your time"
    )
    # The Tokyo talk is not in the site's zone, so its own zone is shown, before ours.
    text = text_of(when)
    assert "JST" in text
    assert text.index("JST") < text.index("your time")


@pytest.mark.parametrize("timezone_id", ["Europe/Rome", "Europe/Berlin"])
def test_no_local_time_when_the_offsets_agree(site, open_page, timezone_id):
    opened = open_page(site.url + "rome.html", now=ROME_END, timezone_id=timezone_id)
    assert opened.page.locator(".seminars-localtime").count() == 0
    assert opened.problems == []


def _pages(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if not path.relative_to(root).parts[0].startswith("_")
    )


#: What every page must show once the script ran, whoever wrote its listings
#: (the listing directive, series and speaker pages): a list of what is wrong.
CONTRACT = """(now) => {
  const wrong = [];
  const shown = (el) => el.getClientRects().length > 0;
  const over = (el) => Date.parse(el.dataset.seminarsEnd) <= now;
  for (const listing of document.querySelectorAll(".seminars-listing")) {
    const when = listing.dataset.seminarsWhen;
    const items = Array.from(listing.querySelectorAll(".seminars-item"));
    for (const item of items) {
      const id = item.dataset.seminarsTalkId;
      if (when === "upcoming" && shown(item) && over(item)) wrong.push(`upcoming shows ${id}`);
      if (when === "past" && shown(item) && !over(item)) wrong.push(`past shows ${id}`);
    }
    const empty = listing.querySelector(".seminars-empty");
    if (!empty) wrong.push(`a ${when} listing without its "no talks" line`);
    else if (shown(empty) === items.some(shown)) wrong.push(`${when}: "no talks" line wrong`);
  }
  // The reader is in New York, where no talk of the site is: every time gets its twin.
  const starts = document.querySelectorAll("time.seminars-start").length;
  const local = document.querySelectorAll(".seminars-localtime").length;
  if (starts !== local) wrong.push(`${starts} start times, ${local} in the reader's zone`);
  for (const talk of document.querySelectorAll("article.seminars-talk")) {
    const note = talk.querySelector(".seminars-passed");
    if (over(talk) && !(note && shown(note))) wrong.push("no passed note");
  }
  return wrong;
}"""


def test_every_page_loads_cleanly_and_its_links_resolve(site, open_page):
    pages = _pages(site.root)
    now = ROME_END + dt.timedelta(days=3)
    assert {"index.html", "rome.html", "tokyo.html", "listings.html"} <= set(pages)
    problems = {}
    opened = None
    for page in pages:
        # One context for all pages: the same clock and zone, a fresh load each time.
        if opened is None:
            opened = open_page(
                site.url + page,
                now=now,
                timezone_id="America/New_York",
            )
        else:
            opened.problems.clear()
            opened.page.goto(site.url + page, wait_until="load")
        found = opened.problems + site.broken_links(opened.links())
        found += opened.page.evaluate(CONTRACT, now.timestamp() * 1000)
        if found:
            problems[page] = found
    assert problems == {}


@pytest.mark.parametrize("width", [1100, 380])
def test_talk_page_fits_the_screen(site, open_page, width, tmp_path):
    opened = open_page(
        site.url + "rome.html",
        now=ROME_END,
        timezone_id="America/New_York",
        viewport={"width": width, "height": 900},
    )
    overflow = opened.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Kept for a look by eye when SEMINARS_SCREENSHOTS names a folder (CI artefacts).
    folder = Path(os.environ.get("SEMINARS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=folder / f"talk-{site.theme}-{width}.png", full_page=True)


# -- listings: "upcoming" grouped by month (a list), "past" as a table, on one page --------


def listing_state(opened) -> dict[str, list[str]]:
    """Talk ids shown in each listing of the page, and which "no talks" lines show."""
    return opened.page.evaluate(
        """() => {
          const out = {};
          for (const listing of document.querySelectorAll(".seminars-listing")) {
            const when = listing.dataset.seminarsWhen;
            const shown = (el) => el.getClientRects().length > 0;
            out[when] = Array.from(listing.querySelectorAll(".seminars-item"))
              .filter(shown).map((el) => el.dataset.seminarsTalkId);
            if (Array.from(listing.querySelectorAll(".seminars-empty")).some(shown)) {
              out[when].push("(no talks)");
            }
          }
          return out;
        }"""
    )


@pytest.mark.parametrize(
    ("now", "expected", "months"),
    [
        (
            dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            {"upcoming": ["rome", "tokyo"], "past": ["old"]},
            ["May 2030", "June 2030"],
        ),
        (
            ROME_END - dt.timedelta(seconds=1),
            {"upcoming": ["rome", "tokyo"], "past": ["old"]},
            ["May 2030", "June 2030"],
        ),
        (ROME_END, {"upcoming": ["tokyo"], "past": ["rome", "old"]}, ["June 2030"]),
        (
            TOKYO_END + dt.timedelta(days=400),
            {"upcoming": ["(no talks)"], "past": ["tokyo", "rome", "old"]},
            [],
        ),
    ],
    ids=["as-built", "before-rome-ends", "rome-ended", "all-over"],
)
def test_listings_follow_the_clock(site, open_page, now, expected, months):
    opened = open_page(site.url + "listings.html", now=now)
    assert listing_state(opened) == expected
    titles = opened.page.locator(".seminars-when-upcoming .seminars-group-title")
    assert [text_of(t) for t in titles.all() if t.is_visible()] == months
    assert opened.problems == []


def test_without_javascript_the_build_time_view_stands(site, open_page):
    opened = open_page(site.url + "listings.html", javascript=False)
    assert listing_state(opened) == {"upcoming": ["rome", "tokyo"], "past": ["old"]}
    opened = open_page(site.url + "rome.html", javascript=False)
    assert not opened.visible(".seminars-passed")
    assert opened.visible("a.seminars-online-link")
    assert opened.page.locator(".seminars-localtime").count() == 0


def test_listing_page_catches_up_within_a_minute(site, open_page):
    opened = open_page(
        site.url + "listings.html", now=ROME_END - dt.timedelta(seconds=10), install_clock=True
    )
    assert listing_state(opened)["upcoming"] == ["rome", "tokyo"]
    opened.page.clock.run_for(61_000)
    assert listing_state(opened) == {"upcoming": ["tokyo"], "past": ["rome", "old"]}


def test_listing_times_in_the_readers_zone(site, open_page):
    opened = open_page(
        site.url + "listings.html", now=ROME_END + MINUTE, timezone_id="America/New_York"
    )
    row = opened.page.locator('.seminars-when-past tr[data-seminars-talk-id="rome"]')
    assert text_of(row.locator(".seminars-localtime")) == f"· 8:00 AM{DASH}9:00 AM your time"
    # 16:00 CET on 5 November 2029 is 10:00 EST.
    row = opened.page.locator('.seminars-when-past tr[data-seminars-talk-id="old"]')
    assert text_of(row.locator(".seminars-localtime")) == f"· 10:00 AM{DASH}11:00 AM your time"
    assert opened.problems == []
