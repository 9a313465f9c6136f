"""Browser tests: small sites built into tmp folders, served on 127.0.0.1, driven by Chromium.

Debian's ``chromium`` (installed by ``.ci/run``) is driven through Playwright, which
cannot download its own browsers here. Without either, every test in this folder is
skipped with the reason. One browser for the whole session; each page gets its own context so
that clock, time zone and locale never leak between tests. Requests to any other
address than the local server are refused and count as failures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html.parser
import http.server
import io
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
STATIC = Path(__file__).parents[2] / "sphinxext" / "seminars" / "static"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[browser]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


# -- building and serving -------------------------------------------------------------


def build_site(srcdir: Path, builddir: Path, **confoverrides: Any) -> Path:
    """Build ``srcdir`` as HTML under ``builddir``; return the output folder.

    Nothing is written to ``srcdir``. Sphinx's test application resets the global
    registries afterwards, so several sites can be built in one process.
    """
    from sphinx.testing.util import SphinxTestApp

    warnings = io.StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=builddir,
        freshenv=True,
        confoverrides=confoverrides,
        status=io.StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert "WARNING" not in warnings.getvalue(), warnings.getvalue()
    return Path(app.outdir)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


@dataclass(eq=False)
class Server:
    root: Path
    url: str

    def status(self, url: str) -> int:
        """HTTP status of ``url`` (HEAD, then GET where HEAD is not allowed)."""
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                if error.code not in (405, 501):
                    return error.code
        return 405

    @functools.cache  # noqa: B019 - one server per module, a handful of pages
    def ids(self, path: str) -> frozenset[str]:
        parser = _Ids()
        parser.feed((self.root / path).read_text(encoding="utf-8"))
        return frozenset(parser.ids)

    def broken_links(self, urls: list[str]) -> list[str]:
        """Local URLs that do not answer 200, or whose ``#fragment`` is not in the page."""
        broken = []
        for url in sorted(set(urls)):
            if not url.startswith(self.url):
                continue
            address, _, fragment = url.partition("#")
            status = self.status(address)
            if status != 200:
                broken.append(f"{status} {url}")
                continue
            path = urllib.parse.unquote(urllib.parse.urlsplit(address).path).lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            fragment = urllib.parse.unquote(fragment)
            if fragment and path.endswith(".html") and fragment not in self.ids(path):
                broken.append(f"no #{fragment} in {url}")
        return broken


@contextlib.contextmanager
def serve(root: Path) -> Iterator[Server]:
    """Serve ``root`` over http://127.0.0.1 on a free port, in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(root, f"http://127.0.0.1:{httpd.server_port}/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# -- pages ----------------------------------------------------------------------------


@dataclass
class Opened:
    page: Page
    problems: list[str] = field(default_factory=list)

    def links(self) -> list[str]:
        """Every URL the page links to or loads (anchors, stylesheets, scripts, images)."""
        return self.page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src], iframe[src], source[src]",
            "els => els.map(e => e.href || e.src).filter(u => typeof u === 'string' && u)",
        )

    def visible(self, selector: str) -> bool:
        return self.page.locator(selector).first.is_visible()


_LOCAL = re.compile(r"^(http://127\.0\.0\.1:\d+/|data:|blob:|about:)")


def _watch(page: Page, problems: list[str]) -> None:
    def console(message: Any) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def response(answer: Any) -> None:
        if answer.status >= 400:
            problems.append(f"HTTP {answer.status}: {answer.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", response)


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Opened]]:
    """``open_page(url, now=datetime, timezone_id=..., locale=..., install_clock=False)``.

    ``now`` fixes the page's clock (Playwright's ``set_fixed_time``); with
    ``install_clock=True`` the clock is installed at ``now`` instead, so the test
    can move it (``page.clock.fast_forward``) and the page's timers fire.
    """
    contexts = []

    def opener(
        url: str,
        *,
        now: dt.datetime | None = None,
        timezone_id: str = "Europe/Rome",
        locale: str = "en-US",
        install_clock: bool = False,
        viewport: dict[str, int] | None = None,
        color_scheme: str = "light",
        javascript: bool = True,
    ) -> Opened:
        context = browser.new_context(
            timezone_id=timezone_id,
            locale=locale,
            color_scheme=color_scheme,
            viewport=viewport or {"width": 1100, "height": 900},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        opened = Opened(context.new_page())

        def refuse(route: Any) -> None:
            opened.problems.append(f"request outside the local server: {route.request.url}")
            route.abort()

        context.route(lambda url: not _LOCAL.match(url), refuse)
        _watch(opened.page, opened.problems)
        if now is not None:
            if install_clock:
                opened.page.clock.install(time=now)
            else:
                opened.page.clock.set_fixed_time(now)
        opened.page.goto(url, wait_until="load")
        return opened

    yield opener
    for context in contexts:
        context.close()


# Helpers as fixtures: test modules here are not a package, so they cannot import conftest.


@pytest.fixture(scope="session")
def browser_roots() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def package_static() -> Path:
    return STATIC


@pytest.fixture(scope="session")
def site_builder() -> Callable[..., Path]:
    return build_site


@pytest.fixture(scope="session")
def http_server() -> Callable[[Path], contextlib.AbstractContextManager[Server]]:
    return serve
