"""French typography: quotation marks and spacing.

Two scans, each giving findings of more than one rule id, so that each kind can be on
or off by default as its false alarms on good French warrant (``mtfix rules``):

- quotation marks: ``typography-quotes`` (English, mixed, doubled, empty marks),
  ``typography-straight-quotes`` (``"``), ``typography-unbalanced-quotes``;
- spacing: ``typography-missing-space`` (no space at all before ``; : ! ?`` or inside
  guillemets), ``typography-spacing`` (which space: narrow or ordinary no-break space,
  a space before ``,`` or ``.``, double spaces).

Both scans work paragraph by paragraph (a paragraph is one line) on the prose segments
they are given. Each finding carries its fix as its first suggestion: the finding's
span ``[start, end)`` is exactly the text to replace.

The two scans never edit the same characters:

- the quotation-mark rules edit quotation marks and the whitespace on their *inside*;
  with the guillemet style it never edits ``«`` or ``»`` themselves.
- the spacing rules edit whitespace and ``; : ! ? , .``; with the guillemet style
  it also owns ``«``/``»`` and their inside spaces, and it leaves alone any space
  that touches another quotation mark (that is the quote rule's).
"""

from __future__ import annotations

import bisect
import functools
import html.entities
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .models import Document, Finding, Segment, Suggestion

QUOTES_RULE = "typography-quotes"
STRAIGHT_QUOTES_RULE = "typography-straight-quotes"  # off by default: common in good French
UNBALANCED_QUOTES_RULE = "typography-unbalanced-quotes"  # off by default: code, not prose
SPACING_RULE = "typography-spacing"  # which space: off by default (pedantic)
MISSING_SPACE_RULE = "typography-missing-space"  # no space at all where French wants one
SOURCE = "typography"
FIX_SCORE = 0.95
CONFIDENCE = 0.9
UNBALANCED_CONFIDENCE = 0.6

QuoteStyle = Literal["guillemets", "curly"]
SpaceKind = Literal["narrow", "nbsp", "plain"]
SPACES: dict[str, str] = {"narrow": "\u202f", "nbsp": "\u00a0", "plain": " "}
SPACE_NAMES = {"\u202f": "narrow no-break space", "\u00a0": "no-break space", " ": "space"}
NO_BREAK = "\u202f\u00a0"


@dataclass(frozen=True, slots=True)
class TypographySettings:
    """Target style. ``strict_space``: require exactly ``space``; otherwise any
    no-break space (U+202F or U+00A0) is accepted where one is due."""

    quote_style: QuoteStyle = "guillemets"
    space: SpaceKind = "narrow"
    strict_space: bool = False

    def __post_init__(self) -> None:
        if self.quote_style not in ("guillemets", "curly"):
            raise ValueError(
                f"quote_style must be 'guillemets' or 'curly', not {self.quote_style!r}"
            )
        if self.space not in SPACES:
            raise ValueError(f"space must be one of {', '.join(SPACES)}, not {self.space!r}")

    @property
    def space_char(self) -> str:
        return SPACES[self.space]

    @property
    def guillemets(self) -> bool:
        return self.quote_style == "guillemets"

    def accepts(self, whitespace: str) -> bool:
        """Is this run of whitespace right where a French (no-break) space is due?"""
        if whitespace == self.space_char:
            return True
        if self.strict_space or len(whitespace) != 1:
            return False
        return whitespace in (NO_BREAK + " " if self.space == "plain" else NO_BREAK)


DEFAULT_SETTINGS = TypographySettings()
FrenchTest = Callable[[str], bool]  # is this word French?

