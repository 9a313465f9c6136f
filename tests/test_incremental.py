"""Incremental and parallel builds give what a clean serial build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.store.domain import get_domain


def build(srcdir: Path, outdir: Path, **kwargs) -> SphinxTestApp:
    return build_site("html", srcdir, outdir, **kwargs)


def pages(app: SphinxTestApp) -> dict[str, str]:
    """The main content of every page, parsed and re-serialised."""
    result = {}
    for path in sorted(Path(app.outdir).rglob("*.html")):
        tree = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
        body = tree.select_one("div.body")
        if body is not None:
            result[str(path.relative_to(app.outdir))] = str(body)
    return result


def stored(app: SphinxTestApp) -> dict[str, object]:
    return dict(sorted(get_domain(app.env).talks.items()))


@pytest.fixture
def site(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-incremental", src)
    return src


def rebuild_matches_clean(src: Path, tmp_path: Path, first: SphinxTestApp) -> SphinxTestApp:
    """Rebuild ``first``'s output incrementally and compare with a clean build."""
    again = build(src, Path(first.outdir).parent.parent)
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, tmp_path / "clean")
    assert stored(again) == {k: v for k, v in stored(clean).items()}
    assert pages(again) == pages(clean)
    return again


def test_editing_a_title_rewrites_references_and_neighbours(site, tmp_path):
    first = build(site, tmp_path / "out")
    (site / "b.rst").write_text(
        (site / "b.rst").read_text().replace("Second talk", "Renamed talk")
    )
    again = rebuild_matches_clean(site, tmp_path, first)
    index = BeautifulSoup(Path(again.outdir, "index.html").read_text(), "html5lib")
    assert index.select_one("a[href='b.html#talk-b']").get_text() == "The Renamed talk"
    nav = BeautifulSoup(Path(again.outdir, "a.html").read_text(), "html5lib")
    assert "The Renamed talk" in [
        a.get_text(strip=True).strip(" →") for a in nav.select(".seminars-nav a")
    ]


def test_deleting_a_talk_removes_it(site, tmp_path):
    first = build(site, tmp_path / "out")
    assert "c" in stored(first)
    (site / "c.rst").unlink()
    again = rebuild_matches_clean(site, tmp_path, first)
    assert "c" not in stored(again)


def test_adding_a_talk_updates_neighbours(site, tmp_path):
    first = build(site, tmp_path / "out")
    (site / "d.rst").write_text(
        ".. talk:: The Fourth talk\n   :date: 2023-01-20 14:00\n   :series: Analysis\n   :id: d\n"
    )
    again = rebuild_matches_clean(site, tmp_path, first)
    nav = BeautifulSoup(Path(again.outdir, "a.html").read_text(), "html5lib")
    assert nav.select_one(".seminars-nav-next").get_text(strip=True).startswith("The Fourth talk")


def test_moving_a_talk_between_series_and_renaming_a_speaker(site, tmp_path):
    first = build(site, tmp_path / "out")
    text = (site / "b.rst").read_text().replace(":series: Analysis", ":series: Algebra")
    (site / "b.rst").write_text(text.replace("Bea Second", "Bea Seconda"))
    again = rebuild_matches_clean(site, tmp_path, first)
    assert get_domain(again.env).talks["b"].series == "Algebra"


def test_renaming_a_talk_document(site, tmp_path):
    first = build(site, tmp_path / "out")
    (site / "b.rst").rename(site / "b2.rst")
    again = rebuild_matches_clean(site, tmp_path, first)
    assert get_domain(again.env).talks["b"].docname == "b2"


def test_a_build_without_changes_writes_nothing(site, tmp_path):
    first = build(site, tmp_path / "out")
    # Sphinx itself re-writes genindex.html and search.html on every build.
    documents = [Path(first.outdir, f"{name}.html") for name in ("index", "about", "a", "b", "c")]
    mtimes = [p.stat().st_mtime_ns for p in documents]
    build(site, tmp_path / "out")
    assert [p.stat().st_mtime_ns for p in documents] == mtimes


def test_changing_conf_rebuilds_consistently(site, tmp_path):
    first = build(site, tmp_path / "out")
    conf = site / "conf.py"
    conf.write_text(conf.read_text().replace("Europe/Rome", "America/New_York"))
    again = rebuild_matches_clean(site, tmp_path, first)
    assert get_domain(again.env).talks["a"].timezone == "America/New_York"


@pytest.mark.parametrize("jobs", [2, 4])
def test_parallel_build_equals_serial(site, tmp_path, jobs):
    serial = build(site, tmp_path / "serial")
    # Parallel reading needs enough documents to fork at all.
    parallel = build(site, tmp_path / f"parallel-{jobs}", parallel=jobs)
    assert stored(parallel) == stored(serial)
    assert pages(parallel) == pages(serial)


def test_editing_a_venue_in_another_document_rewrites_its_talks(site, tmp_path):
    """A talk names a venue declared on the "about" page: editing the venue there
    re-writes the talk's page, its listing and the venue's page, as a clean build has them."""
    talk = site / "a.rst"
    talk.write_text(talk.read_text().replace(":id: a", ":id: a\n   :location: hall"))
    about = site / "about.rst"
    venue = "\n.. venue:: hall\n   :name: Great Hall\n   :city: Genova\n"
    about.write_text(about.read_text() + venue)
    first = build(site, tmp_path / "out")
    where = BeautifulSoup(Path(first.outdir, "a.html").read_text(), "html5lib")
    assert "Great Hall" in where.select_one("dd.seminars-field-where").get_text()
    about.write_text(about.read_text().replace("Great Hall", "Small Hall"))
    again = rebuild_matches_clean(site, tmp_path, first)
    page = BeautifulSoup(Path(again.outdir, "a.html").read_text(), "html5lib")
    assert "Small Hall" in page.select_one("dd.seminars-field-where").get_text()
    venue_page = Path(again.outdir, "seminars", "venues", "hall.html").read_text()
    assert "Small Hall" in BeautifulSoup(venue_page, "html5lib").select_one("h1").get_text()


def feeds(app: SphinxTestApp) -> dict[str, bytes]:
    """Every calendar and Atom feed the extension wrote."""
    folder = Path(app.outdir, "seminars")
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".ics", ".atom")
    }


def test_adding_a_tag_updates_topic_pages_and_listing_feeds(site, tmp_path):
    (site / "about.rst").write_text(
        "About\n=====\n\n.. topics-cloud::\n\n.. talks::\n   :tags: knots\n   :feed: knots\n"
    )
    first = build(site, tmp_path / "out")
    assert not Path(first.outdir, "seminars/topics/knots.html").exists()
    assert b"BEGIN:VEVENT" not in feeds(first)["feeds/knots.ics"]
    b = site / "b.rst"
    b.write_text(b.read_text().replace("   :id: b\n", "   :id: b\n   :tags: knots\n"))
    again = rebuild_matches_clean(site, tmp_path, first)
    assert Path(again.outdir, "seminars/topics/knots.html").exists()
    clean_src = tmp_path / "clean-src"
    clean = build(clean_src, tmp_path / "clean-again")
    assert feeds(again) == feeds(clean)
    cloud = BeautifulSoup(Path(again.outdir, "about.html").read_text(), "html5lib")
    assert [a["href"] for a in cloud.select(".seminars-cloud a")] == ["seminars/topics/knots.html"]
