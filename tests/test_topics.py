"""Topic pages, the topics index and cloud, tag aliases and vocabulary; talk kind,
language and audience; listing feeds (``:feed:``). Root ``test-topics``."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, html_tree, module_build, seminars_warnings
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.model import ListingQuery, SpeakerKeys, Talk
from sphinxext.seminars.core.options import parse_feed_name, parse_listing
from sphinxext.seminars.core.parsing import (
    InvalidValue,
    build_talk,
    parse_audience,
    parse_kind,
    parse_language,
    read_tags,
)
from sphinxext.seminars.core.subtypes import Subtype
from sphinxext.seminars.core.topics import TagVocabulary, check_vocabulary
from sphinxext.seminars.store.domain import get_domain, topic_page

ROOT = ROOTS / "test-topics"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Q&A <script>alert("x")</script>'


# -- the pure parts ------------------------------------------------------------------


def test_read_tags_warns_about_empty_tags_and_keeps_the_others() -> None:
    assert read_tags("a; b, a") == (("a", "b"), [])
    tags, problems = read_tags("topology, , probability")
    assert tags == ("topology", "probability")
    assert [p.subtype for p in problems] == [Subtype.EMPTY_TAG]
    assert [p.option for p in problems] == ["tags"]
    assert read_tags("")[0] == ()
    assert [p.subtype for p in read_tags("")[1]] == [Subtype.EMPTY_TAG]


def test_vocabulary_folds_aliases_and_case_and_names_the_closest_tag() -> None:
    vocabulary = TagVocabulary({"ML": "machine learning"}, ["probability", "Machine Learning"])
    assert vocabulary.canonical("ml") == "Machine Learning"
    assert vocabulary.canonical("PROBABILITY") == "probability"
    assert vocabulary.canonical("new tag") == "new tag"
    tags, problems = vocabulary.read(["ML", "probabilty", "ml"])
    assert tags == ("Machine Learning", "probabilty")
    assert [p.subtype for p in problems] == [Subtype.UNKNOWN_TAG]
    assert "did you mean 'probability'?" in problems[0].message
    # Without declared tags nothing is unknown.
    assert TagVocabulary({"ML": "machine learning"}).read(["anything"]) == (("anything",), [])
    assert check_vocabulary({"ML": "ml", "P": "Probability"}, ["probability"]) == [
        "seminars_tag_aliases['ML'] names 'ml', which is not in seminars_tags; add it there, "
        "or map the variant to a declared tag"
    ]
    assert check_vocabulary({"ML": 3}, "probability") == [
        'seminars_tag_aliases[\'ML\'] must map a tag to a tag ("ML": "machine learning")',
        'seminars_tags must be a list of tags (["probability", "topology"])',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("en", "en"), ("pt_BR", "pt-BR"), ("ZH-hant-tw", "zh-Hant-TW"), ("es-419", "es-419")],
)
def test_languages_are_bcp47_in_their_usual_case(text: str, expected: str) -> None:
    assert parse_language(text) == expected


@pytest.mark.parametrize("text", ["not a tag!", "e", "en_", "../en", "toolonglanguage"])
def test_a_language_that_is_not_bcp47_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as error:
        parse_language(text)
    assert error.value.subtype == Subtype.BAD_LANGUAGE


def test_kinds_and_audiences() -> None:
    assert parse_kind("Colloquium") == "colloquium"
    assert parse_kind("defense") == "defence"
    assert parse_kind("Journal  Club", ["journal club"]) == "journal club"
    assert parse_kind("anything", None) == "anything"  # the site's kinds are not known
    with pytest.raises(InvalidValue) as error:
        parse_kind("colloquim")
    assert error.value.subtype == Subtype.BAD_OPTION_VALUE
    assert "did you mean 'colloquium'?" in error.value.message
    assert parse_audience(" Graduate ") == "graduate"
    with pytest.raises(InvalidValue):
        parse_audience("everyone")


def test_a_talk_with_bad_values_is_kept_without_them() -> None:
    talk, problems = build_talk(
        "T",
        {"date": "2024-01-01 10:00", "tags": "a,,b", "kind": "party", "language": "??"},
        docname="d",
        lineno=1,
        talk_id="t",
        anchor="t",
    )
    assert talk is not None
    assert (talk.tags, talk.kind, talk.language) == (("a", "b"), "", "")
    assert sorted(p.option or "" for p in problems) == ["kind", "language", "tags"]


@pytest.mark.parametrize("name", ["../escape", "a/b", ".hidden", "", "a..b", "x" * 101, "a b"])
def test_unsafe_feed_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidValue) as error:
        parse_feed_name(name)
    assert error.value.subtype == Subtype.BAD_FEED


def test_feed_names() -> None:
    assert parse_feed_name(" probability-2023 ") == "probability-2023"
    assert parse_feed_name("colloquia.ics") == "colloquia"
    _query, display, problems = parse_listing({"feed": "a/b"})
    assert display.feed == ""
    assert [p.subtype for p in problems] == [Subtype.BAD_FEED]


def _talk(ident: str, **values: object) -> Talk:
    talk, _ = build_talk(
        ident,
        {"date": "2024-01-01 10:00", **{k: str(v) for k, v in values.items()}},
        docname=ident,
        lineno=1,
        talk_id=ident,
        anchor=ident,
    )
    assert talk is not None
    from sphinxext.seminars.core.model import resolve_talk

    return resolve_talk(talk, None, "UTC", __import__("datetime").timedelta(hours=1))


def test_listings_filter_by_kind_language_and_audience() -> None:
    import datetime as dt

    talks = [
        _talk("a", kind="lecture", language="it", audience="general"),
        _talk("b", kind="seminar", language="en-GB"),
        _talk("c"),
    ]
    now, keys = dt.datetime(2025, 1, 1, tzinfo=dt.UTC), SpeakerKeys()

    def ids(options: dict[str, str], language: str = "en") -> list[str]:
        query, _display, problems = parse_listing(options, (), language)
        assert problems == []
        return sorted(t.id for t in query.select(talks, now, keys))

    assert ids({"kind": "lecture, seminar"}) == ["a", "b"]
    assert ids({"audience": "general"}) == ["a"]
    assert ids({"language": "it"}) == ["a"]
    # "en" takes en-GB, and the talks that give no language on an English site.
    assert ids({"language": "en"}) == ["b", "c"]
    assert ids({"language": "en"}, language="it") == ["b"]
    assert ids({"language": "en-GB"}) == ["b"]
    assert ListingQuery().kinds == ()


# -- a build -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield from module_build(ROOT, tmp_path_factory, "topics")


def calendar(app: SphinxTestApp, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(Path(app.outdir, path).read_bytes())


def uids(cal: icalendar.Calendar) -> list[str]:
    return [str(event["UID"]) for event in cal.walk("VEVENT")]


def atom(app: SphinxTestApp, path: str) -> ET.Element:
    return ET.parse(Path(app.outdir, path)).getroot()


def test_bad_input_warns_at_its_line_and_keeps_the_talk(app: SphinxTestApp) -> None:
    assert sorted(seminars_warnings(app)) == sorted(
        [
            ("bad-feed", "index.rst:35"),
            ("bad-option-value", "index.rst:38"),
            ("bad-option-value", "index.rst:39"),
            ("duplicate-feed", "index.rst:32"),
            ("unknown-tag", "c.rst:7"),
            ("empty-tag", "d.rst:7"),
            ("bad-option-value", "d.rst:8"),
            ("bad-language", "d.rst:9"),
            ("bad-option-value", "d.rst:10"),
        ]
    )
    talks = get_domain(app.env).talks
    assert talks["talks/d"].tags == ("topology", "probability")
    assert (talks["talks/d"].kind, talks["talks/d"].language, talks["talks/d"].audience) == (
        "",
        "",
        "",
    )
    # An unknown tag is kept; an alias and another case become the declared tag.
    assert talks["talks/c"].tags == (HOSTILE, "probabilty")
    assert talks["talks/a"].tags == ("probability", "machine learning")
    assert talks["talks/b"].tags == ("probability", "topology")


def test_kind_language_and_audience_from_rest_myst_and_front_matter(app: SphinxTestApp) -> None:
    talks = get_domain(app.env).talks
    values = {i: (t.kind, t.language, t.audience) for i, t in talks.items()}
    assert values["talks/a"] == ("colloquium", "it", "general")
    assert values["talks/c"] == ("journal club", "", "")
    assert values["talks/e"] == ("workshop", "pt-BR", "specialist")
    assert values["talks/f"] == ("mini-course", "fr", "")
    # Front matter: an alias and its canonical tag are one tag.
    assert talks["talks/e"].tags == ("machine learning",)


def test_the_one_function_that_names_a_topic_page(app: SphinxTestApp) -> None:
    domain = get_domain(app.env)
    assert topic_page(domain, "probability") == "seminars/topics/probability"
    # Aliases and another case lead to the same page; a tag no talk has to none.
    assert topic_page(domain, "Stochastics") == "seminars/topics/probability"
    assert topic_page(domain, "ML") == "seminars/topics/machine-learning"
    assert topic_page(domain, "knitting") is None


def test_topic_page_lists_its_talks_upcoming_first_with_count_and_feeds(
    app: SphinxTestApp,
) -> None:
    page = html_tree(app, "seminars/topics/probability").select_one("section.seminars-page")
    assert page.h1.get_text(strip=True).rstrip("¶") == "probability"
    assert page.select_one(".seminars-topic-count").get_text(strip=True) == "3 talks"
    groups = page.select("section > section")
    headings = [g.h2.get_text(strip=True).rstrip("¶") for g in groups]
    assert headings == ["Upcoming talks", "Past talks"]

    def visible(group: BeautifulSoup) -> list[str]:
        return [
            li.select_one(".seminars-page-talk-title a").get_text(strip=True)
            for li in group.select("li")
            if "seminars-hidden" not in li.get("class", [])
        ]

    assert visible(groups[0]) == ["Random walks in random environments"]
    assert visible(groups[1]) == ["Knots and probability", "Bad values"]
    links = {a["class"][0]: a["href"] for a in page.select(".seminars-feed-links a")}
    assert links == {
        "seminars-feed-download": "probability.ics",
        "seminars-feed-subscribe": "webcal://example.org/archive/seminars/topics/probability.ics",
        "seminars-feed-atom": "probability.atom",
    }


def test_topics_index_is_alphabetical_with_counts(app: SphinxTestApp) -> None:
    page = html_tree(app, "seminars/topics").select_one("section.seminars-page")
    entries = [
        (a.get_text(strip=True), a["href"], a.find_next("span").get_text(strip=True))
        for a in page.select(".seminars-topics-index a")
    ]
    assert entries == [
        ("machine learning", "topics/machine-learning.html", "(2 talks)"),
        ("probability", "topics/probability.html", "(3 talks)"),
        ("probabilty", "topics/probabilty.html", "(1 talk)"),
        (HOSTILE, "topics/q-a-script-alert-x-script.html", "(1 talk)"),
        ("topology", "topics/topology.html", "(3 talks)"),
    ]
    # The hostile tag is text: no script element anywhere in the page.
    assert not html_tree(app, "seminars/topics").select("div.body script")


def test_topics_cloud_shares_the_speakers_cloud_options(app: SphinxTestApp) -> None:
    clouds = html_tree(app, "index").select("ul.seminars-cloud-topics")
    assert len(clouds) == 2

    def entries(cloud: BeautifulSoup) -> list[tuple[str, str]]:
        return [(a.get_text(" ", strip=True), a["href"]) for a in cloud.select("a")]

    whole = entries(clouds[0])
    assert whole[0] == ("machine learning (2 talks)", "seminars/topics/machine-learning.html")
    assert len(whole) == 5
    # :series: Analysis and :since: 2024: only talk a.
    assert [text for text, _href in entries(clouds[1])] == [
        "machine learning (1 talk)",
        "probability (1 talk)",
    ]


def test_tags_link_to_their_topic_pages(app: SphinxTestApp) -> None:
    talk = html_tree(app, "talks/a")
    tags = talk.select(".seminars-field-tags a")
    assert [(a.get_text(strip=True), a["href"]) for a in tags] == [
        ("probability", "../seminars/topics/probability.html"),
        ("machine learning", "../seminars/topics/machine-learning.html"),
    ]
    listing = html_tree(app, "index").select(".seminars-listing")[1]
    assert [a["href"] for a in listing.select("a.reference") if "topics" in a["href"]] == [
        "seminars/topics/probability.html",
        "seminars/topics/machine-learning.html",
    ]


def test_talk_pages_show_kind_audience_and_a_language_unlike_the_site(
    app: SphinxTestApp,
) -> None:
    def fields(docname: str) -> dict[str, str]:
        found = html_tree(app, docname).select(".seminars-meta .field-odd, .seminars-meta dt")
        return {
            dt.get_text(strip=True).rstrip(":"): dt.find_next("dd").get_text(strip=True)
            for dt in found
            if dt.name == "dt"
        }

    a = fields("talks/a")
    assert (a["Kind"], a["Language"], a["Audience"]) == (
        "Colloquium",
        "Italian",
        "General audience",
    )
    b = fields("talks/b")
    # en-GB on an English site: no language line.
    assert "Language" not in b
    assert b["Kind"] == "Lecture"
    data = json.loads(
        html_tree(app, "talks/a").select_one("script[type='application/ld+json']").string
    )
    assert data["inLanguage"] == "it"


def test_calendars_of_topics_speakers_and_listings_share_the_site_uids(
    app: SphinxTestApp,
) -> None:
    site = set(uids(calendar(app, "seminars/talks.ics")))
    topic = calendar(app, "seminars/topics/probability.ics")
    assert uids(topic) == [
        "talks/d@example.org/archive",
        "talks/b@example.org/archive",
        "talks/a@example.org/archive",
    ]
    assert set(uids(topic)) <= site
    # The listing's feed: its filters, not its :limit: 1.
    assert uids(calendar(app, "seminars/feeds/probability.ics")) == uids(topic)
    assert uids(calendar(app, "seminars/feeds/colloquia-it.ics")) == [
        "talks/a@example.org/archive"
    ]
    assert uids(calendar(app, "seminars/speakers/ada-lovelace.ics")) == [
        "talks/a@example.org/archive"
    ]
    event = next(iter(calendar(app, "seminars/talks.ics").walk("VEVENT")))
    by_uid = {str(e["UID"]): e for e in calendar(app, "seminars/talks.ics").walk("VEVENT")}
    assert by_uid["talks/a@example.org/archive"]["SUMMARY"].params["LANGUAGE"] == "it"
    assert "LANGUAGE" not in by_uid["talks/c@example.org/archive"]["SUMMARY"].params
    assert event is not None


def test_hostile_tags_stay_text_in_every_feed(app: SphinxTestApp) -> None:
    hostile = calendar(app, "seminars/topics/q-a-script-alert-x-script.ics")
    (event,) = hostile.walk("VEVENT")
    assert HOSTILE in [str(c) for c in event["CATEGORIES"].cats]
    feed = atom(app, "seminars/topics/q-a-script-alert-x-script.atom")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert HOSTILE in [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert not feed.findall(f".//{ATOM}script") and not feed.findall(".//script")
    records = json.loads(Path(app.outdir, "seminars/talks.json").read_text("utf-8"))
    assert HOSTILE in next(t for t in records["talks"] if t["id"] == "talks/c")["tags"]
    # In the talk page's JSON-LD: text in one script element, which the tag cannot close.
    page = html_tree(app, "talks/c")
    (script,) = page.select("script[type='application/ld+json']")
    assert HOSTILE in json.loads(script.string)["keywords"]
    tags = page.select(".seminars-field-tags a")
    assert [a.get_text() for a in tags] == [HOSTILE, "probabilty"]


def test_listing_feed_links_and_atom(app: SphinxTestApp) -> None:
    index = html_tree(app, "index")
    links = index.select(".seminars-listing-feed")
    assert [[a["href"] for a in p.select("a")] for p in links[:2]] == [
        [
            "seminars/feeds/probability.ics",
            "webcal://example.org/archive/seminars/feeds/probability.ics",
            "seminars/feeds/probability.atom",
        ],
        [
            "seminars/feeds/colloquia-it.ics",
            "webcal://example.org/archive/seminars/feeds/colloquia-it.ics",
            "seminars/feeds/colloquia-it.atom",
        ],
    ]
    feed = atom(app, "seminars/feeds/probability.atom")
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 3
    # Nothing is written outside the output folder, nor under the unsafe name.
    out = Path(app.outdir)
    assert not list(out.parent.rglob("escape*"))


def test_series_atom_and_talks_json(app: SphinxTestApp) -> None:
    series = atom(app, "seminars/series/analysis.atom")
    assert len(series.findall(f"{ATOM}entry")) == 2
    links = html_tree(app, "seminars/series/analysis").select(".seminars-feed-atom")
    assert [a["href"] for a in links] == ["analysis.atom"]
    records = json.loads(Path(app.outdir, "seminars/talks.json").read_text("utf-8"))
    assert records["minor_version"] == 1
    by_id = {t["id"]: t for t in records["talks"]}
    assert {k: by_id["talks/e"][k] for k in ("kind", "language", "audience")} == {
        "kind": "workshop",
        "language": "pt-BR",
        "audience": "specialist",
    }


# -- incremental and parallel builds -------------------------------------------------------


def _outputs(app: SphinxTestApp) -> tuple[dict[str, str], dict[str, bytes]]:
    """Topic pages (parsed body) and every feed file under seminars/."""
    folder = Path(app.outdir, "seminars")
    pages = {}
    for path in sorted(folder.rglob("*.html")):
        body = BeautifulSoup(path.read_text("utf-8"), "html5lib").select_one("div.body")
        pages[path.relative_to(folder).as_posix()] = str(body)
    for name in ("index.html",):
        body = BeautifulSoup(Path(app.outdir, name).read_text("utf-8"), "html5lib")
        pages[name] = str(body.select_one("div.body"))
    feeds = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".ics", ".atom", ".json")
    }
    return pages, feeds


def _copy(tmp: Path, name: str) -> Path:
    src = tmp / name
    shutil.copytree(ROOT, src)
    return src


def test_parallel_build_gives_the_serial_topic_pages_and_feeds(tmp_path: Path) -> None:
    serial = build_site("html", _copy(tmp_path, "a"), tmp_path / "a-out")
    parallel = build_site("html", _copy(tmp_path, "b"), tmp_path / "b-out", parallel=2)
    assert _outputs(parallel) == _outputs(serial)
    assert sorted(seminars_warnings(parallel)) == sorted(seminars_warnings(serial))


def test_adding_a_tag_rewrites_that_topic_and_its_feeds_only(tmp_path: Path) -> None:
    src = _copy(tmp_path, "src")
    first = build_site("html", src, tmp_path / "out")
    out = Path(first.outdir)
    watched = {
        name: (out / name).stat().st_mtime_ns
        for name in (
            "seminars/topics/probability.html",
            "seminars/topics/topology.html",
            "seminars/topics/probability.ics",
            "seminars/topics/topology.ics",
            "seminars/topics/machine-learning.atom",
        )
    }
    c = src / "talks/c.rst"
    c.write_text(c.read_text().replace("probabilty", "probabilty, topology"))
    again = build_site("html", src, tmp_path / "out")
    changed = {name for name, stamp in watched.items() if (out / name).stat().st_mtime_ns != stamp}
    assert changed == {"seminars/topics/topology.html", "seminars/topics/topology.ics"}
    topology = html_tree(again, "seminars/topics/topology")
    assert topology.select_one(".seminars-topic-count").get_text(strip=True) == "4 talks"
    shutil.copytree(src, tmp_path / "clean-src", ignore=shutil.ignore_patterns("_build"))
    clean = build_site("html", tmp_path / "clean-src", tmp_path / "clean")
    assert _outputs(again) == _outputs(clean)


def test_removing_a_tag_removes_its_topic_files(tmp_path: Path) -> None:
    src = _copy(tmp_path, "src")
    first = build_site("html", src, tmp_path / "out")
    out = Path(first.outdir)
    assert (out / "seminars/topics/probabilty.html").exists()
    c = src / "talks/c.rst"
    c.write_text(c.read_text().replace(", probabilty", ""))
    again = build_site("html", src, tmp_path / "out")
    for suffix in (".html", ".ics", ".atom"):
        assert not (out / f"seminars/topics/probabilty{suffix}").exists()
    shutil.copytree(src, tmp_path / "clean-src", ignore=shutil.ignore_patterns("_build"))
    clean = build_site("html", tmp_path / "clean-src", tmp_path / "clean")
    assert _outputs(again) == _outputs(clean)


def test_import_json_reads_kind_language_and_audience_back(
    app: SphinxTestApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import make_site

    from sphinxext.seminars.cli import main

    site = make_site(tmp_path / "imported")
    (site / "conf.py").write_text(
        (site / "conf.py").read_text() + 'seminars_kinds = ["journal club"]\n', encoding="utf-8"
    )
    exported = Path(app.outdir, "seminars", "talks.json")
    status = main(["import", "json", str(exported), "-o", str(site), "--format", "rst", "-q"])
    assert status == 0, capsys.readouterr().err
    again = build_site("html", site, tmp_path / "imported-out")
    before = {
        i: (t.kind, t.language, t.audience, t.tags) for i, t in get_domain(app.env).talks.items()
    }
    after = {
        i: (t.kind, t.language, t.audience, t.tags) for i, t in get_domain(again.env).talks.items()
    }
    assert after == before
    assert not [w for w in seminars_warnings(again) if w[0] != "unknown-tag"]


def test_topic_pages_announce_their_feeds_in_the_head(app: SphinxTestApp) -> None:
    head = html_tree(app, "seminars/topics/q-a-script-alert-x-script").select(
        "head link[rel=alternate]"
    )
    found = [(link["type"], link["title"], link["href"]) for link in head]
    assert ("application/atom+xml", f"{HOSTILE} (Atom)", "q-a-script-alert-x-script.atom") in found
    assert ("text/calendar", f"{HOSTILE} (iCalendar)", "q-a-script-alert-x-script.ics") in found


def test_suggestions_for_unknown_tags_keep_the_cost_linear() -> None:
    vocabulary = TagVocabulary({}, [f"topic {i}" for i in range(50)])
    long = "topic 1" + "x" * 100_000
    tags, problems = vocabulary.read([long, *(f"topic {i}x" for i in range(300))])
    assert len(tags) == 301 and len(problems) == 301
    # No suggestion for a long text, nor beyond the first hundred spellings; each kept.
    suggested = [p for p in problems if "did you mean" in p.message]
    assert len(suggested) == 100
    assert "did you mean" not in problems[0].message
    assert len(problems[0].message) < 300


def test_a_topic_reference_follows_the_tag(tmp_path: Path) -> None:
    """:topic: links once a talk has the tag, and warns again when none has."""
    src = _copy(tmp_path, "src")
    (src / "refs.rst").write_text("Refs\n====\n\nSee :topic:`knitting`.\n", encoding="utf-8")
    first = build_site("html", src, tmp_path / "out")
    assert ("unknown-tag", "refs.rst:4") in seminars_warnings(first)
    assert not html_tree(first, "refs").select("div.body a[href*='topics']")
    f = src / "talks/f.md"
    f.write_text(f.read_text().replace(":tags: topology", ":tags: topology, Knitting"))
    again = build_site("html", src, tmp_path / "out")
    links = html_tree(again, "refs").select("div.body a[href*='topics']")
    assert [a["href"] for a in links] == ["seminars/topics/knitting.html"]


def test_feeds_name_a_bounded_number_of_tags() -> None:
    """A talk is in the feeds of each of its topics: naming every tag in each would make a
    talk with thousands of tags cost the square of them."""
    from sphinxext.seminars.publish.atom import atom_feed
    from sphinxext.seminars.publish.ical import talk_event
    from sphinxext.seminars.publish.site import Site
    from sphinxext.seminars.publish.text import FEED_TAGS

    talk = _talk("many", tags=", ".join(f"tag {i}" for i in range(FEED_TAGS + 30)))
    assert len(talk.tags) == FEED_TAGS + 30
    event = icalendar.Event.from_ical(talk_event(talk, Site(project="P"), "").to_ical())
    assert [str(c) for c in event["CATEGORIES"].cats] == list(talk.tags[:FEED_TAGS])
    import datetime as dt

    cutoff = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    feed = ET.fromstring(atom_feed(Site(project="P"), [talk], "T", "", cutoff))
    terms = [c.get("term") for c in feed.iter(f"{ATOM}category")]
    assert terms == list(talk.tags[:FEED_TAGS])
