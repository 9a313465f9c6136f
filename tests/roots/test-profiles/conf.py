extensions = ["myst_parser", "sphinxext.seminars"]
project = "Profiles"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
seminars_now = "2024-06-01T12:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_speakers = {
    "Ada Lovelace": {
        "affiliation": "University of London",
        "pronouns": "she/her",
        "bio": "Ada wrote the first program.\n\nShe worked with Babbage.",
        "aliases": ["A. Lovelace"],
        "orcid": "https://orcid.org/0000-0002-1694-233X",
        "homepage": "https://example.org/ada",
        "photo": "photos/ada.svg",
    },
    # Also declared by a directive, which wins.
    "Carl Gauss": {"affiliation": "From conf.py"},
    "Emmy Noether": {"orcid": "0000-0002-1825-0098", "affiliaton": "Erlangen"},
}
seminars_series = {
    "Colloquium": {
        "organisers": "Grace Hopper <grace.x7q@example.org>; Alan Turing (https://example.org/turing); Nobody <not-an-address>",
    },
}
