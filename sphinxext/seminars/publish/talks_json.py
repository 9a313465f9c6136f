"""``<feed_name>.json``: every talk with all its metadata, and its JSON Schema.

Described by ``<feed_name>.schema.json``, written next to it
(``schema/talks.schema.json`` in the package; the ``version`` of both goes up
when the shape changes).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.model import Link, Paper, Series, Talk
from ..core.options import SpeakerData
from ..core.places import Venue, attendance
from ..core.version import __version__
from .cache import Pieces
from .site import Site, photo_path
from .text import plain

#: Version of the ``talks.json`` format; equal to ``version`` in the schema file.
JSON_VERSION = 1
#: Fields added within a version (readers ignore fields they do not know); equal
#: to ``minor_version`` in the schema file. 1: speaker profiles, organiser links, venues,
#: online access, card images, summaries; a talk's kind, language and audience (see
#: docs/reference/outputs.rst).
JSON_MINOR_VERSION = 1


SCHEMA_FILE = Path(__file__).parents[1] / "schema" / "talks.schema.json"


def link_url(site: Site, docname: str, link: Link) -> tuple[str, str]:
    """(absolute URL or "", path relative to the output root) of a talk's link."""
    if not link.local:
        return link.target, ""
    copied, source = site.download(docname, link.target)
    path = copied or source
    return site.absolute(path), path


def _person(name: str, affiliation: str) -> dict[str, str]:
    return {"name": name, "affiliation": affiliation}


def _paper_record(item: Paper) -> dict[str, Any]:
    return {
        "title": item.title,
        "authors": list(item.authors),
        "year": item.year,
        "venue": item.venue,
        "links": [
            {"kind": link.kind.value, "url": link.target, "ident": link.ident}
            for link in item.links
        ],
        "abstract": item.abstract,
    }


def talk_record(
    site: Site, talk: Talk, venues: Mapping[str, Venue] | None = None
) -> dict[str, Any]:
    """A talk as ``talks.json`` holds it (see the schema for every field)."""
    assert talk.end is not None
    path = site.talk_path(talk)
    links = []
    for link in talk.links:
        url, local_path = link_url(site, talk.docname, link)
        links.append(
            {
                "kind": link.kind.value,
                "url": url or None,
                "path": local_path or None,
                "ident": link.ident,
            }
        )
    return {
        "id": talk.id,
        "title": talk.title,
        "tba": talk.is_tba,
        "url": site.absolute(path) or None,
        "path": path,
        "docname": talk.docname,
        "start": talk.start.isoformat(),
        "end": talk.end.isoformat(),
        "all_day": talk.all_day,
        "date": talk.start.date().isoformat(),
        "last_day": talk.last_day.isoformat(),
        "timezone": talk.timezone or site.timezone,
        "status": talk.status.value,
        "speakers": [_person(p.name, p.affiliation) for p in talk.speakers],
        "location": talk.location,
        "online": talk.online,
        "series": talk.series,
        "event": talk.event,
        "tags": list(talk.tags),
        "joint_with": list(talk.joint_with),
        "links": links,
        "papers": [_paper_record(item) for item in talk.papers],
        "abstract": plain(talk.abstract),
        "bio": plain(talk.bio),
        "kind": talk.kind,
        "language": talk.language,
        "audience": talk.audience,
        **access_record(site, talk, venues or {}),
    }


def venue_record(venue: Venue) -> dict[str, Any]:
    return {
        "key": venue.key,
        "name": venue.name,
        "room": venue.room,
        "address": venue.address,
        "city": venue.city,
        "country": venue.country,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "map": venue.map_url,
        "accessibility": venue.accessibility,
        "phone": venue.phone,
    }


def access_record(site: Site, talk: Talk, venues: Mapping[str, Venue]) -> dict[str, Any]:
    """The fields of format 1.1: venue, attendance, online access, image, summary.

    A passcode is never exported.
    """
    venue = venues.get(talk.venue) if talk.venue else None
    image = None
    if talk.image is not None and not talk.image.local:
        image = {"url": talk.image.target, "path": None}
    elif talk.image is not None:
        # A file of the site, as Sphinx copied it (none when it was refused: warned).
        path = site.image(talk.docname, talk.image.target)
        image = {"url": site.absolute(path) or None, "path": path} if path else None
    return {
        "venue": venue_record(venue) if venue is not None else None,
        "attendance": attendance(talk.location, talk.online),
        "online_mode": talk.online_mode,
        "registration": talk.registration,
        "registration_deadline": talk.registration_deadline,
        "image": image,
        "summary": talk.summary,
    }


