extensions = ["myst_parser", "sphinxext.seminars"]
project = "Exports & <Friends>"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/archive/"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_feed_past_talks = 2
seminars_series = {
    "Probability Seminar": {
        "organisers": "Ada Lovelace (UCL); Carl Gauss",
        "location": "Room 1",
    },
}
