"""YAML read the way people mean it: text keys keep their text, no aliases, bounded depth.

PyYAML's safe loader turns an unquoted ``arxiv: 2003.00310`` into the float
``2003.0031``, ``room: 0.01`` into ``0.01``, ``end: 17:00`` into the base-60
number ``1020`` and ``date: 2022-05-25`` into a date. :func:`load` reads with
a :class:`yaml.SafeLoader` subclass that, for the keys named in
``text_keys`` (at any depth, in mappings and in lists under them), keeps each
scalar as the text written. It also

* refuses aliases (``*name``, the way to an "alias bomb"): each reads as
  nothing and is reported, and anchors (``&name``) are reported;
* refuses nesting deeper than ``max_depth``;
* reports a key given twice in one mapping (the last value is kept, as
  PyYAML does).

Problems come back as :class:`YamlProblem` (message, 1-based line); text that
is not YAML at all raises :class:`yaml.YAMLError`. No Sphinx here: the
front matter reader and the importers share it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MAX_DEPTH", "Loaded", "TextLoader", "YamlProblem", "load", "text_of"]

#: Deep enough for any front matter or data file, shallow enough for the stack.
MAX_DEPTH = 32
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class YamlProblem:
    message: str
    line: int  # 1-based, in the YAML text
    alias: bool = False  # an ``*alias`` (read as nothing), not a softer problem


@dataclass
class Loaded:
    data: Any
    root: Node | None
    problems: list[YamlProblem] = field(default_factory=list)


class TooDeep(yaml.YAMLError):
    """Nesting deeper than the loader's bound."""


class TextLoader(yaml.SafeLoader):
    """A safe loader without aliases, with a bound on depth."""

    def __init__(self, stream: str, *, max_depth: int = MAX_DEPTH) -> None:
        super().__init__(stream)
        self.max_depth = max_depth
        self.depth = 0
        self.problems: list[YamlProblem] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.get_event()
            self.problems.append(
                YamlProblem(
                    f"YAML alias '*{event.anchor}' is not read; write the value itself",
                    event.start_mark.line + 1,
                    alias=True,
                )
            )
            return ScalarNode(_NULL, "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problems.append(
                YamlProblem(
                    f"YAML anchor '&{anchor}' is ignored (aliases are not read)",
                    event.start_mark.line + 1,
                )
            )
            event.anchor = None
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise TooDeep(
                    f"YAML nested more than {self.max_depth} levels deep "
                    f"(line {event.start_mark.line + 1})"
                )
            node: Node = super().compose_node(parent, index)
            return node
        finally:
            self.depth -= 1


def text_of(node: ScalarNode) -> str:
    """The scalar as written (quotes and escapes already resolved by the scanner)."""
    return str(node.value)


def _mark_text(
    root: Node, text_keys: frozenset[str], problems: list[YamlProblem], *, all_text: bool = False
) -> None:
    """Retag the scalars under ``text_keys`` as strings; report repeated keys.

    Iterative (an explicit stack), so its cost is linear in the nodes.
    """
    stack: list[tuple[Node, bool]] = [(root, all_text)]
    while stack:
        node, as_text = stack.pop()
        if isinstance(node, ScalarNode):
            if as_text and node.tag != _NULL:
                node.tag = _STR
        elif isinstance(node, SequenceNode):
            stack.extend((item, as_text) for item in node.value)
        elif isinstance(node, MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value) if isinstance(key, ScalarNode) else ""
                if name and name in seen:
                    problems.append(
                        YamlProblem(
                            f"key '{name}' is given twice; the last value is used, "
                            "remove the other",
                            key.start_mark.line + 1,
                        )
                    )
                seen.add(name)
                keyed = name.replace("_", "-") in text_keys or name in text_keys
                stack.append((value, as_text or keyed))


def load(
    text: str,
    *,
    text_keys: Collection[str] = (),
    all_text: bool = False,
    max_depth: int = MAX_DEPTH,
) -> Loaded:
    """Read one YAML document; see the module's docstring.

    ``all_text`` keeps every scalar's text (no numbers, dates or booleans).

    Raises :class:`yaml.YAMLError` (never anything else) when the text is
    not YAML, is nested too deep, or holds a merge of an alias.
    """
    loader = TextLoader(text, max_depth=max_depth)
    try:
        root = loader.get_single_node()
        if root is None:
            return Loaded(None, None, loader.problems)
        _mark_text(root, frozenset(text_keys), loader.problems, all_text=all_text)
        data = loader.construct_document(root)
    except yaml.YAMLError:
        raise
    except (RecursionError, ValueError, TypeError, OverflowError) as error:
        raise yaml.YAMLError(f"cannot read YAML: {error}") from None
    finally:
        loader.dispose()
    unique = list(dict.fromkeys(loader.problems))  # one per alias name and line
    return Loaded(data, root, unique)
