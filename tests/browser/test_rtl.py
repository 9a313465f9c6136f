"""Right-to-left sites (Hebrew, Arabic): the extension's pages mirrored, nothing overflowing.

The site in ``roots/rtl`` sets the page's direction in its layout (Sphinx's themes leave
it to the site); the extension writes times, identifiers and titles isolated inside the
right-to-left text. Each page is opened at a desktop and at a phone width, and a
screenshot of each is kept in the test's folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

PAGES = (
    "talks/walks.html",
    "index.html",
    "seminars/speakers.html",
    "seminars/speakers/anna-malatesta.html",
)

# Elements sticking out of the viewport on either side (a right-to-left page
# overflows to the left, where scrollWidth alone does not always show it).
OVERFLOW = """(skipTables) => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (skipTables && el.closest("table")) continue;
    const box = el.getBoundingClientRect();
    if (!box.width) continue;
    if (box.right > width + 1 || box.left < -1) {
      out.push(`${el.localName}.${el.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, out};
}"""


@pytest.fixture(scope="module", params=["he", "ar"])
def rtl_site(request, site_builder, browser_roots, http_server, tmp_path_factory):
    language = request.param
    folder = tmp_path_factory.mktemp(f"rtl-{language}")
    # Named: Sphinx's test application would otherwise swap alabaster for "basic".
    out = site_builder(browser_roots / "rtl", folder, language=language, html_theme="alabaster")
    with http_server(out) as server:
        yield language, server


def box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", [1100, 390])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_overflows(rtl_site, open_page, tmp_path: Path, path: str, width: int) -> None:
    language, server = rtl_site
    opened = open_page(
        server.url + path,
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        viewport={"width": width, "height": 900},
        timezone_id="Europe/Rome",
    )
    page = opened.page
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # A table of six columns is wider than a phone in any direction: its own matter.
    found = page.evaluate(OVERFLOW, width < 500)
    shot = tmp_path / f"{language}-{path.replace('/', '-')}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    assert found["out"] == [], found
    if width > 500:
        assert found["scroll"] <= found["width"], found
    assert opened.problems == []


def test_talk_page_mirrored_with_times_and_ids_left_to_right(rtl_site, open_page) -> None:
    language, server = rtl_site
    opened = open_page(
        server.url + "talks/walks.html",
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        timezone_id="Europe/Rome",
    )
    page = opened.page
    talk = "article.seminars-talk"
    assert page.eval_on_selector(talk, "el => getComputedStyle(el).direction") == "rtl"
    # Labels on the right of their values: the field list is mirrored.
    label, value = box(page, f"{talk} dl.seminars-meta > dt"), box(page, f"{talk} dl > dd")
    assert label["x"] > value["x"]

    start, end = box(page, f"{talk} time.seminars-start"), box(page, f"{talk} time.seminars-end")
    times = page.locator(f"{talk} bdi:has(> time.seminars-start)").first
    if language == "he":
        # "14:00–15:30" read left to right, the start first.
        assert start["x"] < end["x"]
        assert times.evaluate("el => el.matches(':dir(ltr)')")
    else:
        # Arabic times ("2:00 م") are right-to-left text: the start comes first from the right.
        assert start["x"] > end["x"]
        assert times.evaluate("el => el.matches(':dir(rtl)')")

    # The reader's time is added after the isolated range, not inside it.
    local = page.locator(f"{talk} .seminars-localtime").first
    assert local.evaluate("el => el.parentElement.localName") != "bdi"
    assert local.evaluate("el => el.querySelector('bdi') !== null")

    doi = page.locator(f"{talk} a.seminars-link-doi bdi").first
    assert doi.get_attribute("dir") == "ltr"
    assert doi.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.locator(f"{talk} pre.seminars-bibtex").get_attribute("dir") == "ltr"

    # The next talk is on the left, its arrow pointing there; the label on the right.
    nav_label = box(page, ".seminars-nav-label")
    following = box(page, ".seminars-nav-row a.seminars-nav-next")
    assert following["x"] + following["width"] <= nav_label["x"] + 1
    assert page.locator(".seminars-nav-next").first.inner_text().strip().endswith("←")
    assert opened.problems == []
