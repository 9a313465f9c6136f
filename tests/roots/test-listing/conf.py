project = "Listing test"
extensions = ["sphinxext.seminars", "sphinx_design", "myst_parser"]
html_theme = "basic"
myst_enable_extensions = ["colon_fence"]
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_timezone = "Europe/London"
exclude_patterns = ["_build"]
