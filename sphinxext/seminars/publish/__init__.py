"""Every file the build writes besides Sphinx's pages, from the domain's model objects.

Written by the ``html`` and ``dirhtml`` builders (see :data:`.site.BUILDERS`) at
``build-finished`` or, in a parallel build, in a process forked when the writing of
pages starts (:func:`start_outputs`), from the merged talks, under
``seminars_pages_prefix``, each through the one :class:`.site.Site` of the build:

``<feed_name>.ics``, ``series/<slug>.ics``, ``talks/<id>.ics``
    iCalendar (:mod:`.ical`);
``<feed_name>.json`` and ``<feed_name>.schema.json``
    every talk with all its metadata (:mod:`.talks_json`);
``<feed_name>.atom``
    an Atom feed (:mod:`.atom`);
``<feed_name>.bib`` / ``<feed_name>.csl.json``
    for reference managers (:mod:`.citations`);
``topics/``, ``speakers/``, ``series/*.atom``, ``feeds/``
    the calendars and Atom feeds of each topic, speaker, series and listing
    with ``:feed:`` (:mod:`.collections`).

The JSON-LD of each talk page is made by :mod:`.jsonld` and put in the page by
``ext/decorations.py``. A file is only re-written when its bytes change, so an
unchanged site leaves every file untouched.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.parallel import ParallelTasks, parallel_available

from ..store.domain import SeminarsDomain, get_domain
from ..store.i18n import _
from .atom import atom_cutoff, atom_feed, feed_talks
from .cache import EXPORT_CACHE, Pieces, read_cache, write_cache
from .citations import bibtex_file, csl_file
from .collections import collection_atoms, collection_calendars, collections
from .ical import EVENT_CACHE, write_calendars
from .outputs import note_outputs
from .site import BUILDERS, Site
from .talks_json import SCHEMA_FILE, talks_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def export_files(
    site: Site, domain: SeminarsDomain, pieces: Pieces | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every export file but the calendars as (path relative to the output root,
    bytes), one at a time; each talk's part from ``pieces`` when an earlier build
    made it."""
    settings = domain.settings
    talks = domain.public_talks()
    title = settings.calendar_name or site.project or _("Talks")
    pinned = settings.pinned_now()
    yield (
        site.file(".json"),
        talks_json(
            site,
            domain.all_series,
            talks,
            {k: p for k, p in domain.profiles().items() if k in domain.speakers()},
            domain.venues,
            pieces,
        ),
    )
    yield site.file(".schema.json"), SCHEMA_FILE.read_bytes()
    chosen = feed_talks(talks, settings.feed_past_talks, pinned)
    yield (
        site.file(".atom"),
        atom_feed(
            site, chosen, title, settings.calendar_description, atom_cutoff(pinned), pieces=pieces
        ),
    )
    yield site.file(".bib"), bibtex_file(site, talks, pieces)
    yield site.file(".csl.json"), csl_file(site, talks, pieces)


def make_outputs(app: Sphinx) -> list[str]:
    """Write the calendars and exports whose bytes changed; return every path made.

    Each file is written as soon as it is made, so the build never holds them all
    (the outputs are the top of an incremental build's memory).
    """
    site = Site.from_app(app)
    domain = get_domain(app.env)
    enabled = bool(app.config.seminars_feeds)
    groups = list(collections(site, domain)) if enabled else []
    made = write_calendars(
        site,
        domain,
        Path(app.doctreedir, EVENT_CACHE),
        enabled,
        lambda feeds: collection_calendars(feeds, site, groups),
    )
    if enabled:
        cache = Path(app.doctreedir, EXPORT_CACHE)
        pieces = Pieces(read_cache(cache))
        settings = domain.settings
        exports = itertools.chain(
            export_files(site, domain, pieces),
            collection_atoms(site, groups, settings.feed_past_talks, settings.pinned_now(), pieces),
        )
        for path, data in exports:
            site.write({path: data})
            made.append(path)
        write_cache(cache, pieces.serialised)
    return sorted(made)


#: Outputs being made in a forked process while the pages are written (``-j N``),
#: with the box its result lands in.
_BACKGROUND: weakref.WeakKeyDictionary[Builder, tuple[ParallelTasks, dict[str, list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def start_outputs(app: Sphinx, builder: Builder) -> None:
    """``write-started``: in a parallel build, make the outputs in a forked process.

    Everything they are made of is known once the documents are read, and
    Sphinx's main process is the bottleneck of a parallel write (it resolves
    every page and feeds the search index while one worker writes): the
    outputs then take the idle time of the other processor instead of adding
    to the build. A serial build makes them at ``build-finished``.
    """
    if app.parallel <= 1 or not parallel_available or builder.name not in BUILDERS:
        return
    box: dict[str, list[str]] = {}
    tasks = ParallelTasks(1)
    try:
        tasks.add_task(
            functools.partial(make_outputs, app),
            None,
            lambda _arg, made: box.update(made=made),
        )
    except (OSError, AttributeError):  # no process could be forked: made at the end
        return
    _BACKGROUND[builder] = (tasks, box)


def write_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the calendars and exports of an HTML build (or wait
    for the process :func:`start_outputs` started); record what was written."""
    if app.builder.name not in BUILDERS:
        return
    started = _BACKGROUND.pop(app.builder, None)
    if started is not None:
        tasks, box = started
        if exception is not None:
            # Waited for, not killed: a file half-way through its atomic replace
            # would leave its temporary copy behind. The build's own error wins.
            with contextlib.suppress(Exception):
                tasks.join()
            return
        # Raises, as the serial build would, if making them failed; replays
        # their warnings.
        tasks.join()
        note_outputs(app, box["made"])
    elif exception is None:
        note_outputs(app, make_outputs(app))


def setup_publish(app: Sphinx) -> None:
    app.connect("write-started", start_outputs)
    app.connect("build-finished", write_outputs)
