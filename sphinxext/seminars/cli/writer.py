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
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..core.frontmatter import myst_block, ordered_options
from ..core.model import slugify
from .markdown_ import safe_markdown
from .record import Level, Markup, Problem, TalkRecord
from .text import drop_controls, escape_myst, escape_rst

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


def _text_for(
    fmt: Format, text: str, markup: Markup, keep_html: bool, found: Counter[str], headings: bool
) -> str:
    if not text.strip():
        return ""
    if markup is Markup.MARKDOWN and fmt is not Format.RST:
        written, met = safe_markdown(text, keep_html=keep_html, headings=headings)
        found.update(met)
        return written
    return escape_rst(text) if fmt is Format.RST else escape_myst(text)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else "" for line in text.split("\n"))


# A line docutils reads as a field (an option) inside a directive's arguments.
_FIELD_MARKER = re.compile(r"^:(?![: ])([^:\\]|\\.|:(?!([ `]|$)))*(?<! ):( +|$)")


class UnsafeRecord(ValueError):
    """The record cannot be written in this format without changing its meaning."""


def render(
    record: TalkRecord,
    fmt: Format,
    *,
    keep_html: bool = False,
    found: Counter[str] | None = None,
) -> str:
    """The whole file for one talk; the same record always gives the same bytes.

    Markdown (a Hugo body) is re-written from its parsed tree
    (:func:`.markdown_.safe_markdown`); what was made text is counted in
    ``found``. Raises :class:`UnsafeRecord` when the talk cannot be written
    safely in ``fmt`` (a reST title that docutils would read as an option).
    """
    found = Counter() if found is None else found
    options = {"id": record.id, **record.options}
    abstract = _text_for(
        fmt, record.abstract, record.abstract_markup, keep_html, found, headings=False
    )
    bio = _text_for(fmt, record.bio, Markup.TEXT, keep_html, found, headings=False)
    notes = _text_for(fmt, record.notes, record.notes_markup, keep_html, found, headings=True)
    title = " ".join(record.title.split()) or "TBA"
    if fmt is Format.RST:
        if _FIELD_MARKER.match(title):
            raise UnsafeRecord(
                f"title {title!r} would be read as an option in reST; "
                "import with --format myst, or fix the title in the source"
            )
        written = ordered_options(options)
        lines = [f".. talk:: {title}"]
        lines += [f"   :{name}: {value}" for name, value in written]
        if abstract:
            lines += ["", _indent(abstract, "   ")]
        if bio:
            lines += ["", "   .. bio::", "", _indent(bio, "      ")]
        text = "\n".join(lines) + "\n"
        if notes:
            text += "\n" + notes + "\n"
        # What docutils will read: one title line, then exactly our options.
        head = text.split("\n")[: 1 + len(written) + 1]
        if head[1 + len(written)].strip() or any(
            not line.startswith(f"   :{name}: ")
            for line, (name, _) in zip(head[1:], written, strict=False)
        ):
            raise UnsafeRecord("options cannot be written as reST")
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
    #: Talks whose title changed in the source but kept their id.
    renamed: int = 0
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
        if self.renamed:
            text += f"; {self.renamed} renamed"
        warnings = sum(1 for p in self.problems if p.level is Level.WARNING)
        if warnings:
            text += f"; {warnings} warnings"
        return text

    @property
    def failed(self) -> bool:
        return any(p.level is Level.ERROR for p in self.problems)


def _safe_relative(text: str) -> bool:
    """A manifest path: relative, POSIX, no ``..``, no drive, no control characters."""
    if not text or "\\" in text or "\x00" in text or text.startswith("/") or ":" in text:
        return False
    parts = text.split("/")
    return all(part not in ("", ".", "..") for part in parts)


def leaves_root(root: Path, relative: str) -> bool:
    """True when ``root/relative`` is, or goes through, a symbolic link, or leaves ``root``."""
    path = root
    for part in Path(relative).parts:
        if part in ("..", "/") or Path(part).is_absolute():
            return True
        path = path / part
        if path.is_symlink():
            return True
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


