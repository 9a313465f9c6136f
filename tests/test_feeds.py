"""iCalendar feeds and the calendar links of talk pages (``feeds.py``).

Every check parses the output: feeds with ``icalendar`` (and vobject, and
Mozilla's ical.js when npm can install it), pages with BeautifulSoup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.model import Series, Talk, public_view, resolve_talk
from sphinxext.seminars.publish import ical as feeds
from sphinxext.seminars.publish.site import Site, series_feed_path, site_feed_path, talk_feed_path
from sphinxext.seminars.store.domain import get_domain

ROOT = Path(__file__).parent / "roots" / "test-feeds"
BASE = "https://seminars.example.org/archive/"
ROME = ZoneInfo("Europe/Rome")
NO_URL_MESSAGE = (
    "seminars: neither html_baseurl nor READTHEDOCS_CANONICAL_URL is set; "
    "calendar events have no URL and talk pages no subscribe links"
)


# -- building ---------------------------------------------------------------------


def copy_root(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    srcdir = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def build(
    srcdir: Path, builddir: Path, buildername: str = "html", **kwargs: object
) -> SphinxTestApp:
    """Build once and return the (cleaned-up) app; its env and outdir stay readable."""
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        status=StringIO(),
        warning=StringIO(),
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def ics_files(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(Path(outdir).rglob("*.ics"))
    }


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def events(data: bytes) -> dict[str, icalendar.Event]:
    """VEVENTs by the talk id in their UID."""
    return {str(e["UID"]).split("@")[0]: e for e in parse(data).walk("VEVENT")}


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root(tmp_path_factory, "html")
    return build(srcdir, srcdir.parent / "build")


@pytest.fixture(scope="module")
def outdir(html: SphinxTestApp) -> Path:
    return Path(html.outdir)


@pytest.fixture(scope="module")
def talk_feeds(outdir: Path) -> dict[str, icalendar.Event]:
    """The event of every per-talk file, by talk id."""
    found = {}
    for path in sorted((outdir / "seminars" / "talks").glob("*.ics")):
        (event,) = events(path.read_bytes()).values()
        found[str(event["UID"]).split("@")[0]] = event
    return found


# -- files and fields --------------------------------------------------------------


def test_files_written(outdir: Path) -> None:
    written = sorted(ics_files(outdir))
    # Topic and speaker calendars are tested in test_topics.py.
    groups = ("seminars/speakers/", "seminars/topics/")
    assert any(name.startswith("seminars/speakers/") for name in written)
    assert [name for name in written if not name.startswith(groups)] == [
        "seminars/series/analysis-seminar.ics",
        "seminars/series/colloquium.ics",
        "seminars/talks.ics",
        "seminars/talks/group~ny-1.ics",
        "seminars/talks/talks~allday.ics",
        "seminars/talks/talks~cancelled.ics",
        "seminars/talks/talks~fixed.ics",
        "seminars/talks/talks~nasty.ics",
        "seminars/talks/talks~postponed.ics",
        "seminars/talks/talks~rome-2023.ics",
        "seminars/talks/talks~rome-summer.ics",
        "seminars/talks/talks~rome-winter.ics",
    ]


def test_calendar_properties(outdir: Path) -> None:
    site = parse((outdir / "seminars/talks.ics").read_bytes())
    assert str(site["VERSION"]) == "2.0"
    assert str(site["PRODID"]) == feeds.PRODID
    assert str(site["METHOD"]) == "PUBLISH"
    assert str(site["X-WR-CALNAME"]) == str(site["NAME"]) == "Feeds Test"
    assert str(site["X-WR-CALDESC"]) == "Talks of the Feeds Test group"
    assert str(site["SOURCE"]) == BASE + "seminars/talks.ics"
    assert site["REFRESH-INTERVAL"].dt == dt.timedelta(days=1)
    # A DURATION value (RFC 5545 3.3.6), as Outlook reads it; not Python's "1 day, 0:00:00".
    ttl = site["X-PUBLISHED-TTL"]
    assert ttl.to_ical() == b"P1D"
    assert icalendar.vDuration.from_ical(ttl.to_ical().decode()) == dt.timedelta(days=1)
    series = parse((outdir / "seminars/series/analysis-seminar.ics").read_bytes())
    assert str(series["X-WR-CALNAME"]) == "Analysis Seminar"
    assert str(series["X-WR-CALDESC"]) == "Weekly analysis seminar."
    single = parse((outdir / "seminars/talks/talks~allday.ics").read_bytes())
    assert "REFRESH-INTERVAL" not in single


def test_summer_and_winter_in_rome(talk_feeds: dict[str, icalendar.Event]) -> None:
    summer, winter = talk_feeds["talks/rome-summer"], talk_feeds["talks/rome-winter"]
    assert summer["DTSTART"].params["TZID"] == "Europe/Rome"
    assert summer["DTSTART"].dt == dt.datetime(2022, 5, 25, 14, tzinfo=ROME)
    assert summer["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2022, 5, 25, 12, tzinfo=dt.UTC)
    assert summer["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2022, 5, 25, 13, 30, tzinfo=dt.UTC)
    assert winter["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2022, 12, 14, 13, tzinfo=dt.UTC)
    # No :end: nor :duration: -> the default hour.
    assert winter["DTEND"].dt - winter["DTSTART"].dt == dt.timedelta(hours=1)


def test_vtimezone_in_file_gives_the_instants(outdir: Path) -> None:
    """The file's own VTIMEZONE (not a zone database) puts the talks at the right UTC time."""
    for name, expected in (
        ("talks~rome-summer", dt.datetime(2022, 5, 25, 12, tzinfo=dt.UTC)),
        ("talks~rome-winter", dt.datetime(2022, 12, 14, 13, tzinfo=dt.UTC)),
        ("group~ny-1", dt.datetime(2023, 7, 4, 14, tzinfo=dt.UTC)),
    ):
        calendar = parse((outdir / f"seminars/talks/{name}.ics").read_bytes())
        (zone,) = calendar.walk("VTIMEZONE")
        tzinfo = zone.to_tz(lookup_tzid=False)
        (event,) = calendar.walk("VEVENT")
        local = event["DTSTART"].dt.replace(tzinfo=tzinfo)
        assert local.astimezone(dt.UTC) == expected, name


