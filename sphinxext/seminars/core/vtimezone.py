"""VTIMEZONE components that every calendar client reads alike (pure).

Shared by the site's calendars (``publish/ical.py``) and the calendar attached to
announcement e-mails (``cli/announce.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import icalendar


@dataclass(frozen=True, slots=True)
class Onset:
    """One transition of a zone: when (local time before it) and what follows."""

    moment: dt.datetime
    daylight: bool
    name: str
    offset_from: dt.timedelta
    offset_to: dt.timedelta


def _year_range(first_year: int, last_year: int) -> tuple[int, int]:
    """Years the date arithmetic here can take (a talk dated year 1 or 9999 must not crash)."""
    first = min(max(first_year, 2), 9998)
    return first, min(max(last_year, first), 9998)


def zone_onsets(key: str, first_year: int, last_year: int) -> list[Onset]:
    """Every transition of ``key`` from the year before ``first_year`` to ``last_year``.

    ``icalendar`` computes them (its observances group the onsets of each kind
    in a multi-valued ``RDATE``); they are taken apart here, see :func:`vtimezone`.
    The year before is included so that the offset in force on 1 January of
    ``first_year`` is known from a real transition.
    """
    first_year, last_year = _year_range(first_year, last_year)
    component = icalendar.Timezone.from_tzinfo(
        ZoneInfo(key),
        tzid=key,
        first_date=dt.date(first_year - 1, 1, 1),
        last_date=dt.date(last_year, 12, 31),
    )
    onsets: list[Onset] = []
    for observance in component.subcomponents:
        moments: list[dt.datetime] = [observance.decoded("DTSTART")]
        found: Any = observance.get("RDATE", [])
        for value in found if isinstance(found, list) else [found]:
            moments.extend(d.dt for d in value.dts)
        daylight = observance.name == "DAYLIGHT"
        name = str(observance.get("TZNAME", ""))
        offset_from = observance.decoded("TZOFFSETFROM")
        offset_to = observance.decoded("TZOFFSETTO")
        onsets.extend(Onset(m, daylight, name, offset_from, offset_to) for m in set(moments))
    onsets.sort(key=lambda onset: onset.moment)
    return onsets


def vtimezone(
    key: str, first_year: int, last_year: int, onsets: Sequence[Onset] | None = None
) -> icalendar.Timezone:
    """A VTIMEZONE for ``key`` valid from 1 January ``first_year`` to the end of ``last_year``.

    Each onset is an observance of its own, with a ``DTSTART`` and no
    ``RDATE``.  ``icalendar`` alone writes one observance per kind with a
    multi-valued ``RDATE``, of which ical.js (Thunderbird) reads only the
    first value; and ical.js also ignores ``DTSTART`` as an onset once an
    observance has any ``RDATE`` (a 14:00 talk in Rome in May then shows an
    hour off).  A ``DTSTART``-only observance per transition is read right by
    ical.js, vobject and ``icalendar``.

    The first observance starts on 1 January ``first_year`` with the offset in
    force then, so the component depends only on the zone and the two years
    (``onsets``, from :func:`zone_onsets` over a wider range, may be shared).
    """
    first_year, last_year = _year_range(first_year, last_year)
    if onsets is None:
        onsets = zone_onsets(key, first_year, last_year)
    # VTIMEZONE onsets are local times, hence naive.
    start = dt.datetime(first_year, 1, 1)  # noqa: DTZ001
    stop = dt.datetime(last_year + 1, 1, 1)  # noqa: DTZ001
    inside = [o for o in onsets if start <= o.moment < stop]
    before = [o for o in onsets if o.moment < start]
    if before and not (inside and inside[0].moment == start):
        last = before[-1]
        inside.insert(0, Onset(start, last.daylight, last.name, last.offset_to, last.offset_to))
    component = icalendar.Timezone()
    component.add("tzid", key)
    for onset in inside:
        observance = (
            icalendar.TimezoneDaylight() if onset.daylight else icalendar.TimezoneStandard()
        )
        observance.add("dtstart", onset.moment)
        if onset.name:
            observance.add("tzname", onset.name)
        observance.add("tzoffsetfrom", onset.offset_from)
        observance.add("tzoffsetto", onset.offset_to)
        component.add_component(observance)
    return component
