"""Tolerant readers for what people type in spreadsheet cells.

"11am", "4:00 pm", "14h30", "April 4, 2022 @ 4:00 pm - 5:00 pm", "25/05/2022",
"Wednesday, 25 May 2022": dates and times are read by the one reader the
directive and front matter use (:mod:`..datetimes`); this module adds what
only a table needs (a time range in its own cell, the day/month order a whole
column shows) and the split of a presenters cell. Each reader returns a value
or raises :class:`ValueError` with a message that quotes the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..core.datetimes import MAX_LENGTH, YEARS, DateTimeError, Reading, read_span, read_time

__all__ = [
    "MAX_LENGTH",
    "YEARS",
    "infer_order",
    "parse_time",
    "parse_time_range",
    "parse_when",
    "read_when",
    "split_people",
]

_RANGE = re.compile(r"\s{0,3}(?:-|\u2013|\u2014|\bto\b|\buntil\b)\s{0,3}", re.IGNORECASE)
_AMPM = re.compile(r"([ap])\.?m\.?$", re.IGNORECASE)


def parse_time(cell: str, default_ampm: str = "") -> dt.time:
    """A time of day: "11am", "4:00 pm", "16:00", "14h30", "14.30", "noon"."""
    text = cell.strip()
    return read_time(f"{text} {default_ampm}" if default_ampm else text)


def parse_time_range(cell: str) -> tuple[dt.time, dt.time | None]:
    """ "4:00 pm - 5:00 pm", "4-5pm", "14:00" → (start, end or None)."""
    text = cell.strip()
    if len(text) > MAX_LENGTH:
        raise DateTimeError(f"time of {len(text)} characters is too long", "'16:00'")
    parts = [p for p in _RANGE.split(text, maxsplit=1) if p.strip()]
    if len(parts) == 1:
        return parse_time(parts[0]), None
    end = parse_time(parts[1])
    end_ampm = _AMPM.search(parts[1].strip())
    if end_ampm and not _AMPM.search(parts[0].strip()):
        # "4-5pm": the start shares the end's am/pm unless that puts it after the end.
        try:
            shared = parse_time(parts[0], end_ampm.group(1).lower() + "m")
        except ValueError:
            shared = None
        if shared is not None and shared < end:
            return shared, end
    return parse_time(parts[0]), end


def read_when(cell: str, *, order: str = "dmy") -> Reading:
    """A cell holding a date and maybe a time or a time range, as :func:`..datetimes.read_span`."""
    return read_span(cell, order=order)


def parse_when(
    cell: str, *, day_first: bool = True, order: str | None = None
) -> tuple[dt.date, dt.time | None, dt.time | None]:
    """(date, start time or None, end time or None) of a date cell.

    "2022-04-04 16:00", "April 4, 2022 @ 4:00 pm - 5:00 pm", "25/05/2022 14:00".
    """
    reading = read_when(cell, order=order or ("dmy" if day_first else "mdy"))
    start = None if reading.all_day else reading.value.timetz()
    end = reading.end.timetz() if reading.end is not None else None
    return reading.value.date(), start, end


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)")


def infer_order(cells: Iterable[str]) -> tuple[str | None, str]:
    """The day/month order a column's numeric dates show, and the cell that shows it.

    ``25/05/2022`` can only be day first and ``05/25/2022`` only month first; a
    column holding only dates like ``05/04/2022`` shows nothing (``None``), and
    one holding both shows nothing either (the cell of each is returned).
    """
    day_first = month_first = ""
    for cell in cells:
        match = _NUMERIC_DATE.search(cell[:MAX_LENGTH])
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second and not day_first:
            day_first = cell.strip()
        elif second > 12 >= first and not month_first:
            month_first = cell.strip()
        if day_first and month_first:
            return None, f"{day_first!r} is day first but {month_first!r} month first"
    if day_first:
        return "dmy", day_first
    if month_first:
        return "mdy", month_first
    return None, ""


#: What joins presenters in one cell. No part of it can match the empty
#: string or overlap another, so a search never backtracks over a run of
#: spaces: every cell is read in time linear in its length.
_PEOPLE_SPLIT = re.compile(r";|&|\n|\band\b|(?<=\s)/(?=\s)", re.IGNORECASE)


def split_people(
    cell: str, problems: list[str] | None = None, option: str = "speaker"
) -> list[str]:
    """Presenters in one cell, read as the build reads ``:speaker:``.

    "A; B", "A & B", "A and B", "A, B, and C", one per line or "A / B"
    (parentheses respected); "Name, Affiliation" and "Name - Affiliation"
    become "Name (Affiliation)". Each reading the build would warn about is
    appended to ``problems`` (a message saying what to write).
    """
    from ..core.parsing import read_people

    text = cell.strip()
    # Separators outside parentheses stand for ";", except "and"/"&" after a
    # comma ("A, B, and C"), left to the reader. One pass: depth of
    # parentheses and the last non-space character before each position.
    depth_at: list[int] = []
    before: list[str] = []
    depth = 0
    last = ""
    for char in text:
        depth_at.append(depth)
        before.append(last)
        if char == "(":
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
        if not char.isspace():
            last = char
    parts: list[str] = []
    begin = 0
    for match in _PEOPLE_SPLIT.finditer(text):
        joiner = match.group().lower() in ("and", "&")
        if depth_at[match.start()] == 0 and not (joiner and before[match.start()] == ","):
            parts.append(text[begin : match.start()])
            begin = match.end()
    parts.append(text[begin:])
    joined = "; ".join(" ".join(p.split()) for p in parts if p.strip())
    people, found = read_people(joined, option, affiliations=option == "speaker")
    if problems is not None:
        problems.extend(problem.message for problem in found)
    return [p for p in people if p]