def test_one_onset_per_observance_and_one_vtimezone_per_zone(outdir: Path) -> None:
    for relative, data in ics_files(outdir).items():
        calendar = parse(data)
        zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
        assert zones == sorted(set(zones)), relative
        used = {
            e["DTSTART"].params["TZID"]
            for e in calendar.walk("VEVENT")
            if "TZID" in e["DTSTART"].params
        }
        assert set(zones) == used, relative
        for observance in [*calendar.walk("STANDARD"), *calendar.walk("DAYLIGHT")]:
            # ical.js ignores DTSTART as an onset once RDATE is present, and reads
            # only the first value of a multi-valued one: one onset per observance.
            assert "RDATE" not in observance and "RRULE" not in observance, relative
    site = parse((outdir / "seminars/talks.ics").read_bytes())
    assert [str(z["TZID"]) for z in site.walk("VTIMEZONE")] == ["America/New_York", "Europe/Rome"]


def test_event_fields(talk_feeds: dict[str, icalendar.Event]) -> None:
    event = talk_feeds["talks/rome-summer"]
    assert str(event["UID"]) == "talks/rome-summer@seminars.example.org/archive"
    assert event["DTSTAMP"].dt == dt.datetime(2022, 5, 25, 12, tzinfo=dt.UTC)
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Maria Rossi: Regularity for nonlinear PDE"
    assert str(event["LOCATION"]) == "Aula Magna"  # from the series
    assert str(event["URL"]) == BASE + "talks/rome-summer.html#talk-talks-rome-summer"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Analysis Seminar", "pde", "analysis"]
    (conference,) = event.conferences
    assert conference.uri == "https://meet.example.org/abc-defg-hij"
    paragraphs = str(event["DESCRIPTION"]).split("\n\n")
    assert paragraphs[0] == "Speaker: Maria Rossi (Università di Roma)"
    assert paragraphs[1] == r"We prove that u \in C^{1,\alpha} for every weak solution."
    assert paragraphs[2].splitlines() == [
        "Join online: https://meet.example.org/abc-defg-hij",
        "Slides: https://example.org/slides.pdf",
        "Talk page: " + BASE + "talks/rome-summer.html#talk-talks-rome-summer",
    ]


