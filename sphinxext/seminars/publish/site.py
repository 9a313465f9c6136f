"""The site as every output file sees it: one object, read once per build.

:class:`Site` holds what the files take from the configuration and the builder:
the absolute base URL (and the one way a path is quoted into it), where each
file goes in the output folder, the site's identity in ids, which builders get
the files, and the one way a file is written (only when its bytes change).
Every writer in ``publish/`` receives the talks (model objects) and a
:class:`Site`; none reads Sphinx's configuration itself.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from sphinx.util.osutil import relative_uri

from ..core.model import Series, Talk
from ..core.sources import site_identity
from ..store.config import inside_output, usable_base_url
from ..store.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Builders that get the output files (epub would warn about the extra files).
BUILDERS = frozenset({"html", "dirhtml"})

#: Characters of a path kept as they are in an absolute URL: RFC 3986 ``pchar``
#: plus ``/`` and ``#``; ``%`` too, as builder URIs come already quoted.
_URL_SAFE = "/#:@!$&'()*+,;=~-._%"


def base_url(config: Config) -> str:
    """The site's absolute URL ending in ``/``, or "" when it is not known."""
    for candidate in (
        str(getattr(config, "html_baseurl", "") or ""),
        os.environ.get("READTHEDOCS_CANONICAL_URL", ""),
    ):
        url = candidate.strip()
        if usable_base_url(url) is not url:
            continue
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url if url.endswith("/") else url + "/"
    return ""


def site_feed_path(prefix: str, feed_name: str) -> str:
    """Output path (relative to the output folder, ``/``-separated) of the site feed."""
    # The name is used as given, but may not name another folder.
    name = feed_name.replace("/", "-").replace("\\", "-").strip(". ") or "talks"
    return inside_output(f"{prefix}/{name}.ics")


def series_feed_path(prefix: str, series: Series) -> str:
    return inside_output(f"{prefix}/series/{series.slug}.ics")


def talk_feed_path(prefix: str, talk_id: str) -> str:
    # Ids hold only letters, digits and "._/-", so "~" keeps the mapping one to one.
    return inside_output(f"{prefix}/talks/{talk_id.replace('/', '~')}.ics")


#: Folders of the calendars of topics, speakers and listings (``:feed:``).
COLLECTION_FOLDERS = ("topics", "speakers", "feeds")


def webcal(url: str) -> str:
    """The subscribe form of an absolute http(s) feed URL."""
    return "webcal://" + url.split("://", 1)[1]


def _same_name(docname: str) -> str:
    return docname


def _no_download(docname: str, target: str) -> tuple[str | None, str]:
    return None, target


