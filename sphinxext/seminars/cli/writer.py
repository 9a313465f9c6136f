"""Talk records to files: reST, MyST or MyST front matter, never clobbering edits.

Each file's path comes from a layout (``talks/{year}/{id}.md`` by default) and
the talk's stable id, so importing the same source again finds the same file.
The output root keeps a manifest (``.seminars-import.json``) of the hash of
every file the importer wrote: a file whose bytes no longer match was edited
by someone, and is left alone unless ``--force`` is given.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..frontmatter import myst_block, ordered_options
from ..model import slugify
from .record import Level, Markup, Problem, TalkRecord
from .text import escape_myst, escape_rst, neutralise_markdown

MANIFEST = ".seminars-import.json"
MANIFEST_VERSION = 1


class Format(StrEnum):
    RST = "rst"
    MYST = "myst"
    #: A MyST page whose front matter holds the talk (see :mod:`..frontmatter`).
    MYST_FRONTMATTER = "myst-frontmatter"

    @property
    def suffix(self) -> str:
        return ".rst" if self is Format.RST else ".md"


DEFAULT_LAYOUT = "talks/{year}/{id}{ext}"


# -- rendering ----------------------------------------------------------------


def _text_for(fmt: Format, text: str, markup: Markup) -> str:
    if not text.strip():
        return ""
    if markup is Markup.MARKDOWN and fmt is not Format.RST:
        return neutralise_markdown(text)[0]
    return escape_rst(text) if fmt is Format.RST else escape_myst(text)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else "" for line in text.split("\n"))


def render(record: TalkRecord, fmt: Format) -> str:
    """The whole file for one talk; the same record always gives the same bytes."""
    options = {"id": record.id, **record.options}
    abstract = _text_for(fmt, record.abstract, record.abstract_markup)
    bio = _text_for(fmt, record.bio, Markup.TEXT)
    notes = _text_for(fmt, record.notes, record.notes_markup)
    title = " ".join(record.title.split()) or "TBA"
    if fmt is Format.RST:
        lines = [f".. talk:: {title}"]
        lines += [f"   :{name}: {value}" for name, value in ordered_options(options)]
        if abstract:
            lines += ["", _indent(abstract, "   ")]
        if bio:
            lines += ["", "   .. bio::", "", _indent(bio, "      ")]
        text = "\n".join(lines) + "\n"
        if notes:
            text += "\n" + notes + "\n"
        return text
    if fmt is Format.MYST:
        text = myst_block(title, options, abstract, bio)
        if notes:
            text += "\n" + notes + "\n"
        return text
    import yaml

    talk: dict[str, str] = {"title": title}
    talk.update(ordered_options(options))
    if abstract:
        talk["abstract"] = abstract + "\n"
    if bio:
        talk["bio"] = bio + "\n"

    class Dumper(yaml.SafeDumper):
        """Multi-line text as literal blocks (``|``), readable and easy to edit."""

    def literal_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, literal_text)
    front = yaml.dump(
        {"talk": talk},
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=False,
    )
    text = f"---\n{front}---\n"
    if notes:
        text += "\n" + notes + "\n"
    return text


def talk_path(record: TalkRecord, fmt: Format, layout: str) -> Path:
    """The file of a talk under the output root, from the layout's placeholders."""
    date = record.options.get("date", "")
    fields = {
        "id": record.id.replace("/", "-"),
        "year": record.year,
        "month": date[5:7] if len(date) >= 7 else "00",
        "date": date[:10] if len(date) >= 10 else "undated",
        "series": slugify(record.options.get("series", ""))
        if record.options.get("series")
        else "no-series",
        "ext": fmt.suffix,
    }
    relative = layout.format(**fields)
    if not Path(relative).suffix:
        relative += fmt.suffix
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"layout {layout!r} must give a path inside the output folder")
    return path


# -- writing ------------------------------------------------------------------


class Outcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Report:
    """What an import did, for the summary line."""

    outcomes: Counter[Outcome] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    #: Records the writer did not write (by ``id()``), and why: for the migration report.
    not_written: dict[int, str] = field(default_factory=dict)

    def skip(self, reason: str, record: TalkRecord | None = None) -> None:
        self.outcomes[Outcome.SKIPPED] += 1
        self.reasons[reason] += 1
        if record is not None:
            self.not_written[id(record)] = reason

    def summary(self) -> str:
        total = sum(self.outcomes.values())
        parts = [f"{self.outcomes[o]} {o.value}" for o in Outcome if o is not Outcome.SKIPPED]
        skipped = self.outcomes[Outcome.SKIPPED]
        text = f"{total} talks: " + ", ".join(parts) + f", {skipped} skipped"
        if self.reasons:
            text += " (" + "; ".join(f"{n} {r}" for r, n in sorted(self.reasons.items())) + ")"
        warnings = sum(1 for p in self.problems if p.level is Level.WARNING)
        if warnings:
            text += f"; {warnings} warnings"
        return text

    @property
    def failed(self) -> bool:
        return any(p.level is Level.ERROR for p in self.problems)


class Writer:
    """Writes records under ``root``, keeping the manifest of written files."""

    def __init__(
        self,
        root: Path,
        fmt: Format = Format.MYST,
        layout: str = DEFAULT_LAYOUT,
        *,
        force: bool = False,
        dry_run: bool = False,
    ) -> None:
        self.root = root
        self.fmt = fmt
        self.layout = layout
        self.force = force
        self.dry_run = dry_run
        self.manifest_path = root / MANIFEST
        self.files: dict[str, dict[str, str]] = self._read_manifest()

    def _read_manifest(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            return {}
        return {
            str(path): entry
            for path, entry in files.items()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
        }

    def save(self) -> None:
        if self.dry_run:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"version": MANIFEST_VERSION, "files": dict(sorted(self.files.items()))}
        temporary = self.manifest_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, self.manifest_path)

    def _edited(self, relative: str) -> bool:
        """True when the file on disk is not the one the last import wrote."""
        entry = self.files.get(relative)
        path = self.root / relative
        if not path.exists():
            return False
        current = _digest(path.read_bytes())
        return entry is None or entry["sha256"] != current

    def write_all(
        self,
        records: list[TalkRecord],
        report: Report,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        seen: dict[str, TalkRecord] = {}
        for number, record in enumerate(records, 1):
            if progress:
                progress(number, len(records))
            if record.id in seen:
                first = seen[record.id]
                report.problems.append(
                    Problem(
                        record.path,
                        record.line,
                        Level.ERROR,
                        f"talk id {record.id!r} already used by {first.path}:{first.line}; skipped",
                    )
                )
                report.skip("duplicate id", record)
                continue
            seen[record.id] = record
            self.write(record, report)

    def write(self, record: TalkRecord, report: Report) -> Outcome:
        try:
            relative_path = talk_path(record, self.fmt, self.layout)
        except (ValueError, KeyError, IndexError) as error:
            report.problems.append(
                Problem(record.path, record.line, Level.ERROR, f"bad layout: {error}")
            )
            report.skip("bad layout", record)
            return Outcome.SKIPPED
        relative = relative_path.as_posix()
        data = render(record, self.fmt).encode("utf-8")

        # A talk whose date moved to another year has an older file elsewhere.
        for old, entry in list(self.files.items()):
            if entry.get("id") == record.id and old != relative:
                if self._edited(old) and not self.force:
                    report.problems.append(
                        Problem(
                            record.path,
                            record.line,
                            Level.WARNING,
                            f"talk {record.id!r} now belongs in {relative}, but {old} was edited "
                            "since the last import; kept it (use --force to move it)",
                        )
                    )
                    report.skip("edited since last import", record)
                    return Outcome.SKIPPED
                if not self.dry_run:
                    (self.root / old).unlink(missing_ok=True)
                del self.files[old]

        target = self.root / relative
        outcome = Outcome.NEW
        if target.exists():
            current = target.read_bytes()
            if current == data:
                outcome = Outcome.UNCHANGED
            elif self._edited(relative) and not self.force:
                reason = (
                    "edited since last import"
                    if relative in self.files
                    else "not written by an import"
                )
                report.problems.append(
                    Problem(
                        record.path,
                        record.line,
                        Level.WARNING,
                        f"{relative} {reason}; kept it (use --force to overwrite)",
                    )
                )
                report.skip(reason, record)
                return Outcome.SKIPPED
            else:
                outcome = Outcome.UPDATED
        if not self.dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            if outcome is not Outcome.UNCHANGED:
                target.write_bytes(data)
            for source, name in record.attachments:
                destination = target.parent / name
                if not destination.exists():
                    shutil.copyfile(source, destination)
        self.files[relative] = {"sha256": _digest(data), "id": record.id}
        report.outcomes[outcome] += 1
        report.written.append(target)
        return outcome
