"""Generated speaker, series and event pages and the speakers index (root ``test-pages``)."""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, html_tree, seminars_warnings
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-pages"
PREFIX = "seminars"
LENKA = f"{PREFIX}/speakers/lenka-zdeborova"
BELKIN = f"{PREFIX}/speakers/mikhail-belkin"
SOLO = f"{PREFIX}/speakers/ada-solo"
INDEX = f"{PREFIX}/speakers"
COLLOQUIUM = f"{PREFIX}/series/math-colloquium"
PROBABILITY = f"{PREFIX}/series/probability-seminar"
EVENT = f"{PREFIX}/events/stochastic-analysis-day"
ALL_PAGES = {LENKA, BELKIN, SOLO, INDEX, COLLOQUIUM, PROBABILITY, EVENT}


def build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """One build of ``srcdir`` into ``srcdir/_build`` (a new app, as a new sphinx-build run)."""
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=srcdir / "_build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_root(tmp: Path, name: str = "src") -> Path:
    target = tmp / name
    shutil.copytree(ROOT, target)
    return target


def emitted(app: SphinxTestApp) -> set[str]:
    """Page names the extension emitted in this output folder."""
    kept = app.env.domains["seminars"].data["written"][str(app.outdir)]
    return set(kept["pages"])


def outfile(app: SphinxTestApp, pagename: str) -> Path:
    return Path(app.builder.get_outfilename(pagename))


def section(app: SphinxTestApp, pagename: str) -> Any:
    return html_tree(app, pagename).select_one("section.seminars-page")


def texts(elements: Any) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def heading(element: Any) -> str:
    """A heading's own text, without its permalink."""
    return element.find(string=True).strip()


def resolve(pagename_file: Path, href: str) -> tuple[Path, str]:
    """The file and anchor a relative link of a page points to."""
    path, _, anchor = href.partition("#")
    target = Path(os.path.normpath(pagename_file.parent / path)) if path else pagename_file
    if target.is_dir():
        target = target / "index.html"
    return target, anchor


def assert_link_resolves(page: Path, href: str) -> BeautifulSoup:
    target, anchor = resolve(page, href)
    assert target.is_file(), href
    tree = BeautifulSoup(target.read_text(encoding="utf-8"), "html5lib")
    if anchor:
        assert tree.find(id=anchor) is not None, href
    return tree


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build(copy_root(tmp_path_factory.mktemp("pages")))


# -- paths and content ----------------------------------------------------------


def test_paths(site: SphinxTestApp) -> None:
    out = Path(site.outdir)
    assert emitted(site) == ALL_PAGES
    for name in ALL_PAGES:
        assert (out / f"{name}.html").is_file(), name
    # "Lenka Zdeborova" is an alias: one page for both spellings.
    written = sorted(p.name for p in (out / PREFIX / "speakers").glob("*.html"))
    assert written == [
        "ada-solo.html",
        "lenka-zdeborova.html",
        "martin-hairer.html",
        "mikhail-belkin.html",
    ]


def test_speaker_page(site: SphinxTestApp) -> None:
    page = section(site, LENKA)
    assert page.find("h1").find(string=True).strip() == "Lenka Zdeborová"
    assert texts(page.select(".seminars-speaker-affiliation")) == ["EPFL"]
    assert page.select_one("img.seminars-speaker-photo")["src"] == "https://example.org/lenka.jpg"
    assert page.select_one("a.seminars-homepage")["href"] == "https://spoc.epfl.ch/"
    assert page.select_one("a.seminars-orcid")["href"] == "https://orcid.org/0000-0002-1825-0097"
    talks = page.select(".seminars-page-talk")
    # Newest first, each with the affiliation that talk gives.
    assert texts(t.select_one(".seminars-page-talk-title") for t in talks) == [
        "Phase transitions in inference",
        "Statistical physics of learning",
    ]
    assert texts(t.select_one(".seminars-affiliation") for t in talks) == [
        "Princeton University",
        "EPFL",
    ]
    assert [t.select_one("time.seminars-date")["datetime"][:10] for t in talks] == [
        "2024-09-10",
        "2022-05-25",
    ]
    assert texts(talks[0].select("a.seminars-series")) == ["Probability Seminar"]
    assert texts(talks[0].select("a.seminars-event")) == ["Stochastic analysis day"]
    links = {a["href"] for a in talks[1].select(".seminars-links a")}
    assert links == {
        "https://example.org/slides.pdf",
        "https://arxiv.org/abs/2003.00307",
    }
    file = outfile(site, LENKA)
    for talk in talks:
        for anchor in talk.select("a.reference.internal"):
            assert_link_resolves(file, anchor["href"])


