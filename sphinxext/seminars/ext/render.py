"""Resolved talks to docutils nodes: the pieces talk pages and listings share.

Only standard nodes (plus the extension's subclasses of them) are produced, so
every builder can write them; names and titles are always ``Text`` nodes, never
markup, whatever characters they hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..core.dates import deadline_text, when_parts
from ..core.model import Link, LinkKind, Person, Status, Talk
from ..core.parsing import registration_address, same_language
from ..core.places import VENUE_KEY, Venue, attendance
from ..store.i18n import _, npgettext
from ..store.labels import audience_label, kind_label, language_label, link_label
from . import nodes as sn

if TYPE_CHECKING:
    from ..core.options import SpeakerData
    from ..store.domain import SeminarsDomain


def plain_text(children: list[nodes.Node], *, skip: frozenset[str] = frozenset()) -> str:
    """The plain text of parsed content, paragraphs separated by blank lines.

    Parser messages (a typo in a role, say) are part of the tree until Sphinx
    filters them out later; they are no text of the author's and are left out,
    as is every child whose classes meet ``skip``.
    """
    parts = []
    for child in children:
        classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
        if isinstance(child, nodes.system_message) or skip.intersection(classes):
            continue
        if isinstance(child, nodes.Element) and any(child.findall(nodes.system_message)):
            child = child.deepcopy()
            for message in list(child.findall(nodes.system_message)):
                message.parent.remove(message)
        text = child.astext().strip()
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def xref(kind: str, target: str, text: str, docname: str) -> addnodes.pending_xref:
    """A reference the domain resolves (to a page in HTML, plain text elsewhere)."""
    node = addnodes.pending_xref(
        "",
        refdomain="seminars",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=False,
        refdoc=docname,
        classes=[],
    )
    node += nodes.inline("", text, classes=[f"seminars-{kind}"])
    return node


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(message: str, **parts: nodes.Node) -> list[nodes.Node]:
    """A translated message with nodes in its ``{placeholders}`` ("Series: {name}", a link).

    The whole sentence is one message, so each language places the link where its
    grammar wants it; a placeholder the message lacks is left out, never guessed.
    """
    result: list[nodes.Node] = []
    for index, piece in enumerate(_PLACEHOLDER.split(message)):
        if index % 2 == 0:
            if piece:
                result.append(nodes.Text(piece))
        elif piece in parts:
            result.append(parts[piece])
        else:
            result.append(nodes.Text("{" + piece + "}"))
    return result


def speaker_nodes(
    people: tuple[Person, ...], docname: str, *, linked: bool = True
) -> list[nodes.Node]:
    """``Name (Affiliation), Name (Affiliation)`` with each name linked (unless not ``linked``)."""
    result: list[nodes.Node] = []
    for index, person in enumerate(people):
        if index:
            result.append(nodes.Text(", "))
        if person.is_tba or not linked:
            result.append(nodes.inline("", person.name, classes=["seminars-speaker"]))
        else:
            result.append(xref("speaker", person.name, person.name, docname))
        if person.affiliation:
            result.append(nodes.Text(" ("))
            result.append(nodes.inline("", person.affiliation, classes=["seminars-affiliation"]))
            result.append(nodes.Text(")"))
    return result


def link_nodes(
    links: tuple[Link, ...],
    *,
    local: Callable[[Link, str, list[str]], nodes.Node | None] | None = None,
    arxiv_pdf: bool = True,
) -> list[nodes.Node]:
    """A row of links (paper, slides, video...) as reference nodes, separated by " · ".

    Web links are references (``linkcheck`` checks them); an arXiv link is
    followed by its PDF. Files of the site are made by ``local(link, label,
    classes)`` (each place reaches them its own way) and left out without it.
    """
    result: list[nodes.Node] = []
    for link in sorted(links, key=lambda link: list(LinkKind).index(link.kind)):
        label = link_label(link)
        classes = ["seminars-link", f"seminars-link-{link.kind.value}"]
        parts: list[nodes.Node] = []
        if link.local:
            made = local(link, label, classes) if local else None
            if made is not None:
                parts.append(made)
        else:
            reference = nodes.reference("", "", refuri=link.target, classes=classes)
            if link.kind in (LinkKind.ARXIV, LinkKind.DOI):
                reference += sn.isolate("", label, dir="ltr")
            else:
                reference += nodes.Text(label)
            parts.append(reference)
            if arxiv_pdf and link.kind is LinkKind.ARXIV:
                pdf = link.target.replace("/abs/", "/pdf/", 1)
                pdf_classes = [*classes, "seminars-link-arxiv-pdf"]
                parts += [
                    nodes.Text(" "),
                    nodes.reference("", "(PDF)", refuri=pdf, classes=pdf_classes),
                ]
        if parts and result:
            result.append(nodes.Text(" · "))
        result.extend(parts)
    return result


def status_badge(talk: Talk) -> nodes.inline | None:
    if talk.status is Status.SCHEDULED:
        return None
    label = _("Cancelled") if talk.status is Status.CANCELLED else _("Postponed")
    return nodes.inline(
        "", label, classes=["seminars-status", f"seminars-status-{talk.status.value}"]
    )


def when_nodes(
    talk: Talk,
    language: str | None,
    site_timezone: str,
    *,
    date: bool = True,
    time: bool = True,
) -> list[nodes.Node]:
    """The date line (or only its ``date`` or ``time``) with ``<time>`` elements in HTML."""
    assert talk.end is not None
    parts = when_parts(talk, language, site_timezone)
    result: list[nodes.Node] = []
    if date:
        iso = talk.start.date().isoformat() if talk.all_day else talk.start.isoformat()
        result.append(sn.talk_time("", parts["date"], datetime=iso, classes=["seminars-date"]))
    # Start, end and zone kept together: a right-to-left line would otherwise
    # show "15:00–14:00 CEST" read from the right.
    times = sn.isolate()
    if time and parts["start"]:
        if result:
            result.append(nodes.Text(", "))
        start = talk.start.isoformat()
        times += sn.talk_time("", parts["start"], datetime=start, classes=["seminars-start"])
        if parts["end"]:
            end = talk.end.isoformat()
            times += nodes.Text("–")
            times += sn.talk_time("", parts["end"], datetime=end, classes=["seminars-end"])
    if time and parts["zone"]:
        times += nodes.Text(" ")
        times += nodes.inline("", parts["zone"], classes=["seminars-zone"])
    if len(times):
        result.append(times)
    return result


def field(label: str, body: list[nodes.Node], name: str) -> nodes.field:
    paragraph = nodes.paragraph()
    paragraph.extend(body)
    return nodes.field(
        "",
        nodes.field_name("", label),
        nodes.field_body("", paragraph),
        classes=[f"seminars-field-{name}"],
    )


def meta_fields(
    domain: SeminarsDomain, talk: Talk, docname: str, language: str | None
) -> nodes.field_list:
    """Speaker, when, where, online, series, event, joint work, tags."""
    settings = domain.settings
    fields = nodes.field_list(classes=["seminars-meta"])
    if talk.speakers:
        label = npgettext("field", "Speaker", "Speakers", len(talk.speakers))
        fields += field(label, speaker_nodes(talk.speakers, docname), "speaker")
    when = when_nodes(talk, language, settings.timezone)
    badge = status_badge(talk)
    if badge is not None:
        when = [badge, nodes.Text(" "), *when]
    fields += field(_("When"), when, "when")
    if talk.location:
        venue = domain.venue_of(talk)
        where = venue_nodes(venue, docname) if venue else [nodes.Text(talk.location)]
        fields += field(_("Where"), where, "where")
    if talk.online:
        link = nodes.reference(
            "", _("Join online"), refuri=talk.online, classes=["seminars-online-link"]
        )
        fields += field(_("Online"), [link, *online_mode_nodes(talk)], "online")
    fields.extend(access_fields(talk, show_passcode=settings.show_passcodes, language=language))
    if talk.series:
        fields += field(_("Series"), [xref("series", talk.series, talk.series, docname)], "series")
    if talk.event:
        fields += field(_("Event"), [xref("event", talk.event, talk.event, docname)], "event")
    if talk.joint_with:
        fields += field(_("Joint work with"), [nodes.Text(", ".join(talk.joint_with))], "joint")
    if talk.tags:
        fields += field(_("Tags"), tag_nodes(talk.tags, docname), "tags")
    if talk.kind:
        fields += field(_("Kind"), [nodes.Text(kind_label(talk.kind))], "kind")
    if talk.language and not same_language(talk.language, language):
        name = nodes.inline("", language_label(talk.language, language))
        fields += field(_("Language"), [name], "language")
    if talk.audience:
        fields += field(_("Audience"), [nodes.Text(audience_label(talk.audience))], "audience")
    return fields


def tag_nodes(tags: tuple[str, ...], docname: str) -> list[nodes.Node]:
    """``tag, tag`` with each tag linked to its topic page (text where there is none)."""
    result: list[nodes.Node] = []
    for index, tag in enumerate(tags):
        if index:
            result.append(nodes.Text(", "))
        result.append(xref("topic", tag, tag, docname))
    return result


def talk_reference(talk: Talk, fromdocname: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to the talk (resolved by the domain in every builder)."""
    node = addnodes.pending_xref(
        "",
        refdomain="seminars",
        reftype="talk",
        reftarget=talk.id,
        refexplicit=text is not None,
        refwarn=False,
        refdoc=fromdocname,
    )
    node += nodes.inline(
        "", text if text is not None else talk.title, classes=["seminars-talk-link"]
    )
    return node


