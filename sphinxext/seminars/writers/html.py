"""Semantic HTML for talks: ``<article>`` with data attributes and ``<time>``.

Every attribute value goes through the translator's ``starttag``, which
escapes it; text content is emitted by the standard Text visitor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import nodes as nodes_
from ..dates import right_to_left

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..nodes import isolate, talk, talk_time


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
    attributes = {"datetime": node["datetime"]}
    if right_to_left(self.config.language) and not isinstance(node.parent, nodes_.isolate):
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
