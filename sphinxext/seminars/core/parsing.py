"""Option strings to model values, with a precise complaint for each bad one.

Every parser takes the text an author wrote and returns a model value, or
raises :class:`InvalidValue` (and nothing else) with a warning subtype and a
message that says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import datetimes
from .model import Link, LinkKind, Paper, Person, Problem, Status, Talk
from .subtypes import Subtype

T = TypeVar("T")


class InvalidValue(ValueError):
    def __init__(self, subtype: str, message: str) -> None:
        super().__init__(message)
        self.subtype = subtype
        self.message = message


# -- text -------------------------------------------------------------------

# Control characters have no place in a name or title and are invalid in
# iCalendar and XML; format characters (joiners, bidi marks) are kept, since
# emoji sequences and right-to-left names need them.
_INVISIBLE_MARKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """One line of text: control characters dropped, white space folded."""
    return " ".join(_INVISIBLE_MARKS.sub("", text).split())


def clean_block(text: str) -> str:
    """Text of several lines (abstracts): control characters dropped, lines kept."""
    return _INVISIBLE_MARKS.sub("", text).strip()


# -- lists and people -------------------------------------------------------


def split_outside_parens(text: str, sep: str) -> list[str]:
    """Split on ``sep`` except inside (), [] — affiliations may hold separators."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        if char == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_words(text: str) -> tuple[str, ...]:
    """Words (tags) separated by ``,`` or ``;``, stripped, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(w for w in map(clean_text, text.replace(";", ",").split(",")) if w))


# Words that say a comma-separated part is a place, not a person.
_INSTITUTION_WORDS = (
    "univ", "institut", "istitut", "college", "school", "department", "dept", "dipartimento",
    "laborator", "lab", "center", "centre", "centro", "academy", "accademia", "politecnico",
    "polytechn", "hospital", "ospedale", "foundation", "fondazione", "company", "inc", "ltd",
    "gmbh", "corporation", "research", "ricerca", "faculty", "facolt", "cnrs", "inria",
)  # fmt: skip
_DASHES = (" - ", " \u2013 ", " \u2014 ", " \u2012 ")


def _is_place(text: str) -> bool:
    words = [w.strip(".").casefold() for w in text.split()]
    return any(w.startswith(_INSTITUTION_WORDS) for w in words) or "of" in words


def _looks_like_name(text: str) -> bool:
    """One to five capitalised words, none naming a place: ``Ada Lovelace``."""
    words = text.split()
    return 0 < len(words) <= 5 and all(w[0].isupper() for w in words) and not _is_place(text)


def _and_split(piece: str) -> list[str]:
    """``and B`` / ``& B`` at the start of a comma part, or ``A and B`` inside one."""
    words = piece.split()
    for joiner in ("and", "&", "e", "und", "et"):
        if len(words) > 1 and words[0] == joiner:
            return [" ".join(words[1:])]
    for joiner in (" and ", " & "):
        if joiner in f" {piece} " and "(" not in piece:
            parts = [p.strip() for p in piece.split(joiner.strip()) if p.strip()]
            if len(parts) > 1 and all(_looks_like_name(p) for p in parts):
                return parts
    return [piece]


def read_people(
    text: str, option: str, *, affiliations: bool = True
) -> tuple[list[str], list[Problem]]:
    """A ``;``-separated person list, with the habits of other lists understood.

    * ``A, B, and C`` or ``A, B, C`` (two or more commas, or ``, and``): several
      people, read as if written ``A; B; C`` (unless the parts after the first
      name are places: ``Name, Department, University``);
    * ``Name - Affiliation`` (hyphen, en or em dash between spaces) and, for
      speakers, ``Name, Affiliation``: a name and an affiliation, read as
      ``Name (Affiliation)``.

    Each such reading is reported (subtype ``people-list``) with the form to
    write. Returns the people as ``Name`` or ``Name (Affiliation)`` strings.
    """
    people: list[str] = []
    problems: list[Problem] = []
    for part in split_outside_parens(text, ";"):
        part = clean_text(part)
        if not part:
            continue
        pieces = split_outside_parens(part, ",")
        several = [q for piece in pieces for q in _and_split(piece)]
        joined_by_and = len(several) > len(pieces) or any(
            piece.split()[0] in ("and", "&") for piece in pieces[1:] if piece.split()
        )
        plain_rest = [p for p in pieces[1:] if "(" not in p]
        rest_are_places = bool(plain_rest) and all(_is_place(p) for p in plain_rest)
        each_affiliated = len(pieces) > 1 and all(p.endswith(")") for p in pieces)
        if (
            len(several) > 1
            and (len(pieces) >= 3 or joined_by_and or each_affiliated or not affiliations)
            and not (affiliations and rest_are_places and not joined_by_and)
        ):
            found = [_dash_person(p, option, problems, report=False) for p in several]
            problems.append(
                Problem(
                    "people-list",
                    f"read ':{option}: {_short(part)}' as {len(found)} people; separate "
                    f"people with ';': '{_short('; '.join(found))}'",
                    option,
                )
            )
            people.extend(found)
            continue
        if len(pieces) > 1 and affiliations and "(" not in part:
            name, place = pieces[0], ", ".join(pieces[1:])
            meant = f"{name} ({place})"
            problems.append(
                Problem(
                    "people-list",
                    f"read ':{option}: {_short(part)}' as a name and an affiliation; write "
                    f"'{_short(meant)}' (or, for several people, separate them with ';')",
                    option,
                )
            )
            people.append(meant)
            continue
        people.append(_dash_person(part, option, problems, report=True))
    return people, problems


def _short(text: str, limit: int = 160) -> str:
    """Text quoted in a message, cut on hostile sizes."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _dash_person(part: str, option: str, problems: list[Problem], *, report: bool) -> str:
    """``Name - Affiliation`` → ``Name (Affiliation)`` (reported), else ``part``."""
    if "(" in part:
        return part
    for dash in _DASHES:
        name, found, place = part.partition(dash)
        if found and name.strip() and place.strip():
            meant = f"{name.strip()} ({place.strip()})"
            if report:
                problems.append(
                    Problem(
                        "people-list",
                        f"read ':{option}: {_short(part)}' as a name and an affiliation; "
                        f"write '{_short(meant)}'",
                        option,
                    )
                )
            return meant
    return part


