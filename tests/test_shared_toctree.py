"""The theme's navigation of pages outside the toctree is computed once per folder.

The pages must be byte-identical to those Sphinx renders page by page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinxext.seminars.ext import shared_toctree

TALK = """\
.. talk:: {title}
   :speaker: {speaker}
   :date: {date}
   :series: Colloquium
"""

FILES = {
    "conf.py": 'extensions = ["sphinxext.seminars"]\n'
    'seminars_now = "2024-06-01T12:00:00+00:00"\nseminars_feeds = False\n',
    "index.rst": "Home\n====\n\n.. toctree::\n\n   about\n   talks/in-toc\n\n"
    ".. talks::\n   :limit: 10\n",
    "about.rst": "About\n=====\n\nText.\n",
    "talks/a.rst": TALK.format(title="A", speaker="Ada One", date="2023-01-10 14:00"),
    "talks/b.rst": TALK.format(title="B", speaker="Bo Two", date="2023-02-10 14:00"),
    "talks/in-toc.rst": TALK.format(title="In toc", speaker="Cy Three", date="2023-03-10 14:00"),
    "talks/2024/c.rst": TALK.format(title="C", speaker="Ada One", date="2024-01-10 14:00"),
}


def write_site(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def html_files(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def counted_build(srcdir: Path, outdir: Path, monkeypatch: pytest.MonkeyPatch, theme: str):
    """Build; return the app and how often Sphinx computed a page's toctree."""
    calls = []
    original = StandaloneHTMLBuilder._get_local_toctree

    def counting(self, docname, *args, **kw):
        calls.append(docname)
        return original(self, docname, *args, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting)
        # The test app's default theme ("basic") shows no toctree.
        app = build_site("html", srcdir, outdir, confoverrides={"html_theme": theme})
    return app, calls


@pytest.mark.parametrize("theme", ["alabaster", "furo", "sphinx_rtd_theme"])
def test_pages_are_those_sphinx_renders(tmp_path, monkeypatch, theme):
    srcdir = write_site(tmp_path / "src")
    shared, shared_calls = counted_build(srcdir, tmp_path / "shared", monkeypatch, theme)
    with monkeypatch.context() as patch:
        patch.setattr(shared_toctree.SharedToctree, "_shared", lambda *args: False)
        each, each_calls = counted_build(srcdir, tmp_path / "each", monkeypatch, theme)
    assert html_files(Path(shared.outdir)) == html_files(Path(each.outdir))
    # Talk pages a and b share a folder: only the first of them is computed.
    assert {"talks/a", "talks/b"} <= set(each_calls)
    assert len({"talks/a", "talks/b"} & set(shared_calls)) == 1
    assert len(shared_calls) < len(each_calls)


def test_a_talk_page_in_the_toctree_is_left_to_sphinx(tmp_path, monkeypatch):
    srcdir = write_site(tmp_path / "src")
    app, calls = counted_build(srcdir, tmp_path / "out", monkeypatch, "alabaster")
    assert "talks/in-toc" in calls and "about" in calls and "index" in calls

    def current(name: str) -> list[str]:
        tree = BeautifulSoup(Path(app.outdir, name).read_text(encoding="utf-8"), "html5lib")
        return [a.get_text() for a in tree.select(".sphinxsidebar li.current > a")]

    assert current("talks/in-toc.html") == ["In toc"]
    assert current("talks/a.html") == []
    assert current("talks/b.html") == []
