"""The generated "embed" page: the snippet another web page copies."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, html_tree

ROOT = ROOTS / "test-aggregate"


def build(tmp_path: Path, **overrides):
    return build_site(
        "html",
        ROOT,
        tmp_path,
        freshenv=True,
        confoverrides=overrides,
        status=StringIO(),
        warning=StringIO(),
    )


def snippets(app) -> list[BeautifulSoup]:
    """Each copyable snippet of the page, itself parsed as the HTML it is."""
    page = html_tree(app, "seminars/embed")
    blocks = page.select(".seminars-embed-snippet pre")
    return [BeautifulSoup(block.get_text(), "html5lib") for block in blocks]


def test_snippet_with_the_site_address(tmp_path):
    app = build(tmp_path, seminars_embed_page=True)
    page = html_tree(app, "seminars/embed")
    assert page.select_one("h1").get_text().rstrip("¶") == "Embed the next talks"
    assert not page.select(".admonition.note")
    first, series = snippets(app)
    div = first.select_one("div[data-seminars-src]")
    assert div["data-seminars-src"] == "https://dept.example.org/seminars/talks.json"
    assert div["data-limit"] == "5"
    assert first.select_one("script")["src"] == "https://dept.example.org/_static/seminars-embed.js"
    assert series.select_one("div")["data-series"] == "Algebra"
    # What the snippet names exists in the build.
    assert Path(app.outdir, "_static", "seminars-embed.js").is_file()
    assert Path(app.outdir, "seminars", "talks.json").is_file()


def test_without_an_address_a_placeholder_and_a_note(tmp_path, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    app = build(tmp_path, seminars_embed_page=True, html_baseurl="")
    page = html_tree(app, "seminars/embed")
    [note] = page.select(".admonition.note")
    assert "html_baseurl" in note.get_text()
    assert "https://your-site.example/" in note.get_text()
    first = snippets(app)[0]
    assert first.select_one("div")["data-seminars-src"] == (
        "https://your-site.example/seminars/talks.json"
    )


@pytest.mark.parametrize("overrides", [{}, {"seminars_embed_page": True, "seminars_feeds": False}])
def test_no_page_by_default_nor_without_exports(tmp_path, overrides):
    app = build(tmp_path, **overrides)
    assert not Path(app.outdir, "seminars", "embed.html").exists()


def test_hostile_series_name_stays_text_in_the_snippet(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nhtml_theme = "basic"\n'
        'html_baseurl = "https://x.example.org/"\nseminars_embed_page = True\n',
        "utf-8",
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n.. talk:: T\n   :date: 2024-01-01 10:00\n"
        '   :series: A" onload="alert(1)<script>\n',
        "utf-8",
    )
    app = build_site("html", src, tmp_path / "out", freshenv=True, status=StringIO(), warning=StringIO())
    page = html_tree(app, "seminars/embed")
    assert not page.select("div.body script, div[role=main] script")
    series = snippets(app)[1].select_one("div")
    assert series["data-series"] == 'A" onload="alert(1)<script>'
    assert not series.has_attr("onload")
