"""Hostile input to the build: each test replays an attack that once crashed a build,
leaked a private link, left stale files or cost more than linear time.

Sites are written into a temporary folder and built with Sphinx's test app; every
check parses what the build wrote (html5lib, icalendar, json).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import build_site, seminars_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.datafiles import DataFileError, load_yaml
from sphinxext.seminars.domain import get_domain
from sphinxext.seminars.model import local_time_problem, surname_key
from sphinxext.seminars.parsing import InvalidValue, parse_duration, parse_timezone

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
    assert subtypes(app) == ([] if sort == "null" else ["bad-config"])
    index = page(app, "seminars/speakers.html")
    names = [a.get_text() for a in index.select(".seminars-speakers-index a")]
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