class Writer:
    """Writes records under ``root``, keeping the manifest of written files.

    Every path read, written or deleted is checked to lie inside ``root``
    without passing through a symbolic link: a manifest entry or a layout that
    points elsewhere is refused with a warning, never followed.
    """

    def __init__(
        self,
        root: Path,
        fmt: Format = Format.MYST,
        layout: str = DEFAULT_LAYOUT,
        *,
        force: bool = False,
        dry_run: bool = False,
        keep_html: bool = False,
    ) -> None:
        self.root = root
        self.fmt = fmt
        self.layout = layout
        self.force = force
        self.dry_run = dry_run
        self.keep_html = keep_html
        self.manifest_path = root / MANIFEST
        #: Problems met reading the manifest, reported with the first write.
        self.problems: list[Problem] = []
        self.files: dict[str, dict[str, str]] = self._read_manifest()
        #: Talk id -> manifest paths holding it; source key -> (path, id).
        self.by_id: dict[str, set[str]] = {}
        self.by_key: dict[str, tuple[str, str]] = {}
        for relative, entry in self.files.items():
            self._index(relative, entry)

    # -- the manifest ---------------------------------------------------------------

    def _index(self, relative: str, entry: dict[str, str]) -> None:
        if entry.get("id"):
            self.by_id.setdefault(entry["id"], set()).add(relative)
        if entry.get("key"):
            self.by_key[entry["key"]] = (relative, entry.get("id", ""))

    def _unindex(self, relative: str) -> None:
        entry = self.files.pop(relative, None)
        if not entry:
            return
        paths = self.by_id.get(entry.get("id", ""))
        if paths:
            paths.discard(relative)
        key = entry.get("key")
        if key and self.by_key.get(key, ("",))[0] == relative:
            del self.by_key[key]

    def _read_manifest(self) -> dict[str, dict[str, str]]:
        where = str(self.manifest_path)
        if self.manifest_path.is_symlink():
            self.problems.append(
                Problem(where, 0, Level.WARNING, "the manifest is a symbolic link; not read")
            )
            return {}
        try:
            raw = self.manifest_path.read_text(encoding="utf-8")
            data = json.loads(raw)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as error:
            self.problems.append(
                Problem(where, 0, Level.WARNING, f"cannot read the manifest ({error}); ignored")
            )
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            self.problems.append(
                Problem(where, 0, Level.WARNING, "the manifest has no 'files' mapping; ignored")
            )
            return {}
        kept: dict[str, dict[str, str]] = {}
        refused = 0
        for path, entry in files.items():
            if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)):
                continue
            reason = ""
            if not _safe_relative(str(path)):
                reason = "not a relative path inside the output folder"
            elif self._outside(str(path)):
                reason = "passes through a symbolic link or leaves the output folder"
            if reason:
                refused += 1
                if refused > 20:
                    continue
                offset = raw.find(json.dumps(str(path)))
                self.problems.append(
                    Problem(
                        where,
                        raw.count("\n", 0, offset) + 1 if offset >= 0 else 0,
                        Level.WARNING,
                        f"manifest entry {str(path)!r} refused ({reason}); "
                        "the file is left alone, never deleted",
                    )
                )
                continue
            kept[str(path)] = {k: str(v) for k, v in entry.items() if isinstance(v, str)}
        if refused > 20:
            self.problems.append(
                Problem(where, 0, Level.WARNING, f"{refused - 20} more manifest entries refused")
            )
        return kept

    def _outside(self, relative: str) -> bool:
        return leaves_root(self.root, relative)

    def save(self) -> None:
        if self.dry_run:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"version": MANIFEST_VERSION, "files": dict(sorted(self.files.items()))}
        temporary = self.manifest_path.with_suffix(".tmp")
        if temporary.is_symlink():
            temporary.unlink()
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

    # -- writing ----------------------------------------------------------------------

    @staticmethod
    def source_key(record: TalkRecord) -> str:
        """What identifies a talk in its source when its title (and so its id) changes."""
        if record.key:
            return f"uid:{record.key}"
        date = record.options.get("date", "")
        return f"at:{date}|{record.options.get('series', '')}" if date else ""

    def write_all(
        self,
        records: list[TalkRecord],
        report: Report,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        report.problems += self.problems
        self.problems = []
        keys = Counter(self.source_key(record) for record in records)
        ids = {record.id for record in records}
        seen: dict[str, TalkRecord] = {}
        for number, record in enumerate(records, 1):
            if progress:
                progress(number, len(records))
            self._scrub(record, report)
            key = self.source_key(record)
            known = self.by_key.get(key) if key and keys[key] == 1 else None
            if known and known[1] and known[1] != record.id and known[1] not in ids:
                # The source renamed the talk: keep the id the site already uses.
                old_title = self.files.get(known[0], {}).get("title", "")
                report.problems.append(
                    Problem(
                        record.path,
                        record.line,
                        Level.WARNING,
                        f"talk {known[1]!r} renamed in the source "
                        f"({old_title!r} -> {record.title!r}); kept its id",
                    )
                )
                report.renamed += 1
                ids.add(known[1])
                record.id = known[1]
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
            self.write(record, report, key=key)

    def _scrub(self, record: TalkRecord, report: Report) -> None:
        """Control characters (NUL...) never reach a written source."""
        dropped = 0
        record.title, count = drop_controls(record.title)
        dropped += count
        for name, value in list(record.options.items()):
            record.options[name], count = drop_controls(value)
            dropped += count
        for attribute in ("abstract", "bio", "notes"):
            value, count = drop_controls(getattr(record, attribute))
            setattr(record, attribute, value)
            dropped += count
        if dropped:
            report.problems.append(
                Problem(
                    record.path,
                    record.line,
                    Level.WARNING,
                    f"{dropped} control characters (NUL, escape...) dropped",
                )
            )

    def _refuse(self, record: TalkRecord, report: Report, message: str, reason: str) -> Outcome:
        report.problems.append(Problem(record.path, record.line, Level.ERROR, message))
        report.skip(reason, record)
        return Outcome.SKIPPED

    def write(self, record: TalkRecord, report: Report, *, key: str = "") -> Outcome:
        try:
            relative_path = talk_path(record, self.fmt, self.layout)
        except (ValueError, KeyError, IndexError) as error:
            return self._refuse(record, report, f"bad layout: {error}", "bad layout")
        relative = relative_path.as_posix()
        if self._outside(relative):
            return self._refuse(
                record,
                report,
                f"{relative} passes through a symbolic link or leaves the output folder; "
                "not written",
                "outside the output folder",
            )
        # Attachments go into a folder per talk: two talks' slides.pdf never meet.
        folder = relative_path.stem
        renames = {name: f"{folder}/{name}" for _source, name in record.attachments}
        if renames:
            for option, value in list(record.options.items()):
                targets = value.split(" ")
                if any(t in renames for t in targets):
                    record.options[option] = " ".join(renames.get(t, t) for t in targets)
        found: Counter[str] = Counter()
        try:
            data = render(record, self.fmt, keep_html=self.keep_html, found=found).encode("utf-8")
        except UnsafeRecord as error:
            return self._refuse(record, report, f"{error}; skipped", "cannot be written safely")
        self._report_found(record, report, found)

        # A talk whose date moved to another year has an older file elsewhere.
        for old in sorted(self.by_id.get(record.id, ())):
            if old == relative:
                continue
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
            report.problems.append(
                Problem(record.path, record.line, Level.WARNING, f"moved {old} to {relative}")
            )
            self._unindex(old)

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
                self._copy(record, report, source, f"{folder}/{name}", target.parent)
        self._unindex(relative)
        entry = {"sha256": _digest(data), "id": record.id, "title": record.title}
        if key:
            entry["key"] = key
        self.files[relative] = entry
        self._index(relative, entry)
        report.outcomes[outcome] += 1
        report.written.append(target)
        return outcome

    def _copy(
        self, record: TalkRecord, report: Report, source: Path, name: str, folder: Path
    ) -> None:
        destination = folder / name
        relative = destination.relative_to(self.root).as_posix()
        if source.is_symlink() or self._outside(relative):
            report.problems.append(
                Problem(
                    record.path,
                    record.line,
                    Level.WARNING,
                    f"attachment {name!r}: a symbolic link, or outside the output folder; "
                    "not copied",
                )
            )
            return
        if not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination, follow_symlinks=False)

    @staticmethod
    def _report_found(record: TalkRecord, report: Report, found: Counter[str]) -> None:
        messages = {
            "directive": "code fences naming a directive written as plain code",
            "html": "pieces of raw HTML written as text (--keep-html keeps them; unsafe)",
            "link": "links to other than http(s)/mailto written as their text",
            "image": "images not on http(s) written as their text",
        }
        for kind, count in sorted(found.items()):
            report.problems.append(
                Problem(record.path, record.line, Level.WARNING, f"{count} {messages[kind]}")
            )
