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
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..core.model import Paper, Person, Series, Status, Talk
from ..core.options import SpeakerData
from ..core.parsing import InvalidValue, parse_person
from ..core.places import Venue, is_online_location

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


def person(who: Person, profile: SpeakerData | None = None) -> dict[str, Any]:
    """A ``Person``; with a profile, its ``sameAs`` (ORCID, homepage) and affiliation
    (the talk's own affiliation comes first)."""
    data: dict[str, Any] = {"@type": "Person", "name": who.name}
    affiliation = who.affiliation or (profile.affiliation if profile else "")
    if affiliation:
        data["affiliation"] = {"@type": "Organization", "name": affiliation}
    same = same_as(profile)
    if same:
        data["sameAs"] = same
    return data


def same_as(profile: SpeakerData | None) -> list[str]:
    """The pages that identify a person: ORCID record, then homepage."""
    if profile is None:
        return []
    found = [f"https://orcid.org/{profile.orcid}"] if profile.orcid else []
    if profile.homepage and is_http(profile.homepage):
        found.append(profile.homepage)
    return found


def person_data(
    name: str,
    profile: SpeakerData | None,
    *,
    affiliation: str = "",
    url: str = "",
    image: str = "",
    bio: str = "",
) -> dict[str, Any]:
    """The schema.org ``Person`` of a speaker's page.

    ``affiliation`` stands in when the profile gives none (the latest a talk
    gave); ``url`` and ``image`` are absolute URLs or "" (left out).
    """
    data = person(Person(name, (profile.affiliation if profile else "") or affiliation), profile)
    data = {"@context": SCHEMA, **data}
    if url:
        data["url"] = url
    if image and is_http(image):
        data["image"] = image
    description = re.sub(r"\n{3,}", "\n\n", bio).strip()
    if description:
        data["description"] = description
    return data


def organiser(text: str, link: str = "") -> dict[str, Any]:
    """An organiser as the series writes it (``Name (Affiliation)`` or a plain name),
    with the ``email`` or ``url`` of its link."""
    try:
        data = person(parse_person(text))
    except InvalidValue:
        data = {"@type": "Person", "name": text}
    if link.startswith("mailto:"):
        data["email"] = link.removeprefix("mailto:")
    elif link and is_http(link):
        data["url"] = link
    return data


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


def place(venue: Venue) -> dict[str, Any]:
    """A venue as a schema.org ``Place`` with a ``PostalAddress`` (and ``geo``)."""
    address: dict[str, Any] = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", venue.address),
        ("addressLocality", venue.city),
        ("addressCountry", venue.country),
    ):
        if value:
            address[key] = value
    data: dict[str, Any] = {
        "@type": "Place",
        "name": ", ".join(p for p in (venue.room, venue.name) if p) or venue.key,
    }
    if len(address) > 1:
        data["address"] = address
    else:
        data["address"] = venue.text or venue.key
    if venue.latitude is not None and venue.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    if venue.map_url:
        data["hasMap"] = venue.map_url
    if venue.phone:
        data["telephone"] = venue.phone
    return data


def _locations(
    talk: Talk, url: str, venue: Venue | None = None
) -> tuple[list[dict[str, Any]], str]:
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
    if room and venue is not None:
        places.append(place(venue))
    elif room:
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
    talk: Talk,
    series: Series | None,
    url: str,
    series_url: str = "",
    profiles: Callable[[str], SpeakerData | None] | None = None,
    *,
    venue: Venue | None = None,
    image: str = "",
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
    places, mode = _locations(talk, url, venue)
    if mode:
        data["eventAttendanceMode"] = mode
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    performers = [
        person(who, profiles(who.name) if profiles else None)
        for who in talk.speakers
        if not who.is_tba
    ]
    if performers:
        data["performer"] = performers
    if series is not None and series.organisers:
        links = series.organiser_links
        data["organizer"] = [
            organiser(name, links[index] if index < len(links) else "")
            for index, name in enumerate(series.organisers)
        ]
    if talk.series:
        data["superEvent"] = {"name": talk.series, **({"url": series_url} if series_url else {})}
    if talk.tags:
        data["keywords"] = ", ".join(talk.tags)
    if talk.language:
        data["inLanguage"] = talk.language
    if talk.papers:
        data["workFeatured"] = [_article(item) for item in talk.papers]
    if image:
        data["image"] = image
    return data
