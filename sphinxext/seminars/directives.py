"""The ``talk``, ``bio`` and ``series`` directives (reST and MyST alike).

A directive parses its options with the pure model (:mod:`.parsing`), stores
the result in the domain and emits nodes; what depends on other documents
(series defaults, neighbours, links to generated pages) is filled in at write
time by :mod:`.transforms`.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from . import nodes as sn
from .config import series_from_options
from .domain import get_domain
from .i18n import _
from .model import Link, Person, Problem, slugify
from .parsing import (
    TALK_OPTIONS,
    InvalidValue,
    build_talk,
    clean_text,
    parse_id,
    parse_people,
)
from .render import field, link_nodes, plain_text
from .warnings_ import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where a talk directive keeps its state while its body is parsed.
CURRENT_TALK = "seminars:current-talk"


#: An option line, ``:name: value``, as reST and MyST write it.
_OPTION_LINE = re.compile(r"^\s*:([\w-]+):(?:\s|$)")


class LenientOptionSpec(dict[str, Any]):
    """Accept any option so that a typo warns instead of dropping the whole talk."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged

    def __bool__(self) -> bool:
        # Even with no known option, option lines are options (and warn), not body.
        return True


class SeminarsDirective(SphinxDirective):
    """Shared helpers: warnings at the option's own line, unknown options."""

    known_options: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every option is text, parsed by the model; unknown ones are kept so
        # that a typo warns (with a suggestion) instead of dropping the directive.
        super().__init_subclass__(**kwargs)
        cls.option_spec = LenientOptionSpec.fromkeys(cls.known_options, directives.unchanged)

    def option_line(self, name: str | None) -> int:
        """The source line of ``:name:`` (or the directive's line when not found)."""
        lineno = self.lineno
        if name:
            for offset, line in enumerate(self.block_text.splitlines()):
                stripped = line.strip()
                if stripped.startswith((f":{name}:", f"{name}:")):
                    return lineno + offset
        return lineno

    def warn(self, subtype: Subtype | str, message: str, option: str | None = None) -> None:
        warn(subtype, message, (self.env.docname, self.option_line(option)))

    #: The subtype of a warning about an option the directive does not know.
    unknown_option_subtype: ClassVar[str] = Subtype.BAD_OPTION_VALUE

    def unknown_options(self) -> list[Problem]:
        """Options the directive does not know, each with the likeliest meant one.

        (Options given twice are warned about here too.)
        """
        self.warn_repeated_options()
        problems = []
        for name in self.options:
            if name in self.known_options:
                continue
            close = difflib.get_close_matches(name, self.known_options, n=1)
            hint = (
                f"did you mean ':{close[0]}:'?"
                if close
                else ("known options: " + ", ".join(self.known_options))
                if self.known_options
                else "it takes no options"
            )
            message = f"unknown option ':{name}:' of '{self.name}'; {hint}"
            problems.append(Problem(self.unknown_option_subtype, message, name))
        return problems

    def warn_repeated_options(self) -> None:
        """Warn about an option written twice (MyST takes the last one silently).

        reST never gets here: docutils refuses the whole directive first.
        """
        seen: set[str] = set()
        for offset, line in enumerate(self.block_text.splitlines()[1:], start=1):
            match = _OPTION_LINE.match(line)
            if match is None:
                if not line.strip():
                    break  # the options end at the first blank line
                continue
            if match[1] in seen:
                warn(
                    self.unknown_option_subtype,
                    f"option ':{match[1]}:' is given twice in '{self.name}'; "
                    "the last one is used, remove the other",
                    (self.env.docname, self.lineno + offset),
                )
            seen.add(match[1])

    def report(self, problems: list[Problem]) -> None:
        """Warn about each problem at its option's line, in source order."""
        for problem in sorted(problems, key=lambda p: self.option_line(p.option)):
            self.warn(problem.subtype, problem.message, problem.option)

    def check_unknown_options(self) -> None:
        self.report(self.unknown_options())


