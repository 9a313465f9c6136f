"""Semantic HTML for talks: ``<article>`` with data attributes and ``<time>``.

Every attribute value goes through the translator's ``starttag``, which
escapes it; text content is emitted by the standard Text visitor.

A talk that is a section of its own (a talk page, a day of talks) is one
``<article class="seminars-talk seminars-talk-section">`` that holds its heading,
so the article is labelled by its own ``<h1>``/``<h2>`` (the Nu checker and
screen readers look for a heading *inside* an article); the talk's body inside it
is a plain ``<div class="seminars-talk-body">``. A talk nested in other markup
stays an ``<article class="seminars-talk">``, whose title (a rubric elsewhere) is a
heading one level below its section's, kept out of the table of contents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import nodes as sn
from ..dates import right_to_left

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..nodes import isolate, talk, talk_section, talk_time, talk_title


def _data_attributes(node: talk) -> dict[str, str]:
    return {
        f"data-seminars-{name.replace('_', '-')}": node[name]
        for name in ("start", "end", "status", "talk_id", "hide_online")
        if node.get(name)
    }


def _own_talk(node: talk_section) -> talk | None:
    return next((child for child in node.children if isinstance(child, sn.talk)), None)


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
    if isinstance(node.parent, sn.talk_section):
        self.body.append(self.starttag(node, "div", CLASS="seminars-talk-body"))
        return
    attributes = _data_attributes(node)
    self.body.append(self.starttag(node, "article", CLASS="seminars-talk", **attributes))


def depart_talk(self: HTML5Translator, node: talk) -> None:
    self.body.append("</div>\n" if isinstance(node.parent, sn.talk_section) else "</article>\n")


def visit_talk_time(self: HTML5Translator, node: talk_time) -> None:
    attributes = {"datetime": node["datetime"]}
    if right_to_left(self.config.language) and not isinstance(node.parent, sn.isolate):
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


def visit_talk_title(self: HTML5Translator, node: talk_title) -> None:
    level = min(max(self.section_level, 1) + 1, 6)
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="rubric"))


def depart_talk_title(self: HTML5Translator, node: talk_title) -> None:
    level = min(max(self.section_level, 1) + 1, 6)
    self.body.append(f"</h{level}>\n")
