"""The extension's warnings: one type, a closed set of documented subtypes.

Every warning is ``seminars.<subtype>``, so ``suppress_warnings =
["seminars.bad-date"]`` silences exactly one kind and ``-W`` fails on any.
A plain enumeration, free of Sphinx: the pure core reports problems with these
subtypes, and ``store.warn`` logs them.
"""

from __future__ import annotations

from enum import StrEnum

WARNING_TYPE = "seminars"


class Subtype(StrEnum):
    """Warning subtypes; the docstring of each is the reference documentation."""

    MISSING_TITLE = "missing-title"
    """A talk without a title (write ``TBA`` when it is not known yet), or a series without a name."""
    MISSING_DATE = "missing-date"
    """A talk without ``:date:``; the talk is not stored (its body still renders)."""
    BAD_DATE = "bad-date"
    """A date, time or ``:end:`` that cannot be read, or an end of the wrong kind.

    A talk whose date cannot be read still gets its page, marked "date to be
    fixed", but stays out of listings, feeds and calendars."""
    BAD_TIMEZONE = "bad-timezone"
    """A ``:timezone:`` that is not an IANA zone name; the series' or site's zone is used."""
    BAD_DURATION = "bad-duration"
    """A ``:duration:`` that cannot be read (write ``1h``, ``90min``, ``1h30``)."""
    END_BEFORE_START = "end-before-start"
    """An ``:end:`` that is not after the start; the default duration is used."""
    CONFLICTING_OPTIONS = "conflicting-options"
    """Two options that say the same thing differently (``:end:`` and ``:duration:``)."""
    BAD_OPTION_VALUE = "bad-option-value"
    """A value outside an option's closed set (``:status: maybe``)."""
    BAD_SPEAKER = "bad-speaker"
    """A speaker that is not ``Name (Affiliation)`` (unbalanced parentheses, no name)."""
    BAD_ID = "bad-id"
    """An ``:id:`` with characters other than letters, digits, ``-_./``."""
    DUPLICATE_ID = "duplicate-id"
    """Two talks with one id; the first in document order keeps it."""
    BAD_LINK = "bad-link"
    """A link that is neither an http(s)/mailto URL nor a file inside the site."""
    UNSAFE_LINK = "unsafe-link"
    """A link with a scheme that is never rendered (``javascript:``, ``data:`` ...)."""
    BAD_ARXIV = "bad-arxiv"
    """An ``:arxiv:`` value that is not an arXiv identifier."""
    BAD_DOI = "bad-doi"
    """A ``:doi:`` value that is not a DOI."""
    MISPLACED = "misplaced"
    """A ``bio`` or ``paper`` directive outside a ``talk``, or a ``talk`` nested in another
    talk or its ``bio`` (its text is kept; the nested talk is not stored)."""
    UNKNOWN_TALK = "unknown-talk"
    """A ``:talk:`` reference to an id no talk has."""
    UNKNOWN_SERIES = "unknown-series"
    """A ``:series:`` reference or listing filter naming a series no talk or declaration has."""
    UNKNOWN_EVENT = "unknown-event"
    """An ``:event:`` reference or listing filter naming an event no talk belongs to."""
    UNKNOWN_SPEAKER = "unknown-speaker"
    """A ``:speaker:`` reference to a person who gave no talk."""
    DUPLICATE_SERIES = "duplicate-series"
    """A series declared twice; the first declaration is used."""
    BAD_LISTING = "bad-listing"
    """A ``talks`` listing or ``speakers-cloud`` option that cannot be read."""
    BAD_CONFIG = "bad-config"
    """A ``seminars_*`` configuration value of the wrong shape."""
    PAGE_COLLISION = "page-collision"
    """A generated speaker/series/event page whose path a page of the site already has."""
    TOCTREE_SIZE = "toctree-size"
    """More talk pages in toctrees than ``seminars_toctree_warning_threshold``."""
    BAD_FRONT_MATTER = "bad-front-matter"
    """A ``talk:`` front matter block that is not a mapping of options, or a value
    of the wrong type for its key (a list where text is meant), or an alias."""
    AMBIGUOUS_DATE = "ambiguous-date"
    """A numeric date whose day and month could be swapped (``04/05/2022``); it is
    read in ``seminars_date_order`` and warned about once per document."""
    PEOPLE_LIST = "people-list"
    """A person option written in a way that guesses were needed: commas between
    several people (use ``;``), or ``Name - Affiliation`` / ``Name, Affiliation``
    (use ``Name (Affiliation)``)."""
    AMBIGUOUS_TIME = "ambiguous-time"
    """A local time that a daylight-saving change skips or repeats in the talk's zone
    (``2022-03-27 02:30`` in Europe/Rome); the warning says which instant is used."""
    SLUG_COLLISION = "slug-collision"
    """Two series (or two events) whose names give one page and calendar name
    ("C++ seminars", "C seminars"); the later one in sorted order gets a suffix."""
    PRIVATE_LINK = "private-link"
    """A site with private meeting links (``:hide-online-after:``) built with its doctree
    folder inside the output folder, where the environment would publish them."""
    BAD_SOURCE = "bad-source"
    """A source of ``seminars_sources`` that cannot be read: missing (an http(s) source
    not fetched yet), too big, not JSON, or not a ``talks.json``; its talks are left out."""
    BAD_REMOTE_TALK = "bad-remote-talk"
    """A talk of a source's ``talks.json`` that does not fit the schema (no id, title or
    readable start; a field of the wrong type); the talk or the field is left out."""
    UNKNOWN_SOURCE = "unknown-source"
    """A listing's ``:sources:`` names a source ``seminars_sources`` does not have."""

    BAD_PROFILE = "bad-profile"
    """A ``speaker`` directive value that cannot be used: an ORCID iD that is malformed or
    fails its check digit, a photo outside the source folder or not an image of the site,
    a homepage that is not an http(s) URL. The value is left out; the profile is kept."""
    DUPLICATE_PROFILE = "duplicate-profile"
    """A speaker profile given twice (two ``speaker`` directives, or a directive and a
    ``seminars_speakers`` / ``seminars_speakers_file`` entry); the warning says which is used."""
    BAD_ORGANISER = "bad-organiser"
    """A series organiser written ``Name <e-mail>`` or ``Name (https://page)`` whose address
    cannot be read; the name is kept without it."""

    BAD_VENUE = "bad-venue"
    """A ``venue`` directive or ``seminars_venues`` entry that cannot be read: a bad key,
    coordinates that are not ``"lat, lon"`` in range, a map link that is not http(s), a
    phone number that is not digits, an unknown key (the closest one is named), or a
    venue declared twice (the first in document order is kept)."""
    NEAR_VENUE = "near-venue"
    """A ``:location:`` that is free text but nearly a venue key (``dima508`` for
    ``dima-508``); it stays free text, write the key to use the venue."""
    BAD_MEDIA = "bad-media"
    """A talk's ``:image:``, recording or slides that cannot be used: a file outside the
    source folder or missing, not an image, or a PDF whose pages cannot be read (shown as
    a plain link)."""
    EMPTY_TAG = "empty-tag"
    """An empty tag in ``:tags:`` (``a, , b``, or the option with no value); it is left
    out and the other tags are kept."""
    UNKNOWN_TAG = "unknown-tag"
    """A tag outside ``seminars_tags`` (when the site declares its tags); the warning names
    the closest declared tag, and the tag is kept. Also a ``:topic:`` reference to a tag no
    talk has."""
    BAD_LANGUAGE = "bad-language"
    """A ``:language:`` (talk or listing) that is not a BCP 47 language tag (``en``, ``pt-BR``)."""
    BAD_FEED = "bad-feed"
    """A listing's ``:feed:`` name that is empty or not a plain file name (a ``/``, ``..``,
    a leading dot, characters outside letters, digits, ``-_.``); no feed is written."""
    DUPLICATE_FEED = "duplicate-feed"
    """Two listings with one ``:feed:`` name; the first in document order writes it."""
