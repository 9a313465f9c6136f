"""iCalendar feeds: the site's, one per series, one per talk.

Output (``html`` and ``dirhtml`` builders only, under ``seminars_pages_prefix``):

``<prefix>/<seminars_feed_name>.ics``
    The site feed: every upcoming talk plus the most recent past ones (see
    :func:`site_window`).
``<prefix>/series/<series slug>.ics``
    One calendar per series (all its talks), when ``seminars_series_feeds``.
``<prefix>/talks/<talk id>.ics``
    One calendar per talk, linked as "Add to calendar" from the talk.  A ``/``
    in a talk id becomes ``~`` (a character ids cannot hold, so two ids never
    share a file, and no id can climb out of the folder).

Choices a calendar client depends on:

UID
    ``<talk id>@<site>``, where ``<site>`` is the host and path of
    ``html_baseurl`` (else of ``READTHEDOCS_CANONICAL_URL``, else the slug of
    ``project``).  It does not depend on the machine, the build or the talk's
    time, so a rescheduled talk updates the event a subscriber already has.
DTSTAMP
    The talk's start in UTC (midnight UTC of its first day for all-day talks).
    It comes from the sources alone, so two builds give identical bytes with or
    without ``SOURCE_DATE_EPOCH``, and a talk moved to a later date gets a later
    stamp.  The wall clock is never read.
SEQUENCE
    Always 0: a static build has no record of earlier versions of a talk, so it
    cannot know that a revision happened; the UID and DTSTAMP still let clients
    replace the event of a subscribed feed.
Times
    A talk in an IANA zone is written with ``TZID`` and one ``VTIMEZONE`` per zone
    per file, whose observances cover the years of the talks in that file.
    Each transition is an observance of its own, with a ``DTSTART`` and no
    ``RDATE`` (see :func:`vtimezone` for what real clients misread otherwise).
    Talks with a fixed offset ("UTC-07:00") or in UTC are written in UTC;
    all-day talks as ``DATE`` values (end exclusive).
Online link
    In ``DESCRIPTION`` (which every client shows), as an RFC 7986
    ``CONFERENCE`` property, and as ``LOCATION`` when the talk has no room
    (Google Calendar and Outlook make that a clickable link).  A series with
    ``hide-online-after`` drops it once the talk is over, as the talk page
    does; that, and the site feed's rule for talks still ahead
    (:func:`site_window`), are the only parts that depend on the build's "now"
    (pinned by ``seminars_now`` or ``SOURCE_DATE_EPOCH``).

Every calendar is made of components serialised by ``icalendar``; each VEVENT
and VTIMEZONE is serialised once and its bytes are shared by the site, series
and talk calendars (see :class:`FeedSet`).  Feeds are written at
``build-finished``; a file is only rewritten when its bytes change, and feed
files of talks or series that no longer exist are removed, so an incremental
build leaves the same files as a clean one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import icalendar
from icalendar import vCalAddress, vDuration, vInt, vText, vUri
from sphinx.util import logging

from ..core.model import Link, LinkKind, Series, Status, Talk, talk_order
from ..core.subtypes import Subtype
from ..core.version import __version__
from ..core.vtimezone import Onset, vtimezone, zone_onsets
from ..store.i18n import __, _t, ngettext
from ..store.labels import link_label
from ..store.sources import configured, remote_talks
from ..store.warn import warn
from .cache import read_cache, write_cache
from .site import Site
from .text import feed_tags, headline

if TYPE_CHECKING:
    from ..store.domain import SeminarsDomain

logger = logging.getLogger(__name__)


#: Identifies the files this extension writes (and may therefore remove).
PRODID = "-//sphinxext-seminars//Seminar archive//EN"


#: Zone names written as UTC rather than with a VTIMEZONE.
_UTC_KEYS = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)


_END_CALENDAR = b"END:VCALENDAR\r\n"


# -- events -----------------------------------------------------------------------------


def _utc_or_zone(moment: dt.datetime) -> dt.datetime:
    """Keep an IANA zone (written with TZID); anything else becomes UTC."""
    tz = moment.tzinfo
    if isinstance(tz, ZoneInfo) and tz.key not in _UTC_KEYS:
        return moment
    return moment.astimezone(dt.UTC)


def iana_zone(talk: Talk) -> str | None:
    """The TZID a timed talk is written with, or None (all-day, UTC or fixed offset)."""
    tz = talk.start.tzinfo
    if talk.all_day or not isinstance(tz, ZoneInfo) or tz.key in _UTC_KEYS:
        return None
    return tz.key


def stamp(talk: Talk) -> dt.datetime:
    """DTSTAMP: from the talk's own data, never the clock (see the module docstring)."""
    if talk.all_day:
        return dt.datetime.combine(talk.start.date(), dt.time(), dt.UTC)
    return talk.start.astimezone(dt.UTC)


