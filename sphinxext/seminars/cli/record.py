"""What every importer produces: talk records and the problems met on the way.

An importer is a pure function from its input to ``(records, problems)``; the
writer turns records into files. Keeping the two apart means each importer is
tested without touching the disk and every source shares one way of writing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..core.model import slugify


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


@dataclass(frozen=True, slots=True)
class Source:
    """One value of a source record: its field, its text and the option it feeds."""

    field: str
    value: str
    #: Option, ``title``/``abstract``/``bio``/``time``/``affiliation``, ``ignore``
    #: (left out on purpose) or ``None`` (nothing takes it).
    target: str | None
    line: int = 0


def shown(value: Any, limit: int = 200) -> str:
    """A value as the report quotes it: one line, cut at ``limit`` characters."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except (RecursionError, ValueError):  # a hostile nesting, or an int too long to print
        text = f"<{type(value).__name__}>"
    text = " ".join(text[: limit * 2].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    #: Every value the source held for this talk, for the migration report.
    sources: list[Source] = field(default_factory=list)
    #: Why a source field (by name) or a target (by option name) was left out.
    drop_reasons: dict[str, str] = field(default_factory=dict)
    #: The rules that found this talk's speaker (or series) in its text.
    rules: list[str] = field(default_factory=list)

    def source(self, name: str, value: Any, target: str | None, line: int = 0) -> None:
        """Note a source value and where it should land (``None``: nowhere)."""
        text = value if isinstance(value, str) else shown(value, 10_000)
        self.sources.append(Source(str(name), text, target, line or self.line))

    def drop(self, key: str, reason: str) -> None:
        self.drop_reasons.setdefault(key, reason)

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
    from ..core.frontmatter import clean_options

    kept: list[TalkRecord] = []
    skipped = 0
    for record in records:
        title, options, found, storable = clean_options(record.title, dict(record.options))
        for problem in found:
            if problem.option:
                record.drop(problem.option, problem.message)
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


# -- the migration report ------------------------------------------------------------

#: How many dropped values of each field the report quotes.
EXAMPLES = 3


@dataclass(slots=True)
class Tally:
    """What became of the values of one source field."""

    kept: int = 0
    converted: int = 0
    dropped: int = 0
    ignored: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kept": self.kept,
            "converted": self.converted,
            "dropped": self.dropped,
            "ignored": self.ignored,
            "dropped_examples": self.examples,
        }


def _landed(record: TalkRecord, target: str) -> str | None:
    """The text a target holds in the finished record (``None``: not there)."""
    if target == "title":
        value = record.title
    elif target in ("abstract", "bio", "notes"):
        value = getattr(record, target)
    elif target == "id":
        value = record.id
    elif target == "time":
        value = record.options.get("date", "")
    elif target == "affiliation":
        value = record.options.get("speaker", "")
    else:
        value = record.options.get(target, "")
    return value if value.strip() else None


