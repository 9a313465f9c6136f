"""One reader for the dates and times people write, shared by every input.

The talk directive, front matter and the importers read ``:date:`` and
``:end:`` through :func:`read_datetime` and :func:`read_end`. Besides ISO 8601
(``2022-05-25``, ``2022-05-25 14:00``, ``2024-04-09T13:30:00-07:00``, whose
offset is kept exactly) they accept what announcements write, in English and in
the site's language (month and weekday names from babel's locale data, full or
abbreviated)::

    April 4, 2022 @ 4:00 pm          30/05/2022 16:00
    Mercoledì 25 Maggio 2022, ore 14:00
    Wednesday, 25 May 2022 at 2pm    25. Mai 2022 um 14 Uhr
    :end: 5:00 pm    :end: 17:00     :end: 11am

A numeric date whose day and month could be swapped (``04/05/2022``) is read in
the ``order`` given (``"dmy"``, ``"mdy"`` or ``"ymd"``; :func:`default_order`
takes it from a locale) and the result says it was a guess, so callers warn.

The reader is a tokenizer plus a fixed sequence of steps: linear in the
(bounded) input, no backtracking regular expressions. It returns a
:class:`Reading` or raises :class:`DateTimeError`, never anything else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from babel import Locale, UnknownLocaleError

__all__ = [
    "MAX_LENGTH",
    "ORDERS",
    "YEARS",
    "DateTimeError",
    "Reading",
    "default_order",
    "read_datetime",
    "read_end",
    "read_span",
    "read_time",
]

Order = Literal["dmy", "mdy", "ymd"]
ORDERS: tuple[str, ...] = ("dmy", "mdy", "ymd")
#: Years a talk may have: wide enough for any archive, narrow enough that
#: adding a duration or a day, or moving to UTC, never leaves the calendar.
YEARS = range(1000, 9000)
#: Longer text is refused before it is read: no date needs more.
MAX_LENGTH = 200

_ISO_EXAMPLES = "'2022-05-25', '2022-05-25 14:00' or '2024-04-09T13:30:00-07:00'"


class DateTimeError(ValueError):
    """A date or time that cannot be read; ``hint`` is what to write instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        full = f"{message}; write {hint}" if hint else message
        super().__init__(full)
        self.subtype = "bad-date"
        self.reason = message
        self.hint = hint
        self.message = full


@dataclass(frozen=True)
class Reading:
    """What :func:`read_datetime` understood."""

    #: The start: naive (local to the talk) or aware (an offset was written).
    value: dt.datetime
    #: A date without a time of day.
    all_day: bool = False
    #: The day and month could be swapped and were read in ``order``.
    ambiguous: bool = False
    #: The day/month order used for a numeric date (``None``: none needed).
    order: str | None = None
    #: An end time written in the same text (``4:00 pm - 5:00 pm``), see :func:`read_span`.
    end: dt.datetime | None = None

    @property
    def iso(self) -> str:
        """The canonical ISO 8601 form; reading it again gives the same instant."""
        return iso_format(self.value, self.all_day)


def iso_format(value: dt.datetime, all_day: bool = False) -> str:
    """``2022-05-25``, ``2022-05-25 14:00`` or ``2024-04-09 13:30-07:00``."""
    if all_day:
        return value.date().isoformat()
    spec = "minutes" if not value.second and not value.microsecond else "auto"
    return value.isoformat(sep=" ", timespec=spec)


# -- names from the locale data ------------------------------------------------


