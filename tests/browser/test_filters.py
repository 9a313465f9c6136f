"""The filter bar and the month view in a real browser, on ``roots/test-filters`` as built.

``all.html``: a listing grouped by year with a filter bar over four talks: a
(Zdeborová, Probability Seminar, probability + statistical physics, 2030), b
(Lovelace, Analysis Seminar, probability + geometry, 2030), c (Noether,
Probability Seminar, statistics, 2029) and a hostile one (2030) whose title,
speaker and tag are markup. ``month.html``: the same talks as a month view with
a filter bar. Every page has the next-talks and topics widgets in its sidebar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "roots" / "test-filters"
HOSTILE_SPEAKER = "<b onmouseover=alert(1)>Mallory</b>"
HOSTILE_TAG = "<svg onload=window.PWNED=2>"
TALKS = ["talks/a", "talks/b", "talks/c", "talks/hostile"]


@pytest.fixture(scope="module")
def site(browser, tmp_path_factory, site_builder, http_server):
    outdir = site_builder(ROOT, tmp_path_factory.mktemp("filters"), html_theme="alabaster")
    with http_server(outdir) as server:
        yield server


def shown(opened, page: str = "all") -> list[str]:
    """Ids of the talks a reader sees, in page order."""
    ids = opened.page.eval_on_selector_all(
        ".seminars-listing .seminars-item",
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.seminarsTalkId)",
    )
    return sorted(ids)


def status(opened) -> str:
    return opened.page.locator(".seminars-filter-status").inner_text()


def query(opened) -> str:
    return opened.page.evaluate("location.search")


def test_the_bar_starts_with_everything(site, open_page):
    opened = open_page(site.url + "all.html")
    assert shown(opened) == TALKS
    bar = opened.page.locator("form.seminars-filters")
    assert bar.get_attribute("role") == "search"
    assert bar.get_attribute("aria-label") == "Filter talks"
    labels = [t.strip() for t in bar.locator("label").all_inner_texts()]
    assert [label.split("\n")[0].strip() for label in labels] == [
        "Series",
        "Topic",
        "Speaker",
        "Year",
        "Search",
    ]  # no "Kind" menu: no talk has a kind
    live = opened.page.locator(".seminars-filter-status")
    assert live.get_attribute("aria-live") == "polite"
    assert live.get_attribute("role") == "status"
    assert status(opened) == "Talks shown: 4 of 4"
    assert opened.problems == []


def test_filter_by_facet_narrows_at_once_and_announces(site, open_page):
    opened = open_page(site.url + "all.html")
    opened.page.select_option("select[name=topic]", "probability")
    assert shown(opened) == ["talks/a", "talks/b"]
    assert status(opened) == "Talks shown: 2 of 4"
    assert query(opened) == "?topic=probability"
    opened.page.select_option("select[name=series]", "Probability Seminar")
    assert shown(opened) == ["talks/a"]
    assert status(opened) == "Talks shown: 1 of 4"
    # The 2029 group goes with its last talk.
    assert not opened.page.locator(".seminars-group-year", has_text="2029").is_visible()
    opened.page.select_option("select[name=year]", "2029")
    assert shown(opened) == []
    assert status(opened) == "Talks shown: 0 of 4"
    assert opened.page.locator(".seminars-listing > .seminars-empty").is_visible()
    opened.page.get_by_role("button", name="Clear filters").click()
    assert shown(opened) == TALKS
    assert query(opened) == ""
    assert not opened.page.locator(".seminars-listing > .seminars-empty").is_visible()
    assert opened.problems == []


def test_free_text_over_title_speaker_and_teaser(site, open_page):
    opened = open_page(site.url + "all.html")
    search = opened.page.locator("input[name=q]")
    search.fill("zdeborova")  # without the accent
    assert shown(opened) == ["talks/a"]
    search.fill("Heat kernels")  # the abstract's teaser
    assert shown(opened) == ["talks/b"]
    search.fill("noether sensing")  # every word, anywhere
    assert shown(opened) == ["talks/c"]
    assert query(opened) == "?q=noether+sensing"
    search.fill("nothing like this")
    assert shown(opened) == []
    assert status(opened) == "Talks shown: 0 of 4"
    assert opened.problems == []


def test_state_in_the_address_round_trips(site, open_page):
    opened = open_page(site.url + "all.html?series=Probability+Seminar&year=2029&other=kept")
    assert shown(opened) == ["talks/c"]
    assert opened.page.locator("select[name=series]").input_value() == "Probability Seminar"
    assert opened.page.locator("select[name=year]").input_value() == "2029"
    assert status(opened) == "Talks shown: 1 of 4"
    opened.page.select_option("select[name=year]", "")
    assert shown(opened) == ["talks/a", "talks/c"]
    assert query(opened) == "?series=Probability+Seminar&other=kept"
    opened.page.select_option("select[name=speaker]", "Lenka Zdeborová")
    assert shown(opened) == ["talks/a"]
    # Back, back: each earlier choice, controls and listing alike.
    opened.page.go_back()
    assert shown(opened) == ["talks/a", "talks/c"]
    assert opened.page.locator("select[name=speaker]").input_value() == ""
    opened.page.go_back()
    assert shown(opened) == ["talks/c"]
    assert opened.page.locator("select[name=year]").input_value() == "2029"
    opened.page.go_forward()
    assert shown(opened) == ["talks/a", "talks/c"]
    # A shared link reproduces the view in a new page.
    again = open_page(site.url + "all.html" + query(opened))
    assert shown(again) == ["talks/a", "talks/c"]
    assert opened.problems == again.problems == []


def test_a_topic_from_the_sidebar_opens_its_topic_page(site, open_page):
    opened = open_page(site.url + "talks/c.html")
    opened.page.locator("nav.seminars-topics a", has_text="geometry").click()
    opened.page.wait_for_url("**/seminars/topics/geometry.html")
    assert opened.page.locator("h1").inner_text().startswith("geometry")
    assert opened.problems == []


def test_a_topic_query_opens_the_filtered_listing(site, open_page):
    opened = open_page(site.url + "all.html?topic=geometry")
    assert shown(opened) == ["talks/b"]
    assert opened.page.locator("select[name=topic]").input_value() == "geometry"
    assert opened.problems == []


def test_without_javascript_the_whole_listing_and_no_controls(site, open_page):
    opened = open_page(site.url + "all.html?topic=geometry", javascript=False)
    assert shown(opened) == TALKS
    assert opened.page.locator("form, select, input, button").count() == 0
    assert opened.page.locator(".seminars-filter-status").count() == 0
    month = open_page(site.url + "month.html", javascript=False)
    assert month.page.locator("table.seminars-calendar").count() == 3
    assert month.page.locator("form").count() == 0


def test_hostile_data_stays_text(site, open_page):
    opened = open_page(site.url + "all.html")
    speakers = opened.page.locator("select[name=speaker] option").all_inner_texts()
    assert HOSTILE_SPEAKER in speakers
    assert HOSTILE_TAG in opened.page.locator("select[name=topic] option").all_inner_texts()
    opened.page.select_option("select[name=topic]", HOSTILE_TAG)
    assert shown(opened) == ["talks/hostile"]
    opened.page.locator("input[name=q]").fill("mallory")
    assert shown(opened) == ["talks/hostile"]
    # Nothing the talks wrote became an element or ran.
    assert opened.page.locator(".seminars-listing img, .seminars-listing svg, form b").count() == 0
    assert opened.page.evaluate("window.PWNED") is None
    # A hostile value in the address is a value too.
    hostile = open_page(site.url + "all.html?topic=%3Cimg+src%3Dx+onerror%3Dwindow.PWNED%3D4%3E")
    assert shown(hostile) == []
    assert hostile.page.locator("form img").count() == 0
    assert hostile.page.evaluate("window.PWNED") is None
    assert opened.problems == hostile.problems == []


def test_filters_in_the_month_view(site, open_page):
    opened = open_page(site.url + "month.html")
    opened.page.select_option("select[name=series]", "Analysis Seminar")
    assert shown(opened) == ["talks/b"]
    # Months with nothing left to show go.
    visible = opened.page.eval_on_selector_all(
        "table.seminars-calendar",
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.seminarsMonth)",
    )
    assert visible == ["2030-05"]
    assert opened.problems == []


def test_month_view_marks_the_readers_month_and_day(site, open_page):
    now = dt.datetime(2030, 5, 25, 12, 0, tzinfo=dt.UTC)
    opened = open_page(site.url + "month.html", now=now)
    this_month = opened.page.locator("table.seminars-this-month")
    assert this_month.count() == 1
    assert this_month.get_attribute("data-seminars-month") == "2030-05"
    today = opened.page.locator("td[aria-current=date]")
    assert today.count() == 1
    assert today.get_attribute("data-seminars-date") == "2030-05-25"
    assert "seminars-today" in today.get_attribute("class")
    later = open_page(site.url + "month.html", now=dt.datetime(2031, 1, 2, tzinfo=dt.UTC))
    assert later.page.locator("td[aria-current], table.seminars-this-month").count() == 0
    assert opened.problems == later.problems == []


@pytest.fixture(scope="module")
def axe_script():
    from validators import axe_js, axe_missing

    reason = axe_missing()
    if reason:
        pytest.skip(reason)
    return axe_js()


AXE = r"""
async () => {
  const result = await axe.run(
    { include: [[".seminars-listing"], [".seminars-sidebar"]] },
    { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"] },
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}
"""


@pytest.mark.parametrize("page", ["all.html?topic=probability", "month.html"])
def test_axe_finds_nothing(site, open_page, axe_script, page):
    opened = open_page(site.url + page, now=dt.datetime(2030, 5, 25, 12, 0, tzinfo=dt.UTC))
    opened.page.add_script_tag(path=str(axe_script))
    assert opened.page.evaluate(AXE) == []
    assert opened.problems == []
