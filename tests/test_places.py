"""Venues, online access, recordings and slides, card images (``roots/test-places``).

The root has a venue in ``conf.py`` (``dima-508``) and one declared with the
directive (``sala-seminari``), a past reST talk with every new option, an
upcoming MyST talk and a front-matter talk whose ``:location:`` is nearly a
venue key; each gives the same meeting passcode, which no public file may hold.
"""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, html_tree, module_build, seminars_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.cli.json_ import talks_json_record
from sphinxext.seminars.core.model import LinkKind
from sphinxext.seminars.core.parsing import (
    InvalidValue,
    build_talk,
    parse_image,
    parse_online_mode,
    parse_registration,
)
from sphinxext.seminars.core.places import (
    attendance,
    file_size_text,
    near_venue,
    venue_from_options,
    venue_records,
)
from sphinxext.seminars.store.domain import get_domain

ROOT = ROOTS / "test-places"
PASSCODE = "SECRET-PASS-4711"


def quiet_build(buildername: str, srcdir: Path, outdir: Path, **kwargs) -> SphinxTestApp:
    """``build_site`` with the output and warnings kept in the app (not printed)."""
    return build_site(buildername, srcdir, outdir, status=StringIO(), warning=StringIO(), **kwargs)


# -- the pure parsers ---------------------------------------------------------------


def test_a_venue_is_read_and_each_bad_value_is_left_out_with_a_reason() -> None:
    venue, problems = venue_from_options(
        "dima-508",
        {
            "name": "UniGe DIMA",
            "room": "Room 508",
            "coordinates": "44.4029, 8.9582",
            "map": "javascript:alert(1)",
            "phone": "call me",
        },
    )
    assert venue is not None
    assert (venue.latitude, venue.longitude) == (44.4029, 8.9582)
    assert venue.map == "" and venue.phone == ""
    assert venue.map_url.startswith("https://www.openstreetmap.org/?mlat=44.402900")
    assert sorted((p.subtype, p.option) for p in problems) == [
        ("bad-venue", "phone"),
        ("unsafe-link", "map"),
    ]


@pytest.mark.parametrize("text", ["44.4", "95, 8.9", "44.4, 200", "lat, lon", "8.9 44.4"])
def test_coordinates_must_be_latitude_and_longitude_in_range(text: str) -> None:
    venue, problems = venue_from_options("x", {"name": "X", "coordinates": text})
    assert venue is not None and venue.latitude is None
    assert [(p.subtype, p.option) for p in problems] == [("bad-venue", "coordinates")]
    assert "44.4029, 8.9582" in problems[0].message


def test_config_venues_warn_about_unknown_keys_with_the_closest() -> None:
    venues, messages = venue_records(
        {
            "dima": {"name": "DIMA", "adress": "Via Dodecaneso 35"},
            "bad key!": {"name": "X"},
            "y": 5,
        }
    )
    assert list(venues) == ["dima"]
    assert any("unknown key 'adress'" in m and "did you mean 'address'" in m for m in messages)
    assert any("invalid venue key 'bad key!'" in m for m in messages)
    assert any("seminars_venues['y'] must be a dict" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("DIMA-508", "dima-508"),
        ("dima508", "dima-508"),
        ("dima-50B", "dima-508"),
        ("Room 508", None),
    ],
)
def test_a_location_that_is_nearly_a_key_is_found(text: str, meant: str | None) -> None:
    assert near_venue(text, ["dima-508", "sala"]) == meant


@pytest.mark.parametrize(
    ("location", "online", "mode"),
    [
        ("Room 1", "", "in-person"),
        ("Room 1", "https://x.org/m", "hybrid"),
        ("", "https://x.org/m", "online"),
        ("Online (Zoom)", "", "online"),
        ("", "", ""),
    ],
)
def test_attendance(location: str, online: str, mode: str) -> None:
    assert attendance(location, online) == mode


