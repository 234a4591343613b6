"""Typographic characters written in a legacy encoding (cp1252, latin-1) that lacks them.

A fix may put a narrow no-break space or a curly quotation mark into a file whose
encoding cannot hold it; the closest character the encoding has takes its place.
"""

from __future__ import annotations

import codecs
import functools

# Each character, then what to write instead, best first.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "\u202f": ("\u00a0", " "),  # narrow no-break space → no-break space
    "\u2009": ("\u00a0", " "),  # thin space
    "\u2019": ("'",),
    "\u2018": ("'",),
    "\u201c": ('"',),
    "\u201d": ('"',),
    "\u201e": ('"',),
    "\u2026": ("...",),
    "\u2013": ("-",),
    "\u2014": ("-",),
    "\u0153": ("oe",),
    "\u0152": ("OE",),
}


@functools.cache
def _codec(encoding: str) -> str:
    return codecs.lookup(encoding).name


def holds(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def encodable(text: str, encoding: str) -> str | None:
    """``text`` with every character ``encoding`` cannot hold replaced by its fallback;
    None when one has no fallback the encoding holds."""
    if _codec(encoding).startswith("utf") or holds(text, encoding):
        return text
    out = []
    for char in text:
        if holds(char, encoding):
            out.append(char)
            continue
        fallback = next((f for f in FALLBACKS.get(char, ()) if holds(f, encoding)), None)
        if fallback is None:
            return None
        out.append(fallback)
    return "".join(out)
