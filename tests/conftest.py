"""Shared fixtures: Sphinx's testing fixtures on the small sites in ``roots/``."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

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


def rebuild_and_clean_build(
    build: Callable[[Path, Path], SphinxTestApp], src: Path, out: Path, scratch: Path, step: str
) -> tuple[SphinxTestApp, SphinxTestApp]:
    """Rebuild ``src`` into ``out`` (incrementally), and build a copy of it afresh
    under ``scratch``: the two apps, for a test to compare their pages."""
    again = build(src, out)
    clean_src = scratch / f"clean-{step}"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    return again, build(clean_src, scratch / f"clean-out-{step}")


def module_build(srcdir: Path, tmp_path_factory, name: str) -> Iterator[SphinxTestApp]:
    """A quiet, fresh html build of ``srcdir`` for a module-scoped fixture to ``yield from``.

    The root is read-only: the output goes to a new folder ``name`` of
    ``tmp_path_factory``; the app is cleaned up when the module is done.
    """
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=tmp_path_factory.mktemp(name),
        freshenv=True,
        status=StringIO(),
        warning=StringIO(),
    )
    app.build()
    yield app
    app.cleanup()


# The site the importers' tests import into and build.
IMPORT_CONF = """\
extensions = ["myst_parser", "sphinxext.seminars"]
exclude_patterns = ["_build"]
html_theme = "basic"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
"""


def make_site(root: Path) -> Path:
    """An empty archive at ``root`` (``conf.py`` and an index) to import into."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(IMPORT_CONF, encoding="utf-8")
    (root / "index.rst").write_text("Archive\n=======\n", encoding="utf-8")
    return root


def build_fresh(make_app, srcdir: Path, buildername: str):
    """A fresh build of ``srcdir`` with ``make_app``; returns the app."""
    app = make_app(buildername, srcdir=srcdir, freshenv=True)
    app.build()
    return app


def talk_record(ident: str, title: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    """One talk of a ``talks.json`` (in Rome, by Ada Lovelace, in Algebra); ``extra`` adds
    or replaces keys."""
    record: dict[str, Any] = {
        "id": ident,
        "title": title,
        "path": f"talks/{ident}.html#talk-{ident}",
        "start": start,
        "end": end,
        "all_day": False,
        "date": start[:10],
        "last_day": end[:10],
        "timezone": "Europe/Rome",
        "status": "scheduled",
        "speakers": [{"name": "Ada Lovelace", "affiliation": "Analytical Engines"}],
        "series": "Algebra",
    }
    record.update(extra)
    return record


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
