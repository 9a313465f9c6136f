"""Message catalogs: ``_`` for text in the output, ``__`` for console messages."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "sphinxext.seminars"
LOCALE_DIR = Path(__file__).parents[1] / "locales"

_ = get_translation(MESSAGE_CATALOG_NAME)
__ = get_translation(MESSAGE_CATALOG_NAME, "console")
