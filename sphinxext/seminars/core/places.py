"""Venues, online access and the media of a talk: their parsers, pure.

A venue is declared once (``venue`` directive or ``seminars_venues``) under a
key; a talk whose ``:location:`` is that key takes the venue's name, room and
address. Online access says what the link is (``livestream`` or
``interactive``), whether registration is needed and, privately, the meeting's
passcode. The media of a talk are its card ``:image:`` and the files shown
once it is over (``:recording:``, ``:slides:``).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .model import Link, LinkKind, Problem, Talk
from .parsing import InvalidValue, clean_block, clean_text, parse_url
from .subtypes import Subtype

# -- venues ---------------------------------------------------------------------

#: The keys of a venue, in the order pages show them.
VENUE_KEYS: tuple[str, ...] = (
    "name",
    "room",
    "address",
    "city",
    "country",
    "coordinates",
    "map",
    "accessibility",
    "phone",
)

#: What a venue key looks like.
VENUE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$", re.ASCII)
_COORDINATES = re.compile(r"^\s*([+-]?\d{1,3}(?:\.\d+)?)\s*[,;]\s*([+-]?\d{1,3}(?:\.\d+)?)\s*$")
_PHONE = re.compile(r"^\+?[0-9 ().\-/]{3,40}$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Venue:
    """A place talks happen in, declared once under a ``key``."""

    key: str
    name: str = ""
    room: str = ""
    address: str = ""
    city: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    #: An http(s) map link as written; see :attr:`map_url` for the one shown.
    map: str = ""
    accessibility: str = ""
    phone: str = ""
    docname: str = ""
    lineno: int = 0

    @property
    def title(self) -> str:
        """What a page calls the venue: its name, else its room, else its key."""
        return self.name or self.room or self.key

    @property
    def lines(self) -> tuple[str, ...]:
        """Room, name, street, city and country: the parts of the full address."""
        return tuple(p for p in (self.room, self.name, self.address, self.city, self.country) if p)

    @property
    def text(self) -> str:
        """The full address on one line ("Room 508, UniGe DIMA, Via Dodecaneso 35, ...")."""
        return ", ".join(self.lines)

    @property
    def map_url(self) -> str:
        """The ``map`` link, else an OpenStreetMap link made from the coordinates."""
        if self.map:
            return self.map
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        query = urlencode({"mlat": lat, "mlon": lon})
        return f"https://www.openstreetmap.org/?{query}#map=18/{lat}/{lon}"


def parse_venue_key(text: str) -> str:
    key = text.strip()
    if not VENUE_KEY.match(key):
        raise InvalidValue(
            Subtype.BAD_VENUE,
            f"invalid venue key {clean_text(key)[:80]!r}; use letters, digits, '-', '_' and "
            "'.', such as 'dima-508'",
        )
    return key


def parse_coordinates(text: str) -> tuple[float, float]:
    """``"44.4029, 8.9582"``: latitude then longitude, in degrees."""
    match = _COORDINATES.match(text)
    message = (
        f"cannot read coordinates {clean_text(text)[:80]!r}; write latitude and longitude "
        "in degrees, such as '44.4029, 8.9582'"
    )
    if not match:
        raise InvalidValue(Subtype.BAD_VENUE, message)
    lat, lon = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidValue(
            Subtype.BAD_VENUE,
            f"coordinates {clean_text(text)!r} are out of range (latitude -90..90, longitude "
            "-180..180); write latitude first, such as '44.4029, 8.9582'",
        )
    return lat, lon


def parse_phone(text: str) -> str:
    phone = clean_text(text)
    if not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3:
        raise InvalidValue(
            Subtype.BAD_VENUE,
            f"cannot read phone number {phone[:80]!r}; write digits with an optional '+' "
            "and spaces, such as '+39 010 353 6939'",
        )
    return phone


def web_url(text: str, what: str, subtype: str = Subtype.BAD_VENUE) -> str:
    """An http(s) URL (never a file, nor mailto)."""
    try:
        link = parse_url(text, allow_local=False)
    except InvalidValue as error:
        raise InvalidValue(error.subtype, f"{what}: {error.message}") from None
    if not link.target.lower().startswith(("https://", "http://")):
        raise InvalidValue(subtype, f"{what} {text.strip()!r} must be an http(s) URL")
    return link.target


def venue_from_options(
    key: str, options: Mapping[str, Any], *, docname: str = "", lineno: int = 0
) -> tuple[Venue | None, list[Problem]]:
    """A venue from its key and options; bad values are left out and reported.

    Returns ``None`` only for an unusable key. Unknown options are the
    caller's to report (a directive and a config dict say it differently).
    """
    problems: list[Problem] = []
    try:
        key = parse_venue_key(key)
    except InvalidValue as error:
        return None, [Problem(error.subtype, error.message, None)]

    def text(name: str) -> str:
        value = options.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            problems.append(
                Problem(
                    Subtype.BAD_VENUE, f"'{name}' must be text, not {type(value).__name__}", name
                )
            )
            return ""
        return clean_text(value)

    latitude = longitude = None
    if text("coordinates"):
        try:
            latitude, longitude = parse_coordinates(text("coordinates"))
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, "coordinates"))
    map_link = ""
    if text("map"):
        try:
            map_link = web_url(text("map"), "map")
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, "map"))
    phone = ""
    if text("phone"):
        try:
            phone = parse_phone(text("phone"))
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, "phone"))
    accessibility = options.get("accessibility")
    venue = Venue(
        key=key,
        name=text("name"),
        room=text("room"),
        address=text("address"),
        city=text("city"),
        country=text("country"),
        latitude=latitude,
        longitude=longitude,
        map=map_link,
        accessibility=clean_block(accessibility) if isinstance(accessibility, str) else "",
        phone=phone,
        docname=docname,
        lineno=lineno,
    )
    if accessibility is not None and not isinstance(accessibility, str):
        problems.append(
            Problem(
                Subtype.BAD_VENUE,
                f"'accessibility' must be text, not {type(accessibility).__name__}; quote it",
                "accessibility",
            )
        )
    if not venue.lines:
        problems.append(
            Problem(
                Subtype.BAD_VENUE,
                f"venue {key!r} has no name, room nor address; add ':name:' or ':address:'",
                None,
            )
        )
    return venue, problems


def venue_records(records: Any) -> tuple[dict[str, Venue], list[str]]:
    """``seminars_venues``: the venues by key, and a message per problem (sorted by key)."""
    venues: dict[str, Venue] = {}
    messages: list[str] = []
    if not isinstance(records, dict):
        return venues, ["seminars_venues must be a dict of venue keys to dicts"]
    for key in sorted(records, key=str):
        where = f"seminars_venues[{key!r}]"
        raw = records[key]
        if not isinstance(raw, dict):
            messages.append(
                f"{where} must be a dict such as {{'name': ..., 'address': ..., 'city': ...}}"
            )
            continue
        for name in raw:
            if str(name) in VENUE_KEYS:
                continue
            close = difflib.get_close_matches(str(name).replace("_", "-"), VENUE_KEYS, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(VENUE_KEYS)
            )
            messages.append(f"{where}: unknown key {str(name)!r} is ignored; {hint}")
        venue, problems = venue_from_options(str(key), raw)
        messages.extend(f"{where}: {problem.message}" for problem in problems)
        if venue is not None:
            venues[venue.key] = venue
    return venues, messages


def check_venue_records(records: Any) -> list[str]:
    """What is wrong in ``seminars_venues``."""
    return venue_records(records)[1]


def at_venue(talk: Talk, venues: Mapping[str, Venue]) -> Talk:
    """A resolved talk whose ``location`` is a venue key: ``venue`` holds the key and
    ``location`` the venue's full address (what calendars and exports show)."""
    venue = venues.get(talk.location.strip()) if talk.location else None
    if venue is None or talk.venue:
        return talk
    geo = (
        (venue.latitude, venue.longitude)
        if venue.latitude is not None and venue.longitude is not None
        else None
    )
    return dataclasses.replace(talk, venue=venue.key, location=venue.text or venue.key, geo=geo)


