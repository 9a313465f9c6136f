"""The "embed" page: the lines another web page copies to show this site's next talks.

Written with the generated pages (``<prefix>/embed``) when ``seminars_embed_page``
is on and the site writes its exports (``talks.json`` is what the widget reads).
The snippet holds the site's absolute addresses when ``html_baseurl`` (or Read
the Docs' canonical URL) gives them; otherwise a placeholder address and a note
saying so. See ``docs/reference/embed.rst`` for the widget itself.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..publish.site import Site, base_url
from ..store.i18n import _

if TYPE_CHECKING:
    from ..store.domain import SeminarsDomain

#: Shown in the snippet when the site's address is not known.
PLACEHOLDER = "https://your-site.example/"
#: The widget script, as every HTML build copies it.
SCRIPT = "_static/seminars-embed.js"


def embed_header(domain: SeminarsDomain) -> tuple[str, str, bool] | None:
    """(the snippet, an example for one series, whether the address is known), or None
    when the site writes no embed page."""
    settings = domain.settings
    if not (settings.embed_page and settings.feeds):
        return None
    known = base_url(domain.env.config)
    site = Site(
        base_url=known or PLACEHOLDER, prefix=settings.pages_prefix, feed_name=settings.feed_name
    )
    source = escape(site.absolute(site.file(".json")), quote=True)
    script = escape(site.absolute(SCRIPT), quote=True)
    snippet = (
        f'<div data-seminars-src="{source}" data-limit="5"></div>\n'
        f'<script src="{script}" defer></script>'
    )
    names = sorted(domain.all_series)
    example = (
        f'<div data-seminars-src="{source}" data-limit="3"\n'
        f'     data-series="{escape(names[0], quote=True)}"></div>'
        if names
        else ""
    )
    return snippet, example, bool(known)


def embed_nodes(header: tuple[str, str, bool]) -> list[nodes.Node]:
    """The page's body: what the lines do, the lines, and a note without an address."""
    snippet, example, known = header
    result: list[nodes.Node] = [
        nodes.paragraph(
            "",
            _(
                "Another web page (a department portal, a group's home page) can show the "
                "next talks of this site: copy these lines into its HTML."
            ),
        )
    ]
    if not known:
        note = nodes.note()
        note += nodes.paragraph(
            "",
            _(
                "The address of this site is not known (html_baseurl is not set), so the "
                "lines below hold a placeholder: replace {placeholder} with the address "
                "the site is published at, or set html_baseurl in conf.py and build again."
            ).format(placeholder=PLACEHOLDER),
        )
        result.append(note)
    block = nodes.literal_block(snippet, snippet, classes=["seminars-embed-snippet"])
    block["language"] = "html"
    result.append(block)
    if example:
        result.append(nodes.paragraph("", _("To show one series only, name it with data-series:")))
        more = nodes.literal_block(example, example, classes=["seminars-embed-snippet"])
        more["language"] = "html"
        result.append(more)
    result.append(
        nodes.paragraph(
            "",
            _(
                "The page reads talks.json from this site, so the server must send the "
                "header Access-Control-Allow-Origin with it (Read the Docs and GitHub Pages "
                "do). If the file cannot be read, the page shows a link to this site instead."
            ),
        )
    )
    return result
