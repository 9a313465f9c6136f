"""The talk directive in reST and MyST: stored data, rendering, roles, builders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from conftest import html_tree, seminars_warnings, warnings_of

from sphinxext.seminars.core.model import LinkKind, Person, Status
from sphinxext.seminars.store.domain import get_domain


def stored(app):
    """Every stored talk by id, without what differs between reST and MyST sources."""
    domain = get_domain(app.env)
    return {
        talk.id: dataclasses.replace(talk, lineno=0)
        for talks in domain.talks_by_doc.values()
        for talk in talks
    }


@pytest.fixture(scope="module")
def rst_app(make_app, rootdir, tmp_path_factory):
    app = make_app("html", srcdir=rootdir / "test-basic", builddir=tmp_path_factory.mktemp("rst"))
    app.build()
    return app


@pytest.fixture(scope="module")
def myst_app(make_app, rootdir, tmp_path_factory):
    app = make_app("html", srcdir=rootdir / "test-myst", builddir=tmp_path_factory.mktemp("md"))
    app.build()
    return app


@pytest.fixture(scope="module")
def make_app(app_params, test_params, sphinx_test_tempdir):
    """A module-scoped app factory (Sphinx's own is function-scoped)."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(buildername, srcdir, builddir, **kwargs):
        app = SphinxTestApp(buildername, srcdir=Path(srcdir), builddir=Path(builddir), **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


@pytest.fixture(scope="module")
def app_params():
    return None


@pytest.fixture(scope="module")
def test_params():
    return None


def test_every_option_is_stored(rst_app):
    talks = stored(rst_app)
    belkin = talks["belkin"]
    assert belkin.title == "Neural networks: optimization, transition to linearity"
    assert belkin.speakers == (
        Person("Mikhail Belkin", "UC San Diego"),
        Person("Ada Lovelace", "University of London (UCL)"),
    )
    assert belkin.start == dt.datetime(2022, 4, 4, 16, 0)
    assert belkin.end == dt.datetime(2022, 4, 4, 17, 0)
    assert belkin.timezone == "America/New_York"
    assert belkin.location == "E18-304"
    assert belkin.online == "https://meet.example.org/abc"
    assert belkin.series == "IDSS Distinguished Seminars"
    assert belkin.event == "Learning day"
    assert belkin.tags == ("deep learning", "optimization")
    assert belkin.joint_with == ("Chaoyue Liu", "Libin Zhu", "Adit Radhakrishnan")
    assert belkin.status is Status.POSTPONED
    kinds = {link.kind: link for link in belkin.links}
    assert set(kinds) == set(LinkKind)
    assert kinds[LinkKind.SLIDES].local and kinds[LinkKind.SLIDES].target == "slides.pdf"
    assert kinds[LinkKind.ARXIV].target == "https://arxiv.org/abs/2003.00307"
    assert kinds[LinkKind.DOI].target == "https://doi.org/10.1103/PhysRevX.9.011003"
    assert "\\ell_1" in belkin.abstract
    assert belkin.bio == "Mikhail Belkin received his Ph.D. in 2003."
    assert talks["maly"].duration == dt.timedelta(minutes=90)
    assert talks["full-3"].all_day


def test_myst_stores_the_same_talks(rst_app, myst_app):
    assert stored(myst_app) == stored(rst_app)


def test_ids_follow_document_and_position(rst_app):
    assert set(stored(rst_app)) == {"malatesta-2022", "belkin", "maly", "full-3"}


def test_series_defaults_apply_after_reading(rst_app):
    domain = get_domain(rst_app.env)
    maly = domain.talks["maly"]
    assert maly.location == "Room 508, UniGe DIMA"
    assert maly.start.utcoffset() == dt.timedelta(hours=2)
    assert maly.end - maly.start == dt.timedelta(minutes=90)
    # No end, no duration: the default hour.
    malatesta = domain.talks["malatesta-2022"]
    assert malatesta.end - malatesta.start == dt.timedelta(hours=1)


@pytest.mark.parametrize("app_name", ["rst_app", "myst_app"])
def test_talk_page_html(app_name, request):
    app = request.getfixturevalue(app_name)
    page = html_tree(app, "full")
    articles = page.select("article.seminars-talk")
    assert [a["data-seminars-talk-id"] for a in articles] == ["belkin", "maly", "full-3"]
    belkin = articles[0]
    assert belkin["data-seminars-start"] == "2022-04-04T16:00:00-04:00"
    assert belkin["data-seminars-status"] == "postponed"
    assert belkin.select_one(".seminars-status-postponed") is not None
    times = {t["class"][0]: t["datetime"] for t in belkin.select("time")}
    assert times["seminars-end"] == "2022-04-04T17:00:00-04:00"
    assert belkin.select_one(".seminars-zone").get_text() == "EDT"
    speakers = [a.get_text() for a in belkin.select("dd.seminars-field-speaker .seminars-speaker")]
    assert speakers == ["Mikhail Belkin", "Ada Lovelace"]
    affiliations = [s.get_text() for s in belkin.select(".seminars-affiliation")]
    assert affiliations == ["UC San Diego", "University of London (UCL)"]
    links = {a.get_text(): a["href"] for a in belkin.select(".seminars-links a")}
    assert links["arXiv:2003.00307"] == "https://arxiv.org/abs/2003.00307"
    assert links["(PDF)"] == "https://arxiv.org/pdf/2003.00307"
    assert links["Slides"].startswith("_downloads/") and links["Slides"].endswith("slides.pdf")
    assert Path(app.outdir, links["Slides"]).is_file()
    assert belkin.select_one(".seminars-bio").get_text(" ", strip=True).endswith("in 2003.")
    assert belkin.select_one(".seminars-abstract .math") is not None
    # The bio is not part of the abstract.
    assert "Ph.D." not in belkin.select_one(".seminars-abstract").get_text()
    # Every talk directly in the document is a section with the talk's title,
    # written as an <article> that holds its own heading.
    headings = [
        h.contents[0].strip() for h in page.select("article.seminars-talk > :is(h1, h2)")
    ]
    assert headings[0] == "Neural networks: optimization, transition to linearity"
    assert app.env.titles["full"].astext() == headings[0]


def test_multi_day_talk_shows_a_date_range(rst_app):
    page = html_tree(rst_app, "full")
    day = page.select("article.seminars-talk")[2]
    assert day.select_one("time.seminars-date").get_text() == (
        "Tuesday, March 3, 2015 – Wednesday, March 4, 2015"
    )
    assert day.select_one("time.seminars-start") is None


def test_talk_role_links_across_documents(rst_app):
    page = html_tree(rst_app, "index")
    refs = {
        a.get_text(): a["href"]
        for a in page.select("a.reference.internal")
        if "#talk-" in a["href"]
    }
    assert refs[
        "Phase transitions in the landscape of solutions of overparametrized neural networks"
    ] == ("malatesta.html#talk-malatesta-2022")
    assert refs["the abstract talk"] == "full.html#talk-maly"


def test_talk_pages_need_no_toctree(rst_app):
    messages = [w["message"] for w in warnings_of(rst_app)]
    assert not any("toctree" in m for m in messages), messages
    assert seminars_warnings(rst_app) == []
    assert rst_app.env.metadata["full"]["orphan"] is True
    assert "orphan" not in rst_app.env.metadata["index"]


def test_talks_in_inventory_and_search(rst_app):
    domain = get_domain(rst_app.env)
    objects = {name: (kind, doc, anchor) for name, _, kind, doc, anchor, _ in domain.get_objects()}
    assert objects["belkin"] == ("talk", "full", "talk-belkin")
    inventory = Path(rst_app.outdir, "objects.inv")
    from sphinx.util.inventory import InventoryFile

    with inventory.open("rb") as stream:
        data = InventoryFile.load(stream, "https://example.org", lambda *parts: "/".join(parts))
    entries = {k: v for k, v in data.data.items()} if hasattr(data, "data") else data
    assert "seminars:talk" in entries
    assert "belkin" in entries["seminars:talk"]


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "singlehtml", "dirhtml"])
def test_other_builders(builder, make_app, rootdir, tmp_path):
    app = make_app(builder, srcdir=rootdir / "test-basic", builddir=tmp_path)
    app.build()
    assert warnings_of(app) == []
    if builder == "text":
        text = Path(app.outdir, "full.txt").read_text()
        assert "Mikhail Belkin (UC San Diego)" in text.replace("\n   ", " ")
        # Hidden-until-over notes exist only in HTML.
        assert "This event has passed" in Path(app.outdir, "malatesta.txt").read_text()