class Ledger:
    """Per source field, how many values were kept, converted, dropped or ignored.

    Every value an importer read is accounted for once: it reached the talk
    as it was (*kept*), reached it in another form (*converted*: a date
    written in ISO form, a speaker with the affiliation added), was left out
    on purpose (*ignored*: ``--map FIELD=ignore``, calendar bookkeeping such as
    ``DTSTAMP``) or was lost (*dropped*, with the first examples and their
    line). A whole record that could not be imported counts as a drop of the
    field ``(record)``.
    """

    def __init__(self) -> None:
        self.fields: dict[str, Tally] = {}
        self.records_read = 0
        self.talks_written = 0
        self.rules: Counter[str] = Counter()
        self.notes: list[str] = []
        #: Records whose file was edited since the last import, left as edited.
        self.held = 0

    def tally(self, name: str) -> Tally:
        if name not in self.fields:
            self.fields[name] = Tally()
        return self.fields[name]

    def drop(self, name: str, value: str, path: str, line: int, reason: str) -> None:
        tally = self.tally(name)
        tally.dropped += 1
        if len(tally.examples) < EXAMPLES:
            tally.examples.append(
                {"value": shown(value), "path": path, "line": line, "reason": reason}
            )

    def account(
        self, record: TalkRecord, written: bool = True, reason: str = "", held: bool = False
    ) -> None:
        """Count every source value of a record that was written (or skipped).

        ``held``: the record was not written because its file was edited by
        hand since the last import; the talk is there, in the author's words,
        so nothing is lost and nothing is counted as dropped.
        """
        self.records_read += 1
        for rule in record.rules:
            self.rules[rule] += 1
        if held:
            self.held += 1
            return
        if not written:
            self.drop("(record)", record.title or record.id, record.path, record.line, reason)
            for source in record.sources:
                if source.target != "ignore":
                    self.drop(source.field, source.value, record.path, source.line, reason)
            return
        self.talks_written += 1
        for source in record.sources:
            target = source.target
            if target == "ignore":
                self.tally(source.field).ignored += 1
                continue
            why = record.drop_reasons.get(source.field) or (
                record.drop_reasons.get(target) if target else None
            )
            landed = _landed(record, target) if target and not why else None
            if landed is None:
                why = why or (
                    "no talk option takes it; map it with --map FIELD=OPTION"
                    if target is None
                    else f"left out of :{target}:"
                )
                self.drop(source.field, source.value, record.path, source.line, why)
            elif one_line(landed) == one_line(source.value):
                self.tally(source.field).kept += 1
            else:
                self.tally(source.field).converted += 1

    def skipped_reading(self, problem: Problem) -> None:
        """A record the reader could not turn into a talk at all."""
        self.records_read += 1
        self.drop("(record)", "", problem.path, problem.line, problem.message)

    @property
    def dropped(self) -> int:
        return sum(t.dropped for t in self.fields.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "records_read": self.records_read,
            "talks_written": self.talks_written,
            "talks_held_back": self.held,
            "dropped": self.dropped,
            "fields": {name: self.fields[name].as_dict() for name in sorted(self.fields)},
            "text_rules": dict(sorted(self.rules.items())),
            "notes": list(self.notes),
        }

    def text(self) -> str:
        """The report as lines for the terminal."""
        lines = [
            f"migration report: {self.records_read} records read, "
            f"{self.talks_written} talks written, {self.dropped} values dropped"
            + (
                f", {self.held} talks held back (edited since the last import)"
                if self.held
                else ""
            )
        ]
        for name in sorted(self.fields):
            tally = self.fields[name]
            counts = ", ".join(
                f"{number} {word}"
                for number, word in (
                    (tally.kept, "kept"),
                    (tally.converted, "converted"),
                    (tally.dropped, "dropped"),
                    (tally.ignored, "ignored"),
                )
                if number
            )
            lines.append(f"  {name}: {counts}")
            for example in tally.examples:
                where = (
                    f"{example['path']}:{example['line']}" if example["line"] else example["path"]
                )
                shown = f" {example['value']!r}" if example["value"] else ""
                lines.append(f"    dropped at {where}:{shown} ({example['reason']})")
        if self.rules:
            lines.append(
                "  found in titles and descriptions: "
                + ", ".join(f"{n} {rule}" for rule, n in sorted(self.rules.items()))
            )
        lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)


# -- reading sources safely ------------------------------------------------------------


def decode(data: bytes, encoding: str | None, path: str, problems: list[Problem]) -> str | None:
    """Bytes as text: UTF-8 (with or without BOM), else cp1252 with a warning.

    ``encoding`` forces one (Python's codec names). Latin-1 is never guessed:
    it reads every byte, so a cp1252 file's quotes and dashes would become
    control characters without a word.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            problems.append(Problem(path, 0, Level.ERROR, f"--encoding: no codec {encoding!r}"))
            return None
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            problems.append(
                Problem(
                    path,
                    line,
                    Level.ERROR,
                    f"not {encoding}: byte {data[error.start]:#04x} cannot be read; "
                    "give the file's encoding with --encoding",
                )
            )
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        problems.append(
            Problem(
                path,
                line,
                Level.ERROR,
                "neither UTF-8 nor Windows-1252; give the file's encoding with --encoding",
            )
        )
        return None
    problems.append(
        Problem(
            path,
            line,
            Level.WARNING,
            "not UTF-8: read as Windows-1252 (cp1252), as Excel saves; "
            "pass --encoding if it is another",
        )
    )
    return text


def guarded(
    reader: Callable[..., tuple[list[TalkRecord], list[Problem]]],
) -> Callable[..., tuple[list[TalkRecord], list[Problem]]]:
    """A reader entry point that never raises: a failure is a problem at its file.

    Each reader handles the problems it knows at their line; this is the last
    net, for what no rule foresaw (an overflow deep in a library, a recursion
    limit), so an import reports instead of printing a traceback.
    """
    import functools

    @functools.wraps(reader)
    def wrapper(path: Any, *args: Any, **kwargs: Any) -> tuple[list[TalkRecord], list[Problem]]:
        try:
            return reader(path, *args, **kwargs)
        except (Exception, RecursionError, MemoryError) as error:
            kind = type(error).__name__
            return [], [
                Problem(
                    str(path),
                    0,
                    Level.ERROR,
                    f"cannot import this file ({kind}: {shown(str(error), 160)}); "
                    "nothing was read from it",
                )
            ]

    return wrapper


def too_deep(value: Any, limit: int = 16) -> bool:
    """True when lists and mappings nest deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
    return False
