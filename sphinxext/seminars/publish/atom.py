"""``<feed_name>.atom``: upcoming talks first (ascending), then the most recent past
ones (descending), ``seminars_feed_past_talks`` of them.

Every byte is a function of the sources and the configuration, never of the
wall clock: ``updated`` values are talk start times, ids are derived from talk
ids, and "upcoming" is decided against the build's pinned moment
(``seminars_now`` or ``SOURCE_DATE_EPOCH``). Without a pinned moment the feed
keeps the ``seminars_feed_past_talks`` newest talks, newest first (upcoming
talks are the newest, so they still come first).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from functools import partial

from sphinx.util.osutil import relative_uri

from ..core.dates import when_text
from ..core.model import Talk
from ..core.version import __version__
from .cache import Pieces
from .site import Site
from .text import clean, feed_tags, headline, plain, utc

ATOM_NS = "http://www.w3.org/2005/Atom"


GENERATOR_URI = "https://sphinxext-seminars.readthedocs.io"


def talk_uid(site: Site, talk: Talk) -> str:
    """A stable id: the same talk id on the same site gives the same URN everywhere."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site.key}#talk={talk.id}')}"


def feed_talks(talks: list[Talk], past_talks: int, now: dt.datetime | None) -> list[Talk]:
    """The talks of the Atom feed, in the feed's order.

    ``talks`` are in chronological order. With a moment: the upcoming talks
    ascending, then the ``past_talks`` most recent past ones descending. Without
    one: the ``past_talks`` newest talks, newest first.
    """
    keep = len(talks) if past_talks < 0 else past_talks
    if now is None:
        return list(reversed(talks))[:keep]
    upcoming = [t for t in talks if not t.is_past(now)]
    past = [t for t in reversed(talks) if t.is_past(now)][:keep]
    return upcoming + past


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    if text is not None:
        element.text = clean(text)
    return element


def _entry_summary(site: Site, talk: Talk) -> str:
    lines = [when_text(talk, site.language, site.timezone)]
    if talk.location:
        lines.append(talk.location)
    if talk.online:
        lines.append(talk.online)
    text = "\n".join(lines)
    if talk.abstract.strip():
        text += "\n\n" + plain(talk.abstract)
    return text


def atom_cutoff(pinned: dt.datetime | None, clock: dt.datetime | None = None) -> dt.datetime:
    """The latest ``updated`` an Atom entry may claim: the build's own moment.

    The pinned moment (``seminars_now`` or ``SOURCE_DATE_EPOCH``) when there is
    one, so a reproducible build gives the same bytes; else the start (00:00
    UTC) of the build's day, which is never after the build and the same for
    every build made that day.
    """
    if pinned is not None:
        return pinned.astimezone(dt.UTC)
    today = (clock or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).date()
    return dt.datetime.combine(today, dt.time(), dt.UTC)


def entry_updated(talk: Talk, cutoff: dt.datetime) -> dt.datetime:
    """An entry's ``updated``: the talk's start, never after ``cutoff``."""
    return min(talk.start.astimezone(dt.UTC), cutoff)


def atom_feed(
    site: Site,
    talks: list[Talk],
    title: str,
    subtitle: str,
    cutoff: dt.datetime,
    path: str = "",
    pieces: Pieces | None = None,
) -> bytes:
    """The Atom document (RFC 4287), built and escaped by ElementTree.

    ``path`` is where the feed goes (default: the site's feed). The feed, and
    each entry's summary, come from ``pieces`` when an earlier build made them.
    """
    pieces = pieces if pieces is not None else Pieces()
    # A feed whose talks and words are those of the last build is that build's feed.
    data = (
        "atom",
        [(pieces.talk(talk), site.talk_path(talk)) for talk in talks],
        repr(site),
        title,
        subtitle,
        cutoff,
        path,
    )
    document = pieces.get(
        data, partial(_atom_document, site, talks, title, subtitle, cutoff, path, pieces)
    )
    for talk in talks:
        pieces.keep(_summary_data(site, talk, pieces))
    return document


def _summary_data(site: Site, talk: Talk, pieces: Pieces) -> tuple[str, str, str]:
    return ("atom-summary", pieces.talk(talk), repr(site))


def _atom_document(
    site: Site,
    talks: list[Talk],
    title: str,
    subtitle: str,
    cutoff: dt.datetime,
    path: str,
    pieces: Pieces,
) -> bytes:
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    feed_path = path or site.file(".atom")
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site.key}#feed={feed_path}')}")
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    newest = max(
        (entry_updated(t, cutoff) for t in talks), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    )
    _sub(feed, "updated", utc(newest))
    if site.base_url:
        _sub(feed, "link", rel="self", href=site.absolute(feed_path), type="application/atom+xml")
        _sub(feed, "link", rel="alternate", href=site.base_url, type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", site.project or title)
    _sub(feed, "generator", "sphinxext-seminars", uri=GENERATOR_URI, version=__version__)
    for talk in talks:
        entry = _sub(feed, "entry")
        _sub(entry, "id", talk_uid(site, talk))
        _sub(entry, "title", headline(talk, feed=True))
        path = site.talk_path(talk)
        # relative_uri drops the fragment, so the anchor is added back.
        href = site.absolute(path) or (
            f"{relative_uri(feed_path, site.target_uri(talk.docname))}#{talk.anchor}"
        )
        _sub(entry, "link", rel="alternate", href=href, type="text/html")
        _sub(entry, "updated", utc(entry_updated(talk, cutoff)))
        for speaker in talk.speakers:
            if not speaker.is_tba:
                _sub(_sub(entry, "author"), "name", speaker.name)
        for term in (talk.series, talk.event, *feed_tags(talk)):
            if term:
                _sub(entry, "category", term=clean(term))
        summary = pieces.text(
            _summary_data(site, talk, pieces), partial(_entry_summary, site, talk)
        )
        _sub(entry, "summary", summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
