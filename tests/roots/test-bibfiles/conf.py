extensions = ["sphinxext.seminars"]
project = "Bibfiles"
seminars_bibfiles = ["papers.bib"]
seminars_now = "2024-01-01T00:00:00+00:00"
