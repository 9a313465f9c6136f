"""Message catalogs: ``_`` for text in the output, ``__`` for console messages.

Every label is one whole message with its placeholders (``"Speaker: {names}"``,
never ``_("Speaker") + ": "``), so that each language orders and punctuates it
its own way; counts go through :func:`ngettext`, which picks the plural form
the catalog's ``Plural-Forms`` rule gives for the number (two forms in English,
three in Polish...). ``scripts/update_catalogs.py`` extracts the calls to
``_``, ``__``, ``_t``, ``ngettext`` and ``npgettext`` whose arguments are string literals;
``tests/test_i18n.py`` fails on any other call, which the extraction would miss.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation, get_translator, is_translator_registered

MESSAGE_CATALOG_NAME = "sphinxext.seminars"
LOCALE_DIR = Path(__file__).parents[1] / "locales"

_ = get_translation(MESSAGE_CATALOG_NAME)
__ = get_translation(MESSAGE_CATALOG_NAME, "console")


def _t(message: str) -> str:
    """A translated string now (``_`` is lazy outside a build's locale set-up)."""
    return str(_(message))


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """:func:`ngettext` for a message whose English words serve elsewhere too.

    ``context`` tells the two apart in the catalogs ("field": the label of a
    talk's speakers, against the "Speakers" page title).
    """
    if not is_translator_registered(MESSAGE_CATALOG_NAME):
        return singular if count == 1 else plural
    return get_translator(MESSAGE_CATALOG_NAME).npgettext(context, singular, plural, count)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` the site's language uses for ``count``.

    Not yet formatted: ``ngettext("%(count)d talk", "%(count)d talks", n) % {"count": n}``.
    English rules apply until the build has set up the catalogs.
    """
    if not is_translator_registered(MESSAGE_CATALOG_NAME):
        return singular if count == 1 else plural
    return get_translator(MESSAGE_CATALOG_NAME).ngettext(singular, plural, count)
