"""Generated pages: one per speaker, series and event, and a speakers index.

Written by the ``html`` and ``dirhtml`` builders only (elsewhere the links to
them are plain text), under ``seminars_pages_prefix`` (default ``seminars``):

``<prefix>/speakers``
    every speaker, alphabetical by surname, under letter headings;
``<prefix>/speakers/<slug>``
    a speaker (slug of the name after ``seminars_speaker_aliases``): the data
    of ``seminars_speakers`` and all their talks, newest first;
``<prefix>/series/<slug>``
    a series: description, organisers, usual time, its talks (upcoming first);
``<prefix>/events/<slug>``
    an event: its programme in time order;
``<prefix>/embed``
    with ``seminars_embed_page``: the lines another web page copies to show the
    site's next talks (see :mod:`.embed`).

With ``html`` a page ``<prefix>/speakers/lenka-zdeborova`` is the file
``seminars/speakers/lenka-zdeborova.html``; with ``dirhtml`` it is
``seminars/speakers/lenka-zdeborova/index.html``. A document of the site with
the same output file wins and a ``seminars.page-collision`` warning names it.

The pages come from ``html-collect-pages`` through the templates
``seminars/{speaker,series,event,speakers}.html``, which extend the theme's
``page.html``; a site overrides one by putting a file of that name in its
``templates_path``.

Cost: after the read phase every page gets a fingerprint of what it shows
(kept by the freshness registry per output folder); only pages whose fingerprint
changed, or whose file is missing, are rendered, and the files of pages no
longer emitted are deleted. Each talk's summary is rendered once per build and
shared by the pages that list it (all pages sit at the same depth, so their
relative links are the same), and all docutils rendering of a build happens in
two batches, each walked by one HTML translator, rather than one publish per page.
"""

from __future__ import annotations

import dataclasses
import filecmp
import functools
import hashlib
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import sphinx
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RstParser
from docutils.readers.doctree import Reader as DoctreeReader
from docutils.utils import new_document
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx.writers.html import HTMLWriter

