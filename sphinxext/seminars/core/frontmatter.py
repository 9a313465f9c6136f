"""Talks given entirely by a page's front matter under a ``talk:`` key.

A MyST page whose YAML front matter holds a ``talk:`` mapping (the ``talk``
directive's options, plus ``title`` and optionally ``abstract`` and ``bio``)
is the same talk as the directive form. At ``source-read``
(``ext/frontmatter.py``) the mapping is turned into a ``{talk}`` block, so one
code path (the directive) stores and renders both forms alike::

    ---
    talk:
      title: Loss landscapes of over-parameterized systems
      speaker: Mikhail Belkin (UC San Diego)
      date: 2022-04-04 16:00
      end: "17:00"
      series: IDSS Distinguished Seminars
      abstract: |
        The success of deep learning ...
    ---

The block takes the place of the ``talk:`` lines, padded so that every line
of the page body keeps its number (warnings point at the right lines). Values
are checked here, with the directive's own parsers, so a bad value warns at
its front-matter line and is left out of the block. A page without the key
is never touched. reST pages use the ``talk`` directive.

Pure: the same functions write the directive and front-matter text of the
``sphinx-seminars`` command (``import``, ``new``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .datetimes import iso_format
from .model import Problem
from .parsing import (
    LINK_OPTIONS,
    TALK_OPTIONS,
    InvalidValue,
    build_talk,
    parse_id,
    parse_links,
    parse_person,
    read_people,
    read_tags,
)

#: Where the directive finds the options the front matter reported on.
REPORTED_OPTIONS = "seminars:front-matter-reported"
#: Where the talk directive finds the front-matter line of each option (its later
#: warnings, such as an unreadable slides file, point there).
FRONT_MATTER_LINES = "seminars:front-matter-lines"

#: Keys of a front-matter ``talk:`` mapping besides the options.
EXTRA_KEYS = ("title", "abstract")

_PEOPLE_OPTIONS = ("speaker", "joint-with")
#: Options a list may give (joined with the option's separator).
#: Link options by name, ``recording`` (another name of ``video``) included.
_LINKS = {**LINK_OPTIONS, "recording": LINK_OPTIONS["video"]}
LIST_OPTIONS = frozenset({*_PEOPLE_OPTIONS, "tags", *_LINKS})


# -- option values ----------------------------------------------------------------


def option_text(name: str, value: Any) -> str:
    """A front-matter value (string, date, list...) as the option string.

    Raises :class:`ValueError` for a shape no option takes (a mapping for
    ``location``). Lists are joined with the option's separator: ``;`` for
    people, ``,`` for tags, a space for links.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(f"'{name}' must be text, not {str(value).lower()}")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat()
        return text.replace("T", " ", 1) if isinstance(value, dt.datetime) else text
    if isinstance(value, int | float | str):
        return " ".join(str(value).split())
    if isinstance(value, list | tuple):
        if name not in LIST_OPTIONS:
            raise ValueError(f"'{name}' must be text, not a list")
        if name in _PEOPLE_OPTIONS:
            parts = [_person_text(name, item) for item in value]
            return "; ".join(p for p in parts if p)
        separator = " " if name in _LINKS else ", "
        return separator.join(option_text(name, item) for item in value if item is not None)
    if isinstance(value, Mapping) and name in _PEOPLE_OPTIONS:
        return _person_text(name, value)
    if isinstance(value, Mapping):
        kind = "text or a list" if name in LIST_OPTIONS else "text"
        raise ValueError(f"'{name}' must be {kind}, not a mapping")
    raise ValueError(f"'{name}' must be text, not {type(value).__name__}")


def _person_text(name: str, item: Any) -> str:
    """A person as ``Name (Affiliation)`` from text or ``{name, affiliation}``."""
    if isinstance(item, Mapping):
        unknown = set(item) - {"name", "affiliation"}
        if unknown:
            raise ValueError(
                f"a person in '{name}' has unknown keys {sorted(unknown)}; "
                "write 'name' and 'affiliation'"
            )
        person = option_text("name", item.get("name", ""))
        affiliation = option_text("affiliation", item.get("affiliation", ""))
        return f"{person} ({affiliation})" if affiliation else person
    return option_text(name, item)


