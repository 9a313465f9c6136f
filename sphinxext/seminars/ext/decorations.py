"""What talk pages and listings show of the output files (HTML pages only).

``seminars-talk-details`` (after each talk's details): "Add to calendar" (the
talk's ``.ics``), Google Calendar and Outlook links, subscribe links (the
series' and the site's calendars, when the site's URL is known); then the
talk's schema.org ``Event`` as JSON-LD and a "Cite this talk" block with its
BibTeX entry and links to the site's ``.bib`` and ``.csl.json``.

``doctree-resolved``: after each ``talks`` listing, the calendar that holds
its talks (the series' when the listing names one).

Every address comes from the build's :class:`~..publish.site.Site`, so the
links always point where ``publish/`` writes the files.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from docutils import nodes

from ..core.model import Series, Status, Talk
from ..publish.citations import bibtex_entry
from ..publish.ical import iana_zone
from ..publish.jsonld import event_data, script_safe_json
from ..publish.site import Site, webcal, writes_files
from ..publish.text import headline
from ..store.domain import get_domain, has_pages, page_name
from ..store.i18n import _, _t
from .media import card_image_absolute
from .nodes import cite_talk, listing

if TYPE_CHECKING:
    from sphinx.application import Sphinx


# -- calendar links -------------------------------------------------------------------


#: Longest abstract put into a Google/Outlook link (their URLs have length limits).
_LINK_ABSTRACT_CHARS = 1000


def _compact_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _short_abstract(talk: Talk) -> str:
    text = " ".join(talk.abstract.split())
    if len(text) <= _LINK_ABSTRACT_CHARS:
        return text
    return text[:_LINK_ABSTRACT_CHARS].rsplit(" ", 1)[0] + " …"


def _link_details(talk: Talk, page_url: str) -> str:
    parts = [_short_abstract(talk)]
    if talk.online:
        parts.append(_t("Join online: {url}").format(url=talk.online))
    if page_url:
        parts.append(page_url)
    return "\n\n".join(p for p in parts if p)


def google_calendar_url(talk: Talk, page_url: str) -> str:
    """Google Calendar's "create event" template, filled with the talk."""
    assert talk.end is not None
    if talk.all_day:
        dates = f"{talk.start.date():%Y%m%d}/{talk.end.date():%Y%m%d}"
    else:
        dates = f"{_compact_utc(talk.start)}/{_compact_utc(talk.end)}"
    params = [("action", "TEMPLATE"), ("text", headline(talk)), ("dates", dates)]
    zone = iana_zone(talk)
    if zone:
        params.append(("ctz", zone))
    params.append(("details", _link_details(talk, page_url)))
    location = talk.location or talk.online
    if location:
        params.append(("location", location))
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


def outlook_url(talk: Talk, page_url: str) -> str:
    """Outlook on the web's "compose event" deep link, filled with the talk."""
    assert talk.end is not None
    if talk.all_day:
        start, end = talk.start.date().isoformat(), talk.end.date().isoformat()
    else:
        start = talk.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        end = talk.end.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = [
        ("path", "/calendar/action/compose"),
        ("rru", "addevent"),
        ("subject", headline(talk)),
        ("startdt", start),
        ("enddt", end),
        ("allday", "true" if talk.all_day else "false"),
        ("body", _link_details(talk, page_url)),
    ]
    location = talk.location or talk.online
    if location:
        params.append(("location", location))
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        params, quote_via=quote
    )


