"""iCalendar feeds (site, per series, per talk) written with ``icalendar``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_feeds(app: Sphinx) -> None:
    pass
