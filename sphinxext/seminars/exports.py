"""Atom feed, ``talks.json``, BibTeX, CSL-JSON and JSON-LD outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_exports(app: Sphinx) -> None:
    pass