class TalkDirective(SeminarsDirective):
    """A talk: title as argument, metadata as options, the abstract as body."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = TALK_OPTIONS

    def run(self) -> list[nodes.Node]:
        if CURRENT_TALK in self.env.temp_data:
            return self.nested()
        unknown = self.unknown_options()
        docname = self.env.docname
        # Positions count per document so that adding a talk later never renames one.
        position = int(self.env.temp_data.get("seminars:talk-count") or 0) + 1
        self.env.temp_data["seminars:talk-count"] = position
        try:
            default_id = parse_id(docname)
        except InvalidValue:
            # A document name may hold characters ids may not (spaces, accents).
            default_id = "/".join(slugify(part) for part in docname.split("/"))
        if position > 1:
            default_id = f"{default_id}-{position}"
        talk_id = default_id
        if self.options.get("id", "").strip():
            try:
                talk_id = parse_id(self.options["id"])
            except InvalidValue as error:
                unknown.append(Problem(error.subtype, error.message, "id"))
        anchor = nodes.make_id(f"talk-{talk_id}")

        node = sn.talk(classes=["seminars-talk"], talk_id=talk_id)
        self.set_source_info(node)
        title = self.arguments[0] if self.arguments else ""
        node += sn.talk_title("", clean_text(title) or "TBA", classes=["seminars-talk-title"])
        node += sn.talk_meta(talk_id=talk_id)

        body, bio, papers = self.parse_body()
        talk, problems = build_talk(
            title,
            self.options,
            docname=docname,
            lineno=self.lineno,
            talk_id=talk_id,
            anchor=anchor,
            abstract=abstract_text(body),
            bio=_text_without_rubric(bio) if bio else self.options.get("bio", "").strip(),
            papers=papers,
        )
        self.report(unknown + problems)
        if talk is not None:
            document = self.state.document
            if anchor in document.ids:  # the same id twice in one page
                document.set_id(node)
            else:
                node["ids"].append(anchor)
                document.ids[anchor] = node
            domain = get_domain(self.env)
            domain.add_talk(talk)
            # Series defaults and neighbours live in other documents.
            domain.add_dependency(docname, ("talk", talk_id))
            domain.add_dependency(docname, ("nav", talk_id))
            if talk.links:
                node += self.links_paragraph(talk.links)
        if len(body):
            node += body
        if bio is None and self.options.get("bio", "").strip():
            bio = sn.talk_part(classes=["seminars-bio"])
            bio += nodes.rubric("", _("About the speaker"))
            bio += nodes.paragraph("", self.options["bio"].strip())
        if bio is not None:
            node += bio
        node += sn.talk_nav(talk_id=talk_id)
        if talk is not None and node["ids"]:
            keys = get_domain(self.env).settings.speaker_keys
            speakers = tuple(Person(keys.canonical(p.name)) for p in talk.speakers)
            node += index_entries(talk.title, speakers, talk.series, talk.event, node["ids"][0])
        if talk is not None and self.config.seminars_orphan_talk_pages:
            # Talk pages are reached through listings, not the global toctree
            # (which would make every page of a large archive render every talk).
            self.env.metadata[docname]["orphan"] = True
        return [node]

    def nested(self) -> list[nodes.Node]:
        """A talk inside a talk (or its bio): warned, its text kept, nothing stored."""
        self.warn(
            Subtype.MISPLACED,
            "a 'talk' cannot be nested inside another talk or its 'bio'; "
            "unindent it so that it starts at the left margin of the document",
        )
        box = nodes.container(classes=["seminars-misplaced-talk"])
        self.set_source_info(box)
        title = clean_text(self.arguments[0]) if self.arguments else ""
        if title:
            box += nodes.rubric("", title)
        box.extend(self.parse_content_to_nodes(allow_section_headings=False))
        return [box]

    def parse_body(self) -> tuple[nodes.container, sn.talk_part | None, tuple[Any, ...]]:
        """Parse the body in the document's own markup; pull out bio and papers."""
        body = nodes.container(classes=["seminars-abstract"])
        self.env.temp_data[CURRENT_TALK] = {"papers": []}
        try:
            body.extend(self.parse_content_to_nodes(allow_section_headings=False))
        finally:
            state: dict[str, Any] = self.env.temp_data.pop(CURRENT_TALK, None) or {"papers": []}
        bio = None
        for part in list(body.findall(sn.talk_part)):
            part.parent.remove(part)
            if "seminars-bio" in part["classes"] and bio is None:
                bio = part
        return body, bio, tuple(state["papers"])

    def links_paragraph(self, links: tuple[Link, ...]) -> nodes.Node:
        """The row of links; files of the site become download references here,
        at read time, so Sphinx copies them into the output."""

        def download(link: Link, label: str, classes: list[str]) -> nodes.Node:
            ref = addnodes.download_reference(
                "", "", reftarget=link.target, refdoc=self.env.docname, refexplicit=True
            )
            ref += nodes.literal("", label, classes=["xref", "download", *classes])
            return ref

        row = nodes.paragraph(classes=["seminars-links"])
        row.extend(link_nodes(links, local=download))
        return row


