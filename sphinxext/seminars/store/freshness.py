"""When is a page written again: one registry of what pages depend on.

Every "page X depends on Y" of the extension is a *dependency* of a declared
kind, and :class:`Freshness` is the one place that knows the kinds. The
registry is built in the extension's ``setup`` (``sphinxext.seminars.setup``
declares every kind, each with the function that fingerprints what a page shows
of it); recording a dependency of a kind nobody declared is a programming error
and raises at once, instead of silently never re-writing the page.

Documents
    A page records what it shows of other documents
    (``domain.add_dependency(docname, (kind, *arguments))``): a listing's query,
    the neighbours of a talk, a referenced talk id. After each read phase
    (``env-get-updated``, in the main process, after the merge) every recorded
    dependency is fingerprinted from the resolved data; the pages whose
    fingerprint changed are returned to Sphinx, which writes them again. An
    edited talk re-writes its neighbours and the listings that show it; a build
    with no change writes nothing.
Outputs that are not documents (the generated speaker/series/event pages)
    Their layer fingerprints each of them after the read phase and hands the
    fingerprints to :meth:`Freshness.plan`, which keeps them with the
    environment and says which to render and which are gone.

What is kept per output folder (builders sharing one doctree folder, html then
latex, each re-write what changed since *their* last build) lives in the
domain's pickled data; what only this build needs (which outputs to render,
whether documents were read) lives on the registry, never in pickled data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

from .domain import SeminarsDomain, get_domain, topic_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: A function of (domain, *arguments) giving what a page shows of a dependency.
Fingerprinter = Callable[..., Hashable]

#: The scope of the documents' own fingerprints in the kept data.
DOCUMENTS = "documents"


class UnknownDependency(KeyError):
    """A dependency or output scope nobody declared in ``setup``."""


class Freshness:
    """The registry of dependency kinds and output scopes; one per Sphinx application."""

    def __init__(self) -> None:
        self._kinds: dict[str, Fingerprinter] = {}
        self._scopes: set[str] = {DOCUMENTS}
        #: (output folder, scope) -> (names to render, names gone), for this build.
        self._plans: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        #: Whether this build reads or removes documents (then Sphinx saves the
        #: environment anyway); set at ``env-get-outdated``.
        self.reading = True

    # -- declaring --

    def declare(self, kind: str, fingerprinter: Fingerprinter) -> None:
        """Declare a dependency kind and the function that fingerprints it."""
        if kind in self._kinds:
            raise ValueError(f"dependency kind {kind!r} is declared twice")
        self._kinds[kind] = fingerprinter

    def declare_output(self, scope: str) -> None:
        """Declare a kind of output that is not a document (``"pages"``)."""
        if scope in self._scopes:
            raise ValueError(f"output scope {scope!r} is declared twice")
        self._scopes.add(scope)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._kinds)

    def check(self, dependency: tuple[Any, ...]) -> None:
        """Refuse a dependency whose kind nobody declared."""
        if not dependency or dependency[0] not in self._kinds:
            kind = dependency[0] if dependency else None
            raise UnknownDependency(
                f"dependency kind {kind!r} is not declared; declare it in setup "
                f"(known: {', '.join(sorted(self._kinds))})"
            )

    def _check_scope(self, scope: str) -> None:
        if scope not in self._scopes:
            raise UnknownDependency(f"output scope {scope!r} is not declared; declare it in setup")

    # -- fingerprints --

    def fingerprint(self, domain: SeminarsDomain, dependencies: Iterable[tuple[Any, ...]]) -> str:
        digest = hashlib.sha256()
        # Series and event names made unique (rare) change links on any page.
        digest.update(repr(domain.renamed_slugs()).encode())
        for dependency in sorted(dependencies, key=repr):
            self.check(dependency)
            kind, *arguments = dependency
            value = self._kinds[kind](domain, *arguments)
            digest.update(repr((dependency, value)).encode())
        return digest.hexdigest()

    @staticmethod
    def _kept(domain: SeminarsDomain, outdir: str, scope: str) -> dict[str, str]:
        folders: dict[str, dict[str, dict[str, str]]] = domain.data["written"]
        return folders.setdefault(outdir, {}).setdefault(scope, {})

    def written(self, domain: SeminarsDomain, outdir: str, scope: str) -> dict[str, str]:
        """The fingerprints of the outputs of ``scope`` when they were last written."""
        self._check_scope(scope)
        return dict(self._kept(domain, outdir, scope))

    # -- documents (env-get-outdated, env-get-updated) --

    def note_reading(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """``env-get-outdated``: remember whether this build reads or removes documents."""
        self.reading = bool(added or changed or removed)
        return []

    def outdated_documents(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """``env-get-updated``: the documents whose dependencies changed."""
        domain = get_domain(env)
        written = self._kept(domain, str(app.outdir), DOCUMENTS)
        changed = []
        for docname in sorted(domain.depends):
            value = self.fingerprint(domain, domain.depends[docname])
            if written.get(docname) != value:
                written[docname] = value
                changed.append(docname)
        for gone in set(written) - set(domain.depends):
            del written[gone]
        return [d for d in changed if d in env.all_docs]

    # -- other outputs --

    def plan(
        self,
        domain: SeminarsDomain,
        outdir: str,
        scope: str,
        fingerprints: dict[str, str],
        gone: list[str],
    ) -> list[str]:
        """Keep this build's fingerprints of ``scope``; note what to render and delete.

        Returns the names to render: those whose fingerprint changed.
        """
        self._check_scope(scope)
        kept = self._kept(domain, outdir, scope)
        render = [name for name in sorted(fingerprints) if kept.get(name) != fingerprints[name]]
        kept.clear()
        kept.update(fingerprints)
        self._plans[outdir, scope] = (render, gone)
        return render

    def planned(self, outdir: str, scope: str) -> tuple[list[str], list[str]]:
        """(names to render, names gone) as :meth:`plan` noted them in this build."""
        self._check_scope(scope)
        return self._plans.get((outdir, scope), ([], []))

    # -- wiring --

    def attach(self, app: Sphinx) -> None:
        """``builder-inited``: the domain checks each dependency against this registry."""
        get_domain(app.env).dependency_check = self.check


def setup_freshness(app: Sphinx, freshness: Freshness) -> None:
    app.connect("builder-inited", freshness.attach)
    app.connect("env-get-outdated", freshness.note_reading)
    app.connect("env-get-updated", freshness.outdated_documents)


# -- the kinds the store itself answers -------------------------------------------------


def reference_fingerprint(domain: SeminarsDomain, kind: str, target: str) -> Hashable:
    """``ref``: a :talk:/:speaker:/:series:/:event:/:venue:/:topic: reference's text and target."""
    if kind == "talk":
        talk = domain.talks.get(target)
        return (talk.title, talk.docname, talk.anchor) if talk else None
    if kind == "speaker":
        key = domain.speaker_keys(target)
        return key, key in domain.speakers()
    if kind == "event":
        return target in domain.events
    if kind == "venue":
        venue = domain.venues.get(target)
        return venue.title if venue else None
    if kind == "topic":
        return topic_page(domain, target)
    return target in domain.all_series


def talk_fingerprint(domain: SeminarsDomain, talk_id: str) -> Hashable:
    """``talk``: a talk as resolved (series defaults, past or not)."""
    talk = domain.talks.get(talk_id)
    if talk is None:
        return None
    return (
        repr(talk),
        repr(domain.all_series.get(talk.series)),
        talk.is_past(domain.now()),
        # The speakers' profiles go into the talk's JSON-LD.
        tuple(repr(domain.profile_of(p.name)) for p in talk.speakers),
        repr(domain.venue_of(talk)),
    )
