"""Small bridges over differences between the Sphinx versions we support."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def builder_format(env: BuildEnvironment) -> tuple[str, str]:
    """(name, format) of the running builder, without the deprecated ``app``."""
    builder_cls = getattr(env, "_builder_cls", None)
    if builder_cls is None:  # Sphinx < 8.x: the app is the only way.
        builder_cls = type(env.app.builder)
    return builder_cls.name, builder_cls.format
