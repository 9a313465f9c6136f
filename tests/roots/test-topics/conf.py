extensions = ["myst_parser", "sphinxext.seminars"]
exclude_patterns = ["_build"]
html_theme = "basic"
project = "Topics"
html_baseurl = "https://example.org/archive/"
seminars_now = "2024-06-01T12:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_tag_aliases = {"ML": "machine learning", "Stochastics": "probability"}
seminars_tags = [
    "probability",
    "machine learning",
    "topology",
    'Q&A <script>alert("x")</script>',
]
seminars_kinds = ["journal club"]
