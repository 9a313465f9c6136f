"""The filter bar's data, the month view and the sidebar widgets, as built.

``roots/test-filters`` pins "now" on 2030-01-01: a (2030-05-25) and b
(2030-05-27) are in May 2030, the hostile talk in June 2030, c (2029-11-12) is
past. ``all`` has a filter bar (``:filters:``), ``month`` is a calendar with
one, ``plain`` has none; every page shows both widgets in its sidebar.
What the script does with the data is tested in ``browser/test_filters.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import conftest
import pytest
from conftest import ROOTS, build_site, html_tree, seminars_warnings, warnings_of
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.facets import (
    FACETS,
    facet_values,
    filter_query,
    search_text,
    talk_facets,
)
from sphinxext.seminars.core.model import Person, Talk
from sphinxext.seminars.core.options import parse_listing
from sphinxext.seminars.ext import widgets
from sphinxext.seminars.ext.nodes import listing

ROOT = ROOTS / "test-filters"
HOSTILE_TITLE = '</script><img src=x onerror="window.PWNED=1"> & "quotes"'
HOSTILE_SPEAKER = "<b onmouseover=alert(1)>Mallory</b>"
HOSTILE_TAG = "<svg onload=window.PWNED=2>"


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> SphinxTestApp:
    return build_site("html", ROOT, tmp_path_factory.mktemp("filters-html"))


def filter_data(app: SphinxTestApp, docname: str) -> list[dict]:
    """The parsed filter data of each listing on the page."""
    tree = html_tree(app, docname)
    return [
        json.loads(script.string)
        for script in tree.select("div.seminars-listing > script.seminars-filter-data")
    ]


def months(app: SphinxTestApp, docname: str) -> list[dict]:
    """Each month table: caption, weekday headers, and day -> talk titles."""
    found = []
    for table in html_tree(app, docname).select("table.seminars-calendar"):
        days = {
            cell["data-seminars-date"]: [a.get_text() for a in cell.select("a")]
            for cell in table.select("td[data-seminars-date]")
        }
        found.append(
            {
                "month": table["data-seminars-month"],
                "caption": table.caption.get_text(),
                "headers": [(th["scope"], th.abbr["title"]) for th in table.select("thead th")],
                "talks": {day: titles for day, titles in days.items() if titles},
                "days": len(days),
                "cells": len(table.select("tbody td")),
            }
        )
    return found


# -- the pure parts -------------------------------------------------------------------


def _talk(**extra: object) -> Talk:
    return Talk(
        id="x",
        title="Spin glasses",
        docname="x",
        lineno=1,
        anchor="talk-x",
        start=dt.datetime(2023, 4, 1, 14, 0),
        speakers=(Person("Ada Lovelace", "UCL"), Person("TBA")),
        series="Probability",
        tags=("probability", "probability", "physics"),
        abstract=" ".join(f"w{i}" for i in range(60)),
        **extra,  # type: ignore[arg-type]
    )


def test_one_function_gives_every_facet_kind_included():
    talk = _talk()
    assert talk_facets(talk) == {
        "series": ("Probability",),
        "topic": ("probability", "physics"),
        "speaker": ("Ada Lovelace",),
        "kind": (),
        "year": ("2023",),
    }
    assert tuple(talk_facets(talk)) == FACETS
    assert talk_facets(dataclasses.replace(talk, kind="colloquium"))["kind"] == ("colloquium",)
    # Free text: title, speakers, and the first 40 words of the abstract.
    text = search_text(talk)
    assert text.startswith("Spin glasses Ada Lovelace, TBA w0 w1")
    assert "w39 …" in text
    assert "w40" not in text


def test_facet_values_are_sorted_and_empty_facets_left_out():
    talks = [
        _talk(),
        dataclasses.replace(_talk(), start=dt.datetime(2021, 1, 1), series="Algebra"),
    ]
    assert facet_values(talks) == {
        "series": ["Algebra", "Probability"],
        "topic": ["physics", "probability"],
        "speaker": ["Ada Lovelace"],
        "year": ["2023", "2021"],
    }
    assert filter_query({"topic": "a&b c", "q": "", "year": "2023"}) == "topic=a%26b+c&year=2023"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", True), ("yes", True), ("ON", True), ("no", False), ("off", False)],
)
def test_filters_option(text, expected):
    _query, display, problems = parse_listing({"filters": text})
    assert problems == []
    assert display.filters is expected


def test_filters_option_bad_value_and_calendar_grouping_are_reported():
    _query, display, problems = parse_listing({"filters": "maybe"})
    assert display.filters is None  # the site's default
    assert [(p.subtype, p.option) for p in problems] == [("bad-listing", "filters")]
    _query, display, problems = parse_listing({"format": "calendar", "group-by": "year"})
    assert display.format == "calendar"
    assert display.group_by == "none"
    assert [(p.subtype, p.option) for p in problems] == [("bad-listing", "group-by")]


# -- the filter bar's data ---------------------------------------------------------


def test_no_warnings(html):
    assert warnings_of(html) == []


def test_filter_data_holds_every_talk_and_facet(html):
    [data] = filter_data(html, "all")
    assert set(data["talks"]) == {"talks/a", "talks/b", "talks/c", "talks/hostile"}
    assert data["talks"]["talks/a"] == {
        "series": ["Probability Seminar"],
        "topic": ["probability", "statistical physics"],
        "speaker": ["Lenka Zdeborová"],
        "kind": [],
        "year": ["2030"],
        "text": "Random matrices and spin glasses Lenka Zdeborová "
        "We study the free energy of a spin glass through random matrices.",
    }
    assert data["facets"]["year"] == ["2030", "2029"]
    assert data["facets"]["series"] == ["Analysis Seminar", "Probability Seminar"]
    assert "kind" not in data["facets"]  # no talk has a kind: no empty menu
    assert data["labels"]["count"] == "Talks shown: {shown} of {total}"
    # Every listed talk has its record.
    tree = html_tree(html, "all")
    ids = {item["data-seminars-talk-id"] for item in tree.select(".seminars-item")}
    assert ids == set(data["talks"])
    assert tree.select_one("div.seminars-listing")["data-seminars-filters"] == "1"


def test_hostile_text_stays_text_in_the_data(html):
    [data] = filter_data(html, "all")
    record = data["talks"]["talks/hostile"]
    assert record["speaker"] == [HOSTILE_SPEAKER]
    assert record["topic"] == [HOSTILE_TAG, "a&b"]
    assert record["text"].startswith(HOSTILE_TITLE)
    # The script element holds no markup character at all: nothing can close it.
    raw = html_tree(html, "all").select_one("script.seminars-filter-data").string
    assert not set("<>&") & set(raw)
    # One script of ours per page, the filter bar's; nothing the talks wrote runs.
    tree = html_tree(html, "all")
    assert tree.select("img") == []
    assert [s.get("type") for s in tree.select("script:not([src])")] == ["application/json"]


def test_the_script_comes_only_with_a_filter_bar(html):
    def scripts(docname: str) -> list[str]:
        return [
            Path(s["src"].split("?")[0]).name
            for s in html_tree(html, docname).select("script[src]")
        ]

    assert "seminars-filters.js" in scripts("all")
    assert "seminars-filters.js" in scripts("month")
    assert "seminars-filters.js" not in scripts("plain")
    assert "seminars-filters.js" not in scripts("talks/a")
    assert html_tree(html, "plain").select("script.seminars-filter-data") == []
    assert (
        not html_tree(html, "plain")
        .select_one("div.seminars-listing")
        .has_attr("data-seminars-filters")
    )


def test_site_default_and_the_listing_option(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "plain.rst").write_text(
        "Plain\n=====\n\n.. talks::\n\nOff\n---\n\n.. talks::\n   :filters: no\n"
    )
    app = build_site(
        "html", src, tmp_path / "out", confoverrides={"seminars_listing_filters": True}
    )
    listings = html_tree(app, "plain").select("div.seminars-listing")
    assert [t.has_attr("data-seminars-filters") for t in listings] == [True, False]


def test_a_bad_filters_value_warns_at_its_line(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "plain.rst").write_text(
        "Plain\n=====\n\n.. talks::\n   :filters: maybe\n   :format: month\n"
    )
    app = build_site("html", src, tmp_path / "out")
    assert seminars_warnings(app) == [
        ("bad-listing", "plain.rst:5"),
        ("bad-listing", "plain.rst:6"),
    ]
    # The listing is still there, as a list, without a bar (the default is off).
    listing_tag = html_tree(app, "plain").select_one("div.seminars-listing")
    assert len(listing_tag.select("ul.seminars-listing-list > li.seminars-item")) == 4
    assert not listing_tag.has_attr("data-seminars-filters")


# -- the month view ---------------------------------------------------------------------


def test_month_view(html):
    found = months(html, "month")
    # Months with talks only, in the listing's order (newest first by default).
    assert [(m["month"], m["caption"]) for m in found] == [
        ("2030-06", "June 2030"),
        ("2030-05", "May 2030"),
        ("2029-11", "November 2029"),
    ]
    may = found[1]
    assert may["headers"] == [
        ("col", day)
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    ]
    assert may["days"] == 31
    assert may["cells"] % 7 == 0
    assert may["talks"] == {
        "2030-05-25": ["Random matrices and spin glasses"],
        "2030-05-27": ["Brownian motion on manifolds"],
    }
    assert found[0]["talks"] == {"2030-06-03": [HOSTILE_TITLE]}
    # Talks in the grid are listing items the scripts can hide and filter.
    tree = html_tree(html, "month")
    cell = tree.select_one('td[data-seminars-date="2030-05-25"]')
    assert cell.select_one("li.seminars-item")["data-seminars-talk-id"] == "talks/a"
    assert cell.select_one("a")["href"] == "talks/a.html#talk-talks-a"
    # The group around each month lets the scripts hide a month with nothing to show.
    assert len(tree.select("div.seminars-group > table.seminars-calendar")) == 3


def test_month_view_follows_the_language(tmp_path):
    app = build_site("html", ROOT, tmp_path, confoverrides={"language": "de"})
    found = months(app, "month")
    assert found[1]["caption"] == "Mai 2030"
    assert found[1]["headers"][0] == ("col", "Montag")
    # The filter bar's words and the widgets' headings come from the catalogs.
    [data] = filter_data(app, "all")
    assert (data["labels"]["topic"], data["labels"]["count"]) == (
        "Thema",
        "Angezeigte Vorträge: {shown} von {total}",
    )
    tree = html_tree(app, "plain")
    assert [h.get_text() for h in tree.select("nav.seminars-sidebar h3")] == [
        "Nächste Vorträge",
        "Themen",
    ]


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_month_view_elsewhere_is_a_plain_list(tmp_path, buildername):
    app = SphinxTestApp(buildername, srcdir=ROOT, builddir=tmp_path)
    kept: list[nodes.Element] = []

    def keep(_app: object, doctree: nodes.document, docname: str) -> None:
        kept.extend(n.deepcopy() for n in doctree.findall(listing) if "month" in n.source)

    app.connect("doctree-resolved", keep)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    [month] = kept
    assert [n["talk_id"] for n in month.findall(nodes.list_item)] == [
        "talks/hostile",
        "talks/b",
        "talks/a",
        "talks/c",
    ]
    assert list(month.findall(nodes.table)) == []
    if buildername == "text":
        text = Path(app.outdir, "month.txt").read_text(encoding="utf-8")
        assert "Brownian motion on manifolds" in text


# -- sidebar widgets ---------------------------------------------------------------------


def test_widgets_on_every_page_with_links_from_that_page(html):
    for docname, root in (("all", ""), ("talks/a", "../")):
        tree = html_tree(html, docname)
        nav = tree.select_one("nav.seminars-next-talks")
        assert [a.get_text() for a in nav.select("a")] == [
            "Random matrices and spin glasses",
            "Brownian motion on manifolds",
            HOSTILE_TITLE,
        ]
        assert nav.select_one("a")["href"] == f"./{root}talks/a.html#talk-talks-a".replace(
            "./../", "../"
        )
        assert [s.get_text() for s in nav.select(".seminars-sidebar-speakers")][2] == (
            HOSTILE_SPEAKER
        )
        topics = tree.select_one("nav.seminars-topics")
        links = {a.contents[0]: a["href"] for a in topics.select("a")}
        prefix = "./" if not root else root
        # Each topic links to its own topic page (the same the talk pages link).
        assert links["probability"] == f"{prefix}seminars/topics/probability.html"
        pages = {href.removeprefix(prefix) for href in links.values()}
        assert all(page.startswith("seminars/topics/") for page in pages)
        assert all(Path(html.outdir, page).is_file() for page in pages)
        assert len(pages) == len(links)
        counts = [s.get_text() for s in topics.select("a .seminars-visually-hidden")]
        assert counts[list(links).index("probability")] == " (2 talks)"
        assert tree.select("nav img, nav svg, nav b") == []


def test_without_generated_pages_topics_link_the_filtered_listing(tmp_path):
    app = build_site(
        "html", ROOT, tmp_path / "out", confoverrides={"seminars_generate_pages": False}
    )
    topics = html_tree(app, "talks/a").select_one("nav.seminars-topics")
    links = {a.contents[0]: a["href"] for a in topics.select("a")}
    assert links["probability"] == "../all.html?topic=probability"
    assert links[HOSTILE_TAG] == "../all.html?topic=%3Csvg+onload%3Dwindow.PWNED%3D2%3E"
    assert links["a&b"] == "../all.html?topic=a%26b"


def test_widgets_are_made_once_per_build(tmp_path, monkeypatch):
    calls: dict[str, int] = {}

    def counting(name, render):
        def counted(*args):
            calls[name] = calls.get(name, 0) + 1
            return render(*args)

        return counted

    for name, render in list(widgets.RENDERERS.items()):
        monkeypatch.setitem(widgets.RENDERERS, name, counting(name, render))
    app = build_site("html", ROOT, tmp_path / "out")
    pages = list(Path(app.outdir).rglob("*.html"))
    shown = [p for p in pages if "seminars-next-talks" in p.read_text(encoding="utf-8")]
    assert len(shown) >= 8
    assert calls == {"next-talks": 1, "topics-cloud": 1}
    # In parallel too: made in the main process, before the workers start.
    calls.clear()
    build_site("html", ROOT, tmp_path / "parallel", parallel=2)
    assert calls == {"next-talks": 1, "topics-cloud": 1}


def test_no_widgets_named_nothing_made(tmp_path, monkeypatch):
    calls: list[str] = []
    for name, render in list(widgets.RENDERERS.items()):
        monkeypatch.setitem(
            widgets.RENDERERS,
            name,
            lambda *a, name=name, render=render: calls.append(name) or render(*a),
        )
    build_site("html", ROOT, tmp_path / "out", confoverrides={"html_sidebars": {}})
    assert calls == []


def test_topics_are_plain_text_without_topic_pages_or_a_filter_bar(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    for name in ("all.rst", "month.rst"):
        (src / name).write_text(f"{name}\n{'=' * len(name)}\n\n.. talks::\n")
    app = build_site(
        "html", src, tmp_path / "out", confoverrides={"seminars_generate_pages": False}
    )
    topics = html_tree(app, "plain").select_one("nav.seminars-topics")
    assert topics.select("a") == []
    assert "probability (2 talks)" in [li.get_text() for li in topics.select("li")]


# -- parallel and incremental builds ----------------------------------------------------


def views(app: SphinxTestApp) -> dict[str, object]:
    """The filter data, month views and widgets of every page that has them."""
    found: dict[str, object] = {}
    for docname in ("all", "month", "plain", "index", "talks/a"):
        tree = html_tree(app, docname)
        found[docname] = (
            filter_data(app, docname),
            [str(t) for t in tree.select("table.seminars-calendar")],
            [str(n) for n in tree.select("nav.seminars-sidebar")],
        )
    return found


def test_parallel_build_gives_the_same_views(html, tmp_path):
    app = build_site("html", ROOT, tmp_path, parallel=2)
    assert views(app) == views(html)


def test_incremental_builds_match_a_clean_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    out = tmp_path / "out"
    build_site("html", src, out)
    index = Path(out, "html", "index.html")
    before = index.stat().st_mtime_ns
    build_site("html", src, out)
    assert index.stat().st_mtime_ns == before  # nothing changed, nothing written

    def check(step: str) -> SphinxTestApp:
        again, clean = conftest.rebuild_and_clean_build(
            lambda s, o: build_site("html", s, o), src, out, tmp_path, step
        )
        assert views(again) == views(clean), step
        return again

    talk = src / "talks" / "b.rst"
    talk.write_text(talk.read_text().replace("geometry", "geometry, topology"))
    again = check("tag")
    [data] = filter_data(again, "all")
    assert data["talks"]["talks/b"]["topic"] == ["probability", "geometry", "topology"]
    # The index page shows the topics cloud: it was written again.
    assert index.stat().st_mtime_ns != before

    (src / "talks" / "d.rst").write_text(
        ":orphan:\n\n.. talk:: Delta talk\n   :speaker: Zed Zulu\n   :date: 2030-05-01 10:00\n"
    )
    again = check("add")
    assert "2030-05-01" in months(again, "month")[1]["talks"]


def test_two_clean_builds_write_the_same_bytes(html, tmp_path):
    again = build_site("html", ROOT, tmp_path)
    for docname in ("all", "month", "plain", "talks/a"):
        first = Path(html.outdir, f"{docname}.html").read_bytes()
        assert Path(again.outdir, f"{docname}.html").read_bytes() == first, docname
