"""iCalendar (.ics) feeds to talk records.

Real feeds are broken in the usual ways, and each way has a rule here: LF line
ends and blank lines are accepted; a line that continues the one above without
the leading space folding needs is joined back (and reported); a ``TZID``
without a ``VTIMEZONE`` is read as an IANA or Windows zone name when it is one
and otherwise as a floating time; floating times take ``X-WR-TIMEZONE`` or
``--timezone``; an event without ``DTSTART`` is skipped and reported; a UID
seen twice gets the date added to its id; HTML descriptions become text.
Parsing is done by :mod:`icalendar`; nothing in the feed is fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.parsing import InvalidValue, parse_timezone
from .record import Level, Problem, TalkRecord, one_line, stable_id
from .text import plain_text

_KNOWN_PROPERTIES = frozenset(
    """BEGIN END VERSION PRODID CALSCALE METHOD UID DTSTAMP DTSTART DTEND DURATION SUMMARY
    DESCRIPTION LOCATION URL ORGANIZER ATTENDEE CATEGORIES STATUS SEQUENCE CREATED
    LAST-MODIFIED RRULE RDATE EXDATE EXRULE RECURRENCE-ID TRANSP CLASS PRIORITY GEO CONTACT
    COMMENT ATTACH RELATED-TO RESOURCES TZID TZNAME TZOFFSETFROM TZOFFSETTO TZURL ACTION
    TRIGGER REPEAT CONFERENCE IMAGE COLOR NAME REFRESH-INTERVAL SOURCE REQUEST-STATUS
    FREEBUSY PERCENT-COMPLETE COMPLETED DUE""".split()
)
_CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]+)(;[^:]*)?:")
_SPEAKER_LINE = re.compile(
    r"^\s*(speakers?|presenters?|presented by|speaker\(s\))\s*[:\-\u2013]\s*(?P<names>.+)$",
    re.IGNORECASE,
)


def _logical_lines(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """Unfolded content lines with the number of their first physical line.

    Returns also the physical lines that continued a line without the leading
    space (joined back with a newline, which is what the author meant).
    """
    logical: list[tuple[int, str]] = []
    repaired: list[int] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not line.strip():
            continue
        if line[0] in " \t" and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + line[1:])
            continue
        match = _CONTENT_LINE.match(line)
        name = match.group(1).upper() if match else ""
        if logical and not (name in _KNOWN_PROPERTIES or name.startswith("X-")):
            start, previous = logical[-1]
            logical[-1] = (start, previous + "\\n" + line)
            repaired.append(number)
            continue
        logical.append((number, line))
    return logical, repaired


def _local(value: dt.datetime) -> str:
    fmt = "%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M"
    return value.strftime(fmt)


def _zone_name(value: dt.datetime, tzid: str | None) -> str | None:
    """The IANA name of an aware datetime's zone, when it has one."""
    key = getattr(value.tzinfo, "key", None)
    if isinstance(key, str):
        return key
    if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0) and not tzid:
        return "UTC"
    if tzid:
        try:
            ZoneInfo(tzid)
            return tzid
        except (ValueError, KeyError, OSError):
            return None
    return None


class _Clock:
    """Turns a feed's datetimes into the talk's local wall time and zone."""

    def __init__(self, default_zone: str | None) -> None:
        self.default_zone = default_zone

    def place(
        self, value: dt.datetime, tzid: str | None, zone: str | None
    ) -> tuple[dt.datetime, str | None, str | None]:
        """(wall time, zone name or None, a note) for a DTSTART/DTEND value."""
        if value.tzinfo is None:
            if tzid:
                note = (
                    f"time zone {tzid!r} is neither defined in the feed (VTIMEZONE) nor a known "
                    "zone name; "
                    + (
                        f"read as {self.default_zone}"
                        if self.default_zone
                        else "read as floating time"
                    )
                )
                return value, zone or self.default_zone, note
            if zone or self.default_zone:
                return value, zone or self.default_zone, None
            return (
                value,
                None,
                (
                    "floating time and no X-WR-TIMEZONE or --timezone; the site's time zone will apply"
                ),
            )
        name = _zone_name(value, tzid)
        if zone and name != zone:
            return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None), zone, None
        if name == "UTC" and self.default_zone:
            return (
                value.astimezone(ZoneInfo(self.default_zone)).replace(tzinfo=None),
                self.default_zone,
                None,
            )
        if name is None:
            # A zone only the feed defines: keep the exact offset.
            return value, None, None
        return value.replace(tzinfo=None), name, None


