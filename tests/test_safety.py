"""Hostile text in every field never becomes live markup, script or structure in any output.

``roots/test-safety`` writes HTML, JavaScript, iCalendar, XML and BibTeX syntax
into titles, speakers, affiliations, abstracts, bios, locations, series,
events, tags, co-authors, papers, URLs and configuration values, in reST, in
MyST (with a YAML option block that can carry real CR/LF and control
characters) and in front matter. One build; every output is parsed back:
pages with html5lib, calendars with icalendar and vobject, Atom with
defusedxml, JSON with json, BibTeX with a brace scanner (and pybtex when
installed).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from conftest import build_site, warnings_of
from defusedxml import ElementTree as SafeET
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-safety"
ATOM = "{http://www.w3.org/2005/Atom}"
TALK_IDS = {"hostile", "schemes", "hostile-md", "talks/frontmatter", "venue-hostile"}
#: Schemes a browser runs or renders inline; checked after dropping what browsers ignore.
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset")
#: Text of elements the payloads would create if they were read as markup.
INJECTED_TEXT = {"Org", "2020", "Mondays"}
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "GEO",
    "CONFERENCE",
    "URL",
    "CATEGORIES",
    "STATUS",
    "ORGANIZER",  # the series' first organiser
}
CALENDAR_PROPERTIES = {
    "PRODID",
    "VERSION",
    "CALSCALE",
    "METHOD",
    "NAME",
    "X-WR-CALNAME",
    "DESCRIPTION",
    "X-WR-CALDESC",
    "SOURCE",
    "REFRESH-INTERVAL",
    "X-PUBLISHED-TTL",
}
COMPONENTS = {"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT"}


# -- the build -------------------------------------------------------------------


def build_copy(tmp: Path, root: Path = ROOT, **overrides: object) -> SphinxTestApp:
    src = tmp / "src"
    shutil.copytree(root, src)
    return build_site("html", src, src / "_build", confoverrides=overrides)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_copy(tmp_path_factory.mktemp("safety"))


@pytest.fixture(scope="module")
def out(site: SphinxTestApp) -> Path:
    return Path(site.outdir)


@pytest.fixture(scope="module")
def pages(out: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(out).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html5lib")
        for path in sorted(out.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def records(out: Path) -> dict[str, dict]:
    """talks.json's records by id: the stored text every other output is compared with."""
    data = json.loads((out / "seminars" / "talks.json").read_bytes())
    return {talk["id"]: talk for talk in data["talks"]}


def files(out: Path, suffix: str) -> Iterator[Path]:
    yield from sorted(out.rglob(f"*{suffix}"))


_SMART = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "--", "\u00b6": " "}
)


def norm(text: str) -> str:
    """Text as stored: whitespace collapsed, Sphinx's smart quotes and permalinks undone."""
    return " ".join(text.translate(_SMART).split())


def text_of(page: BeautifulSoup, selector: str) -> list[str]:
    return [norm(element.get_text()) for element in page.select(selector)]


# -- the site builds, every talk is there ---------------------------------------------


