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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.parsing import InvalidValue, parse_timezone
from .cells import YEARS
from .record import Level, Problem, TalkRecord, guarded, one_line, stable_id
from .speakers import SpeakerRules
from .text import plain_text

_KNOWN_PROPERTIES = frozenset(
    """BEGIN END VERSION PRODID CALSCALE METHOD UID DTSTAMP DTSTART DTEND DURATION SUMMARY
    DESCRIPTION LOCATION URL ORGANIZER ATTENDEE CATEGORIES STATUS SEQUENCE CREATED
    LAST-MODIFIED RRULE RDATE EXDATE EXRULE RECURRENCE-ID TRANSP CLASS PRIORITY GEO CONTACT
    COMMENT ATTACH RELATED-TO RESOURCES TZID TZNAME TZOFFSETFROM TZOFFSETTO TZURL ACTION
    TRIGGER REPEAT CONFERENCE IMAGE COLOR NAME REFRESH-INTERVAL SOURCE REQUEST-STATUS
    FREEBUSY PERCENT-COMPLETE COMPLETED DUE""".split()
)
_CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]{1,64})(;[^:]*)?:")


def _logical_lines(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """Unfolded content lines with the number of their first physical line.

    Returns also the physical lines that continued a line without the leading
    space (joined back with a newline, which is what the author meant). Each
    physical line is looked at once and each logical line joined once, so a
    description folded over a million lines costs no more than reading it.
    """
    numbers: list[int] = []
    pieces: list[list[str]] = []
    repaired: list[int] = []
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(physical, 1):
        if not line.strip():
            continue
        if line[0] in " \t" and pieces:
            pieces[-1].append(line[1:])
            continue
        match = _CONTENT_LINE.match(line)
        name = match.group(1).upper() if match else ""
        if pieces and not (name in _KNOWN_PROPERTIES or name.startswith("X-")):
            pieces[-1].append("\\n" + line)
            repaired.append(number)
            continue
        numbers.append(number)
        pieces.append([line])
    return [(n, "".join(p)) for n, p in zip(numbers, pieces, strict=True)], repaired


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


@dataclass(slots=True)
class _Block:
    """A component's content lines as they stand in the feed, with its first line."""

    name: str
    line: int
    lines: list[str] = field(default_factory=list)
    complete: bool = False


@dataclass(slots=True)
class _Feed:
    """One VCALENDAR: its own properties, time zones and events."""

    line: int
    header: list[str] = field(default_factory=list)
    timezones: list[_Block] = field(default_factory=list)
    events: list[_Block] = field(default_factory=list)
    others: Counter[str] = field(default_factory=Counter)
    complete: bool = False


def _split_feed(logical: list[tuple[int, str]], problem: Any) -> list[_Feed]:
    """The feed's calendars and their components, from its content lines.

    Done here rather than by icalendar so that one broken event is one
    skipped event (each is parsed on its own), and so that a feed cut short
    keeps the events it holds whole.
    """
    feeds: list[_Feed] = []
    feed: _Feed | None = None
    block: _Block | None = None
    depth = 0  # components open inside the current block
    outside = 0
    for number, line in logical:
        upper = line[:64].strip().upper()
        if feed is None:
            if upper == "BEGIN:VCALENDAR":
                feed = _Feed(number)
                feeds.append(feed)
            else:
                outside += 1
                if outside == 1:
                    problem(number, Level.WARNING, "line outside BEGIN:VCALENDAR; left out")
            continue
        if block is not None:
            block.lines.append(line)
            if upper.startswith("BEGIN:"):
                if upper == "BEGIN:VEVENT" and block.name == "VEVENT":
                    # An event that never ended: the next one starts here.
                    block.lines.pop()
                    problem(block.line, Level.ERROR, "event has no END:VEVENT; dropped")
                    block = _Block("VEVENT", number, [line])
                    feed.events.append(block)
                    continue
                depth += 1
            elif upper.startswith("END:"):
                if depth:
                    depth -= 1
                elif upper == f"END:{block.name}":
                    block.complete = True
                    block = None
                elif upper == "END:VCALENDAR":
                    block.lines.pop()
                    problem(block.line, Level.ERROR, f"{block.name} has no END; dropped")
                    block = None
                    feed.complete = True
                    feed = None
            continue
        if upper == "END:VCALENDAR":
            feed.complete = True
            feed = None
        elif upper.startswith("BEGIN:"):
            name = upper[6:].strip()
            block = _Block(name, number, [line])
            depth = 0
            if name == "VEVENT":
                feed.events.append(block)
            elif name == "VTIMEZONE":
                feed.timezones.append(block)
            else:
                feed.others[name] += 1
        elif upper.startswith("END:"):
            problem(number, Level.WARNING, f"{line[:40]!r} closes nothing; left out")
        else:
            feed.header.append(line)
    if block is not None and block.name == "VEVENT":
        problem(
            block.line,
            Level.ERROR,
            "event cut short: the feed ends before its END:VEVENT; dropped",
        )
    if feed is not None:
        last = logical[-1][0] if logical else 1
        problem(
            last,
            Level.WARNING,
            "the feed ends without END:VCALENDAR (a download cut short?): "
            "its complete events are imported, anything after them is missing",
        )
    if not feeds:
        problem(1, Level.ERROR, "not an iCalendar file: no BEGIN:VCALENDAR")
    return feeds


def _parse(lines: list[str]) -> Any:
    import icalendar

    return icalendar.Component.from_ical("\r\n".join(lines) + "\r\n")


#: A TZID parameter too long to name any zone (IANA names are under 40 characters).
_LONG_TZID = re.compile(r";TZID=(?:\"[^\"]{65,}\"|[^;:\"]{65,})", re.IGNORECASE)


#: Text values longer than this are set aside while icalendar parses the event
#: (its content-line parser walks a value character by character, several times)
#: and unescaped here in one pass.
LONG_VALUE = 4096
_TEXT_PROPERTIES = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT"})
_ESCAPE = re.compile(r"\\([\\;,nN])")


def _unescape(value: str) -> str:
    """RFC 5545 TEXT unescaping: ``\\n`` newline, ``\\,`` ``\\;`` ``\\\\``."""
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def _parse_event(block: _Block, problem: Any) -> Any:
    """One VEVENT; a TZID too long to be a zone is dropped (floating time) with a warning."""
    import icalendar

    lines = block.lines
    if any(";TZID=" in line[:200].upper() and _LONG_TZID.search(line[:2000]) for line in lines):
        problem(
            block.line,
            Level.WARNING,
            "a TZID longer than any time zone name is not read; the time is read as floating",
        )
        lines = [_LONG_TZID.sub("", line, count=1) for line in lines]
    long_values: dict[str, str] = {}
    if any(len(line) > LONG_VALUE for line in lines):
        kept = []
        for line in lines:
            head = _NAME_AND_PARAMS.match(line, 0, 2000) if len(line) > LONG_VALUE else None
            name = line[: head.end() - 1].split(";", 1)[0].upper() if head else ""
            if head and (name in _TEXT_PROPERTIES or name.startswith("X-")):
                long_values.setdefault(name, line[head.end() :])
                line = f"{name}:"
            kept.append(line)
        lines = kept
    event = _parse(lines)
    for name, value in long_values.items():
        event[name] = icalendar.vText(_unescape(value))
    return event


#: Occurrences of recurring events imported at most, over a whole feed.
MAX_OCCURRENCES = 20_000
#: How far an endless rule (no UNTIL or COUNT) is expanded when the feed names
#: no later date and no ``--until`` is given.
ENDLESS = dt.timedelta(days=366)


@dataclass(slots=True)
class Window:
    """The ``--from``/``--until`` dates (inclusive), either open."""

    start: dt.date | None = None
    until: dt.date | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (
            self.until is None or day <= self.until
        )


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _checked_start(event: Any, label: str) -> dt.date:
    """The event's start, or :class:`ValueError` saying why it cannot be a talk."""
    prop = event.get("DTSTART")
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    if prop is None:
        raise ValueError(f"{label} has no DTSTART")
    try:
        start = prop.dt
    except (ValueError, AttributeError, TypeError):
        raise ValueError(f"{label}: cannot read DTSTART {_raw(prop)[:80]!r}") from None
    day = _day(start)
    if day is None:
        raise ValueError(f"{label}: cannot read DTSTART {_raw(prop)[:80]!r}")
    if day.year not in YEARS:
        raise ValueError(
            f"{label}: DTSTART year {day.year} is outside {YEARS.start}–{YEARS.stop - 1}"
        )
    for name in ("DTEND", "DURATION"):
        other = event.get(name)
        if other is None:
            continue
        try:
            value = other.dt
            end = start + value if isinstance(value, dt.timedelta) else value
        except (ValueError, AttributeError, TypeError, OverflowError):
            event.errors.append((name, f"cannot read {_raw(other)[:80]!r}"))
            del event[name]
            continue
        end_day = _day(end)
        if end_day is None or end_day.year not in YEARS:
            event.errors.append((name, f"{_raw(other)[:80]!r} ends outside the calendar"))
            del event[name]
    return day


def _raw(value: Any) -> str:
    """A property's value as the feed wrote it."""
    if isinstance(value, list):
        return ", ".join(_raw(v) for v in value)
    try:
        data = value.to_ical()
    except Exception:
        return str(value)
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)


@guarded
def read_ics(
    path: Path | str,
    text: str,
    *,
    timezone: str | None = None,
    series: str = "",
    speaker_from: str = "description",
    speaker_pattern: str | re.Pattern[str] | None = None,
    window: Window | None = None,
) -> tuple[list[TalkRecord], list[Problem]]:
    """The talks of one iCalendar file, and the problems met reading it."""
    import icalendar

    name = str(path)
    problems: list[Problem] = []
    window = window or Window()
    pattern = re.compile(speaker_pattern) if isinstance(speaker_pattern, str) else speaker_pattern

    def problem(line: int, level: Level, message: str) -> None:
        problems.append(Problem(name, line, level, message))

    logical, repaired = _logical_lines(text)
    for number in repaired:
        problem(
            number,
            Level.WARNING,
            "line continues the one above without the leading space; joined to it",
        )
    records: list[TalkRecord] = []
    seen: dict[str, tuple[int, str]] = {}
    feeds = _split_feed(logical, problem)
    del logical  # the blocks hold the lines now: a large feed is not kept twice
    for feed in feeds:
        zone_lines = [line for block in feed.timezones if block.complete for line in block.lines]
        try:  # the feed's own zones first, so that events can name them
            calendar = _parse(["BEGIN:VCALENDAR", *feed.header, *zone_lines, "END:VCALENDAR"])
        except Exception:
            try:
                calendar = _parse(["BEGIN:VCALENDAR", *feed.header, "END:VCALENDAR"])
            except Exception as error:
                problem(feed.line, Level.WARNING, f"calendar properties unreadable: {error}")
                calendar = icalendar.Calendar()
            for block in feed.timezones:
                try:
                    calendar.add_component(_parse(block.lines))
                except Exception as error:
                    problem(block.line, Level.WARNING, f"VTIMEZONE unreadable, left out: {error}")
        for other, count in sorted(feed.others.items()):
            problem(
                feed.line,
                Level.WARNING,
                f"{count} {other} component(s) are not talks; left out",
            )
        default_zone = None
        for candidate, origin in (
            (timezone, "--timezone"),
            (_text(calendar, "X-WR-TIMEZONE"), "X-WR-TIMEZONE"),
        ):
            if candidate:
                try:
                    default_zone = parse_timezone(candidate[:100])
                    break
                except InvalidValue as error:
                    problem(feed.line, Level.WARNING, f"{origin}: {error.message[:200]}")
        clock = _Clock(default_zone)
        reader = _EventReader(name, clock, problem, speaker_from, pattern)

        blocks = {block.line: block for block in feed.events}

        def take(
            line: int,
            event: Any,
            occurrence_key: str | None,
            reader: _EventReader = reader,
            blocks: dict[int, _Block] = blocks,
        ) -> None:
            """One event or occurrence to a record with a unique id."""
            try:
                record = reader.record(event, line, blocks[line].lines)
            except Exception as error:
                message = " ".join(str(error).split())[:300] or type(error).__name__
                problem(line, Level.ERROR, f"{message}; event skipped")
                return
            if record is None:
                return
            if not window.holds(dt.date.fromisoformat(record.options["date"][:10])):
                return
            if series:
                record.options.setdefault("series", series)
            uid = _text(event, "UID").strip()[:500]
            key = uid or f"{record.options.get('date', '')[:10]}-{record.title}"
            if not uid:
                problem(
                    line, Level.WARNING, "event has no UID; its id is made from its date and title"
                )
            if occurrence_key is not None:
                key = f"{key}-{occurrence_key}"
            elif event.get("RECURRENCE-ID") is not None:
                key = f"{key}-{record.options['date'][:10]}"
            talk_id = stable_id(key)
            if talk_id in seen:
                first_line, first_date = seen[talk_id]
                date = record.options["date"][:10]
                dated_id = stable_id(f"{key}-{date}")
                if date == first_date or dated_id in seen:
                    other_line = first_line if date == first_date else seen[dated_id][0]
                    problem(
                        line,
                        Level.ERROR,
                        f"duplicate of the event at line {other_line} (same UID and date); skipped",
                    )
                    return
                talk_id = dated_id
                problem(
                    line,
                    Level.WARNING,
                    f"UID {uid!r} also used by the event at line {first_line}; imported as {talk_id!r}",
                )
            seen[talk_id] = (line, record.options["date"][:10])
            record.id = talk_id
            records.append(record)

        # Events that do not repeat become talks as they are read (nothing of
        # them is kept but the record); repeating ones wait for their overrides.
        single_days: list[dt.date] = []
        groups: dict[str, list[tuple[int, Any]]] = {}
        for block in feed.events:
            if not block.complete:
                continue
            try:
                event = _parse_event(block, problem)
                label = _label(event)
                day = _checked_start(event, label)
            except Exception as error:
                message = " ".join(str(error).split())[:300] or type(error).__name__
                problem(block.line, Level.ERROR, f"{message}; event skipped")
                continue
            if event.get("RRULE") is not None or event.get("RDATE") is not None:
                groups.setdefault(_text(event, "UID").strip(), []).insert(0, (block.line, event))
            elif event.get("RECURRENCE-ID") is not None:
                groups.setdefault(_text(event, "UID").strip(), []).append((block.line, event))
            else:
                single_days.append(day)
                take(block.line, event, None)
                block.lines = []  # done with: its record holds what the report needs
        masters = {uid for uid, members in groups.items() if members and _is_master(members[0][1])}
        for uid in [u for u in groups if u not in masters]:
            for line, event in sorted(groups.pop(uid), key=lambda item: item[0]):
                take(line, event, None)  # an override whose series is not in the feed
        if groups:
            for line, event, occurrence_key in _expand(groups, single_days, window, problem):
                take(line, event, occurrence_key)
    return records, problems


def _is_master(event: Any) -> bool:
    return event.get("RRULE") is not None or event.get("RDATE") is not None


def _label(event: Any) -> str:
    title = one_line(_text(event, "SUMMARY"))[:80]
    return f"event {title!r}" if title else "event"


def _feed_range(
    groups: dict[str, list[tuple[int, Any]]], single_days: list[dt.date]
) -> tuple[dt.date | None, dt.date | None, bool]:
    """The dates the feed itself names: first start, last date; and whether a rule is endless."""
    days: list[dt.date] = list(single_days)
    endless = False
    for _, event in (m for members in groups.values() for m in members):
        day = _day(getattr(_prop(event, "DTSTART"), "dt", None))
        if day is not None:
            days.append(day)
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            until = rule.get("UNTIL") if hasattr(rule, "get") else None
            for value in until or []:
                if (found := _day(value)) is not None and found.year in YEARS:
                    days.append(found)
            if not until and not (rule.get("COUNT") if hasattr(rule, "get") else None):
                endless = True
        rdates = event.get("RDATE")
        for prop in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
            for period in getattr(prop, "dts", []):
                value = getattr(period, "dt", None)
                value = value[0] if isinstance(value, tuple) else value
                if (found := _day(value)) is not None and found.year in YEARS:
                    days.append(found)
    if not days:
        return None, None, endless
    return min(days), max(days), endless


def _expand(
    groups: dict[str, list[tuple[int, Any]]],
    single_days: list[dt.date],
    window: Window,
    problem: Any,
) -> list[tuple[int, Any, str]]:
    """Each occurrence of each recurring event within the window, with its key.

    RRULE, RDATE, EXDATE and RECURRENCE-ID overrides are read by
    :mod:`recurring_ical_events`. An occurrence's key is its original date
    (its RECURRENCE-ID), so an override that moves a talk keeps its id.
    """
    import icalendar
    import recurring_ical_events

    first, last, endless = _feed_range(groups, single_days)
    if first is None or last is None:
        return []
    start = window.start or first
    until = window.until or (max(last, first + ENDLESS) if endless else last)
    if endless and window.until is None:
        problem(
            min(line for members in groups.values() for line, _ in members),
            Level.WARNING,
            f"a rule repeats without end; occurrences imported up to {until.isoformat()} "
            "(give --until to import more)",
        )
    found: list[tuple[int, Any, str]] = []
    total = 0
    for members in groups.values():
        master_line = members[0][0]
        override_lines = {}
        override_events = {}
        for line, event in members[1:]:
            day = _day(getattr(event.get("RECURRENCE-ID"), "dt", None))
            override_lines[day] = line
            override_events[day] = event
        calendar = icalendar.Calendar()
        for _, event in members:
            calendar.add_component(event)
        occurrences: list[tuple[int, Any, str]] = []
        try:
            for occurrence in recurring_ical_events.of(calendar).after(start):
                begin = _day(getattr(occurrence.get("DTSTART"), "dt", None))
                if begin is None or begin > until:
                    break
                if total >= MAX_OCCURRENCES:
                    problem(
                        master_line,
                        Level.WARNING,
                        f"more than {MAX_OCCURRENCES} occurrences; the rest are left out "
                        "(narrow the dates with --from and --until)",
                    )
                    break
                total += 1
                recurrence = getattr(occurrence.get("RECURRENCE-ID"), "dt", None)
                original = recurrence if recurrence is not None else occurrence["DTSTART"].dt
                line = override_lines.get(_day(original), master_line)
                written = override_events.get(_day(original), members[0][1])
                if written.get("DTEND") is None and written.get("DURATION") is None:
                    # No end in the feed: the occurrence's DTEND is the library's filler.
                    occurrence.pop("DTEND", None)
                occurrences.append((line, occurrence, _occurrence_key(original)))
        except Exception as error:
            message = " ".join(str(error).split())[:300] or type(error).__name__
            problem(master_line, Level.ERROR, f"cannot expand its repetitions: {message}; skipped")
            continue
        keys = Counter(key for _, _, key in occurrences)
        for index, (line, occurrence, day_key) in enumerate(occurrences):
            if keys[day_key] > 1:  # several on one day: the time tells them apart
                original = getattr(occurrence.get("RECURRENCE-ID"), "dt", None)
                occurrences[index] = (line, occurrence, _occurrence_key(original, with_time=True))
        found += occurrences
    return found


def _occurrence_key(value: Any, with_time: bool = False) -> str:
    if isinstance(value, dt.datetime) and with_time:
        return value.strftime("%Y-%m-%dT%H%M")
    day = _day(value)
    return day.isoformat() if day is not None else "occurrence"


#: Properties that describe the calendar entry, not the talk.
_BOOKKEEPING = frozenset(
    """BEGIN END DTSTAMP CREATED LAST-MODIFIED SEQUENCE TRANSP CLASS PRIORITY X-ALT-DESC
    X-MICROSOFT-CDO-BUSYSTATUS X-MICROSOFT-CDO-IMPORTANCE X-MICROSOFT-DISALLOW-COUNTER
    X-MICROSOFT-CDO-INTENDEDSTATUS X-MICROSOFT-CDO-ALLDAYEVENT X-APPLE-TRAVEL-ADVISORY-BEHAVIOR
    X-LIC-ERROR X-MOZ-GENERATION X-MOZ-LASTACK X-GOOGLE-CALENDAR-CONTENT-DISPLAY""".split()
)
#: Where each property of an event goes (``speaker`` ones depend on --speaker-from).
_TARGETS = {
    "SUMMARY": "title",
    "DESCRIPTION": "abstract",
    "DTSTART": "date",
    "DTEND": "end",
    "DURATION": "duration",
    "URL": "url",
    "CATEGORIES": "tags",
    "UID": "id",
    "X-SPEAKER": "speaker",
    "X-GOOGLE-CONFERENCE": "online",
    "CONFERENCE": "online",
    "RRULE": "date",
    "RDATE": "date",
    "EXDATE": "date",
    "RECURRENCE-ID": "date",
}


class _EventReader:
    """Turns one parsed VEVENT (or one occurrence of it) into a talk record."""

    def __init__(
        self,
        name: str,
        clock: _Clock,
        problem: Any,
        speaker_from: str,
        pattern: re.Pattern[str] | None,
    ) -> None:
        self.name = name
        self.clock = clock
        self.problem = problem
        self.speaker_from = speaker_from
        self.rules = SpeakerRules(pattern, use_text=speaker_from == "description")

    def record(self, event: Any, line: int, raw: list[str]) -> TalkRecord | None:
        problem = self.problem
        record = _event_record(event, self.name, line, self.clock, problem)
        if record is None:
            return None
        options = record.options
        speakers: list[str] = []
        if _text(event, "X-SPEAKER"):
            speakers.append(one_line(_text(event, "X-SPEAKER")))
        if self.speaker_from in ("organizer", "attendee"):
            props = event.get(self.speaker_from.upper())
            for prop in props if isinstance(props, list) else [props] if props is not None else []:
                cn = prop.params.get("CN") if hasattr(prop, "params") else None
                if cn:
                    speakers.append(one_line(str(cn)))
        found = self.rules.apply(record.title, record.abstract, have_speaker=bool(speakers))
        record.title, record.abstract = found.title, found.description
        if found.speakers and not speakers:
            speakers = found.speakers
            record.rules.append(f"speaker by {found.rule}")
            for note in found.notes:
                problem(line, Level.WARNING, note)
        if found.series:
            options["series"] = found.series
            record.rules.append(f"series by {found.series_rule}")
        if speakers:
            options["speaker"] = "; ".join(dict.fromkeys(speakers))
        self._sources(raw, record, found.series_rule)
        return record

    def _sources(self, raw: list[str], record: TalkRecord, series_rule: str) -> None:
        """Every property of the event as the feed wrote it, and the option it fed."""
        for key, value in _raw_properties(raw):
            if key in _BOOKKEEPING or key.startswith("BEGIN:"):
                record.source(key, value, "ignore")
                continue
            target: str | None = _TARGETS.get(key)
            if key == "LOCATION":
                target = (
                    "online"
                    if "online" in record.options and "location" not in record.options
                    else "location"
                )
            elif key == "STATUS":
                target = "status" if "status" in record.options else "ignore"
            elif key in ("ORGANIZER", "ATTENDEE"):
                target = "speaker" if self.speaker_from == key.lower() else None
                if target is None:
                    record.drop(
                        key, "not a talk field; --speaker-from organizer/attendee reads it"
                    )
            elif key == "DESCRIPTION" and not record.abstract:
                # The description held only a speaker or series line.
                target = (
                    "speaker" if "speaker" in record.options else "series" if series_rule else None
                )
            elif target is None and key.startswith("X-WR-"):
                target = "ignore"
            if key == "DTEND" and "end" not in record.options and "duration" in record.options:
                target = "duration"
            record.source(key, value, target)


#: The name and parameters of a content line, up to the colon that starts its value
#: (a colon inside a quoted parameter value does not count).
_NAME_AND_PARAMS = re.compile(r'[^:"]*(?:"[^"]*"[^:"]*)*:')


def _raw_properties(lines: list[str]) -> list[tuple[str, str]]:
    """(NAME, value) of each property of a VEVENT's own lines; a sub-component once."""
    found: list[tuple[str, str]] = []
    depth = 0
    for line in lines[1:-1]:
        upper = line[:64].upper()
        if upper.startswith("BEGIN:"):
            if depth == 0:
                found.append((upper.strip(), upper[6:].strip() + " component"))
            depth += 1
            continue
        if upper.startswith("END:"):
            depth = max(depth - 1, 0)
            continue
        if depth:
            continue
        head = _NAME_AND_PARAMS.match(line, 0, 2000)
        cut = head.end() if head else line.find(":") + 1
        name = line[: max(cut - 1, 0)].split(";", 1)[0].strip().upper()
        found.append((name or line[:20], line[cut:] if cut else ""))
    return found


def _event_record(
    event: Any,
    name: str,
    line: int,
    clock: _Clock,
    problem: Any,
) -> TalkRecord | None:
    for prop_name, message in getattr(event, "errors", []) or []:
        problem(line, Level.WARNING, f"{prop_name}: {' '.join(str(message).split())[:300]}")
    start_prop = event.get("DTSTART")
    if isinstance(start_prop, list):
        problem(line, Level.WARNING, "event has several DTSTART; the first is used")
        start_prop = start_prop[0] if start_prop else None
    title = one_line(plain_text(_text(event, "SUMMARY")))
    label = f"event {title[:80]!r}" if title else "event"
    if start_prop is None:
        problem(line, Level.ERROR, f"{label} has no DTSTART; skipped")
        return None
    start = getattr(start_prop, "dt", None)
    if not isinstance(start, dt.date):
        problem(
            line, Level.ERROR, f"{label}: cannot read DTSTART {_raw(start_prop)[:80]!r}; skipped"
        )
        return None
    options: dict[str, str] = {}
    tzid = start_prop.params.get("TZID") if hasattr(start_prop, "params") else None
    tzid = str(tzid)[:100] if tzid else None

    end_prop = _prop(event, "DTEND")
    end = getattr(end_prop, "dt", None) if end_prop is not None else None
    if end_prop is not None and not isinstance(end, dt.date):
        problem(
            line, Level.WARNING, f"{label}: cannot read DTEND {_raw(end_prop)[:80]!r}; left out"
        )
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
            end_tzid = str(end_tzid)[:100] if end_tzid else None
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
    return TalkRecord(
        id="",
        title=title,
        options=options,
        abstract=description,
        path=name,
        line=line,
    )
