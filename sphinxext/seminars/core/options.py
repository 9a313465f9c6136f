"""The options of the ``series``, ``talks`` and ``speakers-cloud`` directives and of
``seminars_series`` / ``seminars_speakers``, read into model values (pure).

The ``talk`` directive's options are read by :mod:`.parsing` (its values) and
:func:`.parsing.build_talk`. Every reader returns what it could read and a list of
problems; the Sphinx side decides where to warn.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import ListingQuery, Problem, Series, Status, When
from .parsing import (
    InvalidValue,
    clean_text,
    parse_audience,
    parse_kind,
    parse_language,
    parse_status,
    parse_timezone,
    parse_url,
    parse_words,
    read_people,
    split_outside_parens,
)
from .subtypes import Subtype

# -- series (directive and seminars_series) -------------------------------------

SERIES_OPTIONS = (
    "timezone",
    "location",
    "online",
    "organisers",
    "schedule",
    "hide-online-after",
)


def series_from_options(
    name: str, options: dict[str, Any], *, docname: str, lineno: int
) -> tuple[Series, list[Problem]]:
    """A :class:`Series` from directive or config options, with what was wrong."""
    problems: list[Problem] = []

    def attempt(option: str, parser: Any) -> Any:
        text = options.get(option)
        if not text:
            return None
        try:
            return parser(str(text))
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, option))
            return None

    timezone = attempt("timezone", parse_timezone)
    organisers, found = read_people(
        str(options.get("organisers", "")), "organisers", affiliations=False
    )
    problems.extend(found)
    online_link = attempt("online", lambda t: parse_url(t, allow_local=False))
    hide = options.get("hide-online-after", False)
    if isinstance(hide, str):
        word = hide.strip().lower()
        hide = word in ("", "yes", "true", "on", "1")
        if word not in ("", "yes", "true", "on", "1", "no", "false", "off", "0"):
            problems.append(
                Problem(
                    "bad-option-value",
                    f"cannot read ':hide-online-after: {word}'; give the option alone "
                    "(or 'yes' / 'no')",
                    "hide-online-after",
                )
            )
    series = Series(
        name=name,
        description=str(options.get("description", "")),
        organisers=tuple(dict.fromkeys(organisers)),
        timezone=timezone,
        location=clean_text(str(options.get("location", ""))),
        online=online_link.target if online_link else "",
        schedule=clean_text(str(options.get("schedule", ""))),
        hide_online_after=hide is None or bool(hide),
        docname=docname,
        lineno=lineno,
    )
    return series, problems


#: Keys of a ``seminars_series`` entry (the ``series`` directive's options and its body).
SERIES_KEYS = (
    "timezone",
    "location",
    "online",
    "organisers",
    "schedule",
    "description",
    "hide-online-after",
)


#: Keys of a ``seminars_speakers`` (or ``seminars_speakers_file``) entry.
SPEAKER_KEYS = ("affiliation", "homepage", "orcid", "photo", "sort")


def unknown_keys(where: str, data: dict[Any, Any], known: tuple[str, ...]) -> list[str]:
    """A message per key of ``data`` not in ``known``, with the closest known key."""
    messages = []
    for key in data:
        if str(key) in known:
            continue
        close = difflib.get_close_matches(str(key).replace("_", "-"), known, n=1)
        if close and close[0] == str(key).replace("_", "-"):
            hint = f"write '{close[0]}'"
        elif close:
            hint = f"did you mean '{close[0]}'?"
        else:
            hint = "known keys: " + ", ".join(known)
        messages.append(f"{where}: unknown key {str(key)!r} is ignored; {hint}")
    return messages


def check_speaker_records(where: str, records: dict[Any, Any]) -> list[str]:
    """What is wrong in a mapping of speaker names to their data."""
    messages = []
    for name, data in records.items():
        if not isinstance(data, dict):
            messages.append(
                f"{where}[{name!r}] must be a mapping such as "
                "{'affiliation': ..., 'homepage': ...}"
            )
            continue
        messages.extend(unknown_keys(f"{where}[{name!r}]", data, SPEAKER_KEYS))
    return messages


# -- talks listings ------------------------------------------------------------

FORMATS = ("list", "table", "cards")
GROUPS = ("none", "year", "month", "series", "event")
#: Every field ``:show:`` can name, in the order a list item shows them.
FIELDS = (
    "date",
    "time",
    "speaker",
    "affiliation",
    "location",
    "series",
    "event",
    "abstract",
    "links",
    "tags",
)
DEFAULT_SHOW: Mapping[str, tuple[str, ...]] = {
    "list": ("date", "speaker", "affiliation"),
    "table": ("date", "time", "speaker", "affiliation"),
    "cards": ("date", "time", "speaker", "affiliation", "location", "abstract"),
}
#: Words of an abstract teaser in cards when ``:show:`` gives no count.
CARD_TEASER_WORDS = 40

LISTING_OPTIONS = (
    "series",
    "event",
    "speaker",
    "tags",
    "year",
    "from",
    "until",
    "when",
    "status",
    "limit",
    "sort",
    "group-by",
    "format",
    "show",
    "kind",
    "language",
    "audience",
    "feed",
)


@dataclass(frozen=True, slots=True)
class Display:
    """How a listing shows its talks (everything but which talks)."""

    format: str = "list"
    show: tuple[str, ...] = DEFAULT_SHOW["list"]
    #: Words of the abstract to show (``None``: all of it).
    abstract_words: int | None = None
    group_by: str = "none"
    #: ``:feed:``: the base name of the listing's own calendar and Atom feed, or "".
    feed: str = ""


def _choice(name: str, text: str, choices: tuple[str, ...]) -> str:
    value = text.strip().lower()
    if value not in choices:
        raise InvalidValue(
            Subtype.BAD_LISTING,
            f"unknown :{name}: value {text.strip()!r}; write one of: {', '.join(choices)}",
        )
    return value


def _date(name: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            Subtype.BAD_LISTING,
            f"cannot read :{name}: {text.strip()!r}; write a date like '2022-05-25'",
        ) from None


def _years(text: str) -> tuple[int, ...]:
    """``2022``, ``2021, 2023`` or a range ``2019-2022``."""
    years: list[int] = []
    for part in parse_words(text):
        first, dash, last = part.partition("-")
        try:
            low = int(first)
            high = int(last) if dash else low
        except ValueError:
            raise InvalidValue(
                Subtype.BAD_LISTING,
                f"cannot read :year: {part!r}; write '2022', '2021, 2023' or '2019-2022'",
            ) from None
        if not (1 <= low <= high <= 9999) or high - low > 1000:
            raise InvalidValue(
                Subtype.BAD_LISTING, f":year: {part!r} is not a year or a range of years"
            )
        years.extend(range(low, high + 1))
    return tuple(sorted(set(years)))


def _limit(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise InvalidValue(
            Subtype.BAD_LISTING,
            f":limit: must be a positive whole number, not {text.strip()!r}; "
            "the listing has no limit",
        )
    return value


class _PartialValue(InvalidValue):
    """An option that was partly readable: ``partial`` is the usable part."""

    def __init__(self, subtype: str, message: str, partial: Any) -> None:
        super().__init__(subtype, message)
        self.partial = partial


def _show(text: str) -> tuple[tuple[str, ...], int | None]:
    """``speaker, date, abstract:40`` -> fields in canonical order, teaser words."""
    fields: set[str] = set()
    words: int | None = None
    bad: list[str] = []
    for part in parse_words(text):
        name, colon, count = part.partition(":")
        name = name.strip().lower()
        if name not in FIELDS or (colon and name != "abstract"):
            bad.append(part)
            continue
        if colon:
            number = int(count) if count.strip().isascii() and count.strip().isdigit() else 0
            if number < 1:
                bad.append(part)
                continue
            words = number
        fields.add(name)
    shown = tuple(f for f in FIELDS if f in fields)
    if bad:
        raise _PartialValue(
            Subtype.BAD_LISTING,
            f"unknown :show: field(s) {', '.join(map(repr, bad))}; write a comma list of: "
            f"{', '.join(FIELDS)} (abstract may take a word count: abstract:40)",
            (shown, words),
        )
    return shown, words


_FEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", re.ASCII)


def parse_feed_name(text: str) -> str:
    """``:feed:``: a plain file name (``probability-2023``); no folder, no suffix needed."""
    value = text.strip()
    for suffix in (".ics", ".atom"):
        value = value.removesuffix(suffix)
    if not _FEED_NAME.match(value) or ".." in value:
        shown = value if len(value) <= 80 else value[:79] + "\u2026"
        raise InvalidValue(
            Subtype.BAD_FEED,
            f"feed name {shown!r} must be a plain file name of letters, digits, '-', '_' and "
            "'.' (no '/', no leading dot), such as 'probability-2023'; no feed is written",
        )
    return value


def parse_listing(
    options: Mapping[str, str],
    kinds: Sequence[str] | None = (),
    site_language: str | None = None,
) -> tuple[ListingQuery, Display, list[Problem]]:
    """The query and display of a ``talks`` listing, and what was wrong.

    A bad value is left out (and reported), so the listing renders with the
    valid filters. ``kinds`` are the site's own ``:kind:`` values
    (``seminars_kinds``); talks without a ``:language:`` are in
    ``site_language``.
    """
    problems: list[Problem] = []
    query: dict[str, Any] = {}
    display: dict[str, Any] = {}

    def attempt(option: str, parser: Callable[[str], Any]) -> Any:
        if option not in options:
            return None
        text = options[option] or ""
        try:
            return parser(text)
        except _PartialValue as error:
            problems.append(Problem(error.subtype, error.message, option))
            return error.partial
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, option))
            return None

    def names(text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(" ".join(p.split()) for p in split_outside_parens(text, ";")))

    for option in ("series", "event", "speaker"):
        value = attempt(option, names)
        if value:
            query[option] = value
    if tags := attempt("tags", parse_words):
        query["tags"] = tags
    if years := attempt("year", _years):
        query["year"] = years
    if (since := attempt("from", lambda t: _date("from", t))) is not None:
        query["since"] = since
    if (until := attempt("until", lambda t: _date("until", t))) is not None:
        query["until"] = until
    when = When(
        attempt("when", lambda t: _choice("when", t, tuple(w.value for w in When))) or "all"
    )
    query["when"] = when

    def statuses(text: str) -> tuple[Status, ...]:
        found, bad = [], []
        for word in parse_words(text):
            try:
                found.append(parse_status(word))
            except InvalidValue:
                bad.append(word)
        if bad:
            raise _PartialValue(
                Subtype.BAD_LISTING,
                f"unknown :status: {', '.join(map(repr, bad))}; write one or more of: "
                + ", ".join(s.value for s in Status),
                tuple(found),
            )
        return tuple(found)

    if status := attempt("status", statuses):
        query["status"] = status

    def each(parser: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
        def read(text: str) -> tuple[str, ...]:
            found, problems_found = [], []
            for word in parse_words(text):
                try:
                    found.append(parser(word))
                except InvalidValue as error:
                    problems_found.append(error)
            if problems_found:
                first = problems_found[0]
                raise _PartialValue(first.subtype, first.message, tuple(dict.fromkeys(found)))
            return tuple(dict.fromkeys(found))

        return read

    if found_kinds := attempt("kind", each(lambda word: parse_kind(word, kinds))):
        query["kinds"] = found_kinds
    if languages := attempt("language", each(parse_language)):
        site = (site_language or "en").replace("_", "-").lower()
        if any(site == tag.lower() or site.startswith(tag.lower() + "-") for tag in languages):
            languages += ("",)  # talks that give no language are in the site's
        query["languages"] = languages
    if audiences := attempt("audience", each(parse_audience)):
        query["audiences"] = audiences
    if (limit := attempt("limit", _limit)) is not None:
        query["limit"] = limit
    sort = attempt("sort", lambda t: _choice("sort", t, ("ascending", "descending")))
    # Upcoming talks read best soonest first; past and mixed ones newest first.
    query["reverse"] = (
        sort or ("ascending" if when is When.UPCOMING else "descending")
    ) == "descending"

    display["format"] = attempt("format", lambda t: _choice("format", t, FORMATS)) or "list"
    display["group_by"] = attempt("group-by", lambda t: _choice("group-by", t, GROUPS)) or "none"
    shown = attempt("show", _show)
    if shown is None or (not shown[0] and (options.get("show") or "").strip()):
        # Nothing readable in :show: (already reported): the format's defaults.
        display["show"] = DEFAULT_SHOW[display["format"]]
        display["abstract_words"] = CARD_TEASER_WORDS if display["format"] == "cards" else None
    else:
        display["show"], display["abstract_words"] = shown
    if "feed" in options:
        display["feed"] = attempt("feed", parse_feed_name) or ""
    return ListingQuery(**query), Display(**display), problems


# -- speakers cloud ------------------------------------------------------------

CLOUD_OPTIONS = ("series", "since")


def parse_cloud(
    options: Mapping[str, str],
) -> tuple[tuple[str, ...], dt.date | None, list[Problem]]:
    """``:series:`` (names separated by ``;``) and ``:since:`` (a date or a year)."""
    problems: list[Problem] = []
    series = tuple(
        dict.fromkeys(
            " ".join(p.split()) for p in split_outside_parens(options.get("series") or "", ";")
        )
    )
    since = None
    text = (options.get("since") or "").strip()
    if "since" in options:
        try:
            since = (
                dt.date(int(text), 1, 1)
                if text.isascii() and text.isdigit() and len(text) == 4
                else dt.date.fromisoformat(text)
            )
        except ValueError:
            problems.append(
                Problem(
                    Subtype.BAD_LISTING,
                    f"cannot read :since: {text!r}; "
                    "write a year ('2020') or a date ('2020-09-01')",
                    "since",
                )
            )
    return series, since, problems


# -- seminars_speakers ----------------------------------------------------------

_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$")


@dataclass(frozen=True, slots=True)
class SpeakerData:
    """The validated ``seminars_speakers`` entry of one person."""

    affiliation: str = ""
    homepage: str = ""
    orcid: str = ""
    #: An https URL, or a file of the site (relative to the source folder).
    photo: str = ""
    photo_local: bool = False


def parse_speaker_data(
    records: Mapping[str, Any], keys: Callable[[str], str]
) -> tuple[dict[str, SpeakerData], list[str]]:
    """``seminars_speakers`` by speaker key (``keys`` folds a name), and what was wrong.

    Bad values are dropped; each problem is a message naming its entry, in
    the order of the entries' names.
    """
    result: dict[str, SpeakerData] = {}
    messages: list[str] = []
    for name in sorted(records):
        raw = records[name]
        if not isinstance(raw, dict):
            messages.append(f"seminars_speakers[{name!r}] must be a dict")
            continue
        problems: list[str] = []
        homepage = _web_link(str(raw.get("homepage", "") or ""), "homepage", problems)
        orcid = ""
        if raw.get("orcid"):
            match = _ORCID.match(str(raw["orcid"]).strip())
            if match:
                orcid = match.group(1)
            else:
                problems.append(
                    f"orcid {raw['orcid']!r} is not an ORCID iD; write '0000-0002-1825-0097'"
                )
        photo, local = "", False
        text = str(raw.get("photo", "") or "").strip()
        if text:
            try:
                link = parse_url(text)
            except InvalidValue as error:
                problems.append(f"photo: {error.message}")
            else:
                if link.local:
                    photo, local = link.target, True
                elif link.target.startswith("https://"):
                    photo = link.target
                else:
                    problems.append(
                        f"photo {text!r} must be an https:// URL or a file of the site"
                    )
        sort = raw.get("sort")
        if sort is not None and not (isinstance(sort, str) and sort.strip()):
            problems.append(
                f"sort {sort!r} must be the text to sort by, such as 'Broglie, Louis de'"
            )
        messages.extend(f"seminars_speakers[{name!r}]: {problem}" for problem in problems)
        key = keys(name)
        if key not in result:
            result[key] = SpeakerData(
                affiliation=" ".join(str(raw.get("affiliation", "") or "").split()),
                homepage=homepage,
                orcid=orcid,
                photo=photo,
                photo_local=local,
            )
    return result, messages


def _web_link(text: str, what: str, problems: list[str]) -> str:
    text = text.strip()
    if not text:
        return ""
    try:
        link = parse_url(text, allow_local=False)
    except InvalidValue as error:
        problems.append(f"{what}: {error.message}")
        return ""
    if not link.target.startswith(("https://", "http://")):
        problems.append(f"{what} {text!r} must be an http(s) URL")
        return ""
    return link.target
