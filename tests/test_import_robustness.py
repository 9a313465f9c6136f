"""Hypothesis: no input makes an importer raise, and every failure is a problem at a line.

Each reader is wrapped in a last-resort net (:func:`.record.guarded`) that turns
an unforeseen exception into a file-level error; these tests call the readers
underneath that net (``__wrapped__``), so an exception that only the net
would catch fails them.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sphinxext.seminars.cli.csv_ import read_csv
from sphinxext.seminars.cli.ics import read_ics
from sphinxext.seminars.cli.json_ import read_json
from sphinxext.seminars.cli.record import Ledger, Problem, validate
from sphinxext.seminars.cli.xlsx import read_xlsx

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = st.sampled_from(
    [
        "",
        " " * 300,
        "25 May 99999999999999999999",
        "0001-01-01",
        "9999-12-31 23:59",
        "2024-02-30",
        "2025-10-02T16:00:00+04:00",
        "16:00:00+04:00",
        "4:00 pm - 5:00 pm",
        "April 4, 2022 @ 4:00 pm",
        "Z" * 300,
        "Europe/Rome",
        "(" * 50 + "Ada" + ")" * 3,
        "Ada & Bob and Carl; Dora / Ed",
        '"quoted ""twice"""',
        "\x00\x1b[31m\u202e",
        "..raw:: html",
        "javascript:alert(1)",
        "1e309",
        "-0",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=60))


def run_pipeline(records, problems) -> None:
    """The rest of an import (checks and the report) must not raise either."""
    assert all(isinstance(p, Problem) for p in problems)
    assert not any("cannot import this file" in p.message for p in problems)
    kept, _ = validate(list(records), list(problems))
    ledger = Ledger()
    for record in kept:
        ledger.account(record)
    json.dumps(ledger.as_dict())
    ledger.text()


COLUMNS = st.sampled_from(
    [
        "date",
        "time",
        "end",
        "speaker",
        "affiliation",
        "title",
        "abstract",
        "tags",
        "timezone",
        "duration",
        "room",
        "online",
        "pdf",
        "Unknown",
        "",
    ]
)


@FUZZ
@given(
    header=st.lists(COLUMNS, min_size=1, max_size=8),
    rows=st.lists(st.lists(TEXT, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_csv_never_raises(header, rows, delimiter):
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    run_pipeline(*read_csv.__wrapped__("f.csv", out.getvalue(), fill_down=("date",)))


@FUZZ
@given(st.text(max_size=400))
def test_csv_raw_text_never_raises(text):
    run_pipeline(*read_csv.__wrapped__("f.csv", "date,title,speaker\n" + text))


CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(COLUMNS, min_size=1, max_size=6),
    rows=st.lists(st.lists(CELL, max_size=7), max_size=5),
)
def test_xlsx_never_raises(header, rows):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:  # what a workbook can hold at all
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    data = io.BytesIO()
    book.save(data)
    run_pipeline(*read_xlsx.__wrapped__("f.xlsx", data.getvalue()))


PROPERTY = st.sampled_from(
    [
        "DTSTART",
        "DTSTART;VALUE=DATE",
        "DTSTART;TZID=Europe/Rome",
        f"DTSTART;TZID={'Q' * 300}",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "UID",
        "CATEGORIES",
        "STATUS",
        "URL",
        "ORGANIZER;CN=Ada",
        "X-SPEAKER",
        "GEO",
    ]
)
VALUE = st.one_of(
    st.sampled_from(
        [
            "20240308T100000Z",
            "20240308T100000",
            "20240308",
            "99991231",
            "00010101",
            "garbage",
            "2024-03-08T10:00:00",
            "P5D",
            "PT90M",
            "-P1D",
            "FREQ=DAILY",
            "FREQ=WEEKLY;COUNT=3",
            "FREQ=SECONDLY",
            "FREQ=MONTHLY;UNTIL=20250101T000000Z",
            "CANCELLED",
            "Jane Doe: Title",
            "Title (Jane Doe, X)",
            "Speaker: Jane Doe\\nSeries: S",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
        max_size=40,
    ),
)


@st.composite
def calendars(draw):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    if draw(st.booleans()):
        lines.append(
            "X-WR-TIMEZONE:" + draw(st.sampled_from(["Europe/Rome", "Nowhere/X", "Z" * 300]))
        )
    for _ in range(draw(st.integers(0, 4))):
        lines.append("BEGIN:VEVENT")
        lines.append("UID:" + draw(st.sampled_from(["a", "a", "b", ""])))
        for _ in range(draw(st.integers(0, 6))):
            lines.append(f"{draw(PROPERTY)}:{draw(VALUE)}")
        if draw(st.integers(0, 5)):
            lines.append("END:VEVENT")
    if draw(st.booleans()):
        lines.append("END:VCALENDAR")
    cut = draw(st.integers(0, len(lines)))
    return "\n".join(lines[: cut or len(lines)]) + "\n"


@FUZZ
@given(calendars())
@example(  # two DTSTART and a rule that is no rule
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240308T100000Z\n"
    "DTSTART:20240308T100000Z\nRRULE:20240308T100000Z\nEND:VEVENT\n"
)
def test_ics_never_raises(text):
    run_pipeline(*read_ics.__wrapped__("f.ics", text, timezone="Europe/Rome"))


@FUZZ
@given(st.text(max_size=300))
def test_ics_raw_text_never_raises(text):
    run_pipeline(*read_ics.__wrapped__("f.ics", "BEGIN:VCALENDAR\n" + text))


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "id",
        "title",
        "start",
        "end",
        "timezone",
        "speakers",
        "speaker",
        "date",
        "tags",
        "links",
        "papers",
        "location",
        "status",
        "all_day",
        "last_day",
        "abstract",
        "joint_with",
        "x",
    ]
)
RECORD = st.dictionaries(FIELDS, st.one_of(JSON_VALUE, HOSTILE), max_size=8)


@FUZZ
@given(st.lists(RECORD, max_size=4), st.booleans())
def test_json_never_raises(records, ours):
    data = {"version": 1, "talks": records} if ours else records
    run_pipeline(*read_json.__wrapped__("talks.json", json.dumps(data)))


@FUZZ
@given(st.lists(RECORD, max_size=4), st.sampled_from(["", "&a ", "*a ", "!!python/object "]))
def test_yaml_never_raises(records, noise):
    text = yaml.safe_dump({"seminars": records}, allow_unicode=True)
    text = text.replace("- ", "- " + noise, 1) if noise else text
    run_pipeline(*read_json.__wrapped__("week.yaml", text))


@FUZZ
@given(st.text(max_size=300))
def test_yaml_raw_text_never_raises(text):
    run_pipeline(*read_json.__wrapped__("week.yaml", text))
