"""Spreadsheets (CSV) to talk records, and the field rules shared with JSON.

Columns are recognised by their usual names ("Speaker", "Presenter(s)",
"Room", "Start time"...) or mapped with ``--map Column=option``. Cells are
read tolerantly (:mod:`.cells`): dates and times in one cell or two, "11am",
"4:00 pm - 5:00 pm", presenters joined with "&" or "and". Empty rows are
counted, unknown columns reported once, a row that cannot be a talk is
reported with its row number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypedDict, Unpack

from ..core.model import slugify
from ..core.parsing import TALK_OPTIONS
from .cells import (
    YEARS,
    infer_order,
    parse_time,
    parse_time_range,
    parse_when,
    read_when,
    split_people,
)
from .record import Level, Problem, TalkRecord, guarded, one_line, stable_id
from .text import plain_text

#: Where a field can go besides the directive's options.
EXTRA_TARGETS = ("title", "abstract", "bio", "time", "affiliation", "ignore")
TARGETS = (*EXTRA_TARGETS, *TALK_OPTIONS)

#: Usual column/field names (normalised: lower case, single spaces) and their target.
ALIASES: dict[str, str] = {
    **{name: name for name in TARGETS},
    **{name.replace("-", " "): name for name in TARGETS},
    "talk": "title",
    "talk title": "title",
    "topic": "title",
    "summary": "title",
    "name": "speaker",
    "speakers": "speaker",
    "speaker name": "speaker",
    "speaker(s)": "speaker",
    "presenter": "speaker",
    "presenters": "speaker",
    "presenter(s)": "speaker",
    "authors": "speaker",
    "institution": "affiliation",
    "affiliations": "affiliation",
    "university": "affiliation",
    "organisation": "affiliation",
    "organization": "affiliation",
    "day": "date",
    "start": "date",
    "start date": "date",
    "datetime": "date",
    "when": "date",
    "start time": "time",
    "hour": "time",
    "end time": "end",
    "finish": "end",
    "length": "duration",
    "tz": "timezone",
    "time zone": "timezone",
    "room": "location",
    "venue": "location",
    "place": "location",
    "where": "location",
    "zoom": "online",
    "link": "online",
    "stream": "online",
    "meeting link": "online",
    "keywords": "tags",
    "categories": "tags",
    "category": "tags",
    "description": "abstract",
    "abstract/description": "abstract",
    "coauthors": "joint-with",
    "co-authors": "joint-with",
    "joint with": "joint-with",
    "joint_with": "joint-with",
    "uid": "id",
    "slug": "id",
    "website": "url",
    "paper": "pdf",
    "recording": "video",
    "about the speaker": "bio",
}


def normalise(name: str) -> str:
    return " ".join(str(name).strip().lower().replace("_", " ").split())


def parse_map(items: list[str]) -> tuple[dict[str, str], list[str]]:
    """``--map Field=option`` arguments to {normalised field: target}, with errors."""
    mapping: dict[str, str] = {}
    errors = []
    for item in items:
        field, sep, target = item.partition("=")
        target = target.strip().lower()
        if not sep or not field.strip() or target not in TARGETS:
            errors.append(
                f"--map {item!r}: write FIELD=OPTION with OPTION one of: " + ", ".join(TARGETS)
            )
            continue
        mapping[normalise(field)] = target
    return mapping, errors


_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}", re.ASCII)
_ISO_TIME_OFFSET = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})", re.ASCII
)


def _iso_or_none(text: str) -> dt.datetime | None:
    text = text.strip()
    if len(text) > 40:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.year not in YEARS:
        return None
    return value


def _end_option(cell: str, day: dt.date, *, order: str) -> str:
    """The ``:end:`` text of an end cell; an ISO offset is kept exactly."""
    text = cell.strip()
    if _ISO_DATETIME.match(text):
        exact = _iso_or_none(text)
        if exact is None:
            raise ValueError(f"cannot read end {text!r}; write '2022-05-25T16:00:00+02:00'")
        if exact.tzinfo is not None:
            return exact.isoformat()
        return _fmt(exact.date(), exact.time())
    if _ISO_TIME_OFFSET.fullmatch(text):  # 16:00:00+04:00: a time on the start's day
        try:
            time = dt.time.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"cannot read end time {text!r}; write '16:00'") from None
        return dt.datetime.combine(day, time).isoformat()
    if re.search(r"\d{4}|/", text):
        end_day, end_time, _ = parse_when(text, order=order)
        return end_day.isoformat() if end_time is None else _fmt(end_day, end_time)
    return parse_time(text).strftime("%H:%M")


def _fmt(day: dt.date, time: dt.time) -> str:
    return f"{day.isoformat()} {time.strftime('%H:%M:%S' if time.second else '%H:%M')}"


def build_record(
    values: Mapping[str, str],
    *,
    path: str,
    line: int,
    problem: Callable[[int, Level, str], None],
    timezone: str | None = None,
    series: str = "",
    day_first: bool = True,
    order: str | None = None,
    ambiguous: list[tuple[int, str]] | None = None,
) -> TalkRecord | None:
    """A record from field values already mapped to targets (text values).

    ``order`` is the day/month order of numeric dates (``dmy`` unless
    ``day_first`` is off); a date read in that order that could have been read
    the other way is noted in ``ambiguous``, for one warning per file.
    """
    order = order or ("dmy" if day_first else "mdy")
    options: dict[str, str] = {}
    title = one_line(values.get("title", ""))
    label = f"talk {title!r}" if title else "talk"

    drops: dict[str, str] = {}
    date_cell = values.get("date", "").strip()
    time_cell = values.get("time", "").strip()
    end_cell = values.get("end", "").strip()
    if not date_cell:
        problem(line, Level.ERROR, f"{label} has no date; skipped")
        return None
    start: dt.time | None
    try:
        reading = read_when(date_cell, order=order)
        day = reading.value.date()
        start = None if reading.all_day else reading.value.timetz()
        end = reading.end.timetz() if reading.end is not None else None
        if reading.ambiguous and ambiguous is not None:
            ambiguous.append((line, date_cell))
        if reading.value.tzinfo is not None and not time_cell:
            options["date"] = reading.value.isoformat()
        if time_cell:
            start, end_from_time = parse_time_range(time_cell)
            end = end_from_time or end
    except ValueError as error:
        problem(line, Level.ERROR, f"{label}: {error}; skipped")
        return None
    if "date" not in options:
        options["date"] = (
            day.isoformat() if start is None else _fmt(day, start.replace(tzinfo=None))
        )
    if end_cell:
        try:
            options["end"] = _end_option(end_cell, day, order=order)
        except ValueError as error:
            problem(line, Level.WARNING, f"{label}: end: {error}; left out")
            drops["end"] = str(error)
    if end is not None and "end" not in options:
        options["end"] = (
            dt.datetime.combine(day, end).isoformat()
            if end.tzinfo is not None
            else end.strftime("%H:%M")
        )

    people_notes: list[str] = []
    people = split_people(values.get("speaker", ""), people_notes)
    affiliations = [
        a.strip() for a in re.split(r"[;&\n]", values.get("affiliation", "")) if a.strip()
    ]
    if affiliations and not people:
        drops["affiliation"] = "an affiliation without a speaker"
        problem(line, Level.WARNING, f"{label}: affiliation without a speaker; left out")
    if affiliations and people:
        if len(affiliations) == len(people):
            pairs: Iterable[tuple[str, str]] = zip(people, affiliations, strict=True)
        else:
            pairs = (
                (p, affiliations[0] if len(affiliations) == 1 else "; ".join(affiliations))
                for p in people
            )
        people = [p if p.endswith(")") else f"{p} ({a})" for p, a in pairs]
    if people:
        options["speaker"] = "; ".join(people)

    for name in TALK_OPTIONS:
        if name in ("date", "end", "speaker") or not values.get(name, "").strip():
            continue
        value = one_line(values[name])
        if name == "tags":
            value = ", ".join(w.strip() for w in re.split(r"[;,]", value) if w.strip())
        elif name == "joint-with":
            value = "; ".join(split_people(values[name], people_notes, option=name))
        options[name] = value
    for note in people_notes:
        problem(line, Level.WARNING, f"{label}: {note}")
    if timezone and "timezone" not in options:
        parsed = _iso_or_none(options["date"])
        if parsed is None or parsed.tzinfo is None:  # an offset in the date wins
            options["timezone"] = timezone
    if series and "series" not in options:
        options["series"] = series
    talk_id = options.pop("id", "") or f"{options['date'][:10]}-{slugify(title or 'tba')}"
    return TalkRecord(
        id=stable_id(talk_id),
        title=title,
        options=options,
        abstract=plain_text(values.get("abstract", "")),
        bio=plain_text(values.get("bio", "")),
        path=path,
        line=line,
        drop_reasons=drops,
    )


#: Delimiters a spreadsheet may have saved its cells with.
DELIMITERS = ",;\t|"


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate it holds most (a comma by default).

    Only the delimiter is guessed. Quoting is always the standard one (a
    quote inside a quoted cell is doubled, ``""``), which is what every
    spreadsheet writes; guessing it from a sample lost the rest of a cell
    at its first ``""`` when the sample held none.
    """
    header = text.lstrip("\ufeff\r\n").split("\n", 1)[0][:65536]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class RowOptions(TypedDict, total=False):
    """The column rules of every table reader (CSV, XLSX): see :func:`read_rows`."""

    mapping: Mapping[str, str] | None
    timezone: str | None
    series: str
    day_first: bool
    fill_down: tuple[str, ...]
    order: str | None


