"""Importers keep every field of an archive, or say exactly what they could not keep.

Each test replays one way a real archive lost data (issue 11) or crashed an
import (issue 19) on a small fixture written here to mimic the format.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sphinxext.seminars.cli import main
from sphinxext.seminars.cli.cells import parse_when, split_people
from sphinxext.seminars.cli.csv_ import read_csv
from sphinxext.seminars.cli.ics import Window, _logical_lines, read_ics
from sphinxext.seminars.cli.json_ import read_json
from sphinxext.seminars.cli.record import Level, Problem, decode
from sphinxext.seminars.cli.speakers import SpeakerRules
from sphinxext.seminars.cli.xlsx import read_xlsx


def errors(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems if p.level is Level.ERROR]


def lines_of(problems: list[Problem], level: Level) -> list[int]:
    return sorted(p.line for p in problems if p.level is level)


def ics(*events: str, end: bool = True) -> str:
    """A calendar holding ``events`` (each the lines between BEGIN and END:VEVENT)."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return "BEGIN:VCALENDAR\nVERSION:2.0\n" + body + ("END:VCALENDAR\n" if end else "")


# -- CSV ----------------------------------------------------------------------------


def test_csv_doubled_quotes_after_a_long_first_row_survive():
    """Item 1: the sniffer must not decide quoting from the first 4 KB."""
    text = (
        "date,title,abstract\n"
        f'2024-01-10,First,"{"x" * 4200}"\n'
        '2024-01-17,Second,"We study ""robust"" estimators, and the rest must survive."\n'
    )
    records, problems = read_csv("t.csv", text)
    assert [r.abstract for r in records] == [
        "x" * 4200,
        'We study "robust" estimators, and the rest must survive.',
    ]
    assert problems == []


def test_csv_semicolon_delimiter_is_sniffed_and_rows_checked_against_header():
    text = "date;title;room\n2024-01-10;One;A\n2024-01-17;Two;B;extra cell\n2024-01-24;Three\n"
    records, problems = read_csv("t.csv", text)
    assert [r.title for r in records] == ["One", "Two", "Three"]
    assert records[0].options["location"] == "A"
    warned = {p.line: p.message for p in problems if p.level is Level.WARNING}
    assert set(warned) == {3, 4}
    assert "4 cells but the header has 3" in warned[3]
    assert "2 cells but the header has 3" in warned[4]


def test_decode_utf8_bom_and_cp1252_never_latin1():
    problems: list[Problem] = []
    assert decode("\ufeffdate,title\n".encode(), None, "t.csv", problems) == "date,title\n"
    assert problems == []
    excel = "date,title\n2024-01-10,\u201cQuoted\u201d \u2013 dash\n".encode("cp1252")
    text = decode(excel, None, "t.csv", problems)
    assert text is not None and "\u201cQuoted\u201d \u2013 dash" in text
    assert [(p.line, p.level) for p in problems] == [(2, Level.WARNING)]
    assert "Windows-1252" in problems[0].message
    forced: list[Problem] = []
    assert decode(excel, "latin-1", "t.csv", forced) == excel.decode("latin-1")
    assert forced == []
    bad: list[Problem] = []
    assert decode(b"\xff\xfe\x00", "utf-8", "t.csv", bad) is None
    assert [p.level for p in bad] == [Level.ERROR]


def test_cli_csv_cp1252_keeps_typographic_quotes(tmp_path, capsys):
    source = tmp_path / "talks.csv"
    source.write_bytes(
        "date,title,speaker\n2024-01-10,\u201cRobust\u201d estimators \u2013 part 1,Ada Lovelace\n".encode(
            "cp1252"
        )
    )
    assert main(["import", "csv", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    written = next((tmp_path / "out").rglob("*.md")).read_text(encoding="utf-8")
    assert "\u201cRobust\u201d estimators \u2013 part 1" in written
    assert ":2: warning: not UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2025-10-02T16:00:00+04:00", "2025-10-02T16:00:00+04:00"),
        ("16:00:00+04:00", "2025-10-02T16:00:00+04:00"),
        ("2025-10-02 17:00", "2025-10-02 17:00"),
        ("17:00", "17:00"),
    ],
)
def test_csv_end_with_an_offset_is_kept(end, expected):
    """Item 2: an end with an ISO offset used to be "left out"."""
    text = f"date,end,title\n2025-10-02T15:00:00+04:00,{end},T\n"
    records, problems = read_csv("t.csv", text)
    assert problems == []
    assert records[0].options["date"] == "2025-10-02T15:00:00+04:00"
    assert records[0].options["end"] == expected