QUOTE_CHARS = frozenset("\"“”„«»‘’'")
QUOTE_RE = re.compile("[\"“”„«»‘’']")
HSPACE = " \t\u00a0\u202f\u2009"
ELISIONS = frozenset(
    ["l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]
)


# --- paragraphs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text (``start``..``end``, newline excluded) and the parts of it
    that lie in prose segments."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]


def prose_lines(text: str, segments: list[Segment]) -> list[Line]:
    """The lines that prose segments cover, each with its prose pieces, in order."""
    return list(_prose_lines(text, tuple(segments)))


@functools.lru_cache(maxsize=1)  # the quotes, spacing and duplicate-line rules read them
def _prose_lines(text: str, segments: tuple[Segment, ...]) -> tuple[Line, ...]:
    pieces: dict[int, list[tuple[int, int]]] = {}
    for segment in sorted(segments, key=lambda s: s.start):
        position = segment.start
        while position < segment.end:
            newline = text.find("\n", position, segment.end)
            stop = segment.end if newline < 0 else newline
            line_start = text.rfind("\n", 0, position) + 1
            end = stop - 1 if stop > position and text[stop - 1] == "\r" else stop
            if end > position:
                pieces.setdefault(line_start, []).append((position, end))
            position = stop + 1
    lines = []
    for line_start, parts in sorted(pieces.items()):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if line_end > line_start and text[line_end - 1] == "\r":
            line_end -= 1
        lines.append(Line(line_start, line_end, tuple(parts)))
    return tuple(lines)


def _finding(
    text: str,
    start: int,
    end: int,
    rule: str,
    message: str,
    replacement: str | None,
    confidence: float = CONFIDENCE,
) -> Finding:
    suggestions = () if replacement is None else (Suggestion(replacement, FIX_SCORE, SOURCE),)
    return Finding(start, end, text[start:end], rule, confidence, message, suggestions)


def _spaces_after(text: str, index: int, end: int) -> int:
    while index < end and text[index] in HSPACE:
        index += 1
    return index


def _spaces_before(text: str, index: int, start: int) -> int:
    while index > start and text[index - 1] in HSPACE:
        index -= 1
    return index


# --- quotation marks -------------------------------------------------------------------


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    family: str  # "double" (also « » „) or "single"

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass(slots=True)
class Pair:
    open: Mark
    close: Mark
    depth: int = 0
    inner: Pair | None = None  # a redundant quotation right inside: “‘ … ’”
    redundant: bool = False


@dataclass(slots=True)
class QuoteScan:
    pairs: list[Pair] = field(default_factory=list)
    unbalanced: list[tuple[Mark, str]] = field(default_factory=list)


def _opening_context(char: str) -> bool:
    return char == "" or char.isspace() or char in "([{—–-/'’"


def _closing_context(char: str) -> bool:
    return char == "" or char.isspace() or char in ".,;:!?)]}…"


def _word_before(text: str, index: int, start: int) -> str:
    begin = index
    while begin > start and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:index].lower()


def _runs(text: str, line: Line) -> Iterator[list[int]]:
    """Quotation-mark candidates grouped into runs of adjacent marks. An apostrophe
    between two letters (``l’époque``, ``Biden’s``) is never a candidate."""
    run: list[int] = []
    for piece_start, piece_end in line.pieces:
        for match in QUOTE_RE.finditer(text, piece_start, piece_end):
            index = match.start()
            char = text[index]
            before = text[index - 1] if index > line.start else ""
            after = text[index + 1] if index + 1 < line.end else ""
            if char in "'’‘" and before.isalpha() and after.isalpha():
                continue
            if run and run[-1] + 1 != index:
                yield run
                run = []
            run.append(index)
    if run:
        yield run


def scan_quotes(text: str, line: Line) -> QuoteScan:
    """Match the quotation marks of one paragraph."""
    scan = QuoteScan()
    stack: list[Mark] = []
    for run in _runs(text, line):
        first = run[0]
        before = text[first - 1] if first > line.start else ""
        after = text[run[-1] + 1] if run[-1] + 1 < line.end else ""
        if text[first] in "'’" and before.isalpha():
            # After a letter: closes an open single quotation, else an apostrophe (d'”…).
            # ``l’`` is elided whatever follows (``l’“``, ``l’ »``): whether it is taken
            # for an apostrophe must not change once the mark after it is fixed.
            elided = _word_before(text, first, line.start) in ELISIONS
            if not (stack and stack[-1].family == "single") or elided:
                run = run[1:]
                before = "'"
                if not run:
                    continue
        # A mark that ends the paragraph closes; one that starts it opens.
        opening = _opening_context(before) and (before == "" or not _closing_context(after))
        closing = _closing_context(after) and (after == "" or not _opening_context(before))
        for mark in _marks(text, run):
            char = text[mark.start]
            if char in "«„":
                role = "open"
            elif char == "»":
                role = "close"
            elif mark.family == "single":
                role = (
                    "close"
                    if not opening and stack and stack[-1].family == "single"
                    else ("open" if not closing else "ignore")
                )
            elif opening:
                role = "open"
            elif closing:
                role = "close"
            elif char in "“”" and mark.end - mark.start == 1:
                # No space on either side (``=“--color=auto”``): the mark's own shape
                # tells, as it will once the fix has spaced it.
                german = bool(stack) and text[stack[-1].start] == "„"  # „…“
                role = "open" if char == "“" and not german else "close"
            else:
                role = "close" if any(m.family == "double" for m in stack) else "open"
            if role == "open":
                stack.append(mark)
            elif role == "close":
                _close(scan, stack, mark)
    scan.unbalanced.extend((mark, "opening") for mark in stack if mark.family == "double")
    _nest(text, scan.pairs)
    return scan