def remote_reference(talk: Talk) -> nodes.Element:
    """Another site's talk: its title linked to its own page (http(s) only), else text."""
    title = nodes.inline("", talk.title, classes=["seminars-talk-link"])
    if not talk.url:
        return title
    return nodes.reference(
        "", "", title, refuri=talk.url, classes=["seminars-remote-link"], internal=False
    )


def source_mark(talk: Talk) -> nodes.inline:
    """The name of the source another site's talk comes from, as a small label."""
    return nodes.inline(
        "",
        _("from {source}").format(source=talk.source),
        classes=["seminars-source", f"seminars-source-{talk.source}"],
    )

# -- people: speaker profiles and organisers ---------------------------------------------


def paragraphs(text: str, classes: list[str]) -> list[nodes.paragraph]:
    """Plain text with blank lines between paragraphs, as paragraphs of text."""
    return [
        nodes.paragraph("", " ".join(block.split()), classes=classes)
        for block in re.split(r"\n\s*\n", text.strip())
        if block.strip()
    ]


def profile_nodes(data: SpeakerData, photo_uri: str, alt: str) -> list[nodes.Node]:
    """A profile's photo, pronouns, affiliation and links (homepage, ORCID).

    The photo is an ``<img>`` (an SVG too: never inlined), sized by the
    stylesheet (``.seminars-speaker-photo``).
    """
    result: list[nodes.Node] = []
    if photo_uri:
        result.append(nodes.image(uri=photo_uri, alt=alt, classes=["seminars-speaker-photo"]))
    if data.pronouns:
        result.append(
            nodes.paragraph("", f"({data.pronouns})", classes=["seminars-speaker-pronouns"])
        )
    if data.affiliation:
        result.append(
            nodes.paragraph("", data.affiliation, classes=["seminars-speaker-affiliation"])
        )
    row = nodes.paragraph(classes=["seminars-speaker-links"])
    if data.homepage:
        row += nodes.reference(
            "", _("Homepage"), refuri=data.homepage, classes=["seminars-homepage"]
        )
    if data.orcid:
        if len(row):
            row += nodes.Text(" · ")
        row += nodes.reference(
            "",
            f"ORCID {data.orcid}",
            refuri=f"https://orcid.org/{data.orcid}",
            classes=["seminars-orcid"],
        )
    if len(row):
        result.append(row)
    return result


