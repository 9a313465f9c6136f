"""A talk given by a page's front matter is the same talk as the directive form."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import module_build, seminars_warnings

from sphinxext.seminars.core.frontmatter import talk_from_front_matter
from sphinxext.seminars.store.domain import get_domain


@pytest.fixture(scope="module")
def app(rootdir, tmp_path_factory):
    """One build shared by the module's tests (the root is read-only: output elsewhere)."""
    yield from module_build(rootdir / "test-frontmatter", tmp_path_factory, "frontmatter-build")


def comparable(talk):
    return dataclasses.replace(talk, id="", docname="", lineno=0, anchor="")


def test_front_matter_talk_equals_directive_talk(app):
    domain = get_domain(app.env)
    (directive,) = domain.talks_by_doc["directive"]
    (front,) = domain.talks_by_doc["frontmatter"]
    assert comparable(front) == comparable(directive)
    assert front.id == "frontmatter"
    assert [p.affiliation for p in front.speakers] == ["UC San Diego", "UC San Diego (HDSI)"]
    assert front.location == "E18-304 # a room"
    assert (
        front.abstract
        == "The success of deep learning is due to gradient methods.\n\nSecond paragraph."
    )
    # Resolved alike too (zone, end).
    assert comparable(domain.talks["frontmatter"]) == comparable(domain.talks["directive"])


def test_front_matter_talk_renders_like_the_directive(app, tree):
    def talk_section(docname):
        """The talk's section, minus what names the page itself (ids, own anchors, neighbours)."""
        section = tree(app, docname).find(class_="seminars-talk-section")
        for nav in section.find_all(class_="seminars-nav"):
            nav.decompose()
        for element in [section, *section.find_all(True)]:
            element.attrs.pop("id", None)
            element.attrs.pop("data-seminars-talk-id", None)
            if element.get("href", "").startswith("#"):
                del element["href"]
        return section

    directive, front = talk_section("directive"), talk_section("frontmatter")
    assert directive.find("h1").get_text() == "Neural networks: optimization and linearity¶"
    assert directive.find(class_="seminars-talk") is not None
    # Per-talk links (calendar file, page URL) differ only by the talk's id/page name.
    assert str(front).replace("frontmatter", "PAGE") == str(directive).replace("directive", "PAGE")


def test_page_without_talk_key_is_untouched(app):
    assert get_domain(app.env).talks_by_doc.get("plain") is None
    assert app.env.metadata["plain"]["description"] == "A page with front matter but no talk"
    source = "---\norphan: true\n---\n\n# Title\n"
    assert talk_from_front_matter(source) == (None, [])
    assert talk_from_front_matter("# No front matter\n") == (None, [])


def test_bad_front_matter_warns_at_its_lines(app):
    found = sorted(
        (location, subtype)
        for subtype, location in seminars_warnings(app)
        if location.startswith(("bad.md", "notmapping.md"))
    )
    assert found == [
        ("bad.md:15", "unknown-talk"),  # the body keeps its line numbers
        ("bad.md:6", "bad-option-value"),
        ("bad.md:7", "bad-front-matter"),
        ("bad.md:8", "unsafe-link"),
        ("bad.md:9", "bad-front-matter"),
        ("notmapping.md:3", "bad-front-matter"),
    ]
    (talk,) = get_domain(app.env).talks_by_doc["bad"]
    assert (talk.title, talk.status.value, talk.links, talk.location) == (
        "Bad values",
        "scheduled",
        (),
        "",
    )


def test_no_other_warnings_for_good_pages(app):
    assert [
        w for w in seminars_warnings(app) if w[1].startswith(("directive", "frontmatter", "plain"))
    ] == []


def test_body_line_numbers_kept_when_block_is_long():
    source = "---\ntalk: {title: T, date: 2022-05-25, tags: [a, b], location: Room}\n---\nline 4\n"
    new, warnings = talk_from_front_matter(source)
    assert warnings == []
    assert new is not None
    assert new.split("\n")[3] == "line 4"
    assert "```{talk} T" in new.split("\n")


def test_unquoted_times_are_read_as_written(tmp_path):
    """YAML 1.1 reads ``end: 17:00`` as a base-60 number; the talk gets 17:00."""
    from conftest import build_site

    from sphinxext.seminars.store.domain import get_domain

    (tmp_path / "conf.py").write_text('extensions = ["sphinxext.seminars", "myst_parser"]\n')
    (tmp_path / "index.md").write_text(
        "---\ntalk:\n  title: X\n  date: 2022-05-26 14:00\n  end: 17:00\n---\n\nBody.\n"
    )
    app = build_site("html", tmp_path, tmp_path / "_build")
    talk = get_domain(app.env).talks["index"]
    assert (talk.start.hour, talk.end.hour) == (14, 17)
