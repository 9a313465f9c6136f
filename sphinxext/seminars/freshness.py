"""Re-write the pages whose output depends on other documents' talks.

A page records what it depends on (``domain.add_dependency``): a listing's
query, the neighbours of a talk, a referenced talk id. After each read phase
(``env-get-updated``, in the main process, after the merge) every recorded
dependency is fingerprinted from the resolved data; the pages whose
fingerprint changed are returned to Sphinx, which writes them again. An edited
talk re-writes its neighbours and the listings that show it; a build with no
change writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from .domain import SeminarsDomain, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Dependency kind -> function of (domain, *arguments) giving what the page shows.
Fingerprinter = Callable[..., Hashable]
FINGERPRINTS: dict[str, Fingerprinter] = {}


def fingerprinter(kind: str) -> Callable[[Fingerprinter], Fingerprinter]:
    def register(function: Fingerprinter) -> Fingerprinter:
        FINGERPRINTS[kind] = function
        return function

    return register


def fingerprint(domain: SeminarsDomain, dependencies: set[tuple[Any, ...]]) -> str:
    digest = hashlib.sha256()
    # Series and event names made unique (rare) change links on any page.
    digest.update(repr(domain.renamed_slugs()).encode())
    for dependency in sorted(dependencies, key=repr):
        kind, *arguments = dependency
        function = FINGERPRINTS.get(kind)
        value = function(domain, *arguments) if function else None
        digest.update(repr((dependency, value)).encode())
    return digest.hexdigest()


def outdated_dependents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    # Per output folder: builders sharing one doctree folder (html, then
    # latex) must each re-write what changed since *their* last build.
    written: dict[str, str] = domain.data["written"].setdefault(str(app.outdir), {})
    changed = []
    for docname in sorted(domain.depends):
        value = fingerprint(domain, domain.depends[docname])
        if written.get(docname) != value:
            written[docname] = value
            changed.append(docname)
    for gone in set(written) - set(domain.depends):
        del written[gone]
    return [d for d in changed if d in env.all_docs]


@fingerprinter("ref")
def _reference(domain: SeminarsDomain, kind: str, target: str) -> Hashable:
    if kind == "talk":
        talk = domain.talks.get(target)
        return (talk.title, talk.docname, talk.anchor) if talk else None
    if kind == "speaker":
        return domain.speaker_keys(target) in domain.speakers()
    if kind == "event":
        return target in domain.events
    return target in domain.all_series


@fingerprinter("talk")
def _talk(domain: SeminarsDomain, talk_id: str) -> Hashable:
    talk = domain.talks.get(talk_id)
    if talk is None:
        return None
    return (repr(talk), repr(domain.all_series.get(talk.series)), talk.is_past(domain.now()))


def setup_freshness(app: Sphinx) -> None:
    app.connect("env-get-updated", outdated_dependents)
