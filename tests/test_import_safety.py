"""Hostile archives replayed against the importers: nothing read, run or deleted outside the site.

Each test writes a small archive that mimics an attack (a Hugo page whose
body hides a directive in a list item, a symlinked attachment, a manifest
that lists ``/abs/path``, an iCalendar summary shaped like an option...),
imports it, and checks the files written and, where it matters, the built
site: the doctree (no raw node, no included file, no link to another scheme)
and the HTML parsed with a real parser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import build_fresh, make_site
from docutils import nodes
from sphinx import addnodes

from sphinxext.seminars.cli import main
from sphinxext.seminars.cli.hugo import read_hugo
from sphinxext.seminars.cli.record import Level, TalkRecord
from sphinxext.seminars.cli.writer import MANIFEST, Format, Report, Writer, render
from sphinxext.seminars.store.domain import get_domain

SECRET = "TOP-SECRET-7c1f"
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def build(make_app, srcdir: Path, buildername: str = "html"):
    return build_fresh(make_app, srcdir, buildername)


def page(folder: Path, front: str, body: str = "", name: str = "index.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path


def dangerous_nodes(app) -> list[str]:
    """What a build must never hold from imported text, over every document."""
    found = []
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        for node in doctree.findall():
            if isinstance(node, nodes.raw | addnodes.download_reference):
                found.append(f"{docname}: {node.__class__.__name__}")
            elif isinstance(node, nodes.literal_block) and node.get("source"):
                found.append(f"{docname}: included file {node['source']}")
            elif isinstance(node, nodes.reference) and node.get("refuri"):
                uri = node["refuri"]
                if ":" in uri.split("/")[0] and not uri.startswith(SAFE_SCHEMES):
                    found.append(f"{docname}: link to {uri}")
            elif isinstance(node, nodes.image) and not str(node.get("uri")).startswith(
                ("http://", "https://")
            ):
                found.append(f"{docname}: local image {node.get('uri')}")
            if isinstance(node, nodes.Text) and SECRET in node:
                found.append(f"{docname}: the secret")
    return found


def problems_of(text: str) -> list[tuple[str, int, str]]:
    """(file name, line, message) of each ``file:line: level: message`` line."""
    found = []
    for row in text.splitlines():
        where, _, rest = row.partition(": warning: ")
        if not rest:
            where, _, rest = row.partition(": error: ")
        if rest:
            path, _, line = where.rpartition(":")
            if line.isdigit():
                found.append((Path(path).name, int(line), rest))
            else:
                found.append((Path(where).name, 0, rest))
    return found


# -- 1. Markdown bodies are data ---------------------------------------------------------

HOSTILE_BODY = """\
Notes.

- ```{literalinclude} ../../../../secret.txt
  ```
- item with {download}`secret <../../../../secret.txt>`

> ```{eval-rst}
> .. raw:: html
>
>    <script>alert("quote")</script>
> ```

1. first
   :::{include} ../../../../secret.txt
   :::

<script>alert('body')</script>
<img src=x onerror=alert(1)>

