project = "Feeds Test"
extensions = ["sphinxext.seminars"]
html_theme = "basic"
html_baseurl = "https://seminars.example.org/archive/"
seminars_timezone = "Europe/Rome"
# A pinned "now": which talks are upcoming does not depend on the day the tests run.
seminars_now = "2023-01-01T00:00:00+00:00"
seminars_calendar_description = "Talks of the Feeds Test group"
# Speaker/series pages are not what these tests are about.
seminars_generate_pages = False