def index_entries(
    title: str, speakers: tuple[Person, ...], series: str, event: str, anchor: str
) -> addnodes.index:
    """General-index entries: the talk under each speaker, its series and event."""
    entries = [
        ("single", f"{person.name}; {title}", anchor, "", None)
        for person in speakers
        if not person.is_tba
    ]
    for group in (series, event):
        if group:
            entries.append(("single", f"{group}; {title}", anchor, "", None))
    return addnodes.index(entries=entries)


def abstract_text(body: nodes.Element) -> str:
    """Plain text of the abstract (math as its source), without nested papers."""
    return plain_text(body.children, skip=frozenset({"seminars-paper", "seminars-papers"}))


def _text_without_rubric(part: nodes.Element) -> str:
    return plain_text([c for c in part.children if not isinstance(c, nodes.rubric)])


class BioDirective(SeminarsDirective):
    """ "About the speaker", nested inside a ``talk``."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()  # it takes none
        if CURRENT_TALK not in self.env.temp_data:
            self.warn(
                Subtype.MISPLACED,
                "'bio' must be nested inside a 'talk' directive; indent it under the talk",
            )
        node = sn.talk_part(classes=["seminars-bio"])
        self.set_source_info(node)
        node += nodes.rubric("", _("About the speaker"))
        node.extend(self.parse_content_to_nodes())
        return [node]


_SERIES_OPTIONS = (
    "timezone",
    "location",
    "online",
    "organisers",
    "schedule",
    "hide-online-after",
)


class SeriesDirective(SeminarsDirective):
    """Declare a series once: its defaults apply to every talk that names it."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = _SERIES_OPTIONS

    def run(self) -> list[nodes.Node]:
        unknown = self.unknown_options()
        name = clean_text(self.arguments[0]) if self.arguments else ""
        content = self.parse_content_to_nodes() if self.content else []
        if not name:
            unknown.append(
                Problem(Subtype.MISSING_TITLE, "series has no name; write '.. series:: Name'")
            )
            self.report(unknown)
            return list(content)
        options = dict(self.options)
        # Paragraphs joined by blank lines; lines inside a paragraph re-flowed.
        options["description"] = "\n\n".join(
            " ".join(block.split()) for block in plain_text(content).split("\n\n")
        )
        if "organisers" in options:
            options["organisers"] = "; ".join(parse_people(options["organisers"]))
        series, errors = series_from_options(
            name, options, docname=self.env.docname, lineno=self.lineno
        )
        self.report(unknown + errors)
        get_domain(self.env).add_series(series)
        section = nodes.container(classes=["seminars-series"], ids=[f"series-{series.slug}"])
        self.set_source_info(section)
        section.extend(content)
        facts = nodes.field_list(classes=["seminars-series-facts"])
        for name, label, value in (
            ("organisers", _("Organisers"), ", ".join(series.organisers)),
            ("schedule", _("Usual time"), series.schedule),
            ("where", _("Location"), series.location),
            ("timezone", _("Time zone"), series.timezone or ""),
        ):
            if value:
                facts += field(label, [nodes.Text(value)], name)
        if series.online and not series.hide_online_after:
            # A private meeting room is only shown on its talks' pages, while they last.
            link = nodes.reference("", series.online, refuri=series.online)
            facts += field(_("Online"), [link], "online")
        if len(facts):
            section += facts
        return [section]


def setup_directives(app: Sphinx) -> None:
    app.add_directive("talk", TalkDirective)
    app.add_directive("bio", BioDirective)
    app.add_directive("series", SeriesDirective)