def test_only_the_expected_warnings_and_every_talk_stored(
    site: SphinxTestApp, records: dict[str, dict]
) -> None:
    found = warnings_of(site)
    assert {w["type"] for w in found} == {
        "seminars.unsafe-link",
        "seminars.bad-arxiv",
        "seminars.bad-doi",
    }
    raw = site.warning.getvalue()
    # Configuration warnings have no location: refused homepage, photo, ORCID, online.
    assert raw.count("[seminars.bad-config]") == 4
    assert "Traceback" not in raw and "Exception" not in raw
    assert set(records) == TALK_IDS
    # Every unsafe scheme, however it is spelt, was refused with a warning.
    unsafe = " ".join(w["message"] for w in found if w["type"] == "seminars.unsafe-link")
    for marker in (
        "XSS-slides",
        "XSS-video",
        "XSS-code",
        "XSS-pdf",
        "XSS-url",
        "XSS-tab",
        "XSS-purl",
        "XSS-mdonline",
        "XSS-mdurl",
        "XSS-reg",
        "XSS-image",
        "XSS-vdirmap",
        "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ):
        assert marker in unsafe


# -- HTML: talk pages, listings, cloud, generated pages --------------------------


def violations(name: str, page: BeautifulSoup) -> list[str]:
    """Everything in a parsed page that a payload could have made live."""
    found = []
    for script in page.find_all("script"):
        body = script.string or ""
        if script.get("type") == "application/ld+json":
            try:
                json.loads(body)
            except ValueError:
                found.append(f"{name}: JSON-LD does not parse: {body[:80]!r}")
        elif "alert" in body or "XSS" in body:
            found.append(f"{name}: live script {body[:80]!r}")
    for element in page.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"{name}: <{element.name} {attribute}=...>")
            if attribute.lower() in URL_ATTRIBUTES:
                url = _IGNORED_IN_URLS.sub(
                    "", " ".join(value) if isinstance(value, list) else value
                )
                scheme_less_marker = "XSS" in url and "://" not in url
                if url.lower().startswith(DANGEROUS_SCHEMES) or scheme_less_marker:
                    found.append(f"{name}: <{element.name} {attribute}={value!r}>")
                if "evil.example.org" in url:
                    found.append(f"{name}: link off the site {value!r}")
        if element.name in ("img", "svg", "iframe", "object", "embed") and (
            element.get("src") == "x" or "XSS" in str(element.attrs)
        ):
            found.append(f"{name}: injected <{element.name}>")
        if element.name in ("b", "i") and element.get_text() in INJECTED_TEXT:
            found.append(f"{name}: injected <{element.name}>{element.get_text()}")
        if element.name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(f"{name}: injected refresh")
    return found


def test_no_page_has_live_markup(pages: dict[str, BeautifulSoup]) -> None:
    # The talk pages, the listing page, the speaker, series and event pages at least.
    assert {
        "index.html",
        "talks/hostile.html",
        "talks/hostile_md.html",
        "talks/frontmatter.html",
        "seminars/speakers.html",
    } <= set(pages)
    for folder in ("speakers", "series", "events"):
        assert [p for p in pages if p.startswith(f"seminars/{folder}/")], folder
    assert [v for name, page in pages.items() for v in violations(name, page)] == []


def test_the_check_finds_injected_markup() -> None:
    """The page check above is not vacuous: it catches each kind of injection."""
    page = BeautifulSoup(
        '<p onmouseover="x">a</p><a href=" JaVa\tScRiPt:alert(1)">b</a><script>alert(1)</script>'
        '<script type="application/ld+json">{"a": </script><b>Org</b><img src=x>'
        '<a href="//evil.example.org/">c</a>',
        "html5lib",
    )
    assert len(violations("sample", page)) == 7


def test_hostile_text_is_shown_as_text(
    pages: dict[str, BeautifulSoup], records: dict[str, dict]
) -> None:
    title = records["hostile"]["title"]
    assert title.startswith('<script>alert("XSS-title")</script> "onmouseover=')
    talk = pages["talks/hostile.html"]
    assert text_of(talk, "h1")[0] == title
    body = norm(talk.get_text())
    for shown in (
        'Abstract with <script>alert("XSS-abstract")</script>',
        'Bio <script>alert("XSS-bio")</script>',
        'Paper <script>alert("XSS-paper")</script>',
        'Paper abstract <script>alert("XSS-pabstract")</script>',
        'Room "onmouseover="alert(\'XSS-loc\')" <script>alert("XSS-loc2")</script>',
    ):
        assert shown in body
    # Refused links are not links at all; the paper keeps its one good link.
    hrefs = [a["href"] for a in talk.select("a[href]")]
    assert "https://example.org/ok.pdf" in hrefs
    for refused in ("XSS-slides", "XSS-video", "XSS-code", "XSS-pdf", "XSS-url", "XSS-purl"):
        assert not [h for h in hrefs if refused in h], refused
    md_titles = text_of(pages["talks/hostile_md.html"], "h1, h2")
    assert records["hostile-md"]["title"] in md_titles
    assert "<!--<script>" in records["hostile-md"]["title"]


