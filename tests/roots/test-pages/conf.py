extensions = ["sphinxext.seminars"]
html_theme = "alabaster"
project = "Pages"
seminars_now = "2024-06-01T12:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_speaker_aliases = {"Lenka Zdeborova": "Lenka Zdeborová"}
seminars_series = {
    "Math Colloquium": {
        "description": "Monthly colloquium <b>for everyone</b>.",
        "organisers": "Ada Lovelace; Alan Turing",
        "schedule": "Mondays, 16:00",
    },
}
seminars_speakers = {
    "Lenka Zdeborová": {
        "affiliation": "EPFL",
        "homepage": "https://spoc.epfl.ch/",
        "orcid": "0000-0002-1825-0097",
        "photo": "https://example.org/lenka.jpg",
    },
    "Mikhail Belkin": {"homepage": "javascript:alert(1)", "photo": "photos/belkin.png"},
}
seminars_feeds = False  # the pages do not depend on the feeds