def _fold(word: str) -> str:
    """Lower case, without accents or a trailing dot: ``Mercoledì`` → ``mercoledi``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


@dataclass(frozen=True)
class _Names:
    months: dict[str, int]
    weekdays: dict[str, int]


def _locale(name: str | None) -> Locale | None:
    if not name:
        return None
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@lru_cache(maxsize=32)
def _names(locale: str | None) -> _Names:
    months: dict[str, int] = {"sept": 9}
    weekdays: dict[str, int] = {"tues": 1, "thur": 3, "thurs": 3}
    for name in ("en", locale):
        data = _locale(name)
        if data is None:
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, month in data.months[context][width].items():
                    months.setdefault(_fold(month), number)
                for number, day in data.days[context][width].items():
                    weekdays.setdefault(_fold(day), number)
    return _Names(months, weekdays)


@lru_cache(maxsize=32)
def default_order(locale: str | None) -> str:
    """The day/month order of a locale's short date pattern (``en``: mdy, ``it``: dmy)."""
    data = _locale(locale or "en")
    if data is None:
        return "dmy"
    pattern = str(data.date_formats["short"].pattern)
    positions = {c: pattern.find(c) for c in "dMy"}
    if min(positions.values()) < 0:
        return "dmy"
    found = "".join(sorted("dMy", key=lambda c: positions[c])).lower()
    return found if found in ORDERS else "dmy"


# -- tokens ------------------------------------------------------------------


class _Token(NamedTuple):
    kind: Literal["num", "word", "sep"]
    text: str  # folded for words
    spaced: bool  # white space before it
    raw: str


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    index, length = 0, len(text)
    spaced = False
    while index < length:
        char = text[index]
        if char.isspace():
            spaced = True
            index += 1
            continue
        start = index
        if "0" <= char <= "9":
            while index < length and "0" <= text[index] <= "9":
                index += 1
            tokens.append(_Token("num", text[start:index], spaced, text[start:index]))
        elif char.isalpha():
            while index < length and (text[index].isalpha() or unicodedata.combining(text[index])):
                index += 1
            raw = text[start:index]
            tokens.append(_Token("word", _fold(raw), spaced, raw))
        else:
            index += 1
            tokens.append(_Token("sep", char, spaced, char))
        spaced = False
    return _merge_meridiem(tokens)


def _merge_meridiem(tokens: list[_Token]) -> list[_Token]:
    """``a.m.``, ``p. m.`` → one word ``am``/``pm``."""
    merged: list[_Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        nxt = tokens[index + 1 : index + 4]
        if (
            token.kind == "word"
            and token.text in ("a", "p")
            and len(nxt) >= 2
            and nxt[0].text == "."
            and nxt[1].kind == "word"
            and nxt[1].text == "m"
        ):
            index += 3
            if index < len(tokens) and tokens[index].text == ".":
                index += 1
            merged.append(_Token("word", token.text + "m", token.spaced, token.raw + ".m."))
            continue
        merged.append(token)
        index += 1
    return merged


# Words that join a date and a time, or sit before either.
_CONNECTORS = frozenset(
    {
        "@",
        "at",
        "on",
        "the",
        "ore",
        "alle",
        "le",
        "il",
        "di",
        "del",
        "um",
        "à",
        "a",
        "de",
        "den",
        "from",
        "dalle",
        "starting",
        "h",
    }
)
_MERIDIEM = frozenset({"am", "pm"})
_NOON = frozenset({"noon", "midday", "mezzogiorno", "mittag", "midi"})
_UTC = frozenset({"utc", "gmt", "z"})
_RANGE_WORDS = frozenset({"to", "until", "till", "alle", "bis", "a"})
_RANGE_SEPS = frozenset({"-", "\u2013", "\u2014"})
_ORDINALS = frozenset({"st", "nd", "rd", "th", "o", "er", "eme", "º", "°"})
_HOUR_WORDS = frozenset({"uhr", "h", "hrs", "hr"})


class _Cursor:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self, offset: int = 0) -> _Token | None:
        position = self.index + offset
        return self.tokens[position] if position < len(self.tokens) else None

    def skip(self, predicate: object) -> None:
        while (token := self.peek()) is not None and predicate(token):  # type: ignore[operator]
            self.index += 1

    def done(self) -> bool:
        return self.index >= len(self.tokens)


def _is_num(token: _Token | None, digits: tuple[int, ...] | None = None) -> bool:
    return (
        token is not None and token.kind == "num" and (digits is None or len(token.text) in digits)
    )


