"""schema.org ``Event`` data of a talk, as JSON-LD that is safe inside ``<script>``.

Search engines read a talk page's ``<script type="application/ld+json">`` to
show the talk as an event (date, place, online or not, speakers). The JSON is
produced by :func:`json.dumps` and then made *script-safe*: ``<``, ``>`` and
``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, which JSON reads
back as the same characters but an HTML parser never sees as markup, so a title
holding ``</script>`` cannot close the element.

Pure functions of the model (no Sphinx), so they are tested on their own.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from ..core.model import Paper, Person, Series, Status, Talk
from ..core.parsing import InvalidValue, parse_person

SCHEMA = "https://schema.org"

_STATUS = {
    Status.SCHEDULED: f"{SCHEMA}/EventScheduled",
    Status.CANCELLED: f"{SCHEMA}/EventCancelled",
    Status.POSTPONED: f"{SCHEMA}/EventPostponed",
}

#: Characters an HTML parser could read as markup inside a script element,
#: plus the two line separators old JavaScript parsers choke on.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_TABLE = str.maketrans(_SCRIPT_UNSAFE)


def script_safe_json(data: Any) -> str:
    """``data`` as JSON that can sit verbatim inside ``<script>`` (see module docstring).

    The replaced characters only ever occur inside JSON strings, where their
    ``\\u`` escapes mean exactly the same, so ``json.loads`` gives ``data`` back.
    """
    # Compact: json's C encoder only runs without ``indent`` (this is on every talk page).
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_UNSAFE_TABLE)


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).netloc)


def person(who: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": who.name}
    if who.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": who.affiliation}
    return data


def organiser(text: str) -> dict[str, Any]:
    """An organiser as the series writes it (``Name (Affiliation)`` or a plain name)."""
    try:
        return person(parse_person(text))
    except InvalidValue:
        return {"@type": "Person", "name": text}


def _dates(talk: Talk) -> tuple[str, str]:
    """Start and end: plain dates for all-day talks (end inclusive), else with offset."""
    assert talk.end is not None
    if talk.all_day:
        return talk.start.date().isoformat(), talk.last_day.isoformat()
    return talk.start.isoformat(), talk.end.isoformat()


def _article(item: Paper) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ScholarlyArticle", "name": item.title}
    if item.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in item.authors]
    if item.year:
        data["datePublished"] = item.year
    if item.venue:
        data["publisher"] = item.venue
    urls = [link.target for link in item.links if not link.local and is_http(link.target)]
    if urls:
        data["url"] = urls[0]
        if len(urls) > 1:
            data["sameAs"] = urls[1:]
    return data


#: Words of a ``:location:`` that name a way to meet online, not a place. A
#: location made only of these (and punctuation) is an online-only talk:
#: "Online (Zoom)", "Zoom", "Microsoft Teams", "online via Webex".
_ONLINE_WORDS = frozenset(
    """online virtual remote remotely webinar web stream streaming streamed livestream
    live zoom teams microsoft webex cisco google meet jitsi skype bigbluebutton bbb
    gotomeeting discord gather via on only and or the by""".split()
)
_ONLINE_SIGNS = frozenset(
    {
        "online",
        "virtual",
        "remote",
        "remotely",
        "webinar",
        "zoom",
        "teams",
        "webex",
        "meet",
        "jitsi",
        "skype",
        "bigbluebutton",
        "gotomeeting",
        "livestream",
        "streaming",
        "stream",
        "streamed",
    }
)


def is_online_location(location: str) -> bool:
    """Whether a ``:location:`` names no place, only an online meeting.

    True for an http(s) URL, and for text made only of words such as
    "online", "Zoom", "Teams", "via" (:data:`_ONLINE_WORDS`) with at least one
    that says "online" by itself; "Room 508 / Zoom" names a room, so it is not.
    """
    text = location.strip()
    if not text:
        return False
    if is_http(text):
        return True
    words = re.findall(r"[^\W_]+", text.casefold())
    return bool(words) and set(words) <= _ONLINE_WORDS and bool(_ONLINE_SIGNS & set(words))


def _locations(talk: Talk, url: str) -> tuple[list[dict[str, Any]], str]:
    """schema.org ``location`` values and the attendance mode of a talk.

    A room is a ``Place`` (its text is the address: it is all the sources
    say); an http(s) ``:online:`` link or an online-only ``:location:`` is a
    ``VirtualLocation``, whose ``url`` is the meeting link, else the location
    if it is a URL, else the talk's page (where readers learn how to join).
    """
    online = talk.online if talk.online and is_http(talk.online) else ""
    room = talk.location.strip()
    virtual_name = ""
    if room and is_online_location(room):
        virtual_name, room = room, ""
        if not online and is_http(virtual_name):
            online = virtual_name
    places: list[dict[str, Any]] = []
    if room:
        places.append({"@type": "Place", "name": room, "address": room})
    if online or virtual_name:
        virtual: dict[str, Any] = {"@type": "VirtualLocation", "url": online or url}
        if virtual_name and virtual_name != online:
            virtual["name"] = virtual_name
        places.append(virtual)
    if room and (online or virtual_name):
        mode = "MixedEventAttendanceMode"
    elif online or virtual_name:
        mode = "OnlineEventAttendanceMode"
    elif room:
        mode = "OfflineEventAttendanceMode"
    else:
        mode = ""
    return places, f"{SCHEMA}/{mode}" if mode else ""


def event_data(
    talk: Talk, series: Series | None, url: str, series_url: str = ""
) -> dict[str, Any]:
    """The schema.org ``Event`` of a resolved talk.

    ``url`` is the talk's absolute address when the site's base URL is known,
    otherwise its fragment on its own page (a reference the page resolves).
    The attendance mode follows what the talk gives: a room, an http(s)
    meeting link or an online-only location (:func:`is_online_location`), or both.

    The series is the talk's ``superEvent``: a node with a name (and the
    series page's ``url`` when known) but no ``@type``. Typed as an
    ``EventSeries`` it would be an event of its own, which Google's Event rules
    then require to have a start date and a location that a series does not have.
    """
    start, end = _dates(talk)
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": talk.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": _STATUS[talk.status],
        "url": url,
    }
    description = re.sub(r"\n{3,}", "\n\n", talk.abstract).strip()
    if description:
        data["description"] = description
    places, mode = _locations(talk, url)
    if mode:
        data["eventAttendanceMode"] = mode
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    performers = [person(who) for who in talk.speakers if not who.is_tba]
    if performers:
        data["performer"] = performers
    if series is not None and series.organisers:
        data["organizer"] = [organiser(name) for name in series.organisers]
    if talk.series:
        data["superEvent"] = {"name": talk.series, **({"url": series_url} if series_url else {})}
    if talk.tags:
        data["keywords"] = ", ".join(talk.tags)
    if talk.language:
        data["inLanguage"] = talk.language
    if talk.papers:
        data["workFeatured"] = [_article(item) for item in talk.papers]
    return data