def _prop(event: Any, name: str) -> Any:
    value = event.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(event: Any, name: str) -> str:
    value = _prop(event, name)
    return "" if value is None else str(value)


def read_ics(
    path: Path | str,
    text: str,
    *,
    timezone: str | None = None,
    series: str = "",
    speaker_from: str = "description",
) -> tuple[list[TalkRecord], list[Problem]]:
    """The talks of one iCalendar file, and the problems met reading it."""
    import icalendar

    name = str(path)
    problems: list[Problem] = []

    def problem(line: int, level: Level, message: str) -> None:
        problems.append(Problem(name, line, level, message))

    logical, repaired = _logical_lines(text)
    for number in repaired:
        problem(
            number,
            Level.WARNING,
            "line continues the one above without the leading space; joined to it",
        )
    event_lines = [n for n, line in logical if line.strip().upper() == "BEGIN:VEVENT"]
    try:
        calendars = icalendar.Calendar.from_ical(
            "\r\n".join(line for _, line in logical) + "\r\n", multiple=True
        )
    except (ValueError, IndexError, KeyError) as error:
        problem(1, Level.ERROR, f"not an iCalendar file: {error}")
        return [], problems

    records: list[TalkRecord] = []
    seen: dict[str, tuple[int, str]] = {}
    index = 0
    for calendar in calendars:
        default_zone = None
        for candidate, origin in (
            (timezone, "--timezone"),
            (_text(calendar, "X-WR-TIMEZONE"), "X-WR-TIMEZONE"),
        ):
            if candidate:
                try:
                    default_zone = parse_timezone(candidate)
                    break
                except InvalidValue as error:
                    problem(1, Level.WARNING, f"{origin}: {error.message}")
        clock = _Clock(default_zone)
        for event in calendar.walk("VEVENT"):
            line = event_lines[index] if index < len(event_lines) else 0
            index += 1
            record = _event_record(event, name, line, clock, problem, speaker_from)
            if record is None:
                continue
            if series:
                record.options.setdefault("series", series)
            uid = _text(event, "UID").strip()
            key = uid or f"{record.options.get('date', '')[:10]}-{record.title}"
            if not uid:
                problem(
                    line, Level.WARNING, "event has no UID; its id is made from its date and title"
                )
            recurrence = _prop(event, "RECURRENCE-ID")
            if recurrence is not None:
                key = f"{key}-{record.options['date'][:10]}"
            talk_id = stable_id(key)
            if talk_id in seen:
                first_line, first_date = seen[talk_id]
                date = record.options["date"][:10]
                dated_id = stable_id(f"{key}-{date}")
                if date == first_date or dated_id in seen:
                    other = first_line if date == first_date else seen[dated_id][0]
                    problem(
                        line,
                        Level.ERROR,
                        f"duplicate of the event at line {other} (same UID and date); skipped",
                    )
                    continue
                talk_id = dated_id
                problem(
                    line,
                    Level.WARNING,
                    f"UID {uid!r} also used by the event at line {first_line}; imported as {talk_id!r}",
                )
            seen[talk_id] = (line, record.options["date"][:10])
            record.id = talk_id
            records.append(record)
    return records, problems