def organiser_nodes(names: tuple[str, ...], links: tuple[str, ...]) -> list[nodes.Node]:
    """A series' organisers, comma-separated, each linked to its e-mail or page."""
    result: list[nodes.Node] = []
    for index, name in enumerate(names):
        if index:
            result.append(nodes.Text(", "))
        link = links[index] if index < len(links) else ""
        if link:
            result.append(
                nodes.reference("", name, refuri=link, classes=["seminars-organiser"])
            )
        else:
            result.append(nodes.Text(name))
    return result


# -- venues, online access, attendance ------------------------------------------------


def venue_nodes(venue: Venue, docname: str) -> list[nodes.Node]:
    """A talk's venue: its name (linked to the venue's page), the rest of its
    address, and a map link."""
    result: list[nodes.Node] = [xref("venue", venue.key, venue.title, docname)]
    rest = [line for line in venue.lines if line != venue.title]
    if rest:
        result.append(nodes.Text(", "))
        result.append(nodes.inline("", ", ".join(rest), classes=["seminars-address"]))
    if venue.map_url:
        result.append(nodes.Text(" · "))
        result.append(
            nodes.reference("", _("Map"), refuri=venue.map_url, classes=["seminars-map"])
        )
    return result


def maybe_venue(location: str, docname: str) -> nodes.Node:
    """A location written where venues may not all be known yet (a series): a link to the
    venue when it is a venue's key (resolved at write time), else the text as written."""
    if not VENUE_KEY.match(location):
        return nodes.Text(location)
    node = xref("venue", location, location, docname)
    node["refexplicit"] = False  # the venue's name, when it is one
    node["seminars_maybe"] = True  # free text that looks like a key: no warning
    return node


