"""sphinxext-seminars: a seminar archive in any Sphinx site.

Add ``"sphinxext.seminars"`` to ``extensions`` in ``conf.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core.version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bumped whenever the stored data changes shape, so old environments are re-read
#: (it shows in every search index, so only then). The domain's own data has a
#: ``data_version`` too.
ENV_VERSION = 3  # 3: Talk.source/url/uid and ListingQuery.sources (other sites' talks)


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here so that `import sphinxext.seminars` (e.g. for __version__)
    # stays cheap and free of Sphinx. The layers (see ARCHITECTURE.md):
    # core/ (pure), store/ (config, domain, freshness), publish/ (output files),
    # ext/ (nodes, directives, transforms, pages); only this function sees them all.
    from .ext.assets import setup_assets
    from .ext.cloud import cloud_fingerprint, setup_cloud
    from .ext.decorations import setup_decorations
    from .ext.directives import setup_directives
    from .ext.frontmatter import setup_frontmatter
    from .ext.listings import listing_fingerprint, setup_listings
    from .ext.media import setup_media
    from .ext.navigation import nav_fingerprint, setup_navigation
    from .ext.nodes import setup_nodes
    from .ext.pages import setup_pages
    from .ext.papers import setup_papers
    from .ext.places import setup_places
    from .ext.private import setup_private
    from .ext.shared_toctree import setup_shared_toctree
    from .ext.transforms import setup_transforms
    from .ext.widgets import setup_widgets
    from .publish import setup_publish
    from .publish.outputs import setup_outputs
    from .store.config import setup_config
    from .store.domain import setup_domain
    from .store.freshness import (
        Freshness,
        reference_fingerprint,
        setup_freshness,
        talk_fingerprint,
    )
    from .store.i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME
    from .store.sources import setup_sources, source_fingerprint

    # Every "page X depends on Y" of the extension, declared here and nowhere else.
    freshness = Freshness()
    freshness.declare("ref", reference_fingerprint)  # :talk:, :speaker:, ... references
    freshness.declare("talk", talk_fingerprint)  # a talk page's own talk, resolved
    freshness.declare("nav", nav_fingerprint)  # a talk page's previous/next links
    freshness.declare("listing", listing_fingerprint)  # a ``talks`` listing
    freshness.declare("cloud", cloud_fingerprint)  # a ``speakers-cloud``
    freshness.declare("source", source_fingerprint)  # another site's talks.json

    setup_config(app)
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_transforms(app)
    setup_navigation(app)
    setup_sources(app)  # before the registry: sources are read first
    setup_freshness(app, freshness)
    setup_assets(app)
    setup_listings(app)
    setup_cloud(app)
    setup_pages(app, freshness)  # declares the "pages" outputs
    setup_decorations(app)
    setup_publish(app)
    setup_papers(app)
    setup_frontmatter(app)
    setup_outputs(app)
    setup_private(app)
    setup_widgets(app, freshness)  # declares the "sidebars" outputs
    setup_places(app)
    setup_media(app)
    setup_shared_toctree(app)
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