def near_venue(location: str, keys: Iterable[str]) -> str | None:
    """The venue key a free-text ``:location:`` looks like a typo of, else None.

    "DIMA-508" or "dima508" for the key ``dima-508``: close enough to be meant,
    so the author is told (the text stays free text, never silently the venue).
    Long text (a whole address) is never compared.
    """
    text = location.strip()
    if not text or len(text) > 80 or " " in text:
        return None
    keys = sorted(keys)
    folded = {key.casefold(): key for key in keys}
    if text.casefold() in folded:
        return folded[text.casefold()]
    squeezed = {re.sub(r"[._-]", "", key.casefold()): key for key in keys}
    plain = re.sub(r"[._-]", "", text.casefold())
    if plain in squeezed:
        return squeezed[plain]
    close = difflib.get_close_matches(text, keys, n=1, cutoff=0.85)
    return close[0] if close else None


# -- attendance -------------------------------------------------------------------

#: Words of a ``:location:`` that name a way to meet online, not a place. A
#: location made only of these (and punctuation) is an online-only talk:
#: "Online (Zoom)", "Zoom", "Microsoft Teams", "online via Webex".
ONLINE_WORDS = frozenset(
    """online virtual remote remotely webinar web stream streaming streamed livestream
    live zoom teams microsoft webex cisco google meet jitsi skype bigbluebutton bbb
    gotomeeting discord gather via on only and or the by""".split()
)
ONLINE_SIGNS = frozenset(
    """online virtual remote remotely webinar zoom teams webex meet jitsi skype
    bigbluebutton gotomeeting livestream streaming stream streamed""".split()
)


