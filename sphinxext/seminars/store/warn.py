"""Log a warning of the extension: type ``seminars``, a subtype, a location."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.subtypes import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from docutils import nodes

logger = logging.getLogger("sphinxext.seminars")


def warn(
    subtype: Subtype | str,
    message: str,
    location: nodes.Node | tuple[str | None, int | None] | str | None,
    **kwargs: Any,
) -> None:
    """Log a warning with the extension's type, the given subtype and a location."""
    logger.warning(message, type=WARNING_TYPE, subtype=str(subtype), location=location, **kwargs)