def series_record(series: Series) -> dict[str, Any]:
    return {
        "name": series.name,
        "slug": series.slug,
        "description": series.description,
        "organisers": list(series.organisers),
        "timezone": series.timezone,
        "location": series.location,
        # A private meeting room is not published with the archive.
        "online": "" if series.hide_online_after else series.online,
        "schedule": series.schedule,
        # Added in 1.1: per organiser, "mailto:..." or an http(s) page or "".
        "organiser_links": list(series.organiser_links),
    }


def speaker_record(site: Site, key: str, profile: SpeakerData) -> dict[str, Any]:
    """A speaker's profile as ``talks.json`` holds it (added in 1.1)."""
    photo = profile.photo
    if profile.photo_local:
        path = photo_path(site.prefix, key, profile.photo)
        photo = site.absolute(path) or path
    return {
        "key": key,
        "name": profile.name,
        "aliases": list(profile.aliases),
        "affiliation": profile.affiliation,
        "pronouns": profile.pronouns,
        "homepage": profile.homepage,
        "orcid": profile.orcid,
        "photo": photo,
        "bio": profile.bio,
    }


def talks_json(
    site: Site,
    series: dict[str, Series],
    talks: list[Talk],
    profiles: dict[str, SpeakerData] | None = None,
    venues: Mapping[str, Venue] | None = None,
    pieces: Pieces | None = None,
) -> bytes:
    """``<feed_name>.json``: the series by name, the talks as published and the
    profiles of their speakers (by speaker key); each talk's record from ``pieces``
    when an earlier build made it."""
    document = {
        "version": JSON_VERSION,
        "minor_version": JSON_MINOR_VERSION,
        "speakers": [speaker_record(site, key, p) for key, p in sorted((profiles or {}).items())],
        "generator": {"name": "sphinxext-seminars", "version": __version__},
        "site": {
            "project": site.project,
            "url": site.base_url or None,
            # Added within version 1 (readers ignore fields they do not know).
            "language": site.language or None,
        },
        "series": [series_record(series[name]) for name in sorted(series)],
        "talks": [],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    if talks:
        # The talks are spliced in as kept pieces (see :func:`talk_json`): the
        # same text json.dumps gives for them nested in the document. Strings
        # escape their quotes, so this is the one place the list can be.
        empty = '\n  "talks": [],\n'
        if text.count(empty) != 1:  # cannot happen; then the document as a whole
            document["talks"] = [talk_record(site, talk, venues) for talk in talks]
            text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
            return (text + "\n").encode()
        pieces = pieces if pieces is not None else Pieces()
        # Joined as bytes, the kept pieces as they are: one copy of the talks, not
        # one per step (decode, join, splice, encode) at the build's peak of memory.
        before, after = text.split(empty)
        return b"".join(
            [
                f'{before}\n  "talks": [\n'.encode(),
                b",\n".join(talk_json(site, talk, venues or {}, pieces) for talk in talks),
                f"\n  ],\n{after}\n".encode(),
            ]
        )
    return (text + "\n").encode()


def talk_json(site: Site, talk: Talk, venues: Mapping[str, Venue], pieces: Pieces) -> bytes:
    """A talk's record as an item of the document's ``talks`` (indented four spaces,
    UTF-8), kept from the last build when nothing it is made of changed."""
    # Besides the talk and the site: where the builder puts its page and the
    # files it links to and shows.
    data = (
        "talks.json",
        JSON_VERSION,
        JSON_MINOR_VERSION,
        pieces.talk(talk),
        repr(site),
        site.talk_path(talk),
        [site.download(talk.docname, link.target) for link in talk.links if link.local],
        site.image(talk.docname, talk.image.target)
        if talk.image is not None and talk.image.local
        else "",
        venues.get(talk.venue) if talk.venue else None,
    )

    def make() -> bytes:
        record = json.dumps(
            talk_record(site, talk, venues), ensure_ascii=False, indent=2, sort_keys=True
        )
        return "\n".join("    " + line for line in record.split("\n")).encode()

    return pieces.get(data, make)
