"""What a talk shows of its media: the card image, and the recording and slides
once the talk is over.

The after-talk block puts the recording and the slides first: a video file of
the site plays in a plain ``<video controls>``, a PDF of the site is a link with
its size and page count (read with pypdf; a broken PDF warns and stays a link),
anything on the web stays a link (no third-party player is embedded). Every file
is checked to lie inside the source folder. The card image is an ``<img>`` (an
SVG too: never inlined), ``og:image`` in the page head and ``image`` in JSON-LD.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..core.model import Link, LinkKind
from ..core.places import file_size_text, is_local_pdf, is_local_video
from ..core.subtypes import Subtype
from ..publish.site import download_path, image_path
from ..store.domain import get_domain
from ..store.i18n import _, ngettext
from ..store.warn import warn
from . import nodes as sn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _source_file(env: BuildEnvironment, docname: str, target: str) -> Path | None:
    """The file a talk's link names, if it lies inside the source folder."""
    absfn = env.relfn2path(target, docname)[1]
    path = Path(absfn)
    srcdir = Path(env.srcdir).resolve()
    try:
        resolved = path.resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(srcdir) or not resolved.is_file():
        return None
    return resolved


def pdf_facts(path: Path) -> tuple[int, int | None, str]:
    """(size in bytes, number of pages or None, problem or "") of a PDF file."""
    size = path.stat().st_size
    from pypdf import PdfReader

    try:
        quiet = logging.getLogger("pypdf")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)  # its own messages would bypass Sphinx's warnings
        try:
            reader = PdfReader(path, strict=False)
            return size, len(reader.pages), ""
        finally:
            quiet.setLevel(level)
    except Exception as error:  # PyPdfError, and whatever else a damaged file makes it raise
        return size, None, f"{type(error).__name__}: {str(error)[:120]}"


def after_talk_node(
    env: BuildEnvironment,
    docname: str,
    links: tuple[Link, ...],
    line_of: Callable[[LinkKind], int],
) -> sn.talk_after | None:
    """The recording and slides of a talk, made at read time (files measured once).

    Local files become download references so Sphinx copies them; a local
    video is also a ``talk_video`` node that HTML writes as ``<video controls>``.
    """
    wanted = [link for link in links if link.kind in (LinkKind.VIDEO, LinkKind.SLIDES)]
    if not wanted:
        return None
    box = sn.talk_after(classes=["seminars-after-talk"])
    box += nodes.rubric("", _("Recording and slides"))
    items = nodes.bullet_list(classes=["seminars-after-links"])
    for link in wanted:
        label = _("Recording") if link.kind is LinkKind.VIDEO else _("Slides")
        item = nodes.paragraph(classes=[f"seminars-after-{link.kind.value}"])
        item += nodes.strong("", label)
        item += nodes.Text(": ")
        if not link.local:
            item += nodes.reference("", link.target, refuri=link.target, classes=["seminars-link"])
            items += nodes.list_item("", item)
            continue
        path = _source_file(env, docname, link.target)
        if path is None:
            warn(
                Subtype.BAD_MEDIA,
                f"file {link.target!r} is not a file inside the source folder; give a path "
                "relative to the talk's page, such as 'slides.pdf'",
                (docname, line_of(link.kind)),
            )
            item += nodes.Text(link.target)
            items += nodes.list_item("", item)
            continue
        env.note_dependency(str(path))
        ref = addnodes.download_reference(
            "", "", reftarget=link.target, refdoc=docname, refexplicit=True
        )
        ref += nodes.literal("", Path(link.target).name, classes=["xref", "download"])
        item += ref
        if is_local_pdf(link):
            size, pages, problem = pdf_facts(path)
            if problem:
                warn(
                    Subtype.BAD_MEDIA,
                    f"cannot read the pages of {link.target!r} ({problem}); it is linked "
                    "without a page count, check that it is a PDF file",
                    (docname, line_of(link.kind)),
                )
            facts = [file_size_text(size)]
            if pages is not None:
                facts.append(
                    ngettext("%(count)d page", "%(count)d pages", pages) % {"count": pages}
                )
            item += nodes.Text(" ")
            item += nodes.inline("", f"(PDF, {', '.join(facts)})", classes=["seminars-file-facts"])
        elif path is not None:
            item += nodes.Text(" ")
            item += nodes.inline(
                "", f"({file_size_text(path.stat().st_size)})", classes=["seminars-file-facts"]
            )
        items += nodes.list_item("", item)
        if is_local_video(link):
            items += nodes.list_item(
                "", sn.talk_video("", Path(link.target).name, target=link.target)
            )
    box += items
    return box


