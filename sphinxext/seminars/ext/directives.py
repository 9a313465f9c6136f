"""The ``talk``, ``bio``, ``series`` and ``speaker`` directives (reST and MyST alike).

A directive parses its options with the pure model (:mod:`.parsing`), stores
the result in the domain and emits nodes; what depends on other documents
(series defaults, neighbours, links to generated pages) is filled in at write
time by :mod:`.transforms`.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.frontmatter import FRONT_MATTER_LINES, REPORTED_OPTIONS
from ..core.model import Link, LinkKind, Person, Problem, slugify
from ..core.options import (
    SERIES_OPTIONS,
    SPEAKER_OPTIONS,
    read_profile,
    series_from_options,
    without_emails,
)
from ..core.parsing import (
    TALK_OPTIONS,
    InvalidValue,
    build_talk,
    clean_text,
    parse_id,
    parse_person,
    split_outside_parens,
)
from ..core.subtypes import Subtype
from ..store.domain import get_domain
from ..store.i18n import _
from ..store.warn import warn
from . import nodes as sn
from .media import after_talk_node, card_image_node
from .render import (
    field,
    link_nodes,
    maybe_venue,
    organiser_nodes,
    plain_text,
    profile_nodes,
    xref,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where a talk directive keeps its state while its body is parsed.
CURRENT_TALK = "seminars:current-talk"


#: An option line, ``:name: value``, as reST and MyST write it (a field marker).
_OPTION_LINE = re.compile(r"^:([^:\s][^:]*):(?:\s+(.*))?$")


@dataclass(frozen=True)
class OptionLine:
    name: str
    value: str
    lineno: int


def read_option_block(
    lines: list[str], first_lineno: int
) -> tuple[list[OptionLine], list[tuple[str, int]], int]:
    """The ``:name: value`` lines at the start of ``lines`` (already dedented).

    A line indented under an option continues its value; the block ends at the
    first blank line. Returns the options in order (repeats kept), the lines
    that are neither (message, line) and how many lines the block used
    (with the blank lines after it).
    """
    found: list[OptionLine] = []
    strays: list[tuple[str, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        match = _OPTION_LINE.match(line.rstrip())
        if match:
            found.append(OptionLine(match[1], (match[2] or "").strip(), first_lineno + index))
        elif line[:1].isspace() and found:
            last = found[-1]
            value = f"{last.value}\n{line.strip()}" if last.value else line.strip()
            found[-1] = OptionLine(last.name, value, last.lineno)
        else:
            strays.append((line.strip(), first_lineno + index))
        index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    return found, strays, index


class SeminarsDirective(SphinxDirective):
    """Shared helpers: the directive reads its own options, warns at their lines.

    docutils refuses a whole directive whose option is repeated or malformed
    (``DuplicateOptionError``, "invalid option block"), before the directive
    runs. So these directives declare no ``option_spec`` (docutils and MyST
    then leave the option lines in the argument or the body, as they do for
    any directive without options) and read the ``:name: value`` block
    themselves: a repeated option warns and the last value is used (as MyST
    does), an unknown one warns with the likeliest meant, a stray line warns.
    """

    known_options: ClassVar[tuple[str, ...]] = ()
    #: Whether the directive takes a body (besides its options).
    takes_body: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "has_content" in cls.__dict__:
            cls.takes_body = bool(cls.__dict__["has_content"])
        # Option lines reach the directive as argument or body text (see above).
        cls.has_content = True
        cls.option_spec = None

    arguments: list[str]
    content: StringList

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_lines: dict[str, int] = {}
        self.repeated: list[OptionLine] = []
        self.strays: list[tuple[str, int]] = []
        self.read_options()

    # -- the option block ------------------------------------------------------

    def read_options(self) -> None:
        """Take the option block out of the argument (reST) or the body (MyST,
        or directives without arguments) into ``self.options``."""
        block = self.block_text.splitlines()
        found: list[OptionLine] = []
        # MyST gives the first line alone as the argument: it is the title even when it
        # looks like an option (":date: ..."), and the options are in the body.
        if self.arguments and not self.is_markdown():
            lines = self.arguments[0].split("\n")
            first = next((i for i, line in enumerate(lines) if _OPTION_LINE.match(line)), None)
            if first is not None:
                title = "\n".join(lines[:first]).strip()
                self.arguments = [title] if title else []
                start = self._block_index(block, lines[first])
                base = self._indent(block[start])
                raw = [line[min(base, self._indent(line)) :] for line in block[start:]]
                found, self.strays, _used = read_option_block(raw, self.lineno + start)
                # The argument's lines are all of the block (docutils cut it at a blank line).
        if not found and self.content:
            lines = list(self.content)
            if lines and lines[0].strip() == "---" and self.is_markdown():
                found, used = self._yaml_block(lines)
            elif lines and _OPTION_LINE.match(lines[0]):
                start = self._block_index(block, lines[0])
                found, self.strays, used = read_option_block(lines, self.lineno + start)
            else:
                used = 0
            if used:
                self.content = self.content[used:]
                self.content_offset += used
        options: dict[str, str] = {}
        for option in found:
            if option.name in options:
                self.repeated.append(option)
            value = self._unquote(option.value) if self.is_markdown() else option.value
            options[option.name] = value
            self.option_lines[option.name] = option.lineno
        self.options = options

    @staticmethod
    def _indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    def _block_index(self, block: list[str], line: str) -> int:
        """The index in ``block_text`` of the first line equal to ``line`` (stripped)."""
        wanted = line.strip()
        for index in range(1, len(block)):
            if block[index].strip() == wanted:
                return index
        return 1

    def _yaml_block(self, lines: list[str]) -> tuple[list[OptionLine], int]:
        """MyST's ``---`` YAML option block, read with the text-keeping loader."""
        import yaml

        from ..core.yamltext import load

        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            return [], 0
        first = self.lineno + self._block_index(self.block_text.splitlines(), lines[0])
        found: list[OptionLine] = []
        try:
            loaded = load("\n".join(lines[1:end]), all_text=True)
        except yaml.YAMLError as error:
            self.strays.append((f"cannot read the YAML options: {error}", first))
            return [], end + 1
        for problem in loaded.problems:
            self.strays.append((problem.message, first + problem.line))
        root = loaded.root
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = first + key.start_mark.line + 1
                if isinstance(value, yaml.ScalarNode):
                    text = "" if value.tag.endswith(":null") else str(value.value)
                    found.append(OptionLine(str(key.value), text, line))
                else:
                    self.strays.append((f"option '{key.value}' must be text", line))
        elif root is not None:
            self.strays.append(("the YAML options must be a mapping of names to values", first))
        used = end + 1
        while used < len(lines) and not lines[used].strip():
            used += 1
        return found, used

    @staticmethod
    def _unquote(value: str) -> str:
        """A MyST option value in quotes (``"..."``, ``'...'``) as its text."""
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            import yaml

            try:
                text = yaml.safe_load(value)
            except yaml.YAMLError:
                return value
            if isinstance(text, str):
                return text
        return value

    def is_markdown(self) -> bool:
        """Whether the directive sits in a MyST document."""
        return type(self.state).__module__.startswith("myst_parser")

    # -- warnings ----------------------------------------------------------------

    def option_line(self, name: str | None) -> int:
        """The source line of ``:name:`` (its last occurrence), else the directive's."""
        if name and name in self.option_lines:
            return self.option_lines[name]
        return self.lineno

    def warn(self, subtype: Subtype | str, message: str, option: str | None = None) -> None:
        warn(subtype, message, (self.env.docname, self.option_line(option)))

    #: The subtype of a warning about an option the directive does not know.
    unknown_option_subtype: ClassVar[str] = Subtype.BAD_OPTION_VALUE

    def unknown_options(self) -> list[Problem]:
        """Options the directive does not know, each with the likeliest meant one.

        (Repeated options, stray lines in the option block and a body where
        none is taken are warned about here too.)
        """
        self.warn_option_block()
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

    def warn_option_block(self) -> None:
        """Warn about repeated options (the last value is used) and stray lines."""
        location = self.env.docname
        for option in self.repeated:
            warn(
                self.unknown_option_subtype,
                f"option ':{option.name}:' is given twice in '{self.name}'; "
                "the last one is used, remove the other",
                (location, option.lineno),
            )
        for text, lineno in self.strays:
            shown = text if len(text) <= 80 else text[:79] + "\u2026"
            message = (
                text
                if text.startswith(
                    ("cannot read the YAML", "the YAML", "option '", "YAML", "key '")
                )
                else f"line {shown!r} in the options of '{self.name}' is not ':name: value'; "
                "leave a blank line between the options and the body"
            )
            warn(self.unknown_option_subtype, message, (location, lineno))
        body = [line for line in self.content if line.strip()]
        if not self.takes_body and body:
            warn(
                self.unknown_option_subtype,
                f"'{self.name}' takes no body; its text is ignored (write options as "
                "':name: value' lines right under the directive)",
                (location, self.lineno + self._block_index(self.block_text.splitlines(), body[0])),
            )

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
        settings = get_domain(self.env).settings
        language = self.config.language or "en"
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
            date_order=settings.reading_order(language),
            locale=language,
            kinds=settings.talk_kinds,
        )
        if talk is not None and talk.tags:
            # Aliases folded into the canonical tags; tags outside seminars_tags warn.
            tags, unknown_tags = settings.tag_vocabulary.read(talk.tags)
            talk = dataclasses.replace(talk, tags=tags)
            problems.extend(unknown_tags)
        problems = once_per_document(self.env.temp_data, problems)
        reported = self.env.temp_data.get(REPORTED_OPTIONS)
        if reported is not None and reported[0] == (clean_text(title) or "TBA"):
            # A talk from front matter: its problems were told at their YAML lines.
            del self.env.temp_data[REPORTED_OPTIONS]
            # And what is found later (an unreadable file) is told there too.
            self.option_lines.update(self.env.temp_data.pop(FRONT_MATTER_LINES, None) or {})
            problems = [p for p in problems if (p.option or "") not in reported[1]]
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
            if talk.summary:
                node.insert(1, nodes.paragraph("", talk.summary, classes=["seminars-summary"]))
            if talk.image is not None:
                image = card_image_node(self.env, docname, talk.image, self.option_line("image"))
                if image is not None:
                    node.insert(1, image)
            if talk.links:
                node += self.links_paragraph(talk.links)
                after = after_talk_node(self.env, docname, talk.links, self.media_line)
                if after is not None:
                    node += after
        else:
            # Not stored (no usable date): out of listings and feeds, but its page
            # still shows what was written, marked for its author to fix.
            node["undated"] = "1"
            node["classes"].append("seminars-undated")
            for placeholder in list(node.findall(sn.talk_meta)):
                placeholder.replace_self(undated_fields(self.options))
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
        if self.config.seminars_orphan_talk_pages:
            # Talk pages are reached through listings, not the global toctree
            # (which would make every page of a large archive render every talk).
            self.env.metadata[docname]["orphan"] = True
        return [node]

    def media_line(self, kind: LinkKind) -> int:
        """The line of the option a recording (``:recording:``/``:video:``) or slides come from."""
        names = ("recording", "video") if kind is LinkKind.VIDEO else (kind.value,)
        return next((self.option_line(n) for n in names if n in self.options), self.lineno)

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


