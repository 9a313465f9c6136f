"""Markdown from another system, re-written so that MyST reads it as data.

A Hugo page body is Markdown its author wrote: paragraphs, lists, emphasis,
code, links. Kept line by line it could also hold what MyST runs at build
time: a directive fence inside a list item or a blockquote
(``- ```{literalinclude} /etc/passwd``), a role, raw HTML, a link to
``javascript:`` or to a local file that Sphinx would copy. So the text is
parsed with markdown-it (the parser MyST itself uses) and written again from
its tree: only the constructs below come out as markup, every piece of text
is escaped, and anything else is written as the text it shows.

Kept as markup: paragraphs, headings, bullet and numbered lists, block
quotes, tables, emphasis, inline code, code blocks (always as plain code with
a language name, never a directive), thematic breaks, links and
images to ``http(s)`` (links also ``mailto``). Raw HTML becomes text unless
the caller keeps it (``keep_html``, unsafe: the HTML reaches the page as is).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

#: Characters escaped wherever they appear in text (CommonMark lets any ASCII
#: punctuation be escaped with a backslash, and MyST reads the escape back).
_INLINE = re.compile(r"([\\`*_\[\]<>{}|~$&])")
#: Characters that start a block (heading, list, quote, fence, target,
#: comment, field...) at the beginning of a line.
_LINE_START = re.compile(r"^([#+\-=%:>(!^])")
#: "1." or "1)" at the start of a line starts a numbered list: escape the mark.
_NUMBERED = re.compile(r"^(\d+)([.)])")
_LANGUAGE = re.compile(r"^[A-Za-z0-9_+#.-]{1,40}$")
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_SAFE_IMAGE = re.compile(r"^https?://", re.IGNORECASE)


def escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def escape_line_starts(text: str) -> str:
    """Escape what would start a block at the beginning of each line."""
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if _LINE_START.match(stripped):
            stripped = "\\" + stripped
        else:
            stripped = _NUMBERED.sub(r"\1\\\2", stripped)
        out.append(indent + stripped)
    return "\n".join(out)


def escape_text(text: str) -> str:
    """Text (several lines) that MyST reads back as exactly this text."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return escape_line_starts(escape_inline("\n".join(lines)))


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Renderer:
    def __init__(self, keep_html: bool, headings: bool) -> None:
        self.keep_html = keep_html
        self.headings = headings
        self.found: Counter[str] = Counter()
        #: Inside a list or a quote, a heading cannot be a section: written bold.
        self.depth = 0

    # -- inline -----------------------------------------------------------------

    def inline(self, nodes: list[Any]) -> str:
        return "".join(self.inline_node(node) for node in nodes)

    def inline_node(self, node: Any) -> str:
        kind = node.type
        if kind in ("text", "text_special"):
            return escape_inline(node.content)
        if kind in ("softbreak", "hardbreak"):
            # MyST writes a hard break as raw HTML/LaTeX: a plain line end instead.
            return "\n"
        if kind == "em":
            return f"*{self.inline(node.children)}*"
        if kind == "strong":
            return f"**{self.inline(node.children)}**"
        if kind == "s":
            return self.inline(node.children)
        if kind == "code_inline":
            return _code_span(node.content)
        if kind == "link":
            inner = self.inline(node.children)
            href = str(node.attrs.get("href") or "").strip()
            if _SAFE_LINK.match(href) and "\n" not in href:
                return f"[{inner}](<{_url(href)}>)"
            self.found["link"] += 1
            return inner
        if kind == "image":
            src = str(node.attrs.get("src") or "").strip()
            alt = self.inline(node.children)
            if _SAFE_IMAGE.match(src) and "\n" not in src:
                return f"![{alt}](<{_url(src)}>)"
            self.found["image"] += 1
            return alt
        if kind == "html_inline":
            if self.keep_html:
                return str(node.content)
            self.found["html"] += 1
            return escape_inline(node.content)
        # Anything else shows as the text it holds.
        if node.children:
            return self.inline(node.children)
        return escape_inline(str(node.content or ""))

    # -- blocks -----------------------------------------------------------------

    def blocks(self, nodes: list[Any], tight: bool = False) -> str:
        parts = [self.block(node, tight) for node in nodes]
        return ("\n" if tight else "\n\n").join(part for part in parts if part)

    def block(self, node: Any, tight: bool = False) -> str:
        kind = node.type
        if kind == "paragraph":
            return escape_line_starts(self.inline(node.children[0].children))
        if kind == "heading":
            text = self.inline(node.children[0].children).replace("\n", " ").strip()
            if not text:
                return ""
            if self.headings and not self.depth:
                return "#" * int(node.tag[1]) + " " + text
            return f"**{text}**"
        self.depth += 1
        try:
            if kind == "blockquote":
                return _prefix(self.blocks(node.children), "> ", "> ")
            if kind == "bullet_list":
                tight = _is_tight(node)
                items = [
                    _prefix(self.blocks(item.children, tight), "- ", "  ")
                    for item in node.children
                ]
                return ("\n" if tight else "\n\n").join(items)
            if kind == "ordered_list":
                tight = _is_tight(node)
                start = int(node.attrs.get("start") or 1)
                items = []
                for number, item in enumerate(node.children, start):
                    mark = f"{number}. "
                    items.append(_prefix(self.blocks(item.children, tight), mark, " " * len(mark)))
                return ("\n" if tight else "\n\n").join(items)
        finally:
            self.depth -= 1
        if kind in ("fence", "code_block"):
            info = str(node.info or "").strip().split(" ")[0] if kind == "fence" else ""
            if info.startswith("{") or (info and not _LANGUAGE.match(info)):
                self.found["directive"] += 1
                info = "text"
            return _code_block(node.content, info or "text")
        if kind == "hr":
            return "***"
        if kind == "html_block":
            if self.keep_html:
                return str(node.content).rstrip("\n")
            self.found["html"] += 1
            return escape_text(str(node.content).strip("\n"))
        if kind == "table":
            return self.table(node)
        if node.children:
            return self.blocks(node.children)
        return escape_text(str(node.content or ""))

    def table(self, node: Any) -> str:
        rows: list[list[str]] = []
        aligns: list[str] = []
        for section in node.children:
            for row in section.children:
                cells = []
                for cell in row.children:
                    text = self.inline(cell.children[0].children if cell.children else [])
                    cells.append(text.replace("\n", " "))
                    if section.type == "thead":
                        aligns.append(str(cell.attrs.get("style") or ""))
                rows.append(cells)
        if not rows:
            return ""
        marks = {"text-align:left": ":--", "text-align:center": ":-:", "text-align:right": "--:"}
        width = len(rows[0])
        lines = ["| " + " | ".join(rows[0]) + " |"]
        lines.append("| " + " | ".join(marks.get(a, "---") for a in aligns[:width]) + " |")
        for row in rows[1:]:
            row = (row + [""] * width)[:width]
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines)


