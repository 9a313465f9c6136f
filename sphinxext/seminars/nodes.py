"""Doctree nodes of the extension.

Each node subclasses a standard docutils node, so a builder without a visitor
of its own (LaTeX, text, man, texinfo, a third-party builder) falls back to the
base class's visitor; HTML gets semantic markup (``<article>``, ``<time>``).
Placeholders are filled by post-transforms at write time, once every document
has been read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class talk(nodes.container):
    """One talk; attributes ``talk_id`` and, once expanded, ``start``/``end``/``status``."""


class talk_section(nodes.section):
    """A section made of one talk: its title and the talk (an ``<article>`` in HTML)."""


class talk_title(nodes.rubric):
    """The title of a talk that is not a section of its own (inside a list, a table...)."""


class talk_meta(nodes.container):
    """Placeholder for the talk's date, speakers, place and links (from resolved data)."""


class talk_nav(nodes.container):
    """Placeholder for previous/next talk links."""


class talk_time(nodes.inline):
    """A date or time; attribute ``datetime`` is its ISO 8601 value."""


class isolate(nodes.inline):
    """Text kept whole inside right-to-left text: a time range, an arXiv id, a DOI.

    HTML of a right-to-left site writes ``<bdi>``, with the node's ``dir``
    attribute (``"ltr"`` for identifiers; none: the direction of its own first
    letter, so "14:00–15:00" stays left to right and an Arabic "2:00 م" right to
    left); elsewhere it is a plain ``<span>`` (with classes) or nothing.
    """


class talk_part(nodes.container):
    """A part of a talk's body kept out of its abstract: ``bio`` or ``paper``."""


class talk_list(nodes.General, nodes.Element):
    """Placeholder for a ``talks`` listing; attribute ``query`` and display options."""


class speakers_cloud(nodes.General, nodes.Element):
    """Placeholder for a ``speakers-cloud``."""


def setup_nodes(app: Sphinx) -> None:
    from .writers import html

    app.add_node(talk, html=(html.visit_talk, html.depart_talk))
    app.add_node(talk_section, html=(html.visit_talk_section, html.depart_talk_section))
    app.add_node(talk_time, html=(html.visit_talk_time, html.depart_talk_time))
    app.add_node(isolate, html=(html.visit_isolate, html.depart_isolate))
    app.add_node(talk_title, html=(html.visit_talk_title, html.depart_talk_title))
    for node in (talk_meta, talk_nav, talk_part, talk_list, speakers_cloud):
        app.add_node(node)
