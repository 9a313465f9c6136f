# Filter bar, month view and sidebar widgets (tests/test_filters.py and the browser tests).
project = "Filter tests"
extensions = ["sphinxext.seminars"]
html_theme = "alabaster"
language = "en"
seminars_now = "2030-01-01T00:00:00+00:00"
seminars_timezone = "Europe/Rome"
html_sidebars = {"**": ["seminars/next-talks.html", "seminars/topics-cloud.html"]}
exclude_patterns = ["_build"]
