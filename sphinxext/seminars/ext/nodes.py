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

from ..core.dates import right_to_left
from ..store.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


# -- talks -------------------------------------------------------------------------


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


# -- listings (``talks`` directive, series pages) ------------------------------------


class listing(nodes.container):
    """A filled listing; attributes ``when`` and (with ``:limit:``) ``limit``."""


class listing_item(nodes.list_item):
    """A talk in a ``list`` listing; attributes ``start``, ``end``, ``talk_id``."""


class listing_row(nodes.row):
    """A talk in a ``table`` listing."""


class listing_cell(nodes.container):
    """A talk in a ``cards`` listing (the grid cell that holds its card)."""


class filter_data(nodes.Element, nodes.Invisible):
    """The facets of a listing's talks for its filter bar; attribute ``data`` (JSON text).

    HTML writes it as ``<script type="application/json">`` (made script-safe
    before it gets here); other builders never see one.
    """

    def astext(self) -> str:
        return ""


class month_table(nodes.container):
    """One month of a ``calendar`` listing; attributes ``month`` (``2030-05``),
    ``caption`` and ``weekdays`` (abbreviated and full names, in column order)."""


class month_week(nodes.container):
    """A week (a table row) of a :class:`month_table`."""


class month_day(nodes.container):
    """A day of a :class:`month_table`; attribute ``date`` (ISO), empty outside the month."""


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


class talk_after(nodes.container):
    """What a talk leaves once it is over (recording, slides): shown when it is past."""


class talk_video(nodes.inline):
    """A video file of the site: ``<video controls>`` in HTML (attribute ``src``, set at
    write time), its label elsewhere."""


# -- HTML visitors ------------------------------------------------------------------


def _data_attributes(node: talk) -> dict[str, str]:
    return {
        f"data-seminars-{name.replace('_', '-')}": node[name]
        for name in ("start", "end", "status", "talk_id", "hide_online")
        if node.get(name)
    }


def _own_talk(node: talk_section) -> talk | None:
    return next((child for child in node.children if isinstance(child, talk)), None)


# A talk that is a section of its own (a talk page, a day of talks) is one
# ``<article class="seminars-talk seminars-talk-section">`` that holds its heading,
# so the article is labelled by its own ``<h1>``/``<h2>`` (the Nu checker and
# screen readers look for a heading *inside* an article); the talk's body inside it
# is a plain ``<div class="seminars-talk-body">``. A talk nested in other markup
# stays an ``<article class="seminars-talk">``, whose title (a rubric elsewhere) is a
# heading one level below its section's, kept out of the table of contents.


def visit_talk_section(self: HTML5Translator, node: talk_section) -> None:
    # As HTML5Translator.visit_section, with <article> and the talk's data.
    self.section_level += 1
    body = _own_talk(node)
    attributes = _data_attributes(body) if body is not None else {}
    # The talk's own state classes (seminars-undated) belong on the article readers see.
    state = [c for c in body["classes"] if c.startswith("seminars-")] if body is not None else []
    classes = " ".join(dict.fromkeys(["seminars-talk", *state]))
    self.body.append(self.starttag(node, "article", CLASS=classes, **attributes))


def depart_talk_section(self: HTML5Translator, node: talk_section) -> None:
    self.section_level -= 1
    self.body.append("</article>\n")


def visit_talk(self: HTML5Translator, node: talk) -> None:
    if isinstance(node.parent, talk_section):
        self.body.append(self.starttag(node, "div", CLASS="seminars-talk-body"))
        return
    attributes = _data_attributes(node)
    self.body.append(self.starttag(node, "article", CLASS="seminars-talk", **attributes))


def depart_talk(self: HTML5Translator, node: talk) -> None:
    self.body.append("</div>\n" if isinstance(node.parent, talk_section) else "</article>\n")


def visit_talk_title(self: HTML5Translator, node: talk_title) -> None:
    level = min(max(self.section_level, 1) + 1, 6)
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="rubric"))


def depart_talk_title(self: HTML5Translator, node: talk_title) -> None:
    level = min(max(self.section_level, 1) + 1, 6)
    self.body.append(f"</h{level}>\n")


def visit_talk_time(self: HTML5Translator, node: talk_time) -> None:
    attributes = {"datetime": node["datetime"]}
    if right_to_left(self.config.language) and not isinstance(node.parent, isolate):
        # Isolated, its direction from its own text: "14:00" stays left to right,
        # an Arabic or a Hebrew date right to left. A time range is isolated as
        # a whole (its times take the range's direction).
        attributes["dir"] = "auto"
    self.body.append(self.starttag(node, "time", "", **attributes))


def depart_talk_time(self: HTML5Translator, node: talk_time) -> None:
    self.body.append("</time>")


