"""The seminar archive's data model: plain, picklable, free of docutils and Sphinx.

Talks are stored as the author wrote them (:class:`Talk` with possibly naive
times) and *resolved* once every document has been read, because a talk's time
zone, room and online link may come from a series declared in another document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Placeholder authors write for a title or speaker that is not known yet.
TBA = "TBA"


class Status(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class LinkKind(StrEnum):
    """The links a talk can carry, in the order the links row shows them."""

    ARXIV = "arxiv"
    DOI = "doi"
    PDF = "pdf"
    SLIDES = "slides"
    VIDEO = "video"
    CODE = "code"
    URL = "url"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    affiliation: str = ""

    @property
    def is_tba(self) -> bool:
        return self.name.upper() == TBA


@dataclass(frozen=True, slots=True)
class Link:
    kind: LinkKind
    #: An absolute http(s)/mailto URL, or a path relative to the talk's document.
    target: str
    #: True when ``target`` is a file of the site (copied like ``:download:``).
    local: bool = False
    #: The identifier the link was made from (an arXiv id or a DOI), for labels.
    ident: str = ""


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper behind a talk, written in the sources (builds are offline)."""

    title: str
    authors: tuple[str, ...] = ()
    year: str = ""
    venue: str = ""
    links: tuple[Link, ...] = ()
    abstract: str = ""


@dataclass(frozen=True, slots=True)
class Talk:
    id: str
    title: str
    docname: str
    lineno: int
    #: HTML anchor of the talk inside its document.
    anchor: str
    #: Naive (local, zone not yet known) or aware; a date-only start is ``all_day``.
    start: dt.datetime
    end: dt.datetime | None = None
    duration: dt.timedelta | None = None
    all_day: bool = False
    #: IANA zone name the author gave (or the resolved one, once resolved).
    timezone: str | None = None
    speakers: tuple[Person, ...] = ()
    location: str = ""
    online: str = ""
    series: str = ""
    event: str = ""
    tags: tuple[str, ...] = ()
    joint_with: tuple[str, ...] = ()
    status: Status = Status.SCHEDULED
    links: tuple[Link, ...] = ()
    papers: tuple[Paper, ...] = ()
    #: Plain text of the abstract and bio (math kept as its source), for feeds.
    abstract: str = ""
    bio: str = ""
    resolved: bool = False
    #: Set by resolution when the written end, once in the talk's zone, was not
    #: after the start (and the default length was used instead).
    end_dropped: bool = False
    #: For a talk of another site (``seminars_sources``): the source's name, the
    #: talk's own page (absolute http(s) URL, or "") and its calendar UID there.
    source: str = ""
    url: str = ""
    uid: str = ""

    #: What the online link is: "livestream", "interactive" or "" (not said).
    online_mode: str = ""
    #: Where to register (an http(s) or mailto URL), and by when (ISO 8601 text).
    registration: str = ""
    registration_deadline: str = ""
    #: The meeting's passcode: never published unless the site opts in
    #: (``seminars_show_passcodes``); see ``ext/private.py``.
    passcode: str = ""
    #: The card image (a file of the site or an http(s) URL).
    image: Link | None = None
    #: A one- or two-sentence summary, for cards and feeds (plain text).
    summary: str = ""
    #: The key of the venue ``location`` named (set at resolution, when
    #: ``location`` is replaced by the venue's full address).
    venue: str = ""
    #: The venue's (latitude, longitude), set with ``venue``.
    geo: tuple[float, float] | None = None

    #: ``seminar``, ``colloquium``... (see ``parsing.KINDS``), or "".
    kind: str = ""
    #: A BCP 47 tag (``it``, ``pt-BR``), or "" (the site's language).
    language: str = ""
    #: ``general``, ``graduate``, ``specialist``, or "".
    audience: str = ""

    @property
    def is_tba(self) -> bool:
        return self.title.upper() == TBA

    @property
    def speaker_names(self) -> str:
        return ", ".join(p.name for p in self.speakers)

    def is_past(self, now: dt.datetime) -> bool:
        """A talk is past once its end is over (``now`` must be aware)."""
        assert self.resolved and self.end is not None
        return self.end <= now

    @property
    def multi_day(self) -> bool:
        assert self.end is not None
        if self.all_day:
            return (self.end - self.start) > dt.timedelta(days=1)
        return self.end.date() != self.start.date()

    @property
    def last_day(self) -> dt.date:
        """The last calendar day of the talk (all-day ends are exclusive)."""
        assert self.end is not None
        if self.all_day:
            return (self.end - dt.timedelta(days=1)).date()
        return self.end.date()


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    description: str = ""
    organisers: tuple[str, ...] = ()
    timezone: str | None = None
    location: str = ""
    online: str = ""
    #: The usual weekday and time, free text ("Mondays, 16:00").
    schedule: str = ""
    #: Hide the online link of a talk once it is over (private meeting rooms).
    hide_online_after: bool = False
    docname: str = ""
    lineno: int = 0
    #: Set once every series is known, when another series' name has the same
    #: slug (see :func:`unique_slugs`).
    unique_slug: str = ""
    #: Per organiser (same order as ``organisers``): ``mailto:`` + e-mail, an
    #: http(s) page, or "".
    organiser_links: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.unique_slug or slugify(self.name)


