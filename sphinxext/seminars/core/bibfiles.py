"""Papers from BibTeX files: ``seminars_bibfiles`` and the ``paper`` directive's ``:key:``.

A group often has its publication list as a ``.bib`` file already; a talk then
names the entry (``.. paper:: :key: zdeborova2019``) instead of copying it.
The files are read with pybtex (what sphinxcontrib-bibtex uses), once per
build and file version, and every document that names an entry depends on
the file, so editing it re-reads those documents.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .parsing import clean_text


@dataclass(frozen=True, slots=True)
class BibEntry:
    """What a ``paper`` takes from a BibTeX entry (options may override each)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    year: str = ""
    venue: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    abstract: str = ""


# (path, modification time) -> entries by key; files do not change within a build.
_READ: dict[tuple[str, int], dict[str, BibEntry]] = {}


def plain(text: str) -> str:
    """BibTeX/LaTeX text as plain Unicode (``Zdeborov{\\'a}`` -> ``Zdeborová``)."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from pybtex.exceptions import PybtexError
    from pybtex.markup import LaTeXParser

    try:
        decoded: str = codecs.decode(text, "ulatex")  # type: ignore[call-overload]
        return clean_text(LaTeXParser(decoded).parse().render_as("text"))
    except (ValueError, PybtexError):
        return clean_text(text.replace("{", "").replace("}", ""))


def read_entries(path: Path) -> dict[str, BibEntry]:
    """Every entry of one file by key. Raises ``OSError`` or ``PybtexError``."""
    from pybtex.database import parse_file

    stamp = (str(path), path.stat().st_mtime_ns)
    if stamp not in _READ:
        data = parse_file(str(path), "bibtex")
        _READ[stamp] = {key: _entry(entry) for key, entry in data.entries.items()}
    return _READ[stamp]


def _entry(entry: object) -> BibEntry:
    fields = entry.fields  # type: ignore[attr-defined]
    persons = entry.persons.get("author", [])  # type: ignore[attr-defined]
    authors = tuple(
        plain(" ".join([*p.first_names, *p.middle_names, *p.prelast_names, *p.last_names]))
        for p in persons
    )
    archive = str(fields.get("archiveprefix", fields.get("eprinttype", ""))).lower()
    return BibEntry(
        title=plain(str(fields.get("title", ""))),
        authors=authors,
        year=plain(str(fields.get("year", ""))),
        venue=plain(str(fields.get("journal", fields.get("booktitle", "")))),
        doi=str(fields.get("doi", "")).strip(),
        arxiv=str(fields.get("eprint", "")).strip() if archive == "arxiv" else "",
        url=str(fields.get("url", "")).strip(),
        abstract=plain(str(fields.get("abstract", ""))),
    )