def test_series_page(site: SphinxTestApp) -> None:
    page = section(site, PROBABILITY)
    groups = page.select("section section")
    assert [heading(g.find("h2")) for g in groups] == ["Upcoming talks", "Past talks"]
    # Upcoming ascending (split at the pinned "now"), then past descending.
    assert texts(groups[0].select(".seminars-page-talk-title")) == [
        "Regularity structures",
        "Phase transitions in inference",
    ]
    past = groups[1].select("li:not(.seminars-hidden) .seminars-page-talk-title")
    assert texts(past) == ["A lonely talk"]
    # Both groups are live listings for the page script; the past one holds the
    # upcoming talks hidden, newest first, to reveal once they end.
    upcoming_box, past_box = (g.select_one("div.seminars-listing") for g in groups)
    assert upcoming_box["data-seminars-when"] == "upcoming"
    assert past_box["data-seminars-when"] == "past"
    hidden = past_box.select("li.seminars-item.seminars-hidden .seminars-page-talk-title")
    assert texts(hidden) == ["Phase transitions in inference", "Regularity structures"]
    assert all(li.get("data-seminars-end") for li in past_box.select("li.seminars-item"))
    colloquium = section(site, COLLOQUIUM)
    description = colloquium.select_one(".seminars-series-description")
    assert description.get_text() == "Monthly colloquium <b>for everyone</b>."
    assert description.find("b") is None
    fields = dict(zip(texts(colloquium.select("dt")), texts(colloquium.select("dd")), strict=True))
    assert fields == {
        "Organisers :": "Ada Lovelace, Alan Turing",
        "Usual time :": "Mondays, 16:00",
    }
    assert texts(colloquium.select(".seminars-page-talk-title")) == [
        "Fit without fear <script>alert(1)</script>",
        "Statistical physics of learning",
    ]


def test_event_page(site: SphinxTestApp) -> None:
    page = section(site, EVENT)
    assert texts(page.select(".seminars-page-talk-title")) == [
        "Regularity structures",
        "Phase transitions in inference",
    ]
    times = [t["datetime"] for t in page.select("time.seminars-start")]
    assert times == sorted(times)


def test_speakers_index(site: SphinxTestApp) -> None:
    page = section(site, INDEX)
    letters = page.select("section section")
    assert [heading(s.find("h2")) for s in letters] == ["B", "H", "S", "Z"]
    assert texts(page.select(".seminars-letters a")) == ["B", "H", "S", "Z"]
    names = [texts(s.select("li a")) for s in letters]
    assert names == [["Mikhail Belkin"], ["Martin Hairer"], ["Ada Solo"], ["Lenka Zdeborová"]]
    assert texts(letters[3].select(".seminars-count")) == ["(2 talks)"]
    file = outfile(site, INDEX)
    for anchor in page.select("a.reference.internal"):
        assert_link_resolves(file, anchor["href"])


