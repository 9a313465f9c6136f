"""Importers: each real-world shape (broken ones too) → files → Sphinx build → stored talks."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import build_fresh, make_site

from sphinxext.seminars.cli import main
from sphinxext.seminars.cli.csv_ import parse_map, read_csv
from sphinxext.seminars.cli.hugo import read_hugo
from sphinxext.seminars.cli.ics import read_ics
from sphinxext.seminars.cli.json_ import read_json
from sphinxext.seminars.cli.record import Level, validate
from sphinxext.seminars.store.domain import get_domain

FIXTURES = Path(__file__).parent / "cli_fixtures"
ROME = ZoneInfo("Europe/Rome")


def build(make_app, srcdir: Path, buildername: str = "dummy"):
    return build_fresh(make_app, srcdir, buildername)


def stored(app) -> dict[str, dict]:
    """The domain's resolved talks as comparable dicts (no docname, line or anchor)."""
    result = {}
    for talk in get_domain(app.env).talks.values():
        result[talk.id] = {
            "title": talk.title,
            "speakers": [(p.name, p.affiliation) for p in talk.speakers],
            "start": talk.start.astimezone(dt.UTC),
            "end": talk.end.astimezone(dt.UTC),
            "all_day": talk.all_day,
            "timezone": talk.timezone,
            "location": talk.location,
            "online": talk.online,
            "series": talk.series,
            "tags": list(talk.tags),
            "status": talk.status.value,
            "links": sorted((link.kind.value, link.target) for link in talk.links),
            "abstract": " ".join(talk.abstract.split()),
        }
    return result


def seminars_messages(app) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines() if "[seminars." in line]


def counts(summary: str) -> dict[str, int]:
    """The numbers of the summary line: {"talks": 9, "new": 7, ...}."""
    head = summary.split(" (")[0].split(";")[0]
    total, _, rest = head.partition(" talks: ")
    result = {"talks": int(total)}
    for part in rest.split(", "):
        number, word = part.split(" ", 1)
        result[word] = int(number)
    return result


def problems_of(text: str) -> list[tuple[int, str]]:
    """(line, level) of each ``file:line: level: message`` line."""
    found = []
    for row in text.splitlines():
        parts = row.split(": ", 2)
        if len(parts) == 3 and parts[1] in ("warning", "error"):
            found.append((int(parts[0].rsplit(":", 1)[1]), parts[1]))
    return found


# -- iCalendar ---------------------------------------------------------------------


def test_ics_reader_handles_broken_feed():
    records, problems = read_ics("feed.ics", (FIXTURES / "broken.ics").read_text())
    by_line = {r.line: r for r in records}
    assert sorted(by_line) == [7, 18, 27, 36, 45, 52, 58]
    # TZID known to the zone database, no VTIMEZONE needed.
    assert by_line[7].options["date"] == "2022-05-25 14:00"
    assert by_line[7].options["timezone"] == "Europe/Rome"
    assert by_line[7].options["speaker"] == "Anna Malatesta (Università di Roma (La Sapienza))"
    # Floating time takes X-WR-TIMEZONE; HTML becomes text, the script is gone.
    assert by_line[18].options["timezone"] == "Europe/Rome"
    assert by_line[18].options["duration"] == "90min"
    assert by_line[18].abstract == "An HTML abstract.\n\nSecond & last paragraph."
    # An unfolded continuation line is joined back; CANCELLED is kept.
    assert by_line[27].abstract.split("\n") == [
        "First line of a description",
        "that continues without the folding space.",
    ]
    assert by_line[27].options["status"] == "cancelled"
    # UTC converted to the calendar's zone; a URL location is the online link.
    assert by_line[36].options["date"] == "2022-10-12 15:00"
    assert by_line[36].options["online"] == "https://meet.example.org/abc-defg"
    # All-day: DTEND is exclusive, so the last day is the 4th.
    assert by_line[45].options == {"date": "2022-11-03", "end": "2022-11-04"}
    # Duplicate UID on another day: the date goes into the id.
    assert by_line[52].id == "dup-math-example-org"
    assert by_line[58].id == "dup-math-example-org-2022-11-23"
    levels = {(p.line, p.level) for p in problems}
    assert (32, Level.WARNING) in levels  # the joined line
    assert (27, Level.WARNING) in levels  # unknown TZID
    assert (64, Level.ERROR) in levels  # same UID, same date
    assert (70, Level.ERROR) in levels  # no DTSTART


