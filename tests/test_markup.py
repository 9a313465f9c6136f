"""Machine-readable markup of a small archive, read by real validators.

JSON-LD is expanded by a JSON-LD processor (pyld) and checked against the
rules search engines apply to events; the extension's HTML goes through the Nu
HTML checker; the page head announces the feeds. Built once from
``roots/test-themes`` (alabaster).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, warnings_of
from defusedxml import ElementTree as SafeET
from validators import extension_document, run_vnu, vnu_missing

from sphinxext.seminars.publish.jsonld import is_online_location

SCHEMA = "https://schema.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ["index", "talk", "online", "web", "old", "day", "listings", "cloud", "month"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    srcdir = tmp_path_factory.mktemp("themes-src") / "src"
    shutil.copytree(ROOTS / "test-themes", srcdir)
    app = build_site("html", srcdir, tmp_path_factory.mktemp("themes-out"))
    assert warnings_of(app) == []
    yield Path(app.outdir)


def generated_pages(site: Path) -> list[str]:
    found = sorted((site / "seminars").rglob("*.html"))
    return [str(path.relative_to(site).with_suffix("")) for path in found]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html5lib")


# -- JSON-LD ------------------------------------------------------------------------

#: What a JSON-LD processor needs of schema.org's context to expand our terms
#: (builds and tests are offline, so the context is not fetched).
_CONTEXT = {
    "@context": {
        "@vocab": SCHEMA,
        "url": {"@type": "@id"},
        "sameAs": {"@type": "@id"},
        "eventStatus": {"@type": "@vocab"},
        "eventAttendanceMode": {"@type": "@vocab"},
    }
}
#: schema.org types that are events (the rules apply to every node of these).
EVENT_TYPES = {SCHEMA + name for name in ("Event", "EventSeries", "EducationEvent")}
MODES = {
    SCHEMA + "OfflineEventAttendanceMode": ({"Place"}, set()),
    SCHEMA + "OnlineEventAttendanceMode": ({"VirtualLocation"}, {"Place"}),
    SCHEMA + "MixedEventAttendanceMode": ({"Place", "VirtualLocation"}, set()),
}
STATUSES = {SCHEMA + s for s in ("EventScheduled", "EventCancelled", "EventPostponed")}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": _CONTEXT,
    }


def expanded(site: Path, page: str) -> list[dict[str, Any]]:
    pyld = pytest.importorskip("pyld", reason="pyld (a JSON-LD processor) is not installed")
    scripts = soup_of(site, page).select('script[type="application/ld+json"]')
    result = []
    for script in scripts:
        data = json.loads(script.string)
        result += pyld.jsonld.expand(data, {"documentLoader": _loader})
    return result


def _values(node: dict[str, Any], name: str) -> list[Any]:
    return node.get(SCHEMA + name, [])


def _text(node: dict[str, Any], name: str) -> str:
    values = _values(node, name)
    return values[0].get("@value", values[0].get("@id", "")) if values else ""


def _moment(text: str) -> dt.datetime | dt.date:
    if "T" not in text:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text)
    assert moment.tzinfo is not None, f"{text}: a time needs its UTC offset"
    return moment


def event_problems(node: dict[str, Any]) -> list[str]:
    """What Google's Event rules (and schema.org's ranges) find wrong with an event node."""
    problems = []
    for required in ("name", "startDate", "location"):
        if not _values(node, required):
            problems.append(f"no {required}")
    if _values(node, "startDate"):
        start = _moment(_text(node, "startDate"))
        if _values(node, "endDate"):
            end = _moment(_text(node, "endDate"))
            if type(start) is type(end) and end < start:  # type: ignore[operator]
                problems.append("endDate before startDate")
    kinds = set()
    for place in _values(node, "location"):
        types = {t.removeprefix(SCHEMA) for t in place.get("@type", [])}
        kinds |= types
        if "Place" in types and not (_values(place, "address") or _values(place, "name")):
            problems.append("a Place without address")
        if "VirtualLocation" in types and not _text(place, "url").startswith("https://"):
            problems.append("a VirtualLocation without an absolute url")
        if not types & {"Place", "VirtualLocation", "PostalAddress"}:
            problems.append(f"location of type {types}")
    mode = _text(node, "eventAttendanceMode")
    if mode not in MODES:
        problems.append(f"eventAttendanceMode {mode!r}")
    else:
        needed, forbidden = MODES[mode]
        if not needed <= kinds or kinds & forbidden:
            problems.append(f"{mode.removeprefix(SCHEMA)} with locations {sorted(kinds)}")
    if _text(node, "eventStatus") not in STATUSES:
        problems.append(f"eventStatus {_text(node, 'eventStatus')!r}")
    for performer in _values(node, "performer"):
        if not _values(performer, "name"):
            problems.append("a performer without a name")
    return problems


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def test_every_event_passes_the_event_rules(site: Path) -> None:
    checked = 0
    for page in PAGES:
        for top in expanded(site, page):
            for node in walk(top):
                if EVENT_TYPES & set(node.get("@type", [])):
                    assert event_problems(node) == [], (page, node.get("@id"))
                    checked += 1
    # One event per talk page, and no other node claims to be an event
    # (the series is the superEvent, named but not typed).
    assert checked == 5


def test_attendance_mode_follows_the_location(site: Path) -> None:
    def event(page: str) -> dict[str, Any]:
        (found,) = expanded(site, page)
        return found

    hybrid = event("talk")
    assert _text(hybrid, "eventAttendanceMode") == SCHEMA + "MixedEventAttendanceMode"
    online = event("online")
    assert _text(online, "eventAttendanceMode") == SCHEMA + "OnlineEventAttendanceMode"
    (virtual,) = _values(online, "location")
    assert virtual["@type"] == [SCHEMA + "VirtualLocation"]
    assert _text(virtual, "name") == "Online (Zoom)"
    # No meeting link: the talk's page is where readers learn how to join.
    assert _text(virtual, "url") == "https://seminars.example.org/online.html#talk-online"
    web = event("web")
    assert _text(web, "eventAttendanceMode") == SCHEMA + "OnlineEventAttendanceMode"
    (stream,) = _values(web, "location")
    assert _text(stream, "url") == "https://stream.example.org/live/costa"
    old = event("old")
    assert _text(old, "eventAttendanceMode") == SCHEMA + "OfflineEventAttendanceMode"
    (series,) = _values(old, "superEvent")
    assert "@type" not in series
    assert _text(series, "name") == "Colloquium"
    assert _text(series, "url") == "https://seminars.example.org/seminars/series/colloquium.html"


@pytest.mark.parametrize(
    ("location", "online"),
    [
        ("Online (Zoom)", True),
        ("Zoom", True),
        ("online via Microsoft Teams", True),
        ("https://meet.example.org/room", True),
        ("Virtual", True),
        ("Room 508 / Zoom", False),
        ("Aula Magna", False),
        ("Via Dodecaneso 35", False),
        ("Teams", True),
        ("", False),
    ],
)
def test_online_only_locations(location: str, online: bool) -> None:
    assert is_online_location(location) is online


# -- head and feeds -----------------------------------------------------------------


def alternates(site: Path, page: str) -> dict[str, tuple[str, str]]:
    links = soup_of(site, page).select('head link[rel="alternate"]')
    return {link["title"]: (link["type"], link["href"]) for link in links}


def test_every_page_announces_the_site_feeds(site: Path) -> None:
    for page in [*PAGES, "genindex", *generated_pages(site)]:
        found = alternates(site, page)

        def target(href: str, page: str = page) -> str:
            return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))

        kind, href = found["Theme tests (Atom)"]
        assert (kind, target(href)) == ("application/atom+xml", "seminars/talks.atom")
        kind, href = found["Theme tests (iCalendar)"]
        assert (kind, target(href)) == ("text/calendar", "seminars/talks.ics")
        for href in (href for _type, href in found.values()):
            assert (site / Path(page).parent / href).resolve().is_file(), (page, href)


def test_series_calendar_on_its_talks_and_its_page(site: Path) -> None:
    series = ("text/calendar", "seminars/series/colloquium.ics")
    assert alternates(site, "talk")["Colloquium (iCalendar)"] == series
    assert alternates(site, "old")["Colloquium (iCalendar)"] == series
    assert alternates(site, "seminars/series/colloquium")["Colloquium (iCalendar)"] == (
        "text/calendar",
        "colloquium.ics",
    )
    # A talk of no series, and a listing page, announce the site's feeds only.
    assert "Colloquium (iCalendar)" not in alternates(site, "web")
    assert len(alternates(site, "listings")) == 2


def test_listings_link_the_atom_feed(site: Path) -> None:
    links = soup_of(site, "listings").select("p.seminars-feed-links a.seminars-feed-atom")
    assert links and {a["href"] for a in links} == {"seminars/talks.atom"}


def test_atom_entries_are_never_updated_after_the_build(site: Path) -> None:
    root = SafeET.fromstring((site / "seminars" / "talks.atom").read_bytes())
    built = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    stamps = [
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        for entry in root.findall(f"{ATOM}entry")
    ]
    assert len(stamps) == 5
    assert max(stamps) == built  # upcoming talks: as of the build
    assert min(stamps) < built  # the past one: its start
    assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == built


# -- papers -------------------------------------------------------------------------


def test_a_paper_given_twice_is_shown_once(site: Path) -> None:
    titles = [
        p.get_text(strip=True)
        for p in soup_of(site, "talk").select("article.seminars-talk .seminars-paper-title")
    ]
    assert len(titles) == 2
    assert len(set(titles)) == 2
    (event,) = [
        json.loads(s.string)
        for s in soup_of(site, "talk").select('script[type="application/ld+json"]')
    ]
    assert len(event["workFeatured"]) == 2


# -- the Nu HTML checker ------------------------------------------------------------


def test_talk_article_holds_its_heading(site: Path) -> None:
    for page in ("talk", "online", "web", "old"):
        (article,) = soup_of(site, page).select("article.seminars-talk")
        heading = article.find(["h1", "h2", "h3", "h4", "h5", "h6"])
        assert heading is not None and heading.parent is article
        assert heading.name == "h1"
    # A talk inside other markup: its title is a heading below its section's.
    (article,) = soup_of(site, "day").select("article.seminars-talk")
    heading = article.find(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert heading is not None and heading.name == "h2"
    assert heading.get_text(strip=True) == "Morning session on random matrices"


def test_nu_checker_finds_nothing_in_the_extensions_markup(site: Path, tmp_path: Path) -> None:
    reason = vnu_missing()
    if reason:
        pytest.skip(reason)
    files = []
    for page in [*PAGES, *generated_pages(site)]:
        text = (site / f"{page}.html").read_text(encoding="utf-8")
        path = tmp_path / (page.replace("/", "--") + ".html")
        path.write_text(extension_document(text), encoding="utf-8")
        files.append(path)
    messages = run_vnu(files)
    assert [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
    ] == []