def _is_tight(node: Any) -> bool:
    return any(
        child.type == "paragraph" and child.hidden
        for item in node.children
        for child in item.children
    ) or all(not item.children for item in node.children)


def _prefix(text: str, first: str, rest: str) -> str:
    lines = text.split("\n") if text else [""]
    out = [(first + lines[0]).rstrip() if lines[0] else first.rstrip()]
    for line in lines[1:]:
        out.append(rest + line if line else rest.rstrip())
    return "\n".join(out)


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(re.escape(char) + "+", text)
    return max((len(run) for run in runs), default=0)


def _code_span(content: str) -> str:
    ticks = "`" * (_longest_run(content, "`") + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _code_block(content: str, info: str) -> str:
    fence = "`" * max(3, _longest_run(content, "`") + 1)
    content = content.rstrip("\n")
    return f"{fence}{info}\n{content}\n{fence}" if content else f"{fence}{info}\n{fence}"


def _url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20").replace("\\", "%5C")


def safe_markdown(
    text: str, *, keep_html: bool = False, headings: bool = True
) -> tuple[str, Counter[str]]:
    """``text`` re-written from its Markdown tree; and what was made text, by kind.

    The counter's keys: ``directive`` (code fences naming a directive, written
    as plain code), ``html`` (raw HTML written as text), ``link`` and
    ``image`` (targets other than http(s)/mailto, written as their text).
    """
    from markdown_it.tree import SyntaxTreeNode

    renderer = _Renderer(keep_html, headings)
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    tree = SyntaxTreeNode(_parser().parse(source))
    return renderer.blocks(tree.children).strip("\n"), renderer.found