def test_user_text_is_escaped(site: SphinxTestApp) -> None:
    for name in (BELKIN, COLLOQUIUM):
        tree = html_tree(site, name)
        scripts = tree.select("section.seminars-page script")
        # Only the speaker's JSON-LD, which is data (see test_speaker_profiles.py).
        assert [s["type"] for s in scripts] == (["application/ld+json"] if name == BELKIN else [])
        assert "<script>alert(1)</script>" in texts(tree.select(".seminars-page-talk-title a"))[0]


def test_bad_speaker_data_warns_and_is_not_linked(site: SphinxTestApp) -> None:
    assert ("bad-config", "None:") not in seminars_warnings(site)
    messages = [m for m in site.warning.getvalue().splitlines() if "seminars.bad-config" in m]
    assert len(messages) == 1 and "javascript:alert(1)" in messages[0]
    page = section(site, BELKIN)
    assert page.select("a.seminars-homepage") == []
    # A local photo is copied next to the pages.
    photo = page.select_one("img.seminars-speaker-photo")["src"]
    assert (
        resolve(outfile(site, BELKIN), photo)[0].read_bytes()
        == (ROOT / "photos" / "belkin.png").read_bytes()
    )
    # A local file of the talk links to the copy Sphinx made for the talk page.
    paper = page.select_one("a.seminars-link-pdf")["href"]
    assert (
        resolve(outfile(site, BELKIN), paper)[0].read_bytes()
        == (ROOT / "talks" / "belkin.pdf").read_bytes()
    )


def test_talks_link_to_pages(site: SphinxTestApp) -> None:
    file = outfile(site, "talks/zdeborova-2024")
    article = html_tree(site, "talks/zdeborova-2024").select_one("article.seminars-talk")
    targets = {}
    for css in ("speaker", "series", "event"):
        field = article.select_one(f"dd.seminars-field-{css}")
        href = field.find("a")["href"]
        targets[css] = resolve(file, href)[0]
        assert_link_resolves(file, href)
    out = Path(site.outdir)
    assert targets == {
        "speaker": out / f"{LENKA}.html",
        "series": out / f"{PROBABILITY}.html",
        "event": out / f"{EVENT}.html",
    }
    index = html_tree(site, "index")
    hrefs = {a.get_text(): a["href"] for a in index.select("div.body a.reference.internal")}
    assert hrefs["Lenka Zdeborova"] == f"{LENKA}.html"
    assert hrefs["Math Colloquium"] == f"{COLLOQUIUM}.html"


def test_collision_warns_and_the_site_page_wins(site: SphinxTestApp) -> None:
    assert ("page-collision", "martin-hairer.rst:") in seminars_warnings(site)
    tree = html_tree(site, f"{PREFIX}/speakers/martin-hairer")
    assert tree.find("h1").find(string=True).strip() == "Our own page about Martin Hairer"
    assert tree.select("section.seminars-page") == []


# -- incremental builds ---------------------------------------------------------------

OLD = 1_000_000_000


def age(app: SphinxTestApp) -> None:
    """Give every generated page an old mtime, so a re-render is visible."""
    for name in emitted(app):
        os.utime(outfile(app, name), (OLD, OLD))


def rendered(app: SphinxTestApp) -> set[str]:
    return {name for name in emitted(app) if outfile(app, name).stat().st_mtime != OLD}


def generated_files(app: SphinxTestApp) -> dict[str, bytes]:
    out = Path(app.outdir)
    return {
        outfile(app, name).relative_to(out).as_posix(): outfile(app, name).read_bytes()
        for name in sorted(emitted(app))
    }


def page_files(app: SphinxTestApp) -> set[str]:
    out = Path(app.outdir)
    return {p.relative_to(out).as_posix() for p in (out / PREFIX).rglob("*.html")}


def assert_same_as_fresh(app: SphinxTestApp, srcdir: Path, tmp: Path) -> None:
    clean = tmp / f"clean-{len(list(tmp.iterdir()))}"
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    fresh = build(clean, app.builder.name)
    assert generated_files(app) == generated_files(fresh)
    assert page_files(app) == page_files(fresh)


