"""Translated labels that pages and output files share."""

from __future__ import annotations

from ..core.model import Link, LinkKind
from .i18n import _


def link_label(link: Link) -> str:
    """What a link is called: "Slides", "arXiv:2101.00001"..."""
    labels = {
        LinkKind.ARXIV: f"arXiv:{link.ident}",
        LinkKind.DOI: f"DOI {link.ident}",
        LinkKind.PDF: _("Paper"),
        LinkKind.SLIDES: _("Slides"),
        LinkKind.VIDEO: _("Video"),
        LinkKind.CODE: _("Code"),
        LinkKind.URL: _("Website"),
    }
    return labels[link.kind]


def kind_label(kind: str) -> str:
    """A talk's kind as pages show it ("Colloquium"); a site's own kind as written."""
    labels = {
        "seminar": _("Seminar"),
        "colloquium": _("Colloquium"),
        "lecture": _("Lecture"),
        "workshop": _("Workshop"),
        "defence": _("Thesis defence"),
        "mini-course": _("Mini-course"),
    }
    return str(labels.get(kind, kind))


def audience_label(audience: str) -> str:
    """A talk's audience as pages show it."""
    labels = {
        "general": _("General audience"),
        "graduate": _("Graduate students"),
        "specialist": _("Specialists"),
    }
    return str(labels.get(audience, audience))


def language_label(tag: str, site_language: str | None) -> str:
    """The name of a BCP 47 language in the site's language ("italiano", "Italian")."""
    from babel import Locale, UnknownLocaleError

    from ..core.dates import locale_for

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(locale_for(site_language))
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    return name or tag
