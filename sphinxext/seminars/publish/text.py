"""Plain text that several output files share."""

from __future__ import annotations

import datetime as dt
import re

from ..core.model import Status, Talk
from ..store.i18n import _t

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text without the control characters that XML 1.0 and BibTeX cannot carry."""
    return _XML_INVALID.sub("", text)


_BLANK_LINES = re.compile(r"\n{3,}")


def plain(text: str) -> str:
    """Plain text with runs of blank lines folded to one (a paper nested in an
    abstract leaves empty paragraphs in the text the talk directive collects)."""
    return _BLANK_LINES.sub("\n\n", text).strip()


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def headline(talk: Talk, *, feed: bool = False) -> str:
    """What an event or a feed entry is called: "Speaker, Speaker: Title".

    Calendars name every speaker as written (a "TBA" too) and nothing else; a
    feed entry (``feed``) leaves out speakers still to be announced and starts
    with the talk's status when it is not scheduled.
    """
    people = (p for p in talk.speakers if not (feed and p.is_tba))
    names = ", ".join(p.name for p in people)
    title = f"{names}: {talk.title}" if names else talk.title
    if feed and talk.status is Status.CANCELLED:
        return _t("[Cancelled] {title}").format(title=title)
    if feed and talk.status is Status.POSTPONED:
        return _t("[Postponed] {title}").format(title=title)
    return title


#: How many of a talk's tags a calendar event or feed entry names as categories. A talk
#: is in the calendar and Atom feed of each of its topics, so a talk with thousands of
#: tags would otherwise make those files grow with the square of its tags; its page and
#: ``talks.json`` keep them all.
FEED_TAGS = 20


def feed_tags(talk: Talk) -> tuple[str, ...]:
    """The tags a calendar event or feed entry names (the first :data:`FEED_TAGS`)."""
    return talk.tags[:FEED_TAGS]
