"""The snippet of the generated "embed" page, pasted as it is into a portal page on
another origin, shows the archive's next talks in Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

NOW = dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC)

CONF = """\
project = "Algebra Seminar"
extensions = ["sphinxext.seminars"]
html_theme = "basic"
html_baseurl = "{base}"
seminars_timezone = "Europe/Rome"
seminars_now = "2030-03-01T09:00:00+00:00"
seminars_embed_page = True
"""

INDEX = """\
Algebra Seminar
===============

.. talk:: Groups
   :id: groups
   :speaker: Emmy Noether (Göttingen)
   :date: 2030-03-05 14:00
   :series: Algebra

.. talk:: Rings
   :id: rings
   :speaker: Emmy Noether (Göttingen)
   :date: 2030-03-12 14:00
   :series: Algebra
"""


class _Cors(http.server.SimpleHTTPRequestHandler):
    """A static host that sends Access-Control-Allow-Origin, as Read the Docs does."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Cors, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_copied_snippet_works_on_another_origin(
    browser, open_page, site_builder, tmp_path: Path
) -> None:
    src, build = tmp_path / "src", tmp_path / "build"
    src.mkdir()
    (build / "html").mkdir(parents=True)
    portal = tmp_path / "portal"
    portal.mkdir()
    with serve(build / "html") as archive, serve(portal) as portal_url:
        (src / "conf.py").write_text(CONF.format(base=archive), encoding="utf-8")
        (src / "index.rst").write_text(INDEX, encoding="utf-8")
        out = site_builder(src, build)
        page = BeautifulSoup((out / "seminars" / "embed.html").read_text("utf-8"), "html5lib")
        snippet = page.select_one(".seminars-embed-snippet pre").get_text()
        (portal / "index.html").write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>'
            f"</head><body>\n{snippet}\n</body></html>",
            encoding="utf-8",
        )
        opened = open_page(f"{portal_url}index.html", now=NOW)
        opened.page.wait_for_selector(
            "[data-seminars-src][data-seminars-state=done], "
            "[data-seminars-src][data-seminars-state=failed]"
        )
        shown = opened.page.eval_on_selector_all(
            ".seminars-embed-talk a.seminars-embed-title",
            "links => links.map(a => [a.textContent, a.href])",
        )
        assert shown == [
            ["Groups", f"{archive}index.html#talk-groups"],
            ["Rings", f"{archive}index.html#talk-rings"],
        ]
        assert opened.problems == []
