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
