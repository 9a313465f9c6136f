"""sphinxext.seminars.store."""
