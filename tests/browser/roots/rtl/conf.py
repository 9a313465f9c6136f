# A right-to-left site; tests/browser/test_rtl.py builds it in Hebrew and in Arabic.
project = "ארכיון הסמינרים"
extensions = ["sphinxext.seminars"]
language = "he"
html_theme = "alabaster"
html_baseurl = "https://seminars.example.org/"
# Sphinx's themes leave the page's direction to the site: see _templates/layout.html.
templates_path = ["_templates"]
seminars_timezone = "Asia/Jerusalem"
seminars_now = "2030-01-01T00:00:00+00:00"
seminars_series = {
    "סמינר בהסתברות": {
        "timezone": "Asia/Jerusalem",
        "location": "בניין 1, חדר 101",
        "organisers": "Franco Flandoli; מרקו רומיטו",
        "schedule": "ימי רביעי, 14:00",
        "online": "https://meet.example.org/probability-seminar-with-a-long-address",
    },
}