def test_talks_in_the_general_index(rst_app):
    page = html_tree(rst_app, "genindex")
    entries = {}
    for group in page.select("table.indextable > tbody > tr > td > ul > li"):
        head = (
            group.contents[0].strip()
            if isinstance(group.contents[0], str)
            else group.contents[0].get_text()
        )
        entries[head] = [a.get_text() for a in group.select("ul li a")]
    assert entries["Mikhail Belkin"] == ["Neural networks: optimization, transition to linearity"]
    assert entries["MaLGa seminars"] == ["The implicit bias of gradient descent"]
    assert "Stochastic analysis day" in entries["Stochastic analysis day"]


def test_series_declared_in_another_document(rst_app):
    domain = get_domain(rst_app.env)
    series = domain.all_series["Probability seminar"]
    assert series.organisers == ("Franco Flandoli", "Marco Romito")
    assert series.hide_online_after and series.docname == "series"
    # The talk names the series; the series gives the online link...
    assert domain.talks["malatesta-2022"].online == "https://meet.example.org/probability"
    # ...which the page hides once the talk is over (it is, at the pinned "now").
    talk = html_tree(rst_app, "malatesta").select_one("article.seminars-talk")
    assert talk["data-seminars-hide-online"] == "1"
    assert talk.select("dd.seminars-field-online") == []
    declared = html_tree(rst_app, "series").select_one("#series-probability-seminar")
    assert declared.select_one("p").get_text().endswith("probability seminar.")
    # The page holding the declaration shows the standing room as written ("join at the
    # link below"); hide-online-after hides it from past talks and the generated pages.
    assert declared.select_one("a[href='https://meet.example.org/probability']") is not None
    generated = html_tree(rst_app, "seminars/series/probability-seminar")
    assert generated.select_one("h1") is not None
    assert generated.select_one("a[href='https://meet.example.org/probability']") is None
    assert declared.select_one("dd.seminars-field-organisers") is not None