def _marks(text: str, run: list[int]) -> Iterator[Mark]:
    """Adjacent straight or English double marks (“”, "", ””) count as one doubled mark."""
    index = 0
    while index < len(run):
        position = run[index]
        char = text[position]
        if char in '"“”':
            stop = index + 1
            while stop < len(run) and text[run[stop]] in '"“”':
                stop += 1
            yield Mark(position, run[stop - 1] + 1, "double")
            index = stop
        else:
            yield Mark(position, position + 1, "single" if char in "‘’'" else "double")
            index += 1


def _close(scan: QuoteScan, stack: list[Mark], mark: Mark) -> None:
    if mark.family == "single":
        if stack and stack[-1].family == "single":
            scan.pairs.append(Pair(stack.pop(), mark))
        return
    while stack and stack[-1].family == "single":
        stack.pop()  # an unclosed single mark inside: an apostrophe after all
    if stack:
        scan.pairs.append(Pair(stack.pop(), mark))
    else:
        scan.unbalanced.append((mark, "closing"))


def _blank(text: str, start: int, end: int) -> bool:
    return all(char in HSPACE for char in text[start:end])


def _nest(text: str, pairs: list[Pair]) -> None:
    """Set depths; a quotation filling its parent exactly (“‘ … ’”) is redundant."""
    pairs.sort(key=lambda p: p.open.start)
    stack: list[Pair] = []
    for pair in pairs:
        while stack and stack[-1].close.start < pair.open.start:
            stack.pop()
        parent = stack[-1] if stack else None
        if (
            parent is not None
            and parent.inner is None
            and _blank(text, parent.open.end, pair.open.start)
            and _blank(text, pair.close.end, parent.close.start)
        ):
            parent.inner, pair.redundant = pair, True
            continue
        pair.depth = len(stack)
        stack.append(pair)


def _reason(text: str, pair: Pair) -> str:
    marks = [pair.open, pair.close] + ([pair.inner.open, pair.inner.close] if pair.inner else [])
    chars = "".join(m.text(text) for m in marks)
    if pair.inner is not None or any(m.end - m.start > 1 for m in marks):
        return "doubled quotation marks"
    if '"' in chars or "'" in chars:
        return "straight quotation marks"
    if ("«" in chars or "»" in chars) and any(c not in "«»" for c in chars):
        return "mixed quotation marks"
    if pair.depth == 0 and "‘" not in chars and "’" not in chars:
        return "English quotation marks in French text"
    if pair.depth == 0:
        return "single quotation marks around a quotation"
    return "nested quotation marks"


def _pair_findings(
    text: str, pair: Pair, line: Line, settings: TypographySettings
) -> list[Finding]:
    inner = pair.inner
    first_open, last_open = pair.open, inner.open if inner else pair.open
    first_close, last_close = inner.close if inner else pair.close, pair.close
    opened = text[first_open.start : last_open.end]
    closed = text[first_close.start : last_close.end]
    space = settings.space_char
    edits: list[tuple[int, int, str]] = []
    if settings.guillemets and (pair.depth == 0 or "«" in opened or "»" in closed):
        # Outer quotation (or one already half in guillemets): « … », spaces inside.
        # « and » themselves are never edited here: their spaces are the spacing rule's.
        inside_open = _spaces_after(text, last_open.end, line.end)
        if text[first_open.start] == "«":
            if inner is not None:
                edits.append((first_open.end, inside_open, space))
        elif text[last_open.start] == "«":
            edits.append((first_open.start, last_open.start, ""))
        else:
            edits.append((first_open.start, inside_open, "«" + space))
        inside_close = _spaces_before(text, first_close.start, line.start)
        if text[last_close.end - 1] == "»":
            if inner is not None:
                edits.append((inside_close, last_close.start, space))
        elif text[first_close.start] == "»":
            edits.append((first_close.end, last_close.end, ""))
        else:
            edits.append((inside_close, last_close.end, space + "»"))
    elif pair.depth == 0:  # curly style, outer: “…” with no space inside
        edits.append((first_open.start, _spaces_after(text, last_open.end, line.end), "“"))
        edits.append((_spaces_before(text, first_close.start, line.start), last_close.end, "”"))
    else:  # nested: “…” inside guillemets, ‘…’ inside curly quotes; inner spaces kept
        left, right = ("“", "”") if settings.guillemets else ("‘", "’")
        edits.append((first_open.start, last_open.end, left))
        edits.append((first_close.start, last_close.end, right))
    style = "« … »" if settings.guillemets and pair.depth == 0 else None
    reason = _reason(text, pair)
    rule = STRAIGHT_QUOTES_RULE if reason == "straight quotation marks" else QUOTES_RULE
    findings = []
    for start, end, replacement in edits:
        if text[start:end] == replacement:
            continue
        target = style or (replacement.strip() or "nothing")
        findings.append(_finding(text, start, end, rule, f"{reason}: use {target}", replacement))
    return findings


