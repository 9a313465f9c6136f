"""The site of the bad-input catalogue: ``cases/`` is written by the test from its table."""

extensions = ["myst_parser", "sphinx_design", "sphinxext.seminars"]
project = "Catalogue"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_venues = {"catalogue-room": {"room": "Room 1", "name": "Catalogue building"}}
