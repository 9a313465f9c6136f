"""Talks written the way people write them: understood, or warned about with the form to write."""

extensions = ["myst_parser", "sphinxext.seminars"]
project = "Authoring"
html_theme = "basic"
exclude_patterns = ["_build"]
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_speakers = {
    "Ada Lovelace": {"afiliation": "University of London", "twitter": "@ada", "bio": "Mathematician."},
}
seminars_series = {"Probability": {"location": "Room 1", "organizers": "Ada Lovelace"}}
