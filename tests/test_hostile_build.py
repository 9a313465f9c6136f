"""Hostile input to the build: each test replays an attack that once crashed a build,
leaked a private link, left stale files or cost more than linear time.

Sites are written into a temporary folder and built with Sphinx's test app; every
check parses what the build wrote (html5lib, icalendar, json).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import textwrap
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import build_site, seminars_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.datafiles import DataFileError, load_yaml
from sphinxext.seminars.core.model import local_time_problem, surname_key
from sphinxext.seminars.core.parsing import InvalidValue, parse_duration, parse_timezone
from sphinxext.seminars.store.domain import get_domain

CONF = 'extensions = ["sphinxext.seminars"]\nproject = "Hostile"\nseminars_now = "2024-01-01"\n'


def write_site(src: Path, files: dict[str, str], conf: str = "") -> Path:
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF + textwrap.dedent(conf), encoding="utf-8")
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return src


def build(src: Path, out: Path, buildername: str = "html", **kwargs: object) -> SphinxTestApp:
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    return build_site(buildername, src, out, **kwargs)


def subtypes(app: SphinxTestApp) -> list[str]:
    """The subtype of every seminars warning, those without a location included."""
    return re.findall(r"\[seminars\.([\w-]+)\]", app.warning.getvalue())


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, name).read_text(encoding="utf-8"), "html5lib")


# -- crashes become warnings ------------------------------------------------------------

NESTED = """\
    Home
    ====

    .. talk:: Outer talk
       :date: 2022-05-25 14:00
       :speaker: Ada Lovelace

       Outer abstract.

       .. talk:: Inner talk
          :date: 2022-05-26 14:00

          Inner abstract kept.

       .. bio::

          Bio of Ada.

          .. talk:: Talk in a bio
             :date: 2022-05-27 14:00

             Bio talk text kept.
    """


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "text", "latex", "epub", "man"])
def test_a_talk_nested_in_a_talk_or_bio_warns_in_every_builder(
    tmp_path: Path, buildername: str
) -> None:
    src = write_site(tmp_path / "src", {"index.rst": NESTED})
    app = build(src, tmp_path / "out", buildername)
    assert seminars_warnings(app) == [("misplaced", "index.rst:10"), ("misplaced", "index.rst:19")]
    assert [w for w in warnings_of(app) if not w["type"].startswith("seminars.")] == []
    # The outer talk is stored; the nested ones are not, but their text is kept.
    assert sorted(get_domain(app.env).talks) == ["index"]
    if buildername == "html":
        text = page(app, "index.html").select_one("div.body").get_text(" ")
        assert "Inner abstract kept." in text
        assert "Bio talk text kept." in text
        assert "Bio of Ada." in text


@pytest.mark.parametrize("sort", ["[x]", "5", "{a: 1}", "null", "''"])
def test_a_speakers_file_sort_of_the_wrong_type_warns(tmp_path: Path, sort: str) -> None:
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": """\
                Home
                ====

                .. talk:: A talk
                   :date: 2022-05-25 14:00
                   :speaker: Ada Lovelace; Bea Zed

                .. speakers-cloud::
                """,
            "speakers.yaml": f"Ada Lovelace:\n  sort: {sort}\n",
        },
        'seminars_speakers_file = "speakers.yaml"\n',
    )
    app = build(src, tmp_path / "out")
    # Scalars of a YAML data file keep their text: ``5`` and ``null`` are sort keys "5", "null".
    assert subtypes(app) == ([] if sort in ("null", "5") else ["bad-config"])
    index = page(app, "seminars/speakers.html")
    names = [a.get_text() for a in index.select(".seminars-speakers-index a")]
    if sort != "5":  # "5" is a sort key like any text
        assert names == ["Ada Lovelace", "Bea Zed"]  # sorted by surname, the bad key ignored


def test_surname_key_ignores_what_is_not_text() -> None:
    assert surname_key("Ada Lovelace", ["x"]) == surname_key("Ada Lovelace")
    assert surname_key("Ada Lovelace", 5) == surname_key("Ada Lovelace")
    assert surname_key("Louis de Broglie", "Broglie") == ("broglie", "louis de broglie")


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefg"], "abcdefgh", strict=True)
)


def test_yaml_aliases_are_refused() -> None:
    with pytest.raises(DataFileError) as caught:
        load_yaml(BOMB)
    assert caught.value.line == 2
    with pytest.raises(DataFileError):
        load_yaml("[" * 5000 + "]" * 5000)
    assert load_yaml("Ada Lovelace: {sort: Lovelace}\n") == {"Ada Lovelace": {"sort": "Lovelace"}}


def test_a_yaml_alias_bomb_in_the_speakers_file_warns_at_its_line(tmp_path: Path) -> None:
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": "Home\n====\n\n.. talk:: T\n   :date: 2022-05-25 14:00\n   :speaker: Ada\n",
            "speakers.yaml": BOMB + "Ada: {sort: *h}\n",
        },
        'seminars_speakers_file = "speakers.yaml"\n',
    )
    app = build(src, tmp_path / "out")
    assert seminars_warnings(app) == [("bad-config", "speakers.yaml:2")]
    assert Path(app.outdir, "seminars/speakers/ada.html").is_file()


def test_a_speakers_file_outside_the_source_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "secret.json").write_text('{"Ada": {"affiliation": "Secret"}}')
    src = write_site(
        tmp_path / "src",
        {"index.rst": "Home\n====\n\n.. talk:: T\n   :date: 2022-05-25 14:00\n   :speaker: Ada\n"},
        'seminars_speakers_file = "../secret.json"\n',
    )
    app = build(src, tmp_path / "out")
    assert subtypes(app) == ["bad-config"]
    assert "Secret" not in page(app, "seminars/speakers/ada.html").get_text()


def test_an_html_baseurl_with_line_breaks_warns_and_writes_no_property(tmp_path: Path) -> None:
    src = write_site(
        tmp_path / "src",
        {"index.rst": "Home\n====\n\n.. talk:: T\n   :date: 2022-05-25 14:00\n"},
        'html_baseurl = "https://example.org/\\r\\nX-INJECTED:1"\n',
    )
    app = build(src, tmp_path / "out")
    assert subtypes(app) == ["bad-config"]
    for path in Path(app.outdir, "seminars").rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert "X-INJECTED" not in calendar
        for event in calendar.walk("VEVENT"):
            assert "X-INJECTED" not in event
            assert "URL" not in event
    records = json.loads(Path(app.outdir, "seminars/talks.json").read_text())
    assert all("\n" not in json.dumps(record) for record in records["talks"])


# -- times ------------------------------------------------------------------------------


def test_a_local_time_in_a_dst_gap_warns_and_says_the_instant() -> None:
    problem = local_time_problem(dt.datetime(2022, 3, 27, 2, 30), "Europe/Rome")
    assert problem is not None
    assert "does not exist" in problem
    assert "03:30 CEST (01:30 UTC)" in problem
    repeated = local_time_problem(dt.datetime(2022, 10, 30, 2, 30), "Europe/Rome")
    assert repeated is not None and "twice" in repeated
    assert local_time_problem(dt.datetime(2022, 3, 27, 3, 30), "Europe/Rome") is None
    assert local_time_problem(dt.datetime(2022, 3, 27, 2, 30), "UTC") is None


def test_dst_gap_and_fold_talks_keep_their_length(tmp_path: Path) -> None:
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": """\
                Home
                ====

                .. talk:: In the gap
                   :date: 2022-03-27 02:30
                   :timezone: Europe/Rome
                   :id: gap

                .. talk:: In the fold
                   :date: 2022-10-30 02:30
                   :timezone: Europe/Rome
                   :id: fold
                """
        },
    )
    app = build(src, tmp_path / "out")
    assert seminars_warnings(app) == [
        ("ambiguous-time", "index.rst:4"),
        ("ambiguous-time", "index.rst:9"),
    ]
    talks = get_domain(app.env).talks
    for talk_id in ("gap", "fold"):
        talk = talks[talk_id]
        assert talk.end is not None
        elapsed = talk.end.astimezone(dt.UTC) - talk.start.astimezone(dt.UTC)
        assert elapsed == dt.timedelta(hours=1), talk_id
    assert talks["gap"].start == dt.datetime(2022, 3, 27, 1, 30, tzinfo=dt.UTC)
    calendar = icalendar.Calendar.from_ical(
        Path(app.outdir, "seminars/talks/gap.ics").read_bytes()
    )
    (event,) = calendar.walk("VEVENT")
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=1)


@pytest.mark.parametrize("name", ["localtime", "posixrules", "posix/Europe/Rome", "right/UTC"])
def test_machine_dependent_zones_are_refused(name: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_timezone(name)
    assert caught.value.subtype == "bad-timezone"


@pytest.mark.parametrize("text", ["0.00001h", "0.5min", "0.0001 days"])
def test_durations_under_a_minute_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_duration(text)
    assert caught.value.subtype == "bad-duration"
    assert parse_duration("1min") == dt.timedelta(minutes=1)


def test_localtime_and_tiny_durations_warn_in_a_build(tmp_path: Path) -> None:
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": """\
                Home
                ====

                .. talk:: Machine zone
                   :date: 2022-05-25 14:00
                   :timezone: localtime
                   :duration: 0.00001h
                """
        },
        'seminars_timezone = "Europe/Rome"\n',
    )
    app = build(src, tmp_path / "out")
    assert seminars_warnings(app) == [
        ("bad-timezone", "index.rst:6"),
        ("bad-duration", "index.rst:7"),
    ]
    talk = get_domain(app.env).talks["index"]
    assert talk.timezone == "Europe/Rome"
    assert talk.end is not None and talk.end - talk.start == dt.timedelta(hours=1)


# -- one talk, many speakers: linear pages -------------------------------------------------


def test_speaker_pages_link_to_a_crowded_talk_instead_of_repeating_it(tmp_path: Path) -> None:
    count = 40
    names = "; ".join(f"Person{index:03d} Surname{index:03d}" for index in range(count))
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": f"Home\n====\n\n.. talk:: Crowded\n   :date: 2022-05-25 14:00\n"
            f"   :speaker: {names}\n   :series: S\n"
        },
    )
    app = build(src, tmp_path / "out")
    assert seminars_warnings(app) == []
    talk_page = page(app, "index.html")
    assert len(talk_page.select(".seminars-talk a.seminars-speaker, .seminars-meta a")) >= count
    for index in (0, 17, count - 1):
        speaker = page(app, f"seminars/speakers/person{index:03d}-surname{index:03d}.html")
        (summary,) = speaker.select(".seminars-page-talk")
        assert len(summary.select("a.seminars-speaker")) == 8
        more = summary.select_one("a.seminars-more-speakers")
        assert more is not None
        assert more.get_text() == f"and {count - 8} more"
        assert more["href"] == "../../index.html#talk-index"
        title = summary.select_one(".seminars-page-talk-title a")
        assert title["href"] == "../../index.html#talk-index"
    series = page(app, "seminars/series/s.html")
    assert len(series.select(".seminars-page-talk a.seminars-speaker")) == 8
    index = page(app, "seminars/speakers.html")
    assert len(index.select(".seminars-speakers-index a")) == count


# -- private meeting links ---------------------------------------------------------------

SECRET_SERIES = "https://meet.example.org/j/123?pwd=SERIESSECRET"
SECRET_TALK = "https://meet.example.org/j/999?pwd=TALKSECRET"
PRIVATE = {
    "index.rst": f"""\
        Home
        ====

        .. series:: Private
           :online: {SECRET_SERIES}
           :hide-online-after:

        .. toctree::

           own-link
           inherited
        """,
    "own-link.rst": f"""\
        .. talk:: Own link
           :date: 2022-05-25 14:00
           :series: Private
           :online: {SECRET_TALK}
        """,
    "inherited.rst": """\
        .. talk:: Inherited link
           :date: 2022-05-26 14:00
           :series: Private
        """,
}


def published_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def test_sources_holding_a_private_link_are_not_published(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", PRIVATE)
    app = build(src, tmp_path / "out")
    assert seminars_warnings(app) == []
    outdir = Path(app.outdir)
    files = published_files(outdir)
    assert "_sources/inherited.rst.txt" in files  # holds no link: published as usual
    assert "_sources/index.rst.txt" not in files
    assert "_sources/own-link.rst.txt" not in files
    # The page declaring the series shows its standing meeting link (see private-links);
    # nothing else the build writes holds either link once the talks are over.
    assert b"SERIESSECRET" in files.pop("index.html")
    for name, data in files.items():
        for secret in (b"SERIESSECRET", b"TALKSECRET"):
            assert secret not in data, name
    # No "Show source" link where there is no copy; the other pages keep theirs.
    assert page(app, "own-link.html").select('a[href$="own-link.rst.txt"]') == []
    assert page(app, "inherited.html").select('a[href$="inherited.rst.txt"]') != []


def test_a_copy_left_by_an_earlier_build_is_removed(tmp_path: Path) -> None:
    public = {**PRIVATE, "index.rst": PRIVATE["index.rst"].replace(":hide-online-after:", "")}
    src = write_site(tmp_path / "src", public)
    first = build(src, tmp_path / "out")
    assert Path(first.outdir, "_sources/own-link.rst.txt").is_file()
    write_site(src, PRIVATE)
    again = build(src, tmp_path / "out")
    files = published_files(Path(again.outdir))
    assert "_sources/own-link.rst.txt" not in files
    files.pop("index.html")  # declares the series: shows its standing link
    assert not any(b"SECRET" in data for data in files.values())


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_an_earlier_copy_behind_a_symbolic_link_is_not_removed(tmp_path: Path, linked) -> None:
    public = {**PRIVATE, "index.rst": PRIVATE["index.rst"].replace(":hide-online-after:", "")}
    src = write_site(tmp_path / "src", public)
    first = build(src, tmp_path / "out")
    sources = Path(first.outdir, "_sources")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "own-link.rst.txt"
    victim.write_text("not the build's", encoding="utf-8")
    if linked == "file":
        (sources / "own-link.rst.txt").unlink()
        (sources / "own-link.rst.txt").symlink_to(victim)
    else:
        shutil.rmtree(sources)
        sources.symlink_to(elsewhere, target_is_directory=True)
    write_site(src, PRIVATE)
    again = build(src, tmp_path / "out")
    assert victim.read_text(encoding="utf-8") == "not the build's"
    assert ("private-link", "own-link.rst") in [
        (subtype, where.split(":")[0]) for subtype, where in seminars_warnings(again)
    ]


def test_doctrees_inside_the_output_of_a_private_site_warns(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    src = write_site(tmp_path / "src", PRIVATE)
    out, log = tmp_path / "out", tmp_path / "warnings.txt"
    assert build_main(["-q", "-b", "html", "-w", str(log), str(src), str(out)]) == 0
    assert (out / ".doctrees").is_dir()
    text = log.read_text()
    assert re.findall(r"\[seminars\.([\w-]+)\]", text) == ["private-link"]
    assert "index.rst:4:" in text
    # With -d outside the output folder: no warning.
    log2 = tmp_path / "warnings2.txt"
    argv = ["-q", "-b", "html", "-d", str(tmp_path / "dt"), "-w", str(log2), str(src), str(out)]
    assert build_main(argv) == 0
    assert log2.read_text() == ""


# -- outputs of an earlier build under other names -----------------------------------------

STALE_SITE = {
    "index.rst": """\
        Home
        ====

        .. talk:: One
           :date: 2022-05-25 14:00
           :series: Old series
           :event: Old event
           :speaker: Ada Lovelace
        """
}


def outputs(outdir: Path) -> set[str]:
    return {
        str(path.relative_to(outdir))
        for path in outdir.rglob("*")
        if path.is_file()
        and not path.relative_to(outdir).parts[0].startswith(("_", "."))
        and path.suffix != ".inv"
    }


def clean_build(tmp_path: Path, src: Path, name: str, **overrides: object) -> set[str]:
    app = build(src, tmp_path / name, confoverrides=overrides)
    return outputs(Path(app.outdir))


@pytest.mark.parametrize(
    "overrides",
    [
        {"seminars_feed_name": "all-talks"},
        {"seminars_pages_prefix": "archive"},
        {"seminars_feeds": False},
        {"seminars_generate_pages": False, "seminars_feeds": False},
    ],
    ids=["feed-name", "pages-prefix", "feeds-off", "everything-off"],
)
def test_outputs_under_old_names_are_removed(tmp_path: Path, overrides: dict) -> None:
    src = write_site(tmp_path / "src", STALE_SITE)
    first = build(src, tmp_path / "out")
    before = outputs(Path(first.outdir))
    assert {"seminars/talks.json", "seminars/talks.bib", "seminars/talks.ics"} <= before
    again = build(src, tmp_path / "out", confoverrides=overrides)
    assert outputs(Path(again.outdir)) == clean_build(tmp_path, src, "clean", **overrides)


def test_renamed_series_event_and_speaker_leave_no_files(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", STALE_SITE)
    build(src, tmp_path / "out")
    renamed = STALE_SITE["index.rst"].replace("Old", "New").replace("Ada", "Bea")
    write_site(src, {"index.rst": renamed})
    again = build(src, tmp_path / "out")
    assert outputs(Path(again.outdir)) == clean_build(tmp_path, src, "clean")


def test_only_files_this_extension_wrote_are_removed(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", STALE_SITE)
    first = build(src, tmp_path / "out")
    outdir = Path(first.outdir)
    # Something else rewrote one of the exports since; and the record is tampered with.
    (outdir / "seminars/talks.bib").write_text("% kept: not written by the extension\n")
    victim = tmp_path / "victim.txt"
    victim.write_text("outside the output folder")
    manifest_path = Path(first.doctreedir, "seminars-outputs.json")
    manifest = json.loads(manifest_path.read_text())
    (record,) = manifest.values()
    stamp = [victim.stat().st_size, victim.stat().st_mtime_ns]
    record["../../victim.txt"] = stamp
    record[str(victim)] = stamp
    manifest_path.write_text(json.dumps(manifest))
    build(src, tmp_path / "out", confoverrides={"seminars_feed_name": "renamed"})
    assert victim.read_text() == "outside the output folder"
    assert (outdir / "seminars/talks.bib").read_text().startswith("% kept")
    assert not (outdir / "seminars/talks.json").exists()
    assert (outdir / "seminars/renamed.json").is_file()


# -- slugs unique per kind -----------------------------------------------------------------

SLUGS = {
    "index.rst": """\
        Home
        ====

        .. toctree::
           :glob:

           talks/*
        """,
    "talks/a.rst": """\
        .. talk:: Templates
           :date: 2022-05-25 14:00
           :series: C++ seminars
           :event: Day #1
        """,
    "talks/b.rst": """\
        .. talk:: Pointers
           :date: 2022-05-26 14:00
           :series: C seminars
           :event: Day 1
        """,
    "talks/c.rst": """\
        .. talk:: More pointers
           :date: 2022-05-27 14:00
           :series: C seminars
        """,
}


def test_colliding_slugs_get_a_stable_suffix_and_a_warning(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", SLUGS)
    app = build(src, tmp_path / "out")
    assert sorted(seminars_warnings(app)) == [
        ("slug-collision", "a.rst:1"),
        ("slug-collision", "b.rst:1"),
    ]
    domain = get_domain(app.env)
    cpp, c = domain.all_series["C++ seminars"].slug, domain.all_series["C seminars"].slug
    assert c == "c-seminars"
    assert cpp.startswith("c-seminars-") and cpp != c
    assert domain.event_slug("Day #1") == "day-1"
    assert domain.event_slug("Day 1").startswith("day-1-")
    outdir = Path(app.outdir)
    for name, slug, count in (("C++ seminars", cpp, 1), ("C seminars", c, 2)):
        html = page(app, f"seminars/series/{slug}.html")
        assert html.select_one("h1").get_text().rstrip("¶") == name
        assert len(html.select(".seminars-page-talk")) == count
        calendar = icalendar.Calendar.from_ical(
            (outdir / f"seminars/series/{slug}.ics").read_bytes()
        )
        assert str(calendar["X-WR-CALNAME"]) == name
        assert len(calendar.walk("VEVENT")) == count
    for name in ("Day #1", "Day 1"):
        html = page(app, f"seminars/events/{domain.event_slug(name)}.html")
        assert html.select_one("h1").get_text().rstrip("¶") == name
        assert len(html.select(".seminars-page-talk")) == 1
    records = json.loads((outdir / "seminars/talks.json").read_text())
    assert sorted(s["slug"] for s in records["series"]) == sorted([c, cpp])
    # Each talk page links to its own series' page.
    link = page(app, "talks/a.html").select_one(f'a[href$="series/{cpp}.html"]')
    assert link is not None


def test_colliding_slugs_do_not_depend_on_reading_order_or_jobs(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", SLUGS)
    serial = get_domain(build(src, tmp_path / "serial").env)
    parallel = get_domain(build(src, tmp_path / "parallel", parallel=2).env)
    assert serial.renamed_slugs() == parallel.renamed_slugs() != ()
    # Renaming documents changes the read order, not the slugs.
    for name in ("a", "b", "c"):
        (src / "talks" / f"{name}.rst").rename(src / "talks" / f"z{name}.rst")
    renamed = get_domain(build(src, tmp_path / "renamed").env)
    assert renamed.renamed_slugs() == serial.renamed_slugs()


def test_a_listing_tells_the_script_its_limit(tmp_path: Path) -> None:
    talks = "".join(
        f".. talk:: Talk {day}\n   :date: 2024-01-{day:02d} 14:00\n\n" for day in range(1, 6)
    )
    src = write_site(
        tmp_path / "src",
        {
            "index.rst": "Home\n====\n\n"
            + talks
            + ".. talks::\n   :when: past\n   :limit: 2\n   :reverse:\n\n"
            + ".. talks::\n   :when: upcoming\n\n"
        },
        'seminars_now = "2024-01-03T12:00:00+00:00"\n',
    )
    app = build(src, tmp_path / "out")
    past, upcoming = page(app, "index.html").select("div.seminars-listing")
    assert past["data-seminars-limit"] == "2"
    assert not upcoming.has_attr("data-seminars-limit")
    items = past.select(".seminars-item")
    shown = [i for i in items if "seminars-hidden" not in i.get("class", [])]
    assert len(shown) == 2  # the build honours the limit; the script keeps to it
    assert len(items) == 5  # upcoming talks carried hidden, for the script to move across


@pytest.mark.parametrize("talk_id", ["bad id", "x\n   :online: javascript:alert(1)", "-x", "é"])
def test_new_refuses_an_id_that_is_not_one(talk_id: str) -> None:
    from sphinxext.seminars.cli.new import SiteDefaults, scaffold

    values = {"date": "2022-05-25 14:00"}
    record, problems, _notes = scaffold(
        values, title="T", abstract="", defaults=SiteDefaults(), talk_id=talk_id
    )
    assert record is None
    assert [p.split(":")[0] for p in problems] == ["--id"]
    record, problems, _notes = scaffold(
        values, title="T", abstract="", defaults=SiteDefaults(), talk_id="ok/talk-1"
    )
    assert record is not None and record.id == "ok/talk-1" and problems == []


def bodies(outdir: Path) -> dict[str, str]:
    """The main content of every page, parsed and re-serialised."""
    result = {}
    for path in sorted(outdir.rglob("*.html")):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib").select_one("div.body")
        if body is not None:
            result[str(path.relative_to(outdir))] = str(body)
    return result


def test_a_collision_appearing_later_rebuilds_like_a_clean_build(tmp_path: Path) -> None:
    # "(C) seminars" sorts before "C seminars": adding it renames the latter's page.
    first = {k: v for k, v in SLUGS.items() if k != "talks/a.rst"}
    src = write_site(tmp_path / "src", first)
    build(src, tmp_path / "out")
    write_site(src, {"talks/a.rst": SLUGS["talks/a.rst"].replace("C++", "(C)")})
    again = build(src, tmp_path / "out")
    clean_src = write_site(tmp_path / "clean-src", {**first, "talks/a.rst": ""})
    write_site(clean_src, {"talks/a.rst": SLUGS["talks/a.rst"].replace("C++", "(C)")})
    clean = build(clean_src, tmp_path / "clean")
    assert bodies(Path(again.outdir)) == bodies(Path(clean.outdir))
    assert outputs(Path(again.outdir)) == outputs(Path(clean.outdir))
    assert get_domain(again.env).all_series["C seminars"].slug != "c-seminars"


@pytest.mark.parametrize(
    "source",
    [
        # MyST gives the first line alone as the title, even one that looks like an option.
        '~~~{talk} :date: 2099-01-01 <b>t</b>\n:speaker: Ada\n:date: 2024-02-01 10:00\n'
        ':location: "~~~{raw} html <b>x</b> ~~~"\n\nBody\n~~~\n',
        # The same from front matter (an imported title is data).
        "---\ntalk:\n  title: ':date: 2099-01-01 <b>t</b>'\n  speaker: Ada\n"
        "  date: 2024-02-01 10:00\n  location: '~~~{raw} html <b>x</b> ~~~'\n---\n",
    ],
)
def test_a_myst_title_that_looks_like_an_option_stays_the_title(
    tmp_path: Path, source: str
) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinxext.seminars"]\n')
    (tmp_path / "index.md").write_text(source)
    app = build_site("dummy", tmp_path, tmp_path / "_build")
    doctree = app.env.get_doctree("index")
    assert [n for n in doctree.findall() if n.__class__.__name__ == "raw"] == []
    [talk] = get_domain(app.env).talks.values()
    assert talk.title == ":date: 2099-01-01 <b>t</b>"
    assert talk.location == "~~~{raw} html <b>x</b> ~~~"
    assert "missing-title" not in warnings_of(app)