def test_all_day_fixed_offset_and_status(talk_feeds: dict[str, icalendar.Event]) -> None:
    allday = talk_feeds["talks/allday"]
    assert allday["DTSTART"].dt == dt.date(2023, 3, 10)
    assert not isinstance(allday["DTSTART"].dt, dt.datetime)
    assert allday["DTEND"].dt == dt.date(2023, 3, 11)
    assert str(allday["SUMMARY"]) == "Stochastic analysis day"
    fixed = talk_feeds["talks/fixed"]
    assert fixed["DTSTART"].dt == dt.datetime(2024, 4, 9, 20, 30, tzinfo=dt.UTC)
    assert "TZID" not in fixed["DTSTART"].params
    assert fixed["DTEND"].dt == dt.datetime(2024, 4, 9, 21, 30, tzinfo=dt.UTC)
    assert str(talk_feeds["talks/cancelled"]["STATUS"]) == "CANCELLED"
    postponed = talk_feeds["talks/postponed"]
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert str(postponed["DESCRIPTION"]).split("\n\n")[0] == (
        "This talk is postponed; the new date is not known yet."
    )


def test_hostile_text_stays_inside_its_property(
    talk_feeds: dict[str, icalendar.Event], outdir: Path, html: SphinxTestApp
) -> None:
    event = talk_feeds["talks/nasty"]
    # Tags holding ";" and a backslash come back as the model has them.
    stored = get_domain(html.env).talks["talks/nasty"]
    assert len(stored.tags) >= 2
    assert [str(c) for c in event["CATEGORIES"].cats] == list(stored.tags)
    assert str(event["SUMMARY"]) == (
        "José Ñúñez, Zoë O'Brien: Semi; colons, commas and àccents SUMMARY:injected"
    )
    assert str(event["LOCATION"]) == "Room 1, Building B; DTSTART:19700101T000000Z"
    assert event["DTSTART"].dt == dt.datetime(2022, 11, 3, 11, tzinfo=ROME)
    assert "END:VEVENT\nBEGIN:VEVENT\nUID:evil" in str(event["DESCRIPTION"])
    # One event per file, one of each singleton property, whatever the text held.
    data = (outdir / "seminars/talks/talks~nasty.ics").read_bytes()
    (only,) = parse(data).walk("VEVENT")
    for name in ("UID", "DTSTART", "SUMMARY", "LOCATION", "DTSTAMP"):
        assert not isinstance(only[name], list), name
    # The javascript: link was refused at read time and never reaches any feed.
    assert "CONFERENCE" not in only
    for relative, blob in ics_files(outdir).items():
        for component in parse(blob).walk():
            for name, value in component.property_items(recursive=False):
                assert (
                    "javascript"
                    not in str(value.to_ical() if hasattr(value, "to_ical") else value).lower()
                ), (relative, name)


def test_site_feed_window(outdir: Path) -> None:
    site = events((outdir / "seminars/talks.ics").read_bytes())
    assert len(site) == 9  # every talk: fewer than seminars_feed_past_talks (200)
    series = events((outdir / "seminars/series/colloquium.ics").read_bytes())
    assert sorted(series) == ["group/ny-1", "talks/fixed"]


def talk_at(day: dt.datetime, number: int) -> Talk:
    talk = Talk(id=f"t{number}", title="T", docname=f"t{number}", lineno=1, anchor="a", start=day)
    return resolve_talk(talk, None, "UTC", dt.timedelta(hours=1))


def test_window_counts_back_from_the_newest_talk() -> None:
    talks = [talk_at(dt.datetime(2020, 1, 1 + i, 10, tzinfo=dt.UTC), i) for i in range(10)]
    now = dt.datetime(2020, 1, 8, tzinfo=dt.UTC)  # talks 7, 8, 9 are ahead
    assert [t.id for t in feeds.site_window(talks, 4, now)] == ["t6", "t7", "t8", "t9"]
    # The same on any other day: the window does not move with the clock...
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert feeds.site_window(talks, 4, later) == feeds.site_window(talks, 4, now)
    # ...but a talk still ahead is never dropped, and negative keeps everything.
    assert [t.id for t in feeds.site_window(talks, 1, now)] == ["t7", "t8", "t9"]
    assert len(feeds.site_window(talks, -1, now)) == 10