from ..core.model import Link, Person, Talk, fold, slugify
from ..core.options import SpeakerData, read_profiles
from ..core.subtypes import Subtype
from ..core.version import __version__
from ..publish.jsonld import person_data, script_safe_json
from ..publish.outputs import note_outputs
from ..publish.site import Site, download_path, photo_path, writes_files
from ..store.domain import get_domain, has_pages, page_name
from ..store.freshness import Freshness
from ..store.i18n import _, ngettext
from ..store.warn import warn
from .decorations import calendar_feed_links, feed_links
from .embed import embed_header, embed_nodes
from .nodes import listing, listing_item
from .render import (
    field,
    fill,
    link_nodes,
    organiser_nodes,
    paragraphs,
    profile_nodes,
    status_badge,
    venue_facts,
    when_nodes,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..store.domain import SeminarsDomain

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parents[1] / "templates"

#: How many speakers a talk's summary on generated pages names; the talk page has them all.
SUMMARY_SPEAKERS = 8


# -- what each page shows ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page, as plain data (its fingerprint is taken from this)."""

    name: str
    #: "speaker", "series", "event", "venue", "speakers" (the index) or "embed"; also the
    #: template name.
    kind: str
    title: str
    #: Talk ids in the order the page shows them, per group heading.
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Everything else the page shows, hashable.
    header: Any = None
    #: Per group, "upcoming"/"past" when the reader's browser should keep it
    #: up to date (series pages), as the ``talks`` listings are.
    whens: tuple[str, ...] = ()


def speaker_data(domain: SeminarsDomain, *, report: bool = False) -> dict[str, SpeakerData]:
    """Every profile by speaker key (``speaker`` directives, ``seminars_speakers`` and its
    file); bad values dropped, and with ``report`` the configuration's warned about
    (the directives warn at their own lines)."""
    if report:
        settings = domain.settings
        for message in read_profiles(settings.speakers)[1]:
            warn(Subtype.BAD_CONFIG, message, None)
        name = settings.speakers_file
        records = domain.speaker_file_records() if name else {}
        path = Path(domain.env.srcdir, name)
        lines: list[str] = []
        for person in sorted(records):
            if person in settings.speakers:
                continue  # seminars_speakers wins: its entry is the one checked
            messages = read_profiles(
                {person: records[person]}, f"seminars_speakers_file {name!r}"
            )[1]
            if messages and not lines:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            # The entry's line: the first that names the person (a key of the file).
            line = next((i for i, text in enumerate(lines, 1) if person in text), 1)
            for message in messages:
                warn(Subtype.BAD_CONFIG, message, f"{path}:{line}")
    return domain.profiles()


@dataclass(frozen=True, slots=True)
class SpeakerFacts:
    """What a speaker's page shows besides the talks (hashable, for its fingerprint)."""

    profile: SpeakerData | None
    #: (affiliation, first year, last year) in the order the talks first give them.
    affiliations: tuple[tuple[str, int, int], ...] = ()
    #: The affiliation of the newest talk giving one.
    latest_affiliation: str = ""
    #: (key, name) of everyone who spoke at one of the speaker's talks, by surname.
    co_speakers: tuple[tuple[str, str], ...] = ()
    #: The bio of the newest talk the person gave alone (shown without a profile bio),
    #: with that talk's id.
    talk_bio: tuple[str, str] | None = None


def talk_people(domain: SeminarsDomain, talk: Talk) -> dict[str, Person]:
    """Speaker key -> the person as the talk names them (TBA left out), in talk order."""
    keys = domain.speaker_keys
    people: dict[str, Person] = {}
    for person in talk.speakers:
        if not person.is_tba:
            people.setdefault(keys(person.name), person)
    return people


def speaker_facts(
    domain: SeminarsDomain,
    key: str,
    talks: list[Talk],
    profile: SpeakerData | None,
    people_of: Callable[[Talk], dict[str, Person]],
) -> SpeakerFacts:
    """The affiliation history, co-speakers and latest bio of a speaker's ``talks``
    (chronological). ``people_of`` is :func:`talk_people`, computed once per talk.

    Co-speakers come from talks with at most :data:`SUMMARY_SPEAKERS` speakers: a
    talk of a thousand speakers would otherwise list 999 names on each of their
    pages (a page's size must not grow with one talk's speakers).
    """
    keys = domain.speaker_keys
    spans: dict[str, tuple[str, int, int]] = {}
    latest = ""
    partners: dict[str, str] = {}
    talk_bio: tuple[str, str] | None = None
    for talk in talks:
        year = talk.start.year
        people = people_of(talk)
        person = people.get(key)
        if person is not None and person.affiliation:
            folded = fold(person.affiliation)
            name, first, _last = spans.get(folded, (person.affiliation, year, year))
            spans[folded] = (name, min(first, year), year)
            latest = person.affiliation
        if len(people) <= SUMMARY_SPEAKERS:
            for other, who in people.items():
                if other != key:
                    partners.setdefault(other, keys.canonical(who.name))
        if talk.bio.strip() and len(people) == 1:
            talk_bio = (talk.bio, talk.id)
    co_speakers = tuple(
        sorted(partners.items(), key=lambda item: (domain.speaker_sort_key(item[1]), item[0]))
    )
    return SpeakerFacts(
        profile=profile,
        affiliations=tuple(spans.values()),
        latest_affiliation=latest,
        co_speakers=co_speakers,
        talk_bio=None if profile is not None and profile.bio else talk_bio,
    )


def collect_pages(
    domain: SeminarsDomain, people: dict[str, tuple[str, list[Talk]]]
) -> dict[str, Page]:
    """Every page the extension emits, by page name (sorted, first slug wins).

    ``people`` is ``domain.speakers()``, computed once by the caller.
    """
    pages: dict[str, Page] = {}

    def add(page: Page) -> None:
        pages.setdefault(page.name, page)

    data = speaker_data(domain)
    in_talk: dict[str, dict[str, Person]] = {}

    def people_of(talk: Talk) -> dict[str, Person]:
        if talk.id not in in_talk:
            in_talk[talk.id] = talk_people(domain, talk)
        return in_talk[talk.id]

    for key in sorted(people):
        name, talks = people[key]
        newest_first = tuple(t.id for t in reversed(talks))
        profile = data.get(key)
        add(
            Page(
                page_name(domain, "speakers", key),
                "speaker",
                name,
                ((_("Talks"), newest_first),),
                (key, speaker_facts(domain, key, talks, profile, people_of)),
            )
        )
    now = domain.now()
    for series_name in sorted(domain.all_series):
        series = domain.all_series[series_name]
        groups, whens = upcoming_and_past(domain.series_talks(series_name), now)
        add(
            Page(
                page_name(domain, "series", series.slug),
                "series",
                series.name,
                groups,
                # (a venue named by its key shows on the page: its changes re-render it)
                repr((series, domain.venues.get(series.location.strip()))),
                whens,
            )
        )
    add_venue_pages(domain, add, now)
    topics = domain.topics
    for topic in sorted(topics):
        groups, whens = upcoming_and_past(topics[topic], now)
        slug = domain.topic_slug(topic)
        add(
            Page(
                page_name(domain, "topics", slug),
                "topic",
                topic,
                groups,
                (slug, len(topics[topic])),
                whens,
            )
        )
    if topics:
        index = tuple(
            sorted((fold(name), domain.topic_slug(name), name, len(topics[name])) for name in topics)
        )
        add(Page(page_name(domain, "topics"), "topics", _("Topics"), (), index))
    for event in sorted(domain.events):
        ids = tuple(t.id for t in domain.events[event])
        add(
            Page(
                page_name(domain, "events", domain.event_slug(event)),
                "event",
                event,
                ((_("Programme"), ids),),
            )
        )
    if people:
        entries = tuple(
            sorted(
                (
                    (domain.speaker_sort_key(name), key, name, len(talks))
                    for key, (name, talks) in people.items()
                )
            )
        )
        add(Page(page_name(domain, "speakers"), "speakers", _("Speakers"), (), entries))
    embed = embed_header(domain)
    if embed is not None:
        add(Page(page_name(domain, "embed"), "embed", _("Embed the next talks"), (), embed))
    return pages


def add_venue_pages(domain: SeminarsDomain, add: Any, now: Any) -> None:
    """A page per venue: its address and facts, its talks (upcoming first)."""
    venues = domain.venues
    if not venues:
        return
    at: dict[str, list[Talk]] = {key: [] for key in venues}
    for talk in domain.ordered_talks:
        if talk.venue in at:
            at[talk.venue].append(talk)
    for key in sorted(venues):
        groups, whens = upcoming_and_past(at[key], now)
        name = page_name(domain, "venues", key)
        add(Page(name, "venue", venues[key].title, groups, repr(venues[key]), whens))


def upcoming_and_past(
    talks: list[Talk], now: Any
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]:
    """A page's groups of talks (upcoming soonest first, then past newest first) and
    the ``when`` of each, for the page script (series and venue pages)."""
    upcoming = tuple(t.id for t in talks if not t.is_past(now))
    past = tuple(t.id for t in reversed(talks) if t.is_past(now))
    groups = tuple(
        (heading, ids)
        for heading, ids in ((_("Upcoming talks"), upcoming), (_("Past talks"), past))
        if ids
    )
    whens = tuple(when for when, ids in (("upcoming", upcoming), ("past", past)) if ids)
    return groups, whens


# -- after the read phase: what to render, what to delete -------------------------


#: The pages' scope in the freshness registry.
PAGES = "pages"


def _outfile(builder: Builder, pagename: str) -> str:
    """The output file of a page (html and dirhtml builders only)."""
    return str(cast("StandaloneHTMLBuilder", builder).get_outfilename(pagename))


def _doc_outputs(env: BuildEnvironment, builder: Builder, prefix: str) -> dict[str, str]:
    """Output file -> docname of the site's documents that could share a page's path."""
    head = prefix.strip("/")
    return {
        str(_outfile(builder, docname)): docname
        for docname in sorted(env.found_docs)
        if not head or docname == head or docname.startswith(head + "/")
    }


def _site_signature(env: BuildEnvironment, builder: Builder, domain: SeminarsDomain) -> str:
    """What every page shows besides its own content: theme, config, navigation."""
    build_info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0.0
    in_toctrees = {env.config.root_doc}
    for children in env.toctree_includes.values():
        in_toctrees.update(children)
    navigation = (
        sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items()),
        [(doc, env.titles[doc].astext()) for doc in sorted(in_toctrees) if doc in env.titles],
        [(doc, env.tocs[doc].astext()) for doc in sorted(in_toctrees) if doc in env.tocs],
    )
    return repr(
        (
            __version__,
            sphinx.__display_version__,
            builder.name,
            getattr(build_info, "config_hash", ""),
            newest,
            env.config.language,
            repr(domain.settings),
            navigation,
            # Names made unique change links on every page that shows them.
            domain.renamed_slugs(),
        )
    )