@guarded
def read_csv(
    path: Path | str,
    text: str,
    **options: Unpack[RowOptions],
) -> tuple[list[TalkRecord], list[Problem]]:
    """The talks of one CSV file (the first non-empty row is the header).

    ``order`` is the day/month order of numeric dates; ``None`` takes it from
    the data (see :func:`read_rows`) and ``day_first`` when the data does not say.
    """
    name = str(path)
    problems: list[Problem] = []

    class Dialect(csv.excel):
        delimiter = sniff_delimiter(text)

    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), Dialect)

    def rows() -> Iterator[tuple[int, list[str]]]:
        row_start = 1
        try:
            for row in reader:
                yield row_start, row
                row_start = reader.line_num + 1
        except csv.Error as error:
            problems.append(
                Problem(name, row_start, Level.ERROR, f"cannot read the rest of the file: {error}")
            )

    records, met = read_rows(name, rows(), **options)
    return records, met + problems


def read_rows(
    name: str,
    rows: Iterable[tuple[int, list[str]]],
    *,
    mapping: Mapping[str, str] | None = None,
    timezone: str | None = None,
    series: str = "",
    day_first: bool = True,
    fill_down: tuple[str, ...] = (),
    where: str = "line",
    order: str | None = None,
) -> tuple[list[TalkRecord], list[Problem]]:
    """Talks from a table's rows, each with its line (CSV) or row number (spreadsheet).

    The first non-empty row is the header. Every row is checked against the
    header's cell count: a row with more or fewer cells is a quote left open
    or a delimiter inside an unquoted cell, and is reported at its line.

    Without an ``order``, numeric dates are read in the order the date column
    shows (a ``25/05/2022`` anywhere in it means day first); when no cell
    shows it, day first (or month first without ``day_first``), and one
    warning names the first date that could be read either way.
    """
    problems: list[Problem] = []

    def problem(line: int, level: Level, message: str) -> None:
        problems.append(Problem(name, line, level, message))

    rows = list(rows)
    decided = order
    if order is None:
        order = "dmy" if day_first else "mdy"
        date_columns: list[int] = []
        for _, row in rows:
            if any(cell.strip() for cell in row):
                date_columns = [
                    i
                    for i, column in enumerate(row)
                    if (
                        dict(mapping or {}).get(normalise(column))
                        or ALIASES.get(normalise(column))
                    )
                    == "date"
                ]
                break
        inferred, evidence = infer_order(
            row[i] for _, row in rows for i in date_columns if i < len(row)
        )
        if inferred is not None:
            order = decided = inferred
        elif evidence:
            problem(
                rows[0][0] if rows else 1,
                Level.WARNING,
                f"the dates disagree on the order of day and month ({evidence}); "
                f"read as {order}: give --date-order",
            )
            decided = order
    ambiguous: list[tuple[int, str]] = []

    header: list[str] | None = None
    columns: list[str | None] = []
    records: list[TalkRecord] = []
    empty_rows: list[int] = []
    previous: dict[str, str] = {}
    fill = {normalise(f) for f in fill_down}
    mapping = dict(mapping or {})
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            if header is not None:
                empty_rows.append(line)
            continue
        if header is None:
            header = [" ".join(c.split()) for c in row]
            for column in header:
                key = normalise(column)
                target = mapping.get(key) or ALIASES.get(key)
                if target is None and column:
                    problem(
                        line,
                        Level.WARNING,
                        f"unknown column {column!r} left out; map it with --map '{column}=OPTION'",
                    )
                columns.append(target)
            if "date" not in columns:
                problem(line, Level.ERROR, "no date column; map one with --map 'COLUMN=date'")
                return [], problems
            continue
        last = len(row)
        while last > len(columns) and not row[last - 1].strip():
            last -= 1  # trailing empty cells, as spreadsheets write them
        if last != len(columns):
            extra = [c for c in row[len(columns) :] if c.strip()]
            problem(
                line,
                Level.WARNING,
                f"{where} {line} has {last} cells but the header has {len(columns)}"
                + (
                    f"; {len(extra)} cells past the last column left out"
                    if extra
                    else "; the missing cells are read as empty"
                )
                + " (a quote left open, or a delimiter in an unquoted cell?)",
            )
        values: dict[str, str] = {}
        sources: list[tuple[str, str, str | None]] = []
        for index, cell in enumerate(row):
            if not cell.strip():
                continue
            if index >= len(columns):
                sources.append((f"(cell {index + 1})", cell, None))
                continue
            target = columns[index]
            label = header[index] or f"(column {index + 1})"
            sources.append((label, cell, target))
            if target and target != "ignore":
                values[target] = (values[target] + "\n" + cell) if target in values else cell
        for target in fill:
            if not values.get(target) and previous.get(target):
                values[target] = previous[target]
        if not values.get("date") and previous.get("date"):
            problem(
                line,
                Level.ERROR,
                "row has no date (a merged cell? use --fill-down date); skipped",
            )
            continue
        record = build_record(
            values,
            path=name,
            line=line,
            problem=problem,
            timezone=timezone,
            series=series,
            order=order,
            ambiguous=ambiguous,
        )
        previous = {**previous, **values}
        if record is not None:
            for label, cell, target in sources:
                record.source(label, cell, target)
                if target is None and label.startswith("(cell"):
                    record.drop(label, "a cell past the header's last column")
                elif target is None:
                    record.drop(label, "unknown column; map it with --map COLUMN=OPTION")
            records.append(record)
    if decided is None:
        warn_ambiguous(problem, ambiguous, order)
    if header is None:
        problem(1, Level.ERROR, "no header row")
    if empty_rows:
        shown = ", ".join(str(n) for n in empty_rows[:10]) + (
            " ..." if len(empty_rows) > 10 else ""
        )
        problem(
            empty_rows[0],
            Level.WARNING,
            f"{len(empty_rows)} empty rows skipped ({where}s {shown})",
        )
    return records, problems


def warn_ambiguous(
    problem: Callable[[int, Level, str], None], ambiguous: list[tuple[int, str]], order: str
) -> None:
    """One warning per file for the dates that could be read either way, at the first."""
    if not ambiguous:
        return
    line, cell = ambiguous[0]
    problem(
        line,
        Level.WARNING,
        f"{len(ambiguous)} dates such as {cell!r} could be day/month or month/day and "
        f"were read as {'day first' if order == 'dmy' else 'month first'}; "
        f"give --date-order {'mdy' if order == 'dmy' else 'dmy'} if they are not",
    )
