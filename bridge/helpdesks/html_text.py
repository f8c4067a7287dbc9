"""Agent reply HTML → plain text for social platforms.

Zammad's editor writes HTML: one <div> per line, <div><br></div> for a blank line, the agent's
signature after a <span class="js-signatureMarker">, quoted earlier messages in <blockquote>.
A social post wants only what the agent wrote, as plain lines.
"""
from __future__ import annotations

import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

SIGNATURE_MARKER_CLASS = "js-signatureMarker"

# An article that reads "report.html" is text, not a file to open. Set once for the process: catch_warnings()
# around each parse is not thread-safe, and the queue's threads parse articles at the same time.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

# Content that never belongs in the reply: quoted earlier messages, and what is not text at all.
_DROPPED_TAGS = ("blockquote", "script", "style", "head", "title", "template")
# Block elements that start and end a paragraph (a blank line around them).
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table"})
# Block elements that only start and end a line.
_LINE_TAGS = frozenset(
    {"div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "section", "article", "header", "footer", "address", "hr"}
)
_CELL_TAGS = frozenset({"td", "th"})
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # not \xa0: a &nbsp; is a real space
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")


def html_to_text(body: str, content_type: str | None = "text/html") -> str:
    """Plain text of an article body. A text/plain body is only stripped."""
    if _media_type(content_type) == "text/plain":
        return body.strip()
    soup = BeautifulSoup(body, "html.parser")
    _drop_signature(soup)
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    writer = _TextWriter()
    writer.write_children(soup)
    return writer.text()


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _drop_signature(soup: BeautifulSoup) -> None:
    """Remove the marker and everything after it in document order, at every nesting level."""
    marker = soup.find(class_=SIGNATURE_MARKER_CLASS)
    if marker is None:
        return
    node: Any = marker
    while node is not None and node is not soup:
        for sibling in list(node.next_siblings):
            sibling.extract()
        node = node.parent
    marker.extract()


class _TextWriter:
    """Walks the tree and writes text, turning block boundaries into line breaks."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._trailing_newlines = 0
        self._pre_depth = 0

    def text(self) -> str:
        raw = "".join(self._parts).replace("\xa0", " ")
        lines = "\n".join(line.strip() for line in raw.split("\n"))
        return _BLANK_LINE_RUNS.sub("\n\n", lines).strip()

    def write_children(self, tag: Tag) -> None:
        for child in tag.children:
            if isinstance(child, Tag):
                self._write_tag(child)
            elif type(child) is NavigableString:  # subclasses are comments, doctypes, CDATA …
                self._write_text(str(child))

    def _write_tag(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self._append("\n")
            return
        if name in _PARAGRAPH_TAGS:
            self._break(2)
        elif name in _LINE_TAGS:
            self._break(1)
        if name == "li":
            self._write_text("- ")
        if name == "pre":
            self._pre_depth += 1
        self.write_children(tag)
        if name == "pre":
            self._pre_depth -= 1
        if name == "a":
            self._write_link_target(tag)
        if name in _PARAGRAPH_TAGS:
            self._break(2)
        elif name in _LINE_TAGS:
            self._break(1)
        elif name in _CELL_TAGS:
            self._write_text(" ")

    def _write_link_target(self, link: Tag) -> None:
        # A link whose text is not its address would lose the address on a platform without HTML.
        href = str(link.get("href") or "").strip()
        if href.startswith(("http://", "https://")) and href not in link.get_text():
            self._write_text(f" ({href})")

    def _write_text(self, text: str) -> None:
        if not self._pre_depth:
            text = _HTML_WHITESPACE.sub(" ", text)
            if self._at_line_start():
                text = text.lstrip(" ")
        if text:
            self._append(text)

    def _break(self, newlines: int) -> None:
        """End the current line (1) or paragraph (2); never adds blank lines at the very start."""
        if self._parts and self._trailing_newlines < newlines:
            self._append("\n" * (newlines - self._trailing_newlines))

    def _at_line_start(self) -> bool:
        return not self._parts or self._trailing_newlines > 0

    def _append(self, text: str) -> None:
        self._parts.append(text)
        stripped = text.rstrip("\n")
        if stripped:
            self._trailing_newlines = len(text) - len(stripped)
        else:
            self._trailing_newlines += len(text)