def test_ics_timezone_option_for_floating_times():
    text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20220601T110000\nSUMMARY:T\nEND:VEVENT\nEND:VCALENDAR\n"
    records, problems = read_ics("f.ics", text)
    assert "timezone" not in records[0].options
    assert [p.level for p in problems] == [Level.WARNING]  # floating, no zone known
    records, problems = read_ics("f.ics", text, timezone="America/New_York")
    assert records[0].options["timezone"] == "America/New_York"
    assert problems == []


@pytest.mark.parametrize("fmt", ["myst", "rst"])
def test_ics_import_then_build_stores_the_feed(make_app, tmp_path, capsys, fmt):
    site = make_site(tmp_path / "site")
    status = main(
        ["import", "ics", str(FIXTURES / "broken.ics"), "-o", str(site), "--format", fmt, "-q"]
    )
    captured = capsys.readouterr()
    assert status == 1  # two events could not be imported
    assert (64, "error") in problems_of(captured.err)
    assert counts(captured.out) == {
        "talks": 9,
        "new": 7,
        "updated": 0,
        "unchanged": 0,
        "skipped": 2,
    }
    suffix = ".md" if fmt == "myst" else ".rst"
    assert (site / "talks" / "2022" / f"malatesta-2022-math-example-org{suffix}").is_file()

    app = build(make_app, site)
    assert seminars_messages(app) == []
    talks = stored(app)
    assert set(talks) == {
        "malatesta-2022-math-example-org",
        "floating-1-math-example-org",
        "unknown-zone-math-example-org",
        "utc-talk-math-example-org",
        "workshop-math-example-org",
        "dup-math-example-org",
        "dup-math-example-org-2022-11-23",
    }
    malatesta = talks["malatesta-2022-math-example-org"]
    assert malatesta["start"] == dt.datetime(2022, 5, 25, 14, tzinfo=ROME).astimezone(dt.UTC)
    assert malatesta["end"] == dt.datetime(2022, 5, 25, 15, tzinfo=ROME).astimezone(dt.UTC)
    assert malatesta["speakers"] == [("Anna Malatesta", "Università di Roma (La Sapienza)")]
    assert malatesta["tags"] == ["probability", "graphs"]
    assert malatesta["links"] == [("url", "https://math.example.org/seminars/malatesta")]
    floating = talks["floating-1-math-example-org"]
    assert floating["end"] - floating["start"] == dt.timedelta(minutes=90)
    assert floating["abstract"] == "An HTML abstract. Second & last paragraph."
    assert talks["unknown-zone-math-example-org"]["status"] == "cancelled"
    utc = talks["utc-talk-math-example-org"]
    assert utc["start"] == dt.datetime(2022, 10, 12, 13, tzinfo=dt.UTC)
    # Markup in the feed is text: no directive ran, no template was expanded.
    assert utc["abstract"] == (
        ".. raw:: html <script>alert(1)</script> {{ secret }} and `code` and *stars*"
    )
    workshop = talks["workshop-math-example-org"]
    assert workshop["all_day"] is True
    assert workshop["end"] - workshop["start"] == dt.timedelta(days=2)


def test_imported_markup_is_not_rendered(make_app, tmp_path, tree):
    site = make_site(tmp_path / "site")
    assert main(["import", "ics", str(FIXTURES / "broken.ics"), "-o", str(site), "-q"]) == 1
    app = build(make_app, site, "html")
    page = tree(app, "talks/2022/utc-talk-math-example-org")
    article = page.find(class_="seminars-abstract")
    assert article is not None
    assert article.find("script") is None
    assert "<script>alert(1)</script>" in article.get_text()


# -- spreadsheets ---------------------------------------------------------------------


