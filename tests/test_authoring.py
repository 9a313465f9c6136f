"""What authors type by habit is understood, or warned about with the form to write.

One site (``roots/test-authoring``) holds a page per habit, in reST and MyST.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from conftest import html_tree, module_build, seminars_warnings, warnings_of

from sphinxext.seminars.store.domain import get_domain


@pytest.fixture(scope="module")
def site(rootdir, tmp_path_factory):
    yield from module_build(rootdir / "test-authoring", tmp_path_factory, "authoring-build")


def _wall(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=None)


def test_every_warning_has_file_line_and_subtype(site):
    located = sorted(w for w in seminars_warnings(site) if w[1] != ":")
    assert located == sorted(
        [
            ("bad-front-matter", "alias.md:3"),
            ("bad-front-matter", "alias.md:5"),
            ("ambiguous-date", "ambiguous.rst:5"),  # once per document
            ("bad-front-matter", "frontmatter.md:9"),
            ("people-list", "people.rst:6"),
            ("people-list", "people.rst:7"),
            ("people-list", "people.rst:12"),
            ("bad-option-value", "repeated.rst:6"),
            ("bad-option-value", "repeated.rst:8"),
            ("bad-date", "undated.rst:6"),
            ("bad-date", "undated-md.md:5"),
        ]
    )
    # Nothing else: no docutils error, no "isn't included in any toctree".
    others = [w for w in warnings_of(site) if not w["type"].startswith("seminars.")]
    assert others == []


def _message(site, subtype: str, location: str) -> str:
    for warning in warnings_of(site):
        where = f"{Path(warning['location']).name}:{warning['line']}"
        if warning["type"] == f"seminars.{subtype}" and where == location:
            return warning["message"]
    raise AssertionError(f"no {subtype} at {location}")


# -- dates ---------------------------------------------------------------------------


def test_dates_as_announcements_write_them(site):
    talks = {t.title: t for t in get_domain(site.env).talks.values()}
    belkin = talks["Loss landscapes"]
    assert (_wall(belkin.start), _wall(belkin.end)) == (
        dt.datetime(2022, 4, 4, 16),
        dt.datetime(2022, 4, 4, 17),
    )
    numeric = talks["Numeric"]
    assert (_wall(numeric.start), _wall(numeric.end)) == (
        dt.datetime(2022, 5, 30, 16),
        dt.datetime(2022, 5, 30, 17),
    )


def test_an_ambiguous_date_follows_the_site_language_and_warns_once(site):
    talks = {t.title: t for t in get_domain(site.env).talks.values()}
    # English site: month/day.
    assert _wall(talks["First"].start) == dt.datetime(2022, 4, 5, 16)
    assert _wall(talks["Second"].start) == dt.datetime(2022, 6, 5, 16)
    message = _message(site, "ambiguous-date", "ambiguous.rst:5")
    assert "'2022-04-05 16:00'" in message and "seminars_date_order" in message


@pytest.mark.parametrize(
    ("page", "title", "speaker", "line"),
    [
        ("undated", "A talk whose date is mistyped", "Ada Lovelace (University of London)", 6),
        ("undated-md", "A front-matter talk whose date is mistyped", "Carl Gauss (Göttingen)", 5),
    ],
)
def test_a_talk_whose_date_cannot_be_read_keeps_its_page(site, page, title, speaker, line):
    tree = html_tree(site, page)
    article = tree.select_one("article.seminars-talk")
    assert "seminars-undated" in article["class"]
    heading = article.find(["h1", "h2"])  # inside the talk's article
    assert heading.get_text().rstrip("¶") == title
    assert article.select_one("dd.seminars-field-speaker").get_text().strip() == speaker
    assert article.select_one(".seminars-date-to-fix").get_text() == "Date to be fixed"
    assert "The abstract is still shown." in article.select_one(".seminars-abstract").get_text()
    # Out of listings and feeds; an orphan like every talk page.
    assert site.env.metadata[page].get("orphan") is True
    assert page not in {t.docname for t in get_domain(site.env).talks.values()}
    listed = html_tree(site, "index").select(".seminars-listing a")
    assert all(title not in a.get_text() for a in listed)
    feed = json.loads(Path(site.outdir, "seminars", "talks.json").read_text(encoding="utf-8"))
    assert all(item["title"] != title for item in feed["talks"])
    calendar = icalendar.Calendar.from_ical(
        Path(site.outdir, "seminars", "talks.ics").read_bytes()
    )
    assert all(str(e["SUMMARY"]) != title for e in calendar.walk("VEVENT"))
    # The one warning says what to write.
    message = _message(site, "bad-date", f"{page}.{'rst' if page == 'undated' else 'md'}:{line}")
    assert "April 2022 has 30 days" in message and "'2022-04-30'" in message


# -- people and lists ------------------------------------------------------------------


def test_people_lists_are_understood_and_named(site):
    talks = {t.title: t for t in get_domain(site.env).talks.values()}
    linear = talks["Transition to linearity"]
    assert [(p.name, p.affiliation) for p in linear.speakers] == [
        ("Johannes Maly", "Catholic University of Eichstaett-Ingolstadt")
    ]
    assert linear.joint_with == ("Chaoyue Liu", "Libin Zhu", "Adit Radhakrishnan")
    assert linear.tags == ("optimisation", "learning")
    comma = talks["Comma affiliation"]
    assert [(p.name, p.affiliation) for p in comma.speakers] == [
        ("Enrico Malatesta", "Bocconi University")
    ]
    assert comma.tags == ("optimisation", "learning")
    assert "'Chaoyue Liu; Libin Zhu; Adit Radhakrishnan'" in _message(
        site, "people-list", "people.rst:7"
    )
    assert "'Johannes Maly (Catholic University of Eichstaett-Ingolstadt)'" in _message(
        site, "people-list", "people.rst:6"
    )
    assert "'Enrico Malatesta (Bocconi University)'" in _message(
        site, "people-list", "people.rst:12"
    )
    # No speaker page named after a university.
    assert not Path(
        site.outdir, "seminars", "speakers", "catholic-university-of-eichstaett-ingolstadt.html"
    ).exists()


# -- front matter and YAML option blocks -------------------------------------------------


def test_front_matter_scalars_keep_their_text(site):
    (talk,) = get_domain(site.env).talks_by_doc["frontmatter"]
    assert [link.ident for link in talk.links if link.kind.value == "arxiv"] == ["2003.00310"]
    assert talk.location == "0.01"
    assert talk.tags == ("optimisation", "2022")
    assert talk.series == ""  # a list where text is meant: warned and left out
    assert "'series' must be text, not a list" in _message(
        site, "bad-front-matter", "frontmatter.md:9"
    )
    (yaml_talk,) = get_domain(site.env).talks_by_doc["yaml-options"]
    assert [link.ident for link in yaml_talk.links] == ["2003.00310"]
    assert yaml_talk.location == "0.01"


def test_a_multi_line_bio_is_text_like_a_one_line_bio(site):
    bio = html_tree(site, "frontmatter").select_one(".seminars-bio")
    paragraphs = [p.get_text() for p in bio.select("p:not(.rubric)")]
    assert paragraphs == [
        "First paragraph with <b>tags</b> and *stars*.",
        "Second paragraph.",
    ]
    assert bio.select("b, em, strong") == []


def test_aliases_are_refused(site):
    (talk,) = get_domain(site.env).talks_by_doc["alias"]
    assert talk.title == "An alias" and talk.location == ""
    assert "write the value itself" in _message(site, "bad-front-matter", "alias.md:5")


# -- repeated options -----------------------------------------------------------------


def test_a_repeated_option_keeps_the_last_value_and_the_talk(site):
    (talk,) = get_domain(site.env).talks_by_doc["repeated"]
    assert _wall(talk.start) == dt.datetime(2022, 1, 12, 10)
    assert talk.location == "Room"
    assert "the last one is used" in _message(site, "bad-option-value", "repeated.rst:6")
    assert "leave a blank line" in _message(site, "bad-option-value", "repeated.rst:8")
    abstract = html_tree(site, "repeated").select_one(".seminars-abstract").get_text()
    assert "The abstract." in abstract


# -- configuration ----------------------------------------------------------------------


def test_unknown_config_keys_warn_with_the_closest_key(site):
    # Configuration warnings have no file: "WARNING: message [seminars.bad-config]".
    messages = [
        line for line in site.warning.getvalue().splitlines() if "[seminars.bad-config]" in line
    ]
    assert any("'afiliation'" in m and "did you mean 'affiliation'?" in m for m in messages)
    assert any("'twitter'" in m and "known keys: affiliation" in m for m in messages)
    # A bio is a profile key now: no warning.
    assert not any("'bio'" in m for m in messages)
    assert any("'organizers'" in m and "did you mean 'organisers'?" in m for m in messages)