def check_quotes(
    document: Document, segments: list[Segment], settings: TypographySettings = DEFAULT_SETTINGS
) -> list[Finding]:
    """``typography-quotes``: English, straight, doubled, mixed or unbalanced quotation
    marks; the fix writes the configured style (``« … »`` by default)."""
    text = document.text
    findings: list[Finding] = []
    for line in prose_lines(text, segments):
        scan = scan_quotes(text, line)
        for pair in scan.pairs:
            if pair.redundant:
                continue
            if _blank(text, pair.open.end, pair.close.start):
                findings.append(
                    _finding(
                        text,
                        pair.open.start,
                        pair.close.end,
                        QUOTES_RULE,
                        "empty quotation marks",
                        None,
                        UNBALANCED_CONFIDENCE,
                    )
                )
                continue
            findings.extend(_pair_findings(text, pair, line, settings))
        for mark, side in scan.unbalanced:
            missing = "closing" if side == "opening" else "opening"
            findings.append(
                _finding(
                    text,
                    mark.start,
                    mark.end,
                    UNBALANCED_QUOTES_RULE,
                    f"unbalanced quotation mark: no {missing} mark in this paragraph",
                    None,
                    UNBALANCED_CONFIDENCE,
                )
            )
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


# --- spacing ---------------------------------------------------------------------------

# Not prose for spacing: URLs, e-mail addresses, inline code, numbers and times
# (3,5  1.000  20:44  10h30), emoticons, HTML character references (``&amp;``, ``&#233;``:
# in Markdown, in alt/title attributes, in text copied from HTML). Every alternative
# starts at a boundary and has no nested quantifier, so matching stays linear.
PROTECTED_RE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|"
    r"(?:https?|ftp|file)://[^\s<>\"“”«»]+"
    r"|(?<![\w.])www\.[^\s<>\"“”«»]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|`[^`\n]*`"
    r"|(?<!\d)\d+(?:[:.,h]\d+)+"
    r"|(?<![\w:;=])[:;=][-'^o]?[()\[\]DPpOo3/\\|*](?!\w)"
)
# The runs of whitespace the spacing rule can fire on (a superset): after «, before
# punctuation or », two characters or more, or at the end of a piece (the rule reads the
# character after it). Each match is a whole run of whitespace.
_WS = "[ \u00a0\u202f\u2009]"
# Reads as ``(?<=«)WS+|WS+(?=[;:!?,.»])|WS{2,}|WS+\Z``, written to start with the
# whitespace class: the regex engine then skips to whitespace at C speed (a third of the
# time; tests/test_trigger_patterns.py holds the two forms equal).
SPACING_TRIGGER_RE = re.compile(rf"{_WS}(?:(?<=«{_WS}){_WS}*|{_WS}*(?=[;:!?,.»])|{_WS}+|{_WS}*\Z)")
_SPACE_RE = re.compile(r"\s")  # what no protected region but inline code holds
HIGH_PUNCTUATION = ";:!?"
SPACED_PUNCTUATION_RE = re.compile("[;:!?«»]")  # the only characters the spacing loop acts on
SPACE_BEFORE_OK_AFTER = "!?.…)]"
ACTS_AFTER = HIGH_PUNCTUATION + ",.»"  # what a single space may not stand before as it is


def _is_character_reference(reference: str) -> bool:
    """``&amp;``, ``&#233;``, ``&#x2019;``; not ``&D;`` in ``R&D;``."""
    return reference[1] == "#" or reference[1:] in html.entities.html5


def _protected_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = PROTECTED_RE.finditer(text, start, end)
    return [m.span() for m in found if m.group()[0] != "&" or _is_character_reference(m.group())]


