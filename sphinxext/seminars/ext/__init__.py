"""sphinxext.seminars.ext."""
