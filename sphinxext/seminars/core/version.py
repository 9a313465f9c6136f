"""The package's version (``sphinxext.seminars.__version__``), where every layer can read it."""

__version__ = "0.1.0"
