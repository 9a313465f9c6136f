"""Every doctree node of the extension, and every visitor of its own.

Each node subclasses a standard docutils node, so a builder without a visitor
of its own (LaTeX, text, man, texinfo, a third-party builder) falls back to the
base class's visitor; HTML gets semantic markup (``<article>``, ``<time>``,
``<details>``) and the ``data-seminars-*`` attributes ``static/seminars.js``
reads. Placeholders are filled by post-transforms at write time, once every
document has been read.

Every attribute value goes through the translator's ``starttag``, which
escapes it; text content is emitted by the standard Text visitor.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes

from ..store.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


# -- talks -------------------------------------------------------------------------


class talk(nodes.container):
    """One talk; attributes ``talk_id`` and, once expanded, ``start``/``end``/``status``."""


class talk_title(nodes.rubric):
    """The title of a talk that is not a section of its own (inside a list, a table...)."""


class talk_meta(nodes.container):
    """Placeholder for the talk's date, speakers, place and links (from resolved data)."""


class talk_nav(nodes.container):
    """Placeholder for previous/next talk links."""


class talk_time(nodes.inline):
    """A date or time; attribute ``datetime`` is its ISO 8601 value."""


class talk_part(nodes.container):
    """A part of a talk's body kept out of its abstract: ``bio`` or ``paper``."""


class talk_list(nodes.General, nodes.Element):
    """Placeholder for a ``talks`` listing; attribute ``query`` and display options."""


class speakers_cloud(nodes.General, nodes.Element):
    """Placeholder for a ``speakers-cloud``."""


# -- listings (``talks`` directive, series pages) ------------------------------------


class listing(nodes.container):
    """A filled listing; attribute ``when``."""


class listing_item(nodes.list_item):
    """A talk in a ``list`` listing; attributes ``start``, ``end``, ``talk_id``."""


class listing_row(nodes.row):
    """A talk in a ``table`` listing."""


class listing_cell(nodes.container):
    """A talk in a ``cards`` listing (the grid cell that holds its card)."""


# -- papers and citations -----------------------------------------------------------


class paper(nodes.container):
    """One rendered paper (class ``seminars-paper``), or a group of them (``seminars-papers``).

    Its text is left out of :meth:`astext`: the ``talk`` directive takes the
    plain text of its body as the talk's abstract (for feeds and exports),
    and the papers cited under a talk are not part of what the talk is about.
    """

    def astext(self) -> str:
        return ""


class paper_abstract(nodes.container):
    """A paper's abstract, shown on demand (``<details>`` in HTML)."""


class cite_talk(nodes.container):
    """ "Cite this talk": the talk's BibTeX entry, shown on demand (``<details>`` in HTML)."""


# -- HTML visitors ------------------------------------------------------------------


def visit_talk(self: HTML5Translator, node: talk) -> None:
    attributes = {
        f"data-seminars-{name.replace('_', '-')}": node[name]
        for name in ("start", "end", "status", "talk_id", "hide_online")
        if node.get(name)
    }
    self.body.append(self.starttag(node, "article", CLASS="seminars-talk", **attributes))


def depart_talk(self: HTML5Translator, node: talk) -> None:
    self.body.append("</article>\n")


def visit_talk_time(self: HTML5Translator, node: talk_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_talk_time(self: HTML5Translator, node: talk_time) -> None:
    self.body.append("</time>")


def _data(node: nodes.Element, names: tuple[str, ...]) -> dict[str, str]:
    """The node's ``data-seminars-*`` attributes (``talk_id`` -> ``data-seminars-talk-id``)."""
    return {
        f"data-seminars-{name.replace('_', '-')}": str(node[name])
        for name in names
        if node.get(name)
    }


_ITEM_ATTRIBUTES = ("start", "end", "talk_id")


def visit_listing(self: HTML5Translator, node: listing) -> None:
    self.body.append(
        self.starttag(node, "div", CLASS="docutils container", **_data(node, ("when",)))
    )


def visit_listing_item(self: HTML5Translator, node: listing_item) -> None:
    self.body.append(self.starttag(node, "li", "", **_data(node, _ITEM_ATTRIBUTES)))


def depart_listing_item(self: HTML5Translator, node: listing_item) -> None:
    self.body.append("</li>\n")


def visit_listing_row(self: HTML5Translator, node: listing_row) -> None:
    # The translator's own row visitor keeps its table bookkeeping (column
    # count, row stripes); the row's start tag is then written again with the
    # data attributes.
    mark = len(self.body)
    self.visit_row(node)
    for index in range(mark, len(self.body)):
        if self.body[index].startswith("<tr"):
            self.body[index] = self.starttag(node, "tr", "", **_data(node, _ITEM_ATTRIBUTES))
            break


def depart_listing_row(self: HTML5Translator, node: listing_row) -> None:
    self.body.append("</tr>\n")


def visit_listing_cell(self: HTML5Translator, node: listing_cell) -> None:
    # A sphinx-design grid item ("is_div") is a plain div, as sphinx-design writes one.
    classes = "docutils" if node.get("is_div") else "docutils container"
    self.body.append(self.starttag(node, "div", CLASS=classes, **_data(node, _ITEM_ATTRIBUTES)))


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_paper_abstract(self: HTML5Translator, node: paper_abstract) -> None:
    self.body.append(self.starttag(node, "details", CLASS="seminars-paper-abstract"))
    self.body.append(f"<summary>{html.escape(_('Abstract'))}</summary>\n")


def visit_cite_talk(self: HTML5Translator, node: cite_talk) -> None:
    self.body.append(self.starttag(node, "details", CLASS="seminars-cite"))
    summary = html.escape(_("Cite this talk"))
    self.body.append(f"<summary>{summary}</summary>\n")


def depart_details(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def setup_nodes(app: Sphinx) -> None:
    app.add_node(talk, html=(visit_talk, depart_talk))
    app.add_node(talk_time, html=(visit_talk_time, depart_talk_time))
    for node in (talk_title, talk_meta, talk_nav, talk_part, talk_list, speakers_cloud, paper):
        app.add_node(node)
    app.add_node(listing, html=(visit_listing, depart_div))
    app.add_node(listing_item, html=(visit_listing_item, depart_listing_item))
    app.add_node(listing_row, html=(visit_listing_row, depart_listing_row))
    app.add_node(listing_cell, html=(visit_listing_cell, depart_div))
    app.add_node(paper_abstract, html=(visit_paper_abstract, depart_details))
    app.add_node(cite_talk, html=(visit_cite_talk, depart_details))