def _talk_signature(env: BuildEnvironment, talk: Talk) -> str:
    """What the generated pages show of a talk: all of it but its abstract and bio.

    The pages list a talk by its summary and its papers (:meth:`PageRenderer.talk_summary`,
    :meth:`PageRenderer.speaker_papers`), never its abstract or bio, so a fix to an
    abstract does not render the speaker and series pages of the talk again.
    """
    shown = tuple(getattr(talk, name) for name in _SHOWN_FIELDS)
    return repr((shown, _download_targets(env, talk)))


#: The fields of a talk that generated pages may show (see :func:`_talk_signature`).
_SHOWN_FIELDS = tuple(
    f.name for f in dataclasses.fields(Talk) if f.name not in {"abstract", "bio", "lineno"}
)


def _download_targets(env: BuildEnvironment, talk: Talk) -> tuple[str | None, ...]:
    """Where Sphinx copied each local file the talk links to (``_downloads/...``)."""
    return tuple(
        download_path(env, talk.docname, link.target)[0] for link in talk.links if link.local
    )


def plan_pages(app: Sphinx, env: BuildEnvironment, *, freshness: Freshness) -> list[str]:
    """Fingerprint every page after the read phase; note which to render and delete.

    Runs in the main process before the environment is saved, so the
    fingerprints are kept with it (per output folder, so html and dirhtml
    sharing one environment keep apart). Returns the root document when only the
    pages changed (a template, the theme's options): writing it makes Sphinx
    save the environment, so the next build does not render them again.
    """
    builder = app.builder
    domain = get_domain(env)
    if builder.name not in ("html", "dirhtml"):
        return []
    outdir = str(builder.outdir)
    old = freshness.written(domain, outdir, PAGES)
    if not has_pages(domain, builder):
        # Pages switched off: the files of the last build go.
        freshness.plan(domain, outdir, PAGES, {}, gone=sorted(old))
        return []
    speaker_data(domain, report=True)
    pages = collect_pages(domain, domain.speakers())
    docs = _doc_outputs(env, builder, domain.settings.pages_prefix)
    for name in sorted(pages):
        docname = docs.get(str(_outfile(builder, name)))
        if docname is not None:
            warn(
                Subtype.PAGE_COLLISION,
                f"this document has the path of the generated page {name!r} "
                f"({pages[name].kind} {pages[name].title!r}), which is not written; rename the "
                "document or change seminars_pages_prefix",
                (docname, None),
            )
            del pages[name]
    site = _site_signature(env, builder, domain)
    talks = domain.talks
    signatures: dict[str, str] = {}
    fingerprints: dict[str, str] = {}
    for name in sorted(pages):
        page = pages[name]
        digest = hashlib.sha256(
            repr((site, page.name, page.kind, page.title, page.groups, page.header)).encode()
        )
        for _heading, ids in page.groups:
            for talk_id in ids:
                if talk_id not in signatures:
                    # Hashed once per talk: a talk with many speakers is on many pages.
                    signatures[talk_id] = hashlib.sha256(
                        _talk_signature(env, talks[talk_id]).encode()
                    ).hexdigest()
                digest.update(signatures[talk_id].encode())
        fingerprints[name] = digest.hexdigest()
    gone = sorted(
        name for name in set(old) - set(fingerprints) if str(_outfile(builder, name)) not in docs
    )
    render = freshness.plan(domain, outdir, PAGES, fingerprints, gone)
    if (render or gone) and not freshness.reading and env.config.root_doc in env.found_docs:
        return [env.config.root_doc]
    return []


