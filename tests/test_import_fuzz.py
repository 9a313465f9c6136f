"""Random hostile strings through every importer and output format: data in, data out.

Two levels. The escaping functions are checked on many strings each, parsed
back with docutils and MyST's own parsers (fast, no Sphinx): escaped text
reads back as exactly the text, and Markdown re-written from its tree holds
only the constructs it is allowed to. Then a few whole imports (Hugo, CSV,
JSON, iCalendar) in every output format are built with Sphinx: no node may
appear that a benign import does not make (no directive, role or raw
output), no link to a scheme other than http(s)/mailto, no traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest
import yaml
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser as MystParser

from sphinxext.seminars.cli import main
from sphinxext.seminars.cli.markdown_ import safe_markdown
from sphinxext.seminars.cli.text import drop_controls, escape_myst, escape_rst, tidy

#: Pieces of markup of every kind the outputs could read: directives and
#: roles in both syntaxes, raw HTML, templates, links of every scheme, line
#: starts that open blocks, option-like text, control characters.
FRAGMENTS = [
    "```{literalinclude} /etc/passwd\n```",
    "- ```{include} ../../x\n  ```",
    "> ```{eval-rst}\n> .. raw:: html\n>\n>    <script>x</script>\n> ```",
    ":::{note}\nx\n:::",
    "~~~{raw} html\n<b>x</b>\n~~~",
    ".. raw:: html\n\n   <script>alert(1)</script>",
    ".. include:: /etc/passwd",
    ":download:`x </etc/passwd>`",
    "{download}`x </etc/passwd>`",
    "{eval-rst}`x`",
    "{{ secret }}",
    "{{< shortcode >}}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- c -->",
    "[x](javascript:alert(1))",
    "[x](/etc/passwd)",
    "![i](../../x.png)",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:x",
    "https://example.org/ok",
    "mailto:a@example.org",
    "x@example.org",
    "`code` ``c`` `x`_ `x <javascript:y>`__",
    "*em* **strong** _u_ __d__",
    "|sub| [1]_ [#]_ [^1] [^1]: note",
    ":date: 2099-01-01",
    ":role:`x`",
    "1. ",
    "2) ",
    "#. ",
    "(a) ",
    "- ",
    "* ",
    "+ ",
    "> ",
    "# ",
    "% ",
    "(label)=",
    "+++",
    "---",
    "===",
    "::",
    "\\",
    "$x$ $$y$$",
    "&amp; &#60; &lt;",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x07",
    "\r\n",
    "\u2028",
    "é ß 漢字",
]
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    ),
    max_size=8,
).map("".join)
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def myst_doctree(text: str) -> nodes.document:
    return publish_doctree(
        text,
        parser=MystParser(),
        settings_overrides={"report_level": 5, "halt_level": 5, "file_insertion_enabled": False},
    )


def rst_doctree(text: str) -> nodes.document:
    return publish_doctree(
        text,
        settings_overrides={"report_level": 5, "halt_level": 5, "file_insertion_enabled": False},
    )


def node_kinds(doctree: nodes.Node) -> set[str]:
    return {node.__class__.__name__ for node in doctree.findall()}


def expected_text(text: str) -> str:
    return tidy(drop_controls(text)[0])


# -- the escapes, many strings each ---------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(HOSTILE)
def test_escaped_text_reads_back_as_the_text_in_myst(text):
    doctree = myst_doctree(escape_myst(drop_controls(text)[0]))
    assert node_kinds(doctree) <= {"document", "paragraph", "Text"}
    assert doctree.astext() == expected_text(text)


@settings(max_examples=250, deadline=None)
@given(HOSTILE)
def test_escaped_text_reads_back_as_the_text_in_rst(text):
    doctree = rst_doctree(escape_rst(drop_controls(text)[0]))
    assert node_kinds(doctree) <= {"document", "paragraph", "Text", "reference"}
    for reference in doctree.findall(nodes.reference):
        assert reference["refuri"].startswith("mailto:")  # a bare e-mail address
    assert doctree.astext() == expected_text(text)


#: What Markdown re-written from its tree may hold.
MARKDOWN_NODES = {
    "document",
    "paragraph",
    "Text",
    "emphasis",
    "strong",
    "literal",
    "literal_block",
    "bullet_list",
    "enumerated_list",
    "list_item",
    "block_quote",
    "table",
    "tgroup",
    "colspec",
    "thead",
    "tbody",
    "row",
    "entry",
    "reference",
    "image",
    "transition",
    "section",
    "title",
    "system_message",  # e.g. a heading level skipped: a warning, not content
}


def check_markdown_doctree(doctree: nodes.document) -> None:
    assert node_kinds(doctree) <= MARKDOWN_NODES
    for reference in doctree.findall(nodes.reference):
        assert reference["refuri"].startswith(SAFE_SCHEMES), reference
    for image in doctree.findall(nodes.image):
        assert image["uri"].startswith(("http://", "https://")), image
    for block in doctree.findall(nodes.literal_block):
        assert not block.get("source")


@settings(max_examples=250, deadline=None)
@given(HOSTILE)
def test_markdown_rewritten_from_its_tree_holds_no_directive(text):
    written, _found = safe_markdown(drop_controls(text)[0])
    check_markdown_doctree(myst_doctree(written))


# -- whole imports, built with Sphinx ----------------------------------------------------------

CONF = """\
extensions = ["myst_parser", "sphinxext.seminars"]
exclude_patterns = ["_build", "*.ics", "*.csv", "*.json", "content"]
html_theme = "basic"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
"""
FORMATS = ("myst", "rst", "myst-frontmatter")


def write_sources(folder: Path, rows: list[tuple[str, str, str, str]]) -> dict[str, Path]:
    """The same talks as a Hugo site, a CSV file, a JSON file and an iCalendar feed."""
    folder.mkdir(parents=True, exist_ok=True)
    content = folder / "hugo" / "content" / "event"
    records = []
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["date", "title", "abstract", "speaker", "location"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//fuzz//EN")
    calendar.add("version", "2.0")
    for number, (title, abstract, speaker, body) in enumerate(rows, 1):
        date = f"2024-02-{number:02d} 10:00"
        bundle = content / f"talk-{number}"
        bundle.mkdir(parents=True)
        front = yaml.safe_dump(
            {
                "title": title,
                "date": f"2024-02-{number:02d}T10:00:00",
                "abstract": abstract,
                "authors": [speaker],
                "tags": [title],
                "location": speaker,
            },
            allow_unicode=False,
        )
        (bundle / "index.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        records.append(
            {
                "date": date,
                "title": title,
                "abstract": abstract,
                "speaker": speaker,
                "id": f"j{number}",
            }
        )
        writer.writerow([date, title, abstract, speaker, body])
        event = icalendar.Event()
        event.add("uid", f"fuzz-{number}@example.org")
        event.add("dtstart", dt.datetime(2024, 2, number, 10, tzinfo=dt.UTC))
        event.add("summary", title)
        event.add("description", abstract + body)
        event.add("location", speaker)
        calendar.add_component(event)
    sources = {
        "hugo": folder / "hugo",
        "csv": folder / "talks.csv",
        "json": folder / "talks.json",
        "ics": folder / "talks.ics",
    }
    sources["csv"].write_text(table.getvalue(), encoding="utf-8")
    sources["json"].write_text(json.dumps(records), encoding="utf-8")
    sources["ics"].write_bytes(calendar.to_ical())
    return sources


def import_all(site: Path, sources: dict[str, Path], fmt: str) -> None:
    site.mkdir(parents=True, exist_ok=True)
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    (site / "index.rst").write_text("Archive\n=======\n", encoding="utf-8")
    for kind, source in sources.items():
        argv = ["import", kind, str(source), "-o", str(site / kind), "--format", fmt, "-q"]
        status = main(argv)  # a traceback fails the test here
        assert status in (0, 1)
    for path in site.rglob("*"):
        if path.suffix in (".md", ".rst"):
            data = path.read_bytes()
            assert b"\x00" not in data and b"\x1b" not in data


def built_nodes(make_app, site: Path) -> tuple[set[str], list[str]]:
    """Node kinds of every document, and every link to a scheme other than http(s)/mailto."""
    app = make_app("dummy", srcdir=site, freshenv=True)
    app.build()
    kinds: set[str] = set()
    bad: list[str] = []
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        kinds |= node_kinds(doctree)
        for node in doctree.findall(nodes.reference):
            uri = node.get("refuri", "")
            if ":" in uri.split("/")[0] and not uri.startswith(SAFE_SCHEMES):
                bad.append(f"{docname}: {uri}")
        for node in doctree.findall(nodes.image):
            if not str(node.get("uri")).startswith(("http://", "https://")):
                bad.append(f"{docname}: image {node.get('uri')}")
        for node in doctree.findall(nodes.literal_block):
            if node.get("source"):
                bad.append(f"{docname}: included {node['source']}")
    return kinds, bad


@pytest.fixture(scope="module")
def benign_kinds(tmp_path_factory, make_app_module) -> dict[str, set[str]]:
    """Node kinds a harmless import makes, per format: what a hostile one may make."""
    row = ("A title", "An abstract.", "Ada Lovelace (UCL)", "Some notes.")
    folder = tmp_path_factory.mktemp("benign")
    sources = write_sources(folder / "sources", [row, row])
    found = {}
    for fmt in FORMATS:
        site = folder / fmt
        import_all(site, sources, fmt)
        kinds, bad = built_nodes(make_app_module, site)
        assert bad == []
        found[fmt] = kinds
    return found


@pytest.fixture(scope="module")
def make_app_module(request):
    """``make_app`` for module-scoped fixtures (Sphinx's own one is function-scoped)."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(HOSTILE, HOSTILE, HOSTILE, HOSTILE), min_size=12, max_size=12))
def test_hostile_imports_build_to_data_only(
    make_app_module, benign_kinds, tmp_path_factory, capsys, rows
):
    folder = tmp_path_factory.mktemp("hostile")
    sources = write_sources(folder / "sources", rows)
    for fmt in FORMATS:
        site = folder / fmt
        import_all(site, sources, fmt)
        capsys.readouterr()
        kinds, bad = built_nodes(make_app_module, site)
        assert bad == []
        allowed = benign_kinds[fmt] | MARKDOWN_NODES
        assert kinds - allowed == set()
