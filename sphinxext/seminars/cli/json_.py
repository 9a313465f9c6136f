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
from ..core.sources import read_instant, record_lines
from .cells import infer_order
from .csv_ import ALIASES, build_record, normalise, warn_ambiguous
from .record import (
    Level,
    Problem,
    TalkRecord,
    guarded,
    one_line,
    shown,
    stable_id,
    too_deep,
)

#: Keys under which a file's records usually sit.
RECORD_KEYS = ("talks", "events", "seminars", "items", "records", "entries")
#: Deepest nesting of lists and mappings read from YAML (a talk needs four).
MAX_DEPTH = 32


def _is_yaml(path: Path | str) -> bool:
    return str(path).lower().endswith((".yaml", ".yml"))


class YamlRefused(ValueError):
    """A YAML file the importer will not read (an alias, nesting too deep), at a line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.lineno = line


def _text_keys(records_key: str | None) -> frozenset[str]:
    """Keys whose values are kept as the text written (``end: 17:00`` is not 1020)."""
    names = {*ALIASES, *RECORD_KEYS, *_TALKS_JSON_TARGETS, *(records_key or "").split(".")}
    return frozenset(
        variant
        for name in names
        if name
        for variant in (name, name.replace(" ", "_"), name.replace(" ", "-"))
    )


def load(path: Path | str, text: str) -> Any:
    """JSON, or YAML for ``.yaml``/``.yml`` files (no aliases: data only)."""
    return load_with_node(path, text)[0]


def load_with_node(
    path: Path | str, text: str, records_key: str | None = None
) -> tuple[Any, Any, list[tuple[int, str]]]:
    """The data; for YAML its node tree (whose marks give each value's line) and warnings.

    YAML is read by :mod:`..yamltext`: the values of the fields a talk knows
    keep the text written (``end: 17:00``, ``arxiv: 2003.00310``), nesting is
    bounded, and an alias (``*name``, a few of which can stand for billions of
    values) refuses the file at its line.
    """
    if _is_yaml(path):
        import yaml

        from ..core.yamltext import load as load_yaml

        try:
            loaded = load_yaml(text, text_keys=_text_keys(records_key), max_depth=MAX_DEPTH)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            if mark is None:
                at = re.search(r"\(line (\d+)\)", str(error))
                raise YamlRefused(str(error), int(at[1]) if at else 0) from None
            raise
        for met in loaded.problems:
            if met.message.startswith("YAML alias"):
                raise YamlRefused(
                    f"{met.message}; aliases are refused in imported records", met.line
                )
        return loaded.data, loaded.root, [(p.line, p.message) for p in loaded.problems]
    return json.loads(text), None, []


def _node_at(node: Any, key: str | None) -> Any:
    """The YAML node of the value under ``key`` (dotted), or the node itself."""
    import yaml

    for part in key.split(".") if key else []:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
    return node


def _field_lines(node: Any) -> dict[str, int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def find_records(data: Any, key: str | None) -> tuple[Any, str | None, str | None]:
    """(the records list, the dotted key it sits under, or an error).

    ``key`` names it (``--records seminars`` or ``--records data.talks``);
    otherwise a top-level list is the records, or the list under a usual key
    (``talks``, ``events``, ``seminars``...), or the one list of mappings an
    object holds.
    """
    if key:
        value = data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                return None, key, f"--records {key}: the file has no key {part!r} there"
            value = value[part]
        if not isinstance(value, list):
            return None, key, f"--records {key}: the value there is not a list of records"
        return value, key, None
    if isinstance(data, list):
        return data, None, None
    if not isinstance(data, dict):
        return None, None, "expected a list of records, or an object holding one"
    for name in RECORD_KEYS:
        if isinstance(data.get(name), list):
            return data[name], name, None
    lists = [
        name
        for name, value in data.items()
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    ]
    if len(lists) == 1:
        return data[lists[0]], str(lists[0]), None
    if lists:
        return (
            None,
            None,
            (
                "several lists of records ("
                + ", ".join(repr(str(n)) for n in lists)
                + "); name one with --records KEY"
            ),
        )
    return None, None, "no list of records found; name its key with --records KEY"


@guarded
def read_json(
    path: Path | str,
    text: str,
    *,
    mapping: Mapping[str, str] | None = None,
    timezone: str | None = None,
    series: str = "",
    day_first: bool = True,
    records_key: str | None = None,
    order: str | None = None,
) -> tuple[list[TalkRecord], list[Problem]]:
    name = str(path)
    problems: list[Problem] = []

    def problem(line: int, level: Level, message: str) -> None:
        problems.append(Problem(name, line, level, message))

    try:
        data, root, warnings = load_with_node(path, text, records_key)
    except RecursionError:
        problem(0, Level.ERROR, f"cannot read {name}: nested too deep")
        return [], problems
    except Exception as error:  # JSONDecodeError, YAMLError: the file is not data
        mark = getattr(error, "problem_mark", None)
        line = getattr(error, "lineno", 0) or (mark.line + 1 if mark is not None else 0)
        why = getattr(error, "problem", None) or getattr(error, "msg", None) or str(error)
        problem(line, Level.ERROR, f"cannot read the file: {' '.join(str(why).split())[:300]}")
        return [], problems
    for line, message in warnings:
        problem(line, Level.WARNING, message)
    items, key, error_text = find_records(data, records_key)
    if error_text is not None or not isinstance(items, list):
        problem(1, Level.ERROR, error_text or "expected a list of records")
        return [], problems
    ours = key == "talks" and isinstance(data, dict) and "version" in data
    item_nodes: list[Any] = []
    if root is not None:
        import yaml

        list_node = _node_at(root, key)
        if isinstance(list_node, yaml.SequenceNode):
            item_nodes = list(list_node.value)
        lines = [n.start_mark.line + 1 for n in item_nodes]
    else:
        lines = record_lines(text, key)
    if len(lines) != len(items):
        lines, item_nodes = [], []
    records: list[TalkRecord] = []
    decided = order
    if order is None:
        order = "dmy" if day_first else "mdy"
        date_keys = {k for k, v in ALIASES.items() if v == "date"} | {
            k for k, v in (mapping or {}).items() if v == "date"
        }
        inferred, evidence = infer_order(
            str(value)
            for item in items
            if isinstance(item, dict)
            for key, value in item.items()
            if isinstance(value, str) and normalise(str(key)) in date_keys
        )
        if inferred is not None or evidence:
            order = decided = inferred or order
        if evidence and inferred is None:
            problem(
                1,
                Level.WARNING,
                f"the dates disagree on the order of day and month ({evidence}); read as {order}: give --date-order",
            )
    ambiguous: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        line = lines[index] if lines else index + 1
        if not isinstance(item, dict):
            problem(line, Level.ERROR, f"record {index + 1} is not a mapping of fields; skipped")
            continue
        field_lines = _field_lines(item_nodes[index]) if item_nodes else {}
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
                order=order,
                field_lines=field_lines,
                ambiguous=ambiguous,
            )
        if record is not None:
            records.append(record)
    if decided is None:
        warn_ambiguous(problem, ambiguous, order)
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
    day_first: bool = True,
    field_lines: Mapping[str, int] | None = None,
    order: str | None = None,
    ambiguous: list[tuple[int, str]] | None = None,
) -> TalkRecord | None:
    values: dict[str, str] = {}
    unknown = []
    sources: list[tuple[str, Any, str | None, int]] = []
    drops: dict[str, str] = {}
    lines = field_lines or {}
    for key, value in item.items():
        key = str(key)
        at = lines.get(key, line)
        if value in (None, "", [], {}):
            continue
        target = mapping.get(normalise(key)) or ALIASES.get(normalise(key))
        sources.append((key, value, target, at))
        if target is None:
            unknown.append(key)
            continue
        if target == "ignore":
            continue
        try:
            if too_deep(value):
                raise ValueError("nested too deep to be a talk's field")
            text = (
                option_text(target, value)
                if target not in ("abstract", "bio")
                else value
                if isinstance(value, str)
                else option_text("abstract", value)
            )
        except (ValueError, TypeError, RecursionError) as error:
            problem(at, Level.WARNING, f"field {key!r}: {error}; left out")
            drops[key] = str(error)
            continue
        values[target] = (values[target] + "\n" + text) if target in values else text
    if unknown:
        problem(
            line,
            Level.WARNING,
            "unknown fields left out: "
            + ", ".join(sorted(unknown))
            + " (map them with --map FIELD=OPTION)",
        )
    record = build_record(
        values,
        path=path,
        line=line,
        problem=problem,
        timezone=timezone,
        series=series,
        day_first=day_first,
        order=order,
        ambiguous=ambiguous,
    )
    if record is not None:
        for key, value, target, at in sources:
            record.source(key, value, target, at)
            if target is None:
                record.drop(key, "unknown field; map it with --map FIELD=OPTION")
        for key, reason in drops.items():
            record.drop(key, reason)
    return record


def _wall(moment: dt.datetime, zone_name: str) -> tuple[str, str | None]:
    """A talks.json instant as the option text: wall time in its zone, or exact offset."""
    try:
        local = moment.astimezone(ZoneInfo(zone_name))
    except (ZoneInfoNotFoundError, ValueError, OSError, OverflowError):
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


#: talks.json fields the build derives from the others: nothing to import.
_DERIVED = frozenset(
    {"tba", "url", "path", "docname", "date", "last_day", "all_day", "attendance", "venue"}
)
#: talks.json fields and the option each feeds.
_TALKS_JSON_TARGETS = {
    "id": "id",
    "title": "title",
    "start": "date",
    "end": "end",
    "timezone": "timezone",
    "speakers": "speaker",
    "location": "location",
    "online": "online",
    "series": "series",
    "event": "event",
    "status": "status",
    "tags": "tags",
    "joint_with": "joint-with",
    "abstract": "abstract",
    "bio": "bio",
    "online_mode": "online-mode",
    "registration": "registration",
    "registration_deadline": "registration-deadline",
    "summary": "summary",
    "image": "image",
    "kind": "kind",
    "language": "language",
    "audience": "audience",
}


def talks_json_record(
    item: Mapping[str, Any], *, path: str, line: int, problem: Any
) -> TalkRecord | None:
    """A record of the extension's own ``talks.json`` (round trip).

    Each field is checked for its type: a value of another shape (``tags`` as
    a mapping, ``links: 5``) is reported and left out, never a crash.
    """
    talk_id = str(item.get("id") or "")[:200]
    title = one_line(_text_field(item.get("title")))
    label = talk_id or title
    drops: dict[str, str] = {}

    def refuse(key: str, message: str) -> None:
        problem(line, Level.WARNING, f"talk {label!r}: {key}: {message}; left out")
        drops[key] = message

    try:
        start = read_instant(item.get("start"))
    except ValueError:
        problem(line, Level.ERROR, f"talk {label!r} has no readable 'start'; skipped")
        return None
    end: dt.datetime | None = None
    if item.get("end"):
        try:
            end = read_instant(item["end"])
        except ValueError:
            refuse("end", f"cannot read {shown(item['end'])!r}")
    zone_name = str(item.get("timezone") or "UTC")[:64]
    options: dict[str, str] = {}
    if item.get("all_day"):
        options["date"] = str(item.get("date") or start.date().isoformat())[:10]
        last = str(item.get("last_day") or "")[:10]
        if last and last != options["date"]:
            options["end"] = last
    else:
        options["date"], zone = _wall(start, zone_name)
        if zone:
            options["timezone"] = zone
        elif item.get("timezone"):
            refuse("timezone", "not a known time zone; the exact offsets are kept")
        if end is not None:
            end_text, _ = _wall(end, zone_name)
            options["end"] = (
                end_text[11:] if zone and end_text[:10] == options["date"][:10] else end_text
            )
    for key, option in (("speakers", "speaker"), ("tags", "tags"), ("joint_with", "joint-with")):
        value = item.get(key)
        if not value:
            continue
        try:
            if too_deep(value):
                raise ValueError("nested too deep")
            options[option] = option_text(option, value)
        except (ValueError, TypeError, RecursionError) as error:
            refuse(key, str(error))
    for key in ("location", "online", "series", "event", "status", "kind", "language", "audience"):
        value = item.get(key)
        if not value:
            continue
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            options[key] = one_line(str(value))
        else:
            refuse(key, f"expected text, not {type(value).__name__}")
    for key in ("online_mode", "registration", "registration_deadline", "summary"):
        value = item.get(key)
        if not value:
            continue
        if isinstance(value, str):
            options[_TALKS_JSON_TARGETS[key]] = one_line(value)
        else:
            refuse(key, f"expected text, not {type(value).__name__}")
    image = item.get("image")
    if image:
        url = image.get("url") if isinstance(image, dict) else None
        if isinstance(url, str) and url:
            options["image"] = one_line(url)
        else:
            refuse(
                "image",
                "a file of the site with no URL (set html_baseurl when building the export)",
            )
    if options.get("status") == "scheduled":
        del options["status"]
    links: dict[str, list[str]] = {}
    raw_links = item.get("links")
    if raw_links and not isinstance(raw_links, list):
        refuse("links", f"expected a list of links, not {type(raw_links).__name__}")
        raw_links = []
    for link in raw_links or []:
        if not isinstance(link, dict):
            refuse("links", f"a link must be a mapping, not {shown(link)!r}")
            continue
        kind = str(link.get("kind", ""))
        if kind not in {k.value for k in LinkKind}:
            refuse("links", f"unknown link kind {shown(kind)!r}")
            continue
        target = (
            link.get("ident")
            if kind in ("arxiv", "doi") and link.get("ident")
            else link.get("url")
        )
        if not target or not isinstance(target, str):
            refuse(
                "links",
                f"{kind} link to a file of the site ({shown(link.get('path'))}) has no URL "
                "(set html_baseurl when building the export)",
            )
            continue
        links.setdefault(kind, []).append(one_line(target))
    for kind, targets in links.items():
        options[kind] = " ".join(targets)
    papers = item.get("papers")
    if papers:
        count = len(papers) if isinstance(papers, list) else 1
        refuse("papers", f"{count} papers not imported; add them by hand with the paper directive")
    record = TalkRecord(
        id=_keep_id(talk_id) if talk_id else stable_id(f"{options['date'][:10]}-{title}"),
        title=title,
        options=options,
        abstract=_text_field(item.get("abstract")),
        bio=_text_field(item.get("bio")),
        path=path,
        line=line,
        drop_reasons=drops,
    )
    for key, value in item.items():
        key = str(key)
        if value in (None, "", [], {}, False):
            continue
        if key in _DERIVED or (key == "timezone" and item.get("all_day")):
            record.source(key, value, "ignore")  # derived, or no use for an all-day talk
        elif key == "links":
            for link in value if isinstance(value, list) else [value]:
                kind = str(link.get("kind", "")) if isinstance(link, dict) else ""
                record.source("links", link, kind if kind in links else None)
                if kind not in links:
                    record.drop("links", drops.get("links", "not a readable link"))
        elif key == "papers":
            record.source(key, value, None)
        elif key == "status" and value == "scheduled":
            record.source(key, value, "ignore")
        else:
            record.source(key, value, _TALKS_JSON_TARGETS.get(key))
    return record


def _text_field(value: Any) -> str:
    """A text field of talks.json; another shape is written out as text, never lost."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return shown(value, 10_000)