# -- rendering ------------------------------------------------------------------


class PageRenderer:
    """Builds the docutils nodes of talk summaries and pages, with relative links."""

    def __init__(self, app: Sphinx, domain: SeminarsDomain) -> None:
        self.app = app
        self.builder = app.builder
        self.env = app.env
        self.domain = domain
        self.prefix = domain.settings.pages_prefix
        # Every speaker/series/event page sits at <prefix>/<kind>/<slug>, so a
        # link computed from a stand-in sibling is right on all of them.
        self.sibling = page_name(domain, "~", "~")
        self.language = app.config.language
        self.site_timezone = domain.settings.timezone
        self._keys: dict[str, str] = {}

    def speaker_key(self, name: str) -> str:
        # Folding a name is the costly part of a summary; names repeat.
        if name not in self._keys:
            self._keys[name] = self.domain.speaker_keys(name)
        return self._keys[name]

    def uri(self, frompage: str, target: str, anchor: str = "") -> str:
        base = self.builder.get_target_uri(frompage)
        uri = relative_uri(base, self.builder.get_target_uri(target))
        return f"{uri}#{anchor}" if anchor else uri

    def file_uri(self, frompage: str, path: str) -> str:
        return relative_uri(self.builder.get_target_uri(frompage), path)

    def talk_summary(self, talk: Talk) -> nodes.container:
        """A talk as its pages list it: title, date, speakers, series, event, links."""
        box = nodes.container(classes=["seminars-page-talk"])
        title = nodes.paragraph(classes=["seminars-page-talk-title"])
        title += nodes.reference(
            "", talk.title, internal=True, refuri=self.uri(self.sibling, talk.docname, talk.anchor)
        )
        badge = status_badge(talk)
        if badge is not None:
            title += [nodes.Text(" "), badge]
        box += title
        when = nodes.paragraph(classes=["seminars-page-talk-when"])
        when.extend(when_nodes(talk, self.language, self.site_timezone))
        box += when
        about = nodes.paragraph(classes=["seminars-page-talk-about"])
        # A summary names a few speakers and links to the talk for the rest: it
        # is repeated on every speaker's page, so its size must not grow with them.
        shown = talk.speakers[:SUMMARY_SPEAKERS]
        for index, person in enumerate(shown):
            if index:
                about += nodes.Text(", ")
            if person.is_tba:
                about += nodes.inline("", person.name, classes=["seminars-speaker"])
            else:
                about += nodes.reference(
                    "",
                    person.name,
                    internal=True,
                    classes=["seminars-speaker"],
                    refuri=self.uri(
                        self.sibling,
                        page_name(self.domain, "speakers", self.speaker_key(person.name)),
                    ),
                )
            if person.affiliation:
                about += nodes.Text(" (")
                about += nodes.inline("", person.affiliation, classes=["seminars-affiliation"])
                about += nodes.Text(")")
        if len(talk.speakers) > len(shown):
            more = len(talk.speakers) - len(shown)
            about += nodes.Text(", ")
            about += nodes.reference(
                "",
                ngettext("and %d more", "and %d more", more) % more,
                internal=True,
                classes=["seminars-more-speakers"],
                refuri=self.uri(self.sibling, talk.docname, talk.anchor),
            )
        for kind, name, message, css in (
            ("series", talk.series, _("Series: {name}"), "seminars-series"),
            ("events", talk.event, _("Event: {name}"), "seminars-event"),
        ):
            if not name:
                continue
            slug = (
                self.domain.all_series[name].slug
                if kind == "series" and name in self.domain.all_series
                else self.domain.event_slug(name)
                if kind == "events"
                else slugify(name)
            )
            if len(about):
                about += nodes.Text(" · ")
            link = nodes.reference(
                "",
                name,
                internal=True,
                classes=[css],
                refuri=self.uri(self.sibling, page_name(self.domain, kind, slug)),
            )
            about.extend(fill(message, name=link))
        if len(about):
            box += about
        links = self.links_row(talk)
        if links is not None:
            box += links
        return box

    def links_row(self, talk: Talk) -> nodes.paragraph | None:
        downloads = iter(_download_targets(self.env, talk))

        def copied_file(link: Link, label: str, classes: list[str]) -> nodes.Node | None:
            target = next(downloads)
            if target is None:
                return None
            uri = self.file_uri(self.sibling, target)
            return nodes.reference("", label, refuri=uri, classes=classes)

        row = nodes.paragraph(classes=["seminars-links"])
        row.extend(link_nodes(talk.links, local=copied_file, arxiv_pdf=False))
        return row if len(row) else None

    def page(self, page: Page, summaries: dict[str, str]) -> nodes.section:
        section = nodes.section(
            ids=[f"seminars-{page.kind}"], classes=["seminars-page", f"seminars-page-{page.kind}"]
        )
        section += nodes.title("", page.title)
        if page.kind == "speaker":
            section.extend(self.speaker_header(page))
            if writes_files(self.app):
                site = Site.from_app(self.app)
                ics = site.collection_path("speakers", page.header[0], ".ics")
                section += calendar_feed_links(site, self.builder.get_target_uri(page.name), ics)
        elif page.kind == "series":
            section.extend(self.series_header(page))
        elif page.kind == "speakers":
            section.extend(self.speakers_index(page))
        elif page.kind == "embed":
            section.extend(embed_nodes(page.header))
        elif page.kind == "venue":
            section.extend(self.venue_header(page))
        elif page.kind == "topic":
            section.extend(self.topic_header(page))
        elif page.kind == "topics":
            section.extend(self.topics_index(page))
        upcoming_ids = dict(zip(page.whens, (ids for _h, ids in page.groups), strict=False)).get(
            "upcoming", ()
        )
        for index, (heading, ids) in enumerate(page.groups):
            when = page.whens[index] if index < len(page.whens) else ""
            group = nodes.section(ids=[f"seminars-{slugify(heading)}"])
            group += nodes.title("", heading)
            items = nodes.bullet_list(classes=["seminars-page-talks"])
            hidden: tuple[str, ...] = ()
            if when == "past":
                # Talks still upcoming at build time, hidden until the page's
                # script sees them end (newest first, as past talks are listed).
                hidden = tuple(reversed(upcoming_ids))
            for talk_id in (*hidden, *ids):
                items += self.page_item(talk_id, summaries[talk_id], bool(when), talk_id in hidden)
            if when:
                box = listing(classes=["seminars-listing", f"seminars-when-{when}"], when=when)
                box += items
                box += nodes.paragraph(
                    "", _("No talks."), classes=["seminars-empty", "seminars-hidden"]
                )
                group += box
            else:
                group += items
            section += group
        if page.kind == "speaker":
            section.extend(self.speaker_papers(page))
            section.extend(self.co_speakers(page))
        if page.kind in ("series", "venue") and not page.groups:
            section += nodes.paragraph("", _("No talks yet."), classes=["seminars-empty"])
        return section

    def page_item(self, talk_id: str, summary: str, live: bool, hidden: bool) -> nodes.list_item:
        """One talk of a page; ``live`` items carry what the page script reads."""
        content = nodes.raw("", summary, format="html")
        if not live:
            return nodes.list_item("", content)
        talk = self.domain.talks[talk_id]
        assert talk.end is not None
        return listing_item(
            "",
            content,
            classes=["seminars-item", *(["seminars-hidden"] if hidden else [])],
            start=talk.start.isoformat(),
            end=talk.end.isoformat(),
            talk_id=talk.id,
        )

    def speaker_papers(self, page: Page) -> list[nodes.Node]:
        """The papers behind the speaker's talks, newest talk first, each once."""
        from .papers import paper_nodes

        seen: set[tuple[str, str]] = set()
        found = []
        for _heading, ids in page.groups:
            for talk_id in ids:
                talk = self.domain.talks.get(talk_id)
                for item in talk.papers if talk else ():
                    key = (fold(item.title), item.links[0].target if item.links else "")
                    if key not in seen:
                        seen.add(key)
                        found.append(item)
        if not found:
            return []
        group = nodes.section(ids=["seminars-papers"])
        group += nodes.title("", _("Papers"))
        group.extend(paper_nodes(item) for item in found)
        return [group]

    def speaker_header(self, page: Page) -> list[nodes.Node]:
        """Profile (photo, pronouns, affiliation, links, bio), affiliation history, JSON-LD."""
        key, facts = page.header
        data: SpeakerData | None = facts.profile
        result: list[nodes.Node] = []
        photo = ""
        if data is not None:
            if data.photo:
                photo = (
                    self.file_uri(page.name, photo_path(self.prefix, key, data.photo))
                    if data.photo_local
                    else data.photo
                )
            result.extend(profile_nodes(data, photo, page.title))
        bio = data.bio if data is not None and data.bio else ""
        if not bio and facts.talk_bio is not None:
            bio = facts.talk_bio[0]
        if bio:
            box = nodes.container(classes=["seminars-speaker-bio"])
            box.extend(paragraphs(bio, []))
            if not (data is not None and data.bio) and facts.talk_bio is not None:
                talk = self.domain.talks[facts.talk_bio[1]]
                link = nodes.reference(
                    "",
                    talk.title,
                    internal=True,
                    refuri=self.uri(page.name, talk.docname, talk.anchor),
                )
                source = nodes.paragraph(classes=["seminars-bio-source"])
                source.extend(fill(_("From the talk {title}"), title=link))
                box += source
            result.append(box)
        if facts.affiliations:
            group = nodes.section(ids=["seminars-affiliations"])
            group += nodes.title("", _("Affiliations"))
            items = nodes.bullet_list(classes=["seminars-affiliation-history"])
            for name, first, last in facts.affiliations:
                years = str(first) if first == last else f"{first}\u2013{last}"
                items += nodes.list_item("", nodes.paragraph("", f"{name} ({years})"))
            group += items
            result.append(group)
        site = Site.from_app(self.app)
        url = site.absolute(self.builder.get_target_uri(page.name))
        image = ""
        if data is not None and data.photo:
            image = (
                site.absolute(photo_path(self.prefix, key, data.photo))
                if data.photo_local
                else data.photo
            )
        person = person_data(
            page.title,
            data,
            affiliation=facts.latest_affiliation,
            url=url,
            image=image,
            bio=bio,
        )
        script = f'<script type="application/ld+json">\n{script_safe_json(person)}\n</script>\n'
        result.append(nodes.raw("", script, format="html", classes=["seminars-jsonld"]))
        return result

    def co_speakers(self, page: Page) -> list[nodes.Node]:
        """Everyone who shared one of the speaker's talks, linked to their pages."""
        _key, facts = page.header
        if not facts.co_speakers:
            return []
        group = nodes.section(ids=["seminars-co-speakers"])
        group += nodes.title("", _("Co-speakers"))
        items = nodes.bullet_list(classes=["seminars-co-speakers"])
        for key, name in facts.co_speakers:
            link = nodes.reference(
                "",
                name,
                internal=True,
                classes=["seminars-speaker"],
                refuri=self.uri(page.name, page_name(self.domain, "speakers", key)),
            )
            items += nodes.list_item("", nodes.paragraph("", "", link))
        group += items
        return [group]

    def series_header(self, page: Page) -> list[nodes.Node]:
        series = self.domain.all_series.get(page.title)
        result: list[nodes.Node] = []
        if series is None:
            return result
        for block in re.split(r"\n\s*\n", series.description.strip()):
            if block.strip():
                result.append(
                    nodes.paragraph(
                        "", " ".join(block.split()), classes=["seminars-series-description"]
                    )
                )
        fields = nodes.field_list(classes=["seminars-meta"])
        if series.organisers:
            organisers = organiser_nodes(series.organisers, series.organiser_links)
            fields += field(_("Organisers"), organisers, "organisers")
        if series.schedule:
            fields += field(_("Usual time"), [nodes.Text(series.schedule)], "schedule")
        if series.location:
            venue = self.domain.venues.get(series.location.strip())
            where: list[nodes.Node] = [nodes.Text(series.location)]
            if venue is not None:  # a venue key: its name, linked to its page, and address
                target = self.uri(page.name, page_name(self.domain, "venues", venue.key))
                where = [nodes.reference("", venue.title, refuri=target, internal=True)]
                rest = [line for line in venue.lines if line != venue.title]
                if rest:
                    where.append(nodes.Text(", " + ", ".join(rest)))
            fields += field(_("Where"), where, "where")
        if series.online and not series.hide_online_after:
            link = nodes.reference(
                "", _("Join online"), refuri=series.online, classes=["seminars-online-link"]
            )
            fields += field(_("Online"), [link], "online")
        if len(fields):
            result.append(fields)
        if writes_files(self.app):
            here = self.builder.get_target_uri(page.name)
            site = Site.from_app(self.app)
            atom = site.collection_path("series", series.slug, ".atom") if site.series_feeds else ""
            result.append(feed_links(site, here, series, atom))
        return result

    def venue_header(self, page: Page) -> list[nodes.Node]:
        venue = next((v for v in self.domain.venues.values() if repr(v) == page.header), None)
        return [venue_facts(venue)] if venue is not None else []

    def topic_header(self, page: Page) -> list[nodes.Node]:
        """The number of talks, and the topic's calendar and Atom feed."""
        slug, count = page.header
        label = ngettext("%(count)d talk", "%(count)d talks", count) % {"count": count}
        result: list[nodes.Node] = [
            nodes.paragraph("", label, classes=["seminars-topic-count", "seminars-count"])
        ]
        if writes_files(self.app):
            site = Site.from_app(self.app)
            here = self.builder.get_target_uri(page.name)
            ics = site.collection_path("topics", slug, ".ics")
            atom = site.collection_path("topics", slug, ".atom")
            result.append(calendar_feed_links(site, here, ics, atom))
        return result

    def topics_index(self, page: Page) -> list[nodes.Node]:
        """Every topic, A to Z under letter headings, with its number of talks."""
        letters: dict[str, list[tuple[str, str, int]]] = {}
        for folded, slug, name, count in page.header:
            letter = folded[:1].upper() if folded[:1].isalpha() else _("Symbols")
            letters.setdefault(letter, []).append((page_name(self.domain, "topics", slug), name, count))
        return self.letter_index(page, letters, "seminars-topics-index")

    def speakers_index(self, page: Page) -> list[nodes.Node]:
        letters: dict[str, list[tuple[str, str, int]]] = {}
        for (surname, _full), key, name, count in page.header:
            letter = surname[:1].upper() if surname[:1].isalpha() else _("Symbols")
            letters.setdefault(letter, []).append(
                (page_name(self.domain, "speakers", key), name, count)
            )
        return self.letter_index(page, letters, "seminars-speakers-index")

    def letter_index(
        self, page: Page, letters: dict[str, list[tuple[str, str, int]]], css: str
    ) -> list[nodes.Node]:
        """A jump bar of letters and a section per letter: (page, name, talk count)."""
        jump = nodes.paragraph(classes=["seminars-letters", "genindex-jumpbox"])
        sections: list[nodes.Node] = []
        for letter in sorted(letters, key=lambda item: (item == _("Symbols"), item)):
            anchor = f"letter-{slugify(letter)}"
            if len(jump):
                jump += nodes.Text(" | ")
            jump += nodes.reference("", letter, refuri=f"#{anchor}", internal=True)
            section = nodes.section(ids=[anchor])
            section += nodes.title("", letter)
            entries = nodes.bullet_list(classes=[css])
            for target, name, count in letters[letter]:
                item = nodes.paragraph()
                item += nodes.reference(
                    "", name, internal=True, refuri=self.uri(page.name, target)
                )
                item += nodes.Text(" ")
                item += nodes.inline(
                    "",
                    ngettext("(%(count)d talk)", "(%(count)d talks)", count) % {"count": count},
                    classes=["seminars-count"],
                )
                entries += nodes.list_item("", item)
            section += entries
            sections.append(section)
        return [jump, *sections]