def test_incremental(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    app = build(srcdir)
    age(app)

    # Nothing changed: nothing rendered, and the templates path is no config change.
    app = build(srcdir)
    assert rendered(app) == set()
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()

    # A new title: the pages that show it, and only those.
    talk = srcdir / "talks" / "belkin.rst"
    talk.write_text(
        talk.read_text().replace("Fit without fear <script>alert(1)</script>", "Double descent")
    )
    app = build(srcdir)
    assert rendered(app) == {BELKIN, COLLOQUIUM}
    assert texts(section(app, BELKIN).select(".seminars-page-talk-title")) == ["Double descent"]
    assert_same_as_fresh(app, srcdir, tmp_path)
    age(app)

    # An abstract is on no generated page: a fix to it renders none of them.
    talk = srcdir / "talks" / "zdeborova-2022.rst"
    talk.write_text(talk.read_text().replace("An abstract.", "A corrected abstract."))
    app = build(srcdir)
    assert rendered(app) == set()
    assert "A corrected abstract." in html_tree(app, "talks/zdeborova-2022").get_text()
    assert_same_as_fresh(app, srcdir, tmp_path)

    # The only talk of a speaker is deleted: the page file goes.
    solo = outfile(app, SOLO)
    (srcdir / "talks" / "solo.rst").unlink()
    app = build(srcdir)
    assert not solo.exists()
    assert rendered(app) == {PROBABILITY, INDEX}
    assert "Ada Solo" not in section(app, INDEX).get_text()
    assert_same_as_fresh(app, srcdir, tmp_path)


def test_a_removed_collision_brings_the_page_back(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    app = build(srcdir)
    hairer = f"{PREFIX}/speakers/martin-hairer"
    assert hairer not in emitted(app)
    (srcdir / "seminars" / "speakers" / "martin-hairer.rst").unlink()
    app = build(srcdir)
    assert hairer in emitted(app)
    assert section(app, hairer).find("h1").find(string=True).strip() == "Martin Hairer"
    assert ("page-collision", "martin-hairer.rst:") not in seminars_warnings(app)
    assert_same_as_fresh(app, srcdir, tmp_path)


def test_theme_change_renders_all_once(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    age(build(srcdir))
    app = build(srcdir, confoverrides={"html_title": "Another title"})
    assert rendered(app) == ALL_PAGES
    assert html_tree(app, LENKA).title.get_text().endswith("Another title")
    age(app)
    app = build(srcdir, confoverrides={"html_title": "Another title"})
    assert rendered(app) == set()


def test_pages_switched_off_are_deleted(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    app = build(srcdir)
    files = [outfile(app, name) for name in ALL_PAGES]
    app = build(srcdir, confoverrides={"seminars_generate_pages": False})
    assert [f for f in files if f.exists()] == []
    # The site's own page under the prefix stays.
    assert outfile(app, f"{PREFIX}/speakers/martin-hairer").is_file()


# -- builders, parallel, themes --------------------------------------------------------


def test_dirhtml(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), "dirhtml")
    out = Path(app.outdir)
    for name in ALL_PAGES:
        assert (out / name / "index.html").is_file(), name
    speaker = out / LENKA / "index.html"
    tree = BeautifulSoup(speaker.read_text(encoding="utf-8"), "html5lib")
    for anchor in tree.select("section.seminars-page a.reference.internal"):
        assert_link_resolves(speaker, anchor["href"])
    talk = out / "talks" / "zdeborova-2024" / "index.html"
    href = BeautifulSoup(talk.read_text(encoding="utf-8"), "html5lib").select_one(
        "dd.seminars-field-speaker a"
    )["href"]
    assert resolve(talk, href)[0] == speaker
    assert ("page-collision", "martin-hairer.rst:") in seminars_warnings(app)


def test_parallel_gives_the_same_pages(site: SphinxTestApp, tmp_path: Path) -> None:
    parallel = build(copy_root(tmp_path), parallel=2)
    assert generated_files(parallel) == generated_files(site)


def test_furo(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), confoverrides={"html_theme": "furo"})
    tree = html_tree(app, LENKA)
    page = tree.select_one("article section.seminars-page")
    assert page is not None
    assert tree.title.get_text().startswith("Lenka Zdeborová")
    assert tree.select_one(".sidebar-drawer") is not None
    titles = texts(page.select(".seminars-page-talk-title"))
    assert titles == ["Phase transitions in inference", "Statistical physics of learning"]


def test_site_template_overrides(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    (srcdir / "_templates" / "seminars").mkdir(parents=True)
    (srcdir / "_templates" / "seminars" / "speaker.html").write_text(
        '{%- extends "page.html" %}\n'
        '{%- block body %}<p id="site-note">{{ seminars_name|e }}</p>{{ super() }}{% endblock %}\n'
    )
    app = build(srcdir, confoverrides={"templates_path": ["_templates"]})
    tree = html_tree(app, LENKA)
    assert tree.select_one("#site-note").get_text() == "Lenka Zdeborová"
    assert tree.select_one("section.seminars-page") is not None
    assert html_tree(app, COLLOQUIUM).select_one("#site-note") is None


@pytest.mark.parametrize("buildername", ["singlehtml", "text", "epub"])
def test_no_pages_for_other_builders(tmp_path: Path, buildername: str) -> None:
    app = build(copy_root(tmp_path), buildername)
    out = Path(app.outdir)
    # Only the site's own page is under the prefix.
    assert not list(out.rglob("lenka-zdeborova*"))
    assert not (out / PREFIX / "series").exists()
    assert [w for w in seminars_warnings(app) if w[0] == "page-collision"] == []
    if buildername == "singlehtml":
        tree = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html5lib")
        body = tree.select_one("div.body")
        assert "Lenka Zdeborova" in body.get_text()
        assert [a["href"] for a in body.find_all("a") if "/speakers/" in a.get("href", "")] == []


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_speaker_data_from_a_file(tmp_path: Path, suffix: str) -> None:
    """``seminars_speakers_file`` adds data; ``seminars_speakers`` wins where both speak."""
    src = tmp_path / "src"
    src.mkdir()
    data = {
        "Ada Lovelace": {"affiliation": "University of London", "orcid": "0000-0002-1825-0097"},
        "Alan Turing": {"affiliation": "From the file"},
    }
    text = (
        json.dumps(data)
        if suffix == ".json"
        else "\n".join(
            f"{name}:\n" + "".join(f"  {k}: '{v}'\n" for k, v in fields.items())
            for name, fields in data.items()
        )
    )
    (src / f"people{suffix}").write_text(text)
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\n'
        f'seminars_speakers_file = "people{suffix}"\n'
        'seminars_speakers = {"Alan Turing": {"affiliation": "From conf.py"}}\n'
    )
    (src / "index.rst").write_text(
        ".. talk:: T\n   :date: 2022-01-01 10:00\n   :speaker: Ada Lovelace; Alan Turing\n"
    )
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""

    def affiliation(slug: str) -> str:
        html = Path(app.outdir, "seminars", "speakers", f"{slug}.html").read_text("utf-8")
        node = BeautifulSoup(html, "html5lib").select_one(".seminars-speaker-affiliation")
        return node.get_text()

    assert affiliation("ada-lovelace") == "University of London"
    assert affiliation("alan-turing") == "From conf.py"


def test_a_bad_speaker_file_warns(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "people.json").write_text("[1, 2")
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nseminars_speakers_file = "people.json"\n'
    )
    (src / "index.rst").write_text(".. talk:: T\n   :date: 2022-01-01 10:00\n   :speaker: Ada\n")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert "[seminars.bad-config]" in app.warning.getvalue()
    assert Path(app.outdir, "seminars", "speakers", "ada.html").is_file()
