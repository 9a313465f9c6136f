"""The ``seminars`` domain: the store of talks, series and what pages depend on.

Data is kept per document, so re-reading a document replaces exactly its own
entries and parallel readers merge without duplicates. Facts that span
documents (duplicate ids, series defaults, resolved times) are derived after
the merge, in the main process, iterating in sorted order, so serial and
parallel builds warn and render alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..core.datafiles import DataFileError, load_data
from ..core.model import (
    Series,
    SpeakerKeys,
    Talk,
    fold,
    local_time_problem,
    public_view,
    resolve_talk,
    slugify,
    surname_key,
    talk_order,
    unique_slugs,
)
from ..core.options import (
    SpeakerData,
    check_speaker_records,
    profile_aliases,
    read_profiles,
    without_emails,
)
from ..core.places import Venue, at_venue, near_venue
from ..core.subtypes import Subtype
from .config import SeminarsConfig
from .i18n import _
from .warn import warn

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import RoleFunction


@dataclass(slots=True)
class SiteIndex:
    """The whole-site view of the stored talks, derived after every change.

    Built in sorted document order, so serial and parallel builds agree; the
    last two fields are filled on first use.
    """

    #: Every talk by id, resolved (aware times, series defaults applied); the
    #: first in document order keeps a duplicate id.
    talks: dict[str, Talk]
    #: Declared series, and those that talks name without a declaration.
    series: dict[str, Series]
    keys: SpeakerKeys
    #: Every talk in chronological order, and each one's index there.
    ordered: list[Talk]
    position: dict[str, int]
    #: Series name / event name -> its talks in chronological order.
    in_series: dict[str, list[Talk]]
    events: dict[str, list[Talk]]
    #: Talk id -> index in its series' talks.
    series_position: dict[str, int]
    #: "series"/"events" -> name -> the slug of its page and calendar, unique per kind.
    slugs: dict[str, dict[str, str]]
    #: The talks as feeds and exports publish them (see ``model.public_view``).
    public: list[Talk] | None = None
    #: Speaker key -> (name to show, talks in chronological order).
    speakers: dict[str, tuple[str, list[Talk]]] | None = None
    #: (kind, name, slug) of each name whose slug was made unique (usually none).
    renamed: tuple[tuple[str, str, str], ...] | None = None
    #: Speaker key -> profile (``speaker`` directives first, then configuration).
    profiles: dict[str, SpeakerData] = dataclasses.field(default_factory=dict)
    #: Venue key -> the venue (``seminars_venues`` first, then documents in order).
    venues: dict[str, Venue] | None = None
    #: Topic name (a canonical tag) -> its talks in chronological order; tags
    #: that differ only in case or accents are one topic, named by the first
    #: spelling in sorted order.
    topics: dict[str, list[Talk]] = dataclasses.field(default_factory=dict)
    #: fold(tag) -> topic name.
    topic_names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Topic slug -> topic name (filled on first use).
    topic_by_slug: dict[str, str] | None = None


class SeminarsXRefRole(XRefRole):
    """``:talk:``, ``:speaker:`` and ``:series:`` also work without the domain prefix."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:
            self.name = f"seminars:{self.name}"
        return super().run()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # The link text and target come from another document: re-write this
        # page when that changes.
        get_domain(env).add_dependency(env.docname, ("ref", node["reftype"], node["reftarget"]))
        return [node], []


