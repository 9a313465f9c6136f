"""The site's language: labels from the extension's catalog, dates from babel."""

from __future__ import annotations

import pytest
from conftest import html_tree


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"language": "it"})
def test_italian_site(app):
    app.build()
    talk = html_tree(app, "malatesta").select_one("article.seminars-talk")
    labels = [dt.get_text(strip=True).rstrip(":") for dt in talk.select("dl.seminars-meta > dt")]
    assert labels[:3] == ["Relatore", "Quando", "Dove"]
    assert talk.select_one("time.seminars-date").get_text() == "mercoledì 25 maggio 2022"
    assert talk.select_one("time.seminars-start").get_text() == "14:00"
    assert talk.select_one(".seminars-passed").get_text() == "Questo evento è passato."
    page = html_tree(app, "malatesta")
    meta = page.select_one('meta[name="seminars-your-time"]')
    assert meta["content"] == "ora locale"


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"language": "de"})
def test_language_without_catalog_falls_back_to_english_labels(app):
    app.build()
    talk = html_tree(app, "malatesta").select_one("article.seminars-talk")
    assert talk.select_one("dl.seminars-meta > dt").get_text(strip=True).rstrip(":") == "Speaker"
    # ...while babel still gives the date in the site's language.
    assert talk.select_one("time.seminars-date").get_text() == "Mittwoch, 25. Mai 2022"
