"""What every importer produces: talk records and the problems met on the way.

An importer is a pure function from its input to ``(records, problems)``; the
writer turns records into files. Keeping the two apart means each importer is
tested without touching the disk and every source shares one way of writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..model import slugify


class Level(StrEnum):
    #: The record was imported, but something in it was left out or guessed.
    WARNING = "warning"
    #: The record could not be imported at all.
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, at a file and line (or spreadsheet row)."""

    path: str
    line: int
    level: Level
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


class Markup(StrEnum):
    """How a piece of text in a record is to be written out."""

    #: Plain text: escaped so that nothing in it is read as markup.
    TEXT = "text"
    #: Markdown the author wrote (a Hugo page body): kept for MyST output.
    MARKDOWN = "markdown"


@dataclass(slots=True)
class TalkRecord:
    """A talk as the ``talk`` directive's title, options and body.

    Options hold the directive's own option strings (``"speaker"``,
    ``"date"``...), so whatever an importer reads is checked by the same
    parsers the build uses, and the written file is the directive form.
    """

    id: str
    title: str
    options: dict[str, str] = field(default_factory=dict)
    abstract: str = ""
    abstract_markup: Markup = Markup.TEXT
    bio: str = ""
    #: Page content after the talk (a Hugo page's body).
    notes: str = ""
    notes_markup: Markup = Markup.TEXT
    #: Local files the talk links to: (file to copy, name next to the talk file).
    attachments: list[tuple[Path, str]] = field(default_factory=list)
    #: The talk's identity in its source (a UID) when it has one: keeps the
    #: id stable when the title changes (see :class:`.writer.Writer`).
    key: str = ""
    #: Where the record came from, for messages.
    path: str = ""
    line: int = 0

    @property
    def year(self) -> str:
        match = re.match(r"\d{4}", self.options.get("date", ""))
        return match.group(0) if match else "undated"


_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def stable_id(text: str, limit: int = 60) -> str:
    """A talk id from a UID or slug: the same input always gives the same id.

    Ids already valid (letters, digits, ``.-_``) are kept as they are; others
    are slugified. Long ids are cut and given a short digest of the whole so
    two long UIDs sharing a prefix stay apart.
    """
    value = text.strip()
    if not _ID_OK.match(value):
        value = slugify(value)
    if len(value) > limit:
        import hashlib

        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        value = f"{value[: limit - 9].rstrip('-._')}-{digest}"
    return value


def one_line(text: str) -> str:
    """Option values are single lines: collapse every run of whitespace."""
    return " ".join(str(text).split())


def validate(records: list[TalkRecord], problems: list[Problem]) -> tuple[list[TalkRecord], int]:
    """Check each record with the directive's parsers before anything is written.

    What the build would warn about is reported now, against the input's own
    line, and left out of the file; a record without a usable date cannot be a
    talk and is skipped. Returns the records to write and how many were skipped.
    """
    from ..frontmatter import clean_options

    kept: list[TalkRecord] = []
    skipped = 0
    for record in records:
        title, options, found, storable = clean_options(record.title, dict(record.options))
        for problem in found:
            where = f":{problem.option}: " if problem.option else ""
            level = Level.WARNING if storable else Level.ERROR
            problems.append(Problem(record.path, record.line, level, f"{where}{problem.message}"))
        if not storable:
            problems.append(
                Problem(
                    record.path,
                    record.line,
                    Level.ERROR,
                    f"talk {record.title!r} skipped: no usable date",
                )
            )
            skipped += 1
            continue
        record.title = title
        record.options = options
        kept.append(record)
    return kept, skipped