def undated_fields(options: dict[str, Any]) -> nodes.field_list:
    """Speakers as written and a "date to be fixed" mark, for a talk not stored."""
    fields = nodes.field_list(classes=["seminars-meta"])
    people = []
    for part in split_outside_parens(options.get("speaker", ""), ";"):
        try:
            people.append(parse_person(part))
        except InvalidValue:
            continue  # warned about by build_talk
    if people:
        label = _("Speaker") if len(people) == 1 else _("Speakers")
        text = ", ".join(
            f"{p.name} ({p.affiliation})" if p.affiliation else p.name for p in people
        )
        fields += field(label, [nodes.inline("", text, classes=["seminars-speaker"])], "speaker")
    mark = nodes.inline("", _("Date to be fixed"), classes=["seminars-date-to-fix"])
    fields += field(_("When"), [mark], "when")
    return fields


def once_per_document(temp_data: Any, problems: list[Problem]) -> list[Problem]:
    """Drop a guess already warned about in this document (``ambiguous-date``)."""
    kept = []
    for problem in problems:
        if problem.subtype == Subtype.AMBIGUOUS_DATE:
            if temp_data.get("seminars:ambiguous-warned"):
                continue
            temp_data["seminars:ambiguous-warned"] = True
        kept.append(problem)
    return kept


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


