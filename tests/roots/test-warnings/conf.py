extensions = ["sphinxext.seminars", "myst_parser"]
project = "Warnings"
seminars_now = "2024-01-01T00:00:00+00:00"