def _is(token: _Token | None, *texts: str) -> bool:
    return token is not None and token.text in texts


# -- the date part -------------------------------------------------------------


@dataclass
class _Date:
    year: int
    month: int
    day: int
    ambiguous: bool = False
    order: str | None = None
    weekday: int | None = None  # 0 = Monday, as written
    weekday_raw: str = ""


def _year(token: _Token, text: str) -> int:
    if len(token.text) == 2:
        raise DateTimeError(
            f"two-digit year {token.text!r} in {text!r}",
            f"the full year, such as '20{token.text}'",
        )
    if len(token.text) != 4:
        raise DateTimeError(
            f"cannot read the year {token.raw!r} in {text!r}",
            f"a year from {YEARS.start} to {YEARS.stop - 1}",
        )
    return int(token.text)


def _read_date(cursor: _Cursor, text: str, names: _Names, order: str) -> _Date | None:
    weekday: int | None = None
    weekday_raw = ""
    cursor.skip(lambda t: t.kind == "word" and t.text in ("on", "the"))
    token = cursor.peek()
    if token is not None and token.kind == "word" and token.text in names.weekdays:
        # babel numbers days 0 = Monday.
        weekday, weekday_raw = names.weekdays[token.text], token.raw
        cursor.index += 1
        cursor.skip(
            lambda t: (
                t.text in (",", ".") or (t.kind == "word" and t.text in ("the", "den", "le", "il"))
            )
        )
    first = cursor.peek()
    if first is None:
        return None
    result: _Date | None = None
    if first.kind == "num":
        second, third = cursor.peek(1), cursor.peek(2)
        if (
            second is not None
            and second.kind == "sep"
            and second.text in "-/."
            and _is_num(third)
            and cursor.peek(3) is not None
            and cursor.peek(3).text == second.text  # type: ignore[union-attr]
            and _is_num(cursor.peek(4))
        ):
            assert third is not None
            last = cursor.peek(4)
            assert last is not None
            cursor.index += 5
            # "25.05.2022." (Hungarian-style trailing dot)
            if _is(cursor.peek(), ".") and second.text == ".":
                cursor.index += 1
            result = _numeric(first, third, last, text, order)
        else:
            result = _day_month_year(cursor, text, names)
    elif first.kind == "word" and first.text in names.months:
        result = _month_day_year(cursor, text, names)
    if result is not None:
        result.weekday, result.weekday_raw = weekday, weekday_raw
    return result


def _numeric(a: _Token, b: _Token, c: _Token, text: str, order: str) -> _Date:
    if len(a.text) == 4:
        return _Date(int(a.text), int(b.text), int(c.text))
    if len(a.text) > 2 or len(b.text) > 2:
        raise DateTimeError(f"cannot read date {text!r}", _ISO_EXAMPLES)
    year = _year(c, text)
    first, second = int(a.text), int(b.text)
    if first > 12 >= second:
        return _Date(year, second, first)
    if second > 12 >= first:
        return _Date(year, first, second)
    ambiguous = first != second and first <= 12 and second <= 12
    if order == "mdy":
        return _Date(year, first, second, ambiguous, "mdy")
    return _Date(year, second, first, ambiguous, "dmy")


def _ordinal(cursor: _Cursor) -> None:
    token = cursor.peek()
    if (
        token is not None
        and not token.spaced
        and ((token.kind == "word" and token.text in _ORDINALS) or token.text == ".")
    ):
        cursor.index += 1


