"""The pure core: the model, every option parser, warning subtypes, directive text.

Plain Python (no Sphinx, no docutils): what a talk, a series, a listing query is,
how every directive option and configuration value is read into them, and how a
talk is written back as directive or front-matter text (for the ``sphinx-seminars``
command). Imports nothing else of the package.
"""
