project = "Browser tests"
extensions = ["sphinxext.seminars"]
language = "en"
seminars_timezone = "Europe/Rome"
# The build-time view: every talk is still to come. The browser's clock moves on.
seminars_now = "2030-01-01T00:00:00+00:00"
html_theme = "alabaster"
