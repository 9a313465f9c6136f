"""Papers taken from the entries of a BibTeX file (``seminars_bibfiles``)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOTS, build_site, html_tree, seminars_warnings

from sphinxext.seminars.core.bibfiles import plain
from sphinxext.seminars.store.domain import get_domain


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    src = tmp_path_factory.mktemp("bibfiles") / "src"
    shutil.copytree(ROOTS / "test-bibfiles", src)
    return build_site("html", src, src / "_build")


def test_entries_fill_the_paper(app):
    talk = get_domain(app.env).talks["index"]
    first, second, missing = talk.papers
    assert first.title.startswith("Who is Afraid of Big Bad Minima?")
    assert first.authors == ("Stefano Sarao Mannelli", "Giulio Biroli", "Lenka Zdeborová")
    assert (first.venue, first.year) == ("NeurIPS", "2019")
    assert [link.target for link in first.links] == ["https://arxiv.org/abs/1907.08226"]
    assert first.abstract.startswith("Gradient-based algorithms")
    # Options and the title argument win over the entry.
    assert (second.title, second.year) == ("A title of our own", "2020")
    assert [link.target for link in second.links] == ["https://doi.org/10.1088/1742-5468/ab43d2"]
    assert missing.title == "Untitled paper"


def test_an_unknown_key_warns_at_its_line(app):
    assert sorted(seminars_warnings(app)) == [
        ("bad-option-value", "index.rst:18"),
        ("missing-title", "index.rst:17"),
    ]


def test_the_page_shows_the_papers(app):
    titles = [
        t.get_text(strip=True) for t in html_tree(app, "index").select(".seminars-paper-title")
    ]
    assert titles[:2] == [
        "Who is Afraid of Big Bad Minima? Analysis of gradient-flow in spiked matrix-tensor models",
        "A title of our own",
    ]


def test_editing_the_file_re_reads_the_talk(app):
    src = app.srcdir
    bib = src / "papers.bib"
    bib.write_text(bib.read_text().replace("{2019}", "{2021}"))
    again = build_site("html", src, src / "_build")
    assert get_domain(again.env).talks["index"].papers[0].year == "2021"


def test_latex_text_becomes_plain_text():
    assert plain(r"Zdeborov{\'a} and {Big} \& co") == "Zdeborová and Big & co"