class When(StrEnum):
    ALL = "all"
    UPCOMING = "upcoming"
    PAST = "past"


@dataclass(frozen=True, slots=True)
class ListingQuery:
    """The filters of a ``talks`` listing; empty fields do not filter."""

    series: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    when: When = When.ALL
    status: tuple[Status, ...] = ()
    limit: int | None = None
    reverse: bool = False
    #: Which sources of ``seminars_sources`` to include: None all, () none.
    sources: tuple[str, ...] | None = None
    #: ``:kind:``, ``:language:`` (BCP 47; ``en`` also takes ``en-GB``), ``:audience:``.
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()

    def matches(self, talk: Talk, now: dt.datetime, key: SpeakerKeys) -> bool:
        if self.series and talk.series not in self.series:
            return False
        if self.event and talk.event not in self.event:
            return False
        if self.speaker:
            wanted = {key(name) for name in self.speaker}
            if not any(key(p.name) in wanted for p in talk.speakers):
                return False
        if self.tags and not set(self.tags) & set(talk.tags):
            return False
        day = talk.start.date()
        if self.year and day.year not in self.year:
            return False
        if self.since and talk.last_day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if self.status and talk.status not in self.status:
            return False
        if self.kinds and talk.kind not in self.kinds:
            return False
        if self.audiences and talk.audience not in self.audiences:
            return False
        if self.languages and not self._language_matches(talk.language):
            return False
        if self.when is When.UPCOMING and talk.is_past(now):
            return False
        return not (self.when is When.PAST and not talk.is_past(now))

    def _language_matches(self, language: str) -> bool:
        """``en`` matches ``en`` and ``en-GB``; ``en-GB`` only itself. A talk without a
        ``:language:`` matches when ``languages`` holds "" (put there when the site's
        language is one of those asked for)."""
        if not language:
            return "" in self.languages
        tag = language.lower()
        return any(
            tag == wanted.lower() or tag.startswith(wanted.lower() + "-")
            for wanted in self.languages
        )

    def select(self, talks: Iterable[Talk], now: dt.datetime, key: SpeakerKeys) -> list[Talk]:
        chosen = sorted((t for t in talks if self.matches(t, now, key)), key=talk_order)
        if self.reverse:
            chosen.reverse()
        if self.limit is not None:
            chosen = chosen[: self.limit]
        return chosen


def talk_order(talk: Talk) -> tuple[dt.datetime, str]:
    """Chronological order, ties broken by id so every build sorts alike."""
    return (talk.start.astimezone(dt.UTC), talk.id)


# -- names ------------------------------------------------------------------


# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ß": "ss",
    }
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent- and case-insensitive form of a name ("Zdeborová" ~ "ZDEBOROVA")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


#: Longer slugs are cut and told apart by a hash (file names have a limit).
SLUG_LENGTH = 80


