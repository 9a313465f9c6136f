"""A varied archive for byte-for-byte comparisons of builds (clean, again, -j 2, -j 4).

"Now" is not pinned here: the tests set or unset SOURCE_DATE_EPOCH themselves.
"""

extensions = ["myst_parser", "sphinxext.seminars"]
project = "Reproducible"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/archive/"
myst_enable_extensions = ["colon_fence", "dollarmath"]
exclude_patterns = ["_build"]
seminars_timezone = "Europe/Rome"
seminars_speaker_aliases = {"Lenka Zdeborova": "Lenka Zdeborová"}
seminars_series = {
    "Colloquium": {"timezone": "America/New_York", "location": "Hall 2", "organisers": "Ada Lovelace"},
}
seminars_speakers = {
    "Alan Turing": {"affiliation": "Manchester", "bio": "Alan Turing wrote on computable numbers."},
}
seminars_venues = {
    "dima-508": {
        "name": "UniGe DIMA",
        "room": "Room 508",
        "address": "Via Dodecaneso 35",
        "city": "Genova",
        "country": "Italy",
        "coordinates": "44.4029, 8.9582",
    },
}