class _Protected:
    """The protected regions of a line, looked for where they are asked about. Only
    inline code holds whitespace: on a line without a backtick, the regions around an
    index are those of its run of non-space characters (a scan of the whole line finds
    the same there), and scanning the run is enough."""

    def __init__(self, text: str, line: Line) -> None:
        self.text = text
        self.line = line
        self._whole_line = text.find("`", line.start, line.end) >= 0
        self._run_starts: list[int] = []  # of the runs scanned so far, in order
        self._runs: dict[int, tuple[int, list[int], list[int]]] = {}  # start: end, regions

    @functools.cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        spans = _protected_spans(self.text, self.line.start, self.line.end)
        return [s for s, _ in spans], [e for _, e in spans]

    def __contains__(self, index: int) -> bool:
        if self._whole_line:
            starts, ends = self._spans
            at = bisect.bisect_right(starts, index) - 1
            return at >= 0 and index < ends[at]
        text, line = self.text, self.line
        if not line.start <= index < line.end or text[index].isspace():
            return False
        at = bisect.bisect_right(self._run_starts, index) - 1
        if at >= 0 and index < self._runs[self._run_starts[at]][0]:
            _end, starts, ends = self._runs[self._run_starts[at]]  # a run scanned already
        else:
            start = index
            while start > line.start and not text[start - 1].isspace():
                start -= 1
            after = _SPACE_RE.search(text, index, line.end)
            end = after.start() if after else line.end
            spans = _protected_spans(text, start, end)
            starts, ends = [a for a, _ in spans], [b for _, b in spans]
            bisect.insort(self._run_starts, start)
            self._runs[start] = (end, starts, ends)
        at = bisect.bisect_right(starts, index) - 1
        return at >= 0 and index < ends[at]


def _after(text: str, index: int, line: Line) -> str:
    return text[index] if index < line.end else ""


def _high_punctuation_due(text: str, index: int, line: Line) -> bool:
    """``; : ! ?`` at ``index`` ends a word or clause (not ``20:44``, ``http:``, ``::``)."""
    after = _after(text, index + 1, line)
    return after == "" or after.isspace() or after in QUOTE_CHARS or after in SPACE_BEFORE_OK_AFTER


def _low_punctuation_due(text: str, index: int, line: Line, before: str) -> bool:
    """``,`` or ``.`` at ``index`` after a space is a misplaced space (not ``...``, ``.5``)."""
    after = _after(text, index + 1, line)
    if not (after == "" or after.isspace() or after in QUOTE_CHARS or after in ")]"):
        return False
    return not (text[index] == "." and (before == "." or text[index + 1 : index + 3] == " ."))


def _space_name(settings: TypographySettings) -> str:
    return SPACE_NAMES[settings.space_char]


def _whitespace_finding(
    text: str,
    start: int,
    end: int,
    line: Line,
    protected: _Protected,
    settings: TypographySettings,
) -> Finding | None:
    whitespace = text[start:end]
    before, after = text[start - 1], text[end]
    space = settings.space_char
    # A space touching a quotation mark may be the quote rule's, unless it is plainly
    # outside: after a closing mark (``x” :``) or before an opening one (``dit  “x``).
    quote_before = before in QUOTE_CHARS and not (
        before == "»"
        or (before != "«" and start - 1 > line.start and text[start - 2] not in HSPACE)
    )
    quote_after = after in QUOTE_CHARS and not (
        after == "«" or (after != "»" and end + 1 < line.end and text[end + 1] not in HSPACE)
    )
    if end in protected:
        after = ""  # an emoticon or a time: not punctuation
    if after and after in HIGH_PUNCTUATION and _high_punctuation_due(text, end, line):
        if quote_before or before in "?!" or settings.accepts(whitespace):
            return None
        return _finding(
            text,
            start,
            end + 1,
            SPACING_RULE,
            f"{_space_name(settings)} before '{after}'",
            space + after,
        )
    if after and after in ",." and _low_punctuation_due(text, end, line, before):
        if quote_before:
            return None
        return _finding(text, start, end + 1, SPACING_RULE, f"no space before '{after}'", after)
    if settings.guillemets and before == "«":
        if after in QUOTE_CHARS or settings.accepts(whitespace):
            return None
        return _finding(
            text, start, end, SPACING_RULE, f"{_space_name(settings)} inside « »", space
        )
    if settings.guillemets and after == "»":
        if before in QUOTE_CHARS or settings.accepts(whitespace):
            return None
        return _finding(
            text, start, end, SPACING_RULE, f"{_space_name(settings)} inside « »", space
        )
    if len(whitespace) < 2 or quote_before or quote_after or "\t" in whitespace:
        return None
    kept = next((char for char in whitespace if char in NO_BREAK), " ")
    return _finding(text, start, end, SPACING_RULE, "double space", kept)