class _PageView:
    """The builder as the translator sees it while rendering a generated page.

    The HTML translator reads the numbering of the document being written
    (sections, figures) and its name from the builder; a generated page is no
    document and has none. This view answers those for the page and passes
    everything else to the builder, which is left as it is.
    """

    def __init__(self, builder: Builder) -> None:
        self._builder = builder
        self.current_docname = ""
        self.secnumbers: dict[str, tuple[int, ...]] = {}
        self.fignumbers: dict[str, dict[str, tuple[int, ...]]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._builder, name)


def render_fragments(builder: Builder, fragments: list[nodes.Node]) -> list[str]:
    """Render many nodes with one HTML translator (much cheaper than one publish each).

    Each fragment is walked in turn; its HTML is what the walk added to the
    translator's body.
    """
    if not fragments:
        return []
    settings = get_default_settings(DoctreeReader, RstParser, HTMLWriter)
    settings.output_encoding = "unicode"
    document = new_document("<seminars pages>", settings)
    for node in fragments:
        document += node
    translator = builder.create_translator(document, _PageView(builder))
    result = []
    for node in fragments:
        start = len(translator.body)
        node.walkabout(translator)
        result.append("".join(translator.body[start:]).strip("\n") + "\n")
    return result


def _copy_photos(app: Sphinx, domain: SeminarsDomain, people: dict[str, Any]) -> None:
    srcdir = Path(app.srcdir).resolve()
    for key, data in sorted(speaker_data(domain).items()):
        if not data.photo_local or key not in people:
            continue
        source = (srcdir / data.photo).resolve()
        if not source.is_relative_to(srcdir) or not source.is_file():
            if data.docname:
                warn(
                    Subtype.BAD_PROFILE,
                    f"photo {data.photo!r} is not a file of the site; put the image inside "
                    "the source folder or give an https:// URL",
                    (data.docname, data.lineno),
                )
            else:
                warn(
                    Subtype.BAD_CONFIG,
                    f"seminars_speakers: photo {data.photo!r} is not a file of the site",
                    None,
                )
            continue
        relative = photo_path(domain.settings.pages_prefix, key, data.photo)
        note_outputs(app, [relative])
        dest = Path(app.outdir, relative)
        if not dest.exists() or not filecmp.cmp(source, dest, shallow=False):
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)


