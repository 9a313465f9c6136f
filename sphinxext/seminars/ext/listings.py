"""The ``talks`` listing directive: filters, formats, grouping (reST and MyST).

The directive only parses its options into a pure :class:`~.model.ListingQuery`
and a :class:`Display`, and leaves a :class:`~.nodes.talk_list` placeholder.
Talks live in every document, so the listing is filled at write time by
:class:`ExpandListings`, a post-transform that runs before Sphinx resolves
references: the links it emits (talks, speakers, series) then resolve in every
builder. Each listing records what it shows as a ``listing`` dependency, so
the page is re-written whenever a talk it shows (or would show) changes.

HTML contract (read by ``static/seminars.js``): the listing is a ``div`` with
classes ``seminars-listing seminars-when-<when>``, ``data-seminars-when`` and, with
``:limit:``, ``data-seminars-limit`` (the script never shows more talks than that);
every talk (list item, table row or grid cell holding a card) has class
``seminars-item`` and ``data-seminars-start``/``-end``/``-talk-id``; groups
have class ``seminars-group``; the "no talks" line has class
``seminars-empty`` and is always present, hidden (``seminars-hidden``) while
the listing has a visible talk. A listing with a filter bar has
``data-seminars-filters`` and, as its first child, a ``<script
type="application/json" class="seminars-filter-data">`` with its labels, the
values of each facet and each talk's facets by talk id (read by
``static/seminars-filters.js``, which hides talks with ``seminars-filtered``).
A month view (``:format: calendar``) is one ``seminars-group`` per month
holding a ``table.seminars-calendar`` (``data-seminars-month``), whose day
cells carry ``data-seminars-date`` and hold the day's talks as items.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_date, get_day_names
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.dates import locale_for
from ..core.facets import facet_values, search_text, talk_facets
from ..core.facets import teaser as abstract_teaser
from ..core.model import ListingQuery, Person, Talk, When, talk_order
from ..core.options import LISTING_OPTIONS, Display, parse_listing
from ..core.places import attendance
from ..core.subtypes import Subtype
from ..publish.jsonld import script_safe_json
from ..store.domain import SeminarsDomain, get_domain
from ..store.i18n import _
from ..store.sources import chosen, configured, listed_talks
from ..store.warn import warn
from . import nodes as sn
from .directives import SeminarsDirective
from .media import card_image_uri
from .nodes import listing, listing_cell, listing_item, listing_row
from .render import (
    attendance_badge,
    link_nodes,
    remote_reference,
    source_mark,
    speaker_nodes,
    status_badge,
    tag_nodes,
    talk_reference,
    when_nodes,
    xref,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# -- the directive and read-time bookkeeping -----------------------------------


class TalksDirective(SeminarsDirective):
    """``.. talks::`` with filter and display options; no argument, no body.

    Filters (all combinable; names separated by ``;``, other lists by ``,``):
    ``:series:``, ``:event:``, ``:speaker:``, ``:tags:`` (any of them),
    ``:year:`` (``2022``, ``2021, 2023``, ``2019-2022``), ``:from:`` and
    ``:until:`` (ISO dates, inclusive), ``:when:`` (``all``, the default,
    ``upcoming`` or ``past``), ``:status:``, ``:limit:``.
    ``:sort:`` is ``ascending`` or ``descending``; by default upcoming
    listings are ascending (soonest first) and the others descending
    (newest first). ``:group-by:`` is ``none``, ``year``, ``month``,
    ``series`` or ``event`` (groups follow the listing's order; talks without
    a series/event come last). ``:format:`` is ``list``, ``table`` or
    ``cards``; ``:show:`` picks the fields (see :data:`FIELDS`, defaults in
    :data:`DEFAULT_SHOW`), ``abstract:40`` shows a 40-word teaser.
    An unknown series or event is kept as a filter (it matches nothing, and
    warns) rather than dropped, so a typo never lists the whole archive.
    """

    has_content = False
    known_options = LISTING_OPTIONS
    unknown_option_subtype = Subtype.BAD_LISTING

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        query, display, problems = parse_listing(
            self.options, domain.settings.talk_kinds, self.config.language
        )
        self.report(problems + self.unknown_options())
        if display.feed:
            # Written at the end of the build with the talks of every document.
            domain.add_listing_feed(
                self.env.docname,
                display.feed,
                dataclasses.replace(query, limit=None, reverse=False),
                self.option_line("feed"),
            )
        node = sn.talk_list(
            query=query,
            display=display,
            docname=self.env.docname,
            lines={name: self.option_line(name) for name in ("series", "event")},
        )
        self.set_source_info(node)
        return [node]


def _same_filters(query: ListingQuery) -> ListingQuery:
    """The query without what is not a filter (when, order, limit)."""
    return dataclasses.replace(query, when=When.ALL, limit=None, reverse=False)


class PairListings(SphinxTransform):
    """Record each listing's dependency, noting past listings with an upcoming twin.

    A page with both "Upcoming" and "Past" listings over the same talks gets
    the still-upcoming talks in its past listing too, hidden, so the browser
    script can move a talk across when it ends. Done at read time because the
    twin may come after the past listing in the document.
    """

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        listings = list(self.document.findall(sn.talk_list))
        if not listings:
            return
        upcoming = {
            _same_filters(n["query"]) for n in listings if n["query"].when is When.UPCOMING
        }
        domain = get_domain(self.env)
        for node in listings:
            query: ListingQuery = node["query"]
            node["companion"] = query.when is When.PAST and _same_filters(query) in upcoming
            domain.add_dependency(
                self.env.docname, ("listing", query, node["display"], node["companion"])
            )
            # Other sites' talks it shows: a changed source re-writes the page.
            for name in chosen(domain, query.sources):
                domain.add_dependency(self.env.docname, ("source", name))


# -- selection --------------------------------------------------------------------


def select(
    domain: SeminarsDomain, query: ListingQuery, companion: bool
) -> tuple[list[Talk], set[str]]:
    """The talks a listing shows, and the ids of those it carries hidden."""
    now = domain.now()
    keys = domain.speaker_keys
    talks = listed_talks(domain, query.sources)
    shown = query.select(talks, now, keys)
    if not companion:
        return shown, set()
    twin = dataclasses.replace(query, when=When.UPCOMING, limit=None)
    hidden = [t for t in twin.select(talks, now, keys) if t not in shown]
    merged = sorted([*shown, *hidden], key=talk_order, reverse=query.reverse)
    return merged, {t.id for t in hidden}


def _shown(talk: Talk, display: Display, now: dt.datetime) -> Hashable:
    """Everything of ``talk`` that a listing with ``display`` renders."""
    assert talk.end is not None
    show = display.show
    return (
        talk.id,
        talk.title,
        talk.docname,
        talk.anchor,
        talk.start.isoformat(),
        talk.end.isoformat(),
        talk.all_day,
        talk.timezone,
        talk.status.value,
        talk.is_past(now),
        tuple((p.name, p.affiliation if "affiliation" in show else "") for p in talk.speakers)
        if "speaker" in show or display.format != "list"
        else (),
        talk.location if "location" in show else "",
        talk.series if "series" in show or display.group_by == "series" else "",
        talk.event if "event" in show or display.group_by == "event" else "",
        abstract_teaser(talk.abstract, display.abstract_words) if "abstract" in show else "",
        tuple((link.kind.value, link.target, link.ident) for link in talk.links if not link.local)
        if "links" in show
        else (),
        talk.source,
        talk.url,
        attendance(talk.location, talk.online),
        (repr(talk.image), talk.summary) if display.format == "cards" else (),
        talk.tags if "tags" in show else (),
    )


def listing_fingerprint(
    domain: SeminarsDomain, query: ListingQuery, display: Display, companion: bool
) -> Hashable:
    """``listing``: what a ``talks`` listing shows (and which filters name nothing)."""
    talks, hidden = select(domain, query, companion)
    now = domain.now()
    # The filter bar's data, unless this listing never has one (the site-wide
    # default may change without re-reading: such a change re-writes every page).
    facets = () if display.filters is False else tuple(filter_record(t) for t in talks)
    return (
        tuple(_shown(t, display, now) for t in talks),
        facets,
        tuple(sorted(hidden)),
        # Whether each filter names something that exists (it warns otherwise).
        tuple(name in domain.all_series for name in query.series),
        tuple(name in domain.events for name in query.event),
        tuple(name in configured(domain) for name in query.sources or ()),
    )


# -- the filter bar's data ------------------------------------------------------------


def filter_record(talk: Talk) -> dict[str, Any]:
    """What the filter bar knows of a talk: its facet values and its searchable text."""
    record: dict[str, Any] = {name: list(values) for name, values in talk_facets(talk).items()}
    record["text"] = search_text(talk)
    return record


def filter_labels() -> dict[str, str]:
    """The filter bar's words, in the site's language."""
    return {
        "bar": _("Filter talks"),
        "series": _("Series"),
        "topic": _("Topic"),
        "speaker": _("Speaker"),
        "kind": _("Kind"),
        "year": _("Year"),
        "q": _("Search"),
        "all": _("All"),
        "clear": _("Clear filters"),
        # {shown} and {total} are numbers the script puts in.
        "count": _("Talks shown: {shown} of {total}"),
    }


def filter_data(talks: list[Talk]) -> str:
    """The listing's filter data as script-safe JSON (hostile text stays text)."""
    data = {
        "labels": filter_labels(),
        "facets": facet_values(talks),
        "talks": {talk.id: filter_record(talk) for talk in talks},
    }
    return script_safe_json(data)


