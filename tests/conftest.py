"""Shared fixtures: Sphinx's testing fixtures on the small sites in ``roots/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"

# Sphinx prints "path:line: WARNING: message [type.subtype]"; colour codes stripped.
_WARNING = re.compile(
    r"^(?P<location>.*?):?(?P<line>\d+)?: (?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_site(buildername: str, srcdir: Path, outdir: Path, **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` once into ``outdir`` and return the finished app.

    For tests that build the same sources several times (incremental,
    parallel, reproducible) or want a module-scoped build.
    """
    app = SphinxTestApp(buildername, srcdir=Path(srcdir), builddir=Path(outdir), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def html_tree(app, docname: str) -> BeautifulSoup:
    """The page of ``docname`` parsed with a real HTML parser."""
    path = Path(app.outdir, f"{docname}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def warnings_of(app) -> list[dict[str, str]]:
    """The build's warnings as dicts: location, line, message, type (e.g. 'seminars.bad-date')."""
    found = []
    for raw in _ANSI.sub("", app.warning.getvalue()).splitlines():
        match = _WARNING.match(raw.strip())
        if match:
            found.append({k: v or "" for k, v in match.groupdict().items()})
    return found


def seminars_warnings(app) -> list[tuple[str, str]]:
    """(subtype, 'file:line') of each seminars.* warning, in order."""
    result = []
    for warning in warnings_of(app):
        if warning["type"].startswith("seminars."):
            location = Path(warning["location"]).name
            result.append(
                (warning["type"].removeprefix("seminars."), f"{location}:{warning['line']}")
            )
    return result


@pytest.fixture
def tree():
    return html_tree


@pytest.fixture
def warnings():
    return warnings_of
