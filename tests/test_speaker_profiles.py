"""Speaker profiles (``speaker`` directive, ``seminars_speakers``) and series organisers.

Root ``test-profiles``: Ada Lovelace has a configuration profile (alias "A. Lovelace",
an SVG photo, a bio) and talks in 2021 and 2023 at Genoa and in 2024 at UCL; Carl Gauss
and Emmy Noether have a directive profile that wins over a configuration entry; Sofia
Kovalevskaya has no profile, only a talk bio; a hostile name and profile; organisers in
``seminars_series`` and in a ``series`` directive, with e-mails and pages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, html_tree, seminars_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.options import (
    orcid_checksum_ok,
    parse_organiser,
    read_profile,
)
from sphinxext.seminars.core.parsing import InvalidValue

ROOT = ROOTS / "test-profiles"
ADA = "seminars/speakers/ada-lovelace"
GAUSS = "seminars/speakers/carl-gauss"
NOETHER = "seminars/speakers/emmy-noether"
SOFIA = "seminars/speakers/sofia-kovalevskaya"
#: The local parts of the organisers' e-mails (a page may write "@" as "%40").
EMAILS = ("grace.x7q", "hedy.k2z")


def build(tmp: Path, **kwargs: Any) -> SphinxTestApp:
    src = tmp / "src"
    shutil.copytree(ROOT, src)
    return build_site("html", src, src / "_build", **kwargs)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build(tmp_path_factory.mktemp("profiles"))


def page(app: SphinxTestApp, name: str) -> Any:
    return html_tree(app, name).select_one("section.seminars-page")


def texts(elements: Any) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def jsonld(tree: Any) -> list[Any]:
    return [json.loads(s.string) for s in tree.select('script[type="application/ld+json"]')]


# -- the pure readers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "valid"),
    [
        ("0000-0002-1825-0097", True),
        ("0000-0002-1694-233X", True),
        ("0000-0001-5109-3700", True),
        ("0000-0002-1825-0098", False),
        ("0000-0002-1694-2330", False),
    ],
)
def test_orcid_check_digit(ident: str, valid: bool) -> None:
    assert orcid_checksum_ok(ident) is valid
    data, problems = read_profile("X", {"orcid": ident})
    assert (data.orcid == ident) is valid
    assert [key for key, _m in problems] == ([] if valid else ["orcid"])


@pytest.mark.parametrize(
    ("photo", "base", "stored", "local"),
    [
        ("ada.jpg", "people", "people/ada.jpg", True),
        ("../photos/ada.jpg", "people", "photos/ada.jpg", True),
        ("/photos/ada.svg", "people/deep", "photos/ada.svg", True),
        ("https://example.org/a.jpg", "", "https://example.org/a.jpg", False),
        ("http://example.org/a.jpg", "", "http://example.org/a.jpg", False),
        ("../../secret.png", "people", "", False),
        ("../x.png", "", "", False),
        ("javascript:alert(1)", "", "", False),
        ("mailto:a@example.org", "", "", False),
        ("file:///etc/passwd", "", "", False),
        # Only images are published: not the configuration, a page's source or a hidden file.
        ("/conf.py", "people", "", False),
        ("../index.rst", "people", "", False),
        (".git/logo.png", "", "", False),
    ],
)
def test_photo_is_a_site_file_or_a_web_url(
    photo: str, base: str, stored: str, local: bool
) -> None:
    data, problems = read_profile("X", {"photo": photo}, photo_base=base)
    assert (data.photo, data.photo_local) == (stored, local)
    assert bool(problems) is (not stored)


def test_profile_name_and_aliases() -> None:
    data, problems = read_profile(
        "lenka", {"name": "Lenka Zdeborová", "aliases": "L. Zdeborová; Lenka Zdeborova"}
    )
    assert problems == []
    assert data.name == "Lenka Zdeborová"
    # The entry's key is one more spelling of the name.
    assert data.aliases == ("L. Zdeborová", "Lenka Zdeborova", "lenka")
    _data, problems = read_profile("X", {"aliases": 5, "bio": ["a"]})
    assert sorted(key for key, _m in problems) == ["aliases", "bio"]


@pytest.mark.parametrize(
    ("text", "name", "link"),
    [
        ("Ada Lovelace <ada@example.org>", "Ada Lovelace", "mailto:ada@example.org"),
        ("Alan Turing (https://example.org/turing)", "Alan Turing", "https://example.org/turing"),
        ("Carl Gauss (Göttingen)", "Carl Gauss (Göttingen)", ""),
        ("Emmy Noether", "Emmy Noether", ""),
    ],
)
def test_organiser_forms(text: str, name: str, link: str) -> None:
    found = parse_organiser(text)
    assert (found.name, found.link) == (name, link)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody <not-an-address>",
        "<ada@example.org>",
        "X (https://)",
        "(https://e.org/)",
        # An address outside <...> would be published as the name.
        "ada@example.org",
        "Ada ada@example.org",
        "Ada (ada@example.org)",
    ],
)
def test_unreadable_organisers(text: str) -> None:
    with pytest.raises(InvalidValue) as error:
        parse_organiser(text)
    assert error.value.subtype == "bad-organiser"


# -- warnings ------------------------------------------------------------------------


def test_every_problem_warns_with_its_place(site: SphinxTestApp) -> None:
    found = seminars_warnings(site)
    assert ("bad-option-value", "gauss.rst:9") in found  # :homepag:
    assert ("bad-profile", "noether.md:5") in found  # photo outside the source folder
    assert ("bad-profile", "noether.md:6") in found  # ORCID check digit
    assert ("bad-profile", "hostile.rst:6") in found  # javascript: homepage
    assert ("duplicate-profile", "gauss.rst:4") in found
    assert ("duplicate-profile", "noether.md:3") in found
    messages = {w["message"] for w in warnings_of(site)}
    # Configuration entries warn without a line (conf.py is Python).
    unplaced = site.warning.getvalue().splitlines()
    assert any("'affiliaton'" in m and "'affiliation'" in m for m in unplaced)
    assert any("'not-an-address'" in m and "seminars.bad-config" in m for m in unplaced)
    duplicate = next(m for m in messages if "'Carl Gauss' is also given" in m)
    assert "this 'speaker' directive is used" in duplicate
    homepag = next(m for m in messages if "':homepag:'" in m)
    assert "':homepage:'" in homepag


# -- the speaker page --------------------------------------------------------------


def test_profile_on_the_speaker_page(site: SphinxTestApp) -> None:
    ada = page(site, ADA)
    assert texts(ada.select(".seminars-speaker-pronouns")) == ["(she/her)"]
    assert texts(ada.select(".seminars-speaker-affiliation")) == ["University of London"]
    assert texts(ada.select(".seminars-speaker-bio p")) == [
        "Ada wrote the first program.",
        "She worked with Babbage.",
    ]
    assert ada.select_one("a.seminars-homepage")["href"] == "https://example.org/ada"
    assert ada.select_one("a.seminars-orcid")["href"] == "https://orcid.org/0000-0002-1694-233X"
    # The alias "A. Lovelace" of the 2023 talk is the same person.
    assert len(ada.select(".seminars-page-talk")) == 3
    assert texts(ada.select(".seminars-affiliation-history li")) == [
        "University of Genoa (2021\u20132023)",
        "UCL (2024)",
    ]
    # Co-speakers, linked to their pages.
    links = ada.select(".seminars-co-speakers a")
    assert texts(links) == ["Carl Gauss"]
    target = Path(site.outdir, ADA).parent / links[0]["href"]
    assert target.resolve() == Path(site.outdir, f"{GAUSS}.html").resolve()


def test_a_local_svg_photo_is_copied_and_shown_as_an_image(site: SphinxTestApp) -> None:
    for name, source in ((ADA, ROOT / "photos" / "ada.svg"), (GAUSS, ROOT / "people" / "gauss.svg")):
        tree = html_tree(site, name)
        photo = tree.select_one("section.seminars-page img.seminars-speaker-photo")
        copied = (Path(site.outdir, name).parent / photo["src"]).resolve()
        assert copied.read_bytes() == source.read_bytes()
        assert copied.suffix == ".svg"
        # Served as an image: its script never becomes part of the page.
        assert tree.find("svg") is None
        assert all("alert(1)" not in (s.string or "") for s in tree.find_all("script"))


def test_the_directive_wins_and_shows_where_it_is(site: SphinxTestApp) -> None:
    gauss = page(site, GAUSS)
    assert texts(gauss.select(".seminars-speaker-affiliation")) == ["Göttingen"]
    assert texts(gauss.select(".seminars-speaker-bio p")) == [
        "Carl Gauss was the prince of mathematicians."
    ]
    own = html_tree(site, "people/gauss").select_one("div.seminars-profile")
    assert texts(own.select(".seminars-profile-name")) == ["Carl Gauss"]
    assert texts(own.select(".seminars-speaker-pronouns")) == ["(he/him)"]
    assert own.select_one(".seminars-speaker-bio em").get_text() == "prince"
    # The MyST directive reads the same options.
    noether = html_tree(site, "people/noether").select_one("div.seminars-profile")
    assert texts(noether.select(".seminars-speaker-affiliation")) == ["Erlangen"]
    assert noether.select("img") == [] and noether.select("a.seminars-orcid") == []


def test_latest_talk_bio_stands_in(site: SphinxTestApp) -> None:
    sofia = page(site, SOFIA)
    assert texts(sofia.select(".seminars-speaker-bio > p:not(.seminars-bio-source)")) == [
        "Sofia studied the spinning top."
    ]
    assert sofia.select_one(".seminars-bio-source a").get_text() == "Tops"
    # A profile bio is preferred to a talk's.
    noether = page(site, NOETHER)
    assert texts(noether.select(".seminars-speaker-bio p")) == [
        "Emmy Noether shaped modern algebra."
    ]


def test_person_jsonld(site: SphinxTestApp) -> None:
    (ada,) = jsonld(page(site, ADA))
    assert ada["@type"] == "Person" and ada["name"] == "Ada Lovelace"
    assert ada["sameAs"] == ["https://orcid.org/0000-0002-1694-233X", "https://example.org/ada"]
    assert ada["affiliation"] == {"@type": "Organization", "name": "University of London"}
    assert ada["url"] == f"https://seminars.example.org/{ADA}.html"
    assert ada["image"] == "https://seminars.example.org/seminars/photos/ada-lovelace.svg"
    (sofia,) = jsonld(page(site, SOFIA))
    assert "sameAs" not in sofia
    assert sofia["affiliation"]["name"] == "Stockholm"
    # Each talk's performer carries the profile.
    (event,) = jsonld(html_tree(site, "talks/two"))
    performers = {p["name"]: p for p in event["performer"]}
    assert performers["A. Lovelace"]["sameAs"][0] == "https://orcid.org/0000-0002-1694-233X"
    # The talk's own affiliation comes first.
    assert performers["A. Lovelace"]["affiliation"]["name"] == "University of Genoa"
    assert performers["Carl Gauss"]["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    organisers = event["organizer"]
    assert organisers[0] == {"@type": "Person", "name": "Grace Hopper", "email": "grace.x7q@example.org"}
    assert organisers[1]["url"] == "https://example.org/turing"


def test_hostile_names_stay_data(site: SphinxTestApp) -> None:
    name = 'Eve </script><script>alert("XSS-name")</script>'
    for docname in ("talks/five", "people/hostile"):
        tree = html_tree(site, docname)
        for script in tree.find_all("script"):
            assert "XSS" not in (script.string or "") or script["type"] == "application/ld+json"
    speaker_pages = list(Path(site.outdir, "seminars", "speakers").glob("eve*.html"))
    assert len(speaker_pages) == 1
    tree = BeautifulSoup(speaker_pages[0].read_text("utf-8"), "html5lib")
    (person,) = jsonld(tree.select_one("section.seminars-page"))
    assert person["name"] == name
    assert person["affiliation"]["name"] == "</script><b>XSS-aff</b>"
    assert "sameAs" not in person  # the javascript: homepage was refused
    assert tree.select("b") == [] or all("XSS" not in b.get_text() for b in tree.select("b"))
    events = [d for d in jsonld(html_tree(site, "talks/five")) if d["name"] == "Hostile"]
    assert events[0]["performer"][0]["name"] == name


# -- organisers ----------------------------------------------------------------------


def test_organisers_on_the_series_page_and_calendar(site: SphinxTestApp) -> None:
    colloquium = page(site, "seminars/series/colloquium")
    links = colloquium.select(".seminars-field-organisers a.seminars-organiser")
    assert [(a.get_text(), unquote(a["href"])) for a in links] == [
        ("Grace Hopper", "mailto:grace.x7q@example.org"),
        ("Alan Turing", "https://example.org/turing"),
    ]
    calendar = icalendar.Calendar.from_ical(
        Path(site.outdir, "seminars", "series", "colloquium.ics").read_bytes()
    )
    for event in calendar.walk("VEVENT"):
        organizer = event["ORGANIZER"]
        assert str(organizer) == "mailto:grace.x7q@example.org"
        assert organizer.params["CN"] == "Grace Hopper"
    seminar = html_tree(site, "series").select_one("div.seminars-series")
    assert [unquote(a["href"]) for a in seminar.select("a.seminars-organiser")] == [
        "mailto:hedy.k2z@example.org",
        "https://example.org/turing",
    ]


def test_talks_json_holds_profiles_and_organiser_links(site: SphinxTestApp) -> None:
    data = json.loads(Path(site.outdir, "seminars", "talks.json").read_text("utf-8"))
    assert data["version"] == 1 and data["minor_version"] == 1
    speakers = {s["key"]: s for s in data["speakers"]}
    assert speakers["ada-lovelace"]["aliases"] == ["A. Lovelace"]
    assert speakers["ada-lovelace"]["photo"] == (
        "https://seminars.example.org/seminars/photos/ada-lovelace.svg"
    )
    assert speakers["carl-gauss"]["affiliation"] == "Göttingen"
    series = {s["name"]: s for s in data["series"]}
    assert series["Colloquium"]["organisers"] == ["Grace Hopper", "Alan Turing", "Nobody"]
    assert series["Colloquium"]["organiser_links"] == [
        "mailto:grace.x7q@example.org",
        "https://example.org/turing",
        "",
    ]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(Path(site.outdir, "seminars", "talks.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)


def test_private_emails_reach_no_public_file(tmp_path: Path) -> None:
    app = build(tmp_path, confoverrides={"seminars_private_emails": True})
    out = Path(app.outdir)
    doctrees = Path(app.doctreedir).resolve()
    checked = 0
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.resolve().is_relative_to(doctrees):
            continue
        data = path.read_bytes()
        checked += 1
        for local in EMAILS:
            assert local.encode() not in data, path
    assert checked > 30
    # The series page and calendar still name the organisers.
    colloquium = page(app, "seminars/series/colloquium")
    assert "Grace Hopper" in colloquium.get_text()
    calendar = icalendar.Calendar.from_ical(
        Path(out, "seminars", "series", "colloquium.ics").read_bytes()
    )
    organizer = calendar.walk("VEVENT")[0]["ORGANIZER"]
    assert (organizer.params["CN"], str(organizer)) == ("Grace Hopper", "invalid:nomail")
    # The document declaring an e-mail has no _sources copy; the others keep theirs.
    assert not Path(out, "_sources", "series.rst.txt").exists()
    assert Path(out, "_sources", "talks", "one.rst.txt").exists()


def test_private_emails_written_outside_brackets_reach_no_public_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nseminars_private_emails = True\n'
        'html_baseurl = "https://example.org/"\n'
    )
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. series:: Bare\n"
        "   :organisers: Jane jane.q5z@example.org; <solo.q5z@example.org>; Ann (ann.q5z@example.org)\n\n"
        ".. talk:: A talk\n   :speaker: Ada Lovelace\n   :date: 2030-01-01 10:00\n"
        "   :series: Bare\n"
    )
    app = build_site("html", src, tmp_path / "out")
    assert [w for w in seminars_warnings(app) if "bad-organiser" in w]
    files = [p for p in Path(app.outdir).rglob("*") if p.is_file()]
    assert len(files) > 10
    for path in files:
        assert b"q5z@" not in path.read_bytes(), path
    assert "Jane" in page(app, "seminars/series/bare").get_text()


# -- incremental and parallel builds ---------------------------------------------------


def generated(app: SphinxTestApp) -> dict[str, str]:
    folder = Path(app.outdir, "seminars")
    result = {}
    for path in sorted(folder.rglob("*.html")):
        tree = BeautifulSoup(path.read_text("utf-8"), "html5lib")
        result[path.relative_to(folder).as_posix()] = str(tree.select_one("section.seminars-page"))
    return result


def test_parallel_build_equals_serial(site: SphinxTestApp, tmp_path: Path) -> None:
    parallel = build(tmp_path, parallel=2)
    assert generated(parallel) == generated(site)
    ours = Path(site.outdir, "seminars", "talks.json").read_bytes()
    assert Path(parallel.outdir, "seminars", "talks.json").read_bytes() == ours
    assert sorted(seminars_warnings(parallel)) == sorted(seminars_warnings(site))


def test_editing_a_profile_rewrites_that_speakers_page(tmp_path: Path) -> None:
    app = build(tmp_path)
    src = Path(app.srcdir)
    out = Path(app.outdir)
    before = {p: p.stat().st_mtime_ns for p in out.joinpath("seminars", "speakers").glob("*.html")}
    talk_page = out / "talks" / "two.html"
    talk_before = talk_page.stat().st_mtime_ns
    profile = src / "people" / "gauss.rst"
    profile.write_text(
        profile.read_text("utf-8").replace(":affiliation: Göttingen", ":affiliation: Berlin"),
        "utf-8",
    )
    again = build_site("html", src, src / "_build")
    changed = {
        p.name for p in out.joinpath("seminars", "speakers").glob("*.html")
        if p.stat().st_mtime_ns != before[p]
    }
    assert changed == {"carl-gauss.html"}
    assert texts(page(again, GAUSS).select(".seminars-speaker-affiliation")) == ["Berlin"]
    # The talk's JSON-LD performer shows the profile: its page is written again too.
    assert talk_page.stat().st_mtime_ns != talk_before
    performers = jsonld(html_tree(again, "talks/two"))[0]["performer"]
    assert [p["affiliation"]["name"] for p in performers] == ["University of Genoa", "Göttingen"]
    # A clean build of the edited sources gives the same pages.
    fresh = build_site("html", src, tmp_path / "fresh")
    assert generated(fresh) == generated(again)


def test_a_speakers_file_warns_at_the_entrys_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "people.yaml").write_text(
        "Ada Lovelace:\n  sort: Lovelace\nSofia Kovalevskaya:\n  affiliaton: Stockholm\n"
        "  orcid: 0000-0002-1825-0098\n  pronouns: she/her\n",
        "utf-8",
    )
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('seminars_speakers_file = "people.yaml"\n')
    app = build_site("html", src, src / "_build")
    located = [w for w in warnings_of(app) if w["location"].endswith("people.yaml")]
    assert sorted((w["line"], w["type"]) for w in located) == [
        ("3", "seminars.bad-config"),
        ("3", "seminars.bad-config"),
    ]
    assert any("'affiliation'" in w["message"] for w in located)
    # The valid keys of the entry are used.
    sofia = page(app, SOFIA)
    assert texts(sofia.select(".seminars-speaker-pronouns")) == ["(she/her)"]


def test_a_crowded_talk_adds_no_co_speakers(tmp_path: Path) -> None:
    """Co-speakers come from talks of at most eight speakers: pages stay small."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinxext.seminars"]\nhtml_theme = "basic"\n')
    crowd = "; ".join(f"Person {n:02d}" for n in range(12))
    (src / "index.rst").write_text(
        ".. talk:: Crowd\n   :date: 2022-01-01 10:00\n"
        f"   :speaker: {crowd}\n\n"
        ".. talk:: Pair\n   :id: pair\n   :date: 2023-01-01 10:00\n"
        "   :speaker: Person 00 (Genoa); Person 01\n",
        "utf-8",
    )
    app = build_site("html", src, src / "_build")
    first = page(app, "seminars/speakers/person-00")
    assert texts(first.select(".seminars-co-speakers a")) == ["Person 01"]
    assert texts(first.select(".seminars-affiliation-history li")) == ["Genoa (2023)"]
    assert page(app, "seminars/speakers/person-05").select(".seminars-co-speakers") == []


def test_the_profile_links_to_the_speakers_page(site: SphinxTestApp) -> None:
    own = html_tree(site, "people/gauss").select_one("div.seminars-profile")
    href = own.select_one(".seminars-profile-name a")["href"]
    target = (Path(site.outdir, "people") / href).resolve()
    assert target == Path(site.outdir, f"{GAUSS}.html").resolve()
    # A profile of someone without talks names them without a link, and without a warning.
    quiet = html_tree(site, "people/quiet").select_one("div.seminars-profile")
    assert quiet.select(".seminars-profile-name a") == []
    assert texts(quiet.select(".seminars-profile-name")) == ["Quiet Person"]
    assert not list(Path(site.outdir, "seminars", "speakers").glob("quiet*"))
    assert [w for w in seminars_warnings(site) if w[0] == "unknown-speaker"] == []
