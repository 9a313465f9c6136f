"""The package's layers, read from its import graph (docs/architecture.rst).

Every ``import`` of every module counts, at the top, inside functions and under
``TYPE_CHECKING`` alike: an import that only runs later still ties two modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "sphinxext" / "seminars"
ROOT = "sphinxext.seminars"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parents[1]).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import statement of module ``name``."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from . import nodes" imports a module; "from .model import Talk" a name.
            found = False
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if candidate in MODULES:
                    found = True
                    yield candidate, node.lineno
            if not found:
                yield target, node.lineno


def internal(target: str) -> str | None:
    """The package module that ``target`` names (or lies in), None outside the package."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


GRAPH = {
    name: sorted(
        {found for target, _ in imports(name) if (found := internal(target)) and found != name}
    )
    for name in MODULES
}


def layer(name: str) -> str:
    """``core``, ``store``, ``publish``, ``ext``, ``cli``, or the root (``setup``)."""
    rest = name.removeprefix(ROOT).lstrip(".")
    return rest.split(".")[0] if rest else "root"


def cycles() -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in GRAPH[node]:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def defines_doctree_parts(name: str) -> bool:
    """Whether a module defines directives, transforms or nodes (by their base classes)."""
    markers = ("Directive", "Transform", "nodes.")
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                text = ast.unparse(base)
                if any(marker in text for marker in markers) or text in ("SeminarsDirective",):
                    return True
    return False


#: What each layer may import of the package (besides itself).
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "publish": {"core", "store", "publish"},
    "ext": {"core", "store", "publish", "ext"},
    "cli": {"core", "cli"},
    "__main__": {"cli"},
    "root": {"core", "store", "publish", "ext"},
}


def test_the_graph_is_read() -> None:
    """The checks below see the imports they are about (a test that cannot fail is none)."""
    assert f"{ROOT}.core.model" in MODULES
    assert f"{ROOT}.core.model" in GRAPH[f"{ROOT}.core.parsing"]
    # An import inside a function counts: the root imports every layer in setup().
    assert f"{ROOT}.ext.pages" in GRAPH[ROOT]
    assert f"{ROOT}.store.domain" in GRAPH[f"{ROOT}.publish.site"]


def test_no_import_circle() -> None:
    assert cycles() == []


def test_the_circle_check_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, f"{ROOT}.core.model", [f"{ROOT}.core.parsing"])
    assert cycles() == [[f"{ROOT}.core.model", f"{ROOT}.core.parsing"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_layers_import_only_what_is_below(name: str) -> None:
    allowed = ALLOWED[layer(name)]
    wrong = [other for other in GRAPH[name] if layer(other) not in allowed]
    assert wrong == [], f"{name} ({layer(name)}) imports {wrong}; it may use {sorted(allowed)}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) in ("core", "cli")))
def test_the_pure_core_and_cli_do_without_docutils(name: str) -> None:
    """The core never imports Sphinx or docutils; the CLI only Sphinx's build API (check)."""
    third_party = {target.split(".")[0] for target, _ in imports(name)}
    assert "docutils" not in third_party
    if layer(name) == "core" or name != f"{ROOT}.cli.check":
        assert "sphinx" not in third_party


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) == "publish"))
def test_publish_knows_no_doctree(name: str) -> None:
    """Output files come from model objects: no docutils, no module with nodes or directives."""
    assert "docutils" not in {target.split(".")[0] for target, _ in imports(name)}
    assert [other for other in GRAPH[name] if defines_doctree_parts(other)] == []


def test_doctree_parts_are_recognised() -> None:
    assert defines_doctree_parts(f"{ROOT}.ext.nodes")
    assert defines_doctree_parts(f"{ROOT}.ext.listings")
    assert not defines_doctree_parts(f"{ROOT}.publish.site")


def defined_names(name: str) -> set[str]:
    """Names a module defines at its top level (functions, classes, assignments, imports)."""
    found: set[str] = set()
    for node in ast.parse(MODULES[name].read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Assign):
            found.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
    return found


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_import_of_the_package_resolves(name: str) -> None:
    """Imports inside functions run late: a moved module or name must fail here, not in a build."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
        elif (node.module or "").startswith(ROOT):
            target = node.module or ""
        else:
            continue
        if target not in MODULES:
            wrong.append(f"line {node.lineno}: no module {target}")
            continue
        names = defined_names(target)
        for alias in node.names:
            if alias.name not in names and f"{target}.{alias.name}" not in MODULES:
                wrong.append(f"line {node.lineno}: {target} has no {alias.name}")
    assert wrong == []


def test_no_translator_or_builder_internals_are_replaced() -> None:
    """HTML comes from visitors; nothing assigns to a translator's or builder's attributes."""
    wrong = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, (ast.AugAssign, ast.AnnAssign))
                else []
            )
            for target in targets:
                for item in ast.walk(target):
                    if not isinstance(item, ast.Attribute):
                        continue
                    owner = ast.unparse(item.value)
                    if owner in ("builder", "app.builder", "self.builder") or item.attr in (
                        "starttag",
                        "render_partial",
                    ):
                        wrong.append(f"{name}:{node.lineno}: {ast.unparse(target)}")
    assert wrong == []
