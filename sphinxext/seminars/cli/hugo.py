"""Hugo / Wowchemy / Hugo Blox event and talk pages to talk records.

Pages are Markdown files with YAML (``---``) or TOML (``+++``) front matter,
as page bundles (``content/event/<slug>/index.md``) or single files
(``content/talk/<slug>.md``), in sections of any name. A page is taken for a
talk when it sits in a section called event(s), talk(s) or seminar(s), or has
an event field (``event``, ``date_end``, ``all_day``, ``location`` or a mapped
field); other pages are counted and reported. The page's body is kept, after
the talk. Author slugs are read from ``authors/<slug>/_index.md`` profiles
when the site has them. Nothing is rendered: shortcodes stay text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.frontmatter import option_text
from .csv_ import normalise
from .record import Level, Markup, Problem, TalkRecord, one_line, stable_id

EVENT_SECTIONS = frozenset({"event", "events", "talk", "talks", "seminar", "seminars"})
EVENT_FIELDS = frozenset({"event", "date_end", "all_day", "location", "event_url"})
#: Fields read by default; others are listed once as not imported.
KNOWN_FIELDS = frozenset(
    """title event event_url location address summary abstract date date_end all_day authors
    tags categories url_pdf url_slides url_video url_code links slug draft""".split()
)
#: Front matter that is about the page, not the talk: never reported.
PAGE_FIELDS = frozenset(
    """publishdate lastmod expirydate featured image projects slides weight type layout
    aliases url description keywords toc math diagram share profile commentable markup
    header banner""".split()
)
_LINK_KINDS = (
    ("slide", "slides"),
    ("video", "video"),
    ("recording", "video"),
    ("youtube", "video"),
    ("code", "code"),
    ("github", "code"),
    ("arxiv", "arxiv"),
    ("paper", "pdf"),
    ("pdf", "pdf"),
)


def split_page(text: str) -> tuple[dict[str, Any] | None, str, str]:
    """(front matter, body, error) of a Hugo page; data only (safe YAML, TOML, JSON)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            end = re.search(rf"^{re.escape(fence)}[ \t]*$", text[len(fence) + 1 :], re.MULTILINE)
            if end is None:
                return None, text, f"front matter opened with {fence!r} is never closed"
            raw = text[len(fence) + 1 : len(fence) + 1 + end.start()]
            body = text[len(fence) + 1 + end.end() :]
            try:
                if kind == "yaml":
                    import yaml

                    data = yaml.safe_load(raw)
                else:
                    data = tomllib.loads(raw)
            except Exception as error:  # YAMLError, TOMLDecodeError
                return None, body, f"cannot read the {kind.upper()} front matter: {error}"
            if not isinstance(data, dict):
                return None, body, "front matter is not a mapping of fields"
            return data, body, ""
    if text.startswith("{"):
        try:
            data, end_index = json.JSONDecoder().raw_decode(text)
        except ValueError as error:
            return None, text, f"cannot read the JSON front matter: {error}"
        if isinstance(data, dict):
            return data, text[end_index:], ""
    return None, text, "no front matter"


def _profile(root: Path, slug: str) -> tuple[str, str] | None:
    """(name, affiliation) from a Wowchemy author profile, if the site has one."""
    bases = [folder for base in (root, *root.parents[:3]) for folder in (base, base / "content")]
    for base in bases:
        for name in ("_index.md", "index.md"):
            path = base / "authors" / slug / name
            if path.is_file():
                data, _body, _error = split_page(
                    path.read_text(encoding="utf-8", errors="replace")
                )
                if not data:
                    return None
                orgs = data.get("organizations") or []
                affiliation = ""
                if isinstance(orgs, list) and orgs and isinstance(orgs[0], dict):
                    affiliation = str(orgs[0].get("name") or "")
                return one_line(str(data.get("title") or slug)), one_line(affiliation)
    return None