def test_json_and_yaml_end_with_an_offset_is_kept():
    records, problems = read_json(
        "t.json",
        json.dumps(
            [
                {
                    "title": "T",
                    "date": "2025-10-02T15:00:00+04:00",
                    "end": "2025-10-02T16:00:00+04:00",
                }
            ]
        ),
    )
    assert problems == []
    assert records[0].options["end"] == "2025-10-02T16:00:00+04:00"
    text = "- title: T\n  date: 2025-10-02T15:00:00+04:00\n  end: 2025-10-02T16:00:00+04:00\n"
    records, problems = read_json("t.yaml", text)
    assert problems == []
    assert records[0].options["date"] == "2025-10-02T15:00:00+04:00"
    assert records[0].options["end"] == "2025-10-02T16:00:00+04:00"


# -- iCalendar ----------------------------------------------------------------------


def test_ics_broken_events_are_skipped_at_their_line_and_the_rest_imported():
    """Item 4 and issue 19: BrokenCalendarProperty, DTSTART:garbage, 9999 + P5D."""
    text = ics(
        "UID:iso@x\nDTSTART:2024-03-08T10:00:00\nSUMMARY:ISO is not iCalendar",
        "UID:garbage@x\nDTSTART:garbage\nSUMMARY:Garbage",
        "UID:far@x\nDTSTART;VALUE=DATE:99991231\nDURATION:P5D\nSUMMARY:Far",
        "UID:good@x\nDTSTART:20240308T100000Z\nSUMMARY:Good",
    )
    records, problems = read_ics("f.ics", text, timezone="Europe/Rome")
    assert [r.title for r in records] == ["Good"]
    assert [line for line, _ in errors(problems)] == [3, 8, 13]
    assert "DTSTART '2024-03-08T10:00:00'" in errors(problems)[0][1]


def test_ics_long_tzid_is_read_as_floating_with_a_warning():
    text = ics(f"UID:z@x\nDTSTART;TZID={'Z' * 300}:20240401T100000\nSUMMARY:Zone")
    records, problems = read_ics("f.ics", text, timezone="Europe/Rome")
    assert records[0].options["date"] == "2024-04-01 10:00"
    assert errors(problems) == []
    assert lines_of(problems, Level.WARNING) == [3]


def test_ics_truncated_feed_imports_complete_events_and_says_so(tmp_path, capsys):
    """Item 5: a feed cut short gave "0 talks" and exit code 0."""
    text = (
        ics(
            "UID:a@x\nDTSTART:20240308T100000Z\nSUMMARY:Complete",
            "UID:b@x\nDTSTART:20240315T100000Z\nSUMMARY:Also complete",
            end=False,
        )
        + "BEGIN:VEVENT\nUID:c@x\nDTSTART:20240322T100000Z\nSUMMARY:Cut"
    )
    records, problems = read_ics("f.ics", text)
    assert [r.title for r in records] == ["Complete", "Also complete"]
    assert errors(problems) == [
        (13, "event cut short: the feed ends before its END:VEVENT; dropped")
    ]
    assert any("without END:VCALENDAR" in p.message for p in problems)

    feed = tmp_path / "cut.ics"
    feed.write_text(text, encoding="utf-8")
    report = tmp_path / "report.json"
    status = main(
        ["import", "ics", str(feed), "-o", str(tmp_path / "out"), "-q", "--report", str(report)]
    )
    assert status == 1
    data = json.loads(report.read_text())
    assert data["talks_written"] == 2
    assert data["fields"]["(record)"]["dropped"] == 1
    assert data["fields"]["(record)"]["dropped_examples"][0]["line"] == 13


RECURRING = """\
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:weekly@x
DTSTART;TZID=Europe/Rome:20240304T160000
DTEND;TZID=Europe/Rome:20240304T170000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=Europe/Rome:20240311T160000
RDATE;TZID=Europe/Rome:20240402T150000
SUMMARY:Reading group
END:VEVENT
BEGIN:VEVENT
UID:weekly@x
RECURRENCE-ID;TZID=Europe/Rome:20240318T160000
DTSTART;TZID=Europe/Rome:20240319T120000
DTEND;TZID=Europe/Rome:20240319T130000
SUMMARY:Moved: Jane Doe on walks
END:VEVENT
BEGIN:VEVENT
UID:once@x
DTSTART:20240601T100000Z
SUMMARY:Once
END:VEVENT
END:VCALENDAR
"""


