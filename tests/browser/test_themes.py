"""The extension in the themes it is tested with: desktop and phone, light and dark.

``roots/test-themes`` is built once per theme (session-scoped), served, and each
of its pages is opened at 1280 and 390 px wide, with the reader's system in light
and in dark mode. On every page: no horizontal scrolling, no list bullets in the
extension's lists, cards whose text does not touch their border, a table whose
columns are all in view (desktop), the reader's-time note never starting a line
with its "·", room between papers and around "Cite this talk", and axe finds no
WCAG 2.1 A/AA violation in the extension's own elements (contrast included).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
PAGES = [
    "talk.html",
    "old.html",
    "listings.html",
    "seminars/speakers/lenka-zdeborova.html",
    "cloud.html",
    "month.html",
]
#: Widths and colour schemes: desktop and phone, light and dark; and the
#: narrowest phone, where only the layout is checked.
VARIANTS = [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark"), (320, "light")]
#: Themes that follow the reader's dark mode (the others stay light).
DARK_THEMES = {"furo", "pydata_sphinx_theme", "sphinx_book_theme"}
#: The extension's own elements: what axe and the layout checks look at.
OURS = [
    "article.seminars-talk",
    "div.seminars-listing",
    "p.seminars-feed-links",
    "ul.seminars-cloud",
    "section.seminars-page",
    "nav.seminars-sidebar",
]
#: The sidebar widgets, added to each theme's own sidebar as docs/themes.rst says.
WIDGETS = ["seminars/next-talks.html", "seminars/topics-cloud.html"]
SIDEBARS = {
    "alabaster": ["about.html", "searchfield.html", "navigation.html", *WIDGETS],
    "furo": [
        "sidebar/scroll-start.html",
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/navigation.html",
        *WIDGETS,
        "sidebar/scroll-end.html",
    ],
    # Shown by the layout.html of docs/themes.rst (the theme ignores html_sidebars).
    "sphinx_rtd_theme": WIDGETS,
    "pydata_sphinx_theme": ["sidebar-nav-bs.html", *WIDGETS],
    "sphinx_book_theme": [
        "navbar-logo.html",
        "icon-links.html",
        "search-button-field.html",
        "sbt-sidebar-nav.html",
        *WIDGETS,
    ],
}
ROOT = Path(__file__).parents[1] / "roots" / "test-themes"

_LAYOUT = r"""
([ours, themeWidth]) => {
  const problems = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  // The page is no wider than the screen, or than the theme alone makes it (pydata's
  // header sticks out of a 390 px screen by itself; see the plain page).
  if (doc.scrollWidth > Math.max(width, themeWidth) + 1) {
    problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${width}`);
  }
  // A theme's phone menu is a fixed drawer kept off the screen (furo, sphinx-rtd-theme)
  // or sliding in (book) until opened: what is inside it is not laid out on the page.
  const inDrawer = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).position !== "fixed") continue;
      const box = up.getBoundingClientRect();
      if (box.left < -1 || box.right > width + 1) return true;
    }
    return false;
  };
  const mine = Array.from(document.querySelectorAll(ours.join(","))).filter((el) => shown(el) && !inDrawer(el));
  for (const root of mine) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 || box.left < -1) {
        problems.push(`${name(el)} out of the screen: ${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
        break;
      }
    }
  }
  // No bullets in the extension's lists.
  for (const li of document.querySelectorAll("ul.seminars-listing-list > li, ul.seminars-cloud > li, ul.seminars-page-talks > li, ul.seminars-sidebar-talks > li, ul.seminars-day-talks > li")) {
    const style = getComputedStyle(li);
    if (style.display === "list-item" && style.listStyleType !== "none") {
      problems.push(`bullet (${style.listStyleType}) on ${name(li)}`);
    }
  }
  // Cards: their text keeps off the border on both sides.
  for (const card of document.querySelectorAll(".seminars-card")) {
    if (!shown(card)) continue;
    const title = card.querySelector(".seminars-card-title, .sd-card-title");
    if (!title) { problems.push("card without a title"); continue; }
    const outer = card.getBoundingClientRect();
    const inner = title.getBoundingClientRect();
    const start = inner.left - outer.left, end = outer.right - inner.right;
    if (start < 6 || end < 6) problems.push(`card text touches its border (${start.toFixed(1)}, ${end.toFixed(1)} px)`);
  }
  // The reader's-time note never starts a line with its "·".
  for (const note of document.querySelectorAll(".seminars-localtime")) {
    const dot = note.firstChild;
    const before = note.previousSibling;
    if (!dot || !before || dot.nodeType !== 3 || before.nodeType !== 3) { problems.push("local time note without its separator"); continue; }
    const range = document.createRange();
    range.setStart(dot, 0); range.setEnd(dot, 1);
    const dotBox = range.getClientRects()[0];
    range.setStart(before, 0); range.setEnd(before, before.length);
    const rects = range.getClientRects();
    const beforeBox = rects[rects.length - 1];
    const middle = (box) => (box.top + box.bottom) / 2;
    if (!dotBox || !beforeBox || middle(dotBox) < beforeBox.top || middle(dotBox) > beforeBox.bottom) {
      problems.push(`"·" starts a line: ${JSON.stringify(note.textContent)}`);
    }
  }
  // Room between papers, and around "Cite this talk".
  const gaps = [];
  const papers = Array.from(document.querySelectorAll(".seminars-paper")).filter(shown);
  for (let i = 1; i < papers.length; i++) {
    if (papers[i].parentElement === papers[i - 1].parentElement) gaps.push(["papers", papers[i - 1], papers[i]]);
  }
  for (const cite of document.querySelectorAll("details.seminars-cite")) {
    const next = cite.nextElementSibling;
    if (next && shown(next)) gaps.push(["Cite this talk", cite, next]);
  }
  for (const [what, above, below] of gaps) {
    const gap = below.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
    if (gap < 6) problems.push(`${what}: only ${gap.toFixed(1)} px between ${name(above)} and ${name(below)}`);
  }
  return problems;
}
"""

_COLUMNS = r"""
() => {
  const problems = [];
  for (const table of document.querySelectorAll("table.seminars-listing-table")) {
    const cells = Array.from(table.rows[0] ? table.rows[0].cells : []);
    if (!cells.length) problems.push("table without cells");
    // Every column is inside the screen and inside each box that would clip it
    // (a scrolling wrapper such as sphinx-rtd-theme's or pydata's).
    const frames = [{ right: document.documentElement.clientWidth, name: "the screen" }];
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX === "visible") continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(`table scrolls inside ${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
      frames.push({ right: el.getBoundingClientRect().right, name: el.className });
    }
    for (const cell of cells) {
      const box = cell.getBoundingClientRect();
      for (const frame of frames) {
        if (box.width < 1 || box.right > frame.right + 1) {
          problems.push(`column "${cell.textContent.trim()}" is not in view (${frame.name})`);
        }
      }
    }
  }
  return [...new Set(problems)];
}
"""

_AXE = r"""
async (ours) => {
  const include = ours.filter((selector) => document.querySelector(selector)).map((s) => [s]);
  if (!include.length) return ["none of the extension's elements on the page"];
  const result = await axe.run(
    { include },
    { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"] },
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}: ${(n.failureSummary || "").split("\n").slice(1, 2).join(" ")}`),
  );
}
"""


@pytest.fixture(scope="session", params=THEMES)
def theme_site(
    request: pytest.FixtureRequest, browser, tmp_path_factory, site_builder, http_server
) -> Iterator[Any]:
    theme = request.param
    if theme != "alabaster":
        pytest.importorskip(theme, reason=f"{theme} is not installed (pip install -e '.[test]')")
    srcdir = tmp_path_factory.mktemp(f"src-{theme}") / "src"
    shutil.copytree(ROOT, srcdir)
    overrides: dict[str, Any] = {"html_sidebars": {"**": SIDEBARS[theme]}}
    if theme == "sphinx_rtd_theme":
        overrides["templates_path"] = ["_templates_rtd"]
    outdir = site_builder(srcdir, tmp_path_factory.mktemp(theme), html_theme=theme, **overrides)
    with http_server(outdir) as server:
        server.theme = theme
        yield server


@pytest.fixture(scope="session")
def axe_script() -> Path:
    from validators import axe_js, axe_missing

    reason = axe_missing()
    if reason:
        pytest.skip(reason)
    path = axe_js()
    assert path is not None
    return path


@dataclass
class Loaded:
    """A page opened once and checked at every width and colour scheme."""

    page: Any
    problems: list[str] = field(default_factory=list)


class PageCache:
    """Pages kept open across the width and scheme variants of one theme.

    A page is loaded and given axe once; the tests then change its viewport
    and the reader's colour scheme (the themes' CSS and scripts follow both
    live), which keeps the whole matrix within a few minutes on two cores.
    """

    def __init__(self, browser: Any, axe: Path) -> None:
        # A reader in New York: talk times get their "· ... your time" note.
        self.context = browser.new_context(timezone_id="America/New_York")
        self.axe = axe
        self.pages: dict[tuple[str, str], Loaded] = {}
        self.widths: dict[tuple[str, str], int] = {}

    def get(self, site: Any, path: str) -> Loaded:
        key = (site.theme, path)
        if key not in self.pages:
            for other in [k for k in self.pages if k[0] != site.theme]:
                self.pages.pop(other).page.close()
            page = self.context.new_page()
            entry = Loaded(page)
            page.on("pageerror", lambda error: entry.problems.append(f"page error: {error}"))
            page.on("requestfailed", lambda r: entry.problems.append(f"failed: {r.url}"))
            page.on("response", lambda r: self._status(entry, r))
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(site.url + path, wait_until="load")
            page.add_script_tag(path=str(self.axe))
            self.pages[key] = entry
        return self.pages[key]

    def theme_width(self, site: Any, width: int) -> int:
        """How wide the theme alone makes a page (``plain.html``) at ``width``."""
        key = (site.theme, f"plain@{width}")
        if key not in self.widths:
            page = self.context.new_page()
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url + "plain.html", wait_until="load")
            self.widths[key] = page.evaluate("document.documentElement.scrollWidth")
            page.close()
        return self.widths[key]

    @staticmethod
    def _status(entry: Loaded, response: Any) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            entry.problems.append(f"HTTP {response.status}: {response.url}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def loaded_pages(browser, axe_script) -> Iterator[PageCache]:
    cache = PageCache(browser, axe_script)
    yield cache
    cache.close()


_SETTLE = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


_BACKGROUND = r"""
() => {
  // Relative luminance of the page's background (the first opaque one from <body> up).
  for (const el of [document.body, document.documentElement]) {
    const match = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
    if (!match || (match.length === 4 && Number(match[3]) === 0)) continue;
    const [r, g, b] = match.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  return 1;
}
"""


@pytest.mark.parametrize(("width", "scheme"), VARIANTS, ids=[f"{w}-{s}" for w, s in VARIANTS])
@pytest.mark.parametrize("page", PAGES)
def test_extension_fits_the_theme(theme_site, loaded_pages, page, width, scheme):
    entry = loaded_pages.get(theme_site, page)
    theme_width = loaded_pages.theme_width(theme_site, width)
    opened = entry.page
    opened.set_viewport_size({"width": width, "height": 900})
    opened.emulate_media(color_scheme=scheme)
    opened.evaluate(_SETTLE)
    # The variant really is what it says: dark themes went dark, the others stayed light.
    dark = opened.evaluate(_BACKGROUND) < 0.2
    assert dark == (scheme == "dark" and theme_site.theme in DARK_THEMES)
    problems = opened.evaluate(_LAYOUT, [OURS, theme_width])
    if width >= 1280:
        problems += opened.evaluate(_COLUMNS)
    if width >= 390:
        problems += opened.evaluate(_AXE, OURS)
    assert problems == [], f"{theme_site.theme} {page} {width}px {scheme}"
    assert entry.problems == []


def test_widgets_show_in_the_sidebar(theme_site, loaded_pages):
    """On a desktop screen both widgets are in the theme's sidebar, their links in view."""
    page = loaded_pages.get(theme_site, "talk.html").page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(color_scheme="light")
    page.evaluate(_SETTLE)
    for widget, links in (("next-talks", 3), ("topics", 2)):
        nav = page.locator(f"nav.seminars-{widget}")
        assert nav.count() == 1, widget
        nav.scroll_into_view_if_needed()
        assert nav.is_visible(), widget
        assert nav.locator("a").count() >= links, widget
        box = nav.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280, widget


def test_talk_prints_on_one_a4_page(theme_site, loaded_pages):
    """Printed, a talk page is a one-page notice: large title, the details, the abstract."""
    page = loaded_pages.context.new_page()
    try:
        page.goto(theme_site.url + "talk.html", wait_until="load")
        page.emulate_media(media="print")
        sizes = page.evaluate(
            """() => {
              const px = (selector) => {
                const el = document.querySelector(selector);
                return el && el.getClientRects().length ? parseFloat(getComputedStyle(el).fontSize) : 0;
              };
              const hidden = (selector) => Array.from(document.querySelectorAll(selector))
                .every((el) => el.getClientRects().length === 0);
              return {
                title: px("article.seminars-talk > h1"),
                details: px("dl.seminars-meta"),
                abstract: px(".seminars-abstract"),
                screenOnly: hidden(".seminars-calendar-links, details.seminars-cite"),
                link: getComputedStyle(document.querySelector("a.seminars-online-link"), "::after").content,
              };
            }"""
        )
        assert sizes["title"] >= 30  # 24pt
        assert sizes["details"] >= 18 and sizes["abstract"] >= 15
        assert sizes["screenOnly"]
        assert "meet.example.org/colloquium-room" in sizes["link"]
        pdf = page.pdf(format="A4", print_background=False)
        pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
        assert len(pages) == 1, f"{theme_site.theme}: {len(pages)} pages"
    finally:
        page.close()


@pytest.fixture(scope="session")
def design_site(browser, tmp_path_factory, site_builder, http_server) -> Iterator[Any]:
    """furo with sphinx_design in ``extensions``: cards are sphinx-design's own."""
    srcdir = tmp_path_factory.mktemp("src-design") / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = site_builder(
        srcdir,
        tmp_path_factory.mktemp("design"),
        html_theme="furo",
        extensions=["sphinxext.seminars", "sphinx_design"],
    )
    with http_server(outdir) as server:
        server.theme = "furo+sphinx_design"
        yield server


@pytest.mark.parametrize(("width", "scheme"), VARIANTS, ids=[f"{w}-{s}" for w, s in VARIANTS])
def test_cards_are_sphinx_design_cards_with_it(design_site, loaded_pages, width, scheme):
    entry = loaded_pages.get(design_site, "listings.html")
    page = entry.page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.evaluate(_SETTLE)
    assert page.locator(".seminars-card.sd-card").count() == 4
    assert page.locator(".seminars-cards-plain").count() == 0
    problems = page.evaluate(_LAYOUT, [OURS, width])
    if width >= 390:
        problems += page.evaluate(_AXE, OURS)
    assert problems == []
    assert entry.problems == []