def _day_month_year(cursor: _Cursor, text: str, names: _Names) -> _Date | None:
    first = cursor.peek()
    assert first is not None
    if len(first.text) == 4:  # 2022 May 25
        month = cursor.peek(1)
        day = cursor.peek(2)
        if month is not None and month.text in names.months and _is_num(day, (1, 2)):
            assert day is not None
            cursor.index += 3
            return _Date(int(first.text), names.months[month.text], int(day.text))
        return None
    if len(first.text) > 2:
        return None
    cursor.index += 1
    _ordinal(cursor)
    cursor.skip(lambda t: t.kind == "word" and t.text in ("of", "de", "di", "del"))
    month = cursor.peek()
    if month is None or month.kind != "word" or month.text not in names.months:
        cursor.index -= 1
        return None
    cursor.index += 1
    cursor.skip(
        lambda t: t.text in (",", ".") or (t.kind == "word" and t.text in ("de", "di", "del"))
    )
    year = cursor.peek()
    if not _is_num(year):
        raise DateTimeError(
            f"date {text!r} has no year",
            f"'{first.text} {month.raw} 2022'-style dates with the year",
        )
    assert year is not None
    cursor.index += 1
    return _Date(_year(year, text), names.months[month.text], int(first.text))


def _month_day_year(cursor: _Cursor, text: str, names: _Names) -> _Date | None:
    month = cursor.peek()
    assert month is not None
    cursor.index += 1
    cursor.skip(lambda t: t.text == ".")
    day = cursor.peek()
    if not _is_num(day, (1, 2)):
        if _is_num(day, (4,)):
            raise DateTimeError(f"date {text!r} has no day", f"'{month.raw} 4, {day.text}'")  # type: ignore[union-attr]
        return None
    assert day is not None
    cursor.index += 1
    _ordinal(cursor)
    cursor.skip(lambda t: t.text == ",")
    year = cursor.peek()
    if not _is_num(year):
        raise DateTimeError(
            f"date {text!r} has no year", f"'{month.raw} {day.text}, 2022' with the year"
        )
    assert year is not None
    cursor.index += 1
    return _Date(_year(year, text), names.months[month.text], int(day.text))


# -- the time part -------------------------------------------------------------


def _read_time(cursor: _Cursor, text: str, *, after_date: bool) -> dt.time | None:
    token = cursor.peek()
    if token is None:
        return None
    if token.kind == "word" and token.text in _NOON:
        cursor.index += 1
        return dt.time(12)
    if token.kind != "num":
        return None
    if len(token.text) > 2:
        raise DateTimeError(f"cannot read the time {token.raw!r} in {text!r}", "'14:00' or '2 pm'")
    hour, minute, second = int(token.text), 0, 0
    cursor.index += 1
    nxt = cursor.peek()
    explicit_minutes = False
    if (
        nxt is not None
        and not nxt.spaced
        and nxt.text in (":", ".", "h")
        and _is_num(cursor.peek(1), (2,))
    ):
        if nxt.text == "." and not after_date and not _is(cursor.peek(2), *_MERIDIEM):
            cursor.index -= 1
            return None
        minute = int(cursor.peek(1).text)  # type: ignore[union-attr]
        cursor.index += 2
        explicit_minutes = True
        if _is(cursor.peek(), ":") and _is_num(cursor.peek(1), (2,)):
            second = int(cursor.peek(1).text)  # type: ignore[union-attr]
            cursor.index += 2
    elif nxt is not None and nxt.kind == "word" and nxt.text in _HOUR_WORDS:
        cursor.index += 1
        if _is_num(cursor.peek(), (2,)) and not cursor.peek().spaced:  # type: ignore[union-attr]
            minute = int(cursor.peek().text)  # type: ignore[union-attr]
            cursor.index += 1
        explicit_minutes = True
    meridiem = cursor.peek()
    if meridiem is not None and meridiem.kind == "word" and meridiem.text in _MERIDIEM:
        cursor.index += 1
        if not 1 <= hour <= 12:
            raise DateTimeError(
                f"hour {hour} with {meridiem.raw!r} in {text!r}",
                f"'{hour:02d}:{minute:02d}'" if hour < 24 else "'14:00' or '2 pm'",
            )
        hour = hour % 12 + (12 if meridiem.text == "pm" else 0)
    elif not explicit_minutes and not after_date:
        cursor.index -= 1
        return None
    elif not explicit_minutes:
        raise DateTimeError(
            f"cannot tell the time {token.raw!r} in {text!r}",
            f"'{int(token.text):02d}:00'"
            + (f" or '{int(token.text)} pm'" if 1 <= int(token.text) <= 12 else ""),
        )
    if _is(cursor.peek(), *_HOUR_WORDS) and cursor.peek().kind == "word":  # type: ignore[union-attr]
        cursor.index += 1  # "14:00 Uhr", "14.00 h"
    if hour > 23 or minute > 59 or second > 59:
        raise DateTimeError(
            f"no such time {hour:02d}:{minute:02d} in {text!r}", "a time from '00:00' to '23:59'"
        )
    return dt.time(hour, minute, second)


