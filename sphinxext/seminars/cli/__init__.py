"""The ``sphinx-seminars`` command: import an archive, scaffold a talk, check a site.

::

    sphinx-seminars import ics calendar.ics --timezone Europe/Rome
    sphinx-seminars import hugo content/event --format myst-frontmatter
    sphinx-seminars import csv talks.csv --map "Speaker name=speaker"
    sphinx-seminars import xlsx talks.xlsx --sheet "Spring 2024" --report report.json
    sphinx-seminars import json _build/html/seminars/talks.json
    sphinx-seminars new --title "..." --date "2022-05-25 14:00"
    sphinx-seminars check docs/

Every importer reads its input into talk records (pure functions, see
:mod:`.record`), each record is checked with the directive's own parsers, and
:mod:`.writer` writes one file per talk. Problems are printed as
``file:line: level: message`` on stderr, followed by the migration report
(:class:`.record.Ledger`: per field of the source, what was kept, converted,
dropped or ignored), and a summary on stdout; the exit status is 1 when a
record could not be imported or any value was dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .record import Level, Problem, TalkRecord

Reader = Callable[[argparse.Namespace, Any], tuple[list[TalkRecord], list[Problem]]]


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(
            Problem(str(path), 0, Level.ERROR, f"cannot read: {error.strerror or error}")
        )
        return None


def _read_text(path: Path, problems: list[Problem], encoding: str | None = None) -> str | None:
    """The file as text: UTF-8 (BOM or not), else Windows-1252 with a warning."""
    from .record import decode

    data = _read_bytes(path, problems)
    return None if data is None else decode(data, encoding, str(path), problems)


def _mapping(args: argparse.Namespace) -> dict[str, str]:
    from .csv_ import parse_map

    mapping, errors = parse_map(args.map or [])
    if errors:
        raise SystemExit("error: " + "\nerror: ".join(errors))
    return mapping


def _order(args: argparse.Namespace) -> str | None:
    """``--date-order`` (``--month-first`` is ``mdy``); ``None``: the data says."""
    return "mdy" if getattr(args, "month_first", False) else args.date_order


def _encoding_arg(text: str) -> str:
    """``--encoding``: a codec Python knows, refused up front otherwise."""
    import codecs

    try:
        codecs.lookup(text)
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {text!r}; give a codec name such as utf-8, cp1252 or latin-1"
        ) from None
    return text


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write 2024-09-01") from None


def _pattern_arg(text: str) -> re.Pattern[str]:
    try:
        pattern = re.compile(text)
    except re.error as error:
        raise argparse.ArgumentTypeError(f"not a regular expression: {error}") from None
    if "speaker" not in pattern.groupindex:
        raise argparse.ArgumentTypeError(
            "name the speaker's group: (?P<speaker>...); (?P<affiliation>...) and "
            "(?P<title>...) may follow"
        )
    return pattern


def _read_ics(args: argparse.Namespace, progress: Any) -> tuple[list[TalkRecord], list[Problem]]:
    from .ics import Window, read_ics

    records: list[TalkRecord] = []
    problems: list[Problem] = []
    window = Window(args.start, args.until)
    for number, path in enumerate(args.files, 1):
        progress(number, len(args.files))
        text = _read_text(Path(path), problems, args.encoding)
        if text is None:
            continue
        found, met = read_ics(
            path,
            text,
            timezone=args.timezone,
            series=args.series or "",
            speaker_from=args.speaker_from,
            speaker_pattern=args.speaker_pattern,
            window=window,
        )
        records += found
        problems += met
    return records, problems


def _read_hugo(args: argparse.Namespace, progress: Any) -> tuple[list[TalkRecord], list[Problem]]:
    from .hugo import read_hugo

    root = Path(args.dir)
    if not root.exists():
        return [], [Problem(str(root), 0, Level.ERROR, "no such file or folder")]
    return read_hugo(
        root,
        mapping=_mapping(args),
        timezone=args.timezone,
        series=args.series or "",
        all_pages=args.all_pages,
        progress=progress,
    )


def _read_csv(args: argparse.Namespace, progress: Any) -> tuple[list[TalkRecord], list[Problem]]:
    from .csv_ import read_csv

    if str(args.file).lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(args, progress)
    problems: list[Problem] = []
    text = _read_text(Path(args.file), problems, args.encoding)
    if text is None:
        return [], problems
    records, met = read_csv(
        args.file,
        text,
        mapping=_mapping(args),
        timezone=args.timezone,
        series=args.series or "",
        order=_order(args),
        fill_down=tuple(args.fill_down or ()),
    )
    return records, problems + met


def _read_xlsx(args: argparse.Namespace, progress: Any) -> tuple[list[TalkRecord], list[Problem]]:
    from .xlsx import read_xlsx

    problems: list[Problem] = []
    data = _read_bytes(Path(args.file), problems)
    if data is None:
        return [], problems
    return read_xlsx(
        args.file,
        data,
        sheet=getattr(args, "sheet", None),
        mapping=_mapping(args),
        timezone=args.timezone,
        series=args.series or "",
        order=_order(args),
        fill_down=tuple(args.fill_down or ()),
    )


def _read_json(args: argparse.Namespace, progress: Any) -> tuple[list[TalkRecord], list[Problem]]:
    from .json_ import read_json

    problems: list[Problem] = []
    text = _read_text(Path(args.file), problems, args.encoding)
    if text is None:
        return [], problems
    records, met = read_json(
        args.file,
        text,
        mapping=_mapping(args),
        timezone=args.timezone,
        series=args.series or "",
        order=_order(args),
        records_key=args.records,
    )
    return records, problems + met


def run_import(args: argparse.Namespace, reader: Reader) -> int:
    from .progress import Progress
    from .record import Ledger, validate
    from .writer import Format, Report, Writer

    progress = Progress("reading", enabled=False if args.quiet else None)
    records, problems = reader(args, progress)
    progress.finish()
    ledger = Ledger()
    for problem in problems:
        if problem.level is Level.ERROR:
            ledger.skipped_reading(problem)
    report = Report(problems=problems)
    skipped_reading = sum(1 for p in problems if p.level is Level.ERROR)
    before = list(records)
    records, skipped = validate(records, report.problems)
    kept = {id(record) for record in records}
    for record in before:
        if id(record) not in kept:
            ledger.account(record, written=False, reason="no usable date")
    for _ in range(skipped_reading):
        report.skip("unreadable or incomplete")
    for _ in range(skipped):
        report.skip("no usable date")
    writer = Writer(
        Path(args.output),
        Format(args.format),
        args.layout,
        force=args.force,
        dry_run=args.dry_run,
        keep_html=getattr(args, "keep_html", False),
    )
    progress = Progress("writing", enabled=False if args.quiet else None)
    writer.write_all(records, report, progress)
    progress.finish()
    writer.save()
    for record in records:
        reason = report.not_written.get(id(record))
        ledger.account(
            record,
            written=reason is None,
            reason=reason or "",
            held=reason in ("edited since last import", "not written by an import"),
        )
    for problem in sorted(report.problems, key=lambda p: (p.path, p.line)):
        sys.stderr.write(f"{problem}\n")
    sys.stderr.write(ledger.text() + "\n")
    if args.report:
        _write_report(Path(args.report), ledger, report, args)
    prefix = "(dry run) " if args.dry_run else ""
    print(prefix + report.summary())
    return 1 if report.failed or ledger.dropped else 0


def _write_report(path: Path, ledger: Any, report: Any, args: argparse.Namespace) -> None:
    import json

    data = {
        "source": args.source,
        "dry_run": bool(args.dry_run),
        **ledger.as_dict(),
        "outcomes": {outcome.value: count for outcome, count in report.outcomes.items()},
        "problems": [
            {"path": p.path, "line": p.line, "level": str(p.level), "message": p.message}
            for p in sorted(report.problems, key=lambda p: (p.path, p.line))
        ],
    }
    try:
        path.write_text(
            json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n",
            encoding="utf-8",
        )
    except OSError as error:
        sys.stderr.write(f"{path}: error: cannot write the report: {error.strerror or error}\n")


def _import_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-o", "--output", default=".", help="root folder of the talk files (default: .)"
    )
    common.add_argument(
        "--format",
        choices=["myst", "rst", "myst-frontmatter"],
        default="myst",
        help="write MyST (default), reST, or MyST pages whose front matter is the talk",
    )
    common.add_argument(
        "--layout",
        default="talks/{year}/{id}{ext}",
        help="path of each file under the output root; placeholders {year} {month} {date} "
        "{id} {series} {ext} (default: talks/{year}/{id}{ext})",
    )
    common.add_argument(
        "--force", action="store_true", help="overwrite files edited since the last import"
    )
    common.add_argument(
        "--dry-run", action="store_true", help="report what would be written; write nothing"
    )
    common.add_argument("--timezone", help="IANA zone of times that carry none (floating times)")
    common.add_argument("--series", help="series of every imported talk that names none")
    common.add_argument(
        "--map",
        action="append",
        metavar="FIELD=OPTION",
        help="read a column/field as a talk option (title, abstract, bio, time, affiliation, "
        "ignore, or any option of the talk directive); repeatable",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    common.add_argument(
        "--report",
        metavar="FILE",
        help="write the migration report (what was kept, converted or dropped) as JSON",
    )
    common.add_argument(
        "--encoding",
        default=None,
        type=_encoding_arg,
        help="file encoding (default: UTF-8, with or without BOM, else Windows-1252 with a "
        "warning)",
    )
    common.add_argument(
        "--date-order",
        choices=["dmy", "mdy", "ymd"],
        default=None,
        help="order of day and month in numeric dates such as 05/04/2022 (default: the "
        "order the data shows, e.g. 25/05/2022 is day first; else dmy, with a warning)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-seminars",
        description="Import a seminar archive, scaffold talks and check a Sphinx seminar site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    importer = commands.add_parser("import", help="import talks from another system")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    common = _import_options()

    ics = sources.add_parser("ics", parents=[common], help="iCalendar files (.ics)")
    ics.add_argument("files", nargs="+", metavar="FILE")
    ics.add_argument(
        "--speaker-from",
        choices=["description", "organizer", "attendee"],
        default="description",
        help="where the speaker is named: a 'Speaker:' line of the description (default), "
        "the ORGANIZER or the ATTENDEEs' names",
    )
    ics.add_argument(
        "--speaker-pattern",
        type=_pattern_arg,
        metavar="REGEX",
        help="the group's own way of naming the speaker in SUMMARY or DESCRIPTION: a regular "
        "expression with named groups speaker (and affiliation, title), tried first",
    )
    ics.add_argument(
        "--from",
        dest="start",
        type=_date_arg,
        metavar="DATE",
        help="import talks on or after DATE (repeating events are expanded from here)",
    )
    ics.add_argument(
        "--until",
        type=_date_arg,
        metavar="DATE",
        help="import talks on or before DATE (default: the last date the feed names)",
    )
    ics.set_defaults(reader=_read_ics)

    hugo = sources.add_parser("hugo", parents=[common], help="Hugo/Wowchemy event and talk pages")
    hugo.add_argument(
        "dir", metavar="DIR", help="the site, its content folder, a section or one page"
    )
    hugo.add_argument("--all-pages", action="store_true", help="take every dated page for a talk")
    hugo.add_argument(
        "--keep-html",
        action="store_true",
        help="keep raw HTML of page bodies as HTML (unsafe: scripts in the pages reach the "
        "site); by default it is written as text",
    )
    hugo.set_defaults(reader=_read_hugo)

    # CSV files and workbooks share their columns, so they share these options.
    sheets = argparse.ArgumentParser(add_help=False)
    sheets.add_argument("file", metavar="FILE")
    sheets.add_argument("--month-first", action="store_true", help="the same as --date-order mdy")
    sheets.add_argument(
        "--fill-down",
        action="append",
        metavar="OPTION",
        help="an empty cell takes the value above (merged cells), e.g. --fill-down date",
    )
    sheets.add_argument(
        "--sheet", help="an .xlsx file's sheet, by name or number from 1 (default: the first)"
    )
    csv = sources.add_parser("csv", parents=[common, sheets], help="a spreadsheet saved as CSV")
    csv.set_defaults(reader=_read_csv)
    xlsx = sources.add_parser(
        "xlsx", parents=[common, sheets], help="an Excel workbook (.xlsx), with the CSV columns"
    )
    xlsx.set_defaults(reader=_read_xlsx)

    json = sources.add_parser(
        "json", parents=[common], help="the site's talks.json, or any list of records (JSON/YAML)"
    )
    json.add_argument("file", metavar="FILE")
    json.add_argument("--month-first", action="store_true", help="the same as --date-order mdy")
    json.add_argument(
        "--records",
        metavar="KEY",
        help="the key the records are under (dotted for nested keys: data.talks); "
        "default: a top-level list, a usual key or the one list of mappings",
    )
    json.set_defaults(reader=_read_json)

    new = commands.add_parser("new", help="scaffold a talk file")
    new.add_argument("--title")
    new.add_argument("--date", help="start, ISO 8601: 2022-05-25 14:00")
    new.add_argument("--end", help="end time or datetime")
    new.add_argument("--duration", help="1h, 90min...")
    new.add_argument("--timezone")
    new.add_argument("--speaker", action="append", help="Name (Affiliation); repeatable")
    new.add_argument("--location")
    new.add_argument("--online")
    new.add_argument("--series")
    new.add_argument("--event")
    new.add_argument("--tags", help="comma-separated")
    new.add_argument("--abstract", help="the abstract, as text")
    new.add_argument("--id", help="the talk's id (default: speaker's surname and date)")
    new.add_argument("--conf", default=".", help="folder of the site's conf.py (default: .)")
    new.add_argument("-o", "--output", help="root of the talk files (default: the conf.py folder)")
    new.add_argument("--format", choices=["myst", "rst", "myst-frontmatter"])
    new.add_argument("--layout", default="talks/{year}/{id}{ext}")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    new.add_argument("--no-input", action="store_true", help="never prompt")

    check = commands.add_parser("check", help="check every talk and listing of a site")
    check.add_argument("srcdir", nargs="?", default=".", metavar="SRCDIR")
    check.add_argument("-c", "--conf-dir", help="folder of conf.py (default: SRCDIR)")
    check.add_argument(
        "--all",
        action="store_true",
        help="report every Sphinx warning, not only the seminars ones",
    )
    check.add_argument("-j", "--jobs", type=int, default=1, help="parallel readers")

    from .announce import add_parser as add_announce

    add_announce(commands)
    from .fetch import add_parser as add_fetch

    add_fetch(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "import":
        return run_import(args, args.reader)
    if args.command == "new":
        from .new import run_new

        return run_new(args)
    if args.command == "announce":
        from .announce import run_announce

        return run_announce(args)
    if args.command == "fetch":
        from .fetch import run_fetch

        return run_fetch(args)
    from .check import run_check

    srcdir = Path(args.srcdir)
    return run_check(
        srcdir,
        confdir=Path(args.conf_dir) if args.conf_dir else None,
        all_warnings=args.all,
        jobs=args.jobs,
    )
