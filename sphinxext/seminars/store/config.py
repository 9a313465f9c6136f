"""Every ``seminars_*`` configuration value, declared once.

The dataclass is the single source for registration (:func:`setup_config`),
validation at ``config-inited`` and the configuration reference in the docs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.datetimes import ORDERS, default_order
from ..core.model import Series, SpeakerKeys
from ..core.options import (
    SERIES_KEYS,
    check_speaker_records,
    series_from_options,
    unknown_keys,
)
from ..core.parsing import (
    InvalidValue,
    parse_duration,
    parse_timezone,
)
from ..core.places import Venue, check_venue_records, venue_records
from ..core.sources import parse_sources
from ..core.subtypes import Subtype
from ..core.topics import TagVocabulary, check_vocabulary
from .warn import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _value(default: Any, rebuild: str, types: tuple[type, ...], doc: str) -> Any:
    return field(
        default_factory=lambda: default,
        metadata={"rebuild": rebuild, "types": types, "doc": doc},
    )


@dataclass(frozen=True)
class SeminarsConfig:
    timezone: str = _value(
        "UTC", "env", (str,), "IANA time zone of talks that name none (nor their series)."
    )
    default_duration: str = _value(
        "1h", "env", (str,), "Length of a talk without ``:end:`` or ``:duration:``."
    )
    series: dict[str, dict[str, str]] = _value(
        {},
        "env",
        (dict,),
        "Series declared in ``conf.py``: name to options, as the ``series`` directive takes "
        "(``timezone``, ``location``, ``online``, ``organisers``, ``schedule``, "
        "``description``, ``hide-online-after``); another key warns with the closest one.",
    )
    speaker_aliases: dict[str, str] = _value(
        {}, "env", (dict,), "Variant spellings of a speaker's name mapped to the one to show."
    )
    speakers: dict[str, dict[str, str]] = _value(
        {},
        "env",
        (dict,),
        "Speaker profiles: name to ``affiliation``, ``homepage``, ``orcid``, ``photo``, "
        "``pronouns``, ``bio``, ``aliases``, ``name`` (the name to show, when the key is "
        "another spelling) and ``sort`` (the key to sort by when the surname is not the last "
        "word); another key warns with the closest one.",
    )
    speakers_file: str = _value(
        "",
        "env",
        (str,),
        "A JSON or YAML file (relative to the source folder) with more speaker data, "
        "shaped like ``seminars_speakers``; ``seminars_speakers`` wins where both name a person.",
    )
    bibfiles: list[str] = _value(
        [],
        "env",
        (list, tuple),
        "BibTeX files (relative to the source folder) whose entries a ``paper`` can name "
        "with ``:key:``.",
    )
    now: str = _value(
        "",
        "env",
        (str,),
        'Pin the build\'s "now" (ISO 8601) for upcoming/past; else ``SOURCE_DATE_EPOCH``, '
        "else the clock.",
    )
    date_order: str = _value(
        "",
        "env",
        (str,),
        "How a numeric date whose day and month could swap (``04/05/2022``) is read: "
        "``dmy``, ``mdy`` or ``ymd``; empty takes it from the site's ``language`` "
        "(babel's short date pattern). Such dates are warned about (``ambiguous-date``).",
    )
    orphan_talk_pages: bool = _value(
        True,
        "env",
        (bool,),
        "Mark a page holding a talk as an orphan, so talk pages need no toctree.",
    )
    empty_listing_text: str = _value(
        "", "env", (str,), 'Text of a listing with no talk (default: "No talks.", translated).'
    )
    generate_pages: bool = _value(
        True, "html", (bool,), "Write a page per speaker, series and event (HTML builders)."
    )
    embed_page: bool = _value(
        False,
        "html",
        (bool,),
        "Write the page ``<prefix>/embed``: the ``<div>`` and ``<script>`` another web page "
        "copies to show this site's next talks (with the site's address from "
        "``html_baseurl``); needs ``seminars_feeds``.",
    )
    pages_prefix: str = _value(
        "seminars", "html", (str,), "Folder of the generated pages and feeds in the output."
    )
    feeds: bool = _value(True, "html", (bool,), "Write iCalendar, Atom and JSON exports.")
    feed_name: str = _value("talks", "html", (str,), "Base name of the site-wide feeds.")
    calendar_name: str = _value("", "html", (str,), "Calendar name (default: the project name).")
    calendar_description: str = _value("", "html", (str,), "Calendar description.")
    series_feeds: bool = _value(True, "html", (bool,), "Write one calendar per series.")
    feed_past_talks: int = _value(
        200,
        "html",
        (int,),
        "How many of the newest talks the site feeds keep (every upcoming talk is kept; "
        "negative keeps all).",
    )
    toctree_warning_threshold: int = _value(
        300,
        "env",
        (int,),
        "Warn when more talk pages than this sit in toctrees (0 turns the warning off).",
    )
    sources: dict[str, str] = _value(
        {},
        "env",
        (dict,),
        "Other sites whose talks the listings and the site calendar include: a name "
        "(lower-case letters, digits, ``-``, ``_``) to the location of that site's "
        "``talks.json``: a path relative to the docs folder, an absolute path, a ``file://`` "
        "URL, or an http(s) URL (read from ``seminars_sources_cache``, which "
        "``sphinx-seminars fetch`` fills; the build never reads the network).",
    )
    sources_cache: str = _value(
        "_seminars_sources",
        "env",
        (str,),
        "Folder (relative to the docs folder) holding the copies of http(s) sources that "
        "``sphinx-seminars fetch`` writes.",
    )
    listing_filters: bool = _value(
        False,
        "html",
        (bool,),
        "Give every ``talks`` listing of HTML pages a filter bar (a listing's ``:filters:`` "
        "option says otherwise for that listing).",
    )
    sidebar_talks: int = _value(
        5, "html", (int,), "How many talks the ``seminars/next-talks.html`` sidebar shows."
    )
    private_emails: bool = _value(
        False,
        "env",
        (bool,),
        "Keep the e-mail addresses of series organisers (``Name <e-mail>``) out of every "
        "file the build publishes: pages, calendars, feeds, exports and ``_sources``.",
    )

    venues: dict[str, dict[str, str]] = _value(
        {},
        "env",
        (dict,),
        "Venues by key, each a dict of ``name``, ``room``, ``address``, ``city``, "
        '``country``, ``coordinates`` (``"lat, lon"``), ``map`` (an http(s) link), '
        "``accessibility`` and ``phone``; a talk's ``:location:`` names one by its key. "
        "Another key warns with the closest one.",
    )
    show_passcodes: bool = _value(
        False,
        "env",
        (bool,),
        "Show a talk's ``:passcode:`` on its page (never in feeds, exports or copied "
        "sources); off by default.",
    )
    tag_aliases: dict[str, str] = _value(
        {},
        "env",
        (dict,),
        'Variant spellings of a tag mapped to the tag to use (``{"ML": "machine learning"}``); '
        "matched without regard to case or accents.",
    )
    tags: list[str] = _value(
        [],
        "env",
        (list, tuple),
        "The site's tags: when given, a tag outside the list warns (``unknown-tag``) with the "
        "closest one, and is kept; a tag written in another case takes the list's spelling.",
    )
    kinds: list[str] = _value(
        [],
        "env",
        (list, tuple),
        "Kinds of talk a ``:kind:`` may name besides seminar, colloquium, lecture, workshop, "
        "defence and mini-course.",
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> SeminarsConfig:
        """The values of ``config``; one of the wrong type falls back to its default.

        (Sphinx itself warns about the type; the build goes on with the default.)
        """
        values = {}
        for f in dataclasses.fields(cls):
            value = getattr(config, f"seminars_{f.name}")
            if not isinstance(value, f.metadata["types"]):
                value = f.default_factory()  # type: ignore[misc,operator]
            values[f.name] = value
        # Values every module relies on, made safe once (check_config warns).
        values["timezone"] = usable_timezone(values["timezone"])
        values["pages_prefix"] = inside_output(values["pages_prefix"])
        values["feed_name"] = inside_output(values["feed_name"]).replace("/", "-") or "talks"
        return cls(**values)

    # -- derived values (cheap; not cached so config stays immutable) --

    def reading_order(self, language: str | None) -> str:
        """``date_order`` when valid, else the order of ``language``'s short dates."""
        order = self.date_order.strip().lower()
        return order if order in ORDERS else default_order(language or "en")

    @property
    def default_length(self) -> dt.timedelta:
        try:
            return parse_duration(self.default_duration)
        except InvalidValue:
            return dt.timedelta(hours=1)

    @property
    def speaker_keys(self) -> SpeakerKeys:
        return SpeakerKeys(
            {
                k: v
                for k, v in self.speaker_aliases.items()
                if isinstance(k, str) and isinstance(v, str)
            }
        )

    @functools.cached_property
    def tag_vocabulary(self) -> TagVocabulary:
        aliases = self.tag_aliases if isinstance(self.tag_aliases, dict) else {}
        return TagVocabulary(
            {k: v for k, v in aliases.items() if isinstance(k, str) and isinstance(v, str)},
            [t for t in self.tags if isinstance(t, str)],
        )

    @property
    def talk_kinds(self) -> tuple[str, ...]:
        """``seminars_kinds`` as ``:kind:`` compares them."""
        return tuple(" ".join(k.lower().split()) for k in self.kinds if isinstance(k, str))

    def declared_series(self) -> dict[str, Series]:
        """Series from ``seminars_series`` (already validated at ``config-inited``)."""
        if not isinstance(self.series, dict):
            return {}
        return {
            str(name): series_from_options(str(name), opts, docname="", lineno=0)[0]
            for name, opts in self.series.items()
            if isinstance(opts, dict)
        }

    def declared_venues(self) -> dict[str, Venue]:
        """Venues from ``seminars_venues`` (warned about at ``config-inited``)."""
        return venue_records(self.venues)[0]

    def pinned_now(self) -> dt.datetime | None:
        """The moment the site pins "now" to: ``seminars_now``, else ``SOURCE_DATE_EPOCH``."""
        if self.now:
            try:
                value = dt.datetime.fromisoformat(self.now)
            except ValueError:
                value = None
            if value is not None:
                return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isascii() and epoch.isdigit():
            try:
                return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
            except (OverflowError, OSError, ValueError):
                return None
        return None

    def build_now(self) -> dt.datetime:
        """The moment "upcoming" and "past" are decided at: pinned, else the clock."""
        return self.pinned_now() or dt.datetime.now(dt.UTC)


