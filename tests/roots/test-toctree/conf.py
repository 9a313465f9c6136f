extensions = ["sphinxext.seminars"]
project = "Toctree"
seminars_toctree_warning_threshold = 3
