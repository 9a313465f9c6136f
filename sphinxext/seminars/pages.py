"""Generated pages: one per speaker, series and event (HTML builders).

Paths (under ``seminars_pages_prefix``, default ``seminars``):
``speakers/<slug>``, ``series/<slug>``, ``events/<slug>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from .model import Series, Talk, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .domain import SeminarsDomain


def has_pages(domain: SeminarsDomain, builder: Builder) -> bool:
    return builder.format == "html" and builder.name in ("html", "dirhtml") and domain.settings.generate_pages


def page_name(domain: SeminarsDomain, kind: str, slug: str) -> str:
    return f"{domain.settings.pages_prefix}/{kind}/{slug}"


def _link(domain: SeminarsDomain, builder: Builder, fromdocname: str, pagename: str, contnode: nodes.Element, title: str) -> nodes.Element:
    return make_refnode(builder, fromdocname, pagename, "", contnode, title)


def link_to_speaker(
    domain: SeminarsDomain,
    builder: Builder,
    fromdocname: str,
    key: str,
    entry: tuple[str, list[Talk]],
    contnode: nodes.Element,
) -> nodes.Element:
    if not has_pages(domain, builder):
        return contnode
    return _link(domain, builder, fromdocname, page_name(domain, "speakers", key), contnode, entry[0])


def link_to_series(
    domain: SeminarsDomain, builder: Builder, fromdocname: str, series: Series, contnode: nodes.Element
) -> nodes.Element:
    if not has_pages(domain, builder):
        return contnode
    return _link(domain, builder, fromdocname, page_name(domain, "series", series.slug), contnode, series.name)


def link_to_event(
    domain: SeminarsDomain, builder: Builder, fromdocname: str, event: str, contnode: nodes.Element
) -> nodes.Element:
    if not has_pages(domain, builder):
        return contnode
    return _link(domain, builder, fromdocname, page_name(domain, "events", slugify(event)), contnode, event)


def setup_pages(app: Sphinx) -> None:
    pass
