"""``<feed_name>.bib`` and ``<feed_name>.csl.json``: one BibTeX ``@misc`` / CSL-JSON
``speech`` per talk, for reference managers (and the "Cite this talk" block)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from ..core.model import Status, Talk
from ..store.i18n import _, _t
from .cache import Pieces
from .site import Site
from .text import clean, plain


def bib_key(talk: Talk) -> str:
    """The BibTeX/CSL key of a talk: its id, with "/" (not allowed by some tools) as ":".

    Ids never contain ":", so distinct ids keep distinct keys.
    """
    return talk.id.replace("/", ":")


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


def _labels() -> tuple[str, ...]:
    """The translated words of entries and items (part of their cache keys)."""
    words = ("Talk, {venue}", "Talk", "Cancelled", "Postponed")
    return tuple(_t(word) for word in words)


def _pieces(
    site: Site, talks: list[Talk], pieces: Pieces | None, kind: str, make: Callable[..., str]
) -> Iterator[bytes]:
    """``make(site, talk, url)`` of each talk (UTF-8), from ``pieces`` when an earlier
    build made it; joined as bytes, so a file is one copy of its pieces, not one per step."""
    pieces = pieces if pieces is not None else Pieces()
    labels = _labels()
    for talk in talks:
        url = site.absolute(site.talk_path(talk))
        key = (kind, pieces.talk(talk), repr(site), url, labels)
        yield pieces.get(key, partial(_encoded, make, site, talk, url))


def _encoded(make: Callable[..., str], *args: object) -> bytes:
    return make(*args).encode()


def bibtex_file(site: Site, talks: list[Talk], pieces: Pieces | None = None) -> bytes:
    """Every talk's entry, each from ``pieces`` when an earlier build made it."""
    # No comment header: BibTeX reads an "@" anywhere outside entries (say, in a
    # project name) as the start of one.
    return b"\n".join(_pieces(site, talks, pieces, "bib", bibtex_entry))


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


def _csl_json(site: Site, talk: Talk, url: str) -> str:
    """A talk's item as the file's list holds it (indented two spaces)."""
    item = json.dumps(csl_item(site, talk, url), ensure_ascii=False, indent=2, sort_keys=True)
    return "\n".join("  " + line for line in item.split("\n"))


def csl_file(site: Site, talks: list[Talk], pieces: Pieces | None = None) -> bytes:
    """Every talk's item, each from ``pieces`` when an earlier build made it: the
    bytes ``json.dumps`` gives for the whole list."""
    if not talks:
        return b"[]\n"
    items = b",\n".join(_pieces(site, talks, pieces, "csl", _csl_json))
    return b"".join([b"[\n", items, b"\n]\n"])
