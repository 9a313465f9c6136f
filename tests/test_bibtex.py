"""Alongside sphinxcontrib-bibtex: citations inside an abstract resolve."""

from __future__ import annotations

import pytest
from conftest import html_tree, warnings_of

pytest.importorskip("sphinxcontrib.bibtex")


@pytest.mark.sphinx("html", testroot="bibtex")
def test_citation_in_an_abstract_links_to_the_bibliography(app):
    app.build()
    assert warnings_of(app) == []
    abstract = html_tree(app, "talk").select_one(".seminars-abstract")
    citation = abstract.select_one("a.reference.internal")
    assert citation["href"].startswith("references.html#")
    assert abstract.select_one(".bibtex-citation").get_text().startswith("Liu et al.")
    entry_id = citation["href"].split("#", 1)[1]
    assert html_tree(app, "references").find(id=entry_id) is not None