def card_image_node(
    env: BuildEnvironment, docname: str, link: Link, lineno: int
) -> nodes.image | None:
    """The talk's card image on its page (Sphinx copies a file of the site to ``_images``)."""
    if link.local and _source_file(env, docname, link.target) is None:
        warn(
            Subtype.BAD_MEDIA,
            f"image {link.target!r} is not a file inside the source folder; give a path "
            "relative to the talk's page, such as 'card.png', or an https:// URL",
            (docname, lineno),
        )
        return None
    return nodes.image(uri=link.target, alt="", classes=["seminars-card-image"])


def card_image_uri(env: BuildEnvironment, builder: Any, docname: str, talk: Any) -> str:
    """The URI of a talk's card image from the page ``docname`` ("" when none)."""
    link: Link | None = talk.image
    if link is None:
        return ""
    if not link.local:
        return link.target
    path = image_path(env, talk.docname, link.target)
    if not path or builder.format != "html":
        return ""
    return relative_uri(builder.get_target_uri(docname), path)


def card_image_absolute(app: Sphinx, talk: Any) -> str:
    """The absolute URL of a talk's card image, for ``og:image`` and JSON-LD ("" if unknown)."""
    from ..publish.site import Site

    link: Link | None = talk.image
    if link is None:
        return ""
    if not link.local:
        return link.target
    path = image_path(app.env, talk.docname, link.target)
    return Site.from_app(app).absolute(path) if path else ""


class ExpandMedia(SphinxPostTransform):
    """Show the after-talk block once the talk is over; give videos their URL."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        # As Sphinx's own resolver gets it: ``env._app`` from Sphinx 9, ``env.app`` before.
        builder = (getattr(self.env, "_app", None) or self.env.app).builder
        html = builder.format == "html"
        now = domain.now()
        for box in list(self.document.findall(sn.talk_after)):
            owner = box.parent
            while owner is not None and not isinstance(owner, sn.talk):
                owner = owner.parent
            talk = domain.resolved_talk(docname, owner["talk_id"]) if owner is not None else None
            past = talk is not None and talk.is_past(now)
            # Right under the talk's details (before its calendar links and citation).
            details = next(
                (
                    child
                    for child in box.parent.children
                    if isinstance(child, nodes.field_list) and "seminars-meta" in child["classes"]
                ),
                None,
            )
            if details is not None:
                box.parent.remove(box)
                details.parent.insert(details.parent.index(details) + 1, box)
            if not html:
                if not past:
                    box.parent.remove(box)
                continue
            # As the "This event has passed." note: there, hidden until the page's
            # script sees the talk is over (a site built weeks ago stays right).
            box["classes"] += ["seminars-passed", *([] if past else ["seminars-hidden"])]
        if not html:
            # A card image is for pages (LaTeX cannot include an SVG or a web image).
            for image in list(self.document.findall(nodes.image)):
                if "seminars-card-image" in image["classes"]:
                    image.parent.remove(image)
        for video in list(self.document.findall(sn.talk_video)):
            if not html:
                continue
            copied = download_path(self.env, docname, video["target"])[0]
            if copied:
                video["src"] = relative_uri(builder.get_target_uri(docname), copied)


def og_image(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the card image of a talk page as ``og:image``."""
    from html import escape

    talks = get_domain(app.env).talks_by_doc.get(pagename, [])
    talk = next((t for t in talks if t.image is not None), None)
    if talk is None:
        return
    url = card_image_absolute(app, talk)
    if not url and talk.image is not None:
        url = card_image_uri(app.env, app.builder, pagename, talk)
    if url:
        tag = f'<meta property="og:image" content="{escape(url, quote=True)}">\n'
        context["metatags"] = context.get("metatags", "") + tag


def setup_media(app: Sphinx) -> None:
    app.add_post_transform(ExpandMedia)
    app.connect("html-page-context", og_image)