# A run glued to ``; : ! ?`` holding one of these, or ``(digit``, is code: ``[:alnum:]``,
# ``./source;``, ``lvm(8):``, ``"\C-x": ``.
CODE_CHARS_RE = re.compile(r"[/\\_=<>{}\[\]$#@|`~^*.%+]|\(\d")
GLUED_RUN_TRIM = "\"'“”«»‘’()"


def _glued_to_code(text: str, index: int, line: Line, is_french: FrenchTest) -> bool:
    """Whether the mark at ``index`` ends a piece of code or a label rather than a French
    word: a field name (``Depends:``, ``Content-Type:``), a command (``apt update;``), a
    one-letter label (``E:``), a character class (``[:alnum:]``) or a quoted mark
    (``";"``). French typography is for French words."""
    run_start = index
    while run_start > line.start and not text[run_start - 1].isspace():
        run_start -= 1
    run = text[run_start:index]
    if CODE_CHARS_RE.search(run):
        return True
    before, after = run[-1:], _after(text, index + 1, line)
    if before in QUOTE_CHARS and after in QUOTE_CHARS:
        return True  # a mark quoted on its own: ``le séparateur est ";"``
    word = run.strip(GLUED_RUN_TRIM)
    if not word or not word.replace("-", "").isalpha():
        return False
    return len(word) == 1 or not is_french(word)


def _missing_space_findings(
    text: str,
    line: Line,
    piece: tuple[int, int],
    protected: _Protected,
    settings: TypographySettings,
    is_french: FrenchTest | None,
) -> Iterator[Finding]:
    space = settings.space_char
    name = _space_name(settings)
    for match in SPACED_PUNCTUATION_RE.finditer(text, *piece):
        index = match.start()
        char = text[index]
        if index in protected:
            continue
        before = text[index - 1] if index > line.start else ""
        after = _after(text, index + 1, line)
        if char in HIGH_PUNCTUATION:
            if (
                (before.isalnum() or (before and before in ')]»”"'))
                and _high_punctuation_due(text, index, line)
                and not (is_french and _glued_to_code(text, index, line, is_french))
            ):
                yield _finding(
                    text,
                    index,
                    index + 1,
                    MISSING_SPACE_RULE,
                    f"missing {name} before '{char}'",
                    space + char,
                )
        elif settings.guillemets and char == "«":
            if after and after not in HSPACE and after not in QUOTE_CHARS and after != "\r":
                yield _finding(
                    text,
                    index,
                    index + 1,
                    MISSING_SPACE_RULE,
                    f"missing {name} after '«'",
                    "«" + space,
                )
        elif (
            settings.guillemets
            and char == "»"
            and before
            and before not in HSPACE
            and before not in QUOTE_CHARS
        ):
            yield _finding(
                text,
                index,
                index + 1,
                MISSING_SPACE_RULE,
                f"missing {name} before '»'",
                space + "»",
            )


def check_spacing(
    document: Document,
    segments: list[Segment],
    settings: TypographySettings = DEFAULT_SETTINGS,
    is_french: FrenchTest | None = None,
) -> list[Finding]:
    """``typography-spacing``: a (narrow) no-break space before ``; : ! ?`` and inside
    guillemets, none before ``,`` and ``.``, no double spaces. With ``is_french``, a
    mark glued to something other than a French word (code, a field name) is left
    alone by ``typography-missing-space``."""
    text = document.text
    findings: list[Finding] = []
    for line in prose_lines(text, segments):
        protected = _Protected(text, line)
        for piece in line.pieces:
            findings.extend(
                _missing_space_findings(text, line, piece, protected, settings, is_french)
            )
            for match in SPACING_TRIGGER_RE.finditer(text, *piece):
                start, end = match.span()
                if start == line.start or end >= line.end:
                    continue  # indentation and trailing spaces (a Markdown line break)
                if end - start == 1 and text[end] not in ACTS_AFTER and text[start - 1] != "«":
                    continue  # one space between words, the most common case: nothing due
                if start in protected or end - 1 in protected:
                    continue
                found = _whitespace_finding(text, start, end, line, protected, settings)
                if found is not None:
                    findings.append(found)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings
