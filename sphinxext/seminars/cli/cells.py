"""Tolerant readers for what people type in spreadsheet cells.

"11am", "4:00 pm", "14h30", "April 4, 2022 @ 4:00 pm - 5:00 pm", "25/05/2022",
"Wednesday, 25 May 2022": each reader returns a value or raises
:class:`ValueError` with a message that quotes the cell.
"""

from __future__ import annotations

import datetime as dt
import re

#: Longest cell read as a date or time. Real cells are under 60 characters
#: ("Wednesday, 25 September 2022 @ 4:00 pm - 5:30 pm"); a longer one is
#: refused at once, so no reading costs more than a constant per cell.
MAX_WHEN = 120
#: Years a talk may have (the directive's own range).
YEARS = range(1000, 9000)


def _bounded(cell: str, what: str) -> str:
    text = cell.strip()
    if len(text) > MAX_WHEN:
        raise ValueError(
            f"cannot read {what} from a cell of {len(text)} characters; "
            "write a date such as '2022-05-25 14:00'"
        )
    return text


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "gennaio", "janvier", "januar", "enero"),
            ("february", "feb", "febbraio", "février", "fevrier", "februar", "febrero"),
            ("march", "mar", "marzo", "mars", "märz", "marz"),
            ("april", "apr", "aprile", "avril", "abril"),
            ("may", "maggio", "mai", "mayo"),
            ("june", "jun", "giugno", "juin", "juni", "junio"),
            ("july", "jul", "luglio", "juillet", "juli", "julio"),
            ("august", "aug", "agosto", "août", "aout"),
            ("september", "sep", "sept", "settembre", "septembre", "septiembre"),
            ("october", "oct", "ottobre", "octobre", "oktober", "octubre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "dicembre", "décembre", "decembre", "dezember", "diciembre"),
        ),
        1,
    )
    for name in names
}
_WEEKDAY = re.compile(
    r"^(mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|gio|ven|sab|dom)[a-zàèéìòù]*\.?,?\s+",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"^(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|\bto\b|\buntil\b)\s*", re.IGNORECASE)


def parse_time(cell: str, default_ampm: str = "") -> dt.time:
    """A time of day: "11am", "4:00 pm", "16:00", "14h30", "14.30", "noon"."""
    text = _bounded(cell, "a time").lower()
    if text in ("noon", "midday"):
        return dt.time(12)
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"cannot read time {cell.strip()!r}; write '14:00' or '2 pm'")
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or default_ampm).replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"cannot read time {cell.strip()!r}: hour {hour} with {ampm}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"cannot read time {cell.strip()!r}")
    return dt.time(hour, minute, int(match["s"] or 0))


def parse_time_range(cell: str) -> tuple[dt.time, dt.time | None]:
    """ "4:00 pm - 5:00 pm", "4-5pm", "14:00" → (start, end or None)."""
    parts = [p for p in _RANGE.split(_bounded(cell, "a time"), maxsplit=1) if p.strip()]
    if len(parts) == 1:
        return parse_time(parts[0]), None
    end_text = parts[1].strip()
    end_ampm = re.search(r"(a\.?m\.?|p\.?m\.?)$", end_text, re.IGNORECASE)
    end = parse_time(end_text)
    try:
        start = parse_time(parts[0])
    except ValueError:
        raise
    if end_ampm and not re.search(r"[ap]\.?m\.?$", parts[0].strip(), re.IGNORECASE):
        # "4-5pm": the start shares the end's am/pm unless that puts it after the end.
        shared = parse_time(parts[0], end_ampm.group(1).replace(".", "").lower())
        if shared < end:
            start = shared
    return start, end


