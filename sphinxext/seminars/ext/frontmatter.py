"""Talks given by a MyST page's front matter: the ``source-read`` handler.

The conversion itself (front matter -> a ``{talk}`` block) is pure and lives in
:mod:`..core.frontmatter`; this only decides which pages it applies to and
logs its warnings at their front-matter lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.frontmatter import FRONT_MATTER_LINES, REPORTED_OPTIONS, convert_front_matter
from ..store.domain import get_domain
from ..store.warn import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _is_markdown(app: Sphinx, docname: str) -> bool:
    suffix = app.env.doc2path(docname).suffix
    source_suffix = app.config.source_suffix
    if isinstance(source_suffix, Mapping):
        return source_suffix.get(suffix) == "markdown"
    return suffix == ".md"


def read_front_matter_talk(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: turn a ``talk:`` front matter into the directive form."""
    if not _is_markdown(app, docname):
        return
    language = app.config.language or "en"
    settings = get_domain(app.env).settings
    new_source, warnings, reported, title, lines = convert_front_matter(
        source[0],
        date_order=settings.reading_order(language),
        locale=language,
        kinds=settings.talk_kinds,
    )
    for subtype, message, line in sorted(warnings, key=lambda w: w[2]):
        warn(subtype, message, (docname, line))
    if new_source is not None:
        source[0] = new_source
        # Read by the talk directive of this document (temp_data is per document).
        app.env.temp_data[REPORTED_OPTIONS] = (title, reported)
        app.env.temp_data[FRONT_MATTER_LINES] = lines


def setup_frontmatter(app: Sphinx) -> None:
    app.connect("source-read", read_front_matter_talk)
