"""The ``speakers-cloud`` directive: every speaker, sized by number of talks.

Names link to the speaker pages (a ``speaker`` reference, so builders without
those pages show plain text), in a few size steps (classes
``seminars-cloud-size-1`` to ``-5``) and never by size alone: each link's text
ends with a visually hidden " (3 talks)". Speakers are ordered by surname
(``seminars_speakers[name]["sort"]`` gives the key when the last word is not
the surname). Cancelled talks are not counted: their speaker did not come.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.model import Status
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


def cloud_entries(
    domain: SeminarsDomain, series: tuple[str, ...], since: dt.date | None
) -> list[tuple[str, str, int, int]]:
    """(key, name, talk count, size step) of each speaker shown, in surname order."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for key, (name, talks) in domain.speakers().items():
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
    order = sorted(counts, key=lambda key: (domain.speaker_sort_key(names[key]), key))
    return [(key, names[key], counts[key], sizes[key]) for key in order]


def cloud_fingerprint(
    domain: SeminarsDomain, series: tuple[str, ...], since: dt.date | None
) -> Hashable:
    """``cloud``: the speakers a cloud shows, with their sizes."""
    return (
        tuple(cloud_entries(domain, series, since)),
        tuple(name in domain.all_series for name in series),
    )


class SpeakersCloudDirective(SeminarsDirective):
    """``.. speakers-cloud::`` with optional ``:series:`` and ``:since:``."""

    has_content = False
    known_options = CLOUD_OPTIONS
    unknown_option_subtype = Subtype.BAD_LISTING

    def run(self) -> list[nodes.Node]:
        series, since, problems = parse_cloud(self.options)
        self.report(problems + self.unknown_options())
        docname = self.env.docname
        node = sn.speakers_cloud(
            series=series, since=since, docname=docname, series_line=self.option_line("series")
        )
        self.set_source_info(node)
        get_domain(self.env).add_dependency(docname, ("cloud", series, since))
        return [node]


class ExpandClouds(SphinxPostTransform):
    """Fill each cloud, before references are resolved (priority 10)."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(sn.speakers_cloud)):
            docname = node.get("docname") or self.env.docname
            series: tuple[str, ...] = node["series"]
            for name in series:
                if name not in domain.all_series:
                    warn(
                        Subtype.UNKNOWN_SERIES,
                        f"no series {name!r} for this speakers cloud; write the name as the "
                        "talks' ':series:' gives it",
                        (docname, node.get("series_line", node.line)),
                    )
            node.replace_self(self.render(domain, docname, series, node["since"]))

    @staticmethod
    def render(
        domain: SeminarsDomain, docname: str, series: tuple[str, ...], since: dt.date | None
    ) -> nodes.Element:
        entries = cloud_entries(domain, series, since)
        if not entries:
            return nodes.paragraph("", _("No speakers."), classes=["seminars-cloud-empty"])
        cloud = nodes.bullet_list(classes=["seminars-cloud"])
        for _key, name, count, size in entries:
            link = xref("speaker", name, name, docname)
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
    app.add_post_transform(ExpandClouds)
    app.add_css_file("seminars-cloud.css")
