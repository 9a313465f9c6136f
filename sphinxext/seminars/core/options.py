"""The options of the ``series``, ``talks`` and ``speakers-cloud`` directives and of
``seminars_series`` / ``seminars_speakers``, read into model values (pure).

The ``talk`` directive's options are read by :mod:`.parsing` (its values) and
:func:`.parsing.build_talk`. Every reader returns what it could read and a list of
problems; the Sphinx side decides where to warn.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import ListingQuery, Problem, Series, Status, When
from .parsing import (
    IMAGE_SUFFIXES,
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
    organised, found = read_organisers(dict.fromkeys(organisers))
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
        organisers=tuple(o.name for o in organised),
        timezone=timezone,
        location=clean_text(str(options.get("location", ""))),
        online=online_link.target if online_link else "",
        schedule=clean_text(str(options.get("schedule", ""))),
        hide_online_after=hide is None or bool(hide),
        docname=docname,
        lineno=lineno,
        organiser_links=tuple(o.link for o in organised),
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
SPEAKER_KEYS = (
    "affiliation",
    "homepage",
    "orcid",
    "photo",
    "sort",
    "name",
    "aliases",
    "bio",
    "pronouns",
)


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

FORMATS = ("list", "table", "cards", "calendar")
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
    # A month grid: each talk in its day's cell, its time before its title.
    "calendar": ("time",),
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
    "sources",
    "filters",
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
    #: Whether the HTML listing gets a filter bar (``None``: the site's
    #: ``seminars_listing_filters``).
    filters: bool | None = None
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


def _listing_sources(text: str) -> tuple[str, ...]:
    """``:sources:``: ``none``, or names of ``seminars_sources`` (``,`` or ``;`` between)."""
    words = tuple(dict.fromkeys(w for w in re.split(r"[,;\s]+", text.strip().lower()) if w))
    return () if words in ((), ("none",)) else words


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

    if "sources" in options:
        query["sources"] = _listing_sources(options["sources"] or "")
    display["format"] = attempt("format", lambda t: _choice("format", t, FORMATS)) or "list"
    display["group_by"] = attempt("group-by", lambda t: _choice("group-by", t, GROUPS)) or "none"
    shown = attempt("show", _show)
    if shown is None or (not shown[0] and (options.get("show") or "").strip()):
        # Nothing readable in :show: (already reported): the format's defaults.
        display["show"] = DEFAULT_SHOW[display["format"]]
        display["abstract_words"] = CARD_TEASER_WORDS if display["format"] == "cards" else None
    else:
        display["show"], display["abstract_words"] = shown
    if display["format"] == "calendar" and display["group_by"] != "none":
        problems.append(
            Problem(
                Subtype.BAD_LISTING,
                "a calendar is grouped by month already; leave out :group-by: "
                "or write another :format:",
                "group-by",
            )
        )
        display["group_by"] = "none"
    if "filters" in options:
        display["filters"] = attempt("filters", _switch)
    if "feed" in options:
        display["feed"] = attempt("feed", parse_feed_name) or ""
    return ListingQuery(**query), Display(**display), problems


def _switch(text: str) -> bool:
    """``:filters:`` alone or ``yes``/``no`` (``on``/``off``, ``true``/``false``)."""
    value = text.strip().lower()
    if value in ("", "yes", "on", "true"):
        return True
    if value in ("no", "off", "false"):
        return False
    raise InvalidValue(
        Subtype.BAD_LISTING,
        f"unknown :filters: value {text.strip()!r}; write 'yes' or 'no' "
        "(or nothing, which means yes)",
    )


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


# -- seminars_speakers and the speaker directive -----------------------------------

_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$")

#: Options of the ``speaker`` directive (its argument is the name, its body the bio).
SPEAKER_OPTIONS = ("aliases", "affiliation", "pronouns", "photo", "homepage", "orcid", "sort")


def orcid_checksum_ok(ident: str) -> bool:
    """Whether the last character of an ORCID iD is its ISO 7064 11,2 check digit."""
    digits = ident.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def parse_orcid(text: str) -> str:
    """``0000-0002-1825-0097`` (or its orcid.org URL) -> the iD; checksum verified."""
    match = _ORCID.match(text.strip())
    if not match:
        raise InvalidValue(
            Subtype.BAD_PROFILE,
            f"orcid {text.strip()!r} is not an ORCID iD; write '0000-0002-1825-0097'",
        )
    if not orcid_checksum_ok(match.group(1)):
        raise InvalidValue(
            Subtype.BAD_PROFILE,
            f"orcid {text.strip()!r} has a wrong check digit (a typo in the iD?); copy it "
            "from the person's orcid.org page",
        )
    return match.group(1)


@dataclass(frozen=True, slots=True)
class SpeakerData:
    """The validated profile of one person (a ``seminars_speakers`` entry or a
    ``speaker`` directive)."""

    affiliation: str = ""
    homepage: str = ""
    orcid: str = ""
    #: An http(s) URL, or a file of the site (relative to the source folder).
    photo: str = ""
    photo_local: bool = False
    #: The name to show (the entry's key or the directive's argument).
    name: str = ""
    #: Other spellings of the name, which the speaker's talks may use.
    aliases: tuple[str, ...] = ()
    #: Plain text, paragraphs separated by blank lines.
    bio: str = ""
    pronouns: str = ""
    sort: str = ""
    #: Where a ``speaker`` directive declared it ("" for configuration entries).
    docname: str = ""
    lineno: int = 0


def _alias_list(value: Any, problems: list[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = split_outside_parens(value, ";")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        problems.append(
            f"aliases {value!r} must be a list of names (or names separated by ';')"
        )
        return ()
    found = []
    for item in items:
        if not isinstance(item, str):
            problems.append(f"alias {item!r} must be a name")
            continue
        if clean_text(item):
            found.append(clean_text(item))
    return tuple(dict.fromkeys(found))


def read_profile(
    name: str, raw: Mapping[str, Any], *, photo_base: str = ""
) -> tuple[SpeakerData, list[tuple[str, str]]]:
    """One person's profile from its keys, and (key, message) per problem.

    ``raw`` maps the keys of :data:`SPEAKER_KEYS` (a ``speaker`` directive's
    options plus ``bio``) to values; a bad value is dropped. A local photo is
    a path relative to ``photo_base`` (a folder of the source, ``/``-separated);
    it may not leave the source folder.
    """
    problems: list[tuple[str, str]] = []

    def note(key: str) -> Callable[[str], None]:
        return lambda message: problems.append((key, message))

    texts: dict[str, str] = {}
    for key in ("name", "affiliation", "pronouns", "bio", "homepage", "orcid", "photo"):
        value = raw.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problems.append((key, f"{key} {value!r} must be text"))
            continue
        texts[key] = str(value)
    display = clean_text(texts.get("name", "")) or clean_text(name)
    homepage_problems: list[str] = []
    homepage = _web_link(texts.get("homepage", ""), "homepage", homepage_problems)
    problems.extend(("homepage", m) for m in homepage_problems)
    orcid = ""
    if texts.get("orcid"):
        try:
            orcid = parse_orcid(texts["orcid"])
        except InvalidValue as error:
            problems.append(("orcid", error.message))
    photo, local = _photo(texts.get("photo", "").strip(), photo_base, problems)
    alias_problems: list[str] = []
    aliases = _alias_list(raw.get("aliases") or (), alias_problems)
    problems.extend(("aliases", m) for m in alias_problems)
    if clean_text(name) and clean_text(name) != display:
        aliases = tuple(dict.fromkeys((*aliases, clean_text(name))))
    sort = raw.get("sort")
    if sort is not None and not (isinstance(sort, str) and sort.strip()):
        problems.append(
            ("sort", f"sort {sort!r} must be the text to sort by, such as 'Broglie, Louis de'")
        )
    bio = "\n\n".join(
        " ".join(block.split()) for block in re.split(r"\n\s*\n", texts.get("bio", ""))
    ).strip()
    data = SpeakerData(
        affiliation=clean_text(texts.get("affiliation", "")),
        homepage=homepage,
        orcid=orcid,
        photo=photo,
        photo_local=local,
        name=display,
        aliases=tuple(a for a in aliases if a != display),
        bio=bio,
        pronouns=clean_text(texts.get("pronouns", "")),
        sort=sort.strip() if isinstance(sort, str) else "",
    )
    return data, problems


def _photo(text: str, base: str, problems: list[tuple[str, str]]) -> tuple[str, bool]:
    """A photo: (http(s) URL, False) or (path from the source folder, True)."""
    if not text:
        return "", False
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) and not text.startswith("//"):
        # A file of the site: relative to ``base``, or to the source folder with a leading /.
        path = text.replace("\\", "/")
        joined = posixpath.normpath(
            path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
        )
        if joined == ".." or joined.startswith("../") or joined == ".":
            problems.append(
                (
                    "photo",
                    f"photo {text!r} is outside the source folder; put the image inside the "
                    "site (photos/name.jpg) or give an https:// URL",
                )
            )
            return "", False
        text = joined
    try:
        link = parse_url(text)
    except InvalidValue as error:
        problems.append(("photo", f"photo: {error.message}"))
        return "", False
    if link.local:
        # Only an image is published: never conf.py, a hidden folder or a page's source.
        parts = link.target.split("/")
        if not link.target.lower().endswith(IMAGE_SUFFIXES) or any(
            part.startswith(".") for part in parts
        ):
            problems.append(
                (
                    "photo",
                    f"photo {text!r} is not an image of the site; give a file ending in "
                    + ", ".join(IMAGE_SUFFIXES)
                    + " outside hidden folders, or an https:// URL",
                )
            )
            return "", False
        return link.target, True
    if link.target.startswith(("https://", "http://")):
        return link.target, False
    problems.append(("photo", f"photo {text!r} must be an http(s) URL or an image of the site"))
    return "", False


def read_profiles(
    records: Mapping[str, Any], where: str = "seminars_speakers"
) -> tuple[list[SpeakerData], list[str]]:
    """Every entry of ``seminars_speakers`` (by name, sorted) and what was wrong."""
    result: list[SpeakerData] = []
    messages: list[str] = []
    for name in sorted(records, key=str):
        raw = records[name]
        if not isinstance(raw, dict):
            messages.append(f"{where}[{name!r}] must be a dict")
            continue
        data, problems = read_profile(str(name), raw)
        messages.extend(f"{where}[{name!r}]: {message}" for _key, message in problems)
        result.append(data)
    return result, messages


def profile_aliases(profiles: Iterable[SpeakerData]) -> dict[str, str]:
    """Variant spelling -> the profile's name, the first profile naming it winning."""
    found: dict[str, str] = {}
    for data in profiles:
        for alias in data.aliases:
            found.setdefault(alias, data.name)
    return found


