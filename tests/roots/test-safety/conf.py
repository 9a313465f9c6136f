"""A site whose every text field carries HTML, JavaScript, iCalendar, XML or BibTeX syntax."""

extensions = ["myst_parser", "sphinx_design", "sphinxext.seminars"]
project = "Safety"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_timezone = "Europe/Rome"
seminars_calendar_name = 'Cal <script>alert("XSS-calname")</script>\r\nATTENDEE:mailto:evil@example.org ]]> } \\'
seminars_calendar_description = "Desc\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR ]]> & } \\"
seminars_series = {
    'Conf <script>alert("XSS-confseries")</script>': {
        "description": 'Line\r\nBEGIN:VEVENT\r\nATTENDEE:mailto:evil@example.org\r\n</script><img src=x onerror=alert("XSS-confdesc")>',
        "organisers": '<b onmouseover="alert(1)">Org</b> (XSS-org); Eve "onmouseover=alert(1)',
        "location": "Room\r\nATTENDEE:mailto:evil@example.org",
        "schedule": "<i>Mondays</i>\r\nRRULE:FREQ=DAILY",
        "online": "JaVaScRiPt:alert('XSS-confonline')",
    },
}
seminars_speakers = {
    'Mallory <script>alert("XSS-speaker")</script> Evil': {
        "affiliation": '<img src=x onerror=alert("XSS-aff")>',
        "homepage": "javascript:alert('XSS-home')",
        "photo": "data:image/svg+xml,<svg onload=alert('XSS-photo')>",
        "orcid": '"><script>alert(1)</script>',
    },
}
seminars_venues = {
    "hall": {
        "name": 'Hall <script>alert("XSS-vname")</script> ]]> & } \\',
        "room": '"onmouseover="alert(\'XSS-vroom\')',
        "address": "Street\r\nATTENDEE:mailto:evil@example.org",
        "city": "</script><img src=x onerror=alert('XSS-vcity')>",
        "country": "{\\end{document}}",
        "coordinates": "44.4, 8.9",
        "map": "javascript:alert('XSS-vmap')",
        "accessibility": '<b onmouseover="alert(1)">Org</b>',
        "phone": "+39 010 1234",
    },
}
