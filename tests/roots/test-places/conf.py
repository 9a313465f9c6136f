extensions = ["myst_parser", "sphinxext.seminars"]
project = "Places"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_venues = {
    "dima-508": {
        "name": "UniGe DIMA",
        "room": "Room 508",
        "address": "Via Dodecaneso 35",
        "city": "Genova",
        "country": "Italy",
        "coordinates": "44.4029, 8.9582",
        "accessibility": "Step-free access from the lift <b>B</b>.",
        "phone": "+39 010 353 6939",
    },
}
