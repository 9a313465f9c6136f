"""Transforms: talks become sections at read time; their details are filled at write time."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import nodes as sn
from .compat import builder_format
from .domain import get_domain
from .i18n import _
from .navigation import nav_nodes
from .render import meta_fields

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class TalkSections(SphinxTransform):
    """A talk directly in a document or section becomes a section titled by the talk.

    So a talk page has the talk's title as its title (``<title>``, search
    results, listings) and a day with several talks gets one heading each;
    a talk nested in other markup keeps its title as a rubric.
    """

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        for talk in list(self.document.findall(sn.talk)):
            if not isinstance(talk.parent, (nodes.document, nodes.section)):
                continue
            titles = [c for c in talk.children if isinstance(c, sn.talk_title)]
            if not titles:
                continue
            title = titles[0]
            section = nodes.section("", classes=["seminars-talk-section"])
            section.source, section.line = talk.source, talk.line
            section["ids"] = talk["ids"]
            talk["ids"] = []
            if not section["ids"]:  # a talk that could not be stored still gets an anchor
                self.document.set_id(section)
            heading = nodes.title("", "", *title.children)
            section += heading
            talk.remove(title)
            # Element.replace (not replace_self) so the talk keeps its own classes.
            talk.parent.replace(talk, section)
            section += talk


class ExpandTalks(SphinxPostTransform):
    """Fill each talk with its resolved details, before references are resolved."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        language = self.config.language
        now = domain.now()
        for node in list(self.document.findall(sn.talk)):
            talk = domain.resolved_talk(docname, node["talk_id"])
            meta = next(iter(node.findall(sn.talk_meta)), None)
            nav = next(iter(node.findall(sn.talk_nav)), None)
            if talk is None:
                for placeholder in (meta, nav):
                    if placeholder is not None:
                        placeholder.parent.remove(placeholder)
                continue
            assert talk.end is not None
            node["start"] = talk.start.isoformat()
            node["end"] = talk.end.isoformat()
            node["status"] = talk.status.value
            series = domain.all_series.get(talk.series)
            past = talk.is_past(now)
            hide_online = bool(series and series.hide_online_after)
            if hide_online:
                node["hide_online"] = "1"
            if hide_online and past:
                talk = dataclasses.replace(talk, online="")
            details: list[nodes.Node] = []
            if past or builder_format(self.env)[1] == "html":
                # In HTML the note is always there, hidden until the page's
                # script sees the talk is over (a site built weeks ago stays right).
                details.append(
                    nodes.paragraph(
                        "",
                        _("This event has passed."),
                        classes=["seminars-passed", *([] if past else ["seminars-hidden"])],
                    )
                )
            details.append(meta_fields(domain, talk, docname, language))
            # Other parts of the extension (calendar links, citation, JSON-LD)
            # add their nodes here; see setup_transforms.
            for extra in self.env.events.emit("seminars-talk-details", talk, docname, node):
                details.extend(extra or [])
            if meta is not None:
                meta.replace_self(details)
            if nav is not None:
                found = nav_nodes(domain, talk, docname) if talk.id in domain.talks else None
                if found is None:
                    nav.parent.remove(nav)
                else:
                    nav.replace_self(found)


def setup_transforms(app: Sphinx) -> None:
    # (app, talk: Talk, docname: str, node: talk) -> list of nodes placed
    # after the talk's details, at write time, in every builder.
    app.add_event("seminars-talk-details")
    app.add_transform(TalkSections)
    app.add_post_transform(ExpandTalks)