def test_csv_reader_tolerates_real_cells():
    records, problems = read_csv(
        "talks.csv", (FIXTURES / "talks.csv").read_text(), timezone="Europe/Rome"
    )
    by_line = {r.line: r for r in records}
    assert sorted(by_line) == [2, 3, 5]
    assert by_line[2].options["date"] == "2022-04-04 16:00"
    assert by_line[2].options["end"] == "17:00"
    assert by_line[2].options["location"] == "E18-304"
    assert by_line[2].abstract.startswith("The success of deep learning")
    assert by_line[3].options["speaker"] == (
        "Ada Lovelace (UCL); Charles Babbage (Cambridge); Mary Somerville (Oxford)"
    )
    assert by_line[3].options["date"] == "2022-05-25 11:00"
    assert by_line[5].options["date"] == "2022-06-01 14:30"
    assert {(p.line, p.level) for p in problems} == {
        (1, Level.WARNING),  # unknown column
        (4, Level.WARNING),  # empty rows, counted
        (6, Level.ERROR),  # merged date cell
        (7, Level.ERROR),  # "25:99"
    }


def test_csv_fill_down_and_column_map():
    text = "When,Who,What\n2022-05-25 14:00,Ada,First\n,Bob,Second\n"
    mapping, errors = parse_map(["Who=speaker", "What=title"])
    assert errors == []
    records, problems = read_csv("t.csv", text, mapping=mapping, fill_down=("date",))
    assert [(r.title, r.options["speaker"], r.options["date"]) for r in records] == [
        ("First", "Ada", "2022-05-25 14:00"),
        ("Second", "Bob", "2022-05-25 14:00"),
    ]
    assert problems == []
    assert parse_map(["Who=nonsense"])[1]


def test_csv_import_then_build(make_app, tmp_path, capsys):
    site = make_site(tmp_path / "site")
    status = main(
        ["import", "csv", str(FIXTURES / "talks.csv"), "-o", str(site), "--format", "rst", "-q"]
    )
    assert status == 1
    assert counts(capsys.readouterr().out) == {
        "talks": 5,
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "skipped": 2,
    }
    talks = stored(build(make_app, site))
    three = talks["2022-05-25-three-speakers"]
    assert [name for name, _ in three["speakers"]] == [
        "Ada Lovelace",
        "Charles Babbage",
        "Mary Somerville",
    ]
    assert three["abstract"] == "Plain abstract with *stars* and .. raw:: html"
    assert three["start"] == dt.datetime(2022, 5, 25, 11, tzinfo=ROME).astimezone(dt.UTC)


# -- JSON / YAML -------------------------------------------------------------------------


def test_json_generic_records_with_map():
    mapping, _ = parse_map(["name=title"])
    records, problems = read_json(
        "r.json", (FIXTURES / "records.json").read_text(), mapping=mapping
    )
    assert [r.id for r in records] == ["ml-2023-01"]
    record = records[0]
    assert record.title == "Optimization and generalization"
    assert record.options["speaker"] == "Chiyuan Zhang (Google); Samy Bengio (Apple)"
    assert record.options["timezone"] == "America/New_York"
    assert record.options["tags"] == "optimization, generalization"
    assert record.abstract == "An abstract with HTML."
    assert {(p.line, p.level) for p in problems} == {
        (2, Level.WARNING),  # unknown field "cost"
        (14, Level.ERROR),  # no date
        (18, Level.ERROR),  # not an object
    }


def test_yaml_records():
    records, problems = read_json("r.yaml", (FIXTURES / "records.yaml").read_text())
    records, skipped = validate(records, problems)
    assert (skipped, problems) == (0, [])
    assert records[0].options == {
        "date": "2023-03-01 15:00",
        "speaker": "Ada Lovelace (UCL)",
        "duration": "45min",
        "series": "ML seminar",
    }