def parse_date(cell: str, *, day_first: bool = True) -> dt.date:
    """A calendar date in the usual spellings; numeric dates d/m/y unless ``day_first`` is off."""
    text = _WEEKDAY.sub("", _bounded(cell, "a date")).strip().rstrip(",")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _date(cell, year, month, day)
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        if first > 12 or (day_first and second <= 12):
            return _date(cell, year, second, first)
        return _date(cell, year, first, second)
    words = re.split(r"[\s,]+", text)
    if len(words) == 3:
        a, b, c = words
        if (
            a.isascii()
            and a.isdigit()
            and b.lower().rstrip(".") in _MONTHS
            and c.isascii()
            and c.isdigit()
        ):  # 25 May 2022
            return _date(cell, int(c), _MONTHS[b.lower().rstrip(".")], int(a))
        if (
            a.lower().rstrip(".") in _MONTHS
            and b.isascii()
            and b.isdigit()
            and c.isascii()
            and c.isdigit()
        ):  # May 25, 2022
            return _date(cell, int(c), _MONTHS[a.lower().rstrip(".")], int(b))
    raise ValueError(
        f"cannot read date {cell.strip()!r}; write '2022-05-25', '25/05/2022' or '25 May 2022'"
    )


def _date(cell: str, year: int, month: int, day: int) -> dt.date:
    if year not in YEARS:
        raise ValueError(
            f"year {year} of {cell.strip()!r} is outside {YEARS.start}–{YEARS.stop - 1}"
        )
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        raise ValueError(f"no such date: {cell.strip()!r}") from None


_SPLIT_DATETIME = re.compile(r"\s*(?:@|\bat\b|\bfrom\b|,|\bT(?=\d))\s*", re.IGNORECASE)


def parse_when(
    cell: str, *, day_first: bool = True
) -> tuple[dt.date, dt.time | None, dt.time | None]:
    """A cell holding a date and maybe a time or time range.

    "2022-04-04 16:00", "April 4, 2022 @ 4:00 pm - 5:00 pm", "25/05/2022 14:00".
    """
    text = _bounded(cell, "a date")
    try:
        return parse_date(text, day_first=day_first), None, None
    except ValueError as error:
        if "outside" in str(error):
            raise
    # Try every split point from the right: the date is the longest readable prefix.
    tokens = re.split(r"(\s+|@|,)", text)
    for cut in range(len(tokens) - 1, 0, -1):
        head = "".join(tokens[:cut]).strip().rstrip("@,").strip()
        tail = "".join(tokens[cut:]).strip().lstrip("@,").strip()
        tail = re.sub(r"^(at|from)\s+", "", tail, flags=re.IGNORECASE)
        if not head or not tail:
            continue
        try:
            day = parse_date(head, day_first=day_first)
        except ValueError:
            continue
        start, end = parse_time_range(tail)
        return day, start, end
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(.+)", text)
    if iso:
        start, end = parse_time_range(iso[2])
        day = dt.date.fromisoformat(iso[1])
        return _date(text, day.year, day.month, day.day), start, end
    raise ValueError(f"cannot read date and time {text!r}; write '2022-05-25 14:00'")


#: What joins presenters in one cell. No part of it can match the empty
#: string or overlap another, so a search never backtracks over a run of
#: spaces: every cell is read in time linear in its length.
_PEOPLE_SPLIT = re.compile(r";|&|\n|\band\b|(?<=\s)/(?=\s)", re.IGNORECASE)


def split_people(cell: str) -> list[str]:
    """Presenters in one cell: "A & B", "A and B", "A; B" (parentheses respected)."""
    text = cell.strip()
    # Depth of parentheses before each separator, from one left-to-right pass.
    depth_at: list[int] = []
    depth = 0
    for char in text:
        depth_at.append(depth)
        if char == "(":
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
    parts: list[str] = []
    begin = 0
    for match in _PEOPLE_SPLIT.finditer(text):
        if depth_at[match.start()] == 0:
            parts.append(text[begin : match.start()])
            begin = match.end()
    parts.append(text[begin:])
    return [" ".join(p.split()) for p in parts if p.strip()]
