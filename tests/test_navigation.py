"""Talk pages out of the toctree: orphans, their own navigation, the size warning."""

from __future__ import annotations

import pytest
from conftest import html_tree, seminars_warnings, warnings_of


@pytest.mark.sphinx("html", testroot="incremental", parallel=2)
def test_talk_pages_are_orphans_in_parallel_builds(app):
    app.build()
    assert not [w for w in warnings_of(app) if "toctree" in w["message"]]
    assert all(app.env.metadata[doc].get("orphan") for doc in "abcefg")


@pytest.mark.sphinx("html", testroot="incremental")
def test_previous_and_next_in_time_and_series(app):
    app.build()
    page = html_tree(app, "b")
    rows = page.select(".seminars-nav .seminars-nav-row")
    in_time, in_series = rows
    assert [a["href"] for a in in_time.select("a")] == ["a.html#talk-a", "c.html#talk-c"]
    assert in_series.select_one("a")["href"] == "seminars/series/analysis.html"
    assert [a["href"] for a in in_series.select("a.seminars-nav-prev, a.seminars-nav-next")] == [
        "a.html#talk-a",
        "c.html#talk-c",
    ]
    # The last of its series has no "next" there, but the next talk in time.
    last = html_tree(app, "c").select(".seminars-nav .seminars-nav-row")
    assert [a["href"] for a in last[0].select("a")] == ["b.html#talk-b", "e.html#talk-e"]
    assert last[1].select("a.seminars-nav-next") == []


@pytest.mark.sphinx("text", testroot="incremental")
def test_navigation_in_text(app):
    app.build()
    text = (app.outdir / "b.txt").read_text()
    assert "← The First talk" in text and "The Third talk →" in text


@pytest.mark.sphinx("html", testroot="toctree")
def test_warns_once_when_too_many_talk_pages_are_in_toctrees(app):
    app.build()
    assert seminars_warnings(app) == [("toctree-size", "index.rst:")]


@pytest.mark.sphinx(
    "html", testroot="toctree", confoverrides={"suppress_warnings": ["seminars.toctree-size"]}
)
def test_toctree_size_warning_can_be_suppressed(app):
    app.build()
    assert seminars_warnings(app) == []


@pytest.mark.sphinx(
    "html", testroot="toctree", confoverrides={"seminars_toctree_warning_threshold": 5}
)
def test_toctree_size_threshold(app):
    app.build()
    assert seminars_warnings(app) == []
