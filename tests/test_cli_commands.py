"""Re-imports (idempotent, respecting edits), ``check`` and ``new``."""

from __future__ import annotations

import json
from pathlib import Path

from sphinxext.seminars.cli import main
from sphinxext.seminars.cli.record import TalkRecord
from sphinxext.seminars.cli.writer import MANIFEST, Format, Report, Writer
from sphinxext.seminars.store.domain import get_domain

FIXTURES = Path(__file__).parent / "cli_fixtures"
ICS = """\
BEGIN:VCALENDAR
BEGIN:VEVENT
UID:talk-1
DTSTART;TZID=Europe/Rome:{start}
SUMMARY:{title}
END:VEVENT
END:VCALENDAR
"""


def import_ics(
    tmp_path: Path, *extra: str, start: str = "20220525T140000", title: str = "First"
) -> int:
    feed = tmp_path / "feed.ics"
    feed.write_text(ICS.format(start=start, title=title), encoding="utf-8")
    return main(["import", "ics", str(feed), "-o", str(tmp_path / "out"), "-q", *extra])


def outcome(capsys) -> tuple[str, list[str]]:
    """(summary counts without the total, problem lines) of the last command."""
    captured = capsys.readouterr()
    return captured.out.split(": ", 1)[1].strip(), captured.err.splitlines()


def test_reimport_is_idempotent_and_respects_edits(tmp_path, capsys):
    target = tmp_path / "out" / "talks" / "2022" / "talk-1.md"
    assert import_ics(tmp_path) == 0
    assert outcome(capsys)[0] == "1 new, 0 updated, 0 unchanged, 0 skipped"
    first = target.read_bytes()

    assert import_ics(tmp_path) == 0
    assert outcome(capsys)[0] == "0 new, 0 updated, 1 unchanged, 0 skipped"
    assert target.read_bytes() == first
    assert sorted(p.name for p in (tmp_path / "out" / "talks" / "2022").iterdir()) == ["talk-1.md"]

    assert import_ics(tmp_path, title="Renamed") == 0  # the feed changed, the file did not
    assert outcome(capsys)[0] == "0 new, 1 updated, 0 unchanged, 0 skipped"
    assert "Renamed" in target.read_text().splitlines()[0]

    target.write_text(target.read_text() + "\nA note the organiser added.\n", encoding="utf-8")
    edited = target.read_bytes()
    assert import_ics(tmp_path, title="Again") == 0
    summary, problems = outcome(capsys)
    assert (
        summary
        == "0 new, 0 updated, 0 unchanged, 1 skipped (1 edited since last import); 1 warnings"
    )
    assert problems[0].split(": ")[1] == "warning"
    assert target.read_bytes() == edited

    assert import_ics(tmp_path, "--force", title="Again") == 0
    assert outcome(capsys)[0] == "0 new, 1 updated, 0 unchanged, 0 skipped"
    assert target.read_text().splitlines()[0] == "```{talk} Again"


def test_moved_talk_replaces_its_old_file(tmp_path, capsys):
    assert import_ics(tmp_path) == 0
    assert import_ics(tmp_path, start="20230525T140000") == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "talks/2023/talk-1.md"
    ]
    manifest = json.loads((out / MANIFEST).read_text())
    assert list(manifest["files"]) == ["talks/2023/talk-1.md"]


def test_existing_file_not_from_an_import_is_kept(tmp_path):
    (tmp_path / "talks" / "2022").mkdir(parents=True)
    mine = tmp_path / "talks" / "2022" / "x.rst"
    mine.write_text("hand written\n", encoding="utf-8")
    report = Report()
    writer = Writer(tmp_path, Format.RST)
    writer.write_all([TalkRecord(id="x", title="T", options={"date": "2022-01-01"})], report)
    assert mine.read_text() == "hand written\n"
    assert dict(report.reasons) == {"not written by an import": 1}


def test_dry_run_writes_nothing(tmp_path, capsys):
    assert import_ics(tmp_path, "--dry-run") == 0
    assert outcome(capsys)[0] == "1 new, 0 updated, 0 unchanged, 0 skipped"
    assert not (tmp_path / "out").exists()


# -- check ------------------------------------------------------------------------------

CONF = 'extensions = ["myst_parser", "sphinxext.seminars"]\nexclude_patterns = ["_build"]\n'


def test_check_reports_problems_and_fails(tmp_path, capsys):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    (tmp_path / "bad.rst").write_text(
        ".. talk:: Bad talk\n   :date: 2022-05-25 14:00\n   :status: maybe\n   :timezone: Mars/Olympus\n\n"
        "See :talk:`nowhere`.\n",
        encoding="utf-8",
    )
    status = main(["check", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 1
    rows = [line.split(": ", 2)[:2] for line in captured.out.splitlines()]
    assert sorted(rows) == [
        ["bad.rst:3", "bad-option-value"],
        ["bad.rst:4", "bad-timezone"],
        ["bad.rst:6", "unknown-talk"],
    ]
    assert not (tmp_path / "_build").exists()


def test_check_passes_a_good_tree(tmp_path, capsys):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        ".. talk:: Good\n   :date: 2022-05-25 14:00\n", encoding="utf-8"
    )
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_check_without_conf(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    capsys.readouterr()


# -- new --------------------------------------------------------------------------------


def test_new_uses_site_defaults(make_app, tmp_path, capsys):
    (tmp_path / "conf.py").write_text(
        CONF
        + 'seminars_timezone = "Europe/Rome"\n'
        + 'seminars_series = {"Probability seminar": {"location": "Aula 1B"}}\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    status = main(
        [
            "new",
            "--conf",
            str(tmp_path),
            "--no-input",
            "--title",
            "Random walks",
            "--date",
            "2022-05-25 14:00",
            "--speaker",
            "Anna Malatesta (Sapienza)",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0
    path = Path(captured.out.strip())
    assert (
        path == tmp_path / "talks" / "2022" / "malatesta-2022-05-25.md"
    )  # MyST: the site uses it
    app = make_app("dummy", srcdir=tmp_path, freshenv=True)
    app.build()
    talk = get_domain(app.env).talks["malatesta-2022-05-25"]
    assert (talk.series, talk.location, talk.timezone) == (
        "Probability seminar",
        "Aula 1B",
        "Europe/Rome",
    )
    assert (
        main(
            [
                "new",
                "--conf",
                str(tmp_path),
                "--no-input",
                "--title",
                "X",
                "--date",
                "2022-05-25 14:00",
                "--speaker",
                "Anna Malatesta (Sapienza)",
            ]
        )
        == 1
    )  # exists
    assert (
        main(["new", "--conf", str(tmp_path), "--no-input", "--title", "X", "--date", "soon"]) == 2
    )
    capsys.readouterr()


def test_check_reports_a_repeated_option_at_its_line(tmp_path, capsys):
    """A repeated option: check says so, at the repeat's line."""
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        ".. talk:: Twice\n   :date: 2022-05-25 14:00\n   :date: 2022-05-26 14:00\n",
        encoding="utf-8",
    )
    assert main(["check", str(tmp_path)]) == 1
    rows = [line.split(": ", 2) for line in capsys.readouterr().out.splitlines()]
    # The talk is kept with the last value; the repeat is named at its own line.
    assert [row[0] for row in rows] == ["index.rst:3"]
    assert "given twice" in rows[0][2] and "the last one is used" in rows[0][2]