def test_assembled_bytes_equal_icalendar_calendar(html: SphinxTestApp, outdir: Path) -> None:
    """Serialising components once and joining them gives Calendar.to_ical()'s bytes."""
    domain = get_domain(html.env)
    site = Site.from_app(html)
    ordered = domain.ordered_talks
    head = feeds.CalendarHead(site.name, site.description, site.absolute(site.site_path))
    calendar = feeds.FeedSet.header(head)
    calendar.add_component(feeds.vtimezone("America/New_York", 2023, 2023))
    calendar.add_component(feeds.vtimezone("Europe/Rome", 2022, 2023))
    page_url = site.page_url
    for talk in ordered:
        calendar.add_component(feeds.talk_event(talk, site, page_url(talk)))
    assert calendar.to_ical() == (outdir / "seminars/talks.ics").read_bytes()


# -- independent parsers -----------------------------------------------------------


def test_vobject_reads_the_same_instants(outdir: Path) -> None:
    for relative, data in ics_files(outdir).items():
        reference = events(data)
        calendar = vobject.readOne(data.decode("utf-8"))
        seen = 0
        for vevent in calendar.vevent_list:
            talk_id = vevent.uid.value.split("@")[0]
            expected = reference[talk_id]
            for name in ("dtstart", "dtend"):
                ours, theirs = expected[name.upper()].dt, getattr(vevent, name).value
                if isinstance(ours, dt.datetime):
                    assert theirs.astimezone(dt.UTC) == ours.astimezone(dt.UTC), (
                        relative,
                        talk_id,
                    )
                else:
                    assert theirs == ours
            assert vevent.summary.value == str(expected["SUMMARY"])
            seen += 1
        assert seen == len(reference)