def parse_people(text: str) -> tuple[str, ...]:
    """A ``;``-separated list of names (co-authors, organisers)."""
    return tuple(dict.fromkeys(p for p in map(clean_text, split_outside_parens(text, ";")) if p))


def parse_person(text: str) -> Person:
    """``Name (Affiliation)``; the affiliation is the last balanced group.

    ``Ada Lovelace (University of London (UCL))`` gives the affiliation
    ``University of London (UCL)``.
    """
    text = clean_text(text)
    if not text:
        raise InvalidValue("bad-speaker", "empty speaker; write 'Name (Affiliation)'")
    if text.count("(") != text.count(")"):
        raise InvalidValue(
            "bad-speaker",
            f"unbalanced parentheses in speaker {text!r}; write 'Name (Affiliation)'",
        )
    if not text.endswith(")"):
        return Person(text)
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                name, affiliation = text[:index].strip(), text[index + 1 : -1].strip()
                if not name:
                    raise InvalidValue(
                        "bad-speaker",
                        f"speaker {text!r} has an affiliation but no name; "
                        "write 'Name (Affiliation)'",
                    )
                return Person(name, affiliation)
    return Person(text)  # pragma: no cover - balanced text always returns above


def parse_speakers(text: str) -> tuple[Person, ...]:
    """Several speakers separated by ``;``."""
    people = tuple(parse_person(part) for part in split_outside_parens(text, ";"))
    if not people:
        raise InvalidValue("bad-speaker", "empty speaker list; write 'Name (Affiliation)'")
    return people


# -- dates and times --------------------------------------------------------

