"""The doctree side: nodes and visitors, directives, transforms, listings, pages.

Everything that reads or writes docutils nodes: the directives and what they
store, the post-transforms that fill listings, clouds and talk details, the
generated speaker/series/event pages, and the talk-page links to the files of
``publish/``. Imports the core, the store and ``publish/``.
"""
