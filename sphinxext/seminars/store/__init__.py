"""The Sphinx side's base: configuration, the ``seminars`` domain, the freshness registry.

The domain stores talks and series per document and derives the whole-site view
(:class:`.domain.SiteIndex`); the freshness registry decides which pages are
written again. Also the translated labels and the warning logger. Imports only
the core.
"""