def description(talk: Talk, page_url: str) -> str:
    """Plain text: a status note, speakers, the abstract, then the links."""
    parts: list[str] = []
    if talk.status is Status.POSTPONED:
        parts.append(_t("This talk is postponed; the new date is not known yet."))
    elif talk.status is Status.CANCELLED:
        parts.append(_t("This talk is cancelled."))
    people = ", ".join(
        f"{p.name} ({p.affiliation})" if p.affiliation else p.name for p in talk.speakers
    )
    if people:
        speakers = ngettext("Speaker: {names}", "Speakers: {names}", len(talk.speakers))
        parts.append(speakers.format(names=people))
    if talk.abstract.strip():
        parts.append(talk.abstract.strip())
    links: list[str] = []
    if talk.online:
        links.append(_t("Join online: {url}").format(url=talk.online))
    for link in talk.links:
        # Files of the site have no stable absolute URL of their own; the page links them.
        if not link.local:
            # A label and its address: the colon is the language's (French spaces it).
            links.append(_t("{label}: {url}").format(label=link_label(link), url=link.target))
    if page_url:
        links.append(_t("Talk page: {url}").format(url=page_url))
    if links:
        parts.append("\n".join(links))
    return "\n\n".join(parts)


def event_labels() -> tuple[str, ...]:
    """The labels of the site's language an event is written with (part of its cache key)."""
    return (
        _t("This talk is postponed; the new date is not known yet."),
        _t("This talk is cancelled."),
        ngettext("Speaker: {names}", "Speakers: {names}", 1),
        ngettext("Speaker: {names}", "Speakers: {names}", 2),
        _t("Join online: {url}"),
        _t("{label}: {url}"),
        _t("Talk page: {url}"),
        _t("Join online"),
        *(link_label(Link(kind, "", ident="")) for kind in LinkKind),
    )


_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
    # RFC 5545 has no "postponed"; TENTATIVE plus the note in DESCRIPTION.
    Status.POSTPONED: "TENTATIVE",
}


#: The address of an organiser whose e-mail is not published (the form calendar
#: services use for "no address").
NO_ADDRESS = "invalid:nomail"


def organizer_of(series: Series | None) -> tuple[str, str] | None:
    """(name, address) of a series' first organiser, for the ``ORGANIZER`` of its talks.

    The address is the organiser's ``mailto:`` or page; without one (or with
    e-mails kept private) it is :data:`NO_ADDRESS`.
    """
    if series is None or not series.organisers:
        return None
    link = series.organiser_links[0] if series.organiser_links else ""
    return series.organisers[0], link or NO_ADDRESS


def talk_event(
    talk: Talk, site: Site, page_url: str, organizer: tuple[str, str] | None = None
) -> icalendar.Event:
    """The VEVENT of a resolved talk; every value is escaped by ``icalendar``.

    Text values are given their ``icalendar`` type directly rather than through
    ``Component.add``'s type inference: the same bytes, a third less time for
    an archive of thousands of talks.
    """
    assert talk.resolved and talk.end is not None
    event = icalendar.Event()
    # Another site's talk keeps the UID its own site gives it: no duplicate event
    # for a reader subscribed to both calendars.
    event["UID"] = vText(talk.uid or f"{talk.id}@{site.identity}")
    event.add("dtstamp", stamp(talk))
    event["SEQUENCE"] = vInt(0)
    if talk.all_day:
        event.add("dtstart", talk.start.date())
        event.add("dtend", talk.end.date())
    else:
        event.add("dtstart", _utc_or_zone(talk.start))
        event.add("dtend", _utc_or_zone(talk.end))
    event["SUMMARY"] = vText(headline(talk))
    event["DESCRIPTION"] = vText(description(talk, page_url))
    if talk.language:
        # RFC 5545 LANGUAGE: the language the talk is given in (and its title written in).
        for name in ("SUMMARY", "DESCRIPTION"):
            event[name].params["LANGUAGE"] = talk.language
    location = talk.location or talk.online
    if location:
        event["LOCATION"] = vText(location)
    if talk.geo is not None:
        event.add("geo", talk.geo)
    if talk.online:
        event.conferences = [
            icalendar.Conference(talk.online, feature="VIDEO", label=_t("Join online"))
        ]
    if page_url:
        event["URL"] = vUri(page_url)
    categories = list(dict.fromkeys(c for c in (talk.series, *feed_tags(talk)) if c))
    if categories:
        event.add("categories", categories)
    event["STATUS"] = vText(_STATUS[talk.status])
    if organizer is not None:
        # One ORGANIZER per event (RFC 5545): the series' first organiser.
        address = vCalAddress(organizer[1])
        address.params["CN"] = organizer[0]
        event["ORGANIZER"] = address
    return event


