"""Other sites' ``talks.json`` as sources of talks (``seminars_sources``); pure.

A source is named (``"probability"``) and points at another site's
``talks.json``: a path relative to the docs folder, an absolute path, a
``file://`` URL, or an http(s) URL. The build never reads the network: an
http(s) source is read from the cache folder that ``sphinx-seminars fetch``
writes (``<cache>/<name>.json``, with ``<name>.meta.json`` holding the URL,
``ETag`` and ``Last-Modified`` of the copy).

This module reads the configuration value and a ``talks.json`` document into
:class:`~.model.Talk` objects: every record is checked against the published
schema (its types, its times, its URLs), and a record that does not fit is
reported and left out. The command-line importer reads the same records with
the same checks (:func:`record_lines`, :func:`read_instant`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from .datetimes import YEARS
from .model import (
    Link,
    LinkKind,
    Person,
    Status,
    Talk,
    resolve_talk,
    slugify,
)
from .parsing import InvalidValue, clean_block, clean_text, parse_timezone, parse_url
from .subtypes import Subtype

#: The biggest ``talks.json`` read or fetched (bytes): 16 MiB is some 20,000 talks.
MAX_SOURCE_BYTES = 16 * 1024 * 1024
#: Default cache folder of fetched sources, relative to the docs folder.
DEFAULT_CACHE = "_seminars_sources"
#: A source's name: it names its cache file and marks its talks.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$", re.ASCII)
#: Characters a URL never holds unescaped (RFC 3986); one with them is not a link.
_NOT_IN_URLS = frozenset('"<>\\^`{|}')
#: Longest text kept of one field of a remote talk (a title, a name).
_FIELD = 1000
#: Longest abstract or bio kept.
_BLOCK = 20_000


class SourceKind(StrEnum):
    PATH = "path"
    FILE_URL = "file"
    HTTP = "http"


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    #: The value written in ``seminars_sources``.
    location: str
    kind: SourceKind

    def local_path(self, docs: Path, cache: Path) -> Path:
        """The file the build reads: the path itself, or the fetched copy."""
        if self.kind is SourceKind.HTTP:
            return cache_file(cache, self.name)
        if self.kind is SourceKind.FILE_URL:
            return Path(unquote(urlsplit(self.location).path))
        return docs / Path(self.location).expanduser()


def cache_file(cache: Path, name: str) -> Path:
    return cache / f"{name}.json"


def meta_file(cache: Path, name: str) -> Path:
    return cache / f"{name}.meta.json"


def parse_sources(value: object) -> tuple[dict[str, Source], list[str]]:
    """``seminars_sources`` read into sources by name, and what is wrong with it.

    A bad entry is left out with a message saying what to write; the others stay.
    """
    if not isinstance(value, Mapping):
        return {}, [
            "seminars_sources must map names to talks.json locations "
            '({"probability": "https://example.org/seminars/talks.json"})'
        ]
    sources: dict[str, Source] = {}
    messages: list[str] = []
    for raw_name, raw_location in value.items():
        name = str(raw_name)
        if not isinstance(raw_name, str) or not _NAME.match(name):
            suggestion = slugify(name)[:63]
            messages.append(
                f"seminars_sources: the name {name!r} must be lower-case letters, digits, "
                f"'-' and '_' (such as {suggestion!r}); left out"
            )
            continue
        if not isinstance(raw_location, str) or not raw_location.strip():
            messages.append(
                f"seminars_sources[{name!r}] must be a path or URL of a talks.json; left out"
            )
            continue
        location = raw_location.strip()
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in location):
            messages.append(
                f"seminars_sources[{name!r}] holds control characters; write one path or URL"
            )
            continue
        scheme = urlsplit(location).scheme.lower() if "://" in location else ""
        if scheme in ("http", "https"):
            if not urlsplit(location).netloc:
                messages.append(
                    f"seminars_sources[{name!r}]: {location!r} has no host; write "
                    "'https://host/path/talks.json'"
                )
                continue
            kind = SourceKind.HTTP
        elif scheme == "file":
            kind = SourceKind.FILE_URL
        elif scheme:
            messages.append(
                f"seminars_sources[{name!r}]: {scheme}:// sources are not read; write a path, "
                "a file:// URL or an http(s) URL; left out"
            )
            continue
        else:
            kind = SourceKind.PATH
        sources[name] = Source(name, location, kind)
    return sources, messages


# -- reading a talks.json -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSite:
    """The ``site`` block of a source: whose talks these are."""

    project: str
    url: str
    #: The part of its calendar UIDs after ``@`` (as that site writes them).
    identity: str


@dataclass(slots=True)
class SourceRead:
    """What a source gave: its site, its talks (resolved), and problems at lines."""

    site: SourceSite | None = None
    talks: list[Talk] = dataclasses.field(default_factory=list)
    #: (line, subtype, message).
    problems: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)


def site_identity(url: str, project: str) -> str:
    """The part of a site's calendar UIDs after ``@``: host and path, else the project slug."""
    if url:
        parts = urlsplit(url)
        return (parts.netloc.lower() + parts.path).rstrip("/")
    return slugify(project)