[click](javascript:alert(1)) <a href="javascript:alert(2)">a</a>
![local](../../../../secret.txt) [doc](../../../../secret.txt)
[fine](https://example.org/talk) and {{< youtube abc >}} and {{ secret }}
"""


@pytest.mark.parametrize("fmt", ["myst", "myst-frontmatter", "rst"])
def test_hugo_body_directives_and_html_do_not_run(make_app, tmp_path, capsys, tree, fmt):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    content = tmp_path / "hugo" / "content"
    page(
        content / "event" / "attack",
        'title: Attack\ndate: 2024-03-01T14:00:00\nabstract: "- ```{literalinclude} x\\n"',
        HOSTILE_BODY,
    )
    site = make_site(tmp_path / "site")
    status = main(["import", "hugo", str(content), "-o", str(site), "--format", fmt, "-q"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    messages = " ".join(message for _f, _l, message in problems_of(captured.err))
    if fmt != "rst":
        assert "directive written as plain code" in messages
        assert "raw HTML written as text" in messages
    app = build(make_app, site)
    assert dangerous_nodes(app) == []
    html = tree(app, "talks/2024/attack")
    body = html.find(class_="body") or html
    scripts = [s for s in body.find_all("script") if s.get("type") != "application/ld+json"]
    assert scripts == []
    assert body.find("img") is None
    hrefs = [a.get("href", "") for a in body.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript", "data"))]
    assert SECRET not in html.get_text()
    if fmt != "rst":
        assert "https://example.org/talk" in hrefs  # a web link stays a link
    # What was markup shows as its text.
    assert "<script>alert(‘body’)</script>" in html.get_text()  # smart quotes


def test_keep_html_is_an_explicit_opt_in(make_app, tmp_path, capsys, tree):
    content = tmp_path / "content"
    page(content / "event" / "html", "title: HTML\ndate: 2024-03-01", "<b>bold</b> text\n")
    site = make_site(tmp_path / "site")
    main(["import", "hugo", str(content), "-o", str(site), "-q", "--keep-html"])
    capsys.readouterr()
    html = tree(build(make_app, site), "talks/2024/html")
    assert html.find("b", string="bold") is not None


# -- 2. Paths stay inside their root ------------------------------------------------------


def test_symlinks_and_traversal_are_not_followed_out(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    page(outside / "authors" / "x", f"title: {SECRET}")
    page(outside, f"title: {SECRET} page\ndate: 2024-01-01", name="evil.md")

    content = tmp_path / "hugo" / "content"
    bundle = content / "event" / "links"
    bundle.mkdir(parents=True)
    (bundle / "slides.pdf").symlink_to(outside / "secret.txt")
    (bundle / "paper.pdf").symlink_to(outside / "secret.txt")
    (bundle / "real.pdf").write_bytes(b"%PDF real")
    (bundle / "sub").symlink_to(outside)
    rel_author = os.path.relpath(outside, bundle / "authors")
    page(
        bundle,
        "title: Links\n"
        "date: 2024-02-01T10:00:00\n"
        "url_pdf: paper.pdf\n"
        "url_slides: slides.pdf\n"
        "url_code: ../../../outside/secret.txt\n"
        "links:\n"
        "  - name: Notes\n"
        "    url: sub/secret.txt\n"
        "  - name: Real\n"
        "    url: real.pdf\n"
        f'authors: ["{rel_author}/x"]\n',
    )
    (content / "event" / "evil.md").symlink_to(outside / "evil.md")
    (content / "talk").symlink_to(outside)

    site = tmp_path / "site"
    status = main(["import", "hugo", str(content), "-o", str(site), "-q"])
    captured = capsys.readouterr()
    assert status == 0
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert written == [MANIFEST, "talks/2024/links.md", "talks/2024/links/real.pdf"]
    for path in site.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace")
    refused = problems_of(captured.err)
    # Each refusal names the page and the line of the field.
    lines = {line for name, line, message in refused if name == "index.md"}
    assert {4, 5, 6, 7} <= lines  # url_pdf, url_slides, url_code, links
    assert any(name == "evil.md" and "symbolic link" in m for name, _l, m in refused)
    assert any(name == "talk" and "symbolic link" in m for name, _l, m in refused)


def test_writer_refuses_a_symlinked_output_folder(tmp_path):
    site = tmp_path / "site"
    (site / "talks").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / "talks" / "2024").symlink_to(elsewhere)
    report = Report()
    writer = Writer(site)
    record = TalkRecord(id="t", title="T", options={"date": "2024-01-01 10:00"})
    writer.write_all([record], report)
    assert list(elsewhere.iterdir()) == []
    assert report.failed
    assert "symbolic link" in report.problems[0].message


# -- 3. The manifest never deletes outside the output folder ------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_manifest_entries_outside_the_output_are_refused(tmp_path, force):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    digest = hashlib.sha256(b"keep me").hexdigest()
    site = tmp_path / "a" / "site"
    site.mkdir(parents=True)
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "f.md").write_text("keep me", encoding="utf-8")
    (site / "talks").symlink_to(linked)
    entries = {
        str(victim): {"sha256": digest, "id": "t"},
        "../../victim.txt": {"sha256": digest, "id": "t"},
        "talks/f.md": {"sha256": digest, "id": "t"},
        "C:/x.md": {"sha256": digest, "id": "t"},
    }
    manifest = json.dumps({"version": 1, "files": entries}, indent=1)
    (site / MANIFEST).write_text(manifest, encoding="utf-8")
    report = Report()
    writer = Writer(site, layout="x/{id}{ext}", force=force)
    record = TalkRecord(id="t", title="Moved", options={"date": "2024-05-01 10:00"})
    writer.write_all([record], report)
    writer.save()
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (linked / "f.md").read_text(encoding="utf-8") == "keep me"
    refused = [p for p in report.problems if "manifest entry" in p.message]
    assert len(refused) == 4
    assert all(p.path.endswith(MANIFEST) and p.level is Level.WARNING for p in refused)
    # Each at the line of its entry.
    lines = manifest.split("\n")
    assert all(json.dumps(p.message.split("'")[1]) in lines[p.line - 1] for p in refused)
    saved = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(saved) == ["x/t.md"]


# -- 4. reST output ------------------------------------------------------------------------

ICS = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Attack//EN
BEGIN:VEVENT
UID:links@example.org
DTSTART:20240301T140000Z
SUMMARY:Bare links
DESCRIPTION:Click javascript:alert(document.domain) or data:text/html;base64
 ,PHNjcmlwdD4= or https://example.org/ok
END:VEVENT
BEGIN:VEVENT
UID:option@example.org
DTSTART:20240302T140000Z
SUMMARY::date: 2099-01-01
END:VEVENT
BEGIN:VEVENT
UID:nul@example.org
DTSTART:20240303T140000Z
SUMMARY:Null\x00 byte\x1b[31m
DESCRIPTION:Text with a NUL\x00 and a bell\x07.
END:VEVENT
END:VCALENDAR
"""


def test_rst_import_leaves_no_bare_uri_and_no_option_like_title(make_app, tmp_path, capsys):
    feed = tmp_path / "feed.ics"
    feed.write_text(ICS, encoding="utf-8")
    site = make_site(tmp_path / "site")
    status = main(["import", "ics", str(feed), "-o", str(site), "--format", "rst", "-q"])
    captured = capsys.readouterr()
    assert status == 1  # the option-like title could not be written
    summary = captured.out
    assert summary.startswith("3 talks: 2 new")
    assert "1 cannot be written safely" in summary
    assert any("would be read as an option" in m for _n, _l, m in problems_of(captured.err))
    assert any("control characters" in m for _n, _l, m in problems_of(captured.err))
    for path in site.rglob("*.rst"):
        data = path.read_bytes()
        assert b"\x00" not in data and b"\x1b" not in data and b"\x07" not in data
    app = build(make_app, site)
    assert dangerous_nodes(app) == []
    talks = {t.id: t for t in get_domain(app.env).talks.values()}
    assert "javascript:alert(document.domain)" in talks["links-example-org"].abstract
    assert talks["nul-example-org"].title == "Null byte[31m"
    assert all(t.start.year == 2024 for t in talks.values())


# -- 5. new --id ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["../../etc/x", "a b", "-x", "x\x00"])
def test_new_validates_the_id(tmp_path, capsys, bad):
    status = main(
        [
            *("new", "--title", "T", "--date", "2024-01-01 10:00", f"--id={bad}"),
            *("--conf", str(tmp_path), "--no-input", "--format", "myst"),
        ]
    )
    assert status == 2
    assert "invalid id" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.md"))


# -- issue 11: Hugo fidelity ------------------------------------------------------------------


def test_hugo_talk_start_wins_over_page_date(tmp_path):
    content = tmp_path / "content"
    page(
        content / "post" / "a",
        "title: A\ndate: 2021-05-25T08:33:27\nstart: 2021-06-24T16:00:00\nend: 2021-06-24T17:00:00",
    )
    page(
        content / "post" / "b",
        "title: B\ndate: 2021-05-25\nevent_start: 2021-07-01 10:00\nevent_end: 2021-07-01 11:30",
    )
    records, problems = read_hugo(content)
    by_id = {r.id: r.options for r in records}
    assert by_id["a"]["date"] == "2021-06-24 16:00"
    assert by_id["a"]["end"] == "2021-06-24 17:00"
    assert by_id["b"]["date"] == "2021-07-01 10:00"
    assert by_id["b"]["end"] == "2021-07-01 11:30"
    assert not [p for p in problems if "not event or talk pages" in p.message]


def test_hugo_values_are_checked_by_type(tmp_path):
    content = tmp_path / "content" / "event"
    page(
        content / "typed",
        "title: Typed\ndate: 2024-01-01\ntags: Statistics\ncategories: 7\nauthors: jane\n"
        "links: 5\nurl_pdf: 3\nlocation: [a, b]",
    )
    records, problems = read_hugo(content.parent)
    options = records[0].options
    assert options["tags"] == "Statistics, 7"  # a category written 7 is the text "7"
    assert options["speaker"] == "jane"
    assert "location" not in options and "pdf" not in options
    lines = sorted(p.line for p in problems if p.level is Level.WARNING)
    assert lines == [7, 8, 9]  # links, url_pdf, location


def test_hugo_site_root_skips_themes_archetypes_and_example_sites(tmp_path, capsys):
    site = tmp_path / "hugo"
    page(site / "content" / "event" / "real", "title: Real\ndate: 2024-01-01T10:00:00")
    page(
        site / "themes" / "t" / "exampleSite" / "content" / "event" / "demo",
        "title: Demo\ndate: 2020-01-01",
    )
    page(site / "archetypes", 'title: "{{ .Name }}"\ndate: {{ .Date }}', name="event.md")
    page(site / "exampleSite" / "content" / "talk" / "demo", "title: Demo\ndate: 2020-01-01")
    out = tmp_path / "out"
    status = main(["import", "hugo", str(site), "-o", str(out), "-q"])
    assert status == 0
    assert sorted(p.name for p in out.rglob("*.md")) == ["real.md"]
    capsys.readouterr()


def test_hugo_attachments_get_a_folder_per_talk(tmp_path, capsys):
    content = tmp_path / "content" / "event"
    page(content / "sources", "title: s\ndate: 2024-03-09\nurl_slides: slides.md")
    (content / "sources" / "slides.md").write_text("```{include} /etc/passwd\n```\n")
    for name in ("one", "two"):
        page(
            content / name,
            f"title: {name}\ndate: 2024-03-0{len(name)}T10:00:00\nurl_slides: slides.pdf",
        )
        (content / name / "slides.pdf").write_text(f"slides of {name}", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", "hugo", str(content), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    for name in ("one", "two"):
        assert (out / "talks" / "2024" / name / "slides.pdf").read_text() == f"slides of {name}"
        assert f":slides: {name}/slides.pdf" in (out / "talks" / "2024" / f"{name}.md").read_text()
    # A Markdown file beside a talk would be built as a page: never copied.
    assert not (out / "talks" / "2024" / "sources").exists()


# -- issue 11: stable ids, exact text --------------------------------------------------------


def test_renamed_talk_keeps_its_id_and_file(tmp_path, capsys):
    csv = tmp_path / "t.csv"
    out = tmp_path / "out"
    csv.write_text("date,title,series\n2024-05-01 10:00,TBC,ML\n", encoding="utf-8")
    main(["import", "csv", str(csv), "-o", str(out), "-q"])
    first = sorted(p.name for p in out.rglob("*.md"))
    capsys.readouterr()
    csv.write_text("date,title,series\n2024-05-01 10:00,The real title,ML\n", encoding="utf-8")
    main(["import", "csv", str(csv), "-o", str(out), "-q"])
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.rglob("*.md")) == first
    assert "1 updated" in captured.out and "1 renamed" in captured.out
    assert any("renamed in the source" in m for _n, _l, m in problems_of(captured.err))
    assert "The real title" in next(out.rglob("*.md")).read_text()


def test_renamed_uid_talk_moves_with_its_date(tmp_path, capsys):
    out = tmp_path / "out"
    record = TalkRecord(id="old", title="TBC", options={"date": "2024-05-01 10:00"}, key="u1")
    writer = Writer(out)
    writer.write_all([record], Report())
    writer.save()
    moved = TalkRecord(id="new", title="Real", options={"date": "2025-05-01 10:00"}, key="u1")
    report = Report()
    writer = Writer(out)
    writer.write_all([moved], report)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "talks/2025/old.md"
    ]
    assert report.renamed == 1
    assert any("moved talks/2024/old.md" in p.message for p in report.problems)


