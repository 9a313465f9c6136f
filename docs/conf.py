"""Sphinx configuration of the sphinxext-seminars documentation and demo archive."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinxext.seminars import __version__  # noqa: E402

project = "sphinxext-seminars"
author = "sphinxext-seminars developers"
copyright = "2025, sphinxext-seminars developers"  # noqa: A001
version = release = __version__

extensions = [
    "sphinxext.seminars",
    "myst_parser",
    "sphinx_design",
    # Local: the configuration and warnings tables, generated from the code.
    "seminars_docs",
]

# Builds (Read the Docs included) are offline: no intersphinx.
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# Keep configuration values and directive options out of the pages' local tables of contents.
toc_object_entries = False

# -- the demo archive ---------------------------------------------------------

# Talks whose series and page name no zone are in Rome (the department's seminar).
seminars_timezone = "Europe/Rome"
# "now" is the clock: the demo has past talks and talks far in the future, so
# "Upcoming" and "Past" are both filled whatever day the docs are built.
# The page with the lines another site copies to show the demo's next talks.
seminars_embed_page = True

# -- HTML ---------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"sphinxext-seminars {release}"
html_baseurl = "https://sphinxext-seminars.readthedocs.io/en/latest/"
html_static_path: list[str] = []
# The demo archive's pages show the next talks and the topics in alabaster's sidebar;
# seminars_docs sets html_sidebars when the theme is alabaster (the docs are also built
# with -D html_theme=furo and others, which have sidebars of their own).

# -- LaTeX --------------------------------------------------------------------

latex_documents = [
    ("index", "sphinxext-seminars.tex", "sphinxext-seminars", author, "manual"),
]

# The demo series' private meeting link is a placeholder, and the docs are built without
# -d (doctrees inside the output folder), which would otherwise warn (seminars.private-link).
suppress_warnings = ["seminars.private-link"]