def usable_timezone(name: str) -> str:
    """The IANA zone ``name`` stands for, or UTC when it names none."""
    try:
        return parse_timezone(name)
    except InvalidValue:
        return "UTC"


def usable_base_url(url: str) -> str | None:
    """``url`` when it can be written into calendars and links: no white space or
    control characters inside (a CR/LF would start a new iCalendar line)."""
    if any(ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F for c in url):
        return None
    return url


def inside_output(path: str) -> str:
    """A relative ``/``-separated path that cannot leave the output folder."""
    steps = path.replace("\\", "/").split("/")
    return "/".join(s.strip() for s in steps if s.strip() not in ("", ".", ".."))


def check_config(app: Sphinx, config: Config) -> None:
    """Warn once about config values that cannot be used, and say what to write."""
    settings = SeminarsConfig.from_sphinx(config)
    try:
        parse_timezone(str(config.seminars_timezone))
    except InvalidValue as error:
        warn(Subtype.BAD_CONFIG, f"seminars_timezone: {error.message} (UTC is used)", None)
    for name in ("pages_prefix", "feed_name"):
        raw = getattr(config, f"seminars_{name}")
        if isinstance(raw, str) and raw != getattr(settings, name):
            warn(
                Subtype.BAD_CONFIG,
                f"seminars_{name}: {raw!r} must be a folder name inside the output folder "
                f"({getattr(settings, name)!r} is used)",
                None,
            )
    try:
        parse_duration(settings.default_duration)
    except InvalidValue as error:
        warn(Subtype.BAD_CONFIG, f"seminars_default_duration: {error.message}", None)
    for name, options in settings.series.items():
        if not isinstance(options, dict):
            warn(Subtype.BAD_CONFIG, f"seminars_series[{name!r}] must be a dict of options", None)
            continue
        for message in unknown_keys(f"seminars_series[{name!r}]", options, SERIES_KEYS):
            warn(Subtype.BAD_CONFIG, message, None)
        for problem in series_from_options(name, options, docname="", lineno=0)[1]:
            warn(Subtype.BAD_CONFIG, f"seminars_series[{name!r}]: {problem.message}", None)
    for message in check_venue_records(settings.venues):
        warn(Subtype.BAD_VENUE, message, None)
    for message in check_speaker_records("seminars_speakers", settings.speakers):
        warn(Subtype.BAD_CONFIG, message, None)
    for variant, name in settings.speaker_aliases.items():
        if not (isinstance(variant, str) and isinstance(name, str)):
            warn(
                Subtype.BAD_CONFIG,
                f"seminars_speaker_aliases[{variant!r}] must map a name to a name "
                '("Lenka Zdeborova": "Lenka Zdeborová")',
                None,
            )
    for message in check_vocabulary(settings.tag_aliases, settings.tags):
        warn(Subtype.BAD_CONFIG, message, None)
    if not all(isinstance(k, str) and k.strip() for k in settings.kinds):
        warn(Subtype.BAD_CONFIG, 'seminars_kinds must be a list of words (["seminar"])', None)
    baseurl = str(getattr(config, "html_baseurl", "") or "").strip()
    if usable_base_url(baseurl) is None:
        warn(
            Subtype.BAD_CONFIG,
            f"html_baseurl {baseurl!r} holds spaces, line breaks or control characters; "
            "write one URL such as 'https://example.org/seminars/' (calendars and exports "
            "are written without absolute URLs)",
            None,
        )
    if settings.date_order.strip() and settings.date_order.strip().lower() not in ORDERS:
        fallback = settings.reading_order(getattr(config, "language", None))
        warn(
            Subtype.BAD_CONFIG,
            f"seminars_date_order: cannot read {settings.date_order!r}; write one of "
            f"{', '.join(ORDERS)} ({fallback!r} is used)",
            None,
        )
    check_sources(config)
    if settings.now:
        try:
            dt.datetime.fromisoformat(settings.now)
        except ValueError:
            warn(
                Subtype.BAD_CONFIG,
                f"seminars_now: cannot read {settings.now!r}; write '2022-05-25T12:00:00+00:00'",
                None,
            )


def check_sources(config: Config) -> None:
    """Warn about each entry of ``seminars_sources`` that is left out, saying why."""
    for message in parse_sources(getattr(config, "seminars_sources", {}))[1]:
        warn(Subtype.BAD_CONFIG, message, None)


def setup_config(app: Sphinx) -> None:
    for f in dataclasses.fields(SeminarsConfig):
        default = f.default_factory()  # type: ignore[misc,operator]
        app.add_config_value(
            f"seminars_{f.name}",
            default,
            f.metadata["rebuild"],
            types=f.metadata["types"],
            description=f.metadata["doc"],
        )
    app.connect("config-inited", check_config, priority=800)