def venue_facts(venue: Venue) -> nodes.field_list:
    """Everything a venue says, as fields (on its page and where it is declared)."""
    fields = nodes.field_list(classes=["seminars-meta", "seminars-venue"])
    if venue.lines:
        fields += field(_("Address"), [nodes.Text(venue.text)], "address")
    if venue.latitude is not None and venue.longitude is not None:
        coordinates = f"{venue.latitude:.6g}, {venue.longitude:.6g}"
        fields += field(_("Coordinates"), [nodes.Text(coordinates)], "coordinates")
    if venue.map_url:
        link = nodes.reference("", _("Map"), refuri=venue.map_url, classes=["seminars-map"])
        fields += field(_("Map"), [link], "map")
    if venue.accessibility:
        fields += field(_("Accessibility"), [nodes.Text(venue.accessibility)], "accessibility")
    if venue.phone:
        # Text, not a tel: link (only http(s), mailto and files of the site are links).
        fields += field(_("Phone"), [sn.isolate("", venue.phone, dir="ltr")], "phone")
    return fields


def attendance_label(mode: str) -> str:
    return {"in-person": _("In person"), "online": _("Online"), "hybrid": _("Hybrid")}.get(
        mode, ""
    )


def attendance_badge(talk: Talk) -> nodes.inline | None:
    """ "In person", "Online" or "Hybrid" (in person and online), or None when not said."""
    mode = attendance(talk.location, talk.online)
    if not mode:
        return None
    return nodes.inline(
        "", attendance_label(mode), classes=["seminars-attendance", f"seminars-attendance-{mode}"]
    )


def online_mode_nodes(talk: Talk) -> list[nodes.Node]:
    if not talk.online_mode:
        return []
    label = _("livestream") if talk.online_mode == "livestream" else _("interactive meeting")
    return [
        nodes.Text(" ("),
        nodes.inline("", label, classes=["seminars-online-mode"]),
        nodes.Text(")"),
    ]


def access_fields(
    talk: Talk, *, show_passcode: bool, language: str | None = None
) -> list[nodes.field]:
    """Attendance, registration and (where the site opts in) the passcode."""
    result: list[nodes.field] = []
    badge = attendance_badge(talk)
    if badge is not None:
        # The kind of online meeting goes with the link; without one (an online-only
        # location such as "Online (Zoom)"), with the attendance.
        mode = [] if talk.online else online_mode_nodes(talk)
        result.append(field(_("Attendance"), [badge, *mode], "attendance"))
    if talk.registration:
        shown = registration_address(talk.registration)
        body: list[nodes.Node] = [
            nodes.reference("", shown, refuri=talk.registration, classes=["seminars-registration"])
        ]
        if talk.registration_deadline:
            deadline = sn.talk_time(
                "",
                deadline_text(talk.registration_deadline, language),
                datetime=talk.registration_deadline,
            )
            body += fill(" " + _("(by {deadline})"), deadline=deadline)
        result.append(field(_("Registration required"), body, "registration"))
    if talk.passcode and show_passcode and talk.online:
        shown = field(_("Passcode"), [nodes.literal("", talk.passcode)], "passcode")
        # Shown on the page, never in the search index (Sphinx skips "no-search").
        shown["classes"].append("no-search")
        result.append(shown)
    return result
