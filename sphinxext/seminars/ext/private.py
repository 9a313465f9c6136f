"""Private meeting links (series with ``hide-online-after``), organisers' e-mails
(``seminars_private_emails``) and meeting passcodes (``:passcode:``) beyond the rendered
outputs.

Pages, calendars and exports leave such a link out once its talk is over
(:func:`.model.public_view`). Two more places could still publish it:

- ``_sources/``: with ``html_copy_source`` (on by default) Sphinx copies each
  document's source next to the pages. A document whose source holds a private
  link is published without it: no copy, no "Show source" link, and a copy an
  earlier build left is removed.
- The doctree folder: the environment and doctrees hold every option as
  written. When it lies inside the output folder (``sphinx-build`` without
  ``-d``), uploading the output publishes it; a ``seminars.private-link``
  warning says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.options import EMAIL_LIKE
from ..core.subtypes import Subtype
from ..store.domain import SeminarsDomain, get_domain
from ..store.warn import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Domain data key: documents whose source holds a private link (sorted).
PRIVATE_SOURCES = "private-sources"


def private_links(domain: SeminarsDomain) -> dict[str, set[str]]:
    """Each private link -> the documents that may hold it in their source."""
    series = domain.all_series
    found: dict[str, set[str]] = {}
    for item in series.values():
        if item.hide_online_after and item.online:
            found.setdefault(item.online, set()).add(item.docname)
    if domain.settings.private_emails:
        # Organisers' e-mails (``seminars_private_emails``): the documents declaring them.
        for docname in sorted(domain.series_by_doc):
            for declared_series in domain.series_by_doc[docname]:
                for link in declared_series.organiser_links:
                    if link.startswith("mailto:"):
                        found.setdefault(link.removeprefix("mailto:"), set()).add(docname)
    for docname in sorted(domain.talks_by_doc):
        for talk in domain.talks_by_doc[docname]:
            declared = series.get(talk.series)
            if declared is None or not declared.hide_online_after:
                continue
            for link in (talk.online, declared.online):
                if link:
                    found.setdefault(link, set()).add(docname)
    return found


def passcodes(domain: SeminarsDomain) -> dict[str, set[str]]:
    """Each meeting passcode -> the documents whose talks give it.

    No page, feed or export writes a passcode (a page only where the site sets
    ``seminars_show_passcodes``); the copied source of such a document is left
    out like one holding a private link.
    """
    found: dict[str, set[str]] = {}
    for docname in sorted(domain.talks_by_doc):
        for talk in domain.talks_by_doc[docname]:
            if talk.passcode:
                found.setdefault(talk.passcode, set()).add(docname)
    return found


def _source_text(env: BuildEnvironment, docname: str) -> str:
    try:
        return Path(env.doc2path(docname)).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def find_private_sources(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: note which documents' sources hold a private link or a passcode."""
    domain = get_domain(env)
    links = private_links(domain)
    secret = passcodes(domain)
    links = {text: links.get(text, set()) | secret.get(text, set()) for text in {*links, *secret}}
    holding: set[str] = set()
    candidates = {doc for docs in links.values() for doc in docs if doc in env.all_docs}
    for docname in sorted(candidates):
        text = _source_text(env, docname)
        if any(link in text for link in links):
            holding.add(docname)
    # A talk with a passcode is private whatever its source says (front matter,
    # an included file): its document is never copied.
    holding.update(doc for docs in secret.values() for doc in docs if doc in env.all_docs)
    if domain.settings.private_emails:
        # An organiser's address the series could not read (``Jane jane@x.org``) is in
        # no link to search for: a document declaring a series and holding any address
        # is private.
        for docname in sorted(set(domain.series_by_doc) - holding):
            if docname in env.all_docs and EMAIL_LIKE.search(_source_text(env, docname)):
                holding.add(docname)
    domain.data[PRIVATE_SOURCES] = sorted(holding)
    if links and app.builder.format == "html":
        _warn_doctrees_in_output(app, domain, links, bool(secret))
    return []


def _warn_doctrees_in_output(
    app: Sphinx, domain: SeminarsDomain, links: dict[str, set[str]], has_passcodes: bool = False
) -> None:
    doctrees = Path(app.doctreedir).resolve()
    if not doctrees.is_relative_to(Path(app.outdir).resolve()):
        return
    declared = sorted(
        (s.docname, s.lineno)
        for s in domain.all_series.values()
        if s.hide_online_after and s.online and s.docname
    )
    docs = sorted(doc for docs in links.values() for doc in docs if doc)
    where: tuple[str, int | None] | None = (
        declared[0] if declared else (docs[0], None) if docs else None
    )
    warn(
        Subtype.PRIVATE_LINK,
        f"the doctree folder {str(app.doctreedir)!r} is inside the output folder, and the "
        "environment there holds "
        + (
            "the talks' meeting passcodes"
            if has_passcodes
            else "the private meeting links of series with ':hide-online-after:' (and "
            "organisers' e-mails with seminars_private_emails)"
        )
        + "; build with '-d' outside the output folder "
        "(sphinx-build -d _build/doctrees ...) or publish the output without it",
        where,
    )


def hide_private_sources(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: no ``_sources`` copy of a page whose source holds a private link."""
    if pagename not in get_domain(app.env).data.get(PRIVATE_SOURCES, ()):
        return
    sourcename = context.get("sourcename")
    if not sourcename:
        return
    context["sourcename"] = ""  # Sphinx copies nothing and shows no "Show source" link
    # A copy from before the series was made private is removed: only a regular
    # file inside the output folder, reached through no symbolic link (a link
    # could point at any file of the machine).
    outdir = Path(app.outdir)
    relative = Path("_sources", sourcename)
    if relative.is_absolute() or ".." in relative.parts:
        return
    step = outdir
    for part in relative.parts:
        step = step / part
        if step.is_symlink():
            warn(
                Subtype.PRIVATE_LINK,
                f"'{step}' is a symbolic link, so the earlier copy of the page's source is "
                "not removed; delete it from the output folder by hand",
                (pagename, None),
            )
            return
    if step.is_file() and step.resolve().is_relative_to(outdir.resolve()):
        step.unlink()


def setup_private(app: Sphinx) -> None:
    app.connect("env-updated", find_private_sources)
    app.connect("html-page-context", hide_private_sources)