def test_online_access_values() -> None:
    assert parse_online_mode(" Livestream ") == "livestream"
    with pytest.raises(InvalidValue) as error:
        parse_online_mode("hybrid")
    assert "'livestream'" in error.value.message and "'interactive'" in error.value.message
    assert parse_registration("seminars@example.org") == "mailto:seminars@example.org"
    assert parse_registration("https://example.org/r") == "https://example.org/r"
    with pytest.raises(InvalidValue):
        parse_registration("javascript:alert(1)")


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("javascript:alert(1)", "unsafe-link"),
        ("../outside.png", "bad-link"),
        ("notes.txt", "bad-media"),
    ],
)
def test_an_image_is_a_file_of_the_site_or_a_web_url(text: str, subtype: str) -> None:
    assert parse_image("card.svg").local
    assert not parse_image("https://example.org/c.png").local
    with pytest.raises(InvalidValue) as error:
        parse_image(text)
    assert error.value.subtype == subtype


def test_recording_is_another_name_of_video_and_the_passcode_is_kept_apart() -> None:
    talk, problems = build_talk(
        "T",
        {
            "date": "2022-05-25 14:00",
            "recording": "https://video.example.org/1",
            "registration-deadline": "2022-05-20",
            "passcode": " 1234 ",
        },
        docname="d",
        lineno=1,
        talk_id="t",
        anchor="a",
    )
    assert talk is not None
    assert [link.kind for link in talk.links] == [LinkKind.VIDEO]
    assert talk.passcode == "1234" and talk.registration_deadline == "2022-05-20"
    # A deadline without where to register says what to add.
    assert [(p.subtype, p.option) for p in problems] == [
        ("conflicting-options", "registration-deadline")
    ]


def test_file_sizes() -> None:
    assert [file_size_text(n) for n in (999, 1000, 840_000, 2_400_000, 25_000_000)] == [
        "999 B",
        "1.0 kB",
        "840 kB",
        "2.4 MB",
        "25 MB",
    ]


# -- a built site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    yield from module_build(ROOT, tmp_path_factory, "places")


def test_warnings_name_file_line_and_subtype(app: SphinxTestApp) -> None:
    assert sorted(seminars_warnings(app)) == [
        ("bad-media", "front.md:9"),
        ("near-venue", "front.md:1"),
        ("unsafe-link", "front.md:10"),  # one of the front matter's recordings
    ]
    near = next(w for w in warnings_of(app) if w["type"] == "seminars.near-venue")
    assert "write ':location: dima-508'" in near["message"]


def test_the_talk_page_shows_the_venue_and_online_access(app: SphinxTestApp) -> None:
    tree = html_tree(app, "talks/past")
    where = tree.select_one("dd.seminars-field-where")
    venue_link = where.select_one("a.reference.internal")
    assert venue_link["href"] == "../seminars/venues/dima-508.html"
    assert venue_link.get_text() == "UniGe DIMA"
    assert "Via Dodecaneso 35, Genova, Italy" in where.select_one(".seminars-address").get_text()
    assert where.select_one("a.seminars-map")["href"].startswith("https://www.openstreetmap.org/")
    attendance_mark = tree.select_one("dd.seminars-field-attendance .seminars-attendance-hybrid")
    assert attendance_mark.get_text() == "Hybrid"
    assert tree.select_one(".seminars-online-mode").get_text() == "interactive meeting"
    registration = tree.select_one("a.seminars-registration")
    assert registration["href"].replace("%40", "@") == "mailto:seminars@example.org"
    deadline = tree.select_one("dd.seminars-field-registration time")
    assert (deadline["datetime"], deadline.get_text()) == ("2022-05-28", "Saturday, May 28, 2022")
    assert tree.select_one("dd.seminars-field-passcode") is None
    assert tree.select_one("p.seminars-summary").get_text() == (
        "Gradient descent prefers low-rank solutions."
    )


