"""Builds of the same sources give the same files: again, with or without SOURCE_DATE_EPOCH, -j N.

``roots/test-reproducible`` is a varied archive (several zones, an offset,
all-day and multi-day talks, cancelled and postponed ones, papers, a MyST
talk, a duplicate id, series declared in ``conf.py`` and by directive, venues
declared in both ways, online access, a recording and slides of the site). Every
file under the output's ``seminars/`` folder (feeds, exports and generated
pages) must be byte-identical between two clean builds, whether
SOURCE_DATE_EPOCH is set or not, and between ``-j 1``, ``-j 2`` and ``-j 4``;
pages are compared parsed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.store.domain import get_domain

ROOT = Path(__file__).parent / "roots" / "test-reproducible"
EPOCH = "1700000000"  # 2023-11-14: some talks past, some upcoming


def build(tmp: Path, *, epoch: str | None, parallel: int = 0) -> SphinxTestApp:
    """A clean build of a fresh copy of the root, with SOURCE_DATE_EPOCH as given."""
    src = tmp / "src"
    shutil.copytree(ROOT, src)
    with pytest.MonkeyPatch.context() as patch:
        if epoch is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", epoch)
        return build_site("html", src, src / "_build", parallel=parallel)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    plan = {
        "epoch": {"epoch": EPOCH},
        "epoch-again": {"epoch": EPOCH},
        "clock": {"epoch": None},
        "clock-again": {"epoch": None},
        "j2": {"epoch": EPOCH, "parallel": 2},
        "j4": {"epoch": EPOCH, "parallel": 4},
    }
    return {name: build(tmp_path_factory.mktemp(name), **kw) for name, kw in plan.items()}


def seminars_files(app: SphinxTestApp) -> dict[str, bytes]:
    folder = Path(app.outdir, "seminars")
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def exports(app: SphinxTestApp) -> dict[str, bytes]:
    """Feeds and exports: every file under ``seminars/`` but the generated pages."""
    return {name: data for name, data in seminars_files(app).items() if not name.endswith(".html")}


def pages(app: SphinxTestApp) -> dict[str, str]:
    """Every HTML page of the site, parsed and serialised again."""
    return {
        path.relative_to(app.outdir).as_posix(): str(
            BeautifulSoup(path.read_text("utf-8"), "html5lib")
        )
        for path in sorted(Path(app.outdir).rglob("*.html"))
    }


def test_the_site_is_what_the_comparisons_need(builds: dict[str, SphinxTestApp]) -> None:
    app = builds["epoch"]
    files = seminars_files(app)
    # Site, series and talk calendars, every export, and generated pages.
    assert {"talks.ics", "talks.json", "talks.atom", "talks.bib", "talks.csl.json"} <= set(files)
    assert len([n for n in files if n.startswith("talks/") and n.endswith(".ics")]) == 13
    assert len([n for n in files if n.startswith("series/") and n.endswith(".ics")]) == 2
    assert [n for n in files if n.startswith("speakers/") and n.endswith(".html")]
    assert [n for n in files if n.startswith("events/") and n.endswith(".html")]
    # Venues (conf.py and a directive), with a talk that has online access and media.
    assert {"venues/dima-508.html", "venues/sala.html"} <= set(files)
    # Topic pages and their feeds, and a listing's own feed.
    assert {"topics.html", "topics/computing.html", "topics/computing.ics"} <= set(files)
    assert {"feeds/computing-and-inference.ics", "feeds/computing-and-inference.atom"} <= set(
        files
    )
    # Enough documents that -j 2 and -j 4 really read and write in parallel.
    assert len(app.env.found_docs) > 10
    # Some talks are past and some upcoming at the pinned moment.
    index = BeautifulSoup(Path(app.outdir, "index.html").read_text("utf-8"), "html5lib")
    upcoming, past = index.select("div.seminars-listing")
    assert upcoming.select(".seminars-item:not(.seminars-hidden)")
    assert past.select(".seminars-item")
    assert [w["type"] for w in warnings_of(app)] == ["seminars.duplicate-id"]


@pytest.mark.parametrize(("first", "second"), [("epoch", "epoch-again"), ("clock", "clock-again")])
def test_two_clean_builds_are_byte_identical(
    builds: dict[str, SphinxTestApp], first: str, second: str
) -> None:
    one, two = seminars_files(builds[first]), seminars_files(builds[second])
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert pages(builds[first]) == pages(builds[second])


def test_source_date_epoch_pins_what_is_upcoming(builds: dict[str, SphinxTestApp]) -> None:
    """Without the variable "now" is the clock: the April 2024 talk is past, not upcoming."""

    def upcoming(app: SphinxTestApp) -> list[str]:
        index = BeautifulSoup(Path(app.outdir, "index.html").read_text("utf-8"), "html5lib")
        listing = index.select("div.seminars-listing")[0]
        return [i["data-seminars-talk-id"] for i in listing.select(".seminars-item")]

    assert "talks/offset" in upcoming(builds["epoch"])
    assert "talks/offset" not in upcoming(builds["clock"])


@pytest.mark.parametrize("parallel", ["j2", "j4"])
def test_parallel_builds_equal_the_serial_build(
    builds: dict[str, SphinxTestApp], parallel: str
) -> None:
    serial, other = builds["epoch"], builds[parallel]
    one, two = exports(serial), exports(other)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert pages(serial) == pages(other)
    # The same talks stored, the same one keeps the duplicate id, the same warnings.
    assert get_domain(serial.env).talks == get_domain(other.env).talks
    assert located_warnings(serial) == located_warnings(other)


def located_warnings(app: SphinxTestApp) -> list[tuple[str, ...]]:
    return sorted(
        (
            Path(w["location"]).relative_to(app.srcdir).as_posix(),
            w["line"],
            w["type"],
            w["message"],
        )
        for w in warnings_of(app)
    )