def filters_on(display: Display, default: bool) -> bool:
    return default if display.filters is None else display.filters


# -- rendering ------------------------------------------------------------------


class ListingRenderer:
    """Builds the nodes of one listing for one document and builder."""

    def __init__(self, transform: ExpandListings, node: sn.talk_list) -> None:
        self.env = transform.env
        self.domain = get_domain(self.env)
        self.docname: str = node.get("docname") or self.env.docname
        self.display: Display = node["display"]
        self.html = transform.html
        # The site must list sphinx_design for its CSS, so its presence there is what counts.
        self.design = "sphinx_design" in self.env.config.extensions
        self.language = self.env.config.language
        self.site_zone = self.domain.settings.timezone
        self.builder = (getattr(self.env, "_app", None) or self.env.app).builder

    # fields

    def when(self, talk: Talk) -> list[nodes.Node]:
        show = self.display.show
        return when_nodes(
            talk, self.language, self.site_zone, date="date" in show, time="time" in show
        )

    def speakers(self, talk: Talk) -> list[nodes.Node]:
        if "speaker" not in self.display.show or not talk.speakers:
            return []
        people = talk.speakers
        if "affiliation" not in self.display.show:
            people = tuple(Person(p.name) for p in people)
        # Another site's speakers have no page here: names only.
        return speaker_nodes(people, self.docname, linked=not talk.source)

    def title(self, talk: Talk) -> list[nodes.Node]:
        if talk.source:
            result: list[nodes.Node] = [remote_reference(talk)]
        else:
            result = [talk_reference(talk, self.docname)]
        badge = status_badge(talk)
        if badge is not None:
            result += [nodes.Text(" "), badge]
        if talk.source:
            result += [nodes.Text(" ("), source_mark(talk), nodes.Text(")")]
        mode = attendance_badge(talk)
        if mode is not None:
            result += [nodes.Text(" "), mode]
        return result

    def name_ref(self, kind: str, name: str, talk: Talk) -> nodes.Node:
        """A series or event: linked to its page here, text for another site's talk."""
        if talk.source:
            return nodes.inline("", name, classes=[f"seminars-{kind}"])
        return xref(kind, name, name, self.docname)

    def card_extras(self, talk: Talk) -> tuple[list[nodes.Node], list[nodes.Node]]:
        """A card's image (before its title) and summary (after its date and speakers)."""
        top: list[nodes.Node] = []
        uri = card_image_uri(self.env, self.builder, self.docname, talk) if self.html else ""
        if uri:
            image = nodes.image(uri=uri, alt="", classes=["seminars-card-image"])
            image["candidates"] = {"*": uri}
            top.append(image)
        summary: list[nodes.Node] = []
        if talk.summary:
            summary.append(
                nodes.paragraph("", talk.summary, classes=["sd-card-text", "seminars-summary"])
            )
        return top, summary

    def extras(self, talk: Talk) -> list[tuple[str, list[nodes.Node]]]:
        """Location, series and event, each as (field name, nodes)."""
        show = self.display.show
        found: list[tuple[str, list[nodes.Node]]] = []
        if "location" in show and talk.location:
            found.append(
                ("location", [nodes.inline("", talk.location, classes=["seminars-location"])])
            )
        if "series" in show and talk.series:
            found.append(("series", [self.name_ref("series", talk.series, talk)]))
        if "event" in show and talk.event:
            found.append(("event", [self.name_ref("event", talk.event, talk)]))
        if "tags" in show and talk.tags:
            found.append(("tags", tag_nodes(talk.tags, self.docname)))
        return found

    def extra(self, talk: Talk, name: str) -> list[nodes.Node]:
        return next((found for field, found in self.extras(talk) if field == name), [])

    def abstract(self, talk: Talk) -> list[nodes.Node]:
        text = self.teaser(talk)
        return [nodes.Text(text)] if text else []

    def teaser(self, talk: Talk) -> str:
        if "abstract" not in self.display.show:
            return ""
        return abstract_teaser(talk.abstract, self.display.abstract_words)

    def links(self, talk: Talk) -> list[nodes.Node]:
        """The talk's web links (files of the site are reached from the talk's page)."""
        if "links" not in self.display.show:
            return []
        return link_nodes(talk.links, arxiv_pdf=False)

    @staticmethod
    def item_attributes(talk: Talk, hidden: bool) -> dict[str, Any]:
        assert talk.end is not None
        return {
            "classes": ["seminars-item", *(["seminars-hidden"] if hidden else [])],
            "start": talk.start.isoformat(),
            "end": talk.end.isoformat(),
            "talk_id": talk.id,
        }

    # formats

    def as_list(self, talks: list[Talk], hidden: set[str]) -> nodes.Element:
        bullets = nodes.bullet_list(classes=["seminars-listing-list"])
        for talk in talks:
            line = nodes.paragraph(classes=["seminars-item-line"])
            pieces = [self.when(talk), self.speakers(talk), self.title(talk)]
            pieces += [extra for _name, extra in self.extras(talk)]
            for piece in filter(None, pieces):
                if len(line):
                    line += nodes.Text(" — ")
                line.extend(piece)
            item = listing_item("", line, **self.item_attributes(talk, talk.id in hidden))
            if teaser := self.teaser(talk):
                item += nodes.paragraph("", teaser, classes=["seminars-teaser"])
            if links := self.links(talk):
                item += nodes.paragraph("", "", *links, classes=["seminars-links"])
            bullets += item
        return bullets

    def as_table(self, talks: list[Talk], hidden: set[str]) -> nodes.Element:
        show = self.display.show
        # Widths are characters for the text builder and proportions for LaTeX.
        columns: list[tuple[str, int, Callable[[Talk], list[nodes.Node]]]] = []
        if "date" in show or "time" in show:
            columns.append((_("Date"), 22, self.when))
        if "speaker" in show:
            columns.append((_("Speaker"), 20, self.speakers))
        columns.append((_("Title"), 28, self.title))
        for name, label in (
            ("location", _("Location")),
            ("series", _("Series")),
            ("event", _("Event")),
        ):
            if name in show:
                columns.append((label, 16, functools.partial(self.extra, name=name)))
        if "abstract" in show:
            columns.append((_("Abstract"), 36, self.abstract))
        if "links" in show:
            columns.append((_("Links"), 12, self.links))
        if "tags" in show:
            columns.append((_("Tags"), 16, functools.partial(self.extra, name="tags")))

        def entry(content: list[nodes.Node]) -> nodes.entry:
            return nodes.entry("", nodes.paragraph("", "", *content))

        table = nodes.table(classes=["seminars-listing-table"])
        group = nodes.tgroup(cols=len(columns))
        table += group
        for _label, width, _render in columns:
            group += nodes.colspec(colwidth=width)
        head = nodes.row()
        for label, _width, _render in columns:
            head += entry([nodes.Text(label)])
        group += nodes.thead("", head)
        body = nodes.tbody()
        for talk in talks:
            row = listing_row(**self.item_attributes(talk, talk.id in hidden))
            for _label, _width, render in columns:
                row += entry(render(talk))
            body += row
        group += body
        return table

    def as_cards(self, talks: list[Talk], hidden: set[str]) -> nodes.Element:
        if self.design:
            from sphinx_design.shared import PassthroughTextElement, create_component

            grid = create_component(
                "grid-container",
                ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "seminars-listing-cards"],
            )
            columns = ["1", "2", "2", "3"]
            row = create_component(
                "grid-row",
                [
                    "sd-row",
                    f"sd-row-cols-{columns[0]}",
                    *(
                        f"sd-row-cols-{size}-{n}"
                        for size, n in zip(("xs", "sm", "md", "lg"), columns, strict=True)
                    ),
                    "sd-g-3",
                    "sd-g-xs-3",
                    "sd-g-sm-3",
                    "sd-g-md-3",
                    "sd-g-lg-3",
                ],
            )
            grid += row
        else:
            grid = row = nodes.container(
                classes=["seminars-listing-cards", "seminars-cards-plain"]
            )
        for talk in talks:
            attributes = self.item_attributes(talk, talk.id in hidden)
            texts: list[nodes.Node] = []
            for piece in (self.when(talk), self.speakers(talk)):
                if piece:
                    texts.append(nodes.paragraph("", "", *piece, classes=["sd-card-text"]))
            for name, extra in self.extras(talk):
                texts.append(
                    nodes.paragraph(
                        "", "", *extra, classes=["sd-card-text", f"seminars-card-{name}"]
                    )
                )
            top, summary = self.card_extras(talk)
            texts.extend(summary)
            if teaser := self.teaser(talk):
                texts.append(
                    nodes.paragraph("", teaser, classes=["sd-card-text", "seminars-teaser"])
                )
            if links := self.links(talk):
                texts.append(
                    nodes.paragraph("", "", *links, classes=["sd-card-text", "seminars-links"])
                )
            if self.design:
                cell = listing_cell(is_div=True, design_component="grid-item", **attributes)
                cell["classes"] = ["sd-col", "sd-d-flex-row", *attributes["classes"]]
                card = create_component(
                    "card",
                    ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "seminars-card"],
                )
                card.extend(top)
                body = create_component("card-body", ["sd-card-body"])
                title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
                title += PassthroughTextElement("", "", *self.title(talk))
                body += title
                body.extend(texts)
                card += body
                cell += card
            else:
                cell = listing_cell(**attributes)
                cell["classes"].append("seminars-card")
                cell.extend(top)
                cell += nodes.paragraph("", "", *self.title(talk), classes=["seminars-card-title"])
                cell.extend(texts)
            row += cell
        return grid

    def as_calendar(self, talks: list[Talk], hidden: set[str]) -> nodes.Element:
        """One table per month that has talks, months in the listing's order."""
        months: dict[tuple[int, int], list[Talk]] = {}
        for talk in talks:
            months.setdefault((talk.start.year, talk.start.month), []).append(talk)
        locale = locale_for(self.language)
        first = Locale.parse(locale).first_week_day
        short = get_day_names("abbreviated", locale=locale)
        wide = get_day_names("wide", locale=locale)
        order = [(first + i) % 7 for i in range(7)]
        weekdays = [(str(short[d]), str(wide[d])) for d in order]
        result = nodes.container(classes=["seminars-listing-calendar"])
        for (year, month), members in months.items():
            by_day: dict[int, list[Talk]] = {}
            for talk in sorted(members, key=talk_order):
                by_day.setdefault(talk.start.day, []).append(talk)
            caption = format_date(dt.date(year, month, 1), "LLLL y", locale=locale)
            all_hidden = all(t.id in hidden for t in members)
            group = nodes.container(
                classes=[
                    "seminars-group",
                    "seminars-group-month",
                    *(["seminars-hidden"] if all_hidden else []),
                ]
            )
            table = sn.month_table(
                month=f"{year:04d}-{month:02d}", caption=caption, weekdays=weekdays
            )
            for week in calendar.Calendar(first).monthdatescalendar(year, month):
                row = sn.month_week()
                for day in week:
                    inside = day.month == month
                    cell = sn.month_day(date=day.isoformat() if inside else "")
                    if inside:
                        # The weekday shows on phones, where the grid becomes a list.
                        name = nodes.inline(
                            "", f"{short[day.weekday()]} ", classes=["seminars-day-name"]
                        )
                        cell += nodes.inline(
                            "", "", name, nodes.Text(str(day.day)), classes=["seminars-day-number"]
                        )
                        if day.day in by_day:
                            cell += self.day_talks(by_day[day.day], hidden)
                    row += cell
                table += row
            group += table
            result += group
        return result

    def day_talks(self, talks: list[Talk], hidden: set[str]) -> nodes.Element:
        bullets = nodes.bullet_list(classes=["seminars-day-talks"])
        for talk in talks:
            line = nodes.paragraph(classes=["seminars-item-line"])
            for piece in filter(None, [self.when(talk), self.title(talk), self.speakers(talk)]):
                if len(line):
                    line += nodes.Text(" ")
                line.extend(piece)
            bullets += listing_item("", line, **self.item_attributes(talk, talk.id in hidden))
        return bullets

    # grouping

    def group_key(self, talk: Talk) -> tuple[str, list[nodes.Node]]:
        by = self.display.group_by
        if by == "year":
            return str(talk.start.year), [nodes.Text(str(talk.start.year))]
        if by == "month":
            label = format_date(talk.start.date(), "LLLL y", locale=locale_for(self.language))
            return f"{talk.start.year:04d}-{talk.start.month:02d}", [nodes.Text(label)]
        name = talk.series if by == "series" else talk.event
        if not name:
            return "", [nodes.Text(_("Other talks"))]
        if talk.source and name not in (
            self.domain.all_series if by == "series" else self.domain.events
        ):
            return name, [nodes.Text(name)]
        return name, [xref(by, name, name, self.docname)]

    def render(self, node: sn.talk_list, talks: list[Talk], hidden: set[str]) -> listing:
        query: ListingQuery = node["query"]
        when = query.when.value
        result = listing(classes=["seminars-listing", f"seminars-when-{when}"], when=when)
        if query.limit is not None:
            # The page's script shows no more than this once it moves talks across.
            result["limit"] = str(query.limit)
        result.source, result.line = node.source, node.line
        # Which calendar lists the same talks: its own (:feed:), else the series'
        # when it names one.
        result["feed_series"] = query.series[0] if len(query.series) == 1 else ""
        result["feed_name"] = self.display.feed
        build = {
            "list": self.as_list,
            "table": self.as_table,
            "cards": self.as_cards,
            # A month grid is HTML's; other builders get the plain list.
            "calendar": self.as_calendar if self.html else self.as_list,
        }[self.display.format]
        if self.html and filters_on(self.display, self.domain.settings.listing_filters):
            result["filters"] = "1"
            result += sn.filter_data(data=filter_data(talks))
        if self.display.group_by == "none":
            if talks:
                result += build(talks, hidden)
        else:
            groups: dict[str, tuple[list[nodes.Node], list[Talk]]] = {}
            for talk in talks:
                key, label = self.group_key(talk)
                groups.setdefault(key, (label, []))[1].append(talk)
            # Groups follow the listing's order; talks with no series/event come last.
            for key in sorted(groups, key=lambda k: k == ""):
                label, members = groups[key]
                all_hidden = all(t.id in hidden for t in members)
                group = nodes.container(
                    classes=[
                        "seminars-group",
                        f"seminars-group-{self.display.group_by}",
                        *(["seminars-hidden"] if all_hidden else []),
                    ]
                )
                group += nodes.rubric("", "", *label, classes=["seminars-group-title"])
                group += build(members, hidden)
                result += group
        visible = any(t.id not in hidden for t in talks)
        if self.html or not visible:
            text = self.domain.settings.empty_listing_text or _("No talks.")
            result += nodes.paragraph(
                "", text, classes=["seminars-empty", *(["seminars-hidden"] if visible else [])]
            )
        return result