# -- time zones ----------------------------------------------------------------------


# -- calendars ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarHead:
    """The calendar-level properties of one file."""

    name: str
    description: str = ""
    #: Absolute URL of the file itself (RFC 7986 SOURCE), or "".
    source: str = ""
    #: Subscribed feeds ask clients to refresh daily; a single talk does not.
    subscribed: bool = True


#: Time zones and calendar headers share the event cache (``seminars-events.pickle``)
#: under keys of their own.
ZONE_KEY_PREFIX = "zone:"
HEAD_KEY_PREFIX = "head:"


class FeedSet:
    """Builds every calendar of a site, serialising each component once.

    A calendar file is the serialised header of an ``icalendar.Calendar``
    followed by the serialised VTIMEZONEs and VEVENTs it holds and
    ``END:VCALENDAR``: the same bytes ``Calendar.to_ical()`` gives with those
    subcomponents added (a test checks it), without serialising a talk's event
    three times (site, series and talk calendars) and a time zone once per file.
    """

    def __init__(
        self,
        site: Site,
        page_url: Callable[[Talk], str] | None = None,
        known: Mapping[str, bytes] | None = None,
    ) -> None:
        self.site = site
        self._page_url = page_url or site.page_url
        self._site_repr = repr(site)
        self._events: dict[str, bytes] = {}
        #: Events serialised by an earlier build, by :meth:`event_key`; an
        #: incremental build then serialises only the talks that changed.
        self._known = known or {}
        #: The events of this build, by :meth:`event_key` (the next build's ``known``).
        self.serialised: dict[str, bytes] = {}
        self._zones: dict[tuple[str, int, int], bytes] = {}
        self._onsets: dict[str, tuple[int, int, list[Onset] | None]] = {}
        self._heads: dict[CalendarHead, bytes] = {}
        #: A build in another language writes other words: not the same events.
        self._labels = event_labels()
        #: The series, for each talk's ORGANIZER (set by :meth:`files`).
        self.series: Mapping[str, Series] = {}

    def organizer(self, talk: Talk) -> tuple[str, str] | None:
        """The ORGANIZER of a talk: its series' first organiser (none for another
        site's talk, whose series here may only share the name)."""
        return None if talk.source else organizer_of(self.series.get(talk.series))

    def event_key(self, talk: Talk, page_url: str) -> str:
        """Everything an event is made of: equal keys give equal bytes."""
        organizer = self.organizer(talk)
        data = repr(
            (
                talk,
                page_url,
                self._site_repr,
                icalendar.__version__,
                PRODID,
                self._labels,
                organizer,
                __version__,
            )
        )
        return hashlib.sha256(data.encode()).hexdigest()

    def event_bytes(self, talk: Talk) -> bytes:
        cached = self._events.get(talk.id)
        if cached is None:
            page_url = talk.url if talk.source else self._page_url(talk)
            key = self.event_key(talk, page_url)
            cached = self._known.get(key)
            if cached is None:
                organizer = self.organizer(talk)
                cached = talk_event(talk, self.site, page_url, organizer).to_ical()
            self._events[talk.id] = self.serialised[key] = cached
        return cached

    def zone_bytes(self, key: str, first_year: int, last_year: int) -> bytes:
        cache_key = (key, first_year, last_year)
        cached = self._zones.get(cache_key)
        if cached is None:
            low, high, onsets = self._onsets.get(key, (first_year, last_year, None))
            if onsets is None or first_year < low or last_year > high:
                # Transitions are computed once per zone for all the years needed
                # (see prepare_zones), not once per file.
                low, high = min(low, first_year), max(high, last_year)
                onsets = zone_onsets(key, low, high)
                self._onsets[key] = (low, high, onsets)
            # Kept with the events: the next build serialises only a zone whose
            # transitions (from this build's time zone data) or years changed.
            known_key = (
                ZONE_KEY_PREFIX
                + hashlib.sha256(
                    repr(
                        (key, first_year, last_year, onsets, icalendar.__version__, __version__)
                    ).encode()
                ).hexdigest()
            )
            cached = self._known.get(known_key)
            if cached is None:
                cached = vtimezone(key, first_year, last_year, onsets).to_ical()
            self._zones[cache_key] = self.serialised[known_key] = cached
        return cached

    def prepare_zones(self, talks: Iterable[Talk]) -> None:
        """Compute each zone's transitions once, over the years of all ``talks``."""
        for key, (low, high) in _zone_years(talks).items():
            self._onsets[key] = (low, high, zone_onsets(key, low, high))

    def head_bytes(self, head: CalendarHead) -> bytes:
        cached = self._heads.get(head)
        if cached is None:
            # Kept with the events too: each speaker, topic and series has a header
            # of its own, and serialising a few hundred of them was a tenth of an
            # incremental build.
            known_key = (
                HEAD_KEY_PREFIX
                + hashlib.sha256(
                    repr((head, icalendar.__version__, PRODID, __version__)).encode()
                ).hexdigest()
            )
            cached = self._known.get(known_key)
            if cached is None:
                raw = self.header(head).to_ical()
                assert raw.endswith(_END_CALENDAR)
                cached = raw[: -len(_END_CALENDAR)]
            self._heads[head] = self.serialised[known_key] = cached
        return cached

    @staticmethod
    def header(head: CalendarHead) -> icalendar.Calendar:
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        # NAME/DESCRIPTION (RFC 7986) and the X-WR-* forms Apple, Google and
        # Outlook read.
        # vText explicitly: icalendar does not know the X-WR-* names as text
        # and would refuse a description of several lines.
        calendar.add("name", vText(head.name))
        calendar.add("x-wr-calname", vText(head.name))
        if head.description:
            calendar.add("description", vText(head.description))
            calendar.add("x-wr-caldesc", vText(head.description))
        if head.source:
            calendar.add("source", head.source, parameters={"VALUE": "URI"})
        if head.subscribed:
            calendar.add(
                "refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"}
            )
            # vDuration explicitly: icalendar does not know X-PUBLISHED-TTL as a DURATION.
            calendar.add("x-published-ttl", vDuration(dt.timedelta(days=1)))
        return calendar

    def zones_of(self, talks: Iterable[Talk]) -> list[bytes]:
        """One VTIMEZONE per zone, covering the years of the talks, by zone name."""
        years = _zone_years(talks)
        return [self.zone_bytes(key, *years[key]) for key in sorted(years)]

    def calendar(self, head: CalendarHead, talks: Sequence[Talk]) -> bytes:
        """A whole file: header, time zones, events in the order given."""
        chunks = [self.head_bytes(head), *self.zones_of(talks)]
        chunks.extend(self.event_bytes(talk) for talk in talks)
        chunks.append(_END_CALENDAR)
        return b"".join(chunks)

    def files(
        self,
        ordered: Sequence[Talk],
        series: Mapping[str, Series],
        now: dt.datetime,
        others: Sequence[Talk] = (),
    ) -> dict[str, bytes]:
        """Every feed file: output path -> bytes (see :meth:`iter_files`)."""
        return dict(self.iter_files(ordered, series, now, others))

    def iter_files(
        self,
        ordered: Sequence[Talk],
        series: Mapping[str, Series],
        now: dt.datetime,
        others: Sequence[Talk] = (),
    ) -> Iterator[tuple[str, bytes]]:
        """Every feed file as (output path, bytes), one at a time, for talks in
        chronological order (written as they come, never all held at once).

        ``ordered`` are the talks as published (``SeminarsDomain.public_talks``);
        ``others`` the talks of other sites (``seminars_sources``), which only the
        site calendar holds (their own site has their series and talk calendars).
        """
        site = self.site
        self.series = series
        everything = sorted([*ordered, *others], key=talk_order) if others else ordered
        self.prepare_zones(everything)
        site_path = site.site_path
        yield site_path, self.calendar(
            CalendarHead(site.name, site.description, site.absolute(site_path)),
            site_window(everything, site.past_talks, now),
        )
        if site.series_feeds:
            in_series: dict[str, list[Talk]] = {}
            for talk in ordered:
                if talk.series:
                    in_series.setdefault(talk.series, []).append(talk)
            for name in sorted(in_series):
                declared = series.get(name) or Series(name=name)
                path = site.series_path(declared)
                head = CalendarHead(
                    name,
                    declared.description or site.description,
                    site.absolute(path),
                )
                yield path, self.calendar(head, in_series[name])
        single = CalendarHead(site.name, site.description, subscribed=False)
        for talk in ordered:
            yield site.talk_feed(talk.id), self.calendar(single, [talk])