def record_lines(text: str, key: str | None) -> list[int]:
    """Line where each record of the records list starts (best effort, for messages).

    The list is the top-level array, or the array after the ``"key"`` key.
    Linear in the size of the text.
    """
    match = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text) if key else None
    begin = match.end() if match else text.find("[") + 1
    if begin <= 0:
        return []
    lines: list[int] = []
    depth = 0
    line = text.count("\n", 0, begin) + 1
    in_string = escaped = False
    expecting = True
    for char in text[begin:]:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char.isspace():
            continue
        if depth == 0 and char == "]":
            break
        if depth == 0 and expecting and char != ",":
            lines.append(line)
            expecting = False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            expecting = True
    return lines


def read_instant(value: object) -> dt.datetime:
    """A ``start``/``end`` of talks.json (ISO 8601); ValueError when it is none."""
    if not isinstance(value, str):
        raise ValueError("not text")
    moment = dt.datetime.fromisoformat(value[:64])
    if moment.year not in YEARS:
        raise ValueError("year out of range")
    return moment


def _text(item: Mapping[str, Any], key: str, problems: list[str]) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{key}: expected text, not {type(value).__name__}; left out")
        return ""
    return clean_text(value)[:_FIELD]


def _web_url(value: object) -> str:
    """An absolute http(s) URL, or "" (no other scheme, no relative path)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        link = parse_url(value, allow_local=False)
    except InvalidValue:
        return ""
    if urlsplit(link.target).scheme.lower() not in ("http", "https"):
        return ""
    if any(c in _NOT_IN_URLS for c in link.target):
        return ""
    return link.target


def _people(value: object, problems: list[str]) -> tuple[Person, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append("speakers: expected a list of {name, affiliation}; left out")
        return ()
    people = []
    for entry in value[:100]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append("speakers: a speaker must be {name, affiliation}; left out")
            continue
        affiliation = entry.get("affiliation")
        people.append(
            Person(
                clean_text(entry["name"])[:_FIELD],
                clean_text(affiliation)[:_FIELD] if isinstance(affiliation, str) else "",
            )
        )
    return tuple(p for p in people if p.name)


def _words(item: Mapping[str, Any], key: str, problems: list[str]) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{key}: expected a list of text; left out")
        return ()
    return tuple(w for w in (clean_text(v)[:_FIELD] for v in value[:100]) if w)


def _links(value: object, problems: list[str]) -> tuple[Link, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append("links: expected a list of links; left out")
        return ()
    kinds = {k.value: k for k in LinkKind}
    links = []
    for entry in value[:100]:
        if not isinstance(entry, dict) or entry.get("kind") not in kinds:
            problems.append("links: a link must be {kind, url, ...} of a known kind; left out")
            continue
        url = _web_url(entry.get("url"))
        if not url:
            # A file of the other site without an absolute URL, or another scheme.
            continue
        ident = entry.get("ident")
        links.append(
            Link(
                kinds[entry["kind"]],
                url,
                ident=clean_text(ident)[:_FIELD] if isinstance(ident, str) else "",
            )
        )
    return tuple(links)


def _timezone(item: Mapping[str, Any]) -> str | None:
    value = item.get("timezone")
    if not isinstance(value, str):
        return None
    try:
        return parse_timezone(value[:64])
    except InvalidValue:
        return None


def remote_talk(
    item: object,
    *,
    source: str,
    identity: str,
    site_timezone: str,
    default_length: dt.timedelta,
) -> tuple[Talk | None, list[str]]:
    """One record of a source's ``talks.json`` as a resolved talk, and its problems.

    The talk's ``id`` is ``<source>:<id>`` (unique on this site), its ``uid`` the
    one its own site gives it in calendars, its ``url`` its own page (http(s)
    only). A record without an id, a title or a readable start is left out.
    """
    problems: list[str] = []
    if not isinstance(item, dict):
        return None, ["a talk must be a mapping of fields; skipped"]
    talk_id = item.get("id")
    if not isinstance(talk_id, str) or not clean_text(talk_id):
        return None, ["the talk has no 'id'; skipped"]
    talk_id = clean_text(talk_id)[:200]
    title = _text(item, "title", problems)
    if not title:
        return None, [f"talk {talk_id!r} has no 'title'; skipped"]
    try:
        start = read_instant(item.get("start"))
    except ValueError:
        return None, [f"talk {talk_id!r} has no readable 'start' (ISO 8601); skipped"]
    zone_name = _timezone(item)
    all_day = item.get("all_day") is True
    end: dt.datetime | None = None
    if all_day:
        first = start.date()
        try:
            last = dt.date.fromisoformat(str(item.get("last_day") or first.isoformat())[:10])
        except ValueError:
            last = first
        start = dt.datetime.combine(first, dt.time())
        end = dt.datetime.combine(max(last, first) + dt.timedelta(days=1), dt.time())
    else:
        if start.tzinfo is None:
            return None, [f"talk {talk_id!r}: 'start' has no UTC offset; skipped"]
        if item.get("end") is not None:
            try:
                end = read_instant(item.get("end"))
            except ValueError:
                problems.append("end: cannot read it; the default length is used")
            if end is not None and end.tzinfo is None:
                problems.append("end: no UTC offset; the default length is used")
                end = None
        if zone_name:
            # Written with the zone's name (and TZID in calendars) when it agrees.
            tz = ZoneInfo(zone_name) if zone_name != "UTC" else dt.UTC
            start = start.astimezone(tz)
            end = end.astimezone(tz) if end is not None else None
    status_text = item.get("status", "scheduled")
    try:
        status = Status(status_text)
    except ValueError:
        problems.append(f"status: unknown value {str(status_text)[:40]!r}; read as scheduled")
        status = Status.SCHEDULED
    talk = Talk(
        id=f"{source}:{talk_id}",
        title=title,
        docname="",
        lineno=0,
        anchor="",
        start=start,
        end=end,
        all_day=all_day,
        timezone=zone_name,
        speakers=_people(item.get("speakers"), problems),
        location=_text(item, "location", problems),
        online=_web_url(item.get("online")),
        series=_text(item, "series", problems),
        event=_text(item, "event", problems),
        tags=_words(item, "tags", problems),
        joint_with=_words(item, "joint_with", problems),
        status=status,
        links=_links(item.get("links"), problems),
        abstract=clean_block(item["abstract"])[:_BLOCK]
        if isinstance(item.get("abstract"), str)
        else "",
        bio=clean_block(item["bio"])[:_BLOCK] if isinstance(item.get("bio"), str) else "",
        source=source,
        url=_web_url(item.get("url")),
        uid=f"{talk_id}@{identity}",
    )
    resolved = resolve_talk(talk, None, zone_name or site_timezone, default_length)
    if resolved.end_dropped:
        problems.append("end: not after the start; the default length is used")
    return resolved, [f"talk {talk_id!r}: {p}" for p in problems]


def read_source(
    text: str,
    *,
    source: str,
    site_timezone: str,
    default_length: dt.timedelta,
) -> SourceRead:
    """A source's ``talks.json`` text: its site and valid talks, problems at lines.

    Never raises on bad data: a document that is not a ``talks.json`` gives one
    problem and no talks; each bad record one problem and is left out.
    """
    result = SourceRead()
    try:
        data = json.loads(text)
    except RecursionError:
        result.problems.append((0, Subtype.BAD_SOURCE, "nested too deep to be a talks.json"))
        return result
    except ValueError as error:
        line = getattr(error, "lineno", 0)
        why = getattr(error, "msg", str(error))
        result.problems.append((line, Subtype.BAD_SOURCE, f"not JSON: {why}"))
        return result
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("talks"), list)
        or not isinstance(data.get("version"), int)
    ):
        result.problems.append(
            (
                1,
                Subtype.BAD_SOURCE,
                "not a talks.json of sphinxext-seminars (no 'version' and 'talks'); "
                "point the source at a site's <prefix>/talks.json",
            )
        )
        return result
    if data["version"] != 1:
        result.problems.append(
            (
                1,
                Subtype.BAD_SOURCE,
                f"talks.json version {data['version']} is not read by this version "
                "(version 1 is); update sphinxext-seminars",
            )
        )
        return result
    raw_site = data.get("site")
    site: dict[str, Any] = raw_site if isinstance(raw_site, dict) else {}
    project = site.get("project")
    project = project if isinstance(project, str) else ""
    url = _web_url(site.get("url"))
    result.site = SourceSite(clean_text(project)[:_FIELD], url, site_identity(url, project))
    lines = record_lines(text, "talks")
    items = data["talks"]
    if len(lines) != len(items):
        lines = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        line = lines[index] if lines else 1
        talk, problems = remote_talk(
            item,
            source=source,
            identity=result.site.identity,
            site_timezone=site_timezone,
            default_length=default_length,
        )
        for message in problems:
            result.problems.append((line, Subtype.BAD_REMOTE_TALK, message))
        if talk is None:
            continue
        if talk.id in seen:
            result.problems.append(
                (line, Subtype.BAD_REMOTE_TALK, f"duplicate talk id {talk.id!r}; skipped")
            )
            continue
        seen.add(talk.id)
        result.talks.append(talk)
    return result