def _moment(value: Any, timezone: str | None) -> tuple[str, str | None, bool]:
    """(option text, zone to write, all-day) of a front-matter date value."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            return text, timezone, False
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and timezone:
            value = value.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
        if value.tzinfo is not None:
            return value.isoformat(), None, False
        fmt = "%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M"
        return value.strftime(fmt), timezone, False
    if isinstance(value, dt.date):
        return value.isoformat(), None, True
    return str(value), timezone, False


def _link_kind(name: str, url: str) -> str:
    lowered = f"{name} {url}".lower()
    return next((kind for word, kind in _LINK_KINDS if word in lowered), "url")


def read_page(
    path: Path,
    text: str,
    *,
    root: Path,
    mapping: Mapping[str, str],
    timezone: str | None,
    series: str,
    problem: Any,
    ignored: set[str],
    force_event: bool = False,
) -> TalkRecord | bool | None:
    """One page as a record; ``False`` when it is not an event page (counted, not an error)."""
    data, body, error = split_page(text)
    name = str(path)
    if data is None:
        if error == "no front matter" and not force_event:
            return False
        problem(name, 1, Level.ERROR, f"{error}; skipped")
        return None
    fields = {normalise(k).replace(" ", "_"): v for k, v in data.items()}
    mapped = {normalise(k).replace(" ", "_"): target for k, target in mapping.items()}
    section = path.parent.parent.name if path.name == "index.md" else path.parent.name
    is_event = (
        force_event
        or section.lower() in EVENT_SECTIONS
        or bool(EVENT_FIELDS & set(fields))
        or bool(set(mapped) & set(fields))
    )
    if not is_event:
        return False
    if fields.get("draft") is True:
        problem(name, 1, Level.ERROR, "draft page (draft: true); skipped")
        return None

    options: dict[str, str] = {}
    title = one_line(str(fields.get("title") or ""))
    # -- when
    start_value = fields.get("date")
    end_value = fields.get("date_end")
    zone = timezone
    for field, target in mapped.items():
        if field in fields and target == "date":
            start_value = fields[field]
        if field in fields and target == "end":
            end_value = fields[field]
    if start_value in (None, ""):
        problem(name, 1, Level.ERROR, f"page {title!r} has no date; skipped")
        return None
    date_text, zone, all_day = _moment(start_value, timezone)
    if fields.get("all_day") is True and not all_day:
        date_text, all_day = date_text[:10], True
    options["date"] = date_text
    if zone and not all_day:
        options["timezone"] = zone
    if end_value not in (None, ""):
        end_text, _zone, _ = _moment(end_value, timezone)
        if all_day:
            if end_text[:10] != date_text[:10]:
                options["end"] = end_text[:10]
        else:
            options["end"] = end_text
    # -- who, where, what
    speakers = []
    for slug in fields.get("authors") or []:
        slug = str(slug)
        profile = _profile(root, slug)
        if profile:
            speakers.append(f"{profile[0]} ({profile[1]})" if profile[1] else profile[0])
        elif re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", slug):
            guess = " ".join(part.capitalize() for part in slug.split("-"))
            problem(
                name,
                1,
                Level.WARNING,
                f"author {slug!r} has no profile (authors/{slug}/_index.md); name taken as {guess!r}",
            )
            speakers.append(guess)
        else:
            speakers.append(one_line(slug))
    if speakers:
        options["speaker"] = "; ".join(speakers)
    if fields.get("event"):
        options["series"] = one_line(str(fields["event"]))
    elif series:
        options["series"] = series
    place = [one_line(str(fields.get("location") or ""))]
    address = fields.get("address")
    if isinstance(address, dict):
        place += [
            one_line(str(address.get(k) or ""))
            for k in ("street", "city", "region", "postcode", "country")
        ]
    place_text = ", ".join(p for p in place if p)
    if place_text:
        options["location"] = place_text
    words = [*(fields.get("tags") or []), *(fields.get("categories") or [])]
    if words:
        options["tags"] = ", ".join(
            dict.fromkeys(one_line(str(w)) for w in words if str(w).strip())
        )
    # -- links
    attachments: list[tuple[Path, str]] = []
    links: dict[str, list[str]] = {}

    def add_link(kind: str, url: Any, origin: str) -> None:
        target = one_line(str(url or ""))
        if not target:
            return
        if kind == "pdf" and re.match(r"https?://(www\.)?arxiv\.org/(abs|pdf)/", target):
            kind = "arxiv"
        if not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            local = (path.parent / target).resolve()
            if target.startswith("/") or ".." in Path(target).parts or not local.is_file():
                problem(
                    name,
                    1,
                    Level.WARNING,
                    f"{origin}: file {target!r} not found next to the page; left out",
                )
                return
            attachments.append((local, Path(target).name))
            target = Path(target).name
        links.setdefault(kind, []).append(target)

    for field, kind in (
        ("url_pdf", "pdf"),
        ("url_slides", "slides"),
        ("url_video", "video"),
        ("url_code", "code"),
    ):
        add_link(kind, fields.get(field), field)
    for item in fields.get("links") or []:
        if isinstance(item, dict):
            add_link(
                _link_kind(str(item.get("name") or ""), str(item.get("url") or "")),
                item.get("url"),
                "links",
            )
    if fields.get("event_url") and "url" not in links:
        add_link("url", fields["event_url"], "event_url")
    for kind, targets in links.items():
        options[kind] = " ".join(dict.fromkeys(targets))
    # -- site-specific fields mapped by the user
    abstract = str(fields.get("abstract") or fields.get("summary") or "")
    affiliation = ""
    for field, target in mapped.items():
        if (
            field not in fields
            or fields[field] in (None, "")
            or target in ("date", "end", "ignore")
        ):
            continue
        value = fields[field]
        if target == "title":
            title = one_line(str(value))
        elif target == "abstract":
            abstract = str(value)
        elif target == "affiliation":
            affiliation = one_line(str(value))
        elif target == "time":
            problem(name, 1, Level.WARNING, f"--map {field}=time: map start times to 'date'")
        else:
            try:
                options[target] = option_text(target, value)
            except ValueError as error:
                problem(name, 1, Level.WARNING, f"{field}: {error}; left out")
    if affiliation and options.get("speaker") and not options["speaker"].endswith(")"):
        options["speaker"] = f"{options['speaker']} ({affiliation})"
    for field in fields:
        if field not in KNOWN_FIELDS and field not in mapped and field not in PAGE_FIELDS:
            ignored.add(field)
    shortcodes = len(re.findall(r"\{\{[<%].*?[%>]\}\}", body + abstract, re.DOTALL))
    if shortcodes:
        problem(
            name,
            1,
            Level.WARNING,
            f"{shortcodes} Hugo shortcodes kept as text; replace them by hand",
        )
    slug = str(
        fields.get("slug") or (path.parent.name if path.stem in ("index", "_index") else path.stem)
    )
    return TalkRecord(
        id=stable_id(slug),
        title=title,
        options=options,
        abstract=abstract,
        abstract_markup=Markup.MARKDOWN,
        notes=body.strip("\n"),
        notes_markup=Markup.MARKDOWN,
        attachments=attachments,
        path=name,
        line=1,
    )


def read_hugo(
    root: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    timezone: str | None = None,
    series: str = "",
    all_pages: bool = False,
    progress: Any = None,
) -> tuple[list[TalkRecord], list[Problem]]:
    """Every event/talk page under ``root`` (a site, its ``content``, or one section)."""
    problems: list[Problem] = []

    def problem(path: str, line: int, level: Level, message: str) -> None:
        problems.append(Problem(path, line, level, message))

    if root.is_file():
        pages = [root]
        root = root.parent
    else:
        pages = sorted(
            p
            for p in root.rglob("*")
            if p.suffix.lower() in (".md", ".markdown")
            and p.name != "_index.md"
            and "authors" not in p.relative_to(root).parts
            and p.is_file()
        )
    records: list[TalkRecord] = []
    ignored: set[str] = set()
    other_pages = 0
    for number, path in enumerate(pages, 1):
        if progress:
            progress(number, len(pages))
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            text = path.read_text(encoding="latin-1")
            problem(str(path), 1, Level.WARNING, "not UTF-8; read as Latin-1")
        except OSError as error:
            problem(str(path), 0, Level.ERROR, f"cannot read: {error}")
            continue
        record = read_page(
            path,
            text,
            root=root,
            mapping=mapping or {},
            timezone=timezone,
            series=series,
            problem=problem,
            ignored=ignored,
            force_event=all_pages or len(pages) == 1,
        )
        if record is False:
            other_pages += 1
        elif isinstance(record, TalkRecord):
            records.append(record)
    if other_pages:
        problem(
            str(root),
            0,
            Level.WARNING,
            f"{other_pages} pages are not event or talk pages (no event fields, not in an "
            "event/talk section); not imported (use --all-pages to import them)",
        )
    if ignored:
        problem(
            str(root),
            0,
            Level.WARNING,
            "fields not imported: "
            + ", ".join(sorted(ignored))
            + " (map them with --map FIELD=OPTION)",
        )
    return records, problems
