"""The nested ``paper`` directive: stored on the talk, rendered where it stands, warnings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import seminars_warnings
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.model import Link, LinkKind, Paper
from sphinxext.seminars.ext.papers import paper_abstract, paper_nodes
from sphinxext.seminars.store.domain import get_domain

ROOT = Path(__file__).parent / "roots" / "test-exports"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    src = tmp_path_factory.mktemp("papers") / "src"
    shutil.copytree(ROOT, src)
    built = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    built.build()
    yield built
    built.cleanup()


def papers_of(app: SphinxTestApp, docname: str) -> list[Tag]:
    html = Path(app.outdir, f"{docname}.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html5lib")
    return soup.select("div.seminars-paper")


def describe(paper: Tag) -> dict[str, object]:
    """What a reader sees of a rendered paper."""

    def text(css: str) -> str | None:
        found = paper.select_one(css)
        return found.get_text(" ", strip=True) if found else None

    abstract = paper.find("details", class_="seminars-paper-abstract")
    return {
        "title": text(".seminars-paper-title strong"),
        "authors": text(".seminars-paper-authors"),
        "venue": text(".seminars-paper-venue"),
        "links": [(a.get_text(), a["href"]) for a in paper.select(".seminars-paper-links a")],
        "abstract": abstract.find("p").get_text() if abstract else None,
        "summary": abstract.find("summary").get_text() if abstract else None,
    }


def test_papers_render_where_they_stand(app: SphinxTestApp) -> None:
    html = Path(app.outdir, "talks/malatesta.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html5lib")
    (group,) = soup.select("article.seminars-talk div.seminars-papers")
    assert group.find(class_="seminars-papers-title").get_text() == "Papers"
    first, second = (describe(p) for p in group.select("div.seminars-paper"))
    assert first == {
        "title": "Who is Afraid of Big Bad Minima?",
        "authors": "Stefano Sarao Mannelli, Giulio Biroli, Lenka Zdeborová",
        "venue": "NeurIPS, 2019",
        "links": [
            ("arXiv:1907.08226", "https://arxiv.org/abs/1907.08226"),
            ("(PDF)", "https://arxiv.org/pdf/1907.08226"),
            ("DOI 10.48550/arXiv.1907.08226", "https://doi.org/10.48550/arXiv.1907.08226"),
        ],
        "abstract": "Gradient-based algorithms are effective for many machine learning tasks.",
        "summary": "Abstract",
    }
    assert second["links"] == [("Website", "https://example.org/committee")]
    assert second["abstract"] is None  # no body, no empty <details>


def test_myst_paper_renders_like_rest(app: SphinxTestApp) -> None:
    (paper,) = papers_of(app, "talks/myst")
    seen = describe(paper)
    assert seen["title"] == "The spiked matrix model with generative priors"
    assert seen["venue"] == "NeurIPS, 2019"
    assert seen["links"][0] == ("arXiv:1905.12385", "https://arxiv.org/abs/1905.12385")
    assert seen["abstract"] == (
        "Using a low-dimensional parametrization of signals is a generic and powerful way."
    )


def test_papers_are_stored_on_the_talk(app: SphinxTestApp) -> None:
    talks = get_domain(app.env).talks
    malatesta = talks["talks/malatesta"]
    assert malatesta.papers[0] == Paper(
        title="Who is Afraid of Big Bad Minima?",
        authors=("Stefano Sarao Mannelli", "Giulio Biroli", "Lenka Zdeborová"),
        year="2019",
        venue="NeurIPS",
        links=(
            Link(LinkKind.ARXIV, "https://arxiv.org/abs/1907.08226", ident="1907.08226"),
            Link(
                LinkKind.DOI,
                "https://doi.org/10.48550/arXiv.1907.08226",
                ident="10.48550/arXiv.1907.08226",
            ),
        ),
        abstract="Gradient-based algorithms are effective for many machine learning tasks.",
    )
    assert [p.title for p in talks["talks/myst"].papers] == [
        "The spiked matrix model with generative priors"
    ]
    # Bad links are left out; the paper itself is kept.
    assert [(p.title, p.links) for p in talks["talks/badpapers"].papers] == [
        ("A paper with a bad arXiv id", ()),
        ("A paper with a bad DOI", ()),
    ]


def test_papers_stay_out_of_the_talks_abstract(app: SphinxTestApp) -> None:
    talk = get_domain(app.env).talks["talks/malatesta"]
    paragraphs = [p for p in talk.abstract.split("\n\n") if p.strip()]
    assert paragraphs == ["An abstract with math x^2."]


def test_bad_paper_input_warns_with_file_and_line(app: SphinxTestApp) -> None:
    assert seminars_warnings(app) == [
        ("bad-arxiv", "badpapers.rst:9"),
        ("bad-doi", "badpapers.rst:12"),
        ("misplaced", "badpapers.rst:14"),
    ]
    # The misplaced paper still renders, outside the talk.
    html = Path(app.outdir, "talks/badpapers.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html5lib")
    inside = soup.select("article.seminars-talk div.seminars-paper")
    everywhere = soup.select("div.seminars-paper")
    assert [describe(p)["title"] for p in inside] == [
        "A paper with a bad arXiv id",
        "A paper with a bad DOI",
    ]
    assert [describe(p)["title"] for p in everywhere][-1] == "A paper outside any talk"


def test_paper_nodes_from_the_model_for_other_pages() -> None:
    """Speaker pages render stored papers: plain abstract, http(s) links only."""
    item = Paper(
        title="<b>Title</b>",
        authors=("A", "B"),
        year="2020",
        links=(
            Link(LinkKind.URL, "https://example.org/x"),
            Link(LinkKind.PDF, "mailto:someone@example.org"),
        ),
        abstract="First.\n\nSecond.",
    )
    node = paper_nodes(item)
    assert node["classes"] == ["seminars-paper"]
    refs = list(node.findall(nodes.reference))
    assert [r["refuri"] for r in refs] == ["https://example.org/x"]
    (abstract,) = node.findall(paper_abstract)
    assert [p.astext() for p in abstract.children] == ["First.", "Second."]
    title = next(iter(node.findall(nodes.strong)))
    assert isinstance(title.children[0], nodes.Text)
    assert title.astext() == "<b>Title</b>"


def test_speaker_page_lists_the_papers_behind_their_talks(app: SphinxTestApp) -> None:
    page = Path(app.outdir, "seminars", "speakers", "martina-hofmanova.html")
    soup = BeautifulSoup(page.read_text("utf-8"), "html5lib")
    section = soup.select_one("section#seminars-papers")
    assert section is not None
    titles = [t.get_text(strip=True) for t in section.select(".seminars-paper-title")]
    assert titles == ["Who is Afraid of Big Bad Minima?", "The committee machine"]


def test_comma_listed_authors_are_several_and_the_reading_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "conf.py", src / "conf.py")
    (src / "index.rst").write_text(
        "Talks\n=====\n\n"
        ".. talk:: Kernels\n"
        "   :speaker: Mikhail Belkin\n"
        "   :date: 2022-05-25 14:00\n\n"
        "   .. paper:: Transition to linearity\n"
        "      :year: 2020\n"
        "      :authors: Chaoyue Liu, Libin Zhu, and Mikhail Belkin\n",
        encoding="utf-8",
    )
    built = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        built.build()
        (talk,) = get_domain(built.env).talks.values()
        assert talk.papers[0].authors == ("Chaoyue Liu", "Libin Zhu", "Mikhail Belkin")
        assert seminars_warnings(built) == [("people-list", "index.rst:10")]
    finally:
        built.cleanup()
