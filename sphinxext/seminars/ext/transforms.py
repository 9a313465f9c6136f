"""Transforms: talks become sections at read time; their details are filled at write time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.model import public_view
from ..store.domain import get_domain
from ..store.i18n import _
from . import nodes as sn
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
            section = sn.talk_section("", classes=["seminars-talk-section"])
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
    """Fill each talk with its resolved details, before references are resolved.

    :class:`ExpandHTMLTalks` runs first for HTML builders and leaves nothing
    for this one.
    """

    default_priority = 5
    #: HTML pages get what their script needs (a note hidden until the talk is over).
    html = False

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        language = self.config.language
        now = domain.now()
        for node in list(self.document.findall(sn.talk)):
            meta = next(iter(node.findall(sn.talk_meta)), None)
            nav = next(iter(node.findall(sn.talk_nav)), None)
            if meta is None and nav is None:
                continue  # expanded already
            talk = domain.resolved_talk(docname, node["talk_id"])
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
            if series and series.hide_online_after:
                node["hide_online"] = "1"
            talk = public_view(talk, series, now)
            details: list[nodes.Node] = []
            if past or self.html:
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


class ExpandHTMLTalks(ExpandTalks):
    default_priority = 4
    formats = ("html",)
    html = True


#: References in one parent from which they are resolved in bulk (see ResolveReferences).
CROWDED = 32


class ResolveReferences(SphinxPostTransform):
    """Resolve this domain's references in one pass over each parent, just before Sphinx's
    resolver (priority 10), which would do it node by node.

    Sphinx replaces each reference with ``replace_self``, which looks the node up in its
    parent's children: a paragraph of thousands of speakers then costs time quadratic in
    their number. Here each parent's children are rebuilt once. Every reference is resolved
    by the domain as Sphinx would (a target Sphinx cannot link to keeps the text).
    """

    default_priority = 9

    def run(self, **kwargs: Any) -> None:
        counts: dict[int, int] = {}
        parents: dict[int, nodes.Element] = {}
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") == "seminars" and node.parent is not None:
                key = id(node.parent)
                parents.setdefault(key, node.parent)
                counts[key] = counts.get(key, 0) + 1
        # Only crowded parents: elsewhere Sphinx's resolver is as cheap, and keeps its order.
        parents = {key: parent for key, parent in parents.items() if counts[key] >= CROWDED}
        if not parents:
            return
        domain = get_domain(self.env)
        # As Sphinx's own resolver gets it: ``env._app`` from Sphinx 9, ``env.app`` before.
        app = getattr(self.env, "_app", None) or self.env.app
        builder = app.builder
        for parent in parents.values():
            children: list[nodes.Node] = []
            for child in parent.children:
                resolved = None
                if isinstance(child, addnodes.pending_xref) and child.get("refdomain") == (
                    "seminars"
                ):
                    contnode = cast("nodes.Element", child[0].deepcopy())
                    refdoc = child.setdefault("refdoc", self.env.docname)
                    try:
                        resolved = domain.resolve_xref(
                            self.env,
                            refdoc,
                            builder,
                            child["reftype"],
                            child["reftarget"],
                            child,
                            contnode,
                        )
                    except NoUri:
                        resolved = contnode
                    if isinstance(resolved, nodes.Element):
                        # What replace_self does: ids and classes of the reference stay.
                        resolved.update_basic_atts(child)
                children.append(child if resolved is None else resolved)
            parent.children = []
            parent.extend(children)


def setup_transforms(app: Sphinx) -> None:
    # (app, talk: Talk, docname: str, node: talk) -> list of nodes placed
    # after the talk's details, at write time, in every builder.
    app.add_event("seminars-talk-details")
    app.add_transform(TalkSections)
    app.add_post_transform(ExpandHTMLTalks)
    app.add_post_transform(ExpandTalks)
    app.add_post_transform(ResolveReferences)
