"""The theme's navigation of talk pages and generated pages, computed once per folder.

Themes render the site's global toctree on every page (alabaster's navigation
sidebar, sphinx_rtd_theme's menu, furo's tree) through the page context's
``toctree()``. For a page outside every toctree, which talk pages are by default
and the generated speaker, series and event pages always are, that tree marks no
entry as current and collapses the same branches, so it depends on the page only
through its links, which are relative to the page's folder. All the talk pages of
a year share a folder, and so do all speaker pages: the tree is computed and
rendered once per folder and set of arguments, and every other page of the folder
gets the same HTML. Pages in a toctree (the root document, listing pages, talk
pages a site put in a toctree) are left to Sphinx.

Measured at 1,000 talks in alabaster: about 10 % of a full build's CPU time (see
``benchmarks/RESULTS.md``); the pages are byte-identical to Sphinx's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..store.domain import get_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class SharedToctree:
    """The rendered navigation of pages outside the toctree, per folder; one per application."""

    def __init__(self) -> None:
        #: (folder of the page's URI, arguments of the call) -> rendered HTML.
        self._html: dict[tuple[str, str], str] = {}
        #: Documents in some toctree (and the root document), for this build.
        self._in_toctrees: frozenset[str] = frozenset()

    def reset(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: a new build, a new toctree."""
        self._html.clear()
        in_toctrees = {env.config.root_doc}
        for children in env.toctree_includes.values():
            in_toctrees.update(children)
        self._in_toctrees = frozenset(in_toctrees)

    def _shared(self, pagename: str, templatename: str, app: Sphinx) -> bool:
        if pagename in self._in_toctrees:
            return False
        if templatename.startswith("seminars/"):
            return True  # a generated page
        return pagename in get_domain(app.env).talks_by_doc

    def page_context(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        """``html-page-context``: share ``toctree()`` among the pages of a folder."""
        original = context.get("toctree")
        if not callable(original) or not self._shared(pagename, templatename, app):
            return
        uri = app.builder.get_target_uri(pagename).rsplit("#", 1)[0]
        folder = uri.rsplit("/", 1)[0] if "/" in uri else ""
        context["toctree"] = self._cached(folder, original)

    def _cached(self, folder: str, original: Callable[..., str]) -> Callable[..., str]:
        def toctree(**kwargs: Any) -> str:
            key = (folder, repr(sorted(kwargs.items())))
            html = self._html.get(key)
            if html is None:
                html = self._html[key] = original(**kwargs)
            return html

        return toctree


def setup_shared_toctree(app: Sphinx) -> None:
    shared = SharedToctree()
    app.connect("env-updated", shared.reset)
    # Before the themes' own handlers (furo reads ``toctree()`` in its handler).
    app.connect("html-page-context", shared.page_context, priority=100)
