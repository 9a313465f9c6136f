"""Reference tables generated from the extension's own code.

``seminars-config-table`` and ``seminars-config-values`` read
:class:`sphinxext.seminars.store.config.SeminarsConfig` (one row, and one ``confval``
entry, per dataclass field: name, default, types, rebuild, description) and
``seminars-warnings-table`` reads :class:`sphinxext.seminars.core.subtypes.Subtype`
(one row per member, with the docstring written under it). Both tables are
therefore always in step with the code.

The build also checks the other direction: every option of the ``talk``,
``bio`` and ``series`` directives (and of the listing directives once they
exist) must be documented with ``rst:directive:option`` somewhere in the docs,
or the build warns (``seminars-docs.undocumented``).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinxext.seminars.core import catalogs as seminars_catalogs
from sphinxext.seminars.core import subtypes as seminars_warnings
from sphinxext.seminars.store import config as seminars_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

logger = logging.getLogger(__name__)


def _literal(value: Any) -> str:
    """A Python value as an inline literal (``{}`` for an empty dict...)."""
    text = repr(value)
    return f"``{text}``" if text else ""


def config_rows() -> list[tuple[str, str, str, str, str]]:
    """(name, default, types, rebuild, description) for every config value."""
    rows = []
    for field in dataclasses.fields(seminars_config.SeminarsConfig):
        default = field.default_factory()  # type: ignore[misc]
        types = ", ".join(t.__name__ for t in field.metadata["types"])
        rows.append(
            (
                f"``seminars_{field.name}``",
                _literal(default),
                f"``{types}``",
                f"``{field.metadata['rebuild']}``",
                " ".join(field.metadata["doc"].split()),
            )
        )
    return rows


def subtype_docstrings() -> dict[str, str]:
    """Member name -> the string literal written right under it in ``Subtype``.

    Attribute docstrings are not kept at run time, so they are read from the
    source with :mod:`ast`, as MyST-Parser's ``_docs.py`` does.
    """
    source = textwrap.dedent(inspect.getsource(seminars_warnings.Subtype))
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    statements = body.body
    for current, following in zip(statements, statements[1:], strict=False):
        if (
            isinstance(current, ast.Assign)
            and len(current.targets) == 1
            and isinstance(current.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[current.targets[0].id] = " ".join(following.value.value.split())
    return docs


def warning_rows() -> list[tuple[str, str]]:
    docs = subtype_docstrings()
    prefix = seminars_warnings.WARNING_TYPE
    return [
        (f"``{prefix}.{member.value}``", docs.get(member.name, ""))
        for member in seminars_warnings.Subtype
    ]


class GeneratedTable(SphinxDirective):
    """A ``list-table`` written from code, parsed as reStructuredText."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {}
    header: ClassVar[tuple[str, ...]] = ()
    widths: ClassVar[str] = "auto"

    def rows(self) -> list[tuple[str, ...]]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            f"   :widths: {self.widths}",
            "   :class: seminars-docs-table",
            "",
        ]
        for row in [self.header, *self.rows()]:
            for index, cell in enumerate(row):
                bullet = "* -" if index == 0 else "  -"
                lines.append(f"   {bullet} {cell}".rstrip())
        # Parsed as reStructuredText whatever the page's markup: the
        # docstrings in the code are reStructuredText.
        container = nodes.container()
        source, line = self.get_source_info()
        self.state.nested_parse(StringList(lines, source=source), self.content_offset, container)
        return container.children


class ConfigTable(GeneratedTable):
    """A summary table of every config value, linking to its ``confval`` entry."""

    header = ("Name", "Default", "Description")
    widths = "30 15 55"

    def rows(self) -> list[tuple[str, ...]]:
        self.env.note_dependency(seminars_config.__file__)
        return [
            (f":confval:`{name.strip('`')}`", default, doc)
            for name, default, _types, _rebuild, doc in config_rows()
        ]


