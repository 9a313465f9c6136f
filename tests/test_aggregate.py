"""Department aggregation: other sites' talks.json in listings and the site calendar."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from conftest import ROOTS, build_site, html_tree, seminars_warnings, talk_record, warnings_of

from sphinxext.seminars.core.sources import SourceKind, parse_sources, read_source
from sphinxext.seminars.core.subtypes import Subtype

ROOT = ROOTS / "test-aggregate"


def read(text: str):
    return read_source(
        text, source="prob", site_timezone="UTC", default_length=dt.timedelta(hours=1)
    )


def document(*talks, url="https://prob.example.org/", version=1) -> str:
    return json.dumps(
        {
            "version": version,
            "generator": {"name": "sphinxext-seminars", "version": "1"},
            "site": {"project": "Probability", "url": url},
            "series": [],
            "talks": list(talks),
        },
        indent=2,
    )


# -- the configuration value --------------------------------------------------------------


def test_sources_kinds_and_names():
    sources, messages = parse_sources(
        {
            "rel": "../prob/_build/html/seminars/talks.json",
            "abs": "/srv/prob/talks.json",
            "file": "file:///srv/prob/talks.json",
            "web": "https://prob.example.org/seminars/talks.json",
            "Bad Name": "x.json",
            "ftp": "ftp://example.org/talks.json",
            "nohost": "https:///talks.json",
            "empty": "",
        }
    )
    assert {n: s.kind for n, s in sources.items()} == {
        "rel": SourceKind.PATH,
        "abs": SourceKind.PATH,
        "file": SourceKind.FILE_URL,
        "web": SourceKind.HTTP,
    }
    assert len(messages) == 4
    assert any("'bad-name'" in m for m in messages)  # the name to write instead
    assert any("ftp://" in m for m in messages)
    assert parse_sources(["not", "a", "dict"])[1]


def test_read_source_checks_each_record():
    good = talk_record(
        "a", "Good", "2024-02-05T15:00:00+01:00", "2024-02-05T16:00:00+01:00",
        url="https://prob.example.org/a.html",
    )
    result = read(
        document(
            good,
            {"id": "b", "title": "No start"},
            talk_record("c", "Naive", "2024-02-05T15:00:00", "2024-02-05T16:00:00"),
            talk_record("d", "Bad types", "2024-02-06T15:00:00+01:00", "2024-02-06T16:00:00+01:00",
                        speakers="Ada", tags={"x": 1}, url="javascript:alert(1)"),
            "not a mapping",
            good,
            talk_record("e", "Backwards", "2024-02-07T15:00:00+01:00", "2024-02-07T14:00:00+01:00"),
        )
    )
    assert [t.id for t in result.talks] == ["prob:a", "prob:d", "prob:e"]
    backwards = result.talks[2]
    assert backwards.end is not None and backwards.end - backwards.start == dt.timedelta(hours=1)
    first, second, _backwards = result.talks
    assert first.uid == "a@prob.example.org"
    assert first.url == "https://prob.example.org/a.html"
    assert first.start == dt.datetime(2024, 2, 5, 14, 0, tzinfo=dt.UTC)
    assert first.timezone == "Europe/Rome"
    assert second.speakers == () and second.tags == () and second.url == ""
    subtypes = [subtype for _line, subtype, _message in result.problems]
    assert subtypes.count(Subtype.BAD_REMOTE_TALK) == 7
    lines = [line for line, _subtype, _message in result.problems]
    assert lines == sorted(lines) and lines[0] > 1  # each at its record's line


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{", "not JSON"),
        ("[]", "not a talks.json"),
        (document(version=7), "version 7"),
        ("[" * 100_000 + "]" * 100_000, ""),
    ],
)
def test_read_source_refuses_other_documents(text, needle):
    result = read(text)
    assert result.talks == []
    [(_line, subtype, message)] = result.problems
    assert subtype == Subtype.BAD_SOURCE
    assert needle in message


# -- a build ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_site(
        "html",
        ROOT,
        tmp_path_factory.mktemp("aggregate"),
        freshenv=True,
        status=StringIO(),
        warning=StringIO(),
    )


def listings(app):
    return html_tree(app, "index").select("div.seminars-listing")


def ids(listing) -> list[str]:
    return [item["data-seminars-talk-id"] for item in listing.select(".seminars-item")]


def test_listings_include_sources_by_default_and_narrow(built):
    everything, own, probability = listings(built)
    assert ids(everything) == ["groups", "hostile:x1", "probability:markov-2024", "probability:old-2023"]
    assert ids(own) == ["groups"]
    assert ids(probability) == ["groups", "probability:markov-2024", "probability:old-2023"]


def test_remote_talks_link_to_their_own_pages(built):
    everything = listings(built)[0]
    items = {item["data-seminars-talk-id"]: item for item in everything.select(".seminars-item")}
    markov = items["probability:markov-2024"]
    [link] = markov.select("a.seminars-remote-link")
    assert link["href"] == "https://prob.example.org/seminar/talks/markov.html#talk-markov-2024"
    assert markov.select_one(".seminars-source").get_text() == "from probability"
    # Not a speaker of this site: no link to a speaker page.
    assert not markov.select(".seminars-speaker a, a .seminars-speaker")
    # A javascript: URL in the source gives no link at all.
    old = items["probability:old-2023"]
    assert not old.select("a.seminars-remote-link")
    assert old.select_one(".seminars-talk-link").get_text() == "Brownian motion"


def test_hostile_source_stays_text(built):
    page = html_tree(built, "index")
    assert not page.select("div.seminars-listing script, div.seminars-listing img")
    assert not page.select("div.seminars-listing iframe, div.seminars-listing b")
    item = page.select_one('[data-seminars-talk-id="hostile:x1"]')
    title = item.select_one(".seminars-talk-link").get_text()
    assert title.startswith("<img src=x onerror=alert(1)>")
    # The URL with quotes and brackets is not a link.
    assert not item.select("a.seminars-remote-link")
    assert "<b>Mallory</b>" in item.get_text()


def test_site_calendar_keeps_original_uids(built):
    calendar = icalendar.Calendar.from_ical(
        Path(built.outdir, "seminars", "talks.ics").read_bytes()
    )
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "groups@dept.example.org",
        "markov-2024@prob.example.org/seminar",
        "old-2023@prob.example.org/seminar",
        "x1@evil.example.org",
    }
    assert str(events["markov-2024@prob.example.org/seminar"]["URL"]) == (
        "https://prob.example.org/seminar/talks/markov.html#talk-markov-2024"
    )
    hostile = events["x1@evil.example.org"]
    assert "URL" not in hostile and "CONFERENCE" not in hostile
    assert "BEGIN:VEVENT" in str(hostile["DESCRIPTION"])  # text, not a new event
    # The other sites' talks have their calendars there, not here.
    talk_feeds = {p.name for p in Path(built.outdir, "seminars", "talks").iterdir()}
    assert talk_feeds == {"groups.ics"}
    # Nor are they re-published in this site's talks.json.
    exported = json.loads(Path(built.outdir, "seminars", "talks.json").read_text("utf-8"))
    assert [t["id"] for t in exported["talks"]] == ["groups"]


def test_bad_records_warn_with_file_and_line(built):
    found = seminars_warnings(built)
    assert ("bad-remote-talk", "probability.json:46") in found
    assert ("bad-remote-talk", "probability.json:51") in found


# -- missing and bad sources ------------------------------------------------------------------


def site(tmp_path: Path, sources: dict[str, str], listing: str = "") -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    conf = (src / "conf.py").read_text("utf-8")
    conf = conf[: conf.index("seminars_sources")] + f"seminars_sources = {sources!r}\n"
    (src / "conf.py").write_text(conf, "utf-8")
    if listing:
        with (src / "index.rst").open("a", encoding="utf-8") as stream:
            stream.write(f"\nMore\n----\n\n.. talks::\n   :sources: {listing}\n")
    return src


def test_missing_sources_warn_and_build(tmp_path):
    src = site(
        tmp_path,
        {
            "gone": "sources/nothing.json",
            "web": "https://prob.example.org/talks.json",
            "notjson": "conf.py",
            "probability": (ROOT / "sources" / "probability.json").as_uri(),
            "Bad Name": "sources/probability.json",
            "gopher": "gopher://example.org/talks.json",
        },
        listing="probability; typo",
    )
    app = build_site("html", src, tmp_path / "out", freshenv=True, status=StringIO(), warning=StringIO())
    messages = {w["message"] for w in warnings_of(app) if w["type"] == "seminars.bad-source"}
    assert len(messages) == 3
    assert any("sphinx-seminars fetch" in m for m in messages)
    assert [w for w in warnings_of(app) if w["type"] == "seminars.unknown-source"]
    # The file:// source is read; the entries left out of the configuration say why.
    assert "probability:markov-2024" in ids(listings(app)[0])
    log = app.warning.getvalue()
    assert "seminars_sources: the name 'Bad Name' must be" in log
    assert "gopher:// sources are not read" in log
    assert log.count("[seminars.bad-config]") == 2


# -- freshness ----------------------------------------------------------------------------------


def test_changed_source_rewrites_its_listings(tmp_path):
    src = site(tmp_path, {"probability": "sources/probability.json"})
    out = tmp_path / "out"
    build_site("html", src, out, status=StringIO(), warning=StringIO())
    talk_page = out / "html" / "talk.html"
    before = talk_page.stat().st_mtime_ns
    path = src / "sources" / "probability.json"
    data = json.loads(path.read_text("utf-8"))
    data["talks"][0]["title"] = "Mixing, revised"
    path.write_text(json.dumps(data), "utf-8")
    again = build_site("html", src, out, status=StringIO(), warning=StringIO())
    titles = [t.get_text() for t in listings(again)[0].select(".seminars-talk-link")]
    assert "Mixing, revised" in titles
    assert talk_page.stat().st_mtime_ns == before  # pages without the source are left alone
    clean = build_site("html", src, tmp_path / "clean", freshenv=True, status=StringIO(), warning=StringIO())
    for name in ("index.html", "seminars/talks.ics"):
        incremental = (out / "html" / name).read_bytes()
        assert incremental == (tmp_path / "clean" / "html" / name).read_bytes()
    del clean


def test_parallel_build_gives_the_same_pages_and_calendar(built, tmp_path):
    more = ROOT.parent / "test-incremental"
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    # Enough documents for the parallel readers and writers to split them.
    for path in sorted(more.glob("[a-g].rst")):
        shutil.copy(path, src / path.name)
    serial = build_site("html", src, tmp_path / "serial", freshenv=True, status=StringIO(), warning=StringIO())
    parallel = build_site(
        "html", src, tmp_path / "parallel", freshenv=True, parallel=2, status=StringIO(), warning=StringIO()
    )
    for name in ("index.html", "seminars/talks.ics"):
        assert Path(serial.outdir, name).read_bytes() == Path(parallel.outdir, name).read_bytes(), name
    assert seminars_warnings(serial) == seminars_warnings(parallel)


def test_a_source_cannot_take_over_this_sites_events(tmp_path):
    """A source giving this site's own UIDs (its own talks.json, say) adds no event."""
    first = build_site("html", ROOT, tmp_path / "first", freshenv=True, status=StringIO(),
                       warning=StringIO())
    own = Path(first.outdir, "seminars", "talks.json")
    src = site(tmp_path, {"self": str(own)})
    app = build_site("html", src, tmp_path / "out", freshenv=True, status=StringIO(),
                     warning=StringIO())
    calendar = icalendar.Calendar.from_ical(
        Path(app.outdir, "seminars", "talks.ics").read_bytes()
    )
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and len(uids) == len(set(uids))
    log = app.warning.getvalue()
    assert "has the calendar UID of a talk of this site" in log
    assert "[seminars.bad-remote-talk]" in log
