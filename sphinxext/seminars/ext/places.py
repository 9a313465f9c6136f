"""The ``venue`` directive.

A venue is declared once under a key (here, or in ``seminars_venues``); talks
name it with ``:location: <key>`` and its page (``<prefix>/venues/<key>``)
lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.model import Problem
from ..core.places import VENUE_KEYS, venue_from_options
from ..core.subtypes import Subtype
from ..store.domain import get_domain
from .directives import SeminarsDirective
from .render import venue_facts

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class VenueDirective(SeminarsDirective):
    """``.. venue:: dima-508`` with ``:name:``, ``:address:``... options."""

    has_content = False
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = VENUE_KEYS
    unknown_option_subtype = Subtype.BAD_VENUE

    def run(self) -> list[nodes.Node]:
        problems = self.unknown_options()
        key = self.arguments[0].strip() if self.arguments else ""
        if not key:
            problems.append(
                Problem(Subtype.BAD_VENUE, "venue has no key; write '.. venue:: dima-508'")
            )
            self.report(problems)
            return []
        venue, found = venue_from_options(
            key, self.options, docname=self.env.docname, lineno=self.lineno
        )
        self.report(problems + found)
        if venue is None:
            return []
        get_domain(self.env).add_venue(venue)
        box = nodes.container(
            classes=["seminars-venue-declaration"], ids=[nodes.make_id(f"venue-{venue.key}")]
        )
        self.set_source_info(box)
        box += nodes.rubric("", venue.title)
        box += venue_facts(venue)
        return [box]


def setup_places(app: Sphinx) -> None:
    app.add_directive("venue", VenueDirective)
