"""The validators the markup and theme tests use, found where the CI installs them.

``.ci/run`` installs them with npm into ``tests/browser/node_modules`` (the
versions are pinned in ``tests/browser/package-lock.json``): ``axe-core`` (its
``axe.min.js`` is injected into pages) and ``vnu-jar`` (the Nu HTML checker, run
with the machine's Java). ``SEMINARS_AXE_JS`` and ``SEMINARS_VNU_JAR`` point
elsewhere. Tests that need a missing one skip and say which.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

NODE_MODULES = Path(__file__).parent / "browser" / "node_modules"

#: The elements the extension draws; the validators look at these, not at the theme.
EXTENSION_SELECTORS = (
    "article.seminars-talk",
    "div.seminars-listing",
    "p.seminars-feed-links",
    "ul.seminars-cloud",
    "section.seminars-page",
)


def axe_js() -> Path | None:
    given = os.environ.get("SEMINARS_AXE_JS")
    path = Path(given) if given else NODE_MODULES / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def vnu_jar() -> Path | None:
    given = os.environ.get("SEMINARS_VNU_JAR")
    path = Path(given) if given else NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return path if path.is_file() else None


def vnu_missing() -> str | None:
    """Why the Nu checker cannot run here, or None."""
    if shutil.which("java") is None:
        return "no Java runtime for the Nu HTML checker (apt-get install default-jre-headless)"
    if vnu_jar() is None:
        return "vnu.jar is missing (cd tests/browser && npm ci), or set SEMINARS_VNU_JAR"
    return None


def axe_missing() -> str | None:
    if axe_js() is None:
        return "axe-core is missing (cd tests/browser && npm ci), or set SEMINARS_AXE_JS"
    return None


def _outermost(soup: BeautifulSoup) -> list[Any]:
    found = soup.select(", ".join(EXTENSION_SELECTORS))
    ids = {id(element) for element in found}
    return [e for e in found if not any(id(parent) in ids for parent in e.parents)]


def extension_document(page: str) -> str:
    """An HTML document holding only what the extension put into ``page``.

    The ``<link rel="alternate">`` and JSON-LD of its head and body, and its
    talks, listings, clouds and generated pages, as they are written; the theme's
    own markup (which the extension does not control) is left out.
    """
    soup = BeautifulSoup(page, "html5lib")
    head = [str(link) for link in soup.select('head link[rel="alternate"]')]
    head += [str(meta) for meta in soup.select('meta[name^="seminars-"]')]
    body = [str(element) for element in _outermost(soup)]
    lang = soup.html.get("lang", "en") if soup.html else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        "<title>Extension markup</title>\n"
        + "\n".join(head)
        + "\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def run_vnu(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu checker's errors and warnings on ``files`` (one Java start for all)."""
    jar = vnu_jar()
    assert jar is not None
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    return [
        message
        for message in messages
        if message["type"] == "error"
        or (message["type"] == "info" and message.get("subType") == "warning")
    ]
