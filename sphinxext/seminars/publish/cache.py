"""Serialised pieces of output files kept from one build to the next.

An incremental build changes few talks, but every site-wide file (calendars,
``talks.json``, BibTeX, CSL-JSON, Atom) holds all of them. Each talk's piece
of such a file is kept in a pickle next to Sphinx's environment, under a key
that is a digest of everything the piece is made of (equal keys give equal
bytes), so a build serialises only the talks that changed and assembles the
files from the kept pieces. A missing or unreadable cache only costs time.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

from ..core.version import __version__


def read_cache(path: Path) -> dict[str, bytes]:
    """The pieces an earlier build serialised; {} when there is no usable cache."""
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, bytes)}


def write_cache(path: Path, pieces: Mapping[str, bytes]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            pickle.dump(dict(pieces), stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a cache only: the next build serialises every piece again


def digest(data: object) -> str:
    """The cache key of a piece made of ``data`` (its ``repr``, which for the
    model's dataclasses holds every field)."""
    return hashlib.sha256(repr(data).encode()).hexdigest()


def _unpack(packed: bytes | None) -> bytes | None:
    """A kept piece as it was made; None when there is none or it is damaged."""
    if packed is None:
        return None
    try:
        return zlib.decompress(packed)
    except zlib.error:
        return None


class Pieces:
    """The pieces of one build: reused from ``known`` by key, else made.

    Pieces are kept zlib-compressed (in :attr:`serialised` and in the cache file);
    :meth:`get` gives them as they were made.

    :attr:`serialised` holds the pieces this build used: the next build's ``known``
    (so pieces of deleted or changed talks do not pile up).
    """

    def __init__(self, known: Mapping[str, bytes] | None = None) -> None:
        self._known = known or {}
        self.serialised: dict[str, bytes] = {}
        #: Each talk's digest, made once per build (a talk is in several files).
        self._talks: dict[int, tuple[object, str]] = {}

    def talk(self, talk: object) -> str:
        """The digest of a talk (of every field), in place of the talk in a piece's data."""
        known = self._talks.get(id(talk))
        if known is None or known[0] is not talk:
            known = self._talks[id(talk)] = (talk, digest(talk))
        return known[1]

    def get(self, data: object, make: Callable[[], bytes]) -> bytes:
        """The piece made of ``data`` (every input of ``make``, with the code's version)."""
        key = digest((data, __version__))
        packed = self.serialised.get(key)
        if packed is not None:
            return zlib.decompress(packed)
        piece = _unpack(self._known.get(key))
        if piece is None:
            piece = make()
            # Kept compressed: the pieces of every talk are in memory together
            # with the files they make, at the top of an incremental build's memory.
            packed = zlib.compress(piece, 1)
        else:
            packed = self._known[key]
        self.serialised[key] = packed
        return piece

    def keep(self, data: object) -> None:
        """Keep the piece made of ``data`` for the next build, if there is one
        (a piece of a piece that was reused whole)."""
        key = digest((data, __version__))
        if key not in self.serialised and _unpack(self._known.get(key)) is not None:
            self.serialised[key] = self._known[key]

    def text(self, data: object, make: Callable[[], str]) -> str:
        """:meth:`get` for a piece of text."""
        return self.get(data, lambda: make().encode()).decode()


#: The pieces of the exports (talks.json, BibTeX, CSL-JSON, Atom), next to the
#: calendars' ``seminars-events.pickle``.
EXPORT_CACHE = "seminars-exports.pickle"