def test_recording_and_slides_come_first_once_the_talk_is_over(app: SphinxTestApp) -> None:
    tree = html_tree(app, "talks/past")
    box = tree.select_one("div.seminars-after-talk")
    # Past at the build's moment: shown, and above the abstract.
    assert "seminars-hidden" not in box["class"] and "seminars-passed" in box["class"]
    body = tree.select_one("div.seminars-talk-body")
    order = [c for c in body.find_all(recursive=False) if c.name]
    assert order.index(box) < order.index(body.select_one("div.seminars-abstract"))
    video = box.select_one("video")
    assert video.has_attr("controls") and video["src"].endswith("/talk.mp4")
    assert Path(app.outdir, "talks", video["src"]).resolve().is_file()
    assert box.select_one(".seminars-after-slides .seminars-file-facts").get_text() == (
        "(PDF, 671 B, 3 pages)"
    )
    assert not box.select("iframe, script")
    # Upcoming: there, hidden until the page's script sees the talk end; a web link stays one.
    future = html_tree(app, "talks/future").select_one("div.seminars-after-talk")
    assert "seminars-hidden" in future["class"]
    assert future.select_one("a.seminars-link")["href"] == "https://example.org/slides.pdf"
    # A broken PDF (warned) is still linked, without a page count.
    front = html_tree(app, "talks/front").select_one("div.seminars-after-talk")
    assert front.select_one("a.download")
    assert front.select_one(".seminars-file-facts").get_text() == "(PDF, 33 B)"


def test_card_images_are_images_never_inlined(app: SphinxTestApp) -> None:
    tree = html_tree(app, "talks/past")
    image = tree.select_one("img.seminars-card-image")
    assert image["src"] == "../_images/card.svg"
    assert not tree.select("svg")
    meta = tree.select_one('meta[property="og:image"]')
    assert meta["content"] == "https://seminars.example.org/_images/card.svg"
    index = html_tree(app, "index")
    cards = {card["data-seminars-talk-id"]: card for card in index.select("div.seminars-card")}
    assert cards["talks/past"].select_one("img.seminars-card-image")["src"] == "_images/card.svg"
    assert cards["talks/front"].select_one("img")["src"] == "https://images.example.org/card.png"
    assert cards["talks/future"].select_one("img") is None
    assert cards["talks/past"].select_one(".seminars-summary")
    marks = {i: c.select_one(".seminars-attendance").get_text() for i, c in cards.items()}
    assert marks == {"talks/past": "Hybrid", "talks/future": "Hybrid", "talks/front": "Hybrid"}


def test_venue_pages_list_their_talks(app: SphinxTestApp) -> None:
    tree = html_tree(app, "seminars/venues/dima-508")
    facts = tree.select_one("dl.seminars-venue")
    assert "Step-free access from the lift <b>B</b>." in facts.get_text()  # text, not markup
    assert not facts.select("b")
    phone = facts.select_one("dd.seminars-field-phone")
    assert phone.get_text(strip=True) == "+39 010 353 6939" and not phone.select("a")
    items = tree.select("li.seminars-item")
    assert [i["data-seminars-talk-id"] for i in items] == ["talks/past"]
    other = html_tree(app, "seminars/venues/sala-seminari")
    assert [i["data-seminars-talk-id"] for i in other.select("li.seminars-item")] == [
        "talks/future"
    ]


def test_a_series_at_a_venue(app: SphinxTestApp) -> None:
    where = html_tree(app, "seminars/series/places-seminar").select_one("dd.seminars-field-where")
    assert where.select_one("a")["href"] == "../venues/dima-508.html"
    assert where.get_text().strip() == ("UniGe DIMA, Room 508, Via Dodecaneso 35, Genova, Italy")


def test_a_series_declared_at_a_venue_names_it(app: SphinxTestApp) -> None:
    where = html_tree(app, "index").select_one(".seminars-series dd.seminars-field-where a")
    assert (where["href"], where.get_text()) == ("seminars/venues/dima-508.html", "UniGe DIMA")


