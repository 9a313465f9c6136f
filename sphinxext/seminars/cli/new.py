"""``sphinx-seminars new``: scaffold a talk file, with the site's defaults.

The site's ``conf.py`` is read as text (its literal ``seminars_*``
assignments), never executed, to learn the time zone, the declared series
and whether the site reads MyST; a site with a single series gets it by
default. Missing title or date are asked for on a terminal.
"""

from __future__ import annotations

import ast
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..core.frontmatter import clean_options
from ..core.model import slugify
from ..core.parsing import InvalidValue, parse_id
from .record import TalkRecord, one_line
from .writer import Format, UnsafeRecord, leaves_root, render, talk_path


@dataclass
class SiteDefaults:
    timezone: str = "UTC"
    series: dict[str, dict[str, Any]] = field(default_factory=dict)
    myst: bool = False


def read_site_defaults(confdir: Path) -> SiteDefaults:
    """Literal ``seminars_*`` values and extensions from ``conf.py``, without running it."""
    defaults = SiteDefaults()
    try:
        tree = ast.parse((confdir / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return defaults
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not isinstance(target, ast.Name):
            continue
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        if target.id == "seminars_timezone" and isinstance(value, str):
            defaults.timezone = value
        elif target.id == "seminars_series" and isinstance(value, dict):
            defaults.series = {str(k): v for k, v in value.items() if isinstance(v, dict)}
        elif target.id == "extensions" and isinstance(value, list | tuple):
            defaults.myst = "myst_parser" in value or "myst_nb" in value
    return defaults


def scaffold(
    values: dict[str, str],
    *,
    title: str,
    abstract: str,
    defaults: SiteDefaults,
    talk_id: str = "",
) -> tuple[TalkRecord | None, list[str], list[str]]:
    """The record for a new talk: (record or None, problems, notes on defaults used)."""
    notes: list[str] = []
    options = {k: one_line(v) for k, v in values.items() if v and v.strip()}
    if "series" not in options and len(defaults.series) == 1:
        options["series"] = next(iter(defaults.series))
        notes.append(f"series: {options['series']} (the site's only series)")
    series = defaults.series.get(options.get("series", ""), {})
    if "timezone" not in options:
        zone = series.get("timezone") or defaults.timezone
        notes.append(f"time zone: {zone} (from conf.py)")
    elif options["timezone"] in (series.get("timezone"), defaults.timezone):
        del options["timezone"]  # the same as the default: leave it to conf.py
    if "location" not in options and series.get("location"):
        notes.append(f"location: {series['location']} (the series' room)")
    title, options, problems, storable = clean_options(title, options)
    messages = [f":{p.option}: {p.message}" if p.option else p.message for p in problems]
    if talk_id:
        try:
            talk_id = parse_id(talk_id)
        except InvalidValue as error:
            messages.append(f"--id: {error.message}")
    if not storable or messages:
        return None, messages, notes
    if not talk_id:
        speaker = options.get("speaker", "").split(";")[0].split("(")[0].split()
        stem = slugify(speaker[-1]) if speaker else slugify(title)[:40].rstrip("-")
        talk_id = f"{stem}-{options['date'][:10]}"
    record = TalkRecord(id=talk_id, title=title, options=options, abstract=abstract)
    return record, [], notes


def run_new(
    args: Any, *, ask: Callable[[str], str] | None = None, err: TextIO | None = None
) -> int:
    """Write a new talk file; 0 on success, 1 when the file exists, 2 on bad values."""
    err = err or sys.stderr
    confdir = Path(args.conf)
    defaults = read_site_defaults(confdir)
    interactive = ask is not None or (sys.stdin.isatty() and not args.no_input)
    ask = ask or input
    title = args.title or ""
    date = args.date or ""
    if interactive:
        if not title:
            title = ask("Title: ").strip()
        if not date:
            date = ask(
                f"Date and time (e.g. {dt.datetime.now(dt.UTC).date().isoformat()} 14:00): "
            ).strip()
        if not args.speaker:
            speaker = ask("Speaker (Name (Affiliation); several separated by ';'): ").strip()
            args.speaker = [speaker] if speaker else []
    values = {
        "date": date,
        "end": args.end or "",
        "duration": args.duration or "",
        "timezone": args.timezone or "",
        "speaker": "; ".join(args.speaker or []),
        "location": args.location or "",
        "online": args.online or "",
        "series": args.series or "",
        "event": args.event or "",
        "tags": args.tags or "",
    }
    if args.id:
        from ..core.parsing import InvalidValue, parse_id

        try:
            args.id = parse_id(args.id)
        except InvalidValue as error:
            err.write(f"error: --id: {error}\n")
            return 2
    record, problems, notes = scaffold(
        values, title=title, abstract=args.abstract or "", defaults=defaults, talk_id=args.id or ""
    )
    if record is None:
        for problem in problems or ["a talk needs a date; give --date 2022-05-25 14:00"]:
            err.write(f"error: {problem}\n")
        return 2
    fmt = Format(args.format) if args.format else (Format.MYST if defaults.myst else Format.RST)
    root = Path(args.output) if args.output else confdir
    try:
        relative = talk_path(record, fmt, args.layout)
        path = root / relative
        text = render(record, fmt)
    except UnsafeRecord as error:
        err.write(f"error: {error}\n")
        return 2
    except (ValueError, KeyError, IndexError) as error:
        err.write(f"error: bad --layout: {error}\n")
        return 2
    if leaves_root(root, relative.as_posix()):
        err.write(f"error: {path} passes through a symbolic link or leaves {root}\n")
        return 2
    if path.exists() and not args.force:
        err.write(f"error: {path} exists; use --force to replace it\n")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    for note in notes:
        err.write(f"{note}\n")
    print(path)
    return 0
