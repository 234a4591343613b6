"""Which parts of a document are prose. Plain text: all of it."""

from __future__ import annotations

from .models import Document, Segment


def segments(document: Document) -> list[Segment]:
    return [Segment(0, len(document.text))] if document.text else []