def _read_zone(cursor: _Cursor) -> dt.tzinfo | None:
    token = cursor.peek()
    if token is None:
        return None
    if token.kind == "word" and token.text in _UTC:
        cursor.index += 1
        sign = cursor.peek()
        if sign is not None and sign.text in ("+", "-") and _is_num(cursor.peek(1)):
            return _offset(cursor)
        return dt.UTC
    if token.text == "+" or (token.text == "-" and not token.spaced):
        if _is_num(cursor.peek(1), (2, 4)):
            return _offset(cursor)
    return None


def _offset(cursor: _Cursor) -> dt.tzinfo:
    sign = -1 if cursor.peek().text == "-" else 1  # type: ignore[union-attr]
    digits = cursor.peek(1).text  # type: ignore[union-attr]
    cursor.index += 2
    hours, minutes = (int(digits[:2]), int(digits[2:])) if len(digits) == 4 else (int(digits), 0)
    if len(digits) <= 2 and _is(cursor.peek(), ":") and _is_num(cursor.peek(1), (2,)):
        minutes = int(cursor.peek(1).text)  # type: ignore[union-attr]
        cursor.index += 2
    if hours > 23 or minutes > 59:
        raise DateTimeError("offset out of range", "an offset such as '+02:00'")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


# -- the readers ---------------------------------------------------------------


def _prepare(text: object, what: str) -> str:
    if not isinstance(text, str):
        text = str(text)
    text = " ".join(text.split())
    if not text:
        raise DateTimeError(f"empty {what}", _ISO_EXAMPLES)
    if len(text) > MAX_LENGTH:
        raise DateTimeError(f"{what} of {len(text)} characters is too long", _ISO_EXAMPLES)
    return text


def _check(value: dt.datetime, text: str) -> None:
    if value.year not in YEARS:
        raise DateTimeError(
            f"date {text!r} is out of range",
            f"a year from {YEARS.start} to {YEARS.stop - 1}",
        )
    try:
        # Moving to UTC, or a day or a year later, must stay in the calendar.
        (value + dt.timedelta(days=400)).astimezone(dt.UTC) if value.tzinfo else None
    except (OverflowError, ValueError):  # pragma: no cover - excluded by YEARS
        raise DateTimeError(f"date {text!r} is out of range") from None


def _iso(text: str) -> Reading | None:
    """ISO 8601 as :meth:`datetime.fromisoformat` reads it (offsets kept)."""
    if not ("0" <= text[0] <= "9") or len(text) < 8:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        value = dt.datetime.combine(day, dt.time())
        _check(value, text)
        return Reading(value, all_day=True)
    try:
        value = dt.datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        return None
    _check(value, text)
    return Reading(value)


