"""The talks of other sites (``seminars_sources``), read once per build.

Each source's ``talks.json`` is read from the disk (an http(s) source from the
cache folder ``sphinx-seminars fetch`` writes: the build never reads the
network), checked by :func:`..core.sources.read_source`, and kept on the domain
for this build only. Reading happens at ``env-get-updated``, in the main
process, before the freshness registry fingerprints the pages: a missing or bad
source warns once there (``bad-source``, ``bad-remote-talk``), never fails.

A listing that includes a source records a ``source`` dependency on it (see
:func:`source_fingerprint`), so a changed source file re-writes exactly the
pages that show its talks, with no document read again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Talk, talk_order
from ..core.sources import (
    MAX_SOURCE_BYTES,
    Source,
    SourceKind,
    SourceRead,
    meta_file,
    parse_sources,
    read_source,
)
from ..core.subtypes import Subtype
from .domain import SeminarsDomain, get_domain
from .warn import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(slots=True)
class Loaded:
    """Every source of this build: what each gave, and a digest of it."""

    reads: dict[str, SourceRead] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    #: (sources chosen) -> local and remote talks in chronological order.
    merged: dict[tuple[str, ...] | None, list[Talk]] = field(default_factory=dict)


def configured(domain: SeminarsDomain) -> dict[str, Source]:
    return parse_sources(domain.settings.sources)[0]


def _read_bytes(path: Path) -> bytes:
    with path.open("rb") as stream:
        data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise ValueError(f"bigger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    return data


def load_source(domain: SeminarsDomain, source: Source) -> SourceRead:
    """Read one source from the disk, warning about every problem (never raising)."""
    settings = domain.settings
    docs = Path(domain.env.srcdir)
    cache = docs / settings.sources_cache
    path = source.local_path(docs, cache)
    label = f"seminars_sources[{source.name!r}]"
    if source.kind is SourceKind.HTTP:
        try:
            meta = json.loads(meta_file(cache, source.name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = None
        if not path.is_file() or not isinstance(meta, dict):
            warn(
                Subtype.BAD_SOURCE,
                f"{label}: {source.location} is not fetched yet; run "
                "'sphinx-seminars fetch' in the docs folder (its talks are left out)",
                str(path),
            )
            return SourceRead()
        if meta.get("url") != source.location:
            warn(
                Subtype.BAD_SOURCE,
                f"{label}: the copy in {settings.sources_cache} was fetched from "
                f"{str(meta.get('url'))[:200]!r}, not {source.location!r}; run "
                "'sphinx-seminars fetch' again (its talks are left out)",
                str(path),
            )
            return SourceRead()
    try:
        text = _read_bytes(path).decode("utf-8")
    except (OSError, ValueError, UnicodeError) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        warn(
            Subtype.BAD_SOURCE,
            f"{label}: cannot read {path}: {why}; point it at a talks.json "
            "(its talks are left out)",
            str(path),
        )
        return SourceRead()
    result = read_source(
        text,
        source=source.name,
        site_timezone=settings.timezone,
        default_length=settings.default_length,
    )
    for line, subtype, message in result.problems:
        warn(subtype, f"{label}: {message}", f"{path}:{line}" if line else str(path))
    return result


def load_sources(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (before the freshness registry): read every source once."""
    read_all(get_domain(env))
    return []


def read_all(domain: SeminarsDomain) -> Loaded:
    loaded = Loaded()
    for name, source in sorted(configured(domain).items()):
        read = load_source(domain, source)
        loaded.reads[name] = read
        digest = hashlib.sha256(repr((read.site, read.talks)).encode())
        loaded.digests[name] = digest.hexdigest()
    domain.sources = loaded
    return loaded


def _loaded(domain: SeminarsDomain) -> Loaded:
    if isinstance(domain.sources, Loaded):
        return domain.sources
    # Not read at env-get-updated yet (asked for during the read phase): read now.
    return read_all(domain)


def chosen(domain: SeminarsDomain, names: tuple[str, ...] | None) -> list[str]:
    """The configured sources a listing includes (``None``: all of them)."""
    known = sorted(configured(domain))
    if names is None:
        return known
    return [name for name in known if name in names]


def remote_talks(domain: SeminarsDomain, names: tuple[str, ...] | None = None) -> list[Talk]:
    """The talks of the chosen sources (all by default), in chronological order."""
    loaded = _loaded(domain)
    talks = [t for name in chosen(domain, names) for t in loaded.reads[name].talks]
    return sorted(talks, key=talk_order)


def listed_talks(domain: SeminarsDomain, names: tuple[str, ...] | None) -> list[Talk]:
    """This site's talks and those of the chosen sources, in chronological order."""
    loaded = _loaded(domain)
    key = None if names is None else tuple(sorted(names))
    found = loaded.merged.get(key)
    if found is None:
        remote = remote_talks(domain, names)
        found = (
            sorted([*domain.ordered_talks, *remote], key=talk_order)
            if remote
            else list(domain.ordered_talks)
        )
        loaded.merged[key] = found
    return found


def source_fingerprint(domain: SeminarsDomain, name: str) -> Hashable:
    """``source``: what a source gave this build (its site and talks)."""
    return _loaded(domain).digests.get(name)


def setup_sources(app: Sphinx) -> None:
    # Before the freshness registry (priority 500) fingerprints the pages.
    app.connect("env-get-updated", load_sources, priority=400)