def _is_http(text: str) -> bool:
    return bool(re.match(r"^https?://[^/\s]", text, re.IGNORECASE))


def is_online_location(location: str) -> bool:
    """Whether a ``:location:`` names no place, only an online meeting.

    True for an http(s) URL, and for text made only of words such as
    "online", "Zoom", "Teams", "via" (:data:`ONLINE_WORDS`) with at least one
    that says "online" by itself; "Room 508 / Zoom" names a room, so it is not.
    """
    text = location.strip()
    if not text:
        return False
    if _is_http(text):
        return True
    words = set(re.findall(r"[^\W_]+", text.casefold()))
    return bool(words) and words <= ONLINE_WORDS and bool(ONLINE_SIGNS & words)


#: How a talk is attended, as pages, listings and exports say it.
ATTENDANCE = ("in-person", "online", "hybrid")


def attendance(location: str, online: str) -> str:
    """``in-person``, ``online``, ``hybrid``, or "" when the talk says neither."""
    place = bool(location.strip()) and not is_online_location(location)
    remote = bool(online.strip()) or (bool(location.strip()) and not place)
    if place and remote:
        return "hybrid"
    if remote:
        return "online"
    return "in-person" if place else ""


# -- media ------------------------------------------------------------------------

VIDEO_SUFFIXES = (".mp4", ".webm", ".ogv", ".m4v", ".mov")


def is_local_video(link: Link) -> bool:
    return (
        link.local and link.kind is LinkKind.VIDEO and link.target.lower().endswith(VIDEO_SUFFIXES)
    )


def is_local_pdf(link: Link) -> bool:
    return link.local and link.target.lower().endswith(".pdf")


def file_size_text(size: int) -> str:
    """A file size the way a link shows it: ``840 kB``, ``2.4 MB`` (decimal units)."""
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            break
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
