# One small archive, built once per language by tests/test_i18n.py.
project = "Archivio"
extensions = ["sphinxext.seminars"]
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_series = {
    "Seminari di analisi stocastica": {
        "timezone": "Europe/Rome",
        "location": "Aula 2",
        "organisers": "Franco Flandoli; Marco Romito",
        "schedule": "Mercoledì, 14:00",
        "online": "https://meet.example.org/analisi",
    },
}
seminars_speakers = {"Anna Malatesta": {"homepage": "https://example.org/~malatesta"}}