def clean_options(
    title: str,
    options: dict[str, str],
    *,
    date_order: str = "dmy",
    locale: str | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[str, dict[str, str], list[Problem], bool]:
    """Check a talk's options with the directive's parsers; leave out what is bad.

    Returns the title (``TBA`` when missing), the options that will not warn
    again when the directive reads them, the problems found (each naming its
    option, or ``None`` for the title) and whether the talk can be stored at
    all (it has a readable date).
    """
    problems: list[Problem] = []
    options = {k: v for k, v in options.items() if v.strip()}
    if "id" in options:
        try:
            options["id"] = parse_id(options["id"])
        except InvalidValue as error:
            problems.append(Problem(error.subtype, error.message, "id"))
            del options["id"]
    talk, found = build_talk(
        title,
        options,
        docname="",
        lineno=0,
        talk_id="x",
        anchor="x",
        date_order=date_order,
        locale=locale,
        kinds=kinds,
    )
    problems.extend(found)
    if talk is not None and any(p.option == "date" for p in found):
        # A guessed order or a time range, reported here once: the block (or the
        # imported file) says what was understood.
        options["date"] = iso_format(talk.start, talk.all_day)
        if not options.get("end", "").strip() and talk.end is not None:
            options["end"] = f"{talk.end:%H:%M}"
    if not title.strip():
        title = "TBA"
    for problem in found:
        name = problem.option
        if name is None or name not in options or name == "date":
            continue
        if name in _PEOPLE_OPTIONS:
            # Written the way the build reads it: one person per ';'.
            good = []
            parts, _found = read_people(options[name], name, affiliations=name == "speaker")
            for part in parts:
                try:
                    parse_person(part)
                except InvalidValue:
                    continue
                good.append(part)
            options[name] = "; ".join(good)
        elif name in _LINKS:
            good = []
            for part in re.split(r"[\s,]+" if name in ("arxiv", "doi") else r"\s+", options[name]):
                try:
                    if part:
                        parse_links(_LINKS[name], part)
                except InvalidValue:
                    continue
                good.append(part)
            options[name] = " ".join(good)
        elif name == "tags":
            # An empty tag is left out; the others are kept.
            options[name] = ", ".join(read_tags(options[name])[0])
        else:
            options[name] = ""
    return title, {k: v for k, v in options.items() if v.strip()}, problems, talk is not None


# -- writing a directive block ----------------------------------------------------

_PLAIN_VALUE = re.compile(r"^[^\s#'\"\[\]{}&*!|>%@`,?:-][^#'\"\[\]{}&*!|>%@`]*$")


def myst_option_value(value: str) -> str:
    """A value MyST's option block reads back unchanged (quoted when needed)."""
    if _PLAIN_VALUE.match(value) and not value.endswith(":") and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _fence(char: str, *texts: str, minimum: int = 3) -> str:
    longest = max(
        (len(m) for t in texts for m in re.findall(rf"^\s*({re.escape(char)}+)", t, re.M)),
        default=0,
    )
    return char * max(minimum, longest + 1)


def myst_block(title: str, options: Mapping[str, str], abstract: str = "", bio: str = "") -> str:
    """A MyST ``{talk}`` block: fences longer than any inside, options quoted."""
    char = "~" if "`" in title else "`"
    lines = []
    inner = _fence(char, bio) if bio else ""
    fence = _fence(char, abstract, bio, minimum=len(inner) + 1 if inner else 3)
    lines.append(f"{fence}{{talk}} {title}".rstrip())
    for name, value in ordered_options(options):
        lines.append(f":{name}: {myst_option_value(value)}")
    if abstract.strip():
        lines += ["", abstract.strip("\n")]
    if bio.strip():
        lines += ["", f"{inner}{{bio}}", bio.strip("\n"), inner]
    lines.append(fence)
    return "\n".join(lines) + "\n"


def ordered_options(options: Mapping[str, str]) -> list[tuple[str, str]]:
    """Options in the order of :data:`TALK_OPTIONS`, then any others."""
    rank = {name: index for index, name in enumerate(TALK_OPTIONS)}
    return sorted(
        ((k, " ".join(v.split())) for k, v in options.items() if v.strip()),
        key=lambda item: (rank.get(item[0], len(rank)), item[0]),
    )


# -- front matter -> directive form -------------------------------------------------


def split_front_matter(source: str) -> tuple[list[str], int] | None:
    """The page's lines and the index of the closing ``---``, if it has front matter."""
    lines = source.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return lines, index
    return None


def talk_from_front_matter(
    source: str,
    *,
    date_order: str = "dmy",
    locale: str | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[str | None, list[tuple[str, str, int]]]:
    """The page with its ``talk:`` front matter turned into a ``{talk}`` block.

    Returns the new source (``None`` when the page is to be left as it is)
    and the warnings to give as (subtype, message, line).
    """
    new_source, warnings, _reported, _title, _lines = convert_front_matter(
        source, date_order=date_order, locale=locale, kinds=kinds
    )
    return new_source, warnings


def convert_front_matter(
    source: str,
    *,
    date_order: str = "dmy",
    locale: str | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[str | None, list[tuple[str, str, int]], frozenset[str], str, dict[str, int]]:
    """:func:`talk_from_front_matter`, plus the options whose problems were
    reported, the block's title and the front-matter line of each option.

    The directive reading the block leaves those options' problems unsaid
    (a talk without a usable date keeps its date in the block, so that its
    page says "date to be fixed", and must not warn twice).
    """
    import yaml

    from .yamltext import load

    found = split_front_matter(source)
    if found is None:
        return None, [], frozenset(), "", {}
    lines, close = found
    yaml_text = "\n".join(lines[1:close])
    try:
        loaded = load(yaml_text, text_keys=(*EXTRA_KEYS, *TALK_OPTIONS))
    except yaml.YAMLError:
        return None, [], frozenset(), "", {}  # MyST reports unreadable front matter itself.
    root, data = loaded.root, loaded.data
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return None, [], frozenset(), "", {}
    pair = next(
        ((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "talk"),
        None,
    )
    if pair is None:
        return None, [], frozenset(), "", {}
    key_node, value_node = pair
    talk_line = key_node.start_mark.line + 2  # +1: 1-based, +1: the opening '---'
    warnings: list[tuple[str, str, int]] = []
    first_line, last_line = talk_line, value_node.end_mark.line + 2
    for trouble in loaded.problems:
        if first_line <= trouble.line + 1 <= last_line:
            warnings.append(("bad-front-matter", trouble.message, trouble.line + 1))
    value = data.get("talk")
    if not isinstance(value, dict) or not isinstance(value_node, yaml.MappingNode):
        warnings.append(
            (
                "bad-front-matter",
                "front matter 'talk' must be a mapping of the talk's options, such as "
                "'talk: {title: ..., date: 2022-05-25 14:00}'",
                talk_line,
            )
        )
        return None, warnings, frozenset(), "", {}

    key_lines = {
        str(k.value): k.start_mark.line + 2
        for k, _ in value_node.value
        if isinstance(k, yaml.ScalarNode)
    }
    title = ""
    abstract = ""
    options: dict[str, str] = {}
    known = (*EXTRA_KEYS, *TALK_OPTIONS)
    for raw_key, raw_value in value.items():
        key = str(raw_key)
        name = key.replace("_", "-")
        line = key_lines.get(key, talk_line)
        if name not in known:
            close_match = difflib.get_close_matches(name, known, n=1)
            hint = (
                f"did you mean '{close_match[0]}'?"
                if close_match
                else ("known keys: " + ", ".join(known))
            )
            warnings.append(("bad-front-matter", f"unknown key '{key}' in 'talk'; {hint}", line))
            continue
        if name == "abstract":
            if isinstance(raw_value, str):
                abstract = raw_value
            elif raw_value is not None:
                warnings.append(("bad-front-matter", "'abstract' must be text", line))
            continue
        try:
            text = option_text(name, raw_value)
        except ValueError as error:
            warnings.append(("bad-front-matter", str(error), line))
            continue
        if name == "title":
            title = text
        else:
            options[name] = text

    bio = ""
    if "bio" in options and isinstance(value.get("bio"), str):
        # One line or many, a front-matter bio is text: paragraphs kept, no markup.
        bio = markdown_text(value["bio"])
        options.pop("bio")
    title, options, problems, _storable = clean_options(
        title, options, date_order=date_order, locale=locale, kinds=kinds
    )
    for problem in problems:
        line = key_lines.get(problem.option or "", 0) or key_lines.get(
            (problem.option or "").replace("-", "_"), talk_line
        )
        if problem.option is None:
            line = key_lines.get("title", talk_line)
        warnings.append((problem.subtype, problem.message, line))
    if not title:
        title = "TBA"
    # The directive itself must not warn again about what was reported here.
    block = myst_block(title, options, abstract, bio).rstrip("\n").split("\n")

    # Drop the talk's lines from the front matter and put the block in their place.
    first = key_node.start_mark.line + 1
    end_mark = value_node.end_mark
    last = end_mark.line + (1 if end_mark.column else 0)  # exclusive, in YAML lines
    remaining = lines[1:first] + lines[1 + last : close]
    has_rest = any(line.strip() and not line.lstrip().startswith("#") for line in remaining)
    head = ["---", *remaining, "---"] if has_rest else []
    body = lines[close + 1 :]
    room = close + 1
    used = len(head) + len(block)
    if used <= room:
        new_lines = head + block + [""] * (room - used) + body
    else:
        # More lines than the front matter had: put the talk after the body so
        # the body's line numbers still hold.
        new_lines = head + [""] * (room - len(head)) + body + ["", *block]
    reported = frozenset(p.option or "" for p in problems)
    option_lines = {key.replace("_", "-"): line for key, line in key_lines.items()}
    return "\n".join(new_lines), warnings, reported, title, option_lines


_MARKDOWN_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def markdown_text(text: str) -> str:
    """Text that Markdown shows as written: every ASCII punctuation mark escaped.

    (CommonMark lets any ASCII punctuation be escaped with a backslash, and
    shows it literally.) Paragraphs separated by blank lines stay paragraphs;
    the lines of one paragraph are joined.
    """
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text)]
    escaped = (
        "".join("\\" + c if c in _MARKDOWN_PUNCTUATION else c for c in paragraph)
        for paragraph in paragraphs
        if paragraph
    )
    return "\n\n".join(escaped)
