"""sphinxext-seminars: a seminar archive in any Sphinx site.

Add ``"sphinxext.seminars"`` to ``extensions`` in ``conf.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bumped whenever the stored data changes shape, so old environments are re-read.
ENV_VERSION = 2


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here so that `import sphinxext.seminars` (e.g. for __version__)
    # stays cheap and free of Sphinx.
    from .assets import setup_assets
    from .cloud import setup_cloud
    from .config import setup_config
    from .directives import setup_directives
    from .domain import setup_domain
    from .exports import setup_exports
    from .feeds import setup_feeds
    from .freshness import setup_freshness
    from .frontmatter import setup_frontmatter
    from .i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME
    from .listings import setup_listings
    from .nodes import setup_nodes
    from .outputs import setup_outputs
    from .pages import setup_pages
    from .papers import setup_papers
    from .private import setup_private
    from .transforms import setup_transforms

    setup_config(app)
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_transforms(app)
    setup_freshness(app)
    setup_assets(app)
    setup_listings(app)
    setup_cloud(app)
    setup_pages(app)
    setup_feeds(app)
    setup_exports(app)
    setup_papers(app)
    setup_frontmatter(app)
    setup_outputs(app)
    setup_private(app)
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