@dataclass(frozen=True, slots=True)
class Site:
    """What every output file needs to know about the site, read once per build."""

    project: str = ""
    #: Absolute URL of the site, ending in "/", or "" when neither ``html_baseurl``
    #: nor ``READTHEDOCS_CANONICAL_URL`` gives one.
    base_url: str = ""
    #: ``seminars_pages_prefix``: the folder of every file (made safe by the config).
    prefix: str = "seminars"
    #: ``seminars_feed_name``: the base name of the site-wide files.
    feed_name: str = "talks"
    #: The calendars' name and description.
    name: str = ""
    description: str = ""
    series_feeds: bool = True
    #: The site feed keeps this many of the newest talks, and every upcoming
    #: one (see :func:`.ical.site_window`); negative keeps them all.
    past_talks: int = 20
    language: str | None = None
    timezone: str = "UTC"
    #: The output folder; with the builder's view of pages and copied files,
    #: left out of ``repr`` (caches key on what the files say, not where they go).
    outdir: Path = field(default=Path(), repr=False, compare=False)
    #: The builder's URI of a document (``talks/x.html``, ``talks/x/``).
    target_uri: Callable[[str], str] = field(default=_same_name, repr=False, compare=False)
    #: A file a document links to: where Sphinx copied it (``_downloads/...``,
    #: or None) and its path relative to the source folder.
    download: Callable[[str, str], tuple[str | None, str]] = field(
        default=_no_download, repr=False, compare=False
    )
    #: An image file a document shows: where Sphinx copied it (``_images/...``) or "".
    image: Callable[[str, str], str] = field(
        default=lambda docname, target: "", repr=False, compare=False
    )

    @classmethod
    def from_app(cls, app: Sphinx) -> Site:
        settings = get_domain(app.env).settings
        url = base_url(app.config)
        env = app.env
        return cls(
            project=str(app.config.project or ""),
            base_url=url,
            prefix=settings.pages_prefix,
            feed_name=settings.feed_name,
            name=settings.calendar_name or app.config.project,
            description=settings.calendar_description,
            series_feeds=settings.series_feeds,
            past_talks=settings.feed_past_talks,
            language=app.config.language,
            timezone=settings.timezone,
            outdir=Path(app.outdir),
            target_uri=app.builder.get_target_uri,
            download=lambda docname, target: download_path(env, docname, target),
            image=lambda docname, target: image_path(env, docname, target),
        )

    # -- identity --

    @property
    def identity(self) -> str:
        """The site's part of calendar UIDs (``<talk id>@<identity>``)."""
        return site_identity(self.base_url, self.project)

    @property
    def key(self) -> str:
        """The site's identity in URN ids (Atom, JSON): its URL when known, else its project."""
        return self.base_url or f"sphinxext-seminars:{self.project}"

    # -- addresses --

    def absolute(self, path: str) -> str:
        """``path`` (relative to the output root) as an absolute URL, or "" if unknown."""
        return self.base_url + self.quote(path) if self.base_url else ""

    def file(self, suffix: str) -> str:
        """Path of a site-wide export file (``talks.json``...) relative to the output root."""
        return (
            f"{self.prefix}/{self.feed_name}{suffix}"
            if self.prefix
            else f"{self.feed_name}{suffix}"
        )

    @staticmethod
    def quote(path: str) -> str:
        """An output path as it goes into a URL (the one quoting of every output)."""
        return quote(path, safe=_URL_SAFE)

    def relative(self, here: str, path: str) -> str:
        """A link from the page whose URI is ``here`` to the output file ``path``."""
        return relative_uri(here, self.quote(path))

    @property
    def site_path(self) -> str:
        """Path of the site's calendar."""
        return site_feed_path(self.prefix, self.feed_name)

    def series_path(self, series: Series) -> str:
        return series_feed_path(self.prefix, series)

    def talk_feed(self, talk_id: str) -> str:
        return talk_feed_path(self.prefix, talk_id)

    @property
    def feed_folders(self) -> list[str]:
        """The folders the calendars are written to (and stale ones removed from)."""
        return [
            inside_output(self.prefix),
            inside_output(f"{self.prefix}/series"),
            inside_output(f"{self.prefix}/talks"),
            *(inside_output(f"{self.prefix}/{kind}") for kind in COLLECTION_FOLDERS),
        ]

    def collection_path(self, kind: str, slug: str, suffix: str) -> str:
        """``<prefix>/<kind>/<slug><suffix>``: the calendar (``.ics``) or Atom feed
        (``.atom``) of a series, topic, speaker or listing (``kind`` ``feeds``)."""
        return inside_output(f"{self.prefix}/{kind}/{slug}{suffix}")

    def talk_path(self, talk: Talk) -> str:
        """The talk's address relative to the output root (page plus anchor)."""
        # singlehtml addresses a document as a fragment of its one page; the
        # talk's own anchor is what locates it there.
        page = self.target_uri(talk.docname).partition("#")[0]
        return f"{page}#{talk.anchor}"

    def page_url(self, talk: Talk) -> str:
        """The absolute URL of the talk on its page, or "" when the site's URL is unknown."""
        if not self.base_url:
            return ""
        return self.absolute(self.target_uri(talk.docname)) + f"#{talk.anchor}"

    # -- writing --

    def write(self, files: Mapping[str, bytes]) -> int:
        """Write each file (path relative to the output folder) whose bytes changed.

        Unchanged files keep their mtimes, so servers and mirrors see no change; a
        file is replaced in one step, never left half-written. Returns how many
        were written.
        """
        written = 0
        made: set[Path] = set()
        for relative in sorted(files):
            data = files[relative]
            path = self.outdir / relative
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    continue
            except OSError:
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(path)
            written += 1
        return written

    def remove_stale(
        self,
        keep: Iterable[str],
        folders: Iterable[str],
        pattern: str,
        ours: Callable[[Path], bool],
    ) -> int:
        """Remove the files matching ``pattern`` in ``folders`` that are ``ours`` and not kept."""
        expected = {self.outdir / relative for relative in keep}
        removed = 0
        for folder in sorted(set(folders)):
            directory = self.outdir / folder if folder else self.outdir
            if not directory.is_dir():
                continue
            for path in sorted(directory.glob(pattern)):
                if path in expected or not ours(path):
                    continue
                path.unlink()
                removed += 1
        return removed


def writes_files(app: Sphinx) -> bool:
    """Whether this build writes the output files (html and dirhtml, ``seminars_feeds``)."""
    return app.builder.name in BUILDERS and bool(app.config.seminars_feeds)


def download_path(env: BuildEnvironment, docname: str, target: str) -> tuple[str | None, str]:
    """Where Sphinx copied the file ``target`` of ``docname`` (``_downloads/...``, or
    None when it did not) and the file's path relative to the source folder."""
    relfn = env.relfn2path(target, docname)[0]
    entry = env.dlfiles.get(Path(relfn))
    return (f"_downloads/{Path(entry[1]).as_posix()}" if entry else None), relfn


def photo_path(prefix: str, key: str, source: str) -> str:
    """Where a speaker's local photo is copied in the output (relative to the output folder)."""
    head = prefix.strip("/")
    return "/".join(p for p in (head, "photos", key + posixpath.splitext(source)[1].lower()) if p)


def image_path(env: BuildEnvironment, docname: str, target: str) -> str:
    """Where Sphinx copied the image ``target`` of ``docname`` (``_images/...``), or ""."""
    relfn = env.relfn2path(target, docname)[0]
    entry = env.images.get(relfn)
    return f"_images/{entry[1]}" if entry else ""