ICALJS_SCRIPT = """
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
const comp = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
const out = comp.getAllSubcomponents("vevent").map((v) => {
  const e = new ICAL.Event(v);
  return {
    uid: e.uid, date: e.startDate.isDate,
    start: e.startDate.toUnixTime(), end: e.endDate.toUnixTime(),
  };
});
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ical.js installed from npm, or skip."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node/npm not available")
    folder = tmp_path_factory.mktemp("icaljs")
    try:
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "ical.js@2"],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=180,
        )
    except (subprocess.SubprocessError, OSError):
        pytest.skip("could not install ical.js from npm")
    (folder / "read.mjs").write_text(ICALJS_SCRIPT, encoding="utf-8")
    return folder


def test_icaljs_reads_the_same_instants(icaljs: Path, outdir: Path) -> None:
    """Mozilla's parser (Thunderbird) has no zone database: it uses the file's VTIMEZONE."""
    for path in [
        outdir / "seminars/talks.ics",
        *sorted((outdir / "seminars/talks").glob("*.ics")),
    ]:
        result = subprocess.run(
            ["node", str(icaljs / "read.mjs"), str(path)],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        reference = events(path.read_bytes())
        parsed = json.loads(result.stdout)
        assert len(parsed) == len(reference)
        for item in parsed:
            expected = reference[item["uid"].split("@")[0]]
            if item["date"]:
                continue
            assert item["start"] == int(expected["DTSTART"].dt.timestamp()), (path.name, item)
            assert item["end"] == int(expected["DTEND"].dt.timestamp()), (path.name, item)


# -- reproducibility --------------------------------------------------------------


@pytest.fixture(scope="module")
def second_clean(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root(tmp_path_factory, "again")
    return build(srcdir, srcdir.parent / "build")


@pytest.fixture(scope="module")
def parallel(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root(tmp_path_factory, "parallel")
    return build(srcdir, srcdir.parent / "build", parallel=2)


def test_two_clean_builds_are_byte_identical(outdir: Path, second_clean: SphinxTestApp) -> None:
    assert ics_files(Path(second_clean.outdir)) == ics_files(outdir)


def test_parallel_build_is_byte_identical(outdir: Path, parallel: SphinxTestApp) -> None:
    assert ics_files(Path(parallel.outdir)) == ics_files(outdir)


def test_incremental_build_equals_clean_build(tmp_path_factory: pytest.TempPathFactory) -> None:
    srcdir = copy_root(tmp_path_factory, "incremental")
    builddir = srcdir.parent / "build"
    first = build(srcdir, builddir)
    out = Path(first.outdir)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.ics")}

    # A build with no change rewrites no feed.
    build(srcdir, builddir)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.ics")} == before

    # Edit a talk (new time and title), delete another, and the only Colloquium talks.
    winter = srcdir / "talks/rome-winter.rst"
    text = winter.read_text(encoding="utf-8")
    text = text.replace("Winter talk", "Winter talk, moved").replace("14:00", "17:00")
    winter.write_text(text, encoding="utf-8")
    future = dt.datetime.now(dt.UTC).timestamp() + 5
    os.utime(winter, (future, future))
    for gone in ("talks/cancelled.rst", "talks/fixed.rst", "talks/newyork.rst"):
        (srcdir / gone).unlink()
    build(srcdir, builddir)
    clean = build(srcdir, srcdir.parent / "clean")
    assert ics_files(out) == ics_files(Path(clean.outdir))
    names = set(ics_files(out))
    assert "seminars/talks/talks~cancelled.ics" not in names
    assert "seminars/series/colloquium.ics" not in names
    moved = events((out / "seminars/talks/talks~rome-winter.ics").read_bytes())[
        "talks/rome-winter"
    ]
    assert moved["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2022, 12, 14, 16, tzinfo=dt.UTC)
    assert str(moved["UID"]) == "talks/rome-winter@seminars.example.org/archive"
    # Untouched talks keep their file as it was (not even rewritten).
    untouched = out / "seminars/talks/talks~rome-summer.ics"
    assert untouched.stat().st_mtime_ns == before[untouched]


def test_removal_spares_other_ics_files(tmp_path: Path) -> None:
    """Stale files are removed only when they are feeds this extension wrote."""
    folder = tmp_path / "seminars" / "talks"
    folder.mkdir(parents=True)
    foreign = folder / "theirs.ics"
    foreign.write_bytes(
        b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    )
    head = feeds.FeedSet.header(feeds.CalendarHead("x"))
    ours = folder / "old.ics"
    ours.write_bytes(head.to_ical())
    written, removed = feeds.write_files(
        tmp_path, {"seminars/talks/new.ics": head.to_ical()}, ["seminars/talks"]
    )
    assert (written, removed) == (1, 1)
    assert sorted(p.name for p in folder.iterdir()) == ["new.ics", "theirs.ics"]


# -- builders and base URL ---------------------------------------------------------


@pytest.fixture(scope="module")
def dirhtml(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root(tmp_path_factory, "dirhtml")
    return build(srcdir, srcdir.parent / "build", "dirhtml")


@pytest.mark.parametrize("buildername", ["text", "latex", "epub"])
def test_no_feeds_for_other_builders(
    tmp_path_factory: pytest.TempPathFactory, buildername: str
) -> None:
    srcdir = copy_root(tmp_path_factory, buildername)
    app = build(srcdir, srcdir.parent / "build", buildername)
    out = Path(app.outdir)
    assert list(out.rglob("*.ics")) == []
    if buildername == "epub":
        with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
            page = book.read("talks/rome-summer.xhtml")
        soup = BeautifulSoup(page, "html5lib")
        assert soup.select(".seminars-meta")  # the talk is there, with its details
        assert soup.select(".seminars-calendar-links") == []


def calendar_links(page: Path) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    (paragraph,) = soup.select("p.seminars-calendar-links")
    return {
        next(c for c in a["class"] if c.startswith("seminars-calendar-")): a["href"]
        for a in paragraph.find_all("a")
    }


def test_talk_page_links(outdir: Path) -> None:
    page = outdir / "talks/rome-summer.html"
    links = calendar_links(page)
    assert sorted(links) == [
        "seminars-calendar-google",
        "seminars-calendar-ics",
        "seminars-calendar-outlook",
        "seminars-calendar-subscribe",
        "seminars-calendar-subscribe-series",
    ]
    # The relative link reaches the talk's own file.
    ics = (page.parent / links["seminars-calendar-ics"]).resolve()
    assert ics == (outdir / "seminars/talks/talks~rome-summer.ics").resolve()
    assert (
        links["seminars-calendar-subscribe"]
        == "webcal://seminars.example.org/archive/seminars/talks.ics"
    )
    assert links["seminars-calendar-subscribe-series"] == (
        "webcal://seminars.example.org/archive/seminars/series/analysis-seminar.ics"
    )
    google = urlsplit(links["seminars-calendar-google"])
    assert (google.scheme, google.netloc, google.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(google.query)
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Maria Rossi: Regularity for nonlinear PDE"]
    assert query["dates"] == ["20220525T120000Z/20220525T133000Z"]
    assert query["location"] == ["Aula Magna"]
    assert (
        query["details"][0].splitlines()[0]
        == r"We prove that u \in C^{1,\alpha} for every weak solution."
    )
    outlook = urlsplit(links["seminars-calendar-outlook"])
    assert (outlook.netloc, outlook.path) == ("outlook.live.com", "/calendar/0/deeplink/compose")
    query = parse_qs(outlook.query)
    assert query["subject"] == ["Maria Rossi: Regularity for nonlinear PDE"]
    assert (query["startdt"], query["enddt"], query["allday"]) == (
        ["2022-05-25T12:00:00Z"],
        ["2022-05-25T13:30:00Z"],
        ["false"],
    )


def test_all_day_cancelled_and_hostile_links(outdir: Path) -> None:
    allday = calendar_links(outdir / "talks/allday.html")
    query = parse_qs(urlsplit(allday["seminars-calendar-google"]).query)
    assert query["dates"] == ["20230310/20230311"]
    query = parse_qs(urlsplit(allday["seminars-calendar-outlook"]).query)
    assert (query["startdt"], query["allday"]) == (["2023-03-10"], ["true"])
    # A cancelled talk offers its .ics (it says CANCELLED) but nothing to add it anew.
    cancelled = calendar_links(outdir / "talks/cancelled.html")
    assert "seminars-calendar-google" not in cancelled and "seminars-calendar-ics" in cancelled
    nasty = calendar_links(outdir / "talks/nasty.html")
    query = parse_qs(urlsplit(nasty["seminars-calendar-google"]).query)
    assert query["text"] == [
        "José Ñúñez, Zoë O'Brien: Semi; colons, commas and àccents SUMMARY:injected"
    ]
    assert query["location"] == ["Room 1, Building B; DTSTART:19700101T000000Z"]
    for href in nasty.values():
        assert urlsplit(href).scheme in {"", "https", "webcal"}
    soup = BeautifulSoup((outdir / "talks/nasty.html").read_text(encoding="utf-8"), "html5lib")
    assert not [
        a
        for a in soup.find_all("a", href=True)
        if a["href"].strip().lower().startswith("javascript")
    ]


def test_dirhtml_feeds_and_links(dirhtml: SphinxTestApp) -> None:
    out = Path(dirhtml.outdir)
    assert "seminars/talks/talks~rome-summer.ics" in ics_files(out)
    links = calendar_links(out / "talks/rome-summer/index.html")
    target = urljoin(BASE + "talks/rome-summer/", links["seminars-calendar-ics"])
    assert target == BASE + "seminars/talks/talks~rome-summer.ics"
    event = events((out / "seminars/talks/talks~rome-summer.ics").read_bytes())[
        "talks/rome-summer"
    ]
    assert str(event["URL"]) == BASE + "talks/rome-summer/#talk-talks-rome-summer"


@pytest.fixture(scope="module")
def no_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = copy_root(tmp_path_factory, "nobase")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
        yield build(srcdir, srcdir.parent / "build", confoverrides={"html_baseurl": ""})


def test_without_base_url(no_base_url: SphinxTestApp) -> None:
    status = no_base_url._status.getvalue().splitlines()
    assert [line for line in status if line.strip() == NO_URL_MESSAGE] == [NO_URL_MESSAGE]
    out = Path(no_base_url.outdir)
    event = events((out / "seminars/talks/talks~rome-summer.ics").read_bytes())[
        "talks/rome-summer"
    ]
    assert "URL" not in event
    assert str(event["UID"]) == "talks/rome-summer@feeds-test"
    assert "SOURCE" not in parse((out / "seminars/talks.ics").read_bytes())
    links = calendar_links(out / "talks/rome-summer.html")
    assert sorted(links) == [
        "seminars-calendar-google",
        "seminars-calendar-ics",
        "seminars-calendar-outlook",
    ]


def test_read_the_docs_canonical_url(tmp_path_factory: pytest.TempPathFactory) -> None:
    srcdir = copy_root(tmp_path_factory, "rtd")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READTHEDOCS_CANONICAL_URL", "https://group.readthedocs.io/en/latest/")
        app = build(srcdir, srcdir.parent / "build", confoverrides={"html_baseurl": ""})
    assert NO_URL_MESSAGE not in app._status.getvalue()
    event = events((Path(app.outdir) / "seminars/talks/talks~allday.ics").read_bytes())[
        "talks/allday"
    ]
    assert (
        str(event["URL"])
        == "https://group.readthedocs.io/en/latest/talks/allday.html#talk-talks-allday"
    )
    assert str(event["UID"]) == "talks/allday@group.readthedocs.io/en/latest"


@pytest.mark.parametrize("key", ["Europe/Rome", "Australia/Sydney", "Asia/Tokyo"])
def test_vtimezone_depends_only_on_zone_and_years(key: str) -> None:
    """A talk's file does not change when talks of other years share its zone."""
    alone = feeds.vtimezone(key, 2023, 2023).to_ical()
    shared = feeds.vtimezone(key, 2023, 2023, feeds.zone_onsets(key, 1995, 2030)).to_ical()
    assert alone == shared
    (first, *_rest) = icalendar.Timezone.from_ical(alone).subcomponents
    assert first.decoded("DTSTART") == dt.datetime(2023, 1, 1)
    # The offset it starts with is the one in force on 1 January.
    expected = dt.datetime(2023, 1, 1, tzinfo=ZoneInfo(key)).utcoffset()
    assert first.decoded("TZOFFSETTO") == expected


