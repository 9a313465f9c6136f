"""CSS and JavaScript for HTML builders."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parents[1] / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the value is the same on every build (a change
    # later would be seen as a changed configuration).
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_script_messages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Hand the page's script its few words in the site's language."""
    # The script puts the converted time where {time} stands.
    text = html.escape(_("{time} your time"), quote=True)
    context["metatags"] = (
        context.get("metatags", "") + f'<meta name="seminars-your-time" content="{text}">\n'
    )


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_script_messages)
    app.add_css_file("seminars.css")
    app.add_css_file("seminars-print.css", media="print")
    app.add_js_file("seminars.js", loading_method="defer")