def test_talks_json_round_trip(make_app, tmp_path, capsys):
    """import → build → talks.json → import → build gives the same talks."""
    first = make_site(tmp_path / "first")
    main(["import", "ics", str(FIXTURES / "broken.ics"), "-o", str(first), "-q"])
    app = build(make_app, first, "html")
    before = stored(app)
    exported = Path(app.outdir, "seminars", "talks.json")
    assert json.loads(exported.read_text())["version"] == 1

    second = make_site(tmp_path / "second")
    status = main(["import", "json", str(exported), "-o", str(second), "--format", "rst", "-q"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    after = stored(build(make_app, second))
    assert after == before


# -- Hugo -------------------------------------------------------------------------------


def test_hugo_reader_reads_yaml_and_toml_pages():
    records, problems = read_hugo(FIXTURES / "hugo")
    by_id = {r.id: r for r in records}
    # site-fields has its own start/end (no map needed): a talk page.
    assert set(by_id) == {"loss-landscapes", "toml-talk", "site-fields"}
    assert by_id["site-fields"].options["date"] == "2024-05-02 16:00"
    assert by_id["site-fields"].options["end"] == "2024-05-02 17:30"
    loss = by_id["loss-landscapes"]
    assert loss.options["date"] == "2024-04-09T13:30:00-07:00"
    assert loss.options["speaker"] == "Reza Rahimi Azghan (Arizona State University)"
    assert loss.options["series"] == "EMIL Spring'24 Seminars"
    assert loss.options["arxiv"] == "https://arxiv.org/abs/2003.00307"
    assert loss.options["slides"] == "pres.pptx"
    # Abstract and summary both given: the summary is the talk's :summary:.
    assert loss.options["summary"].startswith("This paper proposes a framework")
    assert [name for _, name in loss.attachments] == ["pres.pptx"]
    assert loss.notes.startswith("Notes from the seminar")
    toml = by_id["toml-talk"]
    assert toml.options["code"] == "https://github.com/example/kernels"
    assert toml.options["tags"] == "kernels, deep learning"
    assert toml.abstract == "Kernels meet deep networks."
    errors = [Path(p.path).parent.name for p in problems if p.level is Level.ERROR]
    assert sorted(errors) == ["no-date"]


def test_hugo_site_fields_mapped():
    mapping, _ = parse_map(["speaker=speaker", "affiliation=affiliation", "start=date", "end=end"])
    records, _problems = read_hugo(
        FIXTURES / "hugo" / "content" / "event" / "site-fields",
        mapping=mapping,
        timezone="America/Phoenix",
    )
    assert records[0].options == {
        "date": "2024-05-02 16:00",
        "timezone": "America/Phoenix",
        "end": "2024-05-02 17:30",
        "speaker": "Grace Hopper (Yale)",
    }


def test_hugo_front_matter_form_equals_directive_form(make_app, tmp_path, capsys):
    hugo = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", hugo)
    results = {}
    for fmt in ("myst", "myst-frontmatter"):
        site = make_site(tmp_path / fmt)
        main(["import", "hugo", str(hugo / "content"), "-o", str(site), "--format", fmt, "-q"])
        assert (site / "talks" / "2024" / "loss-landscapes" / "pres.pptx").is_file()
        app = build(make_app, site)
        assert seminars_messages(app) == []
        results[fmt] = stored(app)
    capsys.readouterr()
    assert results["myst"] == results["myst-frontmatter"]
    loss = results["myst"]["loss-landscapes"]
    assert loss["start"] == dt.datetime(2024, 4, 9, 20, 30, tzinfo=dt.UTC)
    assert loss["end"] == dt.datetime(2024, 4, 9, 22, 0, tzinfo=dt.UTC)
    assert ("slides", "loss-landscapes/pres.pptx") in loss["links"]


def test_an_unknown_encoding_is_an_error_before_anything_is_read(tmp_path, capsys):
    source = tmp_path / "talks.csv"
    source.write_text("date,title\n2024-01-01,T\n", encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(SystemExit) as exit_:
        main(["import", "csv", str(source), "-o", str(out), "--encoding", "no-such-codec"])
    assert exit_.value.code == 2
    assert "unknown encoding 'no-such-codec'" in capsys.readouterr().err
    assert not out.exists()
