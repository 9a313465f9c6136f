"""The record of every file the extension writes into the output folder.

Generated pages, calendars, exports and speaker photos are noted as they are
written (:func:`note_outputs`). At the end of a build (``build-finished``, in
the main process) the list is compared with the one the last build into the
same output folder left, and each file written then but not now is removed:
after ``seminars_feed_name``, ``seminars_pages_prefix`` or
``seminars_feeds`` change, or a series, event or speaker goes, an incremental
build leaves the files a clean build leaves.

A file is removed only when all of these hold, so nothing else is ever deleted:

- its path is relative, without ``..``, and resolves (symbolic links followed)
  to a place inside the output folder;
- it is a regular file, not a symbolic link, and no document of the site has it
  as its output;
- its size and modification time are those recorded when this extension wrote
  it (a file something else wrote there since is left alone).

The record is kept next to Sphinx's environment (``<doctreedir>/seminars-outputs.json``),
per output folder.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)

#: The record, next to the environment pickle.
MANIFEST = "seminars-outputs.json"

#: Builders whose outputs are recorded (the only ones the extension writes files for).
RECORDED_BUILDERS = frozenset({"html", "dirhtml"})

#: Paths written during the current build, per builder (a build has one builder).
_WRITTEN: weakref.WeakKeyDictionary[Builder, set[str]] = weakref.WeakKeyDictionary()


def note_outputs(app: Sphinx, paths: Iterable[str]) -> None:
    """Record files written into the output folder (``/``-separated, relative to it)."""
    _WRITTEN.setdefault(app.builder, set()).update(paths)


def safe_relative(path: str) -> str | None:
    """``path`` as a clean relative ``/``-path, or None when it could leave its folder."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return pure.as_posix()


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _document_outputs(app: Sphinx) -> set[Path]:
    builder = app.builder
    get_outfilename = getattr(builder, "get_outfilename", None)
    if get_outfilename is None:
        return set()
    return {Path(get_outfilename(docname)) for docname in app.env.found_docs}


def _remove(outdir: Path, root: Path, relative: str, stamp: Any, protected: set[Path]) -> bool:
    clean = safe_relative(relative)
    if clean is None:
        return False
    path = outdir / clean
    try:
        inside = path.parent.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False
    if not inside or path in protected or path.is_symlink() or not path.is_file():
        return False
    if _stamp(path) != stamp:
        return False  # written since by something else
    path.unlink()
    # Folders left empty (a dirhtml page's folder, an old prefix) go too.
    folder = path.parent
    while folder != outdir and folder.resolve().is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True


def sweep_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: remove what the last build wrote and this one did not."""
    builder = app.builder
    written = _WRITTEN.pop(builder, set())
    if exception is not None or builder.name not in RECORDED_BUILDERS:
        return
    outdir = Path(app.outdir)
    root = outdir.resolve()
    manifest_path = Path(app.doctreedir, MANIFEST)
    manifest = _read_manifest(manifest_path)
    key = str(root)
    previous = manifest.get(key)
    if not isinstance(previous, dict):
        previous = {}
    current = {clean for path in written if (clean := safe_relative(path)) is not None}
    stale = sorted(set(previous) - current)
    removed = 0
    if stale:
        protected = _document_outputs(app)
        for relative in stale:
            if _remove(outdir, root, relative, previous[relative], protected):
                removed += 1
    record = {}
    for relative in sorted(current):
        stamp = _stamp(outdir / relative)
        if stamp is not None:
            record[relative] = stamp
    manifest[key] = record
    try:
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # without a record the next build removes nothing, as before
    if removed:
        logger.verbose("seminars: %d files of an earlier build removed", removed)


def setup_outputs(app: Sphinx) -> None:
    # After every writer of build-finished (feeds, exports: default priority).
    app.connect("build-finished", sweep_outputs, priority=900)