def calendar_links(app: Sphinx, talk: Talk, docname: str, node: nodes.Element) -> list[nodes.Node]:
    """``seminars-talk-details``: "Add to calendar", subscribe, Google and Outlook links."""
    if not writes_files(app) or not talk.resolved:
        return []
    site = Site.from_app(app)
    here = site.target_uri(docname)
    domain = get_domain(app.env)
    stored = domain.talks.get(talk.id)
    owns_id = stored is not None and stored.docname == docname
    page_url = site.page_url(talk)

    items: list[nodes.Node] = []
    if owns_id:
        # The .ics is not a document: link it relative to this page's output path.
        items.append(
            nodes.reference(
                "",
                _t("Add to calendar"),
                refuri=site.relative(here, site.talk_feed(talk.id)),
                classes=["seminars-calendar-ics"],
            )
        )
    if talk.status is not Status.CANCELLED:
        items.append(
            nodes.reference(
                "",
                _t("Google Calendar"),
                refuri=google_calendar_url(talk, page_url),
                classes=["seminars-calendar-google"],
            )
        )
        items.append(
            nodes.reference(
                "",
                _t("Outlook"),
                refuri=outlook_url(talk, page_url),
                classes=["seminars-calendar-outlook"],
            )
        )
    if site.base_url:
        # Subscribing needs an absolute URL; webcal:// opens the calendar app.
        if talk.series and site.series_feeds:
            series = domain.all_series.get(talk.series) or Series(name=talk.series)
            items.append(
                nodes.reference(
                    "",
                    _t("Subscribe to {series}").format(series=talk.series),
                    refuri=webcal(site.absolute(site.series_path(series))),
                    classes=["seminars-calendar-subscribe-series"],
                )
            )
        items.append(
            nodes.reference(
                "",
                _t("Subscribe to all talks"),
                refuri=webcal(site.absolute(site.site_path)),
                classes=["seminars-calendar-subscribe"],
            )
        )
    if not items:
        return []
    paragraph = nodes.paragraph(classes=["seminars-calendar-links"])
    for index, item in enumerate(items):
        if index:
            paragraph += nodes.Text(" · ")
        paragraph += item
    return [paragraph]


def feed_links(site: Site, here: str, series: Series | None, atom: str = "") -> nodes.paragraph:
    """Download and subscribe links for the site's or a series' calendar.

    ``here`` is the target URI of the page the links are put in; ``atom`` the
    path of an Atom feed of the same talks, linked too when given.
    """
    path = site.series_path(series) if series and site.series_feeds else site.site_path
    return calendar_feed_links(site, here, path, atom)


def calendar_feed_links(site: Site, here: str, ics: str, atom: str = "") -> nodes.paragraph:
    """"Calendar (.ics) · Subscribe · Atom feed" for the calendar at ``ics`` (an output
    path) and, when given, the Atom feed at ``atom``; "Subscribe" (``webcal://``)
    needs the site's URL."""
    paragraph = nodes.paragraph(classes=["seminars-feed-links"])
    paragraph += nodes.reference(
        "",
        _t("Calendar (.ics)"),
        refuri=site.relative(here, ics),
        classes=["seminars-feed-download"],
    )
    if site.base_url:
        paragraph += nodes.Text(" · ")
        paragraph += nodes.reference(
            "",
            _t("Subscribe"),
            refuri=webcal(site.absolute(ics)),
            classes=["seminars-feed-subscribe"],
        )
    if atom:
        paragraph += nodes.Text(" · ")
        paragraph += nodes.reference(
            "",
            _t("Atom feed"),
            refuri=site.relative(here, atom),
            classes=["seminars-feed-atom"],
        )
    return paragraph


def link_feeds_from_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """After each listing, the calendar that holds its talks (HTML builders)."""
    if not writes_files(app):
        return
    found = list(doctree.findall(listing))
    if not found:
        return
    site = Site.from_app(app)
    domain = get_domain(app.env)
    here = site.target_uri(docname)
    for node in found:
        own = node.get("feed_name", "")
        if own:
            # The listing's own files (``:feed:``), holding exactly its talks.
            links = calendar_feed_links(
                site,
                here,
                site.collection_path("feeds", own, ".ics"),
                site.collection_path("feeds", own, ".atom"),
            )
            links["classes"].append("seminars-listing-feed")
            node.parent.insert(node.parent.index(node) + 1, links)
            continue
        name = node.get("feed_series", "")
        series = domain.all_series.get(name) if name else None
        # The Atom feed holds the site's talks: linked under listings of the whole site.
        atom = "" if series else site.file(".atom")
        node.parent.insert(node.parent.index(node) + 1, feed_links(site, here, series, atom))


# -- JSON-LD and the cite block --------------------------------------------------------