class ExpandListings(SphinxPostTransform):
    """Fill each ``talks`` placeholder, before references are resolved (priority 10).

    :class:`ExpandHTMLListings` runs first for HTML builders and leaves nothing
    for this one; other builders get listings without hidden parts.
    """

    default_priority = 7
    html = False

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(sn.talk_list)):
            query: ListingQuery = node["query"]
            self.check_names(domain, node, query)
            talks, hidden = select(domain, query, bool(node.get("companion")) and self.html)
            node.replace_self(ListingRenderer(self, node).render(node, talks, hidden))

    @staticmethod
    def check_names(domain: SeminarsDomain, node: sn.talk_list, query: ListingQuery) -> None:
        """Series and events may be declared anywhere, so they are checked here."""
        docname = node.get("docname")
        lines = node.get("lines", {})
        for name in query.series:
            if name not in domain.all_series:
                warn(
                    Subtype.UNKNOWN_SERIES,
                    f"no series {name!r} for this listing; "
                    "write the name as the talks' ':series:' gives it",
                    (docname, lines.get("series", node.line)),
                )
        for name in query.event:
            if name not in domain.events:
                warn(
                    Subtype.UNKNOWN_EVENT,
                    f"no talk belongs to the event {name!r}; "
                    "write the name as the talks' ':event:' gives it",
                    (docname, lines.get("event", node.line)),
                )
        known = configured(domain)
        for name in query.sources or ():
            if name not in known:
                warn(
                    Subtype.UNKNOWN_SOURCE,
                    f"no source {name!r} in seminars_sources for this listing; write "
                    f"'none' or names of seminars_sources ({', '.join(sorted(known)) or 'none set'})",
                    (docname, node.line),
                )


class ExpandHTMLListings(ExpandListings):
    """HTML listings: with the hidden parts the page's script reveals."""

    default_priority = 6
    formats = ("html",)
    html = True


def setup_listings(app: Sphinx) -> None:
    app.add_directive("talks", TalksDirective)
    app.add_transform(PairListings)
    app.add_post_transform(ExpandHTMLListings)
    app.add_post_transform(ExpandListings)
    app.add_css_file("seminars-listings.css")