#: Years a talk may have (see :data:`.datetimes.YEARS`).
YEARS = datetimes.YEARS
_DURATION = re.compile(
    r"^(?:(?P<d>\d{1,3}(?:\.\d+)?)\s*(?:days?|d)\s*)?"
    r"(?:(?P<h>\d{1,4}(?:\.\d+)?)\s*(?:hours?|hrs?|h)\s*)?"
    r"(?:(?P<m>\d{1,6})\s*(?:minutes?|mins?|m)?)?$",
    re.IGNORECASE | re.ASCII,
)


def read_start(
    text: str, *, order: str = "dmy", locale: str | None = None, span: bool = False
) -> datetimes.Reading:
    """``:date:`` through the shared reader (:mod:`.datetimes`); ``span`` also
    takes a time range (``4:00 pm - 5:00 pm``, its end in ``Reading.end``)."""
    read = datetimes.read_span if span else datetimes.read_datetime
    return _read_date(read, text, order=order, locale=locale)


def parse_start(
    text: str, *, order: str = "dmy", locale: str | None = None
) -> tuple[dt.datetime, bool]:
    """A start as ISO 8601 or as announcements write it; returns (datetime, all_day).

    A date alone is an all-day talk; an offset (``-07:00``, ``Z``) is kept.
    """
    reading = read_start(text, order=order, locale=locale)
    return reading.value, reading.all_day


def parse_end(
    text: str,
    start: dt.datetime,
    all_day: bool,
    *,
    order: str = "dmy",
    locale: str | None = None,
) -> dt.datetime:
    """:func:`.datetimes.read_end`, its problems as ``bad-date`` values."""
    return _read_date(datetimes.read_end, text, start, all_day, order=order, locale=locale)


