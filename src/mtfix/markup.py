"""Prose regions of Markdown (CommonMark) and HTML, as offsets into the original text.

Markdown: markdown-it-py gives the block structure (which lines are paragraphs,
headings, table cells; which are fenced or indented code, HTML blocks, reference
definitions). Inside the lines of each inline block a small scanner cuts out what is
not prose: code spans, autolinks, raw HTML, link destinations and reference labels.
HTML blocks go through the HTML scanner. Front matter (``---`` YAML, ``+++`` TOML)
is skipped.

HTML: ``html.parser`` from the standard library; text nodes are prose, except in
``script``, ``style``, ``pre``, ``code``, ``kbd``, ``samp`` and ``template``; the
``alt`` and ``title`` attribute values are prose too.

Both also return the bodies of HTML comments, where suppression directives live.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .lines import line_starts

Range = tuple[int, int]

SKIPPED_ELEMENTS = frozenset({"script", "style", "pre", "code", "kbd", "samp", "template"})
HEADING_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PROSE_ATTRIBUTES_RE = re.compile(
    r"""\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
FRONT_MATTER_RE = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)?(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
AUTOLINK_RE = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*)>"
)
HTML_TAG_RE = re.compile(
    r"</?[A-Za-z][A-Za-z0-9\-]*"
    r"""(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
    r"\s*/?>"
)
# Comments, processing instructions, declarations and CDATA end at a fixed closer. They
# are found with str.find over the closers' cached positions, not with a lazy regex: a
# regex would rescan to the end of the text from every unclosed ``<!--``, which is
# quadratic (tests/test_robustness_regex.py).
DELIMITED = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))
REFERENCE_LABEL_RE = re.compile(r"\[(?:[^\[\]\\]|\\.){0,999}\]")


@dataclass(frozen=True, slots=True)
class Markup:
    prose: list[Range]
    comments: list[Range]  # the inside of each HTML comment
    headings: list[Range] | None = None  # HTML: h1-h6 holding one text node


def front_matter_end(text: str) -> int:
    match = FRONT_MATTER_RE.match(text)
    return match.end() if match else 0


# --- HTML ----------------------------------------------------------------------


class _ProseParser(HTMLParser):
    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base
        self.line_starts = line_starts(text)
        self.prose: list[Range] = []
        self.comments: list[Range] = []
        self.skipping: list[str] = []
        self.headings: list[Range] = []
        self._heading_text: list[Range] | None = None  # text nodes of the open h1-h6

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes()
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
        elif tag in HEADING_ELEMENTS:
            self._heading_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes()

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADING_ELEMENTS and self._heading_text is not None:
            # A heading with inline markup (<em>, <a>) is left to the word rules.
            if len(self._heading_text) == 1:
                self.headings.append(self._heading_text[0])
            self._heading_text = None
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            start = self._offset()
            self.prose.append((self.base + start, self.base + start + len(data)))
            if self._heading_text is not None:
                lead = len(data) - len(data.lstrip())
                self._heading_text.append(
                    (self.base + start + lead, self.base + start + len(data.rstrip()))
                )

    def handle_comment(self, data: str) -> None:
        start = self._offset() + 4
        self.comments.append((self.base + start, self.base + start + len(data)))

    def _attributes(self) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        for match in PROSE_ATTRIBUTES_RE.finditer(raw):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            a, b = match.span(group)
            if b > a:
                self.prose.append((self.base + start + a, self.base + start + b))


def _defuse(text: str) -> str:
    """``text`` with every ``<`` that cannot open a complete tag, comment or CDATA section
    replaced by a placeholder of the same length. ``html.parser`` rescans to the end of
    the text from each such ``<`` (quadratic on ``<a b=c <a b=c ...``); it reads them as
    text anyway, so offsets and prose stay the same."""
    cuts = [
        (text.rfind(">") + 1, "<"),
        (text.rfind("-->") + 1, "<!--"),
        (text.rfind("]]>") + 1, "<![CDATA["),
    ]
    pieces = text
    for after, opener in cuts:
        if pieces.find(opener, after) >= 0:
            head, tail = pieces[:after], pieces[after:]
            pieces = head + tail.replace(opener, "\ufffc" + opener[1:])
    return pieces


def html_markup(text: str, start: int = 0, end: int | None = None) -> Markup:
    """Prose and comments of ``text[start:end]`` read as HTML, offsets into ``text``."""
    end = len(text) if end is None else end
    parser = _ProseParser(text[start:end], start)
    parser.feed(_defuse(text[start:end]))
    parser.close()
    return Markup(sorted(parser.prose), parser.comments, parser.headings)


# --- Markdown --------------------------------------------------------------------


def markdown_markup(text: str) -> Markup:
    from markdown_it import MarkdownIt

    skip = front_matter_end(text)
    # Blank the front matter out (same length, same newlines) so offsets stay put.
    source = re.sub(r"[^\r\n]", " ", text[:skip]) + text[skip:]
    starts = line_starts(source)
    prose: list[Range] = []
    comments: list[Range] = []
    parser = MarkdownIt("commonmark").enable("table")
    for token in parser.parse(source):
        if token.map is None:
            continue
        begin = starts[token.map[0]] if token.map[0] < len(starts) else len(text)
        finish = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
        if token.type == "inline":
            _inline_prose(source, begin, finish, prose, comments)
        elif token.type == "html_block":
            found = html_markup(source, begin, finish)
            prose.extend(found.prose)
            comments.extend(found.comments)
    return Markup(_merge(prose), sorted(comments))


def _inline_prose(
    text: str, start: int, end: int, prose: list[Range], comments: list[Range]
) -> None:
    """Cut code spans, autolinks, raw HTML and link targets out of ``text[start:end]``."""
    cursor = start
    index = start
    while index < end:
        char = text[index]
        cut: Range | None = None
        if char == "\\":
            index += 2
            continue
        if char == "`":
            run = _run_length(text, index, end, "`")
            close = _closing_backticks(text, index + run, end, run)
            if close < 0:
                index += run
                continue
            cut = (index, close + run)
        elif char == "<":
            cut = _inline_html(text, index, end, prose, comments)
        elif char == "]" and index + 1 < end and text[index + 1] == "(":
            close = _closing_paren(text, index + 2, end)
            if close >= 0:
                cut = (index + 1, close + 1)
        elif char == "]" and index + 1 < end and text[index + 1] == "[":
            match = REFERENCE_LABEL_RE.match(text, index + 1, end)
            if match:
                cut = (index + 1, match.end())
        if cut is None:
            index += 1
            continue
        if cut[0] > cursor:
            prose.append((cursor, cut[0]))
        cursor = index = cut[1]
    if end > cursor:
        prose.append((cursor, end))


def _inline_html(
    text: str, index: int, end: int, prose: list[Range], comments: list[Range]
) -> Range | None:
    match = AUTOLINK_RE.match(text, index, end)
    if match:
        return match.span()
    for opener, closer in DELIMITED:
        if text.startswith(opener, index, end):
            close = _next(text, closer, index + len(opener))
            if close < 0 or close + len(closer) > end:
                return None
            if opener == "<!--":
                comments.append((index + len(opener), close))
            return index, close + len(closer)
    letter = text[index + 2 : index + 3]
    if text.startswith("<!", index, end) and letter.isascii() and letter.isalpha():
        close = _next(text, ">", index + 3)  # <!DOCTYPE ...>
        return None if close < 0 or close >= end else (index, close + 1)
    match = HTML_TAG_RE.match(text, index, end)
    if not match:
        return None
    # alt="..." and title="..." inside the tag stay prose.
    prose.extend(html_markup(text, match.start(), match.end()).prose)
    return match.span()


@functools.lru_cache(maxsize=16)
def _positions(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text`` (the text's hash is cached by Python, so a
    lookup costs O(1) after the first)."""
    found, index = [], text.find(needle)
    while index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _next(text: str, needle: str, start: int) -> int:
    """The first ``needle`` at or after ``start``, or -1."""
    positions = _positions(text, needle)
    at = bisect.bisect_left(positions, start)
    return positions[at] if at < len(positions) else -1


def _run_length(text: str, index: int, end: int, char: str) -> int:
    length = 0
    while index + length < end and text[index + length] == char:
        length += 1
    return length


def _closing_backticks(text: str, index: int, end: int, run: int) -> int:
    while True:
        index = text.find("`", index, end)
        if index < 0:
            return -1
        length = _run_length(text, index, end, "`")
        if length == run:
            return index
        index += length


def _closing_paren(text: str, index: int, end: int) -> int:
    depth = 0
    while index < end:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char == "\n" and index + 1 < end and text[index + 1] == "\n":
            return -1
        index += 1
    return -1


def _merge(ranges: list[Range]) -> list[Range]:
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def line_of(starts: list[int], offset: int) -> int:
    """0-based line of an offset, given the line starts."""
    return bisect.bisect_right(starts, offset) - 1