def test_ics_recurring_events_expand_with_exdate_rdate_and_overrides():
    """Item 12: RRULE used to import only its first occurrence."""
    records, problems = read_ics("f.ics", RECURRING)
    assert errors(problems) == []
    by_id = {r.id: r for r in records}
    assert sorted(by_id) == [
        "once-x",
        "weekly-x-2024-03-04",
        "weekly-x-2024-03-18",  # the override keeps the id of the date it replaces
        "weekly-x-2024-03-25",
        "weekly-x-2024-04-02",  # RDATE; 2024-03-11 is an EXDATE
    ]
    moved = by_id["weekly-x-2024-03-18"]
    assert moved.options["date"] == "2024-03-19 12:00"
    assert moved.line == 12  # the override's own line
    assert by_id["weekly-x-2024-04-02"].options["date"] == "2024-04-02 15:00"
    # The same feed gives the same ids.
    assert [r.id for r in read_ics("f.ics", RECURRING)[0]] == [r.id for r in records]


def test_ics_recurrence_window_and_endless_rules():
    window = Window(dt.date(2024, 3, 15), dt.date(2024, 3, 31))
    records, _ = read_ics("f.ics", RECURRING, window=window)
    assert [r.id for r in records] == ["weekly-x-2024-03-18", "weekly-x-2024-03-25"]
    endless = ics("UID:m@x\nDTSTART:20240101T100000Z\nRRULE:FREQ=MONTHLY\nSUMMARY:Monthly")
    records, problems = read_ics("f.ics", endless)
    assert len(records) == 13  # capped a year after the start, with a warning
    assert "end" not in records[0].options  # no invented zero-length end
    assert any("repeats without end" in p.message for p in problems)
    records, _ = read_ics("f.ics", endless, window=Window(None, dt.date(2024, 3, 1)))
    assert len(records) == 3


@pytest.mark.parametrize(
    ("summary", "description", "title", "speaker", "rule"),
    [
        ("Jane Doe: Random walks", "", "Random walks", "Jane Doe", "'Name: Title'"),
        (
            "Random walks (Jane Doe, Univ. Rome)",
            "",
            "Random walks",
            "Jane Doe (Univ. Rome)",
            "'Title (Name, Affiliation)'",
        ),
        (
            "Random walks - Jane van der Berg",
            "",
            "Random walks",
            "Jane van der Berg",
            "'Title - Name'",
        ),
        ("Random walks, given by Jane Doe", "", "Random walks", "Jane Doe", "'given by Name'"),
        (
            "Random walks",
            "Speaker: Jane Doe (EPFL)\nAbstract.",
            "Random walks",
            "Jane Doe (EPFL)",
            "'Speaker:' line",
        ),
        # Conservative: no name, no match; the text stays where it was.
        ("Seminar: Random walks", "", "Seminar: Random walks", None, ""),
        ("Learning theory (Part 2)", "", "Learning theory (Part 2)", None, ""),
        ("Machine Learning - Deep Networks", "", "Machine Learning - Deep Networks", None, ""),
    ],
)
def test_speaker_rules(summary, description, title, speaker, rule):
    """Item 6: speakers stayed inside titles."""
    found = SpeakerRules().apply(summary, description)
    assert found.title == title
    assert found.speakers == ([speaker] if speaker else [])
    assert found.rule == rule


