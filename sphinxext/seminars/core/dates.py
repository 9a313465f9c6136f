"""Dates and times in the site's language, with babel (as Sphinx itself uses)."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from .model import Talk


@cache
def locale_for(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# Archives repeat dates and times across listings, pages and feeds: format each once.
@cache
def right_to_left(language: str | None) -> bool:
    """Whether the language is written right to left (Arabic, Hebrew, Persian...)."""
    return locale_for(language).character_order == "right-to-left"


@lru_cache(maxsize=16384)
def long_date(day: dt.date, language: str | None) -> str:
    """ "Wednesday, May 25, 2022" / "mercoledì 25 maggio 2022"."""
    return format_date(day, format="full", locale=locale_for(language))


@lru_cache(maxsize=16384)
def short_date(day: dt.date, language: str | None) -> str:
    return format_date(day, format="medium", locale=locale_for(language))


def clock(moment: dt.datetime, language: str | None) -> str:
    """The wall-clock time of ``moment`` in its own zone ("14:00", "2:00 PM")."""
    # Keyed by the wall time: aware datetimes of one instant compare equal
    # whatever their zone, so they must not share a cache entry.
    return _clock(moment.time().replace(tzinfo=None), language)


@lru_cache(maxsize=4096)
def _clock(wall: dt.time, language: str | None) -> str:
    return format_time(wall, format="short", locale=locale_for(language))


def zone_label(moment: dt.datetime) -> str:
    """The abbreviation readers know ("CEST", "EDT"), or the offset ("UTC-07:00")."""
    return moment.tzname() or ""


def when_parts(talk: Talk, language: str | None, site_timezone: str) -> dict[str, str]:
    """The pieces a talk's date line is made of, already localized.

    ``date`` (or a range for multi-day talks), ``start``/``end`` clock times
    (empty for all-day talks) and ``zone`` (empty when the talk is in the
    site's zone).
    """
    assert talk.end is not None
    first, last = talk.start.date(), talk.last_day
    if talk.all_day or talk.multi_day:
        if first == last:
            date = long_date(first, language)
        else:
            date = f"{long_date(first, language)} – {long_date(last, language)}"
    else:
        date = long_date(first, language)
    parts = {"date": date, "start": "", "end": "", "zone": ""}
    if not talk.all_day:
        parts["start"] = clock(talk.start, language)
        if not talk.multi_day:
            parts["end"] = clock(talk.end, language)
        else:
            parts["date"] = (
                f"{long_date(first, language)} {clock(talk.start, language)} – "
                f"{long_date(last, language)} {clock(talk.end, language)}"
            )
            parts["start"] = ""
        if talk.timezone != site_timezone:
            parts["zone"] = zone_label(talk.start)
    return parts


def when_text(talk: Talk, language: str | None, site_timezone: str) -> str:
    """The whole date line as plain text ("Wednesday, May 25, 2022, 14:00–15:00 CEST")."""
    parts = when_parts(talk, language, site_timezone)
    text = parts["date"]
    if parts["start"]:
        text += f", {parts['start']}"
        if parts["end"]:
            text += f"–{parts['end']}"
    if parts["zone"]:
        text += f" {parts['zone']}"
    return text


def deadline_text(iso: str, language: str | None) -> str:
    """A registration deadline (ISO 8601 date, or date and time) as the site's
    language writes it; the ISO text itself when it cannot be read."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    day = long_date(moment.date(), language)
    return day if len(iso) <= 10 else f"{day}, {clock(moment, language)}"
