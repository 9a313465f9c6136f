# One small archive shown in every tested theme (tests/browser/test_themes.py)
# and checked by the validators (tests/test_markup.py). The theme comes from
# the build's overrides; "now" is pinned, so upcoming and past never move.
project = "Theme tests"
extensions = ["sphinxext.seminars"]
language = "en"
seminars_timezone = "Europe/Rome"
seminars_now = "2030-01-01T00:00:00+00:00"
html_baseurl = "https://seminars.example.org/"
html_theme = "alabaster"
