"""The ``speakers-cloud`` directive: every speaker, sized by number of talks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_cloud(app: Sphinx) -> None:
    pass