def _zone_years(talks: Iterable[Talk]) -> dict[str, tuple[int, int]]:
    """The first and last year of the talks in each IANA zone."""
    years: dict[str, tuple[int, int]] = {}
    for talk in talks:
        key = iana_zone(talk)
        if key is None:
            continue
        assert talk.end is not None
        low, high = talk.start.year, talk.end.year
        if key in years:
            low, high = min(low, years[key][0]), max(high, years[key][1])
        years[key] = (low, high)
    return years


def site_window(ordered: Sequence[Talk], past_talks: int, now: dt.datetime) -> list[Talk]:
    """The talks of the site feed: the newest ``past_talks`` plus every upcoming one.

    The window is counted back from the newest talk, not from today, so the feed
    does not change from one day to the next.  A talk still ahead of the build's
    "now" is added even when the window leaves it out, which only happens when
    more than ``past_talks`` talks are ahead (a subscriber must never lose an
    upcoming talk).  A negative ``past_talks`` keeps every talk.
    """
    if past_talks < 0:
        return list(ordered)
    first = max(0, len(ordered) - past_talks)
    return [talk for index, talk in enumerate(ordered) if index >= first or not talk.is_past(now)]


# -- files ---------------------------------------------------------------------------


def _is_ours(path: Path) -> bool:
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception:  # whatever cannot be read as a calendar is not one of ours
        return False
    return str(calendar.get("PRODID", "")) == PRODID


