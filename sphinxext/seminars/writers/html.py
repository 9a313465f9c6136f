"""Semantic HTML for talks: ``<article>`` with data attributes and ``<time>``.

Every attribute value goes through the translator's ``starttag``, which
escapes it; text content is emitted by the standard Text visitor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dates import right_to_left

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..nodes import ltr, talk, talk_time


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
    if right_to_left(self.config.language):
        # Isolated, its direction from its own text: "14:00" and "2:00 PM" stay
        # left to right, an Arabic "2:00 م" or a Hebrew date right to left.
        attributes["dir"] = "auto"
    self.body.append(self.starttag(node, "time", "", **attributes))


def depart_talk_time(self: HTML5Translator, node: talk_time) -> None:
    self.body.append("</time>")


def _ltr_tag(self: HTML5Translator, node: ltr) -> str:
    if right_to_left(self.config.language):
        return "bdi"
    return "span" if node["classes"] or node["ids"] else ""


def visit_ltr(self: HTML5Translator, node: ltr) -> None:
    tag = _ltr_tag(self, node)
    if tag == "bdi":
        self.body.append(self.starttag(node, "bdi", "", dir="ltr"))
    elif tag:
        self.body.append(self.starttag(node, tag, ""))


def depart_ltr(self: HTML5Translator, node: ltr) -> None:
    tag = _ltr_tag(self, node)
    if tag:
        self.body.append(f"</{tag}>")