def test_listings_and_cloud_show_text(
    pages: dict[str, BeautifulSoup], records: dict[str, dict]
) -> None:
    index = pages["index.html"]
    listings = index.select("div.seminars-listing")
    assert len(listings) == 5
    title = records["hostile"]["title"]
    for listing in listings[:3]:  # list, table, cards: every talk, each as text
        items = listing.select(".seminars-item")
        assert sorted(i["data-seminars-talk-id"] for i in items) == sorted(TALK_IDS)
        hostile = next(i for i in items if i["data-seminars-talk-id"] == "hostile")
        assert title in norm(hostile.get_text())
    table_groups = norm(index.select_one("#table").get_text())
    assert 'Series <script>alert("XSS-series")</script> & ]]> } \\' in table_groups
    cards = norm(index.select_one("#cards").get_text())
    assert 'Event </script><script>alert("XSS-event")</script>' in cards
    cloud = text_of(index, "ul.seminars-cloud li")
    assert [c for c in cloud if c.startswith('Mallory <script>alert("XSS-speaker")</script> Evil')]


def test_generated_pages_show_text(pages: dict[str, BeautifulSoup]) -> None:
    speaker = next(
        page
        for name, page in pages.items()
        if name.startswith("seminars/speakers/") and "Mallory" in page.title.get_text()
    )
    assert 'Mallory <script>alert("XSS-speaker")</script> Evil' in norm(speaker.title.get_text())
    # Refused speaker data (homepage, photo, ORCID) shows nowhere.
    assert speaker.select(".seminars-homepage, .seminars-speaker-photo") == []
    series = [p for n, p in pages.items() if n.startswith("seminars/series/")]
    headings = {text_of(p, "h1")[0] for p in series}
    assert 'Series <script>alert("XSS-series")</script> & ]]> } \\' in headings
    assert 'Conf <script>alert("XSS-confseries")</script>' in headings


def test_jsonld_parses_and_keeps_every_character(
    pages: dict[str, BeautifulSoup], records: dict[str, dict]
) -> None:
    seen = {}
    for name in (
        "talks/hostile.html",
        "talks/hostile_md.html",
        "talks/frontmatter.html",
        "talks/venue.html",
    ):
        for script in pages[name].select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            seen[data["name"]] = data
    assert set(seen) == {r["title"] for r in records.values()}
    hostile = seen[records["hostile"]["title"]]
    places = (
        hostile["location"] if isinstance(hostile["location"], list) else [hostile["location"]]
    )
    assert records["hostile"]["location"] in [place.get("name") for place in places]
    # A hostile venue: every field kept as text in its Place and PostalAddress.
    venue = seen["At a hostile venue"]["location"][0]
    assert (
        venue["name"]
        == records["venue-hostile"]["venue"]["room"]
        + ", "
        + (records["venue-hostile"]["venue"]["name"])
    )
    assert venue["address"]["addressLocality"] == "</script><img src=x onerror=alert('XSS-vcity')>"
    # The javascript: map was refused: the map link is made from the coordinates.
    assert venue["hasMap"].startswith("https://www.openstreetmap.org/?mlat=44.4")
    # Every URL in the data is a web address; refused links are absent.
    urls = list(json_urls(seen))
    assert urls and all(url.startswith("https://") for url in urls), urls


def json_urls(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "@id", "sameAs", "image") and isinstance(value, str):
                yield value
            else:
                yield from json_urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_urls(value)


# -- iCalendar ---------------------------------------------------------------------