@pytest.mark.parametrize("fmt", ["myst", "myst-frontmatter", "rst"])
def test_numbered_lines_show_exactly_the_source_text(make_app, tmp_path, fmt):
    abstract = "Points:\n1. first\n2) second\n10. tenth\n- dash\n# hash\n(label)=\n% not a comment"
    record = TalkRecord(
        id="numbers", title="Numbers", options={"date": "2024-01-01 10:00"}, abstract=abstract
    )
    site = make_site(tmp_path / "site")
    text = render(record, Format(fmt))
    if fmt != "rst":  # in reST "\\1." is an escaped digit; Markdown has no such escape
        assert "\\1." not in text
    (site / f"numbers{Format(fmt).suffix}").write_text(text, encoding="utf-8")
    app = build(make_app, site, "dummy")
    talk = get_domain(app.env).talks["numbers"]
    assert talk.abstract.split("\n") == abstract.split("\n") or " ".join(
        talk.abstract.split()
    ) == " ".join(abstract.split())
    assert dangerous_nodes(app) == []
    assert talk.start == dt.datetime(2024, 1, 1, 10, tzinfo=talk.start.tzinfo)


def test_hugo_front_matter_keeps_text_and_refuses_aliases(tmp_path):
    content = tmp_path / "content" / "event"
    page(
        content / "kept",
        "title: Kept\ndate: 2024-01-01\nlocation: 0.10\ntags: [0.10, ml]\narxiv: 2003.00310",
    )
    page(content / "alias", "title: &t Alias\ndate: 2024-01-02\nevent: *t")
    page(content / "deep", "title: Deep\ndate: 2024-01-03\nx: " + "[" * 200 + "]" * 200)
    page(content / "mapped", "title: Mapped\ndate: 2024-01-04\nroom: 0.10")
    records, problems = read_hugo(content.parent, mapping={"room": "location"})
    by_id = {r.id: r.options for r in records}
    assert by_id["kept"]["location"] == "0.10"
    assert by_id.pop("mapped")["location"] == "0.10"
    assert by_id["kept"]["tags"] == "0.10, ml"
    assert set(by_id) == {"kept"}
    alias = [p for p in problems if p.path.endswith(os.path.join("alias", "index.md"))]
    assert [(p.line, p.level) for p in alias if "alias" in p.message] == [(4, Level.ERROR)]
    deep = [p for p in problems if p.path.endswith(os.path.join("deep", "index.md"))]
    assert [p.level for p in deep] == [Level.ERROR]
    assert "nested more than" in deep[0].message


