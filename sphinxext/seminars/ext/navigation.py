"""Previous/next talk links on each talk page (talk pages sit in no toctree).

The theme's own previous/next and breadcrumbs follow the toctree; talk pages
are orphans (see the ``talk`` directive), so each gets its own way through the
archive: neighbours in time and in its series, and a link to the series page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.dates import right_to_left
from ..core.subtypes import Subtype
from ..store.i18n import _
from ..store.warn import warn
from . import nodes as sn
from .render import talk_reference, xref

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.model import Talk
    from ..store.domain import SeminarsDomain


def neighbours(domain: SeminarsDomain, talk: Talk) -> dict[str, Talk | None]:
    """Previous and next talk in time, and in the talk's series."""
    ordered = domain.ordered_talks
    index = domain.position(talk)
    result: dict[str, Talk | None] = {"previous": None, "next": None}
    if index >= 0:
        result["previous"] = ordered[index - 1] if index > 0 else None
        result["next"] = ordered[index + 1] if index + 1 < len(ordered) else None
    if talk.series:
        in_series = domain.series_talks(talk.series)
        position = domain.series_position(talk)
        if position >= 0:
            result["series-previous"] = in_series[position - 1] if position > 0 else None
            result["series-next"] = (
                in_series[position + 1] if position + 1 < len(in_series) else None
            )
    return result


def nav_fingerprint(domain: SeminarsDomain, talk_id: str) -> tuple[object, ...]:
    """``nav``: the neighbours a talk page links to."""
    talk = domain.talks.get(talk_id)
    if talk is None:
        return ()
    return tuple(
        (key, (other.id, other.title, other.docname, other.anchor) if other else None)
        for key, other in sorted(neighbours(domain, talk).items())
    )


def nav_nodes(domain: SeminarsDomain, talk: Talk, docname: str) -> nodes.Element | None:
    found = neighbours(domain, talk)
    # The previous talk is on the reading side a line starts from: the arrows follow.
    back, forth = ("→", "←") if right_to_left(domain.env.config.language) else ("←", "→")
    rows = []
    for key_previous, key_next in (("previous", "next"), ("series-previous", "series-next")):
        if key_previous not in found:
            continue
        paragraph = nodes.paragraph(classes=["seminars-nav-row"])
        if key_previous.startswith("series"):
            # The series' name first: a name such as "Seminari di analisi stocastica"
            # after "Tutti i seminari di" would repeat its own kind.
            text = _("{series}: all talks").format(series=talk.series)
            paragraph += xref("series", talk.series, text, docname)
            separator = " · "
        else:
            label = _("Previous and next talks:")
            paragraph += nodes.inline("", label, classes=["seminars-nav-label"])
            separator = " "
        for key, arrow in ((key_previous, f"{back} "), (key_next, f" {forth}")):
            other = found[key]
            if other is None:
                continue
            paragraph += nodes.Text(separator)
            separator = " · "
            rel = "prev" if key.endswith("previous") else "next"
            text = f"{arrow}{other.title}" if rel == "prev" else f"{other.title}{arrow}"
            link = talk_reference(other, docname, text)
            # The title isolated: in a right-to-left line a Latin title must not
            # take the arrow or the label beside it into its own direction.
            title = sn.isolate("", other.title)
            pieces = [nodes.Text(arrow), title] if rel == "prev" else [title, nodes.Text(arrow)]
            del link[0][:]
            link[0].extend(pieces)
            link["classes"].append(f"seminars-nav-{rel}")
            paragraph += link
        rows.append(paragraph)
    if not any(len(row) > 1 for row in rows):
        return None
    container = nodes.container(classes=["seminars-nav"])
    container.extend(rows)
    return container


def check_toctree_size(app: Sphinx, domain: SeminarsDomain) -> None:
    """Warn once when many talk pages sit in toctrees (the build turns quadratic).

    Every page then renders the navigation of every talk in most themes; the
    warning names the page holding the most of them.
    """
    threshold = domain.settings.toctree_warning_threshold
    if threshold <= 0:
        return
    talk_pages = {doc for doc, talks in domain.talks_by_doc.items() if talks}
    holders: dict[str, int] = {}
    for parent, children in domain.env.toctree_includes.items():
        count = sum(1 for child in children if child in talk_pages)
        if count:
            holders[parent] = count
    total = len({c for p in holders for c in domain.env.toctree_includes[p] if c in talk_pages})
    if total <= threshold:
        return
    worst = max(sorted(holders), key=holders.__getitem__)
    warn(
        Subtype.TOCTREE_SIZE,
        f"{total} talk pages are in toctrees ({holders[worst]} in this page), more than "
        f"seminars_toctree_warning_threshold = {threshold}: every page then renders them all and "
        "the build slows down with the square of the archive; list talks with the 'talks' "
        "directive instead of a toctree (see the documentation page on large archives)",
        (worst, None),
    )


def setup_navigation(app: Sphinx) -> None:
    app.connect("seminars-check-consistency", check_toctree_size)