class NamedDirective(SeminarsDirective):
    """A directive whose argument is a name and whose body is text (series, speaker)."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    #: The subtype and message of the warning about a missing name.
    missing_name: ClassVar[tuple[str, str]] = (Subtype.MISSING_TITLE, "")

    def name_and_body(self) -> tuple[str, list[nodes.Node], list[Problem]]:
        """The name, the parsed body and the unknown options (with no name, all warned)."""
        unknown = self.unknown_options()
        name = clean_text(self.arguments[0]) if self.arguments else ""
        content = self.parse_content_to_nodes() if self.content else []
        if not name:
            unknown.append(Problem(*self.missing_name))
            self.report(unknown)
        return name, list(content), unknown


class SeriesDirective(NamedDirective):
    """Declare a series once: its defaults apply to every talk that names it."""

    known_options = SERIES_OPTIONS
    missing_name = (Subtype.MISSING_TITLE, "series has no name; write '.. series:: Name'")

    def run(self) -> list[nodes.Node]:
        name, content, unknown = self.name_and_body()
        if not name:
            return content
        options = dict(self.options)
        # Paragraphs joined by blank lines; lines inside a paragraph re-flowed.
        options["description"] = "\n\n".join(
            " ".join(block.split()) for block in plain_text(content).split("\n\n")
        )
        series, errors = series_from_options(
            name, options, docname=self.env.docname, lineno=self.lineno
        )
        self.report(unknown + errors)
        domain = get_domain(self.env)
        domain.add_series(series)
        if domain.settings.private_emails:
            series = without_emails(series)
        section = nodes.container(classes=["seminars-series"], ids=[f"series-{series.slug}"])
        self.set_source_info(section)
        section.extend(content)
        facts = nodes.field_list(classes=["seminars-series-facts"])
        if series.organisers:
            organisers = organiser_nodes(series.organisers, series.organiser_links)
            facts += field(_("Organisers"), organisers, "organisers")
        for name, label, value in (
            ("schedule", _("Usual time"), series.schedule),
            ("where", _("Location"), series.location),
            ("timezone", _("Time zone"), series.timezone or ""),
        ):
            if value and name == "where":
                # Perhaps a venue's key (venues may be declared in other documents).
                get_domain(self.env).add_dependency(self.env.docname, ("ref", "venue", value))
                facts += field(label, [maybe_venue(value, self.env.docname)], name)
            elif value:
                facts += field(label, [nodes.Text(value)], name)
        if series.online:
            # The standing meeting room, as the author wrote it on the series' own page
            # (":hide-online-after:" hides it from talks once they are over, and from
            # the generated pages and exports; see docs/reference/outputs.rst).
            link = nodes.reference("", series.online, refuri=series.online)
            facts += field(_("Online"), [link], "online")
        if len(facts):
            section += facts
        return [section]


class SpeakerDirective(NamedDirective):
    """A speaker's profile: the name as argument, profile options, the bio as body.

    The profile shows where the directive is and on the speaker's generated
    page, and goes into the JSON-LD of the speaker's talks.
    """

    known_options = SPEAKER_OPTIONS
    missing_name = (
        Subtype.BAD_PROFILE,
        "speaker has no name; write '.. speaker:: Name' with the name the talks give",
    )

    def run(self) -> list[nodes.Node]:
        name, content, unknown = self.name_and_body()
        if not name:
            return content
        options: dict[str, Any] = dict(self.options)
        options["bio"] = plain_text(content)
        data, problems = read_profile(
            name, options, photo_base=posixpath.dirname(self.env.docname)
        )
        self.report(
            unknown + [Problem(Subtype.BAD_PROFILE, message, key) for key, message in problems]
        )
        data = dataclasses.replace(data, docname=self.env.docname, lineno=self.lineno)
        get_domain(self.env).add_profile(self.env.docname, data)
        box = nodes.container(classes=["seminars-profile"], ids=[f"speaker-{slugify(name)}"])
        self.set_source_info(box)
        # The name links to the speaker's page once they have talks (a page of its own).
        name_link = xref("speaker", data.name, data.name, self.env.docname)
        name_link["seminars_quiet"] = True
        get_domain(self.env).add_dependency(self.env.docname, ("ref", "speaker", data.name))
        box += nodes.paragraph(
            "", "", nodes.strong("", "", name_link), classes=["seminars-profile-name"]
        )
        photo = ("/" + data.photo if data.photo_local else data.photo) if data.photo else ""
        box.extend(profile_nodes(data, photo, data.name))
        bio = nodes.container(classes=["seminars-speaker-bio"])
        bio.extend(content)
        if len(bio):
            box += bio
        return [box]


def setup_directives(app: Sphinx) -> None:
    app.add_directive("speaker", SpeakerDirective)
    app.add_directive("talk", TalkDirective)
    app.add_directive("bio", BioDirective)
    app.add_directive("series", SeriesDirective)