def _free(
    text: str, *, order: str, locale: str | None, allow_range: bool, what: str = "date"
) -> Reading:
    names = _names(locale)
    cursor = _Cursor(_tokens(text))
    date = _read_date(cursor, text, names, order)
    if date is None:
        raise DateTimeError(f"cannot read {what} {text!r}", _ISO_EXAMPLES)
    try:
        day = dt.date(date.year, date.month, date.day)
    except (ValueError, OverflowError):
        raise _no_such_date(text, date) from None
    if date.weekday is not None and date.weekday != day.weekday():
        real = _weekday_name(day, locale, like=date.weekday_raw)
        raise DateTimeError(
            f"{text!r}: {day.isoformat()} is a {real}, not a {date.weekday_raw}",
            f"the date you mean, such as '{day.isoformat()}', or drop the weekday",
        )
    cursor.skip(lambda t: t.text in (",", "@") or (t.kind == "word" and t.text in _CONNECTORS))
    time = _read_time(cursor, text, after_date=True)
    zone = _read_zone(cursor) if time is not None else None
    end: dt.time | None = None
    if time is not None and cursor.peek() is not None:
        token = cursor.peek()
        assert token is not None
        if token.text in _RANGE_SEPS or (token.kind == "word" and token.text in _RANGE_WORDS):
            cursor.index += 1
            cursor.skip(lambda t: t.kind == "word" and t.text in ("ore", "um", "at"))
            end = _read_time(cursor, text, after_date=True)
            if end is None:
                raise DateTimeError(
                    f"cannot read the end time in {text!r}", "'4:00 pm - 5:00 pm' or '16:00-17:00'"
                )
            zone = zone or _read_zone(cursor)
    if not cursor.done():
        rest = cursor.peek()
        assert rest is not None
        understood = iso_format(
            dt.datetime.combine(day, time or dt.time(), tzinfo=zone), time is None
        )
        raise DateTimeError(
            f"cannot read {rest.raw!r} in {what} {text!r}",
            f"'{understood}'"
            + (" and the time zone in :timezone:" if rest.kind == "word" else ""),
        )
    if end is not None and not allow_range:
        start_text = time.strftime("%H:%M") if time else ""
        raise DateTimeError(
            f"{what} {text!r} holds a time range",
            f"':date: {day.isoformat()} {start_text}' and ':end: {end.strftime('%H:%M')}'",
        )
    value = dt.datetime.combine(day, time or dt.time(), tzinfo=zone)
    _check(value, text)
    end_value = dt.datetime.combine(day, end, tzinfo=zone) if end is not None else None
    return Reading(
        value,
        all_day=time is None,
        ambiguous=date.ambiguous,
        order=date.order,
        end=end_value,
    )


def _no_such_date(text: str, date: _Date) -> DateTimeError:
    if 1 <= date.month <= 12 and date.year in YEARS and date.day > 28:
        last = calendar.monthrange(date.year, date.month)[1]
        month = dt.date(date.year, date.month, 1).strftime("%B")
        return DateTimeError(
            f"no such date: {text!r} ({month} {date.year} has {last} days)",
            f"a day that exists, such as '{dt.date(date.year, date.month, last).isoformat()}'",
        )
    return DateTimeError(
        f"no such date: {text!r} (day {date.day} of month {date.month})",
        "a day that exists, such as " + _ISO_EXAMPLES,
    )


def _weekday_name(day: dt.date, locale: str | None, like: str) -> str:
    for name in (locale, "en"):
        data = _locale(name)
        if data is None:
            continue
        names = data.days["format"]["wide"]
        if _fold(like) in {_fold(n) for n in names.values()}:
            return str(names[day.weekday()])
    return day.strftime("%A")


def read_datetime(text: object, *, order: str = "dmy", locale: str | None = None) -> Reading:
    """A start: a date (all-day) or a date and time, as ISO 8601 or as announced.

    ``order`` is how an ambiguous numeric date is read; ``locale`` adds the
    language's month and weekday names to English.
    """
    return _read(text, order=order, locale=locale, allow_range=False)


def read_span(text: object, *, order: str = "dmy", locale: str | None = None) -> Reading:
    """Like :func:`read_datetime`, also accepting a time range (``4:00 pm - 5:00 pm``)."""
    return _read(text, order=order, locale=locale, allow_range=True)