def test_site_window_does_not_follow_the_clock(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Two builds with different "now" keep the same site feed (4 newest talks)."""
    feeds_by_now = []
    for now in ("2023-06-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00"):
        srcdir = copy_root(tmp_path_factory, "window")
        overrides = {"seminars_now": now, "seminars_feed_past_talks": 4}
        app = build(srcdir, srcdir.parent / "build", confoverrides=overrides)
        feeds_by_now.append((Path(app.outdir) / "seminars/talks.ics").read_bytes())
    assert feeds_by_now[0] == feeds_by_now[1]
    assert list(events(feeds_by_now[0])) == [
        "talks/allday",
        "talks/rome-2023",
        "group/ny-1",
        "talks/fixed",
    ]


def test_switching_feeds_off_removes_them(tmp_path_factory: pytest.TempPathFactory) -> None:
    srcdir = copy_root(tmp_path_factory, "off")
    builddir = srcdir.parent / "build"
    app = build(srcdir, builddir)
    assert ics_files(Path(app.outdir))
    app = build(srcdir, builddir, confoverrides={"seminars_feeds": False})
    assert ics_files(Path(app.outdir)) == {}
    soup = BeautifulSoup(
        (Path(app.outdir) / "talks/rome-summer.html").read_text(encoding="utf-8"), "html5lib"
    )
    assert soup.select(".seminars-meta")
    assert soup.select(".seminars-calendar-links") == []


def test_private_meeting_link_leaves_feeds_once_over() -> None:
    """A series with hide-online-after drops the link of past talks, as their pages do.

    (The domain publishes talks through ``model.public_view``; exports share it.)
    """
    site = Site(project="example", name="Example", prefix="s", past_talks=-1)
    private = Series(name="Private", hide_online_after=True)
    talks = [
        dataclasses.replace(
            talk_at(dt.datetime(2020, 1, day, 10, tzinfo=dt.UTC), day),
            series="Private",
            online="https://meet.example.org/room",
        )
        for day in (1, 20)
    ]
    now = dt.datetime(2020, 1, 10, tzinfo=dt.UTC)
    published = [public_view(talk, private, now) for talk in talks]
    files = feeds.FeedSet(site, lambda talk: "").files(published, {"Private": private}, now)
    past = events(files["s/talks/t1.ics"])["t1"]
    ahead = events(files["s/talks/t20.ics"])["t20"]
    assert "CONFERENCE" not in past and "meet.example.org" not in str(past["DESCRIPTION"])
    assert [c.uri for c in ahead.conferences] == ["https://meet.example.org/room"]
    assert str(ahead["LOCATION"]) == "https://meet.example.org/room"


@pytest.mark.parametrize(("first", "last"), [(1, 1), (9999, 9999), (1, 3), (9997, 9999)])
def test_vtimezone_at_the_ends_of_the_calendar(first: int, last: int) -> None:
    """Dates at the limits of Python's calendar never crash a build."""
    zone = icalendar.Timezone.from_ical(feeds.vtimezone("Europe/Rome", first, last).to_ical())
    assert str(zone["TZID"]) == "Europe/Rome"
    assert zone.subcomponents


def test_output_paths_stay_inside_the_output_folder() -> None:
    assert talk_feed_path("seminars", "a/../../b") == "seminars/talks/a~..~..~b.ics"
    assert site_feed_path("../../etc", "../passwd") == "etc/-passwd.ics"
    assert series_feed_path("/abs/", Series(name="Analisi, è")) == "abs/series/analisi-e.ics"


def test_descriptions_of_several_lines(tmp_path: Path) -> None:
    """A series description and a calendar description over several lines."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\n'
        'html_baseurl = "https://example.org/"\n'
        'seminars_calendar_description = "First line\\nsecond line"\n'
    )
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. series:: S\n\n   A description\n   over two lines.\n\n"
        "   And a second paragraph.\n\n.. talk:: T\n   :date: 2023-01-01 10:00\n   :series: S\n"
    )
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    series = icalendar.Calendar.from_ical(
        Path(app.outdir, "seminars", "series", "s.ics").read_bytes()
    )
    assert str(series["DESCRIPTION"]) == "A description over two lines.\n\nAnd a second paragraph."
    site = icalendar.Calendar.from_ical(Path(app.outdir, "seminars", "talks.ics").read_bytes())
    assert str(site["DESCRIPTION"]) == "First line\nsecond line"


@pytest.mark.sphinx("html", testroot="listing")
def test_listings_and_series_pages_link_their_calendar(app) -> None:
    app.build()
    links = []
    for page in sorted(Path(app.outdir).glob("*.html")):
        tree = BeautifulSoup(page.read_text("utf-8"), "html5lib")
        for listing in tree.select("div.seminars-listing"):
            feed = listing.find_next_sibling("p", class_="seminars-feed-links")
            assert feed is not None, page.name
            links.append(feed.select_one("a.seminars-feed-download")["href"])
    assert links and all(link.endswith(".ics") for link in links)
    for link in set(links):
        assert Path(app.outdir, link).is_file()
    series_pages = list(Path(app.outdir, "seminars", "series").glob("*.html"))
    assert series_pages
    for page in series_pages:
        tree = BeautifulSoup(page.read_text("utf-8"), "html5lib")
        href = tree.select_one("p.seminars-feed-links a.seminars-feed-download")["href"]
        assert href == page.with_suffix(".ics").name


def test_events_are_reused_from_the_last_build_and_a_bad_cache_is_ignored(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    first = build(srcdir, tmp_path / "out")
    cache = Path(first.doctreedir, feeds.EVENT_CACHE)
    known = feeds.read_event_cache(cache)
    prefixes = (feeds.ZONE_KEY_PREFIX, feeds.HEAD_KEY_PREFIX)
    events = [key for key in known if not key.startswith(prefixes)]
    assert len(events) == len(get_domain(first.env).talks)
    # Each time zone's VTIMEZONE and each calendar's header are kept too, so a
    # rebuild does not serialise them again.
    assert any(key.startswith(feeds.ZONE_KEY_PREFIX) for key in known)
    heads = [key for key in known if key.startswith(feeds.HEAD_KEY_PREFIX)]
    # The site's, each series', and one shared by the calendars of single talks.
    assert len(heads) >= 3
    expected = ics_files(Path(first.outdir))
    # A cache entry is only used for exactly the same talk: a poisoned entry
    # under another key changes nothing, and a broken file is no cache at all.
    feeds.write_event_cache(cache, {**known, "0" * 64: b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"})
    again = build(srcdir, tmp_path / "out", freshenv=True)
    assert ics_files(Path(again.outdir)) == expected
    cache.write_bytes(b"not a pickle")
    again = build(srcdir, tmp_path / "out", freshenv=True)
    assert ics_files(Path(again.outdir)) == expected
    assert len(feeds.read_event_cache(cache)) == len(known)
