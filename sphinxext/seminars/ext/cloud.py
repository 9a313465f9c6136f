"""The ``speakers-cloud`` and ``topics-cloud`` directives: every speaker (or
topic), sized by number of talks.

Both take the same options (``:series:``, ``:since:``, read once by
:func:`~..core.options.parse_cloud`) and are rendered by the same code; only
what they count differs (:data:`CLOUDS`). Names link to the speaker or topic
pages (a ``speaker`` or ``topic`` reference, so builders without those pages
show plain text), in a few size steps (classes ``seminars-cloud-size-1`` to
``-5``) and never by size alone: each link's text ends with a visually hidden
" (3 talks)". Speakers are ordered by surname
(``seminars_speakers[name]["sort"]`` gives the key when the last word is not
the surname), topics alphabetically. Cancelled talks are not counted: their
speaker did not come.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.model import Status, Talk, fold
from ..core.options import CLOUD_OPTIONS, parse_cloud
from ..core.subtypes import Subtype
from ..store.domain import SeminarsDomain, get_domain
from ..store.i18n import _, ngettext
from ..store.warn import warn
from . import nodes as sn
from .directives import SeminarsDirective
from .render import xref

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Number of size steps (CSS classes ``seminars-cloud-size-1`` .. ``-5``).
STEPS = 5


def size_steps(counts: Mapping[str, int]) -> dict[str, int]:
    """A size step (1..STEPS) per speaker, on a log scale of the talk counts.

    The log keeps one prolific speaker from shrinking everyone else to the
    smallest step; when every count is equal every name gets step 1.
    """
    if not counts:
        return {}
    low, high = math.log(min(counts.values())), math.log(max(counts.values()))
    if high == low:
        return dict.fromkeys(counts, 1)
    return {
        key: 1 + round((STEPS - 1) * (math.log(count) - low) / (high - low))
        for key, count in counts.items()
    }


#: What a cloud counts: ``speakers`` or ``topics``.
SPEAKERS, TOPICS = "speakers", "topics"


def _speaker_groups(domain: SeminarsDomain) -> dict[str, tuple[str, list[Talk]]]:
    return domain.speakers()


def _topic_groups(domain: SeminarsDomain) -> dict[str, tuple[str, list[Talk]]]:
    return {name: (name, talks) for name, talks in domain.topics.items()}


@dataclass(frozen=True)
class Cloud:
    """One kind of cloud: its groups of talks, their order, link role and empty text."""

    #: key -> (name shown, talks).
    groups: Callable[[SeminarsDomain], dict[str, tuple[str, list[Talk]]]]
    sort_key: Callable[[SeminarsDomain, str, str], tuple[Any, ...]]
    role: str
    empty: Callable[[], str]


CLOUDS = {
    SPEAKERS: Cloud(
        _speaker_groups,
        lambda domain, key, name: (domain.speaker_sort_key(name), key),
        "speaker",
        lambda: _("No speakers."),
    ),
    TOPICS: Cloud(
        _topic_groups,
        lambda domain, key, name: (fold(name), key),
        "topic",
        lambda: _("No topics."),
    ),
}


def cloud_entries(
    domain: SeminarsDomain, series: tuple[str, ...], since: dt.date | None, what: str = SPEAKERS
) -> list[tuple[str, str, int, int]]:
    """(key, name, talk count, size step) of each speaker or topic shown, in order."""
    cloud = CLOUDS[what]
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for key, (name, talks) in cloud.groups(domain).items():
        count = sum(
            1
            for talk in talks
            if talk.status is not Status.CANCELLED
            and (not series or talk.series in series)
            and (since is None or talk.last_day >= since)
        )
        if count:
            counts[key] = count
            names[key] = name
    sizes = size_steps(counts)
    order = sorted(counts, key=lambda key: cloud.sort_key(domain, key, names[key]))
    return [(key, names[key], counts[key], sizes[key]) for key in order]


def cloud_fingerprint(
    domain: SeminarsDomain, series: tuple[str, ...], since: dt.date | None, what: str = SPEAKERS
) -> Hashable:
    """``cloud``: the speakers (or topics) a cloud shows, with their sizes."""
    return (
        tuple(cloud_entries(domain, series, since, what)),
        tuple(name in domain.all_series for name in series),
    )


class SpeakersCloudDirective(SeminarsDirective):
    """``.. speakers-cloud::`` with optional ``:series:`` and ``:since:``."""

    has_content = False
    known_options = CLOUD_OPTIONS
    unknown_option_subtype = Subtype.BAD_LISTING
    #: What the cloud counts (a key of :data:`CLOUDS`).
    what: ClassVar[str] = SPEAKERS

    def run(self) -> list[nodes.Node]:
        series, since, problems = parse_cloud(self.options)
        self.report(problems + self.unknown_options())
        docname = self.env.docname
        node = sn.speakers_cloud(
            series=series,
            since=since,
            docname=docname,
            series_line=self.option_line("series"),
            what=self.what,
        )
        self.set_source_info(node)
        dependency: tuple[Any, ...] = ("cloud", series, since)
        if self.what != SPEAKERS:
            dependency += (self.what,)
        get_domain(self.env).add_dependency(docname, dependency)
        return [node]


class TopicsCloudDirective(SpeakersCloudDirective):
    """``.. topics-cloud::``: the same options and rendering, counting tags."""

    what = TOPICS


class ExpandClouds(SphinxPostTransform):
    """Fill each cloud, before references are resolved (priority 10)."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(sn.speakers_cloud)):
            docname = node.get("docname") or self.env.docname
            series: tuple[str, ...] = node["series"]
            what = node.get("what", SPEAKERS)
            for name in series:
                if name not in domain.all_series:
                    warn(
                        Subtype.UNKNOWN_SERIES,
                        f"no series {name!r} for this {what} cloud; write the name as the "
                        "talks' ':series:' gives it",
                        (docname, node.get("series_line", node.line)),
                    )
            node.replace_self(self.render(domain, docname, series, node["since"], what))

    @staticmethod
    def render(
        domain: SeminarsDomain,
        docname: str,
        series: tuple[str, ...],
        since: dt.date | None,
        what: str = SPEAKERS,
    ) -> nodes.Element:
        kind = CLOUDS[what]
        entries = cloud_entries(domain, series, since, what)
        if not entries:
            return nodes.paragraph("", kind.empty(), classes=["seminars-cloud-empty"])
        cloud = nodes.bullet_list(classes=["seminars-cloud", f"seminars-cloud-{what}"])
        for _key, name, count, size in entries:
            link = xref(kind.role, name, name, docname)
            label = ngettext("(%(count)d talk)", "(%(count)d talks)", count)
            link[0] += nodes.inline(
                "", " " + label % {"count": count}, classes=["seminars-visually-hidden"]
            )
            cloud += nodes.list_item(
                "",
                nodes.paragraph("", "", link),
                classes=["seminars-cloud-item", f"seminars-cloud-size-{size}"],
            )
        return cloud


def setup_cloud(app: Sphinx) -> None:
    app.add_directive("speakers-cloud", SpeakersCloudDirective)
    app.add_directive("topics-cloud", TopicsCloudDirective)
    app.add_post_transform(ExpandClouds)
    app.add_css_file("seminars-cloud.css")