class ConfigValues(SphinxDirective):
    """A ``confval`` entry per config value (targets of ``:confval:`` links)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(seminars_config.__file__)
        lines: list[str] = []
        for name, default, types, rebuild, doc in config_rows():
            effect = (
                "every document is read again"
                if rebuild == "``env``"
                else "the pages are written again"
            )
            lines += [
                f".. confval:: {name.strip('`')}",
                f"   :type: {types}",
                f"   :default: {default}",
                "",
                f"   {doc}",
                "",
                f"   When it changes, {effect} (rebuild {rebuild}).",
                "",
            ]
        container = nodes.container()
        source, _line = self.get_source_info()
        self.state.nested_parse(StringList(lines, source=source), self.content_offset, container)
        return container.children


class WarningsTable(GeneratedTable):
    header = ("Type and subtype", "When")
    widths = "30 70"

    def rows(self) -> list[tuple[str, ...]]:
        self.env.note_dependency(seminars_warnings.__file__)
        return warning_rows()


class ImportColumnsTable(GeneratedTable):
    """The column and field names ``sphinx-seminars import csv|json`` recognises."""

    header = ("Talk option", "Column or field names read as it")
    widths = "25 75"

    def rows(self) -> list[tuple[str, ...]]:
        from sphinxext.seminars.cli import csv_

        self.env.note_dependency(csv_.__file__)
        names: dict[str, list[str]] = {target: [] for target in csv_.TARGETS}
        for name, target in csv_.ALIASES.items():
            names.setdefault(target, [])
            if name not in names[target]:
                names[target].append(name)
        return [
            (f"``{target}``", ", ".join(f"``{name}``" for name in sorted(found)))
            for target, found in names.items()
            if target != "ignore"
        ]


def code_options() -> dict[str, tuple[str, ...]]:
    """Directive name -> its options, for every directive the extension registered."""
    from docutils.parsers.rst import directives as registry

    found: dict[str, tuple[str, ...]] = {}
    # docutils keeps registered directives in this module-level dict.
    registered = getattr(registry, "_directives", {})
    for name, directive in sorted(registered.items()):
        if not (
            inspect.isclass(directive) and directive.__module__.startswith("sphinxext.seminars")
        ):
            continue
        options = getattr(directive, "known_options", None) or tuple(directive.option_spec or ())
        found[name] = tuple(options)
    return found


def check_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about options of the code that no ``rst:directive:option`` documents."""
    rst = env.domains["rst"]
    documented = {name for (kind, name) in rst.data["objects"] if kind == "directive:option"}
    directives_documented = {name for (kind, name) in rst.data["objects"] if kind == "directive"}
    for directive, options in sorted(code_options().items()):
        if directive not in directives_documented:
            logger.warning(
                "directive %r is not documented (add '.. rst:directive:: %s' to the reference)",
                directive,
                directive,
                type="seminars-docs",
                subtype="undocumented",
            )
            continue
        for option in options:
            if f"{directive}:{option}" not in documented:
                logger.warning(
                    "option ':%s:' of directive %r is not documented",
                    option,
                    directive,
                    type="seminars-docs",
                    subtype="undocumented",
                )


class LanguagesTable(GeneratedTable):
    """Every language with a catalog and how complete it is, read from the catalogs."""

    header = ("Language", "Code", "Labels translated")
    widths = "40 20 40"

    def rows(self) -> list[tuple[str, ...]]:
        self.env.note_dependency(str(seminars_catalogs.TEMPLATE))
        rows = []
        for language in seminars_catalogs.languages():
            self.env.note_dependency(
                str(
                    seminars_catalogs.LOCALES
                    / language
                    / "LC_MESSAGES"
                    / f"{seminars_catalogs.DOMAIN}.po"
                )
            )
            status = seminars_catalogs.check(language)
            rows.append(
                (
                    seminars_catalogs.NAMES.get(language, language),
                    f"``{language}``",
                    f"{status.translated} of {status.total} ({status.percent}%)",
                )
            )
        return rows


#: The demo's sidebar in alabaster: the theme's own templates, then both widgets.
DEMO_SIDEBARS = {
    "demo/**": [
        "about.html",
        "searchfield.html",
        "navigation.html",
        "seminars/next-talks.html",
        "seminars/topics-cloud.html",
    ]
}


def demo_sidebars(app: Sphinx, config: Config) -> None:
    """``config-inited``: the widgets in the demo's sidebar when the theme is alabaster
    (``-D html_theme=...`` is applied by now; other themes keep their own sidebars)."""
    if config.html_theme == "alabaster" and not config.html_sidebars:
        config.html_sidebars = DEMO_SIDEBARS


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("seminars-config-table", ConfigTable)
    app.add_directive("seminars-config-values", ConfigValues)
    app.add_directive("seminars-warnings-table", WarningsTable)
    app.add_directive("seminars-import-columns", ImportColumnsTable)
    app.add_directive("seminars-languages-table", LanguagesTable)
    app.connect("env-check-consistency", check_documented)
    app.connect("config-inited", demo_sidebars)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