def _read(text: object, *, order: str, locale: str | None, allow_range: bool) -> Reading:
    try:
        clean = _prepare(text, "date")
        if order not in ORDERS:
            order = "dmy"
        return _iso(clean) or _free(clean, order=order, locale=locale, allow_range=allow_range)
    except DateTimeError:
        raise
    except (ValueError, OverflowError, TypeError, IndexError, RecursionError) as error:
        # Defensive: the reader only ever raises its own error.
        raise DateTimeError(
            f"cannot read date {str(text)[:80]!r} ({error})", _ISO_EXAMPLES
        ) from None


def read_time(text: object) -> dt.time:
    """A bare time of day: ``17:00``, ``5:00 pm``, ``11am``, ``14h30``, ``16.00``, ``noon``."""
    try:
        clean = _prepare(text, "time")
        cursor = _Cursor(_tokens(clean))
        cursor.skip(
            lambda t: (
                t.text in ("@",)
                or (t.kind == "word" and t.text in ("at", "ore", "alle", "um", "à"))
            )
        )
        time = _read_time(cursor, clean, after_date=True)
        if time is None or not cursor.done():
            raise DateTimeError(
                f"cannot read time {clean!r}", "a time such as '17:00' or '5:00 pm'"
            )
        return time
    except DateTimeError:
        raise
    except (ValueError, OverflowError, TypeError, IndexError) as error:
        raise DateTimeError(f"cannot read time {str(text)[:80]!r} ({error})", "'17:00'") from None


def _looks_like_time(text: str) -> bool:
    """No date in it: digits, clock separators and am/pm-like words only."""
    return (
        bool(text)
        and not any(c in "-/" for c in text)
        and sum(c.isdigit() for c in text) <= 6
        and not (len(text) >= 8 and text[:4].isdigit())
    )


def read_end(
    text: object,
    start: dt.datetime,
    all_day: bool,
    *,
    order: str = "dmy",
    locale: str | None = None,
) -> dt.datetime:
    """``:end:`` as a time on the start's day, a date and time, or (all-day) a last date.

    All-day ends are returned exclusive (the day after the last day), as in
    iCalendar. A time takes the start's offset.
    """
    clean = _prepare(text, "end")
    suggestion = _end_suggestion(start, all_day)
    time: dt.time | None = None
    time_error: DateTimeError | None = None
    try:
        time = read_time(clean)
    except DateTimeError as error:
        time_error = error
    if time is not None:
        if all_day:
            raise DateTimeError(
                f"end time {clean!r} given for an all-day talk",
                f"a time for the start too (':date: {start.date().isoformat()} 14:00') "
                f"or the end as a date (':end: {start.date().isoformat()}')",
            )
        return dt.datetime.combine(start.date(), time, tzinfo=start.tzinfo)
    try:
        reading = read_datetime(clean, order=order, locale=locale)
    except DateTimeError as error:
        if _looks_like_time(clean) and time_error is not None:
            raise DateTimeError(f"cannot read end time {clean!r}", suggestion) from None
        raise DateTimeError(
            error.reason, error.hint if error.hint != _ISO_EXAMPLES else suggestion
        ) from None
    value = reading.value
    if all_day:
        if not reading.all_day:
            raise DateTimeError(
                f"end {clean!r} has a time but the start is a date",
                "both with times or both as dates",
            )
        return value + dt.timedelta(days=1)
    if reading.all_day:
        raise DateTimeError(
            f"end {clean!r} is a date but the start has a time",
            f"'{reading.iso} 17:00', or only the time: '17:00'",
        )
    if value.tzinfo is None and start.tzinfo is not None:
        value = value.replace(tzinfo=start.tzinfo)
    return value


def _end_suggestion(start: dt.datetime, all_day: bool) -> str:
    if all_day:
        return f"the last day, such as '{start.date().isoformat()}'"
    try:
        later = (start + dt.timedelta(hours=1)).strftime("%H:%M")
    except OverflowError:  # pragma: no cover - excluded by YEARS
        later = "17:00"
    return f"a time such as '{later}' (same day) or a date and time"