def test_ics_speaker_pattern_series_line_and_report_counts(tmp_path, capsys):
    text = ics(
        "UID:a@x\nDTSTART:20240308T100000Z\nSUMMARY:[Jane Doe | EPFL] Random walks\n"
        "DESCRIPTION:Series: Probability seminar\\nWe study walks.",
        "UID:b@x\nDTSTART:20240315T100000Z\nSUMMARY:Ada Lovelace: Engines",
        "UID:c@x\nDTSTART:20240322T100000Z\nSUMMARY:Untouched title",
    )
    pattern = r"^\[(?P<speaker>[^|\]]+)\|(?P<affiliation>[^\]]+)\]\s*(?P<title>.+)$"
    records, _ = read_ics("f.ics", text, speaker_pattern=pattern)
    a, b, c = records
    assert (a.title, a.options["speaker"], a.options["series"]) == (
        "Random walks",
        "Jane Doe (EPFL)",
        "Probability seminar",
    )
    assert a.abstract == "We study walks."
    assert (b.title, b.options["speaker"]) == ("Engines", "Ada Lovelace")
    assert (c.title, "speaker" in c.options) == ("Untouched title", False)

    feed = tmp_path / "f.ics"
    feed.write_text(text, encoding="utf-8")
    report = tmp_path / "r.json"
    main(
        [
            "import",
            "ics",
            str(feed),
            "-o",
            str(tmp_path / "o"),
            "-q",
            "--speaker-pattern",
            pattern,
            "--report",
            str(report),
        ]
    )
    rules = json.loads(report.read_text())["text_rules"]
    assert rules == {
        "series by 'Series:' line": 1,
        "speaker by --speaker-pattern": 1,
        "speaker by 'Name: Title'": 1,
    }
    assert "speaker by 'Name: Title'" in capsys.readouterr().err


def test_ics_unfolding_joins_folded_lines():
    text = "BEGIN:VCALENDAR\nX-A:1\n 2\n\t3\nEND:VCALENDAR\n"
    assert _logical_lines(text)[0] == [
        (1, "BEGIN:VCALENDAR"),
        (2, "X-A:123"),
        (5, "END:VCALENDAR"),
    ]
    big = "BEGIN:VCALENDAR\nX-A:" + "\n x" * 200_000 + "\nEND:VCALENDAR\n"
    logical, _ = _logical_lines(big)
    assert logical[1] == (2, "X-A:" + "x" * 200_000)


# -- JSON and YAML ------------------------------------------------------------------

WEEKLY_YAML = """\
week: 12
seminars:
  - title: Random walks
    speaker: Jane Doe
    date: 2025-10-02 15:00
    catering: yes

  - title: Engines
    speaker: Ada Lovelace
    date: 2025-10-09 15:00
    tags: 7.5.3.bad: yes
"""


def test_records_under_a_key_are_found_and_warnings_name_the_yaml_line():
    """Item 7: a ``seminars:`` list was refused; warnings gave record numbers."""
    records, problems = read_json(
        "week.yaml", WEEKLY_YAML.replace("    tags: 7.5.3.bad: yes\n", "")
    )
    assert [(r.title, r.line) for r in records] == [("Random walks", 3), ("Engines", 8)]
    assert [(p.line, p.level) for p in problems] == [(3, Level.WARNING)]
    # The dropped field is named at its own line in the report.
    catering = [s for s in records[0].sources if s.field == "catering"]
    assert [(s.line, s.target) for s in catering] == [(6, None)]
    named, _ = read_json(
        "week.yaml", WEEKLY_YAML.replace("    tags: 7.5.3.bad: yes\n", ""), records_key="seminars"
    )
    assert len(named) == 2
    _, problems = read_json("week.yaml", "a: [{x: 1}]\nb: [{y: 2}]\n")
    assert "--records" in errors(problems)[0][1]
    _, problems = read_json("week.yaml", "a: 1\n", records_key="talks")
    assert errors(problems) == [(1, "--records talks: the file has no key 'talks' there")]


def test_yaml_parse_error_is_at_its_line():
    _, problems = read_json("week.yaml", WEEKLY_YAML)
    assert [line for line, _ in errors(problems)] == [11]


