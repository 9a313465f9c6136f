"""sphinxext.seminars.publish."""
