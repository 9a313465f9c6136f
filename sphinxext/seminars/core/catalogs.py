"""The extension's message catalogs as data: extraction, completeness, placeholders.

Pure (babel only): used by ``scripts/update_catalogs.py``, the tests and the
documentation's table of languages, so the three agree on what "complete" means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

DOMAIN = "sphinxext.seminars"
PACKAGE = Path(__file__).parents[1]
LOCALES = PACKAGE / "locales"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"

#: The translation functions and the positions of their message arguments, as
#: ``pybabel extract -k`` writes them (``"1c"``: the first argument is a context).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "_": ("1",),
    "__": ("1",),
    "_t": ("1",),
    "ngettext": ("1", "2"),
    "npgettext": ("1c", "2", "3"),
}

#: A message as the catalogs key it: its context (or None) and its English form(s).
Key = tuple[str | None, tuple[str, ...]]


def key(message_id: str | tuple[str, ...] | list[str], context: str | None = None) -> Key:
    return (context, (message_id,) if isinstance(message_id, str) else tuple(message_id))


def positions(spec: tuple[str, ...]) -> tuple[int | None, tuple[int, ...]]:
    """The 0-based argument of the context (or None) and of the messages."""
    context = next((int(a[:-1]) - 1 for a in spec if a.endswith("c")), None)
    return context, tuple(int(a) - 1 for a in spec if not a.endswith("c"))


#: Messages only the console sees (``__``): translated or not, a site reads none of them.
CONSOLE_PREFIX = "seminars:"

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")

#: Language names in their own language, for the table of languages.
NAMES = {
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "pt": "Português",
    "pt_BR": "Português (Brasil)",
}


def placeholders(text: str) -> tuple[str, ...]:
    """The placeholders of a message, sorted (``%(count)d`` -> ``%(count)``, ``{url}``)."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        whole = match.group(0)
        found.append(whole[:-1] if whole.startswith("%(") else whole)
    return tuple(sorted(found))


def extract() -> dict[Key, None]:
    """The messages of the package's code, as ``pybabel extract`` sees them (in order)."""
    keywords: dict[str, Any] = {
        name: None
        if spec == ("1",)
        else tuple((int(a[:-1]), "c") if a.endswith("c") else int(a) for a in spec)
        for name, spec in KEYWORDS.items()
    }
    found: dict[Key, None] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords
    ):
        found[key(message, context)] = None
    return found


def languages() -> list[str]:
    """The languages with a catalog, sorted."""
    return sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


@dataclass(frozen=True)
class Status:
    """How far a catalog is: its translated messages among the template's."""

    language: str
    translated: int
    total: int
    problems: tuple[str, ...]

    @property
    def percent(self) -> int:
        return 100 * self.translated // self.total if self.total else 100


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def check(language: str, locales: Path = LOCALES) -> Status:
    """Compare a language's catalog with the template: missing, fuzzy, placeholders."""
    template = read(locales / f"{DOMAIN}.pot")
    catalog = read(locales / language / "LC_MESSAGES" / f"{DOMAIN}.po")
    problems: list[str] = []
    translated = total = 0
    for message in template:
        if not message.id:
            continue
        name = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        if message.context:
            name = f"{message.context}|{name}"
        if name.startswith(CONSOLE_PREFIX):
            continue
        total += 1
        entry = catalog.get(message.id, context=message.context)
        forms = _forms(entry.string) if entry is not None and entry.string else ()
        if entry is None or not forms or not all(forms):
            problems.append(f"{language}: not translated: {name!r}")
            continue
        if entry.fuzzy:
            problems.append(f"{language}: fuzzy: {name!r}")
            continue
        expected = placeholders(_forms(message.id)[-1])
        for form in forms:
            if placeholders(form) != expected:
                problems.append(
                    f"{language}: placeholders of {name!r} are {list(expected)}, "
                    f"the translation {form!r} has {list(placeholders(form))}"
                )
                break
        else:
            translated += 1
        if isinstance(message.id, (tuple, list)) and catalog.num_plurals != len(forms):
            problems.append(f"{language}: {name!r} needs {catalog.num_plurals} plural forms")
    return Status(language, translated, total, tuple(problems))
