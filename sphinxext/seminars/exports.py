"""Atom feed, ``talks.json``, BibTeX, CSL-JSON and JSON-LD outputs.

Files (``html`` and ``dirhtml`` builders, when ``seminars_feeds`` is on), under
``<seminars_pages_prefix>/``:

``<feed_name>.json``
    Every talk with all its metadata; described by the JSON Schema
    ``<feed_name>.schema.json`` written next to it (``schema/talks.schema.json``
    in the package; the ``version`` of both goes up when the shape changes).
``<feed_name>.atom``
    An Atom feed: upcoming talks first (ascending), then the most recent past
    ones (descending), ``seminars_feed_past_talks`` of them.
``<feed_name>.bib`` / ``<feed_name>.csl.json``
    One BibTeX ``@misc`` / CSL-JSON ``speech`` per talk, for reference managers.

Every byte is a function of the sources and the configuration, never of the
wall clock: keys and ids are derived from talk ids, and "upcoming" is decided
against the build's pinned moment (``seminars_now`` or ``SOURCE_DATE_EPOCH``).
An Atom entry's ``updated`` is the talk's start, or the build's moment for a talk
still to come, so no entry claims a change after the feed was made (see
:func:`atom_cutoff`); the feed's ``updated`` is the latest of its entries'. Without a pinned moment
the feed keeps the ``seminars_feed_past_talks`` newest talks, newest first
(upcoming talks are the newest, so they still come first). Files are only
re-written when their bytes change, so an unchanged site leaves them untouched.

Per talk page (HTML builders), through ``seminars-talk-details``: the talk's
schema.org ``Event`` as JSON-LD (:mod:`.jsonld`) and a "Cite this talk" block
with its BibTeX entry and a link to the site's ``.bib``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.util.osutil import relative_uri

from . import __version__
from .dates import when_text
from .domain import get_domain
from .feeds import FeedSite, base_url, feeds_enabled, series_feed_path
from .i18n import _, _t
from .jsonld import event_data, script_safe_json
from .model import Link, Paper, Series, Status, Talk
from .outputs import note_outputs
from .pages import has_pages, page_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .config import SeminarsConfig
    from .domain import SeminarsDomain

#: Version of the ``talks.json`` format; equal to ``version`` in the schema file.
JSON_VERSION = 1
SCHEMA_FILE = Path(__file__).parent / "schema" / "talks.schema.json"
ATOM_NS = "http://www.w3.org/2005/Atom"
#: Builders that get the export files (epub must not: extra files are warnings there).
EXPORT_BUILDERS = ("html", "dirhtml")
GENERATOR_URI = "https://sphinxext-seminars.readthedocs.io"

# -- the site ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Site:
    """What every export needs to know about the site, read once per build."""

    project: str
    #: Absolute base URL ending in "/", or "" when neither ``html_baseurl`` nor
    #: ``READTHEDOCS_CANONICAL_URL`` gives one.
    base: str
    prefix: str
    feed_name: str
    language: str | None
    timezone: str

    @property
    def key(self) -> str:
        """The site's identity in ids: its URL when known, else its project name."""
        return self.base or f"sphinxext-seminars:{self.project}"

    def file(self, suffix: str) -> str:
        """Path of an export file relative to the output root."""
        return (
            f"{self.prefix}/{self.feed_name}{suffix}"
            if self.prefix
            else f"{self.feed_name}{suffix}"
        )

    def absolute(self, path: str) -> str:
        """``path`` (relative to the output root) as an absolute URL, or "" if unknown."""
        # "%" is safe: builder URIs come already quoted.
        return self.base + quote(path, safe="/#:@!$&'()*+,;=~-._%") if self.base else ""


def make_site(app: Sphinx, settings: SeminarsConfig) -> Site:
    return Site(
        project=str(app.config.project or ""),
        base=base_url(app.config),
        prefix=settings.pages_prefix.strip("/"),
        feed_name=settings.feed_name.strip("/") or "talks",
        language=app.config.language,
        timezone=settings.timezone,
    )


def talk_path(builder: Builder, talk: Talk) -> str:
    """The talk's address relative to the output root (page plus anchor)."""
    # singlehtml addresses a document as a fragment of its one page; the
    # talk's own anchor is what locates it there.
    page = builder.get_target_uri(talk.docname).partition("#")[0]
    return f"{page}#{talk.anchor}"


