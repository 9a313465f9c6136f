"""What the filter bar of a ``talks`` listing filters on: one talk's facet values.

:func:`talk_facets` is the one place that says which facets a talk has and
their values; the listing's embedded filter data, its freshness and the
topics-cloud links all go through it, so a new facet (``kind`` once talks
have one) is wired here and nowhere else. Pure: no Sphinx, no docutils.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping

from .model import Talk

#: The facets, in the order the filter bar shows them; each is also the name
#: of its parameter in the page address (``?topic=probability&year=2023``).
FACETS = ("series", "topic", "speaker", "kind", "year")
#: The free-text parameter of the page address.
TEXT_PARAMETER = "q"
#: Words of the abstract that free text searches (the listing's teaser).
TEASER_WORDS = 40


def teaser(text: str, words: int | None) -> str:
    """The first ``words`` words of ``text`` (all of them for ``None``), "…" if cut."""
    parts = text.split()
    if words is not None and len(parts) > words:
        return " ".join(parts[:words]) + " …"
    return " ".join(parts)


def talk_facets(talk: Talk) -> dict[str, tuple[str, ...]]:
    """Facet name -> the talk's values (empty when it has none), in :data:`FACETS` order."""
    kind = getattr(talk, "kind", None)
    return {
        "series": (talk.series,) if talk.series else (),
        "topic": tuple(dict.fromkeys(tag for tag in talk.tags if tag)),
        "speaker": tuple(dict.fromkeys(p.name for p in talk.speakers if not p.is_tba)),
        "kind": (str(kind),) if kind else (),
        "year": (f"{talk.start.year:04d}",),
    }


def search_text(talk: Talk) -> str:
    """What free text matches: title, speakers and the abstract's teaser."""
    return " ".join(
        part
        for part in (talk.title, talk.speaker_names, teaser(talk.abstract, TEASER_WORDS))
        if part
    )


def facet_values(talks: Iterable[Talk]) -> dict[str, list[str]]:
    """Facet name -> every value the talks have, sorted (years newest first).

    Facets with no value are left out, so the bar shows no empty menu.
    """
    found: dict[str, set[str]] = {name: set() for name in FACETS}
    for talk in talks:
        for name, values in talk_facets(talk).items():
            found[name].update(values)
    return {
        name: sorted(values, key=lambda v: (v.casefold(), v), reverse=name == "year")
        for name, values in found.items()
        if values
    }


def filter_query(selection: Mapping[str, str]) -> str:
    """The page-address query (``topic=machine+learning``) that selects ``selection``."""
    return urllib.parse.urlencode(
        [(name, selection[name]) for name in (*FACETS, TEXT_PARAMETER) if selection.get(name)]
    )
