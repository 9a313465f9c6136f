"""The ``talks`` listing: filters, formats, grouping, the HTML contract, warnings, rebuilds.

"Now" is pinned to 2024-01-01 (UTC) in the root's ``conf.py``: alpha, beta
and gamma are past; delta and epsilon are upcoming.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import (
    ROOTS,
    build_site,
    html_tree,
    rebuild_and_clean_build,
    seminars_warnings,
    warnings_of,
)
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.model import ListingQuery, Status, When
from sphinxext.seminars.core.options import Display, parse_listing
from sphinxext.seminars.ext.nodes import listing

NOW = {"seminars_now": "2024-01-01T00:00:00+00:00"}
LISTING_PAGES = ("filters", "formats", "home", "bad", "bad_md", "parity", "parity_md")


def build(buildername: str, srcdir: Path, outdir: Path, **confoverrides: object) -> SphinxTestApp:
    return build_site(buildername, srcdir, outdir, confoverrides={**NOW, **confoverrides})


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> SphinxTestApp:
    return build("html", ROOTS / "test-listing", tmp_path_factory.mktemp("listing-html"))


def section(app: SphinxTestApp, docname: str, section_id: str) -> Tag:
    """The (only) listing inside the section ``section_id`` of a page."""
    found = html_tree(app, docname).select(f"section#{section_id} div.seminars-listing")
    assert len(found) == 1, section_id
    return found[0]


def shown(listing_tag: Tag) -> list[str]:
    """Ids of the talks a reader sees, in order."""
    return [
        item["data-seminars-talk-id"].removeprefix("talks/")
        for item in listing_tag.select(".seminars-item")
        if "seminars-hidden" not in item["class"]
    ]


def hidden(listing_tag: Tag) -> list[str]:
    return [
        item["data-seminars-talk-id"].removeprefix("talks/")
        for item in listing_tag.select(".seminars-item.seminars-hidden")
    ]


# -- the pure option parser ------------------------------------------------------


def test_parse_defaults_and_sort_direction():
    query, display, problems = parse_listing({})
    assert (query, display, problems) == (ListingQuery(reverse=True), Display(), [])
    assert parse_listing({"when": "upcoming"})[0].reverse is False
    assert parse_listing({"when": "past"})[0].reverse is True
    assert parse_listing({"when": "upcoming", "sort": "descending"})[0].reverse is True


def test_parse_every_filter():
    query, _display, problems = parse_listing(
        {
            "series": "A; B (x; y)",
            "event": "Day",
            "speaker": "Ada Lovelace",
            "tags": "a, b",
            "year": "2019-2021, 2023",
            "from": "2020-01-02",
            "until": "2023-12-31",
            "status": "scheduled, canceled",
            "limit": "3",
        }
    )
    assert problems == []
    assert query == ListingQuery(
        series=("A", "B (x; y)"),
        event=("Day",),
        speaker=("Ada Lovelace",),
        tags=("a", "b"),
        year=(2019, 2020, 2021, 2023),
        since=dt.date(2020, 1, 2),
        until=dt.date(2023, 12, 31),
        status=(Status.SCHEDULED, Status.CANCELLED),
        limit=3,
        reverse=True,
    )


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"limit": "-3"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"from": "2023-13-45"}, "from"),
        ({"until": "yesterday"}, "until"),
        ({"when": "someday"}, "when"),
        ({"sort": "random"}, "sort"),
        ({"group-by": "speaker"}, "group-by"),
        ({"format": "poster"}, "format"),
        ({"year": "twenty"}, "year"),
        ({"status": "maybe"}, "status"),
        ({"show": "photo"}, "show"),
        ({"show": "abstract:-4"}, "show"),
    ],
)
def test_parse_bad_values_are_reported_and_left_out(options, option):
    query, display, problems = parse_listing(options)
    assert [(p.subtype, p.option) for p in problems] == [("bad-listing", option)]
    assert query.limit is None and query.when is When.ALL and query.since is None
    assert display.format == "list" and display.group_by == "none"


def test_parse_show_keeps_the_valid_fields():
    _query, display, problems = parse_listing({"show": "links, photo, abstract:12, speaker"})
    assert display.show == ("speaker", "abstract", "links")
    assert display.abstract_words == 12
    assert len(problems) == 1


# -- filters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section_id", "expected"),
    [
        ("series", ["delta", "beta", "alpha"]),
        ("two-series", ["beta", "gamma"]),
        ("event", ["beta", "gamma"]),
        ("speaker", ["delta", "alpha"]),
        ("tags", ["gamma", "alpha"]),
        ("year", ["beta", "gamma", "alpha"]),
        ("from-until", ["delta", "beta", "gamma"]),
        ("upcoming", ["delta", "epsilon"]),
        ("past", ["beta", "gamma", "alpha"]),
        ("status", ["beta"]),
        ("limit", ["epsilon", "delta"]),
        ("ascending", ["alpha", "gamma", "beta", "delta", "epsilon"]),
        ("combined", ["alpha"]),
    ],
)
def test_filters(html, section_id, expected):
    assert shown(section(html, "filters", section_id)) == expected


def test_no_warnings_but_the_bad_page(html):
    assert [
        w for w in warnings_of(html) if Path(w["location"]).stem not in ("bad", "bad_md")
    ] == []


# -- the HTML contract the browser script relies on ------------------------------


def test_html_contract(html):
    count = 0
    for page in LISTING_PAGES:
        for listing_tag in html_tree(html, page).select("div.seminars-listing"):
            when = listing_tag["data-seminars-when"]
            assert when in ("upcoming", "past", "all")
            assert f"seminars-when-{when}" in listing_tag["class"]
            for item in listing_tag.select(".seminars-item"):
                start = dt.datetime.fromisoformat(item["data-seminars-start"])
                end = dt.datetime.fromisoformat(item["data-seminars-end"])
                assert start.utcoffset() is not None and end > start
                assert item["data-seminars-talk-id"].startswith("talks/")
            empty = listing_tag.select(":scope > p.seminars-empty")
            assert len(empty) == 1
            assert ("seminars-hidden" in empty[0]["class"]) == bool(shown(listing_tag))
            count += 1
    assert count == 32


def test_past_listing_carries_the_upcoming_twin_hidden(html):
    upcoming = section(html, "home", "upcoming")
    past = section(html, "home", "past")
    assert (shown(upcoming), hidden(upcoming)) == (["delta"], [])
    assert (shown(past), hidden(past)) == (["beta", "alpha"], ["delta"])
    # A group with only hidden talks is hidden as a whole, until the script shows it.
    groups = {
        g.select_one(".seminars-group-title").get_text(strip=True): "seminars-hidden" in g["class"]
        for g in past.select(".seminars-group")
    }
    assert groups == {"2024": True, "2023": False, "2022": False}
    # The same holds on any page with such a pair; a past listing without a twin hides nothing.
    assert hidden(section(html, "filters", "past")) == ["epsilon", "delta"]
    assert hidden(section(html, "filters", "combined")) == []


def test_empty_listing(html):
    empty = section(html, "formats", "empty")
    assert shown(empty) == [] and empty.select(".seminars-item") == []
    line = empty.select_one("p.seminars-empty")
    assert line.get_text(strip=True) == "No talks."
    assert "seminars-hidden" not in line["class"]


# -- formats and fields ------------------------------------------------------------------


def test_list_with_every_field(html):
    listing_tag = section(html, "formats", "list")
    items = {i["data-seminars-talk-id"]: i for i in listing_tag.select("li.seminars-item")}
    alpha, delta, epsilon = items["talks/alpha"], items["talks/delta"], items["talks/epsilon"]
    assert [t["datetime"] for t in alpha.select("time")] == [
        "2022-05-25T14:00:00+01:00",
        "2022-05-25T14:00:00+01:00",
        "2022-05-25T15:00:00+01:00",
    ]
    assert [a.get_text() for a in alpha.select("a[href^='seminars/speakers/']")] == [
        "Ada Lovelace"
    ]
    assert alpha.select_one(".seminars-affiliation").get_text() == "UCL"
    assert (
        alpha.select_one("a[href='talks/alpha.html#talk-talks-alpha']").get_text() == "Alpha talk"
    )
    assert alpha.select_one(".seminars-location").get_text() == "Room 1"
    assert alpha.select_one("a[href^='seminars/series/']").get_text() == "Analysis Seminar"
    assert alpha.select_one(".seminars-teaser").get_text() == "One two three …"
    assert [(a["href"], a.get_text()) for a in alpha.select(".seminars-links a")] == [
        ("https://example.org/alpha.pdf", "Slides")
    ]
    # Two speakers, one without affiliation.
    assert [a.get_text() for a in delta.select("a[href^='seminars/speakers/']")] == [
        "Ada Lovelace",
        "Bob Builder",
    ]
    # A talk spanning two days shows a date range, no clock time.
    date = epsilon.select_one("time.seminars-date")
    assert date["datetime"] == "2024-03-01"
    assert date.get_text() == "Friday, March 1, 2024 \N{EN DASH} Saturday, March 2, 2024"
    assert epsilon.select("time.seminars-start") == []
    assert epsilon.select_one("a[href^='seminars/events/']").get_text() == "Spring school"


def test_titles_are_text_never_markup(html):
    delta = section(html, "formats", "list").select_one("[data-seminars-talk-id='talks/delta']")
    assert delta.select_one(".seminars-talk-link").get_text() == "Delta <b>talk</b>"
    assert delta.select("b") == []


def test_show_picks_fields(html):
    item = section(html, "formats", "bare").select_one(".seminars-item")
    assert item.select("time") == [] and item.select(".seminars-affiliation") == []
    assert item.select(".seminars-speaker") and item.select(".seminars-talk-link")


def test_table(html):
    table = section(html, "formats", "table").select_one("table.seminars-listing-table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Date",
        "Speaker",
        "Title",
        "Series",
        "Links",
    ]
    rows = table.select("tbody tr.seminars-item")
    assert [r["data-seminars-talk-id"] for r in rows] == [
        "talks/epsilon",
        "talks/delta",
        "talks/beta",
        "talks/gamma",
        "talks/alpha",
    ]
    beta = rows[2].select("td")
    assert beta[1].get_text(" ", strip=True) == "Bob Builder"  # no affiliation asked for
    assert beta[2].select_one(".seminars-status-cancelled").get_text() == "Cancelled"
    assert beta[3].get_text(strip=True) == "Analysis Seminar"


def test_cards_use_sphinx_design(html):
    listing_tag = section(html, "formats", "cards")
    row = listing_tag.select_one(".sd-container-fluid > .sd-row")
    cells = row.select(":scope > .sd-col.seminars-item")
    assert [c["data-seminars-talk-id"] for c in cells] == [
        "talks/beta",
        "talks/gamma",
        "talks/alpha",
    ]
    for cell in cells:
        card = cell.select_one(":scope > .sd-card > .sd-card-body")
        assert card.select_one(".sd-card-title .seminars-talk-link")
    teaser = cells[2].select_one(".seminars-teaser").get_text()
    assert teaser == "One two three four five six seven eight nine ten."


@pytest.mark.parametrize(
    ("section_id", "groups"),
    [
        (
            "by-year",
            [("2024", ["epsilon", "delta"]), ("2023", ["beta", "gamma"]), ("2022", ["alpha"])],
        ),
        ("by-month", [("March 2023", ["beta", "gamma"])]),
        (
            "by-series",
            [
                ("Probability Seminar", ["epsilon", "gamma"]),
                ("Analysis Seminar", ["delta", "beta", "alpha"]),
            ],
        ),
        (
            "by-event",
            [
                ("Spring school", ["epsilon"]),
                ("Stochastic day", ["beta", "gamma"]),
                ("Other talks", ["delta", "alpha"]),
            ],
        ),
    ],
)
def test_grouping(html, section_id, groups):
    listing_tag = section(html, "formats", section_id)
    found = [
        (g.select_one(".seminars-group-title").get_text(strip=True), shown(g))
        for g in listing_tag.select(":scope > .seminars-group")
    ]
    assert found == groups


# -- bad input ---------------------------------------------------------------------------


def test_bad_input_warns_at_the_option_line_and_still_renders(html):
    assert seminars_warnings(html) == [
        ("bad-listing", "bad.rst:8"),
        ("bad-listing", "bad.rst:9"),
        ("bad-listing", "bad.rst:10"),
        ("bad-listing", "bad.rst:11"),
        ("bad-listing", "bad.rst:12"),
        ("bad-listing", "bad.rst:21"),
        ("bad-listing", "bad.rst:22"),
        ("bad-listing", "bad_md.md:5"),
        ("bad-listing", "bad_md.md:10"),
        ("unknown-series", "bad.rst:19"),
        ("unknown-event", "bad.rst:20"),
        ("unknown-series", "bad_md.md:4"),
        ("unknown-event", "bad_md.md:11"),
    ]
    # The valid filters (2023, cancelled) still apply.
    assert shown(section(html, "bad", "partly-valid")) == ["beta"]
    # An unknown series matches nothing (rather than listing the whole archive).
    unknown = section(html, "bad", "unknown-names")
    assert unknown.select(".seminars-item") == []
    assert "seminars-hidden" not in unknown.select_one(".seminars-empty")["class"]


# -- reST and MyST -----------------------------------------------------------------------


def test_rst_and_myst_listings_are_identical(html):
    rst = html_tree(html, "parity").select("div.seminars-listing")
    myst = html_tree(html, "parity_md").select("div.seminars-listing")
    assert len(rst) == len(myst) == 2
    assert [str(t) for t in rst] == [str(t) for t in myst]
    assert shown(rst[1]) == ["delta", "epsilon"]
    assert [p.get_text() for p in rst[1].select(".seminars-teaser")] == ["Delta abstract."]


# -- other builders -------------------------------------------------------------------


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_text_and_latex(tmp_path, buildername):
    app = SphinxTestApp(
        buildername, srcdir=ROOTS / "test-listing", builddir=tmp_path, confoverrides=NOW
    )
    resolved: dict[str, list[listing]] = {}

    def keep(_app: object, doctree: nodes.document, docname: str) -> None:
        # LaTeX resolves one assembled tree: key its listings by their source page.
        for node in doctree.findall(listing):
            resolved.setdefault(Path(node.source).stem, []).append(node.deepcopy())

    app.connect("doctree-resolved", keep)
    try:
        app.build()
    finally:
        app.cleanup()
    assert [w for w in warnings_of(app) if Path(w["location"]).stem not in ("bad", "bad_md")] == []
    assert sum(map(len, resolved.values())) == 32
    for found in resolved.values():
        for node in found:
            # Nothing hidden outside HTML: no hidden talks, no hidden "no talks" line.
            assert not [
                n for n in node.findall(nodes.Element) if "seminars-hidden" in n["classes"]
            ]
    upcoming, past = resolved["home"]
    assert [
        n["talk_id"]
        for n in past.findall(lambda n: isinstance(n, nodes.Element) and "talk_id" in n)
    ] == [
        "talks/beta",
        "talks/alpha",
    ]
    assert [
        n["talk_id"]
        for n in upcoming.findall(lambda n: isinstance(n, nodes.Element) and "talk_id" in n)
    ] == ["talks/delta"]
    if buildername == "text":
        text = Path(app.outdir, "formats.txt").read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines()]
        assert "No talks." in lines
        # Table columns wide enough to read: each header on one line.
        header = next(line for line in lines if line.startswith("| Date"))
        assert [cell.strip() for cell in header.strip("|").split("|")] == [
            "Date",
            "Speaker",
            "Title",
            "Series",
            "Links",
        ]
        assert any(
            line.startswith("* Friday, March 1, 2024 \N{EN DASH} Saturday, March 2, 2024")
            for line in lines
        )


def test_cards_without_sphinx_design(tmp_path):
    app = build(
        "html",
        ROOTS / "test-listing",
        tmp_path,
        extensions=["sphinxext.seminars", "myst_parser"],
        seminars_empty_listing_text="Nothing here yet.",
    )
    cards = section(app, "formats", "cards")
    assert cards.select(".sd-card") == []
    cells = cards.select(".seminars-cards-plain > .seminars-card.seminars-item")
    assert [c["data-seminars-talk-id"] for c in cells] == [
        "talks/beta",
        "talks/gamma",
        "talks/alpha",
    ]
    assert (
        cells[0].select_one(".seminars-card-title .seminars-talk-link").get_text() == "Beta talk"
    )
    assert (
        section(app, "formats", "empty").select_one(".seminars-empty").get_text()
        == "Nothing here yet."
    )


# -- incremental and parallel builds -------------------------------------------------


def listings_of(
    app: SphinxTestApp, pages: tuple[str, ...] = ("home", "parity", "parity_md")
) -> dict[str, list[str]]:
    return {
        page: [str(t) for t in html_tree(app, page).select("div.seminars-listing")]
        for page in pages
    }


def test_parallel_build_gives_the_same_listings(html, tmp_path):
    app = SphinxTestApp(
        "html", srcdir=ROOTS / "test-listing", builddir=tmp_path, confoverrides=NOW, parallel=2
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert listings_of(app, LISTING_PAGES) == listings_of(html, LISTING_PAGES)
    assert seminars_warnings(app) == seminars_warnings(html)


def test_incremental_edit_add_delete_match_a_clean_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-listing", src)
    # Only pages that hold listings but are the toctree parent of no talk.
    for name in ("filters.rst", "formats.rst", "bad.rst", "bad_md.md"):
        (src / name).unlink()
    (src / "index.rst").write_text(
        "Listings\n========\n\n.. toctree::\n\n   home\n   parity\n   parity_md\n"
    )
    out = tmp_path / "out"
    first = build("html", src, out)
    parity = Path(first.outdir, "parity.html")

    # A rebuild with no change writes no listing page.
    before = parity.stat().st_mtime_ns
    build("html", src, out)
    assert parity.stat().st_mtime_ns == before

    def check(step: str) -> SphinxTestApp:
        again, clean = rebuild_and_clean_build(
            lambda s, o: build("html", s, o), src, out, tmp_path, step
        )
        assert listings_of(again) == listings_of(clean), step
        return again

    gamma = src / "talks" / "gamma.rst"
    gamma.write_text(gamma.read_text().replace("Gamma talk", "Gamma renamed"))
    again = check("edit")
    table = html_tree(again, "parity").select("div.seminars-listing")[0]
    assert "Gamma renamed" in [a.get_text() for a in table.select(".seminars-talk-link")]

    (src / "talks" / "zeta.rst").write_text(
        ".. talk:: Zeta talk\n   :speaker: Zed Zulu\n   :date: 2024-04-01 10:00\n"
        "   :series: Probability Seminar\n"
    )
    again = check("add")
    assert "talks/zeta" in [
        r["data-seminars-talk-id"] for r in html_tree(again, "parity").select(".seminars-item")
    ]

    (src / "talks" / "epsilon.md").unlink()
    again = check("delete")
    assert "talks/epsilon" not in [
        r["data-seminars-talk-id"] for r in html_tree(again, "parity").select(".seminars-item")
    ]