def talk_uid(site: Site, talk: Talk) -> str:
    """A stable id: the same talk id on the same site gives the same URN everywhere."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site.key}#talk={talk.id}')}"


def bib_key(talk: Talk) -> str:
    """The BibTeX/CSL key of a talk: its id, with "/" (not allowed by some tools) as ":".

    Ids never contain ":", so distinct ids keep distinct keys.
    """
    return talk.id.replace("/", ":")


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text without the control characters that XML 1.0 and BibTeX cannot carry."""
    return _XML_INVALID.sub("", text)


_BLANK_LINES = re.compile(r"\n{3,}")


def plain(text: str) -> str:
    """Plain text with runs of blank lines folded to one (a paper nested in an
    abstract leaves empty paragraphs in the text the talk directive collects)."""
    return _BLANK_LINES.sub("\n\n", text).strip()


def feed_talks(talks: list[Talk], past_talks: int, now: dt.datetime | None) -> list[Talk]:
    """The talks of the Atom feed, in the feed's order.

    ``talks`` are in chronological order. With a moment: the upcoming talks
    ascending, then the ``past_talks`` most recent past ones descending. Without
    one: the ``past_talks`` newest talks, newest first.
    """
    keep = len(talks) if past_talks < 0 else past_talks
    if now is None:
        return list(reversed(talks))[:keep]
    upcoming = [t for t in talks if not t.is_past(now)]
    past = [t for t in reversed(talks) if t.is_past(now)][:keep]
    return upcoming + past


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def link_url(env: BuildEnvironment, site: Site, docname: str, link: Link) -> tuple[str, str]:
    """(absolute URL or "", path relative to the output root) of a talk's link."""
    if not link.local:
        return link.target, ""
    rel, _abs = env.relfn2path(link.target, docname)
    entry = env.dlfiles.get(Path(rel))
    path = f"_downloads/{Path(entry[1]).as_posix()}" if entry else rel
    return site.absolute(path), path


# -- talks.json -------------------------------------------------------------


def _person(name: str, affiliation: str) -> dict[str, str]:
    return {"name": name, "affiliation": affiliation}


def _paper_record(item: Paper) -> dict[str, Any]:
    return {
        "title": item.title,
        "authors": list(item.authors),
        "year": item.year,
        "venue": item.venue,
        "links": [
            {"kind": link.kind.value, "url": link.target, "ident": link.ident}
            for link in item.links
        ],
        "abstract": item.abstract,
    }


def talk_record(env: BuildEnvironment, builder: Builder, site: Site, talk: Talk) -> dict[str, Any]:
    """A talk as ``talks.json`` holds it (see the schema for every field)."""
    assert talk.end is not None
    path = talk_path(builder, talk)
    links = []
    for link in talk.links:
        url, local_path = link_url(env, site, talk.docname, link)
        links.append(
            {
                "kind": link.kind.value,
                "url": url or None,
                "path": local_path or None,
                "ident": link.ident,
            }
        )
    return {
        "id": talk.id,
        "title": talk.title,
        "tba": talk.is_tba,
        "url": site.absolute(path) or None,
        "path": path,
        "docname": talk.docname,
        "start": talk.start.isoformat(),
        "end": talk.end.isoformat(),
        "all_day": talk.all_day,
        "date": talk.start.date().isoformat(),
        "last_day": talk.last_day.isoformat(),
        "timezone": talk.timezone or site.timezone,
        "status": talk.status.value,
        "speakers": [_person(p.name, p.affiliation) for p in talk.speakers],
        "location": talk.location,
        "online": talk.online,
        "series": talk.series,
        "event": talk.event,
        "tags": list(talk.tags),
        "joint_with": list(talk.joint_with),
        "links": links,
        "papers": [_paper_record(item) for item in talk.papers],
        "abstract": plain(talk.abstract),
        "bio": plain(talk.bio),
    }


def series_record(series: Series) -> dict[str, Any]:
    return {
        "name": series.name,
        "slug": series.slug,
        "description": series.description,
        "organisers": list(series.organisers),
        "timezone": series.timezone,
        "location": series.location,
        # A private meeting room is not published with the archive.
        "online": "" if series.hide_online_after else series.online,
        "schedule": series.schedule,
    }