def test_parser_messages_stay_out_of_the_stored_abstract(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["sphinxext.seminars"]\n')
    (tmp_path / "index.rst").write_text(
        "I\n=\n\n.. talk:: X\n   :date: 2022-05-25 14:00\n\n   We study :mathh:`x^2` flows.\n\n"
        "   B. A paragraph that looks like a list.\n"
    )
    from conftest import build_site

    app = build_site("html", tmp_path, tmp_path / "_build")
    abstract = get_domain(app.env).talks["index"].abstract
    assert abstract.startswith("We study")
    assert "ERROR" not in abstract and "INFO" not in abstract and str(tmp_path) not in abstract


def test_private_meeting_link_is_not_exported_once_over(rst_app):
    import json

    data = json.loads(Path(rst_app.outdir, "seminars", "talks.json").read_text())
    talk = next(t for t in data["talks"] if t["id"] == "malatesta-2022")
    series = next(s for s in data["series"] if s["name"] == "Probability seminar")
    assert talk["online"] in ("", None) and series["online"] in ("", None)
    atom = Path(rst_app.outdir, "seminars", "talks.atom").read_text()
    assert "meet.example.org/probability" not in atom


def test_an_option_on_bio_warns_and_keeps_the_bio(tmp_path):
    from conftest import build_site, seminars_warnings

    (tmp_path / "conf.py").write_text('extensions = ["sphinxext.seminars"]\n')
    (tmp_path / "index.rst").write_text(
        "I\n=\n\n.. talk:: X\n   :date: 2022-05-25 14:00\n\n   .. bio::\n      :name: Ada\n\n"
        "      Ada studies engines.\n"
    )
    app = build_site("html", tmp_path, tmp_path / "_build")
    assert seminars_warnings(app) == [("bad-option-value", "index.rst:8")]
    assert get_domain(app.env).talks["index"].bio == "Ada studies engines."
