"""The calendars and Atom feeds of groups of talks: topics, speakers, series, listings.

Written with the site's calendars (html and dirhtml builders, ``seminars_feeds``),
under ``seminars_pages_prefix``:

``topics/<slug>.ics`` and ``topics/<slug>.atom``
    every talk with the tag (the topic page links both);
``speakers/<key>.ics``
    every talk of a speaker (linked from the speaker's page);
``series/<slug>.atom``
    every talk of a series (its ``.ics`` is written by :mod:`.ical`);
``feeds/<name>.ics`` and ``feeds/<name>.atom``
    exactly the talks a ``talks`` listing with ``:feed: name`` selects (its
    filters, not its ``:limit:``); the first listing in sorted document order
    owns a name used twice.

Every event is the bytes of the site calendar's event for the talk (same UID,
see :class:`.ical.FeedSet`), so a reader who subscribes to two calendars never
sees a talk twice. Atom feeds hold the upcoming talks and the
``seminars_feed_past_talks`` newest past ones, as the site's does; a listing's
feed holds all its talks. Talks are the published ones
(``SeminarsDomain.public_talks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.model import Series, Talk, talk_order
from .atom import atom_cutoff, atom_feed, feed_talks
from .cache import Pieces
from .ical import CalendarHead, FeedSet

if TYPE_CHECKING:
    from ..store.domain import SeminarsDomain
    from .site import Site


@dataclass(frozen=True, slots=True)
class Collection:
    """A group of talks with its own files."""

    #: Folder under the prefix: ``topics``, ``speakers``, ``series``, ``feeds``.
    kind: str
    slug: str
    title: str
    #: Chronological, as published.
    talks: tuple[Talk, ...]
    ics: bool = True
    atom: bool = True
    #: Atom keeps every talk (listing feeds) rather than the site's window.
    all_in_atom: bool = False


def collections(site: Site, domain: SeminarsDomain) -> Iterator[Collection]:
    """Every group of talks that gets files, in a fixed order."""
    public = {talk.id: talk for talk in domain.public_talks()}

    def published(talks: list[Talk]) -> tuple[Talk, ...]:
        return tuple(public[t.id] for t in talks if t.id in public)

    project = site.name or site.project
    for topic in sorted(domain.topics):
        yield Collection(
            "topics",
            domain.topic_slug(topic),
            f"{project}: {topic}" if project else topic,
            published(domain.topics[topic]),
        )
    for key, (name, talks) in sorted(domain.speakers().items()):
        yield Collection("speakers", key, name, published(talks), atom=False)
    if site.series_feeds:
        series = domain.all_series
        for name in sorted(domain.all_series):
            talks = domain.series_talks(name)
            if talks:
                declared = series.get(name) or Series(name=name)
                yield Collection("series", declared.slug, name, published(talks), ics=False)
    now, keys = domain.now(), domain.speaker_keys
    ordered = domain.public_talks()
    feeds = domain.listing_feeds()
    for name in sorted(feeds):
        _docname, _line, query = feeds[name]
        chosen = sorted(query.select(ordered, now, keys), key=talk_order)
        yield Collection("feeds", name, f"{project}: {name}", tuple(chosen), all_in_atom=True)


def collection_calendars(
    feeds: FeedSet, site: Site, groups: Iterable[Collection]
) -> Iterator[tuple[str, bytes]]:
    """The ``.ics`` of every collection as (output path, bytes), one at a time, events
    shared with ``feeds``."""
    for group in groups:
        if group.ics:
            path = site.collection_path(group.kind, group.slug, ".ics")
            head = CalendarHead(group.title, site.description, site.absolute(path))
            yield path, feeds.calendar(head, group.talks)


def collection_atoms(
    site: Site,
    groups: Iterable[Collection],
    past_talks: int,
    pinned: dt.datetime | None,
    pieces: Pieces | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The Atom feed of every collection that has one as (output path, bytes), one at
    a time; the entries' summaries from ``pieces``, shared with the site's feed."""
    cutoff = atom_cutoff(pinned)
    for group in groups:
        if group.atom:
            path = site.collection_path(group.kind, group.slug, ".atom")
            chosen = feed_talks(list(group.talks), -1 if group.all_in_atom else past_talks, pinned)
            yield path, atom_feed(site, chosen, group.title, "", cutoff, path, pieces)
