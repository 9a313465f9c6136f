"""talks.json, Atom, BibTeX, CSL-JSON, JSON-LD and "Cite this talk" (issue 4).

Every output is parsed back (json, ElementTree via defusedxml, pybtex,
BeautifulSoup) and checked field by field. Builds are module-scoped copies of
``roots/test-exports``, so tests can compare builds without touching the root.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zlib
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from posixpath import join as urljoin
from posixpath import normpath
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of
from defusedxml import ElementTree as SafeET
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.publish.atom import feed_talks
from sphinxext.seminars.publish.cache import EXPORT_CACHE, read_cache, write_cache
from sphinxext.seminars.publish.citations import bib_escape
from sphinxext.seminars.publish.jsonld import script_safe_json
from sphinxext.seminars.store.domain import get_domain

jsonschema = pytest.importorskip("jsonschema")
pybtex_database = pytest.importorskip("pybtex.database")

ROOT = Path(__file__).parent / "roots" / "test-exports"
EXPORTS = ("talks.json", "talks.schema.json", "talks.atom", "talks.bib", "talks.csl.json")
ATOM = "{http://www.w3.org/2005/Atom}"
NASTY_TITLE = r"50% of {x} & $y$ </script><b>bold</b> \end ~_^#"
BASE = "https://seminars.example.org/archive/"


def make(
    tmp: Path,
    buildername: str = "html",
    *,
    parallel: int = 0,
    freshenv: bool = False,
    **overrides: object,
) -> SphinxTestApp:
    """A build of a private copy of the root (tests may edit ``app.srcdir``)."""
    src = tmp / "src"
    if not src.exists():
        shutil.copytree(ROOT, src)
    app = SphinxTestApp(
        buildername,
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
        freshenv=freshenv,
        confoverrides=dict(overrides),
    )
    app.build()
    return app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    built = make(tmp_path_factory.mktemp("html"))
    yield built
    built.cleanup()


def export(app: SphinxTestApp, name: str) -> bytes:
    return Path(app.outdir, "seminars", name).read_bytes()


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, f"{docname}.html").read_text("utf-8"), "html5lib")


# -- talks.json -------------------------------------------------------------


def test_json_is_valid_against_its_versioned_schema(app: SphinxTestApp) -> None:
    schema = json.loads(export(app, "talks.schema.json"))
    packaged = (
        Path(__file__).parents[1] / "sphinxext" / "seminars" / "schema" / "talks.schema.json"
    )
    assert schema == json.loads(packaged.read_text("utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    data = json.loads(export(app, "talks.json"))
    validator.validate(data)
    assert schema["version"] == data["version"] == 1

    # The schema is strict enough to notice a broken record.
    broken = json.loads(export(app, "talks.json"))
    del broken["talks"][0]["start"]
    assert not validator.is_valid(broken)


def test_json_holds_every_talk_with_its_metadata(app: SphinxTestApp) -> None:
    data = json.loads(export(app, "talks.json"))
    talks = {talk["id"]: talk for talk in data["talks"]}
    assert set(talks) == set(get_domain(app.env).talks)
    starts = [talk["start"] for talk in data["talks"]]
    assert [t.id for t in get_domain(app.env).ordered_talks] == [t["id"] for t in data["talks"]]
    assert len(starts) == 9

    future = talks["talks/future"]
    assert future["start"] == "2024-02-01T11:00:00+01:00"
    assert future["end"] == "2024-02-01T12:30:00+01:00"
    assert future["timezone"] == "Europe/Rome"
    assert future["speakers"] == [{"name": "Emmy Noether", "affiliation": "Göttingen"}]
    assert future["location"] == "Aula Magna"
    assert future["online"] == "https://stream.example.org/live"
    assert future["url"] == BASE + "talks/future.html#talk-talks-future"
    assert future["path"] == "talks/future.html#talk-talks-future"
    assert future["abstract"] == "Mixed attendance."

    workshop = talks["talks/workshop"]
    assert (workshop["all_day"], workshop["date"], workshop["last_day"]) == (
        True,
        "2024-03-15",
        "2024-03-15",
    )
    assert workshop["event"] == "Stochastic analysis day"
    assert talks["talks/cancelled"]["status"] == "cancelled"
    assert talks["talks/nasty"]["title"] == NASTY_TITLE
    assert talks["talks/online"]["timezone"] == "America/New_York"

    malatesta = talks["talks/malatesta"]
    assert malatesta["links"] == [
        {
            "kind": "arxiv",
            "url": "https://arxiv.org/abs/2003.00307",
            "path": None,
            "ident": "2003.00307",
        }
    ]
    assert [paper["title"] for paper in malatesta["papers"]] == [
        "Who is Afraid of Big Bad Minima?",
        "The committee machine",
    ]
    series = {s["name"]: s for s in data["series"]}
    assert series["Probability Seminar"]["organisers"] == ["Ada Lovelace (UCL)", "Carl Gauss"]


# -- Atom -------------------------------------------------------------------


def entries(feed: bytes) -> list[dict[str, str]]:
    root = SafeET.fromstring(feed)
    assert root.tag == f"{ATOM}feed"
    result = []
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        result.append(
            {
                "id": entry.findtext(f"{ATOM}id", ""),
                "title": entry.findtext(f"{ATOM}title", ""),
                "href": link.get("href", ""),
                "updated": entry.findtext(f"{ATOM}updated", ""),
                "summary": entry.findtext(f"{ATOM}summary", ""),
            }
        )
    return result


def test_atom_puts_upcoming_first_then_recent_past(app: SphinxTestApp) -> None:
    found = entries(export(app, "talks.atom"))
    # Pinned "now" is 2024-01-01; two upcoming talks ascending, then the two
    # most recent past ones (seminars_feed_past_talks = 2) descending.
    assert [e["href"].removeprefix(BASE) for e in found] == [
        "talks/future.html#talk-talks-future",
        "talks/workshop.html#talk-talks-workshop",
        "talks/cancelled.html#talk-talks-cancelled",
        "talks/nasty.html#talk-talks-nasty",
    ]
    assert found[0]["title"] == "Emmy Noether: An upcoming talk"
    assert found[2]["title"] == "[Cancelled] Carl Gauss: A cancelled talk"
    # An upcoming talk's entry was last updated when the site was built (the
    # pinned moment), not at the talk's start; a past talk's at its start.
    assert found[0]["updated"] == "2024-01-01T00:00:00Z"
    assert found[1]["updated"] == "2024-01-01T00:00:00Z"
    assert found[2]["updated"] < "2024-01-01T00:00:00Z"
    assert all(entry["updated"] <= "2024-01-01T00:00:00Z" for entry in found)
    root = SafeET.fromstring(export(app, "talks.atom"))
    # The feed's "updated" is its newest entry's: never after the build's moment.
    assert root.findtext(f"{ATOM}updated") == "2024-01-01T00:00:00Z"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "seminars/talks.atom"


def test_atom_updated_is_never_after_the_build() -> None:
    from sphinxext.seminars.publish.atom import atom_cutoff

    pinned = dt.datetime(2030, 5, 25, 15, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert atom_cutoff(pinned) == dt.datetime(2030, 5, 25, 13, 30, tzinfo=dt.UTC)
    # Unpinned: the start of the build's day (UTC), the same for every build that day.
    clock = dt.datetime(2031, 1, 2, 23, 59, tzinfo=dt.UTC)
    assert atom_cutoff(None, clock) == dt.datetime(2031, 1, 2, tzinfo=dt.UTC)
    assert atom_cutoff(None, clock) <= clock


def test_atom_escapes_text_and_keeps_stable_ids(app: SphinxTestApp, tmp_path: Path) -> None:
    found = {e["href"].removeprefix(BASE): e for e in entries(export(app, "talks.atom"))}
    nasty = found["talks/nasty.html#talk-talks-nasty"]
    assert nasty["title"] == f"O'Brien & Co <i>x</i>, Smith and Jones: {NASTY_TITLE}"
    assert nasty["summary"].splitlines()[1] == 'Room <1> & "2"'
    root = SafeET.fromstring(export(app, "talks.atom"))
    for entry in root.findall(f"{ATOM}entry"):
        title = entry.find(f"{ATOM}title")
        assert title is not None and len(title) == 0  # text only, no injected element
    ids = [e["id"] for e in found.values()]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in ids)

    # Another site (another base URL) gives other ids; the same site the same ones.
    other = make(tmp_path, html_baseurl="https://elsewhere.example.org/")
    try:
        other_ids = [e["id"] for e in entries(export(other, "talks.atom"))]
    finally:
        other.cleanup()
    assert not set(other_ids) & set(ids)


def test_atom_window_without_a_pinned_moment(app: SphinxTestApp) -> None:
    talks = get_domain(app.env).ordered_talks
    # No clock: the newest talks, newest first (upcoming ones are the newest).
    assert [t.id for t in feed_talks(talks, 3, None)] == [
        "talks/workshop",
        "talks/future",
        "talks/cancelled",
    ]
    assert feed_talks(talks, 0, None) == []


# -- BibTeX -------------------------------------------------------------------


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_parses_with_escaped_specials(app: SphinxTestApp) -> None:
    text = export(app, "talks.bib").decode()
    assert balanced(text)
    bib = pybtex_database.parse_string(text, "bibtex")
    keys = {t.id.replace("/", ":") for t in get_domain(app.env).talks.values()}
    assert set(bib.entries) == keys
    nasty = bib.entries["talks:nasty"]
    assert nasty.type == "misc"
    assert nasty.fields["title"] == (
        r"{50\% of \textbraceleft{}x\textbraceright{} \& \$y\$ </script><b>bold</b> "
        r"\textbackslash{}end \~{}\_\^{}\#}"
    )
    # Two people: "and" inside a braced name does not split it.
    authors = nasty.persons["author"]
    assert len(authors) == 2
    assert str(authors[1]) == "{Smith and Jones}"
    assert nasty.fields["howpublished"] == "Talk, Probability Seminar"
    assert (nasty.fields["year"], nasty.fields["month"], nasty.fields["date"]) == (
        "2023",
        "June",
        "2023-06-01",
    )
    assert nasty.fields["url"] == BASE + "talks/nasty.html#talk-talks-nasty"
    assert bib.entries["talks:cancelled"].fields["note"] == "Cancelled"
    assert "author" not in bib.entries["talks:workshop"].persons  # TBA is no author


@pytest.mark.parametrize(
    "text",
    ["{", "}", "}{", "\\", "\\{", "%{}$&#_^~", "a } b { c", "{{{", "x\\}"],
)
def test_bib_escape_always_balances(text: str) -> None:
    escaped = bib_escape(text)
    assert balanced(escaped)
    entry = f"@misc{{k, title = {{{escaped}}}}}"
    assert pybtex_database.parse_string(entry, "bibtex").entries["k"].fields["title"] == escaped


@given(st.text())
def test_bib_escape_balances_any_text(text: str) -> None:
    escaped = bib_escape(text)
    assert balanced(escaped)
    assert "\n" not in escaped


# -- CSL-JSON ---------------------------------------------------------------


def test_csl_json_items(app: SphinxTestApp) -> None:
    items = {item["id"]: item for item in json.loads(export(app, "talks.csl.json"))}
    assert len(items) == 9
    assert {item["type"] for item in items.values()} == {"speech"}
    future = items["talks:future"]
    assert future["event-date"] == {"date-parts": [[2024, 2, 1]]}
    assert future["event-title"] == future["event"] == "Probability Seminar"
    assert future["author"] == [{"family": "Noether", "given": "Emmy"}]
    assert future["URL"] == BASE + "talks/future.html#talk-talks-future"
    assert future["event-place"] == "Aula Magna"
    assert items["talks:nasty"]["title"] == NASTY_TITLE
    assert items["talks:workshop"]["event-title"] == "Stochastic analysis day"


# -- JSON-LD and the citation block --------------------------------------------------


def ld_scripts(soup: BeautifulSoup) -> list[dict[str, object]]:
    return [
        json.loads(script.string)
        for script in soup.find_all("script", attrs={"type": "application/ld+json"})
    ]


def test_jsonld_survives_script_in_title(app: SphinxTestApp) -> None:
    soup = page(app, "talks/nasty")
    articles = soup.find_all("article", class_="seminars-talk")
    assert len(articles) == 1
    (data,) = ld_scripts(soup)
    assert data["@type"] == "Event"
    assert data["name"] == NASTY_TITLE
    assert data["location"] == {
        "@type": "Place",
        "name": 'Room <1> & "2"',
        "address": 'Room <1> & "2"',
    }
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["startDate"] == "2023-06-01T10:00:00+02:00"
    assert data["url"] == BASE + "talks/nasty.html#talk-talks-nasty"
    assert [p["name"] for p in data["performer"]] == ["O'Brien & Co <i>x</i>", "Smith and Jones"]
    assert data["performer"][0]["affiliation"]["name"] == "Dept. of {Weird} & Co"
    assert data["organizer"] == [
        {
            "@type": "Person",
            "name": "Ada Lovelace",
            "affiliation": {"@type": "Organization", "name": "UCL"},
        },
        {"@type": "Person", "name": "Carl Gauss"},
    ]
    # Nothing of the title became markup: the article has no <b>, and the
    # talk's section heading shows the title as text.
    assert articles[0].find_all("b") == []
    assert soup.find("h1").get_text().rstrip("¶") == NASTY_TITLE


@pytest.mark.parametrize(
    ("docname", "status", "mode", "places"),
    [
        (
            "talks/future",
            "EventScheduled",
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
        ("talks/online", "EventScheduled", "OnlineEventAttendanceMode", ["VirtualLocation"]),
        (
            "talks/cancelled",
            "EventCancelled",
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
        ("talks/workshop", "EventScheduled", None, []),
    ],
)
def test_jsonld_status_and_attendance(
    app: SphinxTestApp, docname: str, status: str, mode: str | None, places: list[str]
) -> None:
    (data,) = ld_scripts(page(app, docname))
    assert data["eventStatus"] == f"https://schema.org/{status}"
    assert data.get("eventAttendanceMode") == (mode and f"https://schema.org/{mode}")
    location = data.get("location", [])
    location = [location] if isinstance(location, dict) else location
    assert [place["@type"] for place in location] == places


def test_jsonld_all_day_dates_and_papers(app: SphinxTestApp) -> None:
    (workshop,) = ld_scripts(page(app, "talks/workshop"))
    assert (workshop["startDate"], workshop["endDate"]) == ("2024-03-15", "2024-03-15")
    assert "performer" not in workshop  # TBA
    (malatesta,) = ld_scripts(page(app, "talks/malatesta"))
    assert [w["name"] for w in malatesta["workFeatured"]] == [
        "Who is Afraid of Big Bad Minima?",
        "The committee machine",
    ]
    # The series is named and linked, but not typed: an EventSeries would be an
    # Event of its own, without the start date and place Google's rules require.
    assert malatesta["superEvent"] == {
        "name": "Probability Seminar",
        "url": "https://seminars.example.org/archive/seminars/series/probability-seminar.html",
    }


def test_script_safe_json_round_trips() -> None:
    data = {"name": "</script><!-- & \u2028 >"}
    text = script_safe_json(data)
    assert json.loads(text) == data
    assert not {"<", ">", "&", "\u2028"} & set(text)


@given(st.text())
def test_script_safe_json_never_closes_a_script(text: str) -> None:
    safe = script_safe_json({"name": text})
    assert json.loads(safe) == {"name": text}
    soup = BeautifulSoup(f'<script type="application/ld+json">{safe}</script>', "html5lib")
    (script,) = soup.find_all("script")
    assert json.loads(script.string) == {"name": text}


def test_cite_block_matches_bib_file(app: SphinxTestApp) -> None:
    soup = page(app, "talks/nasty")
    (details,) = soup.find_all("details", class_="seminars-cite")
    assert details.find("summary").get_text() == "Cite this talk"
    shown = details.find("pre").get_text()
    bib = pybtex_database.parse_string(export(app, "talks.bib").decode(), "bibtex")
    on_page = pybtex_database.parse_string(shown, "bibtex")
    assert list(on_page.entries) == ["talks:nasty"]
    assert on_page.entries["talks:nasty"].fields == bib.entries["talks:nasty"].fields
    links = {a["href"] for a in details.find_all("a")}
    assert links == {"../seminars/talks.bib", "../seminars/talks.csl.json"}
    for href in links:
        assert Path(app.outdir, normpath(urljoin("talks", href))).is_file()


# -- determinism, incremental builds, builders -------------------------------------


def test_exports_identical_across_clean_and_parallel_builds(
    app: SphinxTestApp, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = make(tmp_path_factory.mktemp("again"))
    parallel = make(tmp_path_factory.mktemp("parallel"), parallel=2)
    try:
        for name in EXPORTS:
            assert export(again, name) == export(app, name), name
            assert export(parallel, name) == export(app, name), name
    finally:
        again.cleanup()
        parallel.cleanup()


def test_incremental_build_equals_clean_build(tmp_path_factory: pytest.TempPathFactory) -> None:
    first = make(tmp_path_factory.mktemp("incremental"))
    stamps = {name: Path(first.outdir, "seminars", name).stat().st_mtime_ns for name in EXPORTS}
    first.cleanup()
    # A build with nothing changed re-writes no export.
    unchanged = make(Path(first.srcdir).parent)
    unchanged.cleanup()
    for name in EXPORTS:
        assert Path(first.outdir, "seminars", name).stat().st_mtime_ns == stamps[name], name
    # Edit a talk and delete another, then build incrementally.
    future = Path(first.srcdir, "talks", "future.rst")
    future.write_text(
        future.read_text("utf-8").replace("An upcoming talk", "A renamed talk"), "utf-8"
    )
    Path(first.srcdir, "talks", "oldest.rst").unlink()
    incremental = make(Path(first.srcdir).parent)
    incremental.cleanup()
    clean_dir = tmp_path_factory.mktemp("clean")
    shutil.copytree(first.srcdir, clean_dir / "src", ignore=shutil.ignore_patterns("_build"))
    clean = make(clean_dir)
    clean.cleanup()
    titles = [t["title"] for t in json.loads(export(incremental, "talks.json"))["talks"]]
    assert "A renamed talk" in titles and "The oldest talk" not in titles
    for name in EXPORTS:
        assert export(incremental, name) == export(clean, name), name


def test_json_files_are_what_json_dumps_gives(app: SphinxTestApp) -> None:
    # Each talk's part is kept serialised and spliced in: the files must still be
    # exactly the dump of the whole document.
    for name in ("talks.json", "talks.csl.json"):
        data = export(app, name)
        dumped = json.dumps(json.loads(data), ensure_ascii=False, indent=2, sort_keys=True)
        assert data == (dumped + "\n").encode(), name


def test_talks_parts_are_kept_for_the_next_build(tmp_path: Path) -> None:
    first = make(tmp_path)
    first.cleanup()
    cache = Path(first.doctreedir, EXPORT_CACHE)
    known = read_cache(cache)
    expected = {name: export(first, name) for name in EXPORTS}
    # talks.json, BibTeX and CSL-JSON for each talk, an Atom summary for some, and
    # each Atom feed.
    talks = len(json.loads(expected["talks.json"])["talks"])
    atoms = len(list(Path(first.outdir).rglob("*.atom")))
    assert 3 * talks + atoms < len(known) <= 4 * talks + atoms
    # The next build takes each talk's part from the cache (so a changed part shows).
    # (Kept compressed, so a piece is changed through zlib.)
    write_cache(
        cache,
        {
            key: zlib.compress(zlib.decompress(value).replace(b"Turing", b"Tjuring"))
            for key, value in known.items()
        },
    )
    reused = make(tmp_path, freshenv=True)
    reused.cleanup()
    assert b"Tjuring" in export(reused, "talks.bib")
    assert b"Turing" not in export(reused, "talks.bib")
    # A part under another key changes nothing, a broken cache is no cache, and the
    # cache keeps only the parts of the last build.
    # A damaged piece is made again.
    damaged = next(iter(known))
    write_cache(cache, {**known, "0" * 64: zlib.compress(b"@misc{x}"), damaged: b"not zlib"})
    clean = make(tmp_path, freshenv=True)
    clean.cleanup()
    assert {name: export(clean, name) for name in EXPORTS} == expected
    assert read_cache(cache) == known
    # Damaged Atom summaries under an intact site feed, and damaged feeds of the
    # collections: the site feed is reused (its summaries kept for the next build),
    # the collections' feeds are made again and need those summaries.
    unpacked = {key: zlib.decompress(value) for key, value in known.items()}
    documents = sorted(
        (key for key, piece in unpacked.items() if piece.startswith(b"<?xml")),
        key=lambda key: len(unpacked[key]),
    )
    assert len(documents) >= 2
    summaries = [
        key for key, piece in unpacked.items()
        if not piece.lstrip().startswith((b"<?xml", b"{", b"@"))
    ]
    assert summaries
    damaged = dict.fromkeys([*summaries, *documents[:-1]], b"not zlib")
    write_cache(cache, {**known, **damaged})
    mended = make(tmp_path, freshenv=True)
    mended.cleanup()
    assert {name: export(mended, name) for name in EXPORTS} == expected
    # Only sound pieces are kept: the damaged summaries the build did not need are dropped.
    kept = read_cache(cache)
    assert kept.items() <= known.items() and len(kept) >= len(known) - len(summaries)
    cache.write_bytes(b"not a pickle")
    again = make(tmp_path, freshenv=True)
    again.cleanup()
    assert {name: export(again, name) for name in EXPORTS} == expected


def test_dirhtml_paths(tmp_path: Path) -> None:
    app = make(tmp_path, "dirhtml")
    try:
        data = json.loads(export(app, "talks.json"))
        paths = {t["id"]: t["path"] for t in data["talks"]}
        assert paths["talks/future"] == "talks/future/#talk-talks-future"
        soup = BeautifulSoup(
            Path(app.outdir, "talks/future/index.html").read_text("utf-8"), "html5lib"
        )
        (details,) = soup.find_all("details", class_="seminars-cite")
        hrefs = [a["href"] for a in details.find_all("a")]
        assert Path(app.outdir, normpath(urljoin("talks/future", hrefs[0]))).is_file()
    finally:
        app.cleanup()


@pytest.mark.parametrize("buildername", ["text", "latex", "epub"])
def test_no_exports_for_other_builders(tmp_path: Path, buildername: str) -> None:
    app = make(tmp_path, buildername, copyright="2024", version="1")
    try:
        # Only the root's deliberate paper warnings: no unknown node, no extra file.
        assert [w["type"] for w in warnings_of(app)] == [
            "seminars.bad-arxiv",
            "seminars.bad-doi",
            "seminars.misplaced",
        ]
        for name in EXPORTS:
            assert not Path(app.outdir, "seminars", name).exists(), name
        if buildername == "epub":
            page_text = Path(app.outdir, "talks", "nasty.xhtml").read_text("utf-8")
            soup = BeautifulSoup(page_text, "html5lib")
            assert soup.find_all("script", attrs={"type": "application/ld+json"}) == []
            assert soup.find_all("details", class_="seminars-cite") == []
    finally:
        app.cleanup()


def test_without_a_site_url_links_stay_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    app = make(tmp_path, html_baseurl="")
    try:
        data = json.loads(export(app, "talks.json"))
        assert data["site"]["url"] is None
        assert {t["url"] for t in data["talks"]} == {None}
        root = SafeET.fromstring(export(app, "talks.atom"))
        assert root.find(f"{ATOM}link[@rel='self']") is None
        # Entry links are relative to the feed's own location.
        hrefs = [e["href"] for e in entries(export(app, "talks.atom"))]
        assert hrefs[0] == "../talks/future.html#talk-talks-future"
        bib = pybtex_database.parse_string(export(app, "talks.bib").decode(), "bibtex")
        assert all("url" not in entry.fields for entry in bib.entries.values())
        assert all("URL" not in item for item in json.loads(export(app, "talks.csl.json")))
        (event,) = ld_scripts(page(app, "talks/future"))
        assert event["url"] == "#talk-talks-future"
    finally:
        app.cleanup()


def test_read_the_docs_canonical_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://group.readthedocs.io/en/latest/")
    app = make(tmp_path, html_baseurl="")
    try:
        data = json.loads(export(app, "talks.json"))
        assert data["site"]["url"] == "https://group.readthedocs.io/en/latest/"
        future = next(t for t in data["talks"] if t["id"] == "talks/future")
        assert (
            future["url"]
            == "https://group.readthedocs.io/en/latest/talks/future.html#talk-talks-future"
        )
    finally:
        app.cleanup()


def test_feeds_off_writes_no_export(tmp_path: Path) -> None:
    app = make(tmp_path, seminars_feeds=False)
    try:
        assert [n for n in EXPORTS if Path(app.outdir, "seminars", n).exists()] == []
        # The citation is still on the page, without links to site files.
        (details,) = page(app, "talks/future").find_all("details", class_="seminars-cite")
        assert details.find_all("a") == []
    finally:
        app.cleanup()
