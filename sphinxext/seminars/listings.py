"""The ``talks`` listing directive: filters, formats, grouping (reST and MyST)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_listings(app: Sphinx) -> None:
    pass