def test_the_venue_role_links_the_venue_page(app: SphinxTestApp) -> None:
    paragraph = next(
        p for p in html_tree(app, "index").select("p") if "Most talks" in p.get_text()
    )
    links = paragraph.select("a.reference.internal:has(.seminars-venue)")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("seminars/venues/dima-508.html", "UniGe DIMA"),
        ("seminars/venues/sala-seminari.html", "the seminar room"),
    ]


def test_calendars_and_json_ld_carry_the_full_address(app: SphinxTestApp) -> None:
    calendar = icalendar.Calendar.from_ical(
        Path(app.outdir, "seminars", "talks", "talks~past.ics").read_bytes()
    )
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["LOCATION"]) == "Room 508, UniGe DIMA, Via Dodecaneso 35, Genova, Italy"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (44.4029, 8.9582)
    script = html_tree(app, "talks/past").select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    place, virtual = data["location"]
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Via Dodecaneso 35",
        "addressLocality": "Genova",
        "addressCountry": "Italy",
    }
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 44.4029, "longitude": 8.9582}
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/maly"}
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["image"] == "https://seminars.example.org/_images/card.svg"


def test_talks_json_1_1_and_its_import(app: SphinxTestApp) -> None:
    folder = Path(app.outdir, "seminars")
    data = json.loads((folder / "talks.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((folder / "talks.schema.json").read_text("utf-8")))
    assert (data["version"], data["minor_version"]) == (1, 1)
    talks = {t["id"]: t for t in data["talks"]}
    past = talks["talks/past"]
    assert past["venue"]["key"] == "dima-508" and past["venue"]["latitude"] == 44.4029
    assert (past["attendance"], past["online_mode"]) == ("hybrid", "interactive")
    assert past["image"] == {
        "url": "https://seminars.example.org/_images/card.svg",
        "path": "_images/card.svg",
    }
    assert all("passcode" not in t for t in data["talks"])
    # MyST and front matter read the same options.
    assert talks["talks/future"]["online_mode"] == "livestream"
    assert [(link["kind"], link["path"]) for link in talks["talks/front"]["links"]] == [
        ("slides", "_downloads/880119f84fa1d65353822bd2af13522b/broken.pdf"),
        ("video", None),
    ]
    assert talks["talks/front"]["links"][1]["url"] == "https://video.example.org/front"
    assert talks["talks/front"]["venue"] is None and talks["talks/front"]["location"] == "DIMA508"
    record = talks_json_record(past, path="talks.json", line=1, problem=lambda *a: None)
    assert record is not None
    assert {k: record.options[k] for k in ("online-mode", "registration", "summary", "image")} == {
        "online-mode": "interactive",
        "registration": "mailto:seminars@example.org",
        "summary": "Gradient descent prefers low-rank solutions.",
        "image": "https://seminars.example.org/_images/card.svg",
    }
    assert record.options["location"] == past["location"]


# -- the passcode --------------------------------------------------------------------


def _files_holding(folder: Path, secret: str) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    )


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "text", "latex", "xml"])
def test_no_public_file_holds_the_passcode(tmp_path: Path, buildername: str) -> None:
    """Every file of the output folder: pages, ``_sources``, search index, calendars,
    Atom, JSON, BibTeX, CSL-JSON, copied files.

    The doctree folder (``doctrees``, beside the output folder here, as
    ``sphinx-build -M`` and ``make`` place it) is not searched: the environment
    holds every option as written, and a build whose doctrees lie inside the
    output folder warns (``seminars.private-link``, tested below).
    """
    app = quiet_build(buildername, ROOT, tmp_path, freshenv=True)
    out = Path(app.outdir)
    assert not Path(app.doctreedir).resolve().is_relative_to(out.resolve())
    assert len(list(out.rglob("*"))) > 3
    assert _files_holding(out, PASSCODE) == []
    if buildername == "html":
        assert Path(out, "seminars", "talks.json").is_file()
        assert not Path(out, "_sources", "talks").exists()
        assert Path(out, "_sources", "index.rst.txt").is_file()  # no passcode: copied
    # The environment does hold it: that is why the doctree folder must stay out.
    assert _files_holding(Path(app.doctreedir), PASSCODE)