def slugify(text: str) -> str:
    """An ASCII slug for file names and anchors; never empty, never too long."""
    folded = fold(text)
    slug = _SLUG_JUNK.sub("-", folded).strip("-")
    if not slug or any(c.isalnum() and not c.isascii() for c in folded):
        # Letters the ASCII slug drops (张伟, Иван) would merge different
        # names into one; a hash of the whole name keeps them apart.
        digest = hashlib.sha1(folded.encode(), usedforsecurity=False).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else digest
    if len(slug) > SLUG_LENGTH:
        digest = hashlib.sha1(slug.encode(), usedforsecurity=False).hexdigest()[:8]
        slug = f"{slug[: SLUG_LENGTH - 9].rstrip('-')}-{digest}"
    return slug


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A slug per name, unique among ``names`` (file names of pages and feeds).

    Names whose slugs collide ("C++ seminars" and "C seminars") are taken in
    sorted order: the first keeps the plain slug, each other one gets a suffix
    made from a hash of its own name. The result depends only on the set of
    names, never on the order documents are read in.
    """
    groups: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        groups.setdefault(slugify(name), []).append(name)
    result = {group[0]: base for base, group in groups.items()}
    taken = set(groups)
    for base, group in sorted(groups.items()):
        for name in group[1:]:
            digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()
            length = 6
            while f"{base}-{digest[:length]}" in taken and length < len(digest):
                length += 2
            slug = f"{base}-{digest[:length]}"
            taken.add(slug)
            result[name] = slug
    return result


class SpeakerKeys:
    """Maps a written name to the key that identifies the person.

    ``aliases`` maps variants to canonical names ({"Lenka Zdeborova": "Lenka
    Zdeborová"}); names are compared after :func:`fold`.
    """

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self._aliases = {fold(k): v for k, v in (aliases or {}).items()}
        # Names repeat across thousands of talks; folding is the costly part.
        self._canonical: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        found = self._canonical.get(name)
        if found is None:
            found = self._canonical[name] = self._aliases.get(fold(name), name)
        return found

    def __call__(self, name: str) -> str:
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = slugify(self.canonical(name))
        return found


def surname_key(name: str, sort_as: object = None) -> tuple[str, str]:
    """Sort by surname (the last word unless ``sort_as`` is given), then full name.

    ``sort_as`` comes from a data file: anything but a non-blank string is ignored.
    """
    if isinstance(sort_as, str) and sort_as.strip():
        return (fold(sort_as), fold(name))
    words = name.split()
    return (fold(words[-1]) if words else "", fold(name))


# -- resolution ---------------------------------------------------------------


_FIXED_OFFSET = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$", re.ASCII)


def zone(name: str) -> dt.tzinfo:
    """The tzinfo of an IANA name, or of a fixed offset written as "UTC+02:00"."""
    fixed = _FIXED_OFFSET.match(name)
    if fixed and int(fixed[2]) < 24 and int(fixed[3]) < 60:
        sign = -1 if fixed[1] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(fixed[2]), minutes=int(fixed[3])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return dt.UTC


def offset_name(offset: dt.timedelta) -> str:
    """The zone name for a fixed offset (kept exact rather than guessed as a place)."""
    if not offset:
        return "UTC"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def resolve_talk(
    talk: Talk,
    series: Series | None,
    site_timezone: str,
    default_duration: dt.timedelta,
) -> Talk:
    """Fill in what the series and site give, make times aware and set the end."""
    if talk.resolved:
        return talk
    zone_name = talk.timezone or (series.timezone if series else None) or site_timezone
    if talk.start.tzinfo is not None:
        offset = talk.start.utcoffset()
        zone_name = (
            zone_name
            if zone(zone_name).utcoffset(talk.start.replace(tzinfo=None)) == offset
            else offset_name(offset or dt.timedelta(0))
        )
    tz = zone(zone_name)

    def aware(value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            # Through UTC, so a local time a DST change skips becomes the instant
            # clocks show after the jump (see local_time_problem).
            value = value.replace(tzinfo=tz).astimezone(dt.UTC)
        return value.astimezone(tz)

    def after(moment: dt.datetime, length: dt.timedelta) -> dt.datetime:
        # Elapsed time, not wall time: a 1h talk across a DST change lasts 1h.
        return (moment.astimezone(dt.UTC) + length).astimezone(tz)

    start = aware(talk.start)
    if talk.end is not None:
        end = aware(talk.end)
    elif talk.all_day:
        end = start + (talk.duration or dt.timedelta(days=1))
    else:
        end = after(start, talk.duration or default_duration)
    # In UTC: Python compares two times of one zone by their clock reading, fold ignored.
    dropped = end.astimezone(dt.UTC) <= start.astimezone(dt.UTC)
    if dropped:
        end = start + dt.timedelta(days=1) if talk.all_day else after(start, default_duration)
    if talk.all_day:
        # Whole days are calendar days in the talk's zone, whatever the offset.
        end = max(end, start + dt.timedelta(days=1))
    return dataclasses.replace(
        talk,
        start=start,
        end=end,
        timezone=zone_name,
        location=talk.location or (series.location if series else ""),
        online=talk.online or (series.online if series else ""),
        resolved=True,
        end_dropped=dropped,
    )


def local_time_problem(local: dt.datetime, zone_name: str) -> str | None:
    """What is wrong with a naive local time in a zone: skipped or repeated by a
    DST change (the message says which instant is used), or None."""
    if local.tzinfo is not None:
        return None
    tz = zone(zone_name)
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    written = local.strftime("%Y-%m-%d %H:%M")
    used = first.astimezone(dt.UTC).astimezone(tz)
    shown = f"{used:%H:%M} {used.tzname()} ({used.astimezone(dt.UTC):%H:%M} UTC)"
    if used.replace(tzinfo=None) != local:
        return (
            f"{written} does not exist in {zone_name} (clocks skip it for daylight saving "
            f"time); {shown} is used; write the time clocks show"
        )
    return (
        f"{written} happens twice in {zone_name} (clocks go back); the first, {shown}, "
        "is used; give the offset to choose ('2022-10-30T02:30:00+01:00')"
    )


def public_view(talk: Talk, series: Series | None, now: dt.datetime) -> Talk:
    """The talk as published: a series that hides its private meeting link once a
    talk is over (``hide-online-after``) has it left out of every output then."""
    if talk.online and series is not None and series.hide_online_after and talk.is_past(now):
        return dataclasses.replace(talk, online="")
    return talk


@dataclass(slots=True)
class Problem:
    """Something wrong with the input: a warning's subtype, message and line."""

    subtype: str
    message: str
    #: The option the problem is in, so the warning can point at its line.
    option: str | None = None
