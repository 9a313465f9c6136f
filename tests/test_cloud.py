"""The ``speakers-cloud``: names, links, size steps, accessible counts, order, filters."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOTS, build_site, html_tree, seminars_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.options import parse_cloud
from sphinxext.seminars.ext.cloud import size_steps

NOW = {"seminars_now": "2024-01-01T00:00:00+00:00"}


def build(buildername: str, srcdir: Path, outdir: Path) -> SphinxTestApp:
    return build_site(buildername, srcdir, outdir, confoverrides=NOW)


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> SphinxTestApp:
    return build("html", ROOTS / "test-cloud", tmp_path_factory.mktemp("cloud-html"))


def entries(cloud: Tag) -> list[tuple[str, int, str, str]]:
    """(visible name, size step, link target, hidden count text) of each name."""
    found = []
    for item in cloud.select(":scope > li"):
        sizes = [
            int(c.rsplit("-", 1)[1]) for c in item["class"] if c.startswith("seminars-cloud-size-")
        ]
        link = item.select_one("a")
        count = link.select_one(".seminars-visually-hidden")
        visible = "".join(link.find_all(string=True, recursive=True)).replace(count.get_text(), "")
        found.append((visible.strip(), *sizes, link["href"], count.get_text()))
    return found


def cloud_in(app: SphinxTestApp, docname: str, section_id: str | None = None) -> Tag | None:
    tree = html_tree(app, docname)
    scope = tree.select_one(f"section#{section_id}") if section_id else tree
    return scope.select_one("ul.seminars-cloud")


def test_size_steps():
    assert size_steps({}) == {}
    assert size_steps({"a": 2, "b": 2}) == {"a": 1, "b": 1}
    assert size_steps({"a": 1, "b": 2, "c": 4, "d": 16}) == {"a": 1, "b": 2, "c": 3, "d": 5}


def test_parse_cloud():
    assert parse_cloud({"series": "A; B", "since": "2020"}) == (
        ("A", "B"),
        dt.date(2020, 1, 1),
        [],
    )
    assert parse_cloud({"since": "2020-09-01"})[1] == dt.date(2020, 9, 1)
    series, since, problems = parse_cloud({"since": "last week"})
    assert (series, since, [(p.subtype, p.option) for p in problems]) == (
        (),
        None,
        [("bad-listing", "since")],
    )


def test_every_speaker_by_surname_sized_with_counts(html):
    # Aliases and case variants join one person; the cancelled talk's speaker and
    # "TBA" are left out; "van Beethoven" sorts under B as seminars_speakers says.
    assert entries(cloud_in(html, "all")) == [
        ("Zoe Adams", 1, "seminars/speakers/zoe-adams.html", " (1 talk)"),
        ("Ludwig van Beethoven", 1, "seminars/speakers/ludwig-van-beethoven.html", " (1 talk)"),
        ("Ada Lovelace", 4, "seminars/speakers/ada-lovelace.html", " (3 talks)"),
        ("Lenka Zdeborová", 5, "seminars/speakers/lenka-zdeborova.html", " (4 talks)"),
    ]


@pytest.mark.parametrize(
    ("section_id", "expected"),
    [
        ("series", [("Lenka Zdeborová", 1, " (3 talks)")]),
        (
            "since-year",
            [
                ("Ludwig van Beethoven", 1, " (1 talk)"),
                ("Ada Lovelace", 5, " (3 talks)"),
                ("Lenka Zdeborová", 4, " (2 talks)"),
            ],
        ),
        (
            "since-date",
            [
                ("Ludwig van Beethoven", 1, " (1 talk)"),
                ("Ada Lovelace", 5, " (2 talks)"),
                ("Lenka Zdeborová", 1, " (1 talk)"),
            ],
        ),
    ],
)
def test_filters(html, section_id, expected):
    found = entries(cloud_in(html, "filtered", section_id))
    assert [(name, size, count) for name, size, _href, count in found] == expected


def test_empty_cloud_says_so(html):
    section = html_tree(html, "filtered").select_one("section#nobody")
    assert section.select("ul.seminars-cloud") == []
    assert section.select_one("p.seminars-cloud-empty").get_text() == "No speakers."


def test_myst_cloud_equals_rst(html):
    rst = cloud_in(html, "filtered", "series")
    myst = cloud_in(html, "myst")
    assert str(rst) == str(myst)


def test_bad_input_warns_and_still_renders(html):
    assert seminars_warnings(html) == [
        ("bad-listing", "bad.rst:6"),
        ("bad-listing", "bad.rst:7"),
        ("unknown-series", "bad.rst:5"),
    ]
    assert [w for w in warnings_of(html) if not w["location"].endswith("bad.rst")] == []
    # An unknown series matches no talk: the cloud says there is nobody.
    assert html_tree(html, "bad").select_one("p.seminars-cloud-empty") is not None


def test_stylesheet_is_linked(html):
    hrefs = [
        link["href"].split("?")[0]
        for link in html_tree(html, "all").select("link[rel=stylesheet]")
    ]
    assert "_static/seminars-cloud.css" in hrefs
    assert Path(html.outdir, "_static", "seminars-cloud.css").is_file()


def test_text_builder_shows_names_without_links(tmp_path):
    app = build("text", ROOTS / "test-cloud", tmp_path)
    assert [w for w in warnings_of(app) if not w["location"].endswith("bad.rst")] == []
    lines = [
        line.strip()
        for line in Path(app.outdir, "all.txt").read_text(encoding="utf-8").splitlines()
    ]
    assert [line for line in lines if line.startswith("* ")] == [
        "* Zoe Adams (1 talk)",
        "* Ludwig van Beethoven (1 talk)",
        "* Ada Lovelace (3 talks)",
        "* Lenka Zdeborová (4 talks)",
    ]


def test_incremental_rebuild_matches_a_clean_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-cloud", src)
    out = tmp_path / "out"
    build("html", src, out)
    talk = src / "talks" / "t6.rst"
    talk.write_text(talk.read_text().replace("Zoe Adams", "Ada Lovelace"))
    (src / "talks" / "t5.rst").unlink()
    again = build("html", src, out)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build("html", clean_src, tmp_path / "clean-out")
    for page in ("all", "filtered", "myst"):
        assert str(html_tree(again, page).select_one("div.body")) == str(
            html_tree(clean, page).select_one("div.body")
        )
    assert [e[0] for e in entries(cloud_in(again, "all"))] == ["Ada Lovelace", "Lenka Zdeborová"]