def _is_page_builder(app: Sphinx) -> bool:
    """HTML pages (not epub, where scripts and extra files do not belong)."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def talk_details(app: Sphinx, talk: Talk, docname: str, node: nodes.Element) -> list[nodes.Node]:
    """JSON-LD and the citation block, after the talk's details (HTML pages only)."""
    if not _is_page_builder(app):
        return []
    domain = get_domain(app.env)
    site = Site.from_app(app)
    absolute = site.absolute(site.talk_path(talk))
    series = domain.all_series.get(talk.series)
    series_url = ""
    if series is not None and absolute and has_pages(domain, app.builder):
        target = site.target_uri(page_name(domain, "series", series.slug))
        series_url = site.absolute(target)
    data = event_data(
        talk,
        series,
        absolute or f"#{talk.anchor}",
        series_url,
        profiles=domain.profile_of,
        venue=domain.venue_of(talk),
        image=card_image_absolute(app, talk),
    )
    script = f'<script type="application/ld+json">\n{script_safe_json(data)}\n</script>\n'
    result: list[nodes.Node] = [nodes.raw("", script, format="html", classes=["seminars-jsonld"])]

    entry = bibtex_entry(site, talk, absolute)
    block = cite_talk(classes=["seminars-cite"])
    # Escaped plain text, not a highlighted block: Pygments for every talk page
    # of an archive costs more than all the rest of this block.
    # Code reads left to right on a right-to-left page too.
    pre = f'<pre class="seminars-bibtex" dir="ltr">{html.escape(entry)}</pre>\n'
    block += nodes.raw("", pre, format="html")
    if writes_files(app):
        here = site.target_uri(docname)
        row = nodes.paragraph(classes=["seminars-cite-files"])
        row += nodes.reference(
            "",
            _("All talks (BibTeX)"),
            refuri=site.relative(here, site.file(".bib")),
            classes=["seminars-bib-link"],
        )
        row += nodes.Text(" · ")
        row += nodes.reference(
            "",
            _("All talks (CSL-JSON)"),
            refuri=site.relative(here, site.file(".csl.json")),
            classes=["seminars-csl-link"],
        )
        block += row
    result.append(block)
    return result


# -- feed autodiscovery ---------------------------------------------------------------


def feed_head_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<link rel="alternate">`` in every page's head for the feeds that hold its talks.

    Feed readers and browsers find the site's Atom feed and calendar on every
    page, and a series' calendar on its page and on the pages of its talks.
    Added through the ``metatags`` of the page context, which every theme
    puts into ``<head>``.
    """
    if not writes_files(app):
        return
    domain = get_domain(app.env)
    settings = domain.settings
    site = Site.from_app(app)
    title = settings.calendar_name or site.project or _("Talks")
    pathto = context.get("pathto")
    if not callable(pathto):
        return
    found: list[tuple[str, str, str]] = [
        ("application/atom+xml", f"{title} (Atom)", site.file(".atom")),
        ("text/calendar", f"{title} (iCalendar)", site.site_path),
    ]
    if site.series_feeds:
        names = {talk.series for talk in domain.talks_by_doc.get(pagename, ()) if talk.series}
        for series in sorted(domain.all_series.values(), key=lambda item: item.name):
            if series.name in names or (
                has_pages(domain, app.builder)
                and page_name(domain, "series", series.slug) == pagename
            ):
                found.append(("text/calendar", f"{series.name} (iCalendar)", site.series_path(series)))
    topics_folder = page_name(domain, "topics") + "/"
    if pagename.startswith(topics_folder) and has_pages(domain, app.builder):
        slug = pagename[len(topics_folder) :]
        topic = domain.topic_with_slug(slug)
        if topic is not None:
            # A topic page: its own feeds, for feed readers and calendar apps.
            found.append(
                ("application/atom+xml", f"{topic} (Atom)", site.collection_path("topics", slug, ".atom"))
            )
            found.append(
                ("text/calendar", f"{topic} (iCalendar)", site.collection_path("topics", slug, ".ics"))
            )
    tags = "".join(
        f'<link rel="alternate" type="{kind}" title="{html.escape(label, quote=True)}" '
        f'href="{html.escape(pathto(site.quote(path), resource=True), quote=True)}">\n'
        for kind, label, path in found
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_decorations(app: Sphinx) -> None:
    app.connect("html-page-context", feed_head_links)
    app.connect("doctree-resolved", link_feeds_from_listings)
    app.connect("seminars-talk-details", calendar_links)
    app.connect("seminars-talk-details", talk_details)