def talks_json(
    env: BuildEnvironment, builder: Builder, site: Site, domain: SeminarsDomain
) -> bytes:
    document = {
        "version": JSON_VERSION,
        "generator": {"name": "sphinxext-seminars", "version": __version__},
        "site": {"project": site.project, "url": site.base or None},
        "series": [series_record(domain.all_series[name]) for name in sorted(domain.all_series)],
        "talks": [talk_record(env, builder, site, talk) for talk in domain.public_talks()],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


# -- Atom ---------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    if text is not None:
        element.text = clean(text)
    return element


def _entry_title(talk: Talk) -> str:
    names = ", ".join(p.name for p in talk.speakers if not p.is_tba)
    title = f"{names}: {talk.title}" if names else talk.title
    if talk.status is Status.CANCELLED:
        return _t("[Cancelled] {title}").format(title=title)
    if talk.status is Status.POSTPONED:
        return _t("[Postponed] {title}").format(title=title)
    return title


def _entry_summary(site: Site, talk: Talk) -> str:
    lines = [when_text(talk, site.language, site.timezone)]
    if talk.location:
        lines.append(talk.location)
    if talk.online:
        lines.append(talk.online)
    text = "\n".join(lines)
    if talk.abstract.strip():
        text += "\n\n" + plain(talk.abstract)
    return text


def atom_cutoff(pinned: dt.datetime | None, clock: dt.datetime | None = None) -> dt.datetime:
    """The latest ``updated`` an Atom entry may claim: the build's own moment.

    The pinned moment (``seminars_now`` or ``SOURCE_DATE_EPOCH``) when there is
    one, so a reproducible build gives the same bytes; else the start (00:00
    UTC) of the build's day, which is never after the build and the same for
    every build made that day.
    """
    if pinned is not None:
        return pinned.astimezone(dt.UTC)
    today = (clock or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).date()
    return dt.datetime.combine(today, dt.time(), dt.UTC)


def entry_updated(talk: Talk, cutoff: dt.datetime) -> dt.datetime:
    """An entry's ``updated``: the talk's start, never after ``cutoff``."""
    return min(talk.start.astimezone(dt.UTC), cutoff)


def atom_feed(
    builder: Builder,
    site: Site,
    talks: list[Talk],
    title: str,
    subtitle: str,
    cutoff: dt.datetime,
) -> bytes:
    """The Atom document (RFC 4287), built and escaped by ElementTree."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    feed_path = site.file(".atom")
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site.key}#feed={feed_path}')}")
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    newest = max(
        (entry_updated(t, cutoff) for t in talks), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    )
    _sub(feed, "updated", utc(newest))
    if site.base:
        _sub(feed, "link", rel="self", href=site.absolute(feed_path), type="application/atom+xml")
        _sub(feed, "link", rel="alternate", href=site.base, type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", site.project or title)
    _sub(feed, "generator", "sphinxext-seminars", uri=GENERATOR_URI, version=__version__)
    for talk in talks:
        entry = _sub(feed, "entry")
        _sub(entry, "id", talk_uid(site, talk))
        _sub(entry, "title", _entry_title(talk))
        path = talk_path(builder, talk)
        # relative_uri drops the fragment, so the anchor is added back.
        href = site.absolute(path) or (
            f"{relative_uri(feed_path, builder.get_target_uri(talk.docname))}#{talk.anchor}"
        )
        _sub(entry, "link", rel="alternate", href=href, type="text/html")
        _sub(entry, "updated", utc(entry_updated(talk, cutoff)))
        for speaker in talk.speakers:
            if not speaker.is_tba:
                _sub(_sub(entry, "author"), "name", speaker.name)
        for term in (talk.series, talk.event, *talk.tags):
            if term:
                _sub(entry, "category", term=clean(term))
        _sub(entry, "summary", _entry_summary(site, talk), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# -- BibTeX -----------------------------------------------------------------

#: BibTeX counts every brace, escaped or not, so braces from the input become
#: commands whose own braces are balanced; the other specials are escaped.
_BIB_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_AND = re.compile(r"\band\b", re.IGNORECASE)


def bib_escape(text: str) -> str:
    """Text for a braced BibTeX field: specials escaped, braces always balanced."""
    return "".join(_BIB_SPECIALS.get(char, char) for char in " ".join(clean(text).split()))


def bib_url(url: str) -> str:
    """A URL for a BibTeX ``url`` field (read verbatim): only braces, backslashes and
    spaces, which would unbalance or split the field, are percent-encoded."""
    return url.translate({ord("{"): "%7B", ord("}"): "%7D", ord("\\"): "%5C", ord(" "): "%20"})


def bib_name(name: str) -> str:
    """One author; a name holding "and" or a comma is braced so it stays one person."""
    escaped = bib_escape(name)
    return f"{{{escaped}}}" if _AND.search(name) or "," in name else escaped


def _venue(site: Site, talk: Talk) -> str:
    return ", ".join(part for part in (talk.event, talk.series) if part) or site.project


def bibtex_entry(site: Site, talk: Talk, url: str) -> str:
    """The ``@misc`` entry of a talk; ``url`` is absolute or "" (then left out)."""
    day = talk.start.date()
    fields: list[tuple[str, str]] = []
    authors = [bib_name(p.name) for p in talk.speakers if not p.is_tba]
    if authors:
        fields.append(("author", "{" + " and ".join(authors) + "}"))
    fields.append(("title", "{{" + bib_escape(talk.title) + "}}"))
    venue = _venue(site, talk)
    published = _t("Talk, {venue}").format(venue=venue) if venue else _t("Talk")
    fields.append(("howpublished", "{" + bib_escape(published) + "}"))
    fields.append(("date", "{" + day.isoformat() + "}"))
    fields.append(("year", "{" + str(day.year) + "}"))
    fields.append(("month", _MONTHS[day.month - 1]))
    if talk.location:
        fields.append(("address", "{" + bib_escape(talk.location) + "}"))
    if url:
        fields.append(("url", "{" + bib_url(url) + "}"))
    if talk.status is not Status.SCHEDULED:
        label = _("Cancelled") if talk.status is Status.CANCELLED else _("Postponed")
        fields.append(("note", "{" + bib_escape(label) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bib_key(talk)},\n{body}\n}}\n"


def bibtex_file(builder: Builder, site: Site, talks: list[Talk]) -> bytes:
    # No comment header: BibTeX reads an "@" anywhere outside entries (say, in a
    # project name) as the start of one.
    entries = [bibtex_entry(site, talk, site.absolute(talk_path(builder, talk))) for talk in talks]
    return "\n".join(entries).encode()


# -- CSL-JSON ---------------------------------------------------------------


def csl_name(name: str) -> dict[str, str]:
    """A CSL name: the last word as family name, or the whole name as a literal."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def csl_item(site: Site, talk: Talk, url: str) -> dict[str, Any]:
    day = talk.start.date()
    parts = {"date-parts": [[day.year, day.month, day.day]]}
    item: dict[str, Any] = {
        "id": bib_key(talk),
        "type": "speech",
        "title": talk.title,
        "genre": _("Talk"),
        "event-date": parts,
        "issued": parts,
    }
    venue = _venue(site, talk)
    if venue:
        # "event-title" is CSL 1.0.2; "event" the older name many tools still read.
        item["event-title"] = venue
        item["event"] = venue
    authors = [csl_name(p.name) for p in talk.speakers if not p.is_tba]
    if authors:
        item["author"] = authors
    if talk.location:
        item["event-place"] = talk.location
    if url:
        item["URL"] = url
    if talk.abstract.strip():
        item["abstract"] = plain(talk.abstract)
    if talk.status is not Status.SCHEDULED:
        item["status"] = talk.status.value
    return item


def csl_file(builder: Builder, site: Site, talks: list[Talk]) -> bytes:
    items = [csl_item(site, t, site.absolute(talk_path(builder, t))) for t in talks]
    return (json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


# -- writing ------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (keeps mtimes of
    unchanged exports, so servers and mirrors see no change)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def exports_enabled(app: Sphinx) -> bool:
    return app.builder.name in EXPORT_BUILDERS and bool(app.config.seminars_feeds)


def export_files(app: Sphinx) -> dict[str, bytes]:
    """Every export file (path relative to the output root -> bytes)."""
    env = app.env
    builder = app.builder
    domain = get_domain(env)
    settings = domain.settings
    site = make_site(app, settings)
    talks = domain.public_talks()
    title = settings.calendar_name or site.project or _("Talks")
    pinned = settings.pinned_now()
    chosen = feed_talks(talks, settings.feed_past_talks, pinned)
    cutoff = atom_cutoff(pinned)
    return {
        site.file(".json"): talks_json(env, builder, site, domain),
        site.file(".schema.json"): SCHEMA_FILE.read_bytes(),
        site.file(".atom"): atom_feed(
            builder, site, chosen, title, settings.calendar_description, cutoff
        ),
        site.file(".bib"): bibtex_file(builder, site, talks),
        site.file(".csl.json"): csl_file(builder, site, talks),
    }


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    """At ``build-finished``, in the main process, from the merged talks."""
    if exception is not None or not exports_enabled(app):
        return
    files = export_files(app)
    for relative, data in files.items():
        write_if_changed(Path(app.outdir, relative), data)
    note_outputs(app, files)


# -- per talk page ----------------------------------------------------------


class cite_talk(nodes.container):
    """ "Cite this talk": the talk's BibTeX entry, shown on demand (``<details>`` in HTML)."""


def visit_cite_talk(self: HTML5Translator, node: cite_talk) -> None:
    self.body.append(self.starttag(node, "details", CLASS="seminars-cite"))
    summary = html.escape(_("Cite this talk"))
    self.body.append(f"<summary>{summary}</summary>\n")


def depart_cite_talk(self: HTML5Translator, node: cite_talk) -> None:
    self.body.append("</details>\n")


def _is_page_builder(app: Sphinx) -> bool:
    """HTML pages (not epub, where scripts and extra files do not belong)."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def talk_details(app: Sphinx, talk: Talk, docname: str, node: nodes.Element) -> list[nodes.Node]:
    """JSON-LD and the citation block, after the talk's details (HTML pages only)."""
    if not _is_page_builder(app):
        return []
    domain = get_domain(app.env)
    settings = domain.settings
    site = make_site(app, settings)
    builder = app.builder
    path = talk_path(builder, talk)
    absolute = site.absolute(path)
    series = domain.all_series.get(talk.series)
    series_url = ""
    if series is not None and absolute:
        if has_pages(domain, builder):
            target = builder.get_target_uri(page_name(domain, "series", series.slug))
            series_url = site.absolute(target)
    data = event_data(talk, series, absolute or f"#{talk.anchor}", series_url)
    script = f'<script type="application/ld+json">\n{script_safe_json(data)}\n</script>\n'
    result: list[nodes.Node] = [nodes.raw("", script, format="html", classes=["seminars-jsonld"])]

    entry = bibtex_entry(site, talk, absolute)
    block = cite_talk(classes=["seminars-cite"])
    # Escaped plain text, not a highlighted block: Pygments for every talk page
    # of an archive costs more than all the rest of this block.
    # Code reads left to right on a right-to-left page too.
    pre = f'<pre class="seminars-bibtex" dir="ltr">{html.escape(entry)}</pre>\n'
    block += nodes.raw("", pre, format="html")
    if exports_enabled(app):
        here = builder.get_target_uri(docname)
        row = nodes.paragraph(classes=["seminars-cite-files"])
        row += nodes.reference(
            "",
            _("All talks (BibTeX)"),
            refuri=relative_uri(here, site.file(".bib")),
            classes=["seminars-bib-link"],
        )
        row += nodes.Text(" · ")
        row += nodes.reference(
            "",
            _("All talks (CSL-JSON)"),
            refuri=relative_uri(here, site.file(".csl.json")),
            classes=["seminars-csl-link"],
        )
        block += row
    result.append(block)
    return result


# -- feed autodiscovery -------------------------------------------------------


def feed_head_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<link rel="alternate">`` in every page's head for the feeds that hold its talks.

    Feed readers and browsers find the site's Atom feed and calendar on every
    page, and a series' calendar on its page and on the pages of its talks.
    Added through the ``metatags`` of the page context, which every theme
    puts into ``<head>``.
    """
    if not exports_enabled(app):
        return
    domain = get_domain(app.env)
    settings = domain.settings
    site = make_site(app, settings)
    title = settings.calendar_name or site.project or _("Talks")
    pathto = context.get("pathto")
    if not callable(pathto):
        return
    found: list[tuple[str, str, str]] = [
        ("application/atom+xml", f"{title} (Atom)", site.file(".atom")),
    ]
    if feeds_enabled(app):
        feeds = FeedSite.from_app(app)
        found.append(("text/calendar", f"{title} (iCalendar)", feeds.site_path))
        if feeds.series_feeds:
            everything = domain.all_series
            chosen = {
                talk.series: everything[talk.series]
                for talk in domain.talks_by_doc.get(pagename, ())
                if talk.series in everything
            }
            # A generated series page: <prefix>/series/<slug>.
            series_pages = page_name(domain, "series", "") + "/"
            if pagename.startswith(series_pages) and has_pages(domain, app.builder):
                slug = pagename.removeprefix(series_pages)
                chosen.update((n, series) for n, series in everything.items() if series.slug == slug)
            for _name, series in sorted(chosen.items()):
                path = series_feed_path(feeds.prefix, series)
                found.append(("text/calendar", f"{series.name} (iCalendar)", path))
    tags = "".join(
        f'<link rel="alternate" type="{kind}" title="{html.escape(label, quote=True)}" '
        f'href="{html.escape(pathto(quote(path, safe="/~"), resource=True), quote=True)}">\n'
        for kind, label, path in found
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_exports(app: Sphinx) -> None:
    app.connect("html-page-context", feed_head_links)
    app.add_node(cite_talk, html=(visit_cite_talk, depart_cite_talk))
    app.connect("seminars-talk-details", talk_details)
    app.connect("build-finished", write_exports)
