"""sphinxext.seminars.core."""
