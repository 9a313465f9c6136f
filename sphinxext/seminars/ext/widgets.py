"""Sidebar widgets a site puts in ``html_sidebars``, and the filter bar's script.

``seminars/next-talks.html`` and ``seminars/topics-cloud.html`` (in ``templates/``)
print ``seminars_sidebar("next-talks")`` / ``seminars_sidebar("topics-cloud")``.
Their HTML is made once per build (:class:`SidebarCache`, keyed by the
domain's site index, which is rebuilt only when a talk changes) with every
link relative to the site's root; a page only joins those pieces with its own
path to the root (``content_root``), so a thousand pages cost one render.

The topics cloud links each topic through :func:`topic_links`, the one place
that says where a topic lives: its topic page, or (in a builder without
generated pages) the site's listing with a filter bar and the topic chosen
(``listing.html?topic=probability``).
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from ..core.dates import locale_for
from ..core.facets import filter_query
from ..core.model import ListingQuery, Talk, When
from ..store.domain import SeminarsDomain, SiteIndex, get_domain, has_pages, topic_page
from ..store.freshness import Freshness
from ..store.i18n import _, ngettext
from . import nodes as sn
from .cloud import size_steps
from .listings import filters_on

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The widgets, by the name their template passes to ``seminars_sidebar``.
WIDGETS = ("next-talks", "topics-cloud")


@dataclass(frozen=True, slots=True)
class RootRelative:
    """HTML whose links are relative to the site's root: ``pieces`` joined by the
    page's own path to the root (``"../"``) gives the page's HTML."""

    pieces: tuple[str, ...]

    def for_page(self, content_root: str) -> str:
        return content_root.join(self.pieces)


class _Writer:
    """Collects a widget's HTML; :meth:`link` marks where the page's path to the root goes.

    The widget is a ``<nav>`` labelled by its heading; with ``empty`` (its
    "nothing to show" line) it holds that line only.
    """

    def __init__(self, name: str, title: str, empty: str | None) -> None:
        ident = f"seminars-{name}"
        self.pieces: list[str] = [
            f'<nav class="seminars-sidebar {ident}" aria-labelledby="{ident}">'
            f'<h3 id="{ident}">{html.escape(title)}</h3>'
        ]
        if empty is not None:
            self.text(f'<p class="seminars-sidebar-empty">{html.escape(empty)}</p>')

    def text(self, markup: str) -> None:
        self.pieces[-1] += markup

    def link(self, uri: str, text: str, hidden: str = "") -> None:
        """A link to ``uri`` (relative to the root); ``hidden`` is read by screen readers only."""
        self.pieces[-1] += '<a href="'
        extra = (
            f'<span class="seminars-visually-hidden">{html.escape(hidden)}</span>'
            if hidden
            else ""
        )
        self.pieces.append(f'{html.escape(uri)}">{html.escape(text)}{extra}</a>')

    def done(self) -> RootRelative:
        self.text("</nav>")
        return RootRelative(tuple(self.pieces))


def filter_listing_doc(domain: SeminarsDomain) -> str | None:
    """The page whose filter bar topics link to: the first (in name order) with a
    ``talks`` listing that has a filter bar, one that filters on nothing if any."""
    default = domain.settings.listing_filters
    found: list[tuple[bool, str]] = []
    for docname in sorted(domain.depends):
        for dependency in domain.depends[docname]:
            if dependency[0] != "listing" or not filters_on(dependency[2], default):
                continue
            query: ListingQuery = dependency[1]
            unfiltered = query == ListingQuery(when=When.ALL, reverse=query.reverse)
            found.append((not unfiltered, docname))
    return min(found)[1] if found else None


def topic_links(domain: SeminarsDomain, builder: Builder) -> Callable[[str], str | None]:
    """Where the topics cloud links a topic (a URL relative to the site's root), or
    ``None`` when the site has no page for it (the cloud then shows plain text).

    The one place that decides it: the topic's own page where the builder writes
    generated pages, else the filtered listing of :func:`filter_listing_doc`.
    """
    if has_pages(domain, builder):

        def to_page(topic: str) -> str | None:
            name = topic_page(domain, topic)
            return builder.get_target_uri(name) if name else None

        return to_page
    docname = filter_listing_doc(domain)
    if docname is None:
        return lambda topic: None
    page = builder.get_target_uri(docname)
    return lambda topic: f"{page}?{filter_query({'topic': topic})}"


def render_next_talks(domain: SeminarsDomain, builder: Builder) -> RootRelative:
    """The next talks (``seminars_sidebar_talks`` of them), soonest first."""
    now = domain.now()
    count = max(domain.settings.sidebar_talks, 0)
    upcoming: list[Talk] = []
    for talk in domain.ordered_talks:
        if len(upcoming) >= count:
            break
        if not talk.is_past(now):
            upcoming.append(talk)
    locale = locale_for(builder.config.language)
    out = _Writer("next-talks", _("Next talks"), None if upcoming else _("No upcoming talks."))
    if upcoming:
        out.text('<ul class="seminars-sidebar-talks">')
        for talk in upcoming:
            day = format_date(talk.start.date(), "medium", locale=locale)
            # Text in paragraphs: themes colour a sidebar's <p> (alabaster's dark phone sidebar).
            out.text("<li><p>")
            uri = builder.get_target_uri(talk.docname) + (f"#{talk.anchor}" if talk.anchor else "")
            out.link(uri, talk.title)
            out.text(
                f' <time datetime="{html.escape(talk.start.date().isoformat())}">'
                f"{html.escape(day)}</time>"
            )
            if talk.speakers:
                out.text(
                    f' <span class="seminars-sidebar-speakers">'
                    f"{html.escape(talk.speaker_names)}</span>"
                )
            out.text("</p></li>")
        out.text("</ul>")
    return out.done()


def render_topics(domain: SeminarsDomain, builder: Builder) -> RootRelative:
    """Every topic, A–Z, sized by its number of talks, linked through :func:`topic_links`."""
    # Topics, not raw tags: aliases and other spellings count as one (as topic pages do).
    counts = Counter({topic: len(talks) for topic, talks in domain.topics.items()})
    sizes = size_steps(counts)
    link = topic_links(domain, builder)
    out = _Writer("topics", _("Topics"), None if counts else _("No topics."))
    if counts:
        out.text('<ul class="seminars-cloud">')
        for tag in sorted(counts, key=lambda t: (t.casefold(), t)):
            label = ngettext("(%(count)d talk)", "(%(count)d talks)", counts[tag])
            hidden = " " + label % {"count": counts[tag]}
            out.text(f'<li class="seminars-cloud-item seminars-cloud-size-{sizes[tag]}"><p>')
            href = link(tag)
            if href is None:
                out.text(html.escape(tag))
                out.text(f'<span class="seminars-visually-hidden">{html.escape(hidden)}</span>')
            else:
                # The count is in the link's text for screen readers, as in speakers-cloud.
                out.link(href, tag, hidden)
            out.text("</p></li>")
        out.text("</ul>")
    return out.done()


RENDERERS = {"next-talks": render_next_talks, "topics-cloud": render_topics}


@dataclass
class SidebarCache:
    """Each widget's HTML, made at most once per site index and builder."""

    index: SiteIndex | None = None
    builder: str = ""
    made: dict[str, RootRelative] = field(default_factory=dict)

    def get(self, domain: SeminarsDomain, builder: Builder, name: str) -> RootRelative:
        index = domain.site_index
        if self.index is not index or self.builder != builder.name:
            self.index, self.builder, self.made = index, builder.name, {}
        if name not in self.made:
            self.made[name] = RENDERERS[name](domain, builder)
        return self.made[name]


#: The output scope under which the widgets' fingerprints are kept.
SCOPE = "sidebars"


def used_widgets(config: Config) -> list[str]:
    """The widgets ``html_sidebars`` names (``seminars/next-talks.html``...)."""
    sidebars = getattr(config, "html_sidebars", None) or {}
    named: set[str] = set()
    for value in sidebars.values() if isinstance(sidebars, dict) else ():
        named.update([value] if isinstance(value, str) else value or ())
    # pydata and book also take a template's name without ".html".
    named = {name.removesuffix(".html") for name in named if isinstance(name, str)}
    return [name for name in WIDGETS if f"seminars/{name}" in named]


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, freshness: Freshness, cache: SidebarCache
) -> list[str]:
    """``env-get-updated``: every page again when a widget the site shows changed.

    The widgets are made here, once, in the main process: a parallel write's
    workers inherit them. A site without widgets never pays for them.
    """
    builder = app.builder
    names = used_widgets(app.config)
    if builder.format != "html" or not names:
        return []
    domain = get_domain(env)
    fingerprints = {
        name: hashlib.sha256(repr(cache.get(domain, builder, name).pieces).encode()).hexdigest()
        for name in names
    }
    if freshness.plan(domain, str(app.outdir), SCOPE, fingerprints, []):
        return sorted(env.all_docs)
    return []


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
    cache: SidebarCache,
) -> None:
    """``seminars_sidebar(name)`` for the widgets' templates; the filter bar's script
    on pages with a filter bar (and on no other page)."""
    builder = app.builder
    root = context.get("content_root", "")

    def sidebar(name: str) -> str:
        if name not in RENDERERS:
            return ""
        return cache.get(get_domain(builder.env), builder, name).for_page(root)

    context["seminars_sidebar"] = sidebar
    if doctree is not None and any(n.get("filters") for n in doctree.findall(sn.listing)):
        app.add_js_file("seminars-filters.js", loading_method="defer")


def setup_widgets(app: Sphinx, freshness: Freshness) -> None:
    cache = SidebarCache()
    freshness.declare_output(SCOPE)
    app.connect("env-get-updated", lambda app, env: outdated_pages(app, env, freshness, cache))
    app.connect(
        "html-page-context",
        lambda app, pagename, templatename, context, doctree: page_context(
            app, pagename, templatename, context, doctree, cache
        ),
    )
