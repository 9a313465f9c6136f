extensions = ["sphinxext.seminars", "sphinxcontrib.bibtex"]
project = "Bibtex"
bibtex_bibfiles = ["refs.bib"]
seminars_now = "2024-01-01T00:00:00+00:00"
