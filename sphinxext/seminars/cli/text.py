"""Text from other systems, made safe to write into reST or MyST.

Imported text is data, never markup: a feed's description that happens to
contain ``.. raw:: html`` or ``{{ x }}`` must come out as those characters, not
run as a directive or a template. HTML is reduced to its text with the
standard library's :mod:`html.parser` (no markup survives).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead "
    "tr ul".split()
)
_DROPPED_TAGS = frozenset({"script", "style", "template", "head", "title", "iframe", "object"})
_LOOKS_LIKE_HTML = re.compile(
    r"<\s*/?\s*(p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|html|body|table|tr|td|font)\b"
    r"|&(nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);",
    re.IGNORECASE,
)


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML fragment, one paragraph per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._href: list[str | None] = []
        self._link_start: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))
            self._link_start.append(len(self.parts))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._skip = max(self._skip - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "a" and self._href:
            href = self._href.pop()
            start = self._link_start.pop()
            shown = "".join(self.parts[start:]).strip()
            # Keep the address of a link whose text does not show it; only
            # web addresses, so a "javascript:" href is dropped with the tag.
            if href and re.match(r"https?://", href) and href.strip() not in shown:
                self.parts.append(f" ({href.strip()})")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(text: str) -> str:
    """The visible text of an HTML fragment; paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return tidy("".join(parser.parts).replace("\xa0", " "))


def tidy(text: str) -> str:
    """Normalise line ends and blank lines; strip trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def plain_text(text: str) -> str:
    """Description text from a feed or sheet: HTML reduced to text, else tidied."""
    return html_to_text(text) if looks_like_html(text) else tidy(text)


# -- escaping -----------------------------------------------------------------

# Every character that starts inline markup in docutils, and ":" so that no
# standalone URI (javascript:..., data:...) or role is recognised.
_RST_INLINE = re.compile(r"([\\`*_|:<>\[\]])")
# A line that would start a list, a field, a directive, a table, a title...
_RST_LINE_START = re.compile(r"^([^\w\s]|(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](\s|$)|\(\w+\)\s)")


def escape_rst(text: str) -> str:
    """Text that docutils reads back as exactly this text (no markup, no links)."""
    out = []
    for line in tidy(text).split("\n"):
        line = _RST_INLINE.sub(r"\\\1", line)
        if _RST_LINE_START.match(line) and not line.startswith("\\"):
            line = "\\" + line
        elif set(line) == {"\\"}:
            # Only backslashes: a title adornment. An escaped space reads as nothing.
            line = "\\ " + line
        out.append(line)
    return "\n".join(out)


def escape_myst(text: str) -> str:
    """Text that MyST reads back as exactly this text (no markup, no substitutions).

    Every character that could start markup is escaped with a backslash, which
    CommonMark allows before any ASCII punctuation; a number that would start
    a list keeps its digits and has its mark escaped (``1\\.``), since a
    backslash before a digit is not an escape in Markdown.
    """
    from .markdown_ import escape_text

    return escape_text(tidy(text))


# C0 and C1 control characters other than tab and line ends, DEL, lone
# surrogates and the Unicode line/paragraph separators: never written.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def drop_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, and how many were dropped."""
    cleaned, count = _CONTROLS.subn("", text)
    return cleaned, count