class SeminarsDomain(Domain):
    name = "seminars"
    label = "Seminars"
    object_types: ClassVar[dict[str, ObjType]] = {
        "talk": ObjType(_("talk"), "talk"),
        "series": ObjType(_("series"), "series"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        "talk": SeminarsXRefRole(innernodeclass=nodes.inline),
        "speaker": SeminarsXRefRole(innernodeclass=nodes.inline),
        "series": SeminarsXRefRole(innernodeclass=nodes.inline),
        "event": SeminarsXRefRole(innernodeclass=nodes.inline),
        "venue": SeminarsXRefRole(innernodeclass=nodes.inline),
        "topic": SeminarsXRefRole(innernodeclass=nodes.inline),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> talks in document order
        "talks": {},
        # docname -> series declared there
        "series": {},
        # docname -> what its output depends on beyond itself (see freshness.py)
        "depends": {},
        # output folder -> scope ("documents", "pages") -> name -> fingerprint
        # of what it showed when it was last written (see freshness.py)
        "written": {},
        # docname -> speaker profiles declared there (``speaker`` directives)
        "profiles": {},
        # docname -> venues declared there
        "venues": {},
        # docname -> the ``:feed:`` of its listings: (name, query, line)
        "feeds": {},
    }
    data_version = 5

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._cache: SiteIndex | None = None
        self._now: dt.datetime | None = None
        self._settings: SeminarsConfig | None = None
        self._settings_of: object = None
        self._speaker_records: dict[str, Any] | None = None
        #: The other sites' talks of this build (``store/sources.py``; never pickled).
        self.sources: object = None

        self._config_profiles: list[SpeakerData] | None = None
        self._speaker_file_records: dict[str, Any] | None = None
        #: Refuses a dependency of an undeclared kind (set by the freshness
        #: registry at ``builder-inited``; the store does not import it).
        self.dependency_check: Callable[[tuple[Any, ...]], None] | None = None

    # -- storage -----------------------------------------------------------

    @property
    def talks_by_doc(self) -> dict[str, list[Talk]]:
        return self.data["talks"]

    @property
    def series_by_doc(self) -> dict[str, list[Series]]:
        return self.data["series"]

    @property
    def depends(self) -> dict[str, set[tuple[Any, ...]]]:
        return self.data["depends"]

    def add_talk(self, talk: Talk) -> None:
        self.talks_by_doc.setdefault(talk.docname, []).append(talk)
        self._cache = None

    def add_series(self, series: Series) -> None:
        self.series_by_doc.setdefault(series.docname, []).append(series)
        self._cache = None

    @property
    def profiles_by_doc(self) -> dict[str, list[SpeakerData]]:
        return self.data.setdefault("profiles", {})

    def add_profile(self, docname: str, profile: SpeakerData) -> None:
        self.profiles_by_doc.setdefault(docname, []).append(profile)
        self._cache = None

    def add_venue(self, venue: Venue) -> None:
        self.data.setdefault("venues", {}).setdefault(venue.docname, []).append(venue)
        self._cache = None

    def add_dependency(self, docname: str, dependency: tuple[Any, ...]) -> None:
        """Record that ``docname``'s output depends on other documents' talks."""
        if self.dependency_check is not None:
            self.dependency_check(dependency)
        self.depends.setdefault(docname, set()).add(dependency)

    def add_listing_feed(self, docname: str, name: str, query: Any, line: int) -> None:
        """Record a listing's ``:feed: name`` (its query is a ``ListingQuery``)."""
        self.data["feeds"].setdefault(docname, []).append((name, query, line))

    def listing_feeds(self) -> dict[str, tuple[str, int, Any]]:
        """Feed name -> (docname, line, query) of the first listing with that ``:feed:``
        (documents in sorted order, listings in document order)."""
        found: dict[str, tuple[str, int, Any]] = {}
        feeds: dict[str, list[tuple[str, Any, int]]] = self.data["feeds"]
        for docname in sorted(feeds):
            for name, query, line in feeds[docname]:
                found.setdefault(name, (docname, line, query))
        return found

    def clear_doc(self, docname: str) -> None:
        self.talks_by_doc.pop(docname, None)
        self.series_by_doc.pop(docname, None)
        self.depends.pop(docname, None)
        self.profiles_by_doc.pop(docname, None)
        self.data.setdefault("venues", {}).pop(docname, None)
        self.data.setdefault("feeds", {}).pop(docname, None)
        self._cache = None

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("talks", "series", "depends", "profiles", "venues", "feeds"):
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]
        self._cache = None

    # -- derived, whole-site views ---------------------------------------------

    @property
    def settings(self) -> SeminarsConfig:
        # The config is fixed for the life of an environment; read it once.
        if self._settings is None or self._settings_of is not self.env.config:
            self._settings = SeminarsConfig.from_sphinx(self.env.config)
            self._settings_of = self.env.config
        return self._settings

    def _derive(self) -> SiteIndex:
        if self._cache is not None:
            return self._cache
        settings = self.settings
        series: dict[str, Series] = dict(settings.declared_series())
        for docname in sorted(self.series_by_doc):
            for declared in self.series_by_doc[docname]:
                series.setdefault(declared.name, declared)
        if settings.private_emails:
            # Organisers' e-mails never reach a page, feed or export.
            series = {name: without_emails(item) for name, item in series.items()}
        keys, profiles = self._speaker_profiles()
        by_id: dict[str, Talk] = {}
        site_zone = settings.timezone
        length = settings.default_length
        for docname in sorted(self.talks_by_doc):
            for talk in self.talks_by_doc[docname]:
                if talk.id in by_id:
                    continue
                by_id[talk.id] = resolve_talk(talk, series.get(talk.series), site_zone, length)
        venues = self._declared_venues()
        if venues:
            by_id = {key: at_venue(talk, venues) for key, talk in by_id.items()}
        for talk in by_id.values():
            if talk.series and talk.series not in series:
                series[talk.series] = Series(name=talk.series)
        # One place makes every generated page's and feed's name unique per kind.
        series_slugs = unique_slugs(series)
        for name, slug in series_slugs.items():
            if slug != series[name].slug:
                series[name] = dataclasses.replace(series[name], unique_slug=slug)
        ordered = sorted(by_id.values(), key=talk_order)
        in_series: dict[str, list[Talk]] = {}
        events: dict[str, list[Talk]] = {}
        for talk in ordered:
            if talk.series:
                in_series.setdefault(talk.series, []).append(talk)
            if talk.event:
                events.setdefault(talk.event, []).append(talk)
        event_slugs = unique_slugs(events)
        topic_names: dict[str, str] = {}
        for tag in sorted({tag for talk in ordered for tag in talk.tags}):
            topic_names.setdefault(fold(tag), tag)
        topics: dict[str, list[Talk]] = {}
        for talk in ordered:
            for name in dict.fromkeys(topic_names[fold(tag)] for tag in talk.tags):
                topics.setdefault(name, []).append(talk)
        self._cache = SiteIndex(
            slugs={"series": series_slugs, "events": event_slugs, "topics": unique_slugs(topics)},
            topics=topics,
            topic_names=topic_names,
            talks=by_id,
            series=series,
            keys=keys,
            ordered=ordered,
            position={talk.id: index for index, talk in enumerate(ordered)},
            in_series=in_series,
            events=events,
            series_position={
                talk.id: index for talks in in_series.values() for index, talk in enumerate(talks)
            },
            profiles=profiles,
            venues=venues,
        )
        return self._cache

    def directive_profiles(self) -> list[SpeakerData]:
        """The ``speaker`` directives' profiles, in document order."""
        return [p for doc in sorted(self.profiles_by_doc) for p in self.profiles_by_doc[doc]]

    def config_profiles(self) -> list[SpeakerData]:
        """The profiles of ``seminars_speakers`` and its file (read once per build)."""
        if self._config_profiles is None:
            self._config_profiles = read_profiles(self.speaker_records())[0]
        return self._config_profiles

    def _speaker_profiles(self) -> tuple[SpeakerKeys, dict[str, SpeakerData]]:
        """The speaker keys (every alias folded in) and the profile of each key.

        ``seminars_speaker_aliases`` wins over a profile's ``aliases``; a
        ``speaker`` directive wins over a configuration entry, and the first
        directive in document order over a later one (``check_consistency``
        warns about each profile left out).
        """
        declared = [*self.directive_profiles(), *self.config_profiles()]
        aliases = {
            k: v
            for k, v in self.settings.speaker_aliases.items()
            if isinstance(k, str) and isinstance(v, str)
        }
        for variant, name in profile_aliases(declared).items():
            aliases.setdefault(variant, name)
        keys = SpeakerKeys(aliases)
        profiles: dict[str, SpeakerData] = {}
        for profile in declared:
            profiles.setdefault(keys(profile.name), profile)
        return keys, profiles

    def profiles(self) -> dict[str, SpeakerData]:
        """Speaker key -> the profile used for that person."""
        return self._derive().profiles

    def profile_of(self, name: str) -> SpeakerData | None:
        """The profile of the person a talk names ``name`` (aliases followed), if any."""
        derived = self._derive()
        return derived.profiles.get(derived.keys(name))

    def check_profiles(self) -> None:
        """Warn about each profile given twice, at the one left out (or the directive)."""
        keys, profiles = self.speaker_keys, self.profiles()
        config_names = {str(name) for name in self.settings.speakers}
        for profile in self.directive_profiles():
            used = profiles.get(keys(profile.name))
            if used is None or used is profile:
                continue
            warn(
                Subtype.DUPLICATE_PROFILE,
                f"the profile of {profile.name!r} is already declared at "
                f"{used.docname}:{used.lineno}; that one is used, remove this one",
                (profile.docname, profile.lineno),
            )
        for profile in self.config_profiles():
            used = profiles.get(keys(profile.name))
            if used is None or used is profile or not used.docname:
                continue
            source = (
                "seminars_speakers"
                if profile.name in config_names or any(a in config_names for a in profile.aliases)
                else "seminars_speakers_file"
            )
            warn(
                Subtype.DUPLICATE_PROFILE,
                f"the profile of {used.name!r} is also given in {source}; this 'speaker' "
                f"directive is used and the {source} entry is ignored: keep one of them",
                (used.docname, used.lineno),
            )

    @property
    def site_index(self) -> SiteIndex:
        """The whole-site view; the same object until a talk or series changes."""
        return self._derive()

    @property
    def talks(self) -> dict[str, Talk]:
        """Every talk by id, resolved (aware times, series defaults applied)."""
        return self._derive().talks

    @property
    def ordered_talks(self) -> list[Talk]:
        """Every talk in chronological order."""
        return self._derive().ordered

    def position(self, talk: Talk) -> int:
        """Index of the talk in :attr:`ordered_talks` (-1 when not stored)."""
        return self._derive().position.get(talk.id, -1)

    def series_talks(self, name: str) -> list[Talk]:
        """The talks of a series in chronological order."""
        return self._derive().in_series.get(name, [])

    def event_slug(self, name: str) -> str:
        """The slug of an event's page, unique among events."""
        return self._derive().slugs["events"].get(name) or slugify(name)

    def renamed_slugs(self) -> tuple[tuple[str, str, str], ...]:
        """(kind, name, slug) of each name whose slug was made unique (usually none)."""
        derived = self._derive()
        if derived.renamed is None:  # asked for by every page's fingerprint: once
            derived.renamed = tuple(
                (kind, name, slug)
                for kind, slugs in sorted(derived.slugs.items())
                for name, slug in sorted(slugs.items())
                if slug != slugify(name)
            )
        return derived.renamed

    @property
    def topics(self) -> dict[str, list[Talk]]:
        """Topic (canonical tag) -> its talks in chronological order."""
        return self._derive().topics

    def topic_of(self, tag: str) -> str | None:
        """The topic a tag (as a talk gives it) belongs to, or None when no talk has it."""
        derived = self._derive()
        return derived.topic_names.get(fold(self.settings.tag_vocabulary.canonical(tag)))

    def topic_slug(self, topic: str) -> str:
        """The slug of a topic's page and feeds, unique among topics."""
        return self._derive().slugs["topics"].get(topic) or slugify(topic)

    def topic_with_slug(self, slug: str) -> str | None:
        """The topic whose page and feeds have ``slug``, or None."""
        derived = self._derive()
        if derived.topic_by_slug is None:
            derived.topic_by_slug = {s: name for name, s in derived.slugs["topics"].items()}
        return derived.topic_by_slug.get(slug)

    @property
    def events(self) -> dict[str, list[Talk]]:
        """Event name -> its talks in chronological order."""
        return self._derive().events

    def series_position(self, talk: Talk) -> int:
        return self._derive().series_position.get(talk.id, -1)

    def resolved_talk(self, docname: str, talk_id: str) -> Talk | None:
        """The talk ``talk_id`` of ``docname``, even when its id is a duplicate."""
        stored = self.talks.get(talk_id)
        if stored is not None and stored.docname == docname:
            return stored
        for talk in self.talks_by_doc.get(docname, []):
            if talk.id == talk_id:
                settings = self.settings
                resolved = resolve_talk(
                    talk,
                    self.all_series.get(talk.series),
                    settings.timezone,
                    settings.default_length,
                )
                return at_venue(resolved, self.venues)
        return None

    def public_talks(self) -> list[Talk]:
        """:attr:`ordered_talks` as feeds and exports publish them (see ``public_view``)."""
        derived = self._derive()
        if derived.public is None:
            now, series = self.now(), self.all_series
            derived.public = [
                public_view(talk, series.get(talk.series), now) for talk in derived.ordered
            ]
        return derived.public

    @property
    def all_series(self) -> dict[str, Series]:
        """Declared series, and those that talks name without a declaration."""
        return self._derive().series

    @property
    def speaker_keys(self) -> SpeakerKeys:
        return self._derive().keys

    def _declared_venues(self) -> dict[str, Venue]:
        venues = dict(self.settings.declared_venues())
        declared: dict[str, list[Venue]] = self.data.get("venues", {})
        for docname in sorted(declared):
            for venue in declared[docname]:
                venues.setdefault(venue.key, venue)
        return venues

    @property
    def venues(self) -> dict[str, Venue]:
        """Every venue by key: ``seminars_venues``, then ``venue`` directives in
        document order (the first declaration of a key is kept)."""
        derived = self._derive()
        if derived.venues is None:
            derived.venues = self._declared_venues()
        return derived.venues

    def venue_of(self, talk: Talk) -> Venue | None:
        """The venue of a resolved talk whose ``:location:`` is a venue key, else None."""
        return self.venues.get(talk.venue) if talk.venue else None

    def speakers(self) -> dict[str, tuple[str, list[Talk]]]:
        """Speaker key -> (name to show, talks in chronological order).

        Computed once per change of the data (every speaker reference asks).
        """
        derived = self._derive()
        if derived.speakers is None:
            keys = derived.keys
            people: dict[str, tuple[str, list[Talk]]] = {}
            for talk in derived.ordered:
                names = {keys(p.name): p.name for p in talk.speakers if not p.is_tba}
                for key, name in names.items():
                    people.setdefault(key, (keys.canonical(name), []))[1].append(talk)
            derived.speakers = people
        return derived.speakers

    def speaker_records(self) -> dict[str, Any]:
        """Per-speaker data: ``seminars_speakers_file`` overlaid by ``seminars_speakers``.

        Read once per build; a bad file warns and counts as empty.
        """
        if self._speaker_records is None:
            records = dict(self.speaker_file_records())
            records.update(self.settings.speakers)
            self._speaker_records = records
        return self._speaker_records

    def speaker_file_records(self) -> dict[str, Any]:
        """The entries of ``seminars_speakers_file`` (read, and warned about, once per build)."""
        if self._speaker_file_records is None:
            self._speaker_file_records = load_speakers_file(
                self.env.srcdir, self.settings.speakers_file
            )
        return self._speaker_file_records

    def speaker_sort_key(self, name: str) -> tuple[str, str]:
        data = self.profile_of(name)
        return surname_key(name, data.sort if data is not None else None)

    def now(self) -> dt.datetime:
        """The build's "now", read once per build so every page agrees on it.

        Pinned by ``seminars_now`` or ``SOURCE_DATE_EPOCH``; else the clock.
        """
        if self._now is None:
            self._now = self.settings.build_now()
        return self._now

    def check_consistency(self) -> None:
        """Duplicate ids and series, reported once, in sorted order (like ``-j 1``).

        Checks of the layers above (the size of toctrees) run first, through the
        ``seminars-check-consistency`` event: the store imports none of them.
        """
        self.env.events.emit("seminars-check-consistency", self)
        first: dict[str, Talk] = {}
        for docname in sorted(self.talks_by_doc):
            for talk in self.talks_by_doc[docname]:
                resolved = self.resolved_talk(docname, talk.id)
                if resolved is not None and not talk.all_day and resolved.timezone:
                    for moment in (talk.start, talk.end):
                        problem = moment and local_time_problem(moment, resolved.timezone)
                        if problem:
                            warn(Subtype.AMBIGUOUS_TIME, problem, (talk.docname, talk.lineno))
                if resolved is not None and resolved.end_dropped:
                    warn(
                        Subtype.END_BEFORE_START,
                        f"the end is not after the start once both are in {resolved.timezone}; "
                        "give the :end: in the talk's zone (or a :duration:)",
                        (talk.docname, talk.lineno),
                    )
                if talk.id in first:
                    other = first[talk.id]
                    warn(
                        Subtype.DUPLICATE_ID,
                        f"duplicate talk id {talk.id!r}, also at {other.docname}:{other.lineno}; "
                        "give one of them another ':id:'",
                        (talk.docname, talk.lineno),
                    )
                else:
                    first[talk.id] = talk
        self.check_slugs()
        self.check_profiles()
        self.check_venues()
        self.check_feeds()
        warn_declared_twice(
            self.series_by_doc,
            lambda series: series.name,
            self.settings.series,
            ("series", "seminars_series", "declare each series once"),
            Subtype.DUPLICATE_SERIES,
        )

    def check_venues(self) -> None:
        """Venues declared twice, and free-text locations that are nearly a venue key."""
        warn_declared_twice(
            self.data.get("venues", {}),
            lambda venue: venue.key,
            self.settings.venues if isinstance(self.settings.venues, dict) else {},
            ("venue", "seminars_venues", "declare each venue once (the first is used)"),
            Subtype.BAD_VENUE,
        )
        venues = self.venues
        if not venues:
            return
        for docname in sorted(self.talks_by_doc):
            for talk in self.talks_by_doc[docname]:
                location = talk.location.strip()
                if not location or location in venues:
                    continue
                meant = near_venue(location, venues)
                if meant is not None:
                    warn(
                        Subtype.NEAR_VENUE,
                        f"':location: {location}' is not a venue key and is shown as written; "
                        f"write ':location: {meant}' to use the venue {venues[meant].title!r}",
                        (talk.docname, talk.lineno),
                    )

    def check_feeds(self) -> None:
        """Warn about each listing whose ``:feed:`` name an earlier listing took."""
        first = self.listing_feeds()
        feeds: dict[str, list[tuple[str, Any, int]]] = self.data["feeds"]
        for docname in sorted(feeds):
            for name, _query, line in feeds[docname]:
                owner, owner_line, _ = first[name]
                if (owner, owner_line) != (docname, line):
                    warn(
                        Subtype.DUPLICATE_FEED,
                        f"the feed name {name!r} is already used by the listing at "
                        f"{owner}:{owner_line}, whose talks the files {name}.ics and "
                        f"{name}.atom hold; give this listing another ':feed:' name",
                        (docname, line),
                    )

    def check_slugs(self) -> None:
        """Warn about each series or event whose page name had to be made unique."""
        renamed = self.renamed_slugs()
        if not renamed:
            return
        slugs = self._derive().slugs
        for kind, name, slug in renamed:
            base = slugify(name)
            other = next(n for n, s in sorted(slugs[kind].items()) if s == base)
            where: tuple[str | None, int | None] | None = None
            if kind == "series":
                series = self.all_series[name]
                talks = self.series_talks(name)
                if series.docname:
                    where = (series.docname, series.lineno)
            elif kind == "topics":
                talks = self.topics.get(name, [])
            else:
                talks = self.events.get(name, [])
            if where is None and talks:
                first = min(talks, key=lambda t: (t.docname, t.lineno))
                where = (first.docname, first.lineno)
            label = {"series": "series", "topics": "tag"}.get(kind, "event")
            files = "page and calendar use" if kind != "events" else "page uses"
            warn(
                Subtype.SLUG_COLLISION,
                f"the {label} {name!r} has the same page name ({base!r}) as the {label} "
                f"{other!r}; its {files} {slug!r}; rename one of them to choose the names",
                where,
            )

    # -- references ------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | nodes.Element | None:
        target = target.strip()
        if typ == "talk":
            talk = self.talks.get(target)
            if talk is None:
                warn(
                    Subtype.UNKNOWN_TALK,
                    f"unknown talk id {target!r}; use the id shown in the talk's anchor "
                    "or set one with ':id:'",
                    node,
                )
                return contnode
            if not node.get("refexplicit"):
                contnode = nodes.inline("", talk.title, classes=contnode["classes"])
            return make_refnode(
                builder, fromdocname, talk.docname, talk.anchor, contnode, talk.title
            )
        if typ == "speaker":
            people = self.speakers()
            key = self.speaker_keys(target)
            if key not in people and node.get("seminars_quiet"):
                return contnode  # a profile's name: a link once the person has talks
            if key not in people:
                warn(
                    Subtype.UNKNOWN_SPEAKER,
                    f"no talk has the speaker {target!r}; check the spelling or add an alias "
                    "in seminars_speaker_aliases",
                    node,
                )
                return contnode
            return self._page_link(
                builder, fromdocname, page_name(self, "speakers", key), contnode, people[key][0]
            )
        if typ == "series":
            series = self.all_series.get(target)
            if series is None:
                warn(
                    Subtype.UNKNOWN_SERIES,
                    f"unknown series {target!r}; write its name as the talks' ':series:' gives it",
                    node,
                )
                return contnode
            return self._page_link(
                builder, fromdocname, page_name(self, "series", series.slug), contnode, series.name
            )
        if typ == "venue":
            venue = self.venues.get(target)
            if venue is None and node.get("seminars_maybe"):
                return None  # a location that only looks like a key: its text stays
            if venue is None:
                warn(
                    Subtype.BAD_VENUE,
                    f"unknown venue {target!r}; write a key of seminars_venues or of a "
                    "'venue' directive",
                    node,
                )
                return contnode
            if not node.get("refexplicit"):
                contnode = nodes.inline("", venue.title, classes=contnode["classes"])
            return self._page_link(
                builder, fromdocname, page_name(self, "venues", venue.key), contnode, venue.title
            )
        if typ == "event":
            if target not in self.events:
                warn(
                    Subtype.UNKNOWN_EVENT,
                    f"no talk belongs to the event {target!r}; write its name as the talks' "
                    "':event:' gives it",
                    node,
                )
                return contnode
            return self._page_link(
                builder, fromdocname, page_name(self, "events", self.event_slug(target)), contnode, target
            )
        if typ == "topic":
            docname = topic_page(self, target)
            if docname is None:
                warn(
                    Subtype.UNKNOWN_TAG,
                    f"no talk has the tag {target!r}; write it as the talks' ':tags:' give it",
                    node,
                )
                return contnode
            return self._page_link(builder, fromdocname, docname, contnode, target)
        return None

    def _page_link(
        self,
        builder: Builder,
        fromdocname: str,
        pagename: str,
        contnode: Element,
        title: str,
    ) -> nodes.Element:
        """A link to a generated page, or the text alone where the builder writes none."""
        if not has_pages(self, builder):
            return contnode
        return make_refnode(builder, fromdocname, pagename, "", contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        talk = self.talks.get(target)
        if talk is None:
            return []
        ref = make_refnode(builder, fromdocname, talk.docname, talk.anchor, contnode, talk.title)
        return [("seminars:talk", cast("nodes.reference", ref))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for talk in sorted(self.talks.values(), key=lambda t: t.id):
            yield (talk.id, talk.title, "talk", talk.docname, talk.anchor, 1)
        for docname in sorted(self.series_by_doc):
            for series in self.series_by_doc[docname]:
                yield (series.name, series.name, "series", docname, f"series-{series.slug}", 1)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return node.get("reftarget")


def warn_declared_twice(
    by_doc: dict[str, list[Any]],
    name_of: Callable[[Any], str],
    in_config: Mapping[str, Any],
    words: tuple[str, str, str],
    subtype: Subtype,
) -> None:
    """Warn at each later declaration of a name (series, venue) declared in the
    configuration or in a document before it (documents in sorted order, so serial
    and parallel builds say the same). ``words``: what it is, the config value, the fix."""
    what, setting, fix = words
    first: dict[str, Any] = {}
    for docname in sorted(by_doc):
        for item in by_doc[docname]:
            name = name_of(item)
            if name in in_config or name in first:
                where = (
                    f"in {setting}"
                    if name in in_config
                    else f"at {first[name].docname}:{first[name].lineno}"
                )
                warn(
                    subtype,
                    f"{what} {name!r} is already declared {where}; {fix}",
                    (item.docname, item.lineno),
                )
            else:
                first[name] = item


def has_pages(domain: SeminarsDomain, builder: Builder) -> bool:
    """Whether this builder writes the generated pages (html and dirhtml only)."""
    return (
        builder.format == "html"
        and builder.name in ("html", "dirhtml")
        and domain.settings.generate_pages
    )


def page_name(domain: SeminarsDomain, kind: str, slug: str = "") -> str:
    """The page name of a generated page: ``<prefix>/<kind>/<slug>``."""
    parts = [domain.settings.pages_prefix.strip("/"), kind, slug]
    return "/".join(part for part in parts if part)


def topic_page(domain: SeminarsDomain, tag: str) -> str | None:
    """The page name of a tag's topic page (``<prefix>/topics/<slug>``), or None
    when no talk has the tag.

    The one place that says where a tag's page is: talk pages, listings, the
    topics cloud and index, sidebars and the filter bar all link through it (an
    alias or another case of the tag gives the same page). The page exists in
    the html and dirhtml builders (see :func:`has_pages`); its URL from a page
    is ``builder.get_target_uri(topic_page(domain, tag))``.
    """
    topic = domain.topic_of(tag)
    if topic is None:
        return None
    return page_name(domain, "topics", domain.topic_slug(topic))


def load_speakers_file(srcdir: str | os.PathLike[str], name: str) -> dict[str, Any]:
    """The mapping in the speakers data file (JSON, or YAML for .yml/.yaml), or {}."""
    if not name:
        return {}
    root = Path(srcdir).resolve()
    path = Path(srcdir, name)
    if not path.resolve().is_relative_to(root):
        warn(
            Subtype.BAD_CONFIG,
            f"seminars_speakers_file: {name!r} is not a file inside the source folder",
            None,
        )
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = load_data(text, is_yaml=path.suffix.lower() in (".yml", ".yaml"))
    except DataFileError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        warn(Subtype.BAD_CONFIG, f"seminars_speakers_file: cannot read it: {error.message}", where)
        return {}
    except (OSError, UnicodeError) as error:
        warn(Subtype.BAD_CONFIG, f"seminars_speakers_file: cannot read {name!r}: {error}", None)
        return {}
    if not isinstance(data, dict):
        warn(
            Subtype.BAD_CONFIG,
            f"seminars_speakers_file: {name!r} must hold a mapping of names to data",
            None,
        )
        return {}
    lines = text.splitlines()
    for person in data:
        messages = check_speaker_records(
            f"seminars_speakers_file {name!r}", {person: data[person]}
        )
        # The entry's line: the first that names the person (a key of the file).
        line = next((i for i, row in enumerate(lines, 1) if str(person) in row), 1)
        for message in messages:
            warn(Subtype.BAD_CONFIG, message, f"{path}:{line}")
    return {str(k): v for k, v in data.items()}


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SeminarsDomain)
    # Emitted by SeminarsDomain.check_consistency, with the domain.
    app.add_event("seminars-check-consistency")
    # The short forms :talk:, :speaker:, :series:, :event: (no domain prefix).
    for name in SeminarsDomain.roles:
        app.add_role(name, SeminarsXRefRole(innernodeclass=nodes.inline))


def get_domain(env: BuildEnvironment) -> SeminarsDomain:
    return cast("SeminarsDomain", env.domains["seminars"])
