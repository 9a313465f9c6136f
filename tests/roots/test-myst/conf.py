extensions = ["sphinxext.seminars", "myst_parser"]
myst_enable_extensions = ["colon_fence", "dollarmath"]
project = "Basic"
html_theme = "basic"
seminars_timezone = "Europe/Rome"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_series = {"MaLGa seminars": {"timezone": "Europe/Rome", "location": "Room 508, UniGe DIMA"}}