def _event_record(
    event: Any,
    name: str,
    line: int,
    clock: _Clock,
    problem: Any,
    speaker_from: str,
) -> TalkRecord | None:
    for prop_name, message in getattr(event, "errors", []) or []:
        problem(line, Level.WARNING, f"{prop_name}: {message}")
    start_prop = event.get("DTSTART")
    if isinstance(start_prop, list):
        problem(line, Level.WARNING, "event has several DTSTART; the first is used")
        start_prop = start_prop[0] if start_prop else None
    title = one_line(plain_text(_text(event, "SUMMARY")))
    label = f"event {title!r}" if title else "event"
    if start_prop is None:
        problem(line, Level.ERROR, f"{label} has no DTSTART; skipped")
        return None
    start = getattr(start_prop, "dt", None)
    if not isinstance(start, dt.date):
        problem(line, Level.ERROR, f"{label}: cannot read DTSTART {str(start_prop)!r}; skipped")
        return None
    options: dict[str, str] = {}
    tzid = start_prop.params.get("TZID") if hasattr(start_prop, "params") else None

    end_prop = _prop(event, "DTEND")
    end = getattr(end_prop, "dt", None) if end_prop is not None else None
    if end_prop is not None and not isinstance(end, dt.date):
        problem(line, Level.WARNING, f"{label}: cannot read DTEND {str(end_prop)!r}; left out")
        end = None
    duration_prop = _prop(event, "DURATION")
    duration = getattr(duration_prop, "dt", None) if duration_prop is not None else None

    if not isinstance(start, dt.datetime):  # a date: an all-day talk
        options["date"] = start.isoformat()
        last = None
        if isinstance(end, dt.date) and not isinstance(end, dt.datetime):
            last = end - dt.timedelta(days=1)
        elif isinstance(duration, dt.timedelta) and duration.days > 1:
            last = start + dt.timedelta(days=duration.days - 1)
        if last is not None and last > start:
            options["end"] = last.isoformat()
        elif last is not None and last < start:
            problem(line, Level.WARNING, f"{label}: DTEND is not after DTSTART; left out")
    else:
        wall, zone, note = clock.place(start, tzid, None)
        if note:
            problem(line, Level.WARNING, f"{label}: {note}")
        if wall.tzinfo is not None:
            options["date"] = wall.isoformat()
        else:
            options["date"] = _local(wall)
            if zone:
                options["timezone"] = zone
        if isinstance(end, dt.datetime):
            end_tzid = end_prop.params.get("TZID") if hasattr(end_prop, "params") else None
            end_wall, _zone, end_note = clock.place(end, end_tzid, zone)
            if end_note and end_note != note:
                problem(line, Level.WARNING, f"{label}: DTEND {end_note}")
            if end_wall.tzinfo is not None or wall.tzinfo is not None:
                end_aware = end_wall if end_wall.tzinfo else end_wall.replace(tzinfo=dt.UTC)
                options["end"] = end_aware.astimezone(wall.tzinfo or dt.UTC).isoformat()
            elif end_wall.date() == wall.date():
                options["end"] = _local(end_wall)[11:]
            else:
                options["end"] = _local(end_wall)
        elif isinstance(duration, dt.timedelta):
            minutes = int(duration.total_seconds() // 60)
            if minutes > 0:
                options["duration"] = f"{minutes}min"

    description = plain_text(_text(event, "DESCRIPTION"))
    speakers: list[str] = []
    if _text(event, "X-SPEAKER"):
        speakers.append(one_line(_text(event, "X-SPEAKER")))
    kept_lines = []
    for text_line in description.split("\n"):
        match = _SPEAKER_LINE.match(text_line)
        if match and speaker_from == "description" and not speakers:
            from .cells import split_people

            speakers.extend(split_people(match["names"]))
        else:
            kept_lines.append(text_line)
    description = "\n".join(kept_lines).strip()
    if speaker_from in ("organizer", "attendee"):
        props = event.get(speaker_from.upper())
        for prop in props if isinstance(props, list) else [props] if props is not None else []:
            cn = prop.params.get("CN") if hasattr(prop, "params") else None
            if cn:
                speakers.append(one_line(str(cn)))
    if speakers:
        options["speaker"] = "; ".join(dict.fromkeys(speakers))

    location = one_line(plain_text(_text(event, "LOCATION")))
    if re.match(r"https?://\S+$", location):
        options["online"] = location
    elif location:
        options["location"] = location
    conference = _text(event, "X-GOOGLE-CONFERENCE") or _text(event, "CONFERENCE")
    if conference and "online" not in options:
        options["online"] = one_line(conference)
    if _text(event, "URL"):
        options["url"] = one_line(_text(event, "URL"))
    categories = event.get("CATEGORIES")
    words: list[str] = []
    for item in (
        categories
        if isinstance(categories, list)
        else [categories]
        if categories is not None
        else []
    ):
        words.extend(str(c) for c in getattr(item, "cats", [item]))
    if words:
        options["tags"] = ", ".join(
            dict.fromkeys(one_line(w).replace(",", " ") for w in words if str(w).strip())
        )
    status = _text(event, "STATUS").upper()
    if status == "CANCELLED":
        options["status"] = "cancelled"
    if event.get("RRULE") is not None:
        problem(
            line, Level.WARNING, f"{label} repeats (RRULE); only its first occurrence is imported"
        )
    return TalkRecord(
        id="",
        title=title,
        options=options,
        abstract=description,
        path=name,
        line=line,
    )
