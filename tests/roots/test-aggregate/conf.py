project = "Department"
extensions = ["sphinxext.seminars"]
html_theme = "basic"
html_baseurl = "https://dept.example.org/"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_timezone = "Europe/Rome"
exclude_patterns = ["_build"]
seminars_sources = {
    "probability": "sources/probability.json",
    "hostile": "sources/hostile.json",
}
