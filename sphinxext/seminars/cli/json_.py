"""JSON (or YAML) records to talk records: the site's own ``talks.json`` and others.

``talks.json`` (written by :mod:`..exports`, described by
``schema/talks.schema.json``) is recognised by its ``version`` and ``talks``
keys and read field by field, so importing a built site's export gives back
the same talks. Any other list of records (or ``{"talks": [...]}``,
``{"events": [...]}``) goes through the same field rules as spreadsheets,
with ``--map field=option`` for names those rules do not know.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.frontmatter import option_text
from ..core.model import LinkKind
from .csv_ import ALIASES, build_record, normalise
from .record import Level, Problem, TalkRecord, one_line, stable_id


def _line_index(text: str) -> list[int]:
    """Line where each record of the records list starts (best effort, for messages).

    The list is the top-level array, or the array after a ``"talks"`` key.
    """
    match = re.search(r'"talks"\s*:\s*\[', text)
    begin = match.end() if match else text.find("[") + 1
    if begin <= 0:
        return []
    lines: list[int] = []
    depth = 0
    line = text.count("\n", 0, begin) + 1
    in_string = escaped = False
    expecting = True
    for char in text[begin:]:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char.isspace():
            continue
        if depth == 0 and char == "]":
            break
        if depth == 0 and expecting and char != ",":
            lines.append(line)
            expecting = False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            expecting = True
    return lines


def load(path: Path | str, text: str) -> Any:
    """JSON, or YAML for ``.yaml``/``.yml`` files (PyYAML's safe loader: data only)."""
    if str(path).lower().endswith((".yaml", ".yml")):
        import yaml

        return yaml.safe_load(text)
    return json.loads(text)


def read_json(
    path: Path | str,
    text: str,
    *,
    mapping: Mapping[str, str] | None = None,
    timezone: str | None = None,
    series: str = "",
    day_first: bool = True,
) -> tuple[list[TalkRecord], list[Problem]]:
    name = str(path)
    problems: list[Problem] = []

    def problem(line: int, level: Level, message: str) -> None:
        problems.append(Problem(name, line, level, message))

    try:
        data = load(path, text)
    except Exception as error:  # JSONDecodeError, YAMLError: the file is not data
        line = (
            getattr(error, "lineno", 0)
            or getattr(getattr(error, "problem_mark", None), "line", -1) + 1
        )
        problem(line, Level.ERROR, f"cannot read {name}: {error}")
        return [], problems
    ours = isinstance(data, dict) and "version" in data and isinstance(data.get("talks"), list)
    items: Any = data
    if isinstance(data, dict):
        items = next(
            (
                data[k]
                for k in ("talks", "events", "items", "records")
                if isinstance(data.get(k), list)
            ),
            None,
        )
    if not isinstance(items, list):
        problem(1, Level.ERROR, "expected a list of records, or an object with a 'talks' list")
        return [], problems
    lines = _line_index(text) if not str(path).lower().endswith((".yaml", ".yml")) else []
    if len(lines) != len(items):
        lines = []
    records: list[TalkRecord] = []
    for index, item in enumerate(items):
        line = lines[index] if lines else index + 1
        if not isinstance(item, dict):
            problem(line, Level.ERROR, f"record {index + 1} is not an object; skipped")
            continue
        if ours and not mapping:
            record = talks_json_record(item, path=name, line=line, problem=problem)
        else:
            record = generic_record(
                item,
                path=name,
                line=line,
                problem=problem,
                mapping=mapping or {},
                timezone=timezone,
                series=series,
                day_first=day_first,
            )
        if record is not None:
            records.append(record)
    return records, problems


def generic_record(
    item: Mapping[str, Any],
    *,
    path: str,
    line: int,
    problem: Any,
    mapping: Mapping[str, str],
    timezone: str | None,
    series: str,
    day_first: bool,
) -> TalkRecord | None:
    values: dict[str, str] = {}
    unknown = []
    for key, value in item.items():
        target = mapping.get(normalise(key)) or ALIASES.get(normalise(key))
        if target is None:
            if value not in (None, "", [], {}):
                unknown.append(str(key))
            continue
        if target == "ignore" or value is None:
            continue
        try:
            text = option_text(target, value) if target not in ("abstract", "bio") else str(value)
        except ValueError as error:
            problem(line, Level.WARNING, f"field {key!r}: {error}; left out")
            continue
        values[target] = text
    if unknown:
        problem(
            line,
            Level.WARNING,
            "unknown fields ignored: "
            + ", ".join(sorted(unknown))
            + " (map them with --map FIELD=OPTION)",
        )
    return build_record(
        values,
        path=path,
        line=line,
        problem=problem,
        timezone=timezone,
        series=series,
        day_first=day_first,
    )


def _wall(moment: dt.datetime, zone_name: str) -> tuple[str, str | None]:
    """A talks.json instant as the option text: wall time in its zone, or exact offset."""
    try:
        local = moment.astimezone(ZoneInfo(zone_name))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.isoformat(), None
    fmt = "%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M"
    return local.strftime(fmt), zone_name


def _keep_id(talk_id: str) -> str:
    """The site's own ids are kept as they are (they may hold '/'), so links survive."""
    from ..core.parsing import InvalidValue, parse_id

    try:
        return parse_id(talk_id)
    except InvalidValue:
        return stable_id(talk_id)


def talks_json_record(
    item: Mapping[str, Any], *, path: str, line: int, problem: Any
) -> TalkRecord | None:
    """A record of the extension's own ``talks.json`` (round trip)."""
    talk_id = str(item.get("id") or "")
    title = one_line(item.get("title") or "")
    try:
        start = dt.datetime.fromisoformat(str(item["start"]))
        end = dt.datetime.fromisoformat(str(item["end"])) if item.get("end") else None
    except (KeyError, ValueError):
        problem(line, Level.ERROR, f"talk {talk_id or title!r} has no readable 'start'; skipped")
        return None
    zone_name = str(item.get("timezone") or "UTC")
    options: dict[str, str] = {}
    if item.get("all_day"):
        options["date"] = str(item.get("date") or start.date().isoformat())
        last = str(item.get("last_day") or "")
        if last and last != options["date"]:
            options["end"] = last
    else:
        options["date"], zone = _wall(start, zone_name)
        if zone:
            options["timezone"] = zone
        if end is not None:
            end_text, _ = _wall(end, zone_name)
            options["end"] = (
                end_text[11:] if zone and end_text[:10] == options["date"][:10] else end_text
            )
    speakers = item.get("speakers") or []
    if speakers:
        try:
            options["speaker"] = option_text("speaker", speakers)
        except ValueError as error:
            problem(line, Level.WARNING, f"speakers: {error}; left out")
    for name in ("location", "online", "series", "event", "status"):
        if item.get(name):
            options[name] = one_line(str(item[name]))
    if options.get("status") == "scheduled":
        del options["status"]
    if item.get("tags"):
        options["tags"] = option_text("tags", item["tags"])
    if item.get("joint_with"):
        options["joint-with"] = option_text("joint-with", item["joint_with"])
    links: dict[str, list[str]] = {}
    for link in item.get("links") or []:
        if not isinstance(link, dict):
            continue
        kind = str(link.get("kind", ""))
        if kind not in {k.value for k in LinkKind}:
            problem(line, Level.WARNING, f"unknown link kind {kind!r}; left out")
            continue
        target = (
            link.get("ident")
            if kind in ("arxiv", "doi") and link.get("ident")
            else link.get("url")
        )
        if not target:
            problem(
                line,
                Level.WARNING,
                f"{kind} link to a file of the site ({link.get('path')}) has no URL "
                "(set html_baseurl when building the export); left out",
            )
            continue
        links.setdefault(kind, []).append(str(target))
    for kind, targets in links.items():
        options[kind] = " ".join(targets)
    if item.get("papers"):
        problem(
            line,
            Level.WARNING,
            f"{len(item['papers'])} papers of talk {talk_id!r} not imported; add them by hand",
        )
    return TalkRecord(
        id=_keep_id(talk_id) if talk_id else stable_id(f"{options['date'][:10]}-{title}"),
        title=title,
        options=options,
        abstract=str(item.get("abstract") or ""),
        bio=str(item.get("bio") or ""),
        path=path,
        line=line,
    )