def test_hugo_start_field_is_not_reported_unread_and_arxiv_doi_are_kept(tmp_path):
    content = tmp_path / "content" / "post"
    page(
        content / "a",
        "title: A\ndate: 2021-05-25\nstart: 2021-06-24T16:00:00\nend: 2021-06-24T17:00:00\n"
        "arxiv: 2003.00310\ndoi: 10.1000/xyz123\nshoe_size: 44",
    )
    records, problems = read_hugo(content)
    options = records[0].options
    assert options["date"] == "2021-06-24 16:00"
    assert options["arxiv"] == "2003.00310"
    assert options["doi"] == "10.1000/xyz123"
    (unread,) = [p.message for p in problems if p.message.startswith("fields not imported")]
    assert unread.split(": ", 1)[1].split(" (")[0] == "shoe_size"


def test_hugo_author_profiles_are_read_only_inside_the_given_folder(tmp_path):
    outside = tmp_path / "authors" / "jane-doe"
    page(outside, "title: Outside Name", name="_index.md")
    site = tmp_path / "site"
    page(site / "content" / "authors" / "ada-l", "title: Ada Lovelace", name="_index.md")
    page(
        site / "content" / "event" / "t", "title: T\ndate: 2024-01-01\nauthors: [jane-doe, ada-l]"
    )
    records, problems = read_hugo(site)
    assert records[0].options["speaker"] == "Jane Doe; Ada Lovelace"
    guessed = [p.message for p in problems if "has no profile" in p.message]
    assert len(guessed) == 1 and "'jane-doe'" in guessed[0]
    # a section given alone does not reach the site's profiles above it
    records, _problems = read_hugo(site / "content" / "event")
    assert records[0].options["speaker"] == "Jane Doe; Ada L"