#: Serialised events of the last build, next to Sphinx's own environment pickle.
EVENT_CACHE = "seminars-events.pickle"


#: Read and written by the shared mechanism of :mod:`.cache` (the exports keep theirs too).
read_event_cache = read_cache
write_event_cache = write_cache


def write_files(
    outdir: Path, files: Mapping[str, bytes], folders: Iterable[str]
) -> tuple[int, int]:
    """Write the calendars whose bytes changed; remove our stale ones in ``folders``.

    A stale ``.ics`` is removed only when it is one of ours (its PRODID says
    so), so files a site copies into the same folders are left alone.
    Returns (written, removed).
    """
    site = Site(outdir=outdir)
    return site.write(files), site.remove_stale(files, folders, "*.ics", _is_ours)


def own_uids_left_out(domain: SeminarsDomain, site: Site, ordered: Sequence[Talk]) -> list[Talk]:
    """The other sites' talks, less those giving the UID of a talk of this site: a
    source may not take over an event subscribers hold (its own talks.json, say)."""
    local = {f"{talk.id}@{site.identity}" for talk in ordered}
    kept: list[Talk] = []
    for talk in remote_talks(domain):
        if talk.uid not in local:
            kept.append(talk)
            continue
        source = configured(domain).get(talk.source)
        where = f" ({source.location})" if source is not None else ""
        warn(
            Subtype.BAD_REMOTE_TALK,
            f"seminars_sources[{talk.source!r}]{where}: talk {talk.id!r} has the calendar UID "
            f"of a talk of this site ({talk.uid!r}) and is left out of the site calendar; is "
            "the source this site's own talks.json?",
            None,
        )
    return kept


def write_calendars(
    site: Site,
    domain: SeminarsDomain,
    cache: Path,
    enabled: bool,
    more: Callable[[FeedSet], Iterable[tuple[str, bytes]]] | None = None,
) -> list[str]:
    """Write every calendar whose bytes changed; remove ours no longer made; return
    the paths of all of them.

    With ``enabled`` false (feeds switched off since the last build) the files
    of the last build go, as a clean build would leave none. ``more`` gives
    further calendars made with the same :class:`FeedSet`.
    """
    if not enabled:
        write_files(site.outdir, {}, site.feed_folders)
        return []
    if not site.base_url:
        logger.info(
            __(
                "seminars: neither html_baseurl nor READTHEDOCS_CANONICAL_URL is set; "
                "calendar events have no URL and talk pages no subscribe links"
            )
        )
    feeds = FeedSet(site, known=read_event_cache(cache))
    ordered = domain.public_talks()
    files = feeds.iter_files(
        ordered, domain.all_series, domain.now(), own_uids_left_out(domain, site, ordered)
    )
    # Other calendars of the same talks (topics, speakers, listings): the same events.
    everything = itertools.chain(files, more(feeds)) if more is not None else files
    paths: list[str] = []
    written = 0
    for path, data in everything:
        # One file at a time: a thousand calendars are never in memory together.
        written += site.write({path: data})
        paths.append(path)
    removed = site.remove_stale(paths, site.feed_folders, "*.ics", _is_ours)
    write_event_cache(cache, feeds.serialised)
    logger.verbose("seminars: %d calendar files written, %d removed", written, removed)
    return paths
