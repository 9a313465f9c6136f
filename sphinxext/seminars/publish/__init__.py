"""Every file the build writes besides Sphinx's pages, from the domain's model objects.

Written at ``build-finished`` by the ``html`` and ``dirhtml`` builders (see
:data:`.site.BUILDERS`), in the main process, from the merged talks, under
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

from pathlib import Path
from typing import TYPE_CHECKING

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


def export_files(
    site: Site, domain: SeminarsDomain, pieces: Pieces | None = None
) -> dict[str, bytes]:
    """Every export file but the calendars (path relative to the output root -> bytes);
    each talk's part from ``pieces`` when an earlier build made it."""
    settings = domain.settings
    talks = domain.public_talks()
    title = settings.calendar_name or site.project or _("Talks")
    pinned = settings.pinned_now()
    chosen = feed_talks(talks, settings.feed_past_talks, pinned)
    cutoff = atom_cutoff(pinned)
    return {
        site.file(".json"): talks_json(
            site,
            domain.all_series,
            talks,
            {k: p for k, p in domain.profiles().items() if k in domain.speakers()},
            domain.venues,
            pieces,
        ),
        site.file(".schema.json"): SCHEMA_FILE.read_bytes(),
        site.file(".atom"): atom_feed(
            site, chosen, title, settings.calendar_description, cutoff, pieces=pieces
        ),
        site.file(".bib"): bibtex_file(site, talks, pieces),
        site.file(".csl.json"): csl_file(site, talks, pieces),
    }


def write_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the calendars and exports of an HTML build."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    site = Site.from_app(app)
    domain = get_domain(app.env)
    enabled = bool(app.config.seminars_feeds)
    groups = list(collections(site, domain)) if enabled else []
    calendars = write_calendars(
        site,
        domain,
        Path(app.doctreedir, EVENT_CACHE),
        enabled,
        lambda feeds: collection_calendars(feeds, site, groups),
    )
    note_outputs(app, calendars)
    # Only their names are needed from here on: the calendars' bytes go before
    # the exports are made (the largest step of an incremental build's memory).
    del calendars
    if enabled:
        cache = Path(app.doctreedir, EXPORT_CACHE)
        pieces = Pieces(read_cache(cache))
        files = export_files(site, domain, pieces)
        settings = domain.settings
        files.update(
            collection_atoms(site, groups, settings.feed_past_talks, settings.pinned_now(), pieces)
        )
        site.write(files)
        write_cache(cache, pieces.serialised)
        note_outputs(app, files)


def setup_publish(app: Sphinx) -> None:
    app.connect("build-finished", write_outputs)