def _isolate_tag(self: HTML5Translator, node: isolate) -> str:
    if right_to_left(self.config.language):
        return "bdi"
    return "span" if node["classes"] or node["ids"] else ""


def visit_isolate(self: HTML5Translator, node: isolate) -> None:
    tag = _isolate_tag(self, node)
    if tag == "bdi" and node.get("dir"):
        self.body.append(self.starttag(node, "bdi", "", dir=node["dir"]))
    elif tag:
        self.body.append(self.starttag(node, tag, ""))


def depart_isolate(self: HTML5Translator, node: isolate) -> None:
    tag = _isolate_tag(self, node)
    if tag:
        self.body.append(f"</{tag}>")


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
        self.starttag(
            node, "div", CLASS="docutils container", **_data(node, ("when", "limit", "filters"))
        )
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


def visit_filter_data(self: HTML5Translator, node: filter_data) -> None:
    self.body.append(
        f'<script type="application/json" class="seminars-filter-data">{node["data"]}</script>\n'
    )
    raise nodes.SkipNode


def visit_month_table(self: HTML5Translator, node: month_table) -> None:
    self.body.append(
        self.starttag(node, "table", CLASS="seminars-calendar", **_data(node, ("month",)))
    )
    self.body.append(f"<caption>{html.escape(node['caption'])}</caption>\n<thead><tr>")
    for short, full in node["weekdays"]:
        self.body.append(
            f'<th scope="col"><abbr title="{html.escape(full)}">{html.escape(short)}</abbr></th>'
        )
    self.body.append("</tr></thead>\n<tbody>\n")


def depart_month_table(self: HTML5Translator, node: month_table) -> None:
    self.body.append("</tbody>\n</table>\n")


def visit_month_week(self: HTML5Translator, node: month_week) -> None:
    self.body.append("<tr>")


def depart_month_week(self: HTML5Translator, node: month_week) -> None:
    self.body.append("</tr>\n")


def visit_month_day(self: HTML5Translator, node: month_day) -> None:
    if not node.get("date"):
        node["classes"].append("seminars-outside")
    self.body.append(self.starttag(node, "td", "", **_data(node, ("date",))))


def depart_month_day(self: HTML5Translator, node: month_day) -> None:
    self.body.append("</td>")


def visit_paper_abstract(self: HTML5Translator, node: paper_abstract) -> None:
    self.body.append(self.starttag(node, "details", CLASS="seminars-paper-abstract"))
    self.body.append(f"<summary>{html.escape(_('Abstract'))}</summary>\n")


def visit_cite_talk(self: HTML5Translator, node: cite_talk) -> None:
    self.body.append(self.starttag(node, "details", CLASS="seminars-cite"))
    summary = html.escape(_("Cite this talk"))
    self.body.append(f"<summary>{summary}</summary>\n")


def depart_details(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def visit_talk_video(self: HTML5Translator, node: talk_video) -> None:
    src = node.get("src")
    if not src:
        return  # not copied: the label alone (the link row has the file)
    self.body.append(
        self.starttag(node, "video", "", controls="controls", preload="metadata", src=src)
    )
    # Browsers without video support show the link instead.
    self.body.append(f'<a href="{html.escape(src, quote=True)}">')


def depart_talk_video(self: HTML5Translator, node: talk_video) -> None:
    if node.get("src"):
        self.body.append("</a></video>\n")


def setup_nodes(app: Sphinx) -> None:
    app.add_node(talk_after)
    app.add_node(talk_video, html=(visit_talk_video, depart_talk_video))
    app.add_node(talk, html=(visit_talk, depart_talk))
    app.add_node(talk_section, html=(visit_talk_section, depart_talk_section))
    app.add_node(talk_time, html=(visit_talk_time, depart_talk_time))
    app.add_node(isolate, html=(visit_isolate, depart_isolate))
    app.add_node(talk_title, html=(visit_talk_title, depart_talk_title))
    for node in (talk_meta, talk_nav, talk_part, talk_list, speakers_cloud, paper):
        app.add_node(node)
    app.add_node(listing, html=(visit_listing, depart_div))
    app.add_node(listing_item, html=(visit_listing_item, depart_listing_item))
    app.add_node(listing_row, html=(visit_listing_row, depart_listing_row))
    app.add_node(listing_cell, html=(visit_listing_cell, depart_div))
    # Only HTML listings hold these: other builders get a plain list instead.
    app.add_node(filter_data, html=(visit_filter_data, None))
    app.add_node(month_table, html=(visit_month_table, depart_month_table))
    app.add_node(month_week, html=(visit_month_week, depart_month_week))
    app.add_node(month_day, html=(visit_month_day, depart_month_day))
    app.add_node(paper_abstract, html=(visit_paper_abstract, depart_details))
    app.add_node(cite_talk, html=(visit_cite_talk, depart_details))