def test_yaml_aliases_are_refused():
    """Issue 19: an alias bomb (8 levels × 9) took every byte of memory."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("talks:\n  - {title: T, date: 2024-01-01, speaker: *a8}")
    _, problems = read_json("bomb.yaml", "\n".join(lines) + "\n")
    assert [line for line, _ in errors(problems)] == [2]
    assert "alias '*a0'" in errors(problems)[0][1]
    assert "refused" in errors(problems)[0][1]


def test_hostile_talks_json_fields_are_reported_not_raised():
    """Issue 19: tags as a mapping, links: 5, papers: 5, a 300-character zone, 900-deep speakers."""
    deep: list = []
    for _ in range(900):
        deep = [deep]
    data = {
        "version": 1,
        "talks": [
            {
                "id": "x",
                "title": "T",
                "start": "2024-01-01T10:00:00+01:00",
                "timezone": "Europe/Rome",
                "tags": {"a": 1},
                "links": 5,
                "papers": 5,
            },
            {
                "id": "y",
                "title": "U",
                "start": "2024-01-02T10:00:00+01:00",
                "timezone": "X" * 300,
                "speakers": deep,
            },
        ],
    }
    records, problems = read_json("talks.json", json.dumps(data))
    assert [r.id for r in records] == ["x", "y"]
    assert errors(problems) == []
    assert records[1].options["date"] == "2024-01-02T10:00:00+01:00"
    assert set(records[0].drop_reasons) == {"tags", "links", "papers"}
    assert set(records[1].drop_reasons) == {"timezone", "speakers"}
    generic, problems = read_json(
        "t.json", json.dumps([{"title": "T", "date": "2024-01-01", "speaker": deep}])
    )
    assert "speaker" in generic[0].drop_reasons or "speaker" not in generic[0].options


@pytest.mark.parametrize(
    "cell",
    ["25 May 99999999999999999999", "0001-01-01", "9999-12-31 10:00", "1 January 1", "x" * 40_000],
)
def test_impossible_dates_are_refused_with_a_message(cell):
    with pytest.raises(ValueError):
        parse_when(cell)
    records, problems = read_csv("t.csv", f'date,title\n"{cell}",T\n')
    assert records == []
    assert [line for line, _ in errors(problems)] == [2]


def test_person_list_split_is_linear_and_keeps_parentheses():
    assert split_people("A (X and Y); B / C & D and E") == ["A (X and Y)", "B", "C", "D", "E"]
    assert split_people(" " * 5000) == []
    assert split_people("Ada " * 800) == [("Ada " * 800).strip()]


def test_a_comma_list_of_speakers_is_read_as_the_build_reads_it():
    names = "Chaoyue Liu; Libin Zhu; Adit Radhakrishnan"
    text = (
        "date,title,speaker\n"
        "2024-01-01,One,Ada Lovelace\n"
        '2024-01-02,Kernels,"Chaoyue Liu, Libin Zhu, and Adit Radhakrishnan"\n'
    )
    records, problems = read_csv("t.csv", text)
    assert [r.options["speaker"] for r in records] == ["Ada Lovelace", names]
    warned = [(p.line, p.level) for p in problems if "people" in p.message]
    assert warned == [(3, Level.WARNING)]
    notes: list[str] = []
    assert split_people("Chaoyue Liu, Libin Zhu, and Adit Radhakrishnan", notes) == names.split(
        "; "
    )
    assert len(notes) == 1 and names in notes[0]


# -- spreadsheets -------------------------------------------------------------------


def make_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["nothing to import here"])
    sheet = book.create_sheet("Talks 2024")
    sheet.append(["Date", "Start time", "Speaker", "Title", "Room", "Internal"])
    sheet.append([dt.datetime(2024, 3, 8), dt.time(16, 0), "Ada Lovelace", "Engines", "B12", None])
    sheet.append([dt.datetime(2024, 3, 15, 11, 30), None, "Jane Doe", "Walks", 101, "budget"])
    sheet.append(["not a date", None, "X", "Broken", None, None])
    book.save(path)
    return path


def test_xlsx_sheet_by_name_or_index_with_the_csv_columns(tmp_path):
    """Item 13: no .xlsx import."""
    data = make_workbook(tmp_path / "talks.xlsx").read_bytes()
    for sheet in ("Talks 2024", "2"):
        records, problems = read_xlsx("talks.xlsx", data, sheet=sheet)
        assert [(r.title, r.options["date"], r.line) for r in records] == [
            ("Engines", "2024-03-08 16:00", 2),
            ("Walks", "2024-03-15 11:30", 3),
        ]
        assert records[1].options["location"] == "101"
        assert [(p.path, p.line) for p in problems if p.level is Level.ERROR] == [
            ("talks.xlsx[Talks 2024]", 4)
        ]
    _, problems = read_xlsx("talks.xlsx", data, sheet="Missing")
    assert "'Notes', 'Talks 2024'" in errors(problems)[0][1]
    _, problems = read_xlsx("talks.xlsx", b"not a zip file")
    assert errors(problems)


def test_cli_xlsx_import_and_report(tmp_path, capsys):
    workbook = make_workbook(tmp_path / "talks.xlsx")
    report = tmp_path / "report.json"
    status = main(
        [
            "import",
            "xlsx",
            str(workbook),
            "--sheet",
            "Talks 2024",
            "-o",
            str(tmp_path / "o"),
            "-q",
            "--report",
            str(report),
        ]
    )
    assert status == 1  # the "Internal" column and the broken row were dropped
    data = json.loads(report.read_text())
    assert data["records_read"] == 3
    assert data["talks_written"] == 2
    assert data["fields"]["Internal"]["dropped"] == 1
    assert data["fields"]["Internal"]["dropped_examples"][0] == {
        "value": "budget",
        "path": "talks.xlsx[Talks 2024]".replace("talks.xlsx", str(workbook)),
        "line": 3,
        "reason": "unknown column; map it with --map COLUMN=OPTION",
    }
    assert data["fields"]["Title"] == {
        "kept": 2,
        "converted": 0,
        "dropped": 0,
        "ignored": 0,
        "dropped_examples": [],
    }
    # Mapping the column away on purpose is not a loss.
    status = main(
        [
            "import",
            "csv",
            str(workbook),
            "--sheet",
            "2",
            "-o",
            str(tmp_path / "o2"),
            "-q",
            "--map",
            "Internal=ignore",
            "--report",
            str(report),
        ]
    )
    data = json.loads(report.read_text())
    assert data["fields"]["Internal"]["ignored"] == 1


# -- the migration report -----------------------------------------------------------


def test_report_accounts_for_every_value_and_exit_code_says_if_any_was_dropped(tmp_path, capsys):
    source = tmp_path / "talks.csv"
    source.write_text(
        "Date,Time,Speaker,Affiliation,Title,End,Notes\n"
        "2024-03-08,4pm,Ada Lovelace,UCL,Engines,not a time,catering\n"
        "2024-03-15,11:00,Jane Doe,,Walks,,\n"
        "2024-03-22,,,EPFL,Alone,,\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    status = main(
        ["import", "csv", str(source), "-o", str(tmp_path / "o"), "-q", "--report", str(report)]
    )
    assert status == 1
    data = json.loads(report.read_text())
    fields = data["fields"]
    assert (data["records_read"], data["talks_written"]) == (3, 3)
    assert fields["Title"]["kept"] == 3
    assert fields["Date"]["converted"] + fields["Date"]["kept"] == 3
    assert fields["Time"]["converted"] == 2
    assert fields["Speaker"]["kept"] == 1 and fields["Speaker"]["converted"] == 1
    assert [e["line"] for e in fields["End"]["dropped_examples"]] == [2]
    assert [e["value"] for e in fields["Notes"]["dropped_examples"]] == ["catering"]
    assert [e["line"] for e in fields["Affiliation"]["dropped_examples"]] == [4]
    assert data["dropped"] == 3
    err = capsys.readouterr().err
    assert "migration report: 3 records read, 3 talks written, 3 values dropped" in err

    clean = tmp_path / "clean.csv"
    clean.write_text("Date,Title\n2024-03-08,Engines\n", encoding="utf-8")
    assert (
        main(
            [
                "import",
                "csv",
                str(clean),
                "-o",
                str(tmp_path / "o3"),
                "-q",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    assert json.loads(report.read_text())["dropped"] == 0


# -- day/month order and YAML text ----------------------------------------------------


def date_order_problems(text: str, **kwargs):
    records, problems = read_csv("t.csv", text, **kwargs)
    return [r.options["date"] for r in records], [
        (p.line, p.message) for p in problems if p.level is Level.WARNING
    ]


def test_date_order_comes_from_the_data_when_it_shows_it():
    dates, warned = date_order_problems("date,title\n05/04/2022,A\n25/05/2022,B\n")
    assert (dates, warned) == (["2022-04-05", "2022-05-25"], [])
    dates, warned = date_order_problems("date,title\n05/04/2022,A\n05/25/2022,B\n")
    assert (dates, warned) == (["2022-05-04", "2022-05-25"], [])


def test_ambiguous_dates_warn_once_unless_the_order_is_given():
    text = "date,title\n05/04/2022,A\n06/04/2022,B\n2022-04-07,C\n"
    dates, warned = date_order_problems(text)
    assert dates == ["2022-04-05", "2022-04-06", "2022-04-07"]
    assert [line for line, _ in warned] == [2]
    assert "2 dates such as '05/04/2022'" in warned[0][1]
    assert "--date-order mdy" in warned[0][1]
    dates, warned = date_order_problems(text, order="mdy")
    assert (dates[:2], warned) == (["2022-05-04", "2022-06-04"], [])
    _, warned = date_order_problems("date,title\n25/05/2022,A\n05/25/2022,B\n")
    assert "disagree" in warned[0][1]


def test_cli_date_order_option(tmp_path, capsys):
    source = tmp_path / "t.csv"
    source.write_text("date,title\n05/04/2022,A\n", encoding="utf-8")
    main(["import", "csv", str(source), "-o", str(tmp_path / "o"), "-q", "--date-order", "mdy"])
    assert (tmp_path / "o" / "talks" / "2022" / "2022-05-04-a.md").is_file()
    assert "could be day/month" not in capsys.readouterr().err


def test_yaml_fields_keep_the_text_written():
    """``end: 17:00`` is the base-60 number 1020 to a plain YAML loader."""
    text = "seminars:\n  - title: T\n    date: 2024-03-08 16:00\n    end: 17:00\n    arxiv: 2003.00310\n"
    records, problems = read_json("week.yaml", text)
    assert problems == []
    assert records[0].options["end"] == "17:00"
    assert records[0].options["arxiv"] == "2003.00310"


def test_ics_long_description_is_read_whole_with_its_escapes():
    """Issue 19: a 4 MB description took 9.4 s; long values are now set aside and unescaped."""
    body = "Walks\\, graphs\\; and \\\\ more.\\n" * 20_000
    folded = "DESCRIPTION:" + body
    lines = [folded[:75]] + [" " + folded[i : i + 74] for i in range(75, len(folded), 74)]
    text = ics("UID:big@x\nDTSTART:20240308T100000Z\nSUMMARY:Big\n" + "\n".join(lines))
    records, problems = read_ics("f.ics", text)
    assert problems == [] or all(p.level is Level.WARNING for p in problems)
    assert records[0].abstract == ("Walks, graphs; and \\ more.\n" * 20_000).strip()


def test_recurring_feed_with_speakers_imports_and_builds(make_app, tmp_path, capsys):
    """The expanded occurrences and the speakers found in titles are real talks of the site."""
    from sphinxext.seminars.store.domain import get_domain

    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxext.seminars"]\nexclude_patterns = ["_build"]\n'
        'seminars_timezone = "Europe/Rome"\nhtml_theme = "basic"\n',
        encoding="utf-8",
    )
    (site / "index.rst").write_text("Archive\n=======\n", encoding="utf-8")
    feed = tmp_path / "f.ics"
    feed.write_text(
        RECURRING.replace("SUMMARY:Once", "SUMMARY:Random walks (Jane Doe, EPFL)"),
        encoding="utf-8",
    )
    assert main(["import", "ics", str(feed), "-o", str(site), "-q"]) == 0
    capsys.readouterr()
    app = make_app("dummy", srcdir=site, freshenv=True)
    app.build()
    talks = get_domain(app.env).talks
    assert sorted(talks) == [
        "once-x",
        "weekly-x-2024-03-04",
        "weekly-x-2024-03-18",
        "weekly-x-2024-03-25",
        "weekly-x-2024-04-02",
    ]
    once = talks["once-x"]
    assert once.title == "Random walks"
    assert [(p.name, p.affiliation) for p in once.speakers] == [("Jane Doe", "EPFL")]
    moved = talks["weekly-x-2024-03-18"]
    assert moved.start.isoformat() == "2024-03-19T12:00:00+01:00"


def test_ics_speaker_line_comma_list_is_read_as_the_build_reads_it():
    text = ics(
        "UID:a@x\nDTSTART:20240308T100000Z\nSUMMARY:Kernels\n"
        "DESCRIPTION:Speaker: Chaoyue Liu, Libin Zhu, and Adit Radhakrishnan\\nAbstract."
    )
    records, problems = read_ics("f.ics", text)
    assert records[0].options["speaker"] == "Chaoyue Liu; Libin Zhu; Adit Radhakrishnan"
    assert lines_of(problems, Level.WARNING) == [3]
