"""``sphinx-seminars fetch``: copy the http(s) sources of ``seminars_sources`` to the cache.

The build reads other sites' ``talks.json`` from the disk only; this command is
the one step that uses the network. For each http(s) source it asks for the
file with ``If-None-Match``/``If-Modified-Since`` (from the ``ETag`` and
``Last-Modified`` of the copy it has), keeps the copy on ``304 Not Modified``,
and otherwise replaces it atomically, once the new file is known to be a
``talks.json`` no bigger than the size cap. A redirect to anything but http(s)
is refused. Each failure is one line on standard error; the old copy stays.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import runpy
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ..core.sources import (
    DEFAULT_CACHE,
    MAX_SOURCE_BYTES,
    Source,
    SourceKind,
    cache_file,
    meta_file,
    parse_sources,
)
from ..core.version import __version__

#: Seconds to wait for a server (to connect, and between bytes).
DEFAULT_TIMEOUT = 20.0
#: The whole download must end within this many timeouts (a server sending a byte
#: now and then never times out otherwise).
WHOLE = 10


class FetchError(Exception):
    """A source that could not be fetched: the one line to print."""


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (urllib would follow ftp:// too)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to {newurl[:200]!r}, which is not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Only the handlers an http(s) fetch needs: no file://, ftp:// or data: handler.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _WebOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` so a reader sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _check_talks_json(data: bytes) -> None:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeError, ValueError, RecursionError) as error:
        raise FetchError(
            f"the response is not JSON ({' '.join(str(error).split())[:120]})"
        ) from None
    if not (
        isinstance(document, dict)
        and isinstance(document.get("talks"), list)
        and isinstance(document.get("version"), int)
    ):
        raise FetchError("the response is not a talks.json (no 'version' and 'talks')")


def _read_capped(response: IO[bytes], max_bytes: int, deadline: float) -> bytes:
    """The body, refusing more than ``max_bytes`` and a server that sends too slowly."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the file is bigger than the cap of {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError("the server sends the file too slowly; try again later")
        chunks.append(chunk)


def fetch_source(
    source: Source,
    cache: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> str:
    """Fetch one http(s) source into ``cache``; returns "fetched" or "not modified".

    Raises :class:`FetchError` with the line to print; the old copy is kept then.
    """
    target, meta_path = cache_file(cache, source.name), meta_file(cache, source.name)
    meta = _read_meta(meta_path)
    headers = {"User-Agent": f"sphinxext-seminars/{__version__}", "Accept": "application/json"}
    if meta.get("url") == source.location and target.is_file():
        if isinstance(meta.get("etag"), str):
            headers["If-None-Match"] = meta["etag"]
        if isinstance(meta.get("last_modified"), str):
            headers["If-Modified-Since"] = meta["last_modified"]
    request = urllib.request.Request(source.location, headers=headers)
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"the file is bigger than the cap of {max_bytes} bytes")
            data = _read_capped(response, max_bytes, time.monotonic() + timeout * WHOLE)
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return "not modified"
        if 300 <= error.code < 400:
            location = str(error.headers.get("Location", ""))[:200]
            raise FetchError(f"redirected to {location!r}, which is not an http(s) URL") from None
        raise FetchError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, FetchError):
            raise reason from None
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(f"no answer within {timeout:g} seconds") from None
        raise FetchError(f"cannot connect: {' '.join(str(reason).split())[:200]}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as error:
        raise FetchError(f"cannot fetch it: {' '.join(str(error).split())[:200]}") from None
    _check_talks_json(data)
    _write_atomic(target, data)
    record = {"url": source.location, "etag": etag, "last_modified": modified}
    _write_atomic(meta_path, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())
    return "fetched"


def read_conf(confdir: Path) -> Mapping[str, Any]:
    """The names ``conf.py`` defines (run as Sphinx runs it: in its folder)."""
    path = confdir / "conf.py"
    if not path.is_file():
        raise FetchError(f"no conf.py in {confdir}; give the docs folder or --source NAME=URL")
    here = Path.cwd()
    try:
        os.chdir(confdir)
        return runpy.run_path(str(path.resolve()))
    except Exception as error:
        raise FetchError(f"cannot run {path}: {type(error).__name__}: {error}") from None
    finally:
        os.chdir(here)


def run_fetch(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    settings: Mapping[str, Any] = {}
    try:
        if not args.source:
            settings = read_conf(Path(args.conf_dir) if args.conf_dir else docs)
    except FetchError as error:
        print(f"sphinx-seminars fetch: {error}", file=sys.stderr)
        return 2
    if args.source:
        given: dict[str, str] = {}
        for item in args.source:
            name, _, location = item.partition("=")
            given[name.strip()] = location.strip()
        value: object = given
    else:
        value = settings.get("seminars_sources", {})
    sources, messages = parse_sources(value)
    for message in messages:
        print(f"sphinx-seminars fetch: {message}", file=sys.stderr)
    cache_name = args.cache or settings.get("seminars_sources_cache") or DEFAULT_CACHE
    cache = docs / str(cache_name)
    failed = bool(messages)
    for name, source in sorted(sources.items()):
        if source.kind is not SourceKind.HTTP:
            print(
                f"{name}: {source.location} is read from the disk by the build; nothing to fetch"
            )
            continue
        try:
            outcome = fetch_source(source, cache, timeout=args.timeout, max_bytes=args.max_size)
        except FetchError as error:
            failed = True
            print(f"sphinx-seminars fetch: {name}: {source.location}: {error}", file=sys.stderr)
            continue
        except OSError as error:
            failed = True
            print(
                f"sphinx-seminars fetch: {name}: cannot write to {cache}: {error.strerror}",
                file=sys.stderr,
            )
            continue
        print(f"{name}: {outcome} ({cache_file(cache, name)})")
    return 1 if failed else 0


def _size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of bytes") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("the timeout must be positive")
    return value


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "fetch",
        help="copy the http(s) sources of seminars_sources into the local cache",
        description="Fetch every http(s) source of seminars_sources (read from conf.py) into "
        "the cache folder the build reads them from; the build itself never uses the network.",
    )
    parser.add_argument("docs", nargs="?", default=".", metavar="DOCS", help="the docs folder")
    parser.add_argument("-c", "--conf-dir", help="folder of conf.py (default: DOCS)")
    parser.add_argument(
        "--source",
        action="append",
        metavar="NAME=URL",
        help="fetch this source instead of those of conf.py (repeatable)",
    )
    parser.add_argument(
        "--cache",
        help=f"cache folder, relative to DOCS (default: seminars_sources_cache, "
        f"else {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=DEFAULT_TIMEOUT, help="seconds to wait for a server"
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=MAX_SOURCE_BYTES,
        metavar="BYTES",
        help="refuse a file bigger than this",
    )
    return parser