def parse_speaker_data(
    records: Mapping[str, Any], keys: Callable[[str], str]
) -> tuple[dict[str, SpeakerData], list[str]]:
    """``seminars_speakers`` by speaker key (``keys`` folds a name), and what was wrong.

    Bad values are dropped; each problem is a message naming its entry, in
    the order of the entries' names.
    """
    profiles, messages = read_profiles(records)
    result: dict[str, SpeakerData] = {}
    for data in profiles:
        result.setdefault(keys(data.name), data)
    return result, messages


# -- organisers of a series ---------------------------------------------------------------

_EMAIL_FORM = re.compile(r"^(?P<name>.*?)\s*<(?P<address>[^<>]*)>$")
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\\\"]+@[^@\s<>()\[\],;:\\\"]+\.[^@\s<>()\[\],;:\\\"]+$")


@dataclass(frozen=True, slots=True)
class Organiser:
    """One organiser: ``Name``, ``Name (Affiliation)``, ``Name <e-mail>`` or ``Name (https://page)``."""

    #: The name as shown (with its affiliation in parentheses when given).
    name: str
    #: ``mailto:`` + the e-mail, an http(s) page, or "".
    link: str = ""


def parse_organiser(text: str) -> Organiser:
    """An organiser as a series names it (see :class:`Organiser`)."""
    text = clean_text(text)
    match = _EMAIL_FORM.match(text)
    if match:
        name, address = clean_text(match["name"]), match["address"].strip()
        address = address.removeprefix("mailto:")
        if not _EMAIL.match(address):
            raise InvalidValue(
                Subtype.BAD_ORGANISER,
                f"organiser {text!r}: {address!r} is not an e-mail address; write "
                "'Name <name@example.org>'",
            )
        if not name:
            raise InvalidValue(
                Subtype.BAD_ORGANISER,
                f"organiser {text!r} has an e-mail but no name; write 'Name <{address}>'",
            )
        return Organiser(name, f"mailto:{address}")
    if text.endswith(")") and "(" in text:
        head, _paren, inner = text[:-1].rpartition("(")
        inner = inner.strip()
        if inner.lower().startswith(("http://", "https://", "www.")) and "(" not in head:
            try:
                link = parse_url(inner, allow_local=False)
            except InvalidValue:
                link = None
            if link is None or not link.target.startswith(("http://", "https://")):
                raise InvalidValue(
                    Subtype.BAD_ORGANISER,
                    f"organiser {text!r}: {inner!r} is not a web address; write "
                    "'Name (https://example.org/name)'",
                )
            if not head.strip():
                raise InvalidValue(
                    Subtype.BAD_ORGANISER,
                    f"organiser {text!r} has a page but no name; write 'Name ({inner})'",
                )
            return Organiser(clean_text(head), link.target)
    if EMAIL_LIKE.search(text):
        # An address outside <...> would be published as the name (and escape
        # seminars_private_emails): warn, keep the name without it.
        raise InvalidValue(
            Subtype.BAD_ORGANISER,
            f"organiser {text!r} holds an e-mail address outside '<...>'; write "
            "'Name <e-mail>'",
        )
    return Organiser(text)


#: Something that reads as an e-mail address (to keep it out of a name).
EMAIL_LIKE = re.compile(r"[^\s<>()]+@[^\s<>()]+\.[^\s<>()]+")


def read_organisers(names: Iterable[str]) -> tuple[list[Organiser], list[Problem]]:
    """Organisers from the names :func:`.parsing.read_people` gave, with their problems."""
    found: list[Organiser] = []
    problems: list[Problem] = []
    for text in names:
        try:
            found.append(parse_organiser(text))
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, "organisers"))
            # The name is kept; the unreadable address is not (nor any address-like word).
            name = clean_text(EMAIL_LIKE.sub("", text.split("<")[0].split("(")[0]))
            if name:
                found.append(Organiser(name))
    return found, problems


def without_emails(series: Series) -> Series:
    """``series`` with its organisers' e-mail addresses left out (``seminars_private_emails``)."""
    links = tuple("" if link.startswith("mailto:") else link for link in series.organiser_links)
    if links == series.organiser_links:
        return series
    return dataclasses.replace(series, organiser_links=links)


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
