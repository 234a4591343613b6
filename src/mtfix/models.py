"""The data that flows through the pipeline: typed, frozen, picklable."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file: text plus what is needed to write it back unchanged."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A region of prose, as offsets into the document text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its offsets and where it stands in the sentence."""

    text: str
    start: int
    end: int
    sentence_start: bool = False
    in_quotes: bool = False
    quote_start: bool = False
    elided: str = ""  # the elided article or pronoun in front (``l’``, ``d'``), kept outside
    beside_code: bool = False  # next to an option, a path or a URL: part of a command line

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Suggestion:
    replacement: str
    score: float
    source: str


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Severity(str, Enum):
    """How much a finding matters: English in French is an error, typography a warning."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Edit:
    """The only way text changes: replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that belong together, with how freely they may be applied."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    reason: str = ""  # why it is not safe, for the summary: "unsafe", "display-only"...

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    text: str
    rule: str
    confidence: float
    message: str
    suggestions: tuple[Suggestion, ...] = field(default=())
    evidence: str = ""  # the figures behind the finding (``--verbose``, JSON, ``explain``)
    # Attached by the pipeline once suggestions are known (see ``rules``): ``None`` when
    # there is nothing to apply; ``fix_reason`` then says why ("no suggestion"...).
    fix: Fix | None = None
    fix_reason: str = ""
