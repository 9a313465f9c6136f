"""Papers behind a talk: the nested ``paper`` directive.

A ``paper`` inside a ``talk`` is stored on the talk (:attr:`.model.Talk.papers`,
so speaker pages and exports can list it) and rendered where it stands: title,
authors, venue and year, links (real reference nodes, so ``linkcheck`` checks
them) and the abstract on demand (a ``<details>`` element in HTML, plain
content in other builders).

Builds are offline: nothing is looked up, a paper is exactly what the sources
say. Adjacent papers are grouped in one ``seminars-papers`` block with a
heading, whatever the markup (reST or MyST).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.bibfiles import BibEntry
from ..core.model import Link, LinkKind, Paper, fold
from ..core.parsing import (
    InvalidValue,
    parse_arxiv,
    parse_doi,
    parse_url,
    read_people,
)
from ..core.subtypes import Subtype
from ..store.i18n import _
from .directives import CURRENT_TALK, SeminarsDirective
from .nodes import paper, paper_abstract
from .render import link_nodes, plain_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Options that are links, in the order the links row shows them.
_LINK_OPTIONS: dict[str, LinkKind] = {
    "arxiv": LinkKind.ARXIV,
    "doi": LinkKind.DOI,
    "pdf": LinkKind.PDF,
    "url": LinkKind.URL,
}
_PAPER_OPTIONS = ("key", "authors", "year", "venue", *_LINK_OPTIONS)


def paper_key(item: Paper) -> tuple[str, str]:
    """What makes two papers the same: the folded title and the first link."""
    return (fold(item.title), item.links[0].target if item.links else "")


def is_web_link(link: Link) -> bool:
    """True for absolute http(s) links, the only ones a paper shows."""
    return not link.local and urlsplit(link.target).scheme.lower() in ("http", "https")


def links_row(links: tuple[Link, ...]) -> nodes.paragraph | None:
    """The links of a paper as reference nodes (arXiv gets its PDF too)."""
    row = nodes.paragraph(classes=["seminars-paper-links"])
    row.extend(link_nodes(tuple(link for link in links if is_web_link(link))))
    return row if len(row) else None


def paper_nodes(item: Paper, abstract: list[nodes.Node] | None = None) -> paper:
    """Render a paper the way the seed publication lists show one.

    ``abstract`` is the parsed body when the directive renders it; pages built
    from the stored model (a speaker's page) pass nothing and get the plain
    text of :attr:`.model.Paper.abstract`. Every piece of user text is a
    ``Text`` node, so no builder ever reads it as markup.
    """
    node = paper(classes=["seminars-paper"])
    title = nodes.paragraph(classes=["seminars-paper-title"])
    title += nodes.strong("", item.title)
    node += title
    if item.authors:
        node += nodes.paragraph("", ", ".join(item.authors), classes=["seminars-paper-authors"])
    venue = ", ".join(part for part in (item.venue, item.year) if part)
    if venue:
        node += nodes.paragraph("", venue, classes=["seminars-paper-venue"])
    row = links_row(item.links)
    if row is not None:
        node += row
    if abstract is None and item.abstract:
        abstract = [nodes.paragraph("", part) for part in item.abstract.split("\n\n") if part]
    if abstract:
        body = paper_abstract(classes=["seminars-paper-abstract"])
        body.extend(abstract)
        node += body
    return node


class PaperDirective(SeminarsDirective):
    """A paper behind the talk it is nested in: title as argument, abstract as body."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = _PAPER_OPTIONS

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        state: dict[str, Any] | None = self.env.temp_data.get(CURRENT_TALK)
        if state is None:
            self.warn(
                Subtype.MISPLACED,
                "'paper' must be nested inside a 'talk' directive; indent it under the talk",
            )
        entry = self.bib_entry() if self.options.get("key", "").strip() else BibEntry()
        title = " ".join(self.arguments[0].split()) if self.arguments else entry.title
        if not title:
            self.warn(
                Subtype.MISSING_TITLE, "paper has no title; write '.. paper:: Title of the paper'"
            )
            title = _("Untitled paper")
        # "A, B, and C" is three authors, as in :speaker:, and the reading is reported.
        authors, found = read_people(
            self.options.get("authors", ""), "authors", affiliations=False
        )
        self.report(found)
        item = Paper(
            title=title,
            authors=tuple(dict.fromkeys(authors)) or entry.authors,
            year=" ".join(self.options.get("year", "").split()) or entry.year,
            venue=" ".join(self.options.get("venue", "").split()) or entry.venue,
            links=self.parse_links(entry),
            abstract=entry.abstract,
        )
        abstract = self.parse_content_to_nodes() if self.content else []
        if abstract:
            item = dataclasses.replace(item, abstract=plain_text(abstract))
        if state is not None:
            papers = state.setdefault("papers", [])
            if any(paper_key(given) == paper_key(item) for given in papers):
                # The same paper twice under one talk (an import that merged two
                # sources, say) is shown and stored once, as on speaker pages.
                return []
            papers.append(item)
        node = paper_nodes(item, abstract)
        self.set_source_info(node)
        return [node]

    def bib_entry(self) -> BibEntry:
        """The entry ``:key:`` names in the files of ``seminars_bibfiles``."""
        # pybtex is only imported by sites that take papers from BibTeX files.
        from pybtex.exceptions import PybtexError

        from ..core.bibfiles import read_entries

        key = self.options["key"].strip()
        for name in self.config.seminars_bibfiles:
            path = Path(self.env.srcdir, name)
            # Editing the file re-reads every document that takes an entry from it.
            self.env.note_dependency(str(path))
            try:
                entries = read_entries(path)
            except (OSError, PybtexError) as error:
                self.warn(
                    Subtype.BAD_CONFIG, f"seminars_bibfiles: cannot read {name!r}: {error}", "key"
                )
                continue
            if key in entries:
                return entries[key]
        self.warn(
            Subtype.BAD_OPTION_VALUE,
            f"no entry {key!r} in the files of seminars_bibfiles; check the key "
            "(or give the paper's title and options instead)",
            "key",
        )
        return BibEntry()

    def parse_links(self, entry: BibEntry) -> tuple[Link, ...]:
        """Every link option, each value split on whitespace; bad ones warn at their line.

        A link the options do not give comes from the BibTeX entry, if any.
        """
        links: list[Link] = []
        from_entry = {"doi": entry.doi, "arxiv": entry.arxiv, "url": entry.url}
        for option, kind in _LINK_OPTIONS.items():
            given = self.options.get(option, "") or from_entry.get(option, "")
            for part in given.split():
                try:
                    if kind is LinkKind.ARXIV:
                        link = parse_arxiv(part)
                    elif kind is LinkKind.DOI:
                        link = parse_doi(part)
                    else:
                        link = parse_url(part, kind, allow_local=False)
                        if not is_web_link(link):
                            raise InvalidValue(
                                Subtype.BAD_LINK,
                                f"paper link {part!r} must be an http(s) URL",
                            )
                except InvalidValue as error:
                    self.warn(error.subtype, error.message, option)
                    continue
                links.append(link)
        return tuple(links)


class GroupPapers(SphinxTransform):
    """Wrap adjacent papers in one ``seminars-papers`` block with a heading."""

    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(paper)):
            if "seminars-paper" not in node["classes"] or node.parent is None:
                continue
            parent = node.parent
            if isinstance(parent, paper):
                continue  # already grouped
            siblings = parent.children
            start = siblings.index(node)
            end = start
            while end + 1 < len(siblings) and _is_paper(siblings[end + 1]):
                end += 1
            group = paper(classes=["seminars-papers"])
            group.source, group.line = node.source, node.line
            group += nodes.rubric("", _("Papers"), classes=["seminars-papers-title"])
            members = siblings[start : end + 1]
            for member in members:
                parent.remove(member)
            group.extend(members)
            parent.insert(start, group)


def _is_paper(node: nodes.Node) -> bool:
    return isinstance(node, paper) and "seminars-paper" in node["classes"]


def setup_papers(app: Sphinx) -> None:
    app.add_directive("paper", PaperDirective)
    app.add_transform(GroupPapers)
