"""Screenshots of the demo archive in every tested theme, for the docs' themes page.

The demo archive (``docs/demo``) is built once per theme with "now" pinned, and
its front page (upcoming talks as cards, the past ones, the speakers cloud) is
photographed at 1100 px, light and, for themes that have one, dark. Every run
takes the screenshots; ``SEMINARS_UPDATE_SCREENSHOTS=1`` also writes them, reduced
to a small palette, into ``docs/screenshots/`` (the files the docs show).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parents[2]
DEMO = REPO / "docs" / "demo"
OUT = REPO / "docs" / "screenshots"
THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
DARK_THEMES = {"furo", "pydata_sphinx_theme", "sphinx_book_theme"}
SHOTS = [(theme, "light") for theme in THEMES] + [
    (theme, "dark") for theme in THEMES if theme in DARK_THEMES
]
#: The demo's "now": its 2022 and 2024 talks are past, the made-up 2027-28 ones to come.
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)

CONF = f'''
project = "Seminar archive"
extensions = ["sphinxext.seminars", "myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
source_suffix = {{".rst": "restructuredtext", ".md": "markdown"}}
seminars_timezone = "Europe/Rome"
seminars_now = "{NOW.isoformat()}"
html_baseurl = "https://seminars.example.org/"
html_title = "Seminar archive"
'''


def file_name(theme: str, scheme: str) -> str:
    return f"{theme.replace('_', '-')}-{scheme}.png"


def test_every_theme_has_its_screenshots_in_the_docs() -> None:
    found = {path.name for path in OUT.glob("*.png")}
    assert found == {file_name(theme, scheme) for theme, scheme in SHOTS}
    for name in found:
        assert (OUT / name).stat().st_size < 120_000, f"{name}: keep screenshots small"
    page = (REPO / "docs" / "themes.rst").read_text(encoding="utf-8")
    for name in found:
        assert f"screenshots/{name}" in page


@pytest.fixture(scope="session", params=THEMES)
def demo_site(request, browser, tmp_path_factory, site_builder, http_server) -> Iterator[Any]:
    theme = request.param
    if theme != "alabaster":
        pytest.importorskip(theme, reason=f"{theme} is not installed (pip install -e '.[test]')")
    srcdir = tmp_path_factory.mktemp(f"demo-{theme}") / "src"
    shutil.copytree(DEMO, srcdir)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    outdir = site_builder(srcdir, tmp_path_factory.mktemp(f"demo-out-{theme}"), html_theme=theme)
    with http_server(outdir) as server:
        server.theme = theme
        yield server


def small_png(data: bytes) -> bytes:
    """The screenshot with a 64-colour palette (text and flat colours stay sharp)."""
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is not installed")
    image = image_module.open(io.BytesIO(data)).convert("RGB")
    small = image.quantize(colors=64, method=image_module.Quantize.MEDIANCUT, dither=0)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_demo_screenshots(demo_site, browser, tmp_path) -> None:
    for theme, scheme in (shot for shot in SHOTS if shot[0] == demo_site.theme):
        context = browser.new_context(
            viewport={"width": 1100, "height": 760},
            color_scheme=scheme,
            timezone_id="Europe/Rome",
            locale="en-US",
        )
        try:
            page = context.new_page()
            page.clock.set_fixed_time(NOW)
            page.goto(demo_site.url + "index.html", wait_until="load")
            # The screen starts just above "Upcoming" (below a sticky header): its cards.
            page.evaluate(
                "window.scrollTo(0, document.getElementById('upcoming')"
                ".getBoundingClientRect().top + window.scrollY - 150)"
            )
            assert page.locator(".seminars-card").count() >= 3
            data = page.screenshot(type="png")
        finally:
            context.close()
        name = file_name(theme, scheme)
        (tmp_path / name).write_bytes(data)
        if os.environ.get("SEMINARS_UPDATE_SCREENSHOTS"):
            OUT.mkdir(exist_ok=True)
            (OUT / name).write_bytes(small_png(data))