def _delete(builder: Builder, pagename: str) -> None:
    outfile = Path(_outfile(builder, pagename))
    outfile.unlink(missing_ok=True)
    # dirhtml writes <name>/index.html: remove the folder when it is left empty.
    folder = outfile.parent
    if (
        outfile.name == "index.html"
        and folder != Path(builder.outdir)
        and folder.is_dir()
        and not any(folder.iterdir())
    ):
        folder.rmdir()


def collect_pages_for_html(
    app: Sphinx, *, freshness: Freshness
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the pages whose content changed or whose file is missing."""
    builder = app.builder
    domain = get_domain(app.env)
    if builder.name not in ("html", "dirhtml"):
        return
    outdir = str(builder.outdir)
    render, gone = freshness.planned(outdir, PAGES)
    for name in gone:
        _delete(builder, name)
    if not has_pages(domain, builder):
        return
    people = domain.speakers()
    _copy_photos(app, domain, people)
    fingerprints = freshness.written(domain, outdir, PAGES)
    root = Path(builder.outdir)
    note_outputs(
        app,
        (Path(_outfile(builder, name)).relative_to(root).as_posix() for name in fingerprints),
    )
    wanted = set(render)
    wanted.update(name for name in fingerprints if not Path(_outfile(builder, name)).exists())
    if not wanted:
        return
    pages = {name: page for name, page in collect_pages(domain, people).items() if name in wanted}
    renderer = PageRenderer(app, domain)
    talk_ids = sorted(
        {talk_id for page in pages.values() for _h, ids in page.groups for talk_id in ids}
    )
    talks = domain.talks
    summaries = dict(
        zip(
            talk_ids,
            render_fragments(builder, [renderer.talk_summary(talks[i]) for i in talk_ids]),
            strict=True,
        )
    )
    names = sorted(pages)
    bodies = render_fragments(builder, [renderer.page(pages[name], summaries) for name in names])
    logger.verbose(
        "seminars: %d generated pages rendered, %d unchanged",
        len(names),
        len(fingerprints) - len(names),
    )
    for name, body in zip(names, bodies, strict=True):
        page = pages[name]
        context = {
            # Titles in Sphinx's context are HTML, as the theme prints them.
            "title": escape(page.title, quote=False),
            "body": body,
            "seminars_kind": page.kind,
            "seminars_name": page.title,
        }
        yield name, context, f"seminars/{page.kind}.html"


def add_templates_path(app: Sphinx, config: Config) -> None:
    # At config-inited and always the same value, so no rebuild is triggered;
    # appended last, so a site's own ``seminars/*.html`` wins.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup_pages(app: Sphinx, freshness: Freshness) -> None:
    freshness.declare_output(PAGES)
    app.connect("config-inited", add_templates_path)
    app.connect("env-updated", functools.partial(plan_pages, freshness=freshness))
    app.connect("html-collect-pages", functools.partial(collect_pages_for_html, freshness=freshness))
