"""Which parts of a document are prose: all of plain text; in Markdown and HTML, what
``markup`` finds (no code, URLs, link targets, front matter, comments, tags)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .models import Document, Segment

KINDS = ("text", "markdown", "html")
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass(frozen=True, slots=True)
class Layout:
    """How a document was read: its kind, its prose, and the inside of its comments
    (``None`` for plain text, where a directive may stand anywhere on a line)."""

    kind: str
    segments: list[Segment]
    comments: list[tuple[int, int]] | None
    # HTML's h1-h6; None: headings are lines standing alone (plain text, Markdown)
    headings: list[tuple[int, int]] | None = None


def kind_of(path: str) -> str:
    """``markdown``, ``html`` or ``text``, from the file name's extension."""
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def layout(document: Document, kind: str | None = None) -> Layout:
    kind = kind or kind_of(document.path)
    if kind not in KINDS:
        raise ValueError(f"unknown document type {kind!r}; expected one of {', '.join(KINDS)}")
    text = document.text
    if kind == "text":
        return Layout(kind, [Segment(0, len(text))] if text else [], None)
    from .markup import html_markup, markdown_markup

    found = markdown_markup(text) if kind == "markdown" else html_markup(text)
    return Layout(kind, [Segment(a, b) for a, b in found.prose], found.comments, found.headings)


def segments(document: Document, kind: str | None = None) -> list[Segment]:
    """Prose regions, as offsets into the original text. ``kind`` overrides the type
    that the path's extension gives (``.md``/``.markdown``, ``.html``/``.htm``)."""
    return layout(document, kind).segments