def _read_date(read: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a reader of :mod:`.datetimes`; a :class:`~.datetimes.DateTimeError`
    becomes the ``bad-date`` :class:`InvalidValue` the talk options report."""
    try:
        return read(*args, **kwargs)
    except datetimes.DateTimeError as error:
        raise InvalidValue("bad-date", error.message) from None


def ambiguous_message(text: str, reading: datetimes.Reading) -> str:
    """Say how a numeric date whose day and month could swap was read."""
    order = "day/month" if reading.order == "dmy" else "month/day"
    return (
        f"date {text.strip()!r} is read {order} as {reading.value:%d %B %Y}; "
        f"write '{reading.iso}' to say so (or set seminars_date_order)"
    )


def parse_duration(text: str) -> dt.timedelta:
    """``1h``, ``90min``, ``1h30``, ``1h 30min``, ``1.5 hours``, ``2 days``, ``45`` (minutes)."""
    raw = text.strip()
    match = _DURATION.match(raw)
    total = dt.timedelta()
    if match and raw:
        days, hours, minutes = match["d"], match["h"], match["m"]
        total = dt.timedelta(
            days=float(days or 0), hours=float(hours or 0), minutes=int(minutes or 0)
        )
    if not dt.timedelta() < total <= dt.timedelta(days=366):
        raise InvalidValue(
            "bad-duration", f"cannot read duration {raw!r}; write '1h', '90min' or '1h30'"
        )
    if total < dt.timedelta(minutes=1):
        raise InvalidValue(
            "bad-duration",
            f"duration {raw!r} is under a minute; write at least '1min' ('1h', '90min', '1h30')",
        )
    return total


#: Zone names zoneinfo loads whose meaning depends on the machine that builds.
_MACHINE_ZONES = frozenset({"localtime", "posixrules", "factory"})


def parse_timezone(text: str) -> str:
    name = text.strip()
    if name.upper() == "UTC":
        return "UTC"
    if name.casefold() in _MACHINE_ZONES or name.split("/")[0].casefold() in ("posix", "right"):
        raise InvalidValue(
            "bad-timezone",
            f"time zone {name!r} depends on the machine that builds the site; write an IANA "
            "name such as 'Europe/Rome' or 'America/New_York'",
        )
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        # OSError: names too long for the file system zoneinfo looks them up in.
        raise InvalidValue(
            "bad-timezone",
            f"unknown time zone {name!r}; write an IANA name such as 'Europe/Rome' or "
            "'America/New_York'",
        ) from None
    return name


def parse_status(text: str) -> Status:
    value = text.strip().lower()
    if value == "canceled":
        value = "cancelled"
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InvalidValue(
            "bad-option-value", f"unknown status {text.strip()!r}; write one of: {choices}"
        ) from None


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", re.ASCII)


def parse_id(text: str) -> str:
    value = text.strip()
    if not _ID.match(value) or len(value) > 200:
        raise InvalidValue(
            "bad-id",
            f"invalid id {value!r}; use letters, digits, '-', '_', '.' and '/', "
            "such as 'malatesta-2022'",
        )
    return value


# -- links ------------------------------------------------------------------

_SAFE_SCHEMES = {"http", "https", "mailto"}
# Browsers drop these before reading a scheme, so "java\tscript:" is javascript:.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def parse_url(text: str, kind: LinkKind = LinkKind.URL, *, allow_local: bool = True) -> Link:
    """An http(s)/mailto URL, or a relative path to a file of the site."""
    raw = text.strip()
    squeezed = _INVISIBLE.sub("", raw)
    if not squeezed:
        raise InvalidValue("bad-link", "empty link; write an https:// URL or a file name")
    try:
        parts = urlsplit(squeezed)
    except ValueError:
        raise InvalidValue(
            "bad-link", f"cannot read link {raw!r}; write an https:// URL"
        ) from None
    scheme = parts.scheme.lower()
    if scheme in _SAFE_SCHEMES:
        if scheme != "mailto" and not parts.netloc:
            raise InvalidValue("bad-link", f"link {raw!r} has no host; write 'https://host/path'")
        if _INVISIBLE.search(raw):
            raise InvalidValue("bad-link", f"link {raw!r} contains spaces or control characters")
        return Link(kind, raw)
    if scheme or squeezed.startswith("//") or squeezed.startswith("\\"):
        raise InvalidValue(
            "unsafe-link",
            f"link {raw!r} is not allowed; only http(s) and mailto URLs or files of the site "
            "are rendered as links",
        )
    if not allow_local:
        raise InvalidValue("bad-link", f"link {raw!r} must be an https:// URL")
    if squeezed.startswith("/") or ".." in squeezed.split("/") or "\\" in squeezed:
        raise InvalidValue(
            "bad-link",
            f"file {raw!r} must be a path inside the site relative to the page, "
            "such as 'slides.pdf'",
        )
    return Link(kind, squeezed, local=True)


_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$", re.ASCII)
_ARXIV_OLD = re.compile(r"^[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7}(v\d+)?$", re.ASCII)
_ARXIV_PREFIX = re.compile(r"^(arxiv:|https?://(www\.)?arxiv\.org/(abs|pdf)/)", re.IGNORECASE)


def parse_arxiv(text: str) -> Link:
    ident = _ARXIV_PREFIX.sub("", text.strip()).removesuffix(".pdf")
    if not (_ARXIV_NEW.match(ident) or _ARXIV_OLD.match(ident)):
        raise InvalidValue(
            "bad-arxiv", f"invalid arXiv id {text.strip()!r}; write an id such as '2003.00307'"
        )
    return Link(LinkKind.ARXIV, f"https://arxiv.org/abs/{ident}", ident=ident)


_DOI = re.compile(r"^10\.\d{4,9}/\S+$", re.ASCII)
_DOI_PREFIX = re.compile(r"^(doi:|https?://(dx\.)?doi\.org/)", re.IGNORECASE)


def parse_doi(text: str) -> Link:
    ident = _DOI_PREFIX.sub("", text.strip())
    if not _DOI.match(ident) or any(c in ident for c in '"<>'):
        raise InvalidValue(
            "bad-doi",
            f"invalid DOI {text.strip()!r}; write a DOI such as '10.1103/PhysRevX.9.011003'",
        )
    from urllib.parse import quote

    return Link(LinkKind.DOI, "https://doi.org/" + quote(ident, safe="/:;()._-"), ident=ident)


def parse_links(kind: LinkKind, text: str) -> tuple[Link, ...]:
    """One or more links of one kind, separated by whitespace (ids also by commas)."""
    if kind is LinkKind.ARXIV:
        return tuple(parse_arxiv(p) for p in re.split(r"[\s,]+", text.strip()) if p)
    if kind is LinkKind.DOI:
        return tuple(parse_doi(p) for p in re.split(r"[\s,]+", text.strip()) if p)
    return tuple(parse_url(p, kind) for p in text.split())


# -- online access ----------------------------------------------------------------

#: What an online link is: a stream to watch, or a meeting to take part in.
ONLINE_MODES = ("livestream", "interactive")


def parse_online_mode(text: str) -> str:
    value = text.strip().lower()
    if value not in ONLINE_MODES:
        raise InvalidValue(
            "bad-option-value",
            f"unknown online mode {clean_text(text)[:80]!r}; write 'livestream' (watch only) "
            "or 'interactive' (a meeting where the audience can speak)",
        )
    return value


_EMAIL = re.compile(r"^[^@\s<>\"'/:]+@[^@\s<>\"'/]+\.[^@\s<>\"'/]+$")


def parse_registration(text: str) -> str:
    """An http(s) URL, a ``mailto:`` URL, or a bare e-mail address (made a mailto link)."""
    raw = text.strip()
    if _EMAIL.match(raw):
        return f"mailto:{raw}"
    try:
        link = parse_url(raw, allow_local=False)
    except InvalidValue as error:
        raise InvalidValue(
            error.subtype, f"registration: {error.message} (or an e-mail address)"
        ) from None
    return link.target


def parse_deadline(text: str, *, order: str = "dmy", locale: str | None = None) -> str:
    """A registration deadline (a date, or a date and time) as ISO 8601 text."""
    try:
        reading = datetimes.read_datetime(text, order=order, locale=locale)
    except datetimes.DateTimeError as error:
        raise InvalidValue("bad-date", f"registration deadline: {error.message}") from None
    return reading.iso


def registration_address(target: str) -> str:
    """What a registration link shows: the e-mail address of a mailto link, else the URL."""
    return target[len("mailto:") :] if target.lower().startswith("mailto:") else target


# -- media

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")


def parse_image(text: str) -> Link:
    """A card image: a file of the site (an image) or an http(s) URL."""
    raw = text.strip()
    try:
        link = parse_url(raw, LinkKind.URL)
    except InvalidValue as error:
        raise InvalidValue(error.subtype, f"image: {error.message}") from None
    if link.target.lower().startswith("mailto:"):
        raise InvalidValue(
            "bad-link", f"image {raw!r} must be a file of the site or an https:// URL"
        )
    if link.local and not link.target.lower().endswith(IMAGE_SUFFIXES):
        raise InvalidValue(
            "bad-media",
            f"image {raw!r} is not an image file; give a file ending in "
            + ", ".join(IMAGE_SUFFIXES),
        )
    return link


# -- a whole talk -------------------------------------------------------------

LINK_OPTIONS = {kind.value: kind for kind in LinkKind}

#: The ``talk`` directive's options, in the order generated files write them.
TALK_OPTIONS: tuple[str, ...] = (
    "id",
    "speaker",
    "date",
    "end",
    "duration",
    "timezone",
    "location",
    "online",
    "series",
    "event",
    "tags",
    "joint-with",
    "status",
    *LINK_OPTIONS,
    "bio",
    "online-mode",
    "registration",
    "registration-deadline",
    "passcode",
    "recording",
    "image",
    "summary",
    "kind",
    "language",
    "audience",
)


def _attempt(problems: list[Problem], option: str, parser: Callable[[], Any], default: T) -> Any:
    try:
        return parser()
    except InvalidValue as error:
        problems.append(Problem(error.subtype, error.message, option))
        return default


def build_talk(
    title: str,
    options: Mapping[str, str],
    *,
    docname: str,
    lineno: int,
    talk_id: str,
    anchor: str,
    abstract: str = "",
    bio: str = "",
    papers: tuple[Paper, ...] = (),
    date_order: str = "dmy",
    locale: str | None = None,
    kinds: Sequence[str] | None = (),
) -> tuple[Talk | None, list[Problem]]:
    """Make a talk from a directive's title and options.

    Returns ``None`` only when there is no usable start date (the one thing a
    talk cannot go without); everything else that is wrong is left out and
    reported.
    """
    problems: list[Problem] = []
    title = clean_text(title)
    if not title:
        problems.append(
            Problem("missing-title", "talk has no title; write '.. talk:: Title' (or 'TBA')", None)
        )
        title = "TBA"
    date_text = options.get("date", "").strip()
    if not date_text:
        problems.append(
            Problem("missing-date", "talk has no date; add ':date: 2022-05-25 14:00'", "date")
        )
        return None, problems
    try:
        reading = read_start(date_text, order=date_order, locale=locale, span=True)
    except InvalidValue as error:
        problems.append(Problem(error.subtype, error.message, "date"))
        return None, problems
    start, all_day = reading.value, reading.all_day
    if reading.ambiguous:
        problems.append(Problem("ambiguous-date", ambiguous_message(date_text, reading), "date"))
    if reading.end is not None:
        # "April 4, 2022 @ 4:00 pm - 5:00 pm", as announcements write it: understood, named.
        start_iso, end_time = reading.iso, f"{reading.end:%H:%M}"
        if options.get("end", "").strip():
            problems.append(
                Problem(
                    "conflicting-options",
                    f"date {date_text!r} holds a time range and :end: is given too; "
                    f":end: is used, write ':date: {start_iso}'",
                    "date",
                )
            )
        else:
            problems.append(
                Problem(
                    "bad-date",
                    f"date {date_text!r} holds a time range, read as {start_iso} to "
                    f"{end_time}; write ':date: {start_iso}' and ':end: {end_time}'",
                    "date",
                )
            )
            options = {**options, "end": end_time}

    timezone = None
    if "timezone" in options:
        timezone = _attempt(
            problems, "timezone", lambda: parse_timezone(options["timezone"]), None
        )
    end = None
    duration = None
    if "end" in options:
        end = _attempt(
            problems,
            "end",
            lambda: parse_end(options["end"], start, all_day, order=date_order, locale=locale),
            None,
        )
    if end is not None and not reading.ambiguous:
        try:
            end_reading = datetimes.read_datetime(options["end"], order=date_order, locale=locale)
        except datetimes.DateTimeError:
            end_reading = None  # a time alone: read on the start's day
        if end_reading is not None and end_reading.ambiguous:
            problems.append(
                Problem("ambiguous-date", ambiguous_message(options["end"], end_reading), "end")
            )
    if "duration" in options:
        duration = _attempt(
            problems, "duration", lambda: parse_duration(options["duration"]), None
        )
        if end is not None and duration is not None:
            problems.append(
                Problem(
                    "conflicting-options",
                    "both :end: and :duration: given; keep one (:end: is used)",
                    "duration",
                )
            )
            duration = None
    if end is not None:
        comparable_start = start if (start.tzinfo is None) == (end.tzinfo is None) else None
        if comparable_start is not None and end <= comparable_start:
            problems.append(
                Problem(
                    "end-before-start",
                    f"end {options['end'].strip()!r} is not after the start {date_text!r}; "
                    "give a later :end: or a :duration:",
                    "end",
                )
            )
            end = None

    speakers: tuple[Person, ...] = ()
    if options.get("speaker", "").strip():
        parts, found = read_people(options["speaker"], "speaker")
        problems.extend(found)
        speakers = tuple(
            p
            for part in parts
            if (p := _attempt(problems, "speaker", partial(parse_person, part), None)) is not None
        )
    joint_with: tuple[str, ...] = ()
    if options.get("joint-with", "").strip():
        names, found = read_people(options["joint-with"], "joint-with", affiliations=False)
        problems.extend(found)
        joint_with = tuple(dict.fromkeys(names))
    status = Status.SCHEDULED
    if "status" in options:
        status = _attempt(
            problems, "status", lambda: parse_status(options["status"]), Status.SCHEDULED
        )
    online = ""
    if options.get("online", "").strip():
        link = _attempt(
            problems, "online", lambda: parse_url(options["online"], allow_local=False), None
        )
        online = link.target if link else ""

    tags: tuple[str, ...] = ()
    if "tags" in options:
        tags, found = read_tags(options["tags"])
        problems.extend(found)
    kind = (
        _attempt(problems, "kind", lambda: parse_kind(options["kind"], kinds), "")
        if options.get("kind", "").strip()
        else ""
    )
    language = (
        _attempt(problems, "language", lambda: parse_language(options["language"]), "")
        if options.get("language", "").strip()
        else ""
    )
    audience = (
        _attempt(problems, "audience", lambda: parse_audience(options["audience"]), "")
        if options.get("audience", "").strip()
        else ""
    )

    links: list[Link] = []
    for name, link_kind in (*LINK_OPTIONS.items(), ("recording", LinkKind.VIDEO)):
        if name in options:
            separators = r"[\s,]+" if link_kind in (LinkKind.ARXIV, LinkKind.DOI) else r"\s+"
            for part in re.split(separators, options[name].strip()):
                if part:
                    links.extend(
                        _attempt(problems, name, partial(parse_links, link_kind, part), ())
                    )

    talk = Talk(
        id=talk_id,
        title=title,
        docname=docname,
        lineno=lineno,
        anchor=anchor,
        start=start,
        end=end,
        duration=duration,
        all_day=all_day,
        timezone=timezone,
        speakers=speakers,
        location=clean_text(options.get("location", "")),
        online=online,
        series=clean_text(options.get("series", "")),
        event=clean_text(options.get("event", "")),
        tags=tags,
        joint_with=joint_with,
        status=status,
        links=tuple(links),
        papers=papers,
        abstract=clean_block(abstract),
        bio=clean_block(bio),
        **access_fields(options, problems, date_order=date_order, locale=locale),
        kind=kind,
        language=language,
        audience=audience,
    )
    return talk, problems


def access_fields(
    options: Mapping[str, str],
    problems: list[Problem],
    *,
    date_order: str = "dmy",
    locale: str | None = None,
) -> dict[str, Any]:
    """The talk fields of online access, card image and summary (problems appended)."""
    fields: dict[str, Any] = {}
    text = {name: options.get(name, "").strip() for name in TALK_OPTIONS}
    if text["online-mode"]:
        fields["online_mode"] = _attempt(
            problems, "online-mode", partial(parse_online_mode, text["online-mode"]), ""
        )
    if text["registration"]:
        fields["registration"] = _attempt(
            problems, "registration", partial(parse_registration, text["registration"]), ""
        )
    if text["registration-deadline"]:
        fields["registration_deadline"] = _attempt(
            problems,
            "registration-deadline",
            partial(
                parse_deadline, text["registration-deadline"], order=date_order, locale=locale
            ),
            "",
        )
        if not text["registration"]:
            problems.append(
                Problem(
                    "conflicting-options",
                    "a :registration-deadline: without :registration:; add where to register "
                    "(':registration: https://...' or an e-mail address)",
                    "registration-deadline",
                )
            )
    if text["passcode"]:
        fields["passcode"] = clean_text(text["passcode"])
    if text["image"]:
        fields["image"] = _attempt(problems, "image", partial(parse_image, text["image"]), None)
    if text["summary"]:
        fields["summary"] = clean_text(text["summary"])
    return fields


# -- tags, kind, language, audience --------------------------------------------------


def read_tags(text: str) -> tuple[tuple[str, ...], list[Problem]]:
    """Tags separated by ``,`` or ``;`` (duplicates dropped, order kept), and what was
    wrong: an empty tag (``a, , b`` or ``:tags:`` with nothing after it)."""
    parts = [clean_text(part) for part in text.replace(";", ",").split(",")]
    problems: list[Problem] = []
    if any(not part for part in parts):
        shown = text if len(text) <= 80 else text[:79] + "\u2026"
        problems.append(
            Problem(
                Subtype.EMPTY_TAG,
                f"empty tag in ':tags: {clean_text(shown)}' is left out; separate tags "
                "with single commas ('probability, machine learning')",
                "tags",
            )
        )
    return tuple(dict.fromkeys(part for part in parts if part)), problems


#: The kinds of talk every site knows; ``seminars_kinds`` adds its own.
KINDS = ("seminar", "colloquium", "lecture", "workshop", "defence", "mini-course")
#: Spellings read as one of :data:`KINDS`.
_KIND_SPELLINGS = {"defense": "defence", "minicourse": "mini-course", "mini course": "mini-course"}
AUDIENCES = ("general", "graduate", "specialist")


def _word(text: str) -> str:
    return clean_text(text).lower()


def parse_kind(text: str, extra: Sequence[str] | None = ()) -> str:
    """``:kind:``: one of :data:`KINDS` or of the site's ``seminars_kinds``.

    ``extra`` None (the site's kinds are not known, as in ``sphinx-seminars
    import``) takes any word; the build checks it.
    """
    value = _word(text)
    value = _KIND_SPELLINGS.get(value, value)
    if extra is None and value and len(value) <= 64:
        return value
    extra = extra or ()
    known = (*KINDS, *(k for k in map(_word, extra) if k and k not in KINDS))
    if value not in known:
        close = difflib.get_close_matches(value, known, n=1) if len(value) <= 64 else []
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise InvalidValue(
            Subtype.BAD_OPTION_VALUE,
            f"unknown :kind: {_short(text.strip(), 80)!r}; {hint}write one of: "
            f"{', '.join(known)} (or add it to seminars_kinds)",
        )
    return value


def parse_audience(text: str) -> str:
    value = _word(text)
    if value not in AUDIENCES:
        raise InvalidValue(
            Subtype.BAD_OPTION_VALUE,
            f"unknown :audience: {_short(text.strip(), 80)!r}; write one of: "
            f"{', '.join(AUDIENCES)}",
        )
    return value


# BCP 47 (RFC 5646) well-formed tags: language[-script][-region](-variant)*(-extension)*[-x-private]
_BCP47 = re.compile(
    r"""^(?:
        (?P<lang>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?P<region>[a-z]{2}|\d{3}))?
        (?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*
        (?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*
        (?:-x(?:-[a-z\d]{1,8})+)?
      |x(?:-[a-z\d]{1,8})+
    )$""",
    re.VERBOSE | re.ASCII | re.IGNORECASE,
)


def parse_language(text: str) -> str:
    """``:language:``: a well-formed BCP 47 tag, in its conventional case (``pt-BR``).

    ``pt_BR`` (Sphinx's spelling) is read as ``pt-BR``.
    """
    raw = text.strip()
    value = raw.replace("_", "-")
    if len(value) > 64 or not _BCP47.match(value):
        raise InvalidValue(
            Subtype.BAD_LANGUAGE,
            f"cannot read :language: {_short(raw, 80)!r}; write a BCP 47 language tag such as "
            "'en', 'it', 'pt-BR' or 'zh-Hant'",
        )
    parts = value.split("-")
    result = [parts[0].lower()]
    for index, part in enumerate(parts[1:], start=1):
        if parts[index - 1].lower() == "x" or any(len(p) == 1 for p in parts[1:index]):
            result.append(part.lower())  # inside an extension or private use
        elif len(part) == 4 and part.isalpha():
            result.append(part.title())
        elif len(part) == 2 and part.isalpha():
            result.append(part.upper())
        else:
            result.append(part.lower())
    return "-".join(result)


def same_language(tag: str, site_language: str | None) -> bool:
    """Whether a talk's language tag is the site's (``en`` and ``en-GB`` count as one)."""
    site = (site_language or "en").replace("_", "-").lower()
    return tag.lower().split("-")[0] == site.split("-")[0]