def test_the_site_may_show_passcodes_on_its_pages_only(tmp_path: Path) -> None:
    app = quiet_build(
        "html",
        ROOT,
        tmp_path,
        freshenv=True,
        confoverrides={"seminars_show_passcodes": True},
    )
    out = Path(app.outdir)
    shown = html_tree(app, "talks/past").select_one("dd.seminars-field-passcode code")
    assert shown.get_text() == PASSCODE
    holding = _files_holding(out, PASSCODE)
    # The talk pages; nothing else: not the search index, by any of the passcode's words.
    index = Path(out, "searchindex.js").read_text(encoding="utf-8").lower()
    for word in ("secret", "4711"):  # words of PASSCODE as the indexer stores them
        assert word not in index, word
    assert holding == [
        "talks/front.html",
        "talks/future.html",
        "talks/past.html",
    ]


def test_doctrees_inside_the_output_warn_about_passcodes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    app = SphinxTestApp(
        "html", srcdir=src, builddir=tmp_path / "b", status=StringIO(), warning=StringIO()
    )
    app.doctreedir = Path(app.outdir, ".doctrees")
    app.env.doctreedir = app.doctreedir
    try:
        app.build()
    finally:
        app.cleanup()
    found = [w for w in warnings_of(app) if w["type"] == "seminars.private-link"]
    assert found and "meeting passcodes" in found[0]["message"]


# -- config -------------------------------------------------------------------------


def test_bad_venue_config_warns(tmp_path: Path) -> None:
    app = quiet_build(
        "html",
        ROOT,
        tmp_path,
        freshenv=True,
        confoverrides={
            "seminars_venues": {
                "dima-508": {"name": "UniGe DIMA", "coordinates": "44.4", "rooom": "508"}
            }
        },
    )
    # Configuration warnings name no file (as every seminars_* value's warnings).
    messages = [
        line for line in app.warning.getvalue().splitlines() if "[seminars.bad-venue]" in line
    ]
    assert any("unknown key 'rooom'" in m and "'room'" in m for m in messages)
    assert any("cannot read coordinates '44.4'" in m for m in messages)
    # The venue is still used.
    assert get_domain(app.env).talks["talks/past"].venue == "dima-508"


def test_a_venue_page_is_rewritten_when_a_venue_changes(tmp_path: Path) -> None:
    """Incremental: editing a venue declared in one document updates the talk pages
    of another, as a clean build does; -j 2 gives the same pages."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    first = quiet_build(
        "html",
        src,
        tmp_path / "out",
    )
    assert (
        "Sala Seminari"
        in html_tree(first, "talks/future").select_one("dd.seminars-field-where").get_text()
    )
    index = src / "index.rst"
    index.write_text(index.read_text("utf-8").replace("Sala Seminari", "Aula Magna"), "utf-8")
    again = quiet_build(
        "html",
        src,
        tmp_path / "out",
    )
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    clean = quiet_build(
        "html",
        clean_src,
        tmp_path / "clean",
    )
    parallel = quiet_build("html", clean_src, tmp_path / "j2", parallel=2)
    for docname in ("talks/future", "seminars/venues/sala-seminari", "index"):
        body = [
            str(
                BeautifulSoup(
                    Path(a.outdir, f"{docname}.html").read_text("utf-8"), "html5lib"
                ).select_one("div.body")
            )
            for a in (again, clean, parallel)
        ]
        assert body[0] == body[1] == body[2], docname
    assert (
        "Aula Magna"
        in html_tree(again, "talks/future").select_one("dd.seminars-field-where").get_text()
    )


@pytest.mark.parametrize("value", [True, 3, 2.5, ["step-free"], {"a": 1}])
def test_accessibility_that_is_not_text_warns(value: object) -> None:
    venues, messages = venue_records({"dima": {"name": "DIMA", "accessibility": value}})
    assert venues["dima"].accessibility == ""
    assert any("'accessibility' must be text" in m for m in messages)
