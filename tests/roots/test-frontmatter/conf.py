extensions = ["myst_parser", "sphinxext.seminars"]
exclude_patterns = ["_build"]
html_theme = "basic"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
