"""``sphinx-seminars fetch`` against a local HTTP server started by the test."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ROOTS, build_site, html_tree

from sphinxext.seminars.cli import main

TALKS = (ROOTS / "test-aggregate" / "sources" / "probability.json").read_bytes()
ETAG = '"v1"'
MODIFIED = "Mon, 05 Feb 2024 10:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        Handler.seen.append({k: v for k, v in self.headers.items()})
        if self.path == "/talks.json":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self.reply(TALKS, ETag=ETAG, **{"Last-Modified": MODIFIED})
        elif self.path == "/big.json":
            self.reply(b'{"version": 1, "talks": [' + b" " * 5000 + b"]}")
        elif self.path == "/bad.json":
            self.reply(b"<html>not json</html>")
        elif self.path == "/slow.json":
            time.sleep(2)
            self.reply(TALKS)
        elif self.path in ("/to-file", "/to-ftp"):
            self.send_response(302)
            where = "file:///etc/passwd" if self.path == "/to-file" else "ftp://127.0.0.1/x"
            self.send_header("Location", where)
            self.end_headers()
        elif self.path == "/gone":
            self.send_response(404)
            self.end_headers()

    def reply(self, body: bytes, **headers: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # the client gave up waiting (the timeout test)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(tmp_path: Path, *sources: str, extra: tuple[str, ...] = ()) -> int:
    argv = ["fetch", str(tmp_path), "--cache", "cache"]
    for source in sources:
        argv += ["--source", source]
    return main([*argv, *extra])


def test_fetch_then_not_modified(server, tmp_path, capsys):
    assert fetch(tmp_path, f"prob={server}/talks.json") == 0
    assert (tmp_path / "cache" / "prob.json").read_bytes() == TALKS
    meta = json.loads((tmp_path / "cache" / "prob.meta.json").read_text("utf-8"))
    assert meta == {"url": f"{server}/talks.json", "etag": ETAG, "last_modified": MODIFIED}
    assert "prob: fetched" in capsys.readouterr().out
    assert fetch(tmp_path, f"prob={server}/talks.json") == 0
    assert Handler.seen[-1]["If-None-Match"] == ETAG
    assert Handler.seen[-1]["If-Modified-Since"] == MODIFIED
    assert "prob: not modified" in capsys.readouterr().out
    assert (tmp_path / "cache" / "prob.json").read_bytes() == TALKS


@pytest.mark.parametrize(
    ("path", "extra", "needle"),
    [
        ("/big.json", ("--max-size", "1000"), "bigger than the cap of 1000 bytes"),
        ("/bad.json", (), "not JSON"),
        ("/slow.json", ("--timeout", "0.3"), "no answer within 0.3 seconds"),
        ("/to-file", (), "not an http(s) URL"),
        ("/to-ftp", (), "not an http(s) URL"),
        ("/gone", (), "answered 404"),
    ],
)
def test_fetch_failures_keep_the_old_copy(server, tmp_path, capsys, path, extra, needle):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "prob.json").write_bytes(b"old")
    assert fetch(tmp_path, f"prob={server}{path}", extra=extra) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"sphinx-seminars fetch: prob: {server}{path}: ")
    assert needle in line
    assert (cache / "prob.json").read_bytes() == b"old"
    assert sorted(p.name for p in cache.iterdir()) == ["prob.json"]  # no partial file


def test_fetch_reads_conf_and_the_build_reads_the_cache(server, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nhtml_theme = "basic"\n'
        'seminars_now = "2024-01-01T00:00:00+00:00"\n'
        f'seminars_sources = {{"prob": "{server}/talks.json", "local": "here.json"}}\n',
        "utf-8",
    )
    (src / "index.rst").write_text("Home\n====\n\n.. talks::\n", "utf-8")
    assert main(["fetch", str(src)]) == 0
    assert (src / "_seminars_sources" / "prob.json").is_file()
    app = build_site("html", src, tmp_path / "out", freshenv=True, status=StringIO(), warning=StringIO())
    items = html_tree(app, "index").select(".seminars-item")
    assert [i["data-seminars-talk-id"] for i in items] == [
        "prob:markov-2024",
        "prob:old-2023",
    ]
