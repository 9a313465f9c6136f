"""Bad input: a warning with file, line and subtype each; the rest of the site builds."""

from __future__ import annotations

import json

import pytest
from conftest import html_tree, seminars_warnings, warnings_of

from sphinxext.seminars.core.subtypes import Subtype
from sphinxext.seminars.store.domain import get_domain

EXPECTED = [
    ("misplaced", "index.rst:6"),
    ("missing-date", "talks.rst:8"),
    ("bad-date", "talks.rst:12"),
    ("missing-title", "talks.rst:14"),
    ("bad-timezone", "talks.rst:19"),
    ("end-before-start", "talks.rst:23"),
    ("bad-option-value", "talks.rst:27"),
    ("unsafe-link", "talks.rst:31"),
    ("bad-option-value", "talks.rst:39"),
    ("bad-duration", "talks.rst:43"),
    ("bad-speaker", "talks.rst:47"),
    ("bad-arxiv", "talks.rst:51"),
    ("bad-date", "more.md:4"),
    ("unsafe-link", "more.md:9"),
    # After reading: cross-document checks, then references.
    ("duplicate-id", "talks.rst:33"),
    ("unknown-talk", "index.rst:4"),
]


@pytest.mark.sphinx("html", testroot="warnings")
def test_each_problem_warns_once_with_file_line_and_subtype(app):
    app.build()
    assert sorted(seminars_warnings(app)) == sorted(EXPECTED)
    assert {s for s, _ in EXPECTED} <= {s.value for s in Subtype}
    # No traceback, no docutils error for a typo in an option.
    assert [w for w in warnings_of(app) if not w["type"].startswith("seminars.")] == []


@pytest.mark.sphinx("html", testroot="warnings")
def test_valid_talks_survive_bad_neighbours(app):
    app.build()
    domain = get_domain(app.env)
    titles = {talk.title for talk in domain.talks.values()}
    # Every talk with a usable date is stored, whatever else was wrong with it.
    assert {
        "A good talk",
        "Unknown zone",
        "End before start",
        "Unknown status",
        "Unsafe link",
        "Typo in an option",
        "Bad duration",
        "Bad speaker",
        "Bad arXiv",
        "TBA",
        "Bad link in MyST",
    } <= titles
    assert domain.talks["good"].title == "A good talk"  # the first of a duplicate id wins
    page = html_tree(app, "talks")
    ids = [a["data-seminars-talk-id"] for a in page.select("article.seminars-talk")]
    assert "good" in ids and len(ids) == 14
    # The body of a talk without a date still renders.
    assert page.find(string="Still here.") is not None


@pytest.mark.sphinx("html", testroot="warnings")
def test_markup_in_input_is_text(app):
    app.build()
    page = html_tree(app, "talks")
    scripts = [s for s in page.find_all("script") if s.string and "alert" in s.string]
    # Only JSON data may mention it, and it must parse as JSON.
    assert all(s.get("type") == "application/ld+json" for s in scripts)
    for script in scripts:
        json.loads(script.string)
    assert page.find("img") is None and page.find("b") is None
    assert page.find(attrs={"onmouseover": True}) is None
    assert [h for h in page.select("h1") if h.get_text().startswith("<script>alert(1)</script>")]
    hrefs = [a.get("href", "") for a in page.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    md = html_tree(app, "more")
    assert md.select("dd.seminars-field-online") == []


@pytest.mark.sphinx(
    "html", testroot="warnings", confoverrides={"suppress_warnings": ["seminars.bad-date"]}
)
def test_suppress_warnings_silences_exactly_one_subtype(app):
    app.build()
    found = seminars_warnings(app)
    assert not [w for w in found if w[0] == "bad-date"]
    assert sorted(found) == sorted(w for w in EXPECTED if w[0] != "bad-date")
