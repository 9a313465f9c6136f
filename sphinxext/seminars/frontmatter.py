"""Talks given entirely by a page's front matter under a ``talk:`` key."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_frontmatter(app: Sphinx) -> None:
    pass
