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
import os
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
#: Fields that hold the talk's own start and end; they win over the page's
#: ``date`` (often the day the page was written), first found first.
START_FIELDS = (
    "start",
    "event_start",
    "start_date",
    "date_start",
    "startdate",
    "starts",
    "begin",
    "event_date",
)
END_FIELDS = ("end", "event_end", "end_date", "date_end", "enddate", "ends", "finish")
EVENT_FIELDS = frozenset({"event", "all_day", "location", "event_url", *START_FIELDS, *END_FIELDS})
#: Files Sphinx would read as pages (and so run as markup) if copied beside a talk.
SOURCE_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".rest", ".txt", ".ipynb", ".myst"})
#: Folders of a Hugo site that hold no content of the site itself.
SKIPPED_FOLDERS = frozenset({"themes", "archetypes", "examplesite", "node_modules"})
#: Fields read by default; others are listed once as not imported.
KNOWN_FIELDS = (
    frozenset(
        """title event event_url location address summary abstract date date_end all_day authors
    tags categories url_pdf url_slides url_video url_code links slug draft arxiv doi""".split()
    )
    | frozenset(START_FIELDS)
    | frozenset(END_FIELDS)
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


#: Front-matter fields whose values keep the text written (``location: 0.10``
#: stays ``0.10``, a tag ``0.10`` is not read as the number ``0.1``).
TEXT_FIELDS = frozenset(
    """title event event_url location address summary abstract authors tags categories
    url_pdf url_slides url_video url_code links slug arxiv doi""".split()
)


def _load_yaml(
    text: str, text_keys: frozenset[str] = TEXT_FIELDS
) -> tuple[Any, list[tuple[int, str]]]:
    """Safe YAML through :mod:`..yamltext`: text kept, depth bounded, aliases refused.

    Returns (data, [(line in the YAML text, warning)]); an alias (``*a``, a few
    of which can stand for gigabytes) raises :class:`_Refused` at its line.
    """
    from ..core.yamltext import load

    loaded = load(text, text_keys=text_keys)
    for met in loaded.problems:
        if met.alias:
            raise _Refused(f"{met.message}; aliases are refused in imported pages", met.line)
    return loaded.data, [(met.line, met.message) for met in loaded.problems]


class _Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def split_page(
    text: str,
    notes: list[tuple[int, str]] | None = None,
    text_keys: frozenset[str] = TEXT_FIELDS,
) -> tuple[dict[str, Any] | None, str, str, int]:
    """(front matter, body, error, line of the error) of a Hugo page; data only.

    Front matter is safe YAML (see :func:`_load_yaml`), TOML or JSON. YAML
    warnings (an anchor, a key given twice) are appended to ``notes`` as
    (line of the page, message).
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            end = re.search(rf"^{re.escape(fence)}[ \t]*$", text[len(fence) + 1 :], re.MULTILINE)
            if end is None:
                return None, text, f"front matter opened with {fence!r} is never closed", 1
            raw = text[len(fence) + 1 : len(fence) + 1 + end.start()]
            body = text[len(fence) + 1 + end.end() :]
            try:
                if kind == "yaml":
                    data, found = _load_yaml(raw, text_keys)
                    if notes is not None:
                        notes.extend((line + 1, message) for line, message in found)
                else:
                    data = tomllib.loads(raw)
            except _Refused as refused:
                return None, body, refused.message, refused.line + 1
            except Exception as error:  # YAMLError, TOMLDecodeError
                mark = getattr(error, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                return None, body, f"cannot read the {kind.upper()} front matter: {error}", line
            if not isinstance(data, dict):
                return None, body, "front matter is not a mapping of fields", 1
            return data, body, "", 0
    if text.startswith("{"):
        try:
            data, end_index = json.JSONDecoder().raw_decode(text)
        except ValueError as error:
            return None, text, f"cannot read the JSON front matter: {error}", 1
        if isinstance(data, dict):
            return data, text[end_index:], "", 0
    return None, text, "no front matter", 1


_SLUG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def _inside(path: Path, base: Path) -> bool:
    """``path`` lies under ``base`` and no folder or file on the way is a symbolic link."""
    try:
        relative = path.relative_to(base)
    except ValueError:
        return False
    step = base
    for part in relative.parts:
        if part in ("", ".", ".."):
            return False
        step = step / part
        if step.is_symlink():
            return False
    try:
        return path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):
        return False


def _profile(root: Path, slug: str) -> tuple[str, str] | None:
    """(name, affiliation) from a Wowchemy author profile, if the site has one.

    Profiles are looked for in ``authors/`` of the folder given to the import
    (or of its ``content/``), never above it: import the site or its
    ``content`` folder to use them.
    """
    if not _SLUG.match(slug) or ".." in slug:
        return None
    # Only inside the folder given: a profile above it is not the import's to read.
    for base in (root, root / "content"):
        for name in ("_index.md", "index.md"):
            path = base / "authors" / slug / name
            if path.is_file() and _inside(path, base):
                data, _body, _error, _line = split_page(
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


def _field_lines(text: str) -> dict[str, int]:
    """The line of each top-level front-matter field, by normalised name."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n")[1:], 2):
        if line.rstrip() in ("---", "+++"):
            break
        match = re.match(r"^[\"']?([A-Za-z_][\w -]*?)[\"']?\s*[:=]", line)
        if match:
            lines.setdefault(normalise(match.group(1)).replace(" ", "_"), number)
    return lines


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
    raise TypeError(f"not a date or a time: {value!r}")


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
    notes: list[tuple[int, str]] = []
    # Fields mapped to an option keep their text too (``--map room=location``).
    keep = {k for k, target in mapping.items() if target not in ("date", "end")}
    text_keys = TEXT_FIELDS | keep | {normalise(k).replace(" ", "_") for k in keep}
    data, body, error, error_line = split_page(text, notes, text_keys)
    name = str(path)
    if data is None:
        if error == "no front matter" and not force_event:
            return False
        problem(name, error_line, Level.ERROR, f"{error}; skipped")
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
    for line, message in notes:
        problem(name, line, Level.WARNING, message)
    lines = _field_lines(text)

    def at(field: str) -> int:
        return lines.get(field, 1)

    def warn(field: str, message: str) -> None:
        problem(name, at(field), Level.WARNING, f"{field}: {message}")

    def text_of(field: str) -> str:
        """A one-value field as text: strings and numbers; other types refused."""
        value = fields.get(field)
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        warn(field, f"expected text, found {type(value).__name__} {value!r}; left out")
        return ""

    def words_of(field: str) -> list[str]:
        """A list field (tags, authors): a string is one value, a list holds strings."""
        value = fields.get(field)
        if value is None or value == "" or value == []:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            kept = []
            for item in value:
                if isinstance(item, str):
                    kept.append(item)
                elif isinstance(item, int) and not isinstance(item, bool):
                    kept.append(str(item))
                elif item is not None:
                    warn(field, f"{item!r} is not text; left out")
            return kept
        warn(
            field,
            f"expected a list of text, found {type(value).__name__} {value!r}; left out "
            f'(write {field}: ["..."])',
        )
        return []

    if fields.get("draft") is True:
        problem(name, at("draft"), Level.ERROR, "draft page (draft: true); skipped")
        return None

    options: dict[str, str] = {}
    title = one_line(text_of("title"))
    # -- when: the talk's own start/end win over the page's date
    start_field = next((f for f in START_FIELDS if fields.get(f) not in (None, "")), "date")
    end_field = next((f for f in END_FIELDS if fields.get(f) not in (None, "")), "")
    for field, target in mapped.items():
        if field in fields and target == "date":
            start_field = field
        if field in fields and target == "end":
            end_field = field
    start_value = fields.get(start_field)
    end_value = fields.get(end_field) if end_field else None
    if start_value in (None, ""):
        problem(name, 1, Level.ERROR, f"page {title!r} has no date; skipped")
        return None
    try:
        date_text, zone, all_day = _moment(start_value, timezone)
    except (TypeError, ValueError, OverflowError, KeyError) as error:
        problem(name, at(start_field), Level.ERROR, f"{start_field}: {error}; skipped")
        return None
    if fields.get("all_day") is True and not all_day:
        date_text, all_day = date_text[:10], True
    options["date"] = date_text
    if zone and not all_day:
        options["timezone"] = zone
    if end_value not in (None, ""):
        try:
            end_text, _zone, _ = _moment(end_value, timezone)
        except (TypeError, ValueError, OverflowError, KeyError) as error:
            warn(end_field, f"{error}; left out")
            end_text = ""
        if not end_text:
            pass
        elif all_day:
            if end_text[:10] != date_text[:10]:
                options["end"] = end_text[:10]
        else:
            options["end"] = end_text
    # -- who, where, what
    speakers = []
    for slug in words_of("authors"):
        profile = _profile(root, slug)
        if profile:
            speakers.append(f"{profile[0]} ({profile[1]})" if profile[1] else profile[0])
        elif re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", slug):
            guess = " ".join(part.capitalize() for part in slug.split("-"))
            warn(
                "authors",
                f"author {slug!r} has no profile (authors/{slug}/_index.md); name taken as {guess!r}",
            )
            speakers.append(guess)
        else:
            if not _SLUG.match(slug) and re.search(r"[/\\]|\.\.", slug):
                warn("authors", f"{slug!r} is not an author slug; taken as a name")
            speakers.append(one_line(slug))
    if speakers:
        options["speaker"] = "; ".join(speakers)
    if text_of("event"):
        options["series"] = one_line(text_of("event"))
    elif series:
        options["series"] = series
    place = [one_line(text_of("location"))]
    address = fields.get("address")
    if isinstance(address, dict):
        place += [
            one_line(str(address.get(k) or ""))
            for k in ("street", "city", "region", "postcode", "country")
            if isinstance(address.get(k) or "", str | int)
        ]
    elif isinstance(address, str):
        place.append(one_line(address))
    place_text = ", ".join(p for p in place if p)
    if place_text:
        options["location"] = place_text
    words = [*words_of("tags"), *words_of("categories")]
    if words:
        options["tags"] = ", ".join(dict.fromkeys(one_line(w) for w in words if w.strip()))
    # -- links
    attachments: list[tuple[Path, str]] = []
    links: dict[str, list[str]] = {}
    folder = path.parent

    def add_link(kind: str, url: Any, origin: str) -> None:
        if url is None or url == "":
            return
        if not isinstance(url, str):
            warn(origin, f"expected an address, found {url!r}; left out")
            return
        target = one_line(url)
        if not target:
            return
        if kind == "pdf" and re.match(r"https?://(www\.)?arxiv\.org/(abs|pdf)/", target):
            kind = "arxiv"
        if not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            relative = Path(target)
            local = folder / relative
            if (
                relative.is_absolute()
                or target.startswith(("/", "\\"))
                or ".." in relative.parts
                or not _inside(local, folder)
                or not local.is_file()
            ):
                warn(
                    origin,
                    f"file {target!r} is not a file inside the page's folder (no '..', no "
                    "symbolic links); left out",
                )
                return
            if relative.suffix.lower() in SOURCE_SUFFIXES:
                warn(
                    origin,
                    f"file {target!r} would be read by Sphinx as a page of the site; left out "
                    "(link it by its address instead)",
                )
                return
            target = relative.as_posix()
            attachments.append((local, target))
        links.setdefault(kind, []).append(target)

    for field, kind in (
        ("url_pdf", "pdf"),
        ("url_slides", "slides"),
        ("url_video", "video"),
        ("url_code", "code"),
    ):
        add_link(kind, fields.get(field), field)
    raw_links = fields.get("links")
    if raw_links not in (None, "", []) and not isinstance(raw_links, list):
        warn("links", f"expected a list of {{name, url}}, found {raw_links!r}; left out")
        raw_links = []
    for item in raw_links or []:
        if isinstance(item, dict):
            add_link(
                _link_kind(str(item.get("name") or ""), str(item.get("url") or "")),
                item.get("url"),
                "links",
            )
        else:
            warn("links", f"{item!r} is not a {{name, url}} entry; left out")
    for field in ("arxiv", "doi"):  # identifiers, not files: the talk's option reads them
        for ident in words_of(field):
            if one_line(ident):
                links.setdefault(field, []).append(one_line(ident))
    if fields.get("event_url") and "url" not in links:
        add_link("url", fields["event_url"], "event_url")
    for kind, targets in links.items():
        options[kind] = " ".join(dict.fromkeys(targets))
    # -- site-specific fields mapped by the user
    abstract = text_of("abstract")
    if not abstract:
        abstract = text_of("summary")  # a summary alone is the abstract
    elif one_line(summary := text_of("summary")):
        options["summary"] = one_line(summary)
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
            title = one_line(text_of(field))
        elif target == "abstract":
            abstract = text_of(field)
        elif target == "affiliation":
            affiliation = one_line(text_of(field))
        elif target == "time":
            problem(
                name, at(field), Level.WARNING, f"--map {field}=time: map start times to 'date'"
            )
        else:
            try:
                options[target] = option_text(target, value)
            except (ValueError, TypeError) as error:
                warn(field, f"{error}; left out")
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
    slug = text_of("slug") or (path.parent.name if path.stem in ("index", "_index") else path.stem)
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


def _pages(root: Path, problem: Any) -> list[Path]:
    """Markdown pages under ``root``: symbolic links and theme folders are not followed."""
    pages = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        base = Path(folder)
        kept = []
        for sub in sorted(subfolders):
            if sub.lower() in SKIPPED_FOLDERS or sub == "authors" or sub.startswith("."):
                continue
            if (base / sub).is_symlink():
                problem(str(base / sub), 0, Level.WARNING, "a symbolic link; not followed")
                continue
            kept.append(sub)
        subfolders[:] = kept
        for file in sorted(files):
            path = base / file
            if path.suffix.lower() not in (".md", ".markdown") or file == "_index.md":
                continue
            if path.is_symlink():
                problem(str(path), 1, Level.WARNING, "a symbolic link; not read")
                continue
            if path.is_file():  # not a pipe or a device
                pages.append(path)
    return sorted(pages)


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
        pages = _pages(root, problem)
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
