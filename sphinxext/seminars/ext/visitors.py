"""Semantic HTML for talks: ``<article>`` with data attributes and ``<time>``.

Every attribute value goes through the translator's ``starttag``, which
escapes it; text content is emitted by the standard Text visitor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from .nodes import talk, talk_time


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