def test_calendars_have_no_extra_properties_or_components(
    out: Path, records: dict[str, dict]
) -> None:
    feeds = list(files(out, ".ics"))
    # Site, the two series with talks, talks; and the calendars of speakers and topics,
    # checked like the others below.
    own = [path for path in feeds if path.parent.name not in ("speakers", "topics")]
    assert len(own) == 1 + 2 + len(TALK_IDS)
    assert len(feeds) > len(own)
    for path in feeds:
        data = path.read_bytes()
        # Physical lines end in CRLF only; no bare CR or LF from the input.
        assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
        calendar = icalendar.Calendar.from_ical(data)
        assert {c.name for c in calendar.walk()} <= COMPONENTS, path.name
        assert set(calendar) <= CALENDAR_PROPERTIES, path.name
        events = calendar.walk("VEVENT")
        for event in events:
            assert set(event) <= EVENT_PROPERTIES, (path.name, set(event) - EVENT_PROPERTIES)
        ids = [str(e["UID"]).split("@")[0] for e in events]
        if path.parent.name == "talks":
            assert len(ids) == 1
        if path.name == "talks.ics":
            assert sorted(ids) == sorted(TALK_IDS)
            summaries = {str(e["UID"]).split("@")[0]: str(e["SUMMARY"]) for e in events}
            assert records["hostile"]["title"] in summaries["hostile"]
            description = str(next(e for e in events if "hostile@" in e["UID"])["DESCRIPTION"])
            assert "\nBEGIN:VEVENT\nATTENDEE:mailto:evil@example.org\nEND:VEVENT\n" in description
            # vobject (an independent parser) sees the same events and no attendee.
            parsed = vobject.readOne(data.decode("utf-8"))
            assert len(parsed.vevent_list) == len(TALK_IDS)
            assert not [e for e in parsed.vevent_list if "attendee" in e.contents]


def test_calendars_carry_no_control_characters(out: Path) -> None:
    assert {p.name: _CONTROL.findall(p.read_bytes()) for p in files(out, ".ics")} == {
        p.name: [] for p in files(out, ".ics")
    }


# -- Atom, JSON, CSL-JSON, BibTeX ---------------------------------------------------


def test_atom_is_well_formed_with_text_intact(out: Path, records: dict[str, dict]) -> None:
    feed = SafeET.fromstring((out / "seminars" / "talks.atom").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    # Nothing outside the Atom vocabulary: no element came from the text.
    assert {e.tag for e in feed.iter() if not e.tag.startswith(ATOM)} == set()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(TALK_IDS)
    # Text constructs are plain text, so no reader renders the text as HTML.
    for tag in ("title", "subtitle", "summary", "content", "rights"):
        for element in feed.iter(f"{ATOM}{tag}"):
            assert element.get("type", "text") == "text", tag
    titles = " ".join(e.findtext(f"{ATOM}title") for e in entries)
    assert records["hostile"]["title"] in titles
    assert "]]>" in titles and "&" in titles
    for link in feed.iter(f"{ATOM}link"):
        assert link.get("href").startswith("https://seminars.example.org/")


def test_json_and_csl_json_keep_the_text(out: Path, records: dict[str, dict]) -> None:
    tags = records["hostile-md"]["tags"]
    # A tag is one line of text: the line break is folded, the words are kept.
    assert "one BEGIN:VEVENT" in tags
    for record in records.values():
        for key in ("online", "url"):
            assert not str(record.get(key, "")).lower().startswith(DANGEROUS_SCHEMES)
    csl = json.loads((out / "seminars" / "talks.csl.json").read_bytes())
    assert {item["title"] for item in csl} == {r["title"] for r in records.values()}


def bib_entries(text: str) -> list[tuple[str, str]]:
    """(type, key) of each top-level entry, scanning braces as BibTeX does."""
    entries, depth, index = [], 0, 0
    while index < len(text):
        char = text[index]
        if char == "@" and depth == 0:
            match = re.match(r"@(\w+)\s*\{([^,\s]*),", text[index:])
            assert match, text[index : index + 60]
            entries.append((match[1].lower(), match[2]))
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, text[max(0, index - 60) : index + 1]
        index += 1
    assert depth == 0
    return entries


def test_bibtex_braces_balance_and_no_entry_is_injected(out: Path) -> None:
    text = (out / "seminars" / "talks.bib").read_text("utf-8")
    expected = sorted(i.replace("/", ":") for i in TALK_IDS)
    assert sorted(key for _type, key in bib_entries(text)) == expected
    assert {kind for kind, _key in bib_entries(text)} == {"misc"}
    pybtex = pytest.importorskip("pybtex.database")
    data = pybtex.parse_string(text, "bibtex")
    assert sorted(data.entries) == expected
    assert "XSS-title" in data.entries["hostile"].fields["title"]
